#!/usr/bin/env bash
# Scores the boilerplate stage on the DEV pages of the boilerplate benchmark.
#   scripts/eval-boilerplate.sh [text|html] [--favor balanced|precision|recall] [--keep DIR]
# text: reads each page's paste.txt (what a reader pastes); html: its source.html.
# Builds the CLI (release), writes <id>.txt predictions to a temp dir, runs the shared
# scorer and prints its summary (and per-page scores with --per-page).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-text}"
shift || true
favor=balanced
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --favor) favor="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$mode" in
  text) file=paste.txt; flag=--text ;;
  html) file=source.html; flag=--html ;;
  *) echo "usage: $0 [text|html] [--favor balanced|precision|recall] [--keep DIR]" >&2; exit 2 ;;
esac
data="${BOILERPLATE_DATA:-../shared/data/boilerplate}"
[ -d "$data" ] || { echo "no benchmark data at $data" >&2; exit 1; }
cargo build --release --quiet --bin copydesk
bin=target/release/copydesk
pred="${keep:-$(mktemp -d)}"
mkdir -p "$pred"
for d in "$data"/*/; do
  id=$(basename "$d")
  [ -f "$d/truth.txt" ] || continue
  "$bin" clean "$d/$file" "$flag" --favor "$favor" >"$pred/$id.txt"
done
python3 ../shared/tools/score_boilerplate.py "$data" "$pred" --per-page "$pred/per-page.tsv"
echo "per-page scores: $pred/per-page.tsv"
