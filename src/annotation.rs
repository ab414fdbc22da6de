//! The annotation stage: reads the curated annotation file (TOML) of an
//! article and resolves it against the article's text.
//!
//! It takes the file's text and a parsed [`Article`], and hands on
//! [`Annotations`]: entities, posts, events, quotations, claims, statements and
//! quantities whose references are checked and whose evidence excerpts are
//! located in the article, each with code-point offsets. Every error names the
//! file's line and column: an excerpt not in the article (with the closest
//! passage), an ambiguous excerpt, an unknown or duplicate id, a wrong type, a
//! malformed Wikidata id or date.
//!
//! `file` holds the format as serde reads it, `model` the resolved form handed
//! to the mapping stage and `error` the errors; this module resolves the one
//! into the other.

mod error;
mod file;
mod model;

pub use error::*;
pub use file::*;
pub use model::*;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use toml::Spanned;

use crate::article::{Article, Span};

use error::line_column;

impl Annotations {
    /// Parses an annotation file and resolves it against its article.
    pub fn parse(source: &str, article: &Article) -> Result<Self, AnnotationError> {
        let file: AnnotationFile = toml::from_str(source).map_err(|e| {
            let (line, column) = line_column(source, e.span().map_or(0, |s| s.start));
            AnnotationError { line, column, kind: AnnotationErrorKind::Syntax(e.message().trim().to_owned()) }
        })?;
        Resolver::new(source, article).resolve(file)
    }
}

/// The kind of thing an id names, for reference checks and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Entity,
    Post,
    Event,
    Quotation,
    Claim,
    Quantity,
}

struct Resolver<'a> {
    source: &'a str,
    article: &'a Article,
    folded: Folded,
    ids: BTreeMap<String, (IdKind, usize)>,
}

impl<'a> Resolver<'a> {
    fn new(source: &'a str, article: &'a Article) -> Self {
        Self { source, article, folded: Folded::new(&article.text), ids: BTreeMap::new() }
    }

    fn error(&self, span: Range<usize>, kind: AnnotationErrorKind) -> AnnotationError {
        let (line, column) = line_column(self.source, span.start);
        AnnotationError { line, column, kind }
    }

    fn declare(&mut self, id: &Spanned<String>, kind: IdKind) -> Result<String, AnnotationError> {
        let value = id.get_ref();
        let valid = value.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(self.error(id.span(), AnnotationErrorKind::BadId(value.clone())));
        }
        let line = line_column(self.source, id.span().start).0;
        if let Some((_, first_line)) = self.ids.get(value) {
            return Err(
                self.error(id.span(), AnnotationErrorKind::DuplicateId { id: value.clone(), first_line: *first_line })
            );
        }
        self.ids.insert(value.clone(), (kind, line));
        Ok(value.clone())
    }

    fn reference(
        &self,
        id: &Spanned<String>,
        allowed: &[IdKind],
        expected: &'static str,
    ) -> Result<String, AnnotationError> {
        match self.ids.get(id.get_ref()) {
            Some((kind, _)) if allowed.contains(kind) => Ok(id.get_ref().clone()),
            _ => {
                let candidates = self.ids.iter().filter(|(_, (k, _))| allowed.contains(k)).map(|(id, _)| id.as_str());
                let suggestion = crate::suggest(id.get_ref(), candidates)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                Err(self.error(
                    id.span(),
                    AnnotationErrorKind::UnknownId { id: id.get_ref().clone(), expected, suggestion },
                ))
            }
        }
    }

    fn entity(&self, id: &Spanned<String>) -> Result<String, AnnotationError> {
        self.reference(id, &[IdKind::Entity], "entity")
    }

    /// An entity that may act or be related to others: anything but a document.
    fn agent(
        &self,
        id: &Spanned<String>,
        entities: &BTreeMap<String, Entity>,
        role: &'static str,
    ) -> Result<String, AnnotationError> {
        let id_text = self.entity(id)?;
        if entities.get(&id_text).is_some_and(|e| e.kind.is_document()) {
            return Err(self.error(id.span(), AnnotationErrorKind::DocumentNotAgent { id: id_text, role }));
        }
        Ok(id_text)
    }

    fn time(&self, text: &Spanned<String>) -> Result<TimeValue, AnnotationError> {
        TimeValue::parse(text.get_ref())
            .ok_or_else(|| self.error(text.span(), AnnotationErrorKind::BadTime(text.get_ref().clone())))
    }

    fn evidence(&self, excerpt: &Excerpt) -> Result<Evidence, AnnotationError> {
        let wanted = fold_whitespace(excerpt.text.get_ref());
        if wanted.is_empty() {
            return Err(self.error(excerpt.text.span(), AnnotationErrorKind::Empty("evidence")));
        }
        let spans = self.folded.find_all(&wanted);
        let located = |span: Span| Evidence { span, text: self.article.slice(span).to_owned() };
        if let Some(offsets) = &excerpt.offsets {
            let given = self.offsets(offsets)?;
            if spans.contains(&given) {
                return Ok(located(given));
            }
            // An excerpt that is nowhere is reported as such below, with the closest passage.
            if !spans.is_empty() {
                return Err(self.error(
                    offsets.span(),
                    AnnotationErrorKind::SpanMismatch {
                        span: given,
                        found: preview(self.article.slice(given)),
                        places: places(&spans),
                    },
                ));
            }
        }
        match spans.as_slice() {
            [span] => Ok(located(*span)),
            [] => Err(self.error(
                excerpt.text.span(),
                AnnotationErrorKind::EvidenceNotFound {
                    excerpt: wanted.clone(),
                    closest: self.folded.closest(&wanted),
                },
            )),
            many => Err(self.error(
                excerpt.text.span(),
                AnnotationErrorKind::EvidenceAmbiguous { excerpt: wanted, count: many.len(), positions: places(many) },
            )),
        }
    }

    /// Checks a `span = [begin, end]` against the article text.
    fn offsets(&self, offsets: &Spanned<Vec<i64>>) -> Result<Span, AnnotationError> {
        let &[begin, end] = offsets.get_ref().as_slice() else {
            return Err(self.error(offsets.span(), AnnotationErrorKind::SpanNotTwoOffsets(offsets.get_ref().len())));
        };
        let length = self.article.len_chars();
        match (usize::try_from(begin), usize::try_from(end)) {
            (Ok(b), Ok(e)) if b < e && e <= length => Ok(Span { begin: b, end: e }),
            _ => Err(self.error(offsets.span(), AnnotationErrorKind::SpanOutOfRange { begin, end, length })),
        }
    }

    /// Refuses references that go round in a circle: a chain of an acyclic
    /// relation among statements (`a` located-in `b` located-in `a`), an entity
    /// related to itself, or claims and quantities about each other.
    fn check_cycles(
        &self,
        statements: &[StatementSpec],
        claims: &[ClaimSpec],
        quantities: &[QuantitySpec],
    ) -> Result<(), AnnotationError> {
        let mut relations: Vec<Relation> = statements.iter().map(|s| s.predicate).collect();
        relations.sort();
        relations.dedup();
        for relation in relations {
            let edges: Vec<Edge<'_>> = statements
                .iter()
                .filter(|s| s.predicate == relation)
                .filter(|s| relation.is_acyclic() || s.subject.get_ref() == s.object.get_ref())
                .map(|s| (s.subject.get_ref().as_str(), s.object.get_ref().as_str(), s.subject.span()))
                .collect();
            if let Some(cycle) = find_cycle(&edges) {
                return Err(self.cycle_error(Cycle::Statements(relation), &edges, &cycle));
            }
        }
        let claims: Vec<Edge<'_>> = claims
            .iter()
            .flat_map(|c| c.about.iter().map(move |a| (c.id.get_ref().as_str(), a.get_ref().as_str(), a.span())))
            .collect();
        if let Some(cycle) = find_cycle(&claims) {
            return Err(self.cycle_error(Cycle::ClaimsAbout, &claims, &cycle));
        }
        let quantities: Vec<Edge<'_>> = quantities
            .iter()
            .filter_map(|q| q.of.as_ref().map(|o| (q.id.get_ref().as_str(), o.get_ref().as_str(), o.span())))
            .collect();
        if let Some(cycle) = find_cycle(&quantities) {
            return Err(self.cycle_error(Cycle::QuantitiesOf, &quantities, &cycle));
        }
        Ok(())
    }

    /// The error for a cycle, placed at its edge written last in the file.
    fn cycle_error(&self, through: Cycle, edges: &[Edge<'_>], cycle: &[usize]) -> AnnotationError {
        // Go round from the edge after the one written last, so that the chain ends where the error points.
        let last = cycle.iter().enumerate().max_by_key(|(_, e)| edges[**e].2.start).map_or(0, |(i, _)| i);
        let mut cycle = cycle.to_vec();
        cycle.rotate_left(last + 1);
        let mut chain = format!("`{}`", edges[cycle[0]].0);
        for &edge in &cycle {
            let _ = write!(chain, " {} `{}`", through.reference(), edges[edge].1);
        }
        let mut lines: Vec<usize> = cycle.iter().map(|&e| line_column(self.source, edges[e].2.start).0).collect();
        lines.sort_unstable();
        lines.dedup();
        let lines = match lines.as_slice() {
            [one] => format!("line {one}"),
            many => format!("lines {}", many.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        };
        let place = cycle.last().map(|&e| edges[e].2.clone()).unwrap_or_default();
        self.error(place, AnnotationErrorKind::ReferenceCycle { through, chain, lines })
    }

    fn resolve(mut self, file: AnnotationFile) -> Result<Annotations, AnnotationError> {
        // Declare every id first, so that references may point forwards.
        for e in &file.entities {
            self.declare(&e.id, IdKind::Entity)?;
        }
        for p in &file.posts {
            self.declare(&p.id, IdKind::Post)?;
        }
        for e in &file.events {
            self.declare(&e.id, IdKind::Event)?;
        }
        for q in &file.quotations {
            self.declare(&q.id, IdKind::Quotation)?;
        }
        for c in &file.claims {
            self.declare(&c.id, IdKind::Claim)?;
        }
        for q in &file.quantities {
            self.declare(&q.id, IdKind::Quantity)?;
        }

        let meta = &file.article;
        let language = match &meta.language {
            Some(tag) if let Err(e) = crate::language::check(tag.get_ref()) => {
                return Err(self.error(tag.span(), AnnotationErrorKind::BadLanguage(e)));
            }
            Some(tag) => tag.get_ref().clone(),
            None => "en".to_owned(),
        };
        let article_id = match &meta.id {
            Some(id) => {
                let value = id.get_ref();
                if !is_valid_id(value) {
                    return Err(self.error(id.span(), AnnotationErrorKind::BadId(value.clone())));
                }
                Some(value.clone())
            }
            None => None,
        };

        let mut entities = BTreeMap::new();
        for e in file.entities {
            if e.name.trim().is_empty() {
                return Err(self.error(e.id.span(), AnnotationErrorKind::Empty("entity name")));
            }
            let wikidata = match &e.wikidata {
                Some(q) => {
                    let value = q.get_ref();
                    let valid = value.len() > 1
                        && value.starts_with('Q')
                        && value[1..].bytes().all(|b| b.is_ascii_digit())
                        && !value[1..].starts_with('0');
                    if !valid {
                        return Err(self.error(q.span(), AnnotationErrorKind::BadWikidata(value.clone())));
                    }
                    Some(value.clone())
                }
                None => None,
            };
            let id = e.id.into_inner();
            entities.insert(
                id.clone(),
                Entity {
                    id,
                    kind: e.kind,
                    name: e.name,
                    aliases: e.aliases,
                    roles: e.roles,
                    match_name: e.match_name.unwrap_or(e.kind.named()),
                    wikidata,
                    description: e.description,
                },
            );
        }

        let posts = file
            .posts
            .iter()
            .map(|p| {
                Ok(Post {
                    id: p.id.get_ref().clone(),
                    label: p.label.clone(),
                    holder: self.entity(&p.holder)?,
                    organization: p.organization.as_ref().map(|o| self.entity(o)).transpose()?,
                    time: p.time.as_ref().map(|t| self.time(t)).transpose()?,
                    evidence: self.evidence(&p.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let events = file
            .events
            .iter()
            .map(|e| {
                Ok(Event {
                    id: e.id.get_ref().clone(),
                    label: e.label.clone(),
                    status: e.status,
                    participants: e.participants.iter().map(|p| self.entity(p)).collect::<Result<_, _>>()?,
                    place: e.place.as_ref().map(|p| self.entity(p)).transpose()?,
                    time: EventTime {
                        at: e.time.as_ref().map(|t| self.time(t)).transpose()?,
                        alternatives: e.alternative_times.iter().map(|t| self.time(t)).collect::<Result<_, _>>()?,
                        begin: e.begin.as_ref().map(|t| self.time(t)).transpose()?,
                        end: e.end.as_ref().map(|t| self.time(t)).transpose()?,
                    },
                    certainty: e.certainty,
                    polarity: e.polarity,
                    evidence: self.evidence(&e.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let quotations = file
            .quotations
            .iter()
            .map(|q| {
                let evidence = self.evidence(&q.evidence)?;
                let wanted = fold_whitespace(q.text.get_ref());
                if wanted.is_empty() {
                    return Err(self.error(q.text.span(), AnnotationErrorKind::Empty("quotation text")));
                }
                let inside: Vec<Span> =
                    self.folded.find_all(&wanted).into_iter().filter(|s| evidence.span.contains(*s)).collect();
                let [span] = inside.as_slice() else {
                    return Err(self.error(q.text.span(), AnnotationErrorKind::QuotationOutsideEvidence(wanted)));
                };
                Ok(Quotation {
                    id: q.id.get_ref().clone(),
                    text: Evidence { span: *span, text: self.article.slice(*span).to_owned() },
                    speaker: Some(self.entity(&q.speaker)?),
                    manner: q.manner.clone(),
                    addressee: q.addressee.as_ref().map(|a| self.entity(a)).transpose()?,
                    evidence,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let anything =
            [IdKind::Entity, IdKind::Event, IdKind::Post, IdKind::Quotation, IdKind::Claim, IdKind::Quantity];
        let claims = file
            .claims
            .iter()
            .map(|c| {
                if c.text.trim().is_empty() {
                    return Err(self.error(c.id.span(), AnnotationErrorKind::Empty("claim text")));
                }
                Ok(Claim {
                    id: c.id.get_ref().clone(),
                    text: c.text.clone(),
                    source: self.agent(&c.source, &entities, "a claim's source")?,
                    cited: c.cited.as_ref().map(|s| self.agent(s, &entities, "a claim's cited source")).transpose()?,
                    certainty: c.certainty,
                    polarity: c.polarity,
                    about: c
                        .about
                        .iter()
                        .map(|a| self.reference(a, &anything, "entity or event"))
                        .collect::<Result<_, _>>()?,
                    evidence: self.evidence(&c.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let statements = file
            .statements
            .iter()
            .map(|s| {
                Ok(Statement {
                    subject: self.agent(&s.subject, &entities, "a statement's subject")?,
                    predicate: s.predicate,
                    object: self.agent(&s.object, &entities, "a statement's object")?,
                    evidence: self.evidence(&s.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let quantities = file
            .quantities
            .iter()
            .map(|q| {
                Ok(Quantity {
                    id: q.id.get_ref().clone(),
                    value: q.value,
                    unit: q.unit.clone(),
                    of: q.of.as_ref().map(|o| self.reference(o, &anything, "entity or event")).transpose()?,
                    from: q.from.as_ref().map(|f| self.entity(f)).transpose()?,
                    evidence: self.evidence(&q.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        self.check_cycles(&file.statements, &file.claims, &file.quantities)?;

        Ok(Annotations {
            article_id,
            language,
            publisher: meta.publisher.as_ref().map(|p| self.entity(p)).transpose()?,
            photographer: meta.photographer.as_ref().map(|p| self.entity(p)).transpose()?,
            photo_depicts: meta.photo_depicts.iter().map(|p| self.entity(p)).collect::<Result<_, _>>()?,
            entities,
            posts,
            events,
            quotations,
            claims,
            statements,
            quantities,
            times: Vec::new(),
            automatic: None,
        })
    }
}

/// Whether an id may be used as an IRI segment.
pub fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A reference from one id to another, with the place of the reference in
/// the file.
type Edge<'a> = (&'a str, &'a str, Range<usize>);

/// The first cycle among the edges, as edge indices in the order they go
/// round, found by an iterative depth-first search (a long chain in a large
/// file must not overflow the stack).
fn find_cycle(edges: &[Edge<'_>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        OnPath,
        Done,
    }
    let mut outgoing: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, (from, _, _)) in edges.iter().enumerate() {
        outgoing.entry(from).or_default().push(index);
    }
    let mut state: BTreeMap<&str, State> = BTreeMap::new();
    for &(start, _, _) in edges {
        if state.contains_key(start) {
            continue;
        }
        state.insert(start, State::OnPath);
        // The nodes on the current path, each with its next edge to follow;
        // `path[i]` is the edge from `stack[i]` to `stack[i + 1]`.
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        let mut path: Vec<usize> = Vec::new();
        while let Some(&(node, next)) = stack.last() {
            let Some(&edge) = outgoing.get(node).and_then(|o| o.get(next)) else {
                state.insert(node, State::Done);
                stack.pop();
                path.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            let target = edges[edge].1;
            match state.get(target) {
                Some(State::OnPath) => {
                    let at = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut cycle = path[at..].to_vec();
                    cycle.push(edge);
                    return Some(cycle);
                }
                Some(State::Done) => {}
                None => {
                    state.insert(target, State::OnPath);
                    stack.push((target, 0));
                    path.push(edge);
                }
            }
        }
    }
    None
}

/// Spans as `[b, e], [b, e]`, the first ten of them.
fn places(spans: &[Span]) -> String {
    let mut text = spans.iter().take(10).map(|s| format!("[{}, {}]", s.begin, s.end)).collect::<Vec<_>>().join(", ");
    if spans.len() > 10 {
        let _ = write!(text, " and {} more", spans.len() - 10);
    }
    text
}

/// The start of a text, for messages.
fn preview(text: &str) -> String {
    let mut preview: String = text.chars().take(60).collect();
    if preview.len() < text.len() {
        preview.push('…');
    }
    preview
}

fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article's text with runs of whitespace folded to one space, and the
/// code-point offset in the original text of every folded code point.
struct Folded {
    text: String,
    /// Code-point offset in the article of each byte start of `text`.
    original: BTreeMap<usize, usize>,
    /// Code-point offset in the article just past the end.
    end: usize,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut original = BTreeMap::new();
        let mut in_space = false;
        let mut count = 0;
        for (offset, c) in text.chars().enumerate() {
            count = offset + 1;
            if c.is_whitespace() {
                if in_space {
                    continue;
                }
                in_space = true;
                original.insert(folded.len(), offset);
                folded.push(' ');
            } else {
                in_space = false;
                original.insert(folded.len(), offset);
                folded.push(c);
            }
        }
        Self { text: folded, original, end: count }
    }

    fn to_original(&self, byte: usize) -> usize {
        self.original.get(&byte).copied().unwrap_or(self.end)
    }

    fn find_all(&self, needle: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(found) = self.text[from..].find(needle) {
            let start = from + found;
            let last_char = needle.chars().last().map_or(0, char::len_utf8);
            let end = self.to_original(start + needle.len() - last_char) + 1;
            spans.push(Span { begin: self.to_original(start), end });
            from = start + needle.chars().next().map_or(1, char::len_utf8);
        }
        spans
    }

    /// The passage of the text that shares the longest prefix with `needle`.
    fn closest(&self, needle: &str) -> String {
        let mut best = "";
        let cuts: Vec<usize> = needle.char_indices().map(|(i, _)| i).skip(1).chain([needle.len()]).collect();
        // The longest prefix of the needle that occurs in the text, found by bisection.
        let (mut low, mut high) = (0, cuts.len());
        while low < high {
            let mid = (low + high).div_ceil(2);
            let prefix = &needle[..cuts[mid - 1]];
            if self.text.contains(prefix) {
                best = prefix;
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        if best.is_empty() {
            return String::new();
        }
        let start = self.text.find(best).unwrap_or(0);
        self.text[start..].chars().take(needle.chars().count().max(40)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::parse("# T\n\nJune 29, 2011\n\n\"Go home,\" Anna Lee said.\n\nAnna Lee left. Anna Lee came back.")
            .unwrap()
    }

    #[test]
    fn time_values() {
        let table: &[(&str, Option<&str>)] = &[
            ("2011-06-29", Some("2011-06-29")),
            ("2011-06", Some("2011-06")),
            ("2011", Some("2011")),
            ("2011-13", None),
            ("2011-02-30", None),
            ("11-06-29", None),
            ("June 2011", None),
            ("", None),
        ];
        for (input, expected) in table {
            assert_eq!(TimeValue::parse(input).map(|t| t.to_string()).as_deref(), *expected, "{input}");
        }
    }

    #[test]
    fn evidence_is_located_after_folding_whitespace() {
        let source = "[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"Anna Lee\"\n\n[[quotation]]\nid = \"q1\"\ntext = \"Go home,\"\nspeaker = \"anna\"\nevidence = \"\\\"Go home,\\\"   Anna\\nLee said.\"\n";
        let a = article();
        let annotations = Annotations::parse(source, &a).unwrap();
        let q = &annotations.quotations[0];
        assert_eq!(a.slice(q.evidence.span), "\"Go home,\" Anna Lee said.");
        assert_eq!(a.slice(q.text.span), "Go home,");
    }

    /// A claim of `anna` whose evidence (line 9, column 12) is `evidence`.
    fn claim(evidence: &str) -> String {
        format!(
            "[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"Anna Lee\"\n\
             [[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"anna\"\nevidence = {evidence}\n"
        )
    }

    /// Entities `anna` and `lee` and one statement per triple, the statements'
    /// subjects on lines 10, 15, 20….
    fn statements(triples: &[(&str, &str, &str)]) -> String {
        let mut source = String::from(
            "[[entity]]\nid = \"anna\"\ntype = \"Place\"\nname = \"Anna\"\n\
             [[entity]]\nid = \"lee\"\ntype = \"Place\"\nname = \"Lee\"\n",
        );
        for (subject, predicate, object) in triples {
            let _ = write!(
                source,
                "[[statement]]\nsubject = \"{subject}\"\npredicate = \"{predicate}\"\nobject = \"{object}\"\nevidence = \"Anna Lee left.\"\n"
            );
        }
        source
    }

    #[test]
    fn a_span_says_which_occurrence_is_meant() {
        let a = article();
        for (span, begin) in [("[29, 37]", 29), ("[45, 53]", 45), ("[60, 68]", 60)] {
            let source = claim(&format!("{{ text = \"Anna\\nLee\", span = {span} }}"));
            let annotations = Annotations::parse(&source, &a).unwrap();
            let evidence = &annotations.claims[0].evidence;
            assert_eq!(evidence.span, Span { begin, end: begin + 8 });
            assert_eq!(a.slice(evidence.span), "Anna Lee");
        }
        // A unique excerpt may carry its span too; it must still match.
        let unique = claim("{ text = \"Anna Lee left.\", span = [45, 59] }");
        assert_eq!(Annotations::parse(&unique, &a).unwrap().claims[0].evidence.text, "Anna Lee left.");
    }

    #[test]
    fn cycles_are_found_in_long_chains_without_recursion() {
        let n = 200_000;
        let names: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
        let mut edges: Vec<Edge<'_>> = (0..n - 1).map(|i| (names[i].as_str(), names[i + 1].as_str(), 0..0)).collect();
        assert_eq!(find_cycle(&edges), None);
        edges.push((names[n - 1].as_str(), names[0].as_str(), 0..0));
        assert_eq!(find_cycle(&edges).map(|c| c.len()), Some(n));
        let diamond = [("a", "b", 0..0), ("a", "c", 0..0), ("b", "d", 0..0), ("c", "d", 0..0)];
        assert_eq!(find_cycle(&diamond), None);
    }

    #[test]
    fn errors_name_line_and_column() {
        let entity = "[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"Anna Lee\"\n";
        let table: &[(String, usize, usize, &str)] = &[
            (
                format!("{entity}[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"X\"\n"),
                6,
                6,
                "duplicate id `anna`",
            ),
            (
                format!(
                    "{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"ana\"\nevidence = \"Anna Lee left.\"\n"
                ),
                8,
                10,
                "did you mean `anna`",
            ),
            (
                format!(
                    "{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"anna\"\nevidence = \"Anna Lee stayed.\"\n"
                ),
                9,
                12,
                "closest passage: \"Anna Lee s",
            ),
            (
                format!("{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"anna\"\nevidence = \"Anna Lee\"\n"),
                9,
                12,
                "occurs 3 times",
            ),
            ("[[entity]]\nid = \"a\"\ntype = \"Persn\"\nname = \"A\"\n".to_owned(), 3, 8, "unknown variant `Persn`"),
            (
                "[[entity]]\nid = \"a\"\ntype = \"Person\"\nname = \"A\"\nwikidata = \"X12\"\n".to_owned(),
                5,
                12,
                "not of the form Q123",
            ),
            (
                "[[entity]]\nid = \"a\"\ntype = \"Person\"\nname = \"A\"\ncolour = 1\n".to_owned(),
                5,
                1,
                "unknown field `colour`",
            ),
            (
                "[[entity]]\nid = \"memo\"\ntype = \"Document\"\nname = \"the memo\"\n\
                 [[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"memo\"\nevidence = \"Anna Lee left.\"\n"
                    .to_owned(),
                8,
                10,
                "`memo` is a Document, which cannot be a claim's source",
            ),
            ("[[entity]\n".to_owned(), 1, 10, "unclosed array table"),
            ("[article]\nlanguage = \"en_GB\"\n".to_owned(), 2, 12, "BCP 47"),
            ("[[entity]]\nid = \"Bad Id\"\ntype = \"Person\"\nname = \"A\"\n".to_owned(), 2, 6, "lower-case letters"),
            (claim("\"Anna Lee\""), 9, 12, "at [29, 37], [45, 53], [60, 68]; extend it"),
            (claim("{ text = \"Anna Lee\", span = [29, 999] }"), 9, 40, "span [29, 999] is out of range"),
            (claim("{ text = \"Anna Lee\", span = [37, 29] }"), 9, 40, "from 0 to 79, and begin must be less"),
            (claim("{ text = \"Anna Lee\", span = [-1, 8] }"), 9, 40, "span [-1, 8] is out of range"),
            (claim("{ text = \"Anna Lee\", span = [29] }"), 9, 40, "two offsets, [begin, end]; found 1"),
            (
                claim("{ text = \"Anna Lee\", span = [0, 8] }"),
                9,
                40,
                "is \"T\\n\\nJune \", not the evidence, which is at [29",
            ),
            (
                claim("{ text = \"Anna Lea\", span = [29, 37] }"),
                9,
                21,
                "evidence not found in the article: \"Anna Lea\"",
            ),
            (
                claim("{ text = \"Anna Lee\", span = [30, 38] }"),
                9,
                40,
                "not the evidence, which is at [29, 37], [45, 53], [60, 68]",
            ),
            (claim("{ text = \"Anna Lee\", at = [29, 37] }"), 9, 12, "unknown field `at`"),
            (claim("{ span = [29, 37] }"), 9, 12, "missing field `text`"),
            (claim("29"), 9, 12, "expected an excerpt of the article"),
            (claim("{ text = \"  \" }"), 9, 21, "evidence must not be empty"),
            (
                statements(&[("anna", "located-in", "lee"), ("lee", "located-in", "anna")]),
                15,
                11,
                "statements form a cycle: `anna` located-in `lee` located-in `anna` (lines 10, 15); `located-in` must not lead back",
            ),
            (statements(&[("anna", "stands-for", "lee"), ("lee", "located-in", "anna")]), 0, 0, ""),
            (
                statements(&[("anna", "ally-of", "lee"), ("lee", "ally-of", "anna"), ("lee", "ally-of", "lee")]),
                20,
                11,
                "`lee` ally-of `lee` (line 20)",
            ),
            (
                format!(
                    "{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"anna\"\nabout = [\"d\"]\nevidence = \"Anna Lee left.\"\n\
                     [[claim]]\nid = \"d\"\ntext = \"t\"\nsource = \"anna\"\nabout = [\"anna\", \"c\"]\nevidence = \"Anna Lee left.\"\n"
                ),
                15,
                18,
                "claims form a cycle: `c` about `d` about `c` (lines 9, 15)",
            ),
        ];
        for (source, line, column, fragment) in table {
            if fragment.is_empty() {
                // Different relations may go round together.
                assert!(Annotations::parse(source, &article()).is_ok(), "{source}");
                continue;
            }
            let error = Annotations::parse(source, &article()).unwrap_err();
            assert_eq!((error.line, error.column), (*line, *column), "{error}");
            assert!(error.to_string().contains(fragment), "{error} should contain {fragment:?}");
        }
    }
}
