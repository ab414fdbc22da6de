//! The extractor, `newskg draft` and `newskg check`: on the bundled article
//! every quotation gets its curated speaker, every curated entity is found at
//! every occurrence and every date resolves as the curated file says; on
//! every fixture under tests/fixtures/extract the expected results hold and
//! no speaker is wrong; every draft is accepted by `newskg build` unedited.

use std::path::PathBuf;

use newskg::check::{self, Mode, Report, Score};
use newskg::extract::{Known, TimeExpr, extract};

use crate::harness::{TestEnv, repo};

fn fixtures() -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures/extract");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("fixtures").map(|e| e.expect("entry").path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

fn report_text(report: &Report) -> String {
    let mut out = Vec::new();
    report.write(&mut out, false).expect("report");
    String::from_utf8(out).expect("utf8")
}

fn perfect(score: Score) -> bool {
    score.precision().is_none_or(|p| p == 1.0) && score.recall().is_none_or(|r| r == 1.0)
}

#[test]
fn bundled_article_quotations_speakers_mentions_and_dates() {
    let subject = check::bundled().expect("bundled article");
    let report = check::check(&subject);
    let text = report_text(&report);
    let known = report.scores(Mode::Known).expect("known run");
    assert_eq!(known.quotations.expected, 5, "{text}");
    assert!(perfect(known.quotations) && perfect(known.speakers), "{text}");
    // Every curated entity at every occurrence.
    assert_eq!(known.mentions.recall(), Some(1.0), "{text}");
    assert!(perfect(known.dates), "{text}");
    let unseen = report.scores(Mode::Unseen).expect("unseen run");
    assert_eq!(unseen.speakers.precision(), Some(1.0), "{text}");

    // The speakers, one by one.
    let article = &subject.article;
    let extraction = extract(article, &subject.truth.known);
    let speakers: Vec<(String, Option<&str>)> = extraction
        .quotations
        .iter()
        .map(|q| {
            let words: String = article.slice(q.text).split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            (words, q.speaker.as_ref().map(|s| s.entity.as_str()))
        })
        .collect();
    let expected = [
        ("No such meeting", Some("natalya-timakova")),
        ("We never said", Some("natalya-timakova")),
        ("We were told", Some("police-source")),
        ("A summit between", Some("south-korean-government-source")),
        ("We have no", Some("south-korean-government-source")),
    ];
    let expected: Vec<(String, Option<&str>)> = expected.iter().map(|(w, s)| ((*w).to_owned(), *s)).collect();
    assert_eq!(speakers, expected);

    // Every relative date, as the curated event it dates.
    let source = newskg::convert::Source::bundled();
    let annotations = newskg::annotation::Annotations::parse(&source.annotations, article).expect("annotations");
    let table = [
        ("Wednesday", "seoul-protest"),
        ("Earlier this month", "medvedev-hu-declaration"),
        ("last year", "peninsula-tension-2010"),
        ("in recent years", "kim-trips-china"),
        ("June 30 or July 1", "kim-medvedev-summit"),
        ("2002", "kim-visit-russia-2002"),
        ("2012", "apec-meeting-2012"),
    ];
    for (expression, event_id) in table {
        let event = annotations.events.iter().find(|e| e.id == event_id).expect("event");
        let found = extraction
            .times
            .iter()
            .find(|t| event.evidence.span.contains(t.span) && article.slice(t.span) == expression)
            .unwrap_or_else(|| panic!("{expression:?} not found in the evidence of {event_id}"));
        let curated = match (&event.time.at, event.time.alternatives.as_slice(), event.time.begin, event.time.end) {
            (Some(at), [], None, None) => TimeExpr::At(*at),
            (None, alternatives @ [_, ..], None, None) => TimeExpr::Alternatives(alternatives.to_vec()),
            (None, [], begin, end) => TimeExpr::Interval { begin, end },
            other => panic!("unexpected time of {event_id}: {other:?}"),
        };
        assert_eq!(found.value, curated, "{expression:?} ({event_id})");
    }
}

#[test]
fn every_fixture_gives_its_expected_results_and_no_wrong_speaker() {
    let dirs = fixtures();
    assert!(dirs.len() >= 6, "at least six fixtures, found {}", dirs.len());
    for dir in dirs {
        let subject = check::load(&dir).unwrap_or_else(|e| panic!("{e}"));
        let report = check::check(&subject);
        let text = report_text(&report);
        for mode in [Mode::Known, Mode::Unseen] {
            let scores = report.scores(mode).expect("run");
            // A wrong speaker is worse than none.
            assert!(scores.speakers.precision().is_none_or(|p| p == 1.0), "{mode:?}: {text}");
            assert!(perfect(scores.quotations), "{mode:?}: {text}");
            assert!(perfect(scores.dates), "{mode:?}: {text}");
        }
        let known = report.scores(Mode::Known).expect("known run");
        assert!(perfect(known.speakers), "{text}");
        assert_eq!(known.mentions.recall(), Some(1.0), "{text}");
    }
}

#[test]
fn extraction_is_deterministic() {
    let subject = check::bundled().expect("bundled article");
    let first = format!("{:?}", extract(&subject.article, &Known::default()));
    let second = format!("{:?}", extract(&subject.article, &Known::default()));
    assert_eq!(first, second);
}

#[test]
fn draft_of_every_fixture_and_of_the_bundled_article_is_accepted_by_build() {
    let env = TestEnv::new();
    let mut articles: Vec<PathBuf> = fixtures();
    articles.push(repo().join("articles/moscow-times-2011-06-29-kim-meeting"));
    for dir in articles {
        let name = dir.file_name().expect("name").to_string_lossy().into_owned();
        env.write(&format!("{name}/article.md"), &std::fs::read_to_string(dir.join("article.md")).expect("article"));
        let run = env.run(&["draft", &format!("{name}/article.md")]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stderr.contains("review every `draft` item"), "{}", run.stderr);
        let draft = std::fs::read_to_string(env.path(&format!("{name}/annotations.toml"))).expect("draft");
        // Every item (table) is marked as a draft with its cue.
        for table in draft.split("\n[[").skip(1) {
            let body = table.split("\n\n").next().unwrap_or_default();
            assert!(body.contains("\ndraft = \""), "{name}: item without its cue: [[{body}");
        }
        let built = env.run(&["build", &name]);
        assert_eq!(built.code, 0, "{name}: {}\n{draft}", built.stderr);
        assert!(built.stdout.starts_with(&format!("{name}: ")), "{}", built.stdout);
    }
}

#[test]
fn draft_refuses_to_overwrite_without_force_and_writes_to_stdout() {
    let env = TestEnv::new();
    let article = std::fs::read_to_string(repo().join("tests/fixtures/extract/wildfire/article.md")).expect("article");
    env.write("fire/article.md", &article);
    env.write("fire/annotations.toml", "# mine\n");
    let refused = env.run(&["draft", "fire/article.md"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("annotations.toml exists; pass --force"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(env.path("fire/annotations.toml")).expect("kept"), "# mine\n");

    env.ok(&["draft", "fire/article.md", "--force"]);
    let written = std::fs::read_to_string(env.path("fire/annotations.toml")).expect("draft");
    assert!(written.contains("speaker = \"rafael-duarte\""), "{written}");

    let stdout = env.ok(&["draft", "fire/article.md", "-o", "-"]);
    assert_eq!(stdout, written);
    assert_eq!(env.files(), ["fire/annotations.toml", "fire/article.md"]);
}

#[test]
fn check_prints_findings_and_scores() {
    let env = TestEnv::new();
    let bundled = env.ok(&["check"]);
    for fragment in ["quotations", "speakers", "mentions", "dates", "precision", "recall", "natalya-timakova"] {
        assert!(bundled.contains(fragment), "{fragment}: {bundled}");
    }
    let fixture = repo().join("tests/fixtures/extract/museum-theft");
    let brief = env.ok(&["check", &fixture.display().to_string(), "--brief"]);
    assert!(brief.contains("speakers      1.000 (2/2)"), "{brief}");
    assert!(!brief.contains("ok "), "{brief}");

    env.write("empty/article.md", "# T\n\nJune 29, 2011\n\nBody.\n");
    let missing = env.run(&["check", "empty"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("no annotations.toml or expected.toml"), "{}", missing.stderr);
}
