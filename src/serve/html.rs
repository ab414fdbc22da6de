//! The web pages: HTML with a little CSS, no script, nothing fetched from
//! elsewhere.
//!
//! It takes the views [`super::read`] hands on and hands on pages. Pages
//! are written with `maud`, which escapes every interpolated string, so that
//! a literal holding markup (`<script>`, `"><img onerror=…>`) shows as text.
//! Every resource links to its own page: `/id/PATH` for an IRI under the
//! base, `/resource?iri=…` for any other; Wikidata items link out.
//! [`article`] cuts the article's text at its spans; [`entity`] writes
//! entity and resource pages; [`picture`] draws the article's graph with
//! Graphviz.

pub mod article;
pub mod entity;
pub mod picture;

use hyper::StatusCode;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use oxigraph::model::{NamedNode, Term};

use super::message::{Request, Response};
use super::read::{Link, Reader};
use super::routes::App;
use super::sparql::Table;

/// Most rows of a results table on a page.
pub const MAX_TABLE_ROWS: usize = 2000;
/// Articles per page of the home page.
pub const ARTICLES_PER_PAGE: usize = 50;

const STYLE: &str = include_str!("html/style.css");

/// The page around a body: title, style, header with navigation.
pub fn layout(title: &str, body: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newskg" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.site {
                    a.home href="/" { "newskg" }
                    nav {
                        a href="/" { "Articles" }
                        a href="/sparql" { "Query" }
                        form.search action="/search" method="get" {
                            input type="search" name="q" placeholder="Find a name" aria-label="Find a name";
                        }
                    }
                }
                main { (body) }
            }
        }
    }
    .into_string()
}

/// Where a resource's page is: `/id/PATH` under the base, else `/resource?iri=…`.
pub fn href(base: &str, iri: &str) -> String {
    match iri.strip_prefix(base) {
        Some(rest) if !rest.is_empty() => format!("/id/{rest}"),
        _ => format!("/resource?iri={}", encode(iri)),
    }
}

/// Percent-encodes a query string value.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A link to a resource's page, with its label.
pub fn link(base: &str, link: &Link) -> Markup {
    html! { a href=(href(base, link.iri.as_str())) title=(link.iri.as_str()) { (link.label) } }
}

/// An optional link, or a dash.
pub fn maybe_link(base: &str, value: Option<&Link>) -> Markup {
    match value {
        Some(value) => link(base, value),
        None => html! { span.none { "—" } },
    }
}

/// A list of links separated by commas.
pub fn links(base: &str, values: &[Link]) -> Markup {
    html! {
        @for (i, value) in values.iter().enumerate() {
            @if i > 0 { ", " }
            (link(base, value))
        }
    }
}

/// A link to a span of an article: the article page at the span.
pub fn span_href(base: &str, article: &NamedNode, begin: usize, end: usize) -> String {
    format!("{}#char={begin},{end}", href(base, article.as_str()))
}

/// An RDF term in a table cell: a resource as a link (with its label when
/// `reader` is given), a literal as its text with its language or datatype.
pub fn term(base: &str, reader: Option<&Reader<'_>>, term: &Term) -> Markup {
    match term {
        Term::NamedNode(node) => {
            let label = reader.and_then(|r| r.label(node).ok()).unwrap_or_else(|| crate::vocab::compact(node.as_str()));
            html! { a href=(href(base, node.as_str())) title=(node.as_str()) { (label) } }
        }
        Term::Literal(literal) => {
            let note = literal.language().map(|l| format!("@{l}")).or_else(|| {
                (literal.datatype() != crate::vocab::xsd::STRING)
                    .then(|| crate::vocab::compact(literal.datatype().as_str()))
            });
            html! {
                span.literal { (literal.value()) }
                @if let Some(note) = note { " " small.datatype { (note) } }
            }
        }
        other => html! { span.blank { (other.to_string()) } },
    }
}

/// An error page (404 and the like) for a browser.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let body = html! {
        h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
        p { (message) }
        p { a href="/" { "Back to the articles" } }
    };
    Response::html(status, layout(&status.to_string(), &body))
}

/// Links to the pages of a paginated list: `href(page)` for each page.
pub fn pager(page: usize, pages: usize, href: impl Fn(usize) -> String) -> Markup {
    html! {
        @if pages > 1 {
            nav.pager aria-label="pages" {
                @if page > 1 { a rel="prev" href=(href(page - 1)) { "← previous" } " " }
                "page " (page) " of " (pages)
                @if page < pages { " " a rel="next" href=(href(page + 1)) { "next →" } }
            }
        }
    }
}

/// `/`: the articles with their counts, the name search, the bundled queries.
pub fn home(app: &App, request: &Request) -> Response {
    let reader = app.reader();
    let page = request.param("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).max(1);
    let (total, articles) = match reader.articles((page - 1) * ARTICLES_PER_PAGE, ARTICLES_PER_PAGE) {
        Ok(found) => found,
        Err(e) => return error_page(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let pages = total.div_ceil(ARTICLES_PER_PAGE).max(1);
    let base = app.options.base.as_str();
    let body = html! {
        h1 { "Articles" }
        p.lead { (total) " article" @if total != 1 { "s" } " in the store. Every fact links to the words it comes from." }
        table.articles {
            thead { tr { th { "date" } th { "headline" } th.n { "quotations" } th.n { "claims" } th.n { "events" } th.n { "mentions" } } }
            tbody {
                @for article in &articles {
                    tr {
                        td.date { (article.date.as_deref().unwrap_or("")) }
                        td { (link(base, &article.link)) }
                        td.n { (article.quotations) } td.n { (article.claims) } td.n { (article.events) } td.n { (article.mentions) }
                    }
                }
            }
        }
        (pager(page, pages, |p| format!("/?page={p}")))
        h2 { "Find a name" }
        form.search-wide action="/search" method="get" {
            input type="search" name="q" placeholder="a person, organisation or place";
            " " button type="submit" { "Search" }
        }
        h2 { "Bundled queries" }
        p { "Each runs over the whole store; " a href="/sparql" { "the query page" } " runs any SPARQL." }
        dl.queries {
            @for query in crate::query::BUNDLED {
                dt { a href={ "/queries/" (query.name) } { (query.title()) } " " code { (query.name) } }
                dd { (query.answers()) }
            }
        }
    };
    Response::html(StatusCode::OK, layout("Articles", &body))
}

/// `/search?q=…`: entities by name.
pub fn search(app: &App, request: &Request) -> Response {
    let query = request.param("q").unwrap_or_default();
    let hits = match app.reader().search(&query, 200) {
        Ok(hits) => hits,
        Err(e) => return error_page(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let base = app.options.base.as_str();
    let body = html! {
        h1 { "Names matching “" (query) "”" }
        form.search-wide action="/search" method="get" {
            input type="search" name="q" value=(query);
            " " button type="submit" { "Search" }
        }
        @if hits.is_empty() {
            p { "No entity has a name or an alias containing “" (query) "”." }
        } @else {
            ul.hits {
                @for hit in &hits {
                    li {
                        (link(base, &hit.link))
                        @if let Some(alias) = &hit.matched { " " span.alias { "(also “" (alias) "”)" } }
                    }
                }
            }
        }
    };
    Response::html(StatusCode::OK, layout("Search", &body))
}

/// The query page: a form (prefilled from `?query=` or a bundled query's
/// `?example=`), the bundled queries as examples.
pub fn query_page(app: &App, request: &Request) -> Response {
    let example = request.param("example").and_then(|name| crate::query::BundledQuery::find(&name));
    let text = request
        .param("query")
        .or_else(|| example.map(|q| q.text.to_owned()))
        .unwrap_or_else(|| "PREFIX schema: <http://schema.org/>\nSELECT ?name WHERE { ?entity a schema:Person ; schema:name ?name }\nORDER BY ?name".to_owned());
    let body = html! {
        h1 { "Query" }
        (query_form(&text))
        h2 { "Examples" }
        ul.examples {
            @for query in crate::query::BUNDLED {
                li { a href={ "/sparql?example=" (query.name) } { (query.name) } " — " (query.title()) }
            }
        }
        p.note {
            "The endpoint answers SPARQL clients at " code { "/sparql" } " (GET, POST form, POST "
            code { "application/sparql-query" } "), in JSON, XML, CSV or TSV; graphs in Turtle, N-Triples, "
            "N-Quads, TriG, RDF/XML or JSON-LD. The default graph is the union of every graph."
        }
    };
    let _ = app;
    Response::html(StatusCode::OK, layout("Query", &body))
}

fn query_form(text: &str) -> Markup {
    html! {
        form.query action="/sparql" method="get" {
            label for="query" { "SPARQL" }
            textarea #query name="query" rows="14" spellcheck="false" { (text) }
            button type="submit" { "Run" }
        }
    }
}

/// Query results as a table, under the form with the query.
pub fn results_page(app: &App, _request: &Request, text: &str, table: &Table) -> Response {
    let base = app.options.base.as_str();
    let reader = app.reader();
    let body = html! {
        h1 { "Query" }
        (query_form(text))
        (results_table(base, &reader, table))
    };
    Response::html(StatusCode::OK, layout("Query results", &body))
}

/// A results table (or an ASK answer), with the row count.
pub fn results_table(base: &str, reader: &Reader<'_>, table: &Table) -> Markup {
    html! {
        @if let Some(answer) = table.boolean {
            p.answer { "Answer: " strong { (answer) } }
        } @else {
            p.count #row-count { (table.rows.len()) " row" @if table.rows.len() != 1 { "s" } @if table.truncated { " shown (more not shown)" } }
            table.results {
                thead { tr { @for variable in &table.variables { th { (variable) } } } }
                tbody {
                    @for row in &table.rows {
                        tr { @for cell in row { td { @if let Some(cell) = cell { (term(base, Some(reader), cell)) } } } }
                    }
                }
            }
        }
    }
}
