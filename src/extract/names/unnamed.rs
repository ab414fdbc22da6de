//! Descriptions of people and groups not named: "a police source in
//! Vladivostok", "another police source", "diplomats"; the determiner, the
//! modifiers and the head say who, the place after it where.

use std::collections::BTreeMap;

use super::super::lexicon::{ANONYMOUS_HEADS, GROUP_HEADS, is_speech_verb};
use super::super::tokens::{Kind, Token};
use super::Candidate;
use super::is_weekday_or_month;
use crate::annotation::EntityType;
use crate::article::Span;

/// Determiners that open a description of an anonymous source.
const ANONYMOUS_DETERMINERS: &[&str] = &["a", "an", "another", "the", "one", "two", "three", "several", "some"];

/// Lower-case words that cannot modify the head of a description.
const NOT_MODIFIERS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "that", "which", "who",
    "is", "was", "were", "had", "has", "have", "been", "be", "are", "will", "would", "said", "says", "told", "not",
    "no", "he", "she", "they", "it", "we", "his", "her", "their", "its", "this", "these", "those", "than", "more",
];

/// Descriptions of anonymous sources and groups not covered by known
/// mentions: a determiner, up to five modifiers, a head ("source",
/// "official") and an optional place ("in Vladivostok").
pub(crate) fn anonymous(text_of: &dyn Fn(Span) -> String, tokens: &[Token<'_>], covered: &[bool]) -> Vec<Candidate> {
    let mut by_core: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, det) in tokens.iter().enumerate() {
        if covered[i] || det.kind != Kind::Word || !ANONYMOUS_DETERMINERS.contains(&det.lower().as_str()) {
            continue;
        }
        // "Marek Dolny, a spokesman for the presidency": an apposition, not an unnamed source.
        let apposition = i >= 2
            && tokens[i - 1].is_punct(',')
            && tokens[i - 1].sentence == det.sentence
            && (tokens[i - 2].is_capitalised() || covered[i - 2]);
        if apposition {
            continue;
        }
        let Some((head, end)) = description(tokens, i, covered) else { continue };
        let determiner = det.lower();
        let modifiers_and_head: Vec<String> = tokens[i + 1..=head].iter().map(Token::lower).collect();
        let core = modifiers_and_head.join(" ");
        let plural = GROUP_HEADS.contains(&tokens[head].lower().as_str());
        let mut key = if determiner == "another" { format!("another {core}") } else { core.clone() };
        // "the official" after "a union official": the one description it shortens.
        if determiner == "the" && !by_core.contains_key(&key) {
            let suffix = format!(" {core}");
            let antecedents: Vec<&String> = by_core
                .iter()
                .filter(|(k, c)| k.ends_with(&suffix) && c.roles.iter().any(|r| !r.starts_with("the ")))
                .map(|(k, _)| k)
                .collect();
            if let [antecedent] = antecedents.as_slice() {
                key = (*antecedent).clone();
            }
        }
        let rest = text_of(Span { begin: det.span.end, end: tokens[end - 1].span.end });
        let phrase = format!("{}{rest}", det.lower());
        let entry = by_core.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Candidate {
                name: String::new(),
                aliases: Vec::new(),
                roles: Vec::new(),
                kind: if plural { EntityType::Group } else { EntityType::AnonymousSource },
                cue: format!("description of an unnamed {}: {phrase:?}", if plural { "group" } else { "source" }),
                core: Some(key.clone()),
            }
        });
        if !entry.roles.contains(&phrase) {
            entry.roles.push(phrase);
        }
    }
    for candidate in by_core.values_mut() {
        // The name is the longest indefinite description, else the longest one.
        let indefinite = |r: &&String| !r.starts_with("the ");
        let longest = |a: &&String, b: &&String| a.len().cmp(&b.len()).then_with(|| b.cmp(a));
        let best = candidate
            .roles
            .iter()
            .filter(indefinite)
            .max_by(longest)
            .or_else(|| candidate.roles.iter().max_by(longest));
        candidate.name = best.cloned().unwrap_or_default();
    }
    // "the spokeswoman" alone may be someone named elsewhere: only a
    // description introduced as unnamed ("a", "another") makes an anonymous source.
    by_core.retain(|_, c| c.roles.iter().any(|r| !r.starts_with("the ")));
    order.into_iter().filter_map(|k| by_core.remove(&k)).collect()
}

/// The head and end of the description after the determiner at `det`.
fn description(tokens: &[Token<'_>], det: usize, covered: &[bool]) -> Option<(usize, usize)> {
    let sentence = tokens[det].sentence;
    let mut k = det + 1;
    let mut head = None;
    while k < tokens.len() && k <= det + 6 && tokens[k].sentence == sentence && !covered[k] {
        let t = &tokens[k];
        if t.kind != Kind::Word {
            break;
        }
        let lower = t.lower();
        if ANONYMOUS_HEADS.contains(&lower.as_str()) || GROUP_HEADS.contains(&lower.as_str()) {
            // "a police officer": the last head word wins.
            let next_is_head = tokens.get(k + 1).is_some_and(|n| {
                ANONYMOUS_HEADS.contains(&n.lower().as_str()) || GROUP_HEADS.contains(&n.lower().as_str())
            });
            if !next_is_head {
                head = Some(k);
                break;
            }
        } else if NOT_MODIFIERS.contains(&lower.as_str()) || lower.ends_with("ly") {
            break;
        }
        k += 1;
    }
    let head = head?;
    // "the ministry spokeswoman Ana Lopez": a title before a name.
    if tokens.get(head + 1).is_some_and(|n| n.is_capitalised() && n.sentence == sentence) {
        return None;
    }
    // "people" and "police" need a modifier to be a description.
    if head == det + 1 && matches!(tokens[head].lower().as_str(), "people" | "police" | "person") {
        return None;
    }
    let mut end = head + 1;
    // A place after the head: "in Vladivostok", "from the ministry".
    if let Some(p) = tokens.get(end)
        && p.sentence == sentence
        && matches!(p.lower().as_str(), "in" | "from" | "at")
    {
        let mut k = end + 1;
        if tokens.get(k).is_some_and(|t| t.is("the")) {
            k += 1;
        }
        let name_start = k;
        while k < tokens.len() && tokens[k].sentence == sentence && tokens[k].is_capitalised() {
            k += 1;
        }
        if k > name_start && !is_weekday_or_month(tokens[name_start].text) {
            end = k;
            // "at the Ashby clinic": one common noun after the name.
            if let Some(noun) = tokens.get(k)
                && noun.sentence == sentence
                && noun.kind == Kind::Word
                && !noun.is_capitalised()
                && !NOT_MODIFIERS.contains(&noun.lower().as_str())
                && !is_speech_verb(&noun.lower())
            {
                end = k + 1;
            }
        }
    }
    Some((head, end))
}
