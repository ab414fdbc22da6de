//! `newskg validate` and pyshacl, the reference SHACL implementation, reach
//! the same verdict with `ontology/shapes.ttl`: the bundled graph conforms,
//! and each deliberately broken graph (one small edit of the exported
//! N-Triples per shape) fails in both, with newskg's report naming the focus
//! node and the path.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::harness::{TestEnv, repo};

const ARTICLE: &str = "https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting";
const ENTITY: &str = "https://w3id.org/newskg/id/entity/";
const TIME: &str = "https://w3id.org/newskg/id/time/";

/// The Python that has pyshacl: `$NEWSKG_PYTHON` (set by `make unit`), else
/// the repository's virtual environment.
pub fn python() -> PathBuf {
    let python = match std::env::var_os("NEWSKG_PYTHON") {
        Some(path) => PathBuf::from(path),
        None => repo().join(".venv/bin/python"),
    };
    assert!(
        python.exists(),
        "{} not found: run `make deps-test` to install pyshacl (or set NEWSKG_PYTHON)",
        python.display()
    );
    python
}

/// Starts pyshacl on a Turtle data file with the bundled shapes.
pub fn start_pyshacl(data: &Path) -> Child {
    Command::new(python())
        .args(["-m", "pyshacl", "-s"])
        .arg(repo().join("ontology/shapes.ttl"))
        .args(["-df", "turtle"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pyshacl")
}

/// pyshacl's verdict: `Some(true)` conforms, `Some(false)` does not; panics
/// when pyshacl itself failed.
pub fn pyshacl_verdict(child: Child, what: &str) -> bool {
    let output = child.wait_with_output().expect("pyshacl output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    match (output.status.code(), stdout.contains("Conforms: True"), stdout.contains("Conforms: False")) {
        (Some(0), true, false) => true,
        (Some(1), false, true) => false,
        _ => panic!("{what}: pyshacl failed ({:?}):\n{stdout}\n{stderr}", output.status.code()),
    }
}

/// A full IRI in N-Triples form: `article` for the article, `quotation/x`
/// for one of its facts, `entity:x`, `instant:x` (a time), `span:B,E`, a
/// prefixed name or a full IRI.
fn n(name: &str) -> String {
    let iri = if name == "article" {
        ARTICLE.to_owned()
    } else if let Some(id) = name.strip_prefix("entity:") {
        format!("{ENTITY}{id}")
    } else if let Some(id) = name.strip_prefix("instant:") {
        format!("{TIME}{id}")
    } else if let Some(range) = name.strip_prefix("span:") {
        format!("{ARTICLE}/text#char={range}")
    } else if name.contains("://") {
        name.to_owned()
    } else {
        let (prefix, local) = name.split_once(':').unwrap_or(("", name));
        let ns = match prefix {
            "schema" => "http://schema.org/",
            "prov" => "http://www.w3.org/ns/prov#",
            "nif" => "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
            "nkg" => "https://w3id.org/newskg/ns#",
            "org" => "http://www.w3.org/ns/org#",
            "sem" => "http://semanticweb.cs.vu.nl/2009/11/sem/",
            "time" => "http://www.w3.org/2006/time#",
            "owl" => "http://www.w3.org/2002/07/owl#",
            "rdf" => "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs" => "http://www.w3.org/2000/01/rdf-schema#",
            "" => return format!("<{ARTICLE}/{name}>"),
            other => panic!("unknown prefix {other}"),
        };
        format!("{ns}{local}")
    };
    format!("<{iri}>")
}

/// The N-Triples without the triples of `subject` and `predicate`; panics
/// when there is none, so that no case passes by editing nothing.
fn without(nt: &str, subject: &str, predicate: &str) -> String {
    let prefix = format!("{} {} ", n(subject), n(predicate));
    let kept: Vec<&str> = nt.lines().filter(|line| !line.starts_with(&prefix)).collect();
    assert!(kept.len() < nt.lines().count(), "no triple {prefix}…");
    kept.join("\n") + "\n"
}

/// The N-Triples with one more triple; `object` is an N-Triples term or a
/// name for [`n`].
fn with(nt: &str, subject: &str, predicate: &str, object: &str) -> String {
    let object = if object.starts_with('"') || object.starts_with('<') { object.to_owned() } else { n(object) };
    format!("{nt}{} {} {object} .\n", n(subject), n(predicate))
}

/// The N-Triples with the object of `subject` `predicate` `from` replaced by
/// `to` (N-Triples terms or names); panics when nothing changed.
fn replace(nt: &str, subject: &str, predicate: &str, from: &str, to: &str) -> String {
    let term = |t: &str| if t.starts_with('"') || t.starts_with('<') { t.to_owned() } else { n(t) };
    let old = format!("{} {} {} .", n(subject), n(predicate), term(from));
    let new = format!("{} {} {} .", n(subject), n(predicate), term(to));
    assert!(nt.lines().any(|line| line == old), "no triple {old}");
    nt.lines().map(|line| if line == old { new.as_str() } else { line }).collect::<Vec<_>>().join("\n") + "\n"
}

const INTEGER: &str = "<http://www.w3.org/2001/XMLSchema#integer>";

/// One broken graph: what it breaks, the edit, and the focus node and path
/// newskg's report must name (compact, as the report prints them).
struct Case {
    name: &'static str,
    edit: fn(&str) -> String,
    focus: &'static str,
    path: &'static str,
}

const Q: &str = "id:article/moscow-times-2011-06-29-kim-meeting/quotation/";
const C: &str = "id:article/moscow-times-2011-06-29-kim-meeting/claim/";

macro_rules! focus {
    ($kind:literal, $id:literal) => {
        concat!("id:article/moscow-times-2011-06-29-kim-meeting/", $kind, "/", $id)
    };
}

const CASES: &[Case] = &[
    // Quotations.
    // (A quotation without a speaker conforms: an automatic graph keeps the
    // quotations whose speaker is not certain, without one.)
    Case {
        name: "a quotation attributed to two agents",
        edit: |nt| with(nt, "quotation/police-source-told", "prov:wasAttributedTo", "entity:dmitry-medvedev"),
        focus: focus!("quotation", "police-source-told"),
        path: "prov:wasAttributedTo",
    },
    Case {
        name: "a quotation with a second speaker",
        edit: |nt| with(nt, "quotation/timakova-never-said", "schema:spokenByCharacter", "entity:dmitry-medvedev"),
        focus: focus!("quotation", "timakova-never-said"),
        path: "schema:spokenByCharacter",
    },
    Case {
        name: "a quotation spoken by a city",
        edit: |nt| {
            replace(
                nt,
                "quotation/timakova-no-such-meeting",
                "schema:spokenByCharacter",
                "entity:natalya-timakova",
                "entity:vladivostok",
            )
        },
        focus: focus!("quotation", "timakova-no-such-meeting"),
        path: "schema:spokenByCharacter/rdf:type",
    },
    Case {
        name: "a quotation quoted from a person, not a document",
        edit: |nt| with(nt, "quotation/timakova-never-said", "prov:wasQuotedFrom", "entity:natalya-timakova"),
        focus: focus!("quotation", "timakova-never-said"),
        path: "prov:wasQuotedFrom",
    },
    Case {
        name: "a quotation whose text has no language tag",
        edit: |nt| {
            replace(
                nt,
                "quotation/government-source-no-idea",
                "schema:text",
                r#""We have no idea yet why the talks were canceled."@en"#,
                r#""We have no idea yet why the talks were canceled.""#,
            )
        },
        focus: focus!("quotation", "government-source-no-idea"),
        path: "schema:text",
    },
    Case {
        name: "a quotation with two evidence spans",
        edit: |nt| with(nt, "quotation/timakova-never-said", "prov:wasDerivedFrom", "span:1441,1512"),
        focus: focus!("quotation", "timakova-never-said"),
        path: "prov:wasDerivedFrom",
    },
    Case {
        name: "a quotation derived from something that is not a NIF string",
        edit: |nt| {
            replace(
                nt,
                "quotation/timakova-never-said",
                "prov:wasDerivedFrom",
                "span:1442,1482",
                "entity:natalya-timakova",
            )
        },
        focus: focus!("quotation", "timakova-never-said"),
        path: "prov:wasDerivedFrom/rdf:type",
    },
    // Claims.
    Case {
        name: "a claim without certainty",
        edit: |nt| without(nt, "claim/yonhap-agenda-differences", "nkg:certainty"),
        focus: focus!("claim", "yonhap-agenda-differences"),
        path: "nkg:certainty",
    },
    Case {
        name: "a claim with a certainty that is not one of the four",
        edit: |nt| replace(nt, "claim/kremlin-no-meetings", "nkg:certainty", "nkg:certain", "nkg:maybe"),
        focus: focus!("claim", "kremlin-no-meetings"),
        path: "nkg:certainty",
    },
    Case {
        name: "a claim with two certainties",
        edit: |nt| with(nt, "claim/kremlin-no-meetings", "nkg:certainty", "nkg:possible"),
        focus: focus!("claim", "kremlin-no-meetings"),
        path: "nkg:certainty",
    },
    Case {
        name: "a claim without polarity",
        edit: |nt| without(nt, "claim/diplomats-influence", "nkg:polarity"),
        focus: focus!("claim", "diplomats-influence"),
        path: "nkg:polarity",
    },
    Case {
        name: "a claim without an asserting source",
        edit: |nt| without(nt, "claim/police-source-visit-scrapped", "nkg:assertedBy"),
        focus: focus!("claim", "police-source-visit-scrapped"),
        path: "nkg:assertedBy",
    },
    Case {
        name: "a claim asserted by a place",
        edit: |nt| {
            replace(nt, "claim/diplomats-influence", "nkg:assertedBy", "entity:diplomats", "entity:pacific-coast")
        },
        focus: focus!("claim", "diplomats-influence"),
        path: "nkg:assertedBy/rdf:type",
    },
    Case {
        name: "a claim without evidence",
        edit: |nt| without(nt, "claim/lead-summit-canceled", "prov:wasDerivedFrom"),
        focus: focus!("claim", "lead-summit-canceled"),
        path: "prov:wasDerivedFrom",
    },
    // Events.
    Case {
        name: "an event without a label",
        edit: |nt| without(nt, "event/seoul-protest", "rdfs:label"),
        focus: focus!("event", "seoul-protest"),
        path: "rdfs:label",
    },
    Case {
        name: "an event without certainty",
        edit: |nt| without(nt, "event/soviet-collapse", "nkg:certainty"),
        focus: focus!("event", "soviet-collapse"),
        path: "nkg:certainty",
    },
    Case {
        name: "an event with a polarity that is not one of the two",
        edit: |nt| replace(nt, "event/kim-medvedev-summit", "nkg:polarity", "nkg:negative", "nkg:certain"),
        focus: focus!("event", "kim-medvedev-summit"),
        path: "nkg:polarity",
    },
    Case {
        name: "an event without evidence",
        edit: |nt| without(nt, "event/attacks-2010", "prov:wasDerivedFrom"),
        focus: focus!("event", "attacks-2010"),
        path: "prov:wasDerivedFrom",
    },
    Case {
        name: "a cancelled event with no time and no nkg:timeUnknown",
        edit: |nt| without(nt, "event/kim-visit-vladivostok", "nkg:timeUnknown"),
        focus: focus!("event", "kim-visit-vladivostok"),
        path: "sem:hasTime|nkg:alternativeTime|nkg:timeUnknown",
    },
    Case {
        name: "a scheduled event whose nkg:timeUnknown is false",
        edit: |nt| {
            replace(
                nt,
                "event/medvedev-trip-vladivostok",
                "nkg:timeUnknown",
                r#""true"^^<http://www.w3.org/2001/XMLSchema#boolean>"#,
                r#""false"^^<http://www.w3.org/2001/XMLSchema#boolean>"#,
            )
        },
        focus: focus!("event", "medvedev-trip-vladivostok"),
        path: "nkg:timeUnknown",
    },
    Case {
        name: "an event with an unknown status",
        edit: |nt| {
            replace(nt, "event/apec-meeting-2012", "schema:eventStatus", "schema:EventScheduled", "schema:EventMaybe")
        },
        focus: focus!("event", "apec-meeting-2012"),
        path: "schema:eventStatus",
    },
    // NIF strings.
    Case {
        name: "a phrase whose beginIndex is a string",
        edit: |nt| {
            replace(
                nt,
                "span:780,865",
                "nif:beginIndex",
                &format!(r#""780"^^{INTEGER}"#),
                r#""780"^^<http://www.w3.org/2001/XMLSchema#string>"#,
            )
        },
        focus: "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting/text#char=780,865>",
        path: "nif:beginIndex",
    },
    Case {
        name: "a sentence without endIndex",
        edit: |nt| without(nt, "span:1441,1512", "nif:endIndex"),
        focus: "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting/text#char=1441,1512>",
        path: "nif:endIndex",
    },
    Case {
        name: "a phrase with two anchors",
        edit: |nt| with(nt, "span:1442,1482", "nif:anchorOf", r#""We never said it""#),
        focus: "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting/text#char=1442,1482>",
        path: "nif:anchorOf",
    },
    Case {
        name: "a phrase without its context",
        edit: |nt| without(nt, "span:1442,1482", "nif:referenceContext"),
        focus: "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting/text#char=1442,1482>",
        path: "nif:referenceContext",
    },
    Case {
        name: "a context without its text",
        edit: |nt| without(nt, "span:0,3303", "nif:isString"),
        focus: "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting/text#char=0,3303>",
        path: "nif:isString",
    },
    // Entities.
    Case {
        name: "an entity with two names",
        edit: |nt| with(nt, "entity:hu-jintao", "schema:name", r#""Hu""#),
        focus: "entity:hu-jintao",
        path: "schema:name",
    },
    Case {
        name: "an entity without a name",
        edit: |nt| without(nt, "entity:diplomats", "schema:name"),
        focus: "entity:diplomats",
        path: "schema:name",
    },
    Case {
        name: "a Wikidata link to a page instead of an item",
        edit: |nt| {
            replace(
                nt,
                "entity:dmitry-medvedev",
                "owl:sameAs",
                "http://www.wikidata.org/entity/Q23530",
                "https://www.wikidata.org/wiki/Q23530",
            )
        },
        focus: "entity:dmitry-medvedev",
        path: "owl:sameAs",
    },
    Case {
        name: "a Wikidata id with a leading zero",
        edit: |nt| {
            replace(
                nt,
                "entity:seoul",
                "owl:sameAs",
                "http://www.wikidata.org/entity/Q8684",
                "http://www.wikidata.org/entity/Q08684",
            )
        },
        focus: "entity:seoul",
        path: "owl:sameAs",
    },
    Case {
        name: "an entity with two Wikidata links",
        edit: |nt| with(nt, "entity:russia", "owl:sameAs", "http://www.wikidata.org/entity/Q2184"),
        focus: "entity:russia",
        path: "owl:sameAs",
    },
    // The article and its photo.
    Case {
        name: "an article without a headline",
        edit: |nt| without(nt, "article", "schema:headline"),
        focus: "id:article/moscow-times-2011-06-29-kim-meeting",
        path: "schema:headline",
    },
    Case {
        name: "an article whose publication date is a string",
        edit: |nt| {
            replace(
                nt,
                "article",
                "schema:datePublished",
                r#""2011-06-29"^^<http://www.w3.org/2001/XMLSchema#date>"#,
                r#""2011-06-29""#,
            )
        },
        focus: "id:article/moscow-times-2011-06-29-kim-meeting",
        path: "schema:datePublished",
    },
    // (An article without a publisher or a date conforms: a text file may name neither.)
    Case {
        name: "an article with two publishers",
        edit: |nt| with(nt, "article", "schema:publisher", "entity:yonhap"),
        focus: "id:article/moscow-times-2011-06-29-kim-meeting",
        path: "schema:publisher",
    },
    Case {
        name: "a photo without a caption",
        edit: |nt| without(nt, "photo/1", "schema:caption"),
        focus: focus!("photo", "1"),
        path: "schema:caption",
    },
    // Posts, statements, memberships, quantities, times.
    Case {
        name: "a post held by nobody",
        edit: |nt| without(nt, "post/hu-president", "org:heldBy"),
        focus: focus!("post", "hu-president"),
        path: "org:heldBy",
    },
    Case {
        name: "a post without a label",
        edit: |nt| without(nt, "post/kim-chairman", "rdfs:label"),
        focus: focus!("post", "kim-chairman"),
        path: "rdfs:label",
    },
    Case {
        name: "a statement without an object",
        edit: |nt| without(nt, "statement/russia--shares-border-with--north-korea", "rdf:object"),
        focus: focus!("statement", "russia--shares-border-with--north-korea"),
        path: "rdf:object",
    },
    Case {
        name: "a statement without evidence",
        edit: |nt| without(nt, "statement/far-east--located-in--russia", "prov:wasDerivedFrom"),
        focus: focus!("statement", "far-east--located-in--russia"),
        path: "prov:wasDerivedFrom",
    },
    Case {
        name: "a membership without its member",
        edit: |nt| without(nt, "statement/japan--member-of--six-party-talks", "org:member"),
        focus: focus!("statement", "japan--member-of--six-party-talks"),
        path: "org:member",
    },
    Case {
        name: "a quantity without a unit",
        edit: |nt| without(nt, "quantity/attacks-killed", "nkg:unit"),
        focus: focus!("quantity", "attacks-killed"),
        path: "nkg:unit",
    },
    Case {
        name: "a quantity whose value is a word",
        edit: |nt| replace(nt, "quantity/attacks-killed", "schema:value", &format!(r#""50"^^{INTEGER}"#), r#""fifty""#),
        focus: focus!("quantity", "attacks-killed"),
        path: "schema:value",
    },
    Case {
        name: "a time with two values",
        edit: |nt| {
            with(nt, "instant:2010", "time:inXSDDate", r#""2010-01-01"^^<http://www.w3.org/2001/XMLSchema#date>"#)
        },
        focus: "id:time/2010",
        path: "time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear",
    },
    Case {
        name: "an interval with neither beginning nor end",
        edit: |nt| without(nt, "event/kim-trips-china/time", "time:hasEnd"),
        focus: focus!("event", "kim-trips-china/time"),
        path: "time:hasBeginning|time:hasEnd",
    },
];

#[test]
fn the_bundled_graph_conforms_for_newskg_and_pyshacl() {
    let env = TestEnv::new();
    let run = env.run(&["validate"]);
    assert_eq!(run.code, 0, "newskg validate:\n{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("conforms: "), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);

    env.ok(&["export", "-o", "data.ttl"]);
    let from_file = env.ok(&["validate", "--data", "data.ttl"]);
    assert_eq!(from_file, run.stdout, "the exported Turtle validates as the graph does");
    assert!(pyshacl_verdict(start_pyshacl(&env.path("data.ttl")), "the bundled graph"), "pyshacl disagrees");
}

#[test]
fn each_broken_graph_fails_in_newskg_and_pyshacl() {
    let env = TestEnv::new();
    env.ok(&["export", "--format", "ntriples", "-o", "data.nt"]);
    let nt = std::fs::read_to_string(env.path("data.nt")).expect("export");

    // pyshacl takes a second or two per graph: start them all, then read them.
    let mut runs = Vec::new();
    for (i, case) in CASES.iter().enumerate() {
        let file = format!("case-{i:02}.ttl");
        env.write(&file, &(case.edit)(&nt));
        runs.push((case, file.clone(), start_pyshacl(&env.path(&file))));
    }
    let mut failures = Vec::new();
    for (case, file, pyshacl) in runs {
        let run = env.run(&["validate", "--data", &file]);
        let expected_line = format!("{}  {}  ", case.focus, case.path);
        if run.code != 1 {
            failures
                .push(format!("{}: newskg exit {}, expected 1:\n{}{}", case.name, run.code, run.stdout, run.stderr));
        } else if !run.stdout.lines().any(|line| line.starts_with(&expected_line)) {
            failures.push(format!("{}: no line starting {expected_line:?} in:\n{}", case.name, run.stdout));
        } else if !run.stdout.lines().last().unwrap_or_default().starts_with("does not conform: ") {
            failures.push(format!("{}: no summary line in:\n{}", case.name, run.stdout));
        }
        if pyshacl_verdict(pyshacl, case.name) {
            failures.push(format!("{}: pyshacl says it conforms", case.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), CASES.len(), failures.join("\n\n"));
}

#[test]
fn every_node_shape_has_a_broken_case() {
    // The focus nodes of the cases cover every kind of node the shapes target.
    let kinds = [
        "quotation/",
        "claim/",
        "event/",
        "text#char=",
        "entity:",
        "post/",
        "statement/",
        "quantity/",
        "photo/",
        "id:time/",
        "/time",
    ];
    for kind in kinds {
        assert!(CASES.iter().any(|c| c.focus.contains(kind)), "no broken case for {kind}");
    }
    assert!(CASES.iter().any(|c| c.focus == "id:article/moscow-times-2011-06-29-kim-meeting"));
    assert!(CASES.iter().any(|c| c.focus.starts_with(Q)) && CASES.iter().any(|c| c.focus.starts_with(C)));
}

#[test]
fn validate_reports_unusable_inputs() {
    let env = TestEnv::new();
    env.write("data.txt2", "<a> <b> <c> .\n");
    env.write("bad.ttl", "<http://example.org/a> <http://example.org/b> .\n");
    env.write(
        "bad-shapes.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://example.org/s> a sh:NodeShape ;\n",
    );
    let cases: &[(&[&str], i32, &str)] = &[
        (&["validate", "--data", "data.txt2"], 1, "cannot tell the RDF format of data.txt2"),
        (&["validate", "--data", "missing.ttl"], 1, "cannot read missing.ttl"),
        (&["validate", "--data", "bad.ttl"], 1, "bad.ttl: "),
        (&["validate", "--shapes", "bad-shapes.ttl"], 1, "bad-shapes.ttl: "),
        (&["validate", "--shapes", "missing-shapes.ttl"], 1, "cannot read missing-shapes.ttl"),
        (&["validate", "--data", "bad.ttl", "--store", "store"], 2, "cannot be used with"),
    ];
    for (args, code, message) in cases {
        let run = env.run(args);
        assert_eq!(run.code, *code, "newskg {args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "newskg {args:?}: {:?} lacks {message:?}", run.stderr);
        assert!(run.stdout.is_empty(), "newskg {args:?} printed {:?}", run.stdout);
    }
}

#[test]
fn a_shapes_file_of_ones_own_is_used() {
    let env = TestEnv::new();
    // Require a birth date, which the article gives no one.
    env.write(
        "mine.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <http://schema.org/> .
<http://example.org/PersonShape> a sh:NodeShape ;
    sh:targetClass schema:Person ;
    sh:property <http://example.org/PersonShape-birthDate> .
<http://example.org/PersonShape-birthDate> a sh:PropertyShape ;
    sh:path schema:birthDate ;
    sh:minCount 1 ;
    sh:message \"a person has a birth date\" .
",
    );
    let run = env.run(&["validate", "--shapes", "mine.ttl"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "six people and a summary:\n{}", run.stdout);
    assert_eq!(lines[0], "entity:dmitry-medvedev  schema:birthDate  a person has a birth date");
    assert!(lines[6].starts_with("does not conform: 6 results on 6 focus nodes"), "{}", lines[6]);
}
