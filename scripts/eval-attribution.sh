#!/usr/bin/env bash
# Scores the sources stage (who said what) on the DEV split of the attribution corpus.
#   scripts/eval-attribution.sh [--debug] [--keep FILE]
# Builds the CLI (release unless --debug), runs `copydesk batch --task sources --whole`
# on dev.jsonl, prints docs/s, then runs the shared scorer on all attributions and on
# the speech-cue subset (--speech-only).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug; shift ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
gold="${ATTRIBUTION_DATA:-../shared/data/attribution}/dev.jsonl"
[ -f "$gold" ] || { echo "no attribution data at $gold" >&2; exit 1; }
if [ "$profile" = release ]; then
  cargo build --release --quiet --bin copydesk
else
  cargo build --quiet --bin copydesk
fi
bin="target/$profile/copydesk"
pred="${keep:-$(mktemp --suffix=.jsonl)}"
docs=$(wc -l <"$gold")
start=$(date +%s.%N)
"$bin" batch --task sources --whole <"$gold" >"$pred"
end=$(date +%s.%N)
python3 - "$docs" "$start" "$end" <<'PY'
import sys
n, s, e = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print("%d docs in %.3f s: %.0f docs/s (includes reading the gold JSONL)" % (n, e - s, n / (e - s)))
PY
python3 ../shared/tools/score_attribution.py "$gold" "$pred"
python3 ../shared/tools/score_attribution.py "$gold" "$pred" --speech-only
echo "predictions: $pred"
