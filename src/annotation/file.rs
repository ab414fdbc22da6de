//! The annotation file's format, as serde reads it: the TOML tables a
//! person writes (entities, posts, events, quotations, claims, statements,
//! quantities), with their spans in the file kept for error messages.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

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
    /// A written text the article quotes as it reads (a letter, a complaint,
    /// a ruling), named by the article's own description of it. Not an agent:
    /// it may be a quotation's `speaker` (the text the words were quoted
    /// from), never a claim's source, an office holder or a party to a
    /// statement.
    Document,
}

impl EntityType {
    /// Whether the entity's name is looked for in the text by default: not
    /// for descriptions (anonymous sources, groups, documents).
    pub fn named(self) -> bool {
        !matches!(self, Self::AnonymousSource | Self::Group | Self::Document)
    }

    /// Whether it is a document, which is quoted from but says nothing itself.
    pub fn is_document(self) -> bool {
        self == Self::Document
    }
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
    /// Set by `newskg draft`: the cue that proposed the item. Delete it once
    /// the item is reviewed; it does not change the graph.
    pub draft: Option<String>,
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
    pub evidence: Excerpt,
    /// Set by `newskg draft`: the cue that proposed the item. Delete it once
    /// the item is reviewed; it does not change the graph.
    pub draft: Option<String>,
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
    pub evidence: Excerpt,
    /// Set by `newskg draft`: the cue that proposed the item. Delete it once
    /// the item is reviewed; it does not change the graph.
    pub draft: Option<String>,
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
    pub evidence: Excerpt,
    /// Set by `newskg draft`: the cue that proposed the item. Delete it once
    /// the item is reviewed; it does not change the graph.
    pub draft: Option<String>,
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
    pub evidence: Excerpt,
    /// Set by `newskg draft`: the cue that proposed the item. Delete it once
    /// the item is reviewed; it does not change the graph.
    pub draft: Option<String>,
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
    pub evidence: Excerpt,
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
    pub evidence: Excerpt,
    /// Set by `newskg draft`: the cue that proposed the item. Delete it once
    /// the item is reviewed; it does not change the graph.
    pub draft: Option<String>,
}

impl Relation {
    /// The relation as written in the annotation file (`located-in`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MemberOf => "member-of",
            Self::SharesBorderWith => "shares-border-with",
            Self::AllyOf => "ally-of",
            Self::LocatedIn => "located-in",
            Self::Country => "country",
            Self::SpeaksFor => "speaks-for",
            Self::StandsFor => "stands-for",
            Self::About => "about",
        }
    }

    /// Whether a chain of this relation must end: a place does not lie in
    /// itself, however many steps away, nor does a name stand for itself.
    /// Symmetric relations (`shares-border-with`, `ally-of`) and `about` may
    /// go both ways.
    pub fn is_acyclic(self) -> bool {
        matches!(self, Self::MemberOf | Self::LocatedIn | Self::Country | Self::SpeaksFor | Self::StandsFor)
    }
}

/// An `evidence` value: a verbatim excerpt of the article and, when the
/// excerpt occurs more than once, which occurrence is meant.
///
/// Written as a string, `evidence = "Kim has made no public visit"`, or as a
/// table that also gives the excerpt's place as code-point offsets
/// `[begin, end]` in the article text (the offsets an ambiguous-evidence error
/// lists, and the ones the graph records):
/// `evidence = { text = "Kim", span = [612, 615] }`.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// The excerpt, with its place in the annotation file.
    pub text: Spanned<String>,
    /// The `span = [begin, end]` offsets, with their place in the file.
    pub offsets: Option<Spanned<Vec<i64>>>,
}

impl<'de> Deserialize<'de> for Excerpt {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let whole = Spanned::<ExcerptValue>::deserialize(deserializer)?;
        let range = whole.span();
        Ok(match whole.into_inner() {
            ExcerptValue::Text(text) => Excerpt { text: Spanned::new(range, text), offsets: None },
            ExcerptValue::Table { text, offsets } => Excerpt { text, offsets },
        })
    }
}

/// An `evidence` value as written: a string or a `{ text, span }` table.
enum ExcerptValue {
    Text(String),
    Table { text: Spanned<String>, offsets: Option<Spanned<Vec<i64>>> },
}

impl<'de> Deserialize<'de> for ExcerptValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExcerptVisitor)
    }
}

/// Reads an excerpt field by field, so that the table's values keep their
/// places in the file (an untagged enum would lose them).
struct ExcerptVisitor;

impl<'de> serde::de::Visitor<'de> for ExcerptVisitor {
    type Value = ExcerptValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an excerpt of the article: a string, or a table { text = \"…\", span = [begin, end] }")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(ExcerptValue::Text(value.to_owned()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        const FIELDS: &[&str] = &["text", "span"];
        let (mut text, mut offsets) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "text" if text.is_none() => text = Some(map.next_value()?),
                "span" if offsets.is_none() => offsets = Some(map.next_value()?),
                "text" => return Err(A::Error::duplicate_field("text")),
                "span" => return Err(A::Error::duplicate_field("span")),
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            }
        }
        let text = text.ok_or_else(|| A::Error::missing_field("text"))?;
        Ok(ExcerptValue::Table { text, offsets })
    }
}
