"""`make bench`, the server part: `newskg serve` under load on loopback,
beside Oxigraph's own server (`oxigraph serve-read-only`) on the same store.

A corpus of BENCH_SERVE_ARTICLES generated articles (default 1,000) is built
into a store (both reused from BENCH_DIR when there). Each server in turn
serves that store and takes a closed-loop load: BENCH_SERVE_CLIENTS clients
(default 32), each on its own keep-alive connection, sending one request
after the other for BENCH_SERVE_SECONDS (default 20) after a short warm-up.
Two mixes, the same requests in the same order for both servers (each client
draws them from its own seeded generator):

- SPARQL: the bundled queries, each over one article drawn at random (its
  graph and the shared entity graph as the dataset, by `default-graph-uri`
  and `named-graph-uri`), as JSON results;
- pages: an article's page and an entity's page from newskg; from Oxigraph,
  the data such a page shows (the article's graph by the Graph Store
  Protocol, the entity by `DESCRIBE`), which Oxigraph serves and does not
  lay out.

Prints, per server and mix, requests per second, p50 and p99 latency and
errors, and the ratios newskg / Oxigraph, with the load average; writes
bench/RESULTS-serve.md unless BENCH_WRITE=0. Exit status 1 when any request
to newskg fails (a status other than 200, or a broken connection) or a
server does not start.

Environment: NEWSKG, GENERATE, OXIGRAPH (as for bench/run.py), BENCH_DIR
(scratch directory, default bench/corpus), BENCH_SERVE_ARTICLES,
BENCH_SERVE_CLIENTS, BENCH_SERVE_SECONDS, BENCH_SERVE_WARMUP (seconds, default
3), BENCH_WRITE.
"""

import datetime
import http.client
import os
import pathlib
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from procs import stop

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWSKG = os.environ.get("NEWSKG", str(ROOT / "target/release/newskg"))
GENERATE = os.environ.get("GENERATE", str(ROOT / "target/release/examples/generate-corpus"))
OXIGRAPH = os.environ.get("OXIGRAPH", str(ROOT / ".venv/bin/oxigraph"))
WORK = pathlib.Path(os.environ.get("BENCH_DIR", str(ROOT / "bench/corpus")))
ARTICLES = int(os.environ.get("BENCH_SERVE_ARTICLES", "1000"))
CLIENTS = int(os.environ.get("BENCH_SERVE_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SERVE_SECONDS", "20"))
WARMUP = float(os.environ.get("BENCH_SERVE_WARMUP", "3"))
WRITE = os.environ.get("BENCH_WRITE", "1") == "1"
BASE = "https://w3id.org/newskg/id/"
ENTITY_GRAPH = BASE + "graph/entities"
QUERIES = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))}
STARTED = time.monotonic()


def log(message):
    print(f"[{time.monotonic() - STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet(command):
    """Runs a command; its output is shown only when it fails."""
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        sys.exit(f"bench failed: {' '.join(command)} exited with {done.returncode}\n{done.stderr.decode(errors='replace')[-4000:]}")


def corpus_store():
    """The store of the generated corpus, built when it is not there yet."""
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = WORK / f"articles-{ARTICLES}"
    if not (corpus / f"article-{ARTICLES - 1:06}").is_dir():
        shutil.rmtree(corpus, ignore_errors=True)
        quiet([GENERATE, str(corpus), str(ARTICLES)])
        log(f"generated {ARTICLES} articles")
    store = WORK / f"serve-store-{ARTICLES}"
    if not (store / "CURRENT").exists():
        shutil.rmtree(store, ignore_errors=True)
        quiet([NEWSKG, "build", str(corpus), "--store", str(store)])
        log(f"built the store of {ARTICLES} articles")
    return store


class Server:
    """A server process on a free loopback port, stopped (by its handle) when
    the block ends."""

    def __init__(self, name, command, port, ready_path):
        self.name, self.command, self.port, self.ready_path = name, command, port, ready_path
        self.process = None
        self.log = None

    def __enter__(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.command, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", self.ready_path)
                if connection.getresponse().status == 200:
                    connection.close()
                    return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.seek(0)
                sys.exit(f"bench failed: {self.name} did not start\n{self.log.read().decode(errors='replace')}")
            time.sleep(0.2)

    def __exit__(self, *_):
        stop(self.process, 60)
        self.log.close()


def sparql_get(path, text, article):
    """A GET of the SPARQL endpoint for one article's dataset."""
    graphs = [article, ENTITY_GRAPH]
    params = [("query", text)]
    params += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    return f"{path}?{urllib.parse.urlencode(params)}", {"Accept": "application/sparql-results+json"}


class Mix:
    """The requests of a mix, for one server: `request(rng)` draws the next
    (label, path, headers)."""

    def __init__(self, kind, server, articles, entities):
        self.kind, self.server, self.articles, self.entities = kind, server, articles, entities

    def request(self, rng):
        if self.kind == "sparql":
            name = rng.choice(sorted(QUERIES))
            article = rng.choice(self.articles)
            endpoint = "/sparql" if self.server == "newskg" else "/query"
            path, headers = sparql_get(endpoint, QUERIES[name], article)
            return f"query {name}", path, headers
        if rng.random() < 0.5:
            article = rng.choice(self.articles)
            if self.server == "newskg":
                return "article page", "/id/" + article[len(BASE):], {"Accept": "text/html"}
            return "article graph", "/store?" + urllib.parse.urlencode({"graph": article}), {"Accept": "application/n-triples"}
        entity = rng.choice(self.entities)
        if self.server == "newskg":
            return "entity page", "/id/" + entity[len(BASE):], {"Accept": "text/html"}
        path = "/query?" + urllib.parse.urlencode({"query": f"DESCRIBE <{entity}>"})
        return "entity description", path, {"Accept": "application/n-triples"}


def load(port, mix, seconds, warmup):
    """Runs the closed-loop load; returns (latencies in s, errors, examples of errors)."""
    latencies, errors, examples = [], [0], []
    lock = threading.Lock()
    start = time.monotonic()
    measure_from, stop_at = start + warmup, start + warmup + seconds

    def client(index):
        rng = random.Random(index)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine = []
        while True:
            now = time.monotonic()
            if now >= stop_at:
                break
            label, path, headers = mix.request(rng)
            began = time.monotonic()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and len(body) > 0
                detail = f"{label}: {response.status} {body[:200]!r}"
            except (OSError, http.client.HTTPException) as error:
                ok, detail = False, f"{label}: {type(error).__name__}: {error}"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            ended = time.monotonic()
            if began >= measure_from and ended <= stop_at:
                if ok:
                    mine.append(ended - began)
                else:
                    with lock:
                        errors[0] += 1
                        if len(examples) < 5:
                            examples.append(detail)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], examples


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def sample(port, query, key):
    """Values of one variable of a SELECT on newskg's endpoint."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/tab-separated-values"})
    lines = connection.getresponse().read().decode().splitlines()[1:]
    return [line.split("\t")[key].strip("<>") for line in lines if line]


def main():
    store = corpus_store()
    results = {}
    newskg_port, oxigraph_port = free_port(), free_port()
    newskg = Server(
        "newskg serve",
        [NEWSKG, "serve", "--store", str(store), "--bind", f"127.0.0.1:{newskg_port}", "--timeout", "60"],
        newskg_port,
        "/sparql?query=ASK%7B%7D",
    )
    oxigraph = Server(
        "oxigraph serve-read-only",
        [OXIGRAPH, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{oxigraph_port}", "--timeout-s", "60",
         "--union-default-graph"],
        oxigraph_port,
        "/query?query=ASK%7B%7D",
    )
    with newskg:
        articles = sorted(sample(newskg_port, "SELECT ?a WHERE { GRAPH ?a { ?a a <http://schema.org/NewsArticle> } }", 0))
        entities = sorted(sample(newskg_port, f"SELECT ?e WHERE {{ GRAPH <{ENTITY_GRAPH}> {{ ?e a ?t }} }}", 0))
        entities = sorted(set(entities))
        if len(articles) != ARTICLES or not entities:
            sys.exit(f"bench failed: the store serves {len(articles)} articles and {len(entities)} entities")
    for name, server, port in [("newskg", newskg, newskg_port), ("oxigraph", oxigraph, oxigraph_port)]:
        with server:
            for kind in ["sparql", "pages"]:
                latencies, errors, examples = load(port, Mix(kind, name, articles, entities), SECONDS, WARMUP)
                results[(name, kind)] = (latencies, errors, examples)
                log(
                    f"{name} {kind}: {len(latencies) / SECONDS:,.1f} req/s, p50 {percentile(latencies, 50) * 1e3:.1f} ms, "
                    f"p99 {percentile(latencies, 99) * 1e3:.1f} ms, {errors} errors"
                )
                for example in examples:
                    log(f"  error: {example}")
    load_average = os.getloadavg()
    rows = []
    for kind, what in [("sparql", "bundled queries, one article each"),
                       ("pages", "article and entity pages (Oxigraph: the data they show)")]:
        n_lat, n_err, _ = results[("newskg", kind)]
        o_lat, o_err, _ = results[("oxigraph", kind)]
        n_rate, o_rate = len(n_lat) / SECONDS, len(o_lat) / SECONDS
        rows.append(
            f"| {what} | {n_rate:,.1f} req/s, p50 {percentile(n_lat, 50) * 1e3:.1f} ms, p99 {percentile(n_lat, 99) * 1e3:.1f} ms, "
            f"{n_err} errors | {o_rate:,.1f} req/s, p50 {percentile(o_lat, 50) * 1e3:.1f} ms, "
            f"p99 {percentile(o_lat, 99) * 1e3:.1f} ms, {o_err} errors | "
            f"{n_rate / o_rate if o_rate else float('nan'):.2f}× | "
            f"{percentile(n_lat, 50) / percentile(o_lat, 50) if o_lat else float('nan'):.2f}× | "
            f"{percentile(n_lat, 99) / percentile(o_lat, 99) if o_lat else float('nan'):.2f}× |"
        )
    text = (
        f"# newskg serve under load\n\n{datetime.date.today().isoformat()}, {os.cpu_count()} cores, load average "
        f"{load_average[0]:.2f} {load_average[1]:.2f} {load_average[2]:.2f} at the end; {ARTICLES:,} generated articles, "
        f"{CLIENTS} clients on keep-alive connections for {SECONDS:g} s each after {WARMUP:g} s of warm-up, "
        f"client and server on the same machine (`make bench`, bench/serve.py).\n\n"
        "| mix | newskg serve | oxigraph serve-read-only | throughput ratio | p50 ratio | p99 ratio |\n"
        "|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    print(text)
    if WRITE:
        (ROOT / "bench/RESULTS-serve.md").write_text(text, encoding="utf-8")
    failed = sum(results[("newskg", kind)][1] for kind in ["sparql", "pages"])
    if failed:
        sys.exit(f"bench failed: {failed} requests to newskg serve failed")
    if not all(results[("newskg", kind)][0] for kind in ["sparql", "pages"]):
        sys.exit("bench failed: newskg serve answered nothing in a mix")


if __name__ == "__main__":
    main()
