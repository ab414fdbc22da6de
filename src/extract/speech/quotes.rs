//! Quotation marks and their pairing.

use super::Quote;
use crate::article::{Article, Span};
use crate::extract::tokens::{Kind, Token};

/// Pairs quotation marks in each paragraph: curly marks by their shape,
/// straight ones in turn. A paragraph may mix them: a straight mark closes a
/// curly one when it stands where a closing mark stands (after a word,
/// before a space or punctuation), unless a straight quotation opened inside
/// it. A quotation left open runs to the paragraph's end.
pub(super) fn pair_quotes(article: &Article, tokens: &[Token<'_>]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    // The open quotation: its mark's index, whether curly, and whether a
    // straight quotation is open inside a curly one.
    let mut open: Option<(usize, bool, bool)> = None;
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
    // Where a closing mark stands: right after a word or punctuation, and
    // before a space, punctuation or the paragraph's end.
    let closing = |i: usize| {
        let t = &tokens[i];
        let after_text = i > 0 && tokens[i - 1].block == t.block && tokens[i - 1].span.end == t.span.begin;
        let next = tokens.get(i + 1).filter(|n| n.block == t.block);
        after_text && next.is_none_or(|n| n.span.begin > t.span.end || matches!(n.kind, Kind::Punct(_)))
    };
    for (i, t) in tokens.iter().enumerate() {
        match (t.kind, open) {
            (Kind::OpenQuote, None) => open = Some((i, true, false)),
            (Kind::CloseQuote, Some((o, true, _))) | (Kind::StraightQuote, Some((o, false, _))) => {
                push(o, Some(i), 0);
                open = None;
            }
            (Kind::StraightQuote, Some((o, true, nested))) => {
                if nested {
                    open = Some((o, true, false));
                } else if closing(i) {
                    push(o, Some(i), 0);
                    open = None;
                } else {
                    open = Some((o, true, true));
                }
            }
            (Kind::CloseQuote, None) => {}
            (Kind::StraightQuote, None) => open = Some((i, false, false)),
            _ => {}
        }
        let last_of_block = tokens.get(i + 1).is_none_or(|n| n.block != t.block);
        if last_of_block && let Some((o, _, _)) = open.take() {
            push(o, None, article.blocks[t.block].span.end);
        }
    }
    quotes
}
