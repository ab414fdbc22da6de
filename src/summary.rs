//! The summary stage: what a store keeps beside its articles so that
//! questions over a corpus cost what they answer, not what the corpus holds.
//!
//! It takes an article's conversion and hands on two kinds of named graphs,
//! both derived, both kept exact by `build` and `remove`:
//!
//! - **The article's summary graph** (`<base>article/ID/summary`), written
//!   with the article in the same commit: the article's key (its date, for
//!   ordering newest first, and 32 bits of its id's hash, to tell apart
//!   articles of one day), the key again on each entity it mentions and each
//!   entity its facts concern, per-entity counts of mentions and quotations,
//!   the names of the events each entity takes part in (as actor or place),
//!   sorted and joined,
//!   the publisher's claims (and those from anonymous sources), and a hash of
//!   each shared description the article gives (an entity's names, types…).
//!   Bundled queries find an entity's articles, newest first, by reading one
//!   index range of integers: a page of them costs what it shows. A query
//!   given one article (`--graph`) reads this graph with it.
//! - **The corpus summary graph** (`<base>graph/summary`): totals over all
//!   articles: mentions and articles per entity, quotations per speaker,
//!   articles per pair of entities mentioned together, claims and anonymous
//!   claims per publisher, and the text of each distinct shared description,
//!   from which an entity's description in the shared entity graph is
//!   recomputed when an article that gave a variant of it is rebuilt or
//!   removed. Totals are brought up to date at the end of a build ([`flush`])
//!   from the differences between each article's old and new summary.
//!
//! A build marks the corpus summary incomplete ([`begin`]) before
//! its first write and clears the mark when the totals are written; a build
//! that finds the mark (the previous one was killed) recomputes every total
//! from the articles' summary graphs. So after any build or removal the store
//! holds exactly what a fresh build of the same articles would.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};

use crate::convert::Conversion;
use crate::map::Iris;
use crate::vocab::{nif, nkg, prov, rdf, schema, sem};

/// The properties through which a fact concerns an entity or another fact:
/// those `queries/evidence.rq` follows (a test checks that they agree).
pub const EVIDENCE_PROPERTIES: &[&str] = &[
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace",
    "http://schema.org/spokenByCharacter",
    "https://w3id.org/newskg/ns#addressee",
    "https://w3id.org/newskg/ns#assertedBy",
    "https://w3id.org/newskg/ns#citedSource",
    "http://schema.org/about",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
    "http://www.w3.org/ns/org#heldBy",
    "http://www.w3.org/ns/org#postIn",
    "https://w3id.org/newskg/ns#measuredFrom",
    "http://schema.org/creator",
];

/// The classes of facts `queries/evidence.rq` lists.
pub const FACT_TYPES: &[&str] = &[
    "http://schema.org/Event",
    "http://schema.org/Quotation",
    "http://schema.org/Claim",
    "http://www.w3.org/ns/org#Post",
    "https://w3id.org/newskg/ns#Statement",
    "https://w3id.org/newskg/ns#Quantity",
    "http://schema.org/ImageObject",
];

/// The summary graph of article `id`.
pub fn article_graph(base: &str, id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/summary", Iris::new(base, id).article().as_str()))
}

/// The corpus summary graph.
pub fn corpus_graph(base: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{base}graph/summary"))
}

/// Whether a quad's graph holds summaries.
pub fn holds_summaries(graph: &GraphName, base: &str) -> bool {
    matches!(graph, GraphName::NamedNode(g) if is_summary_graph(g.as_str(), base))
}

/// Whether a graph holds summaries (an article's or the corpus's).
pub fn is_summary_graph(graph: &str, base: &str) -> bool {
    graph == corpus_graph(base).as_str()
        || graph.strip_prefix(base).and_then(|g| g.strip_prefix("article/")).is_some_and(|g| g.ends_with("/summary"))
}

/// The key of an article: days from 1970-01-01 to its publication date,
/// times 2³², plus the first 32 bits of the SHA-256 of its id. Larger is
/// newer; articles of one day keep a fixed order; undated ones come last. An `xsd:integer`, which
/// Oxigraph keeps inside its index keys, so that sorting keys reads nothing.
pub fn article_key(date: Option<crate::article::Date>, id: &str) -> i64 {
    let hash = Sha256::digest(id.as_bytes());
    let low = i64::from(u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]]));
    let days = date.map_or(UNDATED, |d| days_from_civil(d.year, d.month, d.day));
    days * (1 << 32) + low
}

/// The days an undated article's key counts: before any date an article
/// gives (some 2,900 years before 1970), so that it comes after every dated
/// article, newest first. Its key still fits a double exactly, as some
/// stores keep large integers.
const UNDATED: i64 = -(1 << 20);

/// Days from 1970-01-01 (proleptic Gregorian calendar).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A short hash of a shared description: 60 bits as 15 hexadecimal digits,
/// a string short enough for Oxigraph to keep inside its index keys.
fn description_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()[..15].to_owned()
}

/// The summary of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleSummary {
    /// The quads of its summary graph, sorted.
    pub quads: Vec<Quad>,
    /// The shared descriptions it gives: node, hash, and the description as
    /// N-Triples (one line per triple, sorted).
    pub descriptions: Vec<(NamedNode, String, String)>,
}

impl ArticleSummary {
    /// The quads recording its shared descriptions' texts in the corpus
    /// summary graph (idempotent: the same description gives the same quad).
    pub fn description_quads(&self, base: &str) -> impl Iterator<Item = Quad> + '_ {
        let graph = GraphName::from(corpus_graph(base));
        self.descriptions.iter().map(move |(node, _, text)| {
            Quad::new(node.clone(), nkg::SHARED_DESCRIPTION, Literal::new_simple_literal(text), graph.clone())
        })
    }
}

impl ArticleSummary {
    /// The summary of the same article written in another form (its RDF 1.2
    /// reifiers, `graph`): the same, with the content hash of the quads as
    /// written.
    pub fn rehashed(mut self, graph: &[Quad]) -> Self {
        if let Some(i) = self.quads.iter().position(|q| q.predicate.as_ref() == nkg::CONTENT_HASH) {
            let old = self.quads.remove(i);
            let hash = content_hash(graph, &self.quads);
            self.quads.push(Quad::new(old.subject, old.predicate, Literal::new_simple_literal(hash), old.graph_name));
            self.quads = crate::map::sorted(std::mem::take(&mut self.quads));
        }
        self
    }
}

/// Summarizes a converted article.
pub fn summarize(conversion: &Conversion, base: &str) -> ArticleSummary {
    let iris = Iris::new(base, &conversion.id);
    let article = iris.article();
    let article_graph_name = GraphName::from(article.clone());
    let entity_graph = GraphName::from(iris.entity_graph());
    let fact_prefix = format!("{}/", article.as_str());
    let key = Literal::from(article_key(conversion.article.date, &conversion.id));
    let mut quads = HashSet::new();
    let graph = GraphName::from(article_graph(base, &conversion.id));
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        quads.insert(Quad::new(s.clone(), p, o, graph.clone()));
    };
    add(&article, nkg::ARTICLE_KEY, key.clone().into());

    let in_article = conversion.graph.iter().filter(|q| q.graph_name == article_graph_name);
    let mut mentions: BTreeMap<&NamedNode, i64> = BTreeMap::new();
    let mut quotations: BTreeMap<&NamedNode, i64> = BTreeMap::new();
    let mut types: HashMap<&NamedOrBlankNode, HashSet<&str>> = HashMap::new();
    let mut derived = HashSet::new();
    let mut concerns: Vec<(&NamedOrBlankNode, &NamedNode)> = Vec::new();
    let mut claims: Vec<&NamedOrBlankNode> = Vec::new();
    let mut sources: HashMap<&NamedOrBlankNode, Vec<&NamedNode>> = HashMap::new();
    let mut publisher = None;
    let mut offsets: HashMap<&NamedOrBlankNode, (Option<i64>, Option<i64>)> = HashMap::new();
    let mut sentences: HashMap<&NamedOrBlankNode, Vec<NamedOrBlankNode>> = HashMap::new();
    let mut mention_phrases = HashSet::new();
    let mut quotation_spans = HashSet::new();
    let mut quotations_found = HashSet::new();
    let mut derived_from: Vec<(&NamedOrBlankNode, &Term)> = Vec::new();
    let mut events: Vec<(&NamedNode, &NamedOrBlankNode)> = Vec::new();
    let mut names: HashMap<&NamedOrBlankNode, Vec<&str>> = HashMap::new();
    for quad in in_article {
        let object = match &quad.object {
            Term::NamedNode(n) => Some(n),
            _ => None,
        };
        let predicate = quad.predicate.as_ref();
        let integer = || match &quad.object {
            Term::Literal(l) => l.value().parse::<i64>().ok(),
            _ => None,
        };
        if predicate == nif::BEGIN_INDEX {
            offsets.entry(&quad.subject).or_default().0 = integer();
        } else if predicate == nif::END_INDEX {
            offsets.entry(&quad.subject).or_default().1 = integer();
        } else if predicate == nif::SENTENCE_PROP
            && let Term::NamedNode(sentence) = &quad.object
        {
            sentences.entry(&quad.subject).or_default().push(sentence.clone().into());
        }
        if predicate == crate::vocab::itsrdf::TA_IDENT_REF {
            mention_phrases.insert(&quad.subject);
        }
        if predicate == prov::WAS_DERIVED_FROM {
            derived_from.push((&quad.subject, &quad.object));
        }
        if (predicate == sem::HAS_ACTOR || predicate == sem::HAS_PLACE)
            && let Some(entity) = object
        {
            events.push((entity, &quad.subject));
        } else if predicate == schema::NAME
            && let Term::Literal(name) = &quad.object
        {
            names.entry(&quad.subject).or_default().push(name.value());
        }
        if predicate == rdf::TYPE && quad.object == Term::from(schema::QUOTATION.into_owned()) {
            quotations_found.insert(&quad.subject);
        }
        if predicate == crate::vocab::itsrdf::TA_IDENT_REF
            && let Some(entity) = object
        {
            *mentions.entry(entity).or_default() += 1;
        } else if predicate == schema::SPOKEN_BY_CHARACTER
            && let Some(speaker) = object
        {
            *quotations.entry(speaker).or_default() += 1;
        } else if predicate == rdf::TYPE
            && let Some(class) = object
        {
            types.entry(&quad.subject).or_default().insert(class.as_str());
            if class.as_ref() == schema::CLAIM {
                claims.push(&quad.subject);
            }
        } else if predicate == prov::WAS_DERIVED_FROM {
            derived.insert(&quad.subject);
        } else if predicate == schema::PUBLISHER && quad.subject == NamedOrBlankNode::from(article.clone()) {
            publisher = object;
        }
        if (predicate == nkg::ASSERTED_BY || predicate == nkg::CITED_SOURCE)
            && let Some(source) = object
        {
            sources.entry(&quad.subject).or_default().push(source);
        }
        if EVIDENCE_PROPERTIES.contains(&predicate.as_str())
            && let Some(target) = object
            && !target.as_str().starts_with(&fact_prefix)
        {
            concerns.push((&quad.subject, target));
        }
    }
    // The sentences of mentions and quotations, on the phrase itself: the
    // first one's start (and, for quotations, the last one's end).
    for (fact, span) in &derived_from {
        if quotations_found.contains(fact)
            && let Term::NamedNode(span) = span
        {
            quotation_spans.insert(NamedOrBlankNode::from(span.clone()));
        }
    }
    let bounds = |phrase: &NamedOrBlankNode| {
        let spans = sentences.get(phrase)?.iter().filter_map(|s| offsets.get(s)).collect::<Vec<_>>();
        let begin = spans.iter().filter_map(|(b, _)| *b).min()?;
        let end = spans.iter().filter_map(|(_, e)| *e).max()?;
        Some((begin, end))
    };
    for phrase in &mention_phrases {
        if let (NamedOrBlankNode::NamedNode(node), Some((begin, _))) = (phrase, bounds(phrase)) {
            add(node, nkg::SENTENCE_BEGIN, Literal::from(begin).into());
        }
    }
    for phrase in &quotation_spans {
        if let (NamedOrBlankNode::NamedNode(node), Some((begin, end))) = (phrase, bounds(phrase)) {
            add(node, nkg::SENTENCE_BEGIN, Literal::from(begin).into());
            add(node, nkg::SENTENCE_END, Literal::from(end).into());
        }
    }
    for (entity, count) in &mentions {
        add(entity, nkg::MENTION_KEY, key.clone().into());
        add(entity, nkg::MENTIONS_IN_ARTICLE, Literal::from(*count).into());
    }
    // The names of the events each entity takes part in, sorted and joined:
    // what an entity's timeline lists, one quad per article and entity.
    let mut event_names: BTreeMap<&NamedNode, BTreeSet<&str>> = BTreeMap::new();
    for (entity, event) in events {
        for name in names.get(event).into_iter().flatten() {
            event_names.entry(entity).or_default().insert(name);
        }
    }
    for (entity, names) in event_names {
        let joined = names.into_iter().collect::<Vec<_>>().join("; ");
        add(entity, nkg::EVENTS_IN_ARTICLE, Literal::new_simple_literal(joined).into());
    }
    for (speaker, count) in &quotations {
        add(speaker, nkg::QUOTATIONS_IN_ARTICLE, Literal::from(*count).into());
    }
    let is_fact = |s: &NamedOrBlankNode| {
        derived.contains(s) && types.get(s).is_some_and(|t| t.iter().any(|t| FACT_TYPES.contains(t)))
    };
    for (fact, target) in concerns {
        if is_fact(fact) {
            add(target, nkg::EVIDENCE_KEY, key.clone().into());
        }
    }

    // The types the article itself gives its entities (in the shared graph).
    let anonymous: HashSet<&NamedOrBlankNode> = conversion
        .graph
        .iter()
        .filter(|q| {
            q.graph_name == entity_graph
                && q.predicate.as_ref() == rdf::TYPE
                && q.object == Term::from(nkg::ANONYMOUS_SOURCE.into_owned())
        })
        .map(|q| &q.subject)
        .collect();
    if let Some(publisher) = publisher
        && !claims.is_empty()
    {
        let from_anonymous = claims
            .iter()
            .filter(|c| {
                sources
                    .get(**c)
                    .is_some_and(|s| s.iter().any(|s| anonymous.contains(&NamedOrBlankNode::from((*s).clone()))))
            })
            .count();
        add(publisher, nkg::PUBLISHED_CLAIMS, Literal::from(claims.len() as i64).into());
        add(publisher, nkg::PUBLISHED_ANONYMOUS_CLAIMS, Literal::from(from_anonymous as i64).into());
    }

    // Each shared node's description, as this article gives it.
    let mut described: BTreeMap<&NamedNode, Vec<Triple>> = BTreeMap::new();
    for quad in conversion.graph.iter().filter(|q| q.graph_name == entity_graph) {
        if let NamedOrBlankNode::NamedNode(node) = &quad.subject {
            described.entry(node).or_default().push(Triple::from(quad.clone()));
        }
    }
    let mut descriptions = Vec::new();
    for (node, triples) in described {
        let text = ntriples(&triples);
        let hash = description_hash(&text);
        add(node, nkg::DESCRIBED_AS, Literal::new_simple_literal(&hash).into());
        descriptions.push((node.clone(), hash, text));
    }
    let mut quads = crate::map::sorted(quads);
    let hash = content_hash(&conversion.graph, &quads);
    quads.push(Quad::new(article, nkg::CONTENT_HASH, Literal::new_simple_literal(hash), graph));
    ArticleSummary { quads: crate::map::sorted(quads), descriptions }
}

/// The SHA-256, in hexadecimal, of an article's quads and its summary's,
/// each in its N-Quads form: the same for the same article converted and
/// summarized by the same code, whatever else the store holds.
fn content_hash(article: &[Quad], summary: &[Quad]) -> String {
    use std::fmt::Write as _;
    struct Hashing(Sha256);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    for quad in article.iter().chain(summary) {
        let _ = writeln!(hashing, "{quad}");
    }
    hashing.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Triples as N-Triples, one per line, sorted.
fn ntriples(triples: &[Triple]) -> String {
    let mut lines: Vec<String> = triples
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            let mut writer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut out);
            let _ = writer.serialize_triple(t);
            let _ = writer.finish();
            String::from_utf8_lossy(&out).trim_end().to_owned()
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines.join("\n")
}

/// What one article adds to the corpus totals, read from its summary graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contribution {
    mentions: BTreeMap<NamedNode, i64>,
    quotations: BTreeMap<NamedNode, i64>,
    claims: BTreeMap<NamedNode, (i64, i64)>,
    described: BTreeSet<(NamedNode, String)>,
}

impl Contribution {
    /// Reads the totals' inputs from an article's summary quads.
    pub fn of<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> Self {
        let mut c = Self::default();
        for quad in quads {
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else { continue };
            let p = quad.predicate.as_ref();
            match &quad.object {
                Term::Literal(l) if p == nkg::DESCRIBED_AS => {
                    c.described.insert((subject.clone(), l.value().to_owned()));
                }
                Term::Literal(l) => {
                    let Ok(n) = l.value().parse::<i64>() else { continue };
                    if p == nkg::MENTIONS_IN_ARTICLE {
                        c.mentions.insert(subject.clone(), n);
                    } else if p == nkg::QUOTATIONS_IN_ARTICLE {
                        c.quotations.insert(subject.clone(), n);
                    } else if p == nkg::PUBLISHED_CLAIMS {
                        c.claims.entry(subject.clone()).or_default().0 = n;
                    } else if p == nkg::PUBLISHED_ANONYMOUS_CLAIMS {
                        c.claims.entry(subject.clone()).or_default().1 = n;
                    }
                }
                _ => {}
            }
        }
        c
    }

    /// Reads an article's summary graph from the store.
    pub fn read(store: &Store, base: &str, id: &str) -> Result<Self, StorageError> {
        let graph = article_graph(base, id);
        let quads = store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::of(&quads))
    }
}

/// The differences a build or a removal makes to the corpus totals.
#[derive(Debug, Default)]
pub struct Changes {
    /// Per entity: mentions, articles.
    mentions: BTreeMap<NamedNode, (i64, i64)>,
    quotations: BTreeMap<NamedNode, i64>,
    claims: BTreeMap<NamedNode, (i64, i64)>,
    /// Per pair of entities (in IRI order): articles.
    pairs: HashMap<(NamedNode, NamedNode), i64>,
    /// Shared descriptions an article stopped giving: each may have no
    /// article left.
    dropped: BTreeSet<(NamedNode, String)>,
}

impl Changes {
    /// Counts an article out (`old`) and in (`new`): a new article has no
    /// old summary, a removed one no new one.
    pub fn replace(&mut self, old: Option<&Contribution>, new: Option<&Contribution>) {
        if old == new {
            return;
        }
        if let Some(old) = old {
            self.add(old, -1);
            for described in &old.described {
                if new.is_none_or(|n| !n.described.contains(described)) {
                    self.dropped.insert(described.clone());
                }
            }
        }
        if let Some(new) = new {
            self.add(new, 1);
        }
    }

    fn add(&mut self, c: &Contribution, sign: i64) {
        for (entity, n) in &c.mentions {
            let totals = self.mentions.entry(entity.clone()).or_default();
            totals.0 += sign * n;
            totals.1 += sign;
        }
        for (speaker, n) in &c.quotations {
            *self.quotations.entry(speaker.clone()).or_default() += sign * n;
        }
        for (publisher, (claims, anonymous)) in &c.claims {
            let totals = self.claims.entry(publisher.clone()).or_default();
            totals.0 += sign * claims;
            totals.1 += sign * anonymous;
        }
        let entities: Vec<&NamedNode> = c.mentions.keys().collect();
        for (i, a) in entities.iter().enumerate() {
            for b in &entities[i + 1..] {
                *self.pairs.entry(((*a).clone(), (*b).clone())).or_default() += sign;
            }
        }
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
            && self.quotations.is_empty()
            && self.claims.is_empty()
            && self.pairs.is_empty()
            && self.dropped.is_empty()
    }
}

/// What [`begin`] found: how [`flush`] must bring the totals up to date.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The corpus summary was marked incomplete: a build was stopped before
    /// it could write the totals, which are recomputed from the articles.
    recompute: bool,
    /// There were no totals: nothing to read back before writing them.
    fresh: bool,
}

/// Marks the corpus summary incomplete until [`flush`] clears the mark,
/// before anything else is written.
pub fn begin(store: &Store, base: &str) -> Result<Session, StorageError> {
    let marker = marker(base);
    let graph = corpus_graph(base);
    let recompute = store.contains(&marker)?;
    let fresh =
        store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))).next().is_none();
    if !recompute {
        store.insert(&marker)?;
    }
    Ok(Session { recompute, fresh })
}

fn marker(base: &str) -> Quad {
    let graph = corpus_graph(base);
    Quad::new(graph.clone(), nkg::INCOMPLETE, Literal::from(true), graph)
}

/// The node of a pair of entities in the corpus summary.
pub fn pair_node(a: &NamedNode, b: &NamedNode) -> NamedNode {
    let b_local = b.as_str().rsplit('/').next().unwrap_or_default();
    NamedNode::new_unchecked(format!("{}/with/{b_local}", a.as_str()))
}

/// Writes what the changes make of the corpus totals, and of the shared
/// descriptions of entities an article stopped describing, then clears the
/// incomplete mark. When [`begin`] found the mark, every total is
/// recomputed from the articles' summaries instead.
pub fn flush(store: &Store, base: &str, changes: Changes, session: Session) -> Result<(), StorageError> {
    let graph = corpus_graph(base);
    let graph_ref = GraphNameRef::NamedNode(graph.as_ref());
    let mut writes = Writes::default();
    if session.recompute {
        let current: Vec<Quad> =
            store.quads_for_pattern(None, None, None, Some(graph_ref)).collect::<Result<_, _>>()?;
        let (totals, live) = recomputed(store)?;
        let keep_description = |q: &Quad| {
            q.predicate.as_ref() == nkg::SHARED_DESCRIPTION
                && matches!((&q.subject, &q.object), (NamedOrBlankNode::NamedNode(s), Term::Literal(l))
                    if live.contains(&(s.clone(), description_hash(l.value()))))
        };
        let wanted: HashSet<Quad> =
            totals.quads(base).into_iter().chain(current.iter().filter(|q| keep_description(q)).cloned()).collect();
        for quad in &current {
            if !wanted.contains(quad) && quad != &marker(base) {
                writes.remove.push(quad.clone());
            }
        }
        let current: HashSet<&Quad> = current.iter().collect();
        writes.insert.extend(wanted.iter().filter(|q| !current.contains(q)).cloned());
        // Every shared node's description, from the descriptions still given.
        let nodes: BTreeSet<NamedNode> = live.iter().map(|(n, _)| n.clone()).collect();
        let entity_graph = Iris::new(base, "x").entity_graph();
        let mut described = BTreeSet::new();
        for quad in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(entity_graph.as_ref()))) {
            if let NamedOrBlankNode::NamedNode(s) = quad?.subject {
                described.insert(s);
            }
        }
        for node in nodes.union(&described) {
            redescribe(store, base, node, &mut writes)?;
        }
    } else {
        incremental(store, base, &changes, session.fresh, &mut writes)?;
    }
    writes.remove.push(marker(base));
    writes.commit(store)
}

/// Removals, then insertions.
#[derive(Default)]
struct Writes {
    remove: Vec<Quad>,
    insert: Vec<Quad>,
}

impl Writes {
    fn replace(&mut self, old: Option<Quad>, new: Option<Quad>) {
        if old == new {
            return;
        }
        self.remove.extend(old);
        self.insert.extend(new);
    }

    /// Removals and small insertions in one transaction; many insertions
    /// (a first build's totals) through the bulk loader, after it.
    fn commit(self, store: &Store) -> Result<(), StorageError> {
        const BULK: usize = 50_000;
        let bulk = self.insert.len() > BULK;
        let mut transaction = store.start_transaction()?;
        for quad in &self.remove {
            transaction.remove(quad);
        }
        if !bulk {
            for quad in &self.insert {
                transaction.insert(quad);
            }
        }
        transaction.commit()?;
        if bulk {
            let mut loader = store.bulk_loader();
            loader.load_quads(self.insert)?;
            loader.commit()?;
        }
        Ok(())
    }
}

/// Corpus totals, by subject.
#[derive(Debug, Default)]
struct Totals {
    mentions: BTreeMap<NamedNode, (i64, i64)>,
    quotations: BTreeMap<NamedNode, i64>,
    claims: BTreeMap<NamedNode, (i64, i64)>,
    pairs: BTreeMap<(NamedNode, NamedNode), i64>,
}

impl Totals {
    fn quads(&self, base: &str) -> Vec<Quad> {
        let g = GraphName::from(corpus_graph(base));
        let count = |s: &NamedNode, p: NamedNodeRef<'_>, n: i64| Quad::new(s.clone(), p, Literal::from(n), g.clone());
        let mut quads = Vec::new();
        for (e, (m, a)) in self.mentions.iter().filter(|(_, (m, _))| *m > 0) {
            quads.extend([count(e, nkg::MENTION_COUNT, *m), count(e, nkg::ARTICLE_COUNT, *a)]);
        }
        for (e, n) in self.quotations.iter().filter(|(_, n)| **n > 0) {
            quads.push(count(e, nkg::QUOTATION_COUNT, *n));
        }
        for (p, (c, a)) in self.claims.iter().filter(|(_, (c, _))| *c > 0) {
            quads.extend([count(p, nkg::CLAIM_COUNT, *c), count(p, nkg::ANONYMOUS_CLAIM_COUNT, *a)]);
        }
        for ((a, b), n) in self.pairs.iter().filter(|(_, n)| **n > 0) {
            let node = pair_node(a, b);
            quads.extend([
                Quad::new(node.clone(), nkg::PAIR_OF, a.clone(), g.clone()),
                Quad::new(node.clone(), nkg::PAIR_OF, b.clone(), g.clone()),
                count(&node, nkg::COOCCURRENCE_COUNT, *n),
            ]);
        }
        quads
    }
}

/// The totals and the live shared descriptions, from every article's
/// summary graph.
fn recomputed(store: &Store) -> Result<(Totals, BTreeSet<(NamedNode, String)>), StorageError> {
    let mut totals = Totals::default();
    let mut entities_by_graph: HashMap<GraphName, Vec<NamedNode>> = HashMap::new();
    for quad in store.quads_for_pattern(None, Some(nkg::MENTIONS_IN_ARTICLE), None, None) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(e), Term::Literal(n)) = (&quad.subject, &quad.object) else { continue };
        let totals = totals.mentions.entry(e.clone()).or_default();
        totals.0 += n.value().parse::<i64>().unwrap_or(0);
        totals.1 += 1;
        entities_by_graph.entry(quad.graph_name).or_default().push(e.clone());
    }
    for mut entities in entities_by_graph.into_values() {
        entities.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        for (i, a) in entities.iter().enumerate() {
            for b in &entities[i + 1..] {
                *totals.pairs.entry((a.clone(), b.clone())).or_default() += 1;
            }
        }
    }
    for quad in store.quads_for_pattern(None, Some(nkg::QUOTATIONS_IN_ARTICLE), None, None) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(e), Term::Literal(n)) = (&quad.subject, &quad.object) {
            *totals.quotations.entry(e.clone()).or_default() += n.value().parse::<i64>().unwrap_or(0);
        }
    }
    for (predicate, anonymous) in [(nkg::PUBLISHED_CLAIMS, false), (nkg::PUBLISHED_ANONYMOUS_CLAIMS, true)] {
        for quad in store.quads_for_pattern(None, Some(predicate), None, None) {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(p), Term::Literal(n)) = (&quad.subject, &quad.object) {
                let totals = totals.claims.entry(p.clone()).or_default();
                let n = n.value().parse::<i64>().unwrap_or(0);
                if anonymous { totals.1 += n } else { totals.0 += n }
            }
        }
    }
    let mut live = BTreeSet::new();
    for quad in store.quads_for_pattern(None, Some(nkg::DESCRIBED_AS), None, None) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(s), Term::Literal(h)) = (quad.subject, quad.object) {
            live.insert((s, h.value().to_owned()));
        }
    }
    Ok((totals, live))
}

/// One total of the corpus summary: its current quad, if any.
fn current(
    store: &Store,
    graph: &NamedNode,
    subject: &NamedNode,
    predicate: NamedNodeRef<'_>,
) -> Result<Option<(Quad, i64)>, StorageError> {
    let mut found = store.quads_for_pattern(
        Some(subject.as_ref().into()),
        Some(predicate),
        None,
        Some(GraphNameRef::NamedNode(graph.as_ref())),
    );
    Ok(match found.next().transpose()? {
        Some(quad) => {
            let n = match &quad.object {
                Term::Literal(l) => l.value().parse().unwrap_or(0),
                _ => 0,
            };
            Some((quad, n))
        }
        None => None,
    })
}

/// The incremental path: each total the changes touch, read (unless there
/// were none), changed and written back; then the descriptions no article
/// gives any more.
fn incremental(
    store: &Store,
    base: &str,
    changes: &Changes,
    fresh: bool,
    writes: &mut Writes,
) -> Result<(), StorageError> {
    let graph = corpus_graph(base);
    let g = GraphName::from(graph.clone());
    let quad = |s: &NamedNode, p: NamedNodeRef<'_>, n: i64| Quad::new(s.clone(), p, Literal::from(n), g.clone());
    let read = |s: &NamedNode, p: NamedNodeRef<'_>| -> Result<(Option<Quad>, i64), StorageError> {
        Ok(match if fresh { None } else { current(store, &graph, s, p)? } {
            Some((quad, n)) => (Some(quad), n),
            None => (None, 0),
        })
    };
    // A total is written while its subject counts (mentions, claims > 0).
    let mut update = |s: &NamedNode, p: NamedNodeRef<'_>, delta: i64, keep: bool| -> Result<i64, StorageError> {
        let (old, before) = read(s, p)?;
        let value = before + delta;
        writes.replace(old, keep.then(|| quad(s, p, value)));
        Ok(value)
    };
    for (entity, (mentions, articles)) in &changes.mentions {
        let m = mentions + read(entity, nkg::MENTION_COUNT)?.1;
        update(entity, nkg::MENTION_COUNT, *mentions, m > 0)?;
        update(entity, nkg::ARTICLE_COUNT, *articles, m > 0)?;
    }
    for (speaker, n) in &changes.quotations {
        let total = n + read(speaker, nkg::QUOTATION_COUNT)?.1;
        update(speaker, nkg::QUOTATION_COUNT, *n, total > 0)?;
    }
    for (publisher, (claims, anonymous)) in &changes.claims {
        let total = claims + read(publisher, nkg::CLAIM_COUNT)?.1;
        update(publisher, nkg::CLAIM_COUNT, *claims, total > 0)?;
        update(publisher, nkg::ANONYMOUS_CLAIM_COUNT, *anonymous, total > 0)?;
    }
    let mut pairs: Vec<_> = changes.pairs.iter().filter(|(_, d)| **d != 0).collect();
    pairs.sort_by(|a, b| (a.0.0.as_str(), a.0.1.as_str()).cmp(&(b.0.0.as_str(), b.0.1.as_str())));
    for ((a, b), delta) in pairs {
        let node = pair_node(a, b);
        let (old, before) = read(&node, nkg::COOCCURRENCE_COUNT)?;
        let after = before + delta;
        writes.replace(old, (after > 0).then(|| quad(&node, nkg::COOCCURRENCE_COUNT, after)));
        let members = [
            Quad::new(node.clone(), nkg::PAIR_OF, a.clone(), g.clone()),
            Quad::new(node.clone(), nkg::PAIR_OF, b.clone(), g.clone()),
        ];
        if before <= 0 && after > 0 {
            writes.insert.extend(members);
        } else if before > 0 && after <= 0 {
            writes.remove.extend(members);
        }
    }
    // Descriptions an article stopped giving: gone if no article gives them.
    let mut nodes = BTreeSet::new();
    for (node, hash) in &changes.dropped {
        let literal = Literal::new_simple_literal(hash);
        let given = store
            .quads_for_pattern(Some(node.as_ref().into()), Some(nkg::DESCRIBED_AS), Some(literal.as_ref().into()), None)
            .next()
            .transpose()?
            .is_some();
        if !given {
            nodes.insert(node.clone());
        }
    }
    for node in &nodes {
        redescribe(store, base, node, writes)?;
    }
    Ok(())
}

/// Makes a shared node's description in the entity graph the union of the
/// descriptions articles still give of it, and drops the texts of those no
/// article gives any more.
fn redescribe(store: &Store, base: &str, node: &NamedNode, writes: &mut Writes) -> Result<(), StorageError> {
    let summary = corpus_graph(base);
    let entity_graph = Iris::new(base, "x").entity_graph();
    let mut given = BTreeSet::new();
    for quad in store.quads_for_pattern(Some(node.as_ref().into()), Some(nkg::DESCRIBED_AS), None, None) {
        if let Term::Literal(h) = quad?.object {
            given.insert(h.value().to_owned());
        }
    }
    let mut wanted = HashSet::new();
    for quad in store.quads_for_pattern(
        Some(node.as_ref().into()),
        Some(nkg::SHARED_DESCRIPTION),
        None,
        Some(GraphNameRef::NamedNode(summary.as_ref())),
    ) {
        let quad = quad?;
        let Term::Literal(text) = &quad.object else { continue };
        if !given.contains(&description_hash(text.value())) {
            writes.remove.push(quad);
            continue;
        }
        for triple in RdfParser::from_format(RdfFormat::NTriples).for_slice(text.value().as_bytes()) {
            let Ok(triple) = triple else { continue };
            wanted.insert(Quad { graph_name: entity_graph.clone().into(), ..triple });
        }
    }
    let mut present = HashSet::new();
    for quad in store.quads_for_pattern(
        Some(node.as_ref().into()),
        None,
        None,
        Some(GraphNameRef::NamedNode(entity_graph.as_ref())),
    ) {
        present.insert(quad?);
    }
    writes.remove.extend(present.difference(&wanted).cloned());
    writes.insert.extend(wanted.difference(&present).cloned());
    Ok(())
}

/// The store's quads in an article's summary graph.
pub fn read_article_summary(store: &Store, graph: &NamedNode) -> Result<Vec<Quad>, StorageError> {
    store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_articles_by_date_then_a_fixed_hash() {
        let date = |y, m, d| crate::article::Date::new(y, m, d).expect("date");
        let table = [
            ((1970, 1, 1), 0),
            ((1970, 1, 2), 1),
            ((2000, 3, 1), 11_017),
            ((1969, 12, 31), -1),
            ((2011, 6, 29), 15_154),
        ];
        for ((y, m, d), days) in table {
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        let a = article_key(Some(date(2011, 6, 29)), "a");
        let b = article_key(Some(date(2011, 6, 30)), "a");
        assert!(b > a && (b >> 32) - (a >> 32) == 1 && a >> 32 == 15_154);
        assert_eq!(article_key(Some(date(2011, 6, 29)), "a"), a, "the same id, the same key");
        let undated = article_key(None, "a");
        assert!(undated < article_key(Some(date(1, 1, 1)), "b") && (undated as f64) as i64 == undated);
    }

    #[test]
    fn summary_graphs_are_told_apart() {
        let base = crate::DEFAULT_BASE;
        for (graph, summary) in [
            ("https://w3id.org/newskg/id/graph/summary", true),
            ("https://w3id.org/newskg/id/article/x/summary", true),
            ("https://w3id.org/newskg/id/article/x", false),
            ("https://w3id.org/newskg/id/graph/entities", false),
        ] {
            assert_eq!(is_summary_graph(graph, base), summary, "{graph}");
        }
    }

    #[test]
    fn the_bundled_article_is_summarized() {
        let base = crate::DEFAULT_BASE;
        let conversion = crate::convert::convert(&crate::convert::Source::bundled(), base).expect("convert");
        let summary = summarize(&conversion, base);
        let contribution = Contribution::of(&summary.quads);
        let medvedev = NamedNode::new_unchecked(format!("{base}entity/dmitry-medvedev"));
        let mentions = conversion.mentions.iter().filter(|m| m.entity == "dmitry-medvedev").count() as i64;
        assert_eq!(contribution.mentions.get(&medvedev), Some(&mentions));
        assert_eq!(contribution.quotations.values().sum::<i64>(), 5);
        let (claims, anonymous) = contribution.claims.values().copied().next().expect("the publisher's claims");
        assert_eq!(claims, conversion.annotations.claims.len() as i64);
        assert!(anonymous > 0 && anonymous < claims, "{anonymous} of {claims}");
        // Every shared node has one description, whose text gives its hash.
        for (node, hash, text) in &summary.descriptions {
            assert_eq!(&description_hash(text), hash, "{node}");
            assert!(contribution.described.contains(&(node.clone(), hash.clone())));
        }
        assert!(summary.quads.iter().all(|q| q.graph_name == GraphName::from(article_graph(base, &conversion.id))));
    }
}
