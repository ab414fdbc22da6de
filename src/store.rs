//! The store stage: an Oxigraph store holding converted articles.
//!
//! It takes [`Conversion`]s and hands on a [`Store`] that answers SPARQL: in
//! memory by default, or persistent (RocksDB) in a directory, so that a built
//! graph is queried later without rebuilding. Loading an article replaces its
//! named graph and its [`summary`](mod@crate::summary) graph in one transaction,
//! so a rebuild leaves no duplicates and no leftovers, and readers see the
//! old graph or the new one, never a mix; an article whose content hash the
//! store already holds is not written at all. Removing an article takes its
//! graphs out and its share of the corpus summary and shared descriptions.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store};

use crate::convert::Conversion;
use crate::summary::{self, ArticleSummary, Changes, Contribution};

/// Why a store could not be opened or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store directory could not be opened.
    #[error("cannot open the store {}: {source}", path.display())]
    Open {
        /// The directory.
        path: PathBuf,
        /// The cause.
        source: StorageError,
    },
    /// Another process has the store open.
    #[error("the store {} is in use by another process", path.display())]
    InUse {
        /// The directory.
        path: PathBuf,
    },
    /// A read or write failed.
    #[error("store error: {0}")]
    Storage(#[from] StorageError),
}

/// Opens a store: in memory when `path` is `None`, else the persistent store
/// in that directory (created if missing).
pub fn open(path: Option<&Path>) -> Result<Store, StoreError> {
    match path {
        None => Ok(Store::new()?),
        #[cfg(not(feature = "rocksdb"))]
        Some(path) => Err(StoreError::Open {
            path: path.to_owned(),
            source: StorageError::Other("newskg was built without the `rocksdb` feature: no persistent store".into()),
        }),
        #[cfg(feature = "rocksdb")]
        Some(path) => Store::open(path).map_err(|source| {
            let text = source.to_string();
            if text.contains("lock") || text.contains("Resource temporarily unavailable") {
                StoreError::InUse { path: path.to_owned() }
            } else {
                StoreError::Open { path: path.to_owned(), source }
            }
        }),
    }
}

/// Opens an existing persistent store for reading.
///
/// The store is opened read-only, which RocksDB allows while another process
/// has it open for writing (a `newskg build` in progress): the reader sees
/// the store as it was when it was opened, with every transaction whole.
pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
    if !path.is_dir() {
        return Err(StoreError::Open {
            path: path.to_owned(),
            source: StorageError::Other(
                "no store in this directory (build one with `newskg build --store DIR`)".into(),
            ),
        });
    }
    #[cfg(feature = "rocksdb")]
    {
        Store::open_read_only(path).map_err(|source| StoreError::Open { path: path.to_owned(), source })
    }
    #[cfg(not(feature = "rocksdb"))]
    open(Some(path))
}

/// Loads a converted article with its summary: the article's graph and
/// summary graph are replaced, its shared descriptions added, and the corpus
/// summary brought up to date.
pub fn load(store: &Store, conversion: &Conversion, base: &str) -> Result<(), StoreError> {
    let session = summary::begin(store, base)?;
    let mut changes = Changes::default();
    let summary = summary::summarize(conversion, base);
    let mut transaction = store.start_transaction()?;
    replace(&mut transaction, store, conversion, &summary, base, &mut changes)?;
    transaction.commit()?;
    summary::flush(store, base, changes, session)?;
    Ok(())
}

/// Loads a converted article's quads alone, without summaries: the graph as
/// the article gives it, for commands that show or send that graph.
pub fn load_graph(store: &Store, conversion: &Conversion) -> Result<(), StoreError> {
    store.extend(conversion.graph.iter().cloned())?;
    Ok(())
}

/// Whether the store already holds this article exactly as `summary` says
/// it is: its summary graph has the same content hash, so its graphs, its
/// shared descriptions and its share of the totals are what they would be
/// written as. One lookup, and no quad read.
pub fn unchanged(store: &Store, summary: &ArticleSummary) -> Result<bool, StoreError> {
    let hash = summary.quads.iter().find(|q| q.predicate.as_ref() == crate::vocab::nkg::CONTENT_HASH);
    Ok(match hash {
        Some(quad) => store.contains(quad)?,
        None => false,
    })
}

/// Writes an article into a transaction: its graph and its summary graph
/// are replaced, and its shared descriptions added. Only the difference is
/// written: the quads the store holds and the new graphs do not are
/// removed, those the new graphs add are inserted, and those in both are
/// left as they are (each quad written costs a dozen index entries through
/// the transaction's indexed batch, the rebuild's main cost). Its old and
/// new summaries go into `changes`. Returns whether anything changed:
/// nothing does for an article the store holds [`unchanged`].
pub fn replace(
    transaction: &mut oxigraph::store::Transaction<'_>,
    store: &Store,
    conversion: &Conversion,
    summary: &ArticleSummary,
    base: &str,
    changes: &mut Changes,
) -> Result<bool, StoreError> {
    if unchanged(store, summary)? {
        return Ok(false);
    }
    let article = crate::map::Iris::new(base, &conversion.id).article();
    let summary_graph = summary::article_graph(base, &conversion.id);
    let old_summary = graph_quads(store, &summary_graph)?;
    let mut stale: HashSet<Quad> = graph_quads(store, &article)?.into_iter().collect();
    stale.extend(old_summary.iter().cloned());
    // Shared descriptions are added (a set); those dropped are settled by
    // the corpus summary, once every article is in.
    for quad in conversion.graph.iter().chain(&summary.quads) {
        if !stale.remove(quad) {
            transaction.insert(quad);
        }
    }
    for quad in &stale {
        transaction.remove(quad);
    }
    for quad in summary.description_quads(base) {
        transaction.insert(&quad);
    }
    let old = (!old_summary.is_empty()).then(|| Contribution::of(&old_summary));
    changes.replace(old.as_ref(), Some(&Contribution::of(&summary.quads)));
    Ok(true)
}

/// The quads of one named graph.
fn graph_quads(store: &Store, graph: &NamedNode) -> Result<Vec<Quad>, StorageError> {
    store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))).collect()
}

/// Removes articles by id: each one's graph and summary graph, its share of
/// the corpus summary, and the shared descriptions only it gave. Returns the
/// ids the store did not hold (nothing is done for those).
pub fn remove(store: &Store, ids: &[String], base: &str) -> Result<Vec<String>, StoreError> {
    let mut missing = Vec::new();
    let mut present = Vec::new();
    for id in ids {
        let graph = crate::map::Iris::new(base, id).article();
        if store.contains_named_graph(graph.as_ref())? {
            present.push((id, graph));
        } else {
            missing.push(id.clone());
        }
    }
    if present.is_empty() {
        return Ok(missing);
    }
    let session = summary::begin(store, base)?;
    let mut changes = Changes::default();
    let mut transaction = store.start_transaction()?;
    for (id, graph) in &present {
        let summary_graph = summary::article_graph(base, id);
        let old = Contribution::of(&graph_quads(store, &summary_graph)?);
        changes.replace(Some(&old), None);
        for name in [graph, &summary_graph] {
            transaction.remove_named_graph(name.as_ref())?;
        }
    }
    transaction.commit()?;
    summary::flush(store, base, changes, session)?;
    Ok(missing)
}

/// The names of the store's named graphs, sorted.
pub fn graphs(store: &Store) -> Result<Vec<NamedOrBlankNode>, StoreError> {
    let mut graphs = store.named_graphs().collect::<Result<Vec<_>, _>>()?;
    graphs.sort_by_cached_key(ToString::to_string);
    Ok(graphs)
}

/// Counts of a store's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct triples over the union of the graphs.
    pub triples: usize,
    /// Quads (a triple in two graphs counts twice).
    pub quads: usize,
    /// Named graphs.
    pub graphs: usize,
    /// Instances by class, as prefixed names, sorted by count then name.
    pub classes: Vec<(String, usize)>,
    /// Triples by property, as prefixed names, sorted by count then name.
    pub properties: Vec<(String, usize)>,
}

/// Counts the store's triples by class and property.
pub fn stats(store: &Store) -> Result<Stats, StoreError> {
    use std::collections::{BTreeMap, BTreeSet};

    use oxigraph::model::{Term, Triple};

    let mut triples = BTreeSet::new();
    let mut quads = 0;
    for quad in store.iter() {
        let quad = quad?;
        quads += 1;
        triples.insert(Triple::from(quad).to_string());
    }
    // Count over distinct triples, so that a triple in two graphs counts once.
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    let mut properties: BTreeMap<String, usize> = BTreeMap::new();
    for quad in store.iter() {
        let quad = quad?;
        let in_default = Triple::from(quad.clone()).to_string();
        if !triples.remove(&in_default) {
            continue;
        }
        *properties.entry(crate::vocab::compact(quad.predicate.as_str())).or_default() += 1;
        if quad.predicate.as_ref() == crate::vocab::rdf::TYPE
            && let Term::NamedNode(class) = &quad.object
        {
            *classes.entry(crate::vocab::compact(class.as_str())).or_default() += 1;
        }
    }
    let by_count = |map: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = map.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let triple_count = properties.values().sum();
    Ok(Stats {
        triples: triple_count,
        quads,
        graphs: store.named_graphs().count(),
        classes: by_count(classes),
        properties: by_count(properties),
    })
}
