//! The ontology (`ontology/newskg.ttl`) and the vocabulary constants
//! (`src/vocab.rs`) describe the same terms, and every term is documented.

use std::collections::BTreeSet;

use newskg::vocab::{itsrdf, nif, nkg, org, prov, schema, sem, time};
use sophia::api::graph::Graph;
use sophia::api::term::Term;

use crate::harness::{repo, sophia_graph};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
const RDFS_DOMAIN: &str = "http://www.w3.org/2000/01/rdf-schema#domain";
const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";
const OWL_DATATYPE_PROPERTY: &str = "http://www.w3.org/2002/07/owl#DatatypeProperty";

/// The triples of the ontology whose subject is an IRI, as strings: subject,
/// predicate, and the object when it is an IRI.
struct Ontology {
    triples: Vec<(String, String, Option<String>)>,
}

fn iri<T: Term>(term: T) -> Option<String> {
    term.iri().map(|iri| iri.as_str().to_owned())
}

impl Ontology {
    fn load() -> Self {
        let path = repo().join("ontology/newskg.ttl");
        let turtle = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let graph = sophia_graph(&turtle);
        let triples = graph
            .triples()
            .map(|triple| triple.expect("an in-memory graph does not fail"))
            .filter_map(|[s, p, o]| Some((iri(s)?, iri(p)?, iri(o))))
            .collect();
        Self { triples }
    }

    /// Whether `subject` has at least one value for `predicate`.
    fn has(&self, subject: &str, predicate: &str) -> bool {
        self.triples.iter().any(|(s, p, _)| s == subject && p == predicate)
    }

    /// The subjects in the `nkg` namespace with an `rdf:type` in `types`, or
    /// with any `rdf:type` when `types` is empty.
    fn nkg_declared(&self, types: &[&str]) -> BTreeSet<&str> {
        self.triples
            .iter()
            .filter(|(s, p, o)| {
                s.starts_with(nkg::NS)
                    && p == RDF_TYPE
                    && (types.is_empty() || o.as_deref().is_some_and(|o| types.contains(&o)))
            })
            .map(|(s, _, _)| s.as_str())
            .collect()
    }
}

#[test]
fn vocab_and_ontology_agree_both_ways() {
    let ontology = Ontology::load();
    let declared = ontology.nkg_declared(&[]);
    let constants: BTreeSet<&str> = nkg::TERMS.iter().map(|term| term.as_str()).collect();
    assert_eq!(constants.len(), nkg::TERMS.len(), "src/vocab.rs lists an nkg term twice");

    let not_in_ontology: Vec<_> = constants.difference(&declared).collect();
    let not_in_vocab: Vec<_> = declared.difference(&constants).collect();
    assert!(
        not_in_ontology.is_empty() && not_in_vocab.is_empty(),
        "in src/vocab.rs but not declared in ontology/newskg.ttl: {not_in_ontology:#?}\n\
         declared in ontology/newskg.ttl but not in src/vocab.rs: {not_in_vocab:#?}"
    );
}

#[test]
fn every_external_term_used_is_documented() {
    let ontology = Ontology::load();
    let modules = [schema::TERMS, prov::TERMS, nif::TERMS, itsrdf::TERMS, org::TERMS, sem::TERMS, time::TERMS];
    let undocumented: Vec<&str> = modules
        .into_iter()
        .flatten()
        .map(|term| term.as_str())
        .filter(|term| !ontology.has(term, RDFS_LABEL))
        .collect();
    assert!(
        undocumented.is_empty(),
        "terms of src/vocab.rs without an rdfs:label in ontology/newskg.ttl: {undocumented:#?}"
    );
}

#[test]
fn every_property_has_label_comment_domain_range() {
    let ontology = Ontology::load();
    let properties = ontology.nkg_declared(&[OWL_OBJECT_PROPERTY, OWL_DATATYPE_PROPERTY]);
    assert!(!properties.is_empty(), "the ontology declares no nkg property");

    let mut missing = Vec::new();
    // Every nkg term (class, property or individual) has a label and a comment.
    for term in ontology.nkg_declared(&[]) {
        let required: &[&str] = if properties.contains(term) {
            &[RDFS_LABEL, RDFS_COMMENT, RDFS_DOMAIN, RDFS_RANGE]
        } else {
            &[RDFS_LABEL, RDFS_COMMENT]
        };
        for predicate in required {
            if !ontology.has(term, predicate) {
                missing.push(format!("{term} has no {predicate}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
