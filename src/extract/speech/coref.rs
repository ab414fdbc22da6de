//! Who a pronoun or a follow-on quotation stands for: the speaker carried
//! over only when nobody else stands between.

use super::{Np, Speech};
use crate::annotation::EntityType;
use crate::article::Span;
use crate::extract::tokens::Kind;
use crate::extract::{ExtractedQuotation, Reference};
use crate::mentions::Mention;
use std::collections::BTreeSet;

impl Speech<'_, '_> {
    /// Resolves `he` or `she`: to the one person named in the paragraph before
    /// it, when that person is a sentence's subject; or, when the paragraph
    /// names nobody before it, to the last speaker of the paragraph before,
    /// when nobody else was named since.
    pub(super) fn pronoun(&self, at: Span, block: usize) -> Option<Reference> {
        let paragraph = self.article.blocks.get(block)?.span;
        let personal_kind = |id: &str| {
            matches!(self.kind_of(id), Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group))
        };
        let all_mentions = || self.mentions.iter().chain(&self.registry.extra_mentions);
        let here: Vec<&Mention> = all_mentions()
            .filter(|m| m.span.begin >= paragraph.begin && m.span.end <= at.begin && personal_kind(&m.entity))
            .collect();
        let people: BTreeSet<&str> = here.iter().map(|m| m.entity.as_str()).collect();
        if let [only] = people.iter().copied().collect::<Vec<_>>().as_slice() {
            let subject = here.iter().find(|m| m.entity == *only && self.is_subject(m.span))?;
            return self.is_personal(only).then(|| Reference {
                entity: (*only).to_owned(),
                span: subject.span,
                cue: format!(
                    "{:?}: {:?}, the one person named before it in the paragraph",
                    self.text(at),
                    self.text(subject.span)
                ),
            });
        }
        if !people.is_empty() {
            return None;
        }
        let (span, entity) = self.timeline.iter().rev().find(|(s, _)| s.end <= at.begin)?;
        let antecedent_block = self.tokens.iter().find(|t| t.span.begin >= span.begin).map(|t| t.block)?;
        let someone_else = all_mentions().any(|m| {
            m.span.begin >= span.end && m.span.begin < at.begin && m.entity != *entity && personal_kind(&m.entity)
        });
        (self.is_personal(entity) && antecedent_block + 1 == block && !someone_else).then(|| Reference {
            entity: entity.clone(),
            span: *span,
            cue: format!("{:?}: the last speaker, {:?}, with nobody else named since", self.text(at), self.text(*span)),
        })
    }

    /// Whether a mention is the subject of its sentence: only a title, a
    /// possessive or an apposition stands before it.
    pub(super) fn is_subject(&self, span: Span) -> bool {
        let Some(first) = self.tokens.iter().position(|t| t.span.begin == span.begin) else { return false };
        let (start, end) = self.sentence_range(self.tokens[first].sentence);
        if (start..first).all(|i| self.title_like(i, start) || self.tokens[i].is_punct(',')) {
            return true;
        }
        let Some(last) = (first..end).find(|&i| self.tokens[i].span.end == span.end) else { return false };
        first > start + 1
            && self.tokens[first - 1].is_punct(',')
            && self.tokens.get(last + 1).is_some_and(|t| t.is_punct(','))
            && (start..first - 1).all(|i| self.np_token(i) || self.is_word(i, &["the", "a", "an"]))
    }

    pub(super) fn settle(&self, np: Np, block: usize) -> Option<Reference> {
        match np {
            Np::Entity(r) => Some(r),
            Np::Pronoun(at) => self.pronoun(at, block),
            Np::Unresolved => None,
        }
    }

    /// The follow-on rule: a sentence that is nothing but a quotation takes
    /// the speaker of the quotation directly before it in the paragraph (or of
    /// the unclosed quotation that ends the paragraph before).
    pub(super) fn follow_on(&self, q: usize, before: &[ExtractedQuotation]) -> Result<(Reference, String), String> {
        let quote = &self.quotes[q];
        let (s_start, s_end) = self.sentence_range(quote.sentence);
        let bare = (s_start..s_end).all(|i| !self.outside(i) || matches!(self.tokens[i].kind, Kind::Punct(_)));
        if !bare {
            return Err("no attribution in its sentence".to_owned());
        }
        let previous = q.checked_sub(1).map(|p| (&self.quotes[p], before.get(p)));
        let Some((prev_quote, Some(prev))) = previous else {
            return Err("no attribution in its sentence and no quotation before it".to_owned());
        };
        let continues = prev_quote.block + 1 == quote.block
            && prev_quote.close.is_none()
            && self.tokens.iter().position(|t| t.block == quote.block) == Some(quote.open);
        if prev_quote.block != quote.block && !continues {
            return Err("no attribution in its sentence and no quotation before it in the paragraph".to_owned());
        }
        let Some(speaker) = &prev.speaker else {
            return Err("no attribution in its sentence; the quotation before it has no speaker".to_owned());
        };
        // Nobody else named between the two quotations.
        let between = Span { begin: prev_quote.marks.end, end: quote.marks.begin };
        let someone_else = self.mentions.iter().chain(&self.registry.extra_mentions).any(|m| {
            between.contains(m.span)
                && m.entity != speaker.entity
                && matches!(
                    self.kind_of(&m.entity),
                    Some(EntityType::Person | EntityType::AnonymousSource | EntityType::Group)
                )
        });
        if someone_else {
            return Err("no attribution in its sentence; someone else is named since the last quotation".to_owned());
        }
        let cue = if continues {
            "continues the unclosed quotation of the paragraph before".to_owned()
        } else {
            format!("follow-on: the quotation before it in the paragraph is {:?}'s", self.text(speaker.span))
        };
        Ok((Reference { entity: speaker.entity.clone(), span: speaker.span, cue: cue.clone() }, cue))
    }
}
