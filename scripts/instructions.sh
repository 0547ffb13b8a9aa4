#!/usr/bin/env bash
# Instructions executed per stage of `prensa run` on one input, counted by callgrind: the same
# count on every run (wall-clock times on a shared machine vary by a third), so two binaries can
# be compared on small changes.
#
#   scripts/instructions.sh [BINARY] [INPUT.jsonl] [LEXICONS]
#
# Defaults: .build/release/prensa, the first 2,000 records of bench/results/corpus-paragraphs.jsonl
# (made by `make bench`), Lexicons. Needs valgrind. The binary is copied without its debug
# information (valgrind 3.19 cannot read the toolchain's DWARF 5), and Swift's hashing is made
# deterministic so that dictionary probing repeats exactly.
set -euo pipefail
binary=${1:-.build/release/prensa}
input=${2:-}
lexicons=${3:-Lexicons}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z "$input" ]]; then
  input="$work/input.jsonl"
  head -2000 bench/results/corpus-paragraphs.jsonl > "$input"
fi
command -v valgrind > /dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 69; }
strip --strip-debug -o "$work/prensa" "$binary"
SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/out" \
  "$work/prensa" run --jobs 1 --quiet --lexicons "$lexicons" "$input" > /dev/null 2> "$work/log" \
  || { tail -5 "$work/log" >&2; exit 1; }
callgrind_annotate --inclusive=yes "$work/out" 2> /dev/null | swift demangle --simplified \
  > "$work/report"
for stage in Normalizer.process Tokenizer.process EntityTagger.process \
  LearnedClassifier.process Document.write BatchRunner.run; do
  count=$(grep -m1 -F "$stage(" "$work/report" | awk '{gsub(",", "", $1); print $1}')
  printf '%-26s %15s\n' "$stage" "${count:-0}"
done
total=$(grep -m1 "PROGRAM TOTALS" "$work/report" | awk '{gsub(",", "", $1); print $1}')
printf '%-26s %15s\n' "program" "$total"
