//! Publication dates as news pages, feeds and text files write them: ISO 8601
//! (`2016-10-12`, `2016-10-12T14:30:00Z`), `June 29, 2011`, `29 June 2011`,
//! `Jun. 29, 2011`, with or without a weekday before and a time after, and
//! the labels of a date line (`Published:`, `Date:`, `Updated:`).
//!
//! Only the calendar date written is kept: a time or a time zone after it is
//! read past, never used to move the date.

use crate::article::{Date, MONTHS};

/// What a date line says the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// A bare date, or `Published:`, `Date:`, `Posted:`: the publication date.
    Published,
    /// `Updated:`, `Last updated:`, `Modified:`: a later revision.
    Updated,
}

/// A line that is meant as a date: its label and, when it can be read, the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateLine {
    /// What the date is.
    pub label: DateLabel,
    /// The date, or `None` when the line is a date line that cannot be read
    /// (`Published: last spring`, `February 30, 2011`).
    pub date: Option<Date>,
}

const PUBLISHED_LABELS: &[&str] = &["published on", "published", "date", "posted on", "posted", "first published"];
const UPDATED_LABELS: &[&str] =
    &["last updated on", "last updated", "updated on", "updated", "last modified", "modified"];

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Reads a line as a date line.
///
/// Returns `None` when the line is not meant as a date (a paragraph of the
/// body); `Some` with `date: None` when it is (it has a date label, or it
/// is a short line that starts like a date) but the date cannot be read.
pub fn date_line(line: &str) -> Option<DateLine> {
    let line = line.trim();
    let (label, rest) = match strip_label(line) {
        Some((label, rest)) => (Some(label), rest),
        None => (None, line),
    };
    if let Some(date) = parse(rest) {
        return Some(DateLine { label: label.unwrap_or(DateLabel::Published), date: Some(date) });
    }
    match label {
        Some(label) => Some(DateLine { label, date: None }),
        None if looks_like_a_date(line) => Some(DateLine { label: DateLabel::Published, date: None }),
        None => None,
    }
}

/// Splits `Published: …` into its label and the rest.
fn strip_label(line: &str) -> Option<(DateLabel, &str)> {
    let lower = line.to_ascii_lowercase();
    let labels = PUBLISHED_LABELS
        .iter()
        .map(|l| (DateLabel::Published, *l))
        .chain(UPDATED_LABELS.iter().map(|l| (DateLabel::Updated, *l)));
    for (label, word) in labels {
        if let Some(rest) = lower.strip_prefix(word) {
            let rest = rest.trim_start();
            let colon = rest.starts_with(':');
            let rest = rest.trim_start_matches(':').trim_start();
            // "Date 2011-06-29" needs no colon; "Updated" in a sentence does.
            if colon || parse(rest).is_some() {
                let skip = line.len() - rest.len();
                return Some((label, line[skip..].trim()));
            }
        }
    }
    None
}

/// A short line starting with a month, a weekday or a number, with no
/// sentence punctuation at its end: meant as a date even if it is not one.
fn looks_like_a_date(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some(first) = words.first() else { return false };
    let first = first.trim_end_matches([',', '.']).to_ascii_lowercase();
    let starts_like_a_date =
        month_number(&first).is_some() || weekday(&first) || first.chars().next().is_some_and(|c| c.is_ascii_digit());
    // Every word a month, a weekday, a number or a time word: "3.5. **Aa**" is not a date.
    let date_word = |w: &&str| {
        let w = w.trim_matches([',', '.', '(', ')']).to_ascii_lowercase();
        month_number(&w).is_some()
            || weekday(&w)
            || w.chars().any(|c| c.is_ascii_digit())
            || matches!(w.as_str(), "at" | "|" | "-" | "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "of" | "the")
    };
    starts_like_a_date
        && words.iter().all(date_word)
        && words.len() <= 6
        && !line.ends_with(['.', '!', '?', '"', '\u{201d}'])
        && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Parses a date in any of the forms this module reads, with an optional
/// weekday before it and an optional time after it.
///
/// ```
/// use newskg::readers::dates::parse;
/// for text in ["2016-10-12", "June 29, 2011", "Wed, 29 Jun 2011 10:30:00 GMT", "2011-06-29T08:00:00+03:00"] {
///     assert!(parse(text).is_some(), "{text}");
/// }
/// assert!(parse("February 30, 2011").is_none());
/// ```
pub fn parse(text: &str) -> Option<Date> {
    let text = text.trim();
    // ISO 8601, with a time glued to it by `T`.
    let head = text.split([' ', 'T']).next().unwrap_or_default();
    if let Some(date) = iso(head) {
        let rest = text[head.len()..].trim_start_matches('T');
        return time_only(rest).then_some(date);
    }
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let mut i = 0;
    if words.first().is_some_and(|w| weekday(&w.trim_end_matches('.').to_ascii_lowercase())) {
        i = 1;
    }
    let word = |k: usize| words.get(k).copied().unwrap_or_default();
    let number = |w: &str, max: u32| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim_end_matches('.');
        let suffix = &w[digits.len()..];
        let ordinal = suffix.is_empty() || matches!(suffix.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th");
        (ordinal && !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
    };
    let year =
        |w: &str| (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse::<i32>().ok()).flatten();
    // Month D, YYYY
    let (month, day, y, next) = if let Some(m) = month_number(&word(i).to_ascii_lowercase()) {
        (m, number(word(i + 1), 31)?, year(word(i + 2))?, i + 3)
    } else {
        // D Month YYYY
        let d = number(word(i), 31)?;
        let m = month_number(&word(i + 1).to_ascii_lowercase())?;
        (m, d, year(word(i + 2))?, i + 3)
    };
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let date = Date::new(y, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    time_only(&words[next.min(words.len())..].join(" ")).then_some(date)
}

/// `YYYY-MM-DD` (or `YYYY/MM/DD`).
fn iso(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Whether what follows a date is only a time of day and a time zone:
/// `10:30`, `10:30:00Z`, `10:30 a.m. EDT`, `at 3pm`, `| 14:05 GMT+3`, `(UTC)`.
fn time_only(rest: &str) -> bool {
    rest.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).all(|word| {
        let w = word.trim_matches(['(', ')']);
        let lower = w.to_ascii_lowercase();
        let clock = |s: &str| {
            let s = s.trim_end_matches(['z', 'Z']);
            let (clock, zone) = match s.find(['+', '-']) {
                Some(at) => (&s[..at], &s[at + 1..]),
                None => (s, ""),
            };
            let clock = clock.trim_end_matches("am").trim_end_matches("pm");
            let clock = clock.split_once('.').map_or(clock, |(whole, fraction)| {
                if fraction.bytes().all(|b| b.is_ascii_digit()) { whole } else { "x" }
            });
            !clock.is_empty()
                && clock.split(':').all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                && zone.split(':').all(|p| p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        };
        matches!(lower.as_str(), "at" | "|" | "-" | "\u{2013}" | "\u{2014}" | "a.m." | "p.m." | "am" | "pm" | "/")
            || clock(&lower)
            || ((2..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()))
            || zone_offset(w)
    })
}

/// `GMT+3`, `UTC-05:00`.
fn zone_offset(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("GMT").or_else(|| word.strip_prefix("UTC")) else { return false };
    let rest = rest.trim_start_matches(['+', '-']);
    !rest.is_empty() && rest.split(':').all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The month named by a full or abbreviated English name (`june`, `jun`, `jun.`, `sept`).
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == word || (word.len() <= 4 && m.starts_with(word) && (word.len() == 3 || word == "sept"))
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn weekday(word: &str) -> bool {
    let word = word.trim_end_matches([',', '.']);
    word.len() >= 3 && WEEKDAYS.iter().any(|d| *d == word || (word.len() <= 4 && d.starts_with(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        // (text, expected date)
        let table: &[(&str, Option<&str>)] = &[
            ("June 29, 2011", Some("2011-06-29")),
            ("June 29 2011", Some("2011-06-29")),
            ("Jun. 29, 2011", Some("2011-06-29")),
            ("Sept. 3, 2016", Some("2016-09-03")),
            ("29 June 2011", Some("2011-06-29")),
            ("29th June 2011", Some("2011-06-29")),
            ("Wednesday, June 29, 2011", Some("2011-06-29")),
            ("Wed, 29 Jun 2011 10:30:00 GMT", Some("2011-06-29")),
            ("June 29, 2011, 10:30 a.m. EDT", Some("2011-06-29")),
            ("June 29, 2011 at 3:05pm", Some("2011-06-29")),
            ("June 29, 2011 | 14:05 GMT+3", Some("2011-06-29")),
            ("2016-10-12", Some("2016-10-12")),
            ("2016/10/12", Some("2016-10-12")),
            ("2016-10-12T14:30:00Z", Some("2016-10-12")),
            ("2016-10-12T23:30:00-05:00", Some("2016-10-12")),
            ("2016-10-12 14:30", Some("2016-10-12")),
            ("2016-10-12T14:30:00.123+02:00", Some("2016-10-12")),
            ("February 30, 2011", None),
            ("2011-02-30", None),
            ("June 2011", None),
            ("June 29, 2011 and then some", None),
            ("12/10/2016", None),
            ("", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse(text).map(|d| d.to_string()).as_deref(), *expected, "{text:?}");
        }
    }

    #[test]
    fn date_lines() {
        use DateLabel::{Published, Updated};
        // (line, expected: None = not a date line; Some((label, date or None)))
        type Expected<'a> = Option<(DateLabel, Option<&'a str>)>;
        let table: &[(&str, Expected<'_>)] = &[
            ("Published: 2016-10-12", Some((Published, Some("2016-10-12")))),
            ("Date: June 29, 2011", Some((Published, Some("2011-06-29")))),
            ("Updated: Thursday, 30 June 2011 09:12", Some((Updated, Some("2011-06-30")))),
            ("Last updated on 30 June 2011", Some((Updated, Some("2011-06-30")))),
            ("Posted Jun 29, 2011", Some((Published, Some("2011-06-29")))),
            ("June 29, 2011", Some((Published, Some("2011-06-29")))),
            ("Published: sometime last spring", Some((Published, None))),
            ("February 30, 2011", Some((Published, None))),
            ("29/06/2011", Some((Published, None))),
            // A generated caption that once was taken for a date (proptest).
            ("3.5. **Aa**", None),
            ("Kim Jong Il will travel to Vladivostok by train, a police source said.", None),
            ("June was a hard month for the 12 families.", None),
            ("Updated figures came in on Monday, officials said.", None),
            ("By Jane Doe", None),
        ];
        for (line, expected) in table {
            let got = date_line(line).map(|d| (d.label, d.date.map(|d| d.to_string())));
            let expected = expected.map(|(l, d)| (l, d.map(str::to_owned)));
            assert_eq!(got, expected, "{line:?}");
        }
    }
}
