//! RDF 1.2 reifiers: statements about statements in the newer standard form.
//!
//! Takes quads in which relation statements carry their metadata (source,
//! evidence, membership) by RDF reification — a node typed `rdf:Statement`
//! with `rdf:subject`, `rdf:predicate` and `rdf:object` — and hands on the
//! same quads with each such node made an RDF 1.2 reifier: one
//! `rdf:reifies` whose object is the triple term `<<( s p o )>>`, the node
//! keeping its IRI, its `nkg:Statement` type and all its metadata. Nothing
//! else changes, so bundled queries that reach statements through
//! `nkg:Statement` and their evidence answer alike on both forms.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term, Triple};

use crate::vocab::rdf;

/// The quads with every complete `rdf:Statement` reification (exactly one
/// subject, predicate and object, in one graph) turned into an
/// `rdf:reifies` triple term. A node that is not complete is left as it is.
pub fn reifiers(quads: impl IntoIterator<Item = Quad>) -> Vec<Quad> {
    let quads: Vec<Quad> = quads.into_iter().collect();
    type Key = (String, String);
    let key = |q: &Quad| (q.graph_name.to_string(), q.subject.to_string());
    let statements: BTreeSet<Key> = quads
        .iter()
        .filter(|q| q.predicate.as_ref() == rdf::TYPE && q.object == Term::from(rdf::STATEMENT.into_owned()))
        .map(key)
        .collect();
    // Each statement's subject, predicate and object, by graph and node.
    let mut parts: BTreeMap<Key, [Vec<Term>; 3]> = BTreeMap::new();
    for quad in &quads {
        let slot = [rdf::SUBJECT, rdf::PREDICATE, rdf::OBJECT].iter().position(|p| quad.predicate.as_ref() == *p);
        if let Some(slot) = slot.filter(|_| statements.contains(&key(quad))) {
            parts.entry(key(quad)).or_default()[slot].push(quad.object.clone());
        }
    }
    let triple = |[s, p, o]: &[Vec<Term>; 3]| -> Option<Triple> {
        let ([s], [Term::NamedNode(p)], [o]) = (s.as_slice(), p.as_slice(), o.as_slice()) else { return None };
        let subject = match s {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            _ => return None,
        };
        Some(Triple::new(subject, p.clone(), o.clone()))
    };
    let terms: BTreeMap<&Key, Triple> = parts.iter().filter_map(|(k, parts)| Some((k, triple(parts)?))).collect();
    let mut out = Vec::with_capacity(quads.len());
    let mut reified: BTreeSet<&Key> = BTreeSet::new();
    for quad in &quads {
        let k = key(quad);
        let Some((k, triple)) = terms.get_key_value(&k) else {
            out.push(quad.clone());
            continue;
        };
        let reification = [rdf::SUBJECT, rdf::PREDICATE, rdf::OBJECT].contains(&quad.predicate.as_ref())
            || (quad.predicate.as_ref() == rdf::TYPE && quad.object == Term::from(rdf::STATEMENT.into_owned()));
        if !reification {
            out.push(quad.clone());
        }
        if reified.insert(*k) {
            out.push(Quad::new(
                quad.subject.clone(),
                NamedNode::from(rdf::REIFIES),
                Term::Triple(Box::new(triple.clone())),
                quad.graph_name.clone(),
            ));
        }
    }
    crate::map::sorted(out)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use oxigraph::io::{RdfFormat, RdfParser};

    use super::*;

    fn parse(nquads: &str) -> HashSet<Quad> {
        RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(nquads.as_bytes())
            .collect::<Result<_, _>>()
            .expect("N-Quads")
    }

    #[test]
    fn reification_becomes_a_reifier_and_nothing_else_changes() {
        let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        let classic = format!(
            "<http://e/a> <http://e/p> <http://e/b> <http://e/g> .\n\
             <http://e/st> <{rdf}type> <{rdf}Statement> <http://e/g> .\n\
             <http://e/st> <{rdf}type> <http://e/Statement> <http://e/g> .\n\
             <http://e/st> <{rdf}subject> <http://e/a> <http://e/g> .\n\
             <http://e/st> <{rdf}predicate> <http://e/p> <http://e/g> .\n\
             <http://e/st> <{rdf}object> <http://e/b> <http://e/g> .\n\
             <http://e/st> <http://e/source> \"Yonhap\" <http://e/g> .\n\
             <http://e/half> <{rdf}type> <{rdf}Statement> <http://e/g> .\n\
             <http://e/half> <{rdf}subject> <http://e/a> <http://e/g> .\n"
        );
        let reified = format!(
            "<http://e/a> <http://e/p> <http://e/b> <http://e/g> .\n\
             <http://e/st> <{rdf}reifies> <<( <http://e/a> <http://e/p> <http://e/b> )>> <http://e/g> .\n\
             <http://e/st> <{rdf}type> <http://e/Statement> <http://e/g> .\n\
             <http://e/st> <http://e/source> \"Yonhap\" <http://e/g> .\n\
             <http://e/half> <{rdf}type> <{rdf}Statement> <http://e/g> .\n\
             <http://e/half> <{rdf}subject> <http://e/a> <http://e/g> .\n"
        );
        let got: HashSet<Quad> = reifiers(parse(&classic)).into_iter().collect();
        assert_eq!(got, parse(&reified));
        // Already reified: unchanged.
        assert_eq!(reifiers(parse(&reified)).into_iter().collect::<HashSet<_>>(), parse(&reified));
    }
}
