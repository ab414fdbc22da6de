//! Invariants the fuzz targets check on whatever the parsers accept: every
//! span lies in the text and slices it to what was recorded. A parser may
//! refuse any input with an error; it may never panic, and what it accepts
//! must hold together.

use newskg::article::{Article, Span};

/// Asserts that a span lies in the article's text.
pub fn check_span(article: &Article, span: Span, what: &str) {
    assert!(span.begin <= span.end && span.end <= article.len_chars(), "{what} {span:?} out of range");
}

/// Asserts that a span slices the text to `expected`, counting code points.
pub fn check_slice(article: &Article, span: Span, expected: &str, what: &str) {
    check_span(article, span, what);
    let sliced: String = article.text.chars().skip(span.begin).take(span.end - span.begin).collect();
    assert_eq!(sliced, expected, "{what} {span:?}");
    assert_eq!(article.slice(span), expected, "{what} {span:?}");
}

/// The invariants of a parsed article: blocks and sentences in order, inside
/// the text, sentences inside their blocks.
pub fn check_article(article: &Article) {
    assert_eq!(article.len_chars(), article.text.chars().count());
    assert!(!article.title.is_empty());
    let mut last_end = 0;
    for block in &article.blocks {
        check_span(article, block.span, "block");
        assert!(block.span.begin >= last_end, "blocks overlap");
        last_end = block.span.end;
    }
    let mut last_end = 0;
    for sentence in &article.sentences {
        check_span(article, sentence.span, "sentence");
        assert!(sentence.span.begin >= last_end, "sentences overlap");
        assert!(article.blocks[sentence.block].span.contains(sentence.span), "sentence outside its block");
        last_end = sentence.span.end;
    }
}
