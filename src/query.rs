//! The query stage: the bundled SPARQL queries and the running of any query
//! against a store.
//!
//! Bundled queries live in `queries/*.rq`, embedded in the binary; each opens
//! with a comment giving its name, title and the question it answers. A query
//! runs over the union of the store's graphs, with parameters bound as RDF
//! terms (never spliced in as the user typed them), an optional timeout, and
//! results written as a table or in a W3C SPARQL results format.

use std::fmt::Write as _;
use std::io::Write;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator, Variable};
use oxigraph::store::Store;

mod params;

pub use params::{Page, declared_page_size};

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
    /// The SPARQL text does not parse.
    #[error("invalid SPARQL: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// A parameter is not `NAME=VALUE` with a valid RDF term.
    #[error("--param {param:?}: {reason}")]
    BadParam {
        /// The parameter as given.
        param: String,
        /// What is wrong.
        reason: String,
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
    #[error("--graph: the store has no graph {graph} (`newskg stats` counts its graphs)")]
    NoSuchGraph {
        /// The graph asked for.
        graph: NamedNode,
    },
    /// `--graph` given for a query that chooses its own dataset.
    #[error("--graph cannot be used with a query that has FROM or FROM NAMED: it chooses its own graphs")]
    DatasetConflict,
    /// `--graph` is neither an article id nor an IRI.
    #[error("--graph {value:?}: {reason}")]
    BadGraph {
        /// The value as given.
        value: String,
        /// What is wrong.
        reason: String,
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
    let bad = |reason: String| QueryError::BadGraph { value: value.to_owned(), reason };
    let iri = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(value);
    let graph = if crate::annotation::is_valid_id(iri) {
        crate::map::Iris::new(base, iri).article()
    } else {
        NamedNode::new(iri).map_err(|e| bad(format!("neither an article id nor an absolute IRI ({e})")))?
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
    /// Variables bound to terms.
    pub params: Vec<(Variable, Term)>,
    /// Stop the query after this long.
    pub timeout: Option<Duration>,
    /// Most rows printed in a table.
    pub max_table_rows: usize,
    /// The graphs the query reads, as its default graph and its only named
    /// graphs; empty for the union of every graph in the store.
    pub graphs: Vec<NamedNode>,
}

/// Parses `NAME=VALUE` into a variable and a term.
///
/// VALUE is an IRI in angle brackets, a literal in N-Triples syntax
/// (`"x"`, `"x"@en`, `"2011"^^<…#gYear>`), a prefixed name with a prefix
/// newskg writes (`id:entity/dmitry-medvedev`, `schema:Person`), or else plain
/// text, which becomes a string literal. Whatever it is, it is bound as one
/// term: it never becomes query text.
pub fn parse_param(param: &str, base: &str) -> Result<(Variable, Term), QueryError> {
    let bad = |reason: String| QueryError::BadParam { param: param.to_owned(), reason };
    let (name, value) = param.split_once('=').ok_or_else(|| bad("expected NAME=VALUE".to_owned()))?;
    let variable =
        Variable::new(name.trim_start_matches(['?', '$'])).map_err(|e| bad(format!("invalid variable name: {e}")))?;
    let term: Term = if value.starts_with('<') {
        NamedNode::from_str(value).map_err(|e| bad(format!("not a valid IRI: {e}")))?.into()
    } else if value.starts_with('"') {
        Literal::from_str(value).map_err(|e| bad(format!("not a valid RDF literal: {e}")))?.into()
    } else if value.starts_with("_:") {
        return Err(bad("a blank node cannot be bound; use an IRI".to_owned()));
    } else if let Some(iri) = expand_prefixed(value, base) {
        NamedNode::new(&iri).map_err(|e| bad(format!("not a valid IRI: {e}")))?.into()
    } else {
        Literal::new_simple_literal(value).into()
    };
    Ok((variable, term))
}

fn expand_prefixed(value: &str, base: &str) -> Option<String> {
    let (prefix, local) = value.split_once(':')?;
    if local.contains(char::is_whitespace) {
        return None;
    }
    crate::vocab::reading_prefixes(base).into_iter().find(|(p, _)| *p == prefix).map(|(_, ns)| format!("{ns}{local}"))
}

/// The query parsed, with its parameters bound as terms in its algebra
/// (never spliced into its text) and its page set ([`params`]).
fn bind(request: &QueryRequest) -> Result<spargebra::Query, QueryError> {
    let mut query = spargebra::SparqlParser::new().parse_query(&request.text)?;
    let (page, params) = params::page(&request.text, &request.params)?;
    params::apply(&mut query, &params, page)?;
    Ok(query)
}

/// The query parsed, bound and given its dataset: the graphs asked for, or
/// the union of the store's graphs.
fn prepare(
    store: &Store,
    request: &QueryRequest,
    token: &CancellationToken,
) -> Result<oxigraph::sparql::PreparedSparqlQuery, QueryError> {
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
            return Err(QueryError::NoSuchGraph { graph: graph.clone() });
        }
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(request.graphs.iter().cloned().map(Into::into).collect());
        dataset.set_available_named_graphs(request.graphs.iter().cloned().map(Into::into).collect());
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
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
        return evaluate(store, prepared, format, request.max_table_rows, out);
    };
    // The evaluator looks at the token only when it reads the store, so a query
    // whose work is all in memory (a cross product of patterns it has already
    // read) would never notice it. So the query runs on a thread of its own,
    // writing into a buffer, and the caller gets the timeout error at the
    // deadline: the token stops the thread at its next read of the store, or
    // the process ends it on exit.
    let (sender, receiver) = mpsc::channel();
    let (store, max_rows) = (store.clone(), request.max_table_rows);
    std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let result = evaluate(&store, prepared, format, max_rows, &mut buffer).map(|rows| (rows, buffer));
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

fn evaluate(
    store: &Store,
    prepared: oxigraph::sparql::PreparedSparqlQuery,
    format: ResultsFormat,
    max_table_rows: usize,
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
                None => write_table(out, &variables, &rows, max_table_rows)?,
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

fn write_table(
    out: &mut impl Write,
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    max_rows: usize,
) -> std::io::Result<()> {
    let shown = &rows[..rows.len().min(max_rows)];
    let cells: Vec<Vec<String>> = shown
        .iter()
        .map(|row| row.iter().map(|t| t.as_ref().map(display_term).unwrap_or_default().replace('\n', " ")).collect())
        .collect();
    let mut widths: Vec<usize> = variables.iter().map(|v| v.as_str().chars().count()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, values: &mut dyn Iterator<Item = &str>| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, (value, width)) in values.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let _ = write!(text, "{value:<width$}");
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(out, &mut variables.iter().map(Variable::as_str))?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(out, &mut rule.iter().map(String::as_str))?;
    for row in &cells {
        line(out, &mut row.iter().map(String::as_str))?;
    }
    if rows.len() > shown.len() {
        writeln!(out, "… {} more rows not shown (use --format csv for all)", rows.len() - shown.len())?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })
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
            ("x=\"unterminated", Err("not a valid RDF literal")),
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
    fn every_bundled_query_has_a_header_and_parses() {
        for query in BUNDLED {
            assert_eq!(query.header("name"), Some(query.name), "{}", query.name);
            assert!(!query.title().is_empty() && !query.answers().is_empty(), "{}", query.name);
            let _ = SparqlEvaluator::new().parse_query(query.text).unwrap();
        }
    }
}
