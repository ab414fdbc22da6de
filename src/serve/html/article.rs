//! The article page: the text with every span marked at its code-point
//! offsets, and beside it the quotations, claims and events.
//!
//! The text is cut on the server at every span boundary. Each piece is
//! wrapped in one element per span that covers it, outermost first; each
//! span has a lane (the first free one when spans are taken by start, the
//! longer first), and its underline is drawn at its lane's depth, so that
//! overlapping spans show as stacked underlines in their kind's colour. The
//! innermost element of a piece is a link to the fact (or entity) of the
//! innermost span; a quotation starts with its speaker, linked to the
//! speaker's page.

use std::collections::BTreeSet;

use hyper::StatusCode;
use maud::{Markup, PreEscaped, html};

use super::{href, layout, link, links, maybe_link, span_href};
use crate::serve::message::Response;
use crate::serve::read::{ArticleView, Span, SpanKind};
use crate::serve::routes::App;

/// Most lanes drawn; spans deeper than this share the last.
const MAX_LANES: usize = 8;

/// A piece of the text between two consecutive span boundaries, with the
/// spans covering it (indices into the spans, outermost first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// First code point.
    pub begin: usize,
    /// Code point after the last.
    pub end: usize,
    /// The covering spans, by lane.
    pub covering: Vec<usize>,
}

/// Lanes for spans: spans taken by start (longer first at the same start),
/// each in the first lane whose last span has ended.
pub fn lanes(spans: &[Span]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[a].begin.cmp(&spans[b].begin).then(spans[b].end.cmp(&spans[a].end)).then(a.cmp(&b)));
    let mut lane_ends: Vec<usize> = Vec::new();
    let mut lanes = vec![0; spans.len()];
    for i in order {
        let span = &spans[i];
        let lane = match lane_ends.iter().position(|&end| end <= span.begin) {
            Some(lane) => lane,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = span.end;
        lanes[i] = lane;
    }
    lanes
}

/// Cuts `[0, length)` at every span boundary; pieces without a span are
/// included, so that the pieces put together are the whole text.
pub fn pieces(length: usize, spans: &[Span], lanes: &[usize]) -> Vec<Piece> {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, length]);
    for span in spans {
        cuts.insert(span.begin.min(length));
        cuts.insert(span.end.min(length));
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    cuts.windows(2)
        .map(|w| {
            let (begin, end) = (w[0], w[1]);
            let mut covering: Vec<usize> =
                (0..spans.len()).filter(|&i| spans[i].begin <= begin && spans[i].end >= end).collect();
            covering.sort_by_key(|&i| (lanes[i], i));
            Piece { begin, end, covering }
        })
        .collect()
}

/// The article's text with its spans marked.
pub fn marked_text(base: &str, view: &ArticleView) -> Markup {
    let chars: Vec<char> = view.text.chars().collect();
    let spans: Vec<&Span> = view.spans.iter().filter(|s| s.begin < s.end && s.end <= chars.len()).collect();
    let owned: Vec<Span> = spans.iter().map(|s| (*s).clone()).collect();
    let lanes = lanes(&owned);
    let pieces = pieces(chars.len(), &owned, &lanes);
    let mut anchors: BTreeSet<String> = BTreeSet::new();
    let mut started: BTreeSet<usize> = BTreeSet::new();
    let mut out = String::new();
    for piece in &pieces {
        let words: String = chars[piece.begin..piece.end].iter().collect();
        let mut opening = String::new();
        // A quotation's speaker, before its first piece.
        for &i in &piece.covering {
            let span = &owned[i];
            if started.insert(i)
                && span.kind == SpanKind::Quotation
                && let Some(speaker) = &span.speaker
            {
                opening.push_str(
                    &html! {
                        a.speaker href=(href(base, speaker.iri.as_str())) title={ "quotation spoken by " (speaker.label) } {
                            (speaker.label)
                        }
                    }
                    .into_string(),
                );
            }
        }
        let mut markup = html! { (words) }.into_string();
        if let Some(&innermost) = piece.covering.last() {
            let span = &owned[innermost];
            let target = match span.kind {
                SpanKind::Mention => href(base, span.target.iri.as_str()),
                _ => format!("#{}", fact_anchor(span)),
            };
            let title: Vec<String> = piece.covering.iter().map(|&i| describe(&owned[i])).collect();
            markup = html! { a.fact href=(target) title=(title.join("; ")) { (PreEscaped(markup)) } }.into_string();
        }
        for &i in piece.covering.iter().rev() {
            let span = &owned[i];
            let id = format!("char={},{}", span.begin, span.end);
            let id = (span.begin == piece.begin && anchors.insert(id.clone())).then_some(id);
            markup = html! {
                span class={ "u l" (lanes[i].min(MAX_LANES - 1)) " k-" (span.kind.name()) }
                    id=[id] data-begin=(span.begin) data-end=(span.end) data-kind=(span.kind.name()) {
                    (PreEscaped(markup))
                }
            }
            .into_string();
        }
        out.push_str(&opening);
        out.push_str(&markup);
    }
    html! { div.text lang="en" { (PreEscaped(out)) } }
}

/// The anchor of a fact in the side lists.
fn fact_anchor(span: &Span) -> String {
    format!("fact-{}", span.target.iri.as_str().rsplit('/').take(2).collect::<Vec<_>>().join("-"))
}

fn describe(span: &Span) -> String {
    match (span.kind, &span.speaker) {
        (SpanKind::Quotation, Some(speaker)) => format!("quotation spoken by {}", speaker.label),
        (kind, _) => format!("{}: {}", kind.name(), span.target.label),
    }
}

/// The article page.
pub fn page(app: &App, view: &ArticleView) -> Response {
    let base = app.options.base.as_str();
    let counts = |kind: SpanKind| view.spans.iter().filter(|s| s.kind == kind).count();
    let picture = app.picture.svg(&app.reader(), &view.iri, base);
    let anchor = |iri: &oxigraph::model::NamedNode| {
        format!("fact-{}", iri.as_str().rsplit('/').take(2).collect::<Vec<_>>().join("-"))
    };
    let body = html! {
        article.article {
            h1 { (view.title) }
            p.meta {
                @if let Some(date) = &view.date { time datetime=(date) { (date) } }
                @if let Some(publisher) = &view.publisher { " · " (link(base, publisher)) }
                @if let Some(url) = &view.url { " · " a href=(url) rel="noreferrer" { "original" } }
                " · " a href={ (href(base, view.iri.as_str())) "?format=turtle" } { "Turtle" }
            }
            div.columns {
                section.reading {
                    ul.legend aria-label="legend" {
                        @for kind in SpanKind::ALL {
                            li { span class={ "swatch k-" (kind.name()) } {} (kind.name()) " (" (counts(kind)) ")" }
                        }
                    }
                    (marked_text(base, view))
                }
                aside.facts {
                    h2 { "Quotations (" (view.quotations.len()) ")" }
                    ol.quotations {
                        @for q in &view.quotations {
                            li id=(anchor(&q.iri)) {
                                blockquote { "“" (q.text) "”" }
                                p.by {
                                    "— " (maybe_link(base, q.speaker.as_ref()))
                                    @if let Some(addressee) = &q.addressee { ", to " (link(base, addressee)) }
                                    @if let Some(manner) = &q.manner { ", " (manner) }
                                    @if let Some((b, e)) = q.span { " · " a href=(span_href(base, &view.iri, b, e)) { "in the text" } }
                                    " · " a href=(href(base, q.iri.as_str())) { "fact" }
                                }
                            }
                        }
                    }
                    h2 { "Claims (" (view.claims.len()) ")" }
                    ol.claims {
                        @for c in &view.claims {
                            li id=(anchor(&c.iri)) {
                                p { (c.text) }
                                p.by {
                                    "asserted by " (maybe_link(base, c.source.as_ref()))
                                    @if let Some(cited) = &c.cited { ", citing " (link(base, cited)) }
                                    " · " span.certainty { (c.certainty.as_deref().unwrap_or("—")) }
                                    @if c.polarity.as_deref() == Some("negative") { ", denied" }
                                    @if let Some((b, e)) = c.span { " · " a href=(span_href(base, &view.iri, b, e)) { "in the text" } }
                                    " · " a href=(href(base, c.iri.as_str())) { "fact" }
                                }
                            }
                        }
                    }
                    h2 { "Events (" (view.events.len()) ")" }
                    ol.events {
                        @for e in &view.events {
                            li id=(anchor(&e.iri)) {
                                p { a href=(href(base, e.iri.as_str())) { (e.name) } @if let Some(status) = &e.status { " " span.status { (status) } } }
                                p.by {
                                    @if !e.participants.is_empty() { (links(base, &e.participants)) }
                                    @if let Some(place) = &e.place { " · in " (link(base, place)) }
                                    @if !e.times.is_empty() { " · " (e.times.join(" or ")) }
                                    @if let Some((b, e2)) = e.span { " · " a href=(span_href(base, &view.iri, b, e2)) { "in the text" } }
                                }
                            }
                        }
                    }
                }
            }
            section.picture {
                h2 { "Picture of the article's graph" }
                (picture)
            }
        }
    };
    Response::html(StatusCode::OK, layout(&view.title, &body))
}

#[cfg(test)]
mod tests {
    use oxigraph::model::NamedNode;

    use super::*;
    use crate::serve::read::Link;

    fn span(begin: usize, end: usize, kind: SpanKind) -> Span {
        Span {
            begin,
            end,
            kind,
            target: Link {
                label: format!("{begin}-{end}"),
                iri: NamedNode::new_unchecked(format!("http://x/{begin}-{end}")),
            },
            speaker: None,
        }
    }

    #[test]
    fn lanes_stack_overlapping_spans_and_reuse_free_ones() {
        // (spans, expected lanes)
        type Case<'a> = (&'a [(usize, usize)], &'a [usize]);
        let table: &[Case<'_>] = &[
            (&[(0, 10)], &[0]),
            (&[(0, 10), (2, 4)], &[0, 1]),
            (&[(2, 4), (0, 10)], &[1, 0]),
            (&[(0, 5), (5, 10)], &[0, 0]),
            (&[(0, 6), (4, 10), (7, 9)], &[0, 1, 0]),
            (&[(0, 10), (0, 10)], &[0, 1]),
            (&[(0, 10), (1, 3), (4, 6), (2, 5)], &[0, 1, 1, 2]),
        ];
        for (input, expected) in table {
            let spans: Vec<Span> = input.iter().map(|&(b, e)| span(b, e, SpanKind::Mention)).collect();
            assert_eq!(lanes(&spans), *expected, "{input:?}");
        }
    }

    #[test]
    fn pieces_cover_the_text_and_list_their_spans_outermost_first() {
        let spans = vec![span(2, 8, SpanKind::Quotation), span(4, 6, SpanKind::Mention), span(6, 12, SpanKind::Claim)];
        let lanes = lanes(&spans);
        let pieces = pieces(14, &spans, &lanes);
        let got: Vec<(usize, usize, Vec<usize>)> = pieces.into_iter().map(|p| (p.begin, p.end, p.covering)).collect();
        assert_eq!(
            got,
            [
                (0, 2, vec![]),
                (2, 4, vec![0]),
                (4, 6, vec![0, 1]),
                (6, 8, vec![0, 2]),
                (8, 12, vec![2]),
                (12, 14, vec![]),
            ]
        );
    }

    #[test]
    fn the_marked_text_is_the_text_with_every_span_at_its_offsets() {
        let text = "Ann said “é <b>x</b>” to Bo.";
        let chars: Vec<char> = text.chars().collect();
        let quote = (9, 21);
        let mut q = span(quote.0, quote.1, SpanKind::Quotation);
        q.speaker = Some(Link { label: "Ann".into(), iri: NamedNode::new_unchecked("http://b/id/entity/ann") });
        let view = ArticleView {
            iri: NamedNode::new_unchecked("http://b/id/article/a"),
            title: "t".into(),
            date: None,
            url: None,
            publisher: None,
            text: text.into(),
            spans: vec![
                span(0, 3, SpanKind::Mention),
                q,
                span(10, 11, SpanKind::Mention),
                span(25, 27, SpanKind::Mention),
            ],
            quotations: vec![],
            claims: vec![],
            events: vec![],
        };
        let html = marked_text("http://b/id/", &view).into_string();
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains(r#"class="speaker" href="/id/entity/ann""#), "{html}");
        for s in &view.spans {
            let words: String = chars[s.begin..s.end].iter().collect();
            let marker = format!(r#"data-begin="{}" data-end="{}""#, s.begin, s.end);
            assert!(html.contains(&marker), "{marker} missing");
            let _ = words;
        }
        assert!(html.contains(r#"id="char=9,21""#), "{html}");
    }
}
