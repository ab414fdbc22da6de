//! Attribution patterns: where the speech verb and its subject stand
//! around a quotation.

use super::{Attribution, BOUNDARIES, MANNER_PREPOSITIONS, Np, Speech};
use crate::extract::lexicon::{ADDRESS_VERBS, SPEECH_VERBS};
use crate::extract::tokens::Kind;
use crate::extract::{ExtractedQuotation, Reference};

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

impl Speech<'_, '_> {
    /// The text of a phrase of manner from `from` to `to` ("by telephone"),
    /// unless it is only a time ("on Wednesday").
    pub(super) fn manner(&self, from: usize, to: usize) -> Option<String> {
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

    pub(super) fn attribute(&mut self, q: usize, before: &[ExtractedQuotation]) -> ExtractedQuotation {
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

    /// `"…," X said`, `"…," said X`, `"…," X told Y`, `"…," according to X`.
    pub(super) fn after_quote(&mut self, q: usize) -> Option<Attribution> {
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
    pub(super) fn addressee(&mut self, v: usize, limit: usize) -> (Option<Reference>, usize) {
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
    pub(super) fn before_quote(&mut self, q: usize) -> Option<Attribution> {
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
    pub(super) fn described(&mut self, v: usize, open: usize, floor: usize) -> Option<Attribution> {
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
    pub(super) fn trailing_for_quote(&mut self, q: usize) -> Option<Attribution> {
        let (sentence, marks) = (self.quotes[q].sentence, self.quotes[q].marks);
        let (comma, attribution) = self.trailing(sentence)?;
        (marks.end <= self.tokens[comma].span.begin).then_some(attribution)
    }

    /// The attribution `, X said [manner].` ending sentence `s`, with the index
    /// of its comma.
    pub(super) fn trailing(&mut self, s: usize) -> Option<(usize, Attribution)> {
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
}
