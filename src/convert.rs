//! The conversion pipeline: reads an article directory, an article file in
//! any form, or the bundled article, and runs the stages in order — reader →
//! annotations (curated, or found automatically) → mentions → RDF mapping —
//! handing on a [`Conversion`] ready to load into a store.

use std::path::{Path, PathBuf};

use crate::annotation::{AnnotationError, Annotations};
use crate::article::{Article, ArticleError};
use crate::map::{self, Graph, Iris, Summary};
use crate::mentions::{AmbiguousForm, Gazetteer, Mention, MentionKind};
use crate::readers::{self, Form, Warning};

/// File name of the article text inside an article directory (Markdown; the
/// default, and the bundled article's).
pub const ARTICLE_FILE: &str = "article.md";
/// The names an article file may have inside an article directory, one per
/// form: Markdown, plain text, a saved HTML page, or one line of a JSON Lines
/// corpus (as `newskg draft` copies it). A directory holds one.
pub const ARTICLE_FILES: [&str; 4] = [ARTICLE_FILE, "article.txt", "article.html", "article.jsonl"];
/// File name of the annotations inside an article directory.
pub const ANNOTATIONS_FILE: &str = "annotations.toml";

/// Id of the bundled article.
pub const BUNDLED_ID: &str = "moscow-times-2011-06-29-kim-meeting";
const BUNDLED_ARTICLE: &str = include_str!("../articles/moscow-times-2011-06-29-kim-meeting/article.md");
const BUNDLED_ANNOTATIONS: &str = include_str!("../articles/moscow-times-2011-06-29-kim-meeting/annotations.toml");

/// An article and its annotations, as text, with where they came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Default id of the article (its directory name).
    pub id: String,
    /// Where the article text came from, for messages.
    pub article_path: PathBuf,
    /// The article text.
    pub article: String,
    /// Where the annotations came from, for messages.
    pub annotations_path: PathBuf,
    /// The annotation file's text (empty when `automatic`).
    pub annotations: String,
    /// The form of the article text.
    pub form: Form,
    /// Whether the annotations are found automatically (no curated file).
    pub automatic: bool,
    /// For an article that is one line of a JSON Lines file, that line (1-based).
    pub line: Option<usize>,
    /// What reading the file repaired (a decoding other than UTF-8).
    pub warnings: Vec<Warning>,
}

impl Source {
    /// The bundled article (The Moscow Times, 29 June 2011), embedded in the binary.
    pub fn bundled() -> Self {
        let dir = Path::new("articles").join(BUNDLED_ID);
        Self {
            id: BUNDLED_ID.to_owned(),
            article_path: dir.join(ARTICLE_FILE),
            article: BUNDLED_ARTICLE.to_owned(),
            annotations_path: dir.join(ANNOTATIONS_FILE),
            annotations: BUNDLED_ANNOTATIONS.to_owned(),
            form: Form::Markdown,
            automatic: false,
            line: None,
            warnings: Vec::new(),
        }
    }

    /// Reads an article directory: its article file (`article.md`,
    /// `article.txt`, `article.html` or `article.jsonl`) and `annotations.toml`.
    pub fn read_dir(dir: &Path) -> Result<Self, ConvertError> {
        Self::read_article_dir(dir, false)
    }

    /// Reads an article directory; with `automatic`, one without
    /// `annotations.toml` is annotated automatically (a curated file, where
    /// there is one, always wins).
    pub fn read_article_dir(dir: &Path, automatic: bool) -> Result<Self, ConvertError> {
        let annotations_path = dir.join(ANNOTATIONS_FILE);
        if !dir.is_dir() {
            return Err(ConvertError::NotADirectory { path: dir.to_owned() });
        }
        let found = article_file(dir)?;
        let curated = annotations_path.exists();
        if let Some(article_path) = &found
            && !curated
            && !automatic
        {
            return Err(ConvertError::NotAnnotated { path: dir.to_owned(), article: article_path.clone() });
        }
        let article_path = found.unwrap_or_else(|| dir.join(ARTICLE_FILE));
        let form = Form::from_extension(&article_path).unwrap_or(Form::Markdown);
        let (article, warnings) = read_article_file(&article_path)?;
        let annotations = if curated { read_text(&annotations_path)? } else { String::new() };
        let id = dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let id = if curated { id } else { article_id(&id) };
        Ok(Self {
            id,
            article_path,
            article,
            annotations_path,
            annotations,
            form,
            automatic: !curated,
            line: None,
            warnings,
        })
    }

    /// Reads an article file in any form, to annotate automatically; its id
    /// is made from the file name. The form is `form`, else known from the
    /// extension or the content.
    pub fn read_file(path: &Path, form: Option<Form>) -> Result<Self, ConvertError> {
        if path.is_dir() {
            return Err(ConvertError::NotADirectory { path: path.to_owned() });
        }
        let (article, warnings) = read_article_file(path)?;
        let form = form.unwrap_or_else(|| Form::detect(path, &article));
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Self {
            id: article_id(&stem),
            article_path: path.to_owned(),
            article,
            annotations_path: PathBuf::new(),
            annotations: String::new(),
            form,
            automatic: true,
            line: None,
            warnings,
        })
    }

    /// Reads line `line` of a JSON Lines file, `len` bytes at byte `offset`,
    /// to annotate automatically. Its id is the line's `id`, else made from
    /// the file name and the line number.
    pub fn read_line(path: &Path, line: usize, offset: u64, len: usize) -> Result<Self, ConvertError> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let io_error = |source| ConvertError::Io { path: path.to_owned(), source };
        let limit = crate::article::MAX_ARTICLE_BYTES;
        let at_line = |source| ConvertError::Line { path: path.to_owned(), line, source };
        if len > limit {
            return Err(at_line(ArticleError::TooLarge { size: len, limit }));
        }
        let mut file = std::fs::File::open(path).map_err(io_error)?;
        file.seek(SeekFrom::Start(offset)).map_err(io_error)?;
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes).map_err(io_error)?;
        let decoded = readers::decode::decode(&bytes).map_err(at_line)?;
        let article = decoded.text;
        let warnings = decoded.warnings.into_iter().map(|w| Warning { line: w.line + line - 1, ..w }).collect();
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Self {
            id: article_id(&format!("{stem}-{line}")),
            article_path: path.to_owned(),
            article,
            annotations_path: PathBuf::new(),
            annotations: String::new(),
            form: Form::JsonLines,
            automatic: true,
            line: Some(line),
            warnings,
        })
    }
}

/// An article id made from a file or directory name: lower-case ASCII
/// letters, digits and `-`, starting with a letter (`2016 Vote.txt` →
/// `article-2016-vote`).
pub fn article_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id = id.trim_end_matches('-').to_owned();
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id = format!("article-{id}").trim_end_matches('-').to_owned();
    }
    id
}

/// The article file of an article directory, if it holds one (one of
/// [`ARTICLE_FILES`]); two are an error, since either could be meant.
pub fn article_file(dir: &Path) -> Result<Option<PathBuf>, ConvertError> {
    let found: Vec<PathBuf> = ARTICLE_FILES.iter().map(|name| dir.join(name)).filter(|p| p.is_file()).collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(ConvertError::TwoArticleFiles {
            path: dir.to_owned(),
            found: found.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect(),
        }),
    }
}

/// Reads an article file: size-capped, decoded from the encoding it was
/// saved in ([`readers::decode`]), with what the decoding did as warnings;
/// binary data and bytes beyond repair are errors naming the file.
pub fn read_article_file(path: &Path) -> Result<(String, Vec<Warning>), ConvertError> {
    let bytes = read_capped(path)?;
    let decoded =
        readers::decode::decode(&bytes).map_err(|source| ConvertError::Article { path: path.to_owned(), source })?;
    Ok((decoded.text, decoded.warnings))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, ConvertError> {
    let io_error = |source| ConvertError::Io { path: path.to_owned(), source };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    let limit = crate::article::MAX_ARTICLE_BYTES;
    if metadata.len() > limit as u64 {
        let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        return Err(ConvertError::TooLarge { path: path.to_owned(), size, limit });
    }
    std::fs::read(path).map_err(io_error)
}

/// Reads a text file people wrote as UTF-8 (annotation files are TOML, which
/// is UTF-8 by definition), refusing one larger than
/// [`MAX_ARTICLE_BYTES`](crate::article::MAX_ARTICLE_BYTES) before reading
/// it; errors name the file.
pub(crate) fn read_text(path: &Path) -> Result<String, ConvertError> {
    let bytes = read_capped(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ConvertError::NotUtf8 { path: path.to_owned(), line, column, byte: e.as_bytes()[offset], offset }
    })
}

/// Why an article could not be converted; every variant names its file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file larger than [`MAX_ARTICLE_BYTES`](crate::article::MAX_ARTICLE_BYTES).
    #[error("{}: the file is {size} bytes, more than the limit of {limit} bytes; split the article", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A file that is not UTF-8 text.
    #[error("{}: line {line}, column {column}: not UTF-8 text (byte 0x{byte:02X} at offset {offset}); save the file as UTF-8", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte (1-based).
        line: usize,
        /// Column of the first invalid byte, in characters (1-based).
        column: usize,
        /// The first invalid byte.
        byte: u8,
        /// Its offset in bytes.
        offset: usize,
    },
    /// An article directory without annotations, built without `--auto`.
    #[error(
        "{}: no {ANNOTATIONS_FILE}: write one to review with `newskg draft {}`, or build without one, with every fact marked as found automatically, with `newskg build --auto`",
        path.display(),
        article.display()
    )]
    NotAnnotated {
        /// The article directory.
        path: PathBuf,
        /// Its article file.
        article: PathBuf,
    },
    /// A line of a JSON Lines file that is not an article.
    #[error("{}: line {line}: {source}", path.display())]
    Line {
        /// The JSON Lines file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
        /// The cause.
        source: ArticleError,
    },
    /// An article file given to a build without `--auto`.
    #[error(
        "{}: an article file, with no annotations: build it with `--auto` (every fact marked as found automatically), or write annotations to review with `newskg draft {}`",
        path.display(),
        path.display()
    )]
    FileWithoutAuto {
        /// The file.
        path: PathBuf,
    },
    /// An article directory holding more than one article file.
    #[error("{}: more than one article file ({}); keep one", path.display(), found.join(", "))]
    TwoArticleFiles {
        /// The article directory.
        path: PathBuf,
        /// The article files it holds.
        found: Vec<String>,
    },
    /// An article path that is not a directory.
    #[error("{}: not an article directory (expected a directory holding {ARTICLE_FILE}, article.txt, article.html or article.jsonl, and {ANNOTATIONS_FILE})", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// The article text is malformed.
    #[error("{}: {source}", path.display())]
    Article {
        /// The article file.
        path: PathBuf,
        /// The cause.
        source: ArticleError,
    },
    /// The annotation file is malformed.
    #[error("{}: {source}", path.display())]
    Annotation {
        /// The annotation file.
        path: PathBuf,
        /// The cause, with line and column.
        source: AnnotationError,
    },
    /// Two entities share a name.
    #[error("{}: {source}", path.display())]
    Gazetteer {
        /// The annotation file.
        path: PathBuf,
        /// The cause.
        source: AmbiguousForm,
    },
    /// Two article directories of one build have the same article id.
    #[error("{}: article id `{id}` is already taken by another article of this build; set `[article] id` to tell them apart", path.display())]
    DuplicateArticle {
        /// The second article directory.
        path: PathBuf,
        /// The id.
        id: String,
    },
    /// An entity's Wikidata id disagrees with the entities already loaded:
    /// one Wikidata item must be one entity (one id), and one id one item.
    #[error("{}: entity `{id}`: {conflict}; use one id per Wikidata item in every article", path.display())]
    IdentityConflict {
        /// The annotation file.
        path: PathBuf,
        /// The entity id.
        id: String,
        /// What it disagrees with.
        conflict: String,
    },
    /// The article id cannot be used in an IRI.
    #[error("{}: the article id `{id}` (the directory name) must be lower-case letters, digits and `-`; set `[article] id` in {ANNOTATIONS_FILE}", path.display())]
    BadArticleId {
        /// The annotation file.
        path: PathBuf,
        /// The id.
        id: String,
    },
}

/// An article converted to RDF.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The article's id.
    pub id: String,
    /// The parsed article.
    pub article: Article,
    /// Its resolved annotations.
    pub annotations: Annotations,
    /// Every mention of a known entity.
    pub mentions: Vec<Mention>,
    /// The RDF quads.
    pub graph: Graph,
    /// Counts.
    pub summary: Summary,
    /// The repairs the reader made to the text.
    pub warnings: Vec<Warning>,
}

impl Conversion {
    /// The conversion with its relation statements as RDF 1.2 reifiers
    /// ([`crate::rdf12`]), its triples counted again.
    pub fn with_reifiers(mut self) -> Self {
        self.graph = crate::rdf12::reifiers(std::mem::take(&mut self.graph));
        let triples: std::collections::HashSet<_> =
            self.graph.iter().map(|q| (&q.subject, &q.predicate, &q.object)).collect();
        self.summary.triples = triples.len();
        self
    }
}

/// Reads the article of a source with its reader: what it read, and every
/// repair made to it (decoding and text), placed in the source's file.
pub fn read_source(source: &Source) -> Result<(readers::Read, Vec<Warning>), ConvertError> {
    let mut read = readers::read(&source.article, source.form).map_err(|e| match source.line {
        Some(line) => ConvertError::Line { path: source.article_path.clone(), line, source: e },
        None => ConvertError::Article { path: source.article_path.clone(), source: e },
    })?;
    // A reader's lines are those of what it read: for a line of a JSON Lines
    // file, line 1 is that line.
    let offset = source.line.map_or(0, |line| line - 1);
    let mut warnings = source.warnings.clone();
    warnings.extend(std::mem::take(&mut read.warnings).into_iter().map(|w| Warning { line: w.line + offset, ..w }));
    Ok((read, warnings))
}

/// Runs the pipeline on one article.
pub fn convert(source: &Source, base: &str) -> Result<Conversion, ConvertError> {
    let (read, warnings) = read_source(source)?;
    let article = read.article;
    if source.automatic {
        let id = read.id.map_or_else(|| source.id.clone(), |id| article_id(&id));
        let extraction = crate::extract::extract(&article, &crate::extract::Known::default());
        let annotations = crate::auto::annotate(&article, &extraction);
        let mentions = extraction.mentions;
        let iris = Iris::new(base, &id);
        let graph = map::map(&iris, &article, &annotations, &mentions);
        let summary = map::summarize(&graph, &annotations, &mentions);
        return Ok(Conversion { id, article, annotations, mentions, graph, summary, warnings });
    }
    let annotations = Annotations::parse(&source.annotations, &article)
        .map_err(|e| ConvertError::Annotation { path: source.annotations_path.clone(), source: e })?;
    let id = annotations.article_id.clone().unwrap_or_else(|| source.id.clone());
    if !crate::annotation::is_valid_id(&id) {
        return Err(ConvertError::BadArticleId { path: source.annotations_path.clone(), id });
    }
    let gazetteer = gazetteer(&annotations)
        .map_err(|e| ConvertError::Gazetteer { path: source.annotations_path.clone(), source: e })?;
    let mentions = gazetteer.find(&article);
    let iris = Iris::new(base, &id);
    let graph = map::map(&iris, &article, &annotations, &mentions);
    let summary = map::summarize(&graph, &annotations, &mentions);
    Ok(Conversion { id, article, annotations, mentions, graph, summary, warnings })
}

/// The names, aliases and role phrases of the annotated entities.
pub fn gazetteer(annotations: &Annotations) -> Result<Gazetteer, AmbiguousForm> {
    let mut gazetteer = Gazetteer::default();
    for entity in annotations.entities.values() {
        let name = entity.match_name.then_some(&entity.name);
        for name in name.into_iter().chain(&entity.aliases) {
            gazetteer.add(MentionKind::Name, name, &entity.id)?;
        }
        for role in &entity.roles {
            gazetteer.add(MentionKind::Role, role, &entity.id)?;
        }
    }
    Ok(gazetteer)
}
