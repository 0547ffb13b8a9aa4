#!/usr/bin/env python3
"""prensa on Spark: pipes the partitions of a JSONL dataset through `prensa run -` on the
executors and writes the results (docs/scaling.md).

usage: spark_run.py INPUT... --output DIR [--prensa BINARY] [--lexicons DIR] [--partitions N]
                    [--master local[2]]

The prensa binary and the Lexicons folder are shipped to the executors with the job (SparkContext
.addFile; on a cluster, `spark-submit --files prensa --archives Lexicons.tar.gz#Lexicons` does the
same), and each partition runs one `prensa run --quiet --jobs 1 -` with PRENSA_LEXICONS pointing at
the shipped folder: Spark's executors give the parallelism. Lines prensa rejects are not lost:
they are written, with prensa's message, to DIR/rejected/ and counted on standard error, and the
exit status is 65 when there were any (as `prensa run`'s).
"""
import argparse
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+", help="JSONL files or folders (any Hadoop path)")
    ap.add_argument("--output", required=True, help="output folder (must not exist)")
    ap.add_argument("--prensa", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "prensa"))
    ap.add_argument("--lexicons", default=os.path.join(os.path.dirname(__file__), "..", "Lexicons"))
    ap.add_argument("--partitions", type=int, default=0, help="repartition to this many (0: as read)")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    a = ap.parse_args()

    from pyspark import SparkConf, SparkContext, SparkFiles

    conf = SparkConf().setAppName("prensa")
    if a.master:
        conf = conf.setMaster(a.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("ERROR")
    sc.addFile(os.path.abspath(a.prensa))
    sc.addFile(os.path.abspath(a.lexicons), recursive=True)
    binary_name = os.path.basename(a.prensa)
    lexicons_name = os.path.basename(os.path.abspath(a.lexicons))

    def run_partition(lines):
        """One prensa process per partition: ("ok", record) per result, ("rejected", line, why)
        per line prensa rejected."""
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, 0o755)
        env = dict(os.environ, PRENSA_LEXICONS=SparkFiles.get(lexicons_name), PRENSA_CACHE_DIR="off")
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            rejects = os.path.join(tmp, "rejects.jsonl")
            data = "".join(line + "\n" for line in lines).encode("utf-8")
            proc = subprocess.run(
                [binary, "run", "--quiet", "--jobs", "1", "--rejects", rejects, "-"],
                input=data, capture_output=True, env=env)
            if proc.returncode not in (0, 65):
                raise RuntimeError(f"prensa failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
            out = [("ok", line) for line in proc.stdout.decode("utf-8").splitlines() if line]
            reasons = [l for l in proc.stderr.decode("utf-8").splitlines() if l.startswith("prensa run: <stdin>:")]
            bad = open(rejects, encoding="utf-8").read().splitlines() if os.path.exists(rejects) else []
            for i, line in enumerate(bad):
                out.append(("rejected", line, reasons[i] if i < len(reasons) else "rejected"))
            return out

    records = sc.textFile(",".join(a.inputs)).filter(lambda line: line.strip() != "")
    if a.partitions:
        records = records.repartition(a.partitions)
    results = records.mapPartitions(run_partition).cache()
    results.filter(lambda r: r[0] == "ok").map(lambda r: r[1]).saveAsTextFile(a.output)
    rejected = results.filter(lambda r: r[0] == "rejected").collect()
    if rejected:
        folder = os.path.join(a.output, "rejected")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "rejected.txt"), "w", encoding="utf-8") as f:
            for _, line, why in rejected:
                f.write(why + "\n" + line + "\n")
        print(f"spark_run: {len(rejected)} records rejected (see {folder})", file=sys.stderr)
    sc.stop()
    sys.exit(65 if rejected else 0)


if __name__ == "__main__":
    main()
