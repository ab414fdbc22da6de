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
//! In Markdown, the markup of every block is rendered to plain text
//! ([`super::markdown`]): links keep their text, emphasis and code their
//! words, list items and block quotes lose their markers, subheadings are
//! paragraphs; the caption's bold credit stays the photographer's. Plain text
//! is taken literally.
//!
//! Line endings (CRLF or LF), a UTF-8 byte order mark and trailing spaces do
//! not change the result.

use super::dates::{DateLabel, date_line};
use super::{Form, Read, clean, markdown};
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
    let original = source.strip_prefix('\u{feff}').unwrap_or(source);
    let markdown = form == Form::Markdown;
    let (cleaned, warnings) = clean::clean(original)?;
    let (front, mut source) = front_matter(&cleaned)?;
    // Cleaned as Markdown, the punctuation an entity stands for is escaped
    // (`\&`) so that it stays that character; front matter is not Markdown, so
    // it is read from the text cleaned as text. Without `&` they are the same.
    if markdown && original.contains('&') {
        let (escaped, _) = clean::clean_markdown(original)?;
        source = blank(&escaped, front.as_ref().map(|f| (f.line, f.end)));
    }
    let raw = raw_blocks(&source);
    let mut blocks = raw.iter().peekable();
    let mut metadata = Metadata::default();
    let mut out: Vec<(BlockKind, String, usize)> = Vec::new();

    // The title: a `# Title` heading (or, in plain text without a title in
    // front matter, the first line), else the front matter's.
    let front_title = front.as_ref().is_some_and(|f| f.title.is_some());
    let heading = blocks
        .peek()
        .filter(|_| markdown || !front_title)
        .and_then(|first| title(first, form).map(|t| (t, first.line)));
    let (title, line) = match (heading, front.as_ref().and_then(|f| f.title.clone())) {
        (Some(heading), _) => {
            blocks.next();
            heading
        }
        (None, Some(title)) => (title, front.as_ref().map_or(1, |f| f.line)),
        (None, None) => match blocks.peek() {
            Some(first) => return Err(ArticleError::MissingTitle { line: first.line, found: preview(&first.text()) }),
            None => return Err(ArticleError::Empty),
        },
    };
    metadata.title.clone_from(&title);
    out.push((BlockKind::Title, title, line));
    if let Some(front) = front {
        metadata.date = front.date;
        metadata.author = front.author;
        metadata.publisher = front.publisher;
        metadata.url = front.url;
        metadata.language = front.language;
    }

    // Date lines and a byline, in any order, each on a line of its own.
    while let Some(block) = blocks.peek() {
        // A line meant as a date that is not one is an error, not a paragraph,
        // in a block whose other lines are all header lines.
        let shown: Vec<String> = block.lines.iter().map(|l| line_text(l, form)).collect();
        let lines: Vec<Option<(BlockKind, String)>> = shown.iter().map(|l| header_line(l)).collect();
        let unreadable = shown
            .iter()
            .zip(&lines)
            .position(|(line, header)| header.is_none() && date_line(line).is_some_and(|d| d.date.is_none()));
        let others = lines.iter().filter(|h| h.is_none()).count();
        if let Some(at) = unreadable
            && others == 1
        {
            return Err(ArticleError::BadDate { line: block.line + at, found: preview(&shown[at]) });
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
        let (caption, credit) = (line_text(caption, form), line_text(credit, form));
        if !caption.is_empty() && !credit.is_empty() {
            out.push((BlockKind::Caption, caption.clone(), block.line));
            out.push((BlockKind::Credit, credit.clone(), block.line));
            metadata.caption = Some(caption);
            metadata.credit = Some(credit);
            blocks.next();
        }
    }

    // The body, up to `Original url:`.
    let rest: Vec<&RawBlock> = blocks.collect();
    let is_url_label = |b: &RawBlock| b.text().trim_end_matches(':').eq_ignore_ascii_case("original url");
    let end = rest.iter().position(|b| is_url_label(b)).unwrap_or(rest.len());
    match (&rest[..end], markdown) {
        ([first, .., last] | [first @ last], true) => {
            // One Markdown document, so that lists and quotes that span blank
            // lines are read whole; its lines are those of the file, trimmed.
            let lines: Vec<&str> = source.split('\n').collect();
            let region: Vec<&str> = lines[first.line - 1..last.line - 1 + last.lines.len()]
                .iter()
                .map(|l| l.trim_end_matches('\r').trim())
                .collect();
            let region = region.join("\n");
            for (text, at) in markdown::blocks(&region) {
                out.push((BlockKind::Body, text, first.line + region[..at].matches('\n').count()));
            }
        }
        (body, _) => out.extend(body.iter().map(|b| (BlockKind::Body, b.text(), b.line))),
    }
    // The URL on the block after `Original url:`; anything after the URL is
    // not part of the article.
    let mut blocks = rest[end..].iter();
    if let Some(block) = blocks.next() {
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
    }
    let article = Article::assemble(metadata, out)?;
    Ok(Read { article, id: None, warnings })
}

/// What front matter says of the article.
#[derive(Debug, Default)]
struct FrontMatter {
    /// The line of the opening fence.
    line: usize,
    /// The line of the closing fence.
    end: usize,
    title: Option<String>,
    date: Option<crate::article::Date>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// Front matter at the start of the file, TOML between `+++` lines or YAML
/// between `---` lines: what it says, and the source with its lines blanked
/// (so that line numbers stay those of the file).
fn front_matter(source: &str) -> Result<(Option<FrontMatter>, String), ArticleError> {
    let lines: Vec<&str> = source.split('\n').collect();
    let Some(start) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Ok((None, source.to_owned()));
    };
    let fence = lines[start].trim();
    if fence != "+++" && fence != "---" {
        return Ok((None, source.to_owned()));
    }
    let Some(end) = lines[start + 1..].iter().position(|l| l.trim() == fence).map(|e| e + start + 1) else {
        return Ok((None, source.to_owned()));
    };
    let body = lines[start + 1..end].join("\n");
    let error = |message: String| ArticleError::Form(format!("line {}: front matter: {message}", start + 1));
    let key_line = |key: &str| {
        lines[start + 1..end].iter().position(|l| l.trim_start().starts_with(key)).map_or(start + 1, |i| start + 2 + i)
    };
    let fields: Vec<(String, String)> = if fence == "+++" {
        let table: toml::Table = toml::from_str(&body).map_err(|e| error(e.message().to_owned()))?;
        table
            .into_iter()
            .filter_map(|(key, value)| {
                let text = match value {
                    toml::Value::String(s) => s,
                    toml::Value::Datetime(d) => d.to_string(),
                    toml::Value::Array(items) => {
                        items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join(" and ")
                    }
                    _ => return None,
                };
                Some((key, text))
            })
            .collect()
    } else {
        let docs = yaml_rust2::YamlLoader::load_from_str(&body).map_err(|e| error(e.to_string()))?;
        let mut fields = Vec::new();
        if let Some(yaml_rust2::Yaml::Hash(hash)) = docs.first() {
            for (key, value) in hash {
                let (Some(key), text) = (key.as_str(), value) else { continue };
                let text = match text {
                    yaml_rust2::Yaml::String(s) | yaml_rust2::Yaml::Real(s) => s.clone(),
                    yaml_rust2::Yaml::Integer(n) => n.to_string(),
                    yaml_rust2::Yaml::Array(items) => {
                        items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join(" and ")
                    }
                    _ => continue,
                };
                fields.push((key.to_owned(), text));
            }
        }
        fields
    };
    let mut front = FrontMatter { line: start + 1, end: end + 1, ..FrontMatter::default() };
    for (key, value) in fields {
        let value = collapse_spaces(&value);
        if value.is_empty() {
            continue;
        }
        match key.to_ascii_lowercase().as_str() {
            "title" | "headline" => front.title = Some(value),
            "date" | "published" | "datepublished" => {
                let date = super::dates::parse(&value)
                    .ok_or_else(|| ArticleError::BadDate { line: key_line(&key), found: preview(&value) })?;
                front.date = Some(date);
            }
            "author" | "authors" | "byline" => front.author = Some(value),
            "publisher" | "source" | "site" => front.publisher = Some(value),
            "url" | "link" | "canonical" => front.url = Some(value),
            "language" | "lang" => front.language = Some(value),
            _ => {}
        }
    }
    let blanked = blank(source, Some((front.line, front.end)));
    Ok((Some(front), blanked))
}

/// The source with lines `first..=last` (1-based) blanked, if given.
fn blank(source: &str, lines: Option<(usize, usize)>) -> String {
    let Some((first, last)) = lines else { return source.to_owned() };
    let kept: Vec<&str> =
        source.split('\n').enumerate().map(|(i, l)| if (first..=last).contains(&(i + 1)) { "" } else { l }).collect();
    kept.join("\n")
}

/// The headline: `# Title` (or a Markdown underlined title); in plain text,
/// a first block of one line.
fn title(block: &RawBlock, form: Form) -> Option<String> {
    let text = block.text();
    let heading = |title: &str| {
        let title =
            if form == Form::Markdown { markdown::render(&format!("# {title}")) } else { collapse_spaces(title) };
        (!title.is_empty()).then_some(title)
    };
    if let Some(title) = text.strip_prefix("# ").map(str::trim).filter(|t| !t.is_empty()) {
        return heading(title);
    }
    if let [title, rule] = block.lines.as_slice()
        && rule.len() >= 3
        && rule.chars().all(|c| c == '=')
    {
        return heading(title);
    }
    (form == Form::Text && block.lines.len() == 1 && !text.starts_with('#')).then_some(text)
}

/// The text of a line or a snippet: in Markdown, rendered to plain text; in
/// plain text, as written (with single spaces).
fn line_text(text: &str, form: Form) -> String {
    if form == Form::Markdown { markdown::render(text) } else { collapse_spaces(text) }
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
    fn front_matter_in_toml_and_yaml() {
        let toml = "+++\ntitle = \"Tide Tables Change\"\ndate = 2019-03-14\nauthor = \"Jane Doe\"\npublisher = \"The Coast Post\"\nurl = \"https://coastpost.example/tides\"\nlanguage = \"en-GB\"\n+++\n\nThe tide tables change on Monday.\n";
        let yaml = "---\ntitle: Tide Tables Change\ndate: 2019-03-14T08:00:00Z\nauthor: [Jane Doe, Per Aune]\n---\n# Tide Tables Change\n\nThe tide tables change on Monday.\n";
        for (source, author) in [(toml, "Jane Doe"), (yaml, "Jane Doe and Per Aune")] {
            let read = read(source, Form::Markdown).unwrap_or_else(|e| panic!("{source:?}: {e}"));
            let a = read.article;
            assert_eq!(a.title, "Tide Tables Change", "{source:?}");
            assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2019-03-14"));
            assert_eq!(a.author.as_deref(), Some(author));
            assert_eq!(a.slice(a.sentences[0].span), "The tide tables change on Monday.");
        }
        let read = read(toml, Form::Markdown).unwrap().article;
        assert_eq!((read.publisher.as_deref(), read.language.as_deref()), (Some("The Coast Post"), Some("en-GB")));
        // Errors name the line of the front matter.
        let bad_date = "---\ntitle: T\ndate: the other day\n---\nBody.\n";
        let expected = ArticleError::BadDate { line: 3, found: "the other day".into() };
        assert_eq!(read_err(bad_date), expected);
        assert!(
            matches!(read_err("+++\ntitle = \n+++\nBody."), ArticleError::Form(m) if m.starts_with("line 1: front matter"))
        );
    }

    fn read_err(source: &str) -> ArticleError {
        read(source, Form::Markdown).unwrap_err()
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
    fn markdown_markup_is_rendered_and_offsets_count_code_points_of_the_rendered_text() {
        let source = "# The *Harbour* Board\n\n\
By **Åsa Lind**\n\
Published: 2016-10-12\n\n\
The [board](https://example.org/board) met in Tromsø on _Monday_.\n\n\
- first item, and\n\n\
- second item\n\n\
> \"We will build,\" Lind said.\n\
>\n\
> \"Soon.\"\n\n\
![A quay at dawn](quay.jpg)\n\n\
## What comes next\n\n\
Fish &amp; chips cost &#36;5 &#42;each&#42;.\n\n\
Someone typed <script>alert(\"hi\")</script> on the *stage* screen.\n";
        let read = read(source, Form::Markdown).unwrap_or_else(|e| panic!("{e}"));
        let a = &read.article;
        assert_eq!(a.title, "The Harbour Board");
        assert_eq!(a.author.as_deref(), Some("Åsa Lind"));
        let body: Vec<(String, usize)> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Body)
            .map(|b| (a.slice(b.span).to_owned(), b.line))
            .collect();
        let expected = [
            ("The board met in Tromsø on Monday.", 6),
            ("first item, and", 8),
            ("second item", 10),
            ("\"We will build,\" Lind said.", 12),
            ("\"Soon.\"", 14),
            // An image keeps its alternative text.
            ("A quay at dawn", 16),
            ("What comes next", 18),
            // Entities stand for characters, not markup: `&#42;` stays `*`.
            ("Fish & chips cost $5 *each*.", 20),
            // Raw HTML is the article's text, as written.
            ("Someone typed <script>alert(\"hi\")</script> on the stage screen.", 22),
        ];
        let expected: Vec<(String, usize)> = expected.iter().map(|(t, l)| ((*t).to_owned(), *l)).collect();
        assert_eq!(body, expected);
        // Offsets are code points of the rendered text: the sentence after
        // "Tromsø" (one code point, two bytes) starts where the text says.
        let sentence = a.sentences.iter().find(|s| a.slice(s.span).starts_with("The board")).expect("sentence");
        let begin = a.text.find("The board").map(|at| a.text[..at].chars().count());
        assert_eq!(Some(sentence.span.begin), begin);
        let chars: Vec<char> = a.text.chars().collect();
        let spanned: String = chars[sentence.span.begin..sentence.span.end].iter().collect();
        assert_eq!(spanned, "The board met in Tromsø on Monday.");
        // Every sentence's span points at its characters, raw HTML included.
        let last = a.sentences.last().expect("sentences");
        let spanned: String = chars[last.span.begin..last.span.end].iter().collect();
        assert_eq!(spanned, "Someone typed <script>alert(\"hi\")</script> on the stage screen.");
        assert_eq!(a.slice(last.span), spanned);
        let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "line 20, column 6: decoded HTML entity &amp;",
                "line 20, column 23: decoded HTML entity &#36;",
                "line 20, column 30: decoded HTML entity &#42; (2 times on this line)"
            ]
        );
    }

    #[test]
    fn plain_text_keeps_what_looks_like_markup() {
        let source = "A plain title\n\n2016-10-12\n\nPrices rose *sharply* in [some] shops.\n";
        let (_, _, _, body) = head(source, Form::Text);
        assert_eq!(body, ["Prices rose *sharply* in [some] shops."]);
    }

    /// An entity in front matter is decoded as text: escaped for Markdown
    /// (`\&`) it was an invalid TOML escape.
    #[test]
    fn entities_in_front_matter_are_read_as_text() {
        let source =
            "+++\ntitle = \"Salt &amp; Sea\"\nauthor = \"Tom &amp; Ann\"\n+++\n\nA report on *salt* &amp; sea.\n";
        let read = read(source, Form::Markdown).unwrap_or_else(|e| panic!("{e}"));
        let a = read.article;
        assert_eq!((a.title.as_str(), a.author.as_deref()), ("Salt & Sea", Some("Tom & Ann")));
        assert_eq!(a.slice(a.sentences[0].span), "A report on salt & sea.");
        assert_eq!(a.blocks.iter().find(|b| b.kind == BlockKind::Body).map(|b| b.line), Some(6));
    }

    #[test]
    fn debris_is_cleaned_and_reported() {
        let read = read("# T\n\nJune 29, 2011\n\nA stray\u{83} byte.", Form::Markdown).unwrap();
        assert_eq!(read.article.slice(read.article.sentences[0].span), "A stray byte.");
        assert_eq!(read.warnings.len(), 1);
        assert_eq!(read.warnings[0].to_string(), "line 5, column 8: removed control character U+0083");
    }
}
