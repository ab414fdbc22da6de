//! Who a pronoun or a follow-on quotation stands for: the speaker carried
//! over only when nobody else stands between.

use std::collections::{BTreeMap, BTreeSet};

use super::{BOUNDARIES, LEADING, Np, Speech};
use crate::annotation::EntityType;
use crate::article::Span;
use crate::extract::lexicon::{
    DESCRIBING_VERBS, FEMININE_NOUNS, FEMININE_TITLES, MANNER_VERBS, MASCULINE_NOUNS, MASCULINE_TITLES, SPEECH_VERBS,
    THOUGHT_VERBS, is_title_noun,
};
use crate::extract::tokens::{Kind, Token};
use crate::extract::{ExtractedQuotation, Reference};
use crate::mentions::MentionKind;

/// Words that open a subordinate clause put before the main one.
const FRONTED_SUBORDINATORS: &[&str] = &[
    "though", "although", "while", "when", "after", "before", "because", "if", "as", "since", "once", "unless",
    "until", "whereas",
];

/// How much of a subject a mention is: not one, a subordinate clause's, the main clause's.
const NOT_SUBJECT: u8 = 0;
const SUBORDINATE: u8 = 1;
const MAIN: u8 = 2;

/// Words that open a subordinate clause, before its subject.
const SUBORDINATE_OPENERS: &[&str] = &[
    "that", "while", "when", "though", "although", "because", "as", "if", "since", "after", "before", "until", "where",
    "whereas", "once", "unless", "whether",
];

/// Words that open a clause, before its subject.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "that", "while", "when", "though", "although", "because", "as", "if", "since", "after", "before",
    "until", "so", "where", "whereas", "once", "said", "says",
];

/// A person's gender, as the article's own words give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Gender {
    Feminine,
    Masculine,
}

impl Gender {
    /// The pronouns that stand for someone of this gender.
    fn pronouns(self) -> &'static [&'static str] {
        match self {
            Self::Feminine => &["she", "her", "hers", "herself"],
            Self::Masculine => &["he", "him", "his", "himself"],
        }
    }
}

impl Speech<'_, '_> {
    /// What the article's own words say of each person's gender: an
    /// honorific or a gendered title before the name ("Ms. Lynch",
    /// "Congresswoman Ruiz"), a gendered noun beside it ("his wife, Ana
    /// Ruiz", "Ruiz, a spokeswoman"), or the pronoun that a speech or thought
    /// verb takes right after the name ("Ruiz said she …", "Ruiz described
    /// herself"). Never from the name itself. Conflicting evidence leaves the
    /// gender unknown.
    pub(super) fn genders(&self) -> BTreeMap<String, Gender> {
        let mut evidence: BTreeMap<String, BTreeSet<Gender>> = BTreeMap::new();
        let word_gender = |t: &Token<'_>| -> Option<Gender> {
            if t.kind != Kind::Word {
                return None;
            }
            let lower = t.lower();
            if FEMININE_TITLES.contains(&t.text) || FEMININE_NOUNS.contains(&lower.as_str()) {
                Some(Gender::Feminine)
            } else if MASCULINE_TITLES.contains(&t.text) || MASCULINE_NOUNS.contains(&lower.as_str()) {
                Some(Gender::Masculine)
            } else {
                None
            }
        };
        let pronoun_gender = |i: usize| match self.lower(i).as_str() {
            "he" | "himself" => Some(Gender::Masculine),
            "she" | "herself" => Some(Gender::Feminine),
            _ => None,
        };
        for m in self.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            // A name of unknown type ("Lynch") may be a person's: what it is
            // said to do tells.
            if !matches!(
                self.kind_of(&m.entity),
                Some(EntityType::Person | EntityType::Organization | EntityType::AnonymousSource)
            ) {
                continue;
            }
            let (Some(&first), Some(&last)) = (self.token_at.get(&m.span.begin), self.token_ending.get(&m.span.end))
            else {
                continue;
            };
            if !self.outside(first) {
                continue;
            }
            let sentence = self.tokens[first].sentence;
            let same = |i: usize| self.tokens.get(i).is_some_and(|t| t.sentence == sentence);
            let mut found = Vec::new();
            // Before the name: "Ms." or "Congresswoman", "his wife".
            let mut k = first;
            if k > 0 && self.tokens[k - 1].is_punct('.') {
                k -= 1;
            }
            // The name must end its noun phrase ("his wife, Democratic
            // nominee Ana Ruiz" does not make "Democratic" a woman).
            let ends_phrase = self
                .tokens
                .get(last + 1)
                .is_none_or(|t| t.kind != Kind::Word || (!t.is_capitalised() && !is_title_noun(t.text)));
            if k > 0
                && same(k - 1)
                && (ends_phrase || self.tokens[k - 1].kind == Kind::Word && self.tokens[k].is_punct('.'))
            {
                found.extend(word_gender(&self.tokens[k - 1]));
            }
            if k > 1 && ends_phrase && self.tokens[k - 1].is_punct(',') && same(k - 2) {
                found.extend(word_gender(&self.tokens[k - 2]).filter(|_| self.is_word(k - 3, &["his", "her"])));
            }
            // An apposition: "Ana Ruiz, a spokeswoman for …,".
            if self.tokens.get(last + 1).is_some_and(|t| t.is_punct(',')) {
                let mut i = last + 2;
                if self.is_word(i, &["a", "an", "the", "his", "her"]) {
                    i += 1;
                }
                while same(i) && i < last + 7 && self.tokens[i].kind == Kind::Word && !self.is_word(i, BOUNDARIES) {
                    if let Some(g) = word_gender(&self.tokens[i]) {
                        found.push(g);
                        break;
                    }
                    if self.is_word(i, &["of", "for", "at", "in", "from", "with", "to"]) {
                        break;
                    }
                    i += 1;
                }
            }
            // "Ruiz said she", "Ruiz said that he", "Ruiz described herself".
            let v = self.verb_after(last).unwrap_or(last + 1);
            let reports =
                [SPEECH_VERBS, MANNER_VERBS, THOUGHT_VERBS, DESCRIBING_VERBS].iter().any(|l| self.is_verb(v, l));
            if same(v) && reports {
                let mut p = v + 1;
                if self.is_word(p, &["that", "why", "how", "what", "when", "whether", "where"]) {
                    p += 1;
                }
                if same(p) && self.outside(p) {
                    found.extend(pronoun_gender(p));
                }
            } else if same(v + 1) && self.tokens[v].kind == Kind::Word && self.outside(v + 1) {
                found.extend(pronoun_gender(v + 1).filter(|_| self.is_word(v + 1, &["himself", "herself"])));
            }
            if !found.is_empty() {
                evidence.entry(m.entity.clone()).or_default().extend(found);
            }
        }
        evidence
            .into_iter()
            .filter_map(|(entity, genders)| match genders.into_iter().collect::<Vec<_>>().as_slice() {
                [one] => Some((entity, *one)),
                _ => None,
            })
            .collect()
    }

    /// Resolves `he` or `she` at `at` to a person named since the start of
    /// the paragraph before, when nobody else who could be meant stands
    /// between (no other person of that gender, no person of unknown gender
    /// as a clause's subject, no speaker whose name is not known):
    /// the one who was last the subject of a clause or the speaker of a
    /// quotation among the people the article has given that gender (see
    /// [`Speech::genders`]); else the one person named before it in its
    /// paragraph, as a subject; else, when its paragraph names nobody before
    /// it, the last speaker of the paragraph before.
    pub(super) fn pronoun(&self, at: Span, block: usize) -> Option<Reference> {
        let gender = match self.text(at).to_lowercase().as_str() {
            "he" => Gender::Masculine,
            "she" => Gender::Feminine,
            _ => return None,
        };
        let first_here = self.tokens.iter().position(|t| t.block == block)?;
        let window = first_here
            .checked_sub(1)
            .and_then(|p| self.tokens.iter().position(|t| t.block == self.tokens[p].block))
            .unwrap_or(first_here);
        let window_begin = self.tokens[window].span.begin;
        // People named or pronouns resolved in the window: (where, who,
        // whether a subject). A name of unknown type as a clause's subject
        // may be a person's too: it stands between, though it is no candidate.
        let mut refs: Vec<(Span, &str, u8)> = Vec::new();
        let mut persons: BTreeSet<&str> = BTreeSet::new();
        for m in self.mentions.iter().chain(&self.registry.extra_mentions) {
            let kind = self.kind_of(&m.entity);
            let personal = matches!(kind, Some(EntityType::Person | EntityType::AnonymousSource))
                || self.gender.contains_key(&m.entity);
            if m.span.begin >= window_begin && m.span.end <= at.begin {
                let Some(&i) = self.token_at.get(&m.span.begin) else { continue };
                if !self.outside(i) || self.modifies_a_name(m.span) {
                    continue;
                }
                let subject =
                    if self.timeline.iter().any(|(s, _)| *s == m.span) { MAIN } else { self.clause_subject(m.span) };
                if personal || subject > NOT_SUBJECT {
                    refs.push((m.span, m.entity.as_str(), subject));
                }
                if personal {
                    persons.insert(m.entity.as_str());
                }
            }
        }
        for (span, entity) in &self.pronoun_refs {
            if span.begin >= window_begin && span.end <= at.begin {
                refs.push((*span, entity.as_str(), MAIN));
                persons.insert(entity.as_str());
            }
        }
        refs.sort();
        let fits = |id: &str| self.gender.get(id) == Some(&gender);
        let unknown = |id: &str| !self.gender.contains_key(id);
        if let Some(found) = self.cataphora(at, gender) {
            return found;
        }
        // The antecedent stands before the pronoun's sentence; whoever is
        // named in that sentence before the pronoun only stands between.
        let sentence_begin = self.tokens[*self.token_at.get(&at.begin)?].sentence;
        let sentence_begin = self.tokens[self.sentence_range(sentence_begin).0].span.begin;
        let unnamed_since = |from: Span| self.unnamed.iter().any(|u| u.begin >= from.end && u.end <= at.begin);
        let pronoun = self.text(at);
        // The last subject the article has given that gender.
        if let Some(last) = refs
            .iter()
            .rposition(|r| r.2 > NOT_SUBJECT && fits(r.1) && persons.contains(r.1) && r.0.end <= sentence_begin)
        {
            let (span, entity, _) = refs[last];
            // Another subject of that gender in the window makes it a guess.
            let rival = refs[..last].iter().any(|r| r.1 != entity && r.2 > NOT_SUBJECT && fits(r.1));
            let blocked = rival
                || refs[last..].iter().any(|r| r.1 != entity && (fits(r.1) || (unknown(r.1) && r.2 > NOT_SUBJECT)));
            if !blocked && !unnamed_since(span) {
                return Some(Reference {
                    entity: entity.to_owned(),
                    span,
                    cue: format!(
                        "{pronoun:?}: {:?}, the last subject of that gender, with nobody else it could mean named since",
                        self.text(span)
                    ),
                });
            }
            return None;
        }
        // Else the one person named in the paragraph before the pronoun's
        // sentence, as a subject, when no pronoun of that gender before
        // the name points elsewhere.
        let paragraph_begin = self.tokens[first_here].span.begin;
        let here: Vec<&(Span, &str, u8)> = refs.iter().filter(|r| r.0.begin >= paragraph_begin).collect();
        let people: BTreeSet<&str> = here.iter().map(|r| r.1).collect();
        let compatible = |id: &str| unknown(id) || fits(id);
        if let [only] = people.iter().copied().collect::<Vec<_>>().as_slice()
            && persons.contains(only)
        {
            let first = here[0].0;
            let subject = here.iter().rev().find(|r| r.2 > NOT_SUBJECT && r.0.end <= sentence_begin);
            let pronoun_before = (first_here..self.token_at[&first.begin])
                .any(|i| self.outside(i) && self.is_word(i, gender.pronouns()));
            if let Some((span, _, _)) = subject
                && compatible(only)
                && !pronoun_before
                && !unnamed_since(*span)
            {
                return Some(Reference {
                    entity: (*only).to_owned(),
                    span: *span,
                    cue: format!(
                        "{pronoun:?}: {:?}, the one person named before it in the paragraph",
                        self.text(*span)
                    ),
                });
            }
            return None;
        }
        if !people.is_empty() {
            return None;
        }
        // Else, when its paragraph names nobody before it, the one person
        // who was a subject in the paragraph before, if the others named
        // there were not.
        let subjects: BTreeSet<&str> =
            refs.iter().filter(|r| r.2 > NOT_SUBJECT && r.0.end <= sentence_begin).map(|r| r.1).collect();
        if let [only] = subjects.iter().copied().collect::<Vec<_>>().as_slice()
            && persons.contains(only)
            && compatible(only)
        {
            let (span, _, level) = refs.iter().rev().find(|r| r.1 == *only && r.2 > NOT_SUBJECT)?;
            if *level != MAIN {
                return None;
            }
            let after = refs.iter().any(|r| r.0.begin >= span.end && r.1 != *only && fits(r.1));
            return (!after && !unnamed_since(*span)).then(|| Reference {
                entity: (*only).to_owned(),
                span: *span,
                cue: format!("{pronoun:?}: {:?}, the one subject named in the paragraph before", self.text(*span)),
            });
        }
        // Else the last speaker of the paragraph before, with nobody named since.
        let (span, entity) = self.timeline.iter().rev().find(|(s, _)| s.end <= at.begin && s.begin >= window_begin)?;
        if !persons.contains(entity.as_str()) {
            return None;
        }
        let someone_else = refs.iter().any(|r| r.0.begin >= span.end && r.1 != entity);
        (compatible(entity) && !someone_else && !unnamed_since(*span)).then(|| Reference {
            entity: entity.clone(),
            span: *span,
            cue: format!("{pronoun:?}: the last speaker, {:?}, with nobody else named since", self.text(*span)),
        })
    }

    /// Whether the name at `span` only modifies a person's name after it
    /// ("Harlow campaign spokesman Tomas Reyes", "Lind's press secretary
    /// Ada Brennan"): it refers to nobody the next pronoun could mean.
    fn modifies_a_name(&self, span: Span) -> bool {
        let Some(&last) = self.token_ending.get(&span.end) else { return false };
        let mut i = last + 1;
        while i < self.tokens.len()
            && i < last + 6
            && self.tokens[i].sentence == self.tokens[last].sentence
            && (self.tokens[i].kind == Kind::Possessive
                || (self.tokens[i].kind == Kind::Word && !self.tokens[i].is_capitalised() && self.office_word(i)))
        {
            i += 1;
        }
        i > last + 1
            && self.tokens.get(i).is_some_and(|t| t.is_capitalised())
            && self.mentions.iter().any(|m| {
                m.span.begin == self.tokens[i].span.begin
                    && m.kind == MentionKind::Name
                    && self.kind_of(&m.entity) == Some(EntityType::Person)
            })
    }

    /// A pronoun in a clause put before the main one ("Though she called it
    /// “outrageous,” Lind …") stands for the main clause's subject: that
    /// person when the main clause opens with a name of the same or unknown
    /// gender, else nobody (`Some(None)`); `None` when the pronoun is not in
    /// such a clause.
    fn cataphora(&self, at: Span, gender: Gender) -> Option<Option<Reference>> {
        let p = *self.token_at.get(&at.begin)?;
        let (s_start, s_end) = self.sentence_range(self.tokens[p].sentence);
        let mut first = s_start;
        while self.is_word(first, LEADING) {
            first += 1;
        }
        if !self.is_word(first, FRONTED_SUBORDINATORS) {
            return None;
        }
        // The comma closing the clause, maybe inside a quotation's marks ("“reckless,”").
        let comma = (first..s_end).find(|&i| {
            self.tokens[i].is_punct(',')
                && (self.outside(i) || self.quote_of[i].is_some_and(|q| self.quotes[q].close == Some(i + 1)))
        })?;
        if comma < p {
            return None;
        }
        let mut comma = comma;
        while self.tokens.get(comma + 1).is_some_and(|t| matches!(t.kind, Kind::CloseQuote | Kind::StraightQuote)) {
            comma += 1;
        }
        let main = self.mentions.iter().filter(|m| m.kind == MentionKind::Name).find(|m| {
            self.token_at.get(&m.span.begin).is_some_and(|&i| i > comma && (comma + 1..i).all(|k| self.office_word(k)))
        });
        let found = main.filter(|m| {
            matches!(self.kind_of(&m.entity), Some(EntityType::Person))
                && self.gender.get(&m.entity).is_none_or(|g| *g == gender)
        });
        Some(found.map(|m| Reference {
            entity: m.entity.clone(),
            span: m.span,
            cue: format!("{:?}: {:?}, the subject of the main clause after it", self.text(at), self.text(m.span)),
        }))
    }

    /// Whether a mention is the subject of a clause: it opens the sentence
    /// or a clause (after a comma, a conjunction, a title), and a verb
    /// follows it (after an apposition or a parenthesis). [`MAIN`] for the
    /// main clause, [`SUBORDINATE`] for a clause that a subordinator opens
    /// ("that Okafor is", "While Lind had …,"), else [`NOT_SUBJECT`].
    pub(super) fn clause_subject(&self, span: Span) -> u8 {
        let (Some(&first), Some(&last)) = (self.token_at.get(&span.begin), self.token_ending.get(&span.end)) else {
            return NOT_SUBJECT;
        };
        let sentence = self.tokens[first].sentence;
        let mut b = first;
        while b > 0 && self.tokens[b - 1].sentence == sentence && self.office_word(b - 1) {
            b -= 1;
        }
        let starts = b == 0 || self.tokens[b - 1].sentence != sentence;
        let subordinate = !starts && self.is_word(b - 1, SUBORDINATE_OPENERS);
        let opens = starts
            || subordinate
            || self.tokens[b - 1].is_punct(',')
            || self.tokens[b - 1].is_punct('\u{2014}')
            || self.is_word(b - 1, CLAUSE_OPENERS);
        if !opens || self.verb_after(last).is_none() {
            return NOT_SUBJECT;
        }
        // Inside a clause put before the main one: "While Lind had …, X …".
        let (mut s_start, _) = self.sentence_range(sentence);
        while self.is_word(s_start, LEADING) {
            s_start += 1;
        }
        let fronted = self.is_word(s_start, FRONTED_SUBORDINATORS)
            && (s_start..first).all(|i| !(self.tokens[i].is_punct(',') && self.outside(i)));
        if subordinate || fronted { SUBORDINATE } else { MAIN }
    }

    /// The verb after a subject whose last token is `last`: past a
    /// parenthesis ("Ana Ruiz (D-Md.) said"), an apposition ("Ana Ruiz, the
    /// chairman, said") or the comma closing the name as one ("The chairman,
    /// Ana Ruiz, said"), and past adverbs.
    pub(super) fn verb_after(&self, last: usize) -> Option<usize> {
        let sentence = self.tokens[last].sentence;
        let verb_at = |mut a: usize| {
            while self.is_adverb(a) {
                a += 1;
            }
            (self.tokens.get(a).is_some_and(|t| t.sentence == sentence) && self.looks_like_verb(a)).then_some(a)
        };
        let a = last + 1;
        let t = self.tokens.get(a)?;
        if t.is_punct('(') {
            let close = (a..self.tokens.len().min(a + 8)).find(|&i| self.tokens[i].is_punct(')'))?;
            return verb_at(close + 1);
        }
        if t.is_punct(',') {
            if let Some(v) = verb_at(a + 1) {
                return Some(v);
            }
            let close = (a + 1..self.tokens.len().min(a + 14))
                .take_while(|&i| self.tokens[i].sentence == sentence)
                .find(|&i| self.tokens[i].is_punct(','))?;
            return verb_at(close + 1);
        }
        verb_at(a)
    }

    /// Resolves the pronoun that opens sentence `s` as its subject ("She
    /// escalated her criticism …"), so that the pronouns after it see whom
    /// the text is about; a person resolved so, whose gender the article had
    /// not given, takes the pronoun's.
    pub(super) fn subject_pronoun(&mut self, s: usize) {
        let (mut a, end) = self.sentence_range(s);
        while a < end && self.is_word(a, LEADING) {
            a += 1;
        }
        let gender = match self.lower(a).as_str() {
            "he" => Gender::Masculine,
            "she" => Gender::Feminine,
            _ => return,
        };
        if a >= end || !self.outside(a) || self.verb_after(a).is_none() {
            return;
        }
        let at = self.tokens[a].span;
        if let Some(found) = self.pronoun(at, self.tokens[a].block) {
            self.gender.entry(found.entity.clone()).or_insert(gender);
            self.pronoun_refs.push((at, found.entity));
        }
    }

    /// The reference a noun phrase settles to, pronouns resolved (and kept
    /// as references for the pronouns after them).
    pub(super) fn settle(&mut self, np: Np, block: usize) -> Option<Reference> {
        match np {
            Np::Entity(r) => Some(r),
            Np::Pronoun(at) => {
                let found = self.pronoun(at, block)?;
                let gender =
                    if self.text(at).eq_ignore_ascii_case("she") { Gender::Feminine } else { Gender::Masculine };
                self.gender.entry(found.entity.clone()).or_insert(gender);
                self.pronoun_refs.push((at, found.entity.clone()));
                Some(found)
            }
            Np::Unnamed(span) => {
                self.unnamed.push(span);
                None
            }
            Np::Unresolved => None,
        }
    }

    /// The follow-on rule: a sentence that is nothing but a quotation takes
    /// the speaker of the quotation directly before it, in its paragraph, or
    /// at the end of the paragraph before when it opens its own (or
    /// continues the unclosed quotation that ends the paragraph before) —
    /// when nobody else is named in between.
    pub(super) fn follow_on(&self, q: usize, before: &[ExtractedQuotation]) -> Result<(Reference, String), String> {
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
        let opens_paragraph = quote.open == 0 || self.tokens[quote.open - 1].block != quote.block;
        let paragraph_before =
            opens_paragraph && quote.open > 0 && self.tokens[quote.open - 1].block == prev_quote.block;
        let continues = paragraph_before && prev_quote.close.is_none();
        // The quotation before ends its paragraph: its sentence is the last.
        let ends_paragraph = paragraph_before
            && self.tokens.get(self.sentence_range(prev_quote.sentence).1).is_none_or(|t| t.block != prev_quote.block);
        if prev_quote.block != quote.block && !continues && !ends_paragraph {
            return Err("no attribution in its sentence and no quotation just before it".to_owned());
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
        }) || self.unnamed.iter().any(|u| between.contains(*u));
        if someone_else {
            return Err("no attribution in its sentence; someone else is named since the last quotation".to_owned());
        }
        let cue = if continues {
            "continues the unclosed quotation of the paragraph before".to_owned()
        } else if prev_quote.block != quote.block {
            format!("follow-on: the quotation ending the paragraph before is {:?}'s", self.text(speaker.span))
        } else {
            format!("follow-on: the quotation before it in the paragraph is {:?}'s", self.text(speaker.span))
        };
        Ok((Reference { entity: speaker.entity.clone(), span: speaker.span, cue: cue.clone() }, cue))
    }
}
