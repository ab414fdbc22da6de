//! The HTML reader: a saved news page.
//!
//! It takes the page as saved by a browser or a crawler and hands on an
//! [`Article`]: the headline, date, author, publisher and language from the
//! page's schema.org JSON-LD (`NewsArticle`), its OpenGraph and `article:*`
//! meta and `<time datetime>`, and the body from the page's main content
//! block. Navigation, other stories' headlines, related links, ads, share
//! bars and footers stay out, so a quotation in a sidebar is not in the
//! article.
//!
//! Two maintained crates do the work, both over html5ever: `dom_smoothie`, a
//! port of Mozilla's Readability (the reader view of Firefox), finds the main
//! content and reads the metadata; `dom_query` walks the DOM (the page for
//! `<time>` and `lang`, the content for its paragraphs). `scraper` would have
//! been a second DOM over the same parser for what `dom_query` already does.
//! No regular expression touches the markup.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::{Read, clean, dates};
use crate::article::{Article, ArticleError, BlockKind, MAX_ARTICLE_BYTES, Metadata};

/// Elements whose text is one block of the article.
const BLOCKS: &[&str] = &["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "dd", "dt"];
/// Elements whose text is never the article's.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "button", "form", "nav", "aside", "footer"];

/// What is never the article on a news page, removed before Readability
/// looks for the main content: navigation, sidebars, other stories'
/// headlines, related links, ads, share bars, newsletters, footers.
const BOILERPLATE: &str = "nav, aside, footer, form, iframe, [role=navigation], [role=complementary], \
    [role=contentinfo], [class~=ad], [class^=ad-], [class*=' ad-'], [class*=advert], [id*=advert], [class*=sponsor], \
    [class*=share], [class*=social], [class*=related], [class*=newsletter], [class*=promo], [class*=most-read], \
    [class*=popular], [class*=sidebar], [class*=breaking], [class*=ticker], [class*=subscribe], [class*=comments]";

/// Reads a saved news page.
pub fn read(source: &str) -> Result<Read, ArticleError> {
    if source.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge { size: source.len(), limit: MAX_ARTICLE_BYTES });
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (source, warnings) = clean::clean_markup(source)?;
    let document = Document::from(source.as_str());
    let time = document.select("article time[datetime], time[datetime]").iter().find_map(|t| t.attr("datetime"));
    let time = time.map(|t| t.to_string());
    let page_language = document.select("html").attr("lang").map(|l| l.to_string());
    document.select(BOILERPLATE).remove();

    let mut readability = Readability::with_document(document, None, Some(Config::default()))
        .map_err(|e| ArticleError::Form(format!("cannot read the page: {e}")))?;
    let parsed = readability.parse().map_err(|_| no_body())?;

    let content = Document::from(parsed.content.as_ref());
    let mut found = Vec::new();
    for root in content.select("body").nodes() {
        walk(root, &mut found);
    }
    let title = headline(&parsed.title, parsed.site_name.as_deref());
    if title.is_empty() {
        return Err(ArticleError::Form(
            "the page has no headline (no JSON-LD headline, og:title, <h1> or <title>)".into(),
        ));
    }
    let mut blocks = vec![(BlockKind::Title, title.clone(), 1)];
    let mut metadata = Metadata { title: title.clone(), ..Metadata::default() };
    let mut paragraphs = 0;
    for (name, text) in found {
        if text == title {
            continue;
        }
        if name == "figcaption" {
            if metadata.caption.is_none() && paragraphs == 0 {
                metadata.caption = Some(text.clone());
                blocks.push((BlockKind::Caption, text, 1));
            }
            continue;
        }
        paragraphs += usize::from(name == "p" || name == "blockquote");
        blocks.push((BlockKind::Body, text, 1));
    }
    if paragraphs == 0 {
        return Err(no_body());
    }

    // The date: the page's metadata (JSON-LD, article:published_time), else <time>.
    let written: Vec<String> = parsed.published_time.iter().map(|t| t.to_string()).chain(time).collect();
    metadata.date = written.iter().find_map(|w| dates::parse(w));
    if metadata.date.is_none()
        && let Some(first) = written.first()
    {
        return Err(ArticleError::Form(format!(
            "cannot read the page's publication date {first:?} (from its metadata or <time datetime>)"
        )));
    }
    metadata.author = parsed.byline.as_deref().map(byline).filter(|a| !a.is_empty());
    metadata.publisher = parsed.site_name.as_deref().map(collapse).filter(|p| !p.is_empty());
    metadata.language = parsed.lang.map(|l| l.to_string()).or(page_language).filter(|l| !l.trim().is_empty());
    metadata.url = parsed.url.filter(|u| u.starts_with("http"));
    Ok(Read { article: Article::assemble(metadata, blocks)?, id: None, warnings })
}

fn no_body() -> ArticleError {
    ArticleError::Form(
        "no article body found in the page (no main content block with paragraphs: an index, a gallery or an error page?)"
            .into(),
    )
}

/// The text blocks under `node`, in document order, with their element names.
fn walk(node: &NodeRef<'_>, out: &mut Vec<(String, String)>) {
    for child in node.children() {
        if child.is_text() {
            let text = collapse(&clean_text(&child.text()));
            if !text.is_empty() {
                out.push(("p".to_owned(), text));
            }
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if SKIPPED.contains(&name.as_str()) {
            continue;
        }
        let has_blocks = child.descendants().iter().any(|d| {
            d.is_element() && d.node_name().is_some_and(|n| BLOCKS.contains(&n.to_ascii_lowercase().as_str()))
        });
        if BLOCKS.contains(&name.as_str()) && !has_blocks {
            let text = collapse(&clean_text(&child.text()));
            if !text.is_empty() {
                out.push((name, text));
            }
        } else {
            walk(&child, out);
        }
    }
}

/// Removes what the page's text may hold that is not text (zero-width
/// characters, soft hyphens), silently: the page's own debris is reported
/// by line when the page is read.
fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' | '\u{feff}'))
        .collect()
}

/// The headline, without the site's name that page titles end with
/// ("Pier reopens | Bay News").
fn headline(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    if let Some(site) = site.map(collapse).filter(|s| !s.is_empty()) {
        for separator in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "] {
            if let Some(head) = title.strip_suffix(&format!("{separator}{site}")).filter(|h| !h.trim().is_empty()) {
                return head.trim().to_owned();
            }
        }
    }
    title
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An author's name from a byline: without `By`, and without a role after a comma.
fn byline(text: &str) -> String {
    let text = collapse(text);
    let text = text.strip_prefix("By ").or_else(|| text.strip_prefix("by ")).unwrap_or(&text);
    text.split(',').next().unwrap_or_default().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        let table = [
            ("By Marta Lindqvist, Transport correspondent", "Marta Lindqvist"),
            ("Marta Lindqvist", "Marta Lindqvist"),
            ("  by  Per  Aune ", "Per Aune"),
        ];
        for (text, name) in table {
            assert_eq!(byline(text), name);
        }
    }

    #[test]
    fn a_page_with_an_article_in_it() {
        let page = "<html lang=\"en\"><head><title>Pier reopens | Bay News</title>\
            <meta property=\"og:site_name\" content=\"Bay News\">\
            <meta property=\"article:published_time\" content=\"2020-05-04T10:00:00Z\"></head>\
            <body><nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav>\
            <article><h1>Pier reopens</h1>\
            <p>The old pier reopened on Monday after two years of repairs, the council said in a statement.</p>\
            <p>\u{201c}It is good to walk out to sea again,\u{201d} said Rosa Leclerc, who has fished from the pier for forty years.</p>\
            </article><footer>\u{a9} Bay News</footer></body></html>";
        let read = read(page).unwrap();
        let a = read.article;
        assert_eq!(a.title, "Pier reopens");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2020-05-04"));
        assert_eq!(a.publisher.as_deref(), Some("Bay News"));
        let body: Vec<&str> = a.blocks.iter().filter(|b| b.kind == BlockKind::Body).map(|b| a.slice(b.span)).collect();
        assert_eq!(body.len(), 2, "{body:?}");
        assert!(body[0].starts_with("The old pier reopened"));
        assert!(!a.text.contains("Sport") && !a.text.contains("Bay News"), "{}", a.text);
    }
}
