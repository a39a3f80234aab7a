#!/usr/bin/env bash
# Builds the page's WebAssembly with the settings in wasm-pack.toml (wasm-pack itself reads
# no such file: this script is what gives it its job).
#   scripts/build-wasm.sh                 build into the configured out_dir
#   scripts/build-wasm.sh --print-config  print the commands it would run, and stop
#   WASM_PACK_TOML=other.toml scripts/build-wasm.sh   read another settings file
set -euo pipefail
cd "$(dirname "$0")/.."
config=${WASM_PACK_TOML:-wasm-pack.toml}
[ -f "$config" ] || { echo "build-wasm: $config not found" >&2; exit 1; }

# Read the settings with Python's tomllib (stdlib since 3.11).
eval "$(python3 - "$config" <<'PY'
import shlex, sys, tomllib
with open(sys.argv[1], "rb") as f:
    c = tomllib.load(f)
b = c.get("build", {})
need = ["target", "out_dir", "out_name", "opt_level"]
missing = [k for k in need if k not in b]
if missing:
    sys.exit(f"build-wasm: [build] in {sys.argv[1]} lacks {', '.join(missing)}")
print(f"target={shlex.quote(str(b['target']))}")
print(f"out_dir={shlex.quote(str(b['out_dir']))}")
print(f"out_name={shlex.quote(str(b['out_name']))}")
print(f"opt_level={shlex.quote(str(b['opt_level']))}")
# Per-package opt-levels: cargo --config values are TOML (a number, or a quoted string).
cargo_args = []
for pkg, level in b.get("package_opt_level", {}).items():
    value = str(level) if str(level).isdigit() else '"' + str(level) + '"'
    cargo_args += ["--config", f"profile.release.package.{pkg}.opt-level={value}"]
print("cargo_args=(" + " ".join(shlex.quote(a) for a in cargo_args) + ")")
args = c.get("wasm-opt", {}).get("args", [])
print("wasm_opt_args=(" + " ".join(shlex.quote(a) for a in args) + ")")
PY
)"

build=(wasm-pack build --mode no-install --release --target "$target" --out-dir "$out_dir" --out-name "$out_name" --no-typescript --no-pack)
[ ${#cargo_args[@]} -gt 0 ] && build+=(-- "${cargo_args[@]}")
wasm="$out_dir/${out_name}_bg.wasm"
if [ "${1:-}" = "--print-config" ]; then
  echo "CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt_level ${build[*]}"
  [ ${#wasm_opt_args[@]} -gt 0 ] && echo "wasm-opt ${wasm_opt_args[*]} $wasm -o $wasm"
  exit 0
fi

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level" "${build[@]}"
if [ ${#wasm_opt_args[@]} -gt 0 ]; then
  command -v wasm-opt >/dev/null || { echo "build-wasm: wasm-opt not found (npm ci installs binaryen)" >&2; exit 1; }
  wasm-opt "${wasm_opt_args[@]}" "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
fi
rm -f "$out_dir/.gitignore" "$out_dir/package.json" "$out_dir/README.md"
echo "build-wasm: $wasm $(wc -c < "$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) gzip"
