//! Reported speech as claims: `X said (that) CLAUSE`, `according to X,
//! CLAUSE`, `CLAUSE, X said`, with hedges lowering certainty.

use super::{LEADING, MANNER_PREPOSITIONS, Np, Speech};
use crate::annotation::{Certainty, Polarity};
use crate::extract::lexicon::{ADDRESS_VERBS, CLAIM_VERBS, SPEECH_VERBS};
use crate::extract::tokens::Kind;
use crate::extract::{ExtractedClaim, Reference};

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

impl Speech<'_, '_> {
    pub(super) fn claims(&mut self, s: usize) -> Vec<ExtractedClaim> {
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
        // A document quoted as it reads asserts nothing itself: no claim has it as source.
        claims.retain(|c| !self.is_document(&c.source.entity));
        claims
    }

    pub(super) fn claim_at(
        &mut self,
        v: usize,
        s_start: usize,
        e: usize,
        s_end: usize,
        verbs: &[usize],
    ) -> Vec<ExtractedClaim> {
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
            .filter(|source| !self.is_document(&source.entity))
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
    pub(super) fn sources(&mut self, a: usize, b: usize, block: usize) -> Vec<Reference> {
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
    pub(super) fn factuality(&self, from: usize, to: usize, verb: usize) -> (Certainty, Polarity) {
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
