//! The type of a name, from cues: words in the name ("Ministry", "Airlines"),
//! general lexicons (countries, states, cities), and the words around it
//! ("in X", "X-based", "aircraft maker X", "X, the carmaker,"). Each cue has a
//! strength; the strongest cue over all the occurrences of a name wins, and
//! the draft records it.

use super::super::lexicon::{
    GOVERNMENT_NOUNS, NEWS_MEDIA_NOUNS, ORGANISATION_NOUNS, is_speech_verb, is_title, is_title_noun,
};
use super::super::places::lexicon_place;
use super::super::tokens::{Kind, Token};
use crate::annotation::EntityType;

/// Keywords in a name and the type they suggest.
const TYPE_KEYWORDS: &[(&str, EntityType)] = &[
    ("Ministry", EntityType::GovernmentOrganization),
    ("Department", EntityType::GovernmentOrganization),
    ("Agency", EntityType::GovernmentOrganization),
    ("Police", EntityType::GovernmentOrganization),
    ("Court", EntityType::GovernmentOrganization),
    ("Government", EntityType::GovernmentOrganization),
    ("Parliament", EntityType::GovernmentOrganization),
    ("Senate", EntityType::GovernmentOrganization),
    ("Congress", EntityType::GovernmentOrganization),
    ("Cabinet", EntityType::GovernmentOrganization),
    ("Administration", EntityType::GovernmentOrganization),
    ("Office", EntityType::GovernmentOrganization),
    ("Kremlin", EntityType::GovernmentOrganization),
    ("Pentagon", EntityType::GovernmentOrganization),
    ("Duma", EntityType::GovernmentOrganization),
    ("Service", EntityType::GovernmentOrganization),
    ("Guard", EntityType::GovernmentOrganization),
    ("Army", EntityType::GovernmentOrganization),
    ("Navy", EntityType::GovernmentOrganization),
    ("News", EntityType::NewsMediaOrganization),
    ("Times", EntityType::NewsMediaOrganization),
    ("Post", EntityType::NewsMediaOrganization),
    ("Journal", EntityType::NewsMediaOrganization),
    ("Press", EntityType::NewsMediaOrganization),
    ("Herald", EntityType::NewsMediaOrganization),
    ("Tribune", EntityType::NewsMediaOrganization),
    ("Gazette", EntityType::NewsMediaOrganization),
    ("Radio", EntityType::NewsMediaOrganization),
    ("Television", EntityType::NewsMediaOrganization),
    ("Courier", EntityType::NewsMediaOrganization),
    ("Chronicle", EntityType::NewsMediaOrganization),
    ("Telegraph", EntityType::NewsMediaOrganization),
    ("Daily", EntityType::NewsMediaOrganization),
    ("Committee", EntityType::Organization),
    ("Union", EntityType::Organization),
    ("Party", EntityType::Organization),
    ("Council", EntityType::Organization),
    ("Commission", EntityType::Organization),
    ("Corporation", EntityType::Organization),
    ("Bank", EntityType::Organization),
    ("Institute", EntityType::Organization),
    ("University", EntityType::Organization),
    ("Company", EntityType::Organization),
    ("Association", EntityType::Organization),
    ("Organization", EntityType::Organization),
    ("Organisation", EntityType::Organization),
    ("Cooperation", EntityType::Organization),
    ("Fund", EntityType::Organization),
    ("Federation", EntityType::Organization),
    ("Group", EntityType::Organization),
    ("League", EntityType::Organization),
    ("Alliance", EntityType::Organization),
    ("Movement", EntityType::Organization),
    ("Foundation", EntityType::Organization),
    ("Board", EntityType::Organization),
    ("Bureau", EntityType::Organization),
    ("Museum", EntityType::Organization),
    ("Authority", EntityType::Organization),
    ("Inc", EntityType::Organization),
    ("Corp", EntityType::Organization),
    ("Ltd", EntityType::Organization),
    ("Club", EntityType::Organization),
    ("City", EntityType::City),
    ("Province", EntityType::AdministrativeArea),
    ("Region", EntityType::AdministrativeArea),
    ("Oblast", EntityType::AdministrativeArea),
    ("County", EntityType::AdministrativeArea),
    ("District", EntityType::AdministrativeArea),
    ("Territory", EntityType::AdministrativeArea),
    ("Prefecture", EntityType::AdministrativeArea),
    ("Sea", EntityType::Place),
    ("Ocean", EntityType::Place),
    ("River", EntityType::Place),
    ("Lake", EntityType::Place),
    ("Mountains", EntityType::Place),
    ("Island", EntityType::Place),
    ("Islands", EntityType::Place),
    ("Peninsula", EntityType::Place),
    ("Coast", EntityType::Place),
    ("Bay", EntityType::Place),
    ("Valley", EntityType::Place),
    ("Strait", EntityType::Place),
    ("Street", EntityType::Place),
    ("Square", EntityType::Place),
    ("Avenue", EntityType::Place),
    ("Bridge", EntityType::Place),
    ("Airport", EntityType::Place),
    ("Harbor", EntityType::Place),
    ("Harbour", EntityType::Place),
    ("Airlines", EntityType::Organization),
    ("Airways", EntityType::Organization),
    ("Airline", EntityType::Organization),
    ("Motors", EntityType::Organization),
    ("Motor", EntityType::Organization),
    ("Computer", EntityType::Organization),
    ("Computers", EntityType::Organization),
    ("Corps", EntityType::Organization),
    ("Brothers", EntityType::Organization),
    ("Mutual", EntityType::Organization),
    ("Systems", EntityType::Organization),
    ("Services", EntityType::Organization),
    ("Airplanes", EntityType::Organization),
    ("Aerospace", EntityType::Organization),
    ("Co", EntityType::Organization),
    ("PLC", EntityType::Organization),
    ("Plc", EntityType::Organization),
    ("LLC", EntityType::Organization),
    ("AG", EntityType::Organization),
    ("SA", EntityType::Organization),
    ("NV", EntityType::Organization),
    ("GmbH", EntityType::Organization),
    ("Holdings", EntityType::Organization),
    ("Technologies", EntityType::Organization),
    ("Technology", EntityType::Organization),
    ("Electronics", EntityType::Organization),
    ("Electric", EntityType::Organization),
    ("Communications", EntityType::Organization),
    ("Telecom", EntityType::Organization),
    ("Networks", EntityType::Organization),
    ("Industries", EntityType::Organization),
    ("Enterprises", EntityType::Organization),
    ("Partners", EntityType::Organization),
    ("Capital", EntityType::Organization),
    ("Securities", EntityType::Organization),
    ("Insurance", EntityType::Organization),
    ("Pharmaceuticals", EntityType::Organization),
    ("Studios", EntityType::Organization),
    ("Records", EntityType::Organization),
    ("Exchange", EntityType::Organization),
    ("Investments", EntityType::Organization),
    ("Petroleum", EntityType::Organization),
    ("Oil", EntityType::Organization),
    ("Energy", EntityType::Organization),
    ("Steel", EntityType::Organization),
    ("Bancorp", EntityType::Organization),
    ("Trust", EntityType::Organization),
    ("Society", EntityType::Organization),
    ("Church", EntityType::Organization),
    ("School", EntityType::Organization),
    ("College", EntityType::Organization),
    ("Academy", EntityType::Organization),
    ("Hospital", EntityType::Organization),
    ("Consortium", EntityType::Organization),
    ("Coalition", EntityType::Organization),
    ("Front", EntityType::Organization),
    ("Brigade", EntityType::Organization),
    ("Brigades", EntityType::Organization),
    ("Network", EntityType::Organization),
    ("Reserve", EntityType::GovernmentOrganization),
    ("Treasury", EntityType::GovernmentOrganization),
    ("Force", EntityType::GovernmentOrganization),
    ("Forces", EntityType::GovernmentOrganization),
    ("Marines", EntityType::GovernmentOrganization),
    ("Assembly", EntityType::GovernmentOrganization),
    ("Tribunal", EntityType::GovernmentOrganization),
    ("Secretariat", EntityType::GovernmentOrganization),
    ("Directorate", EntityType::GovernmentOrganization),
    ("Inspectorate", EntityType::GovernmentOrganization),
    ("Magazine", EntityType::NewsMediaOrganization),
    ("Globe", EntityType::NewsMediaOrganization),
    ("Broadcasting", EntityType::NewsMediaOrganization),
    ("Channel", EntityType::NewsMediaOrganization),
    ("Wire", EntityType::NewsMediaOrganization),
    ("Mountain", EntityType::Place),
    ("Mount", EntityType::Place),
    ("Park", EntityType::Place),
    ("Road", EntityType::Place),
    ("Station", EntityType::Place),
    ("Port", EntityType::Place),
    ("Canal", EntityType::Place),
    ("Desert", EntityType::Place),
    ("Gulf", EntityType::Place),
    ("Courts", EntityType::GovernmentOrganization),
    ("Republic", EntityType::Country),
    ("Kingdom", EntityType::Country),
    ("Emirates", EntityType::Country),
];

/// Words before a name that make it a place ("in Vladivostok").
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "near", "across", "outside", "around", "throughout", "inside", "within", "across"];

/// Words before a name that make it a place, though organisations follow
/// them too ("from Vandor", "to Harlow"): a weaker cue.
const WEAK_PLACE_PREPOSITIONS: &[&str] = &["to", "from", "into", "toward", "towards", "via"];

/// Nouns before "of" and a place's name ("the village of Bela Reka").
const PLACE_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "province",
    "region",
    "district",
    "port",
    "island",
    "county",
    "municipality",
    "capital",
    "suburb",
    "area",
    "state",
    "republic",
    "government",
    "people",
    "citizens",
    "president",
    "king",
    "queen",
    "embassy",
];

/// Nouns after an organisation's possessive ("Vandor's chief executive",
/// "Harlow's shares").
const CORPORATE_NOUNS: &[&str] = &[
    "shares",
    "stock",
    "shareholders",
    "stockholders",
    "headquarters",
    "board",
    "subsidiary",
    "subsidiaries",
    "division",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "earnings",
    "dealerships",
    "dealers",
    "factories",
    "plants",
    "plant",
    "brand",
    "logo",
    "website",
    "products",
    "customers",
    "workforce",
    "employees",
    "operations",
    "ceo",
    "cfo",
    "chairman",
    "founder",
    "co-founder",
    "executives",
    "rival",
    "rivals",
    "competitor",
    "competitors",
    "announcement",
];

/// Nouns before "of" or "in" and an organisation's name ("shares of
/// Vandor", "a stake in Harlow").
const STAKE_NOUNS: &[&str] =
    &["shares", "stake", "stakes", "share", "stock", "shareholders", "takeover", "acquisition"];

/// How sure a type guess is: the strongest cue wins.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Cue {
    pub strength: u8,
    pub kind: EntityType,
    pub text: String,
}

impl Cue {
    pub fn new(strength: u8, kind: EntityType, text: String) -> Self {
        Self { strength, kind, text }
    }

    /// The kind of thing the cue says: a person, an organisation or a place.
    pub fn class(&self) -> Class {
        class(self.kind)
    }

    /// Whether the cue is only a preposition before the name ("in X", "to
    /// X"): people follow prepositions too ("a letter to Ana Berg"), so any
    /// evidence of a person outweighs it.
    pub fn is_preposition(&self) -> bool {
        self.class() == Class::Place && self.strength <= 4 && self.text.starts_with("after ")
    }

    /// Whether the cue is strong evidence of a person: a title, an
    /// honorific, a suffix, a surname written alone (not merely a speech
    /// verb, which organisations take too).
    fn is_strong_person(&self) -> bool {
        self.class() == Class::Person && self.strength >= 5
    }

    /// Whether this cue should replace `other` as a name's type: the
    /// stronger one, except that strong evidence of a person outweighs a
    /// preposition.
    pub fn beats(&self, other: Option<&Cue>) -> bool {
        match other {
            None => true,
            Some(o) if o.is_preposition() && self.is_strong_person() => true,
            Some(o) if self.is_preposition() && o.is_strong_person() => false,
            Some(o) => self > o,
        }
    }
}

/// Person, organisation or place: the types a cue can be compared by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Person,
    Organisation,
    Place,
    Other,
}

pub(super) fn class(kind: EntityType) -> Class {
    use EntityType::*;
    match kind {
        Person => Class::Person,
        Organization | NewsMediaOrganization | GovernmentOrganization => Class::Organisation,
        Place | Country | City | AdministrativeArea => Class::Place,
        AnonymousSource | Group | Document => Class::Other,
    }
}

/// The organisation type a descriptive noun gives ("carmaker", "newspaper").
pub(crate) fn organisation_noun(lower: &str) -> Option<EntityType> {
    if NEWS_MEDIA_NOUNS.contains(&lower) {
        Some(EntityType::NewsMediaOrganization)
    } else if GOVERNMENT_NOUNS.contains(&lower) {
        Some(EntityType::GovernmentOrganization)
    } else if ORGANISATION_NOUNS.contains(&lower) {
        Some(EntityType::Organization)
    } else {
        None
    }
}

/// The keyword heading a name and the type it gives: the last keyword before
/// a connector ("Bank of Kessland", "Department of Energy"), else the last one
/// ("Norden Airlines", "Czech National Bank").
pub(super) fn keyword(form: &str) -> Option<(&'static str, EntityType)> {
    let words: Vec<&str> = form.split(' ').collect();
    let head_end = words.iter().position(|w| super::CONNECTORS.contains(w)).unwrap_or(words.len());
    words[..head_end]
        .iter()
        .rev()
        .find_map(|w| TYPE_KEYWORDS.iter().find(|(k, _)| k == w))
        .or_else(|| words.iter().rev().find_map(|w| TYPE_KEYWORDS.iter().find(|(k, _)| k == w)))
        .copied()
}

/// Whether a word is a keyword of organisation or place names ("Airlines").
pub(super) fn is_keyword(word: &str) -> bool {
    TYPE_KEYWORDS.iter().any(|(k, _)| *k == word)
}

/// The name tokens `start..end` in their sentence, for reading cues around them.
pub(super) struct Around<'t, 'a> {
    pub tokens: &'t [Token<'a>],
    pub start: usize,
    pub end: usize,
    pub form: &'t str,
}

impl<'a> Around<'_, 'a> {
    fn sentence(&self) -> usize {
        self.tokens[self.start].sentence
    }

    /// The `k`-th token before the name (1 is the one just before), in the sentence.
    fn before(&self, k: usize) -> Option<&Token<'a>> {
        self.start.checked_sub(k).map(|p| &self.tokens[p]).filter(|t| t.sentence == self.sentence())
    }

    /// The `k`-th token after the name (0 is the one just after), in the sentence.
    fn after(&self, k: usize) -> Option<&Token<'a>> {
        self.tokens.get(self.end + k).filter(|t| t.sentence == self.sentence())
    }

    fn words(&self) -> usize {
        self.form.split(' ').count()
    }
}

/// Every cue the name and the words around it give, strongest last not
/// guaranteed: the caller takes the maximum.
pub(super) fn cues(around: &Around<'_, '_>) -> Vec<Cue> {
    let mut cues = Vec::new();
    let form = around.form;
    let lower_before = |k: usize| around.before(k).filter(|t| t.kind == Kind::Word).map(Token::lower);
    if let Some((k, kind)) = keyword(form) {
        cues.push(Cue::new(7, kind, format!("{k:?} in the name")));
    } else if form.starts_with("Air ") || form.ends_with(" Air") {
        cues.push(Cue::new(7, EntityType::Organization, "an airline's name (\"Air\")".to_owned()));
    }
    if let Some((kind, what)) = lexicon_place(form) {
        cues.push(Cue::new(6, kind, what.to_owned()));
    }
    if let Some(cue) = descriptor_before(around) {
        cues.push(cue);
    }
    if let Some(cue) = apposition(around) {
        cues.push(cue);
    }
    // "Seattle, Washington": a city before its state or country.
    if around.after(0).is_some_and(|t| t.is_punct(','))
        && let Some(next) = around.after(1)
        && next.is_capitalised()
    {
        let mut k = around.end + 1;
        let mut parts = Vec::new();
        while let Some(t) = around.tokens.get(k).filter(|t| t.is_capitalised() && t.sentence == around.sentence()) {
            parts.push(t.text);
            k += 1;
        }
        let region = parts.join(" ");
        if let Some((kind, _)) = lexicon_place(&region)
            && matches!(kind, EntityType::Country | EntityType::AdministrativeArea)
        {
            cues.push(Cue::new(6, EntityType::City, format!("before \", {region}\"")));
        }
    }
    // "based in San Jose", "a plant in Saxony".
    if lower_before(1).as_deref() == Some("in") && lower_before(2).as_deref() == Some("based") {
        cues.push(Cue::new(6, EntityType::Place, "after \"based in\"".to_owned()));
    }
    // "Vandor's chief executive", "Harlow's shares".
    if around.after(0).is_some_and(|t| t.kind == Kind::Possessive) {
        let owned = (1..4).filter_map(|k| around.after(k)).take_while(|t| t.kind == Kind::Word).find_map(|t| {
            let lower = t.lower();
            (CORPORATE_NOUNS.contains(&lower.as_str()) || lower == "chief").then_some(lower)
        });
        if let Some(noun) = owned {
            cues.push(Cue::new(5, EntityType::Organization, format!("before \"'s {noun}\"")));
        }
    }
    // "shares of Vandor", "a stake in Harlow".
    if matches!(lower_before(1).as_deref(), Some("of" | "in"))
        && let Some(noun) = lower_before(2).filter(|n| STAKE_NOUNS.contains(&n.as_str()))
    {
        let preposition = lower_before(1).unwrap_or_default();
        cues.push(Cue::new(5, EntityType::Organization, format!("after \"{noun} {preposition}\"")));
    }
    // "the Kessland government".
    if around.after(0).is_some_and(|t| t.is("government")) && around.words() <= 2 {
        cues.push(Cue::new(5, EntityType::Place, "before \"government\"".to_owned()));
    }
    // "in Vladivostok", "in the Arctic"; "from Oslo" is weaker.
    let (preposition, k) = match lower_before(1).as_deref() {
        Some("the") => (lower_before(2), 2),
        _ => (lower_before(1), 1),
    };
    if let Some(p) = preposition {
        let according = p == "to" && lower_before(k + 1).as_deref() == Some("according");
        if PLACE_PREPOSITIONS.contains(&p.as_str()) {
            cues.push(Cue::new(4, EntityType::Place, format!("after {:?}", around.before(k).map_or("", |t| t.text))));
        } else if WEAK_PLACE_PREPOSITIONS.contains(&p.as_str()) && !according {
            cues.push(Cue::new(3, EntityType::Place, format!("after {:?}", around.before(k).map_or("", |t| t.text))));
        }
    }
    if lower_before(1).as_deref() == Some("of")
        && let Some(noun) = lower_before(2).filter(|n| PLACE_NOUNS.contains(&n.as_str()))
    {
        cues.push(Cue::new(5, EntityType::Place, format!("after \"{noun} of\"")));
    }
    if form.starts_with("The ") {
        cues.push(Cue::new(5, EntityType::Organization, "a name with \"The\"".to_owned()));
    }
    // A speaker of several words: "Ana Berg said", "said Ana Berg".
    if around.words() > 1 {
        if let Some(verb) = around.after(0).filter(|n| n.kind == Kind::Word && is_speech_verb(&n.lower())) {
            cues.push(Cue::new(4, EntityType::Person, format!("speaker name, before {:?}", verb.text)));
        } else if let Some(verb) = around.before(1).filter(|p| p.kind == Kind::Word && is_speech_verb(&p.lower()))
            && around.after(0).is_none_or(|n| n.is_punct(',') || n.is_punct('.'))
        {
            cues.push(Cue::new(4, EntityType::Person, format!("speaker name, after {:?}", verb.text)));
        }
    }
    // "Ana K. Berg": an initial between two words is a person's middle one.
    let parts: Vec<&str> = form.split(' ').collect();
    let initial = |w: &&str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
    };
    let word = |w: &str| w.chars().any(char::is_lowercase);
    if parts.len() >= 3
        && word(parts[0])
        && word(parts[parts.len() - 1])
        && parts[1..parts.len() - 1].iter().any(initial)
    {
        cues.push(Cue::new(5, EntityType::Person, "a middle initial".to_owned()));
    }
    // "Vantor 737", "Harlow H330": the maker of a model.
    if around.words() == 1
        && around.after(0).is_some_and(|t| {
            t.text.chars().any(|c| c.is_ascii_digit())
                && t.text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !is_year(t.text)
        })
    {
        cues.push(Cue::new(4, EntityType::Organization, "before a model number".to_owned()));
    }
    // "Paris Orly": a place's name first, and nothing else known.
    let words: Vec<&str> = form.split(' ').collect();
    if let Some(place) = (1..words.len()).map(|n| words[..n].join(" ")).find(|p| lexicon_place(p).is_some()) {
        cues.push(Cue::new(2, EntityType::Place, format!("begins with the place {place:?}")));
    }
    let last = form.rsplit(' ').next().unwrap_or(form);
    if last.chars().count() > 1 && last.chars().all(|c| c.is_uppercase() || c == '.' || c == '&') {
        cues.push(Cue::new(3, EntityType::Organization, "an acronym".to_owned()));
    }
    cues
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && text.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y))
}

/// "shipbuilder Harlow", "the newspaper Le Monde": a noun of
/// organisation just before the name.
fn descriptor_before(around: &Around<'_, '_>) -> Option<Cue> {
    let noun = around.before(1).filter(|t| t.kind == Kind::Word && !t.is_capitalised())?;
    let lower = noun.lower();
    let lower = lower.rsplit('-').next().unwrap_or(&lower);
    let kind = organisation_noun(lower)?;
    Some(Cue::new(8, kind, format!("after {:?}", noun.text)))
}

/// "Mia Lund, the Vandor chief executive,", "Harlow, another U.S. ship
/// maker,": the head noun of an apposition after the name.
fn apposition(around: &Around<'_, '_>) -> Option<Cue> {
    if !around.after(0).is_some_and(|t| t.is_punct(',')) {
        return None;
    }
    // "Camden, New Jersey federal court": a place and its state, no apposition.
    let next_name: Vec<&str> =
        (1..4).map_while(|k| around.after(k).filter(|t| t.is_capitalised()).map(|t| t.text)).collect();
    if (1..=next_name.len()).any(|n| lexicon_place(&next_name[..n].join(" ")).is_some()) {
        return None;
    }
    let mut head: Option<(EntityType, &str)> = None;
    for k in 1..10 {
        let Some(t) = around.after(k) else { break };
        if t.kind == Kind::Punct(',') || t.kind == Kind::Punct('.') || t.kind == Kind::Punct(';') {
            break;
        }
        if t.kind != Kind::Word {
            continue;
        }
        let lower = t.lower();
        if matches!(lower.as_str(), "of" | "for" | "in" | "at" | "who" | "which" | "that" | "whose" | "and" | "with")
            && head.is_some()
        {
            break;
        }
        if is_speech_verb(&lower) || matches!(lower.as_str(), "is" | "was" | "has" | "had" | "will" | "would") {
            return None;
        }
        let last_part = lower.rsplit('-').next().unwrap_or(&lower);
        if let Some(kind) = organisation_noun(last_part).filter(|_| !t.is_capitalised()) {
            head = Some((kind, t.text));
        } else if is_title_noun(last_part) || is_title(t.text) {
            head = Some((EntityType::Person, t.text));
        }
    }
    let (kind, noun) = head?;
    Some(Cue::new(7, kind, format!("apposition headed by {noun:?}")))
}
