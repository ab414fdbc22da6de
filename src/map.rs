//! The mapping stage: turns an article and its resolved annotations into RDF
//! quads in the newskg ontology.
//!
//! It takes an [`Article`], its [`Annotations`] and its [`Mention`]s and
//! hands on a [`Graph`]: a sorted set of quads. The article's own facts go to
//! a named graph whose name is the article's IRI; entity descriptions, which
//! articles share, go to the shared entity graph. Every fact carries
//! `prov:wasDerivedFrom` to a NIF phrase with the offsets and exact text of
//! its evidence, and every phrase links to the sentences it lies in.
//!
//! IRIs are minted from content (ids and offsets) under a base IRI, never from
//! counters or hash order, so the same inputs give the same graph.

use std::borrow::Cow;
use std::collections::HashSet;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, TermRef};

use crate::annotation::{Annotations, Certainty, EntityType, EventStatus, Evidence, Polarity, Relation, TimeValue};
use crate::article::{Article, Span};
use crate::mentions::{Mention, MentionKind};
use crate::vocab::{dcterms, itsrdf, nif, nkg, org, owl, prov, rdf, rdfs, schema, sem, time, xsd};

/// The name newskg's software agent is given in automatic graphs.
const SOFTWARE_NAME: &str = concat!("newskg ", env!("CARGO_PKG_VERSION"));

/// The IRIs of one article, minted under a base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
    article_id: String,
}

impl Iris {
    /// The IRIs of article `article_id` under `base` (which ends in `/` or `#`).
    pub fn new(base: &str, article_id: &str) -> Self {
        Self { base: base.to_owned(), article_id: article_id.to_owned() }
    }

    fn node(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }

    /// The article, which also names its graph.
    pub fn article(&self) -> NamedNode {
        self.node(&format!("article/{}", self.article_id))
    }

    /// The graph of entity descriptions shared by all articles.
    pub fn entity_graph(&self) -> NamedNode {
        self.node("graph/entities")
    }

    /// An entity.
    pub fn entity(&self, id: &str) -> NamedNode {
        self.node(&format!("entity/{id}"))
    }

    /// A fact of the article: `kind` is `event`, `quotation`, `claim`…
    pub fn fact(&self, kind: &str, id: &str) -> NamedNode {
        self.node(&format!("article/{}/{kind}/{id}", self.article_id))
    }

    /// A span of the article's text (RFC 5147 fragment, as NIF writes it).
    pub fn span(&self, span: Span) -> NamedNode {
        self.node(&format!("article/{}/text#char={},{}", self.article_id, span.begin, span.end))
    }

    /// A time, shared by every article that mentions it.
    pub fn time(&self, value: TimeValue) -> NamedNode {
        self.node(&format!("time/{value}"))
    }

    /// An entity found automatically in this article: minted under the
    /// article, since a name alone does not say that two articles' "John
    /// Smith" are one person.
    pub fn local_entity(&self, id: &str) -> NamedNode {
        self.node(&format!("article/{}/entity/{id}", self.article_id))
    }

    /// The automatic extraction of this article's facts.
    pub fn extraction(&self) -> NamedNode {
        self.node(&format!("article/{}/extraction", self.article_id))
    }

    /// newskg at this version, the agent of automatic extractions.
    pub fn software(&self) -> NamedNode {
        self.node(&format!("software/newskg-{}", env!("CARGO_PKG_VERSION")))
    }

    /// The qualified generation of an automatic fact of this article, by
    /// the fact's kind and id (or, for a phrase, its offsets).
    pub fn generation(&self, kind: &str, id: &str) -> NamedNode {
        self.node(&format!("article/{}/generation/{kind}/{id}", self.article_id))
    }
}

/// The quads of a conversion, without duplicates, sorted by their N-Quads
/// form so that everything written from them is deterministic.
pub type Graph = Vec<Quad>;

/// Sorts quads (by graph, subject, predicate, object, comparing IRIs as
/// strings) and drops duplicates.
pub fn sorted(quads: impl IntoIterator<Item = Quad>) -> Graph {
    let mut quads: Vec<Quad> = quads.into_iter().collect::<HashSet<_>>().into_iter().collect();
    quads.sort_by_cached_key(sort_key);
    quads
}

/// The distinct quads of one graph in [`sorted`] order. The keys borrow
/// the IRIs they compare (only blank nodes and literals are printed), so
/// sorting a graph copies no IRI.
pub fn sort_graph(quads: &[Quad]) -> Vec<&Quad> {
    fn text(term: TermRef<'_>) -> Cow<'_, str> {
        match term {
            TermRef::NamedNode(n) => Cow::Borrowed(n.as_str()),
            other => Cow::Owned(other.to_string()),
        }
    }
    let mut keyed: Vec<_> = quads
        .iter()
        .map(|q| ((text(q.subject.as_ref().into()), q.predicate.as_str(), text(q.object.as_ref())), q))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, q)| q).collect()
}

/// A quad's place in [`sorted`] order as one string: its graph, subject, predicate and object, IRIs bare and other terms
/// in their N-Triples form, joined by NUL. No term's text holds a NUL (IRIs
/// cannot, literals escape it), so comparing the joined strings compares
/// term by term, as a tuple of the four would, with one allocation per quad.
fn sort_key(quad: &Quad) -> String {
    use std::fmt::Write as _;
    fn push(key: &mut String, term: TermRef<'_>) {
        match term {
            TermRef::NamedNode(n) => key.push_str(n.as_str()),
            other => {
                let _ = write!(key, "{other}");
            }
        }
    }
    let mut key = String::with_capacity(160);
    key.push_str(&graph_sort_key(&quad.graph_name));
    key.push('\0');
    push(&mut key, quad.subject.as_ref().into());
    key.push('\0');
    key.push_str(quad.predicate.as_str());
    key.push('\0');
    push(&mut key, quad.object.as_ref());
    key
}

/// The place of a graph's quads in [`sorted`] order: the default graph
/// first, then named graphs by IRI.
pub fn graph_sort_key(graph: &GraphName) -> String {
    match graph {
        GraphName::DefaultGraph => String::new(),
        GraphName::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// What a conversion produced, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct triples (over all graphs).
    pub triples: usize,
    /// Entities.
    pub entities: usize,
    /// Events.
    pub events: usize,
    /// Direct quotations.
    pub quotations: usize,
    /// Claims.
    pub claims: usize,
    /// Mentions of entities.
    pub mentions: usize,
}

struct Mapper<'a> {
    iris: &'a Iris,
    article: &'a Article,
    annotations: &'a Annotations,
    graph: GraphName,
    entity_graph: GraphName,
    quads: HashSet<Quad>,
}

/// Maps an article to RDF.
pub fn map(iris: &Iris, article: &Article, annotations: &Annotations, mentions: &[Mention]) -> Graph {
    let mut mapper = Mapper {
        iris,
        article,
        annotations,
        graph: iris.article().into(),
        entity_graph: iris.entity_graph().into(),
        quads: HashSet::new(),
    };
    mapper.article();
    mapper.entities();
    mapper.mentions(mentions);
    mapper.posts();
    mapper.events();
    mapper.quotations();
    mapper.claims();
    mapper.statements();
    mapper.quantities();
    mapper.times();
    mapper.extraction();
    sorted(mapper.quads)
}

fn lang(text: &str, language: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(text, language.to_ascii_lowercase()).into()
}

fn string(text: &str) -> Term {
    Literal::new_simple_literal(text).into()
}

/// An offset. NIF ranges offsets over `xsd:nonNegativeInteger`, but
/// Oxigraph's store keeps every integer as `xsd:integer`, so that is what is
/// written: the graph a store returns must be the graph that went in.
fn index(value: usize) -> Term {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER).into()
}

fn time_literal(value: TimeValue) -> (NamedNodeRef<'static>, Term) {
    let (property, datatype) = match value {
        TimeValue::Date(_) => (time::IN_XSD_DATE, xsd::DATE),
        TimeValue::YearMonth(..) => (time::IN_XSD_G_YEAR_MONTH, xsd::G_YEAR_MONTH),
        TimeValue::Year(_) => (time::IN_XSD_G_YEAR, xsd::G_YEAR),
    };
    (property, Literal::new_typed_literal(value.to_string(), datatype).into())
}

fn certainty(value: Certainty) -> NamedNodeRef<'static> {
    match value {
        Certainty::Certain => nkg::CERTAIN,
        Certainty::Probable => nkg::PROBABLE,
        Certainty::Possible => nkg::POSSIBLE,
        Certainty::Underspecified => nkg::UNDERSPECIFIED,
    }
}

fn polarity(value: Polarity) -> NamedNodeRef<'static> {
    match value {
        Polarity::Positive => nkg::POSITIVE,
        Polarity::Negative => nkg::NEGATIVE,
    }
}

/// The class of an entity type.
pub fn entity_class(kind: EntityType) -> NamedNodeRef<'static> {
    match kind {
        EntityType::Person => schema::PERSON,
        EntityType::Organization => schema::ORGANIZATION,
        EntityType::NewsMediaOrganization => schema::NEWS_MEDIA_ORGANIZATION,
        EntityType::GovernmentOrganization => schema::GOVERNMENT_ORGANIZATION,
        EntityType::Place => schema::PLACE,
        EntityType::Country => schema::COUNTRY,
        EntityType::City => schema::CITY,
        EntityType::AdministrativeArea => schema::ADMINISTRATIVE_AREA,
        EntityType::AnonymousSource => nkg::ANONYMOUS_SOURCE,
        EntityType::Group => nkg::GROUP,
        EntityType::Document => schema::CREATIVE_WORK,
    }
}

/// The property of a statement's relation.
pub fn relation_property(relation: Relation) -> NamedNodeRef<'static> {
    match relation {
        Relation::MemberOf => org::MEMBER_OF,
        Relation::SharesBorderWith => nkg::SHARES_BORDER_WITH,
        Relation::AllyOf => nkg::ALLY_OF,
        Relation::LocatedIn => schema::CONTAINED_IN_PLACE,
        Relation::Country => nkg::COUNTRY,
        Relation::SpeaksFor => nkg::SPEAKS_FOR,
        Relation::StandsFor => nkg::STANDS_FOR,
        Relation::About => schema::ABOUT,
    }
}

fn relation_slug(relation: Relation) -> &'static str {
    match relation {
        Relation::MemberOf => "member-of",
        Relation::SharesBorderWith => "shares-border-with",
        Relation::AllyOf => "ally-of",
        Relation::LocatedIn => "located-in",
        Relation::Country => "country",
        Relation::SpeaksFor => "speaks-for",
        Relation::StandsFor => "stands-for",
        Relation::About => "about",
    }
}

impl Mapper<'_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.quads.insert(Quad::new(
            NamedOrBlankNode::from(subject.clone()),
            predicate.into_owned(),
            object.into(),
            self.graph.clone(),
        ));
    }

    fn add_shared(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.quads.insert(Quad::new(
            NamedOrBlankNode::from(subject.clone()),
            predicate.into_owned(),
            object.into(),
            self.entity_graph.clone(),
        ));
    }

    /// The IRI of an entity of the annotations: shared by every article
    /// that names it when curated, the article's own when found automatically.
    fn entity_iri(&self, id: &str) -> NamedNode {
        if self.annotations.automatic.is_some() { self.iris.local_entity(id) } else { self.iris.entity(id) }
    }

    /// Says, for an automatic graph, that `node` was generated by the
    /// extraction with `rule`; `kind` and `id` name its qualified generation.
    fn generated(&mut self, node: &NamedNode, kind: &str, id: &str, rule: &str) {
        if self.annotations.automatic.is_none() {
            return;
        }
        let generation = self.iris.generation(kind, id);
        let activity = self.iris.extraction();
        self.add(node, prov::WAS_GENERATED_BY, activity.clone());
        self.add(node, prov::QUALIFIED_GENERATION, generation.clone());
        self.add(&generation, rdf::TYPE, prov::GENERATION);
        self.add(&generation, prov::ACTIVITY_PROP, activity);
        self.add(&generation, nkg::RULE, string(rule));
    }

    /// The cue of an automatic item, by id.
    fn cue(&self, id: &str) -> String {
        self.annotations.automatic.as_ref().and_then(|a| a.cues.get(id).cloned()).unwrap_or_default()
    }

    /// The extraction activity and its agent, in an automatic graph.
    fn extraction(&mut self) {
        if self.annotations.automatic.is_none() {
            return;
        }
        let activity = self.iris.extraction();
        let software = self.iris.software();
        let context = self.context();
        self.add(&activity, rdf::TYPE, prov::ACTIVITY);
        self.add(&activity, rdfs::LABEL, string("automatic extraction of the article's facts"));
        self.add(&activity, prov::WAS_ASSOCIATED_WITH, software.clone());
        self.add(&activity, prov::USED, context);
        self.add(&software, rdf::TYPE, prov::SOFTWARE_AGENT);
        self.add(&software, rdfs::LABEL, string(SOFTWARE_NAME));
        self.add(&software, schema::SOFTWARE_VERSION, string(env!("CARGO_PKG_VERSION")));
    }

    /// Time expressions with the times they denote.
    fn times(&mut self) {
        let times = self.annotations.times.clone();
        for mention in &times {
            let span = mention.evidence.span;
            let phrase = self.span_node(span, nif::PHRASE);
            let time = &mention.time;
            if let Some(at) = time.at {
                let node = self.time_node(at);
                self.add(&phrase, nkg::DENOTES_TIME, node);
            }
            for alternative in &time.alternatives {
                let node = self.time_node(*alternative);
                self.add(&phrase, nkg::DENOTES_ONE_OF, node);
            }
            if time.begin.is_some() || time.end.is_some() {
                let interval = self.iris.fact("time", &format!("{}-{}", span.begin, span.end));
                self.add(&phrase, nkg::DENOTES_TIME, interval.clone());
                self.add(&interval, rdf::TYPE, time::INTERVAL);
                if let Some(begin) = time.begin {
                    let begin = self.time_node(begin);
                    self.add(&interval, time::HAS_BEGINNING, begin);
                }
                if let Some(end) = time.end {
                    let end = self.time_node(end);
                    self.add(&interval, time::HAS_END, end);
                }
            }
            if time.is_unknown() {
                self.add(&phrase, nkg::TIME_UNRESOLVED, Literal::from(true));
            }
            self.generated(&phrase, "time", &format!("{}-{}", span.begin, span.end), &mention.cue);
        }
    }

    fn context(&self) -> NamedNode {
        self.iris.span(Span { begin: 0, end: self.article.len_chars() })
    }

    /// A NIF string for a span: offsets, exact text, context, and (for
    /// phrases) the sentences it lies in.
    fn span_node(&mut self, span: Span, class: NamedNodeRef<'_>) -> NamedNode {
        let node = self.iris.span(span);
        let context = self.context();
        self.add(&node, rdf::TYPE, class.into_owned());
        self.add(&node, nif::BEGIN_INDEX, index(span.begin));
        self.add(&node, nif::END_INDEX, index(span.end));
        self.add(&node, nif::ANCHOR_OF, string(self.article.slice(span)));
        self.add(&node, nif::REFERENCE_CONTEXT, context);
        if class != nif::SENTENCE {
            // A phrase that is a whole sentence is that sentence, not inside it.
            let sentences: Vec<Span> =
                self.article.sentences_overlapping(span).map(|s| s.span).filter(|s| *s != span).collect();
            for sentence in sentences {
                let sentence = self.iris.span(sentence);
                self.add(&node, nif::SENTENCE_PROP, sentence);
            }
        }
        node
    }

    fn evidence(&mut self, fact: &NamedNode, evidence: &Evidence) {
        let phrase = self.span_node(evidence.span, nif::PHRASE);
        self.add(fact, prov::WAS_DERIVED_FROM, phrase);
    }

    fn time_node(&mut self, value: TimeValue) -> NamedNode {
        let node = self.iris.time(value);
        let (property, literal) = time_literal(value);
        self.add_shared(&node, rdf::TYPE, time::INSTANT);
        self.add_shared(&node, property, literal);
        self.add_shared(&node, rdfs::LABEL, string(&value.describe()));
        node
    }

    fn article(&mut self) {
        let article = self.iris.article();
        let context = self.context();
        let language = self.annotations.language.clone();
        self.add(&article, rdf::TYPE, schema::NEWS_ARTICLE);
        self.add(&article, schema::HEADLINE, lang(&self.article.title, &language));
        if let Some(date) = self.article.date {
            self.add(&article, schema::DATE_PUBLISHED, Literal::new_typed_literal(date.to_string(), xsd::DATE));
        }
        self.add(&article, schema::IN_LANGUAGE, string(&language));
        self.add(&article, nkg::HAS_CONTEXT, context.clone());
        if let Some(url) = self.article.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
            self.add(&article, schema::URL, url.clone());
            self.add(&context, nif::SOURCE_URL, url);
        }
        if let Some(author) = self.annotations.automatic.as_ref().and_then(|a| a.author.clone()) {
            self.add(&article, schema::AUTHOR, self.entity_iri(&author));
        }
        if let Some(publisher) = &self.annotations.publisher {
            self.add(&article, schema::PUBLISHER, self.entity_iri(publisher));
        }

        self.add(&context, rdf::TYPE, nif::CONTEXT);
        self.add(&context, nif::IS_STRING, string(&self.article.text));
        self.add(&context, nif::BEGIN_INDEX, index(0));
        self.add(&context, nif::END_INDEX, index(self.article.len_chars()));
        let sentences: Vec<Span> = self.article.sentences.iter().map(|s| s.span).collect();
        for sentence in sentences {
            self.span_node(sentence, nif::SENTENCE);
        }

        if let Some(caption) = self.article.caption.clone() {
            let photo = self.iris.fact("photo", "1");
            self.add(&article, schema::IMAGE, photo.clone());
            self.add(&photo, rdf::TYPE, schema::IMAGE_OBJECT);
            self.add(&photo, schema::CAPTION, lang(&caption, &language));
            if let Some(credit) = &self.article.credit {
                self.add(&photo, schema::CREDIT_TEXT, string(credit));
            }
            if let Some(photographer) = &self.annotations.photographer {
                self.add(&photo, schema::CREATOR, self.entity_iri(photographer));
            }
            for depicted in &self.annotations.photo_depicts {
                self.add(&photo, schema::ABOUT, self.entity_iri(depicted));
            }
            let caption_block = self.article.blocks.iter().find(|b| b.kind == crate::article::BlockKind::Caption);
            if let Some(block) = caption_block {
                let span = block.span;
                let phrase = self.span_node(span, nif::PHRASE);
                self.add(&photo, prov::WAS_DERIVED_FROM, phrase);
            }
        }
    }

    fn entities(&mut self) {
        // Automatic entities are the article's own, described in its graph.
        let local = self.annotations.automatic.is_some();
        for entity in self.annotations.entities.values() {
            let node = self.entity_iri(&entity.id);
            let describe = |mapper: &mut Self, predicate: NamedNodeRef<'_>, object: Term| {
                if local {
                    mapper.add(&node, predicate, object);
                } else {
                    mapper.add_shared(&node, predicate, object);
                }
            };
            describe(self, rdf::TYPE, entity_class(entity.kind).into());
            describe(self, schema::NAME, string(&entity.name));
            describe(self, rdfs::LABEL, string(&entity.name));
            for alias in &entity.aliases {
                describe(self, schema::ALTERNATE_NAME, string(alias));
            }
            if let Some(description) = &entity.description {
                describe(self, schema::DESCRIPTION, string(description));
            }
            let cue = self.cue(&entity.id);
            self.generated(&node, "entity", &entity.id, &cue);
            if let Some(q) = &entity.wikidata {
                self.add_shared(
                    &node,
                    owl::SAME_AS,
                    NamedNode::new_unchecked(format!("{}{q}", crate::vocab::WIKIDATA)),
                );
            }
        }
    }

    fn mentions(&mut self, mentions: &[Mention]) {
        for mention in mentions {
            let phrase = self.span_node(mention.span, nif::PHRASE);
            self.add(&phrase, itsrdf::TA_IDENT_REF, self.entity_iri(&mention.entity));
            if mention.kind == MentionKind::Role {
                self.add(&phrase, rdfs::COMMENT, string("refers to the entity by its role"));
            }
            let rule = match mention.kind {
                MentionKind::Name => "a name of the entity found in the text",
                MentionKind::Role => "a description of the entity found in the text",
            };
            let id = format!("{}-{}", mention.span.begin, mention.span.end);
            self.generated(&phrase, "mention", &id, rule);
        }
    }

    fn posts(&mut self) {
        for post in &self.annotations.posts {
            let node = self.iris.fact("post", &post.id);
            let holder = self.entity_iri(&post.holder);
            self.add(&node, rdf::TYPE, org::POST);
            self.add(&node, rdfs::LABEL, string(&post.label));
            self.add(&node, org::HELD_BY, holder.clone());
            self.add(&holder, org::HOLDS, node.clone());
            if let Some(organization) = &post.organization {
                self.add(&node, org::POST_IN, self.entity_iri(organization));
            }
            if let Some(time) = post.time {
                let time = self.time_node(time);
                self.add(&node, sem::HAS_TIME, time);
            }
            self.evidence(&node, &post.evidence);
            let cue = self.cue(&post.id);
            self.generated(&node, "post", &post.id, &cue);
        }
    }

    fn events(&mut self) {
        for event in &self.annotations.events {
            let node = self.iris.fact("event", &event.id);
            self.add(&node, rdf::TYPE, schema::EVENT);
            self.add(&node, schema::NAME, string(&event.label));
            self.add(&node, rdfs::LABEL, string(&event.label));
            match event.status {
                Some(EventStatus::Scheduled) => self.add(&node, schema::EVENT_STATUS, schema::EVENT_SCHEDULED),
                Some(EventStatus::Cancelled) => self.add(&node, schema::EVENT_STATUS, schema::EVENT_CANCELLED),
                Some(EventStatus::Postponed) => self.add(&node, schema::EVENT_STATUS, schema::EVENT_POSTPONED),
                Some(EventStatus::Occurred) | None => {}
            }
            for participant in &event.participants {
                self.add(&node, sem::HAS_ACTOR, self.entity_iri(participant));
            }
            if let Some(place) = &event.place {
                self.add(&node, sem::HAS_PLACE, self.entity_iri(place));
            }
            if let Some(at) = event.time.at {
                let time = self.time_node(at);
                self.add(&node, sem::HAS_TIME, time);
            }
            for alternative in &event.time.alternatives {
                let time = self.time_node(*alternative);
                self.add(&node, nkg::ALTERNATIVE_TIME, time);
            }
            if event.time.begin.is_some() || event.time.end.is_some() {
                let interval = self.iris.fact("event", &format!("{}/time", event.id));
                self.add(&node, sem::HAS_TIME, interval.clone());
                self.add(&interval, rdf::TYPE, time::INTERVAL);
                if let Some(begin) = event.time.begin {
                    let begin = self.time_node(begin);
                    self.add(&interval, time::HAS_BEGINNING, begin);
                }
                if let Some(end) = event.time.end {
                    let end = self.time_node(end);
                    self.add(&interval, time::HAS_END, end);
                }
            }
            if event.time.is_unknown() {
                self.add(&node, nkg::TIME_UNKNOWN, Literal::from(true));
            }
            self.add(&node, nkg::CERTAINTY_PROP, certainty(event.certainty));
            self.add(&node, nkg::POLARITY_PROP, polarity(event.polarity));
            self.evidence(&node, &event.evidence);
        }
    }

    fn quotations(&mut self) {
        let language = self.annotations.language.clone();
        for quotation in &self.annotations.quotations {
            let node = self.iris.fact("quotation", &quotation.id);
            self.add(&node, rdf::TYPE, schema::QUOTATION);
            self.add(&node, schema::TEXT, lang(&quotation.text.text, &language));
            if let Some(speaker) = &quotation.speaker {
                let document = self.annotations.entities.get(speaker).is_some_and(|e| e.kind.is_document());
                let speaker = self.entity_iri(speaker);
                if document {
                    // A letter or a ruling says nothing itself: the words were
                    // quoted from it (PROV), it is their source (Dublin Core).
                    self.add(&node, prov::WAS_QUOTED_FROM, speaker.clone());
                    self.add(&node, dcterms::SOURCE, speaker);
                } else {
                    self.add(&node, schema::SPOKEN_BY_CHARACTER, speaker.clone());
                    self.add(&node, prov::WAS_ATTRIBUTED_TO, speaker);
                }
            }
            let cue = self.cue(&quotation.id);
            self.generated(&node, "quotation", &quotation.id, &cue);
            if let Some(manner) = &quotation.manner {
                self.add(&node, nkg::MANNER, string(manner));
            }
            if let Some(addressee) = &quotation.addressee {
                self.add(&node, nkg::ADDRESSEE, self.entity_iri(addressee));
            }
            self.add(&node, schema::IS_PART_OF, self.iris.article());
            self.evidence(&node, &quotation.text);
        }
    }

    fn claims(&mut self) {
        let language = self.annotations.language.clone();
        for claim in &self.annotations.claims {
            let node = self.iris.fact("claim", &claim.id);
            let source = self.entity_iri(&claim.source);
            self.add(&node, rdf::TYPE, schema::CLAIM);
            self.add(&node, schema::TEXT, lang(&claim.text, &language));
            self.add(&node, nkg::ASSERTED_BY, source.clone());
            self.add(&node, prov::WAS_ATTRIBUTED_TO, source);
            if let Some(cited) = &claim.cited {
                self.add(&node, nkg::CITED_SOURCE, self.entity_iri(cited));
            }
            self.add(&node, nkg::CERTAINTY_PROP, certainty(claim.certainty));
            self.add(&node, nkg::POLARITY_PROP, polarity(claim.polarity));
            for about in &claim.about {
                let target = self.reference(about);
                self.add(&node, schema::ABOUT, target);
            }
            self.add(&node, schema::APPEARANCE, self.iris.article());
            self.evidence(&node, &claim.evidence);
            let cue = self.cue(&claim.id);
            self.generated(&node, "claim", &claim.id, &cue);
        }
    }

    /// The IRI of any id of the annotation file.
    fn reference(&self, id: &str) -> NamedNode {
        let a = self.annotations;
        if a.entities.contains_key(id) {
            self.entity_iri(id)
        } else if a.events.iter().any(|e| e.id == id) {
            self.iris.fact("event", id)
        } else if a.posts.iter().any(|p| p.id == id) {
            self.iris.fact("post", id)
        } else if a.quotations.iter().any(|q| q.id == id) {
            self.iris.fact("quotation", id)
        } else if a.claims.iter().any(|c| c.id == id) {
            self.iris.fact("claim", id)
        } else {
            self.iris.fact("quantity", id)
        }
    }

    fn statements(&mut self) {
        for statement in &self.annotations.statements {
            let subject = self.entity_iri(&statement.subject);
            let object = self.entity_iri(&statement.object);
            let property = relation_property(statement.predicate);
            let node = self.iris.fact(
                "statement",
                &format!("{}--{}--{}", statement.subject, relation_slug(statement.predicate), statement.object),
            );
            self.add(&subject, property, object.clone());
            self.add(&node, rdf::TYPE, rdf::STATEMENT);
            self.add(&node, rdf::TYPE, nkg::STATEMENT);
            self.add(&node, rdf::SUBJECT, subject.clone());
            self.add(&node, rdf::PREDICATE, property.into_owned());
            self.add(&node, rdf::OBJECT, object.clone());
            if statement.predicate == Relation::MemberOf {
                self.add(&node, rdf::TYPE, org::MEMBERSHIP);
                self.add(&node, org::MEMBER, subject);
                self.add(&node, org::ORGANIZATION_PROP, object);
            }
            self.evidence(&node, &statement.evidence);
        }
    }

    fn quantities(&mut self) {
        for quantity in &self.annotations.quantities {
            let node = self.iris.fact("quantity", &quantity.id);
            self.add(&node, rdf::TYPE, nkg::QUANTITY);
            self.add(&node, schema::VALUE, number(quantity.value));
            self.add(&node, nkg::UNIT, string(&quantity.unit));
            if let Some(of) = &quantity.of {
                let target = self.reference(of);
                self.add(&node, schema::ABOUT, target);
            }
            if let Some(from) = &quantity.from {
                self.add(&node, nkg::MEASURED_FROM, self.entity_iri(from));
            }
            self.evidence(&node, &quantity.evidence);
            let cue = self.cue(&quantity.id);
            self.generated(&node, "quantity", &quantity.id, &cue);
        }
    }
}

/// A number in the canonical form the store gives back: `xsd:integer` when
/// whole, else `xsd:decimal` without exponent.
fn number(value: f64) -> Term {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Literal::new_typed_literal(format!("{value:.0}"), xsd::INTEGER).into()
    } else {
        Literal::new_typed_literal(format!("{value}"), xsd::DECIMAL).into()
    }
}

/// Counts a converted graph.
pub fn summarize(graph: &Graph, annotations: &Annotations, mentions: &[Mention]) -> Summary {
    let triples: HashSet<_> = graph.iter().map(|q| (&q.subject, &q.predicate, &q.object)).collect();
    Summary {
        triples: triples.len(),
        entities: annotations.entities.len(),
        events: annotations.events.len(),
        quotations: annotations.quotations.len(),
        claims: annotations.claims.len(),
        mentions: mentions.len(),
    }
}
