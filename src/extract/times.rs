//! Time expressions: absolute dates ("June 30", "30 June 2011", "2002",
//! "the 1990s"), weekdays and relative expressions ("Wednesday", "last year",
//! "earlier this month", "in recent years", "two years ago") resolved against
//! the publication date, and alternatives kept apart ("June 30 or July 1").

use std::fmt;

use super::tokens::{Kind, Token};
use crate::annotation::TimeValue;
use crate::article::{Date, MONTHS, Span};

/// The value of a time expression.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeExpr {
    /// One day, month or year.
    At(TimeValue),
    /// Several possible values, none certain ("June 30 or July 1").
    Alternatives(Vec<TimeValue>),
    /// An interval; an open end is `None` ("in recent years": up to this year).
    Interval {
        /// Start, if known.
        begin: Option<TimeValue>,
        /// End, if known.
        end: Option<TimeValue>,
    },
    /// Relative to the publication date ("yesterday", "in June"), in an
    /// article that gives none: not resolved, and nothing guessed.
    Unresolved,
}

impl fmt::Display for TimeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::At(t) => t.fmt(f),
            Self::Alternatives(ts) => {
                let parts: Vec<String> = ts.iter().map(ToString::to_string).collect();
                f.write_str(&parts.join(" or "))
            }
            Self::Interval { begin, end } => {
                let side = |t: &Option<TimeValue>| t.map_or_else(|| "..".to_owned(), |t| t.to_string());
                write!(f, "{}/{}", side(begin), side(end))
            }
            Self::Unresolved => f.write_str("unresolved"),
        }
    }
}

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    /// Where it is.
    pub span: Span,
    /// Its value, resolved against the publication date.
    pub value: TimeExpr,
    /// How it was read ("weekday, the last one on or before the publication date").
    pub cue: &'static str,
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub(crate) fn days(date: Date) -> i64 {
    let (y, m, d) = (i64::from(date.year), i64::from(date.month), i64::from(date.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01.
pub(crate) fn from_days(n: i64) -> Date {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: i32::try_from(year).unwrap_or(i32::MAX),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

fn add_days(date: Date, n: i64) -> Date {
    from_days(days(date) + n)
}

fn month_shift(year: i32, month: u8, by: i32) -> TimeValue {
    let index = year * 12 + i32::from(month) - 1 + by;
    TimeValue::YearMonth(index.div_euclid(12), u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1))
}

pub(super) const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_ABBREVIATIONS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

/// Words before a year or month that make it a time ("in 2002", "since June").
const TIME_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "from",
    "to",
    "after",
    "before",
    "during",
    "through",
    "early",
    "late",
    "mid",
    "between",
    "around",
    "circa",
    "last",
    "next",
    "this",
    "every",
    "throughout",
];

/// Words that make a sentence speak of the future.
const FUTURE_CUES: &[&str] =
    &["will", "shall", "would", "next", "upcoming", "scheduled", "due", "planned", "plans", "set", "expected"];

pub(crate) fn month_of(tokens: &[Token<'_>], i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(m) = MONTHS.iter().position(|m| *m == t.text) {
        return Some((u8::try_from(m + 1).ok()?, i + 1));
    }
    let m = MONTH_ABBREVIATIONS.iter().position(|m| *m == t.text)?;
    // "Jan." but not the modal "May" or a name like "Jun".
    let dotted = tokens.get(i + 1).is_some_and(|d| d.is_punct('.') && d.span.begin == t.span.end);
    dotted.then(|| Some((u8::try_from(m + 1).ok()?, i + 2))).flatten()
}

fn day_of(tokens: &[Token<'_>], i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Number || t.text.len() > 2 {
        return None;
    }
    let day: u8 = t.text.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    // An ordinal suffix written against the number: "30th".
    let next = tokens.get(i + 1);
    let suffix = next.is_some_and(|n| {
        n.span.begin == t.span.end && matches!(n.text, "st" | "nd" | "rd" | "th") && n.kind == Kind::Word
    });
    Some((day, if suffix { i + 2 } else { i + 1 }))
}

pub(crate) fn year_of(tokens: &[Token<'_>], i: usize) -> Option<i32> {
    let t = tokens.get(i)?;
    (t.kind == Kind::Number && t.text.len() == 4)
        .then(|| t.text.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1000..=2100).contains(y))
}

fn weekday_of(tokens: &[Token<'_>], i: usize) -> Option<u8> {
    let t = tokens.get(i)?;
    let d = WEEKDAYS.iter().position(|d| *d == t.text)?;
    u8::try_from(d).ok()
}

fn word_number(word: &str) -> Option<i64> {
    const SMALL: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if let Some(n) = SMALL.iter().position(|w| w.eq_ignore_ascii_case(word)) {
        return i64::try_from(n).ok();
    }
    match word.to_ascii_lowercase().as_str() {
        "a" | "an" => Some(1),
        "fifteen" => Some(15),
        "twenty" => Some(20),
        "thirty" => Some(30),
        "fifty" => Some(50),
        _ => None,
    }
}

fn count_of(tokens: &[Token<'_>], i: usize) -> Option<i64> {
    let t = tokens.get(i)?;
    match t.kind {
        Kind::Number if t.text.len() <= 3 => t.text.parse().ok(),
        Kind::Word => word_number(t.text),
        _ => None,
    }
}

/// The closest date to `publication` with this month and day, within a year
/// either side.
fn infer_year(publication: Date, month: u8, day: u8) -> Option<Date> {
    let mut best: Option<Date> = None;
    for year in [publication.year - 1, publication.year, publication.year + 1] {
        if let Some(d) = Date::new(year, month, day) {
            let distance = (days(d) - days(publication)).abs();
            if best.is_none_or(|b| distance < (days(b) - days(publication)).abs()) {
                best = Some(d);
            }
        }
    }
    best
}

/// A date written with a month name, with the index after it.
fn written_date(tokens: &[Token<'_>], i: usize, publication: Date) -> Option<(TimeValue, usize, &'static str)> {
    // Month Day[, Year]
    if let Some((month, j)) = month_of(tokens, i)
        && let Some((day, k)) = day_of(tokens, j)
    {
        if tokens.get(k).is_some_and(|t| t.is_punct(','))
            && let Some(year) = year_of(tokens, k + 1)
        {
            return Some((TimeValue::Date(Date::new(year, month, day)?), k + 2, "date"));
        }
        if let Some(year) = year_of(tokens, k) {
            return Some((TimeValue::Date(Date::new(year, month, day)?), k + 1, "date"));
        }
        return Some((TimeValue::Date(infer_year(publication, month, day)?), k, "date; year of the publication"));
    }
    // Day Month [Year]
    if let Some((day, j)) = day_of(tokens, i)
        && let Some((month, k)) = month_of(tokens, j)
    {
        if let Some(year) = year_of(tokens, k) {
            return Some((TimeValue::Date(Date::new(year, month, day)?), k + 1, "date"));
        }
        return Some((TimeValue::Date(infer_year(publication, month, day)?), k, "date; year of the publication"));
    }
    // Month Year
    if let Some((month, j)) = month_of(tokens, i)
        && let Some(year) = year_of(tokens, j)
    {
        return Some((TimeValue::YearMonth(year, month), j + 1, "month"));
    }
    None
}

/// Finds the time expressions in the tokens of a text published on
/// `publication`; without a publication date, those whose value depends on
/// it are [`TimeExpr::Unresolved`].
pub(crate) fn find(tokens: &[Token<'_>], publication: Option<Date>) -> Vec<TimeExpression> {
    if let Some(publication) = publication {
        return find_from(tokens, publication);
    }
    // Read the text as published on two dates that share no year, month or
    // weekday: an expression that reads the same on both does not depend on
    // the publication date; one that does not is relative.
    let (first, second) = (Date { year: 1901, month: 3, day: 4 }, Date { year: 2094, month: 10, day: 21 });
    let other = find_from(tokens, second);
    find_from(tokens, first)
        .into_iter()
        .map(|mut expression| {
            let same = other.iter().any(|o| o.span == expression.span && o.value == expression.value);
            if !same {
                expression.value = TimeExpr::Unresolved;
                expression.cue = "relative to the publication date, which the article does not give";
            }
            expression
        })
        .collect()
}

/// Finds the time expressions in the tokens of a text published on `publication`.
fn find_from(tokens: &[Token<'_>], publication: Date) -> Vec<TimeExpression> {
    let mut found = Vec::new();
    // A sentence speaks of the future at a token when a cue comes before it in
    // the sentence ("said he would meet on Monday"), or anywhere in it when the
    // time opens the sentence ("On Monday, talks will resume"); not when the
    // cue is in a later clause ("on Sunday denied that she would meet").
    let is_cue =
        |t: &Token<'_>| t.kind == Kind::Word && (FUTURE_CUES.contains(&t.lower().as_str()) || t.text.ends_with("'ll"));
    let mut sentence_has_cue = vec![false; tokens.last().map_or(0, |t| t.sentence) + 1];
    for t in tokens.iter().filter(|t| is_cue(t)) {
        sentence_has_cue[t.sentence] = true;
    }
    let mut cue_before = vec![false; tokens.len()];
    let mut sentence_start = vec![0; tokens.len()];
    for i in 0..tokens.len() {
        let same = i > 0 && tokens[i - 1].sentence == tokens[i].sentence;
        sentence_start[i] = if same { sentence_start[i - 1] } else { i };
        cue_before[i] = same && (cue_before[i - 1] || is_cue(&tokens[i - 1]));
    }
    let mut i = 0;
    let mut last_month: Option<TimeValue> = None;
    while i < tokens.len() {
        let is_future = tense_near(tokens, i)
            .unwrap_or_else(|| cue_before[i] || (i - sentence_start[i] <= 3 && sentence_has_cue[tokens[i].sentence]));
        let found_here =
            same_month_a_year_before(tokens, i, last_month).or_else(|| at(tokens, i, publication, is_future));
        match found_here {
            Some((expression, next)) => {
                if let TimeExpr::At(value @ TimeValue::YearMonth(..)) = expression.value {
                    last_month = Some(value);
                }
                found.push(expression);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

/// Past-tense verbs without "-ed".
const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "met", "made", "took", "gave", "came", "went", "saw", "held", "left", "began", "won", "lost",
    "fell", "rose", "sold", "bought", "brought", "paid", "spoke", "wrote", "found", "became", "got", "kept", "led",
    "sent", "spent", "thought", "stood", "struck", "shut", "ran", "flew", "grew", "knew", "drew", "broke", "chose",
    "froze", "hit", "quit", "was", "were", "had", "did",
];

/// The tense of the clause a time expression at `i` sits in, from the
/// nearest verb before it in the clause ("an official said Friday",
/// "it will meet on Monday"), or after it when it opens the sentence ("On
/// Friday, Vandor announced"): `Some(true)` for the future, `Some(false)` for
/// the past, `None` when no verb says.
fn tense_near(tokens: &[Token<'_>], i: usize) -> Option<bool> {
    let sentence = tokens[i].sentence;
    let tense = |t: &Token<'_>| {
        if t.kind != Kind::Word {
            return None;
        }
        let lower = t.lower();
        if FUTURE_CUES.contains(&lower.as_str()) || lower.ends_with("'ll") {
            Some(true)
        } else if IRREGULAR_PAST.contains(&lower.as_str())
            || (lower.ends_with("ed") && lower.chars().count() > 4 && !t.is_capitalised())
        {
            Some(false)
        } else {
            None
        }
    };
    let mut k = i;
    while k > 0 && i - k < 6 {
        k -= 1;
        let t = &tokens[k];
        if t.sentence != sentence || matches!(t.kind, Kind::Punct(',' | ';' | ':')) {
            break;
        }
        if let Some(future) = tense(t) {
            return Some(future);
        }
    }
    let opens = (i == 0 || tokens[i - 1].sentence != sentence)
        || (i >= 1 && tokens[i - 1].sentence == sentence && lower_is(tokens, i - 1, &["on", "in", "last", "this"]))
            && (i < 2 || tokens[i - 2].sentence != sentence);
    if opens {
        let mut k = i + 1;
        while k < tokens.len() && tokens[k].sentence == sentence && k - i < 8 {
            if let Some(future) = tense(&tokens[k]) {
                return Some(future);
            }
            k += 1;
        }
    }
    None
}

/// "the same month a year ago": the month last named, a year before.
fn same_month_a_year_before(
    tokens: &[Token<'_>],
    i: usize,
    last_month: Option<TimeValue>,
) -> Option<(TimeExpression, usize)> {
    let TimeValue::YearMonth(year, month) = last_month? else { return None };
    let words: Vec<String> =
        (0..7).map_while(|k| tokens.get(i + k).filter(|t| t.kind == Kind::Word).map(Token::lower)).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let to = match words.as_slice() {
        ["the", "same", "month", "a", "year", "ago" | "earlier" | "before", ..] => i + 6,
        ["the", "same", "month", "last" | "previous", "year", ..] => i + 5,
        _ => return None,
    };
    let value = TimeExpr::At(TimeValue::YearMonth(year - 1, month));
    Some((TimeExpression { span: span(tokens, i, to), value, cue: "the month last named, a year before" }, to))
}

fn span(tokens: &[Token<'_>], from: usize, to: usize) -> Span {
    Span { begin: tokens[from].span.begin, end: tokens[to - 1].span.end }
}

fn lower_is(tokens: &[Token<'_>], i: usize, words: &[&str]) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == Kind::Word && words.iter().any(|w| t.text.eq_ignore_ascii_case(w)))
}

/// The time expression starting at token `i`, with the index after it.
fn at(tokens: &[Token<'_>], i: usize, publication: Date, future: bool) -> Option<(TimeExpression, usize)> {
    let make = |from: usize, to: usize, value: TimeExpr, cue: &'static str| {
        Some((TimeExpression { span: span(tokens, from, to), value, cue }, to))
    };
    let pub_date = TimeValue::Date(publication);
    let (year, month) = (publication.year, publication.month);

    // Written dates, alone or as alternatives or intervals.
    if let Some((first, j, cue)) = written_date(tokens, i, publication) {
        let joiner = tokens.get(j).map(Token::lower);
        let second = match joiner.as_deref() {
            Some("or" | "to" | "and" | "-" | "–") => written_date(tokens, j + 1, publication).or_else(|| {
                // "June 30 or 31": the month carries over.
                let TimeValue::Date(d) = first else { return None };
                let (day, k) = day_of(tokens, j + 1)?;
                Some((TimeValue::Date(Date::new(d.year, d.month, day)?), k, cue))
            }),
            _ => None,
        };
        if let Some((second, k, _)) = second {
            let from_to = lower_is(tokens, i.wrapping_sub(1), &["from", "between"]);
            return match joiner.as_deref() {
                Some("or") => make(i, k, TimeExpr::Alternatives(vec![first, second]), "alternative dates"),
                // "on June 1 and June 5": two dates, found one after the other.
                Some("and") if !from_to => make(i, j, TimeExpr::At(first), cue),
                _ => make(i, k, TimeExpr::Interval { begin: Some(first), end: Some(second) }, "interval"),
            };
        }
        return make(i, j, TimeExpr::At(first), cue);
    }

    let t = &tokens[i];
    let prev_word = i.checked_sub(1).map(|p| tokens[p].lower());
    // "between April and June": the second month of a pair.
    let paired = matches!(prev_word.as_deref(), Some("and" | "or" | "to" | "through"))
        && i >= 2
        && month_of(tokens, i - 2).is_some();
    let after_preposition = prev_word.as_deref().is_some_and(|w| TIME_PREPOSITIONS.contains(&w)) || paired;

    // "October of next year", "March last year".
    if let Some((m, j)) = month_of(tokens, i)
        && day_of(tokens, j).is_none()
    {
        let of = usize::from(lower_is(tokens, j, &["of"]));
        if lower_is(tokens, j + of + 1, &["year"]) {
            let shift = match tokens.get(j + of).map(Token::lower).as_deref() {
                Some("next") => Some(1),
                Some("last" | "previous") => Some(-1),
                Some("this") => Some(0),
                _ => None,
            };
            if let Some(shift) = shift {
                // The month alone: the year after it is an expression of its own.
                let value = TimeExpr::At(TimeValue::YearMonth(year + shift, m));
                return make(i, j, value, "month of the year named after it");
            }
        }
    }
    // A month alone: "in June", "last March".
    if let Some((m, j)) = month_of(tokens, i)
        && after_preposition
        && day_of(tokens, j).is_none()
    {
        // "between November and February": the second month follows the first.
        if paired
            && let Some((first, _)) = at(tokens, i - 2, publication, future)
            && let TimeExpr::At(TimeValue::YearMonth(first_year, first_month)) = first.value
        {
            let value = TimeValue::YearMonth(if m >= first_month { first_year } else { first_year + 1 }, m);
            return make(i, j, TimeExpr::At(value), "month, after the month paired with it");
        }
        let shift = i32::from(m) - i32::from(month);
        let by = match prev_word.as_deref() {
            Some("last") => {
                if shift < 0 {
                    shift
                } else {
                    shift - 12
                }
            }
            Some("next") => {
                if shift > 0 {
                    shift
                } else {
                    shift + 12
                }
            }
            _ if future => {
                if shift >= 0 {
                    shift
                } else {
                    shift + 12
                }
            }
            _ => {
                if shift <= 0 {
                    shift
                } else {
                    shift - 12
                }
            }
        };
        return make(
            i,
            j,
            TimeExpr::At(month_shift(year, month, by)),
            "month, the nearest in the tense of the sentence",
        );
    }

    // A year, a range of years or a decade.
    if let Some(y) = year_of(tokens, i) {
        let next = tokens.get(i + 1);
        let joiner = next.map(Token::lower);
        if matches!(joiner.as_deref(), Some("to" | "and" | "-" | "–"))
            && let Some(y2) = year_of(tokens, i + 2)
            && (joiner.as_deref() != Some("and") || lower_is(tokens, i.wrapping_sub(1), &["between"]))
        {
            let value = TimeExpr::Interval { begin: Some(TimeValue::Year(y)), end: Some(TimeValue::Year(y2)) };
            return make(i, i + 3, value, "interval of years");
        }
        let counted_noun = next.is_some_and(|n| n.kind == Kind::Word && !n.is_capitalised() && n.text.ends_with('s'));
        let attributive = lower_is(tokens, i.wrapping_sub(1), &["the", "its", "a", "his", "her", "their"]);
        if after_preposition || attributive || !counted_noun && !next.is_some_and(|n| n.kind == Kind::Word) {
            return make(i, i + 1, TimeExpr::At(TimeValue::Year(y)), "year");
        }
        return None;
    }
    if t.kind == Kind::Number && t.text.len() == 5 && t.text.ends_with('s') {
        let y: i32 = t.text[..4].parse().ok()?;
        if y % 10 == 0 && (1000..=2100).contains(&y) {
            let value = TimeExpr::Interval { begin: Some(TimeValue::Year(y)), end: Some(TimeValue::Year(y + 9)) };
            return make(i, i + 1, value, "decade");
        }
    }

    // Weekdays, with "last", "next" or "this" before them.
    let prefixed = lower_is(tokens, i, &["last", "next", "this"]) && weekday_of(tokens, i + 1).is_some();
    let day_index = if prefixed { i + 1 } else { i };
    if let Some(weekday) = weekday_of(tokens, day_index) {
        let today = i64::from(publication.weekday());
        let target = i64::from(weekday);
        let back = (today - target).rem_euclid(7);
        let ahead = (target - today).rem_euclid(7);
        let (offset, cue) = match tokens[i].lower().as_str() {
            "last" if prefixed => {
                (-(if back == 0 { 7 } else { back }), "\"last\" weekday, before the publication date")
            }
            "next" if prefixed => (if ahead == 0 { 7 } else { ahead }, "\"next\" weekday, after the publication date"),
            _ if future => (ahead, "weekday, the first on or after the publication date (future tense)"),
            _ => (-back, "weekday, the last on or before the publication date"),
        };
        return make(i, day_index + 1, TimeExpr::At(TimeValue::Date(add_days(publication, offset))), cue);
    }

    if t.kind != Kind::Word {
        return None;
    }
    let word = t.lower();
    let w = |k: usize| tokens.get(i + k).filter(|t| t.kind == Kind::Word).map(Token::lower).unwrap_or_default();
    let monday = add_days(publication, -i64::from(publication.weekday()));
    let week = |shift: i64| TimeExpr::Interval {
        begin: Some(TimeValue::Date(add_days(monday, 7 * shift))),
        end: Some(TimeValue::Date(add_days(monday, 7 * shift + 6))),
    };
    match word.as_str() {
        "today" | "tonight" => return make(i, i + 1, TimeExpr::At(pub_date), "the publication date"),
        "yesterday" => {
            return make(
                i,
                i + 1,
                TimeExpr::At(TimeValue::Date(add_days(publication, -1))),
                "the day before publication",
            );
        }
        "tomorrow" => {
            return make(
                i,
                i + 1,
                TimeExpr::At(TimeValue::Date(add_days(publication, 1))),
                "the day after publication",
            );
        }
        _ => {}
    }
    // "last year", "this month", "next week"; "earlier this month", "later this year".
    let (shift_word, unit_at) = match word.as_str() {
        "earlier" | "later" if w(1) == "this" => ("this", 2),
        "last" | "this" | "next" | "past" => (word.as_str(), 1),
        _ => ("", 0),
    };
    if unit_at > 0 && !lower_is(tokens, i.wrapping_sub(1), &["the"]) {
        let shift = match shift_word {
            "last" | "past" => -1,
            "next" => 1,
            _ => 0,
        };
        let to = i + unit_at + 1;
        let earlier = word == "earlier";
        let later = word == "later";
        let value = match w(unit_at).as_str() {
            "year" => Some(TimeExpr::At(TimeValue::Year(year + shift))),
            "month" => Some(TimeExpr::At(month_shift(year, month, shift))),
            "week" if earlier => Some(TimeExpr::Interval {
                begin: Some(TimeValue::Date(monday)),
                end: Some(TimeValue::Date(add_days(publication, -1).max(monday))),
            }),
            "week" if later => Some(TimeExpr::Interval {
                begin: Some(TimeValue::Date(add_days(publication, 1).min(add_days(monday, 6)))),
                end: Some(TimeValue::Date(add_days(monday, 6))),
            }),
            "week" => Some(week(i64::from(shift))),
            "weekend" => {
                let saturday = add_days(monday, 5 + 7 * i64::from(shift));
                Some(TimeExpr::Interval {
                    begin: Some(TimeValue::Date(saturday)),
                    end: Some(TimeValue::Date(add_days(saturday, 1))),
                })
            }
            _ => None,
        };
        if let Some(value) = value {
            return make(i, to, value, "relative to the publication date");
        }
    }
    // "the beginning of the year", "the end of the month": the publication's.
    if word == "the"
        && matches!(w(1).as_str(), "beginning" | "start" | "end" | "middle")
        && w(2) == "of"
        && w(3) == "the"
    {
        let value = match w(4).as_str() {
            "year" => Some(TimeValue::Year(year)),
            "month" => Some(TimeValue::YearMonth(year, month)),
            _ => None,
        };
        if let Some(value) = value {
            return make(i, i + 5, TimeExpr::At(value), "part of the publication's year or month");
        }
    }
    // "the previous year", "the prior month".
    if word == "the" && matches!(w(1).as_str(), "previous" | "prior") {
        let value = match w(2).as_str() {
            "year" => Some(TimeValue::Year(year - 1)),
            "month" => Some(month_shift(year, month, -1)),
            _ => None,
        };
        if let Some(value) = value {
            return make(i, i + 3, TimeExpr::At(value), "the year or month before the publication's");
        }
    }
    // "in recent years", "recent months".
    if word == "recent" || (word == "in" && w(1) == "recent") {
        let (from, unit_at) = if word == "in" { (i, 2) } else { (i, 1) };
        let end = match w(unit_at).as_str() {
            "years" => Some(TimeValue::Year(year)),
            "months" => Some(TimeValue::YearMonth(year, month)),
            "weeks" | "days" => Some(pub_date),
            _ => None,
        };
        if let Some(end) = end {
            return make(
                from,
                i + unit_at + 1,
                TimeExpr::Interval { begin: None, end: Some(end) },
                "up to the publication date",
            );
        }
    }
    // "the past three years", "the last two months".
    if word == "the" && matches!(w(1).as_str(), "past" | "last") {
        let (n, unit_at) = match count_of(tokens, i + 2) {
            Some(n) => (n, 3),
            None => (1, 2),
        };
        let unit = w(unit_at);
        let begin = match unit.trim_end_matches('s') {
            "year" => Some(TimeValue::Year(year - i32::try_from(n).ok()?)),
            "month" => Some(month_shift(year, month, -i32::try_from(n).ok()?)),
            "week" => Some(TimeValue::Date(add_days(publication, -7 * n))),
            "day" => Some(TimeValue::Date(add_days(publication, -n))),
            _ => None,
        };
        if let Some(begin) = begin {
            let end = match begin {
                TimeValue::Year(_) => TimeValue::Year(year),
                TimeValue::YearMonth(..) => TimeValue::YearMonth(year, month),
                TimeValue::Date(_) => pub_date,
            };
            let value = TimeExpr::Interval { begin: Some(begin), end: Some(end) };
            return make(i, i + unit_at + 1, value, "interval up to the publication date");
        }
    }
    // "two years ago", "a week ago".
    if let Some(n) = count_of(tokens, i)
        && w(2) == "ago"
    {
        let value = match w(1).trim_end_matches('s') {
            "year" => TimeValue::Year(year - i32::try_from(n).ok()?),
            "month" => month_shift(year, month, -i32::try_from(n).ok()?),
            "week" => TimeValue::Date(add_days(publication, -7 * n)),
            "day" => TimeValue::Date(add_days(publication, -n)),
            _ => return None,
        };
        return make(i, i + 3, TimeExpr::At(value), "counted back from the publication date");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::extract::tokens::tokenize;

    fn found(published: &str, paragraph: &str) -> Vec<(String, String)> {
        let article = Article::parse(&format!("# T\n\n{published}\n\n{paragraph}")).unwrap();
        let tokens = tokenize(&article);
        find(&tokens, article.date)
            .into_iter()
            .map(|e| (article.slice(e.span).to_owned(), e.value.to_string()))
            .collect()
    }

    #[test]
    fn expressions() {
        type Expected<'a> = &'a [(&'a str, &'a str)];
        // (publication date, paragraph, expected (expression, value) pairs)
        let table: &[(&str, &str, Expected<'_>)] = &[
            ("June 29, 2011", "Protesters rallied in Seoul on Wednesday.", &[("Wednesday", "2011-06-29")]),
            (
                "June 29, 2011",
                "It met on Monday. It will meet on Friday.",
                &[("Monday", "2011-06-27"), ("Friday", "2011-07-01")],
            ),
            ("June 29, 2011", "They met last Wednesday.", &[("last Wednesday", "2011-06-22")]),
            ("June 29, 2011", "It was due on June 30 or July 1.", &[("June 30 or July 1", "2011-06-30 or 2011-07-01")]),
            ("June 29, 2011", "He has not come since 2002, when he met Putin.", &[("2002", "2002")]),
            ("June 29, 2011", "It will be held in 2012.", &[("2012", "2012")]),
            ("June 29, 2011", "Earlier this month, they met.", &[("Earlier this month", "2011-06")]),
            ("June 29, 2011", "Tension increased last year.", &[("last year", "2010")]),
            ("June 29, 2011", "He made trips in recent years.", &[("in recent years", "../2011")]),
            ("June 29, 2011", "An official said earlier this week.", &[("earlier this week", "2011-06-27/2011-06-28")]),
            ("January 3, 2012", "It happened on December 28.", &[("December 28", "2011-12-28")]),
            (
                "March 5, 2019",
                "The law of 30 June 2011 and the 1990s.",
                &[("30 June 2011", "2011-06-30"), ("1990s", "1990/1999")],
            ),
            (
                "March 5, 2019",
                "From 2009 to 2011 prices rose; 2,000 people and 1500 troops came.",
                &[("2009 to 2011", "2009/2011")],
            ),
            ("March 5, 2019", "It started two years ago, in May.", &[("two years ago", "2017"), ("May", "2018-05")]),
            ("March 5, 2019", "It may rain. It ends in May.", &[("May", "2018-05")]),
            ("March 5, 2019", "It will end in May.", &[("May", "2019-05")]),
            (
                "March 5, 2019",
                "Over the past three years, yesterday and today.",
                &[("the past three years", "2016/2019"), ("yesterday", "2019-03-04"), ("today", "2019-03-05")],
            ),
            ("March 5, 2019", "Talks are set for March 12-14.", &[("March 12-14", "2019-03-12/2019-03-14")]),
            ("March 5, 2019", "No date: 130 kilometers, six-party talks.", &[]),
            // The tense of the nearest verb, not of a later clause.
            ("May 29, 2011", "Velmont announced on Friday a deal that would close soon.", &[("Friday", "2011-05-27")]),
            ("May 29, 2011", "The firm will pay more, an official said Friday.", &[("Friday", "2011-05-27")]),
            ("May 29, 2011", "On Friday, the firm will vote.", &[("Friday", "2011-06-03")]),
            // A month paired with another; a month of a relative year.
            (
                "November 18, 2008",
                "Output shrank between April and June.",
                &[("April", "2008-04"), ("June", "2008-06")],
            ),
            (
                "May 15, 2009",
                "Letters go out after October of next year.",
                &[("October", "2010-10"), ("next year", "2010")],
            ),
            ("May 15, 2009", "Sales peaked in March last year.", &[("March", "2008-03"), ("last year", "2008")]),
            ("February 3, 2009", "Sales fell from the previous year.", &[("the previous year", "2008")]),
            // Parts of the year, and the same month a year before.
            (
                "April 9, 2008",
                "It led the market at the beginning of the year.",
                &[("the beginning of the year", "2008")],
            ),
            (
                "February 3, 2009",
                "Sales fell in January, compared to the same month a year ago.",
                &[("January", "2009-01"), ("the same month a year ago", "2008-01")],
            ),
        ];
        for (published, paragraph, expected) in table {
            let expected: Vec<(String, String)> =
                expected.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
            assert_eq!(found(published, paragraph), expected, "{paragraph}");
        }
    }

    /// Relative expressions in an article without a publication date stay
    /// unresolved; absolute ones keep their values.
    #[test]
    fn without_a_publication_date() {
        let got = found("", "On June 30, 2011 and in 2002 it rained; yesterday it snowed, and on June 2 and in May.");
        let expected = [
            ("June 30, 2011", "2011-06-30"),
            ("2002", "2002"),
            ("yesterday", "unresolved"),
            ("June 2", "unresolved"),
            ("May", "unresolved"),
        ];
        let expected: Vec<(String, String)> =
            expected.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2011, 6, 29), (1900, 3, 1), (2100, 12, 31)] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(from_days(days(date)), date);
        }
        assert_eq!(days(Date::new(1970, 1, 2).unwrap()), 1);
    }
}
