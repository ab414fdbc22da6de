//! Noun phrases around speech verbs, and what they refer to: a name, a
//! title and a name, an apposition, a plural group, `the <title>`, a pronoun.

use super::{BOUNDARIES, LEADING, Np, Speech};
use crate::annotation::EntityType;
use crate::article::Span;
use crate::extract::Reference;
use crate::extract::lexicon::{
    ABBREVIATED_TITLES, DOCUMENT_HEADS, DOTTED_NAME_SUFFIXES, GENERATIONAL_SUFFIXES, GROUP_HEADS, OFFICE_MODIFIERS,
    SPEECH_VERBS, is_title_noun,
};
use crate::extract::tokens::{Kind, Token};
use crate::mentions::MentionKind;

/// Lower-case words that modify an office before a name, besides the
/// shared [`OFFICE_MODIFIERS`] ("agency", "retired").
const ROLE_MODIFIERS: &[&str] = &[
    "agency",
    "newspaper",
    "daily",
    "broadcaster",
    "channel",
    "company",
    "firm",
    "ministry",
    "campaign",
    "press",
    "retired",
    "longtime",
    "veteran",
    "incoming",
    "outgoing",
    "assistant",
];

/// Prepositions after the head of a noun phrase ("Alden of the Council").
const HEAD_PREPOSITIONS: &[&str] = &["of", "at", "from", "with", "for", "in"];

/// Lower-case words that cannot stand in a role before a name.
const NOT_ROLE_WORDS: &[&str] = &[
    "of",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "into",
    "about",
    "over",
    "under",
    "as",
    "a",
    "an",
    "the",
    "this",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "he",
    "she",
    "him",
    "them",
    "told",
    "asked",
    "during",
    "against",
    "between",
    "among",
    "without",
    "toward",
    "towards",
    "across",
    "via",
    "like",
    "unlike",
    "including",
    "said",
    "says",
    "say",
];

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

impl Speech<'_, '_> {
    /// The noun phrase ending just before token `v`, not before `floor`.
    pub(super) fn backward_np(&self, v: usize, floor: usize) -> Option<(usize, usize)> {
        let mut end = v;
        // Skip a time or an adverb between subject and verb: "Putin on Tuesday said".
        while end > floor && (self.in_time[end - 1] || self.is_adverb(end - 1)) {
            end -= 1;
            if end > floor && self.in_time[end] && self.is_word(end - 1, &["on", "in", "late", "early"]) {
                end -= 1;
            }
        }
        if end > floor && matches!(self.lower(end - 1).as_str(), "he" | "she") && self.outside(end - 1) {
            return Some((end - 1, end));
        }
        // "Rep. Ana Ruiz (D-Md.) said".
        if end > floor
            && let Some(open) = self.parenthesis_open(end - 1, floor)
        {
            end = open;
        }
        let mut np_end = end;
        // "X, who asked not to be named, said" and "X, Russia's foreign minister, said".
        if end > floor && self.tokens[end - 1].is_punct(',') {
            let comma = end - 1;
            let previous = (floor..comma).rev().take(28).find(|&i| self.tokens[i].is_punct(','))?;
            if (previous..comma).any(|i| !self.outside(i)) {
                return None;
            }
            if self.is_word(previous + 1, &["who", "which", "whose"]) {
                // "Ana Ruiz, head of the Lund Institute, which builds ships,
                // said": the relative clause closes an apposition.
                let opening = self.apposition_opening(previous, floor).unwrap_or(previous);
                np_end = opening;
                end = opening;
            } else {
                end = previous;
                np_end = comma;
            }
            // "Rep. Ana Ruiz (D-Md.), a member of the panel, said".
            if end > floor
                && let Some(open) = self.parenthesis_open(end - 1, floor)
            {
                end = open;
                np_end = open;
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

    /// The comma that opens an apposition closed by the comma at `comma`
    /// after a name ("Ana Ruiz, a fellow at the Lund Institute,"): short, no
    /// quotation, no other comma, a name before it and a description (no
    /// capitalised word) right after it.
    fn apposition_opening(&self, comma: usize, floor: usize) -> Option<usize> {
        let opening = (floor..comma).rev().take(24).find(|&i| self.tokens[i].is_punct(','))?;
        let named =
            opening > floor && (self.tokens[opening - 1].is_capitalised() || self.tokens[opening - 1].is_punct(')'));
        let description = self.tokens.get(opening + 1).is_some_and(|t| t.kind == Kind::Word && !t.is_capitalised());
        let clean = (opening..comma).all(|i| self.outside(i) && !self.is_verb(i, SPEECH_VERBS));
        (named && description && clean).then_some(opening)
    }

    pub(super) fn np_token(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if !self.outside(i) {
            return false;
        }
        match t.kind {
            Kind::Possessive => true,
            Kind::Number => t.text.len() <= 3,
            Kind::Punct('.') => self.abbreviation_dot(i) || self.suffix_dot(i),
            Kind::Punct('/') => self.slashed_number(i),
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

    /// Whether token `i` is the full stop of a title's abbreviation ("Dr.
    /// Pike") or of a middle initial ("Janet L. Yellen").
    pub(super) fn abbreviation_dot(&self, i: usize) -> bool {
        let initial = |t: &Token<'_>| t.kind == Kind::Word && t.text.chars().count() == 1 && t.is_capitalised();
        i > 0
            && self.tokens[i].is_punct('.')
            && (ABBREVIATED_TITLES.contains(&self.tokens[i - 1].text) || initial(&self.tokens[i - 1]))
            && self.tokens.get(i + 1).is_some_and(Token::is_capitalised)
    }

    /// Whether token `i` is the full stop of a name's suffix ("Carl Hesse
    /// Jr.", "Acme Corp."), written against it.
    pub(super) fn suffix_dot(&self, i: usize) -> bool {
        i > 0
            && self.tokens[i].is_punct('.')
            && DOTTED_NAME_SUFFIXES.contains(&self.tokens[i - 1].text)
            && self.tokens[i - 1].span.end == self.tokens[i].span.begin
    }

    /// Whether token `i` is part of two numbers written with a slash and
    /// nothing between, as a date names an event before a role ("9/11
    /// widow Dana Crest").
    pub(super) fn slashed_number(&self, i: usize) -> bool {
        let number = |k: usize| self.tokens.get(k).is_some_and(|t| t.kind == Kind::Number && t.text.len() <= 4);
        let slash = |k: usize| {
            self.tokens.get(k).is_some_and(|t| t.is_punct('/'))
                && number(k.wrapping_sub(1))
                && number(k + 1)
                && self.tokens[k - 1].span.end == self.tokens[k].span.begin
                && self.tokens[k].span.end == self.tokens[k + 1].span.begin
        };
        slash(i) || (number(i) && (slash(i + 1) || (i > 0 && slash(i - 1))))
    }

    /// The token that opens the parenthesis closed at `close` ("(D-Md.)"),
    /// when it is short and holds no quotation.
    pub(super) fn parenthesis_open(&self, close: usize, floor: usize) -> Option<usize> {
        if !self.tokens.get(close)?.is_punct(')') {
            return None;
        }
        let open = (floor..close).rev().take(10).find(|&i| self.tokens[i].is_punct('('))?;
        (open..=close).all(|i| self.outside(i)).then_some(open)
    }

    /// Noun phrases starting at `start`, before `limit`: the longest one (with
    /// a place: "a police source in Vladivostok") and the one cut at the first
    /// preposition.
    pub(super) fn forward_nps(&self, start: usize, limit: usize) -> Vec<(usize, usize)> {
        let stop = |i: usize| {
            let t = &self.tokens[i];
            !self.outside(i)
                || !(matches!(t.kind, Kind::Word | Kind::Possessive)
                    || self.abbreviation_dot(i)
                    || self.suffix_dot(i)
                    || self.slashed_number(i))
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

    /// Where the name in `a..b` ends: "Acme Corp.", "Carl Hesse Jr.": the
    /// mention ends before the full stop, and a person's before the
    /// generational suffix (unless the suffix is part of an entity's name,
    /// "Louis III").
    fn before_suffix(&self, a: usize, mut b: usize) -> usize {
        if b > a + 1 && self.suffix_dot(b - 1) {
            b -= 1;
        }
        if b > a + 2
            && GENERATIONAL_SUFFIXES.contains(&self.tokens[b - 1].text)
            && self.only_entity(self.span_of(a, b)).is_none()
        {
            b -= 1;
        }
        b
    }

    /// What the noun phrase `a..b` refers to.
    pub(super) fn resolve(&mut self, a: usize, b: usize) -> Np {
        let (mut a, mut b) = (a, b);
        while a < b && (self.is_word(a, LEADING) || self.tokens[a].is_punct(',')) {
            a += 1;
        }
        while b > a && self.tokens[b - 1].is_punct(',') {
            b -= 1;
        }
        b = self.before_suffix(a, b);
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
    pub(super) fn resolve_simple(&mut self, a: usize, b: usize) -> Np {
        // "Dana Whitfield II, a writer, said": the suffix ends a part of an
        // apposition as it ends a whole phrase.
        let b = self.before_suffix(a, b);
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
        // "Edward Alden of the Council on Foreign Relations", "a spokesman for
        // the museum": the head comes before the preposition.
        // "Officials at the Port Authority": a group named by where it is.
        if let Some(p) = (a + 1..b).find(|&i| self.is_word(i, HEAD_PREPOSITIONS))
            && GROUP_HEADS.contains(&self.lower(p - 1).as_str())
            && (a..p).all(|i| self.tokens[i].kind == Kind::Word && !self.is_word(i, NOT_ROLE_WORDS))
            && p + 1 < b
            && (p + 1..b).all(|i| self.tokens[i].is_capitalised() || (i == p + 1 && self.is_word(i, &["the"])))
        {
            let phrase = self.text(span);
            let entity = self.registry.group(&phrase.to_lowercase(), &phrase, span);
            return Np::Entity(Reference { entity, span, cue: format!("{phrase:?} (an unnamed group)") });
        }
        if let Some(p) = (a + 1..b).find(|&i| self.is_word(i, HEAD_PREPOSITIONS))
            && let Np::Entity(mut r) = self.resolve_simple(a, p)
            && matches!(
                self.kind_of(&r.entity),
                Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group | EntityType::Document)
            )
        {
            r.cue = format!("{:?} (a name and what follows it)", self.text(span));
            return Np::Entity(r);
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
        // A document quoted as it reads: "the letter", "a 40-page complaint",
        // "the court's ruling", "a Treasury memo".
        if DOCUMENT_HEADS.contains(&last.as_str()) && b - a <= 6 && self.document_modifiers(a, b - 1) {
            let phrase = self.text(span);
            let entity = self.registry.document(&last, &phrase, span);
            return Np::Entity(Reference { entity, span, cue: format!("{phrase:?} (a document)") });
        }
        // "the spokeswoman", "the mayor's spokeswoman", "Mexicans" (see `roles`).
        if let Some(r) = self.role_description(a, b) {
            return Np::Entity(r);
        }
        Np::Unresolved
    }

    /// Whether token `i` may stand before a name in a title or a role
    /// ("Kremlin spokeswoman", "Russia's foreign minister", "former
    /// presidential candidate", "Secretary of State"); `a` is the phrase
    /// start. The head of an English noun phrase comes last, so whatever
    /// modifies the name before it is a role: any word but a verb, a pronoun
    /// or a preposition (`of` only inside a capitalised title).
    pub(super) fn title_like(&self, i: usize, a: usize) -> bool {
        let t = &self.tokens[i];
        if self.slashed_number(i) {
            return true;
        }
        match t.kind {
            Kind::Possessive => true,
            Kind::Punct('.') => self.abbreviation_dot(i),
            Kind::Word if t.is_capitalised() => true,
            Kind::Word => {
                let lower = t.lower();
                if i == a && matches!(lower.as_str(), "the" | "a" | "an") {
                    return true;
                }
                if lower == "of" {
                    return i > a
                        && self.tokens[i - 1].is_capitalised()
                        && (self.tokens.get(i + 1).is_some_and(Token::is_capitalised)
                            || (self.is_word(i + 1, &["the"])
                                && self.tokens.get(i + 2).is_some_and(Token::is_capitalised)));
                }
                is_title_noun(t.text)
                    || (!BOUNDARIES.contains(&lower.as_str())
                        && !NOT_ROLE_WORDS.contains(&lower.as_str())
                        && !SPEECH_VERBS.contains(&lower.as_str()))
            }
            _ => false,
        }
    }

    /// Whether token `i` is a word of office or a modifier of one, as they
    /// stand before a name ("former Pennsylvania Gov.", "campaign chairman"):
    /// stricter than [`Speech::title_like`], for telling where a clause opens.
    pub(super) fn office_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        match t.kind {
            Kind::Possessive => true,
            Kind::Punct('.') => self.abbreviation_dot(i),
            Kind::Word => {
                t.is_capitalised() || is_title_noun(t.text) || {
                    let word = t.lower();
                    OFFICE_MODIFIERS.contains(&word.as_str()) || ROLE_MODIFIERS.contains(&word.as_str())
                }
            }
            _ => false,
        }
    }

    /// Whether tokens `a..b` may stand before the head of a document's
    /// description: one determiner or owner first, then words that are no
    /// pronoun, verb or clause opener ("the", "a 12-page", "the court's",
    /// "a Treasury").
    fn document_modifiers(&self, a: usize, b: usize) -> bool {
        (a..b).all(|i| {
            let t = &self.tokens[i];
            match t.kind {
                Kind::Possessive => i > a,
                Kind::Word | Kind::Number => {
                    let lower = t.lower();
                    (i == a && matches!(lower.as_str(), "the" | "a" | "an" | "this" | "that" | "its" | "their"))
                        || t.is_capitalised()
                        || !(BOUNDARIES.contains(&lower.as_str())
                            || NOT_ROLE_WORDS.contains(&lower.as_str())
                            || SPEECH_VERBS.contains(&lower.as_str())
                            || matches!(lower.as_str(), "the" | "a" | "an" | "his" | "her" | "my" | "our" | "your"))
                }
                _ => t.is_punct('-'),
            }
        })
    }

    /// The one entity mentioned exactly at `span`.
    pub(super) fn only_entity(&self, span: Span) -> Option<String> {
        let entities = self.exact.get(&span)?;
        (entities.len() == 1).then(|| entities.iter().next().cloned()).flatten()
    }
}
