#!/usr/bin/env python3
"""Does the tagger's speed depend on the lexicon's size? Tags the same corpus with a lexicon of
1,000 entries and one of 100,000 (synthetic names made of Spanish-looking syllables, plus the
shipped data files), and prints the tag stage's MB/s for each (from `prensa run --stats`).

usage: lexicon_scaling.py [--binary .build/release/prensa] [--corpus FILE.jsonl]
Target (issue 5): the 100,000-entry throughput stays at 80 % or more of the 1,000-entry one.
"""
import argparse, os, random, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def build(directory, entries, seed=1):
    if os.path.exists(directory):
        shutil.rmtree(directory)
    shutil.copytree(os.path.join(ROOT, "Lexicons"), directory, ignore=shutil.ignore_patterns("entities", "sources", "tools"))
    os.makedirs(os.path.join(directory, "es", "entities"))
    rng = random.Random(seed)
    syllables = ["ca", "ro", "mi", "la", "to", "ve", "nu", "sa", "de", "gri", "bal", "tor", "men", "zu", "pa", "li", "qui", "mon"]
    def word():
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
    with open(os.path.join(directory, "es", "entities", "synthetic.tsv"), "w", encoding="utf-8") as out:
        out.write("# synthetic entries for the scaling benchmark\n")
        for i in range(entries):
            label = ("PER", "ORG", "GPE", "MISC")[i % 4]
            out.write(f"SYN:{i}\t{label}\t{word()} {word()}\t{word()} {word()} {word()}\t\t\n")

def tag_speed(binary, corpus, lexicons):
    proc = subprocess.run([binary, "run", "--stats", "--quiet", "--jobs", "1", "--lexicons", lexicons, corpus],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    for line in proc.stderr.splitlines():
        if "stage tag:" in line:
            return float(line.split(",")[1].split("MB/s")[0])
    sys.exit("no tag timing in: " + proc.stderr)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "prensa"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "news", "fakenews_es.jsonl"))
    a = ap.parse_args()
    results = os.path.join(HERE, "results")
    os.makedirs(results, exist_ok=True)
    speeds = {}
    for size in (1_000, 100_000):
        directory = os.path.join(results, f"lexicon-{size}")
        build(directory, size)
        speeds[size] = max(tag_speed(a.binary, a.corpus, directory) for _ in range(2))
        print(f"{size:>7} entries: tag {speeds[size]:.2f} MB/s")
    print(f"100,000 / 1,000 throughput: {speeds[100_000] / speeds[1_000] * 100:.0f} % (target >= 80 %)")

main()
