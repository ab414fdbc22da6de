//! Attribution patterns: where the speech verb and its subject stand around
//! a quotation.
//!
//! After it: `"…," X said`, `"…," said X`, `"…?" X asked`, `"…." X said.`
//! (only when nothing but the attribution follows), `"…," according to X`.
//! Before it: `X said: "…"`, `X said "…"`, `X told Y that "…"`, `Said X:
//! "…"`, `According to X, "…"`; and a partial quotation in the complement of
//! the nearest verb of speech before it (`X said it was "…"`, `X called Y
//! "…"`, `X described it as "…"`), whose subject may be carried from the
//! clause the verb hangs on (`X attacked Y, saying "…"`, `X stressed … and
//! said "…"`). At the end of the sentence: `… "…" …, X said.`

use super::coref::NOT_SUBJECT;
use super::{Attribution, BOUNDARIES, LEADING, MANNER_PREPOSITIONS, Np, Speech};
use crate::annotation::EntityType;
use crate::extract::lexicon::{
    ADDRESS_VERBS, DESCRIBING_VERBS, DOCUMENT_HEADS, MANNER_VERBS, PHRASAL_SPEECH_VERBS, SPEECH_NOUNS,
    SPEECH_PARTICIPLES, SPEECH_VERBS,
};
use crate::extract::tokens::Kind;
use crate::extract::{ExtractedQuotation, Reference};

/// Words between a reporting verb and a quotation that give it to someone else
/// ("the plan, which critics called "a disaster"", "chants of "…"").
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
    "so-called",
    "chants",
    "chanting",
    "chanted",
    "shouts",
    "cries",
    "sign",
    "signs",
    "banner",
    "placard",
    "slogan",
    "headline",
    "motto",
    "hashtag",
];

/// Words before a quotation that make it the object of a clause.
const QUOTE_OBJECT_MARKERS: &[&str] =
    &["and", "or", "nor", "about", "of", "for", "with", "like", "by", "from", "on", "to", "in", "at", "into", "than"];

/// Words before an `-ing` word that make it a noun ("at a meeting:").
const NOT_BEFORE_PARTICIPLE: &[&str] = &[
    "a", "an", "the", "this", "that", "his", "her", "its", "their", "our", "my", "your", "of", "in", "at", "on", "for",
    "to", "from", "into", "during", "any", "every", "each", "no", "some",
];

/// Small words left in lower case inside a title ("Women in Power").
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from", "as", "vs", "nor",
];

/// Auxiliaries between a subject and its verb ("Holm had described").
const AUXILIARIES: &[&str] = &["had", "has", "have", "was", "were", "is", "are", "would", "will", "could", "also"];

/// Words that open an adverbial clause, with a subject of its own.
const ADVERBIAL_SUBORDINATORS: &[&str] = &[
    "because", "while", "when", "if", "although", "though", "after", "before", "whether", "where", "since", "until",
    "unless", "whereas",
];

/// Words after `as` in phrases that open no clause ("said as much", "as well").
const FIXED_AFTER_AS: &[&str] = &["much", "well"];

/// Forms of `go`, whose `after` is a particle ("went after Hale").
const GO_VERBS: &[&str] = &["go", "goes", "going", "went", "gone"];

/// Verbs of refusal before an infinitive: what someone declined to say
/// is not their words.
const REFUSALS: &[&str] =
    &["declined", "declining", "refused", "refusing", "failed", "failing", "hesitated", "neglected", "forgot"];

/// Subordinators that may open a clause quoted whole in someone's reported speech.
const QUOTED_CLAUSE_OPENERS: &[&str] = &["because", "while", "although", "though", "when", "if"];

/// Relative pronouns.
const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "what"];

/// Words that open a clause with a subject of its own.
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "while", "when", "if", "although", "though", "after", "before",
    "whether", "where", "since", "until", "unless", "as", "than",
];

/// Words after an attribution that begin a new clause: `"…." Okafor said he
/// …` is a new statement, not the attribution of the quotation before it.
const NEW_CLAUSE: &[&str] = &[
    "that", "he", "she", "they", "we", "i", "it", "who", "which", "because", "would", "will", "was", "is", "were",
    "are", "has", "have", "had", "there",
];

/// Capitalised verbs that open a sentence in an inverted attribution
/// (`Said Ellis: "…"`).
const OPENING_VERBS: &[&str] = &[
    "Said",
    "Added",
    "Continued",
    "Asked",
    "Wrote",
    "Tweeted",
    "Replied",
    "Countered",
    "Explained",
    "Noted",
    "Concluded",
    "Says",
    "Adds",
    "Writes",
    "Stated",
    "Declared",
    "Insisted",
];

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

    /// The speech verb at token `i`, as the index after it (two tokens for
    /// "went on"); `beside` admits the verbs that attribute only a quotation
    /// right beside them.
    fn speech_verb(&self, i: usize, beside: bool) -> Option<usize> {
        if self.is_verb(i, SPEECH_VERBS) || (beside && self.is_verb(i, MANNER_VERBS)) {
            return Some(i + 1);
        }
        // A document reads as it is quoted: "the letter reads".
        if self.is_verb(i, &["reads", "read"]) && i > 0 && self.is_word(i - 1, DOCUMENT_HEADS) {
            return Some(i + 1);
        }
        let phrasal = PHRASAL_SPEECH_VERBS.iter().any(|(v, p)| self.is_verb(i, &[v]) && self.is_word(i + 1, &[p]));
        (beside && phrasal).then_some(i + 2)
    }

    /// Whether quotation `q` is a title or a name in quotation marks ("told
    /// ABC's “Good Morning America”"): two words or more, every long word
    /// capitalised, and no full stop, question or exclamation mark.
    pub(super) fn is_title_quote(&self, q: usize) -> bool {
        let text = self.text(self.quotes[q].text);
        let text = text.trim_end_matches([',', ' ']);
        if text.ends_with(['.', '?', '!', '\u{2026}']) {
            return false;
        }
        let words: Vec<&str> =
            text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
        words.len() >= 2
            && words.iter().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || TITLE_SMALL_WORDS.contains(w)
            })
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
        if self.is_title_quote(q) {
            result.cue = "a title or a name in quotation marks, not words spoken".to_owned();
            return result;
        }
        let found = self
            .after_quote(q)
            .or_else(|| self.before_quote(q))
            .or_else(|| self.trailing_for_quote(q))
            .or_else(|| self.colon_paragraph(q));
        if let Some(attribution) = found {
            self.consumed.insert(attribution.verb);
            result.addressee = attribution.addressee;
            result.manner = attribution.manner;
            match self.settle_or_why(attribution.speaker, quote.block) {
                Ok(speaker) => {
                    // A pronoun or a role phrase says whom it was read as.
                    result.cue = if speaker.cue.contains(": ") {
                        format!("{}; {}", attribution.cue, speaker.cue)
                    } else {
                        attribution.cue
                    };
                    result.speaker = Some(speaker);
                }
                Err(why) => result.cue = format!("{}, but {why}", attribution.cue),
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

    /// `"…," X said`, `"…," said X`, `"…," X told Y`, `"…," according to X`;
    /// after a quotation that ends its own sentence (`"…." X said.`), only
    /// an attribution with nothing after it but a time, a manner or a place.
    pub(super) fn after_quote(&mut self, q: usize) -> Option<Attribution> {
        let quote = &self.quotes[q];
        let close = quote.close?;
        let (_, s_end) = self.sentence_range(quote.sentence);
        // A quotation in a list or after a preposition ("went on about “…,”
        // and “…,”") is the object of a clause, not the words the
        // attribution after it reports.
        if quote.open > 0
            && self.tokens[quote.open - 1].sentence == quote.sentence
            && self.is_word(quote.open - 1, QUOTE_OBJECT_MARKERS)
        {
            return None;
        }
        let inner = self.text(quote.text);
        let inner_last = inner.trim_end_matches(['\'', '\u{2019}', '"', ' ']).chars().last();
        let mut k = close + 1;
        let comma_after = k < s_end && self.tokens[k].is_punct(',');
        if comma_after {
            k += 1;
        }
        let open_ended =
            comma_after || matches!(inner_last, Some(',' | '?' | '!' | '\u{2014}' | '\u{2013}' | '\u{2026}' | '-'));
        let full_stop = matches!(inner_last, Some('.'));
        if !(open_ended || full_stop) {
            return None;
        }
        let seg_end = (k..s_end).find(|&i| !self.outside(i)).unwrap_or(s_end);
        if k >= seg_end {
            return None;
        }
        self.attribution_at(k, seg_end, !open_ended)
    }

    /// The attribution opening at token `k` and ending before `seg_end`:
    /// `said X`, `according to X` or `X said [to Y]`. With `bare`, nothing
    /// may follow it that begins a clause of its own.
    fn attribution_at(&mut self, k: usize, seg_end: usize, bare: bool) -> Option<Attribution> {
        // "said X": inversion.
        if let Some(after_verb) = self.speech_verb(k, true) {
            let nps = self.forward_nps(after_verb, seg_end);
            let found = nps.iter().find_map(|&(a, b)| match self.resolve(a, b) {
                Np::Unresolved => None,
                np => Some((np, b)),
            });
            let (speaker, b) = match found {
                Some(found) => found,
                None => {
                    let &(a, b) = nps.last()?;
                    (Np::Unnamed(self.span_of(a, b)), b)
                }
            };
            if bare && !self.bare_tail(b, seg_end) {
                return None;
            }
            let manner = self.manner(b, seg_end);
            let verb = self.text(self.span_of(k, after_verb)).to_lowercase();
            return Some(Attribution { speaker, verb: k, addressee: None, manner, cue: format!("\"…,\" {verb} X") });
        }
        // "as X put it", "as X said": a clause of comparison whose subject said it.
        if self.is_word(k, &["as"])
            && let Some(v) = (k + 2..seg_end.min(k + 12)).find(|&i| {
                self.is_verb(i, SPEECH_VERBS) || (self.is_verb(i, &["put", "puts"]) && self.is_word(i + 1, &["it"]))
            })
            && let Some((a, b)) = self.backward_np(v, k + 1)
            && a == k + 1
        {
            let after_verb = if self.is_word(v, &["put", "puts"]) { v + 2 } else { v + 1 };
            if bare && !self.bare_tail(after_verb, seg_end) {
                return None;
            }
            let speaker = match self.resolve(a, b) {
                Np::Unresolved => Np::Unnamed(self.span_of(a, b)),
                np => np,
            };
            let verb = self.text(self.span_of(v, after_verb)).to_lowercase();
            return Some(Attribution {
                speaker,
                verb: v,
                addressee: None,
                manner: None,
                cue: format!("\"…,\" as X {verb}"),
            });
        }
        // "per the bylaws", "per a court filing".
        let per = self.is_word(k, &["per"]);
        if per || (self.is_word(k, &["according"]) && self.is_word(k + 1, &["to"])) {
            let (from, how) = if per { (k + 1, "per") } else { (k + 2, "according to") };
            for (a, b) in self.forward_nps(from, seg_end) {
                let np = self.resolve(a, b);
                if !matches!(np, Np::Unresolved) {
                    if bare && !self.bare_tail(b, seg_end) {
                        return None;
                    }
                    return Some(Attribution {
                        speaker: np,
                        verb: k,
                        addressee: None,
                        manner: None,
                        cue: format!("\"…,\" {how} X"),
                    });
                }
            }
            return None;
        }
        // "X said".
        // (Far enough for a long apposition: "X, a fellow at … and a former …, said".)
        let v = (k..seg_end.min(k + 32)).find(|&i| self.speech_verb(i, true).is_some())?;
        let after_verb = self.speech_verb(v, true)?;
        let (a, b) = self.backward_np(v, k)?;
        if a != k {
            return None;
        }
        let speaker = match self.resolve(a, b) {
            Np::Unresolved => Np::Unnamed(self.span_of(a, b)),
            np => np,
        };
        let verb = self.text(self.span_of(v, after_verb)).to_lowercase();
        let (addressee, after) = self.addressee(v, seg_end);
        let after = after.max(after_verb);
        if bare && !self.bare_tail(after, seg_end) {
            return None;
        }
        let manner = self.manner(after, seg_end);
        let cue = if addressee.is_some() { format!("\"…,\" X {verb} Y") } else { format!("\"…,\" X {verb}") };
        Some(Attribution { speaker, verb: v, addressee, manner, cue })
    }

    /// Whether the tokens `from..to` after an attribution hold no clause of
    /// their own: a time, a manner, a place, a participle ("…, clapping").
    fn bare_tail(&self, from: usize, to: usize) -> bool {
        to.saturating_sub(from) <= 12
            && (from..to).all(|i| {
                let t = &self.tokens[i];
                self.outside(i)
                    && !self.is_word(i, NEW_CLAUSE)
                    && !(t.kind == Kind::Word && self.speech_verb(i, false).is_some())
            })
    }

    /// The addressee after a verb like "told", and the index after it.
    pub(super) fn addressee(&mut self, v: usize, limit: usize) -> (Option<Reference>, usize) {
        if !self.is_word(v, ADDRESS_VERBS) && !self.is_word(v, &["telling"]) {
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
    /// `Said X: "…"`, `According to X, "…"`, and partial quotations in the
    /// complement of the nearest verb of speech (`X said … "…"`, `X called
    /// … "…"`).
    pub(super) fn before_quote(&mut self, q: usize) -> Option<Attribution> {
        let quote = self.quotes[q].clone();
        let (s_start, _) = self.sentence_range(quote.sentence);
        // The clause before the quotation, back to the quotation before it
        // (a title in quotation marks does not count).
        // (a title in quotation marks does not count, nor a partial
        // quotation of the same clause: "an “awful” job of covering the “race”").
        let floor = (s_start..quote.open)
            .rev()
            .find(|&i| {
                self.quote_of[i].is_some_and(|other| !self.is_title_quote(other) && !self.partial.contains_key(&other))
            })
            .map_or(s_start, |i| i + 1);
        if quote.open <= floor {
            return None;
        }
        let mut p = quote.open;
        let introduced = self.tokens[p - 1].is_punct(':') || self.tokens[p - 1].is_punct(',');
        if introduced {
            p -= 1;
        }
        if p > floor && self.is_word(p - 1, &["that"]) {
            p -= 1;
        }
        // "According to X, "…""
        if let Some(according) = (floor..p).find(|&i| self.is_word(i, &["according"]))
            && self.is_word(according + 1, &["to"])
            && let Some(comma) = (according + 2..=p).find(|&i| i == p || self.tokens[i].is_punct(','))
            && comma > according + 2
            && comma - according <= 10
            && (comma..quote.open).all(|i| {
                self.outside(i)
                    && self.speech_verb(i, true).is_none()
                    && !self.is_word(i, OTHER_VOICES)
                    && !self.is_word(i, &["who", "which", "whose"])
            })
        {
            let np = self.resolve(according + 2, comma);
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
        // "Said Ellis: "…"".
        if introduced && floor == s_start && OPENING_VERBS.contains(&self.tokens[floor].text) && floor + 1 < p {
            let np = self.resolve(floor + 1, p);
            if !matches!(np, Np::Unresolved) {
                let verb = self.lower(floor);
                return Some(Attribution {
                    speaker: np,
                    verb: floor,
                    addressee: None,
                    manner: None,
                    cue: format!("{verb} X: \"…\""),
                });
            }
        }
        if let Some(attribution) = self.as_x_put_it(q, floor, p) {
            return Some(attribution);
        }
        // The nearest verb of speech before the quotation (a verb of the
        // manner of speaking only right before it: "Okafor boasted, "…"").
        let Some(v) = (floor..p).rev().find(|&i| {
            self.outside(i)
                && (self.speech_verb(i, false).is_some()
                    || self.is_word(i, DESCRIBING_VERBS)
                    || self.is_word(i, SPEECH_PARTICIPLES)
                    || self.talked_about(i).is_some()
                    || (introduced && self.speech_verb(i, true) == Some(p)))
        }) else {
            return self.as_complement(q, floor).or_else(|| self.speech_noun_colon(q, floor));
        };
        // "told a student who suggested that … that "…"": the second `that`
        // belongs to a verb before the relative clause, not to its own verb.
        if v > floor
            && self.is_word(v - 1, &["who"])
            && self.is_word(v + 1, &["that"])
            && p > v + 1
            && self.is_word(p, &["that"])
        {
            return None;
        }
        let after_verb = self.talked_about(v).or_else(|| self.speech_verb(v, true)).unwrap_or(v + 1);
        let verb = self.text(self.span_of(v, after_verb)).to_lowercase();
        let (addressee, after) = self.addressee(v, p);
        let after = after.max(after_verb);
        let manner = self.manner(after, p);
        let adjacent = after >= p
            || manner
                .as_ref()
                .is_some_and(|m| self.text(self.span_of(after, p)).trim_end_matches([',', ':']).trim() == m.as_str())
            || (after..p).all(|i| self.in_time[i] || self.is_word(i, MANNER_PREPOSITIONS))
            // "Kelly responded pointedly, with a smile: "…"".
            || (self.tokens[quote.open - 1].is_punct(':')
                && p - after <= 10
                && (after..p).all(|i| {
                    self.outside(i) && !self.is_word(i, SUBORDINATORS) && self.speech_verb(i, false).is_none()
                }));
        // Another verb right before the mark introduces the quotation: "his
        // father, who wired, "…"", "admonishing the client: "…"" (not a verb
        // of the clause the speech verb reports: "warned that prices would
        // rise again on Monday: "…"").
        // (Not a verb inside a clause the quotation ends: "…, which is a
        // problem because, "…"".)
        if introduced
            && !self.opens_quoted_clause(p - 1, quote.open)
            && let Some(w) = (v + 1..p).rev().take(5).find(|&i| self.introducing_verb(i))
            && w > v
            && ((v + 1..w).any(|i| self.is_word(i, RELATIVES)) || !self.looks_like_verb(w))
        {
            return None;
        }
        let core = self.is_verb(v, SPEECH_VERBS) || self.is_word(v, SPEECH_PARTICIPLES);
        let describing = self.is_word(v, DESCRIBING_VERBS) || self.talked_about(v).is_some();
        let (cue, partial) = if adjacent
            && (core || self.speech_verb(v, true).is_some())
            && self.talked_about(v).is_none()
        {
            (format!("X {verb}: \"…\""), false)
        } else if core || describing {
            // A partial quotation: nobody else's voice between verb and quotation.
            // (Earlier partial quotations of the same verb do not count: "called
            // him a “…” who is “…,” a “…” and a “…”".)
            let gap = (after..quote.open).filter(|&i| self.quote_of[i].is_none()).count();
            // `X said [Friday] that if …, "…"`: a clause opened after the
            // verb's `that` is part of what X said, not another voice.
            let reported_from =
                (after..quote.open).find(|&i| !self.in_time[i]).filter(|&i| core && self.is_word(i, &["that"]));
            let blocked = (v + 1..quote.open).any(|i| {
                self.quote_of[i].is_some_and(|other| !self.is_title_quote(other) && self.partial.get(&other) != Some(&v))
                    || self.tokens[i].is_punct(';')
                    || (self.is_word(i, OTHER_VOICES) && !(i == v && describing))
                    || (self.is_word(i, ADVERBIAL_SUBORDINATORS)
                        && !(core && self.opens_quoted_clause(i, quote.open))
                        && reported_from.is_none_or(|that| i < that))
                    // "people who are bullied": a relative clause is another
                    // voice only when it reports speech ("which critics called").
                    || (self.is_word(i, RELATIVES)
                        && (i + 1..quote.open).any(|k| self.is_word(k, DESCRIBING_VERBS) || self.speech_verb(k, false).is_some()))
                    || self.speech_verb(i, false).is_some()
                    || self.another_clause_subject(i)
            }) || (describing && !core && gap > 10);
            if blocked {
                return None;
            }
            (format!("partial quotation in X's words (X {verb} … \"…\")"), true)
        } else {
            return None;
        };
        // "X was prompted to say", "X said, going on to say": the subject
        // of the verb the infinitive completes.
        let governor = self.infinitive_governor(v, floor).unwrap_or(v);
        let speaker = match self.subject_of(governor, floor) {
            Some(speaker) => speaker,
            None => self.speaker_before_participle(governor, floor)?,
        };
        if partial {
            self.partial.insert(q, v);
        }
        Some(Attribution {
            speaker,
            verb: v,
            addressee: if partial { None } else { addressee },
            manner: if partial { None } else { manner },
            cue,
        })
    }

    /// The speaker of the quotation before a participle that goes on with
    /// its attribution: `"…," X said in a statement, adding that … "…"`.
    /// Only when that attribution's verb stands between the quotation before
    /// and the participle, with no other verb of speech, no subordinate
    /// clause and no other voice between them.
    fn speaker_before_participle(&mut self, v: usize, floor: usize) -> Option<Np> {
        // After a comma, or a quotation closed with one: `"…," adding`.
        let after_comma = v > floor
            && (self.tokens[v - 1].is_punct(',')
                || self.quote_of[v - 1].is_some_and(|other| {
                    self.quotes[other].close == Some(v - 1) && self.text(self.quotes[other].text).ends_with(',')
                }));
        if !(self.lower(v).ends_with("ing") && after_comma) {
            return None;
        }
        let said = (floor..v).find(|&i| self.consumed.contains(&i))?;
        // A partial quotation of the attribution itself may stand between:
        // `X said of it, "…," adding that "…"`.
        let said_own = |i: usize| self.quote_of[i].is_some_and(|other| self.partial.get(&other) == Some(&said));
        let clean = (floor..v).all(|i| {
            said_own(i)
                || (self.outside(i)
                && (i == said || self.speech_verb(i, false).is_none())
                && !self.is_word(i, SUBORDINATORS)
                && !self.is_word(i, OTHER_VOICES)
                && !self.tokens[i].is_punct(';')
                // No clause of its own after the attribution: "…, X said, and Y answered, saying".
                && (i <= said || !(self.looks_like_verb(i) || self.is_word(i, &["and", "but"]))))
        });
        if !clean {
            return None;
        }
        if let Some((span, entity)) = self.timeline.last()
            && ((span.begin >= self.tokens[floor].span.begin && span.end <= self.tokens[said].span.begin)
                || (span.begin >= self.tokens[said].span.end && span.end <= self.tokens[v].span.begin))
        {
            return Some(Np::Entity(Reference {
                entity: entity.clone(),
                span: *span,
                cue: format!("{:?}, the speaker of the attribution the participle goes on with", self.text(*span)),
            }));
        }
        // The subject of `"…," X said, adding` when no name stands there
        // ("the mayor", a pronoun): read it again.
        let (a, b) = self.backward_np(said, floor)?;
        (a == floor).then(|| self.resolve(a, b)).filter(|np| !matches!(np, Np::Unresolved))
    }

    /// The verb that an infinitive of speech at `v` completes, right
    /// before its `to`: a past form or a participle ("was prompted to say",
    /// "going on to say"), whose subject is the speaker — not a verb of
    /// refusal ("declined to say"), nor a verb with an object between
    /// ("urged voters to say").
    fn infinitive_governor(&self, v: usize, floor: usize) -> Option<usize> {
        if v < floor + 2 || !self.is_word(v - 1, &["to"]) {
            return None;
        }
        let mut w = v - 2;
        if w > floor && self.is_word(w, &["on"]) && self.is_word(w - 1, GO_VERBS) {
            w -= 1;
        }
        let t = &self.tokens[w];
        let lower = t.lower();
        let form = lower.ends_with("ed") || lower.ends_with("ing") || self.is_word(w, GO_VERBS);
        (t.kind == Kind::Word && !t.is_capitalised() && self.outside(w) && form && !self.is_word(w, REFUSALS))
            .then_some(w)
    }

    /// Whether a name at `i` opens a clause of its own with its subject,
    /// after a comma, `and`, `but` or `as` ("X said, but Hale was tired,
    /// and as Hale went on about “…”"): a partial quotation after it is no
    /// longer in the words of the verb before (a clause the verb reports,
    /// "X said Hale was “…”", does not count).
    fn another_clause_subject(&self, i: usize) -> bool {
        if i == 0 || !self.tokens[i].is_capitalised() {
            return false;
        }
        let opener = self.tokens[i - 1].is_punct(',') || self.is_word(i - 1, &["and", "but", "as"]);
        opener
            && self.mentions.iter().any(|m| {
                m.span.begin == self.tokens[i].span.begin
                    && matches!(self.kind_of(&m.entity), None | Some(EntityType::Person | EntityType::AnonymousSource))
                    && self.clause_subject(m.span) > NOT_SUBJECT
            })
    }

    /// Whether the subordinator at `i` opens a clause that is the quotation
    /// at `open` itself, its words and no one else's: `X said he left
    /// because "…"`, `… "…," while "…"`.
    fn opens_quoted_clause(&self, i: usize, open: usize) -> bool {
        self.is_word(i, QUOTED_CLAUSE_OPENERS) && (i + 1 == open || (i + 2 == open && self.tokens[i + 1].is_punct(',')))
    }

    /// `went on about`, `talked about`, `spoke of` at token `i`: a verb of
    /// speaking whose object in quotation marks gives its subject's words,
    /// as the index after the preposition.
    fn talked_about(&self, i: usize) -> Option<usize> {
        let phrasal = self.is_verb(i, &["went", "goes"]) && self.is_word(i + 1, &["on"]);
        let at = if phrasal { i + 2 } else { i + 1 };
        let verb = phrasal || self.is_verb(i, &["talked", "talks", "spoke", "speaks"]);
        // Not passive: "Ruiz was talked about as a "…"" gives nobody's words.
        let passive = i > 0 && self.is_word(i - 1, &["is", "was", "were", "are", "be", "been", "being"]);
        (verb && !passive && self.is_word(at, &["about", "of"])).then_some(at + 1)
    }

    /// Whether token `i` is the `after` of `go after` ("has gone after
    /// Hale"), a particle and no subordinator.
    fn phrasal_after(&self, i: usize) -> bool {
        i > 0 && self.is_word(i, &["after"]) && self.is_word(i - 1, GO_VERBS)
    }

    /// Whether token `i` is an `as` that opens no clause: `said as much`,
    /// `called for it as well`.
    fn fixed_as(&self, i: usize) -> bool {
        self.is_word(i, &["as"]) && self.is_word(i + 1, FIXED_AFTER_AS)
    }

    /// Whether token `i` is a verb that may introduce a quotation after a
    /// comma or a colon: a finite verb, or a participle opening a clause.
    fn introducing_verb(&self, i: usize) -> bool {
        let participle = self.tokens[i].kind == Kind::Word
            && !self.tokens[i].is_capitalised()
            && !self.is_word(i, &["including"])
            && self.lower(i).ends_with("ing")
            && self.lower(i).len() > 5
            && i > 0
            && self.tokens[i - 1].kind != Kind::Possessive
            && !self.is_word(i - 1, NOT_BEFORE_PARTICIPLE);
        self.outside(i) && (self.looks_like_verb(i) || participle)
    }

    /// The subject of the verb at `v`: the noun phrase before it (past an
    /// auxiliary: "Holm had described"), or, for a participle or a verb
    /// joined by "and", the subject of the clause it hangs on.
    fn subject_of(&mut self, v: usize, floor: usize) -> Option<Np> {
        let participle = self.is_word(v, SPEECH_PARTICIPLES) || self.lower(v).ends_with("ing");
        // A verb joined by `and` to the verb of a partial quotation right
        // before it has that verb's subject: "X called it "…" and called
        // for …", "telling Y that … "…" and questioning …".
        let mut j = v;
        while j > floor && self.is_adverb(j - 1) {
            j -= 1;
        }
        if j >= floor + 2
            && self.is_word(j - 1, &["and"])
            && let Some(previous) = self.quote_of[j - 2]
            && self.quotes[previous].close == Some(j - 2)
            && let Some(&w) = self.partial.get(&previous)
            && w < v
            && self.lower(w).ends_with("ing") == self.lower(v).ends_with("ing")
        {
            return self.subject_of(w, floor);
        }
        // "Ruiz, who said "…"": the relative stands for the noun phrase
        // before its comma.
        // (Past a time or an adverb: "Ruiz, who in 2019 said".)
        let mut who = v;
        while who > floor + 1 && (self.in_time[who - 1] || self.is_adverb(who - 1)) {
            who -= 1;
            if who > floor + 1 && self.in_time[who] && self.is_word(who - 1, &["in", "on"]) {
                who -= 1;
            }
        }
        if !participle
            && who > floor + 2
            && self.is_word(who - 1, &["who"])
            && self.tokens[who - 2].is_punct(',')
            && let Some((a, b)) = self.backward_np(who - 2, floor)
        {
            return Some(match self.resolve(a, b) {
                Np::Unresolved => Np::Unnamed(self.span_of(a, b)),
                np => np,
            });
        }
        if !participle {
            let verb_at = if v > floor + 1 && self.is_word(v - 1, AUXILIARIES) { v - 1 } else { v };
            if let Some((a, b)) = self.backward_np(verb_at, floor) {
                return Some(match self.resolve(a, b) {
                    Np::Unresolved => Np::Unnamed(self.span_of(a, b)),
                    np => np,
                });
            }
            let mut j = verb_at;
            while j > floor && self.is_adverb(j - 1) {
                j -= 1;
            }
            if !(j > floor && (self.is_word(j - 1, &["and", "but"]) || self.tokens[j - 1].is_punct(','))) {
                return None;
            }
        }
        self.carried_subject(v, floor)
    }

    /// The subject of the sentence a participle or a coordinated verb at `v`
    /// hangs on ("Okafor attacked Lind …, saying", "Lind stressed … and
    /// said"), when no clause with a subject of its own stands between.
    fn carried_subject(&mut self, v: usize, floor: usize) -> Option<Np> {
        let sentence = self.tokens[v].sentence;
        let (s_start, _) = self.sentence_range(sentence);
        if floor != s_start {
            return None;
        }
        let mut a = s_start;
        while a < v && self.is_word(a, LEADING) {
            a += 1;
        }
        // An opening phrase before a comma: "In an interview on Monday, she …".
        let opening = self.is_word(a, MANNER_PREPOSITIONS)
            || self.is_word(a, &["with"])
            || self.is_word(a, SUBORDINATORS)
            || self.in_time[a]
            || self.lower(a).ends_with("ing");
        if opening {
            let comma = (a..v).find(|&i| self.tokens[i].is_punct(','))?;
            a = comma + 1;
        }
        // The subject: a pronoun, or a name with its titles before it.
        let np_end = if self.is_word(a, &["he", "she"]) {
            a + 1
        } else {
            let (from, to) = (self.tokens[a].span.begin, self.tokens[v].span.begin);
            let mut inside: Vec<&crate::mentions::Mention> = self
                .mentions
                .iter()
                .chain(&self.registry.extra_mentions)
                .filter(|m| m.span.begin >= from && m.span.end <= to)
                .collect();
            inside.sort_by_key(|m| (m.span.begin, std::cmp::Reverse(m.span.end)));
            let mut m = *inside.first()?;
            // "Ruiz's campaign manager Tom Hale", "Senate Majority Leader Tom
            // Hale": the last name of a run of owners and offices is the subject.
            for next in &inside[1..] {
                let (Some(&after), Some(&next_first)) =
                    (self.token_ending.get(&m.span.end), self.token_at.get(&next.span.begin))
                else {
                    break;
                };
                if next.span.begin < m.span.end {
                    continue;
                }
                if next_first > after + 1 && (after + 1..next_first).all(|i| self.office_word(i)) {
                    m = next;
                } else {
                    break;
                }
            }
            let (first, last) = (*self.token_at.get(&m.span.begin)?, *self.token_ending.get(&m.span.end)?);
            if !(a..first).all(|i| self.title_like(i, a)) {
                return None;
            }
            last + 1
        };
        // Past a parenthesis, an apposition or both: "X, the party's
        // nominee, said", "X (D), the mayor's rival, said".
        let mut b = np_end;
        if let Some(close) = (b < v && self.tokens[b].is_punct('('))
            .then(|| (b..v).take(10).find(|&i| self.tokens[i].is_punct(')')))
            .flatten()
        {
            b = close + 1;
        }
        if b < v && self.tokens[b].is_punct(',') {
            b = (b + 1..v).take(14).find(|&i| self.tokens[i].is_punct(','))? + 1;
        }
        if b >= v {
            return None;
        }
        // Between the subject's own verb and this one, one clause: no
        // subordinate clause, no other quotation, no other verb of speech.
        let mut w = b;
        while self.is_adverb(w) {
            w += 1;
        }
        // A clause the subject's own verb of speech reports ("X said Friday
        // that she …, but said", "X told Y that …, saying") stands between
        // only when it names no one else who could be the subject.
        let reported = self.speech_verb(w, false).is_some();
        let clean = (w + 1..v).all(|i| {
            // (A partial quotation of the subject's own verb may stand
            // between: "X said of it, "…," adding that "…"".)
            self.quote_of[i].is_none_or(|other| self.is_title_quote(other) || self.partial.get(&other) == Some(&w))
                && !self.tokens[i].is_punct(';')
                && (!self.is_word(i, SUBORDINATORS)
                    || self.fixed_as(i)
                    || self.phrasal_after(i)
                    || (reported && self.is_word(i, &["that"])))
                && !self.is_word(i, OTHER_VOICES)
                && self.speech_verb(i, false).is_none()
        });
        let someone_else = reported
            && (w + 1..v).any(|i| self.is_word(i, &["that"]))
            && self.mentions.iter().chain(&self.registry.extra_mentions).any(|m| {
                m.span.begin >= self.tokens[w].span.end
                    && m.span.end <= self.tokens[v].span.begin
                    && matches!(
                        self.kind_of(&m.entity),
                        None | Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group)
                    )
            });
        let clean = clean && !someone_else;
        // The word after the subject is its verb, or a preposition and the
        // participle ("X, R-Wis., despite admitting that …").
        let verb_follows = self.looks_like_verb(w)
            || (w + 1 == v
                && self.lower(v).ends_with("ing")
                && self.is_word(w, &["despite", "while", "after", "before", "since", "when"]));
        if !clean || !verb_follows {
            return None;
        }
        match self.resolve(a, np_end) {
            Np::Unresolved => None,
            np => Some(np),
        }
    }

    /// A paragraph that is nothing but a quotation, after a paragraph whose
    /// last sentence introduces it with a colon: `Said X:`, `X said on
    /// Tuesday:`, `X told reporters:`, `X put it this way:`, `X issued a
    /// statement:`.
    fn colon_paragraph(&mut self, q: usize) -> Option<Attribution> {
        let quote = self.quotes[q].clone();
        let colon = quote.open.checked_sub(1)?;
        if !(self.tokens[colon].is_punct(':') && self.tokens[colon].block + 1 == quote.block) {
            return None;
        }
        let (s_start, s_end) = self.sentence_range(quote.sentence);
        let bare = (s_start..s_end).all(|i| !self.outside(i) || matches!(self.tokens[i].kind, Kind::Punct(_)));
        let (c_start, _) = self.sentence_range(self.tokens[colon].sentence);
        if !bare || colon <= c_start || (c_start..colon).any(|i| !self.outside(i)) {
            return None;
        }
        let cue = |how: &str| format!("{how}: at the end of the paragraph before \"…\"");
        if OPENING_VERBS.contains(&self.tokens[c_start].text) && c_start + 1 < colon {
            let np = self.resolve(c_start + 1, colon);
            let verb = self.lower(c_start);
            return (!matches!(np, Np::Unresolved)).then(|| Attribution {
                speaker: np,
                verb: c_start,
                addressee: None,
                manner: None,
                cue: cue(&format!("{verb} X")),
            });
        }
        if let Some(v) = (c_start..colon).rev().find(|&i| {
            self.speech_verb(i, true).is_some() || (self.is_verb(i, &["put", "puts"]) && self.is_word(i + 1, &["it"]))
        }) {
            let put = self.is_word(v, &["put", "puts"]);
            let after_verb = if put { v + 2 } else { self.speech_verb(v, true).unwrap_or(v + 1) };
            let (addressee, after) = self.addressee(v, colon);
            let after = after.max(after_verb);
            let manner = self.manner(after, colon);
            let adjacent = after >= colon
                || manner.as_ref().is_some_and(|m| self.text(self.span_of(after, colon)).trim() == m.as_str())
                || (after..colon).all(|i| self.in_time[i] || self.is_word(i, MANNER_PREPOSITIONS))
                || (put && colon - after <= 3 && (after..colon).all(|i| !self.is_word(i, NEW_CLAUSE)));
            if !adjacent {
                return None;
            }
            let speaker = self.subject_of(v, c_start)?;
            let verb = self.text(self.span_of(v, after_verb)).to_lowercase();
            return Some(Attribution { speaker, verb: v, addressee, manner, cue: cue(&format!("X {verb}")) });
        }
        // "X issued a statement:".
        let n = (c_start..colon).rev().take(6).find(|&i| self.is_word(i, SPEECH_NOUNS))?;
        let owned = (n.saturating_sub(4)..n).any(|i| self.tokens[i].kind == Kind::Possessive);
        let tail_ok = (n + 1..colon)
            .all(|i| self.in_time[i] || self.is_word(i, MANNER_PREPOSITIONS) || self.is_word(i, &["to", "the"]));
        if owned || !tail_ok {
            return None;
        }
        let speaker = self.carried_subject(n, c_start)?;
        let noun = self.lower(n);
        Some(Attribution { speaker, verb: n, addressee: None, manner: None, cue: cue(&format!("X … a {noun}")) })
    }

    /// `As X put it (…), "…"` and `as X observed, … "…"`: a clause of
    /// comparison opening the sentence or following a comma, whose subject
    /// said the quotation that follows in the same sentence, with no other
    /// verb of speech and no other voice between.
    fn as_x_put_it(&mut self, q: usize, floor: usize, p: usize) -> Option<Attribution> {
        let open = self.quotes[q].open;
        let as_at =
            (floor..p).find(|&i| self.is_word(i, &["as"]) && (i == floor || self.tokens[i - 1].is_punct(',')))?;
        let v = (as_at + 2..p.min(as_at + 14)).find(|&i| {
            self.is_verb(i, SPEECH_VERBS) || (self.is_verb(i, &["put", "puts"]) && self.is_word(i + 1, &["it"]))
        })?;
        let (a, b) = self.backward_np(v, as_at + 1)?;
        if a != as_at + 1 {
            return None;
        }
        let after_verb = if self.is_word(v, &["put", "puts"]) { v + 2 } else { v + 1 };
        let comma = (after_verb..p.max(after_verb)).find(|&i| self.tokens[i].is_punct(','))?;
        let clean = (after_verb..comma).all(|i| self.outside(i) && !self.is_word(i, NEW_CLAUSE))
            && comma - after_verb <= 14
            && (comma + 1..open).all(|i| {
                self.outside(i)
                    && self.speech_verb(i, true).is_none()
                    && !self.is_word(i, OTHER_VOICES)
                    && !self.is_word(i, DESCRIBING_VERBS)
                    && !self.tokens[i].is_punct(';')
            });
        if !clean {
            return None;
        }
        let speaker = match self.resolve(a, b) {
            Np::Unresolved => Np::Unnamed(self.span_of(a, b)),
            np => np,
        };
        let verb = self.text(self.span_of(v, after_verb)).to_lowercase();
        Some(Attribution { speaker, verb: v, addressee: None, manner: None, cue: format!("as X {verb}, … \"…\"") })
    }

    /// `X has cast Y as a "…"`, `X went after Y as "…" and a "…"`: a
    /// quotation as the complement after `as` of a verb whose object is a
    /// name or a pronoun, in the sentence's main clause (active: "Y was
    /// seen as a "…"" says nothing of who saw it). The subject is the
    /// speaker.
    fn as_complement(&mut self, q: usize, floor: usize) -> Option<Attribution> {
        let open = self.quotes[q].open;
        let article = |i: usize| self.is_word(i, &["a", "an"]);
        let as_at = if open > floor + 1 && self.is_word(open - 1, &["as"]) {
            open - 1
        } else if open > floor + 2 && article(open - 1) && self.is_word(open - 2, &["as"]) {
            open - 2
        } else if open > floor + 2 && article(open - 1) && self.is_word(open - 2, &["and"]) {
            // A list after the first one: `as a "…" and a "…"`.
            let previous = self.quote_of[open - 3]?;
            let &as_first = self.partial.get(&previous)?;
            if !self.is_word(as_first, &["as"]) {
                return None;
            }
            let speaker = self.carried_subject(as_first, floor)?;
            self.partial.insert(q, as_first);
            return Some(Attribution {
                speaker,
                verb: as_first,
                addressee: None,
                manner: None,
                cue: "partial quotation in X's words (X … Y as \"…\")".to_owned(),
            });
        } else {
            return None;
        };
        // The object right before `as`: a name or a pronoun.
        let object_end = self.tokens[as_at - 1].span.end;
        let named = self
            .mentions
            .iter()
            .chain(&self.registry.extra_mentions)
            .any(|m| m.span.end == object_end && m.kind == crate::mentions::MentionKind::Name);
        if !(named || self.is_word(as_at - 1, &["him", "her", "them", "it"])) {
            return None;
        }
        // Active voice: no form of "be" before a participle between the
        // subject and `as`.
        let (s_start, _) = self.sentence_range(self.tokens[as_at].sentence);
        let passive = (s_start..as_at).any(|i| {
            let mut j = i + 1;
            while self.is_adverb(j) {
                j += 1;
            }
            self.is_word(i, &["is", "was", "were", "are", "be", "been", "being"])
                && self.tokens.get(j).is_some_and(|t| t.kind == Kind::Word && !t.lower().ends_with("ing"))
        });
        if passive || (floor..as_at).any(|i| self.is_word(i, &["known", "such", "well", "same"])) {
            return None;
        }
        let speaker = self.carried_subject(as_at, floor)?;
        self.partial.insert(q, as_at);
        Some(Attribution {
            speaker,
            verb: as_at,
            addressee: None,
            manner: None,
            cue: "partial quotation in X's words (X … Y as \"…\")".to_owned(),
        })
    }

    /// `X delivered a blunt message to Y: "…"`: a clause ending in a colon
    /// right before the quotation, whose object is a noun of speech with no
    /// owner of its own ("Y's statement", "a statement from Y" give it to
    /// Y), and whose subject opens the sentence.
    fn speech_noun_colon(&mut self, q: usize, floor: usize) -> Option<Attribution> {
        let open = self.quotes[q].open;
        if !(open > floor + 2 && self.tokens[open - 1].is_punct(':')) {
            return None;
        }
        let colon = open - 1;
        let n = (floor..colon).rev().take(8).find(|&i| self.is_word(i, SPEECH_NOUNS) && self.outside(i))?;
        // After the noun, only its addressee, a time or a place: "to the
        // council on Monday".
        let tail_ok = (n + 1..colon).all(|i| {
            self.outside(i)
                && matches!(self.tokens[i].kind, Kind::Word | Kind::Number | Kind::Punct('.'))
                && !self.is_word(i, &["from", "of", "by", "which", "that", "who", "whose"])
        }) && (n + 1 == colon
            || self.is_word(n + 1, &["to", "for", "on", "in", "at", "during", "after", "this"]));
        // No owner before the noun: "her rival's statement", "the mayor's message".
        let owned = (n.saturating_sub(4)..n).any(|i| self.tokens[i].kind == Kind::Possessive);
        if !tail_ok || owned {
            return None;
        }
        let speaker = self.carried_subject(n, floor)?;
        // Nobody else named before the noun: "Ruiz quoted Hale in a statement:".
        if let Np::Entity(r) = &speaker {
            let (from, to) = (r.span.end, self.tokens[n].span.begin);
            let someone_else = self.mentions.iter().chain(&self.registry.extra_mentions).any(|m| {
                m.span.begin >= from
                    && m.span.end <= to
                    && m.entity != r.entity
                    && matches!(
                        self.kind_of(&m.entity),
                        Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group)
                    )
            });
            if someone_else {
                return None;
            }
        }
        let noun = self.lower(n);
        Some(Attribution { speaker, verb: n, addressee: None, manner: None, cue: format!("X … a {noun}: \"…\"") })
    }

    /// `… "…" …, X said.` and `… "…" …, X said, adding …`: an attribution
    /// after the clause that holds the quotation.
    pub(super) fn trailing_for_quote(&mut self, q: usize) -> Option<Attribution> {
        let (sentence, open, close) = (self.quotes[q].sentence, self.quotes[q].open, self.quotes[q].close?);
        let (s_start, s_end) = self.sentence_range(sentence);
        let mut e = s_end;
        while e > s_start && matches!(self.tokens[e - 1].kind, Kind::Punct('.' | '?' | '!')) {
            e -= 1;
        }
        // Not past words that give the quotation to someone else.
        if (s_start..open).any(|i| self.is_word(i, OTHER_VOICES) || self.speech_verb(i, false).is_some()) {
            return None;
        }
        for c in close + 1..e {
            if !self.tokens[c].is_punct(',') || !self.outside(c) {
                continue;
            }
            // Not across the end of a sentence quoted whole ("…." The next …)
            // nor past another verb of speech.
            let crossed = (open..c).any(|i| {
                self.quote_of[i].is_some_and(|other| {
                    let text = self.text(self.quotes[other].text);
                    let last = text.trim_end_matches(['\'', '\u{2019}', '"', ' ']).chars().last();
                    self.quotes[other].close == Some(i)
                        && matches!(last, Some('.' | '?' | '!'))
                        && self.tokens.get(i + 1).is_some_and(|t| t.is_capitalised())
                })
            }) || (close + 1..c).any(|i| self.speech_verb(i, false).is_some());
            if crossed {
                return None;
            }
            let k = c + 1;
            let Some(v) = (k..e.min(k + 10)).find(|&i| self.is_verb(i, SPEECH_VERBS)) else { continue };
            let Some((a, b)) = self.backward_np(v, k) else { continue };
            if a != k {
                continue;
            }
            // After the verb a time or a manner, then the end or a participle: "…, she said, adding …".
            let tail_end = (v + 1..e).find(|&i| self.tokens[i].is_punct(',')).unwrap_or(e);
            let rest_ok = tail_end - v <= 8
                && (v + 1..tail_end).all(|i| {
                    self.in_time[i]
                        || (self.outside(i)
                            && matches!(self.tokens[i].kind, Kind::Word | Kind::Number)
                            && !self.is_verb(i, SPEECH_VERBS))
                });
            let then = tail_end == e || self.lower(tail_end + 1).ends_with("ing");
            if !rest_ok || !then {
                continue;
            }
            let speaker = match self.resolve(a, b) {
                Np::Unresolved => Np::Unnamed(self.span_of(a, b)),
                np => np,
            };
            let verb = self.lower(v);
            let manner = self.manner(v + 1, tail_end);
            return Some(Attribution { speaker, verb: v, addressee: None, manner, cue: format!("…, X {verb}.") });
        }
        None
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

#[cfg(test)]
mod tests {
    use super::super::tests::{Expected, assert_speakers};

    /// Attributions beyond a plain `X said` next to the quotation: a row per
    /// form, and rows where the speaker must be left out; every sentence
    /// written for this test.
    #[test]
    fn cues_beyond_said() {
        let table: &[(&str, Expected<'_>)] = &[
            // A clause opened after the verb's `that` is part of what was said.
            (
                "Mayor Ana Ruiz said Friday that if the council approved the plan, \"the ferries would run every hour.\"",
                &[("the ferries would run every hour.", Some("Ana Ruiz"))],
            ),
            ("Mayor Ana Ruiz said that when Tom Hale arrived, the crowd chanted \"Go home.\"", &[("Go home.", None)]),
            // A long apposition between the name and its verb.
            (
                "\"The fares can stay,\" Helen Marsh, director of the independent Coastal Transport Research Institute and a lecturer at the Northfield School of Public Policy, said of the plan.",
                &[("The fares can stay,", Some("Helen Marsh"))],
            ),
            // `who` and a time before the verb.
            (
                "Anna Brill, who in 2019 said the mayor wanted to be a \"harbor king,\" now leads the council.",
                &[("harbor king,", Some("Anna Brill"))],
            ),
            // `but said` after a clause the subject's verb reports; not when
            // that clause names someone else who could be the subject.
            (
                "Anna Brill said Friday that she backs the plan but said \"the timing is wrong.\"",
                &[("the timing is wrong.", Some("Anna Brill"))],
            ),
            (
                "Anna Brill said Friday that Tom Hale backs the plan but said \"the timing is wrong.\"",
                &[("the timing is wrong.", None)],
            ),
            (
                "Anna Brill told the board that she trusts the figures, saying that \"fares decide too much.\"",
                &[("fares decide too much.", Some("Anna Brill"))],
            ),
            // `as X put it` and `per X` after the quotation.
            (
                "The plan needs a \"lawful source of income,\" as a Treasury memo put it.",
                &[("lawful source of income,", Some("a Treasury memo"))],
            ),
            ("Nobody would sign it, \"whatever the cost,\" as the sign put it.", &[("whatever the cost,", None)]),
            (
                "Proxies are barred when voting \"to fill a seat on the board,\" per the club's bylaws.",
                &[("to fill a seat on the board,", Some("the club's bylaws"))],
            ),
            // `went on about` and a list of quotations after it; not passive,
            // not a title.
            (
                "As Tom Hale went on about \"rigged fares,\" and \"forgotten families,\" the crowd cheered.",
                &[("rigged fares,", Some("Tom Hale")), ("forgotten families,", Some("Tom Hale"))],
            ),
            ("Anna Brill was talked about as a \"rising star\" in the party.", &[("rising star", None)]),
            ("Tom Hale went on about the \"Harbor Renewal Plan\" for an hour.", &[("Harbor Renewal Plan", None)]),
            // `including` introduces no quotation of its own.
            (
                "\"We need answers,\" Senator Maria Holt said, suggesting a few questions, including, \"Who pays for the fuel?\"",
                &[("We need answers,", Some("Maria Holt")), ("Who pays for the fuel?", Some("Maria Holt"))],
            ),
            // A subordinator opening the quotation after a comma.
            (
                "Senator Maria Holt added that most voters seem tired, which worries her because, \"When it counts, people choose a side.\"",
                &[("When it counts, people choose a side.", Some("Maria Holt"))],
            ),
            // An opening phrase with `with` before the subject.
            (
                "With aides worried about the cost, Mayor Ana Ruiz is rolling out a shorter message: \"Trust the harbor.\"",
                &[("Trust the harbor.", Some("Ana Ruiz"))],
            ),
            // A date written with a slash before a role and a name.
            ("\"We are not done,\" said 9/11 widow Dana Crest.", &[("We are not done,", Some("Dana Crest"))]),
            // A verb joined by `and` to the verb of the partial quotation
            // before it.
            (
                "Anna Brill called the plan \"reckless\" and called for the money to be \"paid back\" at once.",
                &[("reckless", Some("Anna Brill")), ("paid back", Some("Anna Brill"))],
            ),
            (
                "Anna Brill spoke on Tuesday, telling reporters that the mayor is a \"showman\" and questioning how he has \"dodged every question.\"",
                &[("showman", Some("Anna Brill")), ("dodged every question.", Some("Anna Brill"))],
            ),
            (
                "Anna Brill called the plan \"reckless\" and Tom Hale called it \"brave.\"",
                &[("reckless", Some("Anna Brill")), ("brave.", Some("Tom Hale"))],
            ),
            // A participle after a preposition, right after the subject.
            (
                "Senator Maria Holt, D-Ore., despite admitting that she had worries about \"cost overruns,\" backs the plan.",
                &[("cost overruns,", Some("Maria Holt"))],
            ),
            // A participle going on with an attribution whose subject is
            // no name, or after a partial quotation of the subject's verb.
            (
                "Mayor Ana Ruiz spoke at noon.\n\n\"We see no danger,\" the mayor said, adding that the repairs need \"a few more days\" at most.",
                &[("We see no danger,", Some("Ana Ruiz")), ("a few more days", Some("Ana Ruiz"))],
            ),
            (
                "On the day the ferry sank, Mayor Ana Ruiz said of the crew, \"They did their best,\" adding that \"nobody could have known.\"",
                &[("They did their best,", Some("Ana Ruiz")), ("nobody could have known.", Some("Ana Ruiz"))],
            ),
            // A verb of the manner of speaking in the present.
            ("Mayor Ana Ruiz ran to the pier. \"Stop the boat,\" she yells.", &[("Stop the boat,", Some("Ana Ruiz"))]),
        ];
        assert_speakers(table.iter().map(|&(body, expected)| ("Harbor council meets", body, expected)));
    }
}
