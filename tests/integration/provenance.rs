//! Provenance holds in the graph itself: every span's offsets slice the
//! article text to its anchor, and every fact reaches its evidence by plain
//! SPARQL, with no help from newskg.

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;

const PREFIXES: &str = "
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
";

/// The bundled article, converted by the library and loaded into a store.
fn bundled_store() -> Store {
    let source = newskg::convert::Source::bundled();
    let conversion = newskg::convert::convert(&source, newskg::DEFAULT_BASE).expect("convert");
    let store = newskg::store::open(None).expect("in-memory store");
    newskg::store::load(&store, &conversion, newskg::DEFAULT_BASE).expect("load");
    store
}

/// Runs a SELECT over the union of the store's graphs.
fn select(store: &Store, query: &str) -> Vec<QuerySolution> {
    let mut prepared = SparqlEvaluator::new().parse_query(&format!("{PREFIXES}{query}")).expect("query parses");
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().expect("query runs") else {
        panic!("not a SELECT query");
    };
    solutions.collect::<Result<_, _>>().expect("solutions")
}

/// The lexical value of a literal the row binds.
fn value<'a>(row: &'a QuerySolution, variable: &str) -> &'a str {
    match row.get(variable) {
        Some(Term::Literal(literal)) => literal.value(),
        other => panic!("?{variable} is not a literal: {other:?}"),
    }
}

fn index(row: &QuerySolution, variable: &str) -> usize {
    value(row, variable).parse().expect("an offset")
}

#[test]
fn every_span_slices_the_text_to_its_anchor() {
    let spans = select(
        &bundled_store(),
        "SELECT ?span ?begin ?end ?anchor ?text WHERE {
           ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
                 nif:referenceContext/nif:isString ?text .
         }",
    );
    assert!(spans.len() > 100, "only {} spans", spans.len());
    for span in &spans {
        let (begin, end) = (index(span, "begin"), index(span, "end"));
        // NIF offsets count Unicode code points, not bytes.
        let slice: String = value(span, "text").chars().skip(begin).take(end.saturating_sub(begin)).collect();
        assert_eq!(slice, value(span, "anchor"), "{:?} [{begin}, {end})", span.get("span"));
    }
}

#[test]
fn every_fact_reaches_its_evidence_with_plain_sparql() {
    let store = bundled_store();
    let facts = "VALUES ?class { schema:Event schema:Quotation schema:Claim org:Post nkg:Statement nkg:Quantity }
                 ?fact a ?class .";
    let all = select(&store, &format!("SELECT DISTINCT ?fact WHERE {{ {facts} }}"));
    assert!(all.len() >= 40, "only {} facts", all.len());
    let offenders = select(
        &store,
        &format!(
            "SELECT DISTINCT ?fact WHERE {{
               {facts}
               FILTER NOT EXISTS {{
                 ?fact prov:wasDerivedFrom ?span .
                 ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor .
                 # The span lies in a sentence, or is a whole sentence itself.
                 {{ ?span nif:sentence ?sentence . ?sentence a nif:Sentence . }} UNION {{ ?span a nif:Sentence . }}
               }}
             }}"
        ),
    );
    let offenders: Vec<_> = offenders.iter().filter_map(|row| row.get("fact")).collect();
    assert!(offenders.is_empty(), "facts without evidence: {offenders:?}");
}
