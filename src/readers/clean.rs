//! Text as it really comes: the debris that scraping and wrong decodings leave
//! in news text, repaired before the article is split, each repair reported
//! as a [`Warning`] naming the line and column of the source.
//!
//! Stray control characters (U+0083 from a Windows-1252 page read as Latin-1)
//! are removed; non-breaking and other odd spaces become spaces; zero-width
//! characters and soft hyphens are removed; doubly-encoded UTF-8 ("FranÃ§ois")
//! is repaired when that is safe ([`super::mojibake`]). Text that is not text
//! at all (a NUL byte, or control characters everywhere) is refused.

use std::fmt;

use crate::article::ArticleError;

/// A repair made to the text, with where it was made in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line of the source.
    pub line: usize,
    /// 1-based column (in characters) of the first repair of this kind on the line.
    pub column: usize,
    /// What was repaired ("removed control character U+0083").
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

/// What a character becomes.
enum Repair {
    Keep,
    Remove(&'static str),
    Space(&'static str),
}

fn repair(c: char) -> Repair {
    match c {
        '\n' | '\r' | '\t' => Repair::Keep,
        '\u{00a0}' | '\u{202f}' | '\u{2007}' => Repair::Space("non-breaking space"),
        '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' | '\u{000b}' | '\u{000c}' => Repair::Space("unusual space"),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => Repair::Remove("zero-width character"),
        '\u{00ad}' => Repair::Remove("soft hyphen"),
        c if c.is_control() => Repair::Remove("control character"),
        _ => Repair::Keep,
    }
}

/// Repairs the debris in `source`; refuses text that is not text.
///
/// Besides stray characters, text may hold what HTML left in it: entities
/// (`&amp;`, `&#8217;`), `''` or ` `` ` written for `"`, and paragraphs that
/// mix straight and curly quotation marks, whose straight marks are made
/// curly to match. Line breaks are kept, so lines of the result are lines of
/// the source.
pub fn clean(source: &str) -> Result<(String, Vec<Warning>), ArticleError> {
    repair_lines(source, Mode::Text)
}

/// Repairs Markdown as [`clean`] repairs text; an entity that stands for
/// Markdown punctuation (`&#42;` for `*`) is decoded to that character
/// escaped (`\*`), so that it stays the character and does not become markup.
pub fn clean_markdown(source: &str) -> Result<(String, Vec<Warning>), ArticleError> {
    repair_lines(source, Mode::Markdown)
}

/// Repairs stray characters and doubly-encoded UTF-8 only, for markup (a
/// saved page) whose entities and quotation marks are its parser's business.
pub fn clean_markup(source: &str) -> Result<(String, Vec<Warning>), ArticleError> {
    repair_lines(source, Mode::Markup)
}

/// What the text being cleaned is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    Markdown,
    Markup,
}

fn repair_lines(source: &str, mode: Mode) -> Result<(String, Vec<Warning>), ArticleError> {
    refuse_binary(source)?;
    let text = mode != Mode::Markup;
    let lines: Vec<&str> = source.split('\n').collect();
    let mixed = if text { mixed_quote_lines(&lines) } else { vec![false; lines.len()] };
    let mut out = String::with_capacity(source.len());
    let mut warnings: Vec<Warning> = Vec::new();
    let mojibake = super::mojibake::Plan::of(source);
    if let Some(warning) = mojibake.left_as_it_is() {
        warnings.push(warning);
    }
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        // One warning per kind of repair and line, at its first column, with a count.
        let mut seen: Vec<(String, String, usize, usize)> = Vec::new();
        let mut note = |kind: &str, what: String, column: usize| match seen.iter_mut().find(|s| s.0 == kind) {
            Some(seen) => seen.3 += 1,
            None => seen.push((kind.to_owned(), what, column + 1, 1)),
        };
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if mojibake.repairs()
                && let Some((repaired, len)) = super::mojibake::at(&chars[i..])
            {
                let found: String = chars[i..i + len].iter().collect();
                note("mojibake", format!("repaired doubly-encoded UTF-8: {found:?} read as {repaired:?}"), i);
                push_repaired(&mut out, repaired);
                i += len;
                continue;
            }
            if text {
                if c == '&'
                    && let Some((decoded, len)) = entity(&chars[i..])
                {
                    let found: String = chars[i..i + len].iter().collect();
                    note(&found, format!("decoded HTML entity {found}"), i);
                    for d in decoded.chars() {
                        if mode == Mode::Markdown && d.is_ascii_punctuation() {
                            out.push('\\');
                        }
                        push_repaired(&mut out, d);
                    }
                    i += len;
                    continue;
                }
                if (c == '\'' || c == '`') && chars.get(i + 1) == Some(&c) {
                    let what = format!("replaced {c}{c} by a quotation mark");
                    note(&what, what.clone(), i);
                    out.push('"');
                    i += 2;
                    continue;
                }
                if c == '"' && mixed[index] {
                    let opening = i == 0
                        || chars[i - 1].is_whitespace()
                        || matches!(chars[i - 1], '(' | '[' | '\u{2014}' | '\u{2013}');
                    let what = "made straight quotation marks curly, as the rest of the paragraph";
                    note(what, what.to_owned(), i);
                    out.push(if opening { '\u{201c}' } else { '\u{201d}' });
                    i += 1;
                    continue;
                }
            }
            match repair(c) {
                Repair::Keep => out.push(c),
                Repair::Remove(what) => {
                    let what = format!("removed {what} U+{:04X}", u32::from(c));
                    note(&what, what.clone(), i);
                }
                Repair::Space(what) => {
                    let what = format!("replaced {what} U+{:04X} by a space", u32::from(c));
                    note(&what, what.clone(), i);
                    out.push(' ');
                }
            }
            i += 1;
        }
        for (_, what, column, count) in seen {
            let message = if count > 1 { format!("{what} ({count} times on this line)") } else { what };
            warnings.push(Warning { line: index + 1, column, message });
        }
    }
    Ok((out, warnings))
}

/// Pushes a character a repair gave, itself repaired as a character of the
/// source would be (an `&nbsp;` or a doubly-encoded no-break space becomes
/// a space).
fn push_repaired(out: &mut String, c: char) {
    match repair(c) {
        Repair::Keep => out.push(c),
        Repair::Remove(_) => {}
        Repair::Space(_) => out.push(' '),
    }
}

/// Which lines belong to a paragraph (lines between blank lines) that mixes
/// straight and curly double quotation marks.
fn mixed_quote_lines(lines: &[&str]) -> Vec<bool> {
    let mut mixed = vec![false; lines.len()];
    let mut start = 0;
    for end in 0..=lines.len() {
        if end == lines.len() || lines[end].trim().is_empty() {
            let block = &lines[start..end];
            let straight = block.iter().any(|l| l.contains('"'));
            let curly = block.iter().any(|l| l.contains(['\u{201c}', '\u{201d}']));
            for flag in &mut mixed[start..end] {
                *flag = straight && curly;
            }
            start = end + 1;
        }
    }
    mixed
}

/// An HTML entity at the start of `chars` (`&amp;`, `&#8217;`, `&#x2019;`):
/// what it stands for and its length, decoded by an HTML parser (html5ever,
/// through dom_query) as a browser would.
fn entity(chars: &[char]) -> Option<(String, usize)> {
    let end = chars.iter().take(34).position(|c| *c == ';')?;
    let name = &chars[1..end];
    let numeric = name.first() == Some(&'#')
        && name.len() > 1
        && (name[1..].iter().all(char::is_ascii_digit)
            || (matches!(name[1], 'x' | 'X') && name.len() > 2 && name[2..].iter().all(char::is_ascii_hexdigit)));
    let named = !name.is_empty() && name.iter().all(char::is_ascii_alphanumeric);
    if !(numeric || named) {
        return None;
    }
    let token: String = chars[..=end].iter().collect();
    let decoded = dom_query::Document::fragment(token.as_str()).root().text().to_string();
    // A legacy prefix (`&not` of `&notice;`) decodes to more than an entity stands for.
    (decoded != token && (1..=2).contains(&decoded.chars().count())).then_some((decoded, end + 1))
}

/// Refuses text with a NUL, or with more than 8 control characters making
/// more than one character in 50 (a binary file that happens to be valid
/// UTF-8); a few strays in text are debris, repaired.
fn refuse_binary(source: &str) -> Result<(), ArticleError> {
    let is_junk = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    let junk = source.chars().filter(|c| is_junk(*c)).count();
    let total = source.chars().count();
    if !source.contains('\0') && (junk <= 8 || junk * 50 <= total) {
        return Ok(());
    }
    let first = source.split('\n').enumerate().find_map(|(line, text)| {
        text.chars().enumerate().find(|(_, c)| is_junk(*c)).map(|(column, c)| (line + 1, column + 1, c))
    });
    let (line, column, c) = first.unwrap_or((1, 1, '\0'));
    Err(ArticleError::ControlCharacter { line, column, code: u32::from(c) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_is_repaired_with_its_place() {
        // (source, cleaned, warnings as "line:column message")
        let table: &[(&str, &str, &[&str])] = &[
            ("plain text\nas it is", "plain text\nas it is", &[]),
            ("A\u{83}B", "AB", &["1:2 removed control character U+0083"]),
            ("one\ntwo\u{a0}words", "one\ntwo words", &["2:4 replaced non-breaking space U+00A0 by a space"]),
            ("zero\u{200b}width", "zerowidth", &["1:5 removed zero-width character U+200B"]),
            ("co\u{ad}op\u{ad}er", "cooper", &["1:3 removed soft hyphen U+00AD (2 times on this line)"]),
            ("tab\tstays\r\n", "tab\tstays\r\n", &[]),
            (
                "Fish &amp; chips &#8217;n&#x2019; more &notanentity; &",
                "Fish & chips \u{2019}n\u{2019} more &notanentity; &",
                &[
                    "1:6 decoded HTML entity &amp;",
                    "1:18 decoded HTML entity &#8217;",
                    "1:26 decoded HTML entity &#x2019;",
                ],
            ),
            (
                "He said ''no'' and ``yes''.",
                "He said \"no\" and \"yes\".",
                &["1:9 replaced '' by a quotation mark (3 times on this line)", "1:20 replaced `` by a quotation mark"],
            ),
            (
                "\u{201c}Go,\u{201d} she said. \"Now.\"\n\n\"Straight\" stays.",
                "\u{201c}Go,\u{201d} she said. \u{201c}Now.\u{201d}\n\n\"Straight\" stays.",
                &["1:17 made straight quotation marks curly, as the rest of the paragraph (2 times on this line)"],
            ),
        ];
        assert_cleans(table);
    }

    #[test]
    fn doubly_encoded_utf8_is_repaired_only_when_safe() {
        // (source, cleaned, warnings as "line:column message")
        let table: &[(&str, &str, &[&str])] = &[
            (
                "FranÃ§ois said itâ€™s done.\nA â€œnewâ€\u{9d} start.",
                "François said it\u{2019}s done.\nA \u{201c}new\u{201d} start.",
                &[
                    "1:5 repaired doubly-encoded UTF-8: \"Ã§\" read as 'ç' (2 times on this line)",
                    "2:3 repaired doubly-encoded UTF-8: \"â€œ\" read as '\u{201c}' (2 times on this line)",
                ],
            ),
            // A doubly-encoded no-break space is then a space, as one would be.
            ("10Â\u{a0}km", "10 km", &["1:3 repaired doubly-encoded UTF-8: \"Â\\u{a0}\" read as '\\u{a0}'"]),
            // "SÃO" uses Ã as a letter: nothing is repaired, and the warning says why.
            (
                "FranÃ§ois in SÃO PAULO.",
                "FranÃ§ois in SÃO PAULO.",
                &[
                    "1:5 \"Ã§\" looks like doubly-encoded UTF-8 for 'ç', left as it is: the text also uses 'Ã' as a letter (line 1, column 15), so a repair could be wrong",
                ],
            ),
        ];
        assert_cleans(table);
    }

    /// Each source cleans to its text, with its warnings as "line:column message".
    fn assert_cleans(table: &[(&str, &str, &[&str])]) {
        for (source, cleaned, expected) in table {
            let (text, warnings) = clean(source).unwrap();
            assert_eq!(text, *cleaned, "{source:?}");
            let got: Vec<String> = warnings.iter().map(|w| format!("{}:{} {}", w.line, w.column, w.message)).collect();
            assert_eq!(got, *expected, "{source:?}");
        }
    }

    #[test]
    fn in_markdown_an_entity_for_punctuation_stays_a_character() {
        // (source, as text, as Markdown, as markup)
        let table = [
            ("&#42;a&#42; &amp; &lt;b&gt;", "*a* & <b>", "\\*a\\* \\& \\<b\\>", "&#42;a&#42; &amp; &lt;b&gt;"),
            ("caf&eacute;&nbsp;au lait", "café au lait", "café au lait", "caf&eacute;&nbsp;au lait"),
        ];
        for (source, text, markdown, markup) in table {
            assert_eq!(clean(source).unwrap().0, text, "{source:?}");
            assert_eq!(clean_markdown(source).unwrap().0, markdown, "{source:?}");
            assert_eq!(clean_markup(source).unwrap().0, markup, "{source:?}");
        }
    }

    #[test]
    fn binary_is_refused() {
        let elf = "\u{7f}ELF\u{2}\u{1}\u{1}\0\0\0";
        assert_eq!(clean(elf).unwrap_err(), ArticleError::ControlCharacter { line: 1, column: 1, code: 0x7f });
        let nul = "A title\n\nSome text\0 here";
        assert_eq!(clean(nul).unwrap_err(), ArticleError::ControlCharacter { line: 3, column: 10, code: 0 });
    }
}
