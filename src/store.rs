//! The store stage: an Oxigraph store holding converted articles.
//!
//! It takes [`Conversion`]s and hands on a [`Store`] that answers SPARQL: in
//! memory by default, or persistent (RocksDB) in a directory, so that a built
//! graph is queried later without rebuilding. Loading an article replaces its
//! named graph in one transaction, so a rebuild leaves no duplicates and no
//! leftovers, and readers see the old graph or the new one, never a mix.

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use oxigraph::store::{StorageError, Store};

use crate::convert::Conversion;

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

/// Loads a converted article: its named graph is replaced as a whole, and its
/// entity descriptions are added to the shared entity graph.
pub fn load(store: &Store, conversion: &Conversion, base: &str) -> Result<(), StoreError> {
    let iris = crate::map::Iris::new(base, &conversion.id);
    let article_graph = iris.article();
    let mut transaction = store.start_transaction()?;
    transaction.clear_graph(GraphNameRef::NamedNode(article_graph.as_ref()))?;
    transaction.extend(conversion.graph.iter());
    transaction.commit()?;
    Ok(())
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
