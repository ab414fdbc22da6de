"""The anchor for newskg's bundled-article figure: the same work in Python
with rdflib — load newskg's Turtle, run every bundled query, write Turtle.

usage: rdflib_pipeline.py ARTICLE.ttl QUERIES_DIR OUT.ttl
"""

import pathlib
import sys

import rdflib


def main() -> None:
    source, queries, out = sys.argv[1:4]
    graph = rdflib.Graph()
    graph.parse(source, format="turtle")
    rows = 0
    for query in sorted(pathlib.Path(queries).glob("*.rq")):
        rows += len(list(graph.query(query.read_text(encoding="utf-8"))))
    graph.serialize(out, format="turtle")
    print(f"{len(graph)} triples, {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
