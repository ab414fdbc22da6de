//! `newskg draft` on a corpus: a folder of article files at two depths and a
//! JSON Lines file with bad lines drafted into article directories that
//! `newskg build` reads as they are; bad articles reported and skipped.

use std::path::Path;

use crate::harness::{TestEnv, repo};

/// Copies a directory of fixtures into the test's directory under `to`.
fn copy_fixture(env: &TestEnv, from: &Path, to: &str) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("fixture");
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(from).expect("inside");
            let text = std::fs::read_to_string(entry.path()).expect("fixture text");
            env.write(&format!("{to}/{}", relative.display()), &text);
        }
    }
}

/// Runs a SELECT over a store and returns its rows (TSV, header dropped), sorted.
fn rows(env: &TestEnv, store: &str, sparql: &str) -> Vec<String> {
    let out = env.ok(&["query", "--store", store, "--format", "tsv", "--sparql", sparql]);
    let mut rows: Vec<String> = out.lines().skip(1).map(str::to_owned).collect();
    rows.sort();
    rows
}

const ARTICLE_TEXTS: &str = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> \
    SELECT ?g ?text WHERE { GRAPH ?g { ?c nif:isString ?text } }";

/// A folder of .txt, .md and .html articles at two depths (and a README,
/// which is not an article) is drafted into one article directory per
/// article, in the layout `newskg build` reads: the drafts build unedited,
/// under the ids and with the texts `build --auto` gives the same folder.
#[test]
fn a_folder_is_drafted_into_article_directories_that_build() {
    let env = TestEnv::new();
    copy_fixture(&env, &repo().join("tests/fixtures/draft-corpus"), "folder");
    let run = env.run(&["draft", "folder", "-o", "drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("drafted 3 of 3 articles into drafts"), "{}", run.stderr);
    let mut written: Vec<String> = env.files().into_iter().filter(|f| f.starts_with("drafts/")).collect();
    written.sort();
    assert_eq!(
        written,
        [
            "drafts/ferry/annotations.toml",
            "drafts/ferry/article.html",
            "drafts/library/annotations.toml",
            "drafts/library/article.md",
            "drafts/quarry/annotations.toml",
            "drafts/quarry/article.txt",
        ]
    );
    // Each line of standard output names a draft and what it holds.
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert!(run.stdout.contains("drafts/quarry/annotations.toml: "), "{}", run.stdout);
    // The copy is the article as it was.
    let copied = std::fs::read_to_string(env.path("drafts/library/article.md")).expect("copy");
    assert_eq!(copied, std::fs::read_to_string(env.path("folder/desk/library.md")).expect("original"));
    let draft = std::fs::read_to_string(env.path("drafts/quarry/annotations.toml")).expect("draft");
    assert!(draft.contains("id = \"quarry\""), "{draft}");
    assert!(draft.contains("speaker = \"ingrid-solheim\""), "{draft}");

    // The drafts build as curated article directories, unedited.
    let built = env.run(&["build", "drafts", "--store", "drafted"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(built.stdout.contains("from 3 articles"), "{}", built.stdout);
    env.ok(&["build", "--auto", "folder", "--store", "auto"]);
    let drafted = rows(&env, "drafted", ARTICLE_TEXTS);
    assert_eq!(drafted.len(), 3, "{drafted:?}");
    assert_eq!(drafted, rows(&env, "auto", ARTICLE_TEXTS));
    // Built from the reviewed drafts, the facts are curated, not automatic.
    let generated = rows(
        &env,
        "drafted",
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?f WHERE { GRAPH ?g { ?f prov:wasGeneratedBy ?a } }",
    );
    assert!(generated.is_empty(), "{generated:?}");
}

/// A JSON Lines file with bad lines: each bad line is reported with its
/// number and skipped, nothing is written for it, the good lines are drafted
/// (each as `article.jsonl`, its line) and build; the exit status is 1.
#[test]
fn a_json_lines_file_with_bad_lines_drafts_its_good_lines() {
    let env = TestEnv::new();
    let wire = std::fs::read_to_string(repo().join("tests/fixtures/readers/wire.jsonl")).expect("fixture");
    env.write("wire.jsonl", &wire);
    let run = env.run(&["draft", "wire.jsonl", "-o", "drafts"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (line, why) in [(3, "not JSON"), (4, "no `text`"), (6, "`date`: cannot read the date \"sometime in spring\"")] {
        assert!(run.stderr.contains(&format!("wire.jsonl: line {line}: {why}")), "line {line}: {}", run.stderr);
    }
    assert!(run.stderr.contains("drafted 3 of 6 articles into drafts; 3 skipped"), "{}", run.stderr);
    // A repair is reported at its line of the file.
    assert!(run.stderr.contains("warning: wire.jsonl: line 7, column 112: in `text`"), "{}", run.stderr);
    let mut dirs: Vec<String> = std::fs::read_dir(env.path("drafts"))
        .expect("drafts")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, ["wire-0412", "wire-0413", "wire-0417"]);
    let copy = std::fs::read_to_string(env.path("drafts/wire-0413/article.jsonl")).expect("copy");
    assert_eq!(copy, format!("{}\n", wire.lines().nth(1).expect("line 2")));
    let built = env.run(&["build", "drafts", "--store", "kg"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let ids: Vec<&str> = built.stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(ids, ["wire-0412", "wire-0413", "wire-0417", "store kg"]);
}

/// Many articles need an output directory; an existing draft is not
/// overwritten without --force (that article is reported, the exit status is
/// 1), and is with it.
#[test]
fn a_corpus_draft_needs_an_output_directory_and_keeps_existing_drafts() {
    let env = TestEnv::new();
    copy_fixture(&env, &repo().join("tests/fixtures/draft-corpus"), "folder");
    let run = env.run(&["draft", "folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("give the output directory with -o DIR"), "{}", run.stderr);
    let run = env.run(&["draft", "folder/quarry.txt", "folder/desk/library.md", "-o", "-"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(env.files().iter().all(|f| f.starts_with("folder/")), "{:?}", env.files());

    env.ok(&["draft", "folder/quarry.txt", "folder/desk/library.md", "-o", "drafts"]);
    env.write("drafts/quarry/annotations.toml", "# reviewed by hand\n");
    let run = env.run(&["draft", "folder", "-o", "drafts"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("drafts/quarry/article.txt: exists; pass --force to overwrite it"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(env.path("drafts/quarry/annotations.toml")).expect("kept"),
        "# reviewed by hand\n"
    );
    assert!(env.path("drafts/ferry/annotations.toml").is_file());
    env.ok(&["draft", "folder", "-o", "drafts", "--force"]);
    let redrafted = std::fs::read_to_string(env.path("drafts/quarry/annotations.toml")).expect("redrafted");
    assert!(redrafted.contains("[article]"), "{redrafted}");
}

/// Two articles with one id (the same file name in two folders) would
/// share a directory: the second is refused, as `build` refuses it.
#[test]
fn two_articles_with_one_id_are_not_drafted_into_one_directory() {
    let env = TestEnv::new();
    let quarry = std::fs::read_to_string(repo().join("tests/fixtures/draft-corpus/quarry.txt")).expect("fixture");
    env.write("a/quarry.txt", &quarry);
    env.write("b/quarry.txt", &quarry.replace("three weeks", "four weeks"));
    let run = env.run(&["draft", "a", "b", "-o", "drafts"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("b/quarry.txt: article id `quarry` is already taken"), "{}", run.stderr);
    let kept = std::fs::read_to_string(env.path("drafts/quarry/article.txt")).expect("first");
    assert!(kept.contains("three weeks"), "{kept}");
}

/// One article directory is one article, not a corpus: its draft is written
/// beside its article file (never over a reviewed one without --force), and
/// `newskg build` reads the directory as it is. (It used to be read as a
/// corpus and refused without -o.)
#[test]
fn an_article_directory_is_drafted_in_place() {
    let env = TestEnv::new();
    let quarry = std::fs::read_to_string(repo().join("tests/fixtures/draft-corpus/quarry.txt")).expect("fixture");
    env.write("quarry-closure/article.txt", &quarry);
    env.ok(&["draft", "quarry-closure"]);
    let draft = std::fs::read_to_string(env.path("quarry-closure/annotations.toml")).expect("drafted beside");
    assert!(draft.contains("id = \"quarry-closure\""), "{draft}");
    assert_eq!(env.files(), ["quarry-closure/annotations.toml", "quarry-closure/article.txt"]);

    env.write("quarry-closure/annotations.toml", "# reviewed by hand\n");
    let run = env.run(&["draft", "quarry-closure"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("annotations.toml exists; pass --force to overwrite it"), "{}", run.stderr);
    env.ok(&["draft", "quarry-closure", "--force"]);
    env.ok(&["build", "quarry-closure", "--store", "store"]);
    let texts = rows(&env, "store", ARTICLE_TEXTS);
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains("/quarry-closure"), "{texts:?}");
}
