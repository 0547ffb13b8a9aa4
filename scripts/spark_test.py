#!/usr/bin/env python3
"""`make spark-test`: prensa on PySpark in local mode gives, record for record, what one `prensa
run` gives, and reports (never loses) a record prensa rejects.

usage: spark_test.py [--prensa BINARY] [--records N] [--master local[2]]

Records: the repository gold's articles cut into paragraphs, repeated with fresh ids up to N
(default 3,000), plus one line prensa must reject. Needs PySpark (PyPI) and a Java runtime.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prensa", default=os.path.join(ROOT, ".build", "release", "prensa"))
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--master", default="local[2]")
    a = ap.parse_args()
    paragraphs = []
    for line in open(os.path.join(ROOT, "Tests", "Gold", "articles.jsonl"), encoding="utf-8"):
        record = json.loads(line)
        paragraphs += [p for p in record["text"].split("\n") if p.strip()]
    records = []
    while len(records) < a.records:
        for p in paragraphs:
            if len(records) >= a.records:
                break
            records.append({"id": f"p{len(records):06d}", "text": p})
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good.jsonl")
        with open(good, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        dataset = os.path.join(tmp, "dataset.jsonl")
        bad = '{"id": "bad", "text": 5}'
        with open(dataset, "w", encoding="utf-8") as f:
            f.write(open(good, encoding="utf-8").read())
            f.write(bad + "\n")
        expected = subprocess.run([a.prensa, "run", "--quiet", "--jobs", "1", good],
                                  capture_output=True, text=True, check=True).stdout.splitlines()
        out = os.path.join(tmp, "out")
        start = time.time()
        proc = subprocess.run(
            [sys.executable, os.path.join(ROOT, "scripts", "spark_run.py"), dataset, "--output", out,
             "--prensa", a.prensa, "--lexicons", os.path.join(ROOT, "Lexicons"), "--partitions", "4",
             "--master", a.master], capture_output=True, text=True)
        seconds = time.time() - start
        if proc.returncode != 65:
            sys.exit(f"spark-test: spark_run.py exited {proc.returncode} (expected 65: one rejected record)\n{proc.stderr[-2000:]}")
        got = []
        for part in sorted(glob.glob(os.path.join(out, "part-*"))):
            got += [l for l in open(part, encoding="utf-8").read().splitlines() if l]
        def by_id(lines):
            return sorted(lines, key=lambda l: json.loads(l)["id"])
        if len(got) != len(expected):
            sys.exit(f"spark-test: {len(got)} records from Spark, {len(expected)} from one run")
        for e, g in zip(by_id(expected), by_id(got)):
            if e != g:
                sys.exit(f"spark-test: records differ:\n  one run: {e[:300]}\n  spark:   {g[:300]}")
        rejected = open(os.path.join(out, "rejected", "rejected.txt"), encoding="utf-8").read()
        if bad not in rejected or "text" not in rejected:
            sys.exit(f"spark-test: the bad record was not reported:\n{rejected}")
        print(f"spark-test: {len(got)} records through PySpark ({a.master}, 4 partitions) equal one "
              f"prensa run record for record; 1 rejected record reported; {seconds:.1f} s")


if __name__ == "__main__":
    main()
