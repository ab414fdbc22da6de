"""`make bench`: newskg measured beside the tools a user would pick instead.

Each figure is the median of several runs of a fresh process, shown beside its
anchor measured in the same run, as a ratio. Peak memory is the child's
maximum resident set size (getrusage). The table is printed and written to
bench/RESULTS.md (unless BENCH_WRITE=0). Any step that fails stops the bench
with exit status 1; a query slower than BENCH_QUERY_TIMEOUT is stopped and
reported as such (a measurement, not a failure).

Environment: NEWSKG (the release binary), GENERATE (the corpus generator),
OXIGRAPH (the Oxigraph CLI), SERDI, CURL, PYTHON (with rdflib), BENCH_SIZES
(corpus sizes, default "1000 10000"), BENCH_REPS (repetitions, default 3),
BENCH_LARGE_REPS (repetitions for corpora over 1,000 articles, default
BENCH_REPS), BENCH_QUERY_TIMEOUT (seconds, default 60), BENCH_LOAD (1: also
load the largest corpus into an Oxigraph server with `newskg load` beside
curl; default 1), BENCH_DIR (scratch directory, default bench/corpus),
BENCH_WRITE (1: write bench/RESULTS.md; default 1).
"""

import datetime
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWSKG = os.environ.get("NEWSKG", str(ROOT / "target/release/newskg"))
GENERATE = os.environ.get("GENERATE", str(ROOT / "target/release/examples/generate-corpus"))
OXIGRAPH = os.environ.get("OXIGRAPH", str(ROOT / ".venv/bin/oxigraph"))
SERDI = os.environ.get("SERDI", "serdi")
CURL = os.environ.get("CURL", "curl")
PYTHON = os.environ.get("PYTHON", str(ROOT / ".venv/bin/python"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000 10000").split()]
REPS = int(os.environ.get("BENCH_REPS", "3"))
LARGE_REPS = int(os.environ.get("BENCH_LARGE_REPS", str(REPS)))
QUERY_TIMEOUT = float(os.environ.get("BENCH_QUERY_TIMEOUT", "60"))
LOAD = os.environ.get("BENCH_LOAD", "1") == "1"
WORK = pathlib.Path(os.environ.get("BENCH_DIR", str(ROOT / "bench/corpus")))
QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
ENTITY_GRAPH = "https://w3id.org/newskg/id/graph/entities"
STARTED = time.monotonic()


def log(message):
    print(f"[{time.monotonic() - STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


class TimedOut(Exception):
    pass


def run(cmd, stdout=subprocess.DEVNULL, timeout=None):
    """Runs a command; returns (seconds, peak RSS in MB). Exits the bench when
    it fails; raises TimedOut when it runs longer than `timeout` seconds."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=stdout, stderr=stderr)
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if timer:
            timer.cancel()
            if elapsed >= timeout and process.returncode < 0:
                raise TimedOut()
        if process.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-4000:]
            sys.exit(f"bench failed: {' '.join(map(str, cmd))} exited with {process.returncode}\n{message}")
    return elapsed, usage.ru_maxrss / 1024


def timed(label, setup, cmd, reps, stdout=subprocess.DEVNULL, timeout=None):
    """Median seconds and largest peak RSS of `reps` runs; None for the time
    when the first run timed out (the others are then skipped)."""
    times, peaks = [], []
    for _ in range(reps):
        if setup:
            setup()
        try:
            seconds, peak = run(cmd, stdout, timeout)
        except TimedOut:
            log(f"{label}: stopped after {timeout:.0f} s")
            return None, 0.0
        times.append(seconds)
        peaks.append(peak)
    log(f"{label}: {statistics.median(times) * 1000:.1f} ms (median of {reps}), peak {max(peaks):.0f} MB")
    return statistics.median(times), max(peaks)


def remove(path):
    def go():
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)

    return go


def lines(path):
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """`oxigraph serve` on a loopback port with a fresh store, stopped (the
    process this bench started, by its handle) when the block ends."""

    def __init__(self, location):
        self.location = location
        self.port = free_port()
        self.process = None
        self.log = None

    def __enter__(self):
        remove(self.location)()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.log.seek(0)
                    sys.exit(f"bench failed: oxigraph serve did not start\n{self.log.read().decode(errors='replace')}")
                time.sleep(0.1)

    def __exit__(self, *_):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        remove(self.location)()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def count(self):
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        request = urllib.request.Request(f"{self.url}/query?query={query}", headers={"Accept": "text/tab-separated-values"})
        with urllib.request.urlopen(request, timeout=600) as answer:
            value = answer.read().decode().splitlines()[1]
        return int(value.split("^^")[0].strip('"'))


def load_rows(size, store, reps):
    """`newskg load --store` into a fresh Oxigraph server beside `curl -T` of
    the same triples as one N-Triples file, each into a fresh server."""
    ntriples = WORK / f"corpus-{size}.nt"
    run([NEWSKG, "export", "--store", str(store), "--format", "ntriples", "-o", str(ntriples)])
    triples = lines(ntriples)
    location = WORK / "oxigraph-server"
    newskg_times, curl_times, sent = [], [], 0
    for _ in range(reps):
        with OxigraphServer(location) as server:
            with tempfile.TemporaryFile() as out:
                seconds, _ = run([NEWSKG, "load", "--endpoint", f"{server.url}/store", "--store", str(store)], stdout=out)
                out.seek(0)
                summary = out.read().decode().strip().splitlines()[-1]
            # "loaded N triples in G graphs into URL"
            sent = int(summary.split()[1])
            if server.count() != sent:
                sys.exit(f"bench failed: the server holds {server.count()} quads after newskg load sent {sent}")
            newskg_times.append(seconds)
        with OxigraphServer(location) as server:
            graph = urllib.parse.quote(ENTITY_GRAPH.replace("graph/entities", "graph/bench"), safe="")
            seconds, _ = run(
                [CURL, "-sS", "-f", "-T", str(ntriples), "-H", "Content-Type: application/n-triples", "-X", "PUT",
                 f"{server.url}/store?graph={graph}"]
            )
            if server.count() != triples:
                sys.exit(f"bench failed: the server holds {server.count()} triples after curl sent {triples}")
            curl_times.append(seconds)
    remove(ntriples)()
    newskg_rate = sent / statistics.median(newskg_times)
    curl_rate = triples / statistics.median(curl_times)
    log(f"newskg load {size}: {newskg_rate:,.0f} triples/s; curl: {curl_rate:,.0f} triples/s")
    ratio = newskg_rate / curl_rate
    return [
        (
            f"{size} articles: `newskg load --store` into Oxigraph server ({sent:,} quads, one PUT per graph)",
            f"{newskg_rate:,.0f} triples/s",
            "`curl -T` of the same triples as one N-Triples file (PUT)",
            f"{curl_rate:,.0f} triples/s ({triples:,} triples)",
            f"{ratio:.2f}×",
            "≥ 0.8×",
            ratio >= 0.8,
        )
    ]


ROWS = []  # (measure, newskg, anchor, anchor value, ratio, target, met)


def table(rows):
    return "| measure | newskg | anchor | anchor value | ratio | target | met |\n|---|---|---|---|---|---|---|\n" + "".join(
        f"| {' | '.join(map(str, r[:-1]))} | {'yes' if r[-1] else 'no'} |\n" for r in rows
    )


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    rows = ROWS

    # 1. The bundled article, cold processes: convert + load + every query + Turtle.
    turtle = WORK / "article.ttl"
    run([NEWSKG, "export", "-o", str(turtle)])
    steps = [[NEWSKG, "build"]]
    steps += [[NEWSKG, "query", q, "--format", "tsv"] for q in QUERIES]
    steps += [[NEWSKG, "export", "-o", str(WORK / "again.ttl")]]
    pipeline, per_process = [], []
    for _ in range(max(REPS, 5)):
        times = [run(step)[0] for step in steps]
        pipeline.append(sum(times))
        per_process.extend(times)
    newskg_pipeline = statistics.median(pipeline)
    process_median = statistics.median(per_process)
    log(f"newskg bundled pipeline: {newskg_pipeline * 1000:.1f} ms, {process_median * 1000:.1f} ms per process")
    rdflib_pipeline, _ = timed(
        "rdflib pipeline",
        None,
        [PYTHON, str(ROOT / "bench/rdflib_pipeline.py"), str(turtle), str(ROOT / "queries"), str(WORK / "rdflib.ttl")],
        REPS,
    )
    speedup = rdflib_pipeline / newskg_pipeline
    rows.append(
        (
            f"bundled article: build + {len(QUERIES)} queries + Turtle, {len(steps)} cold processes "
            f"(median {process_median * 1000:.1f} ms per process)",
            f"{newskg_pipeline * 1000:.1f} ms",
            "rdflib (load Turtle, same queries, write Turtle)",
            f"{rdflib_pipeline * 1000:.0f} ms",
            f"{speedup:.1f}× faster",
            "≤ 20 ms per process, ≥ 20× faster",
            process_median <= 0.020 and speedup >= 20,
        )
    )

    scaling = {}
    for size in SIZES:
        reps = REPS if size <= 1000 else LARGE_REPS
        corpus = WORK / f"articles-{size}"
        if not (corpus / f"article-{size - 1:06}").is_dir():
            remove(corpus)()
            run([GENERATE, str(corpus), str(size)])
            log(f"generated {size} articles")
        store = WORK / f"store-{size}"
        build_time, build_peak = timed(
            f"newskg build {size}", remove(store), [NEWSKG, "build", str(corpus), "--store", str(store)], reps
        )
        nquads = WORK / f"corpus-{size}.nq"
        export_time, export_peak = timed(
            f"newskg export {size}", remove(nquads), [NEWSKG, "export", "--store", str(store), "-o", str(nquads)], reps
        )
        quads = lines(nquads)
        if quads < size * 1000:
            sys.exit(f"bench failed: {quads} quads for {size} articles")
        megabytes = nquads.stat().st_size / 1e6
        oxistore = WORK / f"oxigraph-{size}"
        load_time, load_peak = timed(
            f"oxigraph load {size}",
            remove(oxistore),
            [OXIGRAPH, "load", "--location", str(oxistore), "--file", str(nquads)],
            reps,
        )
        remove(oxistore)()
        serdi_time, _ = timed(f"serdi {size}", None, [SERDI, "-i", "nquads", "-o", "ntriples", str(nquads)], reps)
        remove(nquads)()
        ratio = load_time / build_time
        rows.append(
            (
                f"{size} articles: convert + bulk load ({quads:,} quads), peak {build_peak:,.0f} MB",
                f"{quads / build_time:,.0f} quads/s",
                "`oxigraph load` of the same N-Quads (load only)",
                f"{quads / load_time:,.0f} quads/s, peak {load_peak:,.0f} MB",
                f"{ratio:.2f}×",
                "≥ 0.7×, peak ≤ 2 GB at 10,000",
                ratio >= 0.7 and (size < 10000 or build_peak <= 2048),
            )
        )
        ratio = serdi_time / export_time
        rows.append(
            (
                f"{size} articles: export N-Quads ({megabytes:,.0f} MB), peak {export_peak:,.0f} MB",
                f"{megabytes / export_time:.1f} MB/s",
                "serdi N-Quads → N-Triples",
                f"{megabytes / serdi_time:.1f} MB/s",
                f"{ratio:.2f}×",
                "≥ 0.5×",
                ratio >= 0.5,
            )
        )
        query_times = {}
        for query in QUERIES:
            seconds, _ = timed(
                f"query {query} on {size}",
                None,
                [NEWSKG, "query", query, "--store", str(store), "--format", "tsv"],
                reps,
                timeout=QUERY_TIMEOUT,
            )
            query_times[query] = seconds
            shown = f"{seconds * 1000:,.0f} ms" if seconds is not None else f"> {QUERY_TIMEOUT:.0f} s (stopped)"
            rows.append(
                (f"{size} articles: query {query}", shown, "", "", "", "≤ 200 ms", seconds is not None and seconds <= 0.2)
            )
        scaling[size] = {"build": build_time, "export": export_time, **query_times}
        if LOAD and size == SIZES[-1]:
            rows += load_rows(size, store, reps)
        remove(store)()

    if len(SIZES) >= 2:
        small, large = SIZES[0], SIZES[-1]
        factor = large / small
        for what in ["build", "export"] + QUERIES:
            before, after = scaling[small][what], scaling[large][what]
            if before is None or after is None:
                growth, shown, met = None, "n/a (stopped)", False
            else:
                growth = after / before
                shown, met = f"{growth:.1f}×", growth <= factor * 1.3
            rows.append(
                (
                    f"growth of {what} time from {small:,} to {large:,} articles",
                    shown,
                    "linear growth",
                    f"{factor:.0f}×",
                    f"{growth / factor:.2f}" if growth else "",
                    f"close to {factor:.0f}" if what in ("build", "export") else "",
                    met,
                )
            )

    header = (
        f"# newskg benchmark\n\n{datetime.date.today().isoformat()}, {os.cpu_count()} cores, corpora of "
        f"{', '.join(f'{s:,}' for s in SIZES)} generated articles; medians of {REPS} runs"
        + (f" ({LARGE_REPS} above 1,000 articles)" if LARGE_REPS != REPS and max(SIZES) > 1000 else "")
        + f", queries stopped after {QUERY_TIMEOUT:.0f} s (`make bench`).\n\n"
    )
    print(header + table(rows))
    if os.environ.get("BENCH_WRITE", "1") == "1":
        (ROOT / "bench/RESULTS.md").write_text(header + table(rows), encoding="utf-8")
    log("done")


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        # What was measured before the failure, for the record.
        if ROWS:
            print("measured before the failure:\n" + table(ROWS), file=sys.stderr)
        raise
