//! Canonical N-Quads (RDFC-1.0) and the dataset fingerprint: the same for
//! every build of the same inputs, and for every format the dataset is read
//! back from.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad};
use sha2::{Digest, Sha256};

use crate::harness::{TestEnv, dataset_difference, repo};

/// The quads a parser (Oxigraph's) reads from an export.
fn read_back(text: &str, format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_reader(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{format} export does not parse: {e}"))
}

fn flattened(quads: &[Quad]) -> Vec<Quad> {
    quads
        .iter()
        .map(|q| Quad::new(q.subject.clone(), q.predicate.clone(), q.object.clone(), GraphName::DefaultGraph))
        .collect()
}

#[test]
fn fingerprint_is_the_sha256_of_the_canonical_nquads() {
    let env = TestEnv::new();
    let canonical = env.ok(&["export", "--canonical"]);
    let fingerprint = env.ok(&["export", "--fingerprint"]);
    let expected: String = Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(fingerprint, format!("{expected}\n"));
    // Canonical N-Quads are sorted lines, one per quad, and the same dataset.
    let lines: Vec<&str> = canonical.lines().collect();
    assert!(lines.is_sorted(), "canonical N-Quads are not in code point order");
    assert!(canonical.ends_with('\n'));
    let nquads = env.ok(&["export", "--format", "nquads"]);
    assert_eq!(lines.len(), nquads.lines().count());
    if let Some(difference) = dataset_difference(&nquads, &canonical) {
        panic!("{difference}");
    }
}

#[test]
fn fingerprint_does_not_depend_on_the_format_read_back() {
    let env = TestEnv::new();
    let fingerprint = env.ok(&["export", "--fingerprint"]);
    let fingerprint = fingerprint.trim();
    assert_eq!(fingerprint.len(), 64, "{fingerprint}");
    // Formats with named graphs give back the dataset itself.
    for (format, parser) in [("nquads", RdfFormat::NQuads), ("trig", RdfFormat::TriG)] {
        let quads = read_back(&env.ok(&["export", "--format", format]), parser);
        assert_eq!(newskg::export::fingerprint(&quads).expect("fingerprint"), fingerprint, "{format}");
    }
    let dataset = read_back(&env.ok(&["export", "--format", "nquads"]), RdfFormat::NQuads);
    let quads = oxigraph_read_back_jsonld(&env.ok(&["export", "--format", "jsonld"]));
    assert_eq!(newskg::export::fingerprint(&quads).expect("fingerprint"), fingerprint, "jsonld");
    // Formats without them give back the merged graph, whose fingerprint is
    // that of the dataset with every quad in the default graph.
    let merged = newskg::export::fingerprint(&flattened(&dataset)).expect("fingerprint");
    assert_ne!(merged, fingerprint, "the graph names count in the fingerprint");
    for (format, parser) in
        [("turtle", RdfFormat::Turtle), ("ntriples", RdfFormat::NTriples), ("rdfxml", RdfFormat::RdfXml)]
    {
        let quads = read_back(&env.ok(&["export", "--format", format]), parser);
        assert_eq!(newskg::export::fingerprint(&quads).expect("fingerprint"), merged, "{format}");
    }
}

/// JSON-LD read back with Oxigraph's JSON-LD parser.
fn oxigraph_read_back_jsonld(text: &str) -> Vec<Quad> {
    read_back(text, RdfFormat::JsonLd { profile: oxigraph::io::JsonLdProfileSet::empty() })
}

#[test]
fn two_builds_of_the_same_inputs_have_the_same_fingerprint() {
    let env = TestEnv::new();
    let fixture = repo().join("tests/fixtures/interop-literals");
    let fixture = fixture.to_str().expect("UTF-8 path");
    let mut prints = Vec::new();
    for store in ["first", "second"] {
        env.ok(&["build", fixture, "--store", store]);
        prints.push(env.ok(&["export", "--fingerprint", "--store", store]));
        prints.push(env.ok(&["export", "--fingerprint", "--store", store]));
    }
    assert!(prints.windows(2).all(|w| w[0] == w[1]), "{prints:?}");
    // A different dataset has a different fingerprint.
    assert_ne!(prints[0], env.ok(&["export", "--fingerprint"]));
}

#[test]
fn fingerprint_ignores_blank_node_labels_and_quad_order() {
    use oxigraph::model::{BlankNode, Literal, NamedNode};
    let p = NamedNode::new("http://example.org/p").expect("IRI");
    let g = NamedNode::new("http://example.org/g").expect("IRI");
    let dataset = |a: &str, b: &str| {
        let (a, b) = (BlankNode::new(a).expect("label"), BlankNode::new(b).expect("label"));
        vec![
            Quad::new(a.clone(), p.clone(), b.clone(), g.clone()),
            Quad::new(
                b.clone(),
                p.clone(),
                Literal::new_language_tagged_literal("“x” — y", "en-gb").expect("tag"),
                g.clone(),
            ),
            Quad::new(a, p.clone(), Literal::new_simple_literal("a \"quoted\"\nline \\"), GraphName::DefaultGraph),
        ]
    };
    let first = dataset("a", "b");
    let mut second = dataset("zz9", "n0");
    second.reverse();
    let print = |quads: &[Quad]| newskg::export::fingerprint(quads).expect("fingerprint");
    assert_eq!(print(&first), print(&second));
    let mut canonical = Vec::new();
    newskg::export::canonical::write(&first, &mut canonical).expect("canonical");
    let canonical = String::from_utf8(canonical).expect("UTF-8");
    assert!(canonical.contains("_:c14n0") && canonical.contains("_:c14n1"), "{canonical}");
    // A different literal changes it.
    let mut third = dataset("a", "b");
    third.pop();
    assert_ne!(print(&first), print(&third));
}

/// The README prints the bundled graph's fingerprint: it must be the one the
/// binary prints, so that a reader can check a build against it.
#[test]
fn the_readme_shows_the_fingerprint_of_the_bundled_graph() {
    let env = TestEnv::new();
    let fingerprint = env.ok(&["export", "--fingerprint"]);
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let shown = readme
        .split("$ newskg export --fingerprint\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .expect("README.md shows `$ newskg export --fingerprint` and its output");
    assert_eq!(
        shown,
        fingerprint.trim(),
        "README.md shows another fingerprint than the bundled graph's: if the graph changed on purpose, \
         put the output of `newskg export --fingerprint` in the README"
    );
}
