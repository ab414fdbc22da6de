//! Doubly-encoded UTF-8 ("mojibake"): text that was UTF-8, was read as
//! Windows-1252 and was saved as UTF-8 again, so that "François" reads
//! "FranÃ§ois" and a curly apostrophe reads "â€™".
//!
//! It takes the text being cleaned and hands on whether a repair is safe
//! ([`Plan`]) and, at each place, the character a doubly-encoded sequence
//! stands for ([`at`]). A sequence is one where the Windows-1252 bytes of two
//! or three characters, led by `Â`, `Ã`, `Ä`, `Å` or `â`, are the UTF-8 of one
//! character that such text usually holds: a Latin-1 or Latin Extended-A
//! letter or sign (`é`, `ü`, `ł`, a no-break space), general punctuation
//! (`’`, `“`, `—`, `…`), `€` or `™`. The encoding is `encoding_rs`'s.
//!
//! Safe means that the text uses none of those five letters otherwise: in
//! "SÃO PAULO" or "pâté" they are letters, and a text that holds them as
//! letters is left as it is, with a warning that says so. The decision is
//! made once for the whole text, from the text alone, so the same text is
//! always repaired the same way.

use encoding_rs::WINDOWS_1252;

use super::Warning;

/// The letters that lead a doubly-encoded sequence, with its length.
fn lead(c: char) -> Option<usize> {
    match c {
        'Â' | 'Ã' | 'Ä' | 'Å' => Some(2),
        'â' => Some(3),
        _ => None,
    }
}

/// Whether a character is one that doubly-encoded text usually hides.
fn plausible(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{17f}' | '\u{2010}'..='\u{203a}' | '\u{20ac}' | '\u{2122}')
}

/// The character a doubly-encoded sequence at the start of `chars` stands
/// for, and the sequence's length in characters.
pub fn at(chars: &[char]) -> Option<(char, usize)> {
    let len = lead(*chars.first()?)?;
    let sequence: String = chars.get(..len)?.iter().collect();
    let (bytes, _, unmappable) = WINDOWS_1252.encode(&sequence);
    if unmappable || bytes.len() != len {
        return None;
    }
    let decoded = std::str::from_utf8(&bytes).ok()?;
    let mut decoded = decoded.chars();
    let c = decoded.next()?;
    (decoded.next().is_none() && plausible(c)).then_some((c, len))
}

/// Whether the doubly-encoded sequences of a text are repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// The text has none.
    Nothing,
    /// Every one is repaired.
    Repair,
    /// None is: the text also uses their leading letters as letters.
    Leave {
        /// The first sequence: line, column, the sequence, what it would be.
        first: (usize, usize, String, char),
        /// A leading letter used as a letter: line, column, the letter.
        letter: (usize, usize, char),
    },
}

impl Plan {
    /// The plan for a text.
    pub fn of(text: &str) -> Self {
        let mut first = None;
        let mut letter = None;
        for (index, line) in text.split('\n').enumerate() {
            let chars: Vec<char> = line.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if let Some((c, len)) = at(&chars[i..]) {
                    first.get_or_insert_with(|| (index + 1, i + 1, chars[i..i + len].iter().collect(), c));
                    i += len;
                    continue;
                }
                if lead(chars[i]).is_some() {
                    letter.get_or_insert((index + 1, i + 1, chars[i]));
                }
                i += 1;
            }
        }
        match (first, letter) {
            (None, _) => Self::Nothing,
            (Some(_), None) => Self::Repair,
            (Some(first), Some(letter)) => Self::Leave { first, letter },
        }
    }

    /// Whether sequences are repaired.
    pub fn repairs(&self) -> bool {
        *self == Self::Repair
    }

    /// The warning for sequences left as they are, if they are.
    pub fn left_as_it_is(&self) -> Option<Warning> {
        let Self::Leave { first: (line, column, sequence, c), letter: (at_line, at_column, letter) } = self else {
            return None;
        };
        Some(Warning {
            line: *line,
            column: *column,
            message: format!(
                "{sequence:?} looks like doubly-encoded UTF-8 for {c:?}, left as it is: the text also uses {letter:?} as a letter (line {at_line}, column {at_column}), so a repair could be wrong"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_and_what_they_stand_for() {
        // (text, the character, or none)
        let table: &[(&str, Option<char>)] = &[
            ("Ã§ois", Some('ç')),
            ("Ã©", Some('é')),
            ("Ã¼ber", Some('ü')),
            ("â€™s", Some('\u{2019}')),
            ("â€œ", Some('\u{201c}')),
            ("â€”", Some('\u{2014}')),
            ("â‚¬", Some('€')),
            ("â„¢", Some('™')),
            ("Â\u{a0}", Some('\u{a0}')),
            ("Å‚", Some('ł')),
            ("Ã\u{81}", Some('Á')),
            ("ÃO", None),
            ("â t", None),
            ("Ãx", None),
            ("Â", None),
            ("ß…", None),
            ("É”", None),
        ];
        for (text, expected) in table {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(at(&chars).map(|(c, _)| c), *expected, "{text:?}");
        }
    }

    #[test]
    fn repaired_only_when_the_text_never_uses_the_letters() {
        assert_eq!(Plan::of("Plain text, and café as UTF-8."), Plan::Nothing);
        assert_eq!(Plan::of("FranÃ§ois said itâ€™s over."), Plan::Repair);
        let mixed = Plan::of("FranÃ§ois met\nthe mayor of SÃO PAULO.");
        assert_eq!(mixed, Plan::Leave { first: (1, 5, "Ã§".to_owned(), 'ç'), letter: (2, 15, 'Ã') });
        assert_eq!(
            mixed.left_as_it_is().map(|w| w.to_string()).as_deref(),
            Some(
                "line 1, column 5: \"Ã§\" looks like doubly-encoded UTF-8 for 'ç', left as it is: the text also uses 'Ã' as a letter (line 2, column 15), so a repair could be wrong"
            )
        );
    }
}
