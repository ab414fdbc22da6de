"""`make bench`: newskg measured beside the tools a user would pick instead.

Each figure is the median of several runs of a fresh process, shown beside its
anchor measured in the same run, as a ratio. Peak memory is the child's
maximum resident set size (getrusage). The table is printed and written to
bench/RESULTS.md.

Environment: NEWSKG (the release binary), GENERATE (the corpus generator),
OXIGRAPH (the Oxigraph CLI), SERDI, PYTHON (with rdflib), BENCH_SIZES
(corpus sizes, default "1000 10000"), BENCH_REPS (default 3), BENCH_DIR
(scratch directory, default bench/corpus).
"""

import datetime
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWSKG = os.environ.get("NEWSKG", str(ROOT / "target/release/newskg"))
GENERATE = os.environ.get("GENERATE", str(ROOT / "target/release/examples/generate-corpus"))
OXIGRAPH = os.environ.get("OXIGRAPH", str(ROOT / ".venv/bin/oxigraph"))
SERDI = os.environ.get("SERDI", "serdi")
PYTHON = os.environ.get("PYTHON", str(ROOT / ".venv/bin/python"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000 10000").split()]
REPS = int(os.environ.get("BENCH_REPS", "3"))
WORK = pathlib.Path(os.environ.get("BENCH_DIR", str(ROOT / "bench/corpus")))
QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs a command; returns (seconds, peak RSS in MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def median(samples):
    return statistics.median(samples)


def timed(label, setup, cmd, reps=REPS, stdout=subprocess.DEVNULL):
    times, peaks = [], []
    for _ in range(reps):
        if setup:
            setup()
        seconds, peak = run(cmd, stdout)
        times.append(seconds)
        peaks.append(peak)
    print(f"  {label}: {median(times) * 1000:.1f} ms (median of {reps})", file=sys.stderr)
    return median(times), max(peaks)


def remove(path):
    def go():
        shutil.rmtree(path, ignore_errors=True)
        if os.path.isfile(path):
            os.remove(path)

    return go


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    rows = []  # (measure, newskg, anchor, anchor value, ratio, target, met)

    # 1. The bundled article, cold processes: convert + load + every query + Turtle.
    turtle = WORK / "article.ttl"
    run([NEWSKG, "export", "-o", str(turtle)])
    steps = [[NEWSKG, "build"]]
    steps += [[NEWSKG, "query", q, "--format", "tsv"] for q in QUERIES]
    steps += [[NEWSKG, "export", "-o", str(WORK / "again.ttl")]]
    pipeline = []
    for _ in range(max(REPS, 5)):
        pipeline.append(sum(run(step)[0] for step in steps))
    newskg_pipeline = median(pipeline)
    rdflib_pipeline, _ = timed(
        "rdflib pipeline",
        None,
        [PYTHON, str(ROOT / "bench/rdflib_pipeline.py"), str(turtle), str(ROOT / "queries"), str(WORK / "rdflib.ttl")],
    )
    speedup = rdflib_pipeline / newskg_pipeline
    rows.append(
        (
            f"bundled article: build + {len(QUERIES)} queries + Turtle ({len(steps)} cold processes)",
            f"{newskg_pipeline * 1000:.1f} ms",
            "rdflib (load Turtle, same queries, write Turtle)",
            f"{rdflib_pipeline * 1000:.0f} ms",
            f"{speedup:.1f}× faster",
            "≤ 20 ms per process, ≥ 20× faster",
            newskg_pipeline / len(steps) <= 0.020 and speedup >= 20,
        )
    )

    scaling = {}
    for size in SIZES:
        corpus = WORK / f"articles-{size}"
        if not (corpus / f"article-{size - 1:06}").is_dir():
            shutil.rmtree(corpus, ignore_errors=True)
            run([GENERATE, str(corpus), str(size)])
        store = WORK / f"store-{size}"
        build_time, build_peak = timed(f"newskg build {size}", remove(store), [NEWSKG, "build", str(corpus), "--store", str(store)])
        nquads = WORK / f"corpus-{size}.nq"
        export_time, _ = timed(f"newskg export {size}", remove(nquads), [NEWSKG, "export", "--store", str(store), "-o", str(nquads)])
        quads = sum(1 for _ in open(nquads, "rb"))
        megabytes = nquads.stat().st_size / 1e6
        oxistore = WORK / f"oxigraph-{size}"
        load_time, load_peak = timed(
            f"oxigraph load {size}", remove(oxistore), [OXIGRAPH, "load", "--location", str(oxistore), "--file", str(nquads)]
        )
        shutil.rmtree(oxistore, ignore_errors=True)
        serdi_time, _ = timed(f"serdi {size}", None, [SERDI, "-i", "nquads", "-o", "ntriples", str(nquads)])
        ratio = (quads / build_time) / (quads / load_time)
        rows.append(
            (
                f"{size} articles: convert + bulk load ({quads:,} quads), peak {build_peak:.0f} MB",
                f"{quads / build_time:,.0f} quads/s",
                "oxigraph load of the same N-Quads",
                f"{quads / load_time:,.0f} quads/s, peak {load_peak:.0f} MB",
                f"{ratio:.2f}×",
                "≥ 0.7×, ≤ 2 GB at 10,000",
                ratio >= 0.7 and (size < 10000 or build_peak <= 2048),
            )
        )
        ratio = (megabytes / export_time) / (megabytes / serdi_time)
        rows.append(
            (
                f"{size} articles: export N-Quads ({megabytes:.0f} MB)",
                f"{megabytes / export_time:.1f} MB/s",
                "serdi N-Quads → N-Triples",
                f"{megabytes / serdi_time:.1f} MB/s",
                f"{ratio:.2f}×",
                "≥ 0.5×",
                ratio >= 0.5,
            )
        )
        slowest = 0.0
        for query in QUERIES:
            seconds, _ = timed(f"query {query} on {size}", None, [NEWSKG, "query", query, "--store", str(store), "--format", "tsv"])
            slowest = max(slowest, seconds)
            rows.append((f"{size} articles: query {query}", f"{seconds * 1000:.0f} ms", "", "", "", "≤ 200 ms", seconds <= 0.2))
        scaling[size] = (build_time, export_time)
        shutil.rmtree(store, ignore_errors=True)

    if len(SIZES) >= 2:
        small, large = SIZES[0], SIZES[-1]
        factor = large / small
        for index, what in enumerate(["build", "export"]):
            growth = scaling[large][index] / scaling[small][index]
            rows.append(
                (
                    f"growth of {what} time from {small} to {large} articles",
                    f"{growth:.1f}×",
                    "linear growth",
                    f"{factor:.0f}×",
                    f"{growth / factor:.2f}",
                    f"close to {factor:.0f}",
                    growth <= factor * 1.3,
                )
            )

    header = (
        f"# newskg benchmark\n\n{datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
        f"medians of {REPS} runs (`make bench`).\n\n"
        "| measure | newskg | anchor | anchor value | ratio | target | met |\n|---|---|---|---|---|---|---|\n"
    )
    table = header + "".join(f"| {' | '.join(map(str, r[:-1]))} | {'yes' if r[-1] else 'no'} |\n" for r in rows)
    print(table)
    if os.environ.get("BENCH_WRITE", "1") == "1":
        (ROOT / "bench/RESULTS.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
