#!/usr/bin/env python3
"""One huge record against ordinary ones (issue #19, part 2).

Builds a single record of --mb megabytes of text from the news corpus (its articles joined
by blank lines), runs it through every stage in one process (`prensa classify`) and through
the piped chain, and prints the time per MB of text against the corpus's own records through
`prensa classify`, and the peak resident memory per byte of text. The record is written to a
temporary folder and removed afterwards; nothing of the corpus is kept.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time


def measure(command, stdin_path=None):
    """Wall seconds of a shell command, and the peak RSS (bytes) of its first program as GNU
    time reports it (a process's own rusage would count this script's memory: a child starts
    as a copy of its parent)."""
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.time()
        with open(stdin_path or os.devnull, "rb") as stdin:
            process = subprocess.run(
                ["bash", "-o", "pipefail", "-c", f"/usr/bin/time -f %M -o {rss.name} {command}"],
                stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.time() - start
        if process.returncode != 0:
            raise SystemExit(f"failed: {command}\n{process.stderr.decode()[-2000:]}")
        return seconds, int(rss.read().split()[-1]) * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--mb", type=float, default=20)
    args = parser.parse_args()
    texts = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    corpus_mb = sum(len(t.encode()) for t in texts) / 1e6
    records = len(texts)
    joined = "\n\n".join(texts)
    text = joined
    while len(text.encode()) < args.mb * 1e6:
        text += "\n\n" + joined
    text = text.encode()[: int(args.mb * 1e6)].decode("utf-8", "ignore")
    mb = len(text.encode()) / 1e6
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as folder:
        record = os.path.join(folder, "huge.jsonl")
        with open(record, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "huge", "text": text}, ensure_ascii=False) + "\n")
        del texts, joined, text
        ordinary, ordinary_rss = measure(f"{binary} classify {args.corpus}")
        one, one_rss = measure(f"{binary} classify {record}")

        def chain(path):
            return (f"{binary} normalize {path} | {binary} tokenize | {binary} tag"
                    f" | {binary} classify")

        ordinary_piped, _ = measure(chain(args.corpus))
        piped, _ = measure(chain(record))
    per_mb = ordinary / corpus_mb
    print(f"huge record: {mb:.1f} MB of text in one record ({corpus_mb:.1f} MB corpus as its "
          f"{records} records: {per_mb:.2f} s/MB, peak RSS {ordinary_rss / 1e6:.0f} MB)")
    print(f"  classify, one process: {one:.1f} s, {one / mb:.2f} s/MB = "
          f"{one / mb / per_mb:.2f}x ordinary (target <= 1.5x); peak RSS "
          f"{one_rss / 1e6:.0f} MB = {one_rss / (mb * 1e6):.0f} bytes a byte of text "
          f"(target: 1.5 GB for 50 MB, 30 bytes a byte)")
    piped_per_mb = ordinary_piped / corpus_mb
    print(f"  piped chain: {piped:.1f} s, {piped / mb:.2f} s/MB = "
          f"{piped / mb / piped_per_mb:.2f}x the corpus's records piped ({piped_per_mb:.2f} s/MB)")


if __name__ == "__main__":
    main()
