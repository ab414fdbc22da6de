//! The JSON Lines reader: one article per line, as news datasets and APIs
//! deliver them.
//!
//! It takes one line, a JSON object with `id`, `title`, `date` and `text`
//! (and optionally `url`, `publisher`, `author`, `language`), and hands on an
//! [`Article`] whose paragraphs are the text's paragraphs (separated by blank
//! lines, or by line breaks when it has no blank line). A line that is not
//! JSON, or lacks `text`, is an error naming what is wrong; the corpus stage
//! reports it with its line number and goes on with the others.

use serde::Deserialize;

use super::dates;
use super::{Read, Warning, clean};
use crate::article::{Article, ArticleError, BlockKind, MAX_ARTICLE_BYTES, Metadata};

/// One line of a JSON Lines corpus.
#[derive(Debug, Deserialize)]
struct Line {
    id: Option<Id>,
    #[serde(alias = "headline")]
    title: Option<String>,
    date: Option<String>,
    text: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    language: Option<String>,
}

/// An id written as a string or a number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// Reads one line of a JSON Lines corpus.
pub fn read(line: &str) -> Result<Read, ArticleError> {
    if line.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge { size: line.len(), limit: MAX_ARTICLE_BYTES });
    }
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| ArticleError::Form(format!("not JSON: {e}")))?;
    if !value.is_object() {
        return Err(ArticleError::Form("not a JSON object (one article per line: {\"id\": …, \"text\": …})".into()));
    }
    let fields: Line = serde_json::from_value(value).map_err(|e| ArticleError::Form(format!("{e}")))?;
    let Some(text) = fields.text.filter(|t| !t.trim().is_empty()) else {
        return Err(ArticleError::Form("no `text`: each line needs the article's text".into()));
    };
    let (text, repairs) = clean::clean(&text)?;
    // The repairs' places are in the text, which is one field of one line of
    // the file: the warning is at that line (line 1 here; the corpus stage
    // adds the line's number) and the field's column, and names the place
    // in the text.
    let column = field_column(line, "text");
    let warnings = repairs
        .into_iter()
        .map(|w| Warning {
            line: 1,
            column,
            message: format!("in `text`, its line {}, column {}: {}", w.line, w.column, w.message),
        })
        .collect();
    let date = match fields.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(written) => Some(dates::parse(written).ok_or_else(|| {
            ArticleError::Form(format!(
                "`date`: cannot read the date {written:?}; write it as 2011-06-29 (ISO 8601, a time may follow), June 29, 2011 or 29 June 2011"
            ))
        })?),
        None => None,
    };
    let paragraphs = paragraphs(&text);
    let title = match fields.title.as_deref().map(collapse).filter(|t| !t.is_empty()) {
        Some(title) => title,
        None => return Err(ArticleError::Form("no `title`".into())),
    };
    let mut blocks = vec![(BlockKind::Title, title.clone(), 1)];
    blocks.extend(paragraphs.into_iter().map(|p| (BlockKind::Body, p, 1)));
    let metadata = Metadata {
        title,
        date,
        author: fields.author.map(|a| collapse(&a)).filter(|a| !a.is_empty()),
        publisher: fields.publisher.map(|p| collapse(&p)).filter(|p| !p.is_empty()),
        language: fields.language.filter(|l| !l.trim().is_empty()),
        url: fields.url.filter(|u| !u.trim().is_empty()),
        caption: None,
        credit: None,
    };
    let id = fields.id.map(|id| match id {
        Id::Text(text) => text,
        Id::Number(n) => n.to_string(),
    });
    Ok(Read { article: Article::assemble(metadata, blocks)?, id, warnings })
}

/// The column (1-based, in characters) where the key `"name"` of a JSON
/// object starts in `line`; 1 when it cannot be found as written.
fn field_column(line: &str, name: &str) -> usize {
    let key = format!("\"{name}\"");
    line.match_indices(&key)
        .find(|(at, _)| line[at + key.len()..].trim_start().starts_with(':'))
        .map_or(1, |(at, _)| line[..at].chars().count() + 1)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs of a text: separated by blank lines, or by line breaks
/// when there is no blank line.
fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let blank_lines =
        text.split('\n').collect::<Vec<_>>().windows(2).any(|w| w[0].trim().is_empty() && !w[1].trim().is_empty());
    let parts: Vec<&str> = if blank_lines { text.split("\n\n").collect() } else { text.split('\n').collect() };
    parts.into_iter().map(collapse).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines() {
        let line = r#"{"id": "harbour-1", "title": "Harbour Opens", "date": "2016-10-12T09:00:00Z", "text": "The harbour opened.\n\nShips came in on Monday.", "publisher": "The Coast Post", "author": "Jane Doe", "url": "https://example.org/harbour"}"#;
        let read = read(line).unwrap();
        let a = &read.article;
        assert_eq!(read.id.as_deref(), Some("harbour-1"));
        assert_eq!((a.title.as_str(), a.date.map(|d| d.to_string())), ("Harbour Opens", Some("2016-10-12".to_owned())));
        assert_eq!((a.publisher.as_deref(), a.author.as_deref()), (Some("The Coast Post"), Some("Jane Doe")));
        let body: Vec<&str> = a.blocks.iter().filter(|b| b.kind == BlockKind::Body).map(|b| a.slice(b.span)).collect();
        assert_eq!(body, ["The harbour opened.", "Ships came in on Monday."]);
        // Numeric ids, no date, paragraphs one per line.
        let read = super::read(r#"{"id": 7, "title": "T", "text": "One.\nTwo."}"#).unwrap();
        assert_eq!((read.id.as_deref(), read.article.date), (Some("7"), None));
        assert_eq!(read.article.sentences.len(), 2);
    }

    #[test]
    fn repairs_are_placed_at_the_text_field_and_name_the_place_in_the_text() {
        let line = "{\"id\": \"é1\", \"title\": \"T\", \"text\": \"First.\\n\\nA stray\\u0083 byte.\"}";
        let read = read(line).unwrap();
        let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings, ["line 1, column 28: in `text`, its line 3, column 8: removed control character U+0083"]);
        assert_eq!(field_column(r#"{"title": "the \"text\" field", "text": "x"}"#, "text"), 33);
    }

    #[test]
    fn bad_lines() {
        // (line, what the error says)
        let table = [
            ("{\"title\": \"T\", \"text\": ", "not JSON"),
            ("[1, 2]", "not a JSON object"),
            ("{\"id\": \"a\", \"title\": \"T\"}", "no `text`"),
            ("{\"id\": \"a\", \"title\": \"T\", \"text\": \"  \"}", "no `text`"),
            ("{\"id\": \"a\", \"text\": \"Body.\"}", "no `title`"),
            (
                "{\"id\": \"a\", \"title\": \"T\", \"text\": \"Body.\", \"date\": \"last week\"}",
                "cannot read the date \"last week\"",
            ),
            ("{\"id\": \"a\", \"title\": \"T\", \"text\": 5}", "invalid type"),
        ];
        for (line, message) in table {
            let error = read(line).unwrap_err().to_string();
            assert!(error.contains(message), "{line}: {error}");
        }
    }
}
