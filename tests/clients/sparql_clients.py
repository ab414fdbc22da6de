"""Runs SPARQL queries against an endpoint with a Python client and writes
what the client read, as SPARQL 1.1 Results JSON, one file per query.

Usage: sparql_clients.py (sparqlwrapper|rdflib) ENDPOINT IN_DIR OUT_DIR

- sparqlwrapper: SPARQLWrapper, asking for JSON results; the rows are the
  bindings SPARQLWrapper parsed.
- rdflib: rdflib's SPARQLStore (SPARQL XML results by default); the rows are
  rdflib terms, written back as JSON.

Each IN_DIR/NAME.rq gives OUT_DIR/NAME.srj. Exit status 1 with the error on
the first query that fails.
"""

import json
import pathlib
import sys


def run_sparqlwrapper(endpoint, text):
    from SPARQLWrapper import JSON, SPARQLWrapper

    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(text)
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    return {"head": {"vars": result["head"]["vars"]}, "results": {"bindings": result["results"]["bindings"]}}


def rdflib_term(term):
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        value = {"type": "literal", "value": str(term)}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype:
            value["datatype"] = str(term.datatype)
        return value
    raise ValueError(f"unexpected term {term!r}")


def run_rdflib(endpoint, text):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(query_endpoint=endpoint)
    result = store.query(text)
    variables = [str(v) for v in result.vars]
    bindings = []
    for row in result:
        binding = {}
        for name, term in zip(variables, row):
            if term is not None:
                binding[name] = rdflib_term(term)
        bindings.append(binding)
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}


def main():
    client, endpoint, in_dir, out_dir = sys.argv[1:5]
    run = {"sparqlwrapper": run_sparqlwrapper, "rdflib": run_rdflib}[client]
    for path in sorted(pathlib.Path(in_dir).glob("*.rq")):
        try:
            result = run(endpoint, path.read_text(encoding="utf-8"))
        except Exception as error:  # the test prints it
            sys.exit(f"{client}: {path.name}: {type(error).__name__}: {error}")
        (pathlib.Path(out_dir) / f"{path.stem}.srj").write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
