"""Parses an RDF file with rdflib and prints the dataset it read as N-Quads.

Usage: python rdflib_to_nquads.py FORMAT FILE, FORMAT one of rdflib's parser
names (turtle, nt, nquads, trig, xml, json-ld). Triples of the default graph
come out without a graph name, so a triple format gives N-Triples lines.
"""

import sys

import rdflib


def main() -> None:
    fmt, path = sys.argv[1], sys.argv[2]
    dataset = rdflib.Dataset()
    with open(path, "rb") as f:
        dataset.parse(f, format=fmt)
    # rdflib's own N-Quads writer names the default graph; write lines by
    # hand so that it stays unnamed and the output is one quad per line.
    lines = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = "" if g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else " " + g.n3()
        lines.append(f"{s.n3()} {p.n3()} {term(o)}{graph} .\n")
    sys.stdout.write("".join(sorted(lines)))


def term(node: rdflib.term.Node) -> str:
    """An object in N-Triples syntax, escaping as N-Triples requires."""
    if isinstance(node, rdflib.Literal):
        text = (
            str(node)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype and str(node.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{text}"^^<{node.datatype}>'
        return f'"{text}"'
    return node.n3()


if __name__ == "__main__":
    main()
