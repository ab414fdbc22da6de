//! The annotation loader on any text, against the bundled article; what it
//! accepts goes through the rest of the conversion (mentions, RDF mapping).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newskg::annotation::Annotations;
use newskg::article::Article;
use newskg::convert::{Source, convert};
use newskg_fuzz::check_slice;

static ARTICLE: LazyLock<Article> =
    LazyLock::new(|| Article::parse(&Source::bundled().article).expect("the bundled article parses"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let article = &*ARTICLE;
    let Ok(annotations) = Annotations::parse(text, article) else { return };
    for post in &annotations.posts {
        check_slice(article, post.evidence.span, &post.evidence.text, "post evidence");
    }
    for event in &annotations.events {
        check_slice(article, event.evidence.span, &event.evidence.text, "event evidence");
    }
    for quotation in &annotations.quotations {
        check_slice(article, quotation.evidence.span, &quotation.evidence.text, "quotation evidence");
        check_slice(article, quotation.text.span, &quotation.text.text, "quotation text");
        assert!(quotation.evidence.span.contains(quotation.text.span), "quotation outside its evidence");
    }
    for claim in &annotations.claims {
        check_slice(article, claim.evidence.span, &claim.evidence.text, "claim evidence");
    }
    for statement in &annotations.statements {
        check_slice(article, statement.evidence.span, &statement.evidence.text, "statement evidence");
    }
    for quantity in &annotations.quantities {
        check_slice(article, quantity.evidence.span, &quantity.evidence.text, "quantity evidence");
    }
    let source = Source { annotations: text.to_owned(), ..Source::bundled() };
    if let Ok(conversion) = convert(&source, newskg::DEFAULT_BASE) {
        for mention in &conversion.mentions {
            newskg_fuzz::check_span(article, mention.span, "mention");
        }
    }
});
