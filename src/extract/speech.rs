//! Quotations and reported speech.
//!
//! Quotations are the spans between straight or curly quotation marks, in one
//! paragraph (an unclosed quotation runs to the paragraph's end and goes on in
//! the next one). A speaker is attributed from the quotation's own sentence in
//! the forms news prose uses — `"…," X said`, `"…," said X`, `X said: "…"`,
//! `X said (that) "…"`, `X told Y "…"`, a partial quotation inside `X said …`,
//! a trailing `…, X said.` — or, for a sentence that is nothing but a
//! quotation, from the quotation before it in the paragraph. X is resolved to
//! an entity only when that is certain: a known or candidate name, a title and
//! a name, an apposition, a description of an anonymous source, a plural group
//! ("diplomats"), `the <title>` when one person holds that title in the text,
//! or `he`/`she` when the last speaker is the only person named since. Anything
//! else leaves the quotation without a speaker: a wrong speaker is worse than none.
//!
//! Reported speech gives claims: `X said (that) CLAUSE`, `X confirmed that
//! CLAUSE`, `X say CLAUSE`, `X cited Y as saying CLAUSE`, `according to X,
//! CLAUSE`, `CLAUSE, X said`, with hedges in the clause lowering certainty.

use std::collections::{BTreeMap, BTreeSet};

use super::lexicon::{
    ABBREVIATED_TITLES, ADDRESS_VERBS, CLAIM_VERBS, GROUP_HEADS, SPEECH_VERBS, is_title, is_title_noun,
};
use super::tokens::{Kind, Token};
use super::{ExtractedClaim, ExtractedQuotation, Reference, Registry, Title};
use crate::annotation::{Certainty, EntityType, Polarity};
use crate::article::{Article, Span};
use crate::mentions::{Mention, MentionKind};

/// Words that end a noun phrase read backwards from a verb.
const BOUNDARIES: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "although", "though", "if", "as",
    "but", "or", "so", "then", "after", "before", "since", "until", "than", "whether", "what", "is", "was", "were",
    "are", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "did", "does", "do",
    "been", "be", "not", "it", "they", "we", "i", "you", "him", "them", "us", "me", "there", "also", "and", "nor",
    "being", "having", "saying", "adding", "reading", "called", "once", "however",
];

/// Leading words stripped from a noun phrase.
const LEADING: &[&str] = &["but", "and", "or", "also", "however", "meanwhile", "then", "so", "yet"];

/// Adverbs between a subject and its verb ("Smith later said").
const ADVERBS: &[&str] = &["later", "earlier", "also", "separately", "previously", "again", "then", "repeatedly"];

/// Words that open a phrase of manner after a verb ("by telephone").
const MANNER_PREPOSITIONS: &[&str] =
    &["by", "in", "on", "at", "via", "during", "over", "through", "from", "after", "while", "before"];

/// Words that stop a noun phrase read forwards from a verb.
const FORWARD_STOPS: &[&str] = &[
    "by",
    "via",
    "during",
    "through",
    "over",
    "on",
    "after",
    "before",
    "while",
    "when",
    "as",
    "because",
    "who",
    "which",
    "that",
    "and",
    "adding",
    "saying",
    "according",
    "earlier",
    "later",
    "today",
    "yesterday",
    "in",
    "at",
    "from",
    "but",
    "than",
];

/// Words between a reporting verb and a quotation that give it to someone else
/// ("the plan, which critics called "a disaster"").
const OTHER_VOICES: &[&str] = &[
    "called",
    "calls",
    "described",
    "describes",
    "dubbed",
    "termed",
    "labeled",
    "labelled",
    "branded",
    "named",
    "titled",
    "entitled",
    "read",
    "reads",
    "reading",
    "marked",
    "headlined",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "so-called",
];

/// Verbs whose object complement in quotation marks gives their subject's words.
const DESCRIBING_VERBS: &[&str] =
    &["called", "calls", "described", "describes", "dubbed", "termed", "labeled", "labelled", "branded"];

/// Auxiliaries between a subject and its verb ("Holm had described").
const AUXILIARIES: &[&str] = &["had", "has", "have", "was", "were", "is", "are", "would", "will", "could", "also"];

/// Hedges and the certainty they leave.
const HEDGES: &[(&str, Certainty)] = &[
    ("may", Certainty::Possible),
    ("might", Certainty::Possible),
    ("could", Certainty::Possible),
    ("possibly", Certainty::Possible),
    ("perhaps", Certainty::Possible),
    ("likely", Certainty::Probable),
    ("probably", Certainty::Probable),
    ("reportedly", Certainty::Probable),
    ("apparently", Certainty::Probable),
    ("allegedly", Certainty::Probable),
    ("appeared", Certainty::Probable),
    ("appears", Certainty::Probable),
    ("appear", Certainty::Probable),
    ("seemed", Certainty::Probable),
    ("seems", Certainty::Probable),
    ("believed", Certainty::Probable),
];

/// Hedges that hedge only before "to": "appeared to have", "is believed to"
/// (not "who officials believed would travel").
const HEDGES_BEFORE_TO: &[&str] = &["appeared", "appears", "appear", "seemed", "seems", "believed"];

/// A quotation before attribution.
#[derive(Debug, Clone)]
struct Quote {
    open: usize,
    close: Option<usize>,
    text: Span,
    marks: Span,
    block: usize,
    sentence: usize,
}

/// What a noun phrase refers to.
enum Np {
    Entity(Reference),
    Pronoun(Span),
    Unresolved,
}

/// A speaker found for a quotation or claim, before pronouns are resolved.
struct Attribution {
    speaker: Np,
    verb: usize,
    addressee: Option<Reference>,
    manner: Option<String>,
    cue: String,
}

/// The state of the speech pass over one article.
pub(crate) struct Speech<'a, 'r> {
    article: &'a Article,
    tokens: &'a [Token<'a>],
    mentions: &'a [Mention],
    exact: BTreeMap<Span, BTreeSet<String>>,
    titles: &'a [Title],
    in_time: Vec<bool>,
    quote_of: Vec<Option<usize>>,
    quotes: Vec<Quote>,
    /// First and one-past-last token of each sentence that has tokens.
    sentences: BTreeMap<usize, (usize, usize)>,
    registry: &'r mut Registry,
    /// Entities that spoke, in text order, with the span naming them.
    timeline: Vec<(Span, String)>,
    /// Verbs already used by a quotation's attribution.
    consumed: BTreeSet<usize>,
}

impl<'a, 'r> Speech<'a, 'r> {
    pub(crate) fn new(
        article: &'a Article,
        tokens: &'a [Token<'a>],
        mentions: &'a [Mention],
        titles: &'a [Title],
        times: &[super::TimeExpression],
        registry: &'r mut Registry,
    ) -> Self {
        let mut exact: BTreeMap<Span, BTreeSet<String>> = BTreeMap::new();
        for m in mentions {
            exact.entry(m.span).or_default().insert(m.entity.clone());
        }
        let in_time = tokens.iter().map(|t| times.iter().any(|e| e.span.contains(t.span))).collect();
        let mut sentences: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (i, t) in tokens.iter().enumerate() {
            sentences.entry(t.sentence).and_modify(|r| r.1 = i + 1).or_insert((i, i + 1));
        }
        let quotes = pair_quotes(article, tokens);
        let mut quote_of = vec![None; tokens.len()];
        for (q, quote) in quotes.iter().enumerate() {
            let last = quote
                .close
                .unwrap_or_else(|| tokens.iter().rposition(|t| t.block == quote.block).unwrap_or(quote.open));
            for slot in &mut quote_of[quote.open..=last] {
                *slot = Some(q);
            }
        }
        Self {
            article,
            tokens,
            mentions,
            exact,
            titles,
            in_time,
            quote_of,
            quotes,
            sentences,
            registry,
            timeline: Vec::new(),
            consumed: BTreeSet::new(),
        }
    }

    /// Runs the pass: quotations with their speakers, then claims, sentence by
    /// sentence so that pronouns see the speakers before them.
    pub(crate) fn run(mut self) -> (Vec<ExtractedQuotation>, Vec<ExtractedClaim>) {
        let mut quotations: Vec<ExtractedQuotation> = Vec::new();
        let mut claims = Vec::new();
        let sentence_ids: Vec<usize> = self.sentences.keys().copied().collect();
        for s in sentence_ids {
            let in_sentence: Vec<usize> = (0..self.quotes.len()).filter(|&q| self.quotes[q].sentence == s).collect();
            for q in in_sentence {
                let quotation = self.attribute(q, &quotations);
                if let Some(speaker) = &quotation.speaker {
                    self.timeline.push((speaker.span, speaker.entity.clone()));
                }
                quotations.push(quotation);
            }
            for claim in self.claims(s) {
                self.timeline.push((claim.source.span, claim.source.entity.clone()));
                claims.push(claim);
            }
        }
        (quotations, claims)
    }

    fn text(&self, span: Span) -> String {
        self.article.slice(span).to_owned()
    }

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span { begin: self.tokens[a].span.begin, end: self.tokens[b - 1].span.end }
    }

    fn lower(&self, i: usize) -> String {
        self.tokens.get(i).map(Token::lower).unwrap_or_default()
    }

    fn is_word(&self, i: usize, words: &[&str]) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && words.contains(&t.lower().as_str()))
    }

    fn outside(&self, i: usize) -> bool {
        self.quote_of.get(i).is_some_and(Option::is_none)
    }

    /// A verb: a lower-case speech verb outside quotations.
    fn is_verb(&self, i: usize, verbs: &[&str]) -> bool {
        self.outside(i)
            && self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && !t.is_capitalised())
            && verbs.contains(&self.lower(i).as_str())
    }

    fn kind_of(&self, entity: &str) -> Option<EntityType> {
        self.registry.kind(entity)
    }

    fn is_personal(&self, entity: &str) -> bool {
        matches!(self.kind_of(entity), Some(EntityType::Person | EntityType::AnonymousSource))
    }

    // --- Noun phrases ---------------------------------------------------------

    /// The noun phrase ending just before token `v`, not before `floor`.
    fn backward_np(&self, v: usize, floor: usize) -> Option<(usize, usize)> {
        let mut end = v;
        // Skip a time or an adverb between subject and verb: "Putin on Tuesday said".
        while end > floor && (self.in_time[end - 1] || self.is_word(end - 1, ADVERBS)) {
            end -= 1;
            if end > floor && self.in_time[end] && self.is_word(end - 1, &["on", "in", "late", "early"]) {
                end -= 1;
            }
        }
        if end > floor && matches!(self.lower(end - 1).as_str(), "he" | "she") && self.outside(end - 1) {
            return Some((end - 1, end));
        }
        let mut np_end = end;
        // "X, who asked not to be named, said" and "X, Russia's foreign minister, said".
        if end > floor && self.tokens[end - 1].is_punct(',') {
            let comma = end - 1;
            let previous = (floor..comma).rev().take(20).find(|&i| self.tokens[i].is_punct(','))?;
            if (previous..comma).any(|i| !self.outside(i)) {
                return None;
            }
            if self.is_word(previous + 1, &["who", "which", "whose"]) {
                np_end = previous;
                end = previous;
            } else {
                end = previous;
                np_end = comma;
            }
        }
        // "A union official who asked not to be named said".
        if np_end == end
            && let Some(who) = (floor.max(end.saturating_sub(10))..end).rev().find(|&i| self.is_word(i, &["who"]))
            && who > floor
            && (who..end).all(|i| self.outside(i) && self.tokens[i].kind == Kind::Word)
        {
            end = who;
            np_end = who;
        }
        let mut a = end;
        while a > floor && self.np_token(a - 1) {
            a -= 1;
            if self.is_word(a, &["a", "an", "the", "another"]) || end - a > 12 {
                // "at the Ashby clinic" inside "A nurse at the Ashby clinic".
                let inner = a > floor + 1
                    && self.is_word(a - 1, &["at", "in", "from", "of", "for", "with", "near"])
                    && self.np_token(a - 2);
                if !inner || end - a > 12 {
                    break;
                }
            }
        }
        (a < end && end - a <= 12).then_some((a, np_end))
    }

    fn np_token(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if !self.outside(i) {
            return false;
        }
        match t.kind {
            Kind::Possessive => true,
            Kind::Number => t.text.len() <= 3,
            Kind::Punct('.') => self.abbreviation_dot(i),
            Kind::Word => {
                let lower = t.lower();
                if lower == "and" {
                    // Only between names: "Russia and China said".
                    return i > 0
                        && self.tokens[i - 1].is_capitalised()
                        && self.tokens.get(i + 1).is_some_and(Token::is_capitalised);
                }
                !BOUNDARIES.contains(&lower.as_str())
                    && (t.is_capitalised() || !SPEECH_VERBS.contains(&lower.as_str()))
                    && !matches!(lower.as_str(), "he" | "she")
            }
            _ => false,
        }
    }

    /// Whether token `i` is the full stop of a title's abbreviation ("Dr. Pike").
    fn abbreviation_dot(&self, i: usize) -> bool {
        i > 0
            && self.tokens[i].is_punct('.')
            && ABBREVIATED_TITLES.contains(&self.tokens[i - 1].text)
            && self.tokens.get(i + 1).is_some_and(Token::is_capitalised)
    }

    /// Noun phrases starting at `start`, before `limit`: the longest one (with
    /// a place: "a police source in Vladivostok") and the one cut at the first
    /// preposition.
    fn forward_nps(&self, start: usize, limit: usize) -> Vec<(usize, usize)> {
        let stop = |i: usize| {
            let t = &self.tokens[i];
            !self.outside(i)
                || !(matches!(t.kind, Kind::Word | Kind::Possessive) || self.abbreviation_dot(i))
                || self.in_time[i]
                || (t.kind == Kind::Word
                    && !t.is_capitalised()
                    && (FORWARD_STOPS.contains(&t.lower().as_str()) || SPEECH_VERBS.contains(&t.lower().as_str())))
        };
        let mut short = start;
        while short < limit && !stop(short) {
            short += 1;
        }
        let mut candidates = Vec::new();
        // With a place: "in Vladivostok", "from the ministry".
        if short < limit && self.is_word(short, &["in", "from", "at"]) {
            let mut k = short + 1;
            if self.is_word(k, &["the"]) {
                k += 1;
            }
            let name_start = k;
            while k < limit && self.tokens[k].is_capitalised() && self.outside(k) {
                k += 1;
            }
            if k > name_start {
                candidates.push((start, k));
            }
        }
        if short > start {
            candidates.push((start, short));
        }
        candidates
    }

    /// What the noun phrase `a..b` refers to.
    fn resolve(&mut self, a: usize, b: usize) -> Np {
        let (mut a, mut b) = (a, b);
        while a < b && (self.is_word(a, LEADING) || self.tokens[a].is_punct(',')) {
            a += 1;
        }
        while b > a && self.tokens[b - 1].is_punct(',') {
            b -= 1;
        }
        if a >= b {
            return Np::Unresolved;
        }
        let span = self.span_of(a, b);
        if b - a == 1 && matches!(self.lower(a).as_str(), "he" | "she") {
            return Np::Pronoun(span);
        }
        if let Some(entity) = self.only_entity(span) {
            return Np::Entity(Reference { entity, span, cue: format!("{:?}", self.text(span)) });
        }
        if self.is_word(a, &["the"]) && b - a > 1 {
            let rest = self.span_of(a + 1, b);
            if let Some(entity) = self.only_entity(rest) {
                return Np::Entity(Reference { entity, span: rest, cue: format!("{:?}", self.text(span)) });
            }
        }
        // An apposition: exactly one part names someone.
        if (a..b).any(|i| self.tokens[i].is_punct(',')) {
            let mut found: Vec<Reference> = Vec::new();
            let mut start = a;
            for i in a..=b {
                if i == b || self.tokens[i].is_punct(',') {
                    if start < i
                        && let Np::Entity(r) = self.resolve_simple(start, i)
                        && !found.iter().any(|f| f.entity == r.entity)
                    {
                        found.push(r);
                    }
                    start = i + 1;
                }
            }
            return match found.len() {
                1 => found.pop().map_or(Np::Unresolved, |mut r| {
                    r.cue = format!("{:?} (apposition)", self.text(span));
                    Np::Entity(r)
                }),
                _ => Np::Unresolved,
            };
        }
        self.resolve_simple(a, b)
    }

    /// Resolution without appositions.
    fn resolve_simple(&mut self, a: usize, b: usize) -> Np {
        let span = self.span_of(a, b);
        if let Some(entity) = self.only_entity(span) {
            return Np::Entity(Reference { entity, span, cue: format!("{:?}", self.text(span)) });
        }
        if self.is_word(a, &["the"])
            && b - a > 1
            && let Some(entity) = self.only_entity(self.span_of(a + 1, b))
        {
            let rest = self.span_of(a + 1, b);
            return Np::Entity(Reference { entity, span: rest, cue: format!("{:?}", self.text(span)) });
        }
        if (a..b).any(|i| self.is_word(i, &["and", "or"])) {
            return Np::Unresolved;
        }
        // A title and a name: the name at the end, titles before it.
        let head = self
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name && m.span.end == span.end && m.span.begin > span.begin)
            .min_by_key(|m| m.span.begin);
        if let Some(m) = head
            && let Some(first) = (a..b).find(|&i| self.tokens[i].span.begin == m.span.begin)
            && (a..first).all(|i| self.title_like(i, a))
        {
            let entity = m.entity.clone();
            return Np::Entity(Reference {
                entity,
                span: m.span,
                cue: format!("{:?} (title and name)", self.text(span)),
            });
        }
        // A plural group: "diplomats", "local officials".
        let last = self.lower(b - 1);
        let group_modifiers_ok = (a..b - 1).all(|i| {
            let t = &self.tokens[i];
            t.kind == Kind::Word
                && (t.is_capitalised() || !BOUNDARIES.contains(&t.lower().as_str()))
                && !self.is_word(i, &["the", "a", "an", "his", "her", "their", "its"])
        });
        if GROUP_HEADS.contains(&last.as_str()) && group_modifiers_ok && b - a <= 4 && !(b - a == 1 && last == "people")
        {
            let phrase = self.text(span);
            let core = phrase.to_lowercase();
            let entity = self.registry.group(&core, &phrase, span);
            return Np::Entity(Reference { entity, span, cue: format!("{phrase:?} (an unnamed group)") });
        }
        // "the spokeswoman", when one person named before holds that title.
        if self.is_word(a, &["the"]) && is_title_noun(self.tokens[b - 1].text) && b - a <= 4 {
            let head = last;
            let holders: BTreeSet<&str> = self
                .titles
                .iter()
                .filter(|t| t.head == head && t.span.end <= span.begin)
                .map(|t| t.holder.as_str())
                .collect();
            let all_holders: BTreeSet<&str> =
                self.titles.iter().filter(|t| t.head == head).map(|t| t.holder.as_str()).collect();
            if let ([holder], 1) = (holders.iter().copied().collect::<Vec<_>>().as_slice(), all_holders.len()) {
                let name = self.titles.iter().find(|t| t.holder == *holder && t.head == head).map(|t| t.name);
                let entity = (*holder).to_owned();
                self.registry.role(&entity, &self.text(span), span);
                return Np::Entity(Reference {
                    entity,
                    span: name.unwrap_or(span),
                    cue: format!("{:?}: the only {head} named in the text", self.text(span)),
                });
            }
        }
        Np::Unresolved
    }

    /// Whether token `i` may stand before a name in a title ("Kremlin
    /// spokeswoman", "Russia's foreign minister"); `a` is the phrase start.
    fn title_like(&self, i: usize, a: usize) -> bool {
        let t = &self.tokens[i];
        match t.kind {
            Kind::Possessive => true,
            Kind::Punct('.') => self.abbreviation_dot(i),
            Kind::Word => {
                (i == a && t.is("the"))
                    || t.is_capitalised()
                    || is_title_noun(t.text)
                    || is_title(t.text)
                    || t.text.contains('-')
                    || matches!(
                        t.lower().as_str(),
                        "former"
                            | "deputy"
                            | "foreign"
                            | "senior"
                            | "acting"
                            | "interim"
                            | "chief"
                            | "top"
                            | "prime"
                            | "vice"
                            | "defense"
                            | "defence"
                            | "finance"
                            | "interior"
                            | "justice"
                            | "trade"
                            | "economy"
                            | "health"
                            | "state"
                            | "police"
                            | "government"
                            | "fire"
                            | "city"
                            | "museum"
                            | "port"
                            | "union"
                            | "opposition"
                            | "party"
                            | "executive"
                            | "general"
                            | "managing"
                            | "news"
                            | "agency"
                            | "newspaper"
                            | "daily"
                            | "broadcaster"
                            | "channel"
                            | "company"
                            | "firm"
                            | "ministry"
                    )
            }
            _ => false,
        }
    }

    /// The one entity mentioned exactly at `span`.
    fn only_entity(&self, span: Span) -> Option<String> {
        let entities = self.exact.get(&span)?;
        (entities.len() == 1).then(|| entities.iter().next().cloned()).flatten()
    }

    /// Resolves `he` or `she`: to the one person named in the paragraph before
    /// it, when that person is a sentence's subject; or, when the paragraph
    /// names nobody before it, to the last speaker of the paragraph before,
    /// when nobody else was named since.
    fn pronoun(&self, at: Span, block: usize) -> Option<Reference> {
        let paragraph = self.article.blocks.get(block)?.span;
        let personal_kind = |id: &str| {
            matches!(self.kind_of(id), Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group))
        };
        let all_mentions = || self.mentions.iter().chain(&self.registry.extra_mentions);
        let here: Vec<&Mention> = all_mentions()
            .filter(|m| m.span.begin >= paragraph.begin && m.span.end <= at.begin && personal_kind(&m.entity))
            .collect();
        let people: BTreeSet<&str> = here.iter().map(|m| m.entity.as_str()).collect();
        if let [only] = people.iter().copied().collect::<Vec<_>>().as_slice() {
            let subject = here.iter().find(|m| m.entity == *only && self.is_subject(m.span))?;
            return self.is_personal(only).then(|| Reference {
                entity: (*only).to_owned(),
                span: subject.span,
                cue: format!(
                    "{:?}: {:?}, the one person named before it in the paragraph",
                    self.text(at),
                    self.text(subject.span)
                ),
            });
        }
        if !people.is_empty() {
            return None;
        }
        let (span, entity) = self.timeline.iter().rev().find(|(s, _)| s.end <= at.begin)?;
        let antecedent_block = self.tokens.iter().find(|t| t.span.begin >= span.begin).map(|t| t.block)?;
        let someone_else = all_mentions().any(|m| {
            m.span.begin >= span.end && m.span.begin < at.begin && m.entity != *entity && personal_kind(&m.entity)
        });
        (self.is_personal(entity) && antecedent_block + 1 == block && !someone_else).then(|| Reference {
            entity: entity.clone(),
            span: *span,
            cue: format!("{:?}: the last speaker, {:?}, with nobody else named since", self.text(at), self.text(*span)),
        })
    }

    /// Whether a mention is the subject of its sentence: only a title, a
    /// possessive or an apposition stands before it.
    fn is_subject(&self, span: Span) -> bool {
        let Some(first) = self.tokens.iter().position(|t| t.span.begin == span.begin) else { return false };
        let (start, end) = self.sentence_range(self.tokens[first].sentence);
        if (start..first).all(|i| self.title_like(i, start) || self.tokens[i].is_punct(',')) {
            return true;
        }
        let Some(last) = (first..end).find(|&i| self.tokens[i].span.end == span.end) else { return false };
        first > start + 1
            && self.tokens[first - 1].is_punct(',')
            && self.tokens.get(last + 1).is_some_and(|t| t.is_punct(','))
            && (start..first - 1).all(|i| self.np_token(i) || self.is_word(i, &["the", "a", "an"]))
    }

    fn settle(&self, np: Np, block: usize) -> Option<Reference> {
        match np {
            Np::Entity(r) => Some(r),
            Np::Pronoun(at) => self.pronoun(at, block),
            Np::Unresolved => None,
        }
    }

    /// The text of a phrase of manner from `from` to `to` ("by telephone"),
    /// unless it is only a time ("on Wednesday").
    fn manner(&self, from: usize, to: usize) -> Option<String> {
        let mut end = from;
        while end < to
            && self.outside(end)
            && matches!(self.tokens[end].kind, Kind::Word | Kind::Number | Kind::Possessive)
        {
            if end > from && (self.is_verb(end, SPEECH_VERBS) || self.is_word(end, BOUNDARIES)) {
                break;
            }
            end += 1;
        }
        let useful = (from..end).any(|i| !self.in_time[i] && !self.is_word(i, MANNER_PREPOSITIONS));
        (end > from && end - from <= 8 && self.is_word(from, MANNER_PREPOSITIONS) && useful)
            .then(|| self.text(self.span_of(from, end)))
    }

    // --- Quotations -----------------------------------------------------------

    fn attribute(&mut self, q: usize, before: &[ExtractedQuotation]) -> ExtractedQuotation {
        let quote = self.quotes[q].clone();
        let mut result = ExtractedQuotation {
            text: quote.text,
            marks: quote.marks,
            sentence: quote.sentence,
            speaker: None,
            addressee: None,
            manner: None,
            cue: String::new(),
        };
        let found = self.after_quote(q).or_else(|| self.before_quote(q)).or_else(|| self.trailing_for_quote(q));
        if let Some(attribution) = found {
            self.consumed.insert(attribution.verb);
            result.addressee = attribution.addressee;
            result.manner = attribution.manner;
            match self.settle(attribution.speaker, quote.block) {
                Some(speaker) => {
                    result.cue = attribution.cue;
                    result.speaker = Some(speaker);
                }
                None => result.cue = format!("{}, but whom it names is not certain", attribution.cue),
            }
            return result;
        }
        match self.follow_on(q, before) {
            Ok((speaker, cue)) => {
                result.speaker = Some(speaker);
                result.cue = cue;
            }
            Err(why) => result.cue = why,
        }
        result
    }

    fn sentence_range(&self, s: usize) -> (usize, usize) {
        self.sentences.get(&s).copied().unwrap_or((0, 0))
    }

    /// `"…," X said`, `"…," said X`, `"…," X told Y`, `"…," according to X`.
    fn after_quote(&mut self, q: usize) -> Option<Attribution> {
        let quote = &self.quotes[q];
        let close = quote.close?;
        let (_, s_end) = self.sentence_range(quote.sentence);
        let inner_last = self.text(quote.text).trim_end().chars().last();
        let mut k = close + 1;
        let comma_after = k < s_end && self.tokens[k].is_punct(',');
        if comma_after {
            k += 1;
        }
        if !(comma_after || matches!(inner_last, Some(',' | '?' | '!' | '\u{2014}' | '\u{2013}' | '\u{2026}' | '-'))) {
            return None;
        }
        let seg_end = (k..s_end).find(|&i| !self.outside(i)).unwrap_or(s_end);
        if k >= seg_end {
            return None;
        }
        // "said X": inversion.
        if self.is_verb(k, SPEECH_VERBS) {
            for (a, b) in self.forward_nps(k + 1, seg_end) {
                let np = self.resolve(a, b);
                if !matches!(np, Np::Unresolved) {
                    let manner = self.manner(b, seg_end);
                    let verb = self.lower(k);
                    return Some(Attribution {
                        speaker: np,
                        verb: k,
                        addressee: None,
                        manner,
                        cue: format!("\"…,\" {verb} X"),
                    });
                }
            }
            return None;
        }
        if self.is_word(k, &["according"]) && self.is_word(k + 1, &["to"]) {
            for (a, b) in self.forward_nps(k + 2, seg_end) {
                let np = self.resolve(a, b);
                if !matches!(np, Np::Unresolved) {
                    return Some(Attribution {
                        speaker: np,
                        verb: k,
                        addressee: None,
                        manner: None,
                        cue: "\"…,\" according to X".to_owned(),
                    });
                }
            }
            return None;
        }
        // "X said".
        let v = (k..seg_end.min(k + 16)).find(|&i| self.is_verb(i, SPEECH_VERBS))?;
        let (a, b) = self.backward_np(v, k)?;
        if a != k {
            return None;
        }
        let speaker = self.resolve(a, b);
        if matches!(speaker, Np::Unresolved) {
            return None;
        }
        let verb = self.lower(v);
        let (addressee, after) = self.addressee(v, seg_end);
        let manner = self.manner(after, seg_end);
        let cue = if addressee.is_some() { format!("\"…,\" X {verb} Y") } else { format!("\"…,\" X {verb}") };
        Some(Attribution { speaker, verb: v, addressee, manner, cue })
    }

    /// The addressee after a verb like "told", and the index after it.
    fn addressee(&mut self, v: usize, limit: usize) -> (Option<Reference>, usize) {
        if !self.is_word(v, ADDRESS_VERBS) {
            return (None, v + 1);
        }
        for (a, b) in self.forward_nps(v + 1, limit) {
            if let Np::Entity(r) = self.resolve(a, b) {
                return (Some(r), b);
            }
        }
        // "told reporters": no entity, but the phrase is passed over.
        let after = self.forward_nps(v + 1, limit).last().map_or(v + 1, |(_, b)| *b);
        (None, after)
    }

    /// `X said: "…"`, `X said "…"`, `X said that "…"`, `X told Y: "…"`,
    /// `According to X, "…"`, and partial quotations in `X said … "…"`.
    fn before_quote(&mut self, q: usize) -> Option<Attribution> {
        let quote = self.quotes[q].clone();
        let (s_start, _) = self.sentence_range(quote.sentence);
        let floor = (s_start..quote.open).rev().find(|&i| !self.outside(i)).map_or(s_start, |i| i + 1);
        if quote.open <= floor {
            return None;
        }
        let mut p = quote.open;
        if self.tokens[p - 1].is_punct(':') || self.tokens[p - 1].is_punct(',') {
            p -= 1;
        }
        if p > floor && self.is_word(p - 1, &["that"]) {
            p -= 1;
        }
        // "According to X, "…""
        if let Some(according) = (floor..p).find(|&i| self.is_word(i, &["according"]))
            && self.is_word(according + 1, &["to"])
            && according + 2 < p
        {
            let np = self.resolve(according + 2, p);
            if !matches!(np, Np::Unresolved) {
                return Some(Attribution {
                    speaker: np,
                    verb: according,
                    addressee: None,
                    manner: None,
                    cue: "according to X, \"…\"".to_owned(),
                });
            }
        }
        let v = (floor..p).rev().find(|&i| self.is_verb(i, SPEECH_VERBS))?;
        let verb = self.lower(v);
        let (addressee, after) = self.addressee(v, p);
        let manner = self.manner(after, p);
        let gap_ok = after >= p
            || manner
                .as_ref()
                .is_some_and(|m| self.text(self.span_of(after, p)).trim_end_matches([',', ':']).trim() == m.as_str())
            || (after..p).all(|i| self.in_time[i] || self.is_word(i, MANNER_PREPOSITIONS));
        // "Holm had described the weather as "manageable"": Holm's word.
        if let Some(attribution) = self.described(v, quote.open, floor) {
            return Some(attribution);
        }
        let (cue, partial) = if gap_ok {
            (format!("X {verb}: \"…\""), false)
        } else {
            // A partial quotation: nobody else's voice between verb and quotation.
            let blocked = (v + 1..quote.open).any(|i| {
                !self.outside(i)
                    || self.tokens[i].is_punct(';')
                    || self.is_word(i, OTHER_VOICES)
                    || self.is_verb(i, SPEECH_VERBS)
            });
            if blocked {
                return None;
            }
            (format!("partial quotation in X's reported speech (X {verb} …)"), true)
        };
        let (a, b) = self.backward_np(v, floor)?;
        let speaker = self.resolve(a, b);
        if matches!(speaker, Np::Unresolved) {
            return None;
        }
        Some(Attribution {
            speaker,
            verb: v,
            addressee: if partial { None } else { addressee },
            manner: if partial { None } else { manner },
            cue,
        })
    }

    /// `X called the plan "…"`, `X described it as "…"`: the words are those
    /// of the subject of the verb standing just before the quotation (after
    /// the reporting verb at `v`).
    fn described(&mut self, v: usize, open: usize, floor: usize) -> Option<Attribution> {
        let d = (v + 1..open).rev().find(|&i| self.outside(i) && self.is_word(i, DESCRIBING_VERBS))?;
        let between_ok = open - d <= 7 && (d + 1..open).all(|i| self.outside(i) && self.tokens[i].kind == Kind::Word);
        if !between_ok {
            return None;
        }
        // Past an auxiliary: "Holm had described".
        let verb_at = if d > floor + 1 && self.is_word(d - 1, AUXILIARIES) { d - 1 } else { d };
        let (a, b) = self.backward_np(verb_at, v + 1)?;
        let speaker = self.resolve(a, b);
        if matches!(speaker, Np::Unresolved | Np::Pronoun(_)) {
            return None;
        }
        let verb = self.lower(d);
        Some(Attribution { speaker, verb: d, addressee: None, manner: None, cue: format!("X {verb} … \"…\"") })
    }

    /// `… "…" …, X said.`: an attribution at the end of the sentence.
    fn trailing_for_quote(&mut self, q: usize) -> Option<Attribution> {
        let (sentence, marks) = (self.quotes[q].sentence, self.quotes[q].marks);
        let (comma, attribution) = self.trailing(sentence)?;
        (marks.end <= self.tokens[comma].span.begin).then_some(attribution)
    }

    /// The attribution `, X said [manner].` ending sentence `s`, with the index
    /// of its comma.
    fn trailing(&mut self, s: usize) -> Option<(usize, Attribution)> {
        let (s_start, s_end) = self.sentence_range(s);
        let mut e = s_end;
        while e > s_start && matches!(self.tokens[e - 1].kind, Kind::Punct('.' | '?' | '!')) {
            e -= 1;
        }
        let comma = (s_start..e).rev().find(|&i| self.tokens[i].is_punct(','))?;
        if (comma..e).any(|i| !self.outside(i)) {
            return None;
        }
        let k = comma + 1;
        if self.is_word(k, &["according"]) && self.is_word(k + 1, &["to"]) && k + 2 < e {
            let np = self.resolve(k + 2, e);
            return (!matches!(np, Np::Unresolved)).then(|| {
                let cue = "…, according to X".to_owned();
                (comma, Attribution { speaker: np, verb: k, addressee: None, manner: None, cue })
            });
        }
        let v = (k..e).find(|&i| self.is_verb(i, SPEECH_VERBS))?;
        let (a, b) = self.backward_np(v, k)?;
        if a != k {
            return None;
        }
        // After the verb only a time or a manner: "said earlier this week".
        let rest_ok = (v + 1..e).all(|i| {
            self.in_time[i]
                || (matches!(self.tokens[i].kind, Kind::Word | Kind::Number) && !self.is_verb(i, SPEECH_VERBS))
        }) && e - v <= 8;
        if !rest_ok {
            return None;
        }
        let speaker = self.resolve(a, b);
        if matches!(speaker, Np::Unresolved) {
            return None;
        }
        let verb = self.lower(v);
        let manner = self.manner(v + 1, e);
        Some((comma, Attribution { speaker, verb: v, addressee: None, manner, cue: format!("…, X {verb}.") }))
    }

    /// The follow-on rule: a sentence that is nothing but a quotation takes
    /// the speaker of the quotation directly before it in the paragraph (or of
    /// the unclosed quotation that ends the paragraph before).
    fn follow_on(&self, q: usize, before: &[ExtractedQuotation]) -> Result<(Reference, String), String> {
        let quote = &self.quotes[q];
        let (s_start, s_end) = self.sentence_range(quote.sentence);
        let bare = (s_start..s_end).all(|i| !self.outside(i) || matches!(self.tokens[i].kind, Kind::Punct(_)));
        if !bare {
            return Err("no attribution in its sentence".to_owned());
        }
        let previous = q.checked_sub(1).map(|p| (&self.quotes[p], before.get(p)));
        let Some((prev_quote, Some(prev))) = previous else {
            return Err("no attribution in its sentence and no quotation before it".to_owned());
        };
        let continues = prev_quote.block + 1 == quote.block
            && prev_quote.close.is_none()
            && self.tokens.iter().position(|t| t.block == quote.block) == Some(quote.open);
        if prev_quote.block != quote.block && !continues {
            return Err("no attribution in its sentence and no quotation before it in the paragraph".to_owned());
        }
        let Some(speaker) = &prev.speaker else {
            return Err("no attribution in its sentence; the quotation before it has no speaker".to_owned());
        };
        // Nobody else named between the two quotations.
        let between = Span { begin: prev_quote.marks.end, end: quote.marks.begin };
        let someone_else = self.mentions.iter().chain(&self.registry.extra_mentions).any(|m| {
            between.contains(m.span)
                && m.entity != speaker.entity
                && matches!(
                    self.kind_of(&m.entity),
                    Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group)
                )
        });
        if someone_else {
            return Err("no attribution in its sentence; someone else is named since the last quotation".to_owned());
        }
        let cue = if continues {
            "continues the unclosed quotation of the paragraph before".to_owned()
        } else {
            format!("follow-on: the quotation before it in the paragraph is {:?}'s", self.text(speaker.span))
        };
        Ok((Reference { entity: speaker.entity.clone(), span: speaker.span, cue: cue.clone() }, cue))
    }

    // --- Claims ---------------------------------------------------------------

    fn claims(&mut self, s: usize) -> Vec<ExtractedClaim> {
        let (s_start, s_end) = self.sentence_range(s);
        let mut e = s_end;
        while e > s_start && matches!(self.tokens[e - 1].kind, Kind::Punct('.' | '?' | '!')) {
            e -= 1;
        }
        let mut claims = Vec::new();
        let verbs: Vec<usize> = (s_start..e).filter(|&v| self.is_verb(v, CLAIM_VERBS)).collect();
        for &v in &verbs {
            if self.consumed.contains(&v) {
                continue;
            }
            claims.extend(self.claim_at(v, s_start, e, s_end, &verbs));
        }
        // "…, X said." and "…, according to X."
        if let Some((comma, attribution)) = self.trailing(s)
            && !self.consumed.contains(&attribution.verb)
            && !claims.iter().any(|c: &ExtractedClaim| c.verb_index == attribution.verb)
        {
            let direct =
                !self.outside(s_start) && (s_start..comma).rev().find(|&i| !self.outside(i)) == Some(comma - 1);
            let words = (s_start..comma).filter(|&i| self.tokens[i].kind == Kind::Word).count();
            if !direct
                && words >= 3
                && let Some(source) = self.settle(attribution.speaker, self.tokens[s_start].block)
            {
                let clause = self.span_of(s_start, comma);
                let evidence = self.span_of(s_start, s_end);
                let (certainty, polarity) = self.factuality(s_start, comma, attribution.verb);
                claims.push(ExtractedClaim {
                    source,
                    cited: None,
                    clause,
                    evidence,
                    certainty,
                    polarity,
                    verb_index: attribution.verb,
                    cue: attribution.cue,
                });
            }
        }
        // "According to X, CLAUSE."
        let start = (s_start..e).find(|&i| !self.is_word(i, LEADING)).unwrap_or(s_start);
        if self.is_word(start, &["according"]) && self.is_word(start + 1, &["to"]) {
            let comma = (start + 2..e).find(|&i| self.tokens[i].is_punct(','));
            if let Some(comma) = comma
                && comma + 3 <= e
                && let Np::Entity(source) = self.resolve(start + 2, comma)
            {
                let (certainty, polarity) = self.factuality(comma + 1, e, start);
                claims.push(ExtractedClaim {
                    source,
                    cited: None,
                    clause: self.span_of(comma + 1, e),
                    evidence: self.span_of(start, s_end),
                    certainty,
                    polarity,
                    verb_index: start,
                    cue: "according to X, …".to_owned(),
                });
            }
        }
        claims
    }

    fn claim_at(&mut self, v: usize, s_start: usize, e: usize, s_end: usize, verbs: &[usize]) -> Vec<ExtractedClaim> {
        let verb = self.lower(v);
        let floor = (s_start..v).rev().find(|&i| !self.outside(i)).map_or(s_start, |i| i + 1);
        let Some((a, b)) = self.backward_np(v, floor) else { return Vec::new() };
        let sources = self.sources(a, b, self.tokens[v].block);
        if sources.is_empty() {
            return Vec::new();
        }
        let mut cited = None;
        let mut c = v + 1;
        if verb == "cited" {
            // "X cited Y as saying CLAUSE"
            let Some(as_at) =
                (v + 1..e.min(v + 12)).find(|&i| self.is_word(i, &["as"]) && self.is_word(i + 1, &["saying"]))
            else {
                return Vec::new();
            };
            cited = match self.resolve(v + 1, as_at) {
                Np::Entity(r) => Some(r),
                _ => return Vec::new(),
            };
            c = as_at + 2;
        } else if ADDRESS_VERBS.contains(&verb.as_str()) {
            c = self.addressee(v, e).1;
        }
        // "said on Wednesday that", "said in a statement that".
        if let Some(that) = (c..e.min(c + 8)).find(|&i| self.is_word(i, &["that"]))
            && (c..that).all(|i| {
                self.outside(i)
                    && matches!(self.tokens[i].kind, Kind::Word | Kind::Number)
                    && !self.is_verb(i, SPEECH_VERBS)
            })
            && (c == that || self.is_word(c, MANNER_PREPOSITIONS) || self.in_time[c])
        {
            c = that + 1;
        }
        while c < e && self.in_time[c] {
            c += 1;
        }
        if c >= e || !self.outside(c) || matches!(self.tokens[c].kind, Kind::Punct(_)) {
            return Vec::new();
        }
        // The clause ends where another reported clause begins.
        let mut end = e;
        for &w in verbs.iter().filter(|&&w| w > c && w < e) {
            if let Some((wa, _)) = self.backward_np(w, c)
                && !matches!(self.resolve(wa, w), Np::Unresolved)
            {
                end = wa;
                break;
            }
        }
        if let Some(semicolon) = (c..end).find(|&i| self.tokens[i].is_punct(';')) {
            end = semicolon;
        }
        while end > c && (self.tokens[end - 1].is_punct(',') || self.is_word(end - 1, &["and", "but"])) {
            end -= 1;
        }
        let words = (c..end).filter(|&i| self.tokens[i].kind == Kind::Word).count();
        if words < 3 {
            return Vec::new();
        }
        let clause = self.span_of(c, end);
        let last = if end == e { s_end } else { end };
        let evidence = self.span_of(a, last);
        let (certainty, polarity) = self.factuality(c, end, v);
        let cue = match &cited {
            Some(_) => "X cited Y as saying …".to_owned(),
            None => format!("X {verb} …"),
        };
        sources
            .into_iter()
            .map(|source| ExtractedClaim {
                source,
                cited: cited.clone(),
                clause,
                evidence,
                certainty,
                polarity,
                verb_index: v,
                cue: cue.clone(),
            })
            .collect()
    }

    /// The sources named by a subject: one entity, or several joined by "and".
    fn sources(&mut self, a: usize, b: usize, block: usize) -> Vec<Reference> {
        let np = self.resolve(a, b);
        if let Some(r) = self.settle(np, block) {
            return vec![r];
        }
        if !(a..b).any(|i| self.is_word(i, &["and"])) {
            return Vec::new();
        }
        let mut parts = Vec::new();
        let mut start = a;
        for i in a..=b {
            if i == b || self.is_word(i, &["and"]) || self.tokens[i].is_punct(',') {
                if start < i {
                    match self.resolve_simple(start, i) {
                        Np::Entity(r) => parts.push(r),
                        _ => return Vec::new(),
                    }
                }
                start = i + 1;
            }
        }
        parts
    }

    /// Certainty lowered by hedges in the clause; polarity negative for "denied".
    fn factuality(&self, from: usize, to: usize, verb: usize) -> (Certainty, Polarity) {
        let mut certainty = Certainty::Certain;
        for i in from..to {
            let lower = self.lower(i);
            if HEDGES_BEFORE_TO.contains(&lower.as_str()) && !self.is_word(i + 1, &["to"]) {
                continue;
            }
            if let Some((_, c)) = HEDGES.iter().find(|(w, _)| *w == lower) {
                certainty = match (certainty, c) {
                    (_, Certainty::Possible) | (Certainty::Possible, _) => Certainty::Possible,
                    _ => Certainty::Probable,
                };
            }
        }
        let polarity = if self.is_word(verb, &["denied", "denies"]) { Polarity::Negative } else { Polarity::Positive };
        (certainty, polarity)
    }
}

/// Pairs quotation marks in each paragraph: curly marks by their shape,
/// straight ones in turn. A quotation left open runs to the paragraph's end.
fn pair_quotes(article: &Article, tokens: &[Token<'_>]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let mut push = |o: usize, close: Option<usize>, end_of_block: usize| {
        let t = &tokens[o];
        let end = close.map_or(end_of_block, |c| tokens[c].span.begin);
        // The words quoted, without spaces inside the marks ("“ he ”").
        let inner = article.slice(Span { begin: t.span.end, end });
        let leading = inner.chars().take_while(|c| c.is_whitespace()).count();
        let trailing = inner.chars().rev().take_while(|c| c.is_whitespace()).count();
        let text = Span { begin: t.span.end + leading, end: end.saturating_sub(trailing).max(t.span.end + leading) };
        let marks = Span { begin: t.span.begin, end: close.map_or(end_of_block, |c| tokens[c].span.end) };
        if article.slice(text).chars().any(char::is_alphanumeric) {
            quotes.push(Quote { open: o, close, text, marks, block: t.block, sentence: t.sentence });
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        match (t.kind, open) {
            (Kind::OpenQuote, None) => open = Some((i, true)),
            (Kind::CloseQuote, Some((o, true))) | (Kind::StraightQuote, Some((o, false))) => {
                push(o, Some(i), 0);
                open = None;
            }
            (Kind::StraightQuote, None) => open = Some((i, false)),
            _ => {}
        }
        let last_of_block = tokens.get(i + 1).is_none_or(|n| n.block != t.block);
        if last_of_block && let Some((o, _)) = open.take() {
            push(o, None, article.blocks[t.block].span.end);
        }
    }
    quotes
}

#[cfg(test)]
mod tests {
    use crate::article::Article;
    use crate::extract::{Known, extract};

    /// Quotations and speakers found without a gazetteer: (quotation text, speaker's name in the text).
    fn speakers(body: &str) -> Vec<(String, Option<String>)> {
        let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{body}")).unwrap();
        let extraction = extract(&article, &Known::default());
        extraction
            .quotations
            .iter()
            .map(|q| (article.slice(q.text).to_owned(), q.speaker.as_ref().map(|s| article.slice(s.span).to_owned())))
            .collect()
    }

    #[test]
    fn attribution_forms() {
        type Expected<'a> = &'a [(&'a str, Option<&'a str>)];
        // (paragraphs, expected (quotation, speaker as named in the text))
        let table: &[(&str, Expected<'_>)] = &[
            (
                "\"No such meeting is planned,\" Kremlin spokeswoman Natalya Timakova said by telephone.",
                &[("No such meeting is planned,", Some("Natalya Timakova"))],
            ),
            ("\"We are ready,\" said Anna Berg, the trade commissioner.", &[("We are ready,", Some("Anna Berg"))]),
            ("Anna Berg said: \"We are ready.\"", &[("We are ready.", Some("Anna Berg"))]),
            ("Anna Berg told Reuters that \"we are ready.\"", &[("we are ready.", Some("Anna Berg"))]),
            (
                "“A summit was planned,” a senior government source told Yonhap. “We have no idea why.”",
                &[
                    ("A summit was planned,", Some("a senior government source")),
                    ("We have no idea why.", Some("a senior government source")),
                ],
            ),
            (
                "Senator Ray Moss said he would travel to Oslo \"in the nearest time.\"",
                &[("in the nearest time.", Some("Ray Moss"))],
            ),
            (
                "\"We will rebuild,\" Mayor Ana Ruiz said. \"It will take years.\"\n\n\"It is hard,\" she said.",
                &[
                    ("We will rebuild,", Some("Ana Ruiz")),
                    ("It will take years.", Some("Ana Ruiz")),
                    ("It is hard,", Some("Ana Ruiz")),
                ],
            ),
            (
                "\"Go,\" Mayor Ana Ruiz said. Police Chief Tom Hale arrived. \"Stay,\" he said.",
                &[("Go,", Some("Ana Ruiz")), ("Stay,", None)],
            ),
            ("Protesters carried a banner reading \"Hands off our port.\"", &[("Hands off our port.", None)]),
            (
                "\"It failed,\" Mayor Ana Ruiz said. A banner read \"Never again.\"",
                &[("It failed,", Some("Ana Ruiz")), ("Never again.", None)],
            ),
            (
                "The minister's spokesman said the plan, which critics called \"a disaster,\" would pass.",
                &[("a disaster,", Some("critics"))],
            ),
            (
                "The minister's spokesman said the plan, which the report called \"a disaster,\" would pass.",
                &[("a disaster,", None)],
            ),
            (
                "\"We saw it,\" a police source in Vladivostok said.",
                &[("We saw it,", Some("a police source in Vladivostok"))],
            ),
            ("\"Nothing,\" the spokeswoman said.", &[("Nothing,", None)]),
        ];
        for (body, expected) in table {
            let expected: Vec<(String, Option<String>)> =
                expected.iter().map(|(q, s)| ((*q).to_owned(), s.map(str::to_owned))).collect();
            assert_eq!(speakers(body), expected, "{body}");
        }
    }

    #[test]
    fn claims_with_sources_and_hedges() {
        use crate::annotation::Certainty;
        type Expected<'a> = &'a [(&'a str, &'a str, Certainty)];
        // (sentence, expected (source as named, clause, certainty))
        let table: &[(&str, Expected<'_>)] = &[
            (
                "But the Kremlin said Medvedev had no meetings, and a police source said officers had been told the visit had been scrapped.",
                &[
                    ("Kremlin", "Medvedev had no meetings", Certainty::Certain),
                    ("a police source", "officers had been told the visit had been scrapped", Certainty::Certain),
                ],
            ),
            (
                "South Korea's Yonhap news agency cited an unidentified intelligence source as saying the summit may have been ditched.",
                &[("Yonhap news agency", "the summit may have been ditched", Certainty::Possible)],
            ),
            (
                "Authorities had been making preparations for a visit, a local official said earlier this week.",
                &[("a local official", "Authorities had been making preparations for a visit", Certainty::Certain)],
            ),
            (
                "Diplomats say Moscow has less influence on Pyongyang.",
                &[("Diplomats", "Moscow has less influence on Pyongyang", Certainty::Certain)],
            ),
            (
                "Russia and China said they were ready to cooperate.",
                &[
                    ("Russia", "they were ready to cooperate", Certainty::Certain),
                    ("China", "they were ready to cooperate", Certainty::Certain),
                ],
            ),
            (
                "According to Reuters, the talks reportedly collapsed.",
                &[("Reuters", "the talks reportedly collapsed", Certainty::Probable)],
            ),
        ];
        for (body, expected) in table {
            let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{body}")).unwrap();
            let extraction = extract(&article, &Known::default());
            let got: Vec<(String, String, Certainty)> = extraction
                .claims
                .iter()
                .map(|c| (article.slice(c.source.span).to_owned(), article.slice(c.clause).to_owned(), c.certainty))
                .collect();
            let expected: Vec<(String, String, Certainty)> =
                expected.iter().map(|(s, c, k)| ((*s).to_owned(), (*c).to_owned(), *k)).collect();
            assert_eq!(got, expected, "{body}");
        }
    }
}
