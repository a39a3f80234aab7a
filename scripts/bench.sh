#!/usr/bin/env bash
# Runs every benchmark and prints ONE Markdown table (the README's "Performance" table).
#   scripts/bench.sh           full run (~10 min on 2 cores): native stages and scaling (divan
#                              and a JSON summary), native peak memory for 10 MB, the WASM next to
#                              compromise / wink-nlp / Readability in Node and in headless Chromium,
#                              sizes. Figures land in target/bench/ (table.md is the table).
#   scripts/bench.sh --smoke   one quick pass of each piece (< 1 min once built): CI checks they run.
# Articles: ../shared/data/boilerplate DEV pastes and pages when present, else benches/fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
out=target/bench
mkdir -p "$out"
say() { echo "bench: $*" >&2; }

# 1. Native: per-stage throughput, whole analyze(), scaling (JSON summary; divan tables in a full run).
say "native stages (cargo bench)"
if [ $smoke = 1 ]; then
  COPYDESK_BENCH_JSON="$out/native.json" COPYDESK_BENCH_SMOKE=1 cargo bench --quiet --bench pipeline
else
  COPYDESK_BENCH_JSON="$out/native.json" cargo bench --quiet --bench pipeline
  cargo bench --quiet --bench pipeline 2>&1 | tee "$out/divan.txt" >&2
fi

# 2. Native peak memory (max RSS) and time for a 10 MB paste (100 KB in a smoke run).
cargo build --quiet --release --bin copydesk
size=$([ $smoke = 1 ] && echo 100000 || echo 10000000)
python3 - "$size" "$out/big.txt" <<'PY'
import pathlib, sys
size, dest = int(sys.argv[1]), sys.argv[2]
shared = pathlib.Path("../shared/data/boilerplate")
texts = [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*/paste.txt"))] if shared.is_dir() else []
texts = texts or [pathlib.Path("benches/fixtures/article.txt").read_text(encoding="utf-8")]
parts, n, i = [], 0, 0
while n < size:
    t = texts[i % len(texts)] + "\n\n"
    parts.append(t); n += len(t.encode()); i += 1
pathlib.Path(dest).write_text("".join(parts), encoding="utf-8")
PY
python3 - "$out/big.txt" "$out/native-memory.json" <<'PY'
import json, os, resource, subprocess, sys, time
src, dest = sys.argv[1], sys.argv[2]
t = time.perf_counter()
r = subprocess.run(["target/release/copydesk", "analyze", src], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
secs = time.perf_counter() - t
if r.returncode != 0:
    sys.exit("bench: copydesk analyze failed: " + r.stderr.decode(errors="replace"))
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
size = os.path.getsize(src)
json.dump({"input_bytes": size, "max_rss": rss, "seconds": secs}, open(dest, "w"))
print(f"bench: native CLI on {size} bytes: {secs:.2f} s, max RSS {rss/1e6:.1f} MB ({rss/size:.1f}x input)", file=sys.stderr)
PY

# 3. WASM next to the JavaScript peers, in Node and in headless Chromium.
[ -f www/pkg/copydesk_bg.wasm ] || { say "building the WASM"; bash scripts/build-wasm.sh; }
# The single-file page inlines this WASM: rebuilt so that its size in the table is current.
node scripts/build-single.mjs
flags=(); [ $smoke = 1 ] && flags=(--smoke)
say "WASM and peers in Node"
node scripts/bench-js.mjs "${flags[@]}" --json "$out/js-node.json"
if [ -x /usr/bin/chromium ]; then
  say "WASM and peers in headless Chromium"
  node scripts/bench-js.mjs --browser "${flags[@]}" --json "$out/js-browser.json"
else
  say "no /usr/bin/chromium: skipping the browser figures"; rm -f "$out/js-browser.json"
fi

# 4. One table.
bash scripts/bench-table.sh "$out" | tee "$out/table.md"
