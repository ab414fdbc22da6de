//! Runs the `newskg` binary in a temporary directory and captures its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sophia::api::source::TripleSource;
use sophia::inmem::graph::LightGraph;

/// A temporary working directory, removed on drop.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestEnv {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temporary directory") }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file (creating its directory).
    pub fn write(&self, relative: &str, content: &str) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write");
        path
    }

    /// Copies the bundled article into `name/`, with edits applied to its
    /// annotation file.
    pub fn article_dir(&self, name: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
        let bundled = repo().join("articles/moscow-times-2011-06-29-kim-meeting");
        self.write(
            &format!("{name}/article.md"),
            &std::fs::read_to_string(bundled.join("article.md")).expect("article"),
        );
        let annotations = std::fs::read_to_string(bundled.join("annotations.toml")).expect("annotations");
        self.write(&format!("{name}/annotations.toml"), &edit(annotations));
        self.path(name)
    }

    /// Runs `newskg ARGS` in the directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let output: Output = Command::new(env!("CARGO_BIN_EXE_newskg"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run newskg");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }

    /// Runs and expects success.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "newskg {args:?} failed: {}", run.stderr);
        run.stdout
    }

    /// Files in the directory, recursively, relative names, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        let mut stack = vec![self.dir.path().to_owned()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).expect("read_dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path.strip_prefix(self.dir.path()).expect("prefix").display().to_string());
                }
            }
        }
        files.sort();
        files
    }
}

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Parses Turtle (or N-Triples, a subset of it) with sophia, a parser
/// independent of Oxigraph's.
pub fn sophia_graph(turtle: &str) -> LightGraph {
    sophia::turtle::parser::turtle::parse_str(turtle).collect_triples().expect("sophia parses the export")
}

/// Asserts two graphs are isomorphic, printing the triples of each side that
/// the other lacks (as N-Triples lines) when they are not.
pub fn assert_isomorphic(expected_nt: &str, actual_turtle: &str) {
    let expected = sophia_graph(expected_nt);
    let actual = sophia_graph(actual_turtle);
    if !sophia::isomorphism::isomorphic_graphs(&expected, &actual).expect("isomorphism check") {
        let lines = |g: &LightGraph| -> std::collections::BTreeSet<String> {
            let mut out = Vec::new();
            sophia::turtle::serializer::nt::NTriplesSerializer::new(&mut out).serialize_graph(g).expect("serialize");
            String::from_utf8(out).expect("utf8").lines().map(str::to_owned).collect()
        };
        use sophia::api::serializer::TripleSerializer;
        let (e, a) = (lines(&expected), lines(&actual));
        let missing: Vec<_> = e.difference(&a).take(10).collect();
        let extra: Vec<_> = a.difference(&e).take(10).collect();
        panic!("graphs differ\nmissing: {missing:#?}\nunexpected: {extra:#?}");
    }
}

/// Parses N-Quads with sophia (blank nodes keep no label identity).
pub fn sophia_dataset(nquads: &str) -> sophia::inmem::dataset::LightDataset {
    use sophia::api::source::QuadSource;
    sophia::turtle::parser::nq::parse_str(nquads).collect_quads().expect("sophia parses the N-Quads")
}

/// Why two N-Quads documents are not isomorphic datasets (named graphs
/// included), with the quads of each side that the other lacks; `None` when
/// they are.
pub fn dataset_difference(expected_nq: &str, actual_nq: &str) -> Option<String> {
    use sophia::api::serializer::QuadSerializer;
    let expected = sophia_dataset(expected_nq);
    let actual = sophia_dataset(actual_nq);
    if sophia::isomorphism::isomorphic_datasets(&expected, &actual).expect("isomorphism check") {
        return None;
    }
    let lines = |d: &sophia::inmem::dataset::LightDataset| -> std::collections::BTreeSet<String> {
        let mut out = Vec::new();
        sophia::turtle::serializer::nq::NQuadsSerializer::new(&mut out).serialize_dataset(d).expect("serialize");
        String::from_utf8(out).expect("utf8").lines().map(str::to_owned).collect()
    };
    let (e, a) = (lines(&expected), lines(&actual));
    let missing: Vec<_> = e.difference(&a).take(10).collect();
    let extra: Vec<_> = a.difference(&e).take(10).collect();
    Some(format!("datasets differ\nmissing: {missing:#?}\nunexpected: {extra:#?}"))
}
