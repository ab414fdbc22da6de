//! The load stage: puts a store's graphs into an external triple store over
//! HTTP, with the SPARQL 1.1 Graph Store Protocol or SPARQL 1.1 Update.
//!
//! It takes a [`Store`] (a persistent one, or articles converted in memory)
//! and [`Options`] (endpoint, protocol, credentials, limits) and hands on the
//! same named graphs on the server, each verified by a `COUNT` query. A
//! replaced graph is sent in one `PUT` (Graph Store) or staged in a side
//! graph by `INSERT DATA` batches and moved onto the target in one request
//! (Update), so readers see the old graph or the whole new one; a merged
//! graph (the shared entity graph, or any with `--append`) is added to with
//! `POST` or `INSERT DATA`, which RDF set semantics makes idempotent. Bodies
//! are N-Triples, streamed from the store; blank nodes are skolemized.
//! Connection failures, timeouts and 5xx answers are retried with
//! exponential backoff; 4xx are not. The password is sent in Authorization
//! headers only (Basic, or Digest when the server's challenge asks for it).

mod body;
mod http;
mod update;

use std::io::{self, Write};
use std::time::Duration;

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};
use oxigraph::store::{StorageError, Store};

pub use http::{Credentials, MAX_TOTAL_BACKOFF, backoff, backoff_schedule};

use http::{Body, Client, Request};
use update::Batches;

/// Default most triples per `INSERT DATA` request (Virtuoso fails near 1,500).
pub const DEFAULT_BATCH_TRIPLES: u64 = 500;
/// Default most bytes per `INSERT DATA` request.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 1 << 20;
/// Default seconds to connect and to wait for an answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default further attempts after a transient failure.
pub const DEFAULT_RETRIES: u32 = 4;

const N_TRIPLES: &str = "application/n-triples";
const SPARQL_UPDATE: &str = "application/sparql-update";
const FORM: &str = "application/x-www-form-urlencoded";
const RESULTS_JSON: &str = "application/sparql-results+json";

/// How data travels to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SPARQL 1.1 Graph Store HTTP Protocol (`PUT`/`POST ?graph=IRI`).
    GraphStore,
    /// SPARQL 1.1 Update (`INSERT DATA`, staging graph, `MOVE`).
    Update,
}

/// What a load does to a graph on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The server's graph becomes exactly what is sent.
    Replace,
    /// What is sent is added to the server's graph.
    Merge,
}

impl Mode {
    /// `replaced` or `merged`, as the report says.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Replace => "replaced",
            Mode::Merge => "merged",
        }
    }
}

/// Where the store's content came from, which decides how the shared entity
/// graph is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A persistent store: it holds every article's entities, so the entity
    /// graph is replaced.
    Store,
    /// Articles converted now: other articles' entities already on the
    /// server must stay, so the entity graph is merged.
    Articles,
}

/// How to reach the server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Graph Store URL (`Protocol::GraphStore`) or Update URL (`Protocol::Update`).
    pub endpoint: String,
    /// The protocol.
    pub protocol: Protocol,
    /// Query URL for the verification counts (derived from `endpoint` when
    /// `None`, see [`derive_query_endpoint`]).
    pub query_endpoint: Option<String>,
    /// User and password, if the server asks for them.
    pub credentials: Option<Credentials>,
    /// Most triples per `INSERT DATA` request.
    pub batch_triples: u64,
    /// Most bytes per `INSERT DATA` request.
    pub max_request_bytes: usize,
    /// Time to connect, and to wait for each answer.
    pub timeout: Duration,
    /// Further attempts after a transient failure.
    pub retries: u32,
    /// Accept any TLS certificate.
    pub insecure: bool,
    /// Base IRI (skolem IRIs are minted under it).
    pub base: String,
}

impl Options {
    /// Options with the defaults for `endpoint` and `protocol`.
    pub fn new(endpoint: impl Into<String>, protocol: Protocol, base: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            protocol,
            query_endpoint: None,
            credentials: None,
            batch_triples: DEFAULT_BATCH_TRIPLES,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            timeout: DEFAULT_TIMEOUT,
            retries: DEFAULT_RETRIES,
            insecure: false,
            base: base.into(),
        }
    }
}

/// One graph to put on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphPlan {
    /// The graph on the server.
    pub target: NamedNode,
    /// The store's graphs whose triples go into it.
    pub sources: Vec<GraphName>,
    /// Replace or merge.
    pub mode: Mode,
}

/// Why a load could not be set up, or failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// An endpoint URL that cannot be used.
    #[error("{url}: {reason}")]
    BadUrl {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// No query endpoint given and none derivable.
    #[error(
        "cannot tell the query endpoint of {endpoint} (known layouts: …/store, …/update, …/sparql-graph-crud-auth, \
         …/sparql-graph-crud, …/sparql-auth); give --query-endpoint URL"
    )]
    NoQueryEndpoint {
        /// The endpoint given.
        endpoint: String,
    },
    /// A limit that cannot be honoured.
    #[error("{0}")]
    BadOption(String),
    /// The server answered 401.
    #[error("{method} {url}: 401 Unauthorized{}{}", match user {
        Some(user) => format!(": the server refused the credentials of user {user:?} (wrong user or password?)"),
        None => ": the server asks for credentials (give --user and --password-env)".to_owned(),
    }, if excerpt.is_empty() { String::new() } else { format!("\n{excerpt}") })]
    Unauthorized {
        /// The method.
        method: &'static str,
        /// The URL.
        url: String,
        /// The user whose credentials were refused, if any were sent.
        user: Option<String>,
        /// The first lines of the server's answer.
        excerpt: String,
    },
    /// The server answered with an error status.
    #[error("{method} {url}: HTTP {status} {reason}{}", if excerpt.is_empty() { String::new() } else { format!("\n{excerpt}") })]
    Status {
        /// The method.
        method: &'static str,
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// Its reason phrase.
        reason: String,
        /// The first lines of the server's answer.
        excerpt: String,
    },
    /// The server could not be reached, or did not answer in time.
    #[error("{method} {url}: {cause}")]
    Connection {
        /// The method.
        method: &'static str,
        /// The URL.
        url: String,
        /// What happened.
        cause: String,
    },
    /// A transient failure that outlasted the retries.
    #[error("{source} (gave up after {attempts} attempts)")]
    GaveUp {
        /// Attempts made.
        attempts: usize,
        /// The last failure.
        source: Box<LoadError>,
    },
    /// The count on the server is not what was sent.
    #[error("{graph}: the server holds {found} triples after the load, expected {}{expected}", if *replaced { "" } else { "at least " })]
    Mismatch {
        /// The graph.
        graph: String,
        /// Triples sent.
        expected: u64,
        /// Triples counted on the server.
        found: u64,
        /// Whether the graph was replaced (else merged).
        replaced: bool,
    },
    /// The count query's answer could not be read.
    #[error("{url}: cannot read the answer to the count query: {reason}")]
    BadAnswer {
        /// The query endpoint.
        url: String,
        /// Why.
        reason: String,
    },
    /// A graph failed; earlier graphs are loaded.
    #[error("{graph}: {source}")]
    Graph {
        /// The graph.
        graph: String,
        /// What went wrong.
        source: Box<LoadError>,
    },
    /// Triples in the default graph with no `--graph` to put them in.
    #[error("the source has {count} triples in the default graph; give --graph IRI to load them into a named graph")]
    DefaultGraph {
        /// How many.
        count: usize,
    },
    /// A graph named by a blank node.
    #[error("the source has a graph named by the blank node {name}; give --graph IRI")]
    BlankGraphName {
        /// The blank node.
        name: String,
    },
    /// An RDF 1.2 triple term, which the servers' protocols cannot carry.
    #[error("cannot load the RDF 1.2 triple term {triple}")]
    TripleTerm {
        /// The triple term.
        triple: String,
    },
    /// One triple larger than the byte cap of a request.
    #[error(
        "a triple needs an INSERT DATA request of {bytes} bytes, more than --max-request-bytes {limit}; raise the limit"
    )]
    TripleTooLarge {
        /// Bytes the request needs.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// Serializing failed.
    #[error("cannot serialize N-Triples: {0}")]
    Serialize(#[source] io::Error),
    /// Counting the source's triples failed.
    #[error("cannot count the triples of the source: {0}")]
    LocalCount(String),
    /// Opening or reading the source store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Reading the source store failed.
    #[error("store error: {0}")]
    Storage(#[from] StorageError),
    /// Writing the report failed.
    #[error(transparent)]
    Output(io::Error),
}

impl LoadError {
    /// Whether the error is in how the load was asked for (a usage error),
    /// not in the data, the network or the server.
    pub fn is_usage(&self) -> bool {
        matches!(self, Self::BadUrl { .. } | Self::NoQueryEndpoint { .. } | Self::BadOption(_))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, as a
/// query parameter value needs (`?graph=…`, `query=…`).
///
/// ```
/// assert_eq!(newskg::load::percent_encode("https://ex.org/a b#c"), "https%3A%2F%2Fex.org%2Fa%20b%23c");
/// ```
pub fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, UNRESERVED_KEPT).to_string()
}

/// Everything but RFC 3986's unreserved characters is encoded.
const UNRESERVED_KEPT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The Graph Store URL of `graph` at `endpoint`: `endpoint?graph=<encoded IRI>`.
pub fn graph_url(endpoint: &str, graph: &NamedNode) -> String {
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{separator}graph={}", percent_encode(graph.as_str()))
}

/// The query endpoint beside a Graph Store or Update endpoint, in the
/// layouts of Oxigraph server (`/store`, `/update` → `/query`), Fuseki
/// (`/update` → `/query`) and Virtuoso (`/sparql-graph-crud-auth` →
/// `/sparql-auth`, `/sparql-graph-crud` → `/sparql`, `/sparql-auth` itself).
///
/// ```
/// use newskg::load::derive_query_endpoint;
/// assert_eq!(derive_query_endpoint("http://h:7878/store").as_deref(), Some("http://h:7878/query"));
/// assert_eq!(derive_query_endpoint("http://h/graphs"), None);
/// ```
pub fn derive_query_endpoint(endpoint: &str) -> Option<String> {
    let (path, query) = match endpoint.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (endpoint, None),
    };
    const LAYOUTS: [(&str, &str); 5] = [
        ("/store", "/query"),
        ("/update", "/query"),
        ("/sparql-graph-crud-auth", "/sparql-auth"),
        ("/sparql-graph-crud", "/sparql"),
        ("/sparql-auth", "/sparql-auth"),
    ];
    let (suffix, replacement) = LAYOUTS.iter().find(|(suffix, _)| path.ends_with(suffix))?;
    let derived = format!("{}{replacement}", &path[..path.len() - suffix.len()]);
    Some(match query {
        Some(query) => format!("{derived}?{query}"),
        None => derived,
    })
}

/// Checks an endpoint URL: http or https, a host, no user or password in it.
pub fn check_url(url: &str) -> Result<(), LoadError> {
    let bad = |reason: &str| LoadError::BadUrl { url: url.to_owned(), reason: reason.to_owned() };
    let uri: ureq::http::Uri = url.parse().map_err(|_| bad("not a valid URL"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(bad("the URL must start with http:// or https://")),
    }
    let authority = uri.authority().ok_or_else(|| bad("the URL has no host"))?;
    if authority.as_str().contains('@') {
        // Say nothing of what is in it: it may be a password.
        return Err(LoadError::BadUrl {
            url: format!(
                "{}://…@{}{}{}",
                uri.scheme_str().unwrap_or("http"),
                authority.host(),
                authority.port().map(|p| format!(":{p}")).unwrap_or_default(),
                uri.path()
            ),
            reason: "credentials in the URL are not accepted; give --user and --password-env".to_owned(),
        });
    }
    Ok(())
}

/// The graphs to load: each named graph of the store under its own name
/// (the entity graph merged when the source is articles, everything merged
/// with `append`), or everything into `graph`.
pub fn plan(
    store: &Store,
    origin: Origin,
    base: &str,
    graph: Option<NamedNode>,
    append: bool,
) -> Result<Vec<GraphPlan>, LoadError> {
    let mut named = Vec::new();
    for name in crate::store::graphs(store)? {
        match name {
            NamedOrBlankNode::NamedNode(n) => named.push(n),
            NamedOrBlankNode::BlankNode(b) => return Err(LoadError::BlankGraphName { name: b.to_string() }),
        }
    }
    let default_count = store.quads_for_pattern(None, None, None, Some(GraphName::DefaultGraph.as_ref())).count();
    if let Some(target) = graph {
        let mut sources: Vec<GraphName> = named.into_iter().map(GraphName::NamedNode).collect();
        if default_count > 0 {
            sources.insert(0, GraphName::DefaultGraph);
        }
        let mode = if append { Mode::Merge } else { Mode::Replace };
        return Ok(vec![GraphPlan { target, sources, mode }]);
    }
    if default_count > 0 {
        return Err(LoadError::DefaultGraph { count: default_count });
    }
    let entity_graph = crate::map::Iris::new(base, "").entity_graph();
    Ok(named
        .into_iter()
        .map(|target| {
            let mode = if append || (origin == Origin::Articles && target == entity_graph) {
                Mode::Merge
            } else {
                Mode::Replace
            };
            GraphPlan { sources: vec![GraphName::NamedNode(target.clone())], target, mode }
        })
        .collect())
}

/// What a load did to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphReport {
    /// The graph on the server.
    pub graph: NamedNode,
    /// Distinct triples sent.
    pub triples: u64,
    /// Replaced or merged.
    pub mode: Mode,
}

/// What a load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Triples sent, summed over graphs.
    pub triples: u64,
    /// Graphs loaded.
    pub graphs: usize,
}

/// Loads graphs of a store into one server.
pub struct Loader<'a> {
    store: &'a Store,
    options: &'a Options,
    query_endpoint: String,
    client: Client,
}

impl<'a> Loader<'a> {
    /// A loader; checks the URLs and limits (errors here are usage errors).
    pub fn new(store: &'a Store, options: &'a Options) -> Result<Self, LoadError> {
        check_url(&options.endpoint)?;
        let query_endpoint = match &options.query_endpoint {
            Some(url) => url.clone(),
            None => derive_query_endpoint(&options.endpoint)
                .ok_or_else(|| LoadError::NoQueryEndpoint { endpoint: options.endpoint.clone() })?,
        };
        check_url(&query_endpoint)?;
        if options.batch_triples == 0 {
            return Err(LoadError::BadOption("--batch-triples must be at least 1".into()));
        }
        if options.max_request_bytes < 256 {
            return Err(LoadError::BadOption("--max-request-bytes must be at least 256".into()));
        }
        let client = Client::new(options.credentials.clone(), options.timeout, options.retries, options.insecure);
        Ok(Self { store, options, query_endpoint, client })
    }

    /// The query endpoint the counts go to.
    pub fn query_endpoint(&self) -> &str {
        &self.query_endpoint
    }

    /// Quads to send for `plans` (for a progress bar's length).
    pub fn quads(&self, plans: &[GraphPlan]) -> u64 {
        plans.iter().map(|p| body::quads(self.store, &p.sources).count() as u64).sum()
    }

    /// Writes one line per request a load would make (method, URL, bytes,
    /// triples), sending nothing.
    pub fn dry_run(&self, plans: &[GraphPlan], out: &mut dyn Write) -> Result<Summary, LoadError> {
        let mut summary = Summary::default();
        let mut requests = 0;
        let mut line = |method: &str, url: &str, bytes: u64, triples: u64, what: &str| {
            requests += 1;
            writeln!(out, "{method} {url}  {bytes} bytes  {triples} triples  ({what})").map_err(LoadError::Output)
        };
        for plan in plans {
            let triples = self.distinct_triples(plan)?;
            let count_bytes = |graph: &NamedNode| form_body(&update::count_query(graph)).len() as u64;
            let verb = plan.mode.as_str();
            match self.options.protocol {
                Protocol::GraphStore => {
                    let (sent, bytes) = body::measure(body::quads(self.store, &plan.sources), &self.options.base)?;
                    let method = if plan.mode == Mode::Replace { "PUT" } else { "POST" };
                    let url = graph_url(&self.options.endpoint, &plan.target);
                    line(method, &url, bytes, sent, &format!("{} {verb}", plan.target))?;
                }
                Protocol::Update => {
                    let endpoint = &self.options.endpoint;
                    let into = match plan.mode {
                        Mode::Replace => update::staging_graph(&plan.target),
                        Mode::Merge => plan.target.clone(),
                    };
                    if plan.mode == Mode::Replace {
                        let text = update::drop_graph(&into);
                        line("POST", endpoint, text.len() as u64, 0, &text)?;
                    }
                    for batch in self.batches(plan, &into) {
                        let batch = batch?;
                        let what = format!("INSERT DATA into {into}");
                        line("POST", endpoint, batch.text.len() as u64, batch.triples, &what)?;
                    }
                    if plan.mode == Mode::Replace {
                        let what = format!("count {into}");
                        line("POST", &self.query_endpoint, count_bytes(&into), 0, &what)?;
                        let text = update::swap(&into, &plan.target);
                        line("POST", endpoint, text.len() as u64, 0, &text.replace('\n', " "))?;
                    }
                }
            }
            line("POST", &self.query_endpoint, count_bytes(&plan.target), 0, &format!("count {}", plan.target))?;
            summary.triples += triples;
            summary.graphs += 1;
        }
        writeln!(
            out,
            "dry run: {requests} requests, {} triples in {} graphs; nothing sent",
            summary.triples, summary.graphs
        )
        .map_err(LoadError::Output)?;
        Ok(summary)
    }

    /// Loads every plan in turn; after each graph is verified, calls
    /// `on_graph`. `on_triples` hears triples as they are sent.
    pub fn load(
        &self,
        plans: &[GraphPlan],
        on_triples: &dyn Fn(u64),
        on_graph: &mut dyn FnMut(&GraphReport) -> io::Result<()>,
    ) -> Result<Summary, LoadError> {
        let mut summary = Summary::default();
        for plan in plans {
            let in_graph = |source| LoadError::Graph { graph: plan.target.to_string(), source: Box::new(source) };
            let triples = self.distinct_triples(plan).map_err(in_graph)?;
            match self.options.protocol {
                Protocol::GraphStore => self.load_gsp(plan, on_triples),
                Protocol::Update => self.load_update(plan, triples, on_triples),
            }
            .map_err(in_graph)?;
            self.verify(&plan.target, triples, plan.mode).map_err(in_graph)?;
            let report = GraphReport { graph: plan.target.clone(), triples, mode: plan.mode };
            on_graph(&report).map_err(LoadError::Output)?;
            summary.triples += triples;
            summary.graphs += 1;
        }
        Ok(summary)
    }

    /// Distinct triples of a plan: the quads of its one graph, or (several
    /// graphs into one) a DISTINCT count over them.
    fn distinct_triples(&self, plan: &GraphPlan) -> Result<u64, LoadError> {
        if let [single] = plan.sources.as_slice() {
            return Ok(body::quads(self.store, std::slice::from_ref(single)).count() as u64);
        }
        // Every graph of the store goes into one: count over their union.
        let text = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }";
        let local = |e: &dyn std::fmt::Display| LoadError::LocalCount(e.to_string());
        let results = oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(text)
            .map_err(|e| local(&e))?
            .on_store(self.store)
            .execute()
            .map_err(|e| local(&e))?;
        if let oxigraph::sparql::QueryResults::Solutions(mut solutions) = results
            && let Some(Ok(solution)) = solutions.next()
            && let Some(oxigraph::model::Term::Literal(n)) = solution.get("n")
            && let Ok(n) = n.value().parse()
        {
            return Ok(n);
        }
        Err(LoadError::LocalCount("no count".into()))
    }

    fn batches(&self, plan: &GraphPlan, into: &NamedNode) -> Batches {
        let quads = body::quads(self.store, &plan.sources);
        let options = self.options;
        Batches::new(quads, &options.base, into, options.batch_triples, options.max_request_bytes)
    }

    fn load_gsp(&self, plan: &GraphPlan, on_triples: &dyn Fn(u64)) -> Result<(), LoadError> {
        let (_, bytes) = body::measure(body::quads(self.store, &plan.sources), &self.options.base)?;
        let url = graph_url(&self.options.endpoint, &plan.target);
        self.client.prepare_auth(&url)?;
        let open = || -> Box<dyn io::Read + '_> {
            Box::new(body::NTriplesReader::new(body::quads(self.store, &plan.sources), &self.options.base, on_triples))
        };
        let method = if plan.mode == Mode::Replace { "PUT" } else { "POST" };
        let request = Request {
            method,
            url: &url,
            content_type: Some(N_TRIPLES),
            accept: None,
            body: Body::Stream { len: bytes, open: &open },
        };
        self.client.send(&request)?;
        Ok(())
    }

    fn update<'b>(&'b self, text: &'b [u8]) -> Request<'b> {
        Request {
            method: "POST",
            url: &self.options.endpoint,
            content_type: Some(SPARQL_UPDATE),
            accept: None,
            body: Body::Bytes(text),
        }
    }

    fn load_update(&self, plan: &GraphPlan, triples: u64, on_triples: &dyn Fn(u64)) -> Result<(), LoadError> {
        let send_batches = |into: &NamedNode| -> Result<(), LoadError> {
            for batch in self.batches(plan, into) {
                let batch = batch?;
                self.client.send(&self.update(&batch.text))?;
                on_triples(batch.triples);
            }
            Ok(())
        };
        if plan.mode == Mode::Merge {
            return send_batches(&plan.target);
        }
        let staging = update::staging_graph(&plan.target);
        let drop_staging = update::drop_graph(&staging);
        self.client.send(&self.update(drop_staging.as_bytes()))?;
        let staged = send_batches(&staging).and_then(|()| {
            let found = self.count(&staging)?;
            if found == triples {
                Ok(())
            } else {
                Err(LoadError::Mismatch { graph: staging.to_string(), expected: triples, found, replaced: true })
            }
        });
        let swapped = staged.and_then(|()| self.swap(&staging, &plan.target, triples));
        if swapped.is_err() {
            // Best effort: the error to report is the one that stopped the load.
            let _ = self.client.send_once(&self.update(drop_staging.as_bytes()));
        }
        swapped
    }

    /// Moves the staging graph onto the target. Not blindly retried: when
    /// the answer is lost, the first request may have done the move, and
    /// doing it again would empty the target. So before each retry the
    /// counts say what happened.
    fn swap(&self, staging: &NamedNode, target: &NamedNode, triples: u64) -> Result<(), LoadError> {
        let text = update::swap(staging, target);
        let waits = backoff_schedule(self.options.retries);
        let mut attempt = 0;
        loop {
            let error = match self.client.send_once(&self.update(text.as_bytes())) {
                Ok(_) => return Ok(()),
                Err(error @ (LoadError::Connection { .. } | LoadError::Status { status: 500.., .. })) => error,
                Err(error) => return Err(error),
            };
            let Some(wait) = waits.get(attempt) else {
                return Err(if attempt == 0 {
                    error
                } else {
                    LoadError::GaveUp { attempts: attempt + 1, source: Box::new(error) }
                });
            };
            std::thread::sleep(*wait);
            attempt += 1;
            match (self.count(staging), self.count(target)) {
                (Ok(0), Ok(found)) if found == triples => return Ok(()),
                (Ok(staged), _) if staged == triples => continue,
                _ => return Err(error),
            }
        }
    }

    fn verify(&self, graph: &NamedNode, triples: u64, mode: Mode) -> Result<(), LoadError> {
        let found = self.count(graph)?;
        let ok = match mode {
            Mode::Replace => found == triples,
            Mode::Merge => found >= triples,
        };
        if ok {
            Ok(())
        } else {
            Err(LoadError::Mismatch {
                graph: graph.to_string(),
                expected: triples,
                found,
                replaced: mode == Mode::Replace,
            })
        }
    }

    /// Triples in `graph` on the server.
    fn count(&self, graph: &NamedNode) -> Result<u64, LoadError> {
        let form = form_body(&update::count_query(graph));
        let request = Request {
            method: "POST",
            url: &self.query_endpoint,
            content_type: Some(FORM),
            accept: Some(RESULTS_JSON),
            body: Body::Bytes(form.as_bytes()),
        };
        let answer = self.client.send(&request)?;
        let bad = |reason: String| LoadError::BadAnswer { url: self.query_endpoint.clone(), reason };
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_slice(&answer)
            .map_err(|e| bad(format!("{e}: {}", http::excerpt(&answer))))?;
        let SliceQueryResultsParserOutput::Solutions(mut solutions) = parsed else {
            return Err(bad("a boolean instead of a table".into()));
        };
        let solution = solutions.next().ok_or_else(|| bad("no row".into()))?.map_err(|e| bad(e.to_string()))?;
        let value = solution.get("n").ok_or_else(|| bad("no ?n".into()))?;
        match value {
            oxigraph::model::Term::Literal(l) => l.value().parse().map_err(|_| bad(format!("?n is {value}"))),
            other => Err(bad(format!("?n is {other}"))),
        }
    }
}

/// `query=<percent-encoded text>`.
fn form_body(query: &str) -> String {
    format!("query={}", percent_encode(query))
}

#[cfg(test)]
mod tests;
