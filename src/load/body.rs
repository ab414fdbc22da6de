//! Request bodies of the load stage: the triples of a graph as N-Triples,
//! written by Oxigraph's serializer straight from the store's iterator
//! (never the whole graph in memory), with blank nodes skolemized.

use std::io::{self, Read, Write};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::{StorageError, Store};

use super::LoadError;

/// The quads of some graphs of a store, one graph after the other.
pub type Quads = Box<dyn Iterator<Item = Result<Quad, StorageError>>>;

/// The quads of `graphs` in `store`.
pub fn quads(store: &Store, graphs: &[GraphName]) -> Quads {
    let store = store.clone();
    let graphs = graphs.to_vec();
    Box::new(graphs.into_iter().flat_map(move |g| store.quads_for_pattern(None, None, None, Some(g.as_ref()))))
}

/// The triple of a quad as it is sent: blank nodes replaced by IRIs under
/// `<base>.well-known/genid/` named after the store's blank node, so that
/// the same node gets the same IRI in every request and every run (servers
/// give each request's blank nodes fresh identities, and Virtuoso refuses
/// them in `INSERT DATA`).
pub fn triple(quad: Quad, base: &str) -> Result<Triple, LoadError> {
    let skolem = |id: &str| NamedNode::new_unchecked(format!("{base}.well-known/genid/{id}"));
    let subject = match quad.subject {
        NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::NamedNode(skolem(b.as_str())),
        named => named,
    };
    let object = match quad.object {
        Term::BlankNode(b) => Term::NamedNode(skolem(b.as_str())),
        Term::Triple(t) => return Err(LoadError::TripleTerm { triple: t.to_string() }),
        other => other,
    };
    Ok(Triple::new(subject, quad.predicate, object))
}

/// Appends the N-Triples line of `triple` (ending in `\n`) to `out`.
pub fn write_line(triple: &Triple, out: &mut Vec<u8>) {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(out);
    // Writing into a Vec cannot fail.
    let _ = serializer.serialize_triple(triple);
}

/// Counts the triples and the N-Triples bytes of `quads`, without keeping them.
pub fn measure(quads: Quads, base: &str) -> Result<(u64, u64), LoadError> {
    let mut counter = Counter(0);
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut counter);
    let mut triples = 0;
    for quad in quads {
        let triple = triple(quad?, base)?;
        serializer.serialize_triple(&triple).map_err(LoadError::Serialize)?;
        triples += 1;
    }
    Ok((triples, counter.0))
}

struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A `Read` of the N-Triples of `quads`, serialized a few hundred lines at a
/// time as the HTTP client asks for bytes. `on_triples` hears how many
/// triples went out with each refill.
pub struct NTriplesReader<'a> {
    quads: Quads,
    base: String,
    buffer: Vec<u8>,
    position: usize,
    on_triples: &'a dyn Fn(u64),
}

/// Bytes serialized per refill.
const REFILL_BYTES: usize = 64 * 1024;

impl<'a> NTriplesReader<'a> {
    /// A reader of the N-Triples of `quads`.
    pub fn new(quads: Quads, base: &str, on_triples: &'a dyn Fn(u64)) -> Self {
        Self { quads, base: base.to_owned(), buffer: Vec::with_capacity(REFILL_BYTES + 4096), position: 0, on_triples }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.buffer.clear();
        self.position = 0;
        let mut count = 0;
        while self.buffer.len() < REFILL_BYTES {
            let Some(quad) = self.quads.next() else { break };
            let quad = quad.map_err(io::Error::other)?;
            let triple = triple(quad, &self.base).map_err(io::Error::other)?;
            write_line(&triple, &mut self.buffer);
            count += 1;
        }
        if count > 0 {
            (self.on_triples)(count);
        }
        Ok(())
    }
}

impl Read for NTriplesReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.position == self.buffer.len() {
            self.refill()?;
        }
        let available = &self.buffer[self.position..];
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.position += n;
        Ok(n)
    }
}
