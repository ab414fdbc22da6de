//! Markdown markup rendered to the plain text of the article.
//!
//! It takes the Markdown of an article (its body, or one header line) and
//! hands on plain text blocks with the byte offset where each starts in what
//! it was given, so that the text reader keeps line numbers and the article
//! keeps code-point offsets over plain text. A maintained CommonMark parser,
//! `pulldown-cmark`, reads the markup:
//!
//! - paragraphs, headings below the title, list items (without their markers)
//!   and the paragraphs of block quotes (without `>`) are each a block;
//! - links keep their text (not their URL), emphasis and inline code their
//!   words; images and their alternative text are left out (they are not the
//!   article's words), and so are thematic breaks, link reference
//!   definitions and inline HTML tags (a `<br>` is a space);
//! - an HTML block keeps the text of its elements (read by html5ever, through
//!   dom_query), without scripts, styles or comments;
//! - code blocks keep their text as it is.
//!
//! Lines are given without their leading spaces (as the text reader always
//! read them), so an indented line is never a code block and nested lists are
//! read as flat ones.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The plain-text blocks of Markdown `text`, each with the byte offset in
/// `text` where it starts; spaces collapsed, empty blocks left out.
pub fn blocks(text: &str) -> Vec<(String, usize)> {
    let mut walker = Walker::default();
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

#[derive(Default)]
struct Walker {
    blocks: Vec<(String, usize)>,
    /// The block being read: its text and where it starts.
    current: Option<(String, usize)>,
    /// Inside how many images (whose text is left out).
    images: usize,
    /// The raw HTML of the HTML block being read, if one is.
    html: Option<(String, usize)>,
}

impl Walker {
    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Item)
            | Event::Start(Tag::List(_) | Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_),
            )
            | Event::Rule => self.flush(),
            Event::Start(Tag::HtmlBlock) => {
                self.flush();
                self.html = Some((String::new(), at));
            }
            Event::End(TagEnd::HtmlBlock) => self.flush_html(),
            Event::Html(html) => match &mut self.html {
                Some((buffer, _)) => buffer.push_str(&html),
                None => self.flush(),
            },
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Text(text) | Event::Code(text) if self.images == 0 => self.push(&text, at),
            Event::SoftBreak | Event::HardBreak => self.push(" ", at),
            Event::InlineHtml(tag) if is_line_break(&tag) => self.push(" ", at),
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

    /// The text of an HTML block's elements, as a browser shows it.
    fn flush_html(&mut self) {
        let Some((html, at)) = self.html.take() else { return };
        let fragment = dom_query::Document::fragment(html.as_str());
        fragment.select("script, style, template, noscript").remove();
        let text = collapse(&fragment.root().text());
        if !text.is_empty() {
            self.blocks.push((text, at));
        }
    }
}

fn is_line_break(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    name.eq_ignore_ascii_case("br")
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
            ("Before ![a gull on a post](gull.jpg) after.", &["Before after."]),
            ("![A photo alone](photo.jpg)", &[]),
            ("- first item\n- second *item*\n\n1. one\n2. two", &["first item", "second item", "one", "two"]),
            ("> \"We are ready,\" she said.\n> Then left.", &["\"We are ready,\" she said. Then left."]),
            ("## A subheading\n\nA paragraph.", &["A subheading", "A paragraph."]),
            ("One\n\n---\n\nTwo", &["One", "Two"]),
            ("Line one<br>line two<br/>three <b>bold</b>.", &["Line one line two three bold."]),
            ("<div class=\"box\">\n<p>Inside a <em>box</em>.</p>\n<!-- no -->\n</div>", &["Inside a box."]),
            ("<script>var x = 1;</script>\n\nAfter.", &["After."]),
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
