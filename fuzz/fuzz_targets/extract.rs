//! The extractor on any article text, with no known entities and with the
//! bundled article's: every span it records lies in the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newskg::annotation::Annotations;
use newskg::article::Article;
use newskg::convert::Source;
use newskg::extract::{Extraction, Known, extract};
use newskg_fuzz::{check_article, check_span};

static KNOWN: LazyLock<Known> = LazyLock::new(|| {
    let source = Source::bundled();
    let article = Article::parse(&source.article).expect("the bundled article parses");
    let annotations = Annotations::parse(&source.annotations, &article).expect("the bundled annotations load");
    Known::from_annotations(&annotations).expect("the bundled names are unambiguous")
});

fn check(article: &Article, found: &Extraction) {
    for mention in &found.mentions {
        check_span(article, mention.span, "mention");
    }
    for title in &found.titles {
        check_span(article, title.span, "title");
        check_span(article, title.name, "title holder");
    }
    for quotation in &found.quotations {
        check_span(article, quotation.text, "quotation text");
        check_span(article, quotation.marks, "quotation marks");
        assert!(quotation.marks.contains(quotation.text), "quotation text outside its marks");
        assert!(quotation.sentence < article.sentences.len(), "quotation sentence out of range");
    }
    for claim in &found.claims {
        check_span(article, claim.clause, "claim clause");
        check_span(article, claim.evidence, "claim evidence");
    }
    for time in &found.times {
        check_span(article, time.span, "time");
    }
    for quantity in &found.quantities {
        check_span(article, quantity.span, "quantity");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(article) = Article::parse(text) else { return };
    check_article(&article);
    check(&article, &extract(&article, &Known::default()));
    check(&article, &extract(&article, &KNOWN));
});
