//! newskg at a terminal: query tables fitted to the window of a real
//! pseudo-terminal (util-linux `script` gives the command one, `stty` sets
//! its size), colour there only and never with `NO_COLOR`, and off a
//! terminal the same bytes as before tables were fitted.

use std::process::{Command, Stdio};

use newskg::query::display_term;
use oxigraph::sparql::results::QueryResultsFormat;

use crate::harness::{TestEnv, repo};

/// Runs `newskg ARGS` on a pseudo-terminal `columns` wide and returns what
/// it printed, without the terminal's carriage returns. `no_color` is the
/// value of `NO_COLOR`, or `None` to leave it unset.
fn on_terminal(env: &TestEnv, columns: usize, args: &[&str], no_color: Option<&str>) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let command = format!(
        "stty cols {columns} rows 50 && exec {} {}",
        quote(env!("CARGO_BIN_EXE_newskg")),
        args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
    );
    let mut script = Command::new("script");
    script.args(["--quiet", "--return", "--command", &command, "/dev/null"]);
    script.current_dir(env.path("")).stdin(Stdio::null());
    match no_color {
        Some(value) => script.env("NO_COLOR", value),
        None => script.env_remove("NO_COLOR"),
    };
    let output = script.output().expect("run `script` (util-linux)");
    let text = String::from_utf8(output.stdout).expect("UTF-8").replace("\r\n", "\n");
    assert!(output.status.success(), "newskg {args:?} on a terminal failed:\n{text}");
    text
}

/// The text without ANSI escape sequences (CSI … final byte).
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Each bundled query with the arguments it needs.
fn bundled_queries() -> Vec<Vec<String>> {
    newskg::query::BUNDLED
        .iter()
        .map(|q| {
            let mut args = vec!["query".to_owned(), q.name.to_owned()];
            if let Some(param) = q.example_param() {
                args.extend(["--param".to_owned(), param.to_owned()]);
            }
            args
        })
        .collect()
}

fn rows_of(tsv: &str) -> Vec<Vec<String>> {
    tsv.lines().skip(1).map(|l| l.split('\t').map(str::to_owned).collect()).collect()
}

fn assert_fits(text: &str, columns: usize, case: &str) {
    let plain = strip_ansi(text);
    let wide: Vec<&str> = plain.lines().filter(|l| l.chars().count() > columns).collect();
    assert!(
        wide.is_empty(),
        "{case}: lines wider than {columns} columns:\n{}\n\nwhole output:\n{plain}",
        wide.join("\n")
    );
}

/// Issue 15: `newskg query who-said-what` printed rows of about 300
/// characters in an 80-column terminal. Every bundled query now fits, cut
/// (`…`) or, with --wide, wrapped; each prints every row.
#[test]
fn every_bundled_query_fits_an_80_column_terminal() {
    let env = TestEnv::new();
    let mut cut = 0;
    for args in bundled_queries() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut tsv_args = args.clone();
        tsv_args.extend(["--format", "tsv"]);
        let rows = rows_of(&env.ok(&tsv_args)).len();
        let count = format!("({rows} row{})", if rows == 1 { "" } else { "s" });
        for wide in [false, true] {
            let mut args = args.clone();
            if wide {
                args.push("--wide");
            }
            let text = on_terminal(&env, 80, &args, Some("1"));
            let case = format!("newskg {}", args.join(" "));
            assert_fits(&text, 80, &case);
            // The header may wrap too, so the rule is on the second line or later.
            assert!(text.lines().skip(1).any(|l| l.starts_with('─')), "{case}: no table:\n{text}");
            assert_eq!(text.lines().last(), Some(count.as_str()), "{case}:\n{text}");
            if wide {
                assert!(!text.contains('…'), "{case}: a cell was cut:\n{text}");
            } else if text.contains('…') {
                cut += 1;
            }
        }
    }
    assert!(cut >= 3, "only {cut} bundled queries needed cutting: the test proves less than it says");
}

/// With --wide every cell is shown whole: each column, read down the
/// table, holds the text of that column's cells in order (compared without
/// white space, since lines break within words when a word is wider than
/// its column).
#[test]
fn wide_tables_show_every_cell_whole() {
    let env = TestEnv::new();
    let args = ["query", "who-said-what"];
    let tsv = env.ok(&["query", "who-said-what", "--format", "tsv"]);
    let results = crate::servers::parse_rows(QueryResultsFormat::Tsv, tsv.as_bytes());
    let text = on_terminal(&env, 80, &[&args[..], &["--wide"]].concat(), Some("1"));
    let lines: Vec<&str> = text.lines().collect();
    let rule = lines.iter().position(|l| l.starts_with('─')).expect("a rule under the header");
    // Column spans: the runs of `─` in the rule.
    let mut spans = Vec::new();
    let rule_chars: Vec<char> = lines[rule].chars().collect();
    let mut start = None;
    for (i, c) in rule_chars.iter().chain(std::iter::once(&' ')).enumerate() {
        match (c, start) {
            ('─', None) => start = Some(i),
            ('─', Some(_)) => {}
            (_, Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    assert_eq!(spans.len(), results.variables.len(), "{text}");
    let body = &lines[rule + 1..lines.len() - 1];
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (column, span) in spans.iter().enumerate() {
        let shown: String = body
            .iter()
            .map(|l| {
                let chars: Vec<char> = l.chars().collect();
                chars[span.start.min(chars.len())..span.end.min(chars.len())].iter().collect::<String>()
            })
            .collect();
        let whole: String = results.rows.iter().filter_map(|r| r[column].as_ref().map(display_term)).collect();
        assert_eq!(squeeze(&shown), squeeze(&whole), "column {column} is not whole:\n{text}");
    }
}

/// Colour on a terminal, and never when NO_COLOR is set (to anything but
/// the empty string); never off a terminal.
#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let env = TestEnv::new();
    let args = ["query", "six-party-participants"];
    let coloured = on_terminal(&env, 100, &args, None);
    assert!(coloured.contains("\u{1b}[1m"), "no bold header on a terminal:\n{coloured}");
    assert_fits(&coloured, 100, "coloured");
    assert!(on_terminal(&env, 100, &args, Some("")).contains('\u{1b}'), "NO_COLOR= (empty) must not turn colour off");
    for value in ["1", "true"] {
        let plain = on_terminal(&env, 100, &args, Some(value));
        assert!(!plain.contains('\u{1b}'), "colour despite NO_COLOR={value}:\n{plain}");
        assert_eq!(plain, strip_ansi(&coloured), "colour changed more than the escapes");
    }
    let piped = env.ok(&["query", "six-party-participants", "--format", "table"]);
    assert!(!piped.contains('\u{1b}'), "colour off a terminal:\n{piped}");
}

/// Off a terminal nothing changed: the table is as wide as its cells, byte
/// for byte what newskg wrote before tables were fitted (the expected files
/// were written by that version), and the default is still TSV.
#[test]
fn off_a_terminal_tables_are_as_before() {
    let env = TestEnv::new();
    for name in ["events", "who-said-what"] {
        let dir = repo().join("tests/fixtures/tables");
        let query = dir.join(format!("{name}.rq"));
        let expected = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("expected table");
        let table = env.ok(&["query", "--file", query.to_str().expect("UTF-8 path"), "--format", "table"]);
        assert_eq!(table, expected, "{name}");
        // --wide changes nothing without a terminal to fit.
        let wide = env.ok(&["query", "--file", query.to_str().expect("UTF-8 path"), "--format", "table", "--wide"]);
        assert_eq!(wide, expected, "{name} --wide");
        assert!(expected.lines().any(|l| l.chars().count() > 120), "{name}: the fixture is not wide");
    }
    let tsv = env.ok(&["query", "six-party-participants"]);
    assert!(tsv.starts_with("?state\t?name"), "{tsv}");
}

/// Issue 15: a SPARQL typo answered `error at 1:25: expected one of
/// LATERAL, SERVICE, [_]`. Errors now name the query, the line and column in
/// the user's own text, show the line with a caret under the place and say
/// in plain words what is wrong; so do --param and --graph.
#[test]
fn errors_show_the_place_with_a_caret() {
    let env = TestEnv::new();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["query", "--sparql", "SELECT * WHERE { ?s ?p }"],
            1,
            "error: invalid SPARQL in --sparql query, line 1, column 24: a triple pattern needs a subject, a \
             predicate and an object: `?s ?p` has no object\n  |\n1 | SELECT * WHERE { ?s ?p }\n  |                        ^\n",
        ),
        (
            &["query", "--sparql", "SELECT ?n WHERE {\n  ?e schema:name ?n ;\n     shema:about ?x .\n}"],
            1,
            "error: invalid SPARQL in --sparql query, line 3, column 6: unknown prefix `shema:`; did you mean \
             `schema:`? the prefixes declared are nkg: entity: schema: prov: nif: itsrdf: org: sem: time: owl: rdf: \
             rdfs: xsd: wd: id: (declare another with `PREFIX shema: <IRI>`)\n  |\n3 |      shema:about ?x .\n  |      ^\n",
        ),
        (
            &["query", "six-party-participants", "--param", "state=<https://example.org/a b>"],
            2,
            "error: --param state=<https://example.org/a b>: not a valid IRI: an IRI cannot hold a space\n  \
             --param state=<https://example.org/a b>\n                                      ^\n",
        ),
        (
            &["query", "six-party-participants", "--graph", "Moscow Times"],
            2,
            "error: --graph Moscow Times: neither an article id nor an IRI: a space is in neither\n  \
             --graph Moscow Times\n                ^\n",
        ),
    ];
    for (args, code, stderr) in cases {
        let run = env.run(args);
        assert_eq!((run.code, run.stderr.as_str(), run.stdout.as_str()), (*code, *stderr, ""), "newskg {args:?}");
    }
}

/// newskg declares its prefixes for every query, so a query may use them
/// without PREFIX lines (and may still declare its own).
#[test]
fn queries_may_use_newskg_prefixes_without_declaring_them() {
    let env = TestEnv::new();
    let names = env.ok(&["query", "--sparql", "SELECT ?n WHERE { entity:russia schema:name ?n }", "--format", "csv"]);
    assert_eq!(names, "n\r\nRussia\r\n");
}
