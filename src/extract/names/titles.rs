//! Titles before or beside the names of people, as evidence of offices held:
//! "Kremlin spokeswoman Natalya Timakova", "Sergei Lavrov, Russia's foreign
//! minister,".

use super::super::lexicon::{HONORIFICS, OFFICE_MODIFIERS, is_speech_verb, is_title, is_title_noun};
use super::super::tokens::{Kind, Token};
use super::{FUNCTION_CAPS, is_weekday_or_month};
use crate::article::Span;
use crate::mentions::Mention;

/// Lower-case words that may modify a title, besides the shared
/// [`OFFICE_MODIFIERS`] ("regional").
const TITLE_MODIFIERS: &[&str] = &[
    "education",
    "security",
    "regional",
    "team",
    "district",
    "county",
    "emergency",
    "transport",
    "energy",
    "agriculture",
    "fisheries",
    "labor",
    "labour",
    "environment",
    "local",
    "head",
];

fn is_title_modifier(t: &Token<'_>) -> bool {
    (t.is_capitalised() && !FUNCTION_CAPS.contains(&t.text) && !is_weekday_or_month(t.text))
        || t.kind == Kind::Possessive
        || (t.kind == Kind::Word && {
            let word = t.lower();
            OFFICE_MODIFIERS.contains(&word.as_str()) || TITLE_MODIFIERS.contains(&word.as_str())
        })
}

/// A title held by a named person, as the text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title as written, without "then-", "former" or a determiner ("Kremlin spokeswoman").
    pub label: String,
    /// The title and the name together ("Kremlin spokeswoman Natalya Timakova").
    pub span: Span,
    /// The entity holding it.
    pub holder: String,
    /// The mention of the holder.
    pub name: Span,
    /// The last word of the title, lower-cased ("spokeswoman").
    pub head: String,
}

/// Titles before the name mentions of people, and in appositions after them
/// ("Sergei Lavrov, Russia's foreign minister,").
pub(crate) fn titles(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    is_person: &dyn Fn(&str) -> bool,
) -> Vec<Title> {
    let mut found = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == crate::mentions::MentionKind::Name && is_person(&m.entity)) {
        let Some(first) = tokens.iter().position(|t| t.span.begin == m.span.begin) else { continue };
        let Some(last) = tokens.iter().rposition(|t| t.span.end == m.span.end) else { continue };
        let sentence = tokens[first].sentence;
        // Before: [modifiers] title-words NAME.
        let mut k = first;
        while k > 0 && tokens[k - 1].sentence == sentence && {
            let t = &tokens[k - 1];
            t.kind == Kind::Word && (is_title(t.text) || is_title_noun(t.text))
        } {
            k -= 1;
        }
        let title_words = first - k;
        while title_words > 0 && k > 0 && tokens[k - 1].sentence == sentence && is_title_modifier(&tokens[k - 1]) {
            k -= 1;
        }
        // A possessive needs its owner: "Russia's foreign minister".
        while k < first && tokens[k].kind == Kind::Possessive {
            k += 1;
        }
        if title_words > 0 && k < first {
            let title_span = Span { begin: tokens[k].span.begin, end: tokens[first - 1].span.end };
            let label = clean_label(&text_of(title_span));
            let head = tokens[first - 1].lower();
            let head = head.rsplit('-').next().unwrap_or(&head).to_owned();
            if !HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(&label)) {
                found.push(Title {
                    label,
                    span: Span { begin: title_span.begin, end: m.span.end },
                    holder: m.entity.clone(),
                    name: m.span,
                    head,
                });
            }
        }
        // After: NAME, [the] [modifiers] title-noun [of X],
        if tokens.get(last + 1).is_some_and(|t| t.is_punct(',') && t.sentence == sentence) {
            let start = last + 2;
            let mut k = start;
            let mut head = None;
            while k < tokens.len() && k < start + 9 && tokens[k].sentence == sentence {
                let t = &tokens[k];
                if t.is_punct(',') || t.is_punct('.') {
                    break;
                }
                if t.kind == Kind::Word && is_speech_verb(&t.lower()) {
                    head = None;
                    break;
                }
                if t.kind == Kind::Word && is_title_noun(t.text) && head.is_none() {
                    head = Some(t.lower());
                }
                k += 1;
            }
            let closed = tokens.get(k).is_some_and(|t| t.is_punct(',') || t.is_punct('.'));
            if let Some(head) = head
                && closed
                && k > start
            {
                let mut begin = start;
                if tokens[begin].kind == Kind::Word && matches!(tokens[begin].lower().as_str(), "the" | "a" | "an") {
                    begin += 1;
                }
                let label_span = Span { begin: tokens[begin].span.begin, end: tokens[k - 1].span.end };
                found.push(Title {
                    label: clean_label(&text_of(label_span)),
                    span: Span { begin: m.span.begin, end: tokens[k - 1].span.end },
                    holder: m.entity.clone(),
                    name: m.span,
                    head,
                });
            }
        }
    }
    found
}

fn clean_label(label: &str) -> String {
    let label = label.trim();
    for prefix in ["then-", "ex-", "former ", "Former "] {
        if let Some(rest) = label.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    label.to_owned()
}
