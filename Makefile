# newskg — the two commands: `make run` and `make test`.
#
# Every target installs what it needs when it is missing, by package name:
# Debian packages with apt-get; the Rust toolchain is the machine's own.

CARGO      ?= cargo
TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)
BIN        := $(TARGET_DIR)/release/newskg
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
# Oxigraph's RocksDB is compiled from C++ through bindgen, which needs libclang.
DEB_BUILD  := libclang-dev
# Independent tools the tests compare newskg against (Debian packages).
DEB_TEST   :=
# Python packages the tests use, installed into .venv (ignored by git).
PY_TEST    :=
# npm packages the tests use, installed into node_modules (ignored by git).
NPM_TEST   :=
VENV       := .venv
PYTHON     := $(VENV)/bin/python

.PHONY: all run test build deps-build deps-test check unit bench clean

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
	@missing=""; for p in $(DEB_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null; \
	fi
	@if [ -n "$(strip $(PY_TEST))" ]; then \
	  [ -x $(PYTHON) ] || python3 -m venv $(VENV); \
	  for p in $(PY_TEST); do \
	    $(PYTHON) -m pip show $${p%%[=<>]*} >/dev/null 2>&1 || $(PYTHON) -m pip install -q "$$p" || exit 1; \
	  done; \
	fi
	@if [ -n "$(strip $(NPM_TEST))" ]; then \
	  for p in $(NPM_TEST); do \
	    [ -d node_modules/$${p%@*} ] || npm install --no-save --no-audit --no-fund --silent "$$p" || exit 1; \
	  done; \
	fi

## One optimised build serves run, test and bench, so RocksDB compiles once.
build: deps-build
	$(CARGO) build --release --locked

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

test: check unit

## Timings of cold processes on the bundled article (hyperfine, Debian package).
bench: build
	@command -v hyperfine >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq hyperfine >/dev/null; }
	hyperfine -N --warmup 3 --runs 30 \
	  '$(BIN) build' \
	  '$(BIN) query six-party-participants --format csv' \
	  '$(BIN) export --format turtle'

clean:
	$(CARGO) clean
	rm -rf out
