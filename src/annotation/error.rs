//! Errors in an annotation file, each with the line and column it was found
//! at.

use crate::article::Span;

use super::file::Relation;

/// An error in an annotation file, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct AnnotationError {
    /// 1-based line in the annotation file.
    pub line: usize,
    /// 1-based column (in characters) in the annotation file.
    pub column: usize,
    /// What is wrong.
    pub kind: AnnotationErrorKind,
}

/// What is wrong in an annotation file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnnotationErrorKind {
    /// The file is not valid TOML, or a value has the wrong type or key.
    #[error("{0}")]
    Syntax(String),
    /// Two items have the same id.
    #[error("duplicate id `{id}` (first defined on line {first_line})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first defined.
        first_line: usize,
    },
    /// A reference to an id that is not defined.
    #[error("unknown {expected} id `{id}`{suggestion}")]
    UnknownId {
        /// The id.
        id: String,
        /// What kind of id was expected there.
        expected: &'static str,
        /// A ` (did you mean …?)` hint, or empty.
        suggestion: String,
    },
    /// An id that cannot be used in an IRI.
    #[error("id `{0}` must be lower-case letters, digits and `-`, starting with a letter")]
    BadId(String),
    /// A Wikidata id that is not `Q` and digits.
    #[error("Wikidata id `{0}` is not of the form Q123")]
    BadWikidata(String),
    /// A date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[error("time `{0}` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")]
    BadTime(String),
    /// A language tag that is not BCP 47.
    #[error("language {0}")]
    BadLanguage(crate::language::LanguageError),
    /// An evidence excerpt that is not in the article.
    #[error("evidence not found in the article: {excerpt:?}; closest passage: {closest:?}")]
    EvidenceNotFound {
        /// The excerpt.
        excerpt: String,
        /// The passage of the article that begins like it.
        closest: String,
    },
    /// An evidence excerpt that occurs more than once in the article.
    #[error(
        "evidence occurs {count} times in the article, at {positions}; extend it so that it is unique, or say which one is meant with `evidence = {{ text = \"…\", span = [begin, end] }}`: {excerpt:?}"
    )]
    EvidenceAmbiguous {
        /// The excerpt.
        excerpt: String,
        /// How often it occurs.
        count: usize,
        /// Where, as `[begin, end]` code-point offsets.
        positions: String,
    },
    /// A `span` that is not two offsets.
    #[error("span must be two offsets, [begin, end]; found {0}")]
    SpanNotTwoOffsets(usize),
    /// A `span` outside the article text, empty or reversed.
    #[error(
        "span [{begin}, {end}] is out of range: offsets count code points of the article text, from 0 to {length}, and begin must be less than end"
    )]
    SpanOutOfRange {
        /// The begin offset given.
        begin: i64,
        /// The end offset given.
        end: i64,
        /// Length of the article text in code points.
        length: usize,
    },
    /// A `span` that is not where the excerpt is.
    #[error("the article text at span [{}, {}] is {found:?}, not the evidence, which is at {places}", .span.begin, .span.end)]
    SpanMismatch {
        /// The span given.
        span: Span,
        /// The text at the span.
        found: String,
        /// Where the excerpt is, as `[begin, end]` offsets.
        places: String,
    },
    /// References that go round in a circle (`a` located-in `b` located-in `a`).
    #[error(
        "{} form a cycle: {chain} ({lines}); `{}` must not lead back to where it starts, so remove or correct one of them",
        .through.items(),
        .through.reference()
    )]
    ReferenceCycle {
        /// The reference that goes round.
        through: Cycle,
        /// The ids round the cycle (`a` located-in `b` located-in `a`).
        chain: String,
        /// Where the references are (`lines 10, 16`).
        lines: String,
    },
    /// A document given where only an agent can stand (a claim's source, a
    /// statement's subject or object).
    #[error("`{id}` is a Document, which cannot be {role}: only a quotation's speaker may be a document")]
    DocumentNotAgent {
        /// The document's id.
        id: String,
        /// Where it was given.
        role: &'static str,
    },
    /// A quotation whose text is not inside its evidence.
    #[error("quotation text is not inside its evidence excerpt: {0:?}")]
    QuotationOutsideEvidence(String),
    /// An empty string where text is required.
    #[error("{0} must not be empty")]
    Empty(&'static str),
}

/// The kind of reference a cycle goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cycle {
    /// Statements of one relation.
    Statements(Relation),
    /// Claims `about` claims.
    ClaimsAbout,
    /// Quantities `of` quantities.
    QuantitiesOf,
}

impl Cycle {
    /// What refers: `statements`, `claims`, `quantities`.
    pub fn items(self) -> &'static str {
        match self {
            Self::Statements(_) => "statements",
            Self::ClaimsAbout => "claims",
            Self::QuantitiesOf => "quantities",
        }
    }

    /// The relation or key that refers.
    pub fn reference(self) -> &'static str {
        match self {
            Self::Statements(relation) => relation.as_str(),
            Self::ClaimsAbout => "about",
            Self::QuantitiesOf => "of",
        }
    }
}

pub(super) fn line_column(source: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(source.len());
    let before = &source[..source.floor_char_boundary(byte)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
