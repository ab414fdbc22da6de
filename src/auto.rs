//! The automatic stage: annotations for an article nobody annotated, made
//! in memory from what [`crate::extract`] finds (`newskg build --auto`).
//!
//! It takes an [`Article`] and its [`Extraction`] and hands on
//! [`Annotations`] as the annotation stage would, located in the text by the
//! extractor's own offsets, marked [`Automatic`] with the cue of every item so
//! that the mapping stage says, with PROV, how each fact was found. What the
//! draft writes for a person to review, this stage keeps as the extractor
//! gives it, with two differences: a quotation whose speaker is not certain
//! is kept, without a speaker (a person reviewing a draft names one); and
//! time expressions are kept as phrases denoting their times, not as events
//! to name.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::annotation::{
    Annotations, Automatic, Claim, Entity, EntityType, EventTime, Evidence, Post, Quantity, Quotation, TimeMention,
};
use crate::article::{Article, Span};
use crate::extract::{Extraction, TimeExpr, slug};

/// Annotations of `article` made from its extraction, every item with its cue.
pub fn annotate(article: &Article, extraction: &Extraction) -> Annotations {
    let mut ids = Ids::default();
    let mut cues = BTreeMap::new();
    let evidence = |span: Span| Evidence { span, text: article.slice(span).to_owned() };

    let mut entities = BTreeMap::new();
    for e in &extraction.entities {
        ids.taken.insert(e.id.clone());
        cues.insert(e.id.clone(), e.guess.clone().unwrap_or_else(|| "an entity known before".to_owned()));
        entities.insert(
            e.id.clone(),
            Entity {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                match_name: e.kind.named(),
                wikidata: None,
                description: None,
            },
        );
    }
    let mut add_entity = |ids: &mut Ids, name: &str, kind: EntityType, cue: &str| {
        if let Some(existing) = entities.values().find(|e| e.name == name && e.kind == kind) {
            return existing.id.clone();
        }
        let id = ids.unique(name);
        cues.insert(id.clone(), cue.to_owned());
        let entity = Entity {
            id: id.clone(),
            kind,
            name: name.to_owned(),
            aliases: Vec::new(),
            roles: Vec::new(),
            match_name: false,
            wikidata: None,
            description: None,
        };
        entities.insert(id.clone(), entity);
        id
    };
    let publisher = article
        .publisher
        .as_deref()
        .map(|name| add_entity(&mut ids, name, EntityType::NewsMediaOrganization, "the publisher the source names"));
    let author = article
        .author
        .as_deref()
        .map(|name| add_entity(&mut ids, name, EntityType::Person, "the author the byline or the page names"));

    let mut posts = Vec::new();
    let mut seen = BTreeSet::new();
    for title in &extraction.titles {
        if !seen.insert((title.holder.clone(), title.label.clone())) {
            continue;
        }
        let id = ids.unique(&format!("{}-{}", title.holder, title.label));
        cues.insert(id.clone(), format!("title {:?} before or beside the name", title.label));
        posts.push(Post {
            id,
            label: title.label.clone(),
            holder: title.holder.clone(),
            organization: None,
            time: None,
            evidence: evidence(title.span),
        });
    }

    let mut quotations = Vec::new();
    for q in &extraction.quotations {
        let text = article.slice(q.text).to_owned();
        if text.trim().is_empty() {
            continue;
        }
        let who = q.speaker.as_ref().map_or("unattributed", |s| s.entity.as_str());
        let id = ids.unique(&format!("quote-{who}-{}", first_words(&text, 4)));
        let cue = match &q.speaker {
            Some(_) => q.cue.clone(),
            None => format!("no certain speaker: {}", q.cue),
        };
        cues.insert(id.clone(), cue);
        let sentence = article.sentences.get(q.sentence).map_or(q.marks, |s| s.span);
        quotations.push(Quotation {
            id,
            text: evidence(q.text),
            speaker: q.speaker.as_ref().map(|s| s.entity.clone()),
            manner: q.manner.clone(),
            addressee: q.addressee.as_ref().map(|a| a.entity.clone()),
            evidence: evidence(if sentence.contains(q.marks) { sentence } else { q.marks }),
        });
    }

    let mut claims = Vec::new();
    for c in &extraction.claims {
        let text = article.slice(c.clause).to_owned();
        let id = ids.unique(&format!("claim-{}-{}", c.source.entity, first_words(&text, 4)));
        cues.insert(id.clone(), c.cue.clone());
        claims.push(Claim {
            id,
            text,
            source: c.source.entity.clone(),
            cited: c.cited.as_ref().map(|r| r.entity.clone()),
            certainty: c.certainty,
            polarity: c.polarity,
            about: Vec::new(),
            evidence: evidence(c.evidence),
        });
    }

    let mut quantities = Vec::new();
    for q in &extraction.quantities {
        let id = ids.unique(&format!("quantity-{}", article.slice(q.span)));
        let cue = if q.measured { "a number and its unit" } else { "a number and what it counts" };
        cues.insert(id.clone(), cue.to_owned());
        quantities.push(Quantity {
            id,
            value: q.value,
            unit: q.unit.clone(),
            of: None,
            from: None,
            evidence: evidence(q.span),
        });
    }

    let times = extraction
        .times
        .iter()
        .map(|t| TimeMention { evidence: evidence(t.span), time: event_time(&t.value), cue: t.cue.to_owned() })
        .collect();

    Annotations {
        article_id: None,
        language: article.language.clone().unwrap_or_else(|| "en".to_owned()),
        publisher,
        photographer: None,
        photo_depicts: Vec::new(),
        entities,
        posts,
        events: Vec::new(),
        quotations,
        claims,
        statements: Vec::new(),
        quantities,
        times,
        automatic: Some(Automatic { cues, author }),
    }
}

/// The facts of a store by kind, counted apart: curated, and found
/// automatically (those with `prov:wasGeneratedBy`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// (kind, curated, automatic), for each kind of fact present, in a fixed order.
    pub kinds: Vec<(&'static str, usize, usize)>,
}

/// Counts the facts of a store by origin: each quotation, claim, event, post,
/// quantity, statement, entity and mention, curated or automatic.
pub fn tally(store: &oxigraph::store::Store) -> Result<Tally, crate::store::StoreError> {
    use oxigraph::model::{NamedOrBlankNodeRef, TermRef};

    use crate::vocab::{itsrdf, nkg, org, prov, rdf, schema};

    let classes: [(&'static str, &[oxigraph::model::NamedNodeRef<'static>]); 6] = [
        ("quotations", &[schema::QUOTATION]),
        ("claims", &[schema::CLAIM]),
        ("events", &[schema::EVENT]),
        ("offices held", &[org::POST]),
        ("quantities", &[nkg::QUANTITY]),
        ("statements", &[nkg::STATEMENT]),
    ];
    let automatic = |subject: NamedOrBlankNodeRef<'_>| -> Result<bool, crate::store::StoreError> {
        Ok(store
            .quads_for_pattern(Some(subject), Some(prov::WAS_GENERATED_BY), None, None)
            .next()
            .transpose()?
            .is_some())
    };
    let mut kinds = Vec::new();
    let mut count = |name: &'static str,
                     subjects: HashSet<oxigraph::model::NamedOrBlankNode>|
     -> Result<(), crate::store::StoreError> {
        let (mut curated, mut found) = (0, 0);
        for subject in &subjects {
            if automatic(subject.as_ref())? {
                found += 1;
            } else {
                curated += 1;
            }
        }
        if curated + found > 0 {
            kinds.push((name, curated, found));
        }
        Ok(())
    };
    for (name, classes) in classes {
        let mut subjects = HashSet::new();
        for class in classes {
            for quad in store.quads_for_pattern(None, Some(rdf::TYPE), Some(TermRef::from(*class)), None) {
                subjects.insert(quad?.subject);
            }
        }
        count(name, subjects)?;
    }
    let entity_classes = [
        schema::PERSON,
        schema::ORGANIZATION,
        schema::NEWS_MEDIA_ORGANIZATION,
        schema::GOVERNMENT_ORGANIZATION,
        schema::PLACE,
        schema::COUNTRY,
        schema::CITY,
        schema::ADMINISTRATIVE_AREA,
        nkg::ANONYMOUS_SOURCE,
        nkg::GROUP,
    ];
    let mut entities = HashSet::new();
    for class in entity_classes {
        for quad in store.quads_for_pattern(None, Some(rdf::TYPE), Some(TermRef::from(class)), None) {
            entities.insert(quad?.subject);
        }
    }
    count("entities", entities)?;
    let mut mentions = HashSet::new();
    for quad in store.quads_for_pattern(None, Some(itsrdf::TA_IDENT_REF), None, None) {
        mentions.insert(quad?.subject);
    }
    count("mentions", mentions)?;
    Ok(Tally { kinds })
}

/// The time a time expression's value gives.
fn event_time(value: &TimeExpr) -> EventTime {
    match value {
        TimeExpr::At(t) => EventTime { at: Some(*t), ..EventTime::default() },
        TimeExpr::Alternatives(ts) => EventTime { alternatives: ts.clone(), ..EventTime::default() },
        TimeExpr::Interval { begin, end } => EventTime { begin: *begin, end: *end, ..EventTime::default() },
        TimeExpr::Unresolved => EventTime::default(),
    }
}

/// The first words of a text, for ids.
fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Ids unique in one article's annotations.
#[derive(Default)]
struct Ids {
    taken: BTreeSet<String>,
}

impl Ids {
    fn unique(&mut self, base: &str) -> String {
        let base = slug(base);
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Known, extract};

    #[test]
    fn unattributed_quotations_and_dates_are_kept() {
        let article = Article::parse(
            "# T\n\nPublished: 2016-10-12\n\nAnna Berg said on Monday: \"We are ready.\"\n\n\"It will rain,\" a sign read yesterday.",
        )
        .unwrap();
        let extraction = extract(&article, &Known::default());
        let annotations = annotate(&article, &extraction);
        let quotations: Vec<(&str, Option<&str>)> =
            annotations.quotations.iter().map(|q| (q.text.text.as_str(), q.speaker.as_deref())).collect();
        assert!(quotations.iter().any(|(_, speaker)| speaker.is_none()), "{quotations:?}");
        let times: Vec<(&str, Option<String>)> =
            annotations.times.iter().map(|t| (t.evidence.text.as_str(), t.time.at.map(|v| v.to_string()))).collect();
        assert!(times.contains(&("Monday", Some("2016-10-10".to_owned()))), "{times:?}");
        assert!(times.contains(&("yesterday", Some("2016-10-11".to_owned()))), "{times:?}");
        let automatic = annotations.automatic.as_ref().unwrap();
        for q in &annotations.quotations {
            assert!(!automatic.cues[&q.id].is_empty(), "{} has no cue", q.id);
        }
    }
}
