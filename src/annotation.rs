//! The annotation stage: reads the curated annotation file (TOML) of an
//! article and resolves it against the article's text.
//!
//! It takes the file's text and a parsed [`Article`], and hands on
//! [`Annotations`]: entities, posts, events, quotations, claims, statements and
//! quantities whose references are checked and whose evidence excerpts are
//! located in the article, each with code-point offsets. Every error names the
//! file's line and column: an excerpt not in the article (with the closest
//! passage), an ambiguous excerpt, an unknown or duplicate id, a wrong type, a
//! malformed Wikidata id or date.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::article::{Article, Date, MONTHS, Span};

// ---------------------------------------------------------------------------
// The file format, as serde reads it.
// ---------------------------------------------------------------------------

/// The annotation file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationFile {
    /// Facts about the article itself.
    #[serde(default)]
    pub article: ArticleMeta,
    /// The entities: people, organisations, places, states, anonymous sources.
    #[serde(default, rename = "entity")]
    pub entities: Vec<EntitySpec>,
    /// Offices held.
    #[serde(default, rename = "post")]
    pub posts: Vec<PostSpec>,
    /// Events, with participants, place, time and status.
    #[serde(default, rename = "event")]
    pub events: Vec<EventSpec>,
    /// Direct quotations, with their speakers.
    #[serde(default, rename = "quotation")]
    pub quotations: Vec<QuotationSpec>,
    /// Claims and reported speech, with their sources and factuality.
    #[serde(default, rename = "claim")]
    pub claims: Vec<ClaimSpec>,
    /// Relations between entities.
    #[serde(default, rename = "statement")]
    pub statements: Vec<StatementSpec>,
    /// Numbers with their unit or counted thing.
    #[serde(default, rename = "quantity")]
    pub quantities: Vec<QuantitySpec>,
}

/// The `[article]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The article's id; defaults to the name of its directory.
    pub id: Option<Spanned<String>>,
    /// BCP 47 language tag of the text; defaults to `en`.
    pub language: Option<Spanned<String>>,
    /// Entity id of the publisher.
    pub publisher: Option<Spanned<String>>,
    /// Entity id of the photographer credited under the photo.
    pub photographer: Option<Spanned<String>>,
    /// Entity ids of what the photo shows.
    #[serde(default)]
    pub photo_depicts: Vec<Spanned<String>>,
}

/// The type of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum EntityType {
    /// A named person.
    Person,
    /// An organisation.
    Organization,
    /// A news agency, newspaper or broadcaster.
    NewsMediaOrganization,
    /// A government, ministry or agency of a state.
    GovernmentOrganization,
    /// A place that is none of the below.
    Place,
    /// A state.
    Country,
    /// A city.
    City,
    /// A region, province or other administrative area.
    AdministrativeArea,
    /// A person quoted or cited without being named.
    AnonymousSource,
    /// Several people spoken of together.
    Group,
}

/// An `[[entity]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySpec {
    /// Stable id, unique in the file; also the last segment of its IRI.
    pub id: Spanned<String>,
    /// What kind of entity it is.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Its name, as the article writes it in full.
    pub name: String,
    /// Other names the article uses for it ("Medvedev").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Phrases that refer to it by role ("Medvedev's spokeswoman").
    #[serde(default)]
    pub roles: Vec<String>,
    /// Whether its name is looked for in the text. Defaults to true, except
    /// for anonymous sources and groups, whose names are descriptions; set it
    /// to false when the name, as written in this article, means another
    /// entity ("Moscow" for the Russian government, not the city).
    pub match_name: Option<bool>,
    /// Its Wikidata item id (`Q…`), only when listed in the project's reference.
    pub wikidata: Option<Spanned<String>>,
    /// A short description.
    pub description: Option<String>,
}

/// A `[[post]]` table: an office held by a person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostSpec {
    /// Stable id.
    pub id: Spanned<String>,
    /// The office ("President of Russia").
    pub label: String,
    /// Entity id of the holder.
    pub holder: Spanned<String>,
    /// Entity id of the organisation or state the post is in.
    pub organization: Option<Spanned<String>>,
    /// When the post was held, if the article says ("2002").
    pub time: Option<Spanned<String>>,
    /// The excerpt that says so.
    pub evidence: Spanned<String>,
}

/// The status of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Planned or expected.
    Scheduled,
    /// Called off.
    Cancelled,
    /// Moved to a later time.
    Postponed,
    /// Took place.
    Occurred,
}

/// How certain a source is of a fact (GRaSP / FactBank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Presented as certain.
    #[default]
    Certain,
    /// Presented as probable.
    Probable,
    /// Presented as possible.
    Possible,
    /// Not committed.
    Underspecified,
}

/// Whether a fact is asserted or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Asserted.
    #[default]
    Positive,
    /// Denied.
    Negative,
}

/// An `[[event]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// Stable id.
    pub id: Spanned<String>,
    /// A short name ("Kim–Medvedev summit in Vladivostok").
    pub label: String,
    /// Planned, cancelled, postponed or took place.
    pub status: Option<EventStatus>,
    /// Entity ids of the participants.
    #[serde(default)]
    pub participants: Vec<Spanned<String>>,
    /// Entity id of the place.
    pub place: Option<Spanned<String>>,
    /// When it happens: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub time: Option<Spanned<String>>,
    /// When the article gives alternatives ("June 30 or July 1").
    #[serde(default)]
    pub alternative_times: Vec<Spanned<String>>,
    /// Start of an interval.
    pub begin: Option<Spanned<String>>,
    /// End of an interval.
    pub end: Option<Spanned<String>>,
    /// How certain the article is that it happens (default certain).
    #[serde(default)]
    pub certainty: Certainty,
    /// Whether it happens (default positive).
    #[serde(default)]
    pub polarity: Polarity,
    /// The excerpt that says so.
    pub evidence: Spanned<String>,
}

/// A `[[quotation]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotationSpec {
    /// Stable id.
    pub id: Spanned<String>,
    /// The words quoted, exactly as inside the quotation marks.
    pub text: Spanned<String>,
    /// Entity id of the speaker.
    pub speaker: Spanned<String>,
    /// How it was given ("by telephone").
    pub manner: Option<String>,
    /// Entity id of who it was given to ("told Yonhap").
    pub addressee: Option<Spanned<String>>,
    /// The excerpt holding the quotation and, where there is one, its attribution.
    pub evidence: Spanned<String>,
}

/// A `[[claim]]` table: reported speech or an assertion with its source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// Stable id.
    pub id: Spanned<String>,
    /// What is claimed, in the article's words where possible.
    pub text: String,
    /// Entity id of who asserts it.
    pub source: Spanned<String>,
    /// Entity id of the source it is reported on the authority of.
    pub cited: Option<Spanned<String>>,
    /// How certain it is presented.
    #[serde(default)]
    pub certainty: Certainty,
    /// Asserted or denied.
    #[serde(default)]
    pub polarity: Polarity,
    /// Ids of the entities or events it is about.
    #[serde(default)]
    pub about: Vec<Spanned<String>>,
    /// The excerpt that says so.
    pub evidence: Spanned<String>,
}

/// The relations a statement can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The subject is a member of (takes part in) the object.
    MemberOf,
    /// The two share a border.
    SharesBorderWith,
    /// The subject is an ally of the object.
    AllyOf,
    /// The subject place lies in the object place.
    LocatedIn,
    /// The subject organisation belongs to or is based in the object country.
    Country,
    /// The subject speaks for the object.
    SpeaksFor,
    /// The subject name stands for the object ("Moscow" for Russia).
    StandsFor,
    /// The subject is about the object.
    About,
}

/// A `[[statement]]` table: a relation between two entities.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementSpec {
    /// Entity id of the subject.
    pub subject: Spanned<String>,
    /// The relation.
    pub predicate: Relation,
    /// Entity id of the object.
    pub object: Spanned<String>,
    /// The excerpt that says so.
    pub evidence: Spanned<String>,
}

/// A `[[quantity]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantitySpec {
    /// Stable id.
    pub id: Spanned<String>,
    /// The number.
    pub value: f64,
    /// The unit or the counted thing ("kilometre", "people killed").
    pub unit: String,
    /// Id of the entity or event the quantity describes.
    pub of: Option<Spanned<String>>,
    /// Id of the entity it is measured from ("130 km from the border").
    pub from: Option<Spanned<String>>,
    /// The excerpt that says so.
    pub evidence: Spanned<String>,
}

// ---------------------------------------------------------------------------
// Errors.
// ---------------------------------------------------------------------------

/// An error in an annotation file, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind}")]
pub struct AnnotationError {
    /// 1-based line in the annotation file.
    pub line: usize,
    /// 1-based column (in characters) in the annotation file.
    pub column: usize,
    /// What is wrong.
    pub kind: AnnotationErrorKind,
}

/// What is wrong in an annotation file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnnotationErrorKind {
    /// The file is not valid TOML, or a value has the wrong type or key.
    #[error("{0}")]
    Syntax(String),
    /// Two items have the same id.
    #[error("duplicate id `{id}` (first defined on line {first_line})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first defined.
        first_line: usize,
    },
    /// A reference to an id that is not defined.
    #[error("unknown {expected} id `{id}`{suggestion}")]
    UnknownId {
        /// The id.
        id: String,
        /// What kind of id was expected there.
        expected: &'static str,
        /// A ` (did you mean …?)` hint, or empty.
        suggestion: String,
    },
    /// An id that cannot be used in an IRI.
    #[error("id `{0}` must be lower-case letters, digits and `-`, starting with a letter")]
    BadId(String),
    /// A Wikidata id that is not `Q` and digits.
    #[error("Wikidata id `{0}` is not of the form Q123")]
    BadWikidata(String),
    /// A date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[error("time `{0}` is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")]
    BadTime(String),
    /// A language tag that is not BCP 47.
    #[error("language `{0}` is not a BCP 47 language tag")]
    BadLanguage(String),
    /// An evidence excerpt that is not in the article.
    #[error("evidence not found in the article: {excerpt:?}; closest passage: {closest:?}")]
    EvidenceNotFound {
        /// The excerpt.
        excerpt: String,
        /// The passage of the article that begins like it.
        closest: String,
    },
    /// An evidence excerpt that occurs more than once in the article.
    #[error(
        "evidence occurs {count} times in the article (at characters {positions}); extend it so that it is unique: {excerpt:?}"
    )]
    EvidenceAmbiguous {
        /// The excerpt.
        excerpt: String,
        /// How often it occurs.
        count: usize,
        /// Where.
        positions: String,
    },
    /// A quotation whose text is not inside its evidence.
    #[error("quotation text is not inside its evidence excerpt: {0:?}")]
    QuotationOutsideEvidence(String),
    /// An empty string where text is required.
    #[error("{0} must not be empty")]
    Empty(&'static str),
}

fn line_column(source: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(source.len());
    let before = &source[..source.floor_char_boundary(byte)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

// ---------------------------------------------------------------------------
// The resolved model handed to the mapping stage.
// ---------------------------------------------------------------------------

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
    /// Entity id of the speaker.
    pub speaker: String,
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
}

// ---------------------------------------------------------------------------
// Resolution.
// ---------------------------------------------------------------------------

impl Annotations {
    /// Parses an annotation file and resolves it against its article.
    pub fn parse(source: &str, article: &Article) -> Result<Self, AnnotationError> {
        let file: AnnotationFile = toml::from_str(source).map_err(|e| {
            let (line, column) = line_column(source, e.span().map_or(0, |s| s.start));
            AnnotationError { line, column, kind: AnnotationErrorKind::Syntax(e.message().trim().to_owned()) }
        })?;
        Resolver::new(source, article).resolve(file)
    }
}

/// The kind of thing an id names, for reference checks and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Entity,
    Post,
    Event,
    Quotation,
    Claim,
    Quantity,
}

struct Resolver<'a> {
    source: &'a str,
    article: &'a Article,
    folded: Folded,
    ids: BTreeMap<String, (IdKind, usize)>,
}

impl<'a> Resolver<'a> {
    fn new(source: &'a str, article: &'a Article) -> Self {
        Self { source, article, folded: Folded::new(&article.text), ids: BTreeMap::new() }
    }

    fn error(&self, span: Range<usize>, kind: AnnotationErrorKind) -> AnnotationError {
        let (line, column) = line_column(self.source, span.start);
        AnnotationError { line, column, kind }
    }

    fn declare(&mut self, id: &Spanned<String>, kind: IdKind) -> Result<String, AnnotationError> {
        let value = id.get_ref();
        let valid = value.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(self.error(id.span(), AnnotationErrorKind::BadId(value.clone())));
        }
        let line = line_column(self.source, id.span().start).0;
        if let Some((_, first_line)) = self.ids.get(value) {
            return Err(
                self.error(id.span(), AnnotationErrorKind::DuplicateId { id: value.clone(), first_line: *first_line })
            );
        }
        self.ids.insert(value.clone(), (kind, line));
        Ok(value.clone())
    }

    fn reference(
        &self,
        id: &Spanned<String>,
        allowed: &[IdKind],
        expected: &'static str,
    ) -> Result<String, AnnotationError> {
        match self.ids.get(id.get_ref()) {
            Some((kind, _)) if allowed.contains(kind) => Ok(id.get_ref().clone()),
            _ => {
                let candidates = self.ids.iter().filter(|(_, (k, _))| allowed.contains(k)).map(|(id, _)| id.as_str());
                let suggestion = crate::suggest(id.get_ref(), candidates)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                Err(self.error(
                    id.span(),
                    AnnotationErrorKind::UnknownId { id: id.get_ref().clone(), expected, suggestion },
                ))
            }
        }
    }

    fn entity(&self, id: &Spanned<String>) -> Result<String, AnnotationError> {
        self.reference(id, &[IdKind::Entity], "entity")
    }

    fn time(&self, text: &Spanned<String>) -> Result<TimeValue, AnnotationError> {
        TimeValue::parse(text.get_ref())
            .ok_or_else(|| self.error(text.span(), AnnotationErrorKind::BadTime(text.get_ref().clone())))
    }

    fn evidence(&self, excerpt: &Spanned<String>) -> Result<Evidence, AnnotationError> {
        let wanted = fold_whitespace(excerpt.get_ref());
        if wanted.is_empty() {
            return Err(self.error(excerpt.span(), AnnotationErrorKind::Empty("evidence")));
        }
        let spans = self.folded.find_all(&wanted);
        match spans.as_slice() {
            [span] => Ok(Evidence { span: *span, text: self.article.slice(*span).to_owned() }),
            [] => Err(self.error(
                excerpt.span(),
                AnnotationErrorKind::EvidenceNotFound {
                    excerpt: wanted.clone(),
                    closest: self.folded.closest(&wanted),
                },
            )),
            many => Err(self.error(
                excerpt.span(),
                AnnotationErrorKind::EvidenceAmbiguous {
                    excerpt: wanted,
                    count: many.len(),
                    positions: many.iter().map(|s| s.begin.to_string()).collect::<Vec<_>>().join(", "),
                },
            )),
        }
    }

    fn resolve(mut self, file: AnnotationFile) -> Result<Annotations, AnnotationError> {
        // Declare every id first, so that references may point forwards.
        for e in &file.entities {
            self.declare(&e.id, IdKind::Entity)?;
        }
        for p in &file.posts {
            self.declare(&p.id, IdKind::Post)?;
        }
        for e in &file.events {
            self.declare(&e.id, IdKind::Event)?;
        }
        for q in &file.quotations {
            self.declare(&q.id, IdKind::Quotation)?;
        }
        for c in &file.claims {
            self.declare(&c.id, IdKind::Claim)?;
        }
        for q in &file.quantities {
            self.declare(&q.id, IdKind::Quantity)?;
        }

        let meta = &file.article;
        let language = match &meta.language {
            Some(tag) if !is_bcp47(tag.get_ref()) => {
                return Err(self.error(tag.span(), AnnotationErrorKind::BadLanguage(tag.get_ref().clone())));
            }
            Some(tag) => tag.get_ref().clone(),
            None => "en".to_owned(),
        };
        let article_id = match &meta.id {
            Some(id) => {
                let value = id.get_ref();
                if !is_valid_id(value) {
                    return Err(self.error(id.span(), AnnotationErrorKind::BadId(value.clone())));
                }
                Some(value.clone())
            }
            None => None,
        };

        let mut entities = BTreeMap::new();
        for e in file.entities {
            if e.name.trim().is_empty() {
                return Err(self.error(e.id.span(), AnnotationErrorKind::Empty("entity name")));
            }
            let wikidata = match &e.wikidata {
                Some(q) => {
                    let value = q.get_ref();
                    let valid = value.len() > 1
                        && value.starts_with('Q')
                        && value[1..].bytes().all(|b| b.is_ascii_digit())
                        && !value[1..].starts_with('0');
                    if !valid {
                        return Err(self.error(q.span(), AnnotationErrorKind::BadWikidata(value.clone())));
                    }
                    Some(value.clone())
                }
                None => None,
            };
            let id = e.id.into_inner();
            entities.insert(
                id.clone(),
                Entity {
                    id,
                    kind: e.kind,
                    name: e.name,
                    aliases: e.aliases,
                    roles: e.roles,
                    match_name: e
                        .match_name
                        .unwrap_or(!matches!(e.kind, EntityType::AnonymousSource | EntityType::Group)),
                    wikidata,
                    description: e.description,
                },
            );
        }

        let posts = file
            .posts
            .iter()
            .map(|p| {
                Ok(Post {
                    id: p.id.get_ref().clone(),
                    label: p.label.clone(),
                    holder: self.entity(&p.holder)?,
                    organization: p.organization.as_ref().map(|o| self.entity(o)).transpose()?,
                    time: p.time.as_ref().map(|t| self.time(t)).transpose()?,
                    evidence: self.evidence(&p.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let events = file
            .events
            .iter()
            .map(|e| {
                Ok(Event {
                    id: e.id.get_ref().clone(),
                    label: e.label.clone(),
                    status: e.status,
                    participants: e.participants.iter().map(|p| self.entity(p)).collect::<Result<_, _>>()?,
                    place: e.place.as_ref().map(|p| self.entity(p)).transpose()?,
                    time: EventTime {
                        at: e.time.as_ref().map(|t| self.time(t)).transpose()?,
                        alternatives: e.alternative_times.iter().map(|t| self.time(t)).collect::<Result<_, _>>()?,
                        begin: e.begin.as_ref().map(|t| self.time(t)).transpose()?,
                        end: e.end.as_ref().map(|t| self.time(t)).transpose()?,
                    },
                    certainty: e.certainty,
                    polarity: e.polarity,
                    evidence: self.evidence(&e.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let quotations = file
            .quotations
            .iter()
            .map(|q| {
                let evidence = self.evidence(&q.evidence)?;
                let wanted = fold_whitespace(q.text.get_ref());
                if wanted.is_empty() {
                    return Err(self.error(q.text.span(), AnnotationErrorKind::Empty("quotation text")));
                }
                let inside: Vec<Span> =
                    self.folded.find_all(&wanted).into_iter().filter(|s| evidence.span.contains(*s)).collect();
                let [span] = inside.as_slice() else {
                    return Err(self.error(q.text.span(), AnnotationErrorKind::QuotationOutsideEvidence(wanted)));
                };
                Ok(Quotation {
                    id: q.id.get_ref().clone(),
                    text: Evidence { span: *span, text: self.article.slice(*span).to_owned() },
                    speaker: self.entity(&q.speaker)?,
                    manner: q.manner.clone(),
                    addressee: q.addressee.as_ref().map(|a| self.entity(a)).transpose()?,
                    evidence,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let anything =
            [IdKind::Entity, IdKind::Event, IdKind::Post, IdKind::Quotation, IdKind::Claim, IdKind::Quantity];
        let claims = file
            .claims
            .iter()
            .map(|c| {
                if c.text.trim().is_empty() {
                    return Err(self.error(c.id.span(), AnnotationErrorKind::Empty("claim text")));
                }
                Ok(Claim {
                    id: c.id.get_ref().clone(),
                    text: c.text.clone(),
                    source: self.entity(&c.source)?,
                    cited: c.cited.as_ref().map(|s| self.entity(s)).transpose()?,
                    certainty: c.certainty,
                    polarity: c.polarity,
                    about: c
                        .about
                        .iter()
                        .map(|a| self.reference(a, &anything, "entity or event"))
                        .collect::<Result<_, _>>()?,
                    evidence: self.evidence(&c.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let statements = file
            .statements
            .iter()
            .map(|s| {
                Ok(Statement {
                    subject: self.entity(&s.subject)?,
                    predicate: s.predicate,
                    object: self.entity(&s.object)?,
                    evidence: self.evidence(&s.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        let quantities = file
            .quantities
            .iter()
            .map(|q| {
                Ok(Quantity {
                    id: q.id.get_ref().clone(),
                    value: q.value,
                    unit: q.unit.clone(),
                    of: q.of.as_ref().map(|o| self.reference(o, &anything, "entity or event")).transpose()?,
                    from: q.from.as_ref().map(|f| self.entity(f)).transpose()?,
                    evidence: self.evidence(&q.evidence)?,
                })
            })
            .collect::<Result<_, AnnotationError>>()?;

        Ok(Annotations {
            article_id,
            language,
            publisher: meta.publisher.as_ref().map(|p| self.entity(p)).transpose()?,
            photographer: meta.photographer.as_ref().map(|p| self.entity(p)).transpose()?,
            photo_depicts: meta.photo_depicts.iter().map(|p| self.entity(p)).collect::<Result<_, _>>()?,
            entities,
            posts,
            events,
            quotations,
            claims,
            statements,
            quantities,
        })
    }
}

/// Whether an id may be used as an IRI segment.
pub fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A light check of BCP 47 syntax: alphanumeric subtags of 1 to 8 characters,
/// the first alphabetic, separated by `-`.
fn is_bcp47(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok =
        subtags.next().is_some_and(|s| (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article's text with runs of whitespace folded to one space, and the
/// code-point offset in the original text of every folded code point.
struct Folded {
    text: String,
    /// Code-point offset in the article of each byte start of `text`.
    original: BTreeMap<usize, usize>,
    /// Code-point offset in the article just past the end.
    end: usize,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut original = BTreeMap::new();
        let mut in_space = false;
        let mut count = 0;
        for (offset, c) in text.chars().enumerate() {
            count = offset + 1;
            if c.is_whitespace() {
                if in_space {
                    continue;
                }
                in_space = true;
                original.insert(folded.len(), offset);
                folded.push(' ');
            } else {
                in_space = false;
                original.insert(folded.len(), offset);
                folded.push(c);
            }
        }
        Self { text: folded, original, end: count }
    }

    fn to_original(&self, byte: usize) -> usize {
        self.original.get(&byte).copied().unwrap_or(self.end)
    }

    fn find_all(&self, needle: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(found) = self.text[from..].find(needle) {
            let start = from + found;
            let last_char = needle.chars().last().map_or(0, char::len_utf8);
            let end = self.to_original(start + needle.len() - last_char) + 1;
            spans.push(Span { begin: self.to_original(start), end });
            from = start + needle.chars().next().map_or(1, char::len_utf8);
        }
        spans
    }

    /// The passage of the text that shares the longest prefix with `needle`.
    fn closest(&self, needle: &str) -> String {
        let mut best = "";
        let cuts: Vec<usize> = needle.char_indices().map(|(i, _)| i).skip(1).chain([needle.len()]).collect();
        // The longest prefix of the needle that occurs in the text, found by bisection.
        let (mut low, mut high) = (0, cuts.len());
        while low < high {
            let mid = (low + high).div_ceil(2);
            let prefix = &needle[..cuts[mid - 1]];
            if self.text.contains(prefix) {
                best = prefix;
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        if best.is_empty() {
            return String::new();
        }
        let start = self.text.find(best).unwrap_or(0);
        self.text[start..].chars().take(needle.chars().count().max(40)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::parse("# T\n\nJune 29, 2011\n\n\"Go home,\" Anna Lee said.\n\nAnna Lee left. Anna Lee came back.")
            .unwrap()
    }

    #[test]
    fn time_values() {
        let table: &[(&str, Option<&str>)] = &[
            ("2011-06-29", Some("2011-06-29")),
            ("2011-06", Some("2011-06")),
            ("2011", Some("2011")),
            ("2011-13", None),
            ("2011-02-30", None),
            ("11-06-29", None),
            ("June 2011", None),
            ("", None),
        ];
        for (input, expected) in table {
            assert_eq!(TimeValue::parse(input).map(|t| t.to_string()).as_deref(), *expected, "{input}");
        }
    }

    #[test]
    fn evidence_is_located_after_folding_whitespace() {
        let source = "[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"Anna Lee\"\n\n[[quotation]]\nid = \"q1\"\ntext = \"Go home,\"\nspeaker = \"anna\"\nevidence = \"\\\"Go home,\\\"   Anna\\nLee said.\"\n";
        let a = article();
        let annotations = Annotations::parse(source, &a).unwrap();
        let q = &annotations.quotations[0];
        assert_eq!(a.slice(q.evidence.span), "\"Go home,\" Anna Lee said.");
        assert_eq!(a.slice(q.text.span), "Go home,");
    }

    #[test]
    fn errors_name_line_and_column() {
        let entity = "[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"Anna Lee\"\n";
        let table: &[(String, usize, usize, &str)] = &[
            (
                format!("{entity}[[entity]]\nid = \"anna\"\ntype = \"Person\"\nname = \"X\"\n"),
                6,
                6,
                "duplicate id `anna`",
            ),
            (
                format!(
                    "{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"ana\"\nevidence = \"Anna Lee left.\"\n"
                ),
                8,
                10,
                "did you mean `anna`",
            ),
            (
                format!(
                    "{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"anna\"\nevidence = \"Anna Lee stayed.\"\n"
                ),
                9,
                12,
                "closest passage: \"Anna Lee s",
            ),
            (
                format!("{entity}[[claim]]\nid = \"c\"\ntext = \"t\"\nsource = \"anna\"\nevidence = \"Anna Lee\"\n"),
                9,
                12,
                "occurs 3 times",
            ),
            ("[[entity]]\nid = \"a\"\ntype = \"Persn\"\nname = \"A\"\n".to_owned(), 3, 8, "unknown variant `Persn`"),
            (
                "[[entity]]\nid = \"a\"\ntype = \"Person\"\nname = \"A\"\nwikidata = \"X12\"\n".to_owned(),
                5,
                12,
                "not of the form Q123",
            ),
            (
                "[[entity]]\nid = \"a\"\ntype = \"Person\"\nname = \"A\"\ncolour = 1\n".to_owned(),
                5,
                1,
                "unknown field `colour`",
            ),
            ("[[entity]\n".to_owned(), 1, 10, "unclosed array table"),
            ("[article]\nlanguage = \"en_GB\"\n".to_owned(), 2, 12, "BCP 47"),
            ("[[entity]]\nid = \"Bad Id\"\ntype = \"Person\"\nname = \"A\"\n".to_owned(), 2, 6, "lower-case letters"),
        ];
        for (source, line, column, fragment) in table {
            let error = Annotations::parse(source, &article()).unwrap_err();
            assert_eq!((error.line, error.column), (*line, *column), "{error}");
            assert!(error.to_string().contains(fragment), "{error} should contain {fragment:?}");
        }
    }
}
