//! Tokens of the running text (caption, credit and body paragraphs), each with
//! its code-point span, its sentence and its block.

use crate::article::{Article, Span};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, with inner hyphens and apostrophes ("then-President", "don't")
    /// or dots ("U.S.").
    Word,
    /// Digits, with inner separators ("1,200", "3.5") and a decade's `s` ("1990s").
    Number,
    /// The possessive `'s` or `’s` after a word.
    Possessive,
    /// `“`.
    OpenQuote,
    /// `”`.
    CloseQuote,
    /// `"`, opening or closing depending on where it stands.
    StraightQuote,
    /// Any other character that is not a space.
    Punct(char),
}

/// A token of the text.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// Where it is, in code points.
    pub span: Span,
    /// Its text.
    pub text: &'a str,
    /// What it is.
    pub kind: Kind,
    /// Index of its sentence in `Article::sentences`.
    pub sentence: usize,
    /// Index of its block in `Article::blocks`.
    pub block: usize,
}

impl Token<'_> {
    /// Whether the token is a word starting with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the token is this punctuation character.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// The word in lower case (ASCII only, which is all the rule tables hold).
    pub fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }

    /// Whether the token is a word equal to `word`, ignoring ASCII case.
    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }
}

/// The tokens of every caption, credit and body block, in text order.
pub(crate) fn tokenize(article: &Article) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut sentence = 0;
    for (block_index, block) in article.paragraphs() {
        let text = article.slice(block.span);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            let kind = if c.is_alphabetic() {
                i = word_end(&chars, i);
                Kind::Word
            } else if c.is_ascii_digit() {
                i = number_end(&chars, i);
                Kind::Number
            } else if matches!(c, '\'' | '\u{2019}') && is_possessive(&chars, i) {
                i += 2;
                Kind::Possessive
            } else {
                i += 1;
                match c {
                    '"' => Kind::StraightQuote,
                    '\u{201c}' => Kind::OpenQuote,
                    '\u{201d}' => Kind::CloseQuote,
                    other => Kind::Punct(other),
                }
            };
            let span = Span { begin: block.span.begin + start, end: block.span.begin + i };
            while article.sentences.get(sentence).is_some_and(|s| s.span.end <= span.begin) {
                sentence += 1;
            }
            tokens.push(Token {
                span,
                text: &text[byte_at(start)..byte_at(i)],
                kind,
                sentence: sentence.min(article.sentences.len().saturating_sub(1)),
                block: block_index,
            });
        }
    }
    tokens
}

fn is_possessive(chars: &[(usize, char)], i: usize) -> bool {
    let after_letter = i > 0 && chars[i - 1].1.is_alphanumeric();
    let s = chars.get(i + 1).is_some_and(|(_, c)| *c == 's');
    let then_boundary = chars.get(i + 2).is_none_or(|(_, c)| !c.is_alphanumeric());
    after_letter && s && then_boundary
}

fn word_end(chars: &[(usize, char)], start: usize) -> usize {
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let mut i = start + 1;
    loop {
        match at(i) {
            Some(c) if c.is_alphanumeric() => i += 1,
            Some('-') if at(i + 1).is_some_and(char::is_alphanumeric) => i += 1,
            Some('\'' | '\u{2019}') if at(i + 1).is_some_and(char::is_alphabetic) && !is_possessive(chars, i) => {
                i += 1;
            }
            // A dotted acronym: "U.S.", "U.N.".
            Some('.')
                if at(i + 1).is_some_and(char::is_uppercase)
                    && at(i + 2) == Some('.')
                    && chars[start..i].iter().all(|(_, c)| c.is_uppercase() || *c == '.') =>
            {
                i += 2;
            }
            _ => break,
        }
    }
    if at(i) == Some('.') && chars[start..i].iter().any(|(_, c)| *c == '.') {
        i += 1;
    }
    i
}

fn number_end(chars: &[(usize, char)], start: usize) -> usize {
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let mut i = start + 1;
    loop {
        match at(i) {
            Some(c) if c.is_ascii_digit() => i += 1,
            Some(',' | '.') if at(i + 1).is_some_and(|c| c.is_ascii_digit()) => i += 1,
            _ => break,
        }
    }
    // A decade: "1990s".
    if at(i) == Some('s') && at(i + 1).is_none_or(|c| !c.is_alphanumeric()) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let table: &[(&str, &[(&str, Kind)])] = &[
            (
                "Medvedev's then-President said \"no.\"",
                &[
                    ("Medvedev", Kind::Word),
                    ("'s", Kind::Possessive),
                    ("then-President", Kind::Word),
                    ("said", Kind::Word),
                    ("\"", Kind::StraightQuote),
                    ("no", Kind::Word),
                    (".", Kind::Punct('.')),
                    ("\"", Kind::StraightQuote),
                ],
            ),
            (
                "The U.S. sent 1,200 troops in the 1990s, didn’t it?",
                &[
                    ("The", Kind::Word),
                    ("U.S.", Kind::Word),
                    ("sent", Kind::Word),
                    ("1,200", Kind::Number),
                    ("troops", Kind::Word),
                    ("in", Kind::Word),
                    ("the", Kind::Word),
                    ("1990s", Kind::Number),
                    (",", Kind::Punct(',')),
                    ("didn’t", Kind::Word),
                    ("it", Kind::Word),
                    ("?", Kind::Punct('?')),
                ],
            ),
            (
                "“Kim’s visit,” officials’ view",
                &[
                    ("“", Kind::OpenQuote),
                    ("Kim", Kind::Word),
                    ("’s", Kind::Possessive),
                    ("visit", Kind::Word),
                    (",", Kind::Punct(',')),
                    ("”", Kind::CloseQuote),
                    ("officials", Kind::Word),
                    ("’", Kind::Punct('’')),
                    ("view", Kind::Word),
                ],
            ),
        ];
        for (paragraph, expected) in table {
            let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{paragraph}")).unwrap();
            let got: Vec<(&str, Kind)> = tokenize(&article).iter().map(|t| (t.text, t.kind)).collect();
            assert_eq!(&got, expected, "{paragraph}");
            for t in tokenize(&article) {
                assert_eq!(article.slice(t.span), t.text);
            }
        }
    }
}
