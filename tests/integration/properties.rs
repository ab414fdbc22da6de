//! Property tests (proptest) on generated articles: titles, dates, captions,
//! paragraphs of random words with punctuation, straight and curly quotes,
//! non-ASCII letters, emoji, combining marks, backslashes, CRLF line endings, a
//! byte-order mark, ragged spaces.
//!
//! - Every span the pipeline records — sentences, mentions of the generated
//!   names, evidence located for excerpts cut from the text, and every NIF
//!   span in the resulting graph — slices the text, in code points, to exactly
//!   the text recorded for it.
//! - parse → export → parse is the identity on graphs, in every format.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use newskg::annotation::{AnnotationErrorKind, Annotations};
use newskg::article::{Article, Span};
use newskg::convert::{Source, convert};
use newskg::export::{self, Format};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{FileFailurePersistence, TestRunner};

/// Names of people put into the text; none is part of another.
const NAMES: &[&str] = &["Ana Lüdtke", "Zhou Wénlì", "Марина Ковалёва", "Jean-Luc O’Neill", "Olúwaseun Adé"];

const ODD_WORDS: &[&str] = &[
    "Tête",
    "déjà",
    "Владивосток",
    "北朝鮮",
    "😀",
    "naïve",
    "e\u{301}clair",
    "Straße",
    "ﬁne",
    "‘tis",
    "\\",
    "\\n",
    "<b>",
    "&amp;",
    "3.5",
    "130",
    "U.S.",
    "Mr.",
    "No.",
    "—",
    "…",
    "(so)",
    "'quoted'",
    "a\u{200d}b",
    "ٱلْعَرَبِيَّة",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[a-z]{1,9}",
        2 => "[A-Z][a-z]{0,8}",
        2 => select(ODD_WORDS).prop_map(str::to_owned),
    ]
}

/// A sentence: words, perhaps a name, perhaps quoted, with end punctuation.
fn sentence() -> impl Strategy<Value = String> {
    (vec(word(), 1..10), prop::option::of(select(NAMES)), any::<prop::sample::Index>(), 0..5usize, 0..7usize).prop_map(
        |(mut words, name, at, quotes, end)| {
            if let Some(name) = name {
                let at = at.index(words.len() + 1);
                words.insert(at, name.to_owned());
            }
            let body = words.join(" ");
            let end = [".", "?", "!", ",", ";", "", "."][end];
            match quotes {
                1 => format!("\"{body}{end}\" he said."),
                2 => format!("\u{201c}{body}{end}\u{201d} she said."),
                3 => format!("\"{body}{end}"),
                _ => format!("{body}{end}"),
            }
        },
    )
}

/// A paragraph: sentences separated by one space, two spaces or a line break.
fn paragraph() -> impl Strategy<Value = String> {
    (vec(sentence(), 1..5), vec(select(&[" ", "  ", "\n", " \n "][..]), 5)).prop_map(|(sentences, seps)| {
        let mut text = String::new();
        for (i, s) in sentences.iter().enumerate() {
            if i > 0 {
                text.push_str(seps[i % seps.len()]);
            }
            text.push_str(s);
        }
        text
    })
}

/// An article file and seeds for cutting excerpts out of its text.
#[derive(Debug, Clone)]
struct Generated {
    source: String,
    excerpts: Vec<(usize, usize)>,
}

fn article() -> impl Strategy<Value = Generated> {
    let month = select(&newskg::article::MONTHS[..]);
    (
        vec(word(), 1..8),
        (month, 1..=28u8, 1900..=2100i32),
        prop::option::of((sentence(), vec("[A-Z][a-z]{1,8}", 1..3))),
        vec(paragraph(), 1..5),
        any::<bool>(),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        vec((any::<usize>(), 0..60usize), 1..6),
    )
        .prop_map(|(title, (month, day, year), caption, paragraphs, url, (crlf, bom, trailing), excerpts)| {
            let mut blocks = vec![format!("# {}", title.join(" ")), format!("{month} {day}, {year}")];
            if let Some((caption, credit)) = caption {
                blocks.push(format!("{caption} **{}**", credit.join(" ")));
            }
            blocks.extend(paragraphs);
            if url {
                blocks.push("Original url:".to_owned());
                blocks.push("<http://example.org/article>".to_owned());
            }
            let mut source = blocks.join("\n\n");
            source.push('\n');
            if trailing {
                source = source.replace('\n', "  \n");
            }
            if crlf {
                source = source.replace('\n', "\r\n");
            }
            if bom {
                source.insert(0, '\u{feff}');
            }
            Generated { source, excerpts }
        })
}

/// The text between two code-point offsets, counted independently of the
/// article's own index.
fn chars(text: &str, span: Span) -> String {
    text.chars().skip(span.begin).take(span.end.saturating_sub(span.begin)).collect()
}

/// Excerpt spans cut from the text: they start and end on a non-space.
fn excerpt_spans(article: &Article, seeds: &[(usize, usize)]) -> Vec<Span> {
    let text: Vec<char> = article.text.chars().collect();
    let starts: Vec<usize> = (0..text.len()).filter(|&i| !text[i].is_whitespace()).collect();
    seeds
        .iter()
        .map(|&(at, len)| {
            let begin = starts[at % starts.len()];
            let mut end = (begin + 1 + len).min(text.len());
            while text[end - 1].is_whitespace() {
                end -= 1;
            }
            Span { begin, end }
        })
        .collect()
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// An annotation file naming the generated people, with one claim per
/// excerpt, each located by its span when `with_span`.
fn annotations(article: &Article, excerpts: &[Span], with_span: bool) -> String {
    let mut file = String::from(
        "[article]\nid = \"generated\"\n\n[[entity]]\nid = \"source\"\ntype = \"AnonymousSource\"\nname = \"a source\"\n",
    );
    for (i, name) in NAMES.iter().enumerate() {
        file.push_str(&format!("\n[[entity]]\nid = \"person-{i}\"\ntype = \"Person\"\nname = {}\n", toml_string(name)));
    }
    for (i, span) in excerpts.iter().enumerate() {
        let excerpt = toml_string(&chars(&article.text, *span));
        let evidence =
            if with_span { format!("{{ text = {excerpt}, span = [{}, {}] }}", span.begin, span.end) } else { excerpt };
        file.push_str(&format!(
            "\n[[claim]]\nid = \"c{i}\"\ntext = \"claim {i}\"\nsource = \"source\"\nevidence = {evidence}\n"
        ));
    }
    file
}

fn check_article(article: &Article) -> Result<(), TestCaseError> {
    prop_assert_eq!(article.len_chars(), article.text.chars().count());
    for block in &article.blocks {
        prop_assert_eq!(article.slice(block.span), chars(&article.text, block.span));
    }
    for (index, block) in article.paragraphs() {
        // The sentences of a paragraph are its text, cut at single spaces.
        let sentences: Vec<&str> =
            article.sentences.iter().filter(|s| s.block == index).map(|s| article.slice(s.span)).collect();
        prop_assert_eq!(sentences.join(" "), article.slice(block.span));
    }
    for sentence in &article.sentences {
        let text = chars(&article.text, sentence.span);
        prop_assert_eq!(article.slice(sentence.span), text.as_str());
        prop_assert!(!text.is_empty() && text.trim() == text, "sentence {:?}", text);
    }
    Ok(())
}

/// Every NIF span of the graph slices its context's text to its anchor.
fn check_graph_spans(graph: &[Quad]) -> Result<usize, TestCaseError> {
    let store = newskg::store::open(None).map_err(|e| TestCaseError::fail(e.to_string()))?;
    store.extend(graph.iter().cloned()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let query = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?begin ?end ?anchor ?text WHERE {
          ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
                nif:referenceContext/nif:isString ?text .
        }";
    let mut prepared = SparqlEvaluator::new().parse_query(query).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(rows) =
        prepared.on_store(&store).execute().map_err(|e| TestCaseError::fail(e.to_string()))?
    else {
        return Err(TestCaseError::fail("not solutions"));
    };
    let value = |term: Option<&Term>| match term {
        Some(Term::Literal(l)) => l.value().to_owned(),
        other => format!("{other:?}"),
    };
    let mut count = 0;
    for row in rows {
        let row = row.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let begin: usize = value(row.get("begin")).parse().map_err(|_| TestCaseError::fail("begin"))?;
        let end: usize = value(row.get("end")).parse().map_err(|_| TestCaseError::fail("end"))?;
        prop_assert_eq!(chars(&value(row.get("text")), Span { begin, end }), value(row.get("anchor")));
        count += 1;
    }
    Ok(count)
}

/// Quads as N-Quads lines, to compare as sets and show differences readably.
fn lines(quads: impl IntoIterator<Item = Quad>) -> BTreeSet<String> {
    quads.into_iter().map(|q| q.to_string()).collect()
}

fn triples(quads: impl IntoIterator<Item = Quad>) -> BTreeSet<String> {
    lines(quads.into_iter().map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)))
}

/// Writes the graph in every format and parses it back with Oxigraph's parser.
fn check_round_trips(graph: &[Quad]) -> Result<(), TestCaseError> {
    for (format, rdf_format) in [
        (Format::NTriples, RdfFormat::NTriples),
        (Format::Turtle, RdfFormat::Turtle),
        (Format::NQuads, RdfFormat::NQuads),
        (Format::TriG, RdfFormat::TriG),
        (Format::RdfXml, RdfFormat::RdfXml),
    ] {
        let mut bytes = Vec::new();
        export::write(graph.iter().cloned(), format, newskg::DEFAULT_BASE, &mut bytes)
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
        let parsed: Vec<Quad> = RdfParser::from_format(rdf_format)
            .for_slice(&bytes)
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(format!("{format:?} does not parse back: {e}")))?;
        if format.keeps_graphs() {
            prop_assert_eq!(lines(parsed), lines(graph.iter().cloned()), "{:?}", format);
        } else {
            prop_assert_eq!(triples(parsed), triples(graph.iter().cloned()), "{:?}", format);
        }
    }
    Ok(())
}

/// Runs a property over generated articles, keeping failures in
/// `tests/integration/proptest-regressions/` to replay first next time.
fn run_property(cases: u32, test: impl Fn(Generated) -> Result<(), TestCaseError>) {
    let config = ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/integration/proptest-regressions/properties.txt",
        ))),
        ..ProptestConfig::default()
    };
    if let Err(error) = TestRunner::new(config).run(&article(), test) {
        panic!("{error}");
    }
}

/// How much the generated cases exercised, so that a generator that stops
/// producing the hard cases fails the test instead of passing vacuously.
#[derive(Default)]
struct Coverage {
    cases: AtomicUsize,
    crlf: AtomicUsize,
    ambiguous: AtomicUsize,
    unique: AtomicUsize,
    mentions: AtomicUsize,
    graph_spans: AtomicUsize,
    non_ascii: AtomicUsize,
}

fn count(counter: &AtomicUsize, n: usize) {
    counter.fetch_add(n, Ordering::Relaxed);
}

/// Blocks and sentences slice to their text; sentences cut their paragraph at spaces.
#[test]
fn article_spans_are_code_point_slices() {
    let coverage = Coverage::default();
    run_property(512, |generated| {
        let article = Article::parse(&generated.source).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_article(&article)?;
        count(&coverage.cases, 1);
        count(&coverage.crlf, usize::from(generated.source.contains("\r\n")));
        count(&coverage.non_ascii, usize::from(!article.text.is_ascii()));
        Ok(())
    });
    let n = |c: &AtomicUsize| c.load(Ordering::Relaxed);
    eprintln!(
        "article spans: {} cases, {} with CRLF, {} with non-ASCII text",
        n(&coverage.cases),
        n(&coverage.crlf),
        n(&coverage.non_ascii)
    );
    assert!(n(&coverage.crlf) > 0 && n(&coverage.non_ascii) > 0);
}

/// Evidence, mentions and every span of the graph slice to their text, and
/// the graph survives export and parsing back in every format.
#[test]
fn pipeline_spans_hold_and_exports_round_trip() {
    let coverage = Coverage::default();
    run_property(256, |generated| {
        let article = Article::parse(&generated.source).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let excerpts = excerpt_spans(&article, &generated.excerpts);

        // Without a span, an excerpt is found where it was cut, or refused as
        // ambiguous with that place among those listed.
        for span in &excerpts {
            match Annotations::parse(&annotations(&article, &[*span], false), &article) {
                Ok(found) => {
                    let evidence = &found.claims[0].evidence;
                    prop_assert_eq!(evidence.span, *span);
                    prop_assert_eq!(&evidence.text, &chars(&article.text, *span));
                    count(&coverage.unique, 1);
                }
                Err(error) => match error.kind {
                    AnnotationErrorKind::EvidenceAmbiguous { positions, .. } => {
                        let place = format!("[{}, {}]", span.begin, span.end);
                        prop_assert!(positions.contains(&place) || positions.contains("more"), "{}", positions);
                        count(&coverage.ambiguous, 1);
                    }
                    other => prop_assert!(false, "excerpt {:?}: {}", chars(&article.text, *span), other),
                },
            }
        }

        // With spans, every excerpt is located exactly where it was cut.
        let file = annotations(&article, &excerpts, true);
        let source = Source { annotations: file, article: generated.source.clone(), ..Source::bundled() };
        let conversion = convert(&source, newskg::DEFAULT_BASE).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (claim, span) in conversion.annotations.claims.iter().zip(&excerpts) {
            prop_assert_eq!(claim.evidence.span, *span);
            prop_assert_eq!(&claim.evidence.text, &chars(&conversion.article.text, *span));
        }
        for mention in &conversion.mentions {
            let name = &conversion.annotations.entities[&mention.entity].name;
            prop_assert_eq!(&chars(&conversion.article.text, mention.span), name);
        }
        let expected_mentions: usize = NAMES
            .iter()
            .map(|n| {
                conversion
                    .article
                    .paragraphs()
                    .map(|(_, b)| conversion.article.slice(b.span).matches(n).count())
                    .sum::<usize>()
            })
            .sum();
        prop_assert_eq!(conversion.mentions.len(), expected_mentions);
        count(&coverage.mentions, expected_mentions);

        let graph = &conversion.graph;
        let spans = check_graph_spans(graph)?;
        // A span node is named by its offsets: an excerpt that is a whole sentence is that sentence.
        prop_assert!(spans >= conversion.article.sentences.len());
        count(&coverage.graph_spans, spans);
        check_round_trips(graph)?;
        count(&coverage.cases, 1);
        Ok(())
    });
    let n = |c: &AtomicUsize| c.load(Ordering::Relaxed);
    eprintln!(
        "pipeline: {} cases, {} unique and {} ambiguous excerpts, {} mentions, {} graph spans checked, 5 formats each",
        n(&coverage.cases),
        n(&coverage.unique),
        n(&coverage.ambiguous),
        n(&coverage.mentions),
        n(&coverage.graph_spans)
    );
    assert!(n(&coverage.ambiguous) > 0 && n(&coverage.unique) > 0 && n(&coverage.mentions) > 0);
}
