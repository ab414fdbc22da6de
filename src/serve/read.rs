//! The store reads behind the pages, each bounded by what the page is about.
//!
//! It takes the store and an IRI (an article, an entity, any resource) and
//! hands on plain views for [`super::html`]: an article's text with its
//! spans and facts, an entity's description with what the articles say of
//! it, a resource's statements. Reads go through the store's indexes by
//! subject, by object or by graph, never through a scan of the corpus: an
//! article page reads the article's named graph and the descriptions of the
//! entities it names; an entity page reads the quads whose object is the
//! entity (how often it is named, quoted, cited…) and then, for one page of
//! articles only, the facts themselves. Everything comes out sorted, so a
//! page is the same for the same store.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};

use crate::vocab::{itsrdf, nif, nkg, org, owl, prov, rdf, rdfs, schema, sem};

/// A resource with the name a person reads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// Its label (or its IRI, compacted, when it has none).
    pub label: String,
    /// Its IRI.
    pub iri: NamedNode,
}

/// The kind of a marked span, which gives its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpanKind {
    /// A quotation's words.
    Quotation,
    /// A claim's evidence.
    Claim,
    /// The evidence of any other fact: an event, a post, a relation, a quantity, the photo.
    Evidence,
    /// A mention of an entity.
    Mention,
}

impl SpanKind {
    /// Every kind, in the order of the legend.
    pub const ALL: [Self; 4] = [Self::Mention, Self::Quotation, Self::Claim, Self::Evidence];

    /// Its name, also its CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quotation => "quotation",
            Self::Claim => "claim",
            Self::Evidence => "evidence",
            Self::Mention => "mention",
        }
    }
}

/// A marked span of an article's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// First code point.
    pub begin: usize,
    /// Code point after the last.
    pub end: usize,
    /// Its kind.
    pub kind: SpanKind,
    /// The fact it supports, or the entity it mentions.
    pub target: Link,
    /// For a quotation, who spoke it.
    pub speaker: Option<Link>,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quotation {
    /// Where its words are, when the graph says.
    pub span: Option<(usize, usize)>,
    /// The quotation.
    pub iri: NamedNode,
    /// Its words.
    pub text: String,
    /// Who spoke it.
    pub speaker: Option<Link>,
    /// To whom.
    pub addressee: Option<Link>,
    /// How ("by telephone").
    pub manner: Option<String>,
    /// The article it is in.
    pub article: Option<Link>,
}

/// A claim with its source and factuality.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Claim {
    /// Where its evidence is.
    pub span: Option<(usize, usize)>,
    /// The claim.
    pub iri: NamedNode,
    /// What is claimed.
    pub text: String,
    /// Who asserts it.
    pub source: Option<Link>,
    /// On whose authority.
    pub cited: Option<Link>,
    /// certain, probable, possible, underspecified.
    pub certainty: Option<String>,
    /// positive or negative.
    pub polarity: Option<String>,
    /// The article it appears in.
    pub article: Option<Link>,
}

/// An event with who took part, where and when.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    /// Where its evidence is.
    pub span: Option<(usize, usize)>,
    /// The event.
    pub iri: NamedNode,
    /// Its name.
    pub name: String,
    /// scheduled, cancelled, postponed (none when it happened).
    pub status: Option<String>,
    /// Who took part.
    pub participants: Vec<Link>,
    /// Where.
    pub place: Option<Link>,
    /// When (one or several times, as labels).
    pub times: Vec<String>,
    /// The article it is in.
    pub article: Option<Link>,
}

/// An article with its text, its marked spans and its facts.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// The article.
    pub iri: NamedNode,
    /// Its headline.
    pub title: String,
    /// Its publication date.
    pub date: Option<String>,
    /// Its address on the web.
    pub url: Option<String>,
    /// Its publisher.
    pub publisher: Option<Link>,
    /// Its whole text (NIF context), which the offsets count in code points.
    pub text: String,
    /// Every mention, quotation, claim and evidence span, sorted.
    pub spans: Vec<Span>,
    /// Quotations, in text order.
    pub quotations: Vec<Quotation>,
    /// Claims, in text order.
    pub claims: Vec<Claim>,
    /// Events, in text order.
    pub events: Vec<Event>,
}

/// A short article entry for the home page.
#[derive(Debug, Clone)]
pub struct ArticleSummary {
    /// The article and its headline.
    pub link: Link,
    /// Publication date.
    pub date: Option<String>,
    /// Quotations, claims, events and entity mentions.
    pub quotations: usize,
    /// Claims.
    pub claims: usize,
    /// Events.
    pub events: usize,
    /// Mentions of entities.
    pub mentions: usize,
}

/// A mention of an entity in context.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Snippet {
    /// Offsets of the mention.
    pub begin: usize,
    /// End offset.
    pub end: usize,
    /// The sentence's words before the mention.
    pub before: String,
    /// The mention's words.
    pub words: String,
    /// The sentence's words after.
    pub after: String,
    /// Whether the mention names the entity by its role.
    pub by_role: bool,
}

/// What one article says of an entity.
#[derive(Debug, Clone, Default)]
pub struct InArticle {
    /// Its mentions there.
    pub mentions: Vec<Snippet>,
}

/// An office held.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Post {
    /// The post.
    pub link: Link,
    /// In which organisation.
    pub organization: Option<Link>,
    /// The article that says so.
    pub article: Option<Link>,
}

/// An entity with what the articles say of it, one page of articles at a time.
#[derive(Debug, Clone, Default)]
pub struct EntityView {
    /// The entity.
    pub iri: Option<NamedNode>,
    /// Its name.
    pub name: String,
    /// Its classes.
    pub types: Vec<Link>,
    /// Other names.
    pub aliases: Vec<String>,
    /// What it is.
    pub description: Option<String>,
    /// Same-as links (Wikidata).
    pub same_as: Vec<NamedNode>,
    /// How many of each: mentions, quotations spoken… over every article.
    pub counts: BTreeMap<&'static str, usize>,
    /// Relations from it: (property label, other end, articles saying so).
    pub relations_out: Vec<(String, Link, usize)>,
    /// Relations to it: (other end, property label, articles saying so).
    pub relations_in: Vec<(Link, String, usize)>,
    /// The articles of this page, sorted, with the mentions in each.
    pub articles: Vec<(Link, InArticle)>,
    /// Offices held (this page's articles).
    pub posts: Vec<Post>,
    /// Events taken part in or held at it (this page's articles).
    pub events: Vec<(&'static str, Event)>,
    /// Quotations spoken (this page's articles).
    pub spoken: Vec<Quotation>,
    /// Quotations addressed to it (this page's articles).
    pub addressed: Vec<Quotation>,
    /// Quotations whose words mention it (this page's articles).
    pub quoted_about: Vec<Quotation>,
    /// Claims: ("made", "cited for", "about"), the claim.
    pub claims: Vec<(&'static str, Claim)>,
    /// The page (from 1) and the number of pages of articles.
    pub page: usize,
    /// Number of pages.
    pub pages: usize,
    /// Number of articles that name it.
    pub article_count: usize,
}

/// A resource's statements, for the generic page.
#[derive(Debug, Clone, Default)]
pub struct ResourceView {
    /// Its label.
    pub label: String,
    /// (property, value, graph) with the resource as subject.
    pub outgoing: Vec<(Link, Value, Option<Link>)>,
    /// (subject, property, graph) with the resource as object.
    pub incoming: Vec<(Link, Link, Option<Link>)>,
    /// Whether statements were left out.
    pub truncated: bool,
    /// The evidence spans: (article, begin, end, words).
    pub evidence: Vec<(Link, usize, usize, String)>,
}

/// A value: a resource or a literal's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    /// A resource.
    Resource(Link),
    /// A blank node, by its label.
    Blank(String),
    /// A literal: its text and, when not a plain string, its language or datatype.
    Literal(String, Option<String>),
}

/// An entity found by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// The entity and its name.
    pub link: Link,
    /// The name or alias that matched, when it is not the name.
    pub matched: Option<String>,
}

/// Most statements shown on a resource page, each way.
const MAX_STATEMENTS: usize = 500;
/// Articles per page of an entity.
pub const ARTICLES_PER_PAGE: usize = 10;

/// Reads the views from a store whose IRIs are minted under `base`.
pub struct Reader<'a> {
    store: &'a Store,
    base: &'a str,
    entity_graph: NamedNode,
}

type Result<T> = std::result::Result<T, StorageError>;

fn literal_text(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn iri(term: &Term) -> Option<NamedNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

fn number(term: &Term) -> Option<usize> {
    literal_text(term)?.parse().ok()
}

/// The local name of a vocabulary IRI ("EventCancelled", "certain").
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// Where a fact's statements are read: one graph of the store, or an
/// article's graph already read into memory (an article page reads its
/// graph once, not a lookup per statement).
trait Statements {
    fn objects(&self, subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>>;

    fn object(&self, subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Result<Option<Term>> {
        Ok(self.objects(subject, predicate)?.into_iter().next())
    }

    fn text(&self, subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Result<Option<String>> {
        Ok(self.object(subject, predicate)?.as_ref().and_then(literal_text))
    }

    /// A NIF string's offsets.
    fn span(&self, phrase: &NamedNode) -> Result<Option<(usize, usize)>> {
        let begin = self.object(phrase, nif::BEGIN_INDEX)?.as_ref().and_then(number);
        let end = self.object(phrase, nif::END_INDEX)?.as_ref().and_then(number);
        Ok(begin.zip(end))
    }

    /// The offsets of a fact's evidence.
    fn evidence_span(&self, fact: &NamedNode) -> Result<Option<(usize, usize)>> {
        match self.object(fact, prov::WAS_DERIVED_FROM)?.as_ref().and_then(iri) {
            Some(phrase) => self.span(&phrase),
            None => Ok(None),
        }
    }
}

/// One graph of the store.
struct InStore<'a> {
    store: &'a Store,
    graph: &'a NamedNode,
}

impl Statements for InStore<'_> {
    fn objects(&self, subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>> {
        self.store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(predicate),
                None,
                Some(GraphNameRef::NamedNode(self.graph.as_ref())),
            )
            .map(|q| q.map(|q| q.object))
            .collect()
    }
}

/// A graph read into memory, by subject.
struct InMemory<'q> {
    by_subject: BTreeMap<&'q NamedNode, Vec<&'q Quad>>,
}

impl<'q> InMemory<'q> {
    fn new(quads: &'q [Quad]) -> Self {
        let mut by_subject: BTreeMap<&NamedNode, Vec<&Quad>> = BTreeMap::new();
        for quad in quads {
            if let NamedOrBlankNode::NamedNode(subject) = &quad.subject {
                by_subject.entry(subject).or_default().push(quad);
            }
        }
        Self { by_subject }
    }

    fn has_type(&self, subject: &NamedNode, class: NamedNodeRef<'_>) -> bool {
        self.by_subject.get(subject).is_some_and(|quads| {
            quads
                .iter()
                .any(|q| q.predicate == rdf::TYPE && matches!(&q.object, Term::NamedNode(c) if c.as_ref() == class))
        })
    }
}

impl Statements for InMemory<'_> {
    fn objects(&self, subject: &NamedNode, predicate: NamedNodeRef<'_>) -> Result<Vec<Term>> {
        Ok(self
            .by_subject
            .get(subject)
            .map(|quads| quads.iter().filter(|q| q.predicate == predicate).map(|q| q.object.clone()).collect())
            .unwrap_or_default())
    }
}

impl<'a> Reader<'a> {
    /// A reader of `store` with IRIs under `base`.
    pub fn new(store: &'a Store, base: &'a str) -> Self {
        Self { store, base, entity_graph: NamedNode::new_unchecked(format!("{base}graph/entities")) }
    }

    /// The objects of `subject predicate ?` in one graph (`None`: any graph).
    fn objects(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: Option<&NamedNode>,
    ) -> Result<Vec<Term>> {
        let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        self.store
            .quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, graph)
            .map(|q| q.map(|q| q.object))
            .collect()
    }

    fn object(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: Option<&NamedNode>,
    ) -> Result<Option<Term>> {
        let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        self.store
            .quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, graph)
            .next()
            .transpose()
            .map(|q| q.map(|q| q.object))
    }

    fn text(
        &self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        graph: Option<&NamedNode>,
    ) -> Result<Option<String>> {
        Ok(self.object(subject, predicate, graph)?.as_ref().and_then(literal_text))
    }

    /// The name a person reads for an IRI: an entity's name, a fact's label
    /// or name, an article's headline; else the IRI compacted.
    pub fn label(&self, iri: &NamedNode) -> Result<String> {
        for predicate in [schema::NAME, rdfs::LABEL] {
            if let Some(name) = self.text(iri, predicate, Some(&self.entity_graph))? {
                return Ok(name);
            }
        }
        for predicate in [rdfs::LABEL, schema::NAME, schema::HEADLINE] {
            if let Some(name) = self.text(iri, predicate, None)? {
                return Ok(name);
            }
        }
        Ok(crate::vocab::compact(iri.as_str()))
    }

    fn link(&self, iri: NamedNode) -> Result<Link> {
        Ok(Link { label: self.label(&iri)?, iri })
    }

    fn link_of(&self, term: Option<Term>) -> Result<Option<Link>> {
        term.as_ref().and_then(iri).map(|i| self.link(i)).transpose()
    }

    /// Whether the IRI names an article of the store (its own named graph).
    pub fn is_article(&self, iri: &NamedNode) -> Result<bool> {
        Ok(iri.as_str().starts_with(&format!("{}article/", self.base))
            && self.store.contains_named_graph(iri)?
            && self.object(iri, rdf::TYPE, Some(iri))?.is_some())
    }

    /// Whether the IRI is described in the shared entity graph.
    pub fn is_entity(&self, iri: &NamedNode) -> Result<bool> {
        Ok(self.object(iri, rdf::TYPE, Some(&self.entity_graph))?.is_some())
    }

    /// The articles of the store, sorted by IRI: how many there are, and the
    /// `limit` from `offset` with their counts.
    pub fn articles(&self, offset: usize, limit: usize) -> Result<(usize, Vec<ArticleSummary>)> {
        let prefix = format!("{}article/", self.base);
        let mut graphs = Vec::new();
        for graph in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(graph) = graph?
                && graph.as_str().starts_with(&prefix)
            {
                graphs.push(graph);
            }
        }
        graphs.sort();
        let total = graphs.len();
        let mut summaries = Vec::new();
        for graph in graphs.into_iter().skip(offset).take(limit) {
            let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
            let count_type = |class: NamedNodeRef<'_>| {
                self.store.quads_for_pattern(None, Some(rdf::TYPE), Some(class.into()), in_graph).count()
            };
            summaries.push(ArticleSummary {
                date: self.text(&graph, schema::DATE_PUBLISHED, Some(&graph))?,
                quotations: count_type(schema::QUOTATION),
                claims: count_type(schema::CLAIM),
                events: count_type(schema::EVENT),
                mentions: self.store.quads_for_pattern(None, Some(itsrdf::TA_IDENT_REF), None, in_graph).count(),
                link: Link {
                    label: self.text(&graph, schema::HEADLINE, Some(&graph))?.unwrap_or_else(|| graph.to_string()),
                    iri: graph,
                },
            });
        }
        Ok((total, summaries))
    }

    /// Entities whose name or an alias contains `query` (case-insensitive),
    /// at most `limit`, sorted by name.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let wanted = query.trim().to_lowercase();
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let graph = Some(GraphNameRef::NamedNode(self.entity_graph.as_ref()));
        let mut found: BTreeMap<NamedNode, Option<String>> = BTreeMap::new();
        for predicate in [schema::NAME, schema::ALTERNATE_NAME] {
            for quad in self.store.quads_for_pattern(None, Some(predicate), None, graph) {
                let quad = quad?;
                let (NamedOrBlankNode::NamedNode(subject), Some(name)) = (quad.subject, literal_text(&quad.object))
                else {
                    continue;
                };
                if name.to_lowercase().contains(&wanted) {
                    let matched = (predicate == schema::ALTERNATE_NAME).then_some(name);
                    let entry = found.entry(subject).or_insert(matched.clone());
                    if matched.is_none() {
                        *entry = None;
                    }
                }
            }
        }
        let mut hits = found
            .into_iter()
            .map(|(iri, matched)| Ok(Hit { link: self.link(iri)?, matched }))
            .collect::<Result<Vec<_>>>()?;
        hits.sort();
        hits.truncate(limit);
        Ok(hits)
    }

    /// The quads describing a resource, for RDF answers: an article's whole
    /// named graph; anything else's statements as subject, in every graph.
    pub fn describe(&self, iri: &NamedNode) -> Result<Vec<Quad>> {
        if self.is_article(iri)? {
            return self
                .store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(iri.as_ref())))
                .collect();
        }
        self.store.quads_for_pattern(Some(iri.as_ref().into()), None, None, None).collect()
    }

    /// Whether the store says anything of the IRI, as subject or object.
    pub fn is_known(&self, iri: &NamedNode) -> Result<bool> {
        Ok(self.store.quads_for_pattern(Some(iri.as_ref().into()), None, None, None).next().is_some()
            || self.store.quads_for_pattern(None, None, Some(iri.as_ref().into()), None).next().is_some())
    }

    fn quotation(&self, facts: &impl Statements, node: &NamedNode, article: &Link) -> Result<Quotation> {
        Ok(Quotation {
            span: facts.evidence_span(node)?,
            iri: node.clone(),
            text: facts.text(node, schema::TEXT)?.unwrap_or_default(),
            speaker: self.link_of(facts.object(node, schema::SPOKEN_BY_CHARACTER)?)?,
            addressee: self.link_of(facts.object(node, nkg::ADDRESSEE)?)?,
            manner: facts.text(node, nkg::MANNER)?,
            article: Some(article.clone()),
        })
    }

    fn claim(&self, facts: &impl Statements, node: &NamedNode, article: &Link) -> Result<Claim> {
        let local = |term: Option<Term>| term.as_ref().and_then(iri).map(|i| local_name(i.as_str()).to_owned());
        Ok(Claim {
            span: facts.evidence_span(node)?,
            iri: node.clone(),
            text: facts.text(node, schema::TEXT)?.unwrap_or_default(),
            source: self.link_of(facts.object(node, nkg::ASSERTED_BY)?)?,
            cited: self.link_of(facts.object(node, nkg::CITED_SOURCE)?)?,
            certainty: local(facts.object(node, nkg::CERTAINTY_PROP)?),
            polarity: local(facts.object(node, nkg::POLARITY_PROP)?),
            article: Some(article.clone()),
        })
    }

    fn event(&self, facts: &impl Statements, node: &NamedNode, article: &Link) -> Result<Event> {
        let status = facts.object(node, schema::EVENT_STATUS)?.as_ref().and_then(iri).map(|s| {
            let name = local_name(s.as_str());
            name.strip_prefix("Event").unwrap_or(name).to_lowercase()
        });
        let mut participants = Vec::new();
        for actor in facts.objects(node, sem::HAS_ACTOR)? {
            if let Some(actor) = iri(&actor) {
                participants.push(self.link(actor)?);
            }
        }
        participants.sort();
        let mut times = Vec::new();
        for time in facts.objects(node, sem::HAS_TIME)?.iter().chain(&facts.objects(node, nkg::ALTERNATIVE_TIME)?) {
            if let Some(time) = iri(time) {
                times.push(self.time_label(facts, &time)?);
            }
        }
        times.sort();
        Ok(Event {
            span: facts.evidence_span(node)?,
            iri: node.clone(),
            name: facts.text(node, schema::NAME)?.unwrap_or_else(|| crate::vocab::compact(node.as_str())),
            status,
            participants,
            place: self.link_of(facts.object(node, sem::HAS_PLACE)?)?,
            times,
            article: Some(article.clone()),
        })
    }

    /// A time's label; an interval reads "from … to …".
    fn time_label(&self, facts: &impl Statements, time: &NamedNode) -> Result<String> {
        if let Some(label) = self.text(time, rdfs::LABEL, Some(&self.entity_graph))? {
            return Ok(label);
        }
        let begin = facts.object(time, crate::vocab::time::HAS_BEGINNING)?.as_ref().and_then(iri);
        let end = facts.object(time, crate::vocab::time::HAS_END)?.as_ref().and_then(iri);
        let label = |t: Option<NamedNode>| -> Result<Option<String>> {
            t.map(|t| Ok(self.text(&t, rdfs::LABEL, Some(&self.entity_graph))?.unwrap_or_else(|| t.to_string())))
                .transpose()
        };
        Ok(match (label(begin)?, label(end)?) {
            (Some(b), Some(e)) => format!("from {b} to {e}"),
            (Some(b), None) => format!("from {b}"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => crate::vocab::compact(time.as_str()),
        })
    }

    /// An article with its text, spans and facts; `None` when the store
    /// has no such article.
    pub fn article(&self, article: &NamedNode) -> Result<Option<ArticleView>> {
        if !self.is_article(article)? {
            return Ok(None);
        }
        let quads: Vec<Quad> = self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(article.as_ref())))
            .collect::<Result<_>>()?;
        let facts = InMemory::new(&quads);
        let title = facts.text(article, schema::HEADLINE)?.unwrap_or_default();
        let article_link = Link { label: title.clone(), iri: article.clone() };
        let text = match facts.object(article, nkg::HAS_CONTEXT)?.as_ref().and_then(iri) {
            Some(context) => facts.text(&context, nif::IS_STRING)?.unwrap_or_default(),
            None => String::new(),
        };
        let mut labels: BTreeMap<NamedNode, String> = BTreeMap::new();
        let mut label = |iri: &NamedNode| -> Result<Link> {
            if let Some(label) = labels.get(iri) {
                return Ok(Link { label: label.clone(), iri: iri.clone() });
            }
            let link = self.link(iri.clone())?;
            labels.insert(iri.clone(), link.label.clone());
            Ok(link)
        };
        let mut spans = Vec::new();
        let (mut quotations, mut claims, mut events) = (Vec::new(), Vec::new(), Vec::new());
        for quad in &quads {
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else { continue };
            let Some(object) = iri(&quad.object) else { continue };
            if quad.predicate == itsrdf::TA_IDENT_REF {
                if let Some((begin, end)) = facts.span(subject)? {
                    spans.push(Span { begin, end, kind: SpanKind::Mention, target: label(&object)?, speaker: None });
                }
            } else if quad.predicate == prov::WAS_DERIVED_FROM
                && let Some((begin, end)) = facts.span(&object)?
            {
                let (kind, speaker) = if facts.has_type(subject, schema::QUOTATION) {
                    let quotation = self.quotation(&facts, subject, &article_link)?;
                    let speaker = quotation.speaker.clone();
                    quotations.push(quotation);
                    (SpanKind::Quotation, speaker)
                } else if facts.has_type(subject, schema::CLAIM) {
                    claims.push(self.claim(&facts, subject, &article_link)?);
                    (SpanKind::Claim, None)
                } else {
                    if facts.has_type(subject, schema::EVENT) {
                        events.push(self.event(&facts, subject, &article_link)?);
                    }
                    (SpanKind::Evidence, None)
                };
                let target = match kind {
                    SpanKind::Quotation => Link { label: "quotation".to_owned(), iri: subject.clone() },
                    _ => match facts.text(subject, rdfs::LABEL)?.or(facts.text(subject, schema::NAME)?) {
                        Some(name) => Link { label: name, iri: subject.clone() },
                        None => label(subject)?,
                    },
                };
                spans.push(Span { begin, end, kind, target, speaker });
            }
        }
        spans.sort();
        quotations.sort();
        claims.sort();
        events.sort();
        Ok(Some(ArticleView {
            iri: article.clone(),
            date: facts.text(article, schema::DATE_PUBLISHED)?,
            url: facts.object(article, schema::URL)?.as_ref().and_then(iri).map(NamedNode::into_string),
            publisher: facts
                .object(article, schema::PUBLISHER)?
                .as_ref()
                .and_then(iri)
                .map(|p| label(&p))
                .transpose()?,
            title,
            text,
            spans,
            quotations,
            claims,
            events,
        }))
    }

    /// The quads of a graph that a picture of the article needs: the
    /// article's graph and the descriptions of the entities it refers to.
    pub fn picture_quads(&self, article: &NamedNode) -> Result<Vec<Quad>> {
        let mut quads: Vec<Quad> = self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(article.as_ref())))
            .collect::<Result<_>>()?;
        let referred: BTreeSet<NamedNode> = quads
            .iter()
            .filter(|q| q.predicate != itsrdf::TA_IDENT_REF)
            .filter_map(|q| iri(&q.object))
            .filter(|o| o.as_str().starts_with(&format!("{}entity/", self.base)))
            .collect();
        let entity_graph = Some(GraphNameRef::NamedNode(self.entity_graph.as_ref()));
        for entity in &referred {
            for quad in self.store.quads_for_pattern(Some(entity.as_ref().into()), None, None, entity_graph) {
                quads.push(quad?);
            }
        }
        Ok(quads)
    }

    /// An entity's page: its description, totals over every article, and
    /// the facts of one page of the articles that name it (`page` from 1).
    /// `None` when the shared graph does not describe it.
    pub fn entity(&self, entity: &NamedNode, page: usize) -> Result<Option<EntityView>> {
        if !self.is_entity(entity)? {
            return Ok(None);
        }
        let eg = Some(&self.entity_graph);
        let mut view = EntityView {
            iri: Some(entity.clone()),
            name: self.label(entity)?,
            description: self.text(entity, schema::DESCRIPTION, eg)?,
            ..EntityView::default()
        };
        for class in self.objects(entity, rdf::TYPE, eg)? {
            if let Some(class) = iri(&class) {
                view.types.push(Link { label: local_name(class.as_str()).to_owned(), iri: class });
            }
        }
        view.types.sort();
        view.aliases = self.objects(entity, schema::ALTERNATE_NAME, eg)?.iter().filter_map(literal_text).collect();
        view.aliases.sort();
        view.same_as = self.objects(entity, owl::SAME_AS, eg)?.iter().filter_map(iri).collect();
        view.same_as.sort();

        // Every quad whose object is the entity: through the object index, so
        // the cost is the entity's own, whatever the size of the corpus.
        let mut by_article: BTreeMap<NamedNode, Vec<(NamedNode, NamedNode)>> = BTreeMap::new();
        let mut relations_in: BTreeMap<(NamedNode, NamedNode), BTreeSet<NamedNode>> = BTreeMap::new();
        for quad in self.store.quads_for_pattern(None, None, Some(entity.as_ref().into()), None) {
            let quad = quad?;
            let (NamedOrBlankNode::NamedNode(subject), oxigraph::model::GraphName::NamedNode(graph)) =
                (quad.subject, quad.graph_name)
            else {
                continue;
            };
            let predicate = quad.predicate;
            if let Some(key) = count_key(predicate.as_ref()) {
                *view.counts.entry(key).or_default() += 1;
            }
            if is_relation(predicate.as_ref()) && subject.as_str().starts_with(&format!("{}entity/", self.base)) {
                relations_in.entry((subject.clone(), predicate.clone())).or_default().insert(graph.clone());
            }
            if graph != self.entity_graph {
                by_article.entry(graph).or_default().push((predicate, subject));
            }
        }
        let mut relations_out: BTreeMap<(NamedNode, NamedNode), BTreeSet<NamedNode>> = BTreeMap::new();
        for quad in self.store.quads_for_pattern(Some(entity.as_ref().into()), None, None, None) {
            let quad = quad?;
            if let (Term::NamedNode(object), oxigraph::model::GraphName::NamedNode(graph)) =
                (quad.object, quad.graph_name)
                && is_relation(quad.predicate.as_ref())
            {
                relations_out.entry((quad.predicate, object)).or_default().insert(graph);
            }
        }
        for ((predicate, object), graphs) in relations_out {
            view.relations_out.push((property_label(predicate.as_ref()), self.link(object)?, graphs.len()));
        }
        for ((subject, predicate), graphs) in relations_in {
            view.relations_in.push((self.link(subject)?, property_label(predicate.as_ref()), graphs.len()));
        }

        view.article_count = by_article.len();
        view.pages = by_article.len().div_ceil(ARTICLES_PER_PAGE).max(1);
        view.page = page.clamp(1, view.pages);
        let skip = (view.page - 1) * ARTICLES_PER_PAGE;
        for (graph, statements) in by_article.into_iter().skip(skip).take(ARTICLES_PER_PAGE) {
            let facts = InStore { store: self.store, graph: &graph };
            let article = self.link(graph.clone())?;
            let mut in_article = InArticle::default();
            let mut seen = BTreeSet::new();
            for (predicate, subject) in statements {
                if !seen.insert((predicate.clone(), subject.clone())) {
                    continue;
                }
                let p = predicate.as_ref();
                if p == itsrdf::TA_IDENT_REF {
                    if let Some(snippet) = self.snippet(&facts, &subject)? {
                        in_article.mentions.push(snippet);
                    }
                } else if p == schema::SPOKEN_BY_CHARACTER {
                    view.spoken.push(self.quotation(&facts, &subject, &article)?);
                } else if p == nkg::ADDRESSEE {
                    view.addressed.push(self.quotation(&facts, &subject, &article)?);
                } else if p == nkg::ASSERTED_BY {
                    view.claims.push(("made", self.claim(&facts, &subject, &article)?));
                } else if p == nkg::CITED_SOURCE {
                    view.claims.push(("cited for", self.claim(&facts, &subject, &article)?));
                } else if p == schema::ABOUT && self.has_type(&subject, schema::CLAIM, &graph)? {
                    view.claims.push(("about", self.claim(&facts, &subject, &article)?));
                } else if p == sem::HAS_ACTOR {
                    view.events.push(("took part in", self.event(&facts, &subject, &article)?));
                } else if p == sem::HAS_PLACE {
                    view.events.push(("place of", self.event(&facts, &subject, &article)?));
                } else if p == org::HELD_BY {
                    let organization = self.link_of(facts.object(&subject, org::POST_IN)?)?;
                    view.posts.push(Post {
                        link: self.link(subject.clone())?,
                        organization,
                        article: Some(article.clone()),
                    });
                }
            }
            in_article.mentions.sort();
            // Quotations whose words mention the entity.
            for quotation in self.quotations_in(&facts, &article)? {
                if let Some((qb, qe)) = quotation.span
                    && in_article.mentions.iter().any(|m| m.begin >= qb && m.end <= qe)
                    && quotation.speaker.as_ref().is_none_or(|s| s.iri != *entity)
                {
                    view.quoted_about.push(quotation);
                }
            }
            view.articles.push((article, in_article));
        }
        view.spoken.sort();
        view.addressed.sort();
        view.quoted_about.sort();
        view.claims.sort();
        view.events.sort();
        view.posts.sort();
        Ok(Some(view))
    }

    fn has_type(&self, subject: &NamedNode, class: NamedNodeRef<'_>, graph: &NamedNode) -> Result<bool> {
        Ok(self
            .store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(rdf::TYPE),
                Some(class.into()),
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .next()
            .is_some())
    }

    fn quotations_in(&self, facts: &InStore<'_>, article: &Link) -> Result<Vec<Quotation>> {
        let mut quotations = Vec::new();
        for quad in self.store.quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(schema::QUOTATION.into()),
            Some(GraphNameRef::NamedNode(facts.graph.as_ref())),
        ) {
            if let NamedOrBlankNode::NamedNode(node) = quad?.subject {
                quotations.push(self.quotation(facts, &node, article)?);
            }
        }
        Ok(quotations)
    }

    /// A mention with the words of its sentence around it.
    fn snippet(&self, facts: &InStore<'_>, phrase: &NamedNode) -> Result<Option<Snippet>> {
        let Some((begin, end)) = facts.span(phrase)? else { return Ok(None) };
        let words = facts.text(phrase, nif::ANCHOR_OF)?.unwrap_or_default();
        let by_role = facts.object(phrase, rdfs::COMMENT)?.is_some();
        let mut snippet = Snippet { begin, end, before: String::new(), words, after: String::new(), by_role };
        if let Some(sentence) = facts.object(phrase, nif::SENTENCE_PROP)?.as_ref().and_then(iri)
            && let (Some((sb, se)), Some(text)) = (facts.span(&sentence)?, facts.text(&sentence, nif::ANCHOR_OF)?)
            && sb <= begin
            && end <= se
        {
            let chars: Vec<char> = text.chars().collect();
            if chars.len() == se - sb {
                snippet.before = chars[..begin - sb].iter().collect();
                snippet.after = chars[end - sb..].iter().collect();
            }
        }
        Ok(Some(snippet))
    }

    /// Any resource's statements (as subject and as object, at most
    /// 500 each way), with labels, and its evidence spans.
    pub fn resource(&self, resource: &NamedNode) -> Result<ResourceView> {
        let mut view = ResourceView { label: self.label(resource)?, ..ResourceView::default() };
        let graph_link = |graph: &oxigraph::model::GraphName| -> Result<Option<Link>> {
            match graph {
                oxigraph::model::GraphName::NamedNode(g) => Ok(Some(self.link(g.clone())?)),
                _ => Ok(None),
            }
        };
        for quad in self.store.quads_for_pattern(Some(resource.as_ref().into()), None, None, None) {
            let quad = quad?;
            if view.outgoing.len() == MAX_STATEMENTS {
                view.truncated = true;
                break;
            }
            if quad.predicate == prov::WAS_DERIVED_FROM
                && let (Some(phrase), oxigraph::model::GraphName::NamedNode(graph)) =
                    (iri(&quad.object), &quad.graph_name)
                && let Some((begin, end)) = (InStore { store: self.store, graph }).span(&phrase)?
            {
                let words = self.text(&phrase, nif::ANCHOR_OF, Some(graph))?.unwrap_or_default();
                view.evidence.push((self.link(graph.clone())?, begin, end, words));
            }
            let value = match &quad.object {
                Term::NamedNode(n) => Value::Resource(self.link(n.clone())?),
                Term::BlankNode(b) => Value::Blank(b.as_str().to_owned()),
                Term::Literal(l) => Value::Literal(
                    l.value().to_owned(),
                    l.language().map(|lang| format!("@{lang}")).or_else(|| {
                        (l.datatype() != crate::vocab::xsd::STRING)
                            .then(|| crate::vocab::compact(l.datatype().as_str()))
                    }),
                ),
                #[allow(unreachable_patterns)]
                other => Value::Blank(other.to_string()),
            };
            let property = Link { label: crate::vocab::compact(quad.predicate.as_str()), iri: quad.predicate };
            view.outgoing.push((property, value, graph_link(&quad.graph_name)?));
        }
        for quad in self.store.quads_for_pattern(None, None, Some(resource.as_ref().into()), None) {
            let quad = quad?;
            if view.incoming.len() == MAX_STATEMENTS {
                view.truncated = true;
                break;
            }
            let NamedOrBlankNode::NamedNode(subject) = quad.subject else { continue };
            let property = Link { label: crate::vocab::compact(quad.predicate.as_str()), iri: quad.predicate };
            view.incoming.push((self.link(subject)?, property, graph_link(&quad.graph_name)?));
        }
        view.outgoing.sort();
        view.incoming.sort();
        view.evidence.sort();
        Ok(view)
    }
}

/// The count an incoming statement adds to, on an entity page.
fn count_key(predicate: NamedNodeRef<'_>) -> Option<&'static str> {
    Some(match predicate {
        p if p == itsrdf::TA_IDENT_REF => "mentions",
        p if p == schema::SPOKEN_BY_CHARACTER => "quotations spoken",
        p if p == nkg::ADDRESSEE => "quotations addressed to it",
        p if p == nkg::ASSERTED_BY => "claims made",
        p if p == nkg::CITED_SOURCE => "claims cited for",
        p if p == schema::ABOUT => "facts about it",
        p if p == sem::HAS_ACTOR => "events taken part in",
        p if p == sem::HAS_PLACE => "events held there",
        p if p == org::HELD_BY => "posts held",
        _ => return None,
    })
}

/// Properties between two entities (the relations of the annotation files).
fn is_relation(predicate: NamedNodeRef<'_>) -> bool {
    use crate::annotation::Relation;
    [
        Relation::MemberOf,
        Relation::SharesBorderWith,
        Relation::AllyOf,
        Relation::LocatedIn,
        Relation::Country,
        Relation::SpeaksFor,
        Relation::StandsFor,
        Relation::About,
    ]
    .into_iter()
    .any(|r| crate::map::relation_property(r) == predicate)
}

/// A property as words: its local name with spaces ("member of").
pub fn property_label(predicate: NamedNodeRef<'_>) -> String {
    let name = local_name(predicate.as_str());
    let mut words = String::new();
    for c in name.chars() {
        if c.is_uppercase() {
            words.push(' ');
            words.extend(c.to_lowercase());
        } else {
            words.push(c);
        }
    }
    words
}
