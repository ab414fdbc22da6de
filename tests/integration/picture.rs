//! The Graphviz picture: Graphviz draws it without complaint, it shows the
//! entities, events and quotations with readable labels and labelled edges,
//! and it leaves provenance and mentions out.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::{TestEnv, repo};

/// Renders DOT with Graphviz's `dot` as SVG; panics with its messages if it
/// warns or fails.
fn render(dot: &str) -> String {
    let found = Command::new("sh").args(["-c", "command -v dot"]).output().is_ok_and(|o| o.status.success());
    assert!(found, "`dot` is missing: run `make deps-test` (it installs the Debian package graphviz)");
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dot");
    child.stdin.take().expect("stdin").write_all(dot.as_bytes()).expect("write DOT");
    let output = child.wait_with_output().expect("wait for dot");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.trim().is_empty(), "dot: {stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 SVG")
}

#[test]
fn the_picture_of_the_bundled_article_reads_as_the_story() {
    let env = TestEnv::new();
    let dot = env.ok(&["export", "--format", "dot"]);
    assert!(dot.starts_with("digraph newskg {"), "{dot}");
    let svg = render(&dot);
    assert!(svg.contains("Kim Jong Il"), "Graphviz did not draw the labels");
    // Labels as written in the DOT, with their line breaks undone.
    let labels = dot.replace("\\n", " ");
    let wanted = [
        // Entities of every kind, by name.
        "label=\"Kim Jong Il\"",
        "label=\"Dmitry Medvedev\"",
        "label=\"Kremlin\"",
        "label=\"Russia\"",
        "label=\"Vladivostok\"",
        "label=\"a police source in Vladivostok\"",
        // Events, with their status.
        "label=\"Kim–Medvedev summit in Vladivostok (cancelled)\"",
        "(scheduled)\"",
        // A quotation, as a note.
        "label=\"“We never said that he was going to come”\", shape=note",
        // Labelled edges: relation, participation, place, post, quotation, claim.
        "[label=\"member of\"",
        "[label=\"in\"",
        "[label=\"at\"",
        "[label=\"President of Russia\"",
        "[label=\"said\"",
        "[label=\"claims\"",
        "[label=\"cites\"",
    ];
    let missing: Vec<&str> = wanted.iter().copied().filter(|w| !labels.contains(w)).collect();
    assert!(missing.is_empty(), "the picture lacks {missing:?}");
    // No provenance, mention, statement or claim nodes: only named things.
    for left_out in ["#char=", "/statement/", "/claim/", "/post/", "nif", "Phrase", "Sentence"] {
        assert!(!dot.contains(left_out), "the picture shows {left_out}");
    }
    // The parts of the graph not connected to the story are named in the caption.
    assert!(svg.contains("Not connected to the above"), "no caption of the parts left out");
}

#[test]
fn the_picture_keeps_hard_labels_intact() {
    let env = TestEnv::new();
    let fixture = repo().join("tests/fixtures/interop-literals");
    env.ok(&["build", fixture.to_str().expect("UTF-8 path"), "--store", "kg"]);
    let dot = env.ok(&["export", "--format", "dot", "--store", "kg"]);
    let svg = render(&dot);
    // Graphviz draws each line of a label as one SVG text element.
    for line in ["Renée Müller", "Zürich", "北京", "“Nothing is", "agreed — not", "&quot;Café Agreement&quot;"]
    {
        assert!(svg.contains(line), "the picture lacks {line}");
    }
}

#[test]
fn dot_is_chosen_by_the_file_extension() {
    let env = TestEnv::new();
    env.ok(&["export", "-o", "graph.dot"]);
    let file = std::fs::read_to_string(env.path("graph.dot")).expect("exported file");
    assert_eq!(file, env.ok(&["export", "--format", "dot"]));
}
