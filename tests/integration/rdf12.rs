//! RDF 1.2 on request (issue 15): `export --rdf12` and `build --rdf12` write
//! relation statements as reifiers (`rdf:reifies` with a triple term). Each
//! export that carries triple terms (Turtle, N-Triples, N-Quads, TriG in
//! their 1.2 forms) reads back as the same dataset with Oxigraph's parser
//! (the project's own) and with N3.js (npm `n3`, an independent RDF 1.2
//! parser); the bundled queries answer alike on both forms; `validate`
//! checks both. rdflib 7.6, rapper 2.0.15 and serdi 0.30.16 do not read RDF
//! 1.2 triple terms, so they are not among the readers.
//!
//! The graphs have no blank nodes (every node is minted from content), so
//! two of them are isomorphic exactly when their sets of quads are equal.

use std::collections::HashSet;
use std::process::Command;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};

use crate::harness::{TestEnv, repo};

const REIFIES: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies";
const STATEMENT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";

/// The formats whose 1.2 forms carry triple terms: (newskg, N3.js, Oxigraph, keeps graphs).
const FORMATS: &[(&str, &str, RdfFormat, bool)] = &[
    ("turtle", "Turtle", RdfFormat::Turtle, false),
    ("ntriples", "N-Triples", RdfFormat::NTriples, false),
    ("nquads", "N-Quads", RdfFormat::NQuads, true),
    ("trig", "TriG", RdfFormat::TriG, true),
];

fn parse(format: RdfFormat, data: &[u8]) -> HashSet<Quad> {
    RdfParser::from_format(format).for_slice(data).collect::<Result<_, _>>().expect("parse")
}

/// The bundled graph with its statements as reifiers, as a set of quads, or
/// of triples in the default graph when the format merges graphs.
fn expected(keeps_graphs: bool) -> HashSet<Quad> {
    let conversion = newskg::convert::convert(&newskg::convert::Source::bundled(), newskg::DEFAULT_BASE)
        .expect("convert")
        .with_reifiers();
    conversion
        .graph
        .into_iter()
        .map(|q| if keeps_graphs { q } else { Quad { graph_name: GraphName::DefaultGraph, ..q } })
        .collect()
}

fn assert_same(case: &str, expected: &HashSet<Quad>, actual: &HashSet<Quad>) {
    if expected != actual {
        let missing: Vec<String> = expected.difference(actual).take(5).map(ToString::to_string).collect();
        let extra: Vec<String> = actual.difference(expected).take(5).map(ToString::to_string).collect();
        panic!("{case}: datasets differ\nmissing: {missing:#?}\nunexpected: {extra:#?}");
    }
}

#[test]
fn rdf12_exports_read_back_as_the_same_dataset_by_oxigraph_and_n3js() {
    let env = TestEnv::new();
    let n3 = repo().join("node_modules/n3");
    assert!(n3.is_dir(), "{} is missing: run `make deps-test` (it installs the npm package n3)", n3.display());
    for (format, n3_format, rdf_format, keeps_graphs) in FORMATS {
        let expected = expected(*keeps_graphs);
        let reifiers = expected.iter().filter(|q| q.predicate.as_str() == REIFIES).count();
        assert_eq!(reifiers, 13, "{format}: one reifier per relation statement");
        assert!(expected.iter().all(|q| !matches!(&q.subject, oxigraph::model::NamedOrBlankNode::BlankNode(_))));
        assert!(
            expected.iter().all(|q| q.object != Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(STATEMENT)))
        );

        let file = env.path(&format!("graph.{format}"));
        env.ok(&["export", "--rdf12", "--format", format, "-o", file.to_str().expect("UTF-8 path")]);
        let bytes = std::fs::read(&file).expect("export");
        assert!(String::from_utf8_lossy(&bytes).contains("<<("), "{format}: no triple term written");
        assert_same(&format!("Oxigraph reading {format}"), &expected, &parse(*rdf_format, &bytes));

        let output = Command::new("node")
            .arg(repo().join("tests/interop/n3_to_nquads.js"))
            .arg(n3_format)
            .arg(&file)
            .output()
            .expect("run node");
        assert!(output.status.success(), "N3.js reading {format}: {}", String::from_utf8_lossy(&output.stderr));
        assert_same(&format!("N3.js reading {format}"), &expected, &parse(RdfFormat::NQuads, &output.stdout));
    }
}

#[test]
fn rdf12_exports_are_deterministic_and_refused_where_no_triple_term_fits() {
    let env = TestEnv::new();
    let once = env.ok(&["export", "--rdf12", "--format", "trig"]);
    assert_eq!(once, env.ok(&["export", "--rdf12", "--format", "trig"]));
    for format in ["rdfxml", "jsonld", "dot"] {
        let run = env.run(&["export", "--rdf12", "--format", format]);
        assert_eq!(run.code, 2, "{format}: {}", run.stderr);
        assert!(run.stderr.contains("cannot carry RDF 1.2 triple terms"), "{format}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

/// A store built with --rdf12 holds reifiers; every bundled query answers
/// on it as on the classic store, and both validate.
#[test]
fn a_store_built_with_rdf12_answers_and_validates_like_the_classic_one() {
    let env = TestEnv::new();
    env.ok(&["build", "--store", "classic"]);
    let built = env.ok(&["build", "--rdf12", "--store", "rdf12"]);
    assert!(built.contains("1679 triples"), "{built}");
    let nquads = env.ok(&["export", "--store", "rdf12", "--format", "nquads"]);
    assert_same("the --rdf12 store", &expected(true), &parse(RdfFormat::NQuads, nquads.as_bytes()));
    // Exporting it again with --rdf12 changes nothing.
    assert_eq!(env.ok(&["export", "--store", "rdf12", "--format", "nquads", "--rdf12"]), nquads);

    for query in newskg::query::BUNDLED {
        let mut args = vec!["query", query.name, "--format", "tsv"];
        if let Some(param) = query.example_param() {
            args.extend(["--param", param]);
        }
        let rows = |store: &str| {
            let mut args = args.clone();
            args.extend(["--store", store]);
            let mut lines: Vec<String> = env.ok(&args).lines().map(str::to_owned).collect();
            lines.sort();
            lines
        };
        assert_eq!(rows("rdf12"), rows("classic"), "{}", query.name);
    }
    for store in ["classic", "rdf12"] {
        let run = env.run(&["validate", "--store", store]);
        assert_eq!(run.code, 0, "{store}: {}", run.stdout);
    }
}

/// The shapes cover the RDF 1.2 form: a reifier that reifies two triples,
/// or a statement in both forms at once, or in neither, does not conform.
#[test]
fn validate_checks_reifiers() {
    let env = TestEnv::new();
    let nt = env.ok(&["export", "--rdf12", "--format", "ntriples"]);
    let node = "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting/statement/china--ally-of--north-korean-government>";
    let cases = [
        (
            "a second triple",
            format!("{nt}{node} <{REIFIES}> <<( <http://e/a> <http://e/b> <http://e/c> )>> .\n"),
            "rdf:reifies  a statement reifies exactly one triple",
        ),
        (
            "both forms",
            format!(
                "{nt}{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://w3id.org/newskg/id/entity/china> .\n"
            ),
            "Xone",
        ),
        (
            "neither form",
            nt.lines().filter(|l| !(l.starts_with(node) && l.contains(REIFIES))).map(|l| format!("{l}\n")).collect(),
            "Xone",
        ),
    ];
    for (case, data, words) in cases {
        env.write("broken.nt", &data);
        let run = env.run(&["validate", "--data", "broken.nt"]);
        assert_eq!(run.code, 1, "{case}: {}", run.stdout);
        assert!(run.stdout.contains(words), "{case}: no {words:?} in\n{}", run.stdout);
    }
    env.write("whole.nt", &nt);
    assert_eq!(env.run(&["validate", "--data", "whole.nt"]).code, 0);
}
