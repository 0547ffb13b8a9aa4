#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) on a working corpus seeded from Tests/Fuzz/corpus.
# usage: Tests/Fuzz/run.sh [SECONDS]        (after Tests/Fuzz/build.sh)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/.build/fuzz
seconds=${1:-60}
status=0
for target in jsonl lexicon normalize model segment; do
  work=$out/corpus-$target
  mkdir -p "$work" "$out/crashes-$target"
  cp -n "$root/Tests/Fuzz/corpus/$target/"* "$work/" 2>/dev/null || true
  echo "== fuzz-$target for $seconds s"
  (cd "$out/crashes-$target" && "$out/fuzz-$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 "$work" 2>&1 | tail -2) || status=1
done
exit $status
