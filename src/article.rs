//! The article stage: reads the text of a news article and splits it into the
//! parts the rest of the pipeline refers to.
//!
//! It takes the article file as written (Markdown-like: `# title`, a
//! publication date line, an optional photo caption ending in a bold
//! photographer credit, body paragraphs, `Original url:` and `<url>`) and hands
//! on an [`Article`]: the normalised document text, its blocks, paragraphs and
//! sentences, each with offsets counted in Unicode code points, as NIF and Web
//! Annotation count them. `article.slice(begin, end)` is exactly the span.
//!
//! Line endings (CRLF or LF), a UTF-8 byte order mark and trailing spaces do
//! not change the result.

use std::fmt;

/// Largest article accepted, in bytes. Longer inputs are refused with a clear
/// message rather than read into memory.
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// A calendar date without time zone, as printed in `xsd:date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Builds a date, checking the day against the month's length.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // Sakamoto's method, shifted so that Monday is 0.
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 { self.year - 1 } else { self.year };
        let sunday_based =
            (y + y / 4 - y / 100 + y / 400 + T[usize::from(self.month - 1)] + i32::from(self.day)).rem_euclid(7);
        u8::try_from((sunday_based + 6) % 7).unwrap_or(0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// English month names, as they appear in dates like "June 29, 2011".
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A span of the document text, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First code point of the span.
    pub begin: usize,
    /// One past the last code point of the span.
    pub end: usize,
}

impl Span {
    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.begin <= other.begin && other.end <= self.end
    }

    /// Whether the two spans share at least one code point.
    pub fn overlaps(self, other: Span) -> bool {
        self.begin < other.end && other.begin < self.end
    }
}

/// What a block of the document text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A date line (`Published: 2016-10-12`).
    Date,
    /// A byline (`By Jane Doe`).
    Byline,
    /// The photo caption (without its credit).
    Caption,
    /// The photographer credit after the caption.
    Credit,
    /// A paragraph of the body.
    Body,
}

/// A block of the document text: the headline, the date, the caption, the
/// credit or a body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where it is in the document text.
    pub span: Span,
    /// The line of the source file where it starts (1-based).
    pub line: usize,
}

/// A sentence of the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is in the document text.
    pub span: Span,
    /// The index of its block in [`Article::blocks`].
    pub block: usize,
}

/// What a reader found about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The headline.
    pub title: String,
    /// The publication date, when the article gives one.
    pub date: Option<Date>,
    /// The author ("Jane Doe", from a byline or the page's metadata).
    pub author: Option<String>,
    /// The publisher's name ("The Moscow Times").
    pub publisher: Option<String>,
    /// BCP 47 language tag of the text, when the source says.
    pub language: Option<String>,
    /// The URL of the original publication.
    pub url: Option<String>,
    /// The photo caption.
    pub caption: Option<String>,
    /// The photographer credit.
    pub credit: Option<String>,
}

/// A parsed article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The headline.
    pub title: String,
    /// The publication date, when the article gives one. Without it,
    /// relative times ("yesterday") cannot be resolved, and are not.
    pub date: Option<Date>,
    /// The author, from a byline or the page's metadata.
    pub author: Option<String>,
    /// The publisher's name, from the page's metadata or front matter.
    pub publisher: Option<String>,
    /// BCP 47 language tag of the text, when the source says.
    pub language: Option<String>,
    /// The photo caption, if the article has a photo.
    pub caption: Option<String>,
    /// The photographer credit, if the caption has one.
    pub credit: Option<String>,
    /// The URL of the original publication.
    pub url: Option<String>,
    /// The document text: the blocks joined by blank lines.
    pub text: String,
    /// The blocks of the document text, in order.
    pub blocks: Vec<Block>,
    /// The sentences of the caption and the body, in order.
    pub sentences: Vec<Sentence>,
    /// Byte offset of every code point of `text`, plus `text.len()` at the end.
    char_bytes: Vec<usize>,
}

/// Why an article could not be read. Lines and columns are 1-based and refer
/// to the source file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArticleError {
    /// The file is empty or holds only whitespace.
    #[error("the article is empty")]
    Empty,
    /// The file is larger than [`MAX_ARTICLE_BYTES`].
    #[error("the article is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is not UTF-8 text.
    #[error("the article is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The bytes are binary data (NUL or control bytes), not text in any encoding.
    #[error(
        "line {line}, column {column}: byte 0x{byte:02X}: the file is binary data, not text (NUL or control bytes; UTF-16 text needs its byte order mark)"
    )]
    Binary {
        /// Line of the first NUL or control byte.
        line: usize,
        /// Its column, in characters.
        column: usize,
        /// The byte.
        byte: u8,
    },
    /// Bytes that are not UTF-8 and that the encoding they suggest cannot decode.
    #[error(
        "line {line}, column {column}: byte 0x{byte:02X} cannot be read as {encoding}, the encoding the file suggests; save the file as UTF-8"
    )]
    Undecodable {
        /// Line of the first byte that cannot be decoded.
        line: usize,
        /// Its column, in characters.
        column: usize,
        /// The byte.
        byte: u8,
        /// The encoding tried (its WHATWG name).
        encoding: &'static str,
    },
    /// The file holds control characters, so is not text.
    #[error("line {line}, column {column}: control character U+{code:04X}; the article is not plain text")]
    ControlCharacter {
        /// Line of the character.
        line: usize,
        /// Column of the character.
        column: usize,
        /// The code point.
        code: u32,
    },
    /// The first block is not a `# Title` line.
    #[error("line {line}: expected the headline as `# Title`, found {found:?}")]
    MissingTitle {
        /// Line of the first block.
        line: usize,
        /// The start of what was found there.
        found: String,
    },
    /// A date line that cannot be read.
    #[error(
        "line {line}: cannot read the date {found:?}; write it as 2011-06-29, June 29, 2011 or 29 June 2011 (a weekday before it and a time after it may stay), or leave the line out"
    )]
    BadDate {
        /// Line of the date.
        line: usize,
        /// What was found there.
        found: String,
    },
    /// Text in a form the reader does not take (HTML with no article body,
    /// a JSON line without `text`, malformed front matter…).
    #[error("{0}")]
    Form(String),
    /// The article has a title (and date) but no body paragraph.
    #[error("the article has no body paragraph after its title and date")]
    NoBody,
    /// `Original url:` is not followed by `<url>`.
    #[error("line {line}: expected `<url>` after `Original url:`, found {found:?}")]
    BadUrl {
        /// Line of the block.
        line: usize,
        /// What was found there.
        found: String,
    },
}

impl Article {
    /// Parses the text of an article in the Markdown or plain-text form
    /// (see [`crate::readers::text`]); repairs of stray characters are made
    /// silently (the readers report them).
    ///
    /// ```
    /// let article = newskg::article::Article::parse(
    ///     "# A title\n\nJune 29, 2011\n\nFirst sentence. Second one.\n",
    /// ).unwrap();
    /// assert_eq!(article.title, "A title");
    /// assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2011-06-29"));
    /// let second = &article.sentences[1];
    /// assert_eq!(article.slice(second.span), "Second one.");
    /// ```
    pub fn parse(source: &str) -> Result<Self, ArticleError> {
        crate::readers::text::read(source, crate::readers::Form::Markdown).map(|read| read.article)
    }

    /// Builds an article from what a reader found: its metadata and its
    /// blocks in order (the title block first). Each block's text must be a
    /// single line with single spaces. Fails when there is no body paragraph.
    pub fn assemble(metadata: Metadata, blocks: Vec<(BlockKind, String, usize)>) -> Result<Self, ArticleError> {
        let mut builder = TextBuilder::default();
        for (kind, content, line) in &blocks {
            builder.push(*kind, content, *line);
        }
        if !builder.blocks.iter().any(|b| b.kind == BlockKind::Body) {
            return Err(ArticleError::NoBody);
        }
        let TextBuilder { text, blocks, .. } = builder;
        let char_bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let Metadata { title, date, author, publisher, language, url, caption, credit } = metadata;
        let mut article = Article {
            title,
            date,
            author,
            publisher,
            language,
            caption,
            credit,
            url,
            text,
            blocks,
            sentences: Vec::new(),
            char_bytes,
        };
        article.sentences = article.split_sentences();
        Ok(article)
    }

    /// The document text between two code-point offsets.
    ///
    /// Offsets past the end are clamped, so a bad span never panics.
    pub fn slice(&self, span: Span) -> &str {
        let last = self.char_bytes.len() - 1;
        let begin = self.char_bytes[span.begin.min(last)];
        let end = self.char_bytes[span.end.min(last)];
        &self.text[begin..end.max(begin)]
    }

    /// Length of the document text in code points.
    pub fn len_chars(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// Code-point offset of a byte offset of `text` (which must be on a
    /// character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.char_bytes.partition_point(|&b| b < byte)
    }

    /// The sentences that overlap a span, in order.
    pub fn sentences_overlapping(&self, span: Span) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(move |s| s.span.overlaps(span) || (span.begin == span.end && s.span.contains(span)))
    }

    /// The blocks of running text (caption, credit and body paragraphs),
    /// with their indices in [`Article::blocks`].
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, BlockKind::Body | BlockKind::Caption | BlockKind::Credit))
    }

    fn split_sentences(&self) -> Vec<Sentence> {
        let mut sentences = Vec::new();
        for (index, block) in self.paragraphs() {
            let chars: Vec<char> = self.slice(block.span).chars().collect();
            for (begin, end) in sentence_bounds(&chars) {
                sentences.push(Sentence {
                    span: Span { begin: block.span.begin + begin, end: block.span.begin + end },
                    block: index,
                });
            }
        }
        sentences
    }
}

#[derive(Default)]
struct TextBuilder {
    text: String,
    chars: usize,
    blocks: Vec<Block>,
}

impl TextBuilder {
    fn push(&mut self, kind: BlockKind, content: &str, line: usize) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
            self.chars += 2;
        }
        let begin = self.chars;
        self.text.push_str(content);
        self.chars += content.chars().count();
        self.blocks.push(Block { kind, span: Span { begin, end: self.chars }, line });
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "St", "Jr", "Sr", "Jan",
    "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "No", "vs", "etc", "Inc", "Corp", "Ltd", "Co",
    "Rev", "Adm", "Del", "Maj", "Sens", "Reps", "Govs",
];

/// Sentence boundaries inside one paragraph, as code-point offsets.
///
/// A sentence ends at `.`, `?` or `!` (with any closing quotes or brackets
/// after it) followed by a space and an upper-case letter, a digit or an
/// opening quote, unless the full stop ends an abbreviation or an initial.
/// Text inside an open quotation is not split, so that a quotation and its
/// attribution stay one sentence.
fn sentence_bounds(chars: &[char]) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut in_straight_quote = false;
    let mut curly_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => in_straight_quote = !in_straight_quote,
            '\u{201c}' => curly_depth += 1,
            '\u{201d}' => curly_depth = curly_depth.saturating_sub(1),
            _ => {}
        }
        let quoted = in_straight_quote || curly_depth > 0;
        if matches!(c, '.' | '?' | '!') && !quoted && !is_abbreviation(chars, i) {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '"' | '\u{201d}' | '\'' | '\u{2019}' | ')') {
                end += 1;
            }
            let next_starts_sentence = chars.get(end) == Some(&' ')
                && chars.get(end + 1).is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\u{201c}' | '\'' | '(')
                });
            if next_starts_sentence {
                bounds.push((start, end));
                start = end + 1;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < chars.len() {
        bounds.push((start, chars.len()));
    }
    bounds
}

fn is_abbreviation(chars: &[char], dot: usize) -> bool {
    if chars[dot] != '.' {
        return false;
    }
    let word_start = chars[..dot].iter().rposition(|c| !c.is_alphanumeric() && *c != '.').map_or(0, |p| p + 1);
    let word: String = chars[word_start..dot].iter().collect();
    // An initial ("J. Smith") or a dotted acronym ("U.S.").
    let single_letter = word.chars().last().is_some_and(char::is_uppercase)
        && word.rsplit('.').next().is_some_and(|w| w.chars().count() == 1);
    single_letter || ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "# Title\n\nJune 29, 2011\n\nOne. Two.\n";

    #[test]
    fn line_endings_bom_and_trailing_spaces_parse_the_same() {
        let plain = Article::parse(MINIMAL).unwrap();
        for variant in [
            MINIMAL.replace('\n', "\r\n"),
            format!("\u{feff}{MINIMAL}"),
            MINIMAL.replace('\n', "  \n"),
            format!("\n\n{MINIMAL}\n\n"),
        ] {
            let other = Article::parse(&variant).unwrap();
            assert_eq!(other.text, plain.text, "{variant:?}");
            assert_eq!(other.sentences, plain.sentences, "{variant:?}");
        }
    }

    #[test]
    fn sentence_splitting() {
        // (paragraph, expected sentences)
        let table: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("He said \"Stop. Now.\" Then left.", &["He said \"Stop. Now.\" Then left."]),
            ("\"We are here. Go,\" he said. \"No.\"", &["\"We are here. Go,\" he said.", "\"No.\""]),
            ("The U.S. and Mr. Smith met. Done.", &["The U.S. and Mr. Smith met.", "Done."]),
            ("It cost 3.5 million. Yes!", &["It cost 3.5 million.", "Yes!"]),
            ("Who? Him.", &["Who?", "Him."]),
            ("Ends without stop", &["Ends without stop"]),
            ("\u{201c}Curly. Quote,\u{201d} she said.", &["\u{201c}Curly. Quote,\u{201d} she said."]),
        ];
        for (paragraph, expected) in table {
            let chars: Vec<char> = paragraph.chars().collect();
            let got: Vec<String> =
                sentence_bounds(&chars).into_iter().map(|(b, e)| chars[b..e].iter().collect()).collect();
            assert_eq!(&got, expected, "{paragraph}");
        }
    }

    #[test]
    fn offsets_are_code_points() {
        let article = Article::parse("# Tête — à\n\nJune 29, 2011\n\n“Déjà vu,” he said. Né.").unwrap();
        for sentence in &article.sentences {
            let text = article.slice(sentence.span);
            assert_eq!(text.chars().count(), sentence.span.end - sentence.span.begin);
        }
        assert_eq!(article.slice(article.sentences[1].span), "Né.");
    }

    #[test]
    fn caption_and_credit() {
        let article =
            Article::parse("# T\n\nMay 1, 2020\n\nA photo. **Jane Roe**\n\nBody.\n\nOriginal url:\n\n<http://x.org/a>")
                .unwrap();
        assert_eq!(article.caption.as_deref(), Some("A photo."));
        assert_eq!(article.credit.as_deref(), Some("Jane Roe"));
        assert_eq!(article.url.as_deref(), Some("http://x.org/a"));
    }

    #[test]
    fn errors() {
        let table: &[(&str, ArticleError)] = &[
            ("", ArticleError::Empty),
            ("  \n\n ", ArticleError::Empty),
            ("Title\n\nJune 29, 2011\n\nBody.", ArticleError::MissingTitle { line: 1, found: "Title".into() }),
            ("# T\n\nPublished: when?\n\nBody.", ArticleError::BadDate { line: 3, found: "Published: when?".into() }),
            ("# T\n\nFebruary 30, 2011\n\nBody.", ArticleError::BadDate { line: 3, found: "February 30, 2011".into() }),
            ("# T\n\nJune 29, 2011\n", ArticleError::NoBody),
            (
                "# T\n\nJune 29, 2011\n\nBody.\n\nOriginal url:\n\nnope",
                ArticleError::BadUrl { line: 9, found: "nope".into() },
            ),
            ("# T\n\nJune 29, 2011\n\nBo\u{0}dy.", ArticleError::ControlCharacter { line: 5, column: 3, code: 0 }),
        ];
        for (input, expected) in table {
            assert_eq!(Article::parse(input).unwrap_err(), *expected, "{input:?}");
        }
    }

    #[test]
    fn the_size_limit_is_checked_before_anything_else() {
        let mut source = String::from("# T\n\nJune 29, 2011\n\n");
        source.push_str(&"x".repeat(MAX_ARTICLE_BYTES - source.len() + 1));
        let expected = ArticleError::TooLarge { size: MAX_ARTICLE_BYTES + 1, limit: MAX_ARTICLE_BYTES };
        assert_eq!(Article::parse(&source).unwrap_err(), expected);
        source.pop();
        assert!(Article::parse(&source).is_ok());
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::new(2011, 6, 29).unwrap().weekday(), 2); // Wednesday
        assert_eq!(Date::new(2000, 1, 1).unwrap().weekday(), 5); // Saturday
    }
}
