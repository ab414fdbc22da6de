//! Quantities: a number, in digits or words, with its unit ("130 kilometers")
//! or the thing it counts ("50 South Koreans", "two attacks").

use super::times::TimeExpression;
use super::tokens::{Kind, Token};
use crate::article::Span;

/// A quantity found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityCandidate {
    /// Where it is: the number and its unit or counted thing.
    pub span: Span,
    /// The number.
    pub value: f64,
    /// The unit, normalised ("kilometre"), or the counted thing as written ("attacks").
    pub unit: String,
    /// Whether the unit comes from the unit table (else it is a counted thing).
    pub measured: bool,
}

/// Units as written, and their normalised names.
const UNITS: &[(&str, &str)] = &[
    ("kilometers", "kilometre"),
    ("kilometres", "kilometre"),
    ("kilometer", "kilometre"),
    ("kilometre", "kilometre"),
    ("km", "kilometre"),
    ("miles", "mile"),
    ("mile", "mile"),
    ("meters", "metre"),
    ("metres", "metre"),
    ("feet", "foot"),
    ("kilograms", "kilogram"),
    ("kg", "kilogram"),
    ("tons", "tonne"),
    ("tonnes", "tonne"),
    ("hectares", "hectare"),
    ("acres", "acre"),
    ("liters", "litre"),
    ("litres", "litre"),
    ("barrels", "barrel"),
    ("degrees", "degree"),
    ("percent", "percent"),
    ("dollars", "US dollar"),
    ("euros", "euro"),
    ("rubles", "rouble"),
    ("roubles", "rouble"),
    ("pounds", "pound"),
    ("yuan", "yuan"),
    ("yen", "yen"),
    ("hours", "hour"),
    ("minutes", "minute"),
    ("days", "day"),
    ("weeks", "week"),
    ("months", "month"),
    ("years", "year"),
];

/// Plurals that do not end in `s`.
const IRREGULAR_PLURALS: &[&str] =
    &["people", "men", "women", "children", "police", "personnel", "staff", "cattle", "aircraft", "sheep", "fish"];

/// Words that end in `s` but are not plural nouns.
const NOT_PLURAL: &[&str] = &["is", "was", "has", "this", "its", "us", "as", "his", "hers", "always", "less", "across"];

/// Words that cannot stand between a number and what it counts.
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "that", "which", "who",
    "were", "had", "have", "been", "be", "are", "will", "would", "more", "than",
];

const MULTIPLIERS: &[(&str, f64)] = &[("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)];

fn word_value(word: &str) -> Option<f64> {
    const WORDS: &[(&str, f64)] = &[
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("hundred", 100.0),
        ("dozen", 12.0),
    ];
    WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).map(|(_, v)| *v)
}

/// Whether a word is a number ("two", "fifty").
pub(crate) fn is_number_word(word: &str) -> bool {
    word_value(word).is_some()
}

/// Finds quantities outside the time expressions.
pub(crate) fn find(tokens: &[Token<'_>], times: &[TimeExpression]) -> Vec<QuantityCandidate> {
    let in_time = |span: Span| times.iter().any(|t| t.span.overlaps(span));
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let value = match t.kind {
            Kind::Number if !in_time(t.span) => t.text.replace(',', "").parse::<f64>().ok(),
            Kind::Word => word_value(t.text),
            _ => None,
        };
        let Some(mut value) = value else {
            i += 1;
            continue;
        };
        let begin = if i > 0 && tokens[i - 1].is_punct('$') { i - 1 } else { i };
        let mut j = i + 1;
        if let Some((_, m)) = tokens.get(j).and_then(|n| MULTIPLIERS.iter().find(|(w, _)| n.is(w))) {
            value *= m;
            j += 1;
        }
        let quantity = if begin < i {
            Some((j, "US dollar".to_owned(), true))
        } else if tokens.get(j).is_some_and(|n| n.is_punct('%')) {
            Some((j + 1, "percent".to_owned(), true))
        } else if let Some((_, unit)) = tokens.get(j).and_then(|n| UNITS.iter().find(|(w, _)| n.is(w))) {
            Some((j + 1, (*unit).to_owned(), true))
        } else {
            counted_thing(tokens, j).map(|end| {
                let words: Vec<&str> = tokens[j..end].iter().map(|t| t.text).collect();
                (end, words.join(" "), false)
            })
        };
        match quantity {
            Some((end, unit, measured)) if end > j || begin < i => {
                let span = Span { begin: tokens[begin].span.begin, end: tokens[end - 1].span.end };
                found.push(QuantityCandidate { span, value, unit, measured });
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

/// The end of the noun phrase counted from token `j`: up to three words, the
/// last a plural noun.
fn counted_thing(tokens: &[Token<'_>], j: usize) -> Option<usize> {
    for (k, t) in tokens.iter().enumerate().skip(j).take(3) {
        if t.kind != Kind::Word || t.sentence != tokens[j - 1].sentence {
            return None;
        }
        let lower = t.lower();
        if FUNCTION_WORDS.contains(&lower.as_str()) || NOT_PLURAL.contains(&lower.as_str()) {
            return None;
        }
        let plural = IRREGULAR_PLURALS.contains(&lower.as_str())
            || (lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("ous"));
        if plural {
            return Some(k + 1);
        }
        // Words between the number and the noun: adjectives ("new") or names ("South").
        if lower.ends_with("ed") || lower.ends_with("ing") {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::extract::{times, tokens::tokenize};

    #[test]
    fn quantities() {
        type Expected<'a> = &'a [(&'a str, f64, &'a str)];
        // (paragraph, expected (text, value, unit))
        let table: &[(&str, Expected<'_>)] = &[
            ("Vladivostok, 130 kilometers from the border.", &[("130 kilometers", 130.0, "kilometre")]),
            (
                "Two attacks killed 50 South Koreans.",
                &[("Two attacks", 2.0, "attacks"), ("50 South Koreans", 50.0, "South Koreans")],
            ),
            (
                "It cost $5 million and 3.5 percent, 20% more.",
                &[("$5 million", 5e6, "US dollar"), ("3.5 percent", 3.5, "percent"), ("20%", 20.0, "percent")],
            ),
            (
                "Some 1,200 residents and three helicopters.",
                &[("1,200 residents", 1200.0, "residents"), ("three helicopters", 3.0, "helicopters")],
            ),
            ("In 2002 two of them met on June 30; the six-party talks.", &[]),
            ("Five people died.", &[("Five people", 5.0, "people")]),
        ];
        for (paragraph, expected) in table {
            let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{paragraph}")).unwrap();
            let tokens = tokenize(&article);
            let times = times::find(&tokens, article.date);
            let got: Vec<(String, f64, String)> = find(&tokens, &times)
                .into_iter()
                .map(|q| (article.slice(q.span).to_owned(), q.value, q.unit))
                .collect();
            let expected: Vec<(String, f64, String)> =
                expected.iter().map(|(a, v, u)| ((*a).to_owned(), *v, (*u).to_owned())).collect();
            assert_eq!(got, expected, "{paragraph}");
        }
    }
}
