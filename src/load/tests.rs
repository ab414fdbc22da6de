//! Unit tests of the pure parts of the load stage: URLs, batching, bodies,
//! planning, and what errors show.

use std::collections::BTreeSet;
use std::io::Read;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Triple};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::Store;

use super::update::{self, Batches};
use super::*;

const BASE: &str = "https://w3id.org/newskg/id/";

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).expect("IRI")
}

/// A graph with the literals that break naive serializers.
fn tricky_store(graph: &NamedNode) -> Store {
    let store = Store::new().expect("store");
    let s = iri("https://ex.org/s");
    let p = iri("https://ex.org/p");
    let objects: Vec<oxigraph::model::Term> = vec![
        Literal::new_simple_literal("a \"quoted\" word").into(),
        Literal::new_simple_literal(r"back\slash \n not a newline").into(),
        Literal::new_simple_literal("two\nlines\r\nand a\ttab").into(),
        Literal::new_simple_literal("non-BMP: 😀 𝔘 and BMP: é ß ж").into(),
        Literal::new_language_tagged_literal("colour", "en-GB").expect("tag").into(),
        Literal::new_typed_literal("42", iri("http://www.w3.org/2001/XMLSchema#integer")).into(),
        Literal::new_typed_literal("2011-06-29", iri("http://www.w3.org/2001/XMLSchema#date")).into(),
        Literal::new_simple_literal("control \u{7} and } brace { and # hash").into(),
        iri("https://ex.org/o?x=1&y=%20#frag").into(),
        BlankNode::new("b0").expect("bnode").into(),
    ];
    for o in objects {
        store.insert(&Quad::new(s.clone(), p.clone(), o, graph.clone())).expect("insert");
    }
    store.insert(&Quad::new(BlankNode::new("b0").expect("bnode"), p, s, graph.clone())).expect("insert");
    store
}

/// The triples of `graph` in `store`, as N-Triples lines, sorted.
fn lines(store: &Store, graph: &NamedNode) -> BTreeSet<String> {
    store
        .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        .map(|q| Triple::from(q.expect("quad")).to_string())
        .collect()
}

/// What the server should hold: the source's triples with blank nodes skolemized.
fn skolemized(store: &Store, graph: &NamedNode) -> BTreeSet<String> {
    store
        .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        .map(|q| body::triple(q.expect("quad"), BASE).expect("triple").to_string())
        .collect()
}

#[test]
fn graph_iris_are_percent_encoded() {
    let table = [
        ("https://w3id.org/newskg/id/article/a-b_c.d~e", "https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle%2Fa-b_c.d~e"),
        ("http://ex.org/g?x=1&y=2", "http%3A%2F%2Fex.org%2Fg%3Fx%3D1%26y%3D2"),
        ("http://ex.org/a b+c#f", "http%3A%2F%2Fex.org%2Fa%20b%2Bc%23f"),
        ("http://ex.org/é😀", "http%3A%2F%2Fex.org%2F%C3%A9%F0%9F%98%80"),
        ("", ""),
    ];
    for (text, encoded) in table {
        assert_eq!(percent_encode(text), encoded, "{text}");
    }
    let g = iri("https://ex.org/g#x");
    assert_eq!(graph_url("http://h:7878/store", &g), "http://h:7878/store?graph=https%3A%2F%2Fex.org%2Fg%23x");
    assert_eq!(graph_url("http://h/gsp?key=1", &g), "http://h/gsp?key=1&graph=https%3A%2F%2Fex.org%2Fg%23x");
}

#[test]
fn query_endpoint_is_derived_from_known_layouts() {
    let table = [
        ("http://127.0.0.1:7878/store", Some("http://127.0.0.1:7878/query")),
        ("http://127.0.0.1:7878/update", Some("http://127.0.0.1:7878/query")),
        ("http://h:3030/ds/update", Some("http://h:3030/ds/query")),
        ("http://h:8890/sparql-graph-crud-auth", Some("http://h:8890/sparql-auth")),
        ("http://h:8890/sparql-graph-crud", Some("http://h:8890/sparql")),
        ("http://h:8890/sparql-auth", Some("http://h:8890/sparql-auth")),
        ("https://h/x/store?key=k", Some("https://h/x/query?key=k")),
        ("http://h:3030/ds/data", None),
        ("http://h:8890/sparql", None),
        ("http://h/storefront", None),
    ];
    for (endpoint, expected) in table {
        assert_eq!(derive_query_endpoint(endpoint).as_deref(), expected, "{endpoint}");
    }
}

#[test]
fn urls_with_credentials_or_other_schemes_are_refused_without_echoing_the_password() {
    for (url, ok) in [
        ("http://127.0.0.1:7878/store", true),
        ("https://example.org/sparql-auth", true),
        ("ftp://example.org/store", false),
        ("127.0.0.1:7878/store", false),
        ("http:///store", false),
        ("http://dba:Zebra-Quartz-7781@127.0.0.1:7878/store", false),
    ] {
        let result = check_url(url);
        assert_eq!(result.is_ok(), ok, "{url}: {result:?}");
        if let Err(error) = result {
            assert!(error.is_usage());
            assert!(!error.to_string().contains("Zebra-Quartz-7781"), "{error}");
        }
    }
}

#[test]
fn insert_data_batches_round_trip_tricky_literals() {
    let graph = iri("https://ex.org/graph");
    let source = tricky_store(&graph);
    for (max_triples, max_bytes) in [(500, 1 << 20), (1, 1 << 20), (3, 1 << 20), (500, 300), (2, 400)] {
        let target = Store::new().expect("store");
        let quads = body::quads(&source, &[GraphName::NamedNode(graph.clone())]);
        let mut sent = 0;
        for batch in Batches::new(quads, BASE, &graph, max_triples, max_bytes) {
            let batch = batch.expect("batch");
            assert!(batch.triples <= max_triples);
            assert!(batch.text.len() <= max_bytes, "{} > {max_bytes}", batch.text.len());
            let text = String::from_utf8(batch.text).expect("UTF-8");
            SparqlEvaluator::new()
                .parse_update(&text)
                .unwrap_or_else(|e| panic!("{e}\n{text}"))
                .on_store(&target)
                .execute()
                .expect("update");
            sent += batch.triples;
        }
        assert_eq!(sent, 11);
        assert_eq!(lines(&target, &graph), skolemized(&source, &graph), "batches of {max_triples} / {max_bytes} B");
    }
}

#[test]
fn batches_split_at_both_caps() {
    let graph = iri("https://ex.org/g");
    let store = Store::new().expect("store");
    for i in 0..10 {
        let o = Literal::new_simple_literal(format!("value {i:02}"));
        store
            .insert(&Quad::new(iri(&format!("https://ex.org/s{i}")), iri("https://ex.org/p"), o, graph.clone()))
            .expect("insert");
    }
    let sources = [GraphName::NamedNode(graph.clone())];
    let sizes = |max_triples, max_bytes| -> Vec<u64> {
        Batches::new(body::quads(&store, &sources), BASE, &graph, max_triples, max_bytes)
            .map(|b| b.expect("batch").triples)
            .collect()
    };
    assert_eq!(sizes(4, 1 << 20), [4, 4, 2]);
    assert_eq!(sizes(10, 1 << 20), [10]);
    assert_eq!(sizes(1, 1 << 20), [1; 10]);
    // Each line is 62 bytes and the frame 44: 300 bytes hold 4 lines.
    let line = "<https://ex.org/s0> <https://ex.org/p> \"value 00\" .\n".len();
    let frame = format!("INSERT DATA {{ GRAPH {graph} {{\n").len() + "} }\n".len();
    let per_request = (300 - frame) / line;
    assert_eq!(sizes(500, 300), [per_request as u64, per_request as u64, (10 - 2 * per_request) as u64]);
    let error = Batches::new(body::quads(&store, &sources), BASE, &graph, 500, 60).next().expect("one item");
    assert!(matches!(error, Err(LoadError::TripleTooLarge { limit: 60, .. })), "{error:?}");
}

#[test]
fn graph_store_body_is_the_n_triples_of_the_graph_and_its_length_is_measured() {
    let graph = iri("https://ex.org/graph");
    let store = tricky_store(&graph);
    let sources = [GraphName::NamedNode(graph.clone())];
    let (triples, bytes) = body::measure(body::quads(&store, &sources), BASE).expect("measure");
    let counted = std::cell::Cell::new(0);
    let on_triples = |n| counted.set(counted.get() + n);
    let mut reader = body::NTriplesReader::new(body::quads(&store, &sources), BASE, &on_triples);
    let mut text = Vec::new();
    reader.read_to_end(&mut text).expect("read");
    assert_eq!((triples, bytes), (11, text.len() as u64));
    assert_eq!(counted.get(), 11);
    let parsed: BTreeSet<String> = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(&text)
        .map(|q| Triple::from(q.expect("valid N-Triples")).to_string())
        .collect();
    assert_eq!(parsed, skolemized(&store, &graph));
    assert!(!String::from_utf8(text).expect("UTF-8").contains("_:"), "blank nodes are skolemized");
}

#[test]
fn blank_nodes_get_the_same_skolem_iri_every_time() {
    let quad = Quad::new(
        BlankNode::new("x1").expect("bnode"),
        iri("https://ex.org/p"),
        BlankNode::new("x1").expect("bnode"),
        GraphName::DefaultGraph,
    );
    let triple = body::triple(quad.clone(), BASE).expect("triple");
    assert_eq!(
        triple.to_string(),
        "<https://w3id.org/newskg/id/.well-known/genid/x1> <https://ex.org/p> <https://w3id.org/newskg/id/.well-known/genid/x1>"
    );
    assert_eq!(body::triple(quad, BASE).expect("triple"), triple);
}

#[test]
fn staging_graph_and_swap_texts_parse() {
    for (target, staging) in [
        ("https://ex.org/article/a", "https://ex.org/article/a#newskg-staging"),
        ("https://ex.org/id#graph", "https://ex.org/id#graph-newskg-staging"),
    ] {
        let target = iri(target);
        assert_eq!(update::staging_graph(&target).as_str(), staging);
        let staging = update::staging_graph(&target);
        for text in [update::drop_graph(&staging), update::swap(&staging, &target)] {
            let _ = SparqlEvaluator::new().parse_update(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        }
        let _ = SparqlEvaluator::new().parse_query(&update::count_query(&target)).expect("count query");
    }
}

#[test]
fn swap_on_a_store_replaces_the_target_with_the_staged_graph() {
    let store = Store::new().expect("store");
    let target = iri("https://ex.org/g");
    let staging = update::staging_graph(&target);
    let p = iri("https://ex.org/p");
    store
        .insert(&Quad::new(iri("https://ex.org/old"), p.clone(), iri("https://ex.org/o"), target.clone()))
        .expect("insert");
    store.insert(&Quad::new(iri("https://ex.org/new"), p, iri("https://ex.org/o"), staging.clone())).expect("insert");
    SparqlEvaluator::new()
        .parse_update(&update::swap(&staging, &target))
        .expect("parse")
        .on_store(&store)
        .execute()
        .expect("swap");
    assert_eq!(
        lines(&store, &target),
        BTreeSet::from(["<https://ex.org/new> <https://ex.org/p> <https://ex.org/o>".to_owned()])
    );
    assert!(lines(&store, &staging).is_empty());
}

fn bundled_store() -> Store {
    let store = Store::new().expect("store");
    let conversion = crate::convert::convert(&crate::convert::Source::bundled(), BASE).expect("convert");
    crate::store::load_graph(&store, &conversion).expect("load");
    store
}

#[test]
fn plans_replace_article_graphs_and_merge_the_entity_graph_of_articles() {
    let store = bundled_store();
    let article = iri(&format!("{BASE}article/{}", crate::convert::BUNDLED_ID));
    let entities = iri(&format!("{BASE}graph/entities"));
    let modes = |origin, graph, append| -> Vec<(String, Mode)> {
        plan(&store, origin, BASE, graph, append)
            .expect("plan")
            .into_iter()
            .map(|p| (p.target.into_string(), p.mode))
            .collect()
    };
    let a = article.as_str().to_owned();
    let e = entities.as_str().to_owned();
    assert_eq!(modes(Origin::Articles, None, false), [(a.clone(), Mode::Replace), (e.clone(), Mode::Merge)]);
    assert_eq!(modes(Origin::Store, None, false), [(a.clone(), Mode::Replace), (e.clone(), Mode::Replace)]);
    assert_eq!(modes(Origin::Store, None, true), [(a, Mode::Merge), (e, Mode::Merge)]);
    let one = plan(&store, Origin::Store, BASE, Some(iri("https://ex.org/all")), false).expect("plan");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].sources.len(), 2);
    assert_eq!(one[0].mode, Mode::Replace);
}

#[test]
fn dry_run_lists_every_request_and_sends_nothing() {
    let store = bundled_store();
    let plans = plan(&store, Origin::Articles, BASE, None, false).expect("plan");
    // Port 9 (discard) on loopback: nothing listens there, and nothing is sent anyway.
    let mut options = Options::new("http://127.0.0.1:9/update", Protocol::Update, BASE);
    options.credentials = Some(Credentials::new("dba", "Zebra-Quartz-7781"));
    options.batch_triples = 400;
    let loader = Loader::new(&store, &options).expect("loader");
    let mut out = Vec::new();
    let summary = loader.dry_run(&plans, &mut out).expect("dry run");
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(!text.contains("Zebra-Quartz-7781"));
    let inserts: u64 = text
        .lines()
        .filter(|l| l.contains("INSERT DATA"))
        .map(|l| {
            l.split("  ").nth(2).and_then(|t| t.strip_suffix(" triples")).expect("count").parse::<u64>().expect("n")
        })
        .sum();
    assert_eq!(inserts, summary.triples);
    assert!(
        text.lines().filter(|l| l.contains("INSERT DATA")).all(|l| l.starts_with("POST http://127.0.0.1:9/update "))
    );
    assert!(text.contains("MOVE SILENT GRAPH"), "{text}");
    assert!(text.contains("POST http://127.0.0.1:9/query "), "{text}");

    let gsp = Options::new("http://127.0.0.1:9/store", Protocol::GraphStore, BASE);
    let mut out = Vec::new();
    Loader::new(&store, &gsp).expect("loader").dry_run(&plans, &mut out).expect("dry run");
    let text = String::from_utf8(out).expect("UTF-8");
    let article = percent_encode(&format!("{BASE}article/{}", crate::convert::BUNDLED_ID));
    assert!(text.contains(&format!("PUT http://127.0.0.1:9/store?graph={article} ")), "{text}");
    assert!(
        text.contains(&format!(
            "POST http://127.0.0.1:9/store?graph={} ",
            percent_encode(&format!("{BASE}graph/entities"))
        )),
        "{text}"
    );
}

#[test]
fn no_query_endpoint_is_a_usage_error() {
    let store = Store::new().expect("store");
    let options = Options::new("http://127.0.0.1:9/data", Protocol::GraphStore, BASE);
    let error = Loader::new(&store, &options).err().expect("an error");
    assert!(error.is_usage(), "{error}");
    assert!(error.to_string().contains("--query-endpoint"), "{error}");
}

#[test]
fn errors_never_show_the_password() {
    let store = bundled_store();
    let plans = plan(&store, Origin::Articles, BASE, None, false).expect("plan");
    // A port nothing listens on: connection refused at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    for protocol in [Protocol::GraphStore, Protocol::Update] {
        let path = if protocol == Protocol::GraphStore { "store" } else { "update" };
        let mut options = Options::new(format!("http://127.0.0.1:{port}/{path}"), protocol, BASE);
        options.credentials = Some(Credentials::new("dba", "Zebra-Quartz-7781"));
        options.retries = 1;
        let loader = Loader::new(&store, &options).expect("loader");
        let error = loader.load(&plans, &|_| {}, &mut |_| Ok(())).expect_err("nothing listens");
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains("Zebra-Quartz-7781"), "{shown}");
            assert!(shown.contains(&format!("127.0.0.1:{port}")), "{shown}");
        }
        assert!(
            matches!(&error, LoadError::Graph { source, .. } if matches!(**source, LoadError::GaveUp { attempts: 2, .. })),
            "{error:?}"
        );
    }
    let unauthorized = LoadError::Unauthorized {
        method: "PUT",
        url: "http://h/store".into(),
        user: Some("dba".into()),
        excerpt: String::new(),
    };
    assert_eq!(
        unauthorized.to_string(),
        "PUT http://h/store: 401 Unauthorized: the server refused the credentials of user \"dba\" (wrong user or password?)"
    );
}
