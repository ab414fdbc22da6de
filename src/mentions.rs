//! The mention stage: finds every occurrence of every known entity in an
//! article's text.
//!
//! It takes the article and a gazetteer of surface forms (each entity's name,
//! aliases and role phrases) and hands on [`Mention`]s with code-point offsets.
//! Names are matched case-sensitively, longest match first, on token
//! boundaries, so "Kim Jong Il" is one mention and not also "Kim", and a
//! possessive ("Medvedev's") is a mention of its name. Role phrases ("Medvedev's
//! spokeswoman") are matched apart from names, so that the name inside a role
//! phrase is still a mention of its own entity; their first letter may be
//! upper-case at the start of a sentence.

use std::collections::BTreeMap;

use crate::article::{Article, Span};

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MentionKind {
    /// By its name or an alias.
    Name,
    /// By a phrase naming its role.
    Role,
}

/// An occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// The entity id.
    pub entity: String,
    /// Name or role phrase.
    pub kind: MentionKind,
}

/// The surface forms to look for, each with the entity it names.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    forms: BTreeMap<(MentionKind, String), String>,
}

/// Two entities claim the same surface form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the name {form:?} belongs to both `{first}` and `{second}`; keep it on one of them")]
pub struct AmbiguousForm {
    /// The surface form.
    pub form: String,
    /// One entity.
    pub first: String,
    /// The other.
    pub second: String,
}

impl Gazetteer {
    /// Adds a surface form of an entity. The same form for the same entity
    /// twice is harmless; for two entities it is an error, since which one the
    /// text means could only be guessed.
    pub fn add(&mut self, kind: MentionKind, form: &str, entity: &str) -> Result<(), AmbiguousForm> {
        let form = form.split_whitespace().collect::<Vec<_>>().join(" ");
        if form.is_empty() {
            return Ok(());
        }
        match self.forms.get(&(kind, form.clone())) {
            Some(existing) if existing != entity => {
                Err(AmbiguousForm { form, first: existing.clone(), second: entity.to_owned() })
            }
            _ => {
                self.forms.insert((kind, form), entity.to_owned());
                Ok(())
            }
        }
    }

    /// Every mention in the article's caption and body, sorted by position.
    pub fn find(&self, article: &Article) -> Vec<Mention> {
        let searchable: Vec<Span> = article.paragraphs().map(|(_, b)| b.span).collect();
        let mut mentions = Vec::new();
        for kind in [MentionKind::Name, MentionKind::Role] {
            let mut candidates: Vec<Mention> = Vec::new();
            for ((form_kind, form), entity) in &self.forms {
                if *form_kind != kind {
                    continue;
                }
                for span in occurrences(article, form, kind == MentionKind::Role) {
                    if searchable.iter().any(|s| s.contains(span)) {
                        candidates.push(Mention { span, entity: entity.clone(), kind });
                    }
                }
            }
            // Longest match first: at equal start the longer span wins, and a
            // span overlapping one already taken is dropped.
            candidates.sort_by_key(|m| (m.span.begin, std::cmp::Reverse(m.span.end)));
            let mut last_end = 0;
            for candidate in candidates {
                if candidate.span.begin >= last_end {
                    last_end = candidate.span.end;
                    mentions.push(candidate);
                }
            }
        }
        mentions.sort();
        mentions
    }
}

/// Occurrences of `form` in the text on token boundaries.
fn occurrences(article: &Article, form: &str, fold_first: bool) -> Vec<Span> {
    let text = &article.text;
    let mut variants = vec![form.to_owned()];
    if fold_first {
        let mut chars = form.chars();
        if let Some(first) = chars.next() {
            let flipped: String = if first.is_lowercase() {
                first.to_uppercase().chain(chars).collect()
            } else {
                first.to_lowercase().chain(chars).collect()
            };
            if flipped != form {
                variants.push(flipped);
            }
        }
    }
    let mut spans = Vec::new();
    for variant in &variants {
        for (start, matched) in text.match_indices(variant.as_str()) {
            let end = start + matched.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_');
            if boundary(before) && boundary(after) {
                let begin = article.char_offset(start);
                spans.push(Span { begin, end: begin + matched.chars().count() });
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_possessives_and_roles() {
        let article = Article::parse(
            "# T\n\nJune 29, 2011\n\nKim Jong Il met Kim's friend. Medvedev's spokeswoman spoke. The spokeswoman left. North Koreans and North Korea's.",
        )
        .unwrap();
        let mut g = Gazetteer::default();
        g.add(MentionKind::Name, "Kim Jong Il", "kim").unwrap();
        g.add(MentionKind::Name, "Kim", "kim").unwrap();
        g.add(MentionKind::Name, "Medvedev", "medvedev").unwrap();
        g.add(MentionKind::Name, "North Korea", "nk").unwrap();
        g.add(MentionKind::Role, "Medvedev's spokeswoman", "timakova").unwrap();
        g.add(MentionKind::Role, "the spokeswoman", "timakova").unwrap();
        let mentions = g.find(&article);
        let found: Vec<(String, &str)> =
            mentions.iter().map(|m| (article.slice(m.span).to_owned(), m.entity.as_str())).collect();
        let expected = [
            ("Kim Jong Il", "kim"),
            ("Kim", "kim"),
            ("Medvedev", "medvedev"),
            ("Medvedev's spokeswoman", "timakova"),
            ("The spokeswoman", "timakova"),
            ("North Korea", "nk"),
        ];
        let expected: Vec<(String, &str)> = expected.iter().map(|(a, b)| ((*a).to_owned(), *b)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_form_of_two_entities_is_refused() {
        let mut g = Gazetteer::default();
        g.add(MentionKind::Name, "Moscow", "moscow").unwrap();
        assert!(g.add(MentionKind::Name, "Moscow", "russian-government").is_err());
        assert!(g.add(MentionKind::Name, "Moscow", "moscow").is_ok());
    }
}
