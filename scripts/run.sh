#!/usr/bin/env bash
# Installs what is missing, builds the release WASM and the single-file page, and serves www/ on
# http://127.0.0.1:$PORT/ (PORT defaults to 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
if [ -f scripts/build-single.mjs ]; then node scripts/build-single.mjs; fi
port=${PORT:-8080}
echo "Copydesk: http://127.0.0.1:$port/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
