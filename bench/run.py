"""`make bench`: newskg measured beside the tools a user would pick instead.

Each figure is the median of several runs of a fresh process, shown beside its
anchor measured in the same run, as a ratio. Peak memory is the child's
maximum resident set size (getrusage). At each corpus size: the build beside
`oxigraph load` of the same N-Quads; the export beside `oxigraph dump` of the
same store; rebuilds (unchanged articles, then changed ones and back, after
which the store must export the same bytes); then every bundled query per
article (`--graph`), per entity (first page, and whole answer in rows/s, for
the entity mentioned most), the corpus-level ones and whole-corpus runs of the
first benchmark's, each beside `oxigraph query --union-default-graph` on the
same store and Virtuoso (loaded with the same store by `newskg load`) running
the same SPARQL, each query once untimed before its timed runs; last, the growth of each figure from the smallest size to
the largest. The table is printed and written to bench/RESULTS.md (unless
BENCH_WRITE=0). Any step that fails stops the bench with exit status 1; a
query slower than BENCH_QUERY_TIMEOUT is stopped and reported as such (a
measurement, not a failure).

Environment: NEWSKG (the release binary), GENERATE (the corpus generator),
OXIGRAPH (the Oxigraph CLI), CURL, PYTHON (with rdflib), BENCH_SIZES
(corpus sizes, default "1000 10000"), BENCH_REPS (repetitions, default 3),
BENCH_LARGE_REPS (repetitions for corpora over 1,000 articles, default
BENCH_REPS), BENCH_QUERY_TIMEOUT (seconds, default 60), BENCH_CHANGED
(articles rebuilt with changed content, default 100), BENCH_VIRTUOSO (1: run
the queries on Virtuoso too; default 1) up to BENCH_VIRTUOSO_MAX articles
(default 1000), BENCH_LOAD (1: also load the corpus into an Oxigraph server
with `newskg load` beside curl; default 1) up to BENCH_LOAD_MAX articles
(default 1000), BENCH_DIR (scratch directory, default bench/corpus),
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

from procs import stop

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWSKG = os.environ.get("NEWSKG", str(ROOT / "target/release/newskg"))
GENERATE = os.environ.get("GENERATE", str(ROOT / "target/release/examples/generate-corpus"))
OXIGRAPH = os.environ.get("OXIGRAPH", str(ROOT / ".venv/bin/oxigraph"))
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
        stop(self.process, 30)
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


# What the corpus rows run. The queries of the first benchmark, over the
# whole corpus; the corpus-level ones added since; the per-entity ones are
# those whose header gives an example parameter (`# example-param: NAME=…`).
OLD_QUERIES = [
    "actors", "anonymous-sources", "cancelled-and-planned-events", "evidence", "mentions", "places",
    "six-party-participants", "timeline", "uncertain-claims", "who-said-what",
]
# The whole-corpus times of the first benchmark (bench/RESULTS.md of commit
# f6f8a0a, queries stopped at 20 s): "no slower than today".
BEFORE = {
    1000: {"actors": 0.370, "anonymous-sources": 2.648, "cancelled-and-planned-events": 1.244, "evidence": 20.0,
           "mentions": 16.689, "places": 2.573, "six-party-participants": 0.055, "timeline": 4.099,
           "uncertain-claims": 0.968, "who-said-what": 1.334},
    10000: {"actors": 6.075, "anonymous-sources": 20.0, "cancelled-and-planned-events": 20.0, "evidence": 20.0,
            "mentions": 20.0, "places": 20.0, "six-party-participants": 0.023, "timeline": 20.0,
            "uncertain-claims": 17.324, "who-said-what": 20.0},
}
REBUILD_BEFORE = 0.075  # seconds per article, rebuild of the first benchmark
CHANGED = int(os.environ.get("BENCH_CHANGED", "100"))  # articles rebuilt with other content
VIRTUOSO = os.environ.get("BENCH_VIRTUOSO", "1") == "1"
VIRTUOSO_MAX = int(os.environ.get("BENCH_VIRTUOSO_MAX", "1000"))
LOAD_MAX = int(os.environ.get("BENCH_LOAD_MAX", "1000"))
PASSWORD_VAR = "NEWSKG_BENCH_VIRTUOSO_PASSWORD"


def header_param(query):
    """The parameter name a query's header gives an example of, if any."""
    for line in (ROOT / "queries" / f"{query}.rq").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# example-param:"):
            return line.split(":", 1)[1].strip().split("=", 1)[0]
    return None


PER_ENTITY = [q for q in QUERIES if header_param(q)]
CORPUS_LEVEL = [q for q in QUERIES if q not in OLD_QUERIES]


def load_average():
    return " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])


def capture(cmd, timeout=None):
    """Runs a command for its output (exits the bench if it fails)."""
    result = subprocess.run(cmd, capture_output=True, timeout=timeout)
    if result.returncode != 0:
        sys.exit(f"bench failed: {' '.join(map(str, cmd))} exited with {result.returncode}\n"
                 f"{result.stderr.decode(errors='replace')[-4000:]}")
    return result.stdout


def rows_of(tsv):
    """Solutions in a TSV answer (its first line names the variables)."""
    return max(len(tsv.splitlines()) - 1, 0)


def timed_query(label, cmd, reps):
    """Median seconds (None when stopped) and the rows of the answer, after
    one untimed run (a warm-up: the store's files are then in the page cache
    whichever tool runs first; every query tool gets one)."""
    out = tempfile.TemporaryFile()
    times = []
    for warm_up in [True] + [False] * reps:
        out.seek(0)
        out.truncate()
        try:
            seconds, _ = run(cmd, stdout=out, timeout=QUERY_TIMEOUT)
        except TimedOut:
            log(f"{label}: stopped after {QUERY_TIMEOUT:.0f} s")
            return None, None
        if not warm_up:
            times.append(seconds)
    out.seek(0)
    rows = rows_of(out.read())
    out.close()
    return statistics.median(times), rows


class Virtuoso:
    """OpenLink Virtuoso 7 (Debian `virtuoso-t`) with its own database in a
    temporary directory, on loopback ports, stopped (the process this bench
    started, by its handle) when the block ends."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(dir=WORK)
        self.http, self.sql = free_port(), free_port()
        self.password = "bench-" + os.urandom(6).hex()
        self.process = None

    def __enter__(self):
        d = pathlib.Path(self.dir.name)
        (d / "db").mkdir()
        db = d / "db"
        ini = d / "virtuoso.ini"
        ini.write_text(
            f"[Database]\nDatabaseFile = {db}/virtuoso.db\nErrorLogFile = {db}/virtuoso.log\n"
            f"LockFile = {db}/virtuoso.lck\nTransactionFile = {db}/virtuoso.trx\n"
            f"xa_persistent_file = {db}/virtuoso.pxa\nFileExtend = 200\nMaxCheckpointRemap = 2000\n"
            f"Striping = 0\nTempStorage = TempDatabase\n\n[TempDatabase]\n"
            f"DatabaseFile = {db}/virtuoso-temp.db\nTransactionFile = {db}/virtuoso-temp.trx\n"
            f"MaxCheckpointRemap = 2000\nStriping = 0\n\n[Parameters]\nServerPort = 127.0.0.1:{self.sql}\n"
            f"DisableUnixSocket = 1\nDisableTcpSocket = 0\nMaxClientConnections = 10\nCheckpointInterval = 60\n"
            f"CaseMode = 2\nDirsAllowed = .\nNumberOfBuffers = 170000\nMaxDirtyBuffers = 130000\n"
            f"ThreadsPerQuery = 2\n\n[HTTPServer]\nServerPort = 127.0.0.1:{self.http}\n"
            f"ServerRoot = /var/lib/virtuoso-opensource-7/vsp\nMaxClientConnections = 10\nServerThreads = 10\n"
            f"EnabledDavVSP = 0\nCharset = UTF-8\n\n[SPARQL]\nResultSetMaxRows = 10000000\n"
            f"MaxQueryExecutionTime = {int(QUERY_TIMEOUT)}\nMaxQueryCostEstimationTime = 0\n",
            encoding="utf-8",
        )
        self.log = open(d / "log", "wb")
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=d, stdout=self.log, stderr=self.log
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/sparql?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"bench failed: virtuoso-t did not start (see {d}/log)")
                time.sleep(0.2)
        for password, statement in [("dba", f'SET PASSWORD dba "{self.password}";'), (self.password, "checkpoint;")]:
            out = capture(["isql-vt", f"127.0.0.1:{self.sql}", "dba", password, f"EXEC={statement}"])
            if b"Error" in out:
                sys.exit(f"bench failed: isql-vt {statement}: {out.decode(errors='replace')}")
        return self

    def __exit__(self, *_):
        stop(self.process, 60)
        self.log.close()
        self.dir.cleanup()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http}"

    def load(self, store):
        env = dict(os.environ, **{PASSWORD_VAR: self.password})
        cmd = [NEWSKG, "load", "--endpoint", f"{self.url}/sparql-graph-crud-auth", "--user", "dba",
               "--password-env", PASSWORD_VAR, "--store", str(store), "--timeout", "3600"]
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, env=env)
        if result.returncode != 0:
            sys.exit(f"bench failed: newskg load into Virtuoso: {result.stderr.decode(errors='replace')[-4000:]}")
        return time.perf_counter() - start

    def query(self, text, reps):
        """Median seconds (None when it failed or was stopped) and rows,
        after one untimed run, as for the other tools."""
        times, rows = [], None
        data = urllib.parse.urlencode({"query": text}).encode()
        for warm_up in [True] + [False] * reps:
            request = urllib.request.Request(
                f"{self.url}/sparql", data=data, headers={"Accept": "text/tab-separated-values"}
            )
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=QUERY_TIMEOUT + 5) as answer:
                    body = answer.read()
            except OSError as error:
                log(f"virtuoso: {error}")
                return None, None
            if not warm_up:
                times.append(time.perf_counter() - start)
            rows = rows_of(body)
        return statistics.median(times), rows


ROWS = []  # (measure, newskg, anchor, anchor value, ratio, target, met)
NOTES = []


def table(rows):
    def met(value):
        return "" if value is None else ("yes" if value else "no")

    return (
        "| measure | newskg | anchor | anchor value | ratio | target | met |\n|---|---|---|---|---|---|---|\n"
        + "".join(f"| {' | '.join(map(str, r[:-1]))} | {met(r[-1])} |\n" for r in rows)
    )


def ms(seconds):
    return "stopped" if seconds is None else f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def speed(anchor, ours):
    """How many times faster newskg is than the anchor ("0.50×": twice slower)."""
    return "" if anchor is None or ours is None else f"{anchor / ours:.2f}×"


def sha256(path):
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def most_mentioned(store):
    """The entity mentioned most, as `<IRI>` (first row of most-mentioned)."""
    out = capture([NEWSKG, "query", "most-mentioned", "--store", str(store), "--format", "tsv",
                   "--param", "limit=1"]).decode()
    return out.splitlines()[1].split("\t")[0]


def corpus_rows(size, reps, scaling):
    rows = ROWS
    corpus = WORK / f"articles-{size}"
    if not (corpus / f"article-{size - 1:06}").is_dir():
        remove(corpus)()
        run([GENERATE, str(corpus), str(size)])
        log(f"generated {size} articles")
    changed_n = min(CHANGED, size)
    changed = WORK / f"changed-{changed_n}"
    if not (changed / f"article-{changed_n - 1:06}").is_dir():
        remove(changed)()
        run([GENERATE, str(changed), str(changed_n), "7"])
    original = WORK / f"original-{size}-{changed_n}"
    remove(original)()
    original.mkdir()
    for i in range(changed_n):
        (original / f"article-{i:06}").symlink_to(corpus / f"article-{i:06}")

    store = WORK / f"store-{size}"
    figures = scaling.setdefault(size, {})
    build_time, build_peak = timed(
        f"newskg build {size}", remove(store), [NEWSKG, "build", str(corpus), "--store", str(store)], reps
    )
    nquads = WORK / f"corpus-{size}.nq"
    export_time, export_peak = timed(
        f"newskg export {size}", remove(nquads),
        [NEWSKG, "export", "--store", str(store), "--summaries", "-o", str(nquads)], reps,
    )
    quads = lines(nquads)
    if quads < size * 1000:
        sys.exit(f"bench failed: {quads} quads for {size} articles")
    megabytes = nquads.stat().st_size / 1e6
    exported = sha256(nquads)
    dumped = WORK / f"dump-{size}.nq"
    dump_time, _ = timed(
        f"oxigraph dump {size}", remove(dumped),
        [OXIGRAPH, "dump", "--location", str(store), "--file", str(dumped)], reps,
    )
    if lines(dumped) != quads:
        sys.exit(f"bench failed: oxigraph dump wrote {lines(dumped)} quads, newskg export {quads}")
    remove(dumped)()
    oxistore = WORK / f"oxigraph-{size}"
    load_time, load_peak = timed(
        f"oxigraph load {size}", remove(oxistore),
        [OXIGRAPH, "load", "--location", str(oxistore), "--file", str(nquads)], reps,
    )
    remove(oxistore)()
    remove(nquads)()
    ratio = load_time / build_time
    figures["build"] = build_time
    rows.append((
        f"{size:,} articles: build (convert, bulk load, summaries; {quads:,} quads), peak {build_peak:,.0f} MB",
        f"{quads / build_time:,.0f} quads/s ({build_time:.1f} s)",
        "`oxigraph load` of the same N-Quads",
        f"{quads / load_time:,.0f} quads/s ({load_time:.1f} s), peak {load_peak:,.0f} MB",
        f"{ratio:.2f}×", "≥ 0.7×, peak ≤ 2 GB", ratio >= 0.7 and build_peak <= 2048,
    ))
    ratio = dump_time / export_time
    figures["export"] = export_time
    rows.append((
        f"{size:,} articles: export N-Quads, sorted ({megabytes:,.0f} MB), peak {export_peak:,.0f} MB",
        f"{megabytes / export_time:.1f} MB/s ({export_time:.1f} s)",
        "`oxigraph dump` of the same store (unsorted)",
        f"{megabytes / dump_time:.1f} MB/s ({dump_time:.1f} s)",
        f"{ratio:.2f}×", "≥ 1.0×", ratio >= 1.0,
    ))

    # Rebuilds: every article again, unchanged; then CHANGED of them with
    # other content (another seed) and back. The store must come back to
    # the same bytes.
    same_time, _ = timed(f"rebuild {size} unchanged", None, [NEWSKG, "build", str(corpus), "--store", str(store)], reps)
    per_article = same_time / size
    figures["rebuild"] = per_article
    rows.append((
        f"{size:,} articles: rebuild, every article unchanged (per article)", ms(per_article),
        "rebuild of the first benchmark", ms(REBUILD_BEFORE), speed(REBUILD_BEFORE, per_article),
        "≥ 5× (≤ 15 ms)", per_article <= REBUILD_BEFORE / 5,
    ))
    there, _ = run([NEWSKG, "build", str(changed), "--store", str(store)])
    back, _ = run([NEWSKG, "build", str(original), "--store", str(store)])
    per_article = (there + back) / (2 * changed_n)
    figures["rebuild changed"] = per_article
    log(f"rebuild {size}, {changed_n} changed: {per_article * 1000:.1f} ms per article")
    rows.append((
        f"{size:,} articles: rebuild of {changed_n} articles whose content changed, and back (per article)",
        ms(per_article), "rebuild of the first benchmark", ms(REBUILD_BEFORE), speed(REBUILD_BEFORE, per_article),
        "≥ 5× (≤ 15 ms)", per_article <= REBUILD_BEFORE / 5,
    ))
    run([NEWSKG, "export", "--store", str(store), "--summaries", "-o", str(nquads)])
    if sha256(nquads) != exported:
        sys.exit(f"bench failed: the store of {size} articles rebuilt to its articles differs from its first build")
    remove(nquads)()
    log(f"store of {size} after the rebuilds: the same bytes as after its build")

    # Queries, each beside `oxigraph query` on the same store and Virtuoso.
    entity = most_mentioned(store)
    article = f"article-{size // 2:06}"
    runs = []  # (group, label, newskg args, target seconds or rows/s, whole)
    for q in QUERIES:
        runs.append(("per article", f"{q} --graph {article}", [q, "--graph", article], 0.1, False))
    for q in PER_ENTITY:
        param = f"{header_param(q)}={entity}"
        runs.append(("per entity, first page", f"{q} (most mentioned entity)", [q, "--param", param], 0.1, False))
        runs.append(("per entity, whole answer", f"{q} (most mentioned entity), limit=all",
                     [q, "--param", param, "--param", "limit=all"], 100_000, True))
    for q in CORPUS_LEVEL:
        runs.append(("corpus", q, [q], 1.0, False))
    for q in OLD_QUERIES:
        runs.append(("whole corpus", q, [q], BEFORE.get(size, {}).get(q), False))
    virtuoso = None
    stack = None
    if VIRTUOSO and size <= VIRTUOSO_MAX:
        stack = Virtuoso()
        virtuoso = stack.__enter__()
        seconds = virtuoso.load(store)
        log(f"newskg load into Virtuoso, {size} articles: {seconds:.1f} s")
        NOTES.append(f"Virtuoso at {size:,} articles: loaded by `newskg load --store` (Graph Store protocol) "
                     f"in {seconds:.0f} s ({quads / seconds:,.0f} quads/s).")
    elif VIRTUOSO:
        NOTES.append(f"Virtuoso at {size:,} articles: not run (BENCH_VIRTUOSO_MAX={VIRTUOSO_MAX}): loading it "
                     f"through its Graph Store endpoint does not fit in the bench's time at this size.")
    try:
        for group, label, args, target, whole in runs:
            sparql = WORK / "query.rq"
            sparql.write_bytes(capture([NEWSKG, "query", *args, "--store", str(store), "--show-sparql"]))
            ours, rows_n = timed_query(f"newskg {label} on {size}", [NEWSKG, "query", *args, "--store", str(store),
                                                                        "--format", "tsv"], reps)
            # The union of the graphs as default graph, as newskg queries,
            # unless the query names its graphs (FROM, for `--graph`): the
            # CLI's flag would override them.
            union = [] if "--graph" in args else ["--union-default-graph"]
            theirs, their_rows = timed_query(
                f"oxigraph {label} on {size}",
                [OXIGRAPH, "query", "--location", str(store), "--query-file", str(sparql), "--results-format", "tsv",
                 *union], reps)
            if ours is not None and theirs is not None and rows_n != their_rows:
                NOTES.append(f"{label} at {size:,}: newskg gave {rows_n} rows, `oxigraph query` {their_rows}.")
            v_time = None
            if virtuoso:
                v_time, v_rows = virtuoso.query(sparql.read_text(encoding="utf-8"), reps)
                if v_time is not None and ours is not None and v_rows != rows_n:
                    NOTES.append(f"{label} at {size:,}: Virtuoso gave {v_rows} rows, newskg {rows_n}.")
            # Keyed without the article's id (the middle one differs by size),
            # so that the growth rows find both sizes.
            figures[f"{group}: {label.replace(article, 'the middle article')}"] = ours
            shown = ms(ours) + (f", {rows_n:,} rows" if rows_n is not None else "")
            if whole:
                rate = rows_n / ours if ours else None
                shown += f", {rate:,.0f} rows/s" if rate else ""
                target_text, met = "≥ 100,000 rows/s", rate is not None and rate >= target
            elif group == "whole corpus":
                target_text = f"≤ {ms(target)} (first benchmark)" if target else ""
                met = None if target is None else (ours is not None and ours <= target * 1.1)
            else:
                target_text, met = f"≤ {ms(target)}", ours is not None and ours <= target
            anchor = f"oxigraph {ms(theirs)}" + (f"; Virtuoso {ms(v_time)}" if virtuoso else "")
            ratio = speed(theirs, ours) + (f"; {speed(v_time, ours)}" if virtuoso and v_time else "")
            rows.append((f"{size:,} articles, {group}: {label}", shown,
                         "`oxigraph query --union-default-graph`" + (", Virtuoso" if virtuoso else ""),
                         anchor, ratio, target_text, met))
    finally:
        if stack:
            stack.__exit__(None, None, None)
    if LOAD and size <= LOAD_MAX:
        rows += load_rows(size, store, reps)
    remove(store)()
    remove(original)()


def write_results(rows, load_before, partial):
    """Prints the table and writes it to bench/RESULTS.md (unless BENCH_WRITE=0)."""
    header = (
        f"# newskg benchmark\n\n{datetime.date.today().isoformat()}, {os.cpu_count()} cores, load average "
        f"{load_before} at the start and {load_average()} at the end (1, 5, 15 min); corpora of "
        f"{', '.join(f'{s:,}' for s in SIZES)} generated articles; medians of {REPS} runs"
        + (f" ({LARGE_REPS} above 1,000 articles)" if LARGE_REPS != REPS and max(SIZES) > 1000 else "")
        + f", queries stopped after {QUERY_TIMEOUT:.0f} s, each query run once untimed before its timed runs "
        "(a warm-up, for newskg, `oxigraph query` and Virtuoso alike: the store's files in the page cache "
        "whichever runs first) (`make bench`)"
        + (f" ({partial})" if partial else "")
        + ". Ratios are how many times faster newskg is than the anchor (below 1: slower). Each query's SPARQL "
        "for the anchors is newskg's own, as it runs (`newskg query … --show-sparql`: parameters bound, page "
        "applied, `--graph` as FROM).\n\n"
    )
    notes = "".join(f"- {n}\n" for n in NOTES)
    text = header + table(rows) + (f"\nNotes:\n{notes}" if notes else "")
    if not partial:
        print(text)
    if os.environ.get("BENCH_WRITE", "1") == "1":
        (ROOT / "bench/RESULTS.md").write_text(text, encoding="utf-8")


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    rows = ROWS
    load_before = load_average()

    # 1. The bundled article, cold processes: convert + load + every query + Turtle.
    turtle = WORK / "article.nq"
    bundled_store = WORK / "bundled-store"
    remove(bundled_store)()
    run([NEWSKG, "build", "--store", str(bundled_store)])
    run([NEWSKG, "export", "--store", str(bundled_store), "--summaries", "-o", str(turtle)])
    remove(bundled_store)()
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
        [PYTHON, str(ROOT / "bench/rdflib_pipeline.py"), str(turtle), str(ROOT / "queries"), str(WORK / "rdflib.trig")],
        REPS,
    )
    speedup = rdflib_pipeline / newskg_pipeline
    rows.append((
        f"bundled article: build + {len(QUERIES)} queries + Turtle, {len(steps)} cold processes "
        f"(median {process_median * 1000:.1f} ms per process)",
        f"{newskg_pipeline * 1000:.1f} ms",
        "rdflib (load the article's store as N-Quads, same queries over its union, write TriG)",
        f"{rdflib_pipeline * 1000:.0f} ms",
        f"{speedup:.1f}× faster",
        "≤ 20 ms per process, ≥ 20× faster",
        process_median <= 0.020 and speedup >= 20,
    ))

    scaling = {}
    for size in SIZES:
        corpus_rows(size, REPS if size <= 1000 else LARGE_REPS, scaling)
        if size != SIZES[-1]:
            # What is measured so far, in case the larger sizes cannot finish.
            write_results(rows, load_before, f"partial: measured up to {size:,} articles of {SIZES[-1]:,}")

    if len(SIZES) >= 2:
        small, large = SIZES[0], SIZES[-1]
        factor = large / small
        for what, before in scaling[small].items():
            after = scaling[large].get(what)
            if before is None or after is None:
                rows.append((f"growth {small:,} → {large:,} articles: {what}", "n/a (stopped)", "", "", "", "", None))
                continue
            growth = after / before
            target = f"≤ {factor * 1.1:.0f}×" if what in ("build", "export") else ""
            met = growth <= factor * 1.1 if target else None
            rows.append((f"growth {small:,} → {large:,} articles: {what}", f"{growth:.1f}×",
                         "linear growth", f"{factor:.0f}×", f"{growth / factor:.2f}", target, met))

    write_results(rows, load_before, None)
    log("done")


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        # What was measured before the failure, for the record.
        if ROWS:
            print("measured before the failure:\n" + table(ROWS), file=sys.stderr)
        raise
