//! The Markdown and plain-text reader.
//!
//! It takes an article file as people and feeds write it — `# Title` (or, in
//! plain text, the first line), then date lines (`Published: 2016-10-12`,
//! `June 29, 2011`, `Updated: …`) and a byline (`By Jane Doe`) in any order or
//! none at all, an optional photo caption ending in a bold photographer credit,
//! body paragraphs separated by blank lines, and `Original url:` with `<url>`
//! — and hands on an [`Article`] whose blocks are the title, the date lines,
//! the byline, the caption and credit, and the paragraphs.
//!
//! Line endings (CRLF or LF), a UTF-8 byte order mark and trailing spaces do
//! not change the result.

use super::dates::{DateLabel, date_line};
use super::{Form, Read, clean};
use crate::article::{Article, ArticleError, BlockKind, MAX_ARTICLE_BYTES, Metadata};

/// A block of the source file: consecutive non-blank lines, each trimmed.
struct RawBlock {
    lines: Vec<String>,
    line: usize,
}

impl RawBlock {
    /// The block's lines joined by single spaces.
    fn text(&self) -> String {
        collapse_spaces(&self.lines.join(" "))
    }
}

/// Reads a Markdown or plain-text article.
pub fn read(source: &str, form: Form) -> Result<Read, ArticleError> {
    if source.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge { size: source.len(), limit: MAX_ARTICLE_BYTES });
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (source, warnings) = clean::clean(source)?;
    let raw = raw_blocks(&source);
    let mut blocks = raw.iter().peekable();
    let Some(first) = blocks.next() else {
        return Err(ArticleError::Empty);
    };
    let mut metadata = Metadata::default();
    let mut out: Vec<(BlockKind, String, usize)> = Vec::new();

    let title = match title(first, form) {
        Some(title) => title,
        None => return Err(ArticleError::MissingTitle { line: first.line, found: preview(&first.text()) }),
    };
    metadata.title.clone_from(&title);
    out.push((BlockKind::Title, title, first.line));

    // Date lines and a byline, in any order, each on a line of its own.
    while let Some(block) = blocks.peek() {
        // A line meant as a date that is not one is an error, not a paragraph,
        // in a block whose other lines are all header lines.
        let lines: Vec<Option<(BlockKind, String)>> = block.lines.iter().map(|l| header_line(l)).collect();
        let unreadable = block
            .lines
            .iter()
            .zip(&lines)
            .position(|(line, header)| header.is_none() && date_line(line).is_some_and(|d| d.date.is_none()));
        let others = lines.iter().filter(|h| h.is_none()).count();
        if let Some(at) = unreadable
            && others == 1
        {
            return Err(ArticleError::BadDate { line: block.line + at, found: preview(&block.lines[at]) });
        }
        let Some(header) = lines.into_iter().collect::<Option<Vec<_>>>() else {
            break;
        };
        for (offset, (kind, text)) in header.into_iter().enumerate() {
            let line = block.line + offset;
            match kind {
                BlockKind::Date => match date_line(&text) {
                    Some(parsed) if parsed.label == DateLabel::Published && metadata.date.is_none() => {
                        metadata.date = parsed.date;
                    }
                    _ => {}
                },
                _ => {
                    if metadata.author.is_none() {
                        metadata.author = byline(&text).map(str::to_owned);
                    }
                }
            }
            out.push((kind, text, line));
        }
        blocks.next();
    }
    // An article with only updates gives the first update as its date.
    if metadata.date.is_none() {
        metadata.date = out.iter().filter(|b| b.0 == BlockKind::Date).find_map(|b| date_line(&b.1)?.date);
    }

    if let Some(block) = blocks.peek()
        && let Some((caption, credit)) = split_credit(&block.text())
    {
        out.push((BlockKind::Caption, caption.to_owned(), block.line));
        out.push((BlockKind::Credit, credit.to_owned(), block.line));
        metadata.caption = Some(caption.to_owned());
        metadata.credit = Some(credit.to_owned());
        blocks.next();
    }

    while let Some(block) = blocks.next() {
        let text = block.text();
        if text.trim_end_matches(':').eq_ignore_ascii_case("original url") {
            let next = blocks.next().map(|b| (b.text(), b.line));
            let found = next.as_ref().map(|(t, _)| t.trim()).unwrap_or_default();
            match found.strip_prefix('<').and_then(|u| u.strip_suffix('>')) {
                Some(u) if !u.is_empty() && !u.contains(char::is_whitespace) => metadata.url = Some(u.to_owned()),
                _ => {
                    return Err(ArticleError::BadUrl {
                        line: next.as_ref().map_or(block.line + 1, |(_, l)| *l),
                        found: preview(found),
                    });
                }
            }
            // Anything after the URL is not part of the article.
            break;
        }
        out.push((BlockKind::Body, text, block.line));
    }
    let article = Article::assemble(metadata, out)?;
    Ok(Read { article, id: None, warnings })
}

/// The headline: `# Title` (or a Markdown underlined title); in plain text,
/// a first block of one line.
fn title(block: &RawBlock, form: Form) -> Option<String> {
    let text = block.text();
    if let Some(title) = text.strip_prefix("# ").map(str::trim).filter(|t| !t.is_empty()) {
        return Some(title.to_owned());
    }
    if let [title, rule] = block.lines.as_slice()
        && rule.len() >= 3
        && rule.chars().all(|c| c == '=')
    {
        return Some(collapse_spaces(title));
    }
    (form == Form::Text && block.lines.len() == 1 && !text.starts_with('#')).then_some(text)
}

/// A line of the header after the title: a date line or a byline.
fn header_line(line: &str) -> Option<(BlockKind, String)> {
    let text = collapse_spaces(line);
    if date_line(&text).is_some_and(|d| d.date.is_some()) {
        return Some((BlockKind::Date, text));
    }
    byline(&text).is_some().then_some((BlockKind::Byline, text))
}

/// The author named by a byline: `By Jane Doe`, `By Jane Doe and John Roe`,
/// `By JANE DOE, Reuters` (up to eight words, each capitalised or a joiner).
fn byline(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY "))?.trim();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let name_like = |w: &&str| {
        let w = w.trim_end_matches(',');
        w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "and" | "&" | "de" | "van" | "von" | "la")
    };
    (!words.is_empty() && words.len() <= 8 && words.iter().all(name_like) && !rest.ends_with(['.', '!', '?']))
        .then_some(rest)
}

fn raw_blocks(source: &str) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<RawBlock> = None;
    for (index, line) in source.split('\n').enumerate() {
        let line = line.trim_end_matches('\r').trim();
        if line.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        match &mut current {
            Some(block) => block.lines.push(line.to_owned()),
            None => current = Some(RawBlock { lines: vec![line.to_owned()], line: index + 1 }),
        }
    }
    blocks.extend(current);
    blocks
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn preview(text: &str) -> String {
    let mut preview: String = text.chars().take(60).collect();
    if preview.len() < text.len() {
        preview.push('…');
    }
    preview
}

/// Splits `Caption text. **Credit**` into the caption and the credit.
fn split_credit(block: &str) -> Option<(&str, &str)> {
    let rest = block.strip_suffix("**")?;
    let start = rest.rfind("**")?;
    let credit = rest[start + 2..].trim();
    let caption = rest[..start].trim();
    (!credit.is_empty() && !caption.is_empty() && !credit.contains("**")).then_some((caption, credit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(source: &str, form: Form) -> (String, Option<String>, Option<String>, Vec<String>) {
        let read = read(source, form).unwrap_or_else(|e| panic!("{source:?}: {e}"));
        let a = read.article;
        let body: Vec<String> =
            a.blocks.iter().filter(|b| b.kind == BlockKind::Body).map(|b| a.slice(b.span).to_owned()).collect();
        (a.title.clone(), a.date.map(|d| d.to_string()), a.author.clone(), body)
    }

    #[test]
    fn headers_in_the_forms_news_comes_in() {
        // (source, form, title, date, author, first body paragraph)
        type Row<'a> = (&'a str, Form, &'a str, Option<&'a str>, Option<&'a str>, &'a str);
        let table: &[Row<'_>] = &[
            ("# T\n\nJune 29, 2011\n\nBody.", Form::Markdown, "T", Some("2011-06-29"), None, "Body."),
            ("# T\n\nPublished: 2016-10-12\n\nBody.", Form::Markdown, "T", Some("2016-10-12"), None, "Body."),
            ("# T\n\n29 June 2011\n\nBody.", Form::Markdown, "T", Some("2011-06-29"), None, "Body."),
            (
                "# T\n\nWednesday, June 29, 2011 10:30 AM\n\nBody.",
                Form::Markdown,
                "T",
                Some("2011-06-29"),
                None,
                "Body.",
            ),
            ("# T\n\nBody without a date.", Form::Markdown, "T", None, None, "Body without a date."),
            (
                "# T\n\nBy Jane Doe\nPublished: 2016-10-12\nUpdated: 2016-10-13\n\nBody.",
                Form::Markdown,
                "T",
                Some("2016-10-12"),
                Some("Jane Doe"),
                "Body.",
            ),
            ("# T\n\nUpdated: 2016-10-13\n\nBody.", Form::Markdown, "T", Some("2016-10-13"), None, "Body."),
            ("Title\n=====\n\nDate: 2016-10-12\n\nBody.", Form::Markdown, "Title", Some("2016-10-12"), None, "Body."),
            ("A plain title\n\n2016-10-12\n\nBody.", Form::Text, "A plain title", Some("2016-10-12"), None, "Body."),
            ("A plain title\nBody on the next line.", Form::Text, "", None, None, ""),
            (
                "# T\n\nBy the river, the town waits.\n\nMore.",
                Form::Markdown,
                "T",
                None,
                None,
                "By the river, the town waits.",
            ),
        ];
        for (source, form, title, date, author, body) in table {
            if title.is_empty() {
                assert!(matches!(read(source, *form), Err(ArticleError::MissingTitle { .. })), "{source:?}");
                continue;
            }
            let (t, d, a, b) = head(source, *form);
            assert_eq!(
                (t.as_str(), d.as_deref(), a.as_deref(), b[0].as_str()),
                (*title, *date, *author, *body),
                "{source:?}"
            );
        }
    }

    #[test]
    fn unreadable_dates_are_errors() {
        let table = [
            ("# T\n\nPublished: sometime last spring\n\nBody.", 3, "Published: sometime last spring"),
            ("# T\n\nFebruary 30, 2011\n\nBody.", 3, "February 30, 2011"),
            ("# T\n\nBy Jane Doe\nPublished: soon\n\nBody.", 4, "Published: soon"),
        ];
        for (source, line, found) in table {
            let expected = ArticleError::BadDate { line, found: found.to_owned() };
            assert_eq!(read(source, Form::Markdown).unwrap_err(), expected, "{source:?}");
        }
    }

    #[test]
    fn debris_is_cleaned_and_reported() {
        let read = read("# T\n\nJune 29, 2011\n\nA stray\u{83} byte.", Form::Markdown).unwrap();
        assert_eq!(read.article.slice(read.article.sentences[0].span), "A stray byte.");
        assert_eq!(read.warnings.len(), 1);
        assert_eq!(read.warnings[0].to_string(), "line 5, column 8: removed control character U+0083");
    }
}
