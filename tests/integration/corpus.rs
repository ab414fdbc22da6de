//! Corpus builds: many article directories (found recursively) into one
//! store, one named graph per article, shared entities as one node; a bad
//! article skipped (or, with --fail-fast, the build stopped); a rebuild that
//! replaces exactly; queries over the union or one article (--graph); and a
//! second writer refused while a build holds the store, readers let in.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::harness::TestEnv;

const MEDVEDEV: &str = "https://w3id.org/newskg/id/entity/dmitry-medvedev";

/// A copy of the bundled article at `path` with article id `id`.
fn copy(env: &TestEnv, path: &str, id: &str) {
    env.article_dir(path, |a| a.replacen("[article]\n", &format!("[article]\nid = \"{id}\"\n"), 1));
}

/// `count` copies of the bundled article under `dir/`, ids `copy-000`…
/// (written directly: faster than `copy` for many).
fn copies(env: &TestEnv, dir: &str, count: usize) {
    let bundled = crate::harness::repo().join("articles/moscow-times-2011-06-29-kim-meeting");
    let article = std::fs::read_to_string(bundled.join("article.md")).expect("article");
    let annotations = std::fs::read_to_string(bundled.join("annotations.toml")).expect("annotations");
    for i in 0..count {
        env.write(&format!("{dir}/copy-{i:03}/article.md"), &article);
        env.write(
            &format!("{dir}/copy-{i:03}/annotations.toml"),
            &annotations.replacen("[article]\n", &format!("[article]\nid = \"copy-{i:03}\"\n"), 1),
        );
    }
}

/// A broken copy: a speaker no entity has.
fn broken(env: &TestEnv, path: &str, id: &str) {
    env.article_dir(path, |a| {
        a.replacen("[article]\n", &format!("[article]\nid = \"{id}\"\n"), 1).replacen(
            "speaker = \"natalya-timakova\"",
            "speaker = \"nobody\"",
            1,
        )
    });
}

/// Runs a SELECT with one result column and returns its values, sorted.
fn column(env: &TestEnv, store: &str, sparql: &str) -> Vec<String> {
    let out = env.ok(&["query", "--store", store, "--format", "tsv", "--sparql", sparql]);
    let mut values: Vec<String> = out.lines().skip(1).map(str::to_owned).collect();
    values.sort();
    values
}

/// The store's graphs but its summary graphs (each article's, the corpus's),
/// which `summaries.rs` tests.
fn graphs(env: &TestEnv, store: &str) -> Vec<String> {
    column(env, store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        .into_iter()
        .filter(|g| !newskg::summary::is_summary_graph(g.trim_matches(['<', '>']), newskg::DEFAULT_BASE))
        .collect()
}

fn article_graph(id: &str) -> String {
    format!("<https://w3id.org/newskg/id/article/{id}>")
}

const ENTITY_GRAPH: &str = "<https://w3id.org/newskg/id/graph/entities>";

#[test]
fn a_nested_corpus_loads_one_graph_per_article_and_skips_the_bad_one() {
    let env = TestEnv::new();
    copy(&env, "corpus/2011/june/a", "article-a");
    copy(&env, "corpus/2011/july/b", "article-b");
    copy(&env, "corpus/2012/c", "article-c");
    broken(&env, "corpus/2012/d", "article-d");

    let run = env.run(&["build", "corpus", "--store", "kg"]);
    assert_eq!(run.code, 1, "a skipped article makes the exit code 1: {}", run.stderr);
    assert!(run.stderr.contains("corpus/2012/d/annotations.toml"), "names the bad file: {}", run.stderr);
    assert!(run.stderr.contains("unknown entity id `nobody`"), "says why: {}", run.stderr);
    assert!(run.stderr.contains("(skipped)"), "{}", run.stderr);
    assert!(run.stderr.contains("loaded 3 of 4 articles"), "{}", run.stderr);
    assert!(run.stderr.contains("1 skipped"), "{}", run.stderr);
    for id in ["article-a", "article-b", "article-c"] {
        assert!(run.stdout.contains(&format!("{id}: 1718 triples")), "{}", run.stdout);
    }

    let mut expected = vec![article_graph("article-a"), article_graph("article-b"), article_graph("article-c")];
    expected.push(ENTITY_GRAPH.to_owned());
    expected.sort();
    assert_eq!(graphs(&env, "kg"), expected);

    // Medvedev is one node: described once, in the entity graph, and
    // mentioned from each article's graph.
    let described =
        column(&env, "kg", &format!("SELECT ?g WHERE {{ GRAPH ?g {{ <{MEDVEDEV}> <http://schema.org/name> ?n }} }}"));
    assert_eq!(described, [ENTITY_GRAPH]);
    let mentioning = column(
        &env,
        "kg",
        &format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> <{MEDVEDEV}> }} }}"
        ),
    );
    assert_eq!(mentioning.len(), 3, "{mentioning:?}");
    // Each article graph holds the same count as the article alone.
    let counts = column(
        &env,
        "kg",
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} \
             FILTER(?g != {ENTITY_GRAPH} && !STRENDS(STR(?g), \"summary\")) }} GROUP BY ?g"
        ),
    );
    assert_eq!(counts.len(), 3);
    assert!(counts.windows(2).all(|w| w[0] == w[1]), "{counts:?}");
}

#[test]
fn fail_fast_stops_at_the_first_bad_article_and_keeps_what_came_before() {
    let env = TestEnv::new();
    copy(&env, "corpus/a", "article-a");
    broken(&env, "corpus/b", "article-b");
    copy(&env, "corpus/c", "article-c");
    let run = env.run(&["build", "corpus", "--store", "kg", "--fail-fast"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("corpus/b/annotations.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("--fail-fast"), "{}", run.stderr);
    assert_eq!(graphs(&env, "kg"), [article_graph("article-a"), ENTITY_GRAPH.to_owned()]);
}

#[test]
fn two_articles_with_one_id_load_the_first_and_report_the_second() {
    let env = TestEnv::new();
    copy(&env, "corpus/a", "same-id");
    copy(&env, "corpus/b", "same-id");
    let run = env.run(&["build", "corpus", "--store", "kg"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("corpus/b: article id `same-id` is already taken"), "{}", run.stderr);
    assert_eq!(graphs(&env, "kg"), [article_graph("same-id"), ENTITY_GRAPH.to_owned()]);
}

#[test]
fn a_rebuild_replaces_each_article_graph_exactly() {
    let env = TestEnv::new();
    for name in ["a", "b"] {
        copy(&env, &format!("corpus/{name}"), &format!("article-{name}"));
    }
    env.ok(&["build", "corpus", "--store", "kg"]);
    // Article b's account of how Timakova spoke changes: a rebuild must
    // leave no trace of the old one.
    let edited = env.path("corpus/b/annotations.toml");
    let text = std::fs::read_to_string(&edited).expect("read");
    std::fs::write(&edited, text.replacen("manner = \"by telephone\"", "manner = \"by telegram\"", 1)).expect("write");
    env.ok(&["build", "corpus", "--store", "kg"]);
    env.ok(&["build", "corpus", "--store", "fresh"]);
    let rebuilt = env.ok(&["export", "--store", "kg", "--format", "nquads", "--summaries"]);
    let fresh = env.ok(&["export", "--store", "fresh", "--format", "nquads", "--summaries"]);
    // Article a keeps its value; b's old one is gone and its new one is in.
    assert_eq!(rebuilt.matches("\"by telephone\"").count(), 1, "{rebuilt}");
    assert_eq!(rebuilt.matches("\"by telegram\"").count(), 1, "{rebuilt}");
    assert_eq!(rebuilt, fresh, "a rebuilt store equals a store built afresh from the same articles");
}

#[test]
fn a_corpus_larger_than_a_chunk_loads_every_article() {
    // More articles than one chunk of conversion (128), so that loading one
    // chunk while converting the next is exercised.
    let env = TestEnv::new();
    let count = newskg::corpus::DEFAULT_CHUNK + 12;
    copies(&env, "corpus", count);
    let run = env.run(&["build", "corpus", "--store", "kg"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("loaded {count} of {count} articles")), "{}", run.stderr);
    // One line per article, in input order, then the store's size.
    let ids: Vec<&str> =
        run.stdout.lines().filter_map(|l| l.split(':').next()).filter(|l| l.starts_with("copy-")).collect();
    let expected: Vec<String> = (0..count).map(|i| format!("copy-{i:03}")).collect();
    assert_eq!(ids, expected);
    assert_eq!(graphs(&env, "kg").len(), count + 1);
}

#[test]
fn graph_restricts_a_bundled_query_to_one_article() {
    let env = TestEnv::new();
    copy(&env, "corpus/a", "article-a");
    // Article b quotes a different Timakova line: the edit shows which article a row came from.
    env.article_dir("corpus/b", |a| {
        a.replacen("[article]\n", "[article]\nid = \"article-b\"\n", 1).replacen(
            "manner = \"by telephone\"",
            "manner = \"by telegram\"",
            1,
        )
    });
    env.ok(&["build", "corpus", "--store", "kg"]);
    copy(&env, "alone/a", "article-a");
    env.ok(&["build", "alone", "--store", "alone-kg"]);

    // Every bundled query that reads one article: those given an entity too.
    let per_article: &[(&str, &[&str])] = &[
        ("who-said-what", &[]),
        ("six-party-participants", &[]),
        ("uncertain-claims", &[]),
        ("timeline", &[]),
        ("actors", &[]),
        ("anonymous-sources", &[]),
        ("places", &[]),
        ("cancelled-and-planned-events", &[]),
        ("mentions", &["--param", "entity=id:entity/dmitry-medvedev"]),
        ("evidence", &["--param", "subject=id:entity/kim-jong-il"]),
        ("entity-timeline", &["--param", "entity=id:entity/natalya-timakova"]),
    ];
    for (query, params) in per_article {
        let run = |store: &str, graph: Option<&str>| {
            let mut args = vec!["query", query, "--store", store, "--format", "tsv"];
            args.extend(graph.map(|g| ["--graph", g]).into_iter().flatten());
            args.extend(*params);
            env.ok(&args)
        };
        let restricted = run("kg", Some("article-a"));
        let by_iri = run("kg", Some("https://w3id.org/newskg/id/article/article-a"));
        let alone = run("alone-kg", None);
        assert_eq!(restricted, alone, "{query}: --graph article-a answers as a store holding article a only");
        assert_eq!(by_iri, alone, "{query}: by IRI");
        assert!(alone.lines().count() > 1, "{query}: no rows");
    }

    let unknown = env.run(&["query", "six-party-participants", "--store", "kg", "--graph", "article-z"]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("the store has no graph <https://w3id.org/newskg/id/article/article-z>"),
        "{}",
        unknown.stderr
    );
    let bad = env.run(&["query", "six-party-participants", "--store", "kg", "--graph", "not an id"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let from = env.run(&[
        "query",
        "--store",
        "kg",
        "--graph",
        "article-a",
        "--sparql",
        "SELECT * FROM <https://w3id.org/newskg/id/graph/entities> WHERE { ?s ?p ?o }",
    ]);
    assert_eq!(from.code, 1, "{}", from.stderr);
    assert!(from.stderr.contains("FROM"), "{}", from.stderr);
}

#[test]
fn a_store_being_built_refuses_a_second_writer_and_lets_readers_in() {
    let env = TestEnv::new();
    // Three chunks: once the first is committed (and its lines printed), the
    // build has two more to convert and load while it is frozen.
    let count = 2 * newskg::corpus::DEFAULT_CHUNK + 8;
    copies(&env, "corpus", count);
    copy(&env, "other", "other");

    let mut writer = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(["build", "corpus", "--store", "kg"])
        .current_dir(env.path(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the build");
    // Once its first line is printed the build is frozen (SIGSTOP), holding
    // the store open, while the others try it.
    let mut stdout = BufReader::new(writer.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("a line");
    assert!(line.starts_with("copy-000:"), "{line}");
    let pid = writer.id().to_string();
    assert!(Command::new("kill").args(["-STOP", &pid]).status().expect("kill -STOP").success());

    let second = env.run(&["build", "other", "--store", "kg"]);
    let reader = env.run(&[
        "query",
        "--store",
        "kg",
        "--format",
        "tsv",
        "--sparql",
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    ]);
    assert!(Command::new("kill").args(["-CONT", &pid]).status().expect("kill -CONT").success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).expect("read the rest");
    let status = writer.wait().expect("wait");

    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(second.stderr.contains("is in use by another process"), "{}", second.stderr);
    assert_eq!(reader.code, 0, "a reader opens the store read-only: {}", reader.stderr);
    // The reader saw whole articles: each one's graph with its summary graph.
    let seen: Vec<&str> = reader.stdout.lines().skip(1).collect();
    let summaries = seen.iter().filter(|g| g.ends_with("/summary>") && g.contains("/article/")).count();
    let articles = seen.iter().filter(|g| !g.ends_with("/summary>") && g.contains("/article/")).count();
    assert!(articles > 0 && articles < count, "{articles} article graphs seen by the reader");
    assert_eq!(summaries, articles, "each article seen with its summary");
    assert!(status.success(), "{status:?}");
    assert_eq!(graphs(&env, "kg").len(), count + 1, "the frozen build finished whole");
}

#[test]
fn one_wikidata_item_is_one_entity_across_articles_and_builds() {
    let env = TestEnv::new();
    copy(&env, "corpus/a", "article-a");
    // Article b calls Medvedev `medvedev`, with the same Wikidata id (Q23530).
    env.article_dir("corpus/b", |a| {
        a.replacen("[article]\n", "[article]\nid = \"article-b\"\n", 1).replace("dmitry-medvedev", "medvedev")
    });
    // Article c gives `dmitry-medvedev` another Wikidata id.
    env.article_dir("corpus/c", |a| {
        a.replacen("[article]\n", "[article]\nid = \"article-c\"\n", 1).replacen(
            "wikidata = \"Q23530\"",
            "wikidata = \"Q7747\"",
            1,
        )
    });
    let run = env.run(&["build", "corpus", "--store", "kg"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "corpus/b/annotations.toml: entity `medvedev`: its Wikidata id Q23530 is already entity `dmitry-medvedev`'s"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("corpus/c/annotations.toml: entity `dmitry-medvedev`: Wikidata id Q7747 here, but Q23530"),
        "{}",
        run.stderr
    );
    assert_eq!(graphs(&env, "kg"), [article_graph("article-a"), ENTITY_GRAPH.to_owned()]);

    // The same holds against what an earlier build left in the store.
    let later = env.run(&["build", "corpus/b", "--store", "kg"]);
    assert_eq!(later.code, 1, "{}", later.stderr);
    assert!(later.stderr.contains("already entity `dmitry-medvedev`'s"), "{}", later.stderr);
    let owners = column(
        &env,
        "kg",
        "SELECT ?e WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q23530> }",
    );
    assert_eq!(owners, [format!("<{MEDVEDEV}>")]);
}
