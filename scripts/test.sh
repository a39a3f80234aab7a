#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit and integration tests (including the DEV-set
# score gates when ../shared is present), wasm-bindgen tests in Node and headless Chromium, and the
# end-to-end page tests (Playwright driving Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { echo; echo "=== $* ==="; }

step "cargo fmt --check"; cargo fmt --check
step "cargo clippy"; cargo clippy --locked --all-targets -- -D warnings
step "native tests"; cargo test --locked --release
step "wasm build"; bash scripts/build-wasm.sh
if [ -f scripts/build-single.mjs ]; then step "single-file page"; node scripts/build-single.mjs; fi
step "wasm tests (node)"; wasm-pack test --mode no-install --node
step "wasm tests (headless chromium)"; CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --mode no-install --headless --chrome
step "page end-to-end tests"; node --test --test-concurrency=1 tests/e2e/
if [ -f scripts/bench.sh ]; then step "benchmark smoke run"; bash scripts/bench.sh --smoke; fi
echo; echo "all tests passed"
