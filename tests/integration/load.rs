//! `newskg load` into real triple stores: an Oxigraph server and OpenLink
//! Virtuoso 7 (started by [`crate::servers`]), over both protocols (Graph
//! Store and SPARQL Update).
//!
//! For each server and protocol, one table of cases on one server, each
//! protocol under its own `--base` so that their graphs do not meet:
//! - the bundled graph: each named graph holds as many triples as in the
//!   embedded store, and every bundled query gives the same rows on the
//!   server as `newskg query` on the embedded store (modulo order, language
//!   tags compared case-insensitively, as RDF says they are);
//! - a second load changes no count (no duplicates);
//! - a corpus of three articles, from directories and from a `--store`: one
//!   graph per article plus the entity graph, each with the store's count;
//! - `--graph IRI`: everything in that one graph;
//! - `--dry-run`: one line per request, and no connection to the server.
//!
//! On Virtuoso, authentication too: no password → 401 with advice, a wrong
//! one → 401 without retry; no password (right or wrong) ever appears in
//! newskg's output. The network and server faults are in
//! [`crate::load_faults`].

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::Command;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, Term, Triple};
use oxigraph::sparql::results::QueryResultsFormat;

use crate::harness::{Run, TestEnv, repo};
use crate::servers::{
    Behaviour, OxigraphServer, Proxy, Rows, Virtuoso, graph_count, parse_rows, select, server_graphs,
};

/// The environment variable the tests pass passwords in.
pub const PASSWORD_VAR: &str = "NEWSKG_TEST_PASSWORD";

/// A password no output may contain, given to servers that do not check it.
pub const UNCHECKED_PASSWORD: &str = "Jm3-unchecked-pass-64";

/// The load protocols, as `--protocol` names them.
pub const PROTOCOLS: [&str; 2] = ["gsp", "update"];

/// A server under test: where to send each protocol, where to query, and
/// the credentials it takes.
pub struct Target {
    pub name: &'static str,
    pub gsp_url: String,
    pub update_url: String,
    pub query_url: String,
    pub user: &'static str,
    pub password: &'static str,
    /// The server answers booleans (`EXISTS`…) as the integers 0 and 1
    /// (Virtuoso has no boolean values).
    pub booleans_as_integers: bool,
    /// The prefix of every named graph the server holds besides its own
    /// system graphs ("" for none).
    pub graph_prefix: &'static str,
}

impl Target {
    pub fn oxigraph(server: &OxigraphServer) -> Self {
        Self {
            name: "oxigraph",
            gsp_url: server.store_url(),
            update_url: server.update_url(),
            query_url: server.query_url(),
            user: "newskg",
            password: UNCHECKED_PASSWORD,
            booleans_as_integers: false,
            graph_prefix: "",
        }
    }

    pub fn virtuoso(server: &Virtuoso) -> Self {
        Self {
            name: "virtuoso",
            gsp_url: server.gsp_url(),
            update_url: server.update_url(),
            query_url: server.query_url(),
            user: "dba",
            password: Virtuoso::PASSWORD,
            booleans_as_integers: true,
            graph_prefix: "https://example.org/",
        }
    }

    pub fn endpoint(&self, protocol: &str) -> &str {
        if protocol == "gsp" { &self.gsp_url } else { &self.update_url }
    }
}

/// Runs `newskg ARGS` in `env` with `password` in [`PASSWORD_VAR`], and
/// checks that the password appears nowhere in what it printed.
pub fn run_with_password(env: &TestEnv, args: &[&str], password: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(args)
        .current_dir(env.path(""))
        .env(PASSWORD_VAR, password)
        .output()
        .expect("run newskg");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    };
    assert!(
        !run.stdout.contains(password) && !run.stderr.contains(password),
        "the password leaked in the output of newskg {args:?}:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    run
}

/// `newskg [--base BASE] load --endpoint E --protocol P --user U
/// --password-env VAR EXTRA…` against `target`, expecting `code`.
pub fn load(env: &TestEnv, target: &Target, base: &str, protocol: &str, extra: &[&str], code: i32) -> Run {
    let mut args = vec!["--base", base, "load", "--endpoint", target.endpoint(protocol), "--protocol", protocol];
    args.extend(["--user", target.user, "--password-env", PASSWORD_VAR]);
    args.extend(extra);
    let run = run_with_password(env, &args, target.password);
    assert_eq!(run.code, code, "newskg {args:?}\nstdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    run
}

/// The whole store, summaries included, as N-Quads.
fn export_nquads(env: &TestEnv, base: &str, store: &str) -> String {
    env.ok(&["--base", base, "export", "--store", store, "--format", "nquads", "--summaries"])
}

/// The number of distinct triples in each named graph of N-Quads.
pub fn counts_by_graph(nquads: &str) -> BTreeMap<String, usize> {
    let mut graphs: BTreeMap<String, HashSet<Triple>> = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_bytes()) {
        let quad = quad.expect("parse N-Quads");
        let GraphName::NamedNode(graph) = &quad.graph_name else { panic!("a quad outside the named graphs: {quad}") };
        graphs.entry(graph.as_str().to_owned()).or_default().insert(Triple::from(quad.clone()));
    }
    graphs.into_iter().map(|(graph, triples)| (graph, triples.len())).collect()
}

/// The number of distinct triples over every graph of N-Quads.
pub fn distinct_triples(nquads: &str) -> usize {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .map(|quad| Triple::from(quad.expect("parse N-Quads")))
        .collect::<HashSet<_>>()
        .len()
}

/// Each named graph of `nquads` holds on the server exactly the same triples
/// (language tags compared case-insensitively).
pub fn assert_same_content(target: &Target, nquads: &str, context: &str) {
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_bytes()) {
        let quad = quad.expect("parse N-Quads");
        let line = [Term::from(quad.subject), Term::from(quad.predicate), quad.object]
            .map(|term| comparable(&Some(term)))
            .join(" ");
        expected.entry(quad.graph_name.to_string().trim_matches(['<', '>']).to_owned()).or_default().insert(line);
    }
    for (graph, expected) in expected {
        let query = format!("SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
        let served: BTreeSet<String> = select(&target.query_url, &query, &[])
            .rows
            .iter()
            .map(|row| row.iter().map(comparable).collect::<Vec<_>>().join(" "))
            .collect();
        if served != expected {
            let missing: Vec<_> = expected.difference(&served).take(5).collect();
            let extra: Vec<_> = served.difference(&expected).take(5).collect();
            panic!(
                "{context}: graph <{graph}> differs on {} ({} triples, {} expected)\n\
                 missing: {missing:#?}\nunexpected: {extra:#?}",
                target.name,
                served.len(),
                expected.len()
            );
        }
    }
}

/// The counts of the graphs that are not summaries.
fn without_summary_graphs(counts: &BTreeMap<String, usize>, base: &str) -> BTreeMap<String, usize> {
    counts.iter().filter(|(g, _)| !newskg::summary::is_summary_graph(g, base)).map(|(g, n)| (g.clone(), *n)).collect()
}

/// The graph IRI of an N-Quads line whose graph is an IRI.
fn graph_of(line: &str) -> &str {
    line.trim_end().trim_end_matches('.').trim_end().rsplit('<').next().unwrap_or_default().trim_end_matches('>')
}

/// Each graph's triple count on the server, for the graphs of `expected`.
pub fn server_counts(query_url: &str, expected: &BTreeMap<String, usize>) -> BTreeMap<String, usize> {
    expected.keys().map(|graph| (graph.clone(), graph_count(query_url, graph))).collect()
}

/// A term as compared across stores: language tags lowercased (Virtuoso
/// lowercases them; RDF compares them case-insensitively).
fn comparable(term: &Option<Term>) -> String {
    match term {
        None => "UNDEF".to_owned(),
        Some(Term::Literal(literal)) => match literal.language() {
            Some(language) => {
                Literal::new_language_tagged_literal_unchecked(literal.value(), language.to_ascii_lowercase())
                    .to_string()
            }
            // Virtuoso answers `true` as "1"^^xsd:boolean, the same value.
            None if literal.datatype() == xsd::BOOLEAN => {
                let value = if matches!(literal.value(), "true" | "1") { "true" } else { "false" };
                Literal::new_typed_literal(value, xsd::BOOLEAN).to_string()
            }
            // Stores write a number in their own ways (0.5, 0.50; an integer
            // beyond 32 bits as a decimal).
            None if [xsd::INTEGER, xsd::DECIMAL, xsd::DOUBLE, xsd::FLOAT].contains(&literal.datatype()) => {
                format!("{:.6} (a number)", literal.value().parse::<f64>().unwrap_or(f64::NAN))
            }
            None => literal.to_string(),
        },
        Some(term) => term.to_string(),
    }
}

/// The rows as sorted lists of comparable terms (order does not count).
/// The parts of a `GROUP_CONCAT` (a plain literal joined with one of
/// `separators`) are sorted too: SPARQL leaves their order to the store.
/// With `booleans_as_integers`, `true` and `false` become 1 and 0.
fn comparable_rows(rows: &Rows, separators: &[String], booleans_as_integers: bool) -> Vec<Vec<String>> {
    let unordered = |term: &Option<Term>| -> Option<Term> {
        let Some(Term::Literal(literal)) = term else { return term.clone() };
        if booleans_as_integers && literal.datatype() == xsd::BOOLEAN {
            let value = if matches!(literal.value(), "true" | "1") { "1" } else { "0" };
            return Some(Literal::new_typed_literal(value, xsd::INTEGER).into());
        }
        let separator =
            separators.iter().find(|s| literal.language().is_none() && literal.value().contains(s.as_str()));
        let Some(separator) = separator else { return term.clone() };
        let mut parts: Vec<&str> = literal.value().split(separator.as_str()).collect();
        parts.sort_unstable();
        Some(Literal::new_typed_literal(parts.join(separator), literal.datatype().into_owned()).into())
    };
    let mut rows: Vec<Vec<String>> =
        rows.rows.iter().map(|row| row.iter().map(|term| comparable(&unordered(term))).collect()).collect();
    rows.sort();
    rows
}

/// The separators of the query's `GROUP_CONCAT`s (`separator="…"`).
fn group_concat_separators(query: &str) -> Vec<String> {
    let lower = query.to_lowercase();
    let mut separators = Vec::new();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("separator") {
        rest = &rest[at + "separator".len()..];
        let value = rest.trim_start().strip_prefix('=').map(str::trim_start).and_then(|v| v.strip_prefix('"'));
        if let Some(end) = value.and_then(|v| v.find('"').map(|end| &v[..end])) {
            separators.push(end.to_owned());
        }
    }
    separators
}

/// The bundled queries, by name, with their text.
fn bundled_queries() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("queries"))
        .expect("queries/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the bundled queries are missing: {files:?}");
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("read the query"))
        })
        .collect()
}

/// Every bundled query gives the same rows on the server (its default graph
/// being `graphs`) as on the embedded `store` built with `base`.
fn assert_same_query_results(env: &TestEnv, base: &str, target: &Target, store: &str, graphs: &[&str], context: &str) {
    for (name, text) in bundled_queries() {
        let embedded = env.ok(&["--base", base, "query", &name, "--store", store, "--format", "tsv"]);
        let embedded = parse_rows(QueryResultsFormat::Tsv, embedded.as_bytes());
        let served = select(&target.query_url, &text, graphs);
        assert_eq!(
            served.variables, embedded.variables,
            "{context}: query {name}: the server's variables differ from the embedded store's"
        );
        let separators = group_concat_separators(&text);
        let quirk = target.booleans_as_integers;
        let (served_rows, embedded_rows) =
            (comparable_rows(&served, &separators, quirk), comparable_rows(&embedded, &separators, quirk));
        if served_rows != embedded_rows {
            let only_served: Vec<_> = served_rows.iter().filter(|r| !embedded_rows.contains(r)).take(5).collect();
            let only_embedded: Vec<_> = embedded_rows.iter().filter(|r| !served_rows.contains(r)).take(5).collect();
            panic!(
                "{context}: query {name}: {} rows on the server, {} on the embedded store\n\
                 only on the server: {only_served:#?}\nonly on the embedded store: {only_embedded:#?}",
                served_rows.len(),
                embedded_rows.len()
            );
        }
        assert!(
            !embedded_rows.is_empty() || name == "cancelled-and-planned-events",
            "{context}: query {name} gave no rows"
        );
    }
}

/// Three copies of the bundled article, with ids `copy-1`…, under `corpus/`.
pub fn corpus(env: &TestEnv, copies: usize) -> Vec<String> {
    (1..=copies)
        .map(|i| {
            let dir = format!("corpus/copy-{i}");
            env.article_dir(&dir, |a| a.replacen("[article]\n", &format!("[article]\nid = \"copy-{i}\"\n"), 1));
            dir
        })
        .collect()
}

/// The whole table of cases for one server, over both protocols.
fn load_cases(target: &Target, proxied: &dyn Fn() -> (Proxy, String)) {
    let env = TestEnv::new();
    let dirs = corpus(&env, 3);
    let mut loaded = BTreeSet::new();
    for protocol in PROTOCOLS {
        let base = format!("https://example.org/{}-{protocol}/", target.name);
        let context = format!("{} over {protocol}", target.name);

        // The bundled graph, twice.
        let embedded = counts_by_graph(&env.ok(&["--base", &base, "export", "--format", "nquads"]));
        assert_eq!(embedded.len(), 2, "the bundled article makes an article graph and the entity graph");
        for attempt in ["first load", "second load"] {
            let run = load(&env, target, &base, protocol, &[], 0);
            for (graph, count) in &embedded {
                let line = format!("<{graph}>: {count} triples (");
                assert!(run.stdout.contains(&line), "{context}, {attempt}: no line {line:?} in\n{}", run.stdout);
            }
            let total: usize = embedded.values().sum();
            assert!(
                run.stdout.contains(&format!("loaded {total} triples in 2 graphs into ")),
                "{context}, {attempt}: no summary line in\n{}",
                run.stdout
            );
            assert_eq!(server_counts(&target.query_url, &embedded), embedded, "{context}, {attempt}: counts");
        }
        let bundled_nquads = env.ok(&["--base", &base, "export", "--format", "nquads"]);
        assert_same_content(target, &bundled_nquads, &context);

        // A corpus of three articles, from directories, then from a store.
        let store = format!("store-{protocol}");
        let mut build = vec!["--base", &base, "build", "--store", &store];
        build.extend(dirs.iter().map(String::as_str));
        env.ok(&build);
        let corpus_nquads = export_nquads(&env, &base, &store);
        let stored = counts_by_graph(&corpus_nquads);
        assert_eq!(
            stored.len(),
            8,
            "three article graphs, their summary graphs, the entity graph and the corpus summary: {stored:?}"
        );
        // Articles loaded from their directories bring no summaries.
        let data = without_summary_graphs(&stored, &base);
        let dir_args: Vec<&str> = dirs.iter().map(String::as_str).collect();
        let run = load(&env, target, &base, protocol, &dir_args, 0);
        assert!(
            run.stdout.contains("(merged)"),
            "{context}: from directories, the entity graph is merged:\n{}",
            run.stdout
        );
        assert_eq!(server_counts(&target.query_url, &data), data, "{context}: corpus from directories");
        let run = load(&env, target, &base, protocol, &["--store", &store], 0);
        assert!(!run.stdout.contains("(merged)"), "{context}: from a store, every graph is replaced:\n{}", run.stdout);
        assert_eq!(server_counts(&target.query_url, &stored), stored, "{context}: corpus from a store");
        assert_same_content(target, &corpus_nquads, &context);
        // The bundled queries give the same rows there as on the store: its
        // summaries came with it.
        let graphs: Vec<&str> = stored.keys().map(String::as_str).collect();
        assert_same_query_results(&env, &base, target, &store, &graphs, &context);

        // Literals that break serializers (quotes, backslashes, newlines,
        // non-ASCII, a region language tag, typed values), under a base
        // of their own: every triple arrives intact.
        let literals_base = format!("https://example.org/{}-{protocol}-literals/", target.name);
        let fixture = repo().join("tests/fixtures/interop-literals");
        let fixture = fixture.to_str().expect("UTF-8 path");
        load(&env, target, &literals_base, protocol, &[fixture], 0);
        let literals_store = format!("store-literals-{protocol}");
        env.ok(&["--base", &literals_base, "build", "--store", &literals_store, fixture]);
        let literals_nquads = export_nquads(&env, &literals_base, &literals_store);
        let literals_data: String = literals_nquads
            .lines()
            .filter(|l| !newskg::summary::is_summary_graph(graph_of(l), &literals_base))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_same_content(target, &literals_data, &format!("{context}, literals"));

        // Everything into one graph, twice (replaced, so no duplicates).
        let one = format!("{base}graph/everything");
        let all = distinct_triples(&corpus_nquads);
        for _ in 0..2 {
            let run = load(&env, target, &base, protocol, &["--store", &store, "--graph", &one], 0);
            let line = format!("<{one}>: {all} triples (replaced), verified");
            assert!(run.stdout.contains(&line), "{context}: --graph: no line {line:?} in\n{}", run.stdout);
            assert_eq!(graph_count(&target.query_url, &one), all, "{context}: --graph {one}");
        }

        // --dry-run: the requests, and nothing sent (through a proxy that
        // counts connections).
        let (proxy, endpoint) = proxied();
        let dry = format!("{base}graph/dry-run");
        let args = [
            "--base",
            &base,
            "load",
            "--endpoint",
            &proxy.url(&endpoint_path(&endpoint)),
            "--protocol",
            protocol,
            "--query-endpoint",
            &target.query_url,
            "--user",
            target.user,
            "--password-env",
            PASSWORD_VAR,
            "--graph",
            &dry,
            "--batch-triples",
            "200",
            "--dry-run",
        ];
        let run = run_with_password(&env, &args, target.password);
        assert_eq!(run.code, 0, "{context}: --dry-run: {}", run.stderr);
        let requests: Vec<&str> =
            run.stdout.lines().filter(|l| l.contains(" bytes") && l.contains(" triples")).collect();
        let bundled = distinct_triples(&env.ok(&["--base", &base, "export", "--format", "nquads"]));
        let expected_requests = if protocol == "gsp" { 1 } else { 1 + bundled.div_ceil(200) };
        assert!(
            requests.len() >= expected_requests,
            "{context}: --dry-run lists {} requests, expected at least {expected_requests}:\n{}",
            requests.len(),
            run.stdout
        );
        let method = if protocol == "gsp" { "PUT " } else { "POST " };
        assert!(requests.iter().any(|l| l.starts_with(method)), "{context}: --dry-run:\n{}", run.stdout);
        assert_eq!(proxy.connections(), 0, "{context}: --dry-run connected to the server");
        assert_eq!(graph_count(&target.query_url, &dry), 0, "{context}: --dry-run loaded data");

        // Only the graphs loaded: no staging graph left, no graph named by
        // the server.
        loaded.extend(embedded.into_keys().chain(stored.into_keys()).chain([one]));
        loaded.extend(counts_by_graph(&literals_data).into_keys());
        assert_eq!(server_graphs(&target.query_url, target.graph_prefix), loaded, "{context}: the server's graphs");
    }
}

/// The path of an endpoint URL (`/store`…).
fn endpoint_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme.find('/').map_or_else(|| "/".to_owned(), |i| after_scheme[i..].to_owned())
}

#[test]
fn load_into_oxigraph_server() {
    let server = OxigraphServer::start();
    let target = Target::oxigraph(&server);
    load_cases(&target, &|| (Proxy::start(server.addr(), Behaviour::DropFirst(0)), server.store_url()));
}

#[test]
fn load_into_virtuoso() {
    let server = Virtuoso::start();
    let target = Target::virtuoso(&server);
    load_cases(&target, &|| (Proxy::start(server.addr(), Behaviour::DropFirst(0)), server.gsp_url()));

    // Authentication: Virtuoso's endpoints need Digest.
    let env = TestEnv::new();
    let base = "https://example.org/virtuoso-auth/";
    let graph = format!("{base}graph/auth");
    for protocol in PROTOCOLS {
        let endpoint = target.endpoint(protocol);
        // No credentials: 401, with advice, no retry.
        let run = run_with_password(
            &env,
            &["--base", base, "load", "--endpoint", endpoint, "--protocol", protocol, "--graph", &graph],
            Virtuoso::PASSWORD,
        );
        assert_eq!(run.code, 1, "{protocol}, no credentials: {}", run.stderr);
        assert!(run.stderr.contains("401"), "{protocol}, no credentials: no 401 in {}", run.stderr);
        assert!(run.stderr.contains("--user"), "{protocol}, no credentials: no advice in {}", run.stderr);

        // A wrong password: 401, no retry, the password nowhere.
        let proxy = Proxy::start(server.addr(), Behaviour::DropFirst(0));
        let wrong = "Zq7-wrong-pass-81";
        let proxied = proxy.url(&endpoint_path(endpoint));
        let args = [
            "--base",
            base,
            "load",
            "--endpoint",
            &proxied,
            "--protocol",
            protocol,
            "--query-endpoint",
            &target.query_url,
            "--graph",
            &graph,
            "--user",
            "dba",
            "--password-env",
            PASSWORD_VAR,
        ];
        let run = run_with_password(&env, &args, wrong);
        assert_eq!(run.code, 1, "{protocol}, wrong password: {}", run.stderr);
        assert!(run.stderr.contains("401"), "{protocol}, wrong password: no 401 in {}", run.stderr);
        assert!(!run.stderr.contains(Virtuoso::PASSWORD), "{protocol}: the right password leaked");
        assert!(proxy.requests() >= 1, "{protocol}: no request went through the proxy");
        assert!(
            proxy.requests() <= 3,
            "{protocol}, wrong password: {} requests reached the server: a 401 was retried",
            proxy.requests()
        );
        assert_eq!(graph_count(&target.query_url, &graph), 0, "{protocol}: a refused load loaded data");
    }
}

/// A `--store` holding blank nodes (written by the Oxigraph CLI, not by
/// newskg): they arrive as IRIs under `<base>.well-known/genid/`, the same
/// on every load, so that loading twice with `--append` adds nothing.
#[test]
fn load_skolemizes_blank_nodes_deterministically() {
    let server = OxigraphServer::start();
    let target = Target::oxigraph(&server);
    let env = TestEnv::new();
    let data = env.write(
        "blank.nq",
        "_:a <http://example.org/p> \"x\" <http://example.org/g> .\n\
         _:a <http://example.org/q> _:b <http://example.org/g> .\n\
         _:b <http://example.org/p> \"y\"@en-GB <http://example.org/g> .\n",
    );
    let status = Command::new(crate::servers::oxigraph_cli())
        .arg("load")
        .arg("--location")
        .arg(env.path("blank-store"))
        .arg("--file")
        .arg(&data)
        .output()
        .expect("run oxigraph load");
    assert!(status.status.success(), "oxigraph load: {}", String::from_utf8_lossy(&status.stderr));
    let base = "https://example.org/skolem/";
    for protocol in PROTOCOLS {
        let graph = format!("{base}graph/{protocol}");
        for _ in 0..2 {
            load(&env, &target, base, protocol, &["--store", "blank-store", "--graph", &graph, "--append"], 0);
            assert_eq!(
                graph_count(&target.query_url, &graph),
                3,
                "{protocol}: the blank nodes were not the same IRIs twice"
            );
        }
        let query = format!("SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
        let subjects = select(&target.query_url, &query, &[]).rows;
        assert_eq!(subjects.len(), 2, "{protocol}: {subjects:?}");
        for row in subjects {
            let Some(Term::NamedNode(iri)) = &row[0] else { panic!("{protocol}: a subject {row:?}") };
            assert!(iri.as_str().starts_with(&format!("{base}.well-known/genid/")), "{protocol}: {iri}");
        }
    }
}
