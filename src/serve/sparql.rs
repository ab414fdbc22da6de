//! The SPARQL 1.1 Protocol (query operation) and the Graph Store Protocol's
//! reads, over a read-only store.
//!
//! It takes a [`Request`] to `/sparql`, `/query` or `/store` and hands on a
//! [`Response`]: results in the format the client accepts, a service
//! description, or a plain-text error with the status the protocol names
//! (400 malformed, 403 update on a read-only service, 405 method, 406 no
//! acceptable format, 415 media type, 503 query cancelled at the timeout).
//!
//! The dataset: `default-graph-uri` and `named-graph-uri` when the request
//! gives them (over any `FROM` in the query, as the protocol says); else the
//! query's own `FROM`/`FROM NAMED`; else the union of every graph as the
//! default graph, as `newskg query` reads it, with every graph named.
//! Results stream as they are produced; the query is evaluated up to its
//! first answer before the status is chosen, so that an error or a timeout
//! at the start is a proper status, and one later cuts the response.

use std::io::{self, Write};

use hyper::header::{self, HeaderValue};
use hyper::{Method, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator, Variable};

use super::message::{HttpError, MediaType, Request, Response, negotiate, pairs};
use super::routes::App;
use super::watchdog::Guard;

/// What a request to the SPARQL endpoint asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// A query, with the dataset the protocol gave (if it gave one).
    Query {
        /// The query text.
        text: String,
        /// `default-graph-uri` values.
        default_graphs: Vec<NamedNode>,
        /// `named-graph-uri` values.
        named_graphs: Vec<NamedNode>,
    },
    /// No operation: the service description.
    Describe,
}

/// How an answer is written: a results format, an RDF format, or a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Output {
    /// A W3C SPARQL results format.
    Results(QueryResultsFormat),
    /// An RDF serialisation.
    Rdf(RdfFormat),
    /// An HTML page (for browsers).
    Html,
}

/// The results formats, by media type, in the order offered.
pub const RESULTS_OFFERS: &[(&str, Output)] = &[
    ("application/sparql-results+json", Output::Results(QueryResultsFormat::Json)),
    ("application/json", Output::Results(QueryResultsFormat::Json)),
    ("application/sparql-results+xml", Output::Results(QueryResultsFormat::Xml)),
    ("application/xml", Output::Results(QueryResultsFormat::Xml)),
    ("text/xml", Output::Results(QueryResultsFormat::Xml)),
    ("text/csv", Output::Results(QueryResultsFormat::Csv)),
    ("text/tab-separated-values", Output::Results(QueryResultsFormat::Tsv)),
    ("text/html", Output::Html),
];

const JSON_LD: RdfFormat = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };

/// The RDF formats, by media type, in the order offered.
pub const RDF_OFFERS: &[(&str, Output)] = &[
    ("text/turtle", Output::Rdf(RdfFormat::Turtle)),
    ("application/x-turtle", Output::Rdf(RdfFormat::Turtle)),
    ("application/n-triples", Output::Rdf(RdfFormat::NTriples)),
    ("text/plain", Output::Rdf(RdfFormat::NTriples)),
    ("application/n-quads", Output::Rdf(RdfFormat::NQuads)),
    ("application/trig", Output::Rdf(RdfFormat::TriG)),
    ("application/rdf+xml", Output::Rdf(RdfFormat::RdfXml)),
    ("application/ld+json", Output::Rdf(JSON_LD)),
    ("text/html", Output::Html),
];

/// The media types of a list of offers, for a 406 message.
pub fn offered(offers: &[(&'static str, Output)]) -> Vec<&'static str> {
    offers.iter().map(|(media, _)| *media).collect()
}

/// A serializer with newskg's prefixes, for the formats that use them.
fn rdf_serializer(format: RdfFormat, base: &str) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml) {
        for (prefix, namespace) in crate::vocab::prefixes(base) {
            serializer = match serializer.clone().with_prefix(prefix, namespace) {
                Ok(with) => with,
                Err(_) => serializer,
            };
        }
    }
    serializer
}

/// Reads the operation of a request to the SPARQL endpoint.
pub fn operation(request: &Request) -> Result<Operation, HttpError> {
    let url_pairs = request.query_pairs();
    let pairs: Vec<(String, String)> = match request.method {
        Method::GET | Method::HEAD => url_pairs,
        Method::POST => {
            let Some(content_type) = request.content_type() else {
                return Err(unsupported_media_type(
                    "a POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query",
                ));
            };
            match content_type.essence.as_str() {
                "application/x-www-form-urlencoded" => {
                    let mut all = url_pairs;
                    all.extend(pairs(&request.body));
                    all
                }
                "application/sparql-query" => {
                    check_charset(&content_type)?;
                    if url_pairs.iter().any(|(n, _)| n == "query" || n == "update") {
                        return Err(HttpError::bad_request(
                            "the query is in the body (application/sparql-query): the URL cannot give another",
                        ));
                    }
                    let text = String::from_utf8(request.body.clone())
                        .map_err(|e| HttpError::bad_request(format!("the query is not UTF-8: {e}")))?;
                    let mut all = url_pairs;
                    all.push(("query".to_owned(), text));
                    all
                }
                "application/sparql-update" => return Err(read_only()),
                other => {
                    return Err(unsupported_media_type(format!(
                        "cannot read a body of type {other}: use application/x-www-form-urlencoded or \
                         application/sparql-query"
                    )));
                }
            }
        }
        _ => {
            return Err(HttpError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{} is not a SPARQL protocol method: use GET or POST", request.method),
            ));
        }
    };
    if pairs.iter().any(|(n, _)| n == "update") {
        return Err(read_only());
    }
    let mut queries = pairs.iter().filter(|(n, _)| n == "query").map(|(_, v)| v);
    let (Some(text), None) = (queries.next(), queries.next()) else {
        if pairs.iter().any(|(n, _)| n == "query") {
            return Err(HttpError::bad_request("more than one query given: send one `query` per request"));
        }
        if pairs.iter().any(|(n, _)| n == "default-graph-uri" || n == "named-graph-uri") {
            return Err(HttpError::bad_request("no `query` given"));
        }
        return Ok(Operation::Describe);
    };
    let graphs = |name: &str| -> Result<Vec<NamedNode>, HttpError> {
        pairs
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| {
                NamedNode::new(v)
                    .map_err(|e| HttpError::bad_request(format!("{name} {v:?} is not an absolute IRI: {e}")))
            })
            .collect()
    };
    Ok(Operation::Query {
        text: text.clone(),
        default_graphs: graphs("default-graph-uri")?,
        named_graphs: graphs("named-graph-uri")?,
    })
}

fn check_charset(content_type: &MediaType) -> Result<(), HttpError> {
    match content_type.param("charset") {
        Some(charset) if !charset.eq_ignore_ascii_case("utf-8") && !charset.eq_ignore_ascii_case("utf8") => {
            Err(unsupported_media_type(format!("the query must be UTF-8, not {charset}")))
        }
        _ => Ok(()),
    }
}

fn unsupported_media_type(message: impl Into<String>) -> HttpError {
    HttpError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
}

/// 403 for any update: the store is open read-only.
pub fn read_only() -> HttpError {
    HttpError::new(StatusCode::FORBIDDEN, "this server is read-only: SPARQL Update and Graph Store writes are refused")
}

/// The endpoint's own IRI, from the request's `Host` (the base of relative
/// IRIs in queries, and the service description's subject).
fn endpoint_iri(app: &App, request: &Request) -> NamedNode {
    let host = request.header(header::HOST).filter(|h| h.chars().all(|c| c.is_ascii_graphic()));
    let authority = host.map_or_else(|| app.options.bind.to_string(), str::to_owned);
    let path = if request.path.starts_with("/query") { "/query" } else { "/sparql" };
    NamedNode::new(format!("http://{authority}{path}"))
        .unwrap_or_else(|_| NamedNode::new_unchecked(format!("http://{}{path}", app.options.bind)))
}

/// Answers a request to `/sparql` or `/query`.
pub fn endpoint(app: &App, request: &Request) -> Response {
    match operation(request) {
        Ok(Operation::Describe) => service_description(app, request),
        Ok(Operation::Query { text, default_graphs, named_graphs }) => {
            let dataset =
                (!default_graphs.is_empty() || !named_graphs.is_empty()).then_some((default_graphs, named_graphs));
            let offers = if app.pages { RESULTS_OFFERS } else { &RESULTS_OFFERS[..RESULTS_OFFERS.len() - 1] };
            match query(app, request, &text, dataset, offers) {
                Ok(answer) => answer.into_response(app, request, &text),
                Err(error) => error.into(),
            }
        }
        Err(error) => error.into(),
    }
}

/// A query's results, evaluated up to the first answer.
pub struct Answer {
    results: Peeked,
    base: String,
    output: Output,
    media_type: &'static str,
    guard: Guard,
}

enum Peeked {
    Boolean(bool),
    Solutions {
        variables: Vec<Variable>,
        first: Option<QuerySolution>,
        rest: oxigraph::sparql::QuerySolutionIter<'static>,
    },
    Graph {
        first: Option<Triple>,
        rest: oxigraph::sparql::QueryTripleIter<'static>,
    },
}

/// Runs a query: parses it, sets its dataset, negotiates the output from
/// `offers` (results formats for SELECT and ASK, RDF formats for CONSTRUCT
/// and DESCRIBE) and evaluates it up to its first answer.
pub fn query(
    app: &App,
    request: &Request,
    text: &str,
    dataset: Option<(Vec<NamedNode>, Vec<NamedNode>)>,
    results_offers: &[(&'static str, Output)],
) -> Result<Answer, HttpError> {
    let guard = app.watchdog.guard(app.options.timeout);
    let evaluator = SparqlEvaluator::new().with_cancellation_token(guard.token.clone());
    let evaluator = evaluator.clone().with_base_iri(endpoint_iri(app, request).into_string()).unwrap_or(evaluator);
    let mut prepared = evaluator.parse_query(text).map_err(|e| {
        if SparqlEvaluator::new().parse_update(text).is_ok() {
            read_only()
        } else {
            HttpError::bad_request(format!("the query is not valid SPARQL 1.1: {e}"))
        }
    })?;
    match dataset {
        Some((default_graphs, named_graphs)) => {
            let spec = prepared.dataset_mut();
            spec.set_default_graph(default_graphs.into_iter().map(GraphName::from).collect());
            spec.set_available_named_graphs(named_graphs.into_iter().map(NamedOrBlankNode::from).collect());
        }
        None if prepared.dataset().is_default_dataset() => prepared.dataset_mut().set_default_graph_as_union(),
        None => {}
    }
    let results = prepared.on_store(&app.store).execute().map_err(|e| evaluation_error(e, app))?;
    let accept = request.header(header::ACCEPT);
    let (offers, results) = match results {
        QueryResults::Boolean(value) => (results_offers, Peeked::Boolean(value)),
        QueryResults::Solutions(mut solutions) => {
            let variables = solutions.variables().to_vec();
            let first = solutions.next().transpose().map_err(|e| evaluation_error(e, app))?;
            (results_offers, Peeked::Solutions { variables, first, rest: solutions })
        }
        QueryResults::Graph(mut triples) => {
            let first = triples.next().transpose().map_err(|e| evaluation_error(e, app))?;
            let offers = if app.pages { RDF_OFFERS } else { &RDF_OFFERS[..RDF_OFFERS.len() - 1] };
            (offers, Peeked::Graph { first, rest: triples })
        }
    };
    let (media_type, output) = offers
        .iter()
        .find(|(_, output)| Some(*output) == negotiate(accept, offers))
        .copied()
        .ok_or_else(|| HttpError::not_acceptable(&offered(offers)))?;
    // A boolean has no CSV or TSV form in the W3C recommendations: JSON.
    let (media_type, output) = match (&results, output) {
        (Peeked::Boolean(_), Output::Results(QueryResultsFormat::Csv | QueryResultsFormat::Tsv)) => {
            ("application/sparql-results+json", Output::Results(QueryResultsFormat::Json))
        }
        _ => (media_type, output),
    };
    Ok(Answer { results, base: app.options.base.clone(), output, media_type, guard })
}

/// The status and message of an evaluation error.
fn evaluation_error(error: QueryEvaluationError, app: &App) -> HttpError {
    match error {
        QueryEvaluationError::Cancelled => timeout_error(app),
        e @ (QueryEvaluationError::Service(_)
        | QueryEvaluationError::UnsupportedService(_)
        | QueryEvaluationError::UnboundService
        | QueryEvaluationError::InvalidServiceName(_)) => {
            HttpError::bad_request(format!("{e} (this server does not call other services)"))
        }
        e @ (QueryEvaluationError::UnsupportedCustomFunction(_)
        | QueryEvaluationError::UnsupportedCustomFunctionArity { .. }) => HttpError::bad_request(e.to_string()),
        e => HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the query failed: {e}")),
    }
}

/// 503: the query ran past the timeout and was cancelled.
pub fn timeout_error(app: &App) -> HttpError {
    HttpError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query ran longer than this server's limit of {} s and was cancelled",
            app.options.timeout.as_secs_f64()
        ),
    )
}

impl Answer {
    /// The media type the answer is written in.
    pub fn media_type(&self) -> &'static str {
        self.media_type
    }

    /// The response: results streamed in the negotiated format, or an HTML
    /// page of the results for a browser.
    pub fn into_response(self, app: &App, request: &Request, text: &str) -> Response {
        if self.output == Output::Html {
            return match self.collect(super::html::MAX_TABLE_ROWS) {
                Ok(table) => super::html::results_page(app, request, text, &table),
                Err(error) => error.into(),
            };
        }
        let media_type = self.media_type;
        let mut response = Response::new(
            StatusCode::OK,
            media_type,
            super::message::Body::Stream(Box::new(move |out: &mut dyn Write| self.write(out))),
        );
        response.headers.insert(header::VARY, HeaderValue::from_static("Accept"));
        response
    }

    fn write(self, out: &mut dyn Write) -> io::Result<()> {
        let Self { results, output, guard, base, .. } = self;
        let cancelled = |e: QueryEvaluationError| match e {
            QueryEvaluationError::Cancelled => io::Error::new(io::ErrorKind::TimedOut, "the query was cancelled"),
            e => io::Error::other(e),
        };
        match (results, output) {
            (Peeked::Boolean(value), Output::Results(format)) => {
                QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(out, value)?;
            }
            (Peeked::Solutions { variables, first, rest }, Output::Results(format)) => {
                let mut serializer =
                    QueryResultsSerializer::from_format(format).serialize_solutions_to_writer(out, variables)?;
                for solution in first.into_iter().map(Ok).chain(rest) {
                    let solution = solution.map_err(cancelled)?;
                    if guard.expired() {
                        return Err(io::Error::new(io::ErrorKind::TimedOut, "the query ran past the timeout"));
                    }
                    serializer.serialize(&solution)?;
                }
                serializer.finish()?;
            }
            (Peeked::Graph { first, rest }, Output::Rdf(format)) => {
                let mut serializer = rdf_serializer(format, &base).for_writer(out);
                for triple in first.into_iter().map(Ok).chain(rest) {
                    let triple = triple.map_err(cancelled)?;
                    if guard.expired() {
                        return Err(io::Error::new(io::ErrorKind::TimedOut, "the query ran past the timeout"));
                    }
                    serializer.serialize_triple(&triple)?;
                }
                serializer.finish()?;
            }
            _ => return Err(io::Error::other("results and format do not match")),
        }
        Ok(())
    }

    /// Reads at most `limit` rows (or triples, as subject–predicate–object
    /// rows) for a table.
    pub fn collect(self, limit: usize) -> Result<Table, HttpError> {
        let cancelled = |e: QueryEvaluationError| match e {
            QueryEvaluationError::Cancelled => {
                HttpError::new(StatusCode::SERVICE_UNAVAILABLE, "the query ran past the timeout and was cancelled")
            }
            e => HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the query failed: {e}")),
        };
        let mut table = Table::default();
        match self.results {
            Peeked::Boolean(value) => table.boolean = Some(value),
            Peeked::Solutions { variables, first, rest } => {
                table.variables = variables.iter().map(|v| v.as_str().to_owned()).collect();
                for solution in first.into_iter().map(Ok).chain(rest) {
                    let solution = solution.map_err(cancelled)?;
                    if table.rows.len() == limit {
                        table.truncated = true;
                        break;
                    }
                    table.rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
            }
            Peeked::Graph { first, rest } => {
                table.variables = ["subject", "predicate", "object"].map(str::to_owned).to_vec();
                for triple in first.into_iter().map(Ok).chain(rest) {
                    let triple = triple.map_err(cancelled)?;
                    if table.rows.len() == limit {
                        table.truncated = true;
                        break;
                    }
                    table.rows.push(vec![
                        Some(triple.subject.into()),
                        Some(triple.predicate.into()),
                        Some(triple.object),
                    ]);
                }
            }
        }
        if self.guard.expired() {
            return Err(HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the query ran past the timeout and was cancelled",
            ));
        }
        Ok(table)
    }
}

/// Results read into memory, for a page.
#[derive(Debug, Default)]
pub struct Table {
    /// Column names.
    pub variables: Vec<String>,
    /// Rows, a cell per column (`None` unbound).
    pub rows: Vec<Vec<Option<Term>>>,
    /// An ASK answer.
    pub boolean: Option<bool>,
    /// Whether rows were left out.
    pub truncated: bool,
}

/// The service description (SPARQL 1.1 Service Description), in the RDF
/// format the client accepts (Turtle by default).
fn service_description(app: &App, request: &Request) -> Response {
    let offers = if app.pages { RDF_OFFERS } else { &RDF_OFFERS[..RDF_OFFERS.len() - 1] };
    let format = match negotiate(request.header(header::ACCEPT), offers) {
        None => return HttpError::not_acceptable(&offered(offers)).into(),
        // A browser opening the endpoint gets the query form.
        Some(Output::Html | Output::Results(_)) => return super::html::query_page(app, request),
        Some(Output::Rdf(format)) => format,
    };
    let sd = |local: &str| NamedNode::new_unchecked(format!("http://www.w3.org/ns/sparql-service-description#{local}"));
    let formats = |iri: &str| NamedNode::new_unchecked(format!("http://www.w3.org/ns/formats/{iri}"));
    let rdf_type = NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let service = BlankNode::new_unchecked("service");
    let dataset = BlankNode::new_unchecked("dataset");
    let default_graph = BlankNode::new_unchecked("defaultGraph");
    let mut triples: Vec<Triple> = vec![
        Triple::new(service.clone(), rdf_type, sd("Service")),
        Triple::new(service.clone(), sd("endpoint"), endpoint_iri(app, request)),
        Triple::new(service.clone(), sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple::new(service.clone(), sd("feature"), sd("UnionDefaultGraph")),
        Triple::new(service.clone(), sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf_type, sd("Dataset")),
        Triple::new(dataset.clone(), sd("defaultGraph"), default_graph.clone()),
        Triple::new(default_graph.clone(), rdf_type, sd("Graph")),
        Triple::new(
            default_graph,
            NamedNodeRef::new_unchecked("http://www.w3.org/2000/01/rdf-schema#comment"),
            Literal::new_simple_literal("the union of every named graph of the store"),
        ),
    ];
    for name in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "RDF_XML",
        "JSON-LD",
    ] {
        triples.push(Triple::new(service.clone(), sd("resultFormat"), formats(name)));
    }
    let media_type = format.media_type();
    let body = move |out: &mut dyn Write| -> io::Result<()> {
        let mut serializer = RdfSerializer::from_format(format)
            .with_prefix("sd", "http://www.w3.org/ns/sparql-service-description#")
            .map_err(io::Error::other)?
            .for_writer(out);
        for triple in &triples {
            serializer.serialize_triple(triple)?;
        }
        serializer.finish()?;
        Ok(())
    };
    let mut response = Response::new(StatusCode::OK, media_type, super::message::Body::Stream(Box::new(body)));
    response.headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

/// Graph Store Protocol reads at `/store`: `?graph=IRI` (404 when the store
/// has no such graph), `?default` (the union of the graphs, the endpoint's
/// default graph), or neither (the whole dataset, in a format with graphs).
/// Writes are refused (403).
pub fn graph_store(app: &App, request: &Request) -> Response {
    match request.method {
        Method::GET | Method::HEAD => {}
        Method::PUT | Method::POST | Method::DELETE | Method::PATCH => return read_only().into(),
        _ => {
            return HttpError::new(StatusCode::METHOD_NOT_ALLOWED, "the graph store is read here with GET or HEAD")
                .into();
        }
    }
    let pairs = request.query_pairs();
    let graph = pairs.iter().find(|(n, _)| n == "graph").map(|(_, v)| v.clone());
    let default = pairs.iter().any(|(n, _)| n == "default");
    let accept = request.header(header::ACCEPT);
    let target = match (graph, default) {
        (Some(_), true) => return HttpError::bad_request("give either `graph` or `default`, not both").into(),
        (Some(iri), false) => match NamedNode::new(&iri) {
            Err(e) => return HttpError::bad_request(format!("graph {iri:?} is not an absolute IRI: {e}")).into(),
            Ok(graph) => match app.store.contains_named_graph(&graph) {
                Ok(true) => Some(Some(graph)),
                Ok(false) => return HttpError::not_found(format!("the store has no graph <{graph}>")).into(),
                Err(e) => return HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into(),
            },
        },
        (None, true) => Some(None),
        (None, false) => None,
    };
    let graph_offers = &RDF_OFFERS[..RDF_OFFERS.len() - 1];
    let dataset_offers: &[(&str, Output)] = &[
        ("application/n-quads", Output::Rdf(RdfFormat::NQuads)),
        ("application/trig", Output::Rdf(RdfFormat::TriG)),
        ("application/ld+json", Output::Rdf(JSON_LD)),
    ];
    let offers = if target.is_some() { graph_offers } else { dataset_offers };
    let Some(Output::Rdf(format)) = negotiate(accept, offers) else {
        return HttpError::not_acceptable(&offered(offers)).into();
    };
    let store = app.store.clone();
    let base = app.options.base.clone();
    let head = request.method == Method::HEAD;
    let body = move |out: &mut dyn Write| -> io::Result<()> {
        if head {
            return Ok(());
        }
        let mut serializer = rdf_serializer(format, &base).for_writer(out);
        let quads: Box<dyn Iterator<Item = Result<Quad, _>>> = match &target {
            Some(Some(graph)) => {
                Box::new(store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))))
            }
            Some(None) | None => Box::new(store.iter()),
        };
        for quad in quads {
            let quad = quad.map_err(io::Error::other)?;
            if target.is_some() {
                serializer.serialize_triple(&Triple::from(quad))?;
            } else {
                serializer.serialize_quad(&quad)?;
            }
        }
        serializer.finish()?;
        Ok(())
    };
    let mut response = Response::new(StatusCode::OK, format.media_type(), super::message::Body::Stream(Box::new(body)));
    response.headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}
