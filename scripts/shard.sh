#!/usr/bin/env bash
# Shard a folder of articles across processes and merge the results, in input order.
#
# usage: scripts/shard.sh INPUT [JOBS] > results.jsonl
#   INPUT  a folder (or file) prensa ingest accepts; JOBS defaults to the number of cores.
#   PRENSA names the binary (default: prensa on PATH).
#
# It relies on the record filter contract: `prensa run -` reads records and writes one record per
# record, in order. The ingested stream is cut into JOBS contiguous line ranges, each range runs
# in its own process (xargs -P), and the outputs are concatenated in range order, so the result
# is byte-identical to a single `prensa run` over the same records.
set -euo pipefail
input=${1:?usage: scripts/shard.sh INPUT [JOBS] > results.jsonl}
jobs=${2:-$(nproc)}
prensa=${PRENSA:-prensa}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$prensa" ingest "$input" > "$work/records.jsonl"
split -n "l/$jobs" -d -a 4 "$work/records.jsonl" "$work/shard."
status=0
ls "$work"/shard.* | xargs -P "$jobs" -I{} sh -c '"$0" run --jobs 1 --quiet - < "$1" > "$1.out"' "$prensa" {} || status=$?
for shard in $(ls "$work"/shard.* | grep -v '\.out$' | sort); do cat "$shard.out"; done
exit $status
