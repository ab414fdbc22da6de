//! The article's picture: its graph in DOT (the `dot` export), laid out by
//! Graphviz as SVG and put inline in the page.
//!
//! Graphviz is found once, at start, by running `dot -V`. When it is not
//! installed, the page says so (and links the DOT text) instead of hiding
//! the picture. Pictures are kept in a small cache, so that a popular
//! article is drawn once. Graphviz writes labels as escaped XML text; an SVG
//! that holds a script or an event handler all the same is not put inline.

use std::collections::{BTreeMap, VecDeque};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use maud::{Markup, PreEscaped, html};
use oxigraph::model::NamedNode;

use super::href;
use crate::serve::read::Reader;

/// Pictures kept.
const CACHE_SIZE: usize = 256;
/// Longest time Graphviz may take for one picture.
const DOT_TIMEOUT: Duration = Duration::from_secs(10);

/// Pictures drawn (or why not), with the order they were drawn in.
#[derive(Default)]
struct Cache {
    drawn: BTreeMap<NamedNode, Result<String, String>>,
    order: VecDeque<NamedNode>,
}

/// Draws articles with Graphviz, when it is installed.
pub struct Picture {
    /// `dot -V`'s answer, when `dot` runs.
    version: Option<String>,
    cache: Mutex<Cache>,
}

impl Picture {
    /// Looks for Graphviz's `dot` on the `PATH`.
    pub fn detect() -> Self {
        let version = Command::new("dot")
            .arg("-V")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_owned());
        Self { version, cache: Mutex::new(Cache::default()) }
    }

    /// No Graphviz: pictures are not drawn (a worker process draws none).
    pub fn disabled() -> Self {
        Self { version: None, cache: Mutex::new(Cache::default()) }
    }

    /// Whether Graphviz was found.
    pub fn available(&self) -> bool {
        self.version.is_some()
    }

    /// The picture of an article, or why there is none.
    pub fn svg(&self, reader: &Reader<'_>, article: &NamedNode, base: &str) -> Markup {
        let dot_link = format!("{}?format=dot", href(base, article.as_str()));
        if !self.available() {
            return html! {
                p.missing {
                    "Graphviz (the program " code { "dot" } ") is not installed on this server, so the picture is not drawn. "
                    "Install the Debian package " code { "graphviz" } " and restart the server to see it; the "
                    a href=(dot_link) { "DOT text" } " is here."
                }
            };
        }
        let cached = self.cache.lock().unwrap_or_else(PoisonError::into_inner).drawn.get(article).cloned();
        let result = match cached {
            Some(result) => result,
            None => {
                let result = self.draw(reader, article);
                let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
                if cache.drawn.insert(article.clone(), result.clone()).is_none() {
                    cache.order.push_back(article.clone());
                }
                while cache.order.len() > CACHE_SIZE {
                    if let Some(old) = cache.order.pop_front() {
                        cache.drawn.remove(&old);
                    }
                }
                result
            }
        };
        match result {
            Ok(svg) => html! {
                figure.graph {
                    (PreEscaped(svg))
                    figcaption { "Drawn by " (self.version.as_deref().unwrap_or("Graphviz")) " from the " a href=(dot_link) { "DOT export" } "." }
                }
            },
            Err(reason) => {
                html! { p.missing { "The picture could not be drawn: " (reason) " (" a href=(dot_link) { "DOT text" } ")." } }
            }
        }
    }

    fn draw(&self, reader: &Reader<'_>, article: &NamedNode) -> Result<String, String> {
        let quads = reader.picture_quads(article).map_err(|e| e.to_string())?;
        let mut dot = Vec::new();
        crate::export::dot::write(&crate::map::sorted(quads), &mut dot).map_err(|e| e.to_string())?;
        let svg = run_dot(&dot)?;
        inline_svg(&svg).ok_or_else(|| "Graphviz's SVG was not put inline (it holds active content)".to_owned())
    }
}

/// Runs `dot -Tsvg` on the text, within [`DOT_TIMEOUT`].
fn run_dot(dot: &[u8]) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run dot: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for dot")?;
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let mut stdout = child.stdout.take().ok_or("no stdout for dot")?;
    let reader = std::thread::spawn(move || {
        let mut svg = String::new();
        stdout.read_to_string(&mut svg).map(|_| svg)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > DOT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("dot took longer than {} s", DOT_TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let _ = writer.join();
    let svg = reader.join().map_err(|_| "reading dot's output failed")?.map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("dot failed ({status})"));
    }
    Ok(svg)
}

/// The `<svg>` element of Graphviz's output (without the XML prolog and
/// doctype), or `None` when it holds active content: a `script` or
/// `foreignObject` element, an event-handler attribute (`on…`) or a
/// `javascript:` value. Graphviz never writes these for newskg's pictures;
/// text, where labels go, is inert whatever it says.
pub fn inline_svg(svg: &str) -> Option<String> {
    let start = svg.find("<svg")?;
    let end = svg.rfind("</svg>")? + "</svg>".len();
    let element = &svg[start..end];
    (!has_active_content(element)).then(|| element.to_owned())
}

/// Reads the tags of XML text (text and comments between them are skipped)
/// and looks at their names, attribute names and attribute values.
fn has_active_content(xml: &str) -> bool {
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        // The tag runs to the first `>` outside quotes.
        let (mut quote, mut end) = (None, rest.len());
        for (i, c) in rest.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &rest[..end];
        rest = &rest[end.min(rest.len())..];
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
        let name = name.to_ascii_lowercase();
        if name == "script" || name == "foreignobject" || name.ends_with(":script") {
            return true;
        }
        // Attributes: NAME="VALUE" pairs after the name.
        let mut attributes = &tag[tag.find(char::is_whitespace).unwrap_or(tag.len())..];
        while let Some(eq) = attributes.find('=') {
            let attribute = attributes[..eq].trim().to_ascii_lowercase();
            let after = attributes[eq + 1..].trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], &body[(close + 1).min(body.len())..])
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            if attribute.starts_with("on") || value.to_ascii_lowercase().contains("javascript:") {
                return true;
            }
            attributes = next;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::inline_svg;

    #[test]
    fn only_inert_svg_goes_inline() {
        let table: &[(&str, bool)] = &[
            ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"1\"><text>&lt;script&gt;</text></svg>\n", true),
            ("<svg><script>alert(1)</script></svg>", false),
            ("<svg><g onload=\"x()\"></g></svg>", false),
            ("<svg><a xlink:href=\"javascript:x()\"/></svg>", false),
            ("<svg><foreignObject/></svg>", false),
            ("<svg><text>\"&gt;&lt;img onerror=alert(1)&gt; onload=x</text></svg>", true),
            ("<svg><g id=\"a>b\" ONCLICK='x'></g></svg>", false),
            ("<svg><!-- <script> --><g/></svg>", true),
            ("<svg><a href=\" java\tscript:x\"/></svg>", false),
            ("no picture", false),
        ];
        for (svg, inline) in table {
            assert_eq!(inline_svg(svg).is_some(), *inline, "{svg}");
        }
        assert_eq!(inline_svg("<?xml?><svg a=\"1\"></svg>\n").as_deref(), Some("<svg a=\"1\"></svg>"));
    }
}
