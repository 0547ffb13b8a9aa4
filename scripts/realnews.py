#!/usr/bin/env python3
"""Rebuild the real-news classification corpus (bench/realnews) as gold JSONL, split by article.

The repository holds labels, hashes and offsets, never third-party text (bench/realnews/README.md):
- `news` articles (CC BY 4.0, Spanish Fake News Corpus) carry their text;
- `page` articles are rebuilt from your own saved copies of the pages (`--pages FILE...`, JSONL
  `{"id", "excerpt"}` with each excerpt exactly as retrieved): cleaned, normalized with prensa, and
  checked against the stored hashes;
- the real-train part of ../shared/data (EFE stories from CoNLL-2002 and 30 pages) is rebuilt with
  that folder's own scripts (`--shared`, plus `--real-train-pages` for its saved page copies).

    python3 scripts/realnews.py --pages raw.jsonl --real-train-pages rt.jsonl --out .build/realnews

writes OUT/train.jsonl, OUT/dev.jsonl and OUT/test.jsonl (records `{"id", "text", "sentences"}`
in the shape `prensa evaluate --gold` and `prensa train classify --gold` read).

    python3 scripts/realnews.py stats

prints the corpus in figures, with the annotators' agreement (from the committed files alone).
"""
import argparse, hashlib, importlib.util, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATE_MARK = re.compile(r"^\s*date \d{4}(?:-\d{2}){0,2}\s+")
SENTENCE_END = re.compile(r"(?<![.(])[.!?](?![.)])[\"”»’)\]]*(?=\s|$)")
ENDS_SENTENCE = re.compile(r"[.!?][\"”»’)\]]*$")


def split_of(article_id):
    """Deterministic split by article: 15 % test, 15 % dev, 70 % train."""
    bucket = int(hashlib.sha1(("prensa-realnews:" + article_id).encode()).hexdigest()[:8], 16) % 100
    return "test" if bucket < 15 else "dev" if bucket < 30 else "train"


def quotes_balanced(paragraph):
    return (paragraph.count("«") == paragraph.count("»") and paragraph.count("“") == paragraph.count("”")
            and paragraph.count('"') % 2 == 0)


def clean_excerpt(excerpt):
    """A stored page excerpt as annotated: no leading date marker, runs of blank lines collapsed,
    and a last sentence cut off by the excerpt's end removed."""
    text = DATE_MARK.sub("", excerpt, count=1).strip()
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not ENDS_SENTENCE.search(text):
        ends = list(SENTENCE_END.finditer(text))
        if ends:
            cut = ends[-1].end()
            inside_paragraph = not text[cut:].lstrip(" \t").startswith("\n")
            text = text[:cut].rstrip()
            if inside_paragraph and not quotes_balanced(text.split("\n")[-1]):
                text = "\n".join(text.split("\n")[:-1]).rstrip()
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def sha1(text):
    return hashlib.sha1(text.encode()).hexdigest()


def normalize(prensa, records):
    """Texts as `prensa normalize` leaves them, by id."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    out = subprocess.run([prensa, "normalize", f.name], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    return {json.loads(line)["id"]: json.loads(line)["text"] for line in out.splitlines()}


def conll_sentences(shared, name):
    """The sentences of a CoNLL-2002 file (`conll2002/esp.train`, `conll2002/esp.testa`) and the
    detokenizer the real-train stories use (the story texts are rebuilt exactly as
    ../shared/data/real-train/build_text.py rebuilds them)."""
    builder = os.path.join(shared, "real-train", "build_text.py")
    corpus = os.path.join(shared, name)
    if not (os.path.exists(builder) and os.path.exists(corpus)):
        print(f"no CoNLL-2002 text at {corpus}: its agency stories are left out", file=sys.stderr)
        return None
    spec = importlib.util.spec_from_file_location("real_train_build_text", builder)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sentences(corpus), module.detok


def gold_record(article_id, text, rows):
    sentences = []
    for row in rows:
        stance = {"label": row["stance"]}
        if row.get("holder"):
            stance["holder"] = row["holder"]
        elif row.get("holder_span"):
            stance["holder"] = text[row["holder_span"][0]:row["holder_span"][1]]
        sentences.append({"start": row["start"], "end": row["end"],
                          "cooperation": {"category": row["category"], "also": row.get("also", [])}, "stance": stance})
    return {"id": article_id, "text": text, "sentences": sentences}


def kappa(pairs):
    """Cohen's kappa and raw agreement of a list of (first, second) labels."""
    n = len(pairs)
    if n == 0:
        return float("nan"), float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first, second = {}, {}
    for a, b in pairs:
        first[a] = first.get(a, 0) + 1
        second[b] = second.get(b, 0) + 1
    expected = sum(first.get(k, 0) * second.get(k, 0) for k in set(first) | set(second)) / (n * n)
    return ((observed - expected) / (1 - expected) if expected < 1 else 1.0), observed


def stats(corpus):
    """The corpus in figures: articles and sentences by kind and split, labels, and the agreement
    of the two blind passes (Cohen's kappa overall and per label, one label against the rest)."""
    articles = [json.loads(l) for l in open(os.path.join(corpus, "articles.jsonl"), encoding="utf-8")]
    rows = [json.loads(l) for l in open(os.path.join(corpus, "labels.jsonl"), encoding="utf-8")]
    kind = {a["id"]: a["kind"] for a in articles}
    split = {a["id"]: a["split"] for a in articles}
    print(f"{len(articles)} articles, {len(rows)} sentences")
    for name, key in (("kind", kind), ("split", split)):
        counts = {}
        for a in articles:
            c = counts.setdefault(key[a["id"]], [0, 0])
            c[0] += 1
            c[1] += a["sentences"]
        print(f"by {name}: " + ", ".join(f"{k} {v[0]} articles / {v[1]} sentences" for k, v in sorted(counts.items())))
    print(f"adjudicated (the passes differed on category or stance): {sum(r['adjudicated'] for r in rows)} sentences")
    for field, index in (("category", 0), ("stance", 1)):
        final = {}
        for r in rows:
            final[r[field]] = final.get(r[field], 0) + 1
        pairs = [(r["passes"][0][index], r["passes"][1][index]) for r in rows]
        k, observed = kappa(pairs)
        print(f"{field}: agreement {observed:.3f}, kappa {k:.3f}")
        for label in sorted(final, key=lambda x: -final[x]):
            k1, _ = kappa([(a == label, b == label) for a, b in pairs])
            print(f"  {label:20} {final[label]:5}  kappa {k1:.3f}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "stats":
        stats(sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "bench", "realnews"))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "bench", "realnews"))
    ap.add_argument("--pages", nargs="*", default=[], help="saved page excerpts, JSONL {id, excerpt}")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--real-train-pages", help="saved excerpts of shared/data/real-train/pages (JSONL {id, excerpt})")
    ap.add_argument("--prensa", default=os.path.join(ROOT, ".build", "release", "prensa"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    articles = [json.loads(l) for l in open(os.path.join(args.corpus, "articles.jsonl"), encoding="utf-8")]
    labels = {}
    for line in open(os.path.join(args.corpus, "labels.jsonl"), encoding="utf-8"):
        row = json.loads(line)
        labels.setdefault(row["article"], []).append(row)
    excerpts = {}
    for path in args.pages:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                excerpts[r["id"]] = r["excerpt"]

    problems = 0
    texts = {}
    pending = []
    conll = {}
    for a in articles:
        if a["kind"] == "conll" and a["file"] not in conll:
            conll[a["file"]] = conll_sentences(args.shared, a["file"])
    for a in articles:
        if a["kind"] == "news":
            texts[a["id"]] = a["text"]
        elif a["kind"] == "conll":
            if conll[a["file"]] is None:
                continue
            sentences, detokenize = conll[a["file"]]
            text = "\n".join(detokenize(sentences[k]) for k in range(a["first"], a["last"] + 1))
            if sha1(text) != a["text_sha1"]:
                print(f"{a['id']}: the CoNLL-2002 sentences {a['first']}-{a['last']} do not give the annotated text", file=sys.stderr)
                problems += 1
                continue
            texts[a["id"]] = text
        elif a["id"] in excerpts:
            raw = excerpts[a["id"]]
            cleaned = clean_excerpt(raw)
            if sha1(cleaned) != a["sha1"]:
                print(f"{a['id']}: the saved excerpt does not match (cleaned sha1 differs; raw sha1 "
                      f"{'matches' if sha1(raw) == a['raw_sha1'] else 'differs'})", file=sys.stderr)
                problems += 1
                continue
            pending.append({"id": a["id"], "text": cleaned})
    if pending:
        normalized = normalize(args.prensa, pending)
        for a in articles:
            if a["id"] in normalized:
                if sha1(normalized[a["id"]]) != a["text_sha1"]:
                    print(f"{a['id']}: normalized text differs from the annotated one (normalizer changed?)", file=sys.stderr)
                    problems += 1
                    continue
                texts[a["id"]] = normalized[a["id"]]
    missing = [a["id"] for a in articles if a["id"] not in texts]

    splits = {"train": [], "dev": [], "test": []}
    for a in articles:
        if a["id"] not in texts:
            continue
        text = texts[a["id"]]
        rows = sorted(labels.get(a["id"], []), key=lambda r: r["start"])
        bad = [r for r in rows if sha1(text[r["start"]:r["end"]])[:12] != r["span_sha1"]]
        if bad:
            print(f"{a['id']}: {len(bad)} sentence spans do not match their hashes", file=sys.stderr)
            problems += 1
            continue
        splits[a["split"]].append(gold_record(a["id"], text, rows))

    # The real-train part of ../shared/data, with that folder's own builders.
    real_train = os.path.join(args.shared, "real-train")
    if os.path.isdir(real_train):
        efe = subprocess.run([sys.executable, os.path.join(real_train, "build_text.py")], capture_output=True, text=True)
        if efe.returncode == 0:
            for line in efe.stdout.splitlines():
                record = json.loads(line)
                splits[split_of(record["id"])].append(record)
        else:
            print("real-train EFE stories not rebuilt: " + efe.stderr.strip()[-200:], file=sys.stderr)
        if args.real_train_pages:
            pages = os.path.join(real_train, "pages")
            rebuilt = subprocess.run([sys.executable, os.path.join(pages, "rebuild.py"), args.real_train_pages],
                                     capture_output=True, text=True)
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
                f.write(rebuilt.stdout)
            gold = subprocess.run([sys.executable, os.path.join(pages, "labels.py"), f.name], capture_output=True, text=True)
            os.unlink(f.name)
            for line in gold.stdout.splitlines():
                record = json.loads(line)
                record["id"] = "rt-" + record["id"]
                splits[split_of(record["id"])].append(record)

    os.makedirs(args.out, exist_ok=True)
    for name, records in splits.items():
        with open(os.path.join(args.out, name + ".jsonl"), "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        count = sum(1 for r in records for s in r["sentences"] if "cooperation" in s)
        print(f"{name}: {len(records)} articles, {count} labelled sentences", file=sys.stderr)
    if missing:
        print(f"{len(missing)} articles not rebuilt (no saved copy given, or no CoNLL-2002 text): {', '.join(missing[:8])}"
              + (" ..." if len(missing) > 8 else ""), file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
