//! Exports read back as the same graph, and the same bytes on every run.

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Triple;
use sophia::api::graph::Graph;

use crate::harness::{TestEnv, assert_isomorphic, sophia_graph};

/// The bundled graph as the library builds it, flattened to N-Triples.
fn store_content_ntriples() -> String {
    let conversion =
        newskg::convert::convert(&newskg::convert::Source::bundled(), newskg::DEFAULT_BASE).expect("convert");
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for quad in &conversion.graph {
        serializer.serialize_triple(&Triple::from(quad.clone())).expect("serialize");
    }
    String::from_utf8(serializer.finish().expect("finish")).expect("utf8")
}

#[test]
fn turtle_export_parses_back_to_the_store_graph() {
    let env = TestEnv::new();
    let turtle = env.ok(&["export", "--format", "turtle"]);
    assert!(turtle.starts_with("@prefix"), "Turtle starts with its prefixes");
    assert_isomorphic(&store_content_ntriples(), &turtle);
}

#[test]
fn ntriples_export_parses_back_to_the_store_graph() {
    let env = TestEnv::new();
    let nt = env.ok(&["export", "--format", "ntriples"]);
    assert_isomorphic(&store_content_ntriples(), &nt);
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let env = TestEnv::new();
    let formats = ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld", "dot"];
    let runs = formats.iter().map(|f| vec!["export", "--format", f]).chain([vec!["export", "--canonical"]]);
    for args in runs {
        let first = env.ok(&args);
        let second = env.ok(&args);
        assert!(!first.is_empty(), "{args:?}: empty export");
        assert!(first == second, "{args:?}: two runs differ");
    }
}

#[test]
fn turtle_groups_each_subject_once() {
    let env = TestEnv::new();
    let turtle = env.ok(&["export"]);
    // A subject block starts at column 0 after the prefixes; each subject once.
    let subjects: Vec<&str> = turtle
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(['@', ' ', '\t']))
        .map(|l| l.split_whitespace().next().unwrap_or_default())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = subjects.iter().collect();
    assert_eq!(subjects.len(), unique.len(), "a subject appears in two blocks");
    assert!(subjects.len() > 100, "{} subject blocks", subjects.len());
}

#[test]
fn export_file_has_the_triple_count_that_stats_reports() {
    let env = TestEnv::new();
    env.write("out/.keep", "");
    env.ok(&["export", "-o", "out/article.ttl"]);
    let turtle = std::fs::read_to_string(env.path("out/article.ttl")).expect("exported file");
    let parsed = sophia_graph(&turtle).triples().count();
    let stats = env.ok(&["stats"]);
    let reported: usize = stats
        .lines()
        .find_map(|l| l.strip_prefix("triples"))
        .and_then(|n| n.trim().parse().ok())
        .expect("stats prints a triple count");
    assert_eq!(parsed, reported);
    assert!(reported > 500, "the bundled graph has {reported} triples");
}

#[test]
fn nquads_keep_the_article_and_entity_graphs() {
    let env = TestEnv::new();
    let nquads = env.ok(&["export", "--format", "nquads"]);
    let graphs: std::collections::BTreeSet<&str> =
        nquads.lines().filter_map(|l| l.trim_end_matches(" .").rsplit(' ').next()).collect();
    assert_eq!(
        graphs.into_iter().collect::<Vec<_>>(),
        [
            "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting>",
            "<https://w3id.org/newskg/id/graph/entities>",
        ]
    );
}

#[test]
fn a_persistent_store_answers_later_without_rebuilding() {
    let env = TestEnv::new();
    let built = env.ok(&["build", "--store", "kg"]);
    assert!(built.contains("5 quotations"), "{built}");
    let from_store = env.ok(&["export", "--store", "kg", "--format", "ntriples"]);
    let in_memory = env.ok(&["export", "--format", "ntriples"]);
    assert_eq!(from_store, in_memory);
    // Rebuilding replaces the article's graph: no duplicates, same content.
    env.ok(&["build", "--store", "kg"]);
    // A store's N-Quads and TriG are streamed graph by graph; the bytes are
    // those of the whole graph sorted at once.
    for format in ["nquads", "trig"] {
        assert_eq!(env.ok(&["export", "--store", "kg", "--format", format]), env.ok(&["export", "--format", format]));
    }
}
