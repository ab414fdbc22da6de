//! The check stage: compares what [`crate::extract`] finds in an article with
//! the truth about it, and scores it.
//!
//! It takes an article and its truth — the curated `annotations.toml`, or a
//! test fixture's hand-written `expected.toml` (entities, quotations with
//! their speaker or none, dates) — runs the extractor twice, once with the
//! truth's entities known (as when they are already in the store) and once
//! on the text as unseen (what `newskg draft` proposes), and hands on a
//! [`Report`]: agreements and disagreements (missed quotations, wrong
//! speakers, unknown mentions, wrong dates) and precision and recall for
//! quotations, speakers, mentions and dates.
//!
//! A speaker is right when it names the true speaker's entity: the same id
//! when the entities are known, else through the mention it points at. Dates
//! from a curated file are the times of its events and posts whose evidence
//! holds a date expression; a date found outside such evidence is listed as
//! not judged.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::annotation::{Annotations, EntityType, EventTime, TimeValue};
use crate::article::{Article, BlockKind, MONTHS, Span};
use crate::convert::{ANNOTATIONS_FILE, ARTICLE_FILE, BUNDLED_ID, ConvertError, Source};
use crate::extract::{Extraction, Known, Reference, TimeExpr, extract};
use crate::mentions::Mention;

/// File name of a test fixture's expected results, used when an article
/// directory has no `annotations.toml`.
pub const EXPECTED_FILE: &str = "expected.toml";

/// Why an article could not be checked; every variant names its file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// A file could not be read (missing, too large, not UTF-8), or the
    /// article, its annotations or their names are malformed: the errors
    /// `newskg build` gives for the same files.
    #[error(transparent)]
    Convert(#[from] ConvertError),
    /// The directory holds neither annotations nor expected results.
    #[error("{}: no {ANNOTATIONS_FILE} or {EXPECTED_FILE} to check against", dir.display())]
    NoTruth {
        /// The directory.
        dir: PathBuf,
    },
    /// The expected-results file is malformed.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Expected {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A quotation as the truth gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthQuotation {
    /// The quoted words.
    pub text: Span,
    /// The speaker's entity id; `None` when the quotation has no speaker.
    pub speaker: Option<String>,
}

/// A date as the truth gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthDate {
    /// The expression (expected results) or the evidence of the dated item (curated).
    pub span: Span,
    /// Its value.
    pub value: TimeExpr,
    /// What it dates, for messages.
    pub label: String,
}

/// The truth about an article.
#[derive(Debug, Clone)]
pub struct Truth {
    /// Its entities.
    pub known: Known,
    /// Every quotation.
    pub quotations: Vec<TruthQuotation>,
    /// Dates.
    pub dates: Vec<TruthDate>,
    /// Whether `dates` lists every date expression (expected results) or only
    /// those of dated items (curated annotations).
    pub dates_exhaustive: bool,
    /// Every mention of its entities.
    pub mentions: Vec<Mention>,
}

/// An article with its truth, ready to check.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The article's name (its directory's).
    pub name: String,
    /// The article.
    pub article: Article,
    /// The truth.
    pub truth: Truth,
    /// The file the truth comes from.
    pub truth_path: PathBuf,
}

/// The bundled article and its curated annotations.
pub fn bundled() -> Result<Subject, CheckError> {
    let source = Source::bundled();
    let article = parse_article(&source.article_path, &source.article)?;
    let truth = from_annotations(&source.annotations_path, &source.annotations, &article)?;
    Ok(Subject { name: BUNDLED_ID.to_owned(), article, truth, truth_path: source.annotations_path })
}

/// An article directory: `article.md` with `annotations.toml` or, failing
/// that, `expected.toml`.
pub fn load(dir: &Path) -> Result<Subject, CheckError> {
    let read = |path: &Path| crate::convert::read_text(path).map_err(CheckError::from);
    let article_path = dir.join(ARTICLE_FILE);
    let article = parse_article(&article_path, &read(&article_path)?)?;
    let annotations = dir.join(ANNOTATIONS_FILE);
    let expected = dir.join(EXPECTED_FILE);
    let (truth, truth_path) = if annotations.is_file() {
        (from_annotations(&annotations, &read(&annotations)?, &article)?, annotations)
    } else if expected.is_file() {
        (from_expected(&expected, &read(&expected)?, &article)?, expected)
    } else {
        return Err(CheckError::NoTruth { dir: dir.to_owned() });
    };
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string());
    Ok(Subject { name, article, truth, truth_path })
}

fn parse_article(path: &Path, text: &str) -> Result<Article, CheckError> {
    Article::parse(text).map_err(|e| ConvertError::Article { path: path.to_owned(), source: e }.into())
}

fn time_expr(time: &EventTime) -> Option<TimeExpr> {
    if let Some(at) = time.at {
        Some(TimeExpr::At(at))
    } else if !time.alternatives.is_empty() {
        Some(TimeExpr::Alternatives(time.alternatives.clone()))
    } else if time.begin.is_some() || time.end.is_some() {
        Some(TimeExpr::Interval { begin: time.begin, end: time.end })
    } else {
        None
    }
}

/// Whether a text holds something a date is written with: a month, a
/// weekday, a year, or a word like "week" or "yesterday".
fn has_date_words(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "today",
        "yesterday",
        "tomorrow",
        "decade",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        WORDS.contains(&w.to_lowercase().as_str())
            || WORDS.contains(&w)
            || MONTHS.contains(&w)
            || (w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y)))
    })
}

fn from_annotations(path: &Path, text: &str, article: &Article) -> Result<Truth, CheckError> {
    let annotations =
        Annotations::parse(text, article).map_err(|e| ConvertError::Annotation { path: path.to_owned(), source: e })?;
    let known = Known::from_annotations(&annotations)
        .map_err(|e| ConvertError::Gazetteer { path: path.to_owned(), source: e })?;
    let quotations = annotations
        .quotations
        .iter()
        .map(|q| TruthQuotation { text: q.text.span, speaker: q.speaker.clone() })
        .collect();
    let mut dates = Vec::new();
    for event in &annotations.events {
        if let Some(value) = time_expr(&event.time)
            && has_date_words(&event.evidence.text)
        {
            dates.push(TruthDate { span: event.evidence.span, value, label: format!("event {}", event.id) });
        }
    }
    for post in &annotations.posts {
        if let Some(time) = post.time
            && has_date_words(&post.evidence.text)
        {
            dates.push(TruthDate {
                span: post.evidence.span,
                value: TimeExpr::At(time),
                label: format!("post {}", post.id),
            });
        }
    }
    dates.sort_by_key(|d| d.span);
    let mentions = known.mentions(article);
    Ok(Truth { known, quotations, dates, dates_exhaustive: false, mentions })
}

// --- expected.toml --------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFile {
    #[serde(default, rename = "entity")]
    entities: Vec<ExpectedEntity>,
    #[serde(default, rename = "quotation")]
    quotations: Vec<ExpectedQuotation>,
    #[serde(default, rename = "date")]
    dates: Vec<ExpectedDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedEntity {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: EntityType,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    match_name: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedQuotation {
    text: Spanned<String>,
    speaker: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedDate {
    text: Spanned<String>,
    evidence: Option<Spanned<String>>,
    value: Option<Spanned<String>>,
    #[serde(default)]
    alternatives: Vec<Spanned<String>>,
    begin: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
}

struct ExpectedReader<'a> {
    path: &'a Path,
    source: &'a str,
    article: &'a Article,
}

impl ExpectedReader<'_> {
    fn error(&self, range: Range<usize>, message: String) -> CheckError {
        let before = &self.source[..self.source.floor_char_boundary(range.start.min(self.source.len()))];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        CheckError::Expected { path: self.path.to_owned(), line, column, message }
    }

    /// The one occurrence of `text`, inside the one occurrence of `within` if given.
    fn locate(&self, text: &Spanned<String>, within: Option<&Spanned<String>>) -> Result<Span, CheckError> {
        let all = |needle: &str| -> Vec<Span> {
            self.article
                .text
                .match_indices(needle)
                .map(|(b, m)| {
                    let begin = self.article.char_offset(b);
                    Span { begin, end: begin + m.chars().count() }
                })
                .collect()
        };
        let region = match within {
            Some(w) => match all(w.get_ref()).as_slice() {
                [one] => Some(*one),
                found => {
                    return Err(self.error(
                        w.span(),
                        format!("evidence occurs {} times in the article; it must occur once", found.len()),
                    ));
                }
            },
            None => None,
        };
        let found: Vec<Span> =
            all(text.get_ref()).into_iter().filter(|s| region.is_none_or(|r| r.contains(*s))).collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(self.error(
                text.span(),
                format!(
                    "{:?} occurs {} times{}; it must occur once (give `evidence` to say which)",
                    text.get_ref(),
                    found.len(),
                    if region.is_some() { " in its evidence" } else { " in the article" }
                ),
            )),
        }
    }

    fn time(&self, text: &Spanned<String>) -> Result<TimeValue, CheckError> {
        TimeValue::parse(text.get_ref())
            .ok_or_else(|| self.error(text.span(), format!("{:?} is not YYYY-MM-DD, YYYY-MM or YYYY", text.get_ref())))
    }
}

fn from_expected(path: &Path, source: &str, article: &Article) -> Result<Truth, CheckError> {
    let reader = ExpectedReader { path, source, article };
    let file: ExpectedFile =
        toml::from_str(source).map_err(|e| reader.error(e.span().unwrap_or(0..0), e.message().to_owned()))?;
    let mut known = Known::default();
    let mut ids = BTreeSet::new();
    for e in &file.entities {
        if !ids.insert(e.id.get_ref().clone()) {
            return Err(reader.error(e.id.span(), format!("duplicate entity id `{}`", e.id.get_ref())));
        }
        let match_name = e.match_name.unwrap_or(e.kind.named());
        let names: Vec<String> = std::iter::once(&e.name).filter(|_| match_name).chain(&e.aliases).cloned().collect();
        known
            .insert(e.id.get_ref(), e.kind, &e.name, &names, &e.roles)
            .map_err(|source| ConvertError::Gazetteer { path: path.to_owned(), source })?;
    }
    let mut quotations = Vec::new();
    for q in &file.quotations {
        let speaker = match &q.speaker {
            Some(s) if !ids.contains(s.get_ref()) => {
                return Err(reader.error(s.span(), format!("unknown entity id `{}`", s.get_ref())));
            }
            Some(s) => Some(s.get_ref().clone()),
            None => None,
        };
        quotations.push(TruthQuotation { text: reader.locate(&q.text, q.evidence.as_ref())?, speaker });
    }
    let mut dates = Vec::new();
    for d in &file.dates {
        let span = reader.locate(&d.text, d.evidence.as_ref())?;
        let value = match (&d.value, d.alternatives.as_slice(), &d.begin, &d.end) {
            (Some(v), [], None, None) => TimeExpr::At(reader.time(v)?),
            (None, alternatives @ [_, ..], None, None) => {
                TimeExpr::Alternatives(alternatives.iter().map(|t| reader.time(t)).collect::<Result<_, _>>()?)
            }
            (None, [], begin, end) if begin.is_some() || end.is_some() => TimeExpr::Interval {
                begin: begin.as_ref().map(|t| reader.time(t)).transpose()?,
                end: end.as_ref().map(|t| reader.time(t)).transpose()?,
            },
            _ => {
                return Err(reader
                    .error(d.text.span(), "a date needs one of `value`, `alternatives`, or `begin`/`end`".to_owned()));
            }
        };
        dates.push(TruthDate { span, value, label: format!("{:?}", d.text.get_ref()) });
    }
    let mentions = known.mentions(article);
    Ok(Truth { known, quotations, dates, dates_exhaustive: true, mentions })
}

// --- Scores --------------------------------------------------------------------

/// Precision and recall counts for one kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Items found that are right.
    pub correct: usize,
    /// Items found (and judged).
    pub found: usize,
    /// True items found.
    pub recalled: usize,
    /// True items.
    pub expected: usize,
}

impl Score {
    /// Right items among those found; `None` when nothing was found.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.correct, self.found)
    }

    /// True items found among all true items; `None` when there are none.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.recalled, self.expected)
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The scores of one run of the extractor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Quotations found (by their text).
    pub quotations: Score,
    /// Speakers of the quotations found: precision over speakers given,
    /// recall over quotations that have one.
    pub speakers: Score,
    /// Mentions (by their span; by span and entity when entities are known).
    pub mentions: Score,
    /// Dates (by place and value).
    pub dates: Score,
}

/// How the extractor was run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// With the truth's entities known.
    Known,
    /// On the text as unseen, with no entities known.
    Unseen,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Known => "with the entities known (as when they are in the store)",
            Self::Unseen => "as unseen text (no entities known; what `newskg draft` proposes)",
        })
    }
}

/// An agreement or disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `ok`, `missed`, `extra`, `wrong`, `no speaker`, `unknown`, `not judged`.
    pub verdict: &'static str,
    /// `quotation`, `mention` or `date`.
    pub item: &'static str,
    /// What it is about.
    pub text: String,
}

/// The result of one run.
#[derive(Debug, Clone)]
pub struct Section {
    /// How the extractor was run.
    pub mode: Mode,
    /// The scores.
    pub scores: Scores,
    /// Agreements and disagreements, by item.
    pub findings: Vec<Finding>,
}

/// The result of checking an article.
#[derive(Debug, Clone)]
pub struct Report {
    /// The article's name.
    pub name: String,
    /// Where the truth comes from.
    pub truth_path: PathBuf,
    /// With entities known, then unseen.
    pub sections: Vec<Section>,
}

/// Runs the extractor on the subject, with its entities known and as unseen
/// text, and compares both runs with the truth.
pub fn check(subject: &Subject) -> Report {
    let sections = [Mode::Known, Mode::Unseen]
        .into_iter()
        .map(|mode| {
            let known = match mode {
                Mode::Known => subject.truth.known.clone(),
                Mode::Unseen => Known::default(),
            };
            let extraction = extract(&subject.article, &known);
            compare(&subject.article, &subject.truth, &extraction, mode)
        })
        .collect();
    Report { name: subject.name.clone(), truth_path: subject.truth_path.clone(), sections }
}

fn quoted(article: &Article, span: Span) -> String {
    let text = article.slice(span);
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() { format!("\"{short}…\"") } else { format!("{text:?}") }
}

/// Compares one extraction with the truth.
pub fn compare(article: &Article, truth: &Truth, extraction: &Extraction, mode: Mode) -> Section {
    let mut findings = Vec::new();
    let mut scores = Scores::default();
    let mut note =
        |verdict: &'static str, item: &'static str, text: String| findings.push(Finding { verdict, item, text });

    // Quotations and speakers.
    let truth_quotes: BTreeMap<Span, &TruthQuotation> = truth.quotations.iter().map(|q| (q.text, q)).collect();
    scores.quotations.expected = truth.quotations.len();
    scores.speakers.expected = truth.quotations.iter().filter(|q| q.speaker.is_some()).count();
    for found in &extraction.quotations {
        scores.quotations.found += 1;
        let text = quoted(article, found.text);
        let Some(expected) = truth_quotes.get(&found.text) else {
            let who = found.speaker.as_ref().map(|s| format!(" (speaker {})", s.entity)).unwrap_or_default();
            note("extra", "quotation", format!("{text}{who}: not a quotation of the truth"));
            continue;
        };
        scores.quotations.correct += 1;
        scores.quotations.recalled += 1;
        match (&found.speaker, &expected.speaker) {
            (Some(speaker), want) => {
                scores.speakers.found += 1;
                let got = speaker_entity(truth, speaker, mode);
                if got.is_some() && got.as_deref() == want.as_deref() {
                    scores.speakers.correct += 1;
                    scores.speakers.recalled += 1;
                    note("ok", "quotation", format!("{text} — {} ({})", speaker.entity, speaker.cue));
                } else {
                    let want = want.as_deref().unwrap_or("no speaker");
                    let got = got.unwrap_or_else(|| format!("{} (not an entity of the truth)", speaker.entity));
                    note(
                        "wrong",
                        "quotation",
                        format!("{text}: speaker {got}, the truth says {want} ({})", speaker.cue),
                    );
                }
            }
            (None, Some(want)) => {
                note("no speaker", "quotation", format!("{text}: the truth says {want} ({})", found.cue))
            }
            (None, None) => note("ok", "quotation", format!("{text} — no speaker, as the truth says ({})", found.cue)),
        }
    }
    let found_quotes: BTreeSet<Span> = extraction.quotations.iter().map(|q| q.text).collect();
    for expected in &truth.quotations {
        if !found_quotes.contains(&expected.text) {
            let who = expected.speaker.as_deref().unwrap_or("no speaker");
            note("missed", "quotation", format!("{} ({who})", quoted(article, expected.text)));
        }
    }

    // Mentions.
    let by_span: BTreeMap<Span, BTreeSet<&str>> = truth.mentions.iter().fold(BTreeMap::new(), |mut map, m| {
        map.entry(m.span).or_default().insert(m.entity.as_str());
        map
    });
    let right = |m: &Mention| match mode {
        Mode::Known => by_span.get(&m.span).is_some_and(|e| e.contains(m.entity.as_str())),
        Mode::Unseen => by_span.contains_key(&m.span),
    };
    scores.mentions.found = extraction.mentions.len();
    scores.mentions.correct = extraction.mentions.iter().filter(|m| right(m)).count();
    let found_spans: BTreeSet<(Span, &str)> = extraction.mentions.iter().map(|m| (m.span, m.entity.as_str())).collect();
    let found_any: BTreeSet<Span> = extraction.mentions.iter().map(|m| m.span).collect();
    scores.mentions.expected = truth.mentions.len();
    let recalled = |m: &Mention| match mode {
        Mode::Known => found_spans.contains(&(m.span, m.entity.as_str())),
        Mode::Unseen => found_any.contains(&m.span),
    };
    scores.mentions.recalled = truth.mentions.iter().filter(|m| recalled(m)).count();
    let mut missed: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for m in truth.mentions.iter().filter(|m| !recalled(m)) {
        *missed.entry((article.slice(m.span).to_owned(), m.entity.as_str())).or_default() += 1;
    }
    for ((text, entity), n) in missed {
        note("missed", "mention", format!("{text:?} ×{n} ({entity})"));
    }
    let mut unknown: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for m in extraction.mentions.iter().filter(|m| !right(m)) {
        *unknown.entry((article.slice(m.span).to_owned(), m.entity.as_str())).or_default() += 1;
    }
    for ((text, entity), n) in unknown {
        note("unknown", "mention", format!("{text:?} ×{n} (as {entity})"));
    }
    if scores.mentions.correct > 0 {
        note("ok", "mention", format!("{} mentions as the truth has them", scores.mentions.correct));
    }

    // Dates.
    let in_text = |span: Span| {
        article.blocks.iter().any(|b| b.span.contains(span) && matches!(b.kind, BlockKind::Body | BlockKind::Caption))
    };
    scores.dates.expected = truth.dates.len();
    let mut recalled_dates = BTreeSet::new();
    for time in extraction.times.iter().filter(|t| in_text(t.span)) {
        let text = format!("{:?} = {}", article.slice(time.span), time.value);
        let places: Vec<(usize, &TruthDate)> = truth
            .dates
            .iter()
            .enumerate()
            .filter(
                |(_, d)| if truth.dates_exhaustive { d.span.overlaps(time.span) } else { d.span.contains(time.span) },
            )
            .collect();
        if places.is_empty() {
            if truth.dates_exhaustive {
                scores.dates.found += 1;
                note("extra", "date", format!("{text}: not a date of the truth"));
            } else {
                note("not judged", "date", format!("{text}: not inside a dated item's evidence"));
            }
            continue;
        }
        scores.dates.found += 1;
        match places.iter().find(|(_, d)| d.value == time.value) {
            Some((i, d)) => {
                scores.dates.correct += 1;
                recalled_dates.insert(*i);
                note("ok", "date", format!("{text} ({})", d.label));
            }
            None => {
                let want: Vec<String> = places.iter().map(|(_, d)| format!("{} ({})", d.value, d.label)).collect();
                note("wrong", "date", format!("{text}: the truth says {}", want.join(" or ")));
            }
        }
    }
    scores.dates.recalled = recalled_dates.len();
    for (i, d) in truth.dates.iter().enumerate() {
        if !recalled_dates.contains(&i) {
            note("missed", "date", format!("{} = {} ({})", quoted(article, d.span), d.value, d.label));
        }
    }
    Section { mode, scores, findings }
}

/// The truth's entity a speaker found by the extractor stands for.
fn speaker_entity(truth: &Truth, speaker: &Reference, mode: Mode) -> Option<String> {
    if mode == Mode::Known && truth.known.contains(&speaker.entity) {
        return Some(speaker.entity.clone());
    }
    let exact: BTreeSet<&str> =
        truth.mentions.iter().filter(|m| m.span == speaker.span).map(|m| m.entity.as_str()).collect();
    let inside: BTreeSet<&str> =
        truth.mentions.iter().filter(|m| speaker.span.contains(m.span)).map(|m| m.entity.as_str()).collect();
    let candidates = if exact.is_empty() { inside } else { exact };
    match candidates.iter().collect::<Vec<_>>().as_slice() {
        [one] => Some((**one).to_owned()),
        _ => None,
    }
}

// --- Report ------------------------------------------------------------------

fn cell(score: Option<f64>, a: usize, b: usize) -> String {
    match score {
        Some(s) => format!("{s:.3} ({a}/{b})"),
        None => "—".to_owned(),
    }
}

impl Report {
    /// Writes the report: findings by run (unless `brief`), then the scores.
    pub fn write(&self, out: &mut impl Write, brief: bool) -> io::Result<()> {
        writeln!(out, "check {} against {}", self.name, self.truth_path.display())?;
        if !brief {
            for section in &self.sections {
                writeln!(out, "\n{}:", capitalise(&section.mode.to_string()))?;
                for item in ["quotation", "mention", "date"] {
                    let findings: Vec<&Finding> = section.findings.iter().filter(|f| f.item == item).collect();
                    if findings.is_empty() {
                        continue;
                    }
                    writeln!(out, "  {item}s")?;
                    for f in findings {
                        writeln!(out, "    {:<11} {}", f.verdict, f.text)?;
                    }
                }
            }
            writeln!(out)?;
        }
        self.write_scores(out)
    }

    /// Writes the table of scores of both runs.
    pub fn write_scores(&self, out: &mut impl Write) -> io::Result<()> {
        let mut lines = vec![format!("{:<12}", ""), format!("{:<12}", "")];
        for section in &self.sections {
            let title = match section.mode {
                Mode::Known => "entities known",
                Mode::Unseen => "unseen text",
            };
            lines[0].push_str(&format!("  {title:<37}"));
            lines[1].push_str(&format!("  {:<18} {:<18}", "precision", "recall"));
        }
        for (name, pick) in [
            ("quotations", (|s: &Scores| s.quotations) as fn(&Scores) -> Score),
            ("speakers", |s: &Scores| s.speakers),
            ("mentions", |s: &Scores| s.mentions),
            ("dates", |s: &Scores| s.dates),
        ] {
            let mut line = format!("{name:<12}");
            for section in &self.sections {
                let score = pick(&section.scores);
                line.push_str(&format!(
                    "  {:<18} {:<18}",
                    cell(score.precision(), score.correct, score.found),
                    cell(score.recall(), score.recalled, score.expected)
                ));
            }
            lines.push(line);
        }
        for line in lines {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// The scores of a run.
    pub fn scores(&self, mode: Mode) -> Option<Scores> {
        self.sections.iter().find(|s| s.mode == mode).map(|s| s.scores)
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_words() {
        let table = [
            ("in Seoul on Wednesday.", true),
            ("since 2002", true),
            ("Tension increased on the peninsula last year", true),
            ("then-President Vladimir Putin", false),
            ("two attacks killed 50 South Koreans", false),
            ("on June 30 or July 1", true),
        ];
        for (text, expected) in table {
            assert_eq!(has_date_words(text), expected, "{text}");
        }
    }

    #[test]
    fn expected_file_errors_name_their_place() {
        let article = Article::parse("# T\n\nJune 29, 2011\n\n\"Go,\" Ana Lee said. Ana Lee left on Monday.").unwrap();
        let table: &[(&str, usize, &str)] = &[
            ("[[quotation]]\ntext = \"Stay\"\n", 2, "occurs 0 times"),
            ("[[quotation]]\ntext = \"Go,\"\nspeaker = \"ana\"\n", 3, "unknown entity id `ana`"),
            ("[[date]]\ntext = \"Monday\"\n", 2, "needs one of"),
            ("[[date]]\ntext = \"Monday\"\nvalue = \"June 27\"\n", 3, "not YYYY-MM-DD"),
            ("[[entity]]\nid = \"a\"\ntype = \"Person\"\nname = \"Ana Lee\"\ncolour = 1\n", 5, "unknown field"),
        ];
        for (source, line, fragment) in table {
            let error = from_expected(Path::new("expected.toml"), source, &article).unwrap_err();
            let message = error.to_string();
            assert!(message.contains(&format!("line {line},")), "{message}");
            assert!(message.contains(fragment), "{message}");
        }
    }
}
