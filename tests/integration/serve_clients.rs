//! Real SPARQL clients against `newskg serve`: SPARQLWrapper and rdflib's
//! SPARQLStore (Python), Comunica (Node.js) and `roqet -p` (Rasqal). Each
//! runs every bundled query (and, for those that take a parameter, the query
//! with its example value bound in place, as `newskg query --param` binds
//! it) and must read the same rows as `newskg query` prints, compared as
//! multisets of rows of RDF terms, column by column.
//!
//! The clients are installed by `make deps-test` (PyPI SPARQLWrapper and
//! rdflib in .venv, npm @comunica/query-sparql in node_modules, Debian
//! rasqal-utils); a missing one fails the test with that advice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};

use crate::harness::{TestEnv, repo};
use crate::serve::Served;

/// Rows as sorted lists of `variable=term` cells (blank nodes unlabelled),
/// themselves sorted: what two result sets must share.
type Rows = (Vec<String>, Vec<Vec<String>>);

fn rows(format: QueryResultsFormat, data: &[u8], origin: &str) -> Rows {
    let parsed = QueryResultsParser::from_format(format)
        .for_slice(data)
        .unwrap_or_else(|e| panic!("{origin}: results do not parse: {e}\n{}", String::from_utf8_lossy(data)));
    let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else { panic!("{origin}: a boolean, not rows") };
    let mut variables: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_owned()).collect();
    variables.sort();
    let mut rows: Vec<Vec<String>> = solutions
        .map(|solution| {
            let solution = solution.unwrap_or_else(|e| panic!("{origin}: {e}"));
            let mut cells: Vec<String> = solution
                .iter()
                .map(|(variable, term)| {
                    let term = match term {
                        Term::BlankNode(_) => "_:b".to_owned(),
                        other => other.to_string(),
                    };
                    format!("{}={term}", variable.as_str())
                })
                .collect();
            cells.sort();
            cells
        })
        .collect();
    rows.sort();
    (variables, rows)
}

/// The queries the clients run: every bundled query as it is, and those with
/// an example parameter once more with it bound. Written as `NAME.rq` into
/// `dir`; returned with the `newskg query` arguments that give the same rows.
fn queries(dir: &Path) -> Vec<(String, Vec<String>)> {
    let mut all = Vec::new();
    for query in newskg::query::BUNDLED {
        std::fs::write(dir.join(format!("{}.rq", query.name)), query.text).expect("write query");
        all.push((query.name.to_owned(), vec!["query".to_owned(), query.name.to_owned()]));
        if let Some(param) = query.example_param() {
            // Bound as newskg binds it: the term in place of the variable.
            let mut request = newskg::query::QueryRequest::new(
                query.text,
                newskg::query::QueryOrigin::Bundled(query.name.to_owned()),
                newskg::DEFAULT_BASE,
            );
            request.params = vec![newskg::query::parse_param(param, newskg::DEFAULT_BASE).expect("example param")];
            let text = newskg::query::bound_text(&request).expect("the example binds");
            let name = format!("{}--param", query.name);
            std::fs::write(dir.join(format!("{name}.rq")), text).expect("write query");
            all.push((name, vec!["query".into(), query.name.into(), "--param".into(), param.into()]));
        }
    }
    all
}

/// What `newskg query` gives for each query, as rows.
fn expected(queries: &[(String, Vec<String>)]) -> BTreeMap<String, Rows> {
    let env = TestEnv::new();
    queries
        .iter()
        .map(|(name, args)| {
            let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
            args.extend(["--format", "json"]);
            let json = env.ok(&args);
            (name.clone(), rows(QueryResultsFormat::Json, json.as_bytes(), &format!("newskg query {name}")))
        })
        .collect()
}

/// Compares a client's rows with newskg's, query by query.
fn compare(client: &str, expected: &BTreeMap<String, Rows>, actual: &BTreeMap<String, Rows>) {
    let mut differences = Vec::new();
    for (name, want) in expected {
        match actual.get(name) {
            None => differences.push(format!("{name}: no answer")),
            Some(got) if got != want => differences.push(format!(
                "{name}: variables {:?} vs {:?}; {} rows vs {}; first differing rows: {:?} / {:?}",
                got.0,
                want.0,
                got.1.len(),
                want.1.len(),
                got.1.iter().find(|r| !want.1.contains(r)),
                want.1.iter().find(|r| !got.1.contains(r)),
            )),
            Some(_) => {}
        }
    }
    let total: usize = expected.values().map(|r| r.1.len()).sum();
    println!("{client}: {} queries, {total} rows, {} differ", expected.len(), differences.len());
    assert!(differences.is_empty(), "{client} does not read what newskg query prints:\n{}", differences.join("\n"));
    assert!(expected.values().all(|r| !r.1.is_empty()), "a query returned no rows: the comparison would prove little");
}

/// Reads the `.srj` files a client script wrote.
fn read_outputs(dir: &Path, client: &str) -> BTreeMap<String, Rows> {
    std::fs::read_dir(dir)
        .expect("output directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "srj"))
        .map(|path| {
            let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
            let data = std::fs::read(&path).expect("read output");
            let rows = rows(QueryResultsFormat::Json, &data, &format!("{client} {name}"));
            (name, rows)
        })
        .collect()
}

fn python() -> PathBuf {
    std::env::var_os("NEWSKG_PYTHON").map(PathBuf::from).unwrap_or_else(|| repo().join(".venv/bin/python"))
}

/// Runs a client script over the queries; fails with its stderr.
fn run_script(client: &str, command: &mut Command) {
    let output = command
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {client}: {e}: run `make deps-test`"));
    assert!(
        output.status.success(),
        "{client} failed (run `make deps-test` if it is missing):\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn python_client(client: &str) {
    let server = Served::start(&[]);
    let (inputs, outputs) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let queries = queries(inputs.path());
    run_script(
        client,
        Command::new(python())
            .arg(repo().join("tests/clients/sparql_clients.py"))
            .arg(client)
            .arg(format!("{}/sparql", server.url()))
            .arg(inputs.path())
            .arg(outputs.path()),
    );
    compare(client, &expected(&queries), &read_outputs(outputs.path(), client));
}

#[test]
fn sparqlwrapper_reads_what_newskg_query_prints() {
    python_client("sparqlwrapper");
}

#[test]
fn rdflib_sparqlstore_reads_what_newskg_query_prints() {
    python_client("rdflib");
}

#[test]
fn comunica_reads_what_newskg_query_prints() {
    let server = Served::start(&[]);
    let (inputs, outputs) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let queries = queries(inputs.path());
    run_script(
        "comunica",
        Command::new("node")
            .arg(repo().join("tests/clients/comunica.js"))
            .arg(format!("{}/sparql", server.url()))
            .arg(inputs.path())
            .arg(outputs.path()),
    );
    compare("comunica", &expected(&queries), &read_outputs(outputs.path(), "comunica"));
}

/// SPARQL XML results without the `<binding name="…"><unbound/></binding>`
/// elements roqet writes for unbound variables.
fn without_unbound(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(unbound) = rest.find("<unbound/>") {
        let start = rest[..unbound].rfind("<binding ").expect("the binding of <unbound/>");
        let end = unbound + rest[unbound..].find("</binding>").expect("</binding>") + "</binding>".len();
        out.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn roqet_reads_what_newskg_query_prints() {
    let server = Served::start(&[]);
    let inputs = tempfile::tempdir().expect("dir");
    let queries = queries(inputs.path());
    let mut actual = BTreeMap::new();
    for (name, _) in &queries {
        let text = std::fs::read_to_string(inputs.path().join(format!("{name}.rq"))).expect("query");
        let output = Command::new("roqet")
            .args(["-q", "-p", &format!("{}/sparql", server.url()), "-r", "xml", "-e", &text])
            .output()
            .unwrap_or_else(|e| panic!("cannot run roqet: {e}: run `make deps-test` (Debian rasqal-utils)"));
        assert!(output.status.success(), "roqet {name}: {}", String::from_utf8_lossy(&output.stderr));
        // roqet writes an unbound variable as `<binding name="x"><unbound/></binding>`,
        // a form of the 2005 drafts that the recommendation dropped (it leaves
        // the binding out): left out here, nothing else is changed.
        let xml = String::from_utf8(output.stdout).expect("UTF-8 results");
        let xml = without_unbound(&xml);
        actual.insert(name.clone(), rows(QueryResultsFormat::Xml, xml.as_bytes(), &format!("roqet {name}")));
    }
    compare("roqet -p", &expected(&queries), &actual);
}
