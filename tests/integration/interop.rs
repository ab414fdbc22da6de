//! Interop: each export, read by independent implementations — rdflib
//! (Python), N3.js and jsonld.js (JavaScript), Raptor's `rapper` and Serd's
//! `serdi` (C) — gives a graph isomorphic to the store's. Each tool
//! re-serializes what it read as N-Triples or N-Quads, and sophia compares
//! that with what the converter put in the store, as graphs (blank nodes up
//! to renaming), named graphs included where the format keeps them.
//!
//! Two articles go through every reader: the bundled one, and a fixture
//! (`tests/fixtures/interop-literals/`) whose literals hold what parsers and
//! serializers get wrong: straight and curly quotes, backslashes, newlines,
//! em dashes, accents, CJK, a region language tag, typed dates and a decimal.
//!
//! The tools are installed by `make deps-test` (run by `make test`); a
//! missing tool fails the test with that advice, it never skips.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};

use crate::harness::{TestEnv, dataset_difference, repo};

/// What a tool's output keeps: the named graphs, or only the triples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Graph,
    Dataset,
}

/// An independent reader of one export format.
struct Reader {
    tool: &'static str,
    /// The `newskg export --format` it reads.
    format: &'static str,
    shape: Shape,
    /// The command that reads FILE and prints N-Triples or N-Quads.
    command: fn(&Path) -> Command,
}

fn rdflib(format: &str, file: &Path) -> Command {
    let mut command = Command::new(python());
    command.arg(repo().join("tests/interop/rdflib_to_nquads.py")).arg(format).arg(file);
    command
}

fn n3js(format: &str, file: &Path) -> Command {
    let mut command = Command::new("node");
    command.arg(node_script("n3_to_nquads.js", "n3")).arg(format).arg(file);
    command
}

fn rapper(syntax: &str, file: &Path) -> Command {
    let mut command = Command::new(tool("rapper", "raptor2-utils"));
    command.args(["--quiet", "--input", syntax, "--output", "ntriples"]).arg(file);
    command
}

fn serdi(syntax: &str, file: &Path) -> Command {
    let mut command = Command::new(tool("serdi", "serdi"));
    command.args(["-i", syntax, "-o", "ntriples"]).arg(file);
    command
}

const READERS: &[Reader] = &[
    Reader { tool: "rdflib", format: "turtle", shape: Shape::Graph, command: |f| rdflib("turtle", f) },
    Reader { tool: "rdflib", format: "ntriples", shape: Shape::Graph, command: |f| rdflib("nt", f) },
    Reader { tool: "rdflib", format: "nquads", shape: Shape::Dataset, command: |f| rdflib("nquads", f) },
    Reader { tool: "rdflib", format: "trig", shape: Shape::Dataset, command: |f| rdflib("trig", f) },
    Reader { tool: "rdflib", format: "rdfxml", shape: Shape::Graph, command: |f| rdflib("xml", f) },
    Reader { tool: "rdflib", format: "jsonld", shape: Shape::Dataset, command: |f| rdflib("json-ld", f) },
    Reader { tool: "N3.js", format: "turtle", shape: Shape::Graph, command: |f| n3js("Turtle", f) },
    Reader { tool: "N3.js", format: "trig", shape: Shape::Dataset, command: |f| n3js("TriG", f) },
    Reader { tool: "N3.js", format: "ntriples", shape: Shape::Graph, command: |f| n3js("N-Triples", f) },
    Reader { tool: "N3.js", format: "nquads", shape: Shape::Dataset, command: |f| n3js("N-Quads", f) },
    Reader { tool: "rapper", format: "turtle", shape: Shape::Graph, command: |f| rapper("turtle", f) },
    Reader { tool: "rapper", format: "ntriples", shape: Shape::Graph, command: |f| rapper("ntriples", f) },
    Reader { tool: "rapper", format: "rdfxml", shape: Shape::Graph, command: |f| rapper("rdfxml", f) },
    Reader { tool: "serdi", format: "turtle", shape: Shape::Graph, command: |f| serdi("turtle", f) },
    Reader { tool: "serdi", format: "ntriples", shape: Shape::Graph, command: |f| serdi("ntriples", f) },
    Reader {
        tool: "jsonld.js",
        format: "jsonld",
        shape: Shape::Dataset,
        command: |f| {
            let mut command = Command::new("node");
            command.arg(node_script("jsonld_to_nquads.js", "jsonld")).arg(f);
            command
        },
    },
];

/// The Python with rdflib: `NEWSKG_PYTHON` (set by `make unit`), else the
/// repository's virtual environment.
fn python() -> PathBuf {
    let python = std::env::var_os("NEWSKG_PYTHON").map_or_else(|| repo().join(".venv/bin/python"), PathBuf::from);
    assert!(python.exists(), "{} is missing: run `make deps-test` (it installs rdflib)", python.display());
    python
}

/// A helper script under tests/interop/, after checking its npm package.
fn node_script(script: &str, package: &str) -> PathBuf {
    let installed = repo().join("node_modules").join(package);
    assert!(
        installed.is_dir(),
        "{} is missing: run `make deps-test` (it installs the npm package {package})",
        installed.display()
    );
    repo().join("tests/interop").join(script)
}

/// A command-line tool, which must be installed.
fn tool(name: &'static str, package: &str) -> &'static str {
    let found =
        Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success());
    assert!(found, "`{name}` is missing: run `make deps-test` (it installs the Debian package {package})");
    name
}

/// An article as it goes into the store, and how to export it.
struct Article {
    name: &'static str,
    /// The quads the converter made: the store's content.
    quads: Vec<Quad>,
    /// Arguments selecting it for `newskg export`.
    export_args: Vec<String>,
}

fn articles(env: &TestEnv) -> Vec<Article> {
    let bundled = newskg::convert::convert(&newskg::convert::Source::bundled(), newskg::DEFAULT_BASE).expect("convert");
    let fixture_dir = repo().join("tests/fixtures/interop-literals");
    let fixture = newskg::convert::Source::read_dir(&fixture_dir).expect("fixture");
    let fixture = newskg::convert::convert(&fixture, newskg::DEFAULT_BASE).expect("convert the fixture");
    env.ok(&["build", fixture_dir.to_str().expect("UTF-8 path"), "--store", "fixture-store"]);
    vec![
        Article { name: "bundled", quads: bundled.graph, export_args: Vec::new() },
        Article {
            name: "interop-literals",
            quads: fixture.graph,
            export_args: vec!["--store".into(), env.path("fixture-store").display().to_string()],
        },
    ]
}

/// The quads as N-Quads, or their triples (merged graphs) as N-Triples.
fn reference(quads: &[Quad], shape: Shape) -> String {
    let format = if shape == Shape::Dataset { RdfFormat::NQuads } else { RdfFormat::NTriples };
    let mut lines = BTreeSet::new();
    for quad in quads {
        let mut serializer = RdfSerializer::from_format(format).for_writer(Vec::new());
        match shape {
            Shape::Dataset => serializer.serialize_quad(quad).expect("serialize"),
            Shape::Graph => serializer.serialize_triple(&Triple::from(quad.clone())).expect("serialize"),
        }
        lines.insert(String::from_utf8(serializer.finish().expect("finish")).expect("utf8"));
    }
    lines.into_iter().collect()
}

#[test]
fn every_independent_reader_reads_the_store_graph() {
    let env = TestEnv::new();
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for article in articles(&env) {
        let formats: BTreeSet<&str> = READERS.iter().map(|r| r.format).collect();
        for format in formats {
            let file = env.path(&format!("{}.{format}", article.name));
            let mut args = vec!["export", "--format", format, "-o", file.to_str().expect("UTF-8 path")];
            args.extend(article.export_args.iter().map(String::as_str));
            env.ok(&args);
        }
        for reader in READERS {
            let file = env.path(&format!("{}.{}", article.name, reader.format));
            let case = format!("{} reading {} ({})", reader.tool, reader.format, article.name);
            let output = (reader.command)(&file).output().unwrap_or_else(|e| panic!("{case}: cannot run: {e}"));
            if !output.status.success() {
                failures.push(format!("{case}: failed: {}", String::from_utf8_lossy(&output.stderr)));
                continue;
            }
            let read = String::from_utf8(output.stdout).expect("UTF-8 output");
            match dataset_difference(&reference(&article.quads, reader.shape), &read) {
                Some(difference) => failures.push(format!("{case}: {difference}")),
                None => checked.push(case),
            }
        }
    }
    assert!(failures.is_empty(), "{}\n\nisomorphic: {checked:#?}", failures.join("\n\n"));
    assert_eq!(checked.len(), 2 * READERS.len());
}

/// The fixture's literals are the ones the interop test is for: if the
/// fixture or the converter stopped producing them, the test above would
/// prove less than it says.
#[test]
fn the_fixture_holds_the_hard_literals() {
    let fixture = newskg::convert::Source::read_dir(&repo().join("tests/fixtures/interop-literals")).expect("fixture");
    let conversion = newskg::convert::convert(&fixture, newskg::DEFAULT_BASE).expect("convert the fixture");
    let nquads = reference(&conversion.graph, Shape::Dataset);
    let expected = [
        ("a double quote", r#"\""#),
        ("a backslash", r"\\"),
        ("a newline in an annotation string", r"\n"),
        ("curly quotes", "“Café Agreement”"),
        ("an em dash", "—"),
        ("accents", "Zürich"),
        ("CJK", "北京"),
        ("a region language tag", "\"@en-gb "),
        ("a date", "^^<http://www.w3.org/2001/XMLSchema#date>"),
        ("a month", "^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"),
        ("a year", "^^<http://www.w3.org/2001/XMLSchema#gYear>"),
        ("a decimal", "\"2.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>"),
        ("a backslash in the article text", r"C:\\talks\\rail\\v2"),
    ];
    let missing: Vec<&str> = expected.iter().filter(|(_, s)| !nquads.contains(s)).map(|(what, _)| *what).collect();
    assert!(missing.is_empty(), "the fixture graph lacks {missing:?}");
}

/// JSON-LD is compacted with the shipped context: readable keys and compact
/// IRIs, the context inline, and no key spelled as a full IRI.
#[test]
fn jsonld_is_compacted_with_the_shipped_context() {
    use sophia_jsonld::json_ld::syntax::{Parse, Value};
    let env = TestEnv::new();
    let text = env.ok(&["export", "--format", "jsonld"]);
    let document = Value::parse_str(&text, |_| ()).expect("the export is JSON").into_value();
    let shipped = Value::parse_str(newskg::export::jsonld::CONTEXT, |_| ()).expect("the context is JSON").into_value();
    let context = |v: &Value| v.as_object().and_then(|o| o.get("@context").next()).cloned();
    assert!(context(&document).is_some(), "no @context");
    assert!(context(&document) == context(&shipped), "the @context is not the shipped one");
    for key in [
        "\"speaker\": \"entity:",
        "\"evidence\": \"id:article/",
        "\"beginIndex\": ",
        "\"anchorOf\": ",
        "\"@type\": \"Quotation\"",
    ] {
        assert!(text.contains(key), "no {key} in the JSON-LD");
    }
    // Every property the converter writes has a term: no key is an IRI, full or compact.
    let keys: BTreeSet<&str> =
        text.lines().filter_map(|l| l.trim_start().strip_prefix('"')?.split_once("\": ").map(|(key, _)| key)).collect();
    let iri_keys: Vec<&&str> = keys.iter().filter(|k| k.contains(':')).collect();
    assert!(iri_keys.is_empty(), "keys without a term in ontology/context.jsonld: {iri_keys:?}");
}

/// Under another base IRI the context's `id:` and `entity:` prefixes move
/// with it, and jsonld.js still reads the same dataset as the N-Quads export.
#[test]
fn jsonld_under_another_base_expands_to_the_same_dataset() {
    let env = TestEnv::new();
    let base = "https://example.org/kg/";
    env.ok(&["--base", base, "export", "--format", "jsonld", "-o", "graph.jsonld"]);
    let text = std::fs::read_to_string(env.path("graph.jsonld")).expect("export");
    assert!(text.contains("\"entity\": \"https://example.org/kg/entity/\""), "the entity prefix did not move");
    assert!(text.contains("\"speaker\": \"entity:natalya-timakova\""), "entity IRIs are not compacted");
    let nquads = env.ok(&["--base", base, "export", "--format", "nquads"]);
    let output = Command::new("node")
        .arg(node_script("jsonld_to_nquads.js", "jsonld"))
        .arg(env.path("graph.jsonld"))
        .output()
        .expect("run node");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let read = String::from_utf8(output.stdout).expect("UTF-8");
    if let Some(difference) = dataset_difference(&nquads, &read) {
        panic!("{difference}");
    }
}
