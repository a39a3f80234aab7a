#!/usr/bin/env bash
# Scores the shipped name tagger with the project's scorer (../shared/tools/score_ner.py),
# through the same path a reader's paste takes: `copydesk batch --task entities --whole`.
#   CoNLL-2003 testa (dev)        headline target: PER/ORG/LOC F1 >= 92
#   UNER English-PUD (open eval)  headline target: PER/ORG/LOC F1 >= 75
# Usage: scripts/eval-ner.sh            (needs ../shared; writes into target/eval-ner/)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
NER="$SHARED/data/ner"
SCORE="$SHARED/tools/score_ner.py"
OUT=target/eval-ner
mkdir -p "$OUT"
cargo build --release --quiet --bin copydesk
BIN=target/release/copydesk

run() { # name gold [scorer column flags...]
  local name=$1 gold=$2; shift 2
  python3 "$SCORE" texts "$gold" "$@" > "$OUT/$name.units.jsonl"
  local t0=$(date +%s.%N)
  "$BIN" batch --task entities --whole < "$OUT/$name.units.jsonl" > "$OUT/$name.pred.jsonl"
  local t1=$(date +%s.%N)
  echo "== $name ($(wc -l < "$OUT/$name.units.jsonl") units, $(echo "$t1 - $t0" | bc) s for the whole pipeline)"
  python3 "$SCORE" score "$gold" "$OUT/$name.pred.jsonl" "$@"
}

run testa "$NER/conll2003/eng.testa"
run pud "$NER/uner_en_pud/en_pud-ud-test.iob2" --token-col 1 --tag-col 2
