//! The export stage: writes the store's content in RDF formats, into any
//! `impl Write`, and files atomically.
//!
//! It takes quads (from the store or a conversion) and hands on bytes that are
//! the same for the same graph: quads are sorted, prefixes come in a fixed
//! order, and no blank node label is invented. Formats without named graphs
//! (Turtle, N-Triples, RDF/XML) get the union of the graphs. Oxigraph writes
//! the line and Turtle-family formats; [`jsonld`] compacts JSON-LD with the
//! shipped context; [`canonical`] writes RDFC-1.0 canonical N-Quads and the
//! dataset's [`fingerprint`]; [`dot`] draws the graph for people (Graphviz).

use std::io::{self, Write};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad, Triple};
use oxigraph::store::Store;

use crate::map::sorted;

pub mod canonical;
mod dataset;
pub mod dot;
pub mod jsonld;

pub use canonical::fingerprint;

/// An RDF serialisation newskg writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Turtle, with prefixes, grouped by subject.
    Turtle,
    /// N-Triples.
    NTriples,
    /// N-Quads (keeps named graphs).
    NQuads,
    /// TriG (keeps named graphs).
    TriG,
    /// RDF/XML.
    RdfXml,
    /// JSON-LD, compacted with `ontology/context.jsonld` (keeps named graphs).
    JsonLd,
    /// RDFC-1.0 canonical N-Quads (keeps named graphs).
    CanonicalNQuads,
    /// A Graphviz (DOT) picture of the entities and events, not RDF.
    Dot,
}

impl Format {
    /// Whether the format keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        matches!(self, Self::NQuads | Self::TriG | Self::JsonLd | Self::CanonicalNQuads)
    }

    /// Whether the format is RDF without named graphs, so that writing it
    /// merges the article and entity graphs into one.
    pub fn flattens_graphs(self) -> bool {
        matches!(self, Self::Turtle | Self::NTriples | Self::RdfXml)
    }

    /// The format a file extension stands for.
    pub fn from_extension(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "ttl" => Some(Self::Turtle),
            "nt" => Some(Self::NTriples),
            "nq" => Some(Self::NQuads),
            "trig" => Some(Self::TriG),
            "rdf" | "owl" | "xml" => Some(Self::RdfXml),
            "jsonld" => Some(Self::JsonLd),
            "dot" | "gv" => Some(Self::Dot),
            _ => None,
        }
    }

    /// The format Oxigraph writes it in, for those it writes.
    fn rdf_format(self) -> Option<RdfFormat> {
        match self {
            Self::Turtle => Some(RdfFormat::Turtle),
            Self::NTriples => Some(RdfFormat::NTriples),
            Self::NQuads => Some(RdfFormat::NQuads),
            Self::TriG => Some(RdfFormat::TriG),
            Self::RdfXml => Some(RdfFormat::RdfXml),
            Self::JsonLd | Self::CanonicalNQuads | Self::Dot => None,
        }
    }
}

/// Writes quads in a format. Returns how many statements were written
/// (triples after flattening for formats without graphs; for DOT, the
/// nodes and edges drawn).
pub fn write(quads: impl IntoIterator<Item = Quad>, format: Format, base: &str, out: impl Write) -> io::Result<usize> {
    match (format, format.rdf_format()) {
        (Format::JsonLd, _) => jsonld::write(&sorted(quads), base, out),
        (Format::CanonicalNQuads, _) => canonical::write(&sorted(quads), out),
        (Format::Dot, _) => dot::write(&sorted(quads), out),
        (_, Some(rdf_format)) => write_with_oxigraph(quads, format, rdf_format, base, out),
        (_, None) => Err(io::Error::other(format!("no writer for {format:?}"))),
    }
}

/// A store's quads, its summary graphs ([`crate::summary`]) only when
/// `summaries` is set.
pub fn store_quads(store: &Store, base: &str, summaries: bool) -> io::Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for quad in store.iter() {
        let quad = quad.map_err(io::Error::other)?;
        if summaries || !crate::summary::holds_summaries(&quad.graph_name, base) {
            quads.push(quad);
        }
    }
    Ok(quads)
}

/// Writes a store's content, as [`write()`] does with the same bytes; its
/// summary graphs ([`crate::summary`], an index `build` keeps for the bundled
/// queries) only when `summaries` is set. N-Quads
/// and TriG, which are written graph by graph anyway, are streamed one graph
/// at a time, so that the memory used is that of a few graphs, not of the
/// store: a corpus of any size exports. N-Quads graphs are read, sorted and
/// printed on all cores, a window of graphs at a time, and written in order.
pub fn write_store(
    store: &Store,
    format: Format,
    base: &str,
    summaries: bool,
    mut out: impl Write,
) -> io::Result<usize> {
    let wanted = |graph: &GraphName| summaries || !crate::summary::holds_summaries(graph, base);
    let (Format::NQuads | Format::TriG, Some(rdf_format)) = (format, format.rdf_format()) else {
        return write(store_quads(store, base, summaries)?, format, base, out);
    };
    // The graphs in the order `sorted` puts their quads in.
    let mut graphs: Vec<GraphName> = vec![GraphName::DefaultGraph];
    for graph in store.named_graphs() {
        let graph = graph.map_err(io::Error::other)?.into();
        if wanted(&graph) {
            graphs.push(graph);
        }
    }
    graphs.sort_by_cached_key(crate::map::graph_sort_key);
    if format == Format::NQuads {
        return write_nquads(store, &graphs, out);
    }
    let mut serializer = RdfSerializer::from_format(rdf_format);
    for (prefix, namespace) in crate::vocab::prefixes(base) {
        serializer =
            serializer.with_prefix(prefix, namespace).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    }
    let mut writer = serializer.for_writer(&mut out);
    let mut count = 0;
    for graph in &graphs {
        let quads = graph_quads(store, graph)?;
        for quad in crate::map::sort_graph(&quads) {
            writer.serialize_quad(quad)?;
            count += 1;
        }
    }
    writer.finish()?;
    Ok(count)
}

/// How many graphs are read and printed at once by [`write_nquads`]: enough
/// to keep every core busy, few enough that their text stays small.
const GRAPH_WINDOW: usize = 64;

/// N-Quads of the store's `graphs`, in order. Each line of N-Quads stands
/// alone, so each graph is printed into its own buffer, in parallel, and the
/// buffers are written one after the other: the same bytes as one writer.
fn write_nquads(store: &Store, graphs: &[GraphName], mut out: impl Write) -> io::Result<usize> {
    use rayon::prelude::*;
    let print = |graph: &GraphName| -> io::Result<(Vec<u8>, usize)> {
        let quads = graph_quads(store, graph)?;
        let mut writer =
            RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::with_capacity(quads.len() * 200));
        for quad in crate::map::sort_graph(&quads) {
            writer.serialize_quad(quad)?;
        }
        Ok((writer.finish()?, quads.len()))
    };
    let mut count = 0;
    for window in graphs.chunks(GRAPH_WINDOW) {
        let printed: Vec<io::Result<(Vec<u8>, usize)>> = window.par_iter().map(print).collect();
        for result in printed {
            let (text, quads) = result?;
            out.write_all(&text)?;
            count += quads;
        }
    }
    out.flush()?;
    Ok(count)
}

/// One graph's quads, as the store holds them (without duplicates).
fn graph_quads(store: &Store, graph: &GraphName) -> io::Result<Vec<Quad>> {
    store
        .quads_for_pattern(None, None, None, Some(graph.as_ref()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io::Error::other)
}

fn write_with_oxigraph(
    quads: impl IntoIterator<Item = Quad>,
    format: Format,
    rdf_format: RdfFormat,
    base: &str,
    out: impl Write,
) -> io::Result<usize> {
    let mut serializer = RdfSerializer::from_format(rdf_format);
    if matches!(format, Format::Turtle | Format::TriG | Format::RdfXml) {
        for (prefix, namespace) in crate::vocab::prefixes(base) {
            serializer = serializer
                .with_prefix(prefix, namespace)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        }
    }
    let mut writer = serializer.for_writer(out);
    let count = if format.keeps_graphs() {
        // Sorted by graph first, so that TriG writes each graph once.
        let quads = sorted(quads);
        for quad in &quads {
            writer.serialize_quad(quad)?;
        }
        quads.len()
    } else {
        let triples =
            sorted(quads.into_iter().map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)));
        for quad in &triples {
            writer.serialize_triple(&Triple::from(quad.clone()))?;
        }
        triples.len()
    };
    writer.finish()?;
    Ok(count)
}

/// Writes a file through a temporary file in the same directory, renamed
/// over the target only when complete, so that a failure or an interruption
/// never leaves a partial file behind.
///
/// A target that is a device, a FIFO or a socket (`/dev/full`, `/dev/stdout`,
/// a named pipe) is written directly instead: renaming a file over it would
/// replace it, and it holds no partial file to clean up.
pub fn write_file_atomically<T>(path: &Path, content: impl FnOnce(&mut dyn Write) -> io::Result<T>) -> io::Result<T> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        let problem = if dir.exists() { "is not a directory" } else { "does not exist" };
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("{} {problem}", dir.display())));
    }
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut writer = io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(path)?);
        let value = content(&mut writer)?;
        writer.flush()?;
        return Ok(value);
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temp = tempfile::Builder::new().prefix(&format!(".{file_name}.")).suffix(".tmp").tempfile_in(dir)?;
    let value = {
        let mut writer = io::BufWriter::new(temp.as_file_mut());
        let value = content(&mut writer)?;
        writer.flush()?;
        value
    };
    temp.as_file().sync_all()?;
    // A temporary file is private (0600); the output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store streamed graph by graph writes the bytes of its quads sorted
    /// at once, in every format, here with two article graphs, the entity
    /// graph and a default-graph triple.
    #[test]
    fn a_store_writes_the_bytes_its_quads_write() {
        let base = crate::DEFAULT_BASE;
        let store = Store::new().expect("store");
        let mut source = crate::convert::Source::bundled();
        for id in ["article-b", "article-a"] {
            source.annotations = source.annotations.replacen("[article]\n", &format!("[article]\nid = \"{id}\"\n"), 1);
            let conversion = crate::convert::convert(&source, base).expect("convert");
            crate::store::load(&store, &conversion, base).expect("load");
            source = crate::convert::Source::bundled();
        }
        let ex = oxigraph::model::NamedNode::new_unchecked("http://example.org/x");
        store.insert(&Quad::new(ex.clone(), ex.clone(), ex, GraphName::DefaultGraph)).expect("insert");
        let quads: Vec<Quad> = store.iter().collect::<Result<_, _>>().expect("quads");
        let without: Vec<Quad> =
            quads.iter().filter(|q| !crate::summary::holds_summaries(&q.graph_name, base)).cloned().collect();
        assert!(without.len() < quads.len(), "the store holds summaries");
        for format in [Format::NQuads, Format::TriG, Format::Turtle, Format::NTriples] {
            for (summaries, quads) in [(true, &quads), (false, &without)] {
                let mut whole = Vec::new();
                write(quads.clone(), format, base, &mut whole).expect("write");
                let mut streamed = Vec::new();
                write_store(&store, format, base, summaries, &mut streamed).expect("write_store");
                assert!(whole == streamed, "{format:?}, summaries {summaries}: the bytes differ");
            }
        }
    }
}
