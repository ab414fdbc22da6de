//! Language tags: the BCP 47 tags that articles and literals carry.
//!
//! Takes a tag as a person wrote it (the annotation file's `language`, a
//! `--param` literal's `@tag`) and says whether it is one: well-formed
//! (RFC 5646 syntax, checked by Oxigraph's `oxilangtag`) and naming a
//! language that ISO 639 knows (the `isolang` tables) by the code BCP 47
//! uses for it. A language's name (`English`) or a POSIX locale (`en_US`)
//! is refused with the tag to write instead (`en`, `en-US`).

use oxilangtag::LanguageTag;

/// Why a language tag was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LanguageError {
    /// Not a BCP 47 tag at all.
    #[error("`{tag}` is not a BCP 47 language tag{}", advice(suggestion.as_deref()))]
    NotATag {
        /// The tag as written.
        tag: String,
        /// The tag meant, when it can be told (`en` for `English`).
        suggestion: Option<String>,
    },
    /// Well-formed, but its language subtag is no ISO 639 code.
    #[error("`{tag}` is not a BCP 47 language tag: `{language}` is no ISO 639 language code{}", advice(suggestion.as_deref()))]
    UnknownLanguage {
        /// The tag as written.
        tag: String,
        /// Its language subtag.
        language: String,
        /// The tag meant, when it can be told.
        suggestion: Option<String>,
    },
}

fn advice(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(tag) => format!("; write `{tag}`"),
        None => " (a language is named by its ISO 639 code: `en`, `fr`, `zh-Hant`, `en-GB`…)".to_owned(),
    }
}

/// Checks a BCP 47 language tag.
///
/// ```
/// assert!(newskg::language::check("en-GB").is_ok());
/// let refused = newskg::language::check("English").unwrap_err();
/// assert_eq!(refused.to_string(), "`English` is not a BCP 47 language tag; write `en`");
/// ```
pub fn check(tag: &str) -> Result<(), LanguageError> {
    let not_a_tag = || LanguageError::NotATag { tag: tag.to_owned(), suggestion: suggest(tag) };
    let parsed = LanguageTag::parse(tag).map_err(|_| not_a_tag())?;
    let language = parsed.primary_language().to_ascii_lowercase();
    // Private use (`x-…`) and the grandfathered `i-…` tags name no ISO 639 language.
    if language.starts_with("x-") || language.starts_with("i-") {
        return Ok(());
    }
    let known = match language.len() {
        2 => isolang::Language::from_639_1(&language).is_some(),
        // `qaa`–`qtz` are for private use.
        3 => isolang::Language::from_639_3(&language).is_some() || ("qaa"..="qtz").contains(&language.as_str()),
        // Four letters are reserved, and no language has a subtag of five
        // to eight: such a "tag" is a word, most often a language's name.
        _ => return Err(not_a_tag()),
    };
    if known {
        Ok(())
    } else {
        Err(LanguageError::UnknownLanguage { tag: tag.to_owned(), language, suggestion: suggest(tag) })
    }
}

/// The tag meant by something that is not one: a language's English name
/// or its own name for itself (`English`, `français`), or a locale written
/// with `_` (`en_US`).
fn suggest(written: &str) -> Option<String> {
    let dashed = written.replace('_', "-");
    if dashed != written && check(&dashed).is_ok() {
        return Some(dashed);
    }
    let name = written.trim();
    let language = isolang::Language::from_name_lowercase(&name.to_lowercase())
        .or_else(|| isolang::Language::from_autonym(name))
        .or_else(|| isolang::Language::from_639_3(&name.to_lowercase()).filter(|_| name.len() == 3))?;
    Some(language.to_639_1().unwrap_or_else(|| language.to_639_3()).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_mistakes_get_the_tag_meant() {
        // (written, accepted, message)
        let table: &[(&str, bool, &str)] = &[
            ("en", true, ""),
            ("EN", true, ""),
            ("en-GB", true, ""),
            ("zh-Hant-TW", true, ""),
            ("sr-Latn", true, ""),
            ("yue", true, ""),
            ("x-newsroom", true, ""),
            ("English", false, "`English` is not a BCP 47 language tag; write `en`"),
            ("english", false, "write `en`"),
            ("French", false, "write `fr`"),
            ("Deutsch", false, "write `de`"),
            ("en_US", false, "`en_US` is not a BCP 47 language tag; write `en-US`"),
            ("en_GB", false, "write `en-GB`"),
            ("xx", false, "`xx` is no ISO 639 language code"),
            ("eng", true, ""),
            ("engl", false, "is not a BCP 47 language tag"),
            ("", false, "is not a BCP 47 language tag"),
            ("en-", false, "is not a BCP 47 language tag"),
            ("en GB", false, "is not a BCP 47 language tag"),
        ];
        for (written, accepted, message) in table {
            match check(written) {
                Ok(()) => assert!(accepted, "{written} was accepted"),
                Err(e) => {
                    assert!(!accepted, "{written}: {e}");
                    assert!(e.to_string().contains(message), "{written}: {e}");
                }
            }
        }
    }
}
