//! The benchmark's corpus generator (`bench/generate_corpus.rs`, built as the
//! example `generate-corpus` next to the newskg binary): its articles build
//! and validate, are the same bytes for the same seed, are shaped like the
//! bundled article (its length, and every class and property its graph uses),
//! and share entities across articles as one node of the shared entity graph.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::TestEnv;

const ARTICLES: usize = 4;

/// The example binary, built by `cargo test --release` (and `cargo build
/// --release --examples`) into `examples/` beside the newskg binary.
fn generator() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_newskg"));
    let path = bin.parent().expect("binary directory").join("examples").join("generate-corpus");
    assert!(
        path.is_file(),
        "{} is missing: build it with `cargo build --release --locked --example generate-corpus` \
         (`cargo test --release` builds it)",
        path.display()
    );
    path
}

fn generate(env: &TestEnv, dir: &str, count: usize, seed: u64) {
    let output = Command::new(generator())
        .args([env.path(dir).to_str().expect("UTF-8 path"), &count.to_string(), &seed.to_string()])
        .output()
        .expect("run generate-corpus");
    assert!(output.status.success(), "generate-corpus failed: {}", String::from_utf8_lossy(&output.stderr));
}

/// Every file below `dir`, by relative path, with its bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(dir).expect("prefix").display().to_string();
            files.push((name, std::fs::read(entry.path()).expect("read")));
        }
    }
    files
}

/// The predicates and the classes (objects of rdf:type) of an N-Quads document.
fn vocabulary(nquads: &str) -> BTreeSet<String> {
    let mut terms = BTreeSet::new();
    for line in nquads.lines() {
        let mut parts = line.splitn(3, ' ');
        let (_, predicate, rest) = (parts.next(), parts.next().expect("predicate"), parts.next().expect("object"));
        terms.insert(predicate.to_owned());
        if predicate == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" {
            terms.insert(format!("a {}", rest.split(' ').next().expect("class")));
        }
    }
    terms
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_articles() {
    let env = TestEnv::new();
    generate(&env, "one", ARTICLES, 7);
    generate(&env, "two", ARTICLES, 7);
    generate(&env, "other", ARTICLES, 8);
    let one = contents(&env.path("one"));
    assert_eq!(one.len(), 2 * ARTICLES, "an article.md and an annotations.toml per article");
    assert!(one == contents(&env.path("two")), "two runs with seed 7 differ");
    assert!(one != contents(&env.path("other")), "seeds 7 and 8 give the same corpus");
    // Article i does not depend on how many are generated.
    generate(&env, "fewer", 2, 7);
    assert_eq!(contents(&env.path("fewer"))[..], one[..4]);
}

#[test]
fn generated_articles_build_validate_and_share_entities() {
    let env = TestEnv::new();
    generate(&env, "corpus", ARTICLES, 2011);
    let run = env.run(&["build", "corpus", "--store", "kg"]);
    assert_eq!(run.code, 0, "every generated article builds: {}", run.stderr);

    // Shaped like the bundled article (1,718 triples): each between 1,200 and 1,800.
    let articles: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("article-")).collect();
    assert_eq!(articles.len(), ARTICLES, "{}", run.stdout);
    for line in &articles {
        let triples: usize = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("triple count");
        assert!((1200..=1800).contains(&triples), "not the bundled article's size: {line}");
        for part in ["5 quotations", "13 claims"] {
            assert!(line.contains(part), "{line}");
        }
    }

    let validate = env.run(&["validate", "--store", "kg"]);
    assert_eq!(validate.code, 0, "the generated corpus conforms: {}{}", validate.stdout, validate.stderr);
    assert!(validate.stdout.contains("conforms"), "{}", validate.stdout);

    // Every class and property of the bundled graph occurs: every mapping path runs.
    env.ok(&["build", "--store", "bundled"]);
    let bundled = vocabulary(&env.ok(&["export", "--store", "bundled", "--format", "nquads"]));
    let generated = vocabulary(&env.ok(&["export", "--store", "kg", "--format", "nquads"]));
    let missing: Vec<_> = bundled.difference(&generated).collect();
    assert!(missing.is_empty(), "the generated corpus never uses {missing:?}");

    // Entities mentioned from two article graphs, each described once, in the
    // shared entity graph only.
    let shared = env.ok(&[
        "query",
        "--store",
        "kg",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX schema: <http://schema.org/> \
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> \
         SELECT ?e (COUNT(DISTINCT ?name) AS ?names) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { \
           GRAPH <https://w3id.org/newskg/id/graph/entities> { ?e schema:name ?name } \
           GRAPH ?g { ?mention itsrdf:taIdentRef ?e } \
         } GROUP BY ?e HAVING (COUNT(DISTINCT ?g) >= 2) ORDER BY ?e",
    ]);
    let rows: Vec<Vec<&str>> = shared.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 5, "few entities shared across {ARTICLES} articles: {shared}");
    for row in &rows {
        assert_eq!(row[1], "1", "one name per shared node: {row:?}");
    }
    let described_elsewhere = env.ok(&[
        "query",
        "--store",
        "kg",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX schema: <http://schema.org/> \
         SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e schema:name ?n ; a schema:Person } \
           FILTER(?g != <https://w3id.org/newskg/id/graph/entities>) }",
    ]);
    assert_eq!(described_elsewhere.lines().count(), 1, "people described in article graphs: {described_elsewhere}");

    // Wikidata ids only from the reviewed list, as in curated annotations.
    let listed: BTreeSet<String> = crate::wikidata::reference().into_iter().map(|row| row.id).collect();
    let linked = env.ok(&[
        "query",
        "--store",
        "kg",
        "--format",
        "tsv",
        "--sparql",
        "SELECT DISTINCT ?q WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> ?q }",
    ]);
    let ids: Vec<&str> = linked
        .lines()
        .skip(1)
        .filter_map(|l| l.strip_prefix("<http://www.wikidata.org/entity/")?.strip_suffix('>'))
        .collect();
    assert!(!ids.is_empty(), "no Wikidata links generated: {linked}");
    for id in ids {
        assert!(listed.contains(id), "{id} is not in the reviewed Wikidata list");
    }
}
