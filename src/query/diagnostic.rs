//! Query errors people can act on.
//!
//! Takes a query's own text (as the user wrote it: a bundled query, a file,
//! or `--sparql`), the parser's error and the prefixes newskg declares, and
//! hands on a [`SyntaxError`]: the place in that text (line and column), the
//! line itself with a caret under the place, and what is wrong in plain
//! words. The SPARQL parser reports the farthest place it reached and the
//! tokens it could have taken there; a light scan of the text (strings,
//! IRIs, brackets, prefixed names, triple patterns) finds the usual
//! mistakes first and says them as a person would. It also words the
//! errors in `--param` and `--graph` values, with a caret under the place
//! in the value.

use std::fmt;
use std::path::PathBuf;

/// Where a query's text comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryOrigin {
    /// A bundled query, by name.
    Bundled(String),
    /// A query file.
    File(PathBuf),
    /// Text given on the command line (`--sparql`) or by a program.
    #[default]
    Inline,
}

impl fmt::Display for QueryOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bundled(name) => write!(f, "bundled query `{name}`"),
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Inline => write!(f, "--sparql query"),
        }
    }
}

/// A query that does not parse, located in the user's own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The query it is in.
    pub origin: QueryOrigin,
    /// 1-based line in the query's text.
    pub line: usize,
    /// 1-based column (in characters) in that line.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// The line of the query, for the caret display.
    pub source_line: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "invalid SPARQL in {}, line {}, column {}: {}", self.origin, self.line, self.column, self.message)?;
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        let (shown, caret) = excerpt(&self.source_line, self.column - 1);
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{number} | {shown}")?;
        write!(f, "{gutter} | {}^", " ".repeat(caret))
    }
}

impl std::error::Error for SyntaxError {}

/// The most characters of a line shown around the caret.
const EXCERPT: usize = 76;

/// The line as shown (tabs as four spaces, a long line cut to a window
/// around the place, with `…` where it is cut) and the caret's column in it.
fn excerpt(line: &str, place: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let place = place.min(chars.len());
    let (mut start, mut end) = (0, chars.len());
    if chars.len() > EXCERPT {
        start = place.saturating_sub(EXCERPT / 2).min(chars.len().saturating_sub(EXCERPT));
        end = (start + EXCERPT).min(chars.len());
    }
    let mut shown = String::new();
    let mut caret = 0;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    for (i, c) in chars.iter().enumerate().take(end).skip(start) {
        let text = if *c == '\t' { "    ".to_owned() } else { c.to_string() };
        if i < place {
            caret += text.chars().count();
        }
        shown.push_str(&text);
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// Builds the error for `text`, which failed to parse with `parser_error`,
/// under the prefixes newskg declares (`declared`, as `name:`).
pub fn syntax_error(origin: QueryOrigin, text: &str, parser_error: &str, declared: &[&str]) -> SyntaxError {
    let (offset, message) = diagnose(text, parser_error, declared);
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    SyntaxError {
        origin,
        line: text[..offset].matches('\n').count() + 1,
        column: text[line_start..offset].chars().count() + 1,
        message,
        source_line: text[line_start..line_end].trim_end_matches('\r').to_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A variable, IRI, prefixed name, literal, number, blank node or `a`.
    Term,
    /// `{ } ( ) [ ] . ; ,` and operators.
    Punct(char),
    /// A keyword or function name.
    Word,
    /// A string or IRI without its closing delimiter.
    Unclosed(&'static str),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    offset: usize,
}

/// Splits a query into tokens, leaving out white space and comments.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '%' | '\\');
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let start = i;
        let token = |kind, end: usize| Token { kind, text: &text[start..end], offset: start };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c == '#' {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        }
        if c == '"' || c == '\'' {
            let long = if c == '"' { "\"\"\"" } else { "'''" };
            let (delimiter, body_start) = if rest.starts_with(long) { (long, 3) } else { (&rest[..1], 1) };
            let mut j = body_start;
            let mut closed = None;
            while j < rest.len() {
                if rest[j..].starts_with('\\') {
                    j += 1 + rest[j + 1..].chars().next().map_or(0, char::len_utf8);
                } else if rest[j..].starts_with(delimiter) {
                    closed = Some(j + delimiter.len());
                    break;
                } else if delimiter.len() == 1 && rest[j..].starts_with('\n') {
                    break;
                } else {
                    j += rest[j..].chars().next().map_or(1, char::len_utf8);
                }
            }
            match closed {
                Some(end) => {
                    let mut end = i + end;
                    // A language tag or a datatype belongs to the literal.
                    if text[end..].starts_with('@') {
                        end += 1 + text[end + 1..]
                            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
                            .unwrap_or(text.len() - end - 1);
                    }
                    tokens.push(token(Kind::Term, end));
                    i = end;
                }
                None => {
                    tokens.push(token(Kind::Unclosed("string"), i + j));
                    return tokens;
                }
            }
            continue;
        }
        if c == '<' {
            // An IRI, unless it is the operator `<` or `<=` (a space or a
            // character no IRI holds comes before any `>`).
            let end = rest[1..].find(|c: char| c == '>' || c.is_whitespace() || "<\"{}|^`".contains(c));
            let looks_like_iri =
                |e: usize| rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) && rest[1..e].contains(':');
            match end.map(|e| (e + 1, rest.as_bytes()[e + 1])) {
                Some((e, b'>')) => {
                    tokens.push(token(Kind::Term, i + e + 1));
                    i += e + 1;
                }
                Some((e, _)) if looks_like_iri(e) => {
                    tokens.push(token(Kind::Unclosed("IRI"), i + e));
                    return tokens;
                }
                None if looks_like_iri(rest.len()) => {
                    tokens.push(token(Kind::Unclosed("IRI"), text.len()));
                    return tokens;
                }
                _ => {
                    tokens.push(token(Kind::Punct('<'), i + 1));
                    i += 1;
                }
            }
            continue;
        }
        if c == '?' || c == '$' {
            let len = rest[1..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len() - 1);
            tokens.push(token(if len > 0 { Kind::Term } else { Kind::Punct(c) }, i + 1 + len));
            i += 1 + len;
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == ':' {
            let mut len = rest.find(|c: char| !name_char(c)).unwrap_or(rest.len());
            // A name does not end with `.`: that ends the triple pattern.
            while rest[..len].ends_with('.') {
                len -= 1;
            }
            let word = &rest[..len];
            let kind = if word.contains(':')
                || word == "a"
                || word.chars().next().is_some_and(|c| c.is_ascii_digit())
                || matches!(word.to_ascii_lowercase().as_str(), "true" | "false")
            {
                Kind::Term
            } else {
                Kind::Word
            };
            tokens.push(token(kind, i + len));
            i += len;
            continue;
        }
        tokens.push(token(Kind::Punct(c), i + c.len_utf8()));
        i += c.len_utf8();
    }
    tokens
}

/// SPARQL 1.1's keywords and built-in functions (and RDF 1.2's).
const KEYWORDS: &[&str] = &[
    "BASE",
    "PREFIX",
    "SELECT",
    "DISTINCT",
    "REDUCED",
    "AS",
    "CONSTRUCT",
    "DESCRIBE",
    "ASK",
    "FROM",
    "NAMED",
    "WHERE",
    "GROUP",
    "BY",
    "HAVING",
    "ORDER",
    "ASC",
    "DESC",
    "LIMIT",
    "OFFSET",
    "VALUES",
    "UNDEF",
    "OPTIONAL",
    "GRAPH",
    "SERVICE",
    "SILENT",
    "BIND",
    "MINUS",
    "UNION",
    "FILTER",
    "NOT",
    "EXISTS",
    "IN",
    "LATERAL",
    "STR",
    "LANG",
    "LANGMATCHES",
    "LANGDIR",
    "DATATYPE",
    "BOUND",
    "IRI",
    "URI",
    "BNODE",
    "RAND",
    "ABS",
    "CEIL",
    "FLOOR",
    "ROUND",
    "CONCAT",
    "STRLEN",
    "UCASE",
    "LCASE",
    "ENCODE_FOR_URI",
    "CONTAINS",
    "STRSTARTS",
    "STRENDS",
    "STRBEFORE",
    "STRAFTER",
    "YEAR",
    "MONTH",
    "DAY",
    "HOURS",
    "MINUTES",
    "SECONDS",
    "TIMEZONE",
    "TZ",
    "NOW",
    "UUID",
    "STRUUID",
    "MD5",
    "SHA1",
    "SHA256",
    "SHA384",
    "SHA512",
    "COALESCE",
    "IF",
    "STRLANG",
    "STRLANGDIR",
    "STRDT",
    "SAMETERM",
    "ISIRI",
    "ISURI",
    "ISBLANK",
    "ISLITERAL",
    "ISNUMERIC",
    "ISTRIPLE",
    "HASLANG",
    "HASLANGDIR",
    "TRIPLE",
    "SUBJECT",
    "PREDICATE",
    "OBJECT",
    "REGEX",
    "SUBSTR",
    "REPLACE",
    "COUNT",
    "SUM",
    "MIN",
    "MAX",
    "AVG",
    "SAMPLE",
    "GROUP_CONCAT",
    "SEPARATOR",
];

/// The variables a query uses, without `?` or `$`, sorted.
pub fn variables(text: &str) -> std::collections::BTreeSet<String> {
    tokens(text)
        .iter()
        .filter(|t| t.kind == Kind::Term && t.text.starts_with(['?', '$']))
        .map(|t| t.text[1..].to_owned())
        .collect()
}

/// The place and the plain-words reason of a syntax error.
fn diagnose(text: &str, parser_error: &str, declared: &[&str]) -> (usize, String) {
    let tokens = tokens(text);
    if let Some(t) = tokens.iter().find(|t| matches!(t.kind, Kind::Unclosed(_))) {
        let Kind::Unclosed(what) = t.kind else { unreachable!() };
        let close = if what == "IRI" { "`>`" } else { "quote" };
        return (t.offset, format!("this {what} is never closed (its closing {close} is missing)"));
    }
    if let Some(found) = unknown_prefix(&tokens, declared) {
        return found;
    }
    if let Some(update) = tokens.first().filter(|t| {
        t.kind == Kind::Word
            && ["INSERT", "DELETE", "DROP", "CLEAR", "LOAD", "CREATE", "ADD", "MOVE", "COPY", "WITH"]
                .iter()
                .any(|k| t.text.eq_ignore_ascii_case(k))
    }) {
        let message = format!(
            "`{}` begins a SPARQL Update; newskg runs queries only (SELECT, ASK, CONSTRUCT, DESCRIBE) and never changes the store",
            update.text
        );
        return (update.offset, message);
    }
    if let Some(found) = query_form(&tokens) {
        return found;
    }
    if let Some(found) = unbalanced(&tokens) {
        return found;
    }
    let (offset, expected) = parser_place(text, parser_error);
    if let Some(found) = short_triple(&tokens, offset) {
        return found;
    }
    if let Some(word) = tokens
        .iter()
        .take_while(|t| t.offset <= offset)
        .filter(|t| t.kind == Kind::Word)
        .find(|t| !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(t.text)))
    {
        let hint = crate::suggest(&word.text.to_ascii_uppercase(), KEYWORDS.iter().copied())
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        return (word.offset, format!("`{}` is not a SPARQL keyword or function{hint}", word.text));
    }
    (offset, expected_in_words(&expected))
}

/// A query that does not begin (after its PREFIX and BASE declarations)
/// with one of the four query forms.
fn query_form(tokens: &[Token<'_>]) -> Option<(usize, String)> {
    const FORMS: [&str; 4] = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"];
    let mut i = 0;
    loop {
        let word = tokens.get(i)?.text.to_ascii_uppercase();
        match word.as_str() {
            "PREFIX" => i += 3,
            "BASE" => i += 2,
            _ => break,
        }
    }
    let first = tokens.get(i)?;
    let upper = first.text.to_ascii_uppercase();
    if FORMS.contains(&upper.as_str()) {
        return None;
    }
    let hint = crate::suggest(&upper, FORMS).map(|f| format!("; did you mean `{f}`?")).unwrap_or_default();
    Some((
        first.offset,
        format!("a query begins with SELECT, ASK, CONSTRUCT or DESCRIBE (after its PREFIX and BASE lines){hint}"),
    ))
}

/// The first prefixed name whose prefix neither the query nor newskg
/// declares.
fn unknown_prefix(tokens: &[Token<'_>], declared: &[&str]) -> Option<(usize, String)> {
    let mut known: Vec<String> = declared.iter().map(|p| (*p).to_owned()).collect();
    let mut own = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind == Kind::Word && token.text.eq_ignore_ascii_case("PREFIX") {
            if let Some(name) = tokens.get(i + 1).and_then(|t| t.text.strip_suffix(':')) {
                own.push(name.to_owned());
            }
            continue;
        }
        let is_declaration = i > 0 && tokens[i - 1].text.eq_ignore_ascii_case("PREFIX");
        let Some((prefix, _)) = token.text.split_once(':') else { continue };
        if token.kind != Kind::Term || token.text.starts_with(['<', '"', '\'', '?', '$']) || is_declaration {
            continue;
        }
        if prefix == "_" || known.iter().chain(&own).any(|k| k == prefix) {
            continue;
        }
        known.extend(own);
        let list = known.iter().map(|p| format!("{p}:")).collect::<Vec<_>>().join(" ");
        let hint = match crate::suggest(prefix, known.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}:`? "),
            None => String::new(),
        };
        return Some((
            token.offset,
            format!(
                "unknown prefix `{prefix}:`; {hint}the prefixes declared are {list} (declare another with `PREFIX {prefix}: <IRI>`)"
            ),
        ));
    }
    None
}

/// A closing bracket that closes nothing or the wrong bracket, or an
/// opening one never closed.
fn unbalanced(tokens: &[Token<'_>]) -> Option<(usize, String)> {
    let mut open: Vec<&Token<'_>> = Vec::new();
    for token in tokens {
        let Kind::Punct(c) = token.kind else { continue };
        match c {
            '{' | '(' | '[' => open.push(token),
            '}' | ')' | ']' => {
                let wanted = match c {
                    '}' => '{',
                    ')' => '(',
                    _ => '[',
                };
                match open.pop() {
                    Some(o) if o.text.starts_with(wanted) => {}
                    Some(o) => {
                        return Some((
                            token.offset,
                            format!("`{c}` cannot close the `{}` opened before it; close that first", o.text),
                        ));
                    }
                    None => {
                        return Some((token.offset, format!("`{c}` closes nothing: there is no `{wanted}` before it")));
                    }
                }
            }
            _ => {}
        }
    }
    let unclosed = open.last()?;
    let closer = match unclosed.text {
        "{" => '}',
        "(" => ')',
        _ => ']',
    };
    Some((unclosed.offset, format!("this `{}` is never closed (a `{closer}` is missing)", unclosed.text)))
}

/// The parser's place (a byte offset in `text`) and the list of what it
/// expected there. Its message reads `error at LINE:COLUMN: expected …`,
/// columns counting characters.
fn parser_place(text: &str, parser_error: &str) -> (usize, String) {
    let parsed = parser_error.strip_prefix("error at ").and_then(|rest| {
        let (place, expected) = rest.split_once(": ")?;
        let (line, column) = place.split_once(':')?;
        let expected = expected.strip_prefix("expected ").unwrap_or(expected);
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?, expected))
    });
    let Some((line, column, expected)) = parsed else {
        return (text.len(), parser_error.to_owned());
    };
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    let offset = text[line_start.min(text.len())..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i);
    (offset, expected.to_owned())
}

/// A triple pattern with one or two terms where three are needed, ending
/// at or just before the parser's place.
fn short_triple(tokens: &[Token<'_>], offset: usize) -> Option<(usize, String)> {
    let at = tokens.iter().position(|t| t.offset >= offset).unwrap_or(tokens.len());
    let mut ends = vec![at];
    if at > 0 && matches!(tokens[at - 1].kind, Kind::Punct('}' | '.')) {
        ends.push(at - 1);
    }
    for end in ends {
        let closes = tokens.get(end).is_none_or(|t| matches!(t.kind, Kind::Punct('}' | '.')));
        if !closes {
            continue;
        }
        let start = tokens[..end].iter().rposition(|t| t.kind != Kind::Term).map_or(0, |i| i + 1);
        let terms = &tokens[start..end];
        let before = start.checked_sub(1).map(|i| tokens[i].kind);
        let place =
            tokens.get(end).map_or_else(|| terms.last().map_or(offset, |t| t.offset + t.text.len()), |t| t.offset);
        let written = terms.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
        match (before, terms.len()) {
            (Some(Kind::Punct('{' | '.')), 1 | 2) => {
                let missing = if terms.len() == 1 { "predicate and no object" } else { "object" };
                return Some((
                    place,
                    format!(
                        "a triple pattern needs a subject, a predicate and an object: `{written}` has no {missing}"
                    ),
                ));
            }
            (Some(Kind::Punct(';')), 1) => {
                return Some((place, format!("after `;` come a predicate and an object: `{written}` has no object")));
            }
            (Some(Kind::Punct(',')), 0) => {
                return Some((place, "after `,` comes another object".to_owned()));
            }
            _ => {}
        }
    }
    None
}

/// The parser's list of what it expected, in words: the keywords and
/// punctuation it names, its own messages as they are, and no character
/// classes.
fn expected_in_words(expected: &str) -> String {
    let list = expected.strip_prefix("one of ").unwrap_or(expected);
    let mut items: Vec<String> = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    let items: Vec<String> = items.iter().map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect();
    if let Some(message) = items.iter().find(|i| i.contains(' ') && !i.starts_with(['[', '"'])) {
        let mut chars = message.chars();
        let first = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
        return format!("{first}{}", chars.as_str());
    }
    let words: Vec<String> = items
        .iter()
        .filter(|i| !i.starts_with('['))
        .map(|i| format!("`{}`", i.trim_matches('"').replace("\\\"", "\"")))
        .collect();
    match words.len() {
        0 => "SPARQL cannot go on like this here".to_owned(),
        1 => format!("SPARQL cannot go on like this here: it expects {}", words[0]),
        _ => format!("SPARQL cannot go on like this here: it expects one of {}", words.join(", ")),
    }
}

/// A value given on the command line (`--param NAME=VALUE`, `--graph
/// VALUE`) with a caret under the character at `place` (in characters).
pub fn value_caret(flag: &str, value: &str, place: usize) -> String {
    let value: String = value.chars().map(|c| if c.is_control() && c != '\t' { '\u{fffd}' } else { c }).collect();
    let (shown, caret) = excerpt(&value, place);
    let lead = " ".repeat(flag.chars().count() + 1);
    format!("  {flag} {shown}\n  {lead}{}^", " ".repeat(caret))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefixes newskg declares, as the query stage passes them.
    const DECLARED: &[&str] = &["nkg", "schema", "prov", "rdf"];

    fn error(text: &str) -> SyntaxError {
        let parser = oxigraph::sparql::SparqlEvaluator::new();
        let parser = DECLARED
            .iter()
            .fold(parser, |p, prefix| p.with_prefix(*prefix, format!("http://example.org/{prefix}#")).expect("prefix"));
        let message = parser.parse_query(text).err().expect("the query must not parse").to_string();
        syntax_error(QueryOrigin::Inline, text, &message, DECLARED)
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        // (query, line, column, words in the message)
        let table: &[(&str, usize, usize, &str)] = &[
            (
                "SELECT * WHERE { ?s ?p }",
                1,
                24,
                "a triple pattern needs a subject, a predicate and an object: `?s ?p` has no object",
            ),
            ("SELECT * WHERE { ?s }", 1, 21, "`?s` has no predicate and no object"),
            ("SELECT *\nWHERE {\n  ?s ?p .\n  ?s ?p ?o\n}", 3, 9, "`?s ?p` has no object"),
            ("SELECT * WHERE { ?s schema:name ?n ; schema:about }", 1, 51, "after `;` come a predicate and an object"),
            ("SELECT * WHERE { ?s foo:bar ?o }", 1, 21, "unknown prefix `foo:`"),
            ("SELECT * WHERE { ?s shema:name ?o }", 1, 21, "did you mean `schema:`?"),
            (
                "PREFIX ex: <http://e/>\nSELECT * WHERE { ?s ex:p ?o . ?o ey:q ?z }",
                2,
                34,
                "the prefixes declared are nkg: schema: prov: rdf: ex:",
            ),
            ("SELECT * WHERE { ?s ?p \"open }", 1, 24, "this string is never closed"),
            ("SELECT * WHERE { ?s <http://e/p ?o }", 1, 21, "this IRI is never closed"),
            ("SELECT * WHERE { ?s ?p ?o ", 1, 16, "this `{` is never closed (a `}` is missing)"),
            ("SELECT * WHERE { ?s ?p ?o FILTER(?o > 1 }", 1, 41, "`}` cannot close the `(` opened before it"),
            ("SELECT * WHERE { ?s ?p ?o } }", 1, 29, "`}` closes nothing"),
            ("SELEC * WHERE { ?s ?p ?o }", 1, 1, "did you mean `SELECT`?"),
            (
                "SELECT * WHERE { ?s ?p ?o } LIMT 3",
                1,
                29,
                "`LIMT` is not a SPARQL keyword or function; did you mean `LIMIT`?",
            ),
            ("SELECT * WHERE { ?s ?p ?o } ORDER ?s", 1, 37, "SPARQL cannot go on like this here: it expects `BY`"),
            ("SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?o }", 1, 46, "the SELECT contains a variable that is unbound"),
            ("DROP ALL", 1, 1, "newskg runs queries only"),
        ];
        for (query, line, column, words) in table {
            let e = error(query);
            assert_eq!((e.line, e.column), (*line, *column), "{query}: {e}");
            assert!(e.message.contains(words), "{query}: {}", e.message);
        }
    }

    #[test]
    fn the_caret_is_under_the_place() {
        let e = error("SELECT *\nWHERE {\n\t?s ?p\n}");
        assert_eq!(
            e.to_string(),
            "invalid SPARQL in --sparql query, line 4, column 1: a triple pattern needs a subject, a predicate \
             and an object: `?s ?p` has no object\n  |\n4 | }\n  | ^"
        );
        let e = error("SELECT * WHERE {\n\t?s schema:nam ?o . ?s ?p }");
        let text = e.to_string();
        assert!(text.ends_with("2 |     ?s schema:nam ?o . ?s ?p }\n  |                              ^"), "{text}");
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let query = format!("SELECT * WHERE {{ {} ?s ?p }}", "?a ?b ?c . ".repeat(20));
        let text = error(&query).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].starts_with("1 | …") && lines[2].chars().count() <= 4 + EXCERPT + 2, "{text}");
        let caret = lines[3].chars().position(|c| c == '^').expect("caret");
        assert_eq!(lines[2].chars().nth(caret), Some('}'), "{text}");
    }

    #[test]
    fn values_get_a_caret_too() {
        assert_eq!(value_caret("--param", "e=<a b>", 4), "  --param e=<a b>\n              ^");
    }
}
