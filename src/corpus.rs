//! The corpus stage: many articles into one store, converted in parallel.
//!
//! It takes directories (searched recursively for article directories) and
//! hands on a store where each article's facts are in its own named graph and
//! entities shared across articles (same id, hence same IRI) are one node,
//! described in the shared entity graph.
//!
//! Articles are converted on all cores (rayon) a chunk at a time, and while
//! one chunk is loaded the next is converted, so memory stays bounded however
//! large the corpus. Articles new to the store go through Oxigraph's bulk
//! loader, one atomic commit per chunk (whole articles only); an article
//! already in the store has its graphs replaced in one transaction (or, when
//! its content hash says it is unchanged, is left as it is), so a rebuild
//! leaves no duplicates and no leftovers. An article that fails to convert is
//! reported and skipped.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use rayon::prelude::*;

use crate::convert::{self, ANNOTATIONS_FILE, ARTICLE_FILE, Conversion, ConvertError, Source};
use crate::map::Summary;
use crate::readers::Warning;
use crate::store::StoreError;
use crate::summary::{self, ArticleSummary, Changes, Contribution};
use crate::vocab::owl;

/// How many articles are converted, then loaded, at a time.
pub const DEFAULT_CHUNK: usize = 128;

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
    /// A JSON Lines file could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A directory given holds no article directory.
    #[error("{}: no article directory (a directory holding {ARTICLE_FILE}, article.txt, article.html or article.jsonl) found here{}", path.display(), files_hint(*files))]
    NoArticles {
        /// The path.
        path: PathBuf,
        /// How many article files (Markdown, text…) it holds, which `--auto` reads.
        files: usize,
    },
}

fn files_hint(files: usize) -> String {
    match files {
        0 => String::new(),
        1 => {
            "; it holds 1 article file: build it with `--auto`, or write its annotations with `newskg draft`".to_owned()
        }
        n => format!(
            "; it holds {n} article files: build them with `--auto`, or write their annotations with `newskg draft`"
        ),
    }
}

/// An article to convert: the bundled one, an article directory, or an
/// article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The bundled article.
    Bundled,
    /// A directory holding an article file (`article.md`, `article.txt` or
    /// `article.html`) and `annotations.toml` (or, with `--auto`, the article
    /// file alone).
    Dir(PathBuf),
    /// An article file in any form, annotated automatically.
    File(PathBuf),
    /// One line of a JSON Lines file: its number (1-based), and where it is
    /// in bytes, read when it is converted.
    Line {
        /// The JSON Lines file.
        path: PathBuf,
        /// The line number.
        line: usize,
        /// Byte offset of the line.
        offset: u64,
        /// Its length in bytes, without the line break.
        len: usize,
    },
}

impl Input {
    /// Where the article comes from, for messages.
    pub fn path(&self) -> &Path {
        match self {
            Self::Bundled => Path::new(convert::BUNDLED_ID),
            Self::Dir(path) | Self::File(path) | Self::Line { path, .. } => path,
        }
    }

    /// Reads the article to draft it: any input, whether or not it has
    /// annotations (they are not what a draft reads); the form of article
    /// files is `form`, else each file's own.
    pub fn read_source(&self, form: Option<crate::readers::Form>) -> Result<Source, ConvertError> {
        self.read(&Options { auto: true, form, ..Options::new("") })
    }

    fn read(&self, options: &Options) -> Result<Source, ConvertError> {
        match self {
            Self::Bundled => Ok(Source::bundled()),
            Self::Dir(dir) => Source::read_article_dir(dir, options.auto),
            Self::File(path) if options.auto => Source::read_file(path, options.form),
            Self::File(path) => Err(ConvertError::FileWithoutAuto { path: path.to_owned() }),
            Self::Line { path, line, offset, len } => Source::read_line(path, *line, *offset, *len),
        }
    }
}

fn is_json_lines(path: &Path) -> bool {
    crate::readers::Form::from_extension(path) == Some(crate::readers::Form::JsonLines)
}

/// The lines of a JSON Lines file that hold something, each an input; read
/// once here for their places, and again, one by one, when converted.
fn json_lines(path: &Path) -> Result<Vec<Input>, CorpusError> {
    use std::io::BufRead as _;
    let read_error = |source| CorpusError::Read { path: path.to_owned(), source };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut reader = std::io::BufReader::new(file);
    let mut lines = Vec::new();
    let (mut offset, mut number) = (0u64, 0usize);
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer).map_err(read_error)?;
        if read == 0 {
            break;
        }
        number += 1;
        let content = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if !content.iter().all(u8::is_ascii_whitespace) {
            lines.push(Input::Line { path: path.to_owned(), line: number, offset, len: content.len() });
        }
        offset += read as u64;
    }
    Ok(lines)
}

/// Whether a file is an article file in a form newskg reads (by its
/// extension; `README` files are not articles).
pub fn is_article_file(path: &Path) -> bool {
    let readme =
        path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.to_ascii_lowercase().starts_with("readme"));
    !readme && crate::readers::Form::from_extension(path).is_some()
}

/// The inputs below `roots`, each once, in a stable order: article
/// directories, and with `auto` article files in any form (in `form`, when
/// given) and the lines of JSON Lines files, at any depth.
///
/// A path that is a file is kept whatever it is, so that converting it
/// reports why it cannot be. A directory holding no article is an error,
/// which says when it holds article files that `--auto` would read.
pub fn inputs(roots: &[PathBuf], auto: bool, form: Option<crate::readers::Form>) -> Result<Vec<Input>, CorpusError> {
    let is_json_lines = |path: &Path| form == Some(crate::readers::Form::JsonLines) || is_json_lines(path);
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        if !root.is_dir() {
            if seen.insert(root.clone()) {
                if !root.exists() {
                    found.push(Input::Dir(root.clone()));
                } else if auto && is_json_lines(root) {
                    found.extend(json_lines(root)?);
                } else {
                    found.push(Input::File(root.clone()));
                }
            }
            continue;
        }
        let (mut articles, mut files) = (0, 0);
        let mut walk = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|source| CorpusError::Walk { path: root.clone(), source })?;
            let path = entry.path();
            let key = || path.canonicalize().unwrap_or_else(|_| path.to_owned());
            if entry.file_type().is_dir() && is_article_dir(path) {
                articles += 1;
                // The same article reached twice (a root inside another, a link) is loaded once.
                if seen.insert(key()) {
                    found.push(Input::Dir(path.to_owned()));
                }
                // An article directory is a leaf: its subdirectories are its own.
                walk.skip_current_dir();
            } else if entry.file_type().is_file() && is_article_file(path) {
                files += 1;
                if auto {
                    articles += 1;
                    if seen.insert(key()) {
                        if is_json_lines(path) {
                            found.extend(json_lines(path)?);
                        } else {
                            found.push(Input::File(path.to_owned()));
                        }
                    }
                }
            }
        }
        if articles == 0 {
            return Err(CorpusError::NoArticles { path: root.clone(), files });
        }
    }
    Ok(found)
}

/// The article directories below `roots`, each once, in a stable order.
///
/// A directory holding an article file (`article.md`, `article.txt` or
/// `article.html`) or `annotations.toml` is an article
/// directory (a missing one of the pair is reported when it is converted);
/// others are searched recursively. A root that is not a directory is kept,
/// so that converting it reports why.
pub fn discover(roots: &[PathBuf]) -> Result<Vec<PathBuf>, CorpusError> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        if !root.is_dir() {
            if seen.insert(root.clone()) {
                found.push(root.clone());
            }
            continue;
        }
        let mut articles = 0;
        let mut walk = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|source| CorpusError::Walk { path: root.clone(), source })?;
            if entry.file_type().is_dir() && is_article_dir(entry.path()) {
                articles += 1;
                // The same article reached twice (a root inside another, a link) is loaded once.
                let key = entry.path().canonicalize().unwrap_or_else(|_| entry.path().to_owned());
                if seen.insert(key) {
                    found.push(entry.path().to_owned());
                }
                // An article directory is a leaf: its subdirectories are its own.
                walk.skip_current_dir();
            }
        }
        if articles == 0 {
            return Err(CorpusError::NoArticles { path: root.clone(), files: 0 });
        }
    }
    Ok(found)
}

fn is_article_dir(dir: &Path) -> bool {
    convert::ARTICLE_FILES.iter().any(|name| dir.join(name).is_file()) || dir.join(ANNOTATIONS_FILE).is_file()
}

/// An article that was not loaded, and why.
#[derive(Debug)]
pub struct Failure {
    /// The article directory.
    pub path: PathBuf,
    /// What went wrong.
    pub error: ConvertError,
}

/// What happened to one article.
#[derive(Debug)]
pub enum Event<'a> {
    /// The article's graph is in the store.
    Loaded {
        /// The article's id.
        id: &'a str,
        /// Its counts.
        summary: &'a Summary,
        /// Where it came from.
        path: &'a Path,
        /// The repairs the reader made to its text.
        warnings: &'a [Warning],
    },
    /// The article was skipped.
    Failed(&'a Failure),
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
    /// Annotate automatically the articles that have no curated annotations.
    pub auto: bool,
    /// The form of article files, when given (else from each file).
    pub form: Option<crate::readers::Form>,
    /// Relation statements as RDF 1.2 reifiers instead of `rdf:Statement`
    /// reification ([`crate::rdf12`]).
    pub rdf12: bool,
}

impl Options {
    /// Default options under `base`.
    pub fn new(base: &str) -> Self {
        Self { base: base.to_owned(), fail_fast: false, chunk: DEFAULT_CHUNK, auto: false, form: None, rdf12: false }
    }
}

type Converted = Vec<Result<(Conversion, ArticleSummary), ConvertError>>;

/// The store, once opened, with what the build owes its corpus summary.
struct Target {
    store: Store,
    session: summary::Session,
    changes: Changes,
    /// Shared descriptions already written by this build.
    written: HashSet<String>,
}

/// Converts and loads articles into a store.
///
/// The store is opened by `open` when the first article has converted, so a
/// build in which nothing converts leaves no store behind; it is returned
/// (`None` if it was never opened). `on_event` hears, in input order, of each
/// article loaded (once it is in the store) or skipped. `stop` is asked
/// between chunks and between articles; when it says yes, the build
/// commits what it has loaded (whole articles only), brings the corpus
/// summary up to date with it, and returns with [`Report::stopped`] set.
pub fn build(
    open: &dyn Fn() -> Result<Store, StoreError>,
    inputs: &[Input],
    options: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
    stop: &dyn Fn() -> bool,
) -> Result<(Report, Option<Store>), StoreError> {
    let convert_chunk = |chunk: &[Input]| -> Converted {
        chunk
            .par_iter()
            .map(|input| {
                let conversion = input.read(options).and_then(|s| convert::convert(&s, &options.base))?;
                // The summary is of the facts, whichever form carries their metadata.
                let summary = summary::summarize(&conversion, &options.base);
                // Its content hash is of the quads as written, so that a
                // rebuild in the other form rewrites the article.
                let (conversion, summary) = if options.rdf12 {
                    let conversion = conversion.with_reifiers();
                    let summary = summary.rehashed(&conversion.graph);
                    (conversion, summary)
                } else {
                    (conversion, summary)
                };
                Ok((conversion, summary))
            })
            .collect()
    };
    let mut report = Report::default();
    let mut target = None;
    let mut known = Known::default();
    let mut chunks = inputs.chunks(options.chunk.max(1));
    let mut current = chunks.next().map(|chunk| (chunk, convert_chunk(chunk)));
    while let Some((chunk, results)) = current.take() {
        if stop() {
            report.stopped = true;
            break;
        }
        // Convert the next chunk (on rayon's threads) while this one loads.
        let next = chunks.next();
        current = std::thread::scope(|scope| {
            let converting = scope.spawn(|| next.map(|chunk| (chunk, convert_chunk(chunk))));
            let loaded =
                load_chunk(&mut target, open, chunk, results, options, &mut known, &mut report, on_event, stop);
            let converted = converting.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            loaded.map(|()| converted)
        })?;
        if report.stopped {
            break;
        }
    }
    let Some(Target { store, session, changes, .. }) = target else { return Ok((report, None)) };
    summary::flush(&store, &options.base, changes, session)?;
    Ok((report, Some(store)))
}

/// The new articles of a chunk: their quads, gathered for one bulk load, and
/// their ids and counts, reported once they are committed.
#[derive(Default)]
struct Pending {
    quads: Vec<Quad>,
    articles: Vec<(String, Summary, PathBuf, Vec<Warning>)>,
}

impl Pending {
    /// Bulk loads and commits the gathered articles (atomically: all of them
    /// or none), then reports each.
    fn flush(
        &mut self,
        store: &Store,
        report: &mut Report,
        on_event: &mut dyn FnMut(Event<'_>),
    ) -> Result<(), StoreError> {
        if self.articles.is_empty() {
            return Ok(());
        }
        let mut bulk = store.bulk_loader();
        bulk.load_quads(self.quads.drain(..))?;
        bulk.commit()?;
        for (id, summary, path, warnings) in self.articles.drain(..) {
            report.loaded += 1;
            on_event(Event::Loaded { id: &id, summary: &summary, path: &path, warnings: &warnings });
        }
        Ok(())
    }
}

/// Loads one converted chunk: new articles in one bulk load, articles already
/// in the store one transaction each (none for an unchanged one).
#[allow(clippy::too_many_arguments)]
fn load_chunk(
    target: &mut Option<Target>,
    open: &dyn Fn() -> Result<Store, StoreError>,
    chunk: &[Input],
    results: Converted,
    options: &Options,
    known: &mut Known,
    report: &mut Report,
    on_event: &mut dyn FnMut(Event<'_>),
    stop: &dyn Fn() -> bool,
) -> Result<(), StoreError> {
    // Opened on the first article that converts.
    if target.is_none() && results.iter().any(Result::is_ok) {
        let store = open()?;
        let session = summary::begin(&store, &options.base)?;
        *target = Some(Target { store, session, changes: Changes::default(), written: HashSet::new() });
    }
    let mut pending = Pending::default();
    let (store, mut changes, mut written) = match target.as_mut() {
        Some(Target { store, changes, written, .. }) => (Some(&*store), Some(changes), Some(written)),
        None => (None, None, None),
    };
    for (input, result) in chunk.iter().zip(results) {
        let path = input.path();
        let accepted = match (result, store) {
            (Ok((conversion, summary)), Some(store)) => {
                known.check(store, &conversion, path, &options.base)?.map(|()| (conversion, summary))
            }
            (Err(error), _) => Err(error),
            (Ok(_), None) => unreachable!("the store is opened when an article converts"),
        };
        let (conversion, summary) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                let failure = Failure { path: path.to_owned(), error };
                on_event(Event::Failed(&failure));
                report.failures.push(failure);
                if options.fail_fast {
                    report.stopped = true;
                    break;
                }
                continue;
            }
        };
        let (Some(store), Some(changes), Some(written)) = (store, changes.as_deref_mut(), written.as_deref_mut())
        else {
            unreachable!("the store is opened when an article converts")
        };
        known.record(&conversion);
        report.quads += conversion.graph.len() + summary.quads.len();
        let graph = crate::map::Iris::new(&options.base, &conversion.id).article();
        if store.contains_named_graph(graph.as_ref())? {
            if stop() {
                report.stopped = true;
                break;
            }
            // One transaction per article: its write batch stays small
            // (one for a whole chunk, indexed for reading, grew to 1.4 GB and
            // took 283 ms an article, for 300 articles that had all changed).
            if !crate::store::unchanged(store, &summary)? {
                let mut transaction = store.start_transaction()?;
                crate::store::replace(&mut transaction, store, &conversion, &summary, &options.base, changes)?;
                transaction.commit()?;
            }
            report.loaded += 1;
            on_event(Event::Loaded {
                id: &conversion.id,
                summary: &conversion.summary,
                path,
                warnings: &conversion.warnings,
            });
        } else {
            changes.replace(None, Some(&Contribution::of(&summary.quads)));
            for quad in summary.description_quads(&options.base) {
                if let Term::Literal(text) = &quad.object
                    && written.insert(text.value().to_owned())
                {
                    pending.quads.push(quad);
                }
            }
            pending.quads.extend(conversion.graph);
            pending.quads.extend(summary.quads);
            pending.articles.push((conversion.id, conversion.summary, path.to_owned(), conversion.warnings));
        }
    }
    // One commit per chunk for the new articles. (Gathering a million quads
    // per commit, as Oxigraph's own loader batches, was measured slower
    // here, 17.3 s against 15.0 s for 1,000 generated articles, and took
    // 1.3 GB instead of 0.5.)
    if let Some(store) = store {
        pending.flush(store, report, on_event)?;
    }
    Ok(())
}

/// What the build has loaded so far: article ids, and which entity id goes
/// with which Wikidata item, so that one item stays one entity.
#[derive(Default)]
struct Known {
    articles: HashSet<String>,
    /// Entity id → its Wikidata id (if it has one).
    wikidata_of: HashMap<String, Option<String>>,
    /// Wikidata id → the entity id that has it.
    entity_of: HashMap<String, String>,
}

impl Known {
    /// Checks that the article's id is new to this build, and that its
    /// entities agree with those already loaded (by this build or into the
    /// store before): an entity id keeps its Wikidata id, and a Wikidata id
    /// its entity id.
    /// The outer error is the store's; the inner one the article's.
    fn check(
        &self,
        store: &Store,
        conversion: &Conversion,
        path: &Path,
        base: &str,
    ) -> Result<Result<(), ConvertError>, StoreError> {
        if self.articles.contains(&conversion.id) {
            return Ok(Err(ConvertError::DuplicateArticle { path: path.to_owned(), id: conversion.id.clone() }));
        }
        let iris = crate::map::Iris::new(base, &conversion.id);
        let entity_graph = iris.entity_graph();
        let graph = Some(GraphNameRef::NamedNode(entity_graph.as_ref()));
        let conflict = |id: &str, conflict: String| ConvertError::IdentityConflict {
            path: path.join(ANNOTATIONS_FILE),
            id: id.to_owned(),
            conflict,
        };
        let wikidata_iri = |q: &str| NamedNode::new_unchecked(format!("{}{q}", crate::vocab::WIKIDATA));
        for entity in conversion.annotations.entities.values() {
            // What the build or the store already says about this entity id.
            let loaded = match self.wikidata_of.get(&entity.id) {
                Some(loaded) => loaded.clone(),
                None => {
                    let node = iris.entity(&entity.id);
                    let mut same = store.quads_for_pattern(Some(node.as_ref().into()), Some(owl::SAME_AS), None, graph);
                    same.next().transpose()?.and_then(|q| match q.object {
                        Term::NamedNode(n) => n.as_str().strip_prefix(crate::vocab::WIKIDATA).map(str::to_owned),
                        _ => None,
                    })
                }
            };
            if let (Some(before), Some(now)) = (&loaded, &entity.wikidata)
                && before != now
            {
                return Ok(Err(conflict(
                    &entity.id,
                    format!("Wikidata id {now} here, but {before} in an article already loaded"),
                )));
            }
            let Some(q) = &entity.wikidata else { continue };
            let holder = match self.entity_of.get(q) {
                Some(holder) => Some(holder.clone()),
                None => {
                    let item = wikidata_iri(q);
                    let mut holders =
                        store.quads_for_pattern(None, Some(owl::SAME_AS), Some(item.as_ref().into()), graph);
                    holders.next().transpose()?.and_then(|q| match q.subject {
                        NamedOrBlankNode::NamedNode(n) => n.as_str().rsplit('/').next().map(str::to_owned),
                        NamedOrBlankNode::BlankNode(_) => None,
                    })
                }
            };
            if let Some(holder) = holder
                && holder != entity.id
            {
                return Ok(Err(conflict(&entity.id, format!("its Wikidata id {q} is already entity `{holder}`'s"))));
            }
        }
        Ok(Ok(()))
    }

    fn record(&mut self, conversion: &Conversion) {
        self.articles.insert(conversion.id.clone());
        for entity in conversion.annotations.entities.values() {
            self.wikidata_of.insert(entity.id.clone(), entity.wikidata.clone());
            if let Some(q) = &entity.wikidata {
                self.entity_of.insert(q.clone(), entity.id.clone());
            }
        }
    }
}
