//! The W3C SPARQL 1.1 Protocol tests against `newskg serve`.
//!
//! The manifest (`tests/w3c/sparql11/protocol/manifest.ttl`, vendored) is
//! read with Oxigraph's Turtle parser. For each test, the data it names
//! (`ut:graphData`) is loaded into a new store under the graph names it
//! gives, `newskg serve --store` serves it, and the test's requests are sent
//! as written (method, path, headers, body); each answer must have one of the
//! expected status classes and be of the expected kind (a boolean with the
//! expected value, a results table, an RDF graph), parsed by Oxigraph's
//! results and RDF parsers. Update tests do not apply to a read-only server:
//! they are counted apart, and each of their update requests must be refused
//! with a 4xx. When `../shared/w3c` is there, the vendored copy must equal it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};
use oxigraph::store::Store;

use crate::harness::repo;
use crate::serve::{Reply, Served, exchange};

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const HT: &str = "http://www.w3.org/2011/http#";
const CNT: &str = "http://www.w3.org/2011/content#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";

fn protocol_dir() -> PathBuf {
    repo().join("tests/w3c/sparql11/protocol")
}

/// The manifest's triples, indexed by subject.
struct Manifest {
    by_subject: BTreeMap<String, Vec<(String, Term)>>,
}

fn key(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

impl Manifest {
    fn read(path: &Path) -> (Self, String) {
        let base = format!("file://{}", path.display());
        let file = std::fs::File::open(path).expect("open the manifest");
        let mut by_subject: BTreeMap<String, Vec<(String, Term)>> = BTreeMap::new();
        let parser = RdfParser::from_format(RdfFormat::Turtle).with_base_iri(&base).expect("base IRI");
        for quad in parser.for_reader(file) {
            let triple = Triple::from(quad.expect("the manifest parses"));
            let subject: Term = triple.subject.into();
            by_subject.entry(key(&subject)).or_default().push((triple.predicate.into_string(), triple.object));
        }
        (Self { by_subject }, base)
    }

    fn objects(&self, subject: &Term, predicate: &str) -> Vec<Term> {
        self.by_subject
            .get(&key(subject))
            .map(|po| po.iter().filter(|(p, _)| p == predicate).map(|(_, o)| o.clone()).collect())
            .unwrap_or_default()
    }

    fn object(&self, subject: &Term, predicate: &str) -> Option<Term> {
        self.objects(subject, predicate).into_iter().next()
    }

    fn text(&self, subject: &Term, predicate: &str) -> Option<String> {
        match self.object(subject, predicate)? {
            Term::Literal(l) => Some(l.value().to_owned()),
            Term::NamedNode(n) => Some(n.into_string()),
            _ => None,
        }
    }

    /// The members of an RDF list.
    fn list(&self, head: &Term) -> Vec<Term> {
        let mut items = Vec::new();
        let mut node = head.clone();
        while key(&node) != format!("{RDF}nil") {
            let Some(first) = self.object(&node, &format!("{RDF}first")) else { break };
            items.push(first);
            let Some(rest) = self.object(&node, &format!("{RDF}rest")) else { break };
            node = rest;
        }
        items
    }
}

/// One HTTP request of a test and what its answer must be.
#[derive(Debug)]
struct Step {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    statuses: Vec<String>,
    format: Option<String>,
    boolean: Option<bool>,
}

impl Step {
    fn content_type(&self) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.as_str())
    }

    /// Whether the request is a SPARQL update: sent as one, given as an
    /// `update` parameter or with `using-…` graphs, or a body that parses as
    /// an update and not as a query.
    fn is_update(&self) -> bool {
        let params = |text: &str| -> Vec<String> {
            form_urlencoded::parse(text.as_bytes()).map(|(n, _)| n.into_owned()).collect::<Vec<_>>()
        };
        let query_string = self.path.split_once('?').map_or("", |(_, q)| q);
        let mut names = params(query_string);
        if self.content_type().is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
            || self.body.as_deref().is_some_and(|b| b.contains('='))
        {
            names.extend(params(self.body.as_deref().unwrap_or_default()));
        }
        let text_is_update = self.body.as_deref().is_some_and(|b| {
            oxigraph::sparql::SparqlEvaluator::new().parse_update(b).is_ok()
                && oxigraph::sparql::SparqlEvaluator::new().parse_query(b).is_err()
        });
        self.content_type().is_some_and(|t| t.starts_with("application/sparql-update"))
            || names.iter().any(|n| n == "update" || n.starts_with("using-"))
            || text_is_update
    }

    fn raw(&self) -> Vec<u8> {
        let path = self.path.replacen("/sparql/", "/sparql", 1);
        let mut request = format!("{} {path} HTTP/1.1\r\nhost: www.example\r\n", self.method);
        for (name, value) in &self.headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        let body = self.body.clone().unwrap_or_default();
        if !body.is_empty() || self.method == "POST" {
            request.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        request.push_str("connection: close\r\n\r\n");
        request.push_str(&body);
        request.into_bytes()
    }

    /// Why the answer is not what the manifest expects, if it is not.
    fn check(&self, reply: &Reply) -> Option<String> {
        let class = format!("{HTS}StatusCode{}xx", reply.status / 100);
        if !self.statuses.contains(&class) {
            return Some(format!("status {} ({}), expected {:?}", reply.status, reply.text().trim(), self.statuses));
        }
        let content_type =
            reply.header("content-type").unwrap_or_default().split(';').next().unwrap_or_default().trim();
        match self.format.as_deref() {
            None => None,
            Some(kind @ ("boolean" | "tabular")) => {
                let Some(format) = QueryResultsFormat::from_media_type(content_type) else {
                    return Some(format!("{content_type:?} is not a SPARQL results format"));
                };
                match (QueryResultsParser::from_format(format).for_slice(&reply.body), kind) {
                    (Ok(SliceQueryResultsParserOutput::Boolean(value)), "boolean") => self
                        .boolean
                        .filter(|expected| *expected != value)
                        .map(|expected| format!("answered {value}, expected {expected}")),
                    (Ok(SliceQueryResultsParserOutput::Solutions(solutions)), "tabular") => {
                        solutions.into_iter().find_map(|s| s.err()).map(|e| format!("results do not parse: {e}"))
                    }
                    (Ok(_), _) => Some(format!("not {kind} results")),
                    (Err(e), _) => Some(format!("results do not parse: {e}")),
                }
            }
            Some("RDF") => match RdfFormat::from_media_type(content_type) {
                None => Some(format!("{content_type:?} is not an RDF format")),
                Some(format) => RdfParser::from_format(format)
                    .for_slice(&reply.body)
                    .find_map(|q| q.err())
                    .map(|e| format!("the graph does not parse: {e}")),
            },
            Some(other) => Some(format!("unknown expected format {other:?}")),
        }
    }
}

/// A protocol test of the manifest.
struct ProtocolTest {
    name: String,
    data: Vec<(PathBuf, String)>,
    steps: Vec<Step>,
}

fn read_tests() -> Vec<ProtocolTest> {
    let (manifest, base) = Manifest::read(&protocol_dir().join("manifest.ttl"));
    let root = Term::NamedNode(NamedNode::new(base).expect("manifest IRI"));
    let entries = manifest.object(&root, &format!("{MF}entries")).expect("mf:entries");
    manifest
        .list(&entries)
        .iter()
        .map(|test| {
            let name = key(test).rsplit('#').next().unwrap_or_default().to_owned();
            let data = manifest
                .objects(test, &format!("{UT}graphData"))
                .iter()
                .map(|d| {
                    let file = manifest.text(d, &format!("{UT}graph")).expect("ut:graph");
                    let label = manifest.text(d, &format!("{RDFS}label")).expect("rdfs:label");
                    (PathBuf::from(file.strip_prefix("file://").expect("a file IRI")), label)
                })
                .collect();
            let action = manifest.object(test, &format!("{MF}action")).expect("mf:action");
            let requests = manifest.object(&action, &format!("{HT}requests")).expect("ht:requests");
            let steps = manifest
                .list(&requests)
                .iter()
                .map(|r| {
                    let headers = manifest
                        .object(r, &format!("{HT}headers"))
                        .map(|h| manifest.list(&h))
                        .unwrap_or_default()
                        .iter()
                        .map(|h| {
                            (
                                manifest.text(h, &format!("{HT}fieldName")).expect("field name"),
                                manifest.text(h, &format!("{HT}fieldValue")).expect("field value"),
                            )
                        })
                        .collect();
                    let response = manifest.object(r, &format!("{HT}resp")).expect("ht:resp");
                    Step {
                        method: manifest.text(r, &format!("{HT}methodName")).expect("method"),
                        path: manifest.text(r, &format!("{HT}absolutePath")).expect("path"),
                        headers,
                        body: manifest
                            .object(r, &format!("{HT}body"))
                            .and_then(|b| manifest.text(&b, &format!("{CNT}chars"))),
                        statuses: manifest.objects(&response, &format!("{MF}expectedStatus")).iter().map(key).collect(),
                        format: manifest.text(&response, &format!("{MF}expectedFormat")),
                        boolean: manifest.text(&response, &format!("{MF}expectedBoolean")).map(|b| b == "true"),
                    }
                })
                .collect();
            ProtocolTest { name, data, steps }
        })
        .collect()
}

/// A store in `dir` holding the test's data under its graph names.
fn store_with(dir: &Path, data: &[(PathBuf, String)]) {
    let store = Store::open(dir).expect("create a store");
    for (file, graph) in data {
        let graph = GraphName::NamedNode(NamedNode::new(graph).expect("graph IRI"));
        let text = std::fs::read(file).expect("read the test data");
        for quad in RdfParser::from_format(RdfFormat::NTriples).for_slice(&text) {
            let quad = quad.expect("the test data parses");
            let subject: NamedOrBlankNode = quad.subject;
            store.insert(&Quad::new(subject, quad.predicate, quad.object, graph.clone())).expect("insert");
        }
    }
    store.flush().expect("flush");
}

#[test]
fn every_w3c_protocol_query_test_passes() {
    let tests = read_tests();
    let (mut passed, mut failures, mut not_applicable) = (Vec::new(), Vec::new(), Vec::new());
    let mut refusals: BTreeMap<u16, usize> = BTreeMap::new();
    for test in &tests {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = dir.path().join("store");
        store_with(&store, &test.data);
        let server =
            Served::start(&["--store", store.to_str().expect("UTF-8 path"), "--base", "http://www.example/id/"]);
        if test.steps.iter().any(Step::is_update) {
            // Read-only: the update requests must be refused; what follows them
            // (checks of what the update would have written) cannot apply.
            for step in test.steps.iter().filter(|s| s.is_update()) {
                let reply = exchange(server.addr, &step.raw());
                if (400..500).contains(&reply.status) {
                    *refusals.entry(reply.status).or_default() += 1;
                } else {
                    failures.push(format!(
                        "{}: an update was not refused: {} {}",
                        test.name,
                        reply.status,
                        reply.text()
                    ));
                }
            }
            not_applicable.push(test.name.clone());
            continue;
        }
        let problems: Vec<String> = test
            .steps
            .iter()
            .filter_map(|step| {
                step.check(&exchange(server.addr, &step.raw())).map(|p| format!("{} {}: {p}", step.method, step.path))
            })
            .collect();
        if problems.is_empty() {
            passed.push(test.name.clone());
        } else {
            failures.push(format!("{}: {}", test.name, problems.join("; ")));
        }
    }
    let queries = tests.len() - not_applicable.len();
    let refused: Vec<String> = refusals.iter().map(|(status, n)| format!("{status} ×{n}")).collect();
    println!(
        "W3C SPARQL 1.1 Protocol, {} tests: {} query tests, {} passed, {} failed; {} update tests not applicable \
         (read-only server; their update requests were refused: {})",
        tests.len(),
        queries,
        passed.len(),
        queries - passed.len(),
        not_applicable.len(),
        refused.join(", ")
    );
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    assert_eq!((queries, not_applicable.len()), (20, 14), "the manifest has 20 query and 14 update tests");
    assert_eq!(passed.len(), queries);
}

#[test]
fn the_vendored_manifest_is_the_w3c_one() {
    let shared = repo().join("../shared/w3c/sparql11/protocol");
    if !shared.is_dir() {
        eprintln!("{} is absent: the vendored copy is not compared", shared.display());
        return;
    }
    for file in ["manifest.ttl", "data1.nt", "data2.nt", "data3.nt"] {
        let vendored = std::fs::read(protocol_dir().join(file)).expect("vendored file");
        let original = std::fs::read(shared.join(file)).expect("shared file");
        assert!(vendored == original, "tests/w3c/sparql11/protocol/{file} differs from the W3C copy");
    }
}
