//! The quads of the store as a sophia dataset, for the algorithms that
//! newskg takes from sophia (RDFC-1.0 canonicalization, JSON-LD).
//!
//! Terms are copied one by one, never through a text syntax, so nothing can
//! be lost or re-escaped on the way.

use std::io;

use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use sophia_api::MownStr;
use sophia_api::dataset::MutableDataset;
use sophia_api::ns::IriRef;
use sophia_api::term::{BnodeId, LanguageTag, SimpleTerm};
use sophia_inmem::dataset::LightDataset;

/// The quads as a sophia dataset (a set: duplicates collapse). RDF 1.2
/// triple terms, which newskg never writes, are refused.
pub fn sophia_dataset<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> io::Result<LightDataset> {
    let mut dataset = LightDataset::new();
    for quad in quads {
        let graph = match &quad.graph_name {
            GraphName::NamedNode(n) => Some(iri(n.as_str())),
            GraphName::BlankNode(b) => Some(bnode(b.as_str())),
            GraphName::DefaultGraph => None,
        };
        let subject = match &quad.subject {
            NamedOrBlankNode::NamedNode(n) => iri(n.as_str()),
            NamedOrBlankNode::BlankNode(b) => bnode(b.as_str()),
        };
        dataset
            .insert(subject, iri(quad.predicate.as_str()), term(&quad.object)?, graph)
            .map_err(|e| io::Error::new(io::ErrorKind::OutOfMemory, e))?;
    }
    Ok(dataset)
}

fn iri(iri: &str) -> SimpleTerm<'_> {
    SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from(iri)))
}

fn bnode(id: &str) -> SimpleTerm<'_> {
    SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(id)))
}

fn term(term: &Term) -> io::Result<SimpleTerm<'_>> {
    Ok(match term {
        Term::NamedNode(n) => iri(n.as_str()),
        Term::BlankNode(b) => bnode(b.as_str()),
        Term::Literal(literal) => match literal.language() {
            Some(language) => SimpleTerm::LiteralLanguage(
                MownStr::from(literal.value()),
                LanguageTag::new_unchecked(MownStr::from(language)),
                None,
            ),
            None => SimpleTerm::LiteralDatatype(
                MownStr::from(literal.value()),
                IriRef::new_unchecked(MownStr::from(literal.datatype().as_str())),
            ),
        },
        // Only with Oxigraph's `rdf-12` feature, which another crate may turn on.
        #[allow(unreachable_patterns)]
        other => {
            return Err(io::Error::new(io::ErrorKind::Unsupported, format!("RDF 1.2 term not supported: {other}")));
        }
    })
}
