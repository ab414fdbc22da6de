# newskg — the two commands: `make run` and `make test`.
#
# Every target installs what it needs when it is missing, by package name:
# Debian packages with apt-get; the Rust toolchain is the machine's own.

CARGO      ?= cargo
TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)
BIN        := $(TARGET_DIR)/release/newskg
BUNDLED_ARTICLE := articles/moscow-times-2011-06-29-kim-meeting/article.md
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
# Oxigraph's RocksDB is compiled from C++ through bindgen, which needs libclang.
DEB_BUILD  := libclang-dev
# Independent tools the tests compare newskg against (Debian packages), and
# OpenLink Virtuoso 7, a triple store `newskg load` is tested against; man
# (man-db) renders the installed pages and script (bsdutils) gives the table
# tests a pseudo-terminal; `roqet` (rasqal-utils), a SPARQL client `newskg
# serve` is tested with; Chromium with its WebDriver, the browser the web
# pages are tested in; and strace, which watches the files the server opens.
DEB_TEST   := raptor2-utils serdi graphviz virtuoso-opensource man-db bsdutils rasqal-utils chromium chromium-driver strace
# Python packages the tests use, installed into .venv (ignored by git); the
# `oxigraph` package brings the Oxigraph server CLI (.venv/bin/oxigraph), of
# the same 0.5 line as the crate; SPARQLWrapper and rdflib's SPARQLStore are
# clients `newskg serve` is tested with.
PY_TEST    := rdflib pyshacl oxigraph~=0.5.0 SPARQLWrapper
# npm packages the tests use, installed into node_modules (ignored by git);
# Comunica is a SPARQL client `newskg serve` is tested with (its major
# version 4: version 5 needs Node.js 22, the machine has 20).
NPM_TEST   := jsonld n3 @comunica/query-sparql@4
VENV       := .venv
PYTHON     := $(VENV)/bin/python

.PHONY: all run test build install deps-build deps-test check unit bench bench-build bench-smoke eval graph fuzz clean

all: run

## Install the Debian packages the build needs, when missing.
deps-build:
	@missing=""; for p in $(DEB_BUILD); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null; \
	fi

## Install the tools the tests use, when missing: Debian packages, a Python
## virtual environment and npm packages, each by package name.
deps-test: deps-build
	@# virtuoso-opensource's postinst starts its system service, which may fail
	@# (or prompt): the tests start their own servers, so a policy-rc.d forbids
	@# service starts during the install (unless the machine already has one).
	@missing=""; for p in $(DEB_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  policy=/usr/sbin/policy-rc.d; added=""; \
	  if [ ! -e $$policy ]; then \
	    printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee $$policy >/dev/null && $(SUDO) chmod 755 $$policy && added=1; \
	  fi; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null; status=$$?; \
	  if [ -n "$$added" ]; then $(SUDO) rm -f $$policy; fi; \
	  exit $$status; \
	fi
	@if [ -n "$(strip $(PY_TEST))" ]; then \
	  [ -x $(PYTHON) ] || python3 -m venv $(VENV); \
	  for p in $(PY_TEST); do \
	    $(PYTHON) -m pip show $${p%%[=<>~]*} >/dev/null 2>&1 || $(PYTHON) -m pip install -q "$$p" || exit 1; \
	  done; \
	fi
	@# One npm call for the whole list: `npm install --no-save X` prunes every
	@# other package it was not given, so installing them one by one keeps only the last.
	@# A package's directory is its name without a version (`@scope/name@4` →
	@# @scope/name); a package pinned to a version must have it installed.
	@missing=""; for p in $(NPM_TEST); do name=$${p%@*}; [ -n "$$name" ] || name=$$p; want=$${p#"$$name"}; want=$${want#@}; \
	  if [ ! -d node_modules/$$name ]; then missing="$$missing $$p"; \
	  elif [ -n "$$want" ] && ! node -e "const v = require('./node_modules/$$name/package.json').version; \
	    process.exit(v === '$$want' || v.startsWith('$$want.') ? 0 : 1)"; then missing="$$missing $$p"; fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing (npm):$$missing"; \
	  npm install --no-save --no-audit --no-fund --silent $(NPM_TEST) || exit 1; \
	fi

## One optimised build serves run, test and bench, so RocksDB compiles once.
build: deps-build
	$(CARGO) build --release --locked

## Installs the binary, its manual pages (newskg(1) and one per command) and
## its bash, zsh and fish completions under PREFIX (default /usr/local;
## DESTDIR for staging). `cargo install --path .` installs the binary alone.
PREFIX ?= /usr/local
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/newskg
	$(BIN) manual > $(DESTDIR)$(PREFIX)/share/man/man1/newskg.1
	@for c in $$($(BIN) manual --list); do \
	  $(BIN) manual $$c > $(DESTDIR)$(PREFIX)/share/man/man1/newskg-$$c.1 || exit 1; \
	done
	$(BIN) completions bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newskg
	$(BIN) completions zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newskg
	$(BIN) completions fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/newskg.fish

## The main job: convert the bundled article, run every bundled query, write Turtle.
run: build
	@$(BIN) build
	@for q in queries/*.rq; do \
	  name=$$(basename $$q .rq); \
	  echo; echo "== $$name: $$($(BIN) queries | grep "^$$name " | sed "s/^$$name *//")"; \
	  $(BIN) query $$name --format table || exit 1; \
	done
	@mkdir -p out
	@$(BIN) export -o out/article.ttl
	@echo "Turtle written to out/article.ttl"

## Formatting, lints, unit, doc and integration tests.
check: deps-build
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets --locked -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --release --no-deps --locked

unit: deps-test
	NEWSKG_PYTHON=$(abspath $(PYTHON)) $(CARGO) test --release --locked

test: check unit bench-smoke

## The bench driver (bench/run.py) and what it runs: the release binary, the
## corpus generator (an example), and from deps-test the Oxigraph CLI and
## rdflib in the virtual environment, and Virtuoso (virtuoso-t, isql-vt).
BENCH_ENV = NEWSKG=$(abspath $(BIN)) GENERATE=$(abspath $(TARGET_DIR)/release/examples/generate-corpus) \
            OXIGRAPH=$(abspath $(VENV)/bin/oxigraph) PYTHON=$(abspath $(PYTHON))

bench-build: build deps-test
	$(CARGO) build --release --locked --example generate-corpus
	@command -v curl >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq curl >/dev/null; }

## The bench in smoke mode, run by `make test` so that it cannot rot: a tiny
## corpus, one repetition, a scratch directory removed afterwards, and
## bench/RESULTS*.md left alone; the server load test for two seconds on ten
## articles. Fails when any step of the bench fails.
bench-smoke: bench-build
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	  BENCH_SIZES="10" BENCH_REPS=1 BENCH_WRITE=0 BENCH_DIR="$$dir" $(BENCH_ENV) $(PYTHON) bench/run.py >/dev/null && \
	  BENCH_SERVE_ARTICLES=10 BENCH_SERVE_CLIENTS=4 BENCH_SERVE_SECONDS=2 BENCH_SERVE_WARMUP=0.5 BENCH_WRITE=0 \
	  BENCH_DIR="$$dir" $(BENCH_ENV) $(PYTHON) bench/serve.py >/dev/null

## Timings of cold processes on the bundled article (hyperfine, Debian
## package), then bench/run.py: newskg beside rdflib, `oxigraph load`,
## `oxigraph dump`, `oxigraph query`, Virtuoso and curl on generated corpora
## of 1,000 and 10,000 articles (BENCH_SIZES; see bench/run.py for the other
## settings), table in bench/RESULTS.md.
bench: bench-build
	@command -v hyperfine >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq hyperfine >/dev/null; }
	hyperfine -N --warmup 3 --runs 30 \
	  '$(BIN) build' \
	  '$(BIN) query six-party-participants --format csv' \
	  '$(BIN) export --format turtle'
	@# Export throughput on the bundled graph: bytes written to stdout / median
	@# time, for the whole command and for the export alone (its time less
	@# that of `build`, which converts and loads the same article and writes
	@# nothing). A file (-o) adds an fsync, which is the disk's speed, not newskg's.
	@mkdir -p out
	@hyperfine -N --warmup 5 --runs 50 --export-csv out/bench-export.csv \
	  '$(BIN) build' \
	  '$(BIN) export --format ntriples' \
	  '$(BIN) export --format turtle' >/dev/null
	@awk -F, -v nt=$$($(BIN) export --format ntriples 2>/dev/null | wc -c) \
	  -v ttl=$$($(BIN) export --format turtle 2>/dev/null | wc -c) ' \
	  NR == 2 { base = $$4 } \
	  NR == 3 { name = "N-Triples"; size = nt } \
	  NR == 4 { name = "Turtle"; size = ttl } \
	  NR >= 3 { printf "export %-9s %6.1f KB in %5.1f ms: %5.1f MB/s whole command, %5.1f MB/s export alone (%.1f ms)\n", \
	            name, size / 1e3, $$4 * 1e3, size / 1e6 / $$4, size / 1e6 / ($$4 - base), ($$4 - base) * 1e3 }' \
	  out/bench-export.csv
	@# The extractor alone over the bundled article (target: under 5 ms; the
	@# hidden --repeat times it in-process), then `newskg draft` as a command.
	@$(BIN) draft $(BUNDLED_ARTICLE) -o out/bench-draft.toml --force --repeat 2000
	@hyperfine -N --warmup 3 --runs 30 '$(BIN) draft $(BUNDLED_ARTICLE) -o out/bench-draft.toml --force'
	@# Extraction scores (`newskg check`) of the bundled article and every fixture.
	@for d in "" tests/fixtures/extract/*/; do echo; $(BIN) check $$d --brief || exit 1; done
	@# Corpora, the anchors and the table (bench/RESULTS.md).
	$(BENCH_ENV) $(PYTHON) bench/run.py
	@# newskg serve under load beside `oxigraph serve-read-only` on the same
	@# store of 1,000 generated articles (bench/RESULTS-serve.md).
	$(BENCH_ENV) $(PYTHON) bench/serve.py

## Extraction scores on the development sets of real news in ../shared/dev
## (NEWSKG_DEV), when they are there: quotation and speaker recall and
## precision, people / organisation / place recall and date accuracy. The
## sets are read where they are; nothing of them enters the repository.
eval: build deps-test
	@$(BENCH_ENV) $(PYTHON) bench/eval.py

## A picture of the bundled graph: out/article.dot, .svg and .png (Graphviz,
## installed when missing). docs/article.png, shown in the README, is a copy.
graph: build
	@command -v dot >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq graphviz >/dev/null; }
	@mkdir -p out
	$(BIN) export --format dot -o out/article.dot
	dot -Tsvg out/article.dot -o out/article.svg
	dot -Tpng -Gdpi=144 out/article.dot -o out/article.png
	@echo "out/article.svg and out/article.png written"

## Fuzz each parser for FUZZ_SECONDS (default 60) with cargo-fuzz (libFuzzer);
## not part of `make test`. cargo-fuzz needs nightly flags: RUSTC_BOOTSTRAP=1
## lets the machine's stable toolchain take them. Crashes land in
## fuzz/artifacts/TARGET; each one found becomes a regression test.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= article annotations extract
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@# The main crate's versions, which are known to build; cargo adds libFuzzer's.
	@cp Cargo.lock fuzz/Cargo.lock
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; \
	  dict=fuzz/dicts/$$t.dict; [ -f $$dict ] || dict=fuzz/dicts/article.dict; \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run $$t fuzz/corpus/$$t fuzz/seeds/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -dict=$$dict -print_final_stats=1 || exit 1; \
	done

clean:
	$(CARGO) clean
	rm -rf out
