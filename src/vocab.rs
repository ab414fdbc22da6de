//! Vocabulary constants: every IRI the converter writes, grouped by namespace.
//!
//! This module mirrors `ontology/newskg.ttl`. The converter never spells an IRI
//! inline; it takes it from here, and a test checks that every constant of the
//! `nkg` namespace is declared in the ontology and that everything the ontology
//! declares in that namespace has a constant here.

/// Declares a namespace module: its IRI, its prefix and one constant per term,
/// plus `TERMS`, the list of every term, for the ontology test.
macro_rules! namespace {
    ($(#[$doc:meta])* $module:ident, $prefix:literal, $iri:literal, { $($(#[$tdoc:meta])* $name:ident = $local:literal),* $(,)? }) => {
        $(#[$doc])*
        pub mod $module {
            use oxigraph::model::NamedNodeRef;

            /// The namespace IRI.
            pub const NS: &str = $iri;
            /// The conventional prefix of the namespace.
            pub const PREFIX: &str = $prefix;
            $(
                $(#[$tdoc])*
                #[doc = concat!("`<", $iri, $local, ">`")]
                pub const $name: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($iri, $local));
            )*
            /// Every term of this module, in declaration order.
            pub const TERMS: &[NamedNodeRef<'static>] = &[$($name),*];
        }
    };
}

namespace!(
    /// The newskg ontology (`ontology/newskg.ttl`).
    nkg, "nkg", "https://w3id.org/newskg/ns#", {
    /// A person or group quoted or cited without being named.
    ANONYMOUS_SOURCE = "AnonymousSource",
    /// Several people spoken of together ("diplomats", "protesters").
    GROUP = "Group",
    /// A fact about two entities, reified so that it can carry its evidence.
    STATEMENT = "Statement",
    /// A value of the certainty axis of factuality.
    CERTAINTY = "Certainty",
    /// A value of the polarity axis of factuality.
    POLARITY = "Polarity",
    /// Certainty: the source presents the fact as certain.
    CERTAIN = "certain",
    /// Certainty: the source presents the fact as probable.
    PROBABLE = "probable",
    /// Certainty: the source presents the fact as possible.
    POSSIBLE = "possible",
    /// Certainty: the source does not commit to the fact's certainty.
    UNDERSPECIFIED = "underspecified",
    /// Polarity: the fact is asserted.
    POSITIVE = "positive",
    /// Polarity: the fact is denied.
    NEGATIVE = "negative",
    /// The certainty with which a claim or event is presented.
    CERTAINTY_PROP = "certainty",
    /// Whether a claim or event is asserted or denied.
    POLARITY_PROP = "polarity",
    /// The NIF context holding the article's text.
    HAS_CONTEXT = "hasContext",
    /// The agent who asserts a claim in the article.
    ASSERTED_BY = "assertedBy",
    /// The agent on whose authority a claim is reported.
    CITED_SOURCE = "citedSource",
    /// How a quotation was given ("by telephone").
    MANNER = "manner",
    /// Who a quotation was given to ("told Yonhap").
    ADDRESSEE = "addressee",
    /// An alternative time of an event, when the article gives several.
    ALTERNATIVE_TIME = "alternativeTime",
    /// True when the article gives an event no time at all.
    TIME_UNKNOWN = "timeUnknown",
    /// The two places or states share a border.
    SHARES_BORDER_WITH = "sharesBorderWith",
    /// The subject is a political ally of the object.
    ALLY_OF = "allyOf",
    /// The organisation is based in, or belongs to, the country.
    COUNTRY = "country",
    /// The organisation speaks for the other.
    SPEAKS_FOR = "speaksFor",
    /// An entity stands for another in the text ("Moscow" for Russia's government).
    STANDS_FOR = "standsFor",
    /// A quantity: a number with its unit or counted thing.
    QUANTITY = "Quantity",
    /// The unit or the counted thing of a quantity.
    UNIT = "unit",
    /// The entity a quantity is measured from or counted among.
    MEASURED_FROM = "measuredFrom",
    /// The rule or cue of newskg's extractor that produced an automatic fact.
    RULE = "rule",
    /// The time a phrase of the article denotes, resolved against the publication date.
    DENOTES_TIME = "denotesTime",
    /// One of several times a phrase may denote ("June 30 or July 1").
    DENOTES_ONE_OF = "denotesOneOf",
    /// True on a phrase that is a time relative to a publication date the article does not give.
    TIME_UNRESOLVED = "timeUnresolved",
    /// Summary: two entities mentioned in the same articles (in the corpus summary).
    COOCCURRENCE = "Cooccurrence",
    /// Summary: an article's place in newest-first order (its date and a hash of its id).
    ARTICLE_KEY = "articleKey",
    /// Summary: a SHA-256 of the article's quads and summary, by which a rebuild knows an unchanged article.
    CONTENT_HASH = "contentHash",
    /// Summary: the key of an article that mentions the entity.
    MENTION_KEY = "mentionKey",
    /// Summary: the key of an article holding facts that concern the entity.
    EVIDENCE_KEY = "evidenceKey",
    /// Summary: how many times the article mentions the entity.
    MENTIONS_IN_ARTICLE = "mentionsInArticle",
    /// Summary: the names of the article's events in which the entity takes part (as actor or place), sorted, joined by "; ".
    EVENTS_IN_ARTICLE = "eventsInArticle",
    /// Summary: how many of the article's quotations the speaker spoke.
    QUOTATIONS_IN_ARTICLE = "quotationsInArticle",
    /// Summary: how many claims the publisher published in the article.
    PUBLISHED_CLAIMS = "publishedClaims",
    /// Summary: how many of them come from anonymous sources.
    PUBLISHED_ANONYMOUS_CLAIMS = "publishedAnonymousClaims",
    /// Summary: where the first sentence a phrase lies in begins.
    SENTENCE_BEGIN = "sentenceBegin",
    /// Summary: where the last sentence a phrase lies in ends.
    SENTENCE_END = "sentenceEnd",
    /// Summary: the hash of the shared description the article gives of a node.
    DESCRIBED_AS = "describedAs",
    /// Corpus summary: mentions of the entity in all articles.
    MENTION_COUNT = "mentionCount",
    /// Corpus summary: articles that mention the entity.
    ARTICLE_COUNT = "articleCount",
    /// Corpus summary: quotations the speaker spoke in all articles.
    QUOTATION_COUNT = "quotationCount",
    /// Corpus summary: claims the publisher published in all articles.
    CLAIM_COUNT = "claimCount",
    /// Corpus summary: how many of them come from anonymous sources.
    ANONYMOUS_CLAIM_COUNT = "anonymousClaimCount",
    /// Corpus summary: one of the two entities of a pair mentioned together.
    PAIR_OF = "pairOf",
    /// Corpus summary: articles that mention both entities of the pair.
    COOCCURRENCE_COUNT = "cooccurrenceCount",
    /// Corpus summary: a shared description some article gives, as N-Triples.
    SHARED_DESCRIPTION = "sharedDescription",
    /// Corpus summary: true while a build has not yet brought the totals up to date.
    INCOMPLETE = "incomplete",
});

namespace!(
    /// schema.org.
    schema, "schema", "http://schema.org/", {
    NEWS_ARTICLE = "NewsArticle",
    PERSON = "Person",
    ORGANIZATION = "Organization",
    NEWS_MEDIA_ORGANIZATION = "NewsMediaOrganization",
    GOVERNMENT_ORGANIZATION = "GovernmentOrganization",
    PLACE = "Place",
    COUNTRY = "Country",
    CITY = "City",
    ADMINISTRATIVE_AREA = "AdministrativeArea",
    EVENT = "Event",
    EVENT_STATUS = "eventStatus",
    EVENT_SCHEDULED = "EventScheduled",
    EVENT_CANCELLED = "EventCancelled",
    EVENT_POSTPONED = "EventPostponed",
    QUOTATION = "Quotation",
    SPOKEN_BY_CHARACTER = "spokenByCharacter",
    CLAIM = "Claim",
    APPEARANCE = "appearance",
    IMAGE_OBJECT = "ImageObject",
    CAPTION = "caption",
    CREDIT_TEXT = "creditText",
    CREATOR = "creator",
    IMAGE = "image",
    HEADLINE = "headline",
    DATE_PUBLISHED = "datePublished",
    PUBLISHER = "publisher",
    URL = "url",
    IN_LANGUAGE = "inLanguage",
    NAME = "name",
    ALTERNATE_NAME = "alternateName",
    DESCRIPTION = "description",
    TEXT = "text",
    ABOUT = "about",
    IS_PART_OF = "isPartOf",
    CONTAINED_IN_PLACE = "containedInPlace",
    VALUE = "value",
    SOFTWARE_VERSION = "softwareVersion",
    AUTHOR = "author",
    CREATIVE_WORK = "CreativeWork",
});

namespace!(
    /// PROV-O.
    prov, "prov", "http://www.w3.org/ns/prov#", {
    WAS_DERIVED_FROM = "wasDerivedFrom",
    WAS_ATTRIBUTED_TO = "wasAttributedTo",
    WAS_QUOTED_FROM = "wasQuotedFrom",
    AGENT = "Agent",
    SOFTWARE_AGENT = "SoftwareAgent",
    ACTIVITY = "Activity",
    GENERATION = "Generation",
    WAS_GENERATED_BY = "wasGeneratedBy",
    QUALIFIED_GENERATION = "qualifiedGeneration",
    ACTIVITY_PROP = "activity",
    WAS_ASSOCIATED_WITH = "wasAssociatedWith",
    USED = "used",
});

namespace!(
    /// NIF 2.0 Core.
    nif, "nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", {
    CONTEXT = "Context",
    SENTENCE = "Sentence",
    PHRASE = "Phrase",
    BEGIN_INDEX = "beginIndex",
    END_INDEX = "endIndex",
    ANCHOR_OF = "anchorOf",
    IS_STRING = "isString",
    REFERENCE_CONTEXT = "referenceContext",
    SENTENCE_PROP = "sentence",
    SOURCE_URL = "sourceUrl",
});

namespace!(
    /// ITS 2.0 RDF (entity linking of NIF phrases).
    itsrdf, "itsrdf", "http://www.w3.org/2005/11/its/rdf#", {
    TA_IDENT_REF = "taIdentRef",
});

namespace!(
    /// W3C Organization Ontology.
    org, "org", "http://www.w3.org/ns/org#", {
    POST = "Post",
    HOLDS = "holds",
    HELD_BY = "heldBy",
    POST_IN = "postIn",
    MEMBERSHIP = "Membership",
    MEMBER = "member",
    ORGANIZATION_PROP = "organization",
    MEMBER_OF = "memberOf",
});

namespace!(
    /// DCMI Metadata Terms.
    dcterms, "dcterms", "http://purl.org/dc/terms/", {
    SOURCE = "source",
});

namespace!(
    /// Simple Event Model.
    sem, "sem", "http://semanticweb.cs.vu.nl/2009/11/sem/", {
    HAS_ACTOR = "hasActor",
    HAS_PLACE = "hasPlace",
    HAS_TIME = "hasTime",
});

namespace!(
    /// OWL-Time.
    time, "time", "http://www.w3.org/2006/time#", {
    INSTANT = "Instant",
    INTERVAL = "Interval",
    HAS_BEGINNING = "hasBeginning",
    HAS_END = "hasEnd",
    IN_XSD_DATE = "inXSDDate",
    IN_XSD_G_YEAR_MONTH = "inXSDgYearMonth",
    IN_XSD_G_YEAR = "inXSDgYear",
});

namespace!(
    /// OWL.
    owl, "owl", "http://www.w3.org/2002/07/owl#", {
    SAME_AS = "sameAs",
});

namespace!(
    /// RDF Schema.
    rdfs, "rdfs", "http://www.w3.org/2000/01/rdf-schema#", {
    LABEL = "label",
    COMMENT = "comment",
});

namespace!(
    /// RDF.
    rdf, "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    TYPE = "type",
    STATEMENT = "Statement",
    SUBJECT = "subject",
    PREDICATE = "predicate",
    OBJECT = "object",
    REIFIES = "reifies",
});

namespace!(
    /// XML Schema datatypes.
    xsd, "xsd", "http://www.w3.org/2001/XMLSchema#", {
    STRING = "string",
    DATE = "date",
    G_YEAR = "gYear",
    G_YEAR_MONTH = "gYearMonth",
    INTEGER = "integer",
    DECIMAL = "decimal",
});

/// Wikidata entities (link targets only; nothing is declared there).
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// The prefixes written at the top of Turtle, TriG and RDF/XML, in this fixed
/// order; `entity:` stands for the entities minted under the base IRI.
pub fn prefixes(base: &str) -> Vec<(&'static str, String)> {
    let mut prefixes = vec![(nkg::PREFIX, nkg::NS.to_owned()), ("entity", format!("{base}entity/"))];
    prefixes.extend(
        [
            (schema::PREFIX, schema::NS),
            (prov::PREFIX, prov::NS),
            (nif::PREFIX, nif::NS),
            (itsrdf::PREFIX, itsrdf::NS),
            (org::PREFIX, org::NS),
            (sem::PREFIX, sem::NS),
            (time::PREFIX, time::NS),
            (owl::PREFIX, owl::NS),
            (rdf::PREFIX, rdf::NS),
            (rdfs::PREFIX, rdfs::NS),
            (xsd::PREFIX, xsd::NS),
            ("wd", WIKIDATA),
        ]
        .map(|(p, ns)| (p, ns.to_owned())),
    );
    prefixes
}

/// The prefixes a person may use and read: those written in files, plus
/// `id:` for the base IRI itself (`id:article/…`).
pub fn reading_prefixes(base: &str) -> Vec<(&'static str, String)> {
    let mut prefixes = prefixes(base);
    prefixes.push(("id", base.to_owned()));
    prefixes
}

/// An IRI as a prefixed name under the default prefixes when one fits and
/// the local part is simple, else in angle brackets.
pub fn compact(iri: &str) -> String {
    for (prefix, ns) in reading_prefixes(crate::DEFAULT_BASE) {
        if let Some(local) = iri.strip_prefix(ns.as_str())
            && !local.is_empty()
            && local.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
            && !local.ends_with('.')
        {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}
