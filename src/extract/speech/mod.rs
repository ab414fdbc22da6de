//! Quotations and reported speech.
//!
//! Quotations are the spans between straight or curly quotation marks, in one
//! paragraph (an unclosed quotation runs to the paragraph's end and goes on in
//! the next one). A speaker is attributed from the quotation's own sentence in
//! the forms news prose uses — `"…," X said`, `"…," said X`, `X said: "…"`,
//! `X said (that) "…"`, `X told Y "…"`, a partial quotation inside `X said …`,
//! a trailing `…, X said.` — or, for a sentence that is nothing but a
//! quotation, from the quotation before it in the paragraph. X is resolved to
//! an entity only when that is certain: a known or candidate name, a title and
//! a name, an apposition, a description of an anonymous source, a plural group
//! ("diplomats"), `the <title>` when one person holds that title in the text,
//! or `he`/`she` when the last speaker is the only person named since. Anything
//! else leaves the quotation without a speaker: a wrong speaker is worse than none.
//!
//! Reported speech gives claims: `X said (that) CLAUSE`, `X confirmed that
//! CLAUSE`, `X say CLAUSE`, `X cited Y as saying CLAUSE`, `according to X,
//! CLAUSE`, `CLAUSE, X said`, with hedges in the clause lowering certainty.

mod attribution;
mod claims;
mod coref;
mod phrases;
mod quotes;
mod roles;

use std::collections::{BTreeMap, BTreeSet};

use super::lexicon::{SPEECH_VERBS, is_title_noun};
use super::tokens::{Kind, Token};
use super::{ExtractedClaim, ExtractedQuotation, Reference, Registry, Title};
use crate::annotation::EntityType;
use crate::article::{Article, Span};
use crate::mentions::Mention;
use quotes::pair_quotes;

/// Words that end a noun phrase read backwards from a verb.
const BOUNDARIES: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "although", "though", "if", "as",
    "but", "or", "so", "then", "after", "before", "since", "until", "than", "whether", "what", "is", "was", "were",
    "are", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "did", "does", "do",
    "been", "be", "not", "it", "they", "we", "i", "you", "him", "them", "us", "me", "there", "also", "and", "nor",
    "being", "having", "saying", "adding", "reading", "called", "once", "however",
];

/// Leading words stripped from a noun phrase.
const LEADING: &[&str] = &["but", "and", "or", "also", "however", "meanwhile", "then", "so", "yet"];

/// Adverbs between a subject and its verb ("Smith later said"), and the
/// intensifying pronouns that stand there too ("Smith herself said"). Not
/// "never": what someone never said is not their words.
const ADVERBS: &[&str] = &[
    "later",
    "earlier",
    "also",
    "separately",
    "previously",
    "again",
    "then",
    "repeatedly",
    "further",
    "first",
    "now",
    "still",
    "once",
    "often",
    "already",
    "even",
    "himself",
    "herself",
    "itself",
    "themselves",
];

/// Nouns that end in `-ly` like adverbs ("Ruiz's family said").
const NOUNS_IN_LY: &[&str] =
    &["family", "ally", "rally", "supply", "reply", "assembly", "anomaly", "monopoly", "bully"];

/// Words that open a phrase of manner after a verb ("by telephone").
const MANNER_PREPOSITIONS: &[&str] =
    &["by", "in", "on", "at", "via", "during", "over", "through", "from", "after", "while", "before"];

/// Lower-case words after a name that are not its verb.
pub(super) const NOT_VERBS: &[&str] = &[
    "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "about", "over", "under", "and", "or", "but",
    "as", "than", "the", "a", "an", "who", "whom", "whose", "which", "that", "this", "these", "those", "his", "her",
    "its", "their", "our", "my", "your", "if", "because", "since", "while", "when", "after", "before", "during",
    "against", "between", "among", "without", "within", "through", "toward", "towards", "across", "via", "per",
];

/// Auxiliaries and common verbs whose form does not show them to be verbs.
const COMMON_VERBS: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "did",
    "does",
    "do",
    "made",
    "went",
    "came",
    "took",
    "gave",
    "got",
    "put",
    "ran",
    "saw",
    "met",
    "won",
    "lost",
    "led",
    "left",
    "kept",
    "held",
    "felt",
    "knew",
    "thought",
    "brought",
    "became",
    "began",
    "spoke",
    "wrote",
    "sent",
    "spent",
    "built",
    "paid",
    "sat",
    "stood",
    "heard",
    "let",
    "set",
    "cut",
    "hit",
    "read",
    "told",
    "said",
    "sought",
    "fought",
    "taught",
    "bought",
    "caught",
    "meant",
    "found",
    "rose",
    "fell",
    "drew",
    "drove",
    "chose",
    "broke",
    "struck",
    "swore",
    "wore",
    "tore",
    "threw",
    "grew",
    "flew",
    "ate",
    "forgot",
    "hid",
    "bit",
    "shot",
    "slid",
    "spun",
    "stuck",
    "sank",
    "sang",
    "rang",
    "swam",
    "won't",
    "can't",
    "didn't",
    "doesn't",
    "isn't",
    "wasn't",
    "hasn't",
    "hadn't",
    "wouldn't",
    "couldn't",
    "shouldn't",
    "also",
    "never",
];

/// A quotation before attribution.
#[derive(Debug, Clone)]
struct Quote {
    open: usize,
    close: Option<usize>,
    text: Span,
    marks: Span,
    block: usize,
    sentence: usize,
}

/// What a noun phrase refers to.
enum Np {
    Entity(Reference),
    Pronoun(Span),
    /// A speaker's noun phrase that names nobody known ("said Del.").
    Unnamed(Span),
    Unresolved,
}

/// A speaker found for a quotation or claim, before pronouns are resolved.
struct Attribution {
    speaker: Np,
    verb: usize,
    addressee: Option<Reference>,
    manner: Option<String>,
    cue: String,
}

/// The state of the speech pass over one article.
pub(crate) struct Speech<'a, 'r> {
    article: &'a Article,
    tokens: &'a [Token<'a>],
    mentions: &'a [Mention],
    exact: BTreeMap<Span, BTreeSet<String>>,
    titles: &'a [Title],
    in_time: Vec<bool>,
    quote_of: Vec<Option<usize>>,
    quotes: Vec<Quote>,
    /// First and one-past-last token of each sentence that has tokens.
    sentences: BTreeMap<usize, (usize, usize)>,
    registry: &'r mut Registry,
    /// Entities that spoke, in text order, with the span naming them.
    timeline: Vec<(Span, String)>,
    /// Quotations given a speaker, in text order: the quotation's marks and its speaker.
    spoken: Vec<(Span, String)>,
    /// Verbs already used by a quotation's attribution.
    consumed: BTreeSet<usize>,
    /// Token index by the offset where the token begins, and where it ends.
    token_at: BTreeMap<usize, usize>,
    token_ending: BTreeMap<usize, usize>,
    /// People's genders, as the article's own words give them.
    gender: BTreeMap<String, coref::Gender>,
    /// Pronouns resolved so far, with the entity each stands for.
    pronoun_refs: Vec<(Span, String)>,
    /// Speakers named by a phrase that resolves to nobody: whoever they
    /// are, they stand between a pronoun and the people named before them.
    unnamed: Vec<Span>,
    /// Partial quotations attributed so far, with the verb that reports each.
    partial: BTreeMap<usize, usize>,
}

impl<'a, 'r> Speech<'a, 'r> {
    pub(crate) fn new(
        article: &'a Article,
        tokens: &'a [Token<'a>],
        mentions: &'a [Mention],
        titles: &'a [Title],
        times: &[super::TimeExpression],
        registry: &'r mut Registry,
    ) -> Self {
        let mut exact: BTreeMap<Span, BTreeSet<String>> = BTreeMap::new();
        for m in mentions {
            exact.entry(m.span).or_default().insert(m.entity.clone());
        }
        let in_time = tokens.iter().map(|t| times.iter().any(|e| e.span.contains(t.span))).collect();
        let mut sentences: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (i, t) in tokens.iter().enumerate() {
            sentences.entry(t.sentence).and_modify(|r| r.1 = i + 1).or_insert((i, i + 1));
        }
        let quotes = pair_quotes(article, tokens);
        let mut quote_of = vec![None; tokens.len()];
        for (q, quote) in quotes.iter().enumerate() {
            let last = quote
                .close
                .unwrap_or_else(|| tokens.iter().rposition(|t| t.block == quote.block).unwrap_or(quote.open));
            for slot in &mut quote_of[quote.open..=last] {
                *slot = Some(q);
            }
        }
        let token_at = tokens.iter().enumerate().map(|(i, t)| (t.span.begin, i)).collect();
        let token_ending = tokens.iter().enumerate().map(|(i, t)| (t.span.end, i)).collect();
        let mut speech = Self {
            article,
            tokens,
            mentions,
            exact,
            titles,
            in_time,
            quote_of,
            quotes,
            sentences,
            registry,
            timeline: Vec::new(),
            spoken: Vec::new(),
            consumed: BTreeSet::new(),
            token_at,
            token_ending,
            gender: BTreeMap::new(),
            pronoun_refs: Vec::new(),
            unnamed: Vec::new(),
            partial: BTreeMap::new(),
        };
        speech.gender = speech.genders();
        speech
    }

    /// Runs the pass: quotations with their speakers, then claims, sentence by
    /// sentence so that pronouns see the speakers before them.
    pub(crate) fn run(mut self) -> (Vec<ExtractedQuotation>, Vec<ExtractedClaim>) {
        let mut quotations: Vec<ExtractedQuotation> = Vec::new();
        let mut claims = Vec::new();
        let sentence_ids: Vec<usize> = self.sentences.keys().copied().collect();
        for s in sentence_ids {
            self.subject_pronoun(s);
            let in_sentence: Vec<usize> = (0..self.quotes.len()).filter(|&q| self.quotes[q].sentence == s).collect();
            for q in in_sentence {
                let quotation = self.attribute(q, &quotations);
                if let Some(speaker) = &quotation.speaker {
                    self.timeline.push((speaker.span, speaker.entity.clone()));
                    self.spoken.push((quotation.marks, speaker.entity.clone()));
                }
                quotations.push(quotation);
            }
            for claim in self.claims(s) {
                self.timeline.push((claim.source.span, claim.source.entity.clone()));
                claims.push(claim);
            }
        }
        (quotations, claims)
    }

    fn text(&self, span: Span) -> String {
        self.article.slice(span).to_owned()
    }

    fn span_of(&self, a: usize, b: usize) -> Span {
        Span { begin: self.tokens[a].span.begin, end: self.tokens[b - 1].span.end }
    }

    fn lower(&self, i: usize) -> String {
        self.tokens.get(i).map(Token::lower).unwrap_or_default()
    }

    fn is_word(&self, i: usize, words: &[&str]) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && words.contains(&t.lower().as_str()))
    }

    fn outside(&self, i: usize) -> bool {
        self.quote_of.get(i).is_some_and(Option::is_none)
    }

    /// A verb: a lower-case speech verb outside quotations.
    fn is_verb(&self, i: usize, verbs: &[&str]) -> bool {
        self.outside(i)
            && self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && !t.is_capitalised())
            && verbs.contains(&self.lower(i).as_str())
    }

    /// The entity's type, `None` when not known or when nothing in the text
    /// gave it (a one-word name may be a person's).
    fn kind_of(&self, entity: &str) -> Option<EntityType> {
        if self.registry.untyped(entity) {
            return None;
        }
        self.registry.kind(entity)
    }

    /// Whether the entity is a document ("the letter"), which is quoted from
    /// but is no agent.
    fn is_document(&self, entity: &str) -> bool {
        self.kind_of(entity).is_some_and(EntityType::is_document)
    }

    /// Whether token `i` is an adverb that may stand between a subject and
    /// its verb ("later", "forcefully").
    fn is_adverb(&self, i: usize) -> bool {
        self.is_word(i, ADVERBS)
            || self.tokens.get(i).is_some_and(|t| {
                t.kind == Kind::Word
                    && !t.is_capitalised()
                    && t.text.len() > 4
                    && t.text.ends_with("ly")
                    && !NOUNS_IN_LY.contains(&t.lower().as_str())
                    && self.outside(i)
            })
    }

    /// Whether token `i` looks like a finite verb: an auxiliary, a common
    /// irregular past, or a lower-case word ending in `-ed` or `-s` that is
    /// not a noun of office.
    fn looks_like_verb(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if t.kind != Kind::Word || t.is_capitalised() || !self.outside(i) || self.is_word(i, NOT_VERBS) {
            return false;
        }
        let lower = t.lower();
        COMMON_VERBS.contains(&lower.as_str())
            || SPEECH_VERBS.contains(&lower.as_str())
            || ((lower.ends_with("ed") || (lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us")))
                && !is_title_noun(&lower)
                && lower.len() > 3)
    }

    fn sentence_range(&self, s: usize) -> (usize, usize) {
        self.sentences.get(&s).copied().unwrap_or((0, 0))
    }
}

#[cfg(test)]
mod tests {
    use crate::article::Article;
    use crate::extract::{Known, extract};

    /// Quotations and speakers found without a gazetteer: (quotation text, speaker's name in the text).
    fn speakers(body: &str) -> Vec<(String, Option<String>)> {
        speakers_titled("T", body)
    }

    /// The same, for an article with this headline (the quotation
    /// tables of the speech stages share it).
    pub(super) fn speakers_titled(title: &str, body: &str) -> Vec<(String, Option<String>)> {
        let article = Article::parse(&format!("# {title}\n\nJune 29, 2011\n\n{body}")).unwrap();
        let extraction = extract(&article, &Known::default());
        extraction
            .quotations
            .iter()
            .map(|q| (article.slice(q.text).to_owned(), q.speaker.as_ref().map(|s| article.slice(s.span).to_owned())))
            .collect()
    }

    /// (quotation, speaker as named in the text) for each quotation of a
    /// table row, in the order of the text.
    pub(super) type Expected<'a> = &'a [(&'a str, Option<&'a str>)];

    /// Checks every (headline, body, expected) row of a quotation table and
    /// reports all the rows that differ at once.
    pub(super) fn assert_speakers<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, Expected<'a>)>) {
        let failures: Vec<String> = rows
            .into_iter()
            .filter_map(|(title, body, expected)| {
                let expected: Vec<(String, Option<String>)> =
                    expected.iter().map(|(q, s)| ((*q).to_owned(), s.map(str::to_owned))).collect();
                let got = speakers_titled(title, body);
                (got != expected).then(|| format!("{body}\n  expected {expected:?}\n  got      {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn attribution_forms() {
        // (paragraphs, expected (quotation, speaker as named in the text))
        let table: &[(&str, Expected<'_>)] = &[
            (
                "\"No such meeting is planned,\" Kremlin spokeswoman Natalya Timakova said by telephone.",
                &[("No such meeting is planned,", Some("Natalya Timakova"))],
            ),
            ("\"We are ready,\" said Anna Berg, the trade commissioner.", &[("We are ready,", Some("Anna Berg"))]),
            ("Anna Berg said: \"We are ready.\"", &[("We are ready.", Some("Anna Berg"))]),
            ("Anna Berg told Reuters that \"we are ready.\"", &[("we are ready.", Some("Anna Berg"))]),
            (
                "“A summit was planned,” a senior government source told Yonhap. “We have no idea why.”",
                &[
                    ("A summit was planned,", Some("a senior government source")),
                    ("We have no idea why.", Some("a senior government source")),
                ],
            ),
            (
                "Senator Ray Moss said he would travel to Oslo \"in the nearest time.\"",
                &[("in the nearest time.", Some("Ray Moss"))],
            ),
            (
                "\"We will rebuild,\" Mayor Ana Ruiz said. \"It will take years.\"\n\n\"It is hard,\" she said.",
                &[
                    ("We will rebuild,", Some("Ana Ruiz")),
                    ("It will take years.", Some("Ana Ruiz")),
                    ("It is hard,", Some("Ana Ruiz")),
                ],
            ),
            (
                "\"Go,\" Mayor Ana Ruiz said. Police Chief Tom Hale arrived. \"Stay,\" he said.",
                &[("Go,", Some("Ana Ruiz")), ("Stay,", None)],
            ),
            ("Protesters carried a banner reading \"Hands off our port.\"", &[("Hands off our port.", None)]),
            (
                "\"It failed,\" Mayor Ana Ruiz said. A banner read \"Never again.\"",
                &[("It failed,", Some("Ana Ruiz")), ("Never again.", None)],
            ),
            (
                "The minister's spokesman said the plan, which critics called \"a disaster,\" would pass.",
                &[("a disaster,", Some("critics"))],
            ),
            (
                "The minister's spokesman said the plan, which the press called \"a disaster,\" would pass.",
                &[("a disaster,", None)],
            ),
            // A document's words are quoted from it (it had no speaker before
            // documents were read as sources).
            (
                "The minister's spokesman said the plan, which the report called \"a disaster,\" would pass.",
                &[("a disaster,", Some("the report"))],
            ),
            (
                "\"We saw it,\" a police source in Vladivostok said.",
                &[("We saw it,", Some("a police source in Vladivostok"))],
            ),
            ("\"Nothing,\" the spokeswoman said.", &[("Nothing,", None)]),
        ];
        for (body, expected) in table {
            let expected: Vec<(String, Option<String>)> =
                expected.iter().map(|(q, s)| ((*q).to_owned(), s.map(str::to_owned))).collect();
            assert_eq!(speakers(body), expected, "{body}");
        }
    }

    /// One row per form of news prose the attribution reads, with rows where
    /// the speaker must be left out; every sentence written for this test.
    #[test]
    fn news_forms() {
        let table: &[(&str, Expected<'_>)] = &[
            // A role before the name.
            (
                "\"The count is close,\" campaign chairman Paul Ostrander told reporters.",
                &[("The count is close,", Some("Paul Ostrander"))],
            ),
            ("\"We knew,\" said former regional transport director Hedda Lunde.", &[("We knew,", Some("Hedda Lunde"))]),
            // An adverb or an intensifying pronoun between the subject and
            // its verb; "never" keeps the words from the subject.
            ("Hedda Lunde further described the plan as a \"bad bargain.\"", &[("bad bargain.", Some("Hedda Lunde"))]),
            ("Hedda Lunde herself called the plan a \"bad bargain.\"", &[("bad bargain.", Some("Hedda Lunde"))]),
            ("Hedda Lunde never called the plan a \"bad bargain.\"", &[("bad bargain.", None)]),
            // A parenthesis after the name.
            ("\"We need answers,\" Rep. Lena Vogt (D-Ore.) said Friday.", &[("We need answers,", Some("Lena Vogt"))]),
            // A suffix written with a full stop before the verb (the stop
            // ended the subject before the suffix's stop was read as one).
            ("\"We will rebuild,\" Marcus Hale Jr. said.", &[("We will rebuild,", Some("Marcus Hale"))]),
            // A suffix before an apposition (the part was not read up to it).
            (
                "\"It is late,\" Dana R. Whitfield II, a writer for the Harbor Review, said.",
                &[("It is late,", Some("Dana R. Whitfield"))],
            ),
            ("\"Orders are up,\" Tessel Corp. said Monday.", &[("Orders are up,", Some("Tessel Corp"))]),
            ("Tessel Corp. said \"orders are up\" again.", &[("orders are up", Some("Tessel Corp"))]),
            // "of ORGANISATION" after the name.
            (
                "\"Tariffs hurt farmers,\" said Edgar Lindqvist of the Baltic Grain Council.",
                &[("Tariffs hurt farmers,", Some("Edgar Lindqvist"))],
            ),
            // A question or exclamation before the attribution.
            ("\"Who pays for this?\" Mayor Ana Ruiz asked to applause.", &[("Who pays for this?", Some("Ana Ruiz"))]),
            // A full stop: only a bare attribution follows.
            (
                "\"Nobody will be left behind.\" Governor Tomas Brandt said so on Tuesday.",
                &[("Nobody will be left behind.", Some("Tomas Brandt"))],
            ),
            (
                "\"The bridge is closed.\" Mayor Ana Ruiz said it would reopen in May.",
                &[("The bridge is closed.", None)],
            ),
            // A verb of the manner of speaking, beside the quotation only.
            ("\"Why now?\" Senator Ray Moss demanded.", &[("Why now?", Some("Ray Moss"))]),
            (
                "Mayor Ana Ruiz offered the union a deal that \"nobody could refuse.\"",
                &[("nobody could refuse.", None)],
            ),
            // Inverted, opening the sentence.
            ("Mayor Ana Ruiz spoke first. Said Ruiz: \"We are ready.\"", &[("We are ready.", Some("Ruiz"))]),
            // A colon after the verb and a phrase of manner.
            ("Mayor Ana Ruiz responded with a smile: \"Not today.\"", &[("Not today.", Some("Ana Ruiz"))]),
            // Partial quotations after verbs other than "said".
            (
                "Senator Ray Moss called the plan \"a giveaway to banks.\"",
                &[("a giveaway to banks.", Some("Ray Moss"))],
            ),
            (
                "Senator Ray Moss denied that the deal was \"a backroom bargain.\"",
                &[("a backroom bargain.", Some("Ray Moss"))],
            ),
            (
                "Senator Ray Moss said he opposed the bill because the governor had called it \"urgent.\"",
                &[("urgent.", None)],
            ),
            // A participle or a second verb carries the subject.
            (
                "Mayor Ana Ruiz criticized the budget, saying it \"fails the city.\"",
                &[("fails the city.", Some("Ana Ruiz"))],
            ),
            (
                "Mayor Ana Ruiz praised the crews and said they had \"saved the town.\"",
                &[("saved the town.", Some("Ana Ruiz"))],
            ),
            // Pronouns: gender from the article's own words.
            (
                "Mayor Ana Ruiz said she would run again. Her rival, Tom Hale, said he would decide in May.\n\n\"It is too early to tell,\" she said.",
                &[("It is too early to tell,", Some("Ana Ruiz"))],
            ),
            (
                "Ana Ruiz said she would run. Lena Vogt said she would run too.\n\n\"It is early,\" she said.",
                &[("It is early,", None)],
            ),
            // A pronoun before the main clause stands for its subject.
            (
                "Though she called the plan \"reckless,\" Mayor Ana Ruiz voted for it.",
                &[("reckless,", Some("Ana Ruiz"))],
            ),
            // Follow-on quotations in the next paragraph.
            (
                "\"We will rebuild,\" Mayor Ana Ruiz said.\n\n\"It will take years.\"",
                &[("We will rebuild,", Some("Ana Ruiz")), ("It will take years.", Some("Ana Ruiz"))],
            ),
            (
                "\"We will rebuild,\" Mayor Ana Ruiz said. Police Chief Tom Hale stood beside her.\n\n\"It will take years.\"",
                &[("We will rebuild,", Some("Ana Ruiz")), ("It will take years.", None)],
            ),
            // Straight and curly marks mixed in one paragraph.
            ("“We are ready,\" Mayor Ana Ruiz said.", &[("We are ready,", Some("Ana Ruiz"))]),
            // A title of a work or a show is nobody's words.
            ("Mayor Ana Ruiz told Channel Four's \"Morning Report\" that she would run.", &[("Morning Report", None)]),
            // A long apposition between the name and the verb.
            (
                "\"Prices will fall,\" Mara Quist, a senior fellow at the Lund Institute and a former envoy to Chile, said of the plan.",
                &[("Prices will fall,", Some("Mara Quist"))],
            ),
            (
                "\"We saw no fraud,\" Rep. Ivo Brandt (R-Ohio), a member of the panel, said in a phone interview.",
                &[("We saw no fraud,", Some("Ivo Brandt"))],
            ),
            (
                "\"The board acted,\" Mara Quist, the director of the Lund Institute, told the Harbor Ledger.",
                &[("The board acted,", Some("Mara Quist"))],
            ),
            // "adding that" carries the speaker to a partial quotation after it.
            (
                "\"Fees are too high,\" Senator Ray Moss said in a statement, adding that the deals were made \"in the dark.\"",
                &[("Fees are too high,", Some("Ray Moss")), ("in the dark.", Some("Ray Moss"))],
            ),
            (
                "\"Fees are too high,\" Senator Ray Moss said, and Mayor Ana Ruiz answered, saying the deal was \"fair.\"",
                &[("Fees are too high,", Some("Ray Moss")), ("fair.", None)],
            ),
            (
                "\"Fees are too high,\" Senator Ray Moss said, as the mayor kept adding that the deal was \"fair.\"",
                &[("Fees are too high,", Some("Ray Moss")), ("fair.", None)],
            ),
            // A colon after a reported clause: its own verbs do not introduce the quotation.
            (
                "Mayor Ana Ruiz warned that the river would rise again on Friday: \"We cannot hold it.\"",
                &[("We cannot hold it.", Some("Ana Ruiz"))],
            ),
            (
                "Mayor Ana Ruiz quoted her father, who wrote, \"Never sell the mill.\"",
                &[("Never sell the mill.", None)],
            ),
            // A list of partial quotations after one verb.
            (
                "Senator Ray Moss called the mayor a \"liar\" who is \"unfit,\" a \"bully\" and a \"fraud.\"",
                &[
                    ("liar", Some("Ray Moss")),
                    ("unfit,", Some("Ray Moss")),
                    ("bully", Some("Ray Moss")),
                    ("fraud.", Some("Ray Moss")),
                ],
            ),
            // A clause ending in a colon whose object is a noun of speech.
            (
                "Senator Ray Moss delivered a stern message to the board: \"Stop the sale now.\"",
                &[("Stop the sale now.", Some("Ray Moss"))],
            ),
            (
                "Senator Ray Moss read out the mayor's statement: \"We will not sell the port.\"",
                &[("We will not sell the port.", None)],
            ),
            // A colon that introduces a list, not words spoken.
            (
                "The report named three risks: \"flooding,\" \"fire\" and \"drought.\"",
                &[("flooding,", None), ("fire", None), ("drought.", None)],
            ),
            // "as X put it", with the quotation later in the sentence.
            (
                "As Mayor Ana Ruiz put it in an interview on Monday, the port is \"the heart of the town.\"",
                &[("the heart of the town.", Some("Ana Ruiz"))],
            ),
            ("As Mayor Ana Ruiz put it, the so-called \"plan\" is empty.", &[("plan", None)]),
            // "X, who said "…"".
            (
                "Mayor Ana Ruiz, who said \"the port must stay public,\" lost the vote.",
                &[("the port must stay public,", Some("Ana Ruiz"))],
            ),
            // A paragraph that is only a quotation, introduced by a colon ending the one before.
            (
                "Mayor Ana Ruiz put it this way:\n\n\"We rebuild, or we leave.\"",
                &[("We rebuild, or we leave.", Some("Ana Ruiz"))],
            ),
            ("Stated Ruiz:\n\n\"We rebuild, or we leave.\"", &[("We rebuild, or we leave.", Some("Ruiz"))]),
            ("The plan has three parts:\n\n\"Build, repair and wait.\"", &[("Build, repair and wait.", None)]),
            // An abbreviated title is no sentence end (regression: "said Del." was taken for a speaker).
            (
                "\"This is a waste of time,\" said Del. Mara Quist of the Virgin Islands.",
                &[("This is a waste of time,", Some("Mara Quist"))],
            ),
            // One person, with a curly and then a straight apostrophe (regression: two speakers).
            (
                "\u{201c}We are ready,\u{201d} said Chief Ronan O\u{2019}Dell.\n\n\"We wait,\" O'Dell said.",
                &[("We are ready,", Some("Ronan O\u{2019}Dell")), ("We wait,", Some("O'Dell"))],
            ),
            // The subject after an owner and an office carries to a participle.
            (
                "Mayor Ana Ruiz's campaign manager Tom Hale spoke on Monday, arguing that the plan \"cannot work.\"",
                &[("cannot work.", Some("Tom Hale"))],
            ),
            // Quotations listed as the object of a clause: not the words of
            // the verb after them, but of the subject of `went on about`.
            (
                "As Tom Hale went on about \"freedom,\" and \"our great port,\" Ana Ruiz said nothing.",
                &[("freedom,", Some("Tom Hale")), ("our great port,", Some("Tom Hale"))],
            ),
            // "as much" and "as well" open no clause between a subject and its participle.
            (
                "Mayor Ana Ruiz said as much on Monday, arguing that the council \"ignored the warnings.\"",
                &[("ignored the warnings.", Some("Ana Ruiz"))],
            ),
            // A subordinator right before a partial quotation opens a clause quoted whole.
            (
                "Mayor Ana Ruiz said she voted no because \"the plan was rushed.\"",
                &[("the plan was rushed.", Some("Ana Ruiz"))],
            ),
            (
                "Professor Tom Hale said old towns \"have deep roots,\" while \"the capital is a newcomer.\"",
                &[("have deep roots,", Some("Tom Hale")), ("the capital is a newcomer.", Some("Tom Hale"))],
            ),
            ("Mayor Ana Ruiz said she voted no because Tom Hale had \"lied.\"", &[("lied.", None)]),
            // "adding that" after a partial quotation of the same attribution.
            (
                "Senator Ray Moss said of the fire, \"I don't like it,\" adding that \"the anger is real.\"",
                &[("I don't like it,", Some("Ray Moss")), ("the anger is real.", Some("Ray Moss"))],
            ),
            // A group named by a plural head.
            (
                "Demonstrators said they want \"justice for the town.\"",
                &[("justice for the town.", Some("Demonstrators"))],
            ),
            // The complement after "as" of a verb whose object is a name: active voice only.
            (
                "In recent weeks, Mayor Ana Ruiz has gone after Tom Hale as a \"land grabber\" and a \"bully.\"",
                &[("land grabber", Some("Ana Ruiz")), ("bully.", Some("Ana Ruiz"))],
            ),
            ("Tom Hale is widely regarded in Lund as a \"reformer.\"", &[("reformer.", None)]),
            // Regression: the verb of a relative clause took the quotation
            // that completes the verb before it ("told a student who suggested
            // that … that "…"" was given to the student).
            (
                "Mayor Ana Ruiz told a student who suggested that people may stay home that \"staying home is no plan.\"",
                &[("staying home is no plan.", None)],
            ),
            // A document quoted as it reads: the text is the source, no person.
            (
                "Forty nurses signed a letter to the board.\n\n\"We cannot work twelve-hour shifts,\" the letter says.",
                &[("We cannot work twelve-hour shifts,", Some("the letter"))],
            ),
            (
                "\"The city gave no notice,\" said the court's ruling.",
                &[("The city gave no notice,", Some("the court's ruling"))],
            ),
            (
                "A two-page Treasury memo noted that the fund had been \"badly run for years.\"",
                &[("badly run for years.", Some("A two-page Treasury memo"))],
            ),
            (
                "The memo went out on Monday. \"Nobody may leave,\" the memo reads.",
                &[("Nobody may leave,", Some("the memo"))],
            ),
            // Verbs that take a partial quotation as their complement.
            (
                "Governor Paul Berg also asserted that he could \"fix the roads\" in a year.",
                &[("fix the roads", Some("Paul Berg"))],
            ),
            ("Senator Maria Holt exhorted voters to \"stay home\" on Sunday.", &[("stay home", Some("Maria Holt"))]),
            // A clause opened by when/if, quoted whole.
            (
                "Professor Ian Cole said there is a risk when \"a minister gets careless with numbers.\"",
                &[("a minister gets careless with numbers.", Some("Ian Cole"))],
            ),
            (
                "Mayor Ana Ruiz said the port would reopen if \"the unions keep their word.\"",
                &[("the unions keep their word.", Some("Ana Ruiz"))],
            ),
            // A participle after a subject with a parenthesis and an apposition.
            (
                "Governor Paul Berg (D), the mayor's rival in the coming race, called Friday for an inquiry, saying that openness \"builds trust.\"",
                &[("builds trust.", Some("Paul Berg"))],
            ),
            // Not a document: an organisation named by a common noun, a
            // possessive before the head, a report of someone's words.
            ("\"We will appeal,\" the company said.", &[("We will appeal,", None)]),
            ("\"We will appeal,\" his lawyer's letter said.", &[("We will appeal,", None)]),
            (
                "\"Prices will rise,\" said Tom Hale, the author of the report.",
                &[("Prices will rise,", Some("Tom Hale"))],
            ),
        ];
        assert_speakers(table.iter().map(|&(body, expected)| ("T", body, expected)));
    }

    #[test]
    fn claims_with_sources_and_hedges() {
        use crate::annotation::Certainty;
        type Expected<'a> = &'a [(&'a str, &'a str, Certainty)];
        // (sentence, expected (source as named, clause, certainty))
        let table: &[(&str, Expected<'_>)] = &[
            (
                "But the Kremlin said Medvedev had no meetings, and a police source said officers had been told the visit had been scrapped.",
                &[
                    ("Kremlin", "Medvedev had no meetings", Certainty::Certain),
                    ("a police source", "officers had been told the visit had been scrapped", Certainty::Certain),
                ],
            ),
            (
                "South Korea's Yonhap news agency cited an unidentified intelligence source as saying the summit may have been ditched.",
                &[("Yonhap news agency", "the summit may have been ditched", Certainty::Possible)],
            ),
            (
                "Authorities had been making preparations for a visit, a local official said earlier this week.",
                &[("a local official", "Authorities had been making preparations for a visit", Certainty::Certain)],
            ),
            (
                "Diplomats say Moscow has less influence on Pyongyang.",
                &[("Diplomats", "Moscow has less influence on Pyongyang", Certainty::Certain)],
            ),
            (
                "Russia and China said they were ready to cooperate.",
                &[
                    ("Russia", "they were ready to cooperate", Certainty::Certain),
                    ("China", "they were ready to cooperate", Certainty::Certain),
                ],
            ),
            (
                "According to Reuters, the talks reportedly collapsed.",
                &[("Reuters", "the talks reportedly collapsed", Certainty::Probable)],
            ),
            // A document asserts nothing itself: no claim has it as source.
            ("The city's report said the bridge would close in May.", &[]),
        ];
        for (body, expected) in table {
            let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{body}")).unwrap();
            let extraction = extract(&article, &Known::default());
            let got: Vec<(String, String, Certainty)> = extraction
                .claims
                .iter()
                .map(|c| (article.slice(c.source.span).to_owned(), article.slice(c.clause).to_owned(), c.certainty))
                .collect();
            let expected: Vec<(String, String, Certainty)> =
                expected.iter().map(|(s, c, k)| ((*s).to_owned(), (*c).to_owned(), *k)).collect();
            assert_eq!(got, expected, "{body}");
        }
    }
}
