//! The resolved annotations handed to the mapping stage: every reference
//! checked, every excerpt located in the article with code-point offsets.

use std::collections::BTreeMap;
use std::fmt;

use crate::article::{Date, MONTHS, Span};

use super::file::{Certainty, EntityType, EventStatus, Polarity, Relation};

/// A located excerpt of the article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// Where it is.
    pub span: Span,
    /// Its exact text in the article.
    pub text: String,
}

/// A time value: a day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeValue {
    /// A day (`xsd:date`).
    Date(Date),
    /// A month (`xsd:gYearMonth`).
    YearMonth(i32, u8),
    /// A year (`xsd:gYear`).
    Year(i32),
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Date(d) => d.fmt(f),
            Self::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            Self::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl TimeValue {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten()
        };
        let year = number(parts.first()?, 4)?;
        match parts[1..] {
            [] => Some(Self::Year(year)),
            [m] => {
                let m = u8::try_from(number(m, 2)?).ok()?;
                (1..=12).contains(&m).then_some(Self::YearMonth(year, m))
            }
            [m, d] => {
                Date::new(year, u8::try_from(number(m, 2)?).ok()?, u8::try_from(number(d, 2)?).ok()?).map(Self::Date)
            }
            _ => None,
        }
    }

    /// A human reading ("June 2011").
    pub fn describe(&self) -> String {
        match self {
            Self::Date(d) => format!("{} {}, {}", MONTHS[usize::from(d.month - 1)], d.day, d.year),
            Self::YearMonth(y, m) => format!("{} {y}", MONTHS[usize::from(*m - 1)]),
            Self::Year(y) => y.to_string(),
        }
    }
}

/// When an event happens, as the article says it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventTime {
    /// A single time.
    pub at: Option<TimeValue>,
    /// Alternatives, none of which is certain.
    pub alternatives: Vec<TimeValue>,
    /// Start of an interval.
    pub begin: Option<TimeValue>,
    /// End of an interval.
    pub end: Option<TimeValue>,
}

impl EventTime {
    /// Whether the article gives no time at all.
    pub fn is_unknown(&self) -> bool {
        self.at.is_none() && self.alternatives.is_empty() && self.begin.is_none() && self.end.is_none()
    }
}

/// An entity of the article.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Stable id.
    pub id: String,
    /// Its type.
    pub kind: EntityType,
    /// Its full name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Role phrases that refer to it.
    pub roles: Vec<String>,
    /// Whether its name is looked for in the text.
    pub match_name: bool,
    /// Wikidata item id.
    pub wikidata: Option<String>,
    /// A short description.
    pub description: Option<String>,
}

/// An office held.
#[derive(Debug, Clone)]
pub struct Post {
    /// Stable id.
    pub id: String,
    /// The office.
    pub label: String,
    /// Entity id of the holder.
    pub holder: String,
    /// Entity id of the organisation.
    pub organization: Option<String>,
    /// When it was held.
    pub time: Option<TimeValue>,
    /// Where the article says so.
    pub evidence: Evidence,
}

/// An event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// Short name.
    pub label: String,
    /// Status.
    pub status: Option<EventStatus>,
    /// Entity ids of participants.
    pub participants: Vec<String>,
    /// Entity id of the place.
    pub place: Option<String>,
    /// When.
    pub time: EventTime,
    /// Certainty.
    pub certainty: Certainty,
    /// Polarity.
    pub polarity: Polarity,
    /// Where the article says so.
    pub evidence: Evidence,
}

/// A direct quotation.
#[derive(Debug, Clone)]
pub struct Quotation {
    /// Stable id.
    pub id: String,
    /// The quoted words, located in the article.
    pub text: Evidence,
    /// Entity id of the speaker; `None` for a quotation found automatically
    /// whose speaker is not certain (a curated file always names one).
    pub speaker: Option<String>,
    /// How it was given.
    pub manner: Option<String>,
    /// Entity id of who it was given to.
    pub addressee: Option<String>,
    /// The excerpt with the quotation and its attribution.
    pub evidence: Evidence,
}

/// A claim.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Stable id.
    pub id: String,
    /// What is claimed.
    pub text: String,
    /// Entity id of the asserting source.
    pub source: String,
    /// Entity id of the cited source.
    pub cited: Option<String>,
    /// Certainty.
    pub certainty: Certainty,
    /// Polarity.
    pub polarity: Polarity,
    /// Ids of what it is about.
    pub about: Vec<String>,
    /// Where the article says so.
    pub evidence: Evidence,
}

/// A relation between two entities.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Entity id of the subject.
    pub subject: String,
    /// The relation.
    pub predicate: Relation,
    /// Entity id of the object.
    pub object: String,
    /// Where the article says so.
    pub evidence: Evidence,
}

/// A quantity.
#[derive(Debug, Clone)]
pub struct Quantity {
    /// Stable id.
    pub id: String,
    /// The number.
    pub value: f64,
    /// The unit or counted thing.
    pub unit: String,
    /// What it describes.
    pub of: Option<String>,
    /// What it is measured from.
    pub from: Option<String>,
    /// Where the article says so.
    pub evidence: Evidence,
}

/// The annotations of an article, checked and located in its text.
#[derive(Debug, Clone)]
pub struct Annotations {
    /// The article's id, if the file gives one.
    pub article_id: Option<String>,
    /// Language tag of the text.
    pub language: String,
    /// Entity id of the publisher.
    pub publisher: Option<String>,
    /// Entity id of the photographer.
    pub photographer: Option<String>,
    /// Entity ids of what the photo shows.
    pub photo_depicts: Vec<String>,
    /// Entities by id.
    pub entities: BTreeMap<String, Entity>,
    /// Posts.
    pub posts: Vec<Post>,
    /// Events.
    pub events: Vec<Event>,
    /// Quotations.
    pub quotations: Vec<Quotation>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// Statements.
    pub statements: Vec<Statement>,
    /// Quantities.
    pub quantities: Vec<Quantity>,
    /// Time expressions of the text with their values (found automatically;
    /// a curated file dates its events and posts instead).
    pub times: Vec<TimeMention>,
    /// Set when the annotations were found by rules, not curated: what
    /// produced each item.
    pub automatic: Option<Automatic>,
}

/// A time expression of the text and the time it denotes.
#[derive(Debug, Clone)]
pub struct TimeMention {
    /// The expression, located in the article.
    pub evidence: Evidence,
    /// Its value; unknown when it is relative to a publication date the
    /// article does not give.
    pub time: EventTime,
    /// How it was read.
    pub cue: String,
}

/// What produced the items of automatic annotations.
#[derive(Debug, Clone, Default)]
pub struct Automatic {
    /// The cue or rule that produced each item, by its id (entities, posts,
    /// quotations, claims, quantities).
    pub cues: BTreeMap<String, String>,
    /// Entity id of the author named by the byline or the page.
    pub author: Option<String>,
}
