//! Summaries: each article's summary graph and the corpus summary, which the
//! bundled queries read. They stay exact whatever happens to the store
//! (articles added, rebuilt with other content, removed; a build killed
//! before it wrote its totals): the store always equals, quad for quad, a
//! fresh build of the same articles. The totals agree with counts made over
//! the articles themselves, the corpus-level queries give their expected
//! results on a generated corpus, pages follow each other, and the summary
//! graphs conform to the shapes (pyshacl agrees).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{TestEnv, repo};

const ENTITY: &str = "https://w3id.org/newskg/id/entity/";

/// The corpus generator (the example `generate-corpus` beside the binary).
fn generate(env: &TestEnv, dir: &str, count: usize) {
    let bin = Path::new(env!("CARGO_BIN_EXE_newskg"));
    let generator: PathBuf = bin.parent().expect("binary directory").join("examples").join("generate-corpus");
    let output = Command::new(&generator)
        .args([env.path(dir).to_str().expect("UTF-8 path"), &count.to_string(), "7"])
        .output()
        .unwrap_or_else(|e| panic!("{}: {e} (cargo test --release builds it)", generator.display()));
    assert!(output.status.success(), "generate-corpus: {}", String::from_utf8_lossy(&output.stderr));
}

fn nquads(env: &TestEnv, store: &str) -> String {
    env.ok(&["export", "--store", store, "--format", "nquads", "--summaries"])
}

/// Copies article directories `ids` (article-000000…) from `from` to `to`.
fn pick(env: &TestEnv, from: &str, to: &str, ids: impl IntoIterator<Item = usize>) {
    for i in ids {
        let name = format!("article-{i:06}");
        for file in ["article.md", "annotations.toml"] {
            let text = std::fs::read_to_string(env.path(&format!("{from}/{name}/{file}"))).expect("read");
            env.write(&format!("{to}/{name}/{file}"), &text);
        }
    }
}

fn edit(env: &TestEnv, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(env.path(path)).expect("read");
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(env.path(path), text.replacen(from, to, 1)).expect("write");
}

/// Where the two N-Quads documents differ, a few lines each way.
fn difference(a: &str, b: &str) -> String {
    let (a, b): (BTreeSet<&str>, BTreeSet<&str>) = (a.lines().collect(), b.lines().collect());
    let only_a: Vec<_> = a.difference(&b).take(8).collect();
    let only_b: Vec<_> = b.difference(&a).take(8).collect();
    format!("only in the store: {only_a:#?}\nonly in the fresh build: {only_b:#?}")
}

#[test]
fn a_store_after_builds_rebuilds_and_removals_equals_a_fresh_build() {
    let env = TestEnv::new();
    generate(&env, "generated", 12);
    pick(&env, "generated", "first", 0..8);
    pick(&env, "generated", "all", 0..12);
    env.ok(&["build", "first", "--store", "kg"]);
    env.ok(&["build", "all", "--store", "kg"]);

    // Two articles change: a quotation's manner, an alias of a shared entity
    // (a description only this article gives), an entity's description.
    let a3 = "all/article-000003/annotations.toml";
    edit(&env, a3, "manner = \"by telephone\"", "manner = \"in a letter\"");
    edit(&env, a3, "aliases = [", "aliases = [\"The Chief\", ");
    edit(&env, "all/article-000007/annotations.toml", "description = \"", "description = \"once ");
    let rebuild = env.run(&["build", "all", "--store", "kg"]);
    assert_eq!(rebuild.code, 0, "{}", rebuild.stderr);
    env.ok(&["build", "all", "--store", "fresh"]);
    let (rebuilt, fresh) = (nquads(&env, "kg"), nquads(&env, "fresh"));
    assert!(rebuilt == fresh, "after rebuilds:\n{}", difference(&rebuilt, &fresh));
    assert!(rebuilt.contains("\"The Chief\""), "the new alias is in");

    // Three go, one of them the only one to give "The Chief".
    let removed = env.ok(&["remove", "--store", "kg", "article-000003", "article-000010", "article-000011"]);
    assert_eq!(removed.lines().count(), 3, "{removed}");
    for i in [3, 10, 11] {
        std::fs::remove_dir_all(env.path(&format!("all/article-{i:06}"))).expect("remove");
    }
    env.ok(&["build", "all", "--store", "fresh-after"]);
    let (left, fresh) = (nquads(&env, "kg"), nquads(&env, "fresh-after"));
    assert!(left == fresh, "after removals:\n{}", difference(&left, &fresh));
    assert!(!left.contains("\"The Chief\""), "the alias only the removed article gave is gone");
    assert!(left.contains("/graph/summary>"), "the corpus summary is in the store");
}

#[test]
fn a_build_that_finds_its_totals_incomplete_recomputes_them() {
    let env = TestEnv::new();
    generate(&env, "generated", 6);
    env.ok(&["build", "generated", "--store", "kg"]);
    let expected = nquads(&env, "kg");
    // A build killed between its articles and its totals leaves the mark and
    // totals that do not count its articles: made here through the library.
    {
        let store = newskg::store::open(Some(&env.path("kg"))).expect("open");
        let summary = newskg::summary::corpus_graph(newskg::DEFAULT_BASE);
        let stale: Vec<_> = store
            .quads_for_pattern(None, None, None, Some(summary.as_ref().into()))
            .filter_map(Result::ok)
            .filter(|q| q.predicate.as_str().ends_with("#mentionCount"))
            .take(5)
            .collect();
        assert_eq!(stale.len(), 5);
        for quad in &stale {
            store.remove(quad).expect("remove");
        }
        let mark = oxigraph::model::Quad::new(
            summary.clone(),
            newskg::vocab::nkg::INCOMPLETE,
            oxigraph::model::Literal::from(true),
            summary,
        );
        store.insert(&mark).expect("insert");
        store.flush().expect("flush");
    }
    assert!(nquads(&env, "kg") != expected);
    env.ok(&["build", "generated", "--store", "kg"]);
    let repaired = nquads(&env, "kg");
    assert!(repaired == expected, "{}", difference(&repaired, &expected));
}

/// The values of a TSV's rows, by column name.
fn table(tsv: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = tsv.lines();
    let header: Vec<String> =
        lines.next().unwrap_or_default().split('\t').map(|h| h.trim_start_matches('?').to_owned()).collect();
    lines.map(|line| header.iter().cloned().zip(line.split('\t').map(str::to_owned)).collect()).collect()
}

/// The integer of a TSV cell (`"12"^^<…#integer>` or `12`).
fn number(cell: &str) -> i64 {
    cell.trim_matches('"').split('"').next().unwrap_or_default().parse().unwrap_or_else(|_| panic!("{cell}"))
}

#[test]
fn corpus_totals_agree_with_counts_over_the_articles() {
    let env = TestEnv::new();
    generate(&env, "generated", 10);
    env.ok(&["build", "generated", "--store", "kg"]);
    let sparql = |query: &str| table(&env.ok(&["query", "--store", "kg", "--format", "tsv", "--sparql", query]));
    let bundled =
        |name: &str| table(&env.ok(&["query", name, "--store", "kg", "--format", "tsv", "--param", "limit=all"]));
    const P: &str = "PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> PREFIX schema: <http://schema.org/> \
                     PREFIX nkg: <https://w3id.org/newskg/ns#> ";

    // Mentions and articles per entity, counted over the article graphs.
    let counted: BTreeMap<String, (i64, i64)> = sparql(&format!(
        "{P} SELECT ?e (COUNT(*) AS ?m) (COUNT(DISTINCT ?g) AS ?a) WHERE {{ GRAPH ?g {{ ?x itsrdf:taIdentRef ?e }} }} GROUP BY ?e"
    ))
    .into_iter()
    .map(|r| (r["e"].clone(), (number(&r["m"]), number(&r["a"]))))
    .collect();
    let summed: BTreeMap<String, (i64, i64)> = bundled("most-mentioned")
        .into_iter()
        .map(|r| (r["entity"].clone(), (number(&r["mentions"]), number(&r["articles"]))))
        .collect();
    assert_eq!(summed, counted, "most-mentioned");

    // Quotations per speaker.
    let counted: BTreeMap<String, i64> =
        sparql(&format!("{P} SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?q schema:spokenByCharacter ?s }} GROUP BY ?s"))
            .into_iter()
            .map(|r| (r["s"].clone(), number(&r["n"])))
            .collect();
    let summed: BTreeMap<String, i64> =
        bundled("most-quoted").into_iter().map(|r| (r["speaker"].clone(), number(&r["quotations"]))).collect();
    assert_eq!(summed, counted, "most-quoted");

    // Pairs of entities mentioned in the same article, counted here.
    let mut by_article: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in sparql(&format!("{P} SELECT DISTINCT ?g ?e WHERE {{ GRAPH ?g {{ ?x itsrdf:taIdentRef ?e }} }}")) {
        by_article.entry(r["g"].clone()).or_default().insert(r["e"].clone());
    }
    let mut pairs: BTreeMap<(String, String), i64> = BTreeMap::new();
    for entities in by_article.values() {
        let entities: Vec<&String> = entities.iter().collect();
        for (i, a) in entities.iter().enumerate() {
            for b in &entities[i + 1..] {
                let key = if a.trim_matches(['<', '>']) < b.trim_matches(['<', '>']) { (a, b) } else { (b, a) };
                *pairs.entry(((*key.0).clone(), (*key.1).clone())).or_default() += 1;
            }
        }
    }
    let listed: BTreeMap<(String, String), i64> = bundled("cooccurrences")
        .into_iter()
        .map(|r| ((r["first"].clone(), r["second"].clone()), number(&r["articles"])))
        .collect();
    assert_eq!(listed, pairs, "cooccurrences");
    assert!(pairs.len() > 100, "{} pairs", pairs.len());

    // Claims per publisher, and those asserted by or cited from an
    // anonymous source, counted over the claims.
    let counted: BTreeMap<String, (i64, i64)> = sparql(&format!(
        "{P} SELECT ?p (COUNT(DISTINCT ?c) AS ?n) (COUNT(DISTINCT ?anon) AS ?a) WHERE {{ \
           GRAPH ?g {{ ?c a schema:Claim }} ?g schema:publisher ?p . \
           OPTIONAL {{ GRAPH ?g {{ ?c nkg:assertedBy|nkg:citedSource ?s }} ?s a nkg:AnonymousSource BIND(?c AS ?anon) }} \
         }} GROUP BY ?p"
    ))
    .into_iter()
    .map(|r| (r["p"].clone(), (number(&r["n"]), number(&r["a"]))))
    .collect();
    let summed: BTreeMap<String, (i64, i64)> = bundled("anonymous-claims-by-publisher")
        .into_iter()
        .map(|r| (r["publisher"].clone(), (number(&r["claims"]), number(&r["anonymous"]))))
        .collect();
    assert_eq!(summed, counted, "anonymous-claims-by-publisher");

    // The events each entity takes part in (as actor or place), per article,
    // read over the article graphs, against entity-timeline, which reads
    // their names from the summaries (nkg:eventsInArticle).
    let mut counted: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for r in sparql(&format!(
        "{P} PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?g ?name ?event WHERE {{ \
           GRAPH ?g {{ ?x itsrdf:taIdentRef ?e . ?v sem:hasActor|sem:hasPlace ?e ; schema:name ?event }} \
           ?e schema:name ?name }}"
    )) {
        counted.entry((r["g"].clone(), r["name"].clone())).or_default().insert(r["event"].trim_matches('"').to_owned());
    }
    let listed: BTreeMap<(String, String), BTreeSet<String>> = bundled("entity-timeline")
        .into_iter()
        .filter(|r| r["events"] != "\"\"")
        .map(|r| {
            let events = r["events"].trim_matches('"').split("; ").map(str::to_owned).collect();
            ((r["article"].clone(), r["name"].clone()), events)
        })
        .collect();
    assert_eq!(listed, counted, "entity-timeline's events");
    assert!(counted.len() > 50, "{} entities with events in an article", counted.len());
}

#[test]
fn pages_follow_each_other() {
    let env = TestEnv::new();
    generate(&env, "generated", 10);
    env.ok(&["build", "generated", "--store", "kg"]);
    let russia = format!("entity=<{ENTITY}russia>");
    let cases: &[(&str, Option<&str>)] = &[
        ("mentions", Some(&russia)),
        ("mentions", None),
        ("evidence", Some("subject=id:entity/russia")),
        ("entity-timeline", None),
        ("most-mentioned", None),
        ("cooccurrences", Some(&russia)),
    ];
    for (query, param) in cases {
        let run = |extra: &[&str]| {
            let mut args = vec!["query", query, "--store", "kg", "--format", "tsv"];
            args.extend(param.iter().flat_map(|p| ["--param", p]));
            args.extend(extra);
            env.ok(&args)
        };
        let all = run(&["--param", "limit=all"]);
        let rows: Vec<&str> = all.lines().skip(1).collect();
        assert!(rows.len() > 25, "{query}: {} rows in all", rows.len());
        let mut paged = Vec::new();
        for offset in [0, 7, 14, 21] {
            let page = run(&["--param", "limit=7", "--param", &format!("offset={offset}")]);
            paged.extend(page.lines().skip(1).map(str::to_owned));
        }
        assert_eq!(paged, rows[..28], "{query}: four pages of 7 are the first 28 rows");
        let first = run(&[]);
        let default_page: Vec<&str> = first.lines().skip(1).collect();
        assert_eq!(default_page, rows[..rows.len().min(100)], "{query}: the default page is the first 100 rows");
    }
}

/// The rows a step of a query's plan gave (`query --explain`): the first
/// step whose name holds `step`.
fn plan_rows(explain: &str, step: &str) -> usize {
    let mut lines = explain.lines().skip_while(|line| !(line.contains("name:") && line.contains(step)));
    lines
        .find_map(|line| line.trim().strip_prefix("number of results: "))
        .and_then(|n| n.trim_end_matches(',').parse().ok())
        .unwrap_or_else(|| panic!("no step {step} in the plan:\n{explain}"))
}

/// Pins a first page of `mentions` that read every mention of its entity
/// in the corpus (a hash join with the page's articles, 42,080 mentions for
/// a page of 100 rows at 10,000 articles): the page reads the mentions of
/// its own articles only.
#[test]
fn a_page_of_mentions_reads_the_mentions_of_its_articles_only() {
    let env = TestEnv::new();
    generate(&env, "generated", 10);
    env.ok(&["build", "generated", "--store", "kg"]);
    let russia = format!("entity=<{ENTITY}russia>");
    let run = |extra: &[&str]| {
        let mut args = vec!["query", "mentions", "--store", "kg", "--format", "tsv", "--param", &russia];
        args.extend(extra);
        env.ok(&args)
    };
    let all = run(&["--param", "limit=all"]);
    let rows: Vec<&str> = all.lines().skip(1).collect();
    // The page's articles: the two newest that mention the entity.
    let mut articles: Vec<&str> = Vec::new();
    for row in &rows {
        let article = row.split('\t').nth(1).expect("an article column");
        if !articles.contains(&article) {
            articles.push(article);
        }
    }
    articles.truncate(2);
    let in_page_articles =
        rows.iter().filter(|row| row.split('\t').nth(1).is_some_and(|a| articles.contains(&a))).count();
    let explain = run(&["--param", "limit=2", "--explain"]);
    let read = plan_rows(&explain, &format!("taIdentRef> <{ENTITY}russia>"));
    let all = rows.len();
    assert!(all > 2 * in_page_articles, "the corpus mentions Russia beyond the page's articles: {all} mentions");
    assert_eq!(read, in_page_articles, "mentions read for a page of 2 rows, of {all} in the corpus");
}

/// Each corpus-level query on a generated corpus of 10 articles against its
/// expected results (`tests/fixtures/corpus-queries/NAME.tsv`; rewrite them
/// with NEWSKG_BLESS=1 and review the diff).
#[test]
fn corpus_queries_give_their_expected_results() {
    let env = TestEnv::new();
    generate(&env, "generated", 10);
    env.ok(&["build", "generated", "--store", "kg"]);
    let bless = std::env::var_os("NEWSKG_BLESS").is_some();
    let cases: &[(&str, &[&str])] = &[
        ("most-mentioned", &["--param", "limit=20"]),
        ("most-quoted", &["--param", "limit=20"]),
        ("cooccurrences", &["--param", "limit=20"]),
        ("entity-timeline", &["--param", "entity=id:entity/russia"]),
        ("anonymous-claims-by-publisher", &[]),
    ];
    let mut failures = Vec::new();
    for (query, params) in cases {
        let mut args = vec!["query", query, "--store", "kg", "--format", "tsv"];
        args.extend(*params);
        let actual = env.ok(&args);
        assert!(actual.lines().count() > 2, "{query}: {actual}");
        let path = repo().join("tests/fixtures/corpus-queries").join(format!("{query}.tsv"));
        if bless {
            std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
            std::fs::write(&path, &actual).expect("write");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()));
        if actual != expected {
            failures.push(format!("{query}:\n--- expected\n{expected}\n--- actual\n{actual}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn summaries_conform_to_the_shapes_and_broken_ones_do_not() {
    use crate::shacl::{pyshacl_verdict, start_pyshacl};
    let env = TestEnv::new();
    generate(&env, "generated", 3);
    env.ok(&["build", "generated", "--store", "kg"]);
    let nt = env.ok(&["export", "--store", "kg", "--format", "ntriples", "--summaries"]);
    env.write("store.nt", &nt);
    let run = env.run(&["validate", "--data", "store.nt"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(pyshacl_verdict(start_pyshacl(&env.path("store.nt")), "the store"), "pyshacl disagrees");

    let nkg = |local: &str| format!("<https://w3id.org/newskg/ns#{local}>");
    let first_with = |predicate: &str| -> String {
        nt.lines()
            .find(|l| l.split(' ').nth(1) == Some(predicate))
            .unwrap_or_else(|| panic!("no {predicate}"))
            .to_owned()
    };
    // Each case: a summary triple broken, and the path the report names.
    let cases: Vec<(String, &str)> = vec![
        (first_with(&nkg("articleKey")).replace("#integer>", "#string>"), "nkg:articleKey"),
        (first_with(&nkg("mentionCount")).replace("#integer>", "#decimal>"), "nkg:mentionCount"),
        (first_with(&nkg("describedAs")).replacen("\"", "\"X", 1), "nkg:describedAs"),
        (first_with(&nkg("sentenceBegin")).replace("#integer>", "#string>"), "nkg:sentenceBegin"),
        (first_with(&nkg("cooccurrenceCount")).replace("#integer>", "#string>"), "nkg:cooccurrenceCount"),
    ];
    let mut runs = Vec::new();
    for (i, (broken, path)) in cases.iter().enumerate() {
        let original = first_with(broken.split(' ').nth(1).expect("predicate"));
        let file = format!("broken-{i}.nt");
        env.write(&file, &nt.replacen(&original, broken, 1));
        runs.push((path, file.clone(), start_pyshacl(&env.path(&file))));
    }
    for (path, file, pyshacl) in runs {
        let run = env.run(&["validate", "--data", &file]);
        assert_eq!(run.code, 1, "{path}: {}", run.stdout);
        assert!(run.stdout.contains(&format!("  {path}  ")), "{path}: {}", run.stdout);
        assert!(!pyshacl_verdict(pyshacl, path), "{path}: pyshacl says it conforms");
    }
}

#[test]
fn remove_names_what_it_cannot_remove() {
    let env = TestEnv::new();
    env.article_dir("corpus/a", |a| a.replacen("[article]\n", "[article]\nid = \"article-a\"\n", 1));
    env.ok(&["build", "corpus", "--store", "kg"]);
    let missing = env.run(&["remove", "--store", "kg", "article-a", "article-z"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(missing.stdout.contains("removed article-a"), "{}", missing.stdout);
    assert!(missing.stderr.contains("holds no article `article-z`"), "{}", missing.stderr);
    let bad = env.run(&["remove", "--store", "kg", "not an id"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let nowhere = env.run(&["remove", "--store", "no-store", "article-a"]);
    assert_eq!(nowhere.code, 1, "{}", nowhere.stderr);
    assert!(!env.path("no-store").exists(), "no store is created by remove");
    // Nothing is left of the article: the store is empty but for its graphs' names.
    let left = env.ok(&["export", "--store", "kg", "--format", "nquads", "--summaries"]);
    assert!(left.trim().is_empty(), "{left}");
}

/// `--show-sparql` prints the query as it runs (parameters bound, page
/// applied, `--graph` as FROM clauses), which the bench gives Oxigraph's CLI
/// and Virtuoso: run as plain SPARQL, it gives the bundled query's rows. A
/// store built with `--rdf12` has the same corpus summary: the corpus-level
/// queries answer alike.
#[test]
fn the_sparql_shown_answers_alike_and_rdf12_builds_summarize_alike() {
    let env = TestEnv::new();
    generate(&env, "generated", 6);
    env.ok(&["build", "generated", "--store", "kg"]);
    env.ok(&["build", "generated", "--store", "kg12", "--rdf12"]);
    let cases: &[&[&str]] = &[
        &["mentions", "--param", "entity=id:entity/russia", "--param", "limit=5", "--param", "offset=2"],
        &["evidence", "--param", "subject=id:entity/russia"],
        &["actors", "--graph", "article-000002"],
        &["mentions", "--graph", "article-000004"],
        &["most-mentioned"],
    ];
    for case in cases {
        let mut args = vec!["query"];
        args.extend(*case);
        args.extend(["--store", "kg"]);
        let text = env.ok(&[args.as_slice(), &["--show-sparql"]].concat());
        let expected = env.ok(&[args.as_slice(), &["--format", "tsv"]].concat());
        assert!(expected.lines().count() > 2, "{case:?}: {expected}");
        let actual = env.ok(&["query", "--sparql", &text, "--store", "kg", "--format", "tsv"]);
        assert_eq!(actual, expected, "{case:?}, run from its SPARQL:\n{text}");
    }
    // A store built plain and built again with --rdf12 is the --rdf12 build
    // (the content hash is of the quads as written: nothing is skipped).
    env.ok(&["build", "generated", "--store", "plain-then-rdf12"]);
    env.ok(&["build", "generated", "--store", "plain-then-rdf12", "--rdf12"]);
    let (rebuilt, fresh) = (nquads(&env, "plain-then-rdf12"), nquads(&env, "kg12"));
    assert!(rebuilt == fresh, "a plain store rebuilt with --rdf12:\n{}", difference(&rebuilt, &fresh));
    for query in ["most-mentioned", "most-quoted", "cooccurrences", "anonymous-claims-by-publisher", "entity-timeline"]
    {
        let run = |store| env.ok(&["query", query, "--store", store, "--format", "tsv", "--param", "limit=all"]);
        assert_eq!(run("kg12"), run("kg"), "{query} on a store built with --rdf12");
    }
}
