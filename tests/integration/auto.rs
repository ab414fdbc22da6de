//! `newskg build --auto`: articles nobody annotated, as files in any form,
//! article directories without annotations.toml and folders of them, built
//! into graphs whose every fact says (PROV) that it was found automatically
//! and by which rule; quotations with no certain speaker kept without one;
//! time expressions with their typed values, or unresolved when the article
//! gives no publication date.

use crate::harness::TestEnv;

/// An article in the form the users have: an ISO `Published:` line,
/// a byline, a quotation with a named speaker, one with none, relative dates.
const COUNCIL: &str = "# Council Votes on the Harbour Budget\n\n\
Published: 2016-10-12\n\n\
By Jane Doe\n\n\
The city council approved the harbour budget on Tuesday, Mayor Anna Berg said.\n\n\
\"We are ready for next year,\" Berg said.\n\n\
\"Nobody asked the fishermen,\" a banner at the protest read yesterday.\n";

/// Runs a SELECT over a store and returns its rows (TSV, header dropped), sorted.
fn rows(env: &TestEnv, store: &str, sparql: &str) -> Vec<String> {
    let out = env.ok(&["query", "--store", store, "--format", "tsv", "--sparql", sparql]);
    let mut rows: Vec<String> = out.lines().skip(1).map(str::to_owned).collect();
    rows.sort();
    rows
}

const PREFIXES: &str = "PREFIX schema: <http://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#> \
    PREFIX nkg: <https://w3id.org/newskg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> \
    PREFIX time: <http://www.w3.org/2006/time#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> ";

#[test]
fn a_markdown_file_builds_with_unattributed_quotations_and_typed_dates() {
    let env = TestEnv::new();
    env.write("council.md", COUNCIL);
    let out = env.ok(&["build", "--auto", "council.md", "--store", "kg"]);
    assert!(out.starts_with("council: "), "{out}");

    let quotations = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?text ?speaker WHERE {{ ?q a schema:Quotation ; schema:text ?text . \
             OPTIONAL {{ ?q schema:spokenByCharacter/schema:name ?speaker }} }}"
        ),
    );
    assert_eq!(
        quotations,
        ["\"Nobody asked the fishermen,\"@en\t", "\"We are ready for next year,\"@en\t\"Anna Berg\""],
        "the quotation with no certain speaker is in the graph, without a speaker"
    );

    // Every resolved time expression denotes a typed value.
    let times = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?anchor ?value WHERE {{ ?p nkg:denotesTime ?t ; nif:anchorOf ?anchor . \
             ?t time:inXSDDate|time:inXSDgYear|time:inXSDgYearMonth ?value }}"
        ),
    );
    assert_eq!(
        times,
        [
            "\"Tuesday\"\t\"2016-10-11\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "\"next year\"\t\"2017\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
            "\"yesterday\"\t\"2016-10-11\"^^<http://www.w3.org/2001/XMLSchema#date>",
        ]
    );
    let published = rows(&env, "kg", &format!("{PREFIXES} SELECT ?d WHERE {{ ?a schema:datePublished ?d }}"));
    assert_eq!(published, ["\"2016-10-12\"^^<http://www.w3.org/2001/XMLSchema#date>"]);
}

#[test]
fn a_quotation_from_a_document_is_quoted_from_it_and_spoken_by_nobody() {
    let env = TestEnv::new();
    env.write(
        "nurses.md",
        "# Nurses Write to the Board\n\nPublished: 2016-10-12\n\n         Forty nurses signed a letter to the hospital board.\n\n         \"We cannot work twelve-hour shifts,\" the letter says.\n",
    );
    env.ok(&["build", "--auto", "nurses.md", "--store", "kg"]);
    // The document is a creative work, the quotation's source, not its speaker.
    let sources = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?text ?label WHERE {{ ?q a schema:Quotation ; schema:text ?text ;              prov:wasQuotedFrom ?d ; <http://purl.org/dc/terms/source> ?d .              ?d a schema:CreativeWork ; rdfs:label ?label }}"
        ),
    );
    assert_eq!(sources, ["\"We cannot work twelve-hour shifts,\"@en\t\"the letter\""]);
    let agents = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?who WHERE {{ ?q a schema:Quotation .              {{ ?q schema:spokenByCharacter ?who }} UNION {{ ?q prov:wasAttributedTo ?who }} }}"
        ),
    );
    assert!(agents.is_empty(), "a document is no speaker: {agents:?}");
    let run = env.run(&["validate", "--store", "kg"]);
    assert_eq!(run.code, 0, "the shapes accept a document as a quotation's source:\n{}{}", run.stdout, run.stderr);
}

#[test]
fn every_automatic_fact_says_how_it_was_found() {
    let env = TestEnv::new();
    env.write("council.md", COUNCIL);
    env.ok(&["build", "--auto", "council.md", "--store", "kg"]);
    // Facts (quotations, claims, posts, entities) without a generation.
    let unmarked = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?fact WHERE {{ VALUES ?class {{ schema:Quotation schema:Claim schema:Person \
             <http://www.w3.org/ns/org#Post> }} ?fact a ?class . \
             FILTER NOT EXISTS {{ ?fact prov:wasGeneratedBy ?activity ; prov:qualifiedGeneration ?g . \
             ?g prov:activity ?activity ; nkg:rule ?rule . FILTER(STRLEN(?rule) > 0) }} }}"
        ),
    );
    assert!(unmarked.is_empty(), "facts with no PROV generation and rule: {unmarked:?}");
    let agents = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT DISTINCT ?label WHERE {{ ?fact prov:wasGeneratedBy ?a . \
             ?a a prov:Activity ; prov:wasAssociatedWith ?agent . ?agent a prov:SoftwareAgent ; rdfs:label ?label }}"
        ),
    );
    assert_eq!(agents, [format!("\"newskg {}\"", env!("CARGO_PKG_VERSION"))]);
    // The attribution rule of the attributed quotation.
    let rules = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?rule WHERE {{ ?q a schema:Quotation ; schema:spokenByCharacter ?s ; \
             prov:qualifiedGeneration/nkg:rule ?rule }}"
        ),
    );
    assert_eq!(rules.len(), 1);
    assert!(rules[0].contains("said"), "{rules:?}");
}

#[test]
fn automatic_entities_are_not_merged_across_articles_by_name() {
    let env = TestEnv::new();
    env.write("news/council.md", COUNCIL);
    env.write(
        "news/harbour.txt",
        &COUNCIL.replacen("# Council Votes", "Harbour Votes", 1).replace("2016-10-12", "2016-10-13"),
    );
    let out = env.ok(&["build", "--auto", "news", "--store", "kg"]);
    assert!(out.contains("council: ") && out.contains("harbour: "), "{out}");
    let people =
        rows(&env, "kg", &format!("{PREFIXES} SELECT ?p WHERE {{ ?p a schema:Person ; schema:name \"Anna Berg\" }}"));
    assert_eq!(
        people,
        [
            "<https://w3id.org/newskg/id/article/council/entity/anna-berg>",
            "<https://w3id.org/newskg/id/article/harbour/entity/anna-berg>"
        ]
    );
}

#[test]
fn without_a_publication_date_relative_times_stay_unresolved() {
    let env = TestEnv::new();
    env.write("undated.md", "# Undated\n\nThe ferry sank in 2009, and its owner was fined yesterday.\n");
    env.ok(&["build", "--auto", "undated.md", "--store", "kg"]);
    let published = rows(&env, "kg", &format!("{PREFIXES} SELECT ?d WHERE {{ ?a schema:datePublished ?d }}"));
    assert!(published.is_empty(), "{published:?}");
    let unresolved = rows(
        &env,
        "kg",
        &format!("{PREFIXES} SELECT ?anchor WHERE {{ ?p nkg:timeUnresolved true ; nif:anchorOf ?anchor }}"),
    );
    assert_eq!(unresolved, ["\"yesterday\""]);
    let resolved = rows(&env, "kg", &format!("{PREFIXES} SELECT ?v WHERE {{ ?p nkg:denotesTime/time:inXSDgYear ?v }}"));
    assert_eq!(resolved, ["\"2009\"^^<http://www.w3.org/2001/XMLSchema#gYear>"]);
}

/// Regression: one development article of sixty was refused for a single
/// U+0083 (a wrong decoding) in its body.
#[test]
fn a_stray_control_character_is_removed_with_a_warning() {
    let env = TestEnv::new();
    env.write("stray.md", "# Stray\n\nPublished: 2016-10-12\n\nThe vote\u{83} passed.\n");
    let run = env.run(&["build", "--auto", "stray.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("stray.md: line 5, column 9: removed control character U+0083"), "{}", run.stderr);
}

#[test]
fn an_article_directory_without_annotations_says_both_ways_forward() {
    let env = TestEnv::new();
    env.write("art/article.md", COUNCIL);
    let run = env.run(&["build", "art"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no annotations.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("newskg draft art/article.md"), "{}", run.stderr);
    assert!(run.stderr.contains("--auto"), "{}", run.stderr);
    // With --auto it builds, under the directory's name.
    let out = env.ok(&["build", "--auto", "art"]);
    assert!(out.starts_with("art: "), "{out}");
    // A curated file, where there is one, wins: the bundled article's copy
    // builds with its curated quotations, not automatic ones.
    env.article_dir("curated", |a| a);
    let out = env.ok(&["build", "--auto", "curated", "--store", "kg"]);
    assert!(out.contains("5 quotations"), "{out}");
    let generated = rows(&env, "kg", &format!("{PREFIXES} SELECT ?f WHERE {{ ?f prov:wasGeneratedBy ?a }}"));
    assert!(generated.is_empty(), "curated facts marked automatic: {generated:?}");
}

#[test]
fn a_folder_of_text_files_loads_and_a_bad_one_is_skipped() {
    let env = TestEnv::new();
    env.write("folder/one.txt", "Harbour Opens\n\n2016-10-12\n\nThe harbour opened on Monday.\n");
    env.write("folder/deep/two.txt", "Ferry Returns\n\n12 October 2016\n\nThe ferry returned, officials said.\n");
    env.write("folder/deep/bad.txt", "Bad Date\n\nPublished: the other day\n\nText.\n");
    env.write("folder/README.md", "# Not an article\n\nNotes for people.\n");
    let run = env.run(&["build", "--auto", "folder", "--store", "kg"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("bad.txt: line 3: cannot read the date \"Published: the other day\""),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("one: ") && run.stdout.contains("two: "), "{}", run.stdout);
    assert!(!run.stdout.contains("readme"), "{}", run.stdout);
    assert!(run.stdout.contains("from 2 articles"), "{}", run.stdout);
    // Without --auto, the folder holds no article directory, and says what --auto would do.
    let run = env.run(&["build", "folder"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("it holds 3 article files: build them with `--auto`"), "{}", run.stderr);
}

/// An article without a date line was refused ("expected the publication
/// date"); the date is optional now, and a curated article without one builds.
#[test]
fn a_curated_article_without_a_date_builds_without_a_publication_date() {
    let env = TestEnv::new();
    let dir = env.article_dir("undated", |a| a);
    let article = std::fs::read_to_string(dir.join("article.md")).expect("article");
    let undated = article.replacen("June 29, 2011\n\n", "", 1);
    assert_ne!(article, undated);
    std::fs::write(dir.join("article.md"), undated).expect("write");
    env.ok(&["build", "undated", "--store", "kg"]);
    let published = rows(&env, "kg", &format!("{PREFIXES} SELECT ?d WHERE {{ ?a schema:datePublished ?d }}"));
    assert!(published.is_empty(), "{published:?}");
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/readers").join(name)).expect("fixture")
}

/// A saved news page with navigation, a breaking-news ticker and a sidebar
/// quoting someone, other stories' headlines, related links, ads, a share
/// bar and a footer: only the article is read, its metadata from JSON-LD.
#[test]
fn a_saved_news_page_builds_from_its_article_alone() {
    let env = TestEnv::new();
    env.write("page.html", &fixture("harbour-page.html"));
    let out = env.ok(&["build", "page.html", "--auto", "--store", "kg"]);
    assert!(out.starts_with("page: "), "{out}");
    let text = rows(&env, "kg", &format!("{PREFIXES} SELECT ?t WHERE {{ ?c a nif:Context ; nif:isString ?t }}"));
    let text = &text[0];
    for kept in ["walked out on Thursday", "Nobody can guide a ship", "The door is open"] {
        assert!(text.contains(kept), "{kept:?} missing from {text}");
    }
    for left_out in [
        "Subscribe",
        "We will not reopen",
        "never seen the bay",
        "Lighthouse",
        "Pilots vote",
        "Advertisement",
        "Share on",
        "All rights",
        "Tags",
    ] {
        assert!(!text.contains(left_out), "{left_out:?} is not the article's: {text}");
    }
    let metadata = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?headline ?date ?publisher ?author WHERE {{ ?a a schema:NewsArticle ; schema:headline ?headline ; \
             schema:datePublished ?date ; schema:publisher/schema:name ?publisher ; schema:author/schema:name ?author }}"
        ),
    );
    assert_eq!(
        metadata,
        [
            "\"Harbour pilots walk out over night shifts\"@en-gb\t\"2019-03-14\"^^<http://www.w3.org/2001/XMLSchema#date>\t\"The Coast Post\"\t\"Marta Lindqvist\""
        ]
    );
    let speakers = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT DISTINCT ?s WHERE {{ ?q a schema:Quotation ; schema:spokenByCharacter/schema:name ?s }}"
        ),
    );
    assert_eq!(speakers, ["\"Ingrid Solberg\"", "\"Tomas Berglund\""]);
    // The automatic graph conforms to the shapes.
    let validation = env.ok(&["validate", "--store", "kg"]);
    assert!(validation.starts_with("conforms"), "{validation}");
}

#[test]
fn a_page_with_no_article_body_is_refused_and_nothing_written() {
    let env = TestEnv::new();
    env.write("index.html", &fixture("no-article.html"));
    let run = env.run(&["build", "index.html", "--auto", "--store", "kg"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("index.html: no article body found in the page"), "{}", run.stderr);
    assert!(!env.path("kg").exists(), "a store was written");
}

/// A JSON Lines corpus with good lines and bad ones (not JSON, no `text`,
/// an unreadable date, a blank line): each bad line reported with its number
/// and skipped, the others loaded under their own ids.
#[test]
fn a_json_lines_corpus_loads_its_good_lines() {
    let env = TestEnv::new();
    env.write("wire.jsonl", &fixture("wire.jsonl"));
    let run = env.run(&["build", "wire.jsonl", "--auto", "--store", "kg"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (line, why) in [(3, "not JSON"), (4, "no `text`"), (6, "`date`: cannot read the date \"sometime in spring\"")] {
        assert!(run.stderr.contains(&format!("wire.jsonl: line {line}: {why}")), "line {line}: {}", run.stderr);
    }
    // A repair in a good line is reported at that line of the file, at its
    // `text` field, with the place in the text (it was the text's own line).
    assert!(
        run.stderr.contains(
            "wire.jsonl: line 7, column 112: in `text`, its line 1, column 25: replaced non-breaking space U+00A0 by a space"
        ),
        "{}",
        run.stderr
    );
    let ids: Vec<&str> = run.stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(ids, ["wire-0412", "wire-0413", "wire-0417", "store kg"]);
    let metadata = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?date ?publisher ?url WHERE {{ <https://w3id.org/newskg/id/article/wire-0412> \
             schema:datePublished ?date ; schema:publisher/schema:name ?publisher ; schema:url ?url }}"
        ),
    );
    assert_eq!(
        metadata,
        ["\"2019-03-14\"^^<http://www.w3.org/2001/XMLSchema#date>\t\"Coastal Wire\"\t<https://wire.example/0412>"]
    );
    // The same corpus, forced as JSON Lines under another extension.
    env.write("wire.txt", &fixture("wire.jsonl"));
    let run = env.run(&["build", "wire.txt", "--auto", "--input-format", "jsonl"]);
    assert!(run.stdout.contains("wire-0413: "), "{}", run.stdout);
}

#[test]
fn stats_count_curated_and_automatic_facts_apart() {
    let env = TestEnv::new();
    env.write("council.md", COUNCIL);
    env.article_dir("curated", |a| a);
    env.ok(&["build", "--auto", "council.md", "curated", "--store", "kg"]);
    let stats = env.ok(&["stats", "--store", "kg"]);
    let line = |kind: &str| {
        stats
            .lines()
            .find(|l| l.trim_start().starts_with(kind))
            .map(|l| l.split_whitespace().rev().take(2).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no {kind} line in {stats}"))
    };
    // (automatic, curated): the bundled article's 5 curated quotations, the council's 2 automatic ones.
    assert_eq!(line("quotations"), ["2", "5"], "{stats}");
    assert_eq!(line("events"), ["0", "17"], "{stats}");
}

/// Text as it is saved: an article in Windows-1252 (not UTF-8) is decoded,
/// with a warning at its first byte that was not UTF-8; it used to be refused.
#[test]
fn an_article_saved_as_windows_1252_is_decoded_with_a_warning() {
    let env = TestEnv::new();
    let text =
        "Ferry Returns to Tromsø\n\n12 October 2016\n\n\u{201c}We are back,\u{201d} Mayor Søren Dahl said on Monday.\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    std::fs::write(env.path("ferry.txt"), &bytes).expect("write");
    let run = env.run(&["build", "--auto", "ferry.txt", "--store", "kg"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ferry.txt: line 1, column 23: not UTF-8 (byte 0xF8); read as windows-1252"),
        "{}",
        run.stderr
    );
    let headline = rows(&env, "kg", &format!("{PREFIXES} SELECT ?h WHERE {{ ?a schema:headline ?h }}"));
    assert_eq!(headline, ["\"Ferry Returns to Troms\u{f8}\"@en"]);
    let quotations =
        rows(&env, "kg", &format!("{PREFIXES} SELECT ?t WHERE {{ ?q a schema:Quotation ; schema:text ?t }}"));
    assert_eq!(quotations, ["\"We are back,\"@en"]);
    // `draft` reads it the same way.
    let run = env.run(&["draft", "ferry.txt", "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("line 1, column 23: not UTF-8 (byte 0xF8)"), "{}", run.stderr);
    assert!(run.stdout.contains("Tromsø"), "{}", run.stdout);
    // Without -o, a loose file's draft goes to standard output: an
    // `annotations.toml` beside it would be taken for the whole folder's.
    let run = env.run(&["draft", "ferry.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Tromsø"), "{}", run.stdout);
    assert!(!env.path("annotations.toml").exists(), "a loose file's draft was written beside it");
}

/// UTF-8 read as Windows-1252 and saved again ("FranÃ§ois") is repaired
/// with a warning naming the line and column.
#[test]
fn doubly_encoded_utf8_is_repaired_with_a_warning() {
    let env = TestEnv::new();
    env.write(
        "mojibake.md",
        "# Harbour Talks in GÃ¶teborg\n\nPublished: 2016-10-12\n\nâ€œWe agreed,â€\u{9d} FranÃ§ois Lemaire said.\n",
    );
    let run = env.run(&["build", "--auto", "mojibake.md", "--store", "kg"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("mojibake.md: line 1, column 21: repaired doubly-encoded UTF-8: \"Ã¶\" read as 'ö'"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("mojibake.md: line 5, column 1: repaired doubly-encoded UTF-8"), "{}", run.stderr);
    let headline = rows(&env, "kg", &format!("{PREFIXES} SELECT ?h WHERE {{ ?a schema:headline ?h }}"));
    assert_eq!(headline, ["\"Harbour Talks in G\u{f6}teborg\"@en"]);
    let quotations =
        rows(&env, "kg", &format!("{PREFIXES} SELECT ?t WHERE {{ ?q a schema:Quotation ; schema:text ?t }}"));
    assert_eq!(quotations, ["\"We agreed,\"@en"]);
}

/// Markdown markup is not the article's text: links keep their words,
/// emphasis its words, images their alternative text; nothing of the markup
/// reaches the graph. Raw HTML is the article's text, kept as written.
#[test]
fn markdown_markup_stays_out_of_the_graph() {
    let env = TestEnv::new();
    env.write(
        "markup.md",
        "# The *Harbour* Budget\n\nBy **Jane Doe**\n\nPublished: 2016-10-12\n\n\
         The [city council](https://council.example/votes) approved the budget on _Tuesday_.\n\n\
         ![The quay at dawn](quay.jpg)\n\n\
         > \"We are ready,\" Mayor Anna Berg said.\n\n\
         The notice read <b>closed</b> in bold.\n",
    );
    env.ok(&["build", "--auto", "markup.md", "--store", "kg"]);
    let strings = rows(&env, "kg", &format!("{PREFIXES} SELECT ?s WHERE {{ ?c nif:isString ?s }}"));
    assert_eq!(strings.len(), 1, "{strings:?}");
    let text = &strings[0];
    for markup in ["*", "_", "[", "](", "https://council.example", "quay.jpg", "> \"We", "**"] {
        assert!(!text.contains(markup), "{markup:?} in {text}");
    }
    assert!(text.contains("The Harbour Budget"), "{text}");
    assert!(text.contains("The city council approved the budget on Tuesday."), "{text}");
    assert!(text.contains("The quay at dawn"), "{text}");
    assert!(text.contains("The notice read <b>closed</b> in bold."), "{text}");
    let headline = rows(&env, "kg", &format!("{PREFIXES} SELECT ?h WHERE {{ ?a schema:headline ?h }}"));
    assert_eq!(headline, ["\"The Harbour Budget\"@en"]);
    let quotations = rows(
        &env,
        "kg",
        &format!(
            "{PREFIXES} SELECT ?t ?speaker WHERE {{ ?q a schema:Quotation ; schema:text ?t ; \
             schema:spokenByCharacter/schema:name ?speaker }}"
        ),
    );
    assert_eq!(quotations, ["\"We are ready,\"@en\t\"Anna Berg\""]);
}

/// A binary file among articles is refused with its name and the place of
/// its first NUL byte; the others load.
#[test]
fn a_binary_file_is_refused_naming_its_place_and_the_others_load() {
    let env = TestEnv::new();
    env.write("folder/good.txt", "Harbour Opens\n\n2016-10-12\n\nThe harbour opened on Monday.\n");
    std::fs::write(env.path("folder/bad.txt"), b"GIF89a\x01\x00\x01\x00\x80\xff\x00\xff\xff\xff").expect("write");
    let run = env.run(&["build", "--auto", "folder", "--store", "kg"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("bad.txt: line 1, column 8: byte 0x00: the file is binary data, not text"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("good: ") && run.stdout.contains("from 1 article"), "{}", run.stdout);
}

/// An article directory may hold its article as plain text (`article.txt`)
/// or a saved page (`article.html`); a curated annotations.toml beside it
/// wins over `--auto`, as beside `article.md`. Two article files are an error.
#[test]
fn a_curated_annotations_file_beside_a_plain_text_article_wins() {
    let env = TestEnv::new();
    let dir = env.article_dir("plain", |a| a);
    let markdown = std::fs::read_to_string(dir.join("article.md")).expect("article");
    let text = markdown.replacen("# ", "", 1);
    std::fs::remove_file(dir.join("article.md")).expect("remove");
    std::fs::write(dir.join("article.txt"), &text).expect("write");
    let out = env.ok(&["build", "--auto", "plain", "--store", "kg"]);
    assert!(out.contains("5 quotations"), "{out}");
    let generated = rows(&env, "kg", &format!("{PREFIXES} SELECT ?f WHERE {{ ?f prov:wasGeneratedBy ?a }}"));
    assert!(generated.is_empty(), "curated facts marked automatic: {generated:?}");
    // Without --auto too, since it is annotated.
    env.ok(&["build", "plain"]);
    // Two article files: which one is meant is not guessed.
    std::fs::write(dir.join("article.md"), &markdown).expect("write");
    let run = env.run(&["build", "plain"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("more than one article file (article.md, article.txt); keep one"), "{}", run.stderr);
}
