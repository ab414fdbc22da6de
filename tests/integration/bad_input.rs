//! Bad input: each case gives a clear message naming the file and place, the
//! right exit code (1 data, 2 usage), and leaves no output file behind.

use crate::harness::TestEnv;

struct Case {
    name: &'static str,
    /// Edit of the bundled annotation file (identity when `None`).
    edit: Option<fn(String) -> String>,
    args: &'static [&'static str],
    code: i32,
    fragments: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "missing article directory",
        edit: None,
        args: &["build", "no-such-dir"],
        code: 1,
        fragments: &["no-such-dir", "not an article directory"],
    },
    Case {
        name: "malformed TOML",
        edit: Some(|a| a.replacen("[article]", "[article", 1)),
        args: &["build", "art"],
        code: 1,
        fragments: &["annotations.toml", "line 7, column"],
    },
    Case {
        name: "evidence not in the text",
        edit: Some(|a| a.replacen("then-President Vladimir Putin\"", "then-President Boris Yeltsin\"", 1)),
        args: &["build", "art"],
        code: 1,
        fragments: &[
            "annotations.toml: line",
            "evidence not found",
            "closest passage: \"then-President Vladimir Putin",
        ],
    },
    Case {
        name: "unknown entity id",
        edit: Some(|a| a.replacen("speaker = \"natalya-timakova\"", "speaker = \"natalia-timakova\"", 1)),
        args: &["build", "art"],
        code: 1,
        fragments: &[
            "annotations.toml: line",
            "unknown entity id `natalia-timakova`",
            "did you mean `natalya-timakova`",
        ],
    },
    Case {
        name: "duplicate id",
        edit: Some(|a| a.replacen("id = \"hu-jintao\"", "id = \"vladimir-putin\"", 1)),
        args: &["build", "art"],
        code: 1,
        fragments: &["annotations.toml: line", "duplicate id `vladimir-putin`"],
    },
    Case {
        name: "wrong type",
        edit: Some(|a| a.replacen("value = 130", "value = \"130\"", 1)),
        args: &["build", "art"],
        code: 1,
        fragments: &["annotations.toml: line", "invalid type"],
    },
    Case {
        name: "malformed Wikidata id",
        edit: Some(|a| a.replacen("wikidata = \"Q959\"", "wikidata = \"959\"", 1)),
        args: &["build", "art"],
        code: 1,
        fragments: &["annotations.toml: line", "Wikidata id `959`"],
    },
    Case {
        name: "malformed SPARQL",
        edit: None,
        args: &["query", "--sparql", "SELECT ?x WHERE { ?x ?y }"],
        code: 1,
        fragments: &["invalid SPARQL in --sparql query, line 1, column 25", "`?x ?y` has no object"],
    },
    Case {
        name: "query that never ends, stopped by --timeout",
        edit: None,
        args: &[
            "query",
            "--sparql",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "--timeout",
            "0.5",
        ],
        code: 1,
        fragments: &["query stopped after the timeout of 500ms"],
    },
    Case {
        name: "timeout that is not a positive number",
        edit: None,
        args: &["query", "actors", "--timeout", "0"],
        code: 2,
        fragments: &["--timeout"],
    },
    Case {
        name: "unknown query name",
        edit: None,
        args: &["query", "six-party-participant"],
        code: 2,
        fragments: &["no bundled query named `six-party-participant`", "did you mean `six-party-participants`"],
    },
    Case {
        name: "param that is not an RDF term",
        edit: None,
        args: &["query", "six-party-participants", "--param", "state=<not an iri>"],
        code: 2,
        fragments: &["--param", "not a valid IRI"],
    },
    Case {
        name: "param for a variable the query lacks",
        edit: None,
        args: &["query", "six-party-participants", "--param", "nothing=<http://a.org/>"],
        code: 2,
        fragments: &["has no variable ?nothing"],
    },
    Case {
        name: "output in a missing directory",
        edit: None,
        args: &["export", "-o", "missing/article.ttl"],
        code: 1,
        fragments: &["missing/article.ttl", "does not exist"],
    },
    Case {
        name: "output extension with no format",
        edit: None,
        args: &["export", "-o", "article.txt"],
        code: 2,
        fragments: &["cannot tell the format", "--format"],
    },
    Case {
        name: "store that does not exist",
        edit: None,
        args: &["query", "actors", "--store", "no-store"],
        code: 1,
        fragments: &["no-store", "no store in this directory"],
    },
    Case {
        name: "unknown subcommand",
        edit: None,
        args: &["frobnicate"],
        code: 2,
        fragments: &["unrecognized subcommand"],
    },
];

#[test]
fn bad_inputs_fail_clearly_and_write_nothing() {
    let mut failures = Vec::new();
    for case in CASES {
        let env = TestEnv::new();
        if let Some(edit) = case.edit {
            env.article_dir("art", edit);
        }
        let before = env.files();
        let run = env.run(case.args);
        let missing: Vec<_> = case.fragments.iter().filter(|f| !run.stderr.contains(**f)).collect();
        if run.code != case.code || !missing.is_empty() {
            failures.push(format!(
                "{}: exit {} (want {}), missing {missing:?} in stderr:\n{}",
                case.name, run.code, case.code, run.stderr
            ));
        }
        if !run.stdout.is_empty() {
            failures.push(format!("{}: wrote to stdout: {}", case.name, run.stdout));
        }
        if env.files() != before {
            failures.push(format!("{}: left files behind: {:?}", case.name, env.files()));
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{}: panicked", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_bad_article_leaves_an_existing_store_untouched() {
    let env = TestEnv::new();
    env.ok(&["build", "--store", "kg"]);
    let before = env.ok(&["export", "--store", "kg", "--format", "nquads"]);
    env.article_dir("art", |a| a.replacen("speaker = \"natalya-timakova\"", "speaker = \"nobody\"", 1));
    let run = env.run(&["build", "art", "--store", "kg"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(env.ok(&["export", "--store", "kg", "--format", "nquads"]), before);
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(["export", "--format", "ntriples"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read one byte and hang up, as `| head -c1` does.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).expect("read");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}
