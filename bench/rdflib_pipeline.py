"""The anchor for newskg's bundled-article figure: the same work in Python
with rdflib — load the store newskg builds of the article (its graphs and
summaries, as N-Quads), run every bundled query over the union of its
graphs, write TriG.

usage: rdflib_pipeline.py ARTICLE.nq QUERIES_DIR OUT.trig
"""

import pathlib
import sys

import rdflib


def main() -> None:
    source, queries, out = sys.argv[1:4]
    graph = rdflib.Dataset(default_union=True)
    graph.parse(source, format="nquads")
    rows = 0
    for query in sorted(pathlib.Path(queries).glob("*.rq")):
        rows += len(list(graph.query(query.read_text(encoding="utf-8"))))
    graph.serialize(out, format="trig")
    print(f"{len(graph)} triples, {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
