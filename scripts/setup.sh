#!/usr/bin/env bash
# Installs what building and testing Copydesk needs, skipping what is present (idempotent).
# Everything comes from crates.io, npm or Debian (see ../shared/TOOLCHAIN.md for why each step is
# as it is). About 15 minutes on a fresh machine, a few seconds when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { echo "setup: $*" >&2; }

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || {
  say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

command -v wasm-pack >/dev/null || { say "installing wasm-pack (~4 min)"; cargo install --locked wasm-pack; }
# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock exactly; not --locked (a locked
# dependency is missing from the registry mirror).
wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$wbg" ] || {
  say "installing wasm-bindgen-cli $wbg (~8 min)"; cargo install --force wasm-bindgen-cli --version "$wbg"; }

# npm devDependencies (playwright-core, binaryen for wasm-opt, axe-core, peers for benchmarks).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm devDependencies"; npm ci --no-audit --no-fund --loglevel=error
fi
