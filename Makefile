# prensa: see README.md. Data for eval and bench defaults to ../shared/data when it is there.
SWIFT    ?= swift
PREFIX   ?= /usr/local
DATA     ?= ../shared/data
TOOLS    ?= ../shared/tools
RELEASE  := .build/release/prensa
DEBUG    := .build/debug/prensa

.PHONY: build debug test demo eval eval-ud eval-realnews realnews model bench spark-test fuzz lint format install clean

build:
	$(SWIFT) build -c release

debug:
	$(SWIFT) build

# Builds the release binary the end-to-end tests drive (what users run), then runs every test.
test:
	$(SWIFT) build -c release --product prensa
	PRENSA_BINARY=$(RELEASE) $(SWIFT) test

# The whole pipeline on the seed article, shown for people (prensa show); the record itself is
# `prensa run seeds`.
demo:
	@$(SWIFT) build -c release --quiet >&2
	@$(RELEASE) run --quiet seeds | $(RELEASE) show

# One summary table: the repository gold always; CoNLL-2002, UD, dev-gold and events from $(DATA).
eval: build
	@python3 bench/eval.py --binary $(RELEASE) --data $(DATA) --tools $(TOOLS)

# Token and sentence F1 on the Universal Dependencies dev sets (needs $(DATA)/ud).
eval-ud: build
	@test -d $(DATA)/ud || { echo "no UD data at $(DATA)/ud (set DATA=...)"; exit 66; }
	@for set in ancora gsd; do \
	  echo "== UD Spanish $$set (dev)"; \
	  $(RELEASE) tokenize --skip-normalize $(DATA)/ud/es_$$set-ud-dev.raw.jsonl \
	    | python3 bench/expansion_to_words.py > .build/ud-$$set.jsonl && \
	  python3 $(TOOLS)/ud_seg_eval.py eval $(DATA)/ud/es_$$set-ud-dev.conllu .build/ud-$$set.jsonl || exit 1; \
	done

# The real-news classification corpus (bench/realnews) rebuilt as gold JSONL, split by article.
# Its web pages come from your own saved copies (REALNEWS_PAGES, JSONL {"id", "excerpt"}; the
# real-train pages of $(DATA) likewise in REALTRAIN_PAGES); the CC BY news articles carry their text
# and the agency stories are read from $(DATA)/conll2002.
REALNEWS_OUT   ?= .build/realnews
REALNEWS_PAGES ?=
REALTRAIN_PAGES ?=
realnews: build
	python3 scripts/realnews.py --shared $(DATA) --prensa $(RELEASE) --out $(REALNEWS_OUT) \
	  $(if $(REALNEWS_PAGES),--pages $(REALNEWS_PAGES)) $(if $(REALTRAIN_PAGES),--real-train-pages $(REALTRAIN_PAGES))

# Rules alone and the shipped model on the real-news test split (never trained or tuned on).
eval-realnews: realnews
	@for mode in --rules-only ""; do \
	  echo "== real-news test split, classify $${mode:-with the shipped model}"; \
	  $(RELEASE) tokenize --skip-normalize $(REALNEWS_OUT)/test.jsonl | $(RELEASE) classify $$mode \
	    | $(RELEASE) evaluate --gold $(REALNEWS_OUT)/test.jsonl; \
	done

# The shipped model: trained on the train and dev splits (dev was used to choose the options).
model: realnews
	$(RELEASE) train classify --gold $(REALNEWS_OUT)/train.jsonl $(REALNEWS_OUT)/dev.jsonl \
	  --min-count 3 -o Lexicons/es/models/classify.model

# prensa on PySpark (local[2]): the same records as one `prensa run`, a rejected record reported.
# Needs PySpark (PyPI) and a Java runtime (Debian openjdk-17-jre-headless); .ci/run installs them.
spark-test:
	$(SWIFT) build -c release --product prensa
	python3 scripts/spark_test.py --prensa $(RELEASE)

bench: build
	@python3 bench/bench.py --binary $(RELEASE) --corpus $(DATA)/news/fakenews_es.jsonl
	@python3 bench/bench.py --binary $(RELEASE) --corpus $(DATA)/news/fakenews_es.jsonl --shape paragraphs --ruler-size 438 --mb 8.5
	@python3 bench/lexicon_scaling.py --binary $(RELEASE) --corpus $(DATA)/news/fakenews_es.jsonl
	@python3 bench/huge_record.py --binary $(RELEASE) --corpus $(DATA)/news/fakenews_es.jsonl --mb 20

# libFuzzer targets (JSONL reader, lexicon parser, normalize, classifier model reader), each run FUZZ_SECONDS (default 60).
# The seed corpus in Tests/Fuzz/corpus also runs in `make test`, as a quick regression.
FUZZ_SECONDS ?= 60
fuzz:
	Tests/Fuzz/build.sh .build/fuzz
	Tests/Fuzz/run.sh $(FUZZ_SECONDS)

# Style (.swift-format): NeverForceUnwrap and NeverUseForceTry hold everywhere in Sources.
lint:
	$(SWIFT) format lint --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests

install: build
	install -d $(PREFIX)/bin $(PREFIX)/share/prensa
	install -m 755 $(RELEASE) $(PREFIX)/bin/prensa
	cp -R Lexicons $(PREFIX)/share/prensa/

clean:
	rm -rf .build
