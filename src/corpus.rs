//! The corpus stage: many articles into one store, converted in parallel.
//!
//! It takes directories (searched recursively for article directories, those
//! holding `article.md`) and hands on a store where each article's facts are
//! in its own named graph and entities shared across articles (same id) are
//! one node, described in the shared entity graph. Articles are converted on
//! all cores (rayon) a chunk at a time, so memory stays bounded however large
//! the corpus. Articles new to the store go through Oxigraph's bulk loader,
//! committed once at the end; an article already in the store has its graph
//! replaced in one transaction, so a rebuild leaves no duplicates and no
//! leftovers. An article that fails to convert is reported and skipped.

use std::path::{Path, PathBuf};

use std::collections::HashSet;

use oxigraph::store::Store;
use rayon::prelude::*;

use crate::convert::{self, ARTICLE_FILE, Conversion, ConvertError, Source};
use crate::store::StoreError;

/// How many articles are converted before their quads are loaded.
pub const DEFAULT_CHUNK: usize = 256;

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// A directory could not be listed.
    #[error("{}: {source}", path.display())]
    Walk {
        /// The directory.
        path: PathBuf,
        /// The cause.
        source: walkdir::Error,
    },
    /// A path given is neither an article directory nor holds any.
    #[error("{}: no article directory (a directory holding {ARTICLE_FILE}) found here", path.display())]
    NoArticles {
        /// The path.
        path: PathBuf,
    },
}

/// The article directories below `roots`, each once, in a stable order.
pub fn discover(roots: &[PathBuf]) -> Result<Vec<PathBuf>, CorpusError> {
    let mut found = Vec::new();
    for root in roots {
        let before = found.len();
        let mut walk = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|source| CorpusError::Walk { path: root.clone(), source })?;
            if entry.file_type().is_dir() && entry.path().join(ARTICLE_FILE).is_file() {
                found.push(entry.path().to_owned());
                // An article directory is a leaf: its subdirectories are its own.
                walk.skip_current_dir();
            }
        }
        if found.len() == before {
            return Err(CorpusError::NoArticles { path: root.clone() });
        }
    }
    found.dedup();
    Ok(found)
}

/// An article that was not loaded, and why.
#[derive(Debug)]
pub struct Failure {
    /// The article directory.
    pub path: PathBuf,
    /// What went wrong.
    pub error: ConvertError,
}

/// What a corpus build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Articles loaded.
    pub loaded: usize,
    /// Quads sent to the store (before merging shared entity triples).
    pub quads: usize,
    /// Articles skipped because they failed to convert.
    pub failures: Vec<Failure>,
    /// Whether the build stopped early (on request, or at the first failure
    /// with `fail_fast`).
    pub stopped: bool,
}

/// Options of a corpus build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base IRI under which resources are minted.
    pub base: String,
    /// Stop at the first article that fails to convert.
    pub fail_fast: bool,
    /// Articles converted per chunk.
    pub chunk: usize,
}

/// Converts and loads article directories into a store.
///
/// `on_article` is called after each article with the conversion (or `None`
/// for a failure), for progress reports; `stop` is asked between chunks and
/// between articles, and when it says yes the build commits what it has
/// loaded (whole articles only) and returns.
pub fn build(
    store: &Store,
    dirs: &[PathBuf],
    options: &Options,
    on_article: &(dyn Fn(&Path, Option<&Conversion>) + Sync),
    stop: &dyn Fn() -> bool,
) -> Result<Report, StoreError> {
    let mut report = Report::default();
    let mut bulk = store.bulk_loader();
    let mut seen = HashSet::new();
    for chunk in dirs.chunks(options.chunk.max(1)) {
        if stop() {
            report.stopped = true;
            break;
        }
        let results: Vec<Result<Conversion, ConvertError>> = chunk
            .par_iter()
            .map(|dir| {
                let result = Source::read_dir(dir).and_then(|source| convert::convert(&source, &options.base));
                on_article(dir, result.as_ref().ok());
                result
            })
            .collect();
        let mut fresh = Vec::new();
        for (dir, result) in chunk.iter().zip(results) {
            match result {
                Err(error) => {
                    report.failures.push(Failure { path: dir.clone(), error });
                    if options.fail_fast {
                        report.stopped = true;
                        break;
                    }
                }
                Ok(conversion) if !seen.insert(conversion.id.clone()) => {
                    let error = ConvertError::DuplicateArticle { path: dir.clone(), id: conversion.id };
                    report.failures.push(Failure { path: dir.clone(), error });
                    if options.fail_fast {
                        report.stopped = true;
                        break;
                    }
                }
                Ok(conversion) => {
                    report.quads += conversion.graph.len();
                    report.loaded += 1;
                    let graph = crate::map::Iris::new(&options.base, &conversion.id).article();
                    if store.contains_named_graph(graph.as_ref())? {
                        crate::store::load(store, &conversion, &options.base)?;
                    } else {
                        fresh.extend(conversion.graph);
                    }
                }
            }
        }
        bulk.load_quads(fresh)?;
        if report.stopped {
            break;
        }
    }
    bulk.commit()?;
    Ok(report)
}
