//! SPARQL Update texts of the load stage: `INSERT DATA` batches built from
//! N-Triples lines, under a cap on triples and on bytes per request, and the
//! staging-graph operations that make a replacement all-or-nothing.

use oxigraph::model::NamedNode;

use super::LoadError;
use super::body::{self, Quads};

/// One `INSERT DATA` request.
#[derive(Debug)]
pub struct Batch {
    /// The request body (SPARQL Update, UTF-8).
    pub text: Vec<u8>,
    /// Triples in it.
    pub triples: u64,
}

/// Splits quads into `INSERT DATA { GRAPH <graph> { … } }` requests of at
/// most `max_triples` triples and `max_bytes` bytes each, built lazily.
pub struct Batches {
    quads: Quads,
    base: String,
    head: String,
    max_triples: u64,
    max_bytes: usize,
    carried: Option<Vec<u8>>,
}

const TAIL: &str = "} }\n";

impl Batches {
    /// Batches of `quads` into `graph`.
    pub fn new(quads: Quads, base: &str, graph: &NamedNode, max_triples: u64, max_bytes: usize) -> Self {
        Self {
            quads,
            base: base.to_owned(),
            head: format!("INSERT DATA {{ GRAPH {graph} {{\n"),
            max_triples: max_triples.max(1),
            max_bytes,
            carried: None,
        }
    }

    fn next_line(&mut self) -> Option<Result<Vec<u8>, LoadError>> {
        if let Some(line) = self.carried.take() {
            return Some(Ok(line));
        }
        let quad = match self.quads.next()? {
            Ok(quad) => quad,
            Err(e) => return Some(Err(e.into())),
        };
        Some(body::triple(quad, &self.base).map(|triple| {
            let mut line = Vec::new();
            body::write_line(&triple, &mut line);
            line
        }))
    }
}

impl Iterator for Batches {
    type Item = Result<Batch, LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut text = self.head.clone().into_bytes();
        let mut triples = 0;
        while triples < self.max_triples {
            let line = match self.next_line() {
                None => break,
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(line)) => line,
            };
            if text.len() + line.len() + TAIL.len() > self.max_bytes {
                if triples == 0 {
                    let bytes = self.head.len() + line.len() + TAIL.len();
                    return Some(Err(LoadError::TripleTooLarge { bytes, limit: self.max_bytes }));
                }
                self.carried = Some(line);
                break;
            }
            text.extend_from_slice(&line);
            triples += 1;
        }
        if triples == 0 {
            return None;
        }
        text.extend_from_slice(TAIL.as_bytes());
        Some(Ok(Batch { text, triples }))
    }
}

/// The graph a replacement is staged in: the target with a fragment (or,
/// when it has one, a suffix to it) no article graph uses.
pub fn staging_graph(target: &NamedNode) -> NamedNode {
    let separator = if target.as_str().contains('#') { "-" } else { "#" };
    NamedNode::new_unchecked(format!("{}{separator}newskg-staging", target.as_str()))
}

/// `DROP SILENT GRAPH <graph>`.
pub fn drop_graph(graph: &NamedNode) -> String {
    format!("DROP SILENT GRAPH {graph}")
}

/// Replaces `target` by `staging` in one request.
pub fn swap(staging: &NamedNode, target: &NamedNode) -> String {
    format!("DROP SILENT GRAPH {target} ;\nMOVE SILENT GRAPH {staging} TO {target}")
}

/// The query that counts the triples of `graph`.
pub fn count_query(graph: &NamedNode) -> String {
    format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
}
