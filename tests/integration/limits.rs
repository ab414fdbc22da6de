//! Limits: the table row cap with its note, the query timeout, and the
//! article size bound.

use std::time::{Duration, Instant};

use crate::harness::TestEnv;

#[test]
fn a_table_shows_at_most_max_rows_and_says_how_many_were_left_out() {
    let env = TestEnv::new();
    // TSV, one line a row (CSV quotes the article text's line breaks).
    let all = env.ok(&["query", "--sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--format", "tsv"]);
    let total = all.lines().count() - 1;
    assert!(total > 1000, "{total} rows");
    let table =
        env.ok(&["query", "--sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--format", "table", "--max-rows", "5"]);
    let lines: Vec<&str> = table.lines().collect();
    // Header, rule, five rows, the note, the count.
    assert_eq!(lines.len(), 9, "{table}");
    assert_eq!(lines[7], format!("… {} more rows not shown (use --format csv for all)", total - 5));
    assert_eq!(lines[8], format!("({total} rows)"));
    // Under the cap, no note.
    let small = env.ok(&["query", "six-party-participants", "--format", "table", "--max-rows", "6"]);
    assert!(!small.contains("not shown") && small.contains("(6 rows)"), "{small}");
}

#[test]
fn a_timeout_stops_a_query_that_would_run_for_hours() {
    let env = TestEnv::new();
    let started = Instant::now();
    let run = env.run(&[
        "query",
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "--timeout",
        "1",
    ]);
    // Without the timeout this counts 10^12 rows; the bound is generous, the point is that it stops.
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.trim(), "error: query stopped after the timeout of 1s");
    assert!(run.stdout.is_empty(), "a timed-out query prints no partial result: {}", run.stdout);
}

#[test]
fn an_article_one_byte_over_the_limit_is_refused_before_it_is_read() {
    let env = TestEnv::new();
    let limit = newskg::article::MAX_ARTICLE_BYTES;
    // A bad date, so that an accepted size fails fast on it instead.
    let head = "# At the Limit\n\nPublished: not a date\n\n";
    let mut article = String::from(head);
    while article.len() < limit {
        article.push_str("Words. ");
    }
    article.truncate(limit);
    env.article_dir("art", |a| a);
    env.write("art/article.md", &article);
    let at = env.run(&["build", "art"]);
    assert!(at.stderr.contains("art/article.md: line 3: cannot read the date"), "{}", at.stderr);
    article.push('.');
    env.write("art/article.md", &article);
    let over = env.run(&["build", "art"]);
    assert_eq!(over.code, 1);
    assert_eq!(
        over.stderr.trim(),
        format!(
            "error: art/article.md: the file is {} bytes, more than the limit of {limit} bytes; split the article",
            limit + 1
        )
    );
}
