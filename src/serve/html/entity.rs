//! Entity pages and the generic resource page.
//!
//! An entity page shows labels, not IRIs: the entity's types, Wikidata
//! link, names, then totals over every article and, for one page of the
//! articles that name it, the posts it holds, the events it takes part in,
//! the quotations it speaks, receives or is named in, the claims it makes,
//! is cited for or is the subject of, its relations both ways, and each
//! mention with the words around it. Any other resource gets its statements
//! both ways, and the words its evidence points to.

use hyper::StatusCode;
use maud::{Markup, html};

use super::{encode, href, layout, link, maybe_link, pager, span_href};
use crate::serve::message::Response;
use crate::serve::read::{Claim, EntityView, Quotation, ResourceView, Value};
use crate::serve::routes::App;

fn quotation_item(base: &str, q: &Quotation, show_speaker: bool) -> Markup {
    html! {
        li {
            blockquote { "“" (q.text) "”" }
            p.by {
                @if show_speaker { "— " (maybe_link(base, q.speaker.as_ref())) " · " }
                @if let Some(manner) = &q.manner { (manner) " · " }
                @if let Some(article) = &q.article {
                    @match q.span {
                        Some((b, e)) => a href=(span_href(base, &article.iri, b, e)) { (article.label) },
                        None => (link(base, article)),
                    }
                }
            }
        }
    }
}

fn claim_item(base: &str, role: &str, c: &Claim) -> Markup {
    html! {
        li {
            span.role { (role) } " "
            (c.text)
            p.by {
                "asserted by " (maybe_link(base, c.source.as_ref()))
                @if let Some(cited) = &c.cited { ", citing " (link(base, cited)) }
                " · " span.certainty { (c.certainty.as_deref().unwrap_or("—")) }
                @if c.polarity.as_deref() == Some("negative") { ", denied" }
                @if let Some(article) = &c.article {
                    " · "
                    @match c.span {
                        Some((b, e)) => a href=(span_href(base, &article.iri, b, e)) { (article.label) },
                        None => (link(base, article)),
                    }
                }
            }
        }
    }
}

/// An entity's page.
pub fn page(app: &App, view: &EntityView, path: &str) -> Response {
    let base = app.options.base.as_str();
    let iri = view.iri.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default();
    let sep = if path.contains('?') { '&' } else { '?' };
    let body = html! {
        h1 { (view.name) }
        p.meta {
            @for (i, class) in view.types.iter().enumerate() {
                @if i > 0 { ", " }
                span.type title=(class.iri.as_str()) { (class.label) }
            }
            @for same in &view.same_as {
                " · " a.wikidata href=(same.as_str()) rel="noreferrer" { "Wikidata " (same.as_str().rsplit('/').next().unwrap_or("")) }
            }
            " · " a href={ (path) (sep) "format=turtle" } { "Turtle" }
            " · " code.iri { (iri) }
        }
        @if let Some(description) = &view.description { p.description { (description) } }
        @if !view.aliases.is_empty() { p { "Also named: " (view.aliases.join(", ")) } }
        @if !view.counts.is_empty() {
            ul.counts {
                @for (what, n) in &view.counts { li { strong { (n) } " " (what) } }
                li { strong { (view.article_count) } " article" @if view.article_count != 1 { "s" } }
            }
        }
        @if view.pages > 1 {
            p.note { "Facts below are from articles " ((view.page - 1) * crate::serve::read::ARTICLES_PER_PAGE + 1) "–"
                ((view.page - 1) * crate::serve::read::ARTICLES_PER_PAGE + view.articles.len()) " of " (view.article_count) "." }
            (pager(view.page, view.pages, |p| format!("{path}{sep}page={p}")))
        }
        @if !view.posts.is_empty() {
            h2 { "Posts held" }
            ul { @for post in &view.posts {
                li { (link(base, &post.link)) @if let Some(org) = &post.organization { " in " (link(base, org)) }
                     @if let Some(article) = &post.article { " · " (link(base, article)) } }
            } }
        }
        @if !view.events.is_empty() {
            h2 { "Events" }
            ul { @for (role, event) in &view.events {
                li { span.role { (role) } " " a href=(href(base, event.iri.as_str())) { (event.name) }
                     @if let Some(status) = &event.status { " " span.status { (status) } }
                     @if !event.times.is_empty() { " · " (event.times.join(" or ")) }
                     @if let Some(place) = &event.place { " · in " (link(base, place)) }
                     @if let Some(article) = &event.article { " · " (link(base, article)) } }
            } }
        }
        @if !view.spoken.is_empty() {
            h2 { "Quotations spoken" }
            ol.quotations { @for q in &view.spoken { (quotation_item(base, q, false)) } }
        }
        @if !view.addressed.is_empty() {
            h2 { "Quotations addressed to " (view.name) }
            ol.quotations { @for q in &view.addressed { (quotation_item(base, q, true)) } }
        }
        @if !view.quoted_about.is_empty() {
            h2 { "Quotations naming " (view.name) }
            ol.quotations { @for q in &view.quoted_about { (quotation_item(base, q, true)) } }
        }
        @if !view.claims.is_empty() {
            h2 { "Claims" }
            ul.claims { @for (role, c) in &view.claims { (claim_item(base, role, c)) } }
        }
        @if !view.relations_out.is_empty() || !view.relations_in.is_empty() {
            h2 { "Relations" }
            ul.relations {
                @for (property, other, n) in &view.relations_out {
                    li { (view.name) " " em { (property) } " " (link(base, other)) @if *n > 1 { " (" (n) " articles)" } }
                }
                @for (other, property, n) in &view.relations_in {
                    li { (link(base, other)) " " em { (property) } " " (view.name) @if *n > 1 { " (" (n) " articles)" } }
                }
            }
        }
        @if !view.articles.is_empty() {
            h2 { "Mentions" }
            @for (article, in_article) in &view.articles {
                section.mentions {
                    h3 { (link(base, article)) " " small { "(" (in_article.mentions.len()) ")" } }
                    ul { @for m in &in_article.mentions {
                        li { (m.before) a.mention href=(span_href(base, &article.iri, m.begin, m.end)) { mark { (m.words) } } (m.after)
                             @if m.by_role { " " small { "(by role)" } } }
                    } }
                }
            }
            (pager(view.page, view.pages, |p| format!("{path}{sep}page={p}")))
        }
    };
    Response::html(StatusCode::OK, layout(&view.name, &body))
}

/// Any resource's page: its statements both ways and its evidence.
pub fn resource_page(app: &App, iri: &str, view: &ResourceView) -> Response {
    let base = app.options.base.as_str();
    let value = |v: &Value| -> Markup {
        match v {
            Value::Resource(l) => link(base, l),
            Value::Blank(b) => html! { span.blank { "_:" (b) } },
            Value::Literal(text, note) => {
                html! { span.literal { (text) } @if let Some(note) = note { " " small.datatype { (note) } } }
            }
        }
    };
    let graph = |g: &Option<crate::serve::read::Link>| -> Markup {
        match g {
            Some(g) => html! { small { "in " (link(base, g)) } },
            None => html! {},
        }
    };
    let body = html! {
        h1 { (view.label) }
        p.meta { code.iri { (iri) } " · " a href={ "/resource?iri=" (encode(iri)) "&format=turtle" } { "Turtle" } }
        @if !view.evidence.is_empty() {
            h2 { "Evidence" }
            ul { @for (article, b, e, words) in &view.evidence {
                li { "“" a href=(span_href(base, &article.iri, *b, *e)) { (words) } "” · " (link(base, article)) " at " (b) "–" (e) }
            } }
        }
        @if view.outgoing.is_empty() && view.incoming.is_empty() {
            p { "The store says nothing of this resource." }
        }
        @if !view.outgoing.is_empty() {
            h2 { "Statements" }
            table.statements { tbody { @for (property, v, g) in &view.outgoing {
                tr { td { (link(base, property)) } td { (value(v)) } td { (graph(g)) } }
            } } }
        }
        @if !view.incoming.is_empty() {
            h2 { "Referred to by" }
            table.statements { tbody { @for (subject, property, g) in &view.incoming {
                tr { td { (link(base, subject)) } td { (link(base, property)) } td { (graph(g)) } }
            } } }
        }
        @if view.truncated { p.note { "Some statements are not shown." } }
    };
    Response::html(StatusCode::OK, layout(&view.label, &body))
}
