//! The extract stage: finds candidate annotations in an article by rules —
//! deterministic, offline, no model.
//!
//! It takes a parsed [`Article`] and the entities already known ([`Known`]:
//! the annotation file's, or none for an unseen article) and hands on an
//! [`Extraction`], every item with code-point offsets:
//!
//! - **mentions** of known entities (through [`crate::mentions`]: longest
//!   match, token boundaries, possessives, role phrases) and of **candidate
//!   entities** in the rest of the text — capitalised names not at a sentence
//!   start or after a title, grouped when one is part of another, with a type
//!   guessed from a cue ("President", "news agency", "in …") — and of
//!   anonymous sources ("a police source in Vladivostok");
//! - **titles** before or after names, as evidence of offices held;
//! - **quotations** with their speakers, addressees and manner, and **claims**
//!   (reported speech) with their source, cited source and certainty
//!   (see the `speech` pass: a speaker is given only when it is certain);
//! - **times** resolved against the publication date, and **quantities**.
//!
//! [`crate::draft`] writes an extraction as an annotation file to review;
//! [`crate::check`] scores it against curated annotations.
//!
//! ```
//! use newskg::article::Article;
//! use newskg::extract::{Known, extract};
//!
//! let article = Article::parse(
//!     "# T\n\nJune 29, 2011\n\n\"No meeting is planned,\" Kremlin spokeswoman Natalya Timakova said on Wednesday.",
//! )?;
//! let found = extract(&article, &Known::default());
//! let quotation = &found.quotations[0];
//! assert_eq!(article.slice(quotation.text), "No meeting is planned,");
//! assert_eq!(quotation.speaker.as_ref().map(|s| s.entity.as_str()), Some("natalya-timakova"));
//! assert_eq!(found.times[0].value.to_string(), "2011-06-29");
//! # Ok::<_, newskg::article::ArticleError>(())
//! ```

mod lexicon;
mod names;
mod places;
mod quantities;
mod speech;
mod times;
mod tokens;

use std::collections::{BTreeMap, BTreeSet};

pub use names::Title;
pub use quantities::QuantityCandidate;
pub use times::{TimeExpr, TimeExpression};

use crate::annotation::{Annotations, Certainty, Entity, EntityType, Polarity};
use crate::article::{Article, BlockKind, Span};
use crate::mentions::{AmbiguousForm, Gazetteer, Mention, MentionKind};

/// The entities already known: their names, aliases and role phrases, and
/// their types.
#[derive(Debug, Default, Clone)]
pub struct Known {
    gazetteer: Gazetteer,
    entities: BTreeMap<String, (EntityType, String)>,
}

impl Known {
    /// The entities of an annotation file.
    pub fn from_annotations(annotations: &Annotations) -> Result<Self, AmbiguousForm> {
        Self::from_entities(annotations.entities.values())
    }

    /// Known entities from resolved entity records.
    pub fn from_entities<'a>(entities: impl IntoIterator<Item = &'a Entity>) -> Result<Self, AmbiguousForm> {
        let mut known = Self::default();
        for entity in entities {
            let names: Vec<String> =
                std::iter::once(&entity.name).filter(|_| entity.match_name).chain(&entity.aliases).cloned().collect();
            known.insert(&entity.id, entity.kind, &entity.name, &names, &entity.roles)?;
        }
        Ok(known)
    }

    /// Adds an entity: the names and the role phrases it is found by.
    pub fn insert(
        &mut self,
        id: &str,
        kind: EntityType,
        name: &str,
        names: &[String],
        roles: &[String],
    ) -> Result<(), AmbiguousForm> {
        for form in names {
            self.gazetteer.add(MentionKind::Name, form, id)?;
        }
        for role in roles {
            self.gazetteer.add(MentionKind::Role, role, id)?;
        }
        self.entities.insert(id.to_owned(), (kind, name.to_owned()));
        Ok(())
    }

    /// Every mention of a known entity in the article.
    pub fn mentions(&self, article: &Article) -> Vec<Mention> {
        self.gazetteer.find(article)
    }

    /// Whether an entity with this id is known.
    pub fn contains(&self, id: &str) -> bool {
        self.entities.contains_key(id)
    }

    /// Whether no entity is known.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

/// An entity the extraction refers to: a known one, or a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedEntity {
    /// Its id: the known id, or one made from the name.
    pub id: String,
    /// Its type (a guess for a candidate).
    pub kind: EntityType,
    /// Its name: the longest form, or the longest description.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Descriptions of an anonymous source or group ("the police source").
    pub roles: Vec<String>,
    /// For a candidate, the cue that made it one and guessed its type; `None`
    /// for a known entity.
    pub guess: Option<String>,
}

/// A reference to an entity from a phrase of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The entity id.
    pub entity: String,
    /// The mention that names it (for a pronoun or a follow-on quotation, the
    /// earlier mention it stands for).
    pub span: Span,
    /// How it was resolved.
    pub cue: String,
}

/// A quotation found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedQuotation {
    /// The words quoted, inside the quotation marks.
    pub text: Span,
    /// The quotation with its marks.
    pub marks: Span,
    /// Index of its sentence in [`Article::sentences`].
    pub sentence: usize,
    /// Who said it, when that is certain.
    pub speaker: Option<Reference>,
    /// Who it was said to ("told Yonhap").
    pub addressee: Option<Reference>,
    /// How it was said ("by telephone").
    pub manner: Option<String>,
    /// How the speaker was found, or why there is none.
    pub cue: String,
}

/// A claim: reported speech with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedClaim {
    /// Who asserts it.
    pub source: Reference,
    /// On whose authority ("cited an unidentified intelligence source as saying").
    pub cited: Option<Reference>,
    /// The reported clause.
    pub clause: Span,
    /// The source, the verb and the clause.
    pub evidence: Span,
    /// Certainty, lowered by hedges in the clause.
    pub certainty: Certainty,
    /// Negative for a denial.
    pub polarity: Polarity,
    /// The pattern that found it.
    pub cue: String,
    pub(crate) verb_index: usize,
}

/// Everything found in one article.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Known entities referred to, and candidates, sorted by id.
    pub entities: Vec<ExtractedEntity>,
    /// Mentions of known and candidate entities, sorted by position.
    pub mentions: Vec<Mention>,
    /// Titles held by named people.
    pub titles: Vec<Title>,
    /// Quotations, in text order.
    pub quotations: Vec<ExtractedQuotation>,
    /// Claims, in text order.
    pub claims: Vec<ExtractedClaim>,
    /// Time expressions, in text order.
    pub times: Vec<TimeExpression>,
    /// Quantities, in text order.
    pub quantities: Vec<QuantityCandidate>,
}

impl Extraction {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&ExtractedEntity> {
        self.entities.binary_search_by(|e| e.id.as_str().cmp(id)).ok().map(|i| &self.entities[i])
    }
}

/// The entities the passes refer to: known ones and candidates, with ids
/// unique across both.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    known: BTreeMap<String, (EntityType, String)>,
    candidates: BTreeMap<String, ExtractedEntity>,
    by_core: BTreeMap<String, String>,
    pub(crate) extra_mentions: Vec<Mention>,
    /// Unnamed sources described by an office and its owner ("the mayor's
    /// spokeswoman"), with the head of the description.
    described: BTreeMap<String, String>,
}

impl Registry {
    fn new(known: &Known) -> Self {
        Self { known: known.entities.clone(), ..Self::default() }
    }

    pub(crate) fn kind(&self, id: &str) -> Option<EntityType> {
        self.candidates.get(id).map(|e| e.kind).or_else(|| self.known.get(id).map(|(k, _)| *k))
    }

    /// Whether the entity is a candidate whose type nothing in the text
    /// gave (a one-word name such as "Ruiz", written down as an
    /// organisation): it may be a person.
    pub(crate) fn untyped(&self, id: &str) -> bool {
        self.candidates.get(id).is_some_and(|e| e.guess.as_deref() == Some(names::UNTYPED))
    }

    fn unique_id(&self, base: &str) -> String {
        let base = slug(base);
        let taken = |id: &str| self.known.contains_key(id) || self.candidates.contains_key(id);
        let mut id = base.clone();
        let mut n = 2;
        while taken(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn add(&mut self, candidate: names::Candidate) -> String {
        let base = candidate.core.as_deref().unwrap_or(&candidate.name).to_owned();
        let id = self.unique_id(&base);
        if let Some(core) = &candidate.core {
            self.by_core.insert(core.clone(), id.clone());
        }
        self.candidates.insert(
            id.clone(),
            ExtractedEntity {
                id: id.clone(),
                kind: candidate.kind,
                name: candidate.name,
                aliases: candidate.aliases,
                roles: candidate.roles,
                guess: Some(candidate.cue),
            },
        );
        id
    }

    /// A description that refers to an entity ("the spokeswoman"), found by a pass.
    pub(crate) fn role(&mut self, entity: &str, phrase: &str, span: Span) {
        if let Some(e) = self.candidates.get_mut(entity)
            && !e.roles.iter().any(|r| r == phrase)
        {
            e.roles.push(phrase.to_owned());
        }
        if !self.extra_mentions.iter().any(|m| m.span == span) {
            self.extra_mentions.push(Mention { span, entity: entity.to_owned(), kind: MentionKind::Role });
        }
    }

    /// The document described by `phrase` ("the letter"), created when first
    /// seen; `core` is its head noun, so that `a letter from X` and `the
    /// letter` after it are one document.
    pub(crate) fn document(&mut self, core: &str, phrase: &str, span: Span) -> String {
        let key = format!("document {core}");
        let id = match self.by_core.get(&key).cloned() {
            Some(id) => id,
            None => {
                let id = self.unique_id(phrase);
                self.by_core.insert(key, id.clone());
                self.candidates.insert(
                    id.clone(),
                    ExtractedEntity {
                        id: id.clone(),
                        kind: EntityType::Document,
                        name: phrase.to_owned(),
                        aliases: Vec::new(),
                        roles: Vec::new(),
                        guess: Some(format!("a document quoted as it reads: {phrase:?}")),
                    },
                );
                id
            }
        };
        if let Some(entity) = self.candidates.get_mut(&id)
            && entity.name != phrase
            && !entity.roles.iter().any(|r| r.eq_ignore_ascii_case(phrase))
        {
            entity.roles.push(phrase.to_owned());
        }
        if !self.extra_mentions.iter().any(|m| m.span == span) {
            self.extra_mentions.push(Mention { span, entity: id.clone(), kind: MentionKind::Role });
        }
        id
    }

    /// The unnamed source described by `phrase` ("the mayor's
    /// spokeswoman"), whose head is `head`, created when first seen.
    pub(crate) fn described(&mut self, phrase: &str, head: &str, span: Span) -> String {
        let bare = phrase.strip_prefix("the ").or_else(|| phrase.strip_prefix("The ")).unwrap_or(phrase);
        let key = format!("described {}", bare.to_lowercase().replace('\u{2019}', "'"));
        let id = match self.by_core.get(&key).cloned() {
            Some(id) => id,
            None => {
                let id = self.unique_id(bare);
                self.by_core.insert(key, id.clone());
                self.described.insert(id.clone(), head.to_owned());
                self.candidates.insert(
                    id.clone(),
                    ExtractedEntity {
                        id: id.clone(),
                        kind: EntityType::AnonymousSource,
                        name: phrase.to_owned(),
                        aliases: Vec::new(),
                        roles: Vec::new(),
                        guess: Some(format!("description of an unnamed source by an office and its owner: {phrase:?}")),
                    },
                );
                id
            }
        };
        if !self.extra_mentions.iter().any(|m| m.span == span) {
            self.extra_mentions.push(Mention { span, entity: id.clone(), kind: MentionKind::Role });
        }
        id
    }

    /// The head of the description of an unnamed source made by
    /// [`Registry::described`] ("spokeswoman").
    pub(crate) fn described_head(&self, id: &str) -> Option<&str> {
        self.described.get(id).map(String::as_str)
    }

    /// The group described by `phrase` ("diplomats"), created when first seen.
    pub(crate) fn group(&mut self, core: &str, phrase: &str, span: Span) -> String {
        // A phrase already describing an entity keeps describing that one.
        let described = self
            .candidates
            .values()
            .find(|e| e.roles.iter().any(|r| r.eq_ignore_ascii_case(phrase)))
            .map(|e| e.id.clone());
        let id = match described.or_else(|| self.by_core.get(core).cloned()) {
            Some(id) => id,
            None => {
                let id = self.unique_id(core);
                self.by_core.insert(core.to_owned(), id.clone());
                self.candidates.insert(
                    id.clone(),
                    ExtractedEntity {
                        id: id.clone(),
                        kind: EntityType::Group,
                        name: core.to_owned(),
                        aliases: Vec::new(),
                        roles: Vec::new(),
                        guess: Some(format!("unnamed group speaking: {phrase:?}")),
                    },
                );
                id
            }
        };
        if let Some(entity) = self.candidates.get_mut(&id) {
            let role = phrase.to_owned();
            if !entity.roles.iter().any(|r| r.eq_ignore_ascii_case(&role)) {
                entity.roles.push(role);
            }
        }
        if !self.extra_mentions.iter().any(|m| m.span == span) {
            self.extra_mentions.push(Mention { span, entity: id.clone(), kind: MentionKind::Role });
        }
        id
    }
}

/// Makes an id from a name: lower-case ASCII letters, digits and `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            // Letters with no ASCII form are left out.
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out
    } else {
        format!("entity-{out}").trim_end_matches('-').to_owned()
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ğ' => 'g',
        '’' => '\'',
        other => other,
    }
}

/// Runs every pass over the article.
pub fn extract(article: &Article, known: &Known) -> Extraction {
    let tokens = tokens::tokenize(article);
    let text_of = |span: Span| article.slice(span).to_owned();
    let known_mentions = known.gazetteer.find(article);
    let covered = covered(&tokens, &known_mentions);
    let credit = article.blocks.iter().position(|b| b.kind == BlockKind::Credit);

    let mut candidates = names::names(&text_of, &tokens, &covered, credit);
    // A known entity is not proposed again (a state named by a demonym, a place inside a name).
    candidates.retain(|c| !known.entities.values().any(|(_, name)| *name == c.name));
    candidates.extend(names::anonymous(&text_of, &tokens, &covered));
    let mut registry = Registry::new(known);
    let mut found_by = Gazetteer::default();
    for candidate in candidates {
        let forms: Vec<(MentionKind, String)> = std::iter::once(&candidate.name)
            .filter(|_| candidate.core.is_none())
            .chain(&candidate.aliases)
            .map(|f| (MentionKind::Name, f.clone()))
            .chain(candidate.roles.iter().map(|r| (MentionKind::Role, r.clone())))
            .collect();
        let id = registry.add(candidate);
        for (kind, form) in forms {
            // A form shared by two candidates is left to neither: which one the text means is a guess.
            if found_by.add(kind, &form, &id).is_err() {
                continue;
            }
        }
    }
    let mut mentions = known_mentions.clone();
    let mut candidate_mentions = found_by.find(article);
    candidate_mentions.retain(|m| !known_mentions.iter().any(|k| k.span.overlaps(m.span)));
    mentions.extend(candidate_mentions);
    mentions.sort();

    let times = times::find(&tokens, article.date);
    let quantities = quantities::find(&tokens, &times);
    let is_person = |id: &str| registry.kind(id) == Some(EntityType::Person);
    let titles = names::titles(&text_of, &tokens, &mentions, &is_person);
    let (quotations, claims) = speech::Speech::new(article, &tokens, &mentions, &titles, &times, &mut registry).run();
    mentions.append(&mut registry.extra_mentions);
    mentions.sort();
    mentions.dedup();

    // Known entities referred to, and every candidate.
    let referred: BTreeSet<&str> = mentions.iter().map(|m| m.entity.as_str()).collect();
    let mut entities: Vec<ExtractedEntity> = registry.candidates.into_values().collect();
    for (id, (kind, name)) in &registry.known {
        if referred.contains(id.as_str()) {
            entities.push(ExtractedEntity {
                id: id.clone(),
                kind: *kind,
                name: name.clone(),
                aliases: Vec::new(),
                roles: Vec::new(),
                guess: None,
            });
        }
    }
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    Extraction { entities, mentions, titles, quotations, claims, times, quantities }
}

/// Which tokens lie inside a known mention.
fn covered(tokens: &[tokens::Token<'_>], mentions: &[Mention]) -> Vec<bool> {
    let mut spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    spans.sort();
    let mut covered = vec![false; tokens.len()];
    let mut m = 0;
    for (i, t) in tokens.iter().enumerate() {
        while m < spans.len() && spans[m].end <= t.span.begin {
            m += 1;
        }
        covered[i] = spans[m..].iter().take_while(|s| s.begin <= t.span.begin).any(|s| s.contains(t.span));
    }
    covered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let table = [
            ("Dmitry Medvedev", "dmitry-medvedev"),
            ("Lee Jin-man", "lee-jin-man"),
            ("José Martí", "jose-marti"),
            ("police source", "police-source"),
            ("1st Army", "entity-1st-army"),
            ("Yonhap news agency", "yonhap-news-agency"),
        ];
        for (name, expected) in table {
            assert_eq!(slug(name), expected, "{name}");
        }
    }

    #[test]
    fn known_entities_are_found_and_unknown_ones_proposed() {
        let article = Article::parse(
            "# T\n\nJune 29, 2011\n\nThe Kremlin said Medvedev would meet Chancellor Anna Berg in Oslo. Berg agreed.",
        )
        .unwrap();
        let entity = |id: &str, name: &str, kind| Entity {
            id: id.to_owned(),
            kind,
            name: name.to_owned(),
            aliases: Vec::new(),
            roles: Vec::new(),
            match_name: true,
            wikidata: None,
            description: None,
        };
        let known = Known::from_entities(&[
            entity("kremlin", "Kremlin", EntityType::GovernmentOrganization),
            entity("medvedev", "Medvedev", EntityType::Person),
        ])
        .unwrap();
        let found = extract(&article, &known);
        let mentions: Vec<(&str, &str)> =
            found.mentions.iter().map(|m| (article.slice(m.span), m.entity.as_str())).collect();
        assert_eq!(
            mentions,
            [
                ("Kremlin", "kremlin"),
                ("Medvedev", "medvedev"),
                ("Anna Berg", "anna-berg"),
                ("Oslo", "oslo"),
                ("Berg", "anna-berg")
            ]
        );
        let berg = found.entity("anna-berg").unwrap();
        assert_eq!((berg.kind, berg.aliases.as_slice()), (EntityType::Person, ["Berg".to_owned()].as_slice()));
        assert_eq!(found.entity("kremlin").unwrap().guess, None);
        assert_eq!(found.titles.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(), ["Chancellor"]);
        assert_eq!(found.claims.len(), 1);
    }
}
