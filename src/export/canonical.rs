//! Canonical N-Quads (W3C RDF Dataset Canonicalization, RDFC-1.0) and the
//! fingerprint of a dataset: the SHA-256 of its canonical N-Quads.
//!
//! The canonical form does not depend on the order of the quads, on
//! blank-node labels or on the format the dataset was read from, so two
//! builds of the same inputs have the same fingerprint, and a Turtle or TriG
//! export read back by any parser has it too. The algorithm is sophia's
//! (`sophia_c14n`), an implementation independent of Oxigraph.

use std::io::{self, Write};

use oxigraph::model::Quad;
use sha2::{Digest, Sha256};

use super::dataset::sophia_dataset;

/// Writes the quads as RDFC-1.0 canonical N-Quads. Returns how many quads
/// were written.
pub fn write(quads: &[Quad], out: impl Write) -> io::Result<usize> {
    let dataset = sophia_dataset(quads)?;
    let mut counter = CountingLines { inner: out, lines: 0 };
    sophia_c14n::rdfc10::normalize(&dataset, &mut counter).map_err(|e| match e {
        sophia_c14n::C14nError::Io(e) => e,
        other => io::Error::other(other),
    })?;
    counter.flush()?;
    Ok(counter.lines)
}

/// The SHA-256 of the canonical N-Quads of the quads, in lower-case hex.
///
/// ```
/// use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
/// let quad = Quad::new(
///     NamedNode::new("http://example.org/s")?,
///     NamedNode::new("http://example.org/p")?,
///     Literal::new_simple_literal("o"),
///     GraphName::DefaultGraph,
/// );
/// // sha256sum of `<http://example.org/s> <http://example.org/p> "o" .\n`
/// assert_eq!(
///     newskg::export::fingerprint(&[quad])?,
///     "a5813f0dc81ad84d0d412f38e1a1303f9babe063329e737217547da115eaf620"
/// );
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
pub fn fingerprint(quads: &[Quad]) -> io::Result<String> {
    let mut canonical = Vec::new();
    write(quads, &mut canonical)?;
    Ok(Sha256::digest(&canonical).iter().map(|b| format!("{b:02x}")).collect())
}

/// Counts the lines (quads) written through it.
struct CountingLines<W> {
    inner: W,
    lines: usize,
}

impl<W: Write> Write for CountingLines<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.lines += buf[..written].iter().filter(|b| **b == b'\n').count();
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
