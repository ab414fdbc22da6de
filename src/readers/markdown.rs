//! Markdown markup rendered to the plain text of the article.
//!
//! It takes the Markdown of an article (its body, or one header line) and
//! hands on plain text blocks with the byte offset where each starts in what
//! it was given, so that the text reader keeps line numbers and the article
//! keeps code-point offsets over plain text. A maintained CommonMark parser,
//! `pulldown-cmark`, reads the markup:
//!
//! - paragraphs, headings below the title (without their `#`), list items
//!   and the paragraphs of block quotes (without `>`) are each a block; a
//!   bullet item loses its marker, a numbered item keeps its number as
//!   written (`1984. The plant opened` is a paragraph opening with a year as
//!   much as it is a list item, and the number is the article's text);
//! - links keep their text (not their URL), emphasis and inline code their
//!   words, images their alternative text; thematic breaks and link
//!   reference definitions are left out;
//! - raw HTML, inline or a block, is kept as the literal text it is: an
//!   article that writes `<script>` says those characters, and a curated
//!   annotation quoting them must still find them;
//! - code blocks keep their text as it is.
//!
//! Lines are given without their leading spaces (as the text reader always
//! read them), so an indented line is never a code block and nested lists are
//! read as flat ones.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The plain-text blocks of Markdown `text`, each with the byte offset in
/// `text` where it starts; spaces collapsed, empty blocks left out.
pub fn blocks(text: &str) -> Vec<(String, usize)> {
    let mut walker = Walker { source: text, blocks: Vec::new(), current: None, ordered: Vec::new() };
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        walker.event(event, range.start);
    }
    walker.flush();
    walker.blocks
}

/// The plain text of a Markdown snippet (a heading, a caption, a header
/// line): its blocks joined by single spaces.
pub fn render(text: &str) -> String {
    blocks(text).into_iter().map(|(text, _)| text).collect::<Vec<_>>().join(" ")
}

struct Walker<'a> {
    /// The Markdown read, for the numbers of numbered list items.
    source: &'a str,
    blocks: Vec<(String, usize)>,
    /// The block being read: its text and where it starts.
    current: Option<(String, usize)>,
    /// Whether each list the walker is in is numbered, innermost last.
    ordered: Vec<bool>,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(Tag::List(first)) => {
                self.flush();
                self.ordered.push(first.is_some());
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.ordered.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                if self.ordered.last() == Some(&true) {
                    // The item starts at its marker: digits and `.` or `)`.
                    let marker = self.source[at..].split_whitespace().next().unwrap_or_default();
                    self.push(marker, at);
                    self.push(" ", at);
                }
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_))
            | Event::Start(Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item | TagEnd::BlockQuote(_),
            )
            | Event::Start(Tag::HtmlBlock)
            | Event::End(TagEnd::HtmlBlock)
            | Event::Rule => self.flush(),
            // An image's alternative text comes as its Text events.
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.push(&text, at);
            }
            Event::SoftBreak | Event::HardBreak => self.push(" ", at),
            _ => {}
        }
    }

    fn push(&mut self, text: &str, at: usize) {
        self.current.get_or_insert_with(|| (String::new(), at)).0.push_str(text);
    }

    fn flush(&mut self) {
        if let Some((text, at)) = self.current.take() {
            let text = collapse(&text);
            if !text.is_empty() {
                self.blocks.push((text, at));
            }
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_rendered_to_its_text() {
        // (markdown, blocks)
        let table: &[(&str, &[&str])] = &[
            ("Plain text, \"quoted\" and 'single'.", &["Plain text, \"quoted\" and 'single'."]),
            (
                "The [harbour board](https://example.org/board \"Board\") met *today* and **voted** _twice_.",
                &["The harbour board met today and voted twice."],
            ),
            ("Run `make test` first.", &["Run make test first."]),
            ("Before ![a gull on a *post*](gull.jpg) after.", &["Before a gull on a post after."]),
            ("![A photo alone](photo.jpg)", &["A photo alone"]),
            ("![](empty-alt.jpg)", &[]),
            ("- first item\n- second *item*\n\n1. one\n2. two", &["first item", "second item", "1. one", "2. two"]),
            // A paragraph opening with a year is read as a numbered item:
            // the year stays.
            ("1984. The plant *opened*.", &["1984. The plant opened."]),
            ("3) Third, the harbour.", &["3) Third, the harbour."]),
            ("> \"We are ready,\" she said.\n> Then left.", &["\"We are ready,\" she said. Then left."]),
            ("## A subheading\n\nA paragraph.", &["A subheading", "A paragraph."]),
            ("One\n\n---\n\nTwo", &["One", "Two"]),
            ("Line one<br>line two <b>bold</b>.", &["Line one<br>line two <b>bold</b>."]),
            (
                "<div class=\"box\">\n<p>Inside a <em>box</em>.</p>\n</div>",
                &["<div class=\"box\"> <p>Inside a <em>box</em>.</p> </div>"],
            ),
            ("<script>alert(\"x\")</script>\n\nAfter.", &["<script>alert(\"x\")</script>", "After."]),
            ("Typed <script>alert(\"q\")</script> *in* it.", &["Typed <script>alert(\"q\")</script> in it."]),
            ("A <!-- note --> and <?php x ?>.", &["A <!-- note --> and <?php x ?>."]),
            ("### A *third* level", &["A third level"]),
            ("```\nlet x = *y*;\n```", &["let x = *y*;"]),
            ("An escaped \\*star\\* and a path C:\\talks\\v2.", &["An escaped *star* and a path C:\\talks\\v2."]),
            ("[1]: https://example.org\n\nText [1].", &["Text 1."]),
            ("See <https://example.org/a>.", &["See https://example.org/a."]),
            ("Soft\nbreak and hard  \nbreak.", &["Soft break and hard break."]),
        ];
        for (markdown, expected) in table {
            let got: Vec<String> = blocks(markdown).into_iter().map(|(t, _)| t).collect();
            assert_eq!(got, *expected, "{markdown:?}");
        }
    }

    #[test]
    fn blocks_know_where_they_start() {
        let text = "First.\n\n- an item\n\n> quoted\n";
        let starts: Vec<usize> = blocks(text).into_iter().map(|(_, at)| at).collect();
        assert_eq!(starts, [0, 10, 21]);
        assert_eq!(render("# A *headline*"), "A headline");
    }
}
