#!/usr/bin/env python3
"""`make eval`: extraction scores on the development sets, when they are there.

The development sets (`../shared/dev/quotes`, `../shared/dev/entities`, or
NEWSKG_DEV) are real news with gold annotations made by other people. They are
for measurement only: nothing of them is copied into this repository. For each
set this script

1. builds every article with no hand annotation (`newskg build --auto FILE`),
2. exports one N-Quads file per article, each from a store of its own,
3. runs the set's own `score.py` on those files and prints its totals.

Quotation sets give quotation recall, speaker recall and speaker precision;
entity sets give people / organisation / place recall and date accuracy.

Environment: NEWSKG (the binary), PYTHON (a Python with rdflib, for score.py),
NEWSKG_DEV (the directory holding the sets), EVAL_KEEP=1 keeps the work
directory and prints its path, EVAL_VERBOSE=1 passes -v to the quotes scorer.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWSKG = os.environ.get("NEWSKG", str(ROOT / "target/release/newskg"))
PYTHON = os.environ.get("PYTHON", sys.executable)
DEV = pathlib.Path(os.environ.get("NEWSKG_DEV", ROOT.parent / "shared" / "dev"))


def run(*args, check=True, **kwargs):
    return subprocess.run([str(a) for a in args], check=check, text=True, capture_output=True, **kwargs)


def articles(set_dir):
    return sorted(p for p in set_dir.glob("*.md") if p.name != "README.md")


def build_set(set_dir, work):
    """Builds every article of a set with no hand annotation (`newskg build
    --auto`), each in a store of its own (so that no article borrows another's
    entities), and exports it: one N-Quads file per article in work/graphs,
    named as the scorers expect."""
    graphs = work / "graphs"
    graphs.mkdir()
    built, failures = 0, []
    for n, path in enumerate(articles(set_dir)):
        store = work / "stores" / f"a{n:03d}"
        store.parent.mkdir(exist_ok=True)
        steps = [
            ("build", [NEWSKG, "build", "--auto", path, "--store", store]),
            ("export", [NEWSKG, "export", "--store", store, "--format", "nquads",
                        "-o", graphs / (path.stem + ".nq")]),
        ]
        for step, command in steps:
            result = run(*command, check=False)
            if result.returncode != 0:
                failures.append(f"{path.name}: {step}: {result.stderr.strip()}")
                break
        else:
            built += 1
    return built, failures


def score(set_dir, graphs):
    scorer = set_dir / "score.py"
    if set_dir.name == "entities":
        result = run(PYTHON, scorer, set_dir / "gold.json", graphs, check=False)
    else:
        verbose = ["-v"] if os.environ.get("EVAL_VERBOSE") else []
        result = run(PYTHON, scorer, "--dir", graphs, *verbose, check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"{scorer} failed:\n{result.stderr}")
    return result.stdout


def main():
    if not DEV.is_dir():
        print(f"no development sets at {DEV}: nothing to measure (set NEWSKG_DEV)")
        return 0
    sets = [d for d in (DEV / "quotes", DEV / "entities") if (d / "score.py").is_file()]
    work_root = pathlib.Path(tempfile.mkdtemp(prefix="newskg-eval-"))
    try:
        for set_dir in sets:
            work = work_root / set_dir.name
            work.mkdir()
            built, failures = build_set(set_dir, work)
            report = score(set_dir, work / "graphs")
            total = len(articles(set_dir))
            print(f"== {set_dir.name}: {built} of {total} articles built, {len(failures)} failures")
            for failure in failures:
                print(f"   {failure}")
            if set_dir.name == "entities":
                print(report.strip())
            else:
                print(quotes_summary(report))
            print()
    finally:
        if os.environ.get("EVAL_KEEP"):
            print(f"work directory kept: {work_root}")
        else:
            shutil.rmtree(work_root)
    return 0


def quotes_summary(report):
    """The scorer's per-article table, then its totals in words."""
    lines = report.rstrip().splitlines()
    total = next((l for l in lines if l.startswith("TOTAL")), None)
    if total is None:
        return report
    numbers = [int(n) for n in re.findall(r"\b\d+\b", total.split("|")[0].split(")", 1)[1])][:4]
    found, gold, right, wrong = numbers
    precision = right / (right + wrong) if right + wrong else 0.0
    summary = (
        f"quotations found {found}/{gold} ({100 * found / gold:.1f} %); "
        f"speakers right {right} (recall {100 * right / gold:.1f} %), wrong {wrong} "
        f"(precision {100 * precision:.1f} %)"
    )
    return report.rstrip() + "\n" + summary


if __name__ == "__main__":
    sys.exit(main())
