#!/usr/bin/env python3
"""prensa's benchmark: every stage and the whole pipeline, side by side with spaCy on the same
input, as MB/s, tokens/s and peak RSS, with ratios prensa/peer (min-max over rounds).

usage: bench.py [--binary .build/release/prensa] [--corpus FILE.jsonl|FOLDER] [--mb 20] [--rounds 3]
                [--shape articles|paragraphs] [--ruler-size N] [--no-peer] [--rss-check]

Two configurations (`make bench` runs both): whole articles, one record each, against a ruler
holding every alias of prensa's lexicons; and `--shape paragraphs --ruler-size 438`, one
paragraph per record (many short records: per-record costs show) against a small ruler (every
k-th of those patterns).

The corpus (default ../shared/data/news/fakenews_es.jsonl) is repeated to at least --mb MB of text
(ids made unique). Contenders run interleaved, round after round. The peer runs in a virtual
environment the harness creates (bench/.venv, `pip install "spacy>=3.8,<3.9"`); with no network it
is skipped and said so. MB/s counts the UTF-8 bytes of the records' `text`, the same for both
sides. Results go to bench/results/ (git-ignored). Standard library only.
"""
import argparse, json, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")

def run(cmd, stdin=None, stdout=subprocess.DEVNULL, shell=False):
    """Runs a command; returns (seconds, peak RSS in MB, stdout text if captured)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, shell=shell)
    out = proc.stdout.read().decode() if stdout == subprocess.PIPE else ""
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed ({status}): {cmd}\n{err[:600]}")
    return seconds, usage.ru_maxrss / 1024, out, err

def paragraphs(records):
    """Each record's text cut at line breaks: one record per non-empty paragraph."""
    out = []
    for r in records:
        for i, part in enumerate(p for p in r["text"].split("\n") if p.strip()):
            out.append({"id": f"{r['id']}/{i}", "text": part})
    return out

def prepare(corpus, megabytes, path, shape="articles"):
    records = []
    if os.path.isdir(corpus):
        for root, _, files in sorted(os.walk(corpus)):
            for name in sorted(files):
                if name.endswith((".txt", ".md")):
                    records.append({"id": name, "text": open(os.path.join(root, name), encoding="utf-8").read()})
    else:
        records = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
    if shape == "paragraphs":
        records = paragraphs(records)
    size, rounds, count = 0, 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            for r in records:
                out.write(json.dumps({"id": f"{r['id']}#{rounds}", "text": r["text"]}, ensure_ascii=False) + "\n")
                size += len(r["text"].encode())
                count += 1
            rounds += 1
    return size, count

def patterns_from_lexicons(lexicons, path, size=0):
    """Every alias of the lexicons as an EntityRuler phrase pattern; with `size`, every k-th of
    them, `size` in all."""
    n = 0
    with open(path + ".all", "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(lexicons)):
            if not name.endswith(".tsv"):
                continue
            for line in open(os.path.join(lexicons, name), encoding="utf-8"):
                if line.startswith("#") or not line.strip():
                    continue
                cells = line.rstrip("\n").split("\t")
                for alias in [cells[2]] + [a for a in cells[3].split("|") if a] if len(cells) > 3 else [cells[2]]:
                    if alias.startswith("~"):
                        continue
                    out.write(json.dumps({"label": cells[1], "pattern": alias, "id": cells[0]}, ensure_ascii=False) + "\n")
                    n += 1
    lines = open(path + ".all", encoding="utf-8").readlines()
    if size and size < len(lines):
        step = len(lines) / size
        lines = [lines[int(i * step)] for i in range(size)]
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(lines)
    return len(lines)

def peer_python():
    venv = os.path.join(HERE, ".venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        print("setting up the peer: python3 -m venv bench/.venv; pip install 'spacy>=3.8,<3.9'", file=sys.stderr)
        if subprocess.run([sys.executable, "-m", "venv", venv]).returncode != 0:
            return None
    if subprocess.run([python, "-c", "import spacy"], capture_output=True).returncode != 0:
        if subprocess.run([python, "-m", "pip", "install", "-q", "spacy>=3.8,<3.9"]).returncode != 0:
            return None
    return python

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/prensa")
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "data", "news", "fakenews_es.jsonl"))
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--rss-check", action="store_true", help="also run 5x the corpus to check that peak RSS stays flat")
    ap.add_argument("--shape", choices=["articles", "paragraphs"], default="articles",
                    help="one record per article, or one per paragraph")
    ap.add_argument("--ruler-size", type=int, default=0, help="the peer's ruler: this many patterns (0: all)")
    a = ap.parse_args()
    if not os.path.exists(a.corpus):
        sys.exit(f"no corpus at {a.corpus} (use --corpus or DATA=...)")
    os.makedirs(RESULTS, exist_ok=True)
    corpus = os.path.join(RESULTS, f"corpus-{a.shape}.jsonl")
    text_bytes, documents = prepare(a.corpus, a.mb, corpus, a.shape)
    mb = text_bytes / 1e6
    b = a.binary
    lexicons = os.path.join(HERE, "..", "Lexicons", "es", "entities")
    patterns = os.path.join(RESULTS, "patterns.jsonl")
    n_patterns = patterns_from_lexicons(lexicons, patterns, a.ruler_size)
    tiny = os.path.join(RESULTS, "tiny.jsonl")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "t", "text": "Rusia y Corea del Norte firmaron un pacto de defensa mutua."}, ensure_ascii=False) + "\n")
    # Token count, from one prensa pass.
    proc = subprocess.run(f"{b} tokenize {corpus} | python3 -c \"import sys,json; print(sum(len(json.loads(l)['tokens']) for l in sys.stdin))\"",
                          shell=True, capture_output=True, text=True)
    tokens = int(proc.stdout.strip() or 0)
    contenders = {
        "prensa run --jobs 1": ([b, "run", "--jobs", "1", "--quiet", corpus], False),
        "prensa run --jobs 2": ([b, "run", "--jobs", "2", "--quiet", corpus], False),
        "prensa piped chain": (f"{b} normalize {corpus} | {b} tokenize | {b} tag | {b} classify", True),
        "prensa startup (tiny record)": ([b, "classify", tiny], False),
    }
    python = None if a.no_peer else peer_python()
    if python is None and not a.no_peer:
        print("peer unavailable (spaCy could not be installed): prensa figures only", file=sys.stderr)
    peer = os.path.join(HERE, "peer_spacy.py")
    if python:
        contenders.update({
            "spaCy blank tokenizer": ([python, peer, corpus, "--mode", "tokenize"], False),
            "spaCy ruler (no JSONL)": ([python, peer, corpus, "--mode", "ruler", "--patterns", patterns], False),
            "spaCy ruler + JSONL": ([python, peer, corpus, "--mode", "ruler", "--patterns", patterns, "--output", os.path.join(RESULTS, "spacy.jsonl")], False),
            "spaCy startup (tiny record)": ([python, peer, tiny, "--mode", "tokenize"], False),
        })
    times = {k: [] for k in contenders}
    rss = {k: [] for k in contenders}
    stages = {}
    for r in range(a.rounds):
        for name, (cmd, shell) in contenders.items():
            seconds, peak, _, _ = run(cmd, shell=shell)
            times[name].append(seconds)
            rss[name].append(peak)
        _, _, _, err = run([b, "run", "--stats", "--quiet", corpus])
        for line in err.splitlines():
            if "stage " in line:
                stage = line.split("stage ")[1].split(":")[0]
                stages.setdefault(stage, []).append(float(line.split(": ")[2].split(" s")[0]))
    print(f"corpus ({a.shape}): {documents} records, {mb:.1f} MB of text, {tokens} tokens; {n_patterns} ruler patterns from prensa's lexicons; {a.rounds} rounds")
    print(f"{'contender':32} {'MB/s':>8} {'tokens/s':>11} {'peak RSS MB':>12}")
    report = {"shape": a.shape, "ruler_patterns": n_patterns, "text_mb": mb, "tokens": tokens, "documents": documents, "rounds": a.rounds, "contenders": {}, "stages": {}}
    for name, ts in times.items():
        best = min(ts)
        startup = "startup" in name
        rate = "" if startup else f"{mb / best:8.2f}"
        tps = "" if startup else f"{tokens / best:11.0f}"
        shown = f"{best*1000:7.0f} ms" if startup else rate
        print(f"{name:32} {shown:>8} {tps:>11} {max(rss[name]):12.0f}")
        report["contenders"][name] = {"seconds": ts, "peak_rss_mb": rss[name]}
    for stage, ts in stages.items():
        print(f"{'  stage ' + stage + ' (in process)':32} {mb / min(ts):8.2f}")
        report["stages"][stage] = ts
    def ratio(a_name, b_name, inverse=False):
        if a_name not in times or b_name not in times:
            return None
        pairs = [(x / y) for x, y in zip(times[b_name], times[a_name])]
        return min(pairs), max(pairs)
    lines = []
    for label, mine, theirs in [
        ("run --jobs 1 vs spaCy ruler + JSONL (target >= 5x)", "prensa run --jobs 1", "spaCy ruler + JSONL"),
        ("piped chain vs spaCy ruler + JSONL (target >= 2x)", "prensa piped chain", "spaCy ruler + JSONL"),
        ("startup vs spaCy startup (target >= 10x)", "prensa startup (tiny record)", "spaCy startup (tiny record)"),
        ("run --jobs 2 vs run --jobs 1 (target >= 1.7x)", "prensa run --jobs 2", "prensa run --jobs 1"),
    ]:
        r = ratio(mine, theirs)
        if r:
            lines.append(f"{label:55} {r[0]:6.2f}x .. {r[1]:.2f}x")
            report.setdefault("ratios", {})[label] = r
    print("ratios (min .. max over rounds):")
    print("\n".join(lines) if lines else "  (no peer)")
    if a.rss_check:
        big = os.path.join(RESULTS, "corpus-big.jsonl")
        prepare(a.corpus, a.mb * 5, big)
        _, small_rss, _, _ = run([b, "run", "--jobs", "1", "--quiet", corpus])
        _, big_rss, _, _ = run([b, "run", "--jobs", "1", "--quiet", big])
        print(f"peak RSS: {small_rss:.0f} MB at {a.mb:.0f} MB in, {big_rss:.0f} MB at {a.mb*5:.0f} MB in")
        report["rss_check"] = {"small_mb": small_rss, "big_mb": big_rss}
    path = os.path.join(RESULTS, time.strftime(f"bench-{a.shape}-%Y%m%d-%H%M%S.json"))
    json.dump(report, open(path, "w"), indent=2)
    print(f"results: {path}")

if __name__ == "__main__":
    main()
