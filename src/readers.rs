//! The readers: one per input form, each turning an article as it comes
//! (a Markdown or plain-text file, a saved HTML page, a line of a JSON Lines
//! corpus) into the same [`Article`], with the repairs made to its text
//! reported as warnings.
//!
//! The form is known from the file's extension or its content
//! ([`Form::detect`]), or given. Every reader normalises the text the same way
//! ([`clean`]) and reads dates the same way ([`dates`]); offsets in the
//! [`Article`] count code points of the normalised text.

pub mod clean;
pub mod dates;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod markdown;
pub mod mojibake;
pub mod text;

use std::path::Path;

pub use clean::Warning;

use crate::article::{Article, ArticleError};

/// The forms of input newskg reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Form {
    /// Markdown (`# Title`, date line, paragraphs; `.md`, `.markdown`).
    Markdown,
    /// Plain text (first line the title; `.txt`, `.text`).
    Text,
    /// A saved news page (`.html`, `.htm`).
    Html,
    /// A JSON Lines corpus, one article per line (`.jsonl`, `.ndjson`); as
    /// the form of one article, one such line.
    JsonLines,
}

impl Form {
    /// The form of a file by its extension, if it has one newskg knows.
    pub fn from_extension(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "md" | "markdown" | "mdown" => Some(Self::Markdown),
            "txt" | "text" => Some(Self::Text),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            _ => None,
        }
    }

    /// The form of a file: by its extension, else by its first characters.
    pub fn detect(path: &Path, content: &str) -> Self {
        Self::from_extension(path).unwrap_or_else(|| {
            let start = content.trim_start_matches('\u{feff}').trim_start();
            if start.starts_with('<') {
                Self::Html
            } else if start.starts_with('{') {
                Self::JsonLines
            } else if start.starts_with('#') || start.starts_with("+++") || start.starts_with("---") {
                Self::Markdown
            } else {
                Self::Text
            }
        })
    }

    /// The form's name, as `--input-format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Text => "text",
            Self::Html => "html",
            Self::JsonLines => "jsonl",
        }
    }
}

/// An article read from its source.
#[derive(Debug, Clone)]
pub struct Read {
    /// The article.
    pub article: Article,
    /// The id the source gives the article (a JSON Lines `id`), if any.
    pub id: Option<String>,
    /// The repairs made to the text, with their places in the source.
    pub warnings: Vec<Warning>,
}

/// Reads an article in the given form.
pub fn read(source: &str, form: Form) -> Result<Read, ArticleError> {
    match form {
        Form::Markdown | Form::Text => text::read(source, form),
        Form::Html => html::read(source),
        Form::JsonLines => jsonl::read(source),
    }
}
