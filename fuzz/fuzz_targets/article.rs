//! The article parser on any bytes: an error or an article that holds together.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newskg::article::Article;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(article) = Article::parse(text) {
        newskg_fuzz::check_article(&article);
    }
});
