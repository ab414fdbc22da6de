//! The handler: a plain function from a request to a response, with the
//! routes of the server.
//!
//! | path | answers |
//! |---|---|
//! | `/` | the articles with their counts, the name search, the bundled queries |
//! | `/sparql`, `/query` | the SPARQL 1.1 Protocol (a browser gets the query page) |
//! | `/store` | Graph Store Protocol reads |
//! | `/id/PATH` | the resource `BASE` + `PATH`: an article, an entity, a fact |
//! | `/resource?iri=…` | any resource |
//! | `/search?q=…` | entities by name |
//! | `/queries/NAME` | a bundled query's results |
//!
//! A resource answers HTML to a browser and RDF (Turtle, N-Triples,
//! N-Quads, TriG, RDF/XML, JSON-LD; `?format=` overrides `Accept`) to a
//! client that asks for it. Any other path is 404; nothing is read from
//! disk.

use std::io::Write;
use std::sync::Arc;

use hyper::header::{self, HeaderValue};
use hyper::{Method, StatusCode};
use maud::html;
use oxigraph::model::NamedNode;
use oxigraph::store::Store;

use super::html::{self, picture::Picture};
use super::message::{Body, HttpError, Request, Response, negotiate};
use super::read::Reader;
use super::watchdog::Watchdog;
use super::worker::{self, Pool, WorkerCommand};
use super::{Options, sparql};
use crate::export::Format;

/// What the handler needs: the store, the options, and what is shared
/// between requests (the query watchdog, the picture cache).
pub struct App {
    /// The store, read-only.
    pub store: Store,
    /// The options.
    pub options: Options,
    pub(crate) watchdog: Watchdog,
    /// Graphviz and its cache.
    pub picture: Picture,
    /// Whether HTML is offered (always, for now: the query page and result tables).
    pub pages: bool,
    /// The workers that evaluate SPARQL, when the app has them.
    pool: Option<Arc<Pool>>,
}

/// The RDF descriptions offered for a resource, with HTML first for browsers.
const RESOURCE_OFFERS: &[(&str, Option<Format>)] = &[
    ("text/html", None),
    ("application/xhtml+xml", None),
    ("text/turtle", Some(Format::Turtle)),
    ("application/x-turtle", Some(Format::Turtle)),
    ("application/n-triples", Some(Format::NTriples)),
    ("application/n-quads", Some(Format::NQuads)),
    ("application/trig", Some(Format::TriG)),
    ("application/rdf+xml", Some(Format::RdfXml)),
    ("application/ld+json", Some(Format::JsonLd)),
    ("text/vnd.graphviz", Some(Format::Dot)),
];

impl App {
    /// The handler's state over a store.
    pub fn new(store: Store, options: Options) -> Self {
        Self { store, options, watchdog: Watchdog::start(), picture: Picture::detect(), pages: true, pool: None }
    }

    /// The handler's state in a worker process, which draws no pictures.
    pub fn for_worker(store: Store, options: Options) -> Self {
        Self { picture: Picture::disabled(), ..Self::new_bare(store, options) }
    }

    fn new_bare(store: Store, options: Options) -> Self {
        Self { store, options, watchdog: Watchdog::start(), picture: Picture::disabled(), pages: true, pool: None }
    }

    /// The same app, evaluating SPARQL in `size` worker processes started
    /// by `command` (see [`worker`]).
    pub fn with_workers(mut self, command: WorkerCommand, size: usize) -> std::io::Result<Self> {
        self.pool = Some(Arc::new(Pool::start(command, size)?));
        Ok(self)
    }

    /// Stops the worker processes.
    pub fn shutdown(&self) {
        if let Some(pool) = &self.pool {
            pool.shutdown();
        }
    }

    /// A reader of the store.
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.store, &self.options.base)
    }

    /// Answers a request.
    pub fn handle(&self, request: &Request) -> Response {
        let mut response = self.route(request);
        if self.options.cors {
            response.headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        }
        if request.method == Method::HEAD {
            response.body = Body::Bytes(Vec::new());
        }
        response
    }

    fn route(&self, request: &Request) -> Response {
        if request.method == Method::OPTIONS {
            let mut response = Response::text(StatusCode::NO_CONTENT, "");
            response.body = Body::Bytes(Vec::new());
            response.headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST, OPTIONS"));
            if self.options.cors {
                response
                    .headers
                    .insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, POST"));
                response
                    .headers
                    .insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Accept, Content-Type"));
                response.headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
            }
            return response;
        }
        let path = request.path.as_str();
        let evaluates = matches!(path, "/sparql" | "/sparql/" | "/query" | "/query/") || path.starts_with("/queries/");
        if evaluates && let Some(pool) = &self.pool {
            return worker::handle(self, pool, request);
        }
        match path {
            "/sparql" | "/sparql/" | "/query" | "/query/" => return sparql::endpoint(self, request),
            "/store" => return sparql::graph_store(self, request),
            _ => {}
        }
        if !matches!(request.method, Method::GET | Method::HEAD) {
            return HttpError::new(StatusCode::METHOD_NOT_ALLOWED, format!("{} answers GET and HEAD only", path))
                .into();
        }
        match path {
            "/" => html::home(self, request),
            "/search" => html::search(self, request),
            "/resource" => match request.param("iri") {
                Some(iri) => match NamedNode::new(&iri) {
                    Ok(iri) => self.resource(request, &iri, &format!("/resource?iri={}", html::encode(iri.as_str()))),
                    Err(e) => not_found(request, &format!("{iri:?} is not an absolute IRI: {e}")),
                },
                None => not_found(request, "give the resource as /resource?iri=…"),
            },
            _ => {
                if path.starts_with("/id/") {
                    let Some(rest) = request.decoded_path().and_then(|p| p.strip_prefix("/id/").map(str::to_owned))
                    else {
                        return not_found(request, "the path is not UTF-8");
                    };
                    // `…/text#char=B,E` is a span of an article's text: its page is the article's.
                    if let Some(article) = rest.strip_suffix("/text")
                        && article.starts_with("article/")
                        && !article[8..].contains('/')
                    {
                        return Response::see_other(&format!("/id/{article}"));
                    }
                    return match NamedNode::new(format!("{}{rest}", self.options.base)) {
                        Ok(iri) => self.resource(request, &iri, &format!("/id/{}", rest_path(path))),
                        Err(_) => not_found(request, "no such resource"),
                    };
                }
                if let Some(name) = path.strip_prefix("/queries/") {
                    return self.bundled(request, name);
                }
                let shown = request.decoded_path().unwrap_or_else(|| path.to_owned());
                not_found(request, &format!("nothing at {shown}: see / for the articles and /sparql for queries"))
            }
        }
    }

    /// A resource: its page, or its description in the RDF format asked for.
    fn resource(&self, request: &Request, iri: &NamedNode, here: &str) -> Response {
        let reader = self.reader();
        let known = match reader.is_known(iri) {
            Ok(known) => known,
            Err(e) => return HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into(),
        };
        if !known {
            return not_found(request, &format!("the store says nothing of <{iri}>"));
        }
        let format = match request.param("format") {
            Some(name) => match format_named(&name) {
                Some(format) => format,
                None => {
                    return HttpError::bad_request(format!(
                        "unknown format {name:?}: html, turtle, ntriples, nquads, trig, rdfxml, jsonld or dot"
                    ))
                    .into();
                }
            },
            None => match negotiate(request.header(header::ACCEPT), RESOURCE_OFFERS) {
                Some(format) => format,
                None => {
                    let offers: Vec<&str> = RESOURCE_OFFERS.iter().map(|(m, _)| *m).collect();
                    return HttpError::not_acceptable(&offers).into();
                }
            },
        };
        let mut response = match format {
            Some(format) => self.describe(iri, format),
            None => self.page(request, iri, here),
        };
        response.headers.insert(header::VARY, HeaderValue::from_static("Accept"));
        response
    }

    fn page(&self, request: &Request, iri: &NamedNode, here: &str) -> Response {
        let reader = self.reader();
        let page = request.param("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1);
        let result = (|| {
            if let Some(view) = reader.article(iri)? {
                return Ok(html::article::page(self, &view));
            }
            if let Some(view) = reader.entity(iri, page)? {
                return Ok(html::entity::page(self, &view, here));
            }
            Ok(html::entity::resource_page(self, iri.as_str(), &reader.resource(iri)?))
        })();
        result.unwrap_or_else(|e: oxigraph::store::StorageError| {
            html::error_page(StatusCode::INTERNAL_SERVER_ERROR, &format!("cannot read the store: {e}"))
        })
    }

    /// A resource's description: an article's graph, else its statements.
    fn describe(&self, iri: &NamedNode, format: Format) -> Response {
        let reader = self.reader();
        let quads = match reader.describe(iri) {
            Ok(quads) => quads,
            Err(e) => return HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into(),
        };
        let quads = if format == Format::Dot {
            match reader.picture_quads(iri) {
                Ok(quads) => quads,
                Err(e) => return HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into(),
            }
        } else {
            quads
        };
        let base = self.options.base.clone();
        let media_type = media_type(format);
        Response::new(
            StatusCode::OK,
            media_type,
            Body::Stream(Box::new(move |out: &mut dyn Write| {
                crate::export::write(quads, format, &base, out).map(|_| ())
            })),
        )
    }

    /// `/queries/NAME`: a bundled query's results, a page for a browser.
    fn bundled(&self, request: &Request, name: &str) -> Response {
        let Some(query) = crate::query::BundledQuery::find(name) else {
            let message = match crate::suggest(name, crate::query::BUNDLED.iter().map(|q| q.name)) {
                Some(near) => format!("no bundled query {name:?}; did you mean {near:?}? / lists them"),
                None => format!("no bundled query {name:?}; / lists them"),
            };
            return not_found(request, &message);
        };
        let answer = match sparql::query(self, request, query.text, None, sparql::RESULTS_OFFERS) {
            Ok(answer) => answer,
            Err(error) => return error.into(),
        };
        if answer.media_type() != "text/html" {
            return answer.into_response(self, request, query.text);
        }
        let table = match answer.collect(html::MAX_TABLE_ROWS) {
            Ok(table) => table,
            Err(error) => return error.into(),
        };
        let reader = self.reader();
        let base = self.options.base.as_str();
        let body = html! {
            h1 { (query.title()) }
            p.lead { (query.answers()) }
            (html::results_table(base, &reader, &table))
            p { a href={ "/sparql?example=" (query.name) } { "Edit this query" } " · " code { (query.name) } }
        };
        Response::html(StatusCode::OK, html::layout(query.title(), &body))
    }
}

/// The path after `/id/` as sent.
fn rest_path(path: &str) -> &str {
    path.strip_prefix("/id/").unwrap_or(path)
}

fn format_named(name: &str) -> Option<Option<Format>> {
    Some(match name {
        "html" => None,
        "turtle" | "ttl" => Some(Format::Turtle),
        "ntriples" | "nt" => Some(Format::NTriples),
        "nquads" | "nq" => Some(Format::NQuads),
        "trig" => Some(Format::TriG),
        "rdfxml" | "rdf" => Some(Format::RdfXml),
        "jsonld" => Some(Format::JsonLd),
        "dot" => Some(Format::Dot),
        _ => return None,
    })
}

fn media_type(format: Format) -> &'static str {
    match format {
        Format::Turtle => "text/turtle",
        Format::NTriples => "application/n-triples",
        Format::NQuads | Format::CanonicalNQuads => "application/n-quads",
        Format::TriG => "application/trig",
        Format::RdfXml => "application/rdf+xml",
        Format::JsonLd => "application/ld+json",
        Format::Dot => "text/vnd.graphviz; charset=utf-8",
    }
}

/// 404: a page for a browser, plain text for anything else.
fn not_found(request: &Request, message: &str) -> Response {
    if negotiate(request.header(header::ACCEPT), &[("text/plain", false), ("text/html", true)]) == Some(true) {
        html::error_page(StatusCode::NOT_FOUND, message)
    } else {
        HttpError::not_found(message).into()
    }
}
