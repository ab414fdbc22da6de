//! Quotation marks and their pairing.

use super::Quote;
use crate::article::{Article, Span};
use crate::extract::tokens::{Kind, Token};

/// Pairs quotation marks in each paragraph: curly marks by their shape,
/// straight ones in turn. A quotation left open runs to the paragraph's end.
pub(super) fn pair_quotes(article: &Article, tokens: &[Token<'_>]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let mut push = |o: usize, close: Option<usize>, end_of_block: usize| {
        let t = &tokens[o];
        let end = close.map_or(end_of_block, |c| tokens[c].span.begin);
        // The words quoted, without spaces inside the marks ("“ he ”").
        let inner = article.slice(Span { begin: t.span.end, end });
        let leading = inner.chars().take_while(|c| c.is_whitespace()).count();
        let trailing = inner.chars().rev().take_while(|c| c.is_whitespace()).count();
        let text = Span { begin: t.span.end + leading, end: end.saturating_sub(trailing).max(t.span.end + leading) };
        let marks = Span { begin: t.span.begin, end: close.map_or(end_of_block, |c| tokens[c].span.end) };
        if article.slice(text).chars().any(char::is_alphanumeric) {
            quotes.push(Quote { open: o, close, text, marks, block: t.block, sentence: t.sentence });
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        match (t.kind, open) {
            (Kind::OpenQuote, None) => open = Some((i, true)),
            (Kind::CloseQuote, Some((o, true))) | (Kind::StraightQuote, Some((o, false))) => {
                push(o, Some(i), 0);
                open = None;
            }
            (Kind::StraightQuote, None) => open = Some((i, false)),
            _ => {}
        }
        let last_of_block = tokens.get(i + 1).is_none_or(|n| n.block != t.block);
        if last_of_block && let Some((o, _)) = open.take() {
            push(o, None, article.blocks[t.block].span.end);
        }
    }
    quotes
}
