//! The query stage: the bundled SPARQL queries and the running of any query
//! against a store.
//!
//! Bundled queries live in `queries/*.rq`, embedded in the binary; each opens
//! with a comment giving its name, title and the question it answers. A query
//! runs over the union of the store's graphs, with parameters bound as RDF
//! terms (never spliced in as the user typed them), an optional timeout, and
//! results written as a table or in a W3C SPARQL results format.

use std::io::Write;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;

mod diagnostic;
mod params;
mod table;

pub use diagnostic::{QueryOrigin, SyntaxError};
pub use params::{Page, declared_page_size};
pub use table::{Overflow, TableLayout};

/// A query shipped with newskg.
#[derive(Debug, Clone, Copy)]
pub struct BundledQuery {
    /// Its name, used on the command line.
    pub name: &'static str,
    /// The SPARQL text, header comment included.
    pub text: &'static str,
}

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        /// Every bundled query, sorted by name.
        pub const BUNDLED: &[BundledQuery] = &[
            $(BundledQuery { name: $name, text: include_str!(concat!("../queries/", $name, ".rq")) }),*
        ];
    };
}

bundled!(
    "actors",
    "anonymous-claims-by-publisher",
    "anonymous-sources",
    "cancelled-and-planned-events",
    "cooccurrences",
    "entity-timeline",
    "evidence",
    "mentions",
    "most-mentioned",
    "most-quoted",
    "places",
    "six-party-participants",
    "timeline",
    "uncertain-claims",
    "who-said-what",
);

impl BundledQuery {
    /// Looks a bundled query up by name.
    pub fn find(name: &str) -> Option<Self> {
        BUNDLED.iter().copied().find(|q| q.name == name)
    }

    fn header(&self, key: &str) -> Option<&'static str> {
        self.text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.trim_start_matches('#').trim().strip_prefix(key)?.strip_prefix(':'))
            .map(str::trim)
    }

    /// Its title.
    pub fn title(&self) -> &'static str {
        self.header("title").unwrap_or(self.name)
    }

    /// The question it answers.
    pub fn answers(&self) -> &'static str {
        self.header("answers").unwrap_or_default()
    }

    /// A parameter binding to run it with, if it needs one (`NAME=VALUE`).
    pub fn example_param(&self) -> Option<&'static str> {
        self.header("example-param")
    }
}

/// Why a query could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// No bundled query of that name.
    #[error("no bundled query named `{name}`{}", suggestion_text(suggestion.as_deref()))]
    UnknownQuery {
        /// The name asked for.
        name: String,
        /// The nearest bundled name.
        suggestion: Option<String>,
    },
    /// The SPARQL text does not parse: where, why, and the line with a
    /// caret under the place.
    #[error("{0}")]
    Syntax(Box<SyntaxError>),
    /// A parameter is not `NAME=VALUE` with a valid RDF term, or names a
    /// variable the query does not have.
    #[error("--param {param}: {reason}{}", caret("--param", param, *place))]
    BadParam {
        /// The parameter as given.
        param: String,
        /// What is wrong.
        reason: String,
        /// Where in the parameter (in characters), when one place is wrong.
        place: Option<usize>,
    },
    /// The query stopped with an error.
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// The query ran longer than its timeout.
    #[error("query stopped after the timeout of {0:?}")]
    Timeout(Duration),
    /// The results could not be written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// `--graph` names no graph of the store.
    #[error("--graph: the store has no graph {graph}{}", match suggestion {
        Some(s) => format!("; did you mean {s}?"),
        None => " (`newskg stats` counts its graphs)".to_owned(),
    })]
    NoSuchGraph {
        /// The graph asked for.
        graph: NamedNode,
        /// The store's graph closest to it, as an article id or an IRI.
        suggestion: Option<String>,
    },
    /// `--graph` given for a query that chooses its own dataset.
    #[error("--graph cannot be used with a query that has FROM or FROM NAMED: it chooses its own graphs")]
    DatasetConflict,
    /// `--graph` is neither an article id nor an IRI.
    #[error("--graph {value}: {reason}{}", caret("--graph", value, *place))]
    BadGraph {
        /// The value as given.
        value: String,
        /// What is wrong.
        reason: String,
        /// Where in the value (in characters), when one place is wrong.
        place: Option<usize>,
    },
    /// The store could not be read.
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
}

/// The graphs `--graph VALUE` selects.
///
/// VALUE is an article id (`moscow-times-2011-06-29-kim-meeting`), the
/// article's IRI, or any graph's IRI in angle brackets or not. An article
/// comes with the shared entity graph, which describes its entities (names,
/// types, Wikidata links), and its summary graph, which bundled queries read;
/// any other IRI selects that graph alone.
pub fn parse_graph(value: &str, base: &str) -> Result<Vec<NamedNode>, QueryError> {
    let iri = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(value);
    let graph = if crate::annotation::is_valid_id(iri) {
        crate::map::Iris::new(base, iri).article()
    } else {
        NamedNode::new(iri).map_err(|e| {
            let skipped = usize::from(iri.len() != value.len());
            let (reason, place) = match iri.chars().position(|c| c.is_whitespace() || "<>\"{}|^`\\".contains(c)) {
                Some(place) => (
                    format!("neither an article id nor an IRI: {} is in neither", describe(iri, place)),
                    Some(place + skipped),
                ),
                None if !iri.contains(':') => (
                    "neither an article id (lower-case letters, digits and `-`, starting with a letter) nor an \
                     absolute IRI (which begins with a scheme such as `https:`)"
                        .to_owned(),
                    Some(skipped),
                ),
                None => (format!("not a valid IRI ({e})"), None),
            };
            QueryError::BadGraph { value: value.to_owned(), reason, place }
        })?
    };
    let article_prefix = format!("{base}article/");
    match graph.as_str().strip_prefix(&article_prefix) {
        Some(id) if crate::annotation::is_valid_id(id) => Ok(vec![
            graph.clone(),
            crate::map::Iris::new(base, id).entity_graph(),
            crate::summary::article_graph(base, id),
        ]),
        _ => Ok(vec![graph]),
    }
}

/// The value again with a caret under `place`, on lines of their own.
fn caret(flag: &str, value: &str, place: Option<usize>) -> String {
    place.map(|p| format!("\n{}", diagnostic::value_caret(flag, value, p))).unwrap_or_default()
}

/// The character at `place` of `text`, in words.
fn describe(text: &str, place: usize) -> String {
    match text.chars().nth(place) {
        Some(' ') => "a space".to_owned(),
        Some(c) if c.is_whitespace() || c.is_control() => format!("the character {c:?}"),
        Some(c) => format!("`{c}`"),
        None => "the end".to_owned(),
    }
}

fn suggestion_text(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean `{s}`? `newskg queries` lists them all)"))
        .unwrap_or_else(|| " (`newskg queries` lists them)".to_owned())
}

/// Finds a bundled query or says which names are near.
pub fn bundled(name: &str) -> Result<BundledQuery, QueryError> {
    BundledQuery::find(name).ok_or_else(|| QueryError::UnknownQuery {
        name: name.to_owned(),
        suggestion: crate::suggest(name, BUNDLED.iter().map(|q| q.name)).map(str::to_owned),
    })
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// An aligned text table, for people.
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
}

/// A query ready to run: its text and its parameters, already validated.
#[derive(Debug, Clone)]
pub struct QueryRequest {
    /// The SPARQL text.
    pub text: String,
    /// Where the text comes from, for error messages.
    pub origin: QueryOrigin,
    /// The base IRI: the query may use newskg's prefixes (`entity:`, `id:`
    /// under it, `schema:`, `nkg:`…) without declaring them.
    pub base: String,
    /// Variables bound to terms.
    pub params: Vec<(Variable, Term)>,
    /// Stop the query after this long.
    pub timeout: Option<Duration>,
    /// How a table is laid out (for [`ResultsFormat::Table`]).
    pub table: TableLayout,
    /// The graphs the query reads, as its default graph and its only named
    /// graphs; empty for the union of every graph in the store.
    pub graphs: Vec<NamedNode>,
}

impl QueryRequest {
    /// A request for `text` with no parameters, no timeout, over every graph,
    /// tables as wide as their cells.
    pub fn new(text: impl Into<String>, origin: QueryOrigin, base: &str) -> Self {
        Self {
            text: text.into(),
            origin,
            base: base.to_owned(),
            params: Vec::new(),
            timeout: None,
            table: TableLayout::default(),
            graphs: Vec::new(),
        }
    }
}

/// Parses `NAME=VALUE` into a variable and a term.
///
/// VALUE is an IRI in angle brackets, a literal in N-Triples syntax
/// (`"x"`, `"x"@en`, `"2011"^^<…#gYear>`), a prefixed name with a prefix
/// newskg writes (`id:entity/dmitry-medvedev`, `schema:Person`), or else plain
/// text, which becomes a string literal. Whatever it is, it is bound as one
/// term: it never becomes query text.
pub fn parse_param(param: &str, base: &str) -> Result<(Variable, Term), QueryError> {
    let bad = |reason: String, place: Option<usize>| QueryError::BadParam { param: param.to_owned(), reason, place };
    let (name, value) = param.split_once('=').ok_or_else(|| bad("expected NAME=VALUE".to_owned(), None))?;
    let sigil = usize::from(name.starts_with(['?', '$']));
    let variable = Variable::new(&name[sigil..]).map_err(|_| {
        let place = name.chars().skip(sigil).position(|c| !(c.is_alphanumeric() || c == '_')).map(|p| p + sigil);
        let what = place.map(|p| describe(name, p)).unwrap_or_else(|| "it".to_owned());
        bad(format!("invalid variable name: {what} cannot be in a variable name (letters, digits and `_`)"), place)
    })?;
    // Places in the value, counted in the whole parameter.
    let at = |place: usize| name.chars().count() + 1 + place;
    let term: Term = if value.starts_with('<') {
        NamedNode::from_str(value)
            .map_err(|e| {
                let (reason, place) = iri_problem(value, &e.to_string());
                bad(format!("not a valid IRI: {reason}"), place.map(at))
            })?
            .into()
    } else if value.starts_with('"') {
        let literal = Literal::from_str(value).map_err(|e| {
            let (reason, place) = literal_problem(value, &e.to_string());
            bad(format!("not a valid RDF literal: {reason}"), place.map(at))
        })?;
        // The RDF parser checks a tag's form only: `@English` passes it.
        if let Some(Err(e)) = literal.language().map(crate::language::check) {
            let place = value.rfind('@').map(|i| value[..=i].chars().count());
            return Err(bad(format!("not a valid RDF literal: {e}"), place.map(at)));
        }
        literal.into()
    } else if value.starts_with("_:") {
        return Err(bad("a blank node cannot be bound; use an IRI".to_owned(), Some(at(0))));
    } else if let Some(iri) = expand_prefixed(value, base) {
        NamedNode::new(&iri).map_err(|e| bad(format!("not a valid IRI: {e}"), None))?.into()
    } else {
        Literal::new_simple_literal(value).into()
    };
    Ok((variable, term))
}

/// What is wrong with `<…>` and where (in characters).
fn iri_problem(value: &str, error: &str) -> (String, Option<usize>) {
    let chars: Vec<char> = value.chars().collect();
    let bad = chars.iter().skip(1).position(|c| c.is_whitespace() || c.is_control() || "<\"{}|^`\\".contains(*c));
    let close = chars.iter().position(|c| *c == '>');
    match (bad, close) {
        (Some(p), c) if c.is_none_or(|c| p + 1 < c) => {
            (format!("an IRI cannot hold {}", describe(value, p + 1)), Some(p + 1))
        }
        (_, None) => ("its closing `>` is missing".to_owned(), Some(chars.len())),
        (_, Some(c)) if c + 1 < chars.len() => {
            ("text follows its closing `>`: an IRI is one term".to_owned(), Some(c + 1))
        }
        _ if !value.contains(':') => {
            ("it is not absolute: it must begin with a scheme such as `https:`".to_owned(), Some(1))
        }
        _ => (error.to_owned(), None),
    }
}

/// What is wrong with `"…"…` and where (in characters).
fn literal_problem(value: &str, error: &str) -> (String, Option<usize>) {
    let chars: Vec<char> = value.chars().collect();
    let mut i = 1;
    while i < chars.len() && chars[i] != '"' {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    if i >= chars.len() {
        return ("its closing `\"` is missing (write `\\\"` for a quote inside it)".to_owned(), Some(chars.len()));
    }
    let rest: String = chars[i + 1..].iter().collect();
    if let Some(tag) = rest.strip_prefix('@') {
        if let Err(e) = crate::language::check(tag) {
            return (e.to_string(), Some(i + 2));
        }
    } else if let Some(datatype) = rest.strip_prefix("^^") {
        if !datatype.starts_with('<') {
            return ("`^^` is followed by the datatype's IRI in `<…>`".to_owned(), Some(i + 3));
        }
        let (reason, place) = iri_problem(datatype, error);
        return (format!("its datatype: {reason}"), place.map(|p| i + 3 + p));
    } else if !rest.is_empty() {
        return ("text follows its closing `\"` (write `\\\"` for a quote inside it)".to_owned(), Some(i + 1));
    }
    (error.to_owned(), None)
}

fn expand_prefixed(value: &str, base: &str) -> Option<String> {
    let (prefix, local) = value.split_once(':')?;
    if local.contains(char::is_whitespace) {
        return None;
    }
    crate::vocab::reading_prefixes(base).into_iter().find(|(p, _)| *p == prefix).map(|(_, ns)| format!("{ns}{local}"))
}

/// The query parsed with newskg's prefixes declared (an error is placed in
/// what the user wrote), its parameters bound as terms in its algebra (never
/// spliced into its text) and its page set ([`params`]).
fn bind(request: &QueryRequest) -> Result<spargebra::Query, QueryError> {
    let prefixes = crate::vocab::reading_prefixes(&request.base);
    // A namespace made from a base IRI that is not valid is left out; a
    // query that uses it says that its prefix is unknown.
    let parser = prefixes.iter().fold(spargebra::SparqlParser::new(), |parser, (name, ns)| {
        parser.clone().with_prefix(*name, ns.as_str()).unwrap_or(parser)
    });
    let mut query = parser.parse_query(&request.text).map_err(|e| {
        let names: Vec<&str> = prefixes.iter().map(|(name, _)| *name).collect();
        QueryError::Syntax(Box::new(diagnostic::syntax_error(
            request.origin.clone(),
            &request.text,
            &e.to_string(),
            &names,
        )))
    })?;
    let (page, params) = params::page(&request.text, &request.params)?;
    let known = diagnostic::variables(&request.text);
    if let Some((variable, _)) = params.iter().find(|(v, _)| !known.contains(v.as_str())) {
        let hint = match crate::suggest(variable.as_str(), known.iter().map(String::as_str)) {
            Some(close) => format!("did you mean ?{close}? "),
            None => String::new(),
        };
        let list = known.iter().map(|v| format!("?{v}")).collect::<Vec<_>>().join(" ");
        return Err(QueryError::BadParam {
            param: format!("{}=…", variable.as_str()),
            reason: format!("the query has no variable ?{}; {hint}its variables are {list}", variable.as_str()),
            place: None,
        });
    }
    params::apply(&mut query, &params, page)?;
    Ok(query)
}

/// The SPARQL text of the query as newskg runs it: parameters bound in
/// place and the page set. Another SPARQL endpoint given this text answers
/// with the same rows as `newskg query` with those parameters.
pub fn bound_text(request: &QueryRequest) -> Result<String, QueryError> {
    Ok(bind(request)?.to_string())
}

/// The query parsed, bound and given its dataset: the graphs asked for, or
/// the union of the store's graphs.
fn prepare(
    store: &Store,
    request: &QueryRequest,
    token: &CancellationToken,
) -> Result<PreparedSparqlQuery, QueryError> {
    let query = bind(request)?;
    let mut prepared = SparqlEvaluator::new().with_cancellation_token(token.clone()).for_query(query);
    if !request.graphs.is_empty() {
        if !prepared.dataset().is_default_dataset() {
            return Err(QueryError::DatasetConflict);
        }
        // The graph asked for must exist; those that come with it may not yet.
        if let Some(graph) = request.graphs.first()
            && !store.contains_named_graph(graph)?
        {
            return Err(QueryError::NoSuchGraph {
                graph: graph.clone(),
                suggestion: closest_graph(store, graph, &request.base)?,
            });
        }
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(request.graphs.iter().cloned().map(Into::into).collect());
        dataset.set_available_named_graphs(request.graphs.iter().cloned().map(Into::into).collect());
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// The query as it would run, in SPARQL: parameters bound, its page
/// applied, and the graphs asked for as its FROM and FROM NAMED clauses, so
/// that another engine runs the same query over the same graphs.
pub fn sparql(request: &QueryRequest) -> Result<String, QueryError> {
    let mut query = bind(request)?;
    if !request.graphs.is_empty() {
        let dataset =
            spargebra::algebra::QueryDataset { default: request.graphs.clone(), named: Some(request.graphs.clone()) };
        match &mut query {
            spargebra::Query::Select { dataset: d, .. }
            | spargebra::Query::Construct { dataset: d, .. }
            | spargebra::Query::Describe { dataset: d, .. }
            | spargebra::Query::Ask { dataset: d, .. } => {
                if d.is_some() {
                    return Err(QueryError::DatasetConflict);
                }
                *d = Some(dataset);
            }
        }
    }
    Ok(query.to_string())
}

/// Runs a query and writes, instead of its results, how Oxigraph evaluated
/// it: the plan, with each step's rows and time. Returns the rows.
pub fn explain(store: &Store, request: &QueryRequest, out: &mut impl Write) -> Result<usize, QueryError> {
    let prepared = prepare(store, request, &CancellationToken::new())?;
    let (results, explanation) = prepared.on_store(store).compute_statistics().explain();
    let rows = match results? {
        QueryResults::Solutions(solutions) => solutions.map(|s| s.map(|_| ())).collect::<Result<Vec<_>, _>>()?.len(),
        QueryResults::Graph(triples) => triples.map(|t| t.map(|_| ())).collect::<Result<Vec<_>, _>>()?.len(),
        QueryResults::Boolean(_) => 1,
    };
    writeln!(out, "{explanation:#?}")?;
    Ok(rows)
}

/// Runs a query over the union of the store's graphs and writes its results.
/// Returns the number of rows (or triples) written.
pub fn run(
    store: &Store,
    request: &QueryRequest,
    format: ResultsFormat,
    out: &mut impl Write,
) -> Result<usize, QueryError> {
    let token = CancellationToken::new();
    let prepared = prepare(store, request, &token)?;
    let Some(timeout) = request.timeout else {
        return evaluate(store, prepared, format, &request.table, out);
    };
    // The evaluator looks at the token only when it reads the store, so a query
    // whose work is all in memory (a cross product of patterns it has already
    // read) would never notice it. So the query runs on a thread of its own,
    // writing into a buffer, and the caller gets the timeout error at the
    // deadline: the token stops the thread at its next read of the store, or
    // the process ends it on exit.
    let (sender, receiver) = mpsc::channel();
    let (store, layout) = (store.clone(), request.table);
    std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let result = evaluate(&store, prepared, format, &layout, &mut buffer).map(|rows| (rows, buffer));
        // The receiver is gone when the deadline has passed; the result is of no use then.
        let _ = sender.send(result);
    });
    match receiver.recv_timeout(timeout) {
        Ok(result) => {
            let (rows, buffer) = result?;
            out.write_all(&buffer)?;
            Ok(rows)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            Err(QueryError::Timeout(timeout))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(QueryError::Io(std::io::Error::other("the query stopped without a result")))
        }
    }
}

/// The store's graph closest to `wanted`: an article id when both are
/// articles, else an IRI.
fn closest_graph(store: &Store, wanted: &NamedNode, base: &str) -> Result<Option<String>, QueryError> {
    let article = format!("{base}article/");
    let short = |iri: &str| iri.strip_prefix(article.as_str()).map_or_else(|| format!("<{iri}>"), str::to_owned);
    let names: Vec<String> = store
        .named_graphs()
        .filter_map(|g| match g {
            Ok(oxigraph::model::NamedOrBlankNode::NamedNode(n)) => Some(Ok(short(n.as_str()))),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    Ok(crate::suggest(&short(wanted.as_str()), names.iter().map(String::as_str)).map(str::to_owned))
}

fn evaluate(
    store: &Store,
    prepared: PreparedSparqlQuery,
    format: ResultsFormat,
    layout: &TableLayout,
    out: &mut impl Write,
) -> Result<usize, QueryError> {
    match prepared.on_store(store).execute()? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions.collect::<Result<Vec<_>, _>>()?;
            let rows: Vec<Vec<Option<Term>>> =
                rows.iter().map(|s| variables.iter().map(|v| s.get(v).cloned()).collect()).collect();
            match results_format(format) {
                Some(format) => {
                    let mut serializer = QueryResultsSerializer::from_format(format)
                        .serialize_solutions_to_writer(&mut *out, variables.clone())?;
                    for row in &rows {
                        serializer.serialize(
                            variables.iter().zip(row).filter_map(|(v, t)| Some((v.as_ref(), t.as_ref()?.as_ref()))),
                        )?;
                    }
                    serializer.finish()?;
                }
                None => table::write(out, &variables, &rows, layout)?,
            }
            Ok(rows.len())
        }
        QueryResults::Boolean(value) => {
            match results_format(format) {
                Some(format) => {
                    QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut *out, value)?;
                }
                None => writeln!(out, "{value}")?,
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let mut count = 0;
            let mut serializer =
                oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NTriples).for_writer(&mut *out);
            for triple in triples {
                serializer.serialize_triple(&triple?)?;
                count += 1;
            }
            serializer.finish()?;
            Ok(count)
        }
    }
}

fn results_format(format: ResultsFormat) -> Option<QueryResultsFormat> {
    match format {
        ResultsFormat::Table => None,
        ResultsFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultsFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsFormat::Json => Some(QueryResultsFormat::Json),
        ResultsFormat::Xml => Some(QueryResultsFormat::Xml),
    }
}

/// A term as a person reads it: a prefixed name for IRIs newskg knows, the
/// plain value for literals.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => crate::vocab::compact(node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_terms() {
        let base = crate::DEFAULT_BASE;
        let table: &[(&str, Result<&str, &str>)] = &[
            ("x=<http://a.org/b>", Ok("<http://a.org/b>")),
            ("x=\"hi\"@en", Ok("\"hi\"@en")),
            ("x=id:entity/dmitry-medvedev", Ok("<https://w3id.org/newskg/id/entity/dmitry-medvedev>")),
            ("x=plain text", Ok("\"plain text\"")),
            ("x=x\" } ; DROP ALL ; {", Ok("\"x\\\" } ; DROP ALL ; {\"")),
            ("x=<not an iri>", Err("not a valid IRI")),
            ("x=\"unterminated", Err("not a valid RDF literal: its closing `\"` is missing")),
            ("x=\"a\" b", Err("text follows its closing `\"`")),
            ("x=\"Russia\"@English", Err("`english` is not a BCP 47 language tag; write `en`")),
            ("x=\"2011\"^^xsd:gYear", Err("`^^` is followed by the datatype's IRI in `<…>`")),
            ("x=<http://a.org/> } ; DROP ALL", Err("text follows its closing `>`")),
            ("x=<http://a.org/", Err("its closing `>` is missing")),
            ("x=<a.org>", Err("it is not absolute")),
            ("x=_:b", Err("blank node")),
            ("novalue", Err("NAME=VALUE")),
            ("1 2=3", Err("invalid variable name")),
        ];
        for (input, expected) in table {
            let got = parse_param(input, base).map(|(_, t)| t.to_string()).map_err(|e| e.to_string());
            match (got, expected) {
                (Ok(term), Ok(want)) => assert_eq!(term, *want, "{input}"),
                (Err(error), Err(fragment)) => assert!(error.contains(fragment), "{input}: {error}"),
                (got, _) => panic!("{input}: unexpected {got:?}"),
            }
        }
    }

    #[test]
    fn param_errors_show_the_place() {
        let table: &[(&str, &str)] = &[
            ("e=<https://a.org/x y>", "  --param e=<https://a.org/x y>\n                            ^"),
            ("name=\"Russia\"@English", "  --param name=\"Russia\"@English\n                        ^"),
            ("na me=1", "  --param na me=1\n            ^"),
        ];
        for (param, caret) in table {
            let error = parse_param(param, crate::DEFAULT_BASE).expect_err(param).to_string();
            assert!(error.ends_with(caret), "{param}:\n{error}");
        }
    }

    #[test]
    fn graph_errors_show_the_place() {
        let error = parse_graph("Article 12", crate::DEFAULT_BASE).expect_err("not an id").to_string();
        assert!(error.ends_with("a space is in neither\n  --graph Article 12\n                 ^"), "{error}");
        let error = parse_graph("Article-12", crate::DEFAULT_BASE).expect_err("not an id").to_string();
        assert!(error.contains("neither an article id (lower-case letters"), "{error}");
    }

    #[test]
    fn every_bundled_query_has_a_header_and_parses() {
        for query in BUNDLED {
            assert_eq!(query.header("name"), Some(query.name), "{}", query.name);
            assert!(!query.title().is_empty() && !query.answers().is_empty(), "{}", query.name);
            let _ = SparqlEvaluator::new().parse_query(query.text).unwrap();
        }
    }
}
