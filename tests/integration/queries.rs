//! Every bundled query against its expected results.
//!
//! Expected results are SPARQL TSV files in `queries/expected/`, compared as
//! sets of rows (the header first). Run with `NEWSKG_BLESS=1` to rewrite them
//! after a deliberate change, then review the diff.

use crate::harness::{TestEnv, repo};

fn rows(tsv: &str) -> (String, Vec<String>) {
    let mut lines = tsv.lines();
    let header = lines.next().unwrap_or_default().to_owned();
    let mut rows: Vec<String> = lines.map(str::to_owned).collect();
    rows.sort();
    (header, rows)
}

#[test]
fn every_bundled_query_gives_its_expected_results() {
    let env = TestEnv::new();
    let bless = std::env::var_os("NEWSKG_BLESS").is_some();
    let mut failures = Vec::new();
    for query in newskg::query::BUNDLED {
        let mut args = vec!["query", query.name, "--format", "tsv"];
        let param;
        if let Some(p) = query.example_param() {
            param = p.to_owned();
            args.extend(["--param", &param]);
        }
        let actual = env.ok(&args);
        let expected_path = repo().join("queries/expected").join(format!("{}.tsv", query.name));
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expected results");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!("{} is missing: every bundled query needs expected results", expected_path.display())
        });
        if rows(&actual) != rows(&expected) {
            failures.push(format!("{}:\n--- expected\n{expected}\n--- actual\n{actual}", query.name));
        }
        assert!(actual.lines().count() > 1, "{} returns no rows", query.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn six_party_participants_are_exactly_the_six_states() {
    let env = TestEnv::new();
    let csv = env.ok(&["query", "six-party-participants", "--format", "csv"]);
    let mut names: Vec<&str> = csv.lines().skip(1).filter_map(|l| l.split(',').nth(1)).collect();
    names.sort_unstable();
    assert_eq!(names, ["China", "Japan", "North Korea", "Russia", "South Korea", "United States"]);
}

#[test]
fn a_table_on_request_and_the_w3c_formats_otherwise() {
    let env = TestEnv::new();
    let table = env.ok(&["query", "six-party-participants", "--format", "table"]);
    assert!(table.lines().nth(1).is_some_and(|l| l.starts_with('─')), "{table}");
    assert!(table.contains("(6 rows)"), "{table}");
    let json = env.ok(&["query", "six-party-participants", "--format", "json"]);
    assert!(json.starts_with("{\"head\":{\"vars\":[\"state\",\"name\",\"wikidata\",\"evidence\"]}"), "{json}");
    let xml = env.ok(&["query", "six-party-participants", "--format", "xml"]);
    assert!(xml.contains("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"), "{xml}");
    // Not a terminal: TSV by default.
    let tsv = env.ok(&["query", "six-party-participants"]);
    assert!(tsv.starts_with("?state\t?name"), "{tsv}");
}

#[test]
fn params_are_bound_as_terms() {
    let env = TestEnv::new();
    let query = "SELECT ?name WHERE { ?e <http://schema.org/name> ?name }";
    let one = env.ok(&["query", "--sparql", query, "--param", "name=Russia", "--format", "csv"]);
    assert_eq!(one.lines().collect::<Vec<_>>(), ["name", "Russia"]);
    // Text that would end the query if spliced in is one literal, matching nothing.
    let injected = env.ok(&["query", "--sparql", query, "--param", "name=x\" } ; DROP ALL ; {", "--format", "csv"]);
    assert_eq!(injected.lines().collect::<Vec<_>>(), ["name"]);
    let iri = env.ok(&[
        "query",
        "--sparql",
        "SELECT ?name WHERE { ?e <http://schema.org/name> ?name }",
        "--param",
        "e=id:entity/russia",
        "--format",
        "csv",
    ]);
    assert_eq!(iri.lines().collect::<Vec<_>>(), ["name", "Russia"]);
}

#[test]
fn queries_lists_every_bundled_query() {
    let env = TestEnv::new();
    let listing = env.ok(&["queries"]);
    for query in newskg::query::BUNDLED {
        assert!(listing.contains(query.name) && listing.contains(query.title()), "{listing}");
    }
}

#[test]
fn query_files_run() {
    let env = TestEnv::new();
    env.write("q.rq", "ASK { ?q a <http://schema.org/Quotation> }");
    assert_eq!(env.ok(&["query", "--file", "q.rq", "--format", "table"]).trim(), "true");
}
