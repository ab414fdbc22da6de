//! Names in unseen text: capitalised names not at a sentence start or after a
//! title, grouped when one is part of another ("Dmitry Medvedev" /
//! "Medvedev"), typed from cues; anonymous sources ("a police source in
//! Vladivostok"); and titles before or after names, as evidence of offices
//! held ("Kremlin spokeswoman Natalya Timakova").

use std::collections::{BTreeMap, BTreeSet};

use super::lexicon::{ANONYMOUS_HEADS, GROUP_HEADS, HONORIFICS, is_demonym, is_speech_verb, is_title, is_title_noun};
use super::tokens::{Kind, Token};
use crate::annotation::EntityType;
use crate::article::Span;
use crate::mentions::Mention;

/// Lower-case words that may modify a title ("former", "foreign").
const TITLE_MODIFIERS: &[&str] = &[
    "former",
    "deputy",
    "foreign",
    "senior",
    "acting",
    "interim",
    "chief",
    "then",
    "top",
    "prime",
    "vice",
    "defense",
    "defence",
    "finance",
    "interior",
    "justice",
    "economy",
    "trade",
    "health",
    "education",
    "security",
    "state",
    "national",
    "regional",
    "police",
    "government",
    "presidential",
    "opposition",
    "party",
    "union",
    "team",
    "news",
    "fire",
    "city",
    "district",
    "county",
    "museum",
    "port",
    "emergency",
    "transport",
    "energy",
    "agriculture",
    "fisheries",
    "labor",
    "labour",
    "environment",
    "executive",
    "general",
    "managing",
    "defense",
    "local",
    "head",
];

/// Capitalised words that begin sentences without being names.
const FUNCTION_CAPS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "From",
    "To",
    "With",
    "By",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "Because",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "You",
    "There",
    "Here",
    "Another",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "No",
    "Not",
    "Yet",
    "So",
    "Then",
    "Also",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "According",
    "Despite",
    "During",
    "Under",
    "Over",
    "Among",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "One",
    "Two",
    "Three",
    "Several",
    "Few",
    "Such",
    "Even",
    "Only",
    "Still",
    "Now",
    "Once",
    "Until",
    "Instead",
    "Asked",
    "Unlike",
    "Like",
    "Without",
    "Just",
    "Nor",
    "Whether",
    "Should",
    "Would",
    "Will",
    "Can",
    "Could",
    "Do",
    "Does",
    "Did",
    "Is",
    "Was",
    "Are",
    "Were",
    "Has",
    "Have",
    "Had",
    "Let",
    "Please",
    "Thank",
    "Thanks",
    "Yes",
    "Okay",
    "Well",
    "Oh",
    "Us",
    "Me",
    "Him",
    "Them",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Tonight",
];

/// Words joining the parts of a name ("Bank of England").
const CONNECTORS: &[&str] = &["of", "de", "du", "la", "le", "van", "von", "der", "bin", "al", "da", "dos", "for"];

const COMPASS: &[&str] = &["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"];

/// Whether a word is a weekday or a month name, which is capitalised without
/// being a name.
fn is_weekday_or_month(word: &str) -> bool {
    super::times::WEEKDAYS.contains(&word) || crate::article::MONTHS.contains(&word)
}

/// Words after which a capitalised adjective is still read as a name ("Ryan said").
const VERBISH: &[&str] = &[
    "said", "says", "told", "tells", "added", "is", "was", "has", "had", "will", "would", "can", "could", "did",
    "does", "met", "and", "or", "who", "which", "wrote", "asked",
];

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
];

/// States, so that "Japan" is typed a country without a cue.
const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Bolivia",
    "Bosnia",
    "Brazil",
    "Bulgaria",
    "Cambodia",
    "Canada",
    "Chile",
    "China",
    "Colombia",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Denmark",
    "Ecuador",
    "Egypt",
    "Estonia",
    "Ethiopia",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Libya",
    "Lithuania",
    "Malaysia",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Morocco",
    "Myanmar",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nigeria",
    "North Korea",
    "Norway",
    "Pakistan",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Saudi Arabia",
    "Serbia",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "South Africa",
    "South Korea",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Thailand",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Uganda",
    "Ukraine",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zimbabwe",
    "Britain",
    "Chad",
    "Mali",
    "Niger",
    "Oman",
    "Panama",
];

/// Words before a name that make it a place ("in Vladivostok").
const PLACE_PREPOSITIONS: &[&str] =
    &["in", "to", "from", "near", "into", "across", "outside", "around", "toward", "towards", "throughout", "via"];

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
];

/// Determiners that open a description of an anonymous source.
const ANONYMOUS_DETERMINERS: &[&str] = &["a", "an", "another", "the", "one", "two", "three", "several", "some"];

/// Lower-case words that cannot modify the head of a description.
const NOT_MODIFIERS: &[&str] = &[
    "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "that", "which", "who",
    "is", "was", "were", "had", "has", "have", "been", "be", "are", "will", "would", "said", "says", "told", "not",
    "no", "he", "she", "they", "it", "we", "his", "her", "their", "its", "this", "these", "those", "than", "more",
];

fn is_title_modifier(t: &Token<'_>) -> bool {
    (t.is_capitalised() && !FUNCTION_CAPS.contains(&t.text) && !is_weekday_or_month(t.text))
        || t.kind == Kind::Possessive
        || (t.kind == Kind::Word && TITLE_MODIFIERS.contains(&t.lower().as_str()))
}

/// How sure a type guess is: the strongest cue wins.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Cue {
    strength: u8,
    kind: EntityType,
    text: String,
}

impl Cue {
    fn new(strength: u8, kind: EntityType, text: String) -> Self {
        Self { strength, kind, text }
    }
}

/// A candidate entity found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The full name, or the longest description of an anonymous source.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Descriptions (for anonymous sources and groups).
    pub roles: Vec<String>,
    /// Guessed type.
    pub kind: EntityType,
    /// The cue behind the guess.
    pub cue: String,
    /// The key anonymous descriptions are grouped by ("police source").
    pub core: Option<String>,
}

/// An occurrence of a capitalised name in the text.
struct Occurrence {
    form: String,
    tokens: usize,
    initial: bool,
    /// Followed by `'s`: "Kessland's government".
    possessive: bool,
    cue: Option<Cue>,
}

/// Capitalised names in tokens not `covered` by known mentions. The block
/// `credit`, if any, is the photo credit: a person's name.
pub(crate) fn names(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    covered: &[bool],
    credit: Option<usize>,
) -> Vec<Candidate> {
    let usable = |i: usize| tokens[i].is_capitalised() && !covered[i];
    let mut occurrences: Vec<Occurrence> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !usable(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len() && tokens[end].sentence == tokens[i].sentence {
            if usable(end) {
                end += 1;
            } else if CONNECTORS.contains(&tokens[end].text)
                && end + 1 < tokens.len()
                && usable(end + 1)
                && tokens[end + 1].sentence == tokens[i].sentence
            {
                end += 2;
            } else {
                break;
            }
        }
        let initial = is_initial(tokens, i);
        // Weekdays and months split a run and are never names.
        let mut start = i;
        for k in i..=end {
            if k == end || is_weekday_or_month(tokens[k].text) {
                if start < k {
                    occurrences.extend(occurrence(text_of, tokens, start, k, initial && start == i, credit));
                }
                start = k + 1;
            }
        }
        i = end;
    }

    // A single word at a sentence start is a name only if it is one elsewhere.
    let elsewhere: BTreeSet<String> = occurrences
        .iter()
        .filter(|o| !o.initial || o.tokens > 1)
        .flat_map(|o| {
            let words: Vec<&str> = o.form.split(' ').collect();
            let mut parts = vec![o.form.as_str()];
            if words.len() > 1 {
                let not_keyword = |w: &&str| !TYPE_KEYWORDS.iter().any(|(k, _)| k == w);
                parts.extend([words[0], words[words.len() - 1]].into_iter().filter(not_keyword));
            }
            parts.into_iter().map(str::to_owned).collect::<Vec<_>>()
        })
        .collect();
    occurrences.retain(|o| {
        !o.initial
            || o.tokens > 1
            || o.possessive
            || elsewhere.contains(&o.form)
            || COUNTRIES.contains(&o.form.as_str())
    });

    // The strongest cue of each form.
    let mut forms: BTreeMap<String, Option<Cue>> = BTreeMap::new();
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    for (n, o) in occurrences.iter().enumerate() {
        first_seen.entry(o.form.clone()).or_insert(n);
        let best = forms.entry(o.form.clone()).or_default();
        if o.cue.as_ref() > best.as_ref() {
            best.clone_from(&o.cue);
        }
    }
    group(forms, &first_seen)
}

/// Groups forms into entities: a single word joins the one multi-word name
/// it ends (or, for a person, begins); a multi-word name joins a longer one
/// it ends.
fn group(forms: BTreeMap<String, Option<Cue>>, first_seen: &BTreeMap<String, usize>) -> Vec<Candidate> {
    let words = |f: &str| f.split(' ').count();
    let mut by_length: Vec<&String> = forms.keys().collect();
    by_length.sort_by_key(|f| (std::cmp::Reverse(words(f)), first_seen.get(*f).copied()));
    // Group heads, by their full form.
    let mut heads: BTreeMap<String, (Vec<String>, Option<Cue>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for form in by_length {
        let cue = forms.get(form).cloned().flatten();
        let is_person = |c: &Option<Cue>| c.as_ref().is_some_and(|c| c.kind == EntityType::Person);
        let matches: Vec<String> = heads
            .iter()
            .filter(|(head, (_, head_cue))| {
                words(head) > words(form)
                    && (head.ends_with(&format!(" {form}"))
                        || (words(form) == 1 && is_person(head_cue) && head.starts_with(&format!("{form} ")))
                        || **head == format!("{form} news agency"))
            })
            .map(|(head, _)| head.clone())
            .collect();
        if let [head] = matches.as_slice()
            && let Some((aliases, head_cue)) = heads.get_mut(head)
        {
            aliases.push(form.clone());
            if cue > *head_cue {
                *head_cue = cue;
            }
            continue;
        }
        heads.insert(form.clone(), (Vec::new(), cue));
        order.push(form.clone());
    }
    order
        .into_iter()
        .filter_map(|name| {
            let (aliases, cue) = heads.remove(&name)?;
            let (kind, cue) = match cue {
                Some(c) => (c.kind, c.text),
                None if words(&name) > 1 => (
                    EntityType::Person,
                    "no cue; read as a person's name from its shape (capitalised words)".to_owned(),
                ),
                None => (EntityType::Organization, "no cue; type unknown".to_owned()),
            };
            Some(Candidate { name, aliases, roles: Vec::new(), kind, cue, core: None })
        })
        .collect()
}

/// Whether token `i` begins a sentence (or a quotation, or follows a colon).
fn is_initial(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else { return true };
    if prev.sentence != tokens[i].sentence || prev.block != tokens[i].block || prev.is_punct(':') {
        return true;
    }
    // A sentence inside a quotation: "… enormous. Whole streets are gone."
    let honorific = i >= 2 && HONORIFICS.contains(&tokens[i - 2].text);
    if (prev.is_punct('.') || prev.is_punct('?') || prev.is_punct('!')) && !honorific {
        return true;
    }
    match prev.kind {
        Kind::OpenQuote => true,
        Kind::StraightQuote => i < 2 || tokens[i - 2].span.end < prev.span.begin,
        _ => false,
    }
}

/// The name in the run of capitalised tokens `a..b`, without a leading
/// function word or title, with the cue it gives for its type.
fn occurrence(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    a: usize,
    b: usize,
    initial: bool,
    credit: Option<usize>,
) -> Option<Occurrence> {
    let mut start = a;
    if initial && FUNCTION_CAPS.contains(&tokens[a].text) {
        start += 1;
    }
    // Strip a title: the last title word before the name.
    let mut title: Option<String> = None;
    let title_end = (start..b.saturating_sub(1)).rev().find(|&k| {
        let t = tokens[k].text;
        is_title(t) || HONORIFICS.contains(&t) || (t == "State" && k >= 2 && tokens[k - 2].text == "Secretary")
    });
    if let Some(k) = title_end {
        title = Some(text_of(Span { begin: tokens[start].span.begin, end: tokens[k].span.end }));
        start = k + 1;
    }
    if start >= b {
        return None;
    }
    let (first, last) = (&tokens[start], &tokens[b - 1]);
    let next = tokens.get(b).filter(|n| n.sentence == last.sentence);
    let next_lower_word = next.is_some_and(|n| n.kind == Kind::Word && !n.is_capitalised());
    let single = b - start == 1;
    let counted = start.checked_sub(1).is_some_and(|p| {
        tokens[p].sentence == first.sentence
            && (tokens[p].kind == Kind::Number || super::quantities::is_number_word(tokens[p].text))
    });
    let not_a_name = (single
        && (FUNCTION_CAPS.contains(&first.text)
            || HONORIFICS.contains(&first.text)
            || COMPASS.contains(&first.text)
            || first.text.chars().count() == 1
            || counted))
        // "Chinese President", "Foreign Minister": a title, not a name.
        || is_title(last.text);
    // "North Korean leader", "South Koreans": adjectives and peoples, not names.
    let adjective =
        is_demonym(last.text) && next_lower_word && !next.is_some_and(|n| VERBISH.contains(&n.lower().as_str()));
    let people =
        last.text.chars().count() > 4 && last.text.ends_with('s') && is_demonym(&last.text[..last.text.len() - 1]);
    if not_a_name || adjective || people {
        return None;
    }
    let mut form = text_of(Span { begin: first.span.begin, end: last.span.end });
    let mut words = b - start;

    let prev = start.checked_sub(1).map(|p| &tokens[p]).filter(|p| p.sentence == first.sentence);
    let prev2 = start.checked_sub(2).map(|p| &tokens[p]).filter(|p| p.sentence == first.sentence);
    let after = |k: usize| tokens.get(b + k).filter(|n| n.sentence == last.sentence);
    let news_agency = after(0).is_some_and(|n| n.is("news")) && after(1).is_some_and(|n| n.is("agency"));
    let keyword = form.split(' ').rev().find_map(|w| TYPE_KEYWORDS.iter().find(|(k, _)| *k == w));

    let cue = if credit == Some(first.block) {
        Some(Cue::new(9, EntityType::Person, "photo credit".to_owned()))
    } else if let Some(title) = &title {
        Some(Cue::new(8, EntityType::Person, format!("after the title {title:?}")))
    } else if let Some(p) = prev.filter(|p| p.kind == Kind::Word && (is_title_noun(p.text) || is_title(p.text))) {
        Some(Cue::new(8, EntityType::Person, format!("after the title {:?}", p.text)))
    } else if prev.is_some_and(|p| p.is_punct('.')) && prev2.is_some_and(|p| HONORIFICS.contains(&p.text)) {
        Some(Cue::new(8, EntityType::Person, "after an honorific".to_owned()))
    } else if news_agency {
        form = format!("{form} news agency");
        words += 2;
        Some(Cue::new(7, EntityType::NewsMediaOrganization, "followed by \"news agency\"".to_owned()))
    } else if let Some((k, kind)) = keyword {
        Some(Cue::new(7, *kind, format!("{k:?} in the name")))
    } else if COUNTRIES.contains(&form.as_str()) {
        Some(Cue::new(6, EntityType::Country, "a state's name".to_owned()))
    } else if prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p.lower().as_str()))
        || (prev.is_some_and(|p| p.is("the"))
            && prev2.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p.lower().as_str())))
    {
        let preposition = if prev.is_some_and(|p| p.is("the")) { prev2 } else { prev };
        Some(Cue::new(5, EntityType::Place, format!("after {:?}", preposition.map_or("", |p| p.text))))
    } else if prev.is_some_and(|p| p.is("of")) && prev2.is_some_and(|p| PLACE_NOUNS.contains(&p.lower().as_str())) {
        Some(Cue::new(5, EntityType::Place, format!("after \"{} of\"", prev2.map_or("", |p| p.text))))
    } else if form.starts_with("The ") {
        Some(Cue::new(5, EntityType::Organization, "a name with \"The\"".to_owned()))
    } else if words > 1 && after(0).is_some_and(|n| is_speech_verb(&n.lower())) {
        Some(Cue::new(4, EntityType::Person, format!("speaker name, before {:?}", after(0).map_or("", |n| n.text))))
    } else if last.text.chars().count() > 1 && last.text.chars().all(|c| c.is_uppercase() || c == '.') {
        Some(Cue::new(3, EntityType::Organization, "an acronym".to_owned()))
    } else {
        None
    };
    let possessive = after(0).is_some_and(|n| n.kind == Kind::Possessive);
    Some(Occurrence { form, tokens: words, initial: initial && start == a, possessive, cue })
}

/// Descriptions of anonymous sources and groups not covered by known
/// mentions: a determiner, up to five modifiers, a head ("source",
/// "official") and an optional place ("in Vladivostok").
pub(crate) fn anonymous(text_of: &dyn Fn(Span) -> String, tokens: &[Token<'_>], covered: &[bool]) -> Vec<Candidate> {
    let mut by_core: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, det) in tokens.iter().enumerate() {
        if covered[i] || det.kind != Kind::Word || !ANONYMOUS_DETERMINERS.contains(&det.lower().as_str()) {
            continue;
        }
        // "Marek Dolny, a spokesman for the presidency": an apposition, not an unnamed source.
        let apposition = i >= 2
            && tokens[i - 1].is_punct(',')
            && tokens[i - 1].sentence == det.sentence
            && (tokens[i - 2].is_capitalised() || covered[i - 2]);
        if apposition {
            continue;
        }
        let Some((head, end)) = description(tokens, i, covered) else { continue };
        let determiner = det.lower();
        let modifiers_and_head: Vec<String> = tokens[i + 1..=head].iter().map(Token::lower).collect();
        let core = modifiers_and_head.join(" ");
        let plural = GROUP_HEADS.contains(&tokens[head].lower().as_str());
        let mut key = if determiner == "another" { format!("another {core}") } else { core.clone() };
        // "the official" after "a union official": the one description it shortens.
        if determiner == "the" && !by_core.contains_key(&key) {
            let suffix = format!(" {core}");
            let antecedents: Vec<&String> = by_core
                .iter()
                .filter(|(k, c)| k.ends_with(&suffix) && c.roles.iter().any(|r| !r.starts_with("the ")))
                .map(|(k, _)| k)
                .collect();
            if let [antecedent] = antecedents.as_slice() {
                key = (*antecedent).clone();
            }
        }
        let rest = text_of(Span { begin: det.span.end, end: tokens[end - 1].span.end });
        let phrase = format!("{}{rest}", det.lower());
        let entry = by_core.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Candidate {
                name: String::new(),
                aliases: Vec::new(),
                roles: Vec::new(),
                kind: if plural { EntityType::Group } else { EntityType::AnonymousSource },
                cue: format!("description of an unnamed {}: {phrase:?}", if plural { "group" } else { "source" }),
                core: Some(key.clone()),
            }
        });
        if !entry.roles.contains(&phrase) {
            entry.roles.push(phrase);
        }
    }
    for candidate in by_core.values_mut() {
        // The name is the longest indefinite description, else the longest one.
        let indefinite = |r: &&String| !r.starts_with("the ");
        let longest = |a: &&String, b: &&String| a.len().cmp(&b.len()).then_with(|| b.cmp(a));
        let best = candidate
            .roles
            .iter()
            .filter(indefinite)
            .max_by(longest)
            .or_else(|| candidate.roles.iter().max_by(longest));
        candidate.name = best.cloned().unwrap_or_default();
    }
    // "the spokeswoman" alone may be someone named elsewhere: only a
    // description introduced as unnamed ("a", "another") makes an anonymous source.
    by_core.retain(|_, c| c.roles.iter().any(|r| !r.starts_with("the ")));
    order.into_iter().filter_map(|k| by_core.remove(&k)).collect()
}

/// The head and end of the description after the determiner at `det`.
fn description(tokens: &[Token<'_>], det: usize, covered: &[bool]) -> Option<(usize, usize)> {
    let sentence = tokens[det].sentence;
    let mut k = det + 1;
    let mut head = None;
    while k < tokens.len() && k <= det + 6 && tokens[k].sentence == sentence && !covered[k] {
        let t = &tokens[k];
        if t.kind != Kind::Word {
            break;
        }
        let lower = t.lower();
        if ANONYMOUS_HEADS.contains(&lower.as_str()) || GROUP_HEADS.contains(&lower.as_str()) {
            // "a police officer": the last head word wins.
            let next_is_head = tokens.get(k + 1).is_some_and(|n| {
                ANONYMOUS_HEADS.contains(&n.lower().as_str()) || GROUP_HEADS.contains(&n.lower().as_str())
            });
            if !next_is_head {
                head = Some(k);
                break;
            }
        } else if NOT_MODIFIERS.contains(&lower.as_str()) || lower.ends_with("ly") {
            break;
        }
        k += 1;
    }
    let head = head?;
    // "the ministry spokeswoman Ana Lopez": a title before a name.
    if tokens.get(head + 1).is_some_and(|n| n.is_capitalised() && n.sentence == sentence) {
        return None;
    }
    // "people" and "police" need a modifier to be a description.
    if head == det + 1 && matches!(tokens[head].lower().as_str(), "people" | "police" | "person") {
        return None;
    }
    let mut end = head + 1;
    // A place after the head: "in Vladivostok", "from the ministry".
    if let Some(p) = tokens.get(end)
        && p.sentence == sentence
        && matches!(p.lower().as_str(), "in" | "from" | "at")
    {
        let mut k = end + 1;
        if tokens.get(k).is_some_and(|t| t.is("the")) {
            k += 1;
        }
        let name_start = k;
        while k < tokens.len() && tokens[k].sentence == sentence && tokens[k].is_capitalised() {
            k += 1;
        }
        if k > name_start && !is_weekday_or_month(tokens[name_start].text) {
            end = k;
            // "at the Ashby clinic": one common noun after the name.
            if let Some(noun) = tokens.get(k)
                && noun.sentence == sentence
                && noun.kind == Kind::Word
                && !noun.is_capitalised()
                && !NOT_MODIFIERS.contains(&noun.lower().as_str())
                && !is_speech_verb(&noun.lower())
            {
                end = k + 1;
            }
        }
    }
    Some((head, end))
}

/// A title held by a named person, as the text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title as written, without "then-", "former" or a determiner ("Kremlin spokeswoman").
    pub label: String,
    /// The title and the name together ("Kremlin spokeswoman Natalya Timakova").
    pub span: Span,
    /// The entity holding it.
    pub holder: String,
    /// The mention of the holder.
    pub name: Span,
    /// The last word of the title, lower-cased ("spokeswoman").
    pub head: String,
}

/// Titles before the name mentions of people, and in appositions after them
/// ("Sergei Lavrov, Russia's foreign minister,").
pub(crate) fn titles(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    mentions: &[Mention],
    is_person: &dyn Fn(&str) -> bool,
) -> Vec<Title> {
    let mut found = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == crate::mentions::MentionKind::Name && is_person(&m.entity)) {
        let Some(first) = tokens.iter().position(|t| t.span.begin == m.span.begin) else { continue };
        let Some(last) = tokens.iter().rposition(|t| t.span.end == m.span.end) else { continue };
        let sentence = tokens[first].sentence;
        // Before: [modifiers] title-words NAME.
        let mut k = first;
        while k > 0 && tokens[k - 1].sentence == sentence && {
            let t = &tokens[k - 1];
            t.kind == Kind::Word && (is_title(t.text) || is_title_noun(t.text))
        } {
            k -= 1;
        }
        let title_words = first - k;
        while title_words > 0 && k > 0 && tokens[k - 1].sentence == sentence && is_title_modifier(&tokens[k - 1]) {
            k -= 1;
        }
        // A possessive needs its owner: "Russia's foreign minister".
        while k < first && tokens[k].kind == Kind::Possessive {
            k += 1;
        }
        if title_words > 0 && k < first {
            let title_span = Span { begin: tokens[k].span.begin, end: tokens[first - 1].span.end };
            let label = clean_label(&text_of(title_span));
            let head = tokens[first - 1].lower();
            let head = head.rsplit('-').next().unwrap_or(&head).to_owned();
            if !HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(&label)) {
                found.push(Title {
                    label,
                    span: Span { begin: title_span.begin, end: m.span.end },
                    holder: m.entity.clone(),
                    name: m.span,
                    head,
                });
            }
        }
        // After: NAME, [the] [modifiers] title-noun [of X],
        if tokens.get(last + 1).is_some_and(|t| t.is_punct(',') && t.sentence == sentence) {
            let start = last + 2;
            let mut k = start;
            let mut head = None;
            while k < tokens.len() && k < start + 9 && tokens[k].sentence == sentence {
                let t = &tokens[k];
                if t.is_punct(',') || t.is_punct('.') {
                    break;
                }
                if t.kind == Kind::Word && is_speech_verb(&t.lower()) {
                    head = None;
                    break;
                }
                if t.kind == Kind::Word && is_title_noun(t.text) && head.is_none() {
                    head = Some(t.lower());
                }
                k += 1;
            }
            let closed = tokens.get(k).is_some_and(|t| t.is_punct(',') || t.is_punct('.'));
            if let Some(head) = head
                && closed
                && k > start
            {
                let mut begin = start;
                if tokens[begin].kind == Kind::Word && matches!(tokens[begin].lower().as_str(), "the" | "a" | "an") {
                    begin += 1;
                }
                let label_span = Span { begin: tokens[begin].span.begin, end: tokens[k - 1].span.end };
                found.push(Title {
                    label: clean_label(&text_of(label_span)),
                    span: Span { begin: m.span.begin, end: tokens[k - 1].span.end },
                    holder: m.entity.clone(),
                    name: m.span,
                    head,
                });
            }
        }
    }
    found
}

fn clean_label(label: &str) -> String {
    let label = label.trim();
    for prefix in ["then-", "ex-", "former ", "Former "] {
        if let Some(rest) = label.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    label.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::extract::tokens::tokenize;

    fn candidates(body: &str) -> Vec<(String, Vec<String>, EntityType)> {
        let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{body}")).unwrap();
        let tokens = tokenize(&article);
        let covered = vec![false; tokens.len()];
        let text_of = |s: Span| article.slice(s).to_owned();
        let mut all = names(&text_of, &tokens, &covered, None);
        all.extend(anonymous(&text_of, &tokens, &covered));
        all.into_iter().map(|c| (c.name, [c.aliases, c.roles].concat(), c.kind)).collect()
    }

    #[test]
    fn names_grouped_and_typed() {
        use EntityType::*;
        type Expected<'a> = &'a [(&'a str, &'a [&'a str], EntityType)];
        // (text, expected (name, aliases or roles, type))
        let table: &[(&str, Expected<'_>)] = &[
            (
                "The Kremlin said President Dmitry Medvedev would go. Medvedev flew to Vladivostok.",
                &[
                    ("Dmitry Medvedev", &["Medvedev"], Person),
                    ("Kremlin", &[], GovernmentOrganization),
                    ("Vladivostok", &[], Place),
                ],
            ),
            (
                "North Korean leader Kim Jong Il met Chinese President Hu Jintao. Kim smiled.",
                &[("Kim Jong Il", &["Kim"], Person), ("Hu Jintao", &[], Person)],
            ),
            (
                "South Korea's Yonhap news agency cited a source. Two attacks killed 50 South Koreans on Wednesday.",
                &[
                    ("Yonhap news agency", &[], NewsMediaOrganization),
                    ("South Korea", &[], Country),
                    ("a source", &["a source"], AnonymousSource),
                ],
            ),
            (
                "A police source in Vladivostok said it. Another police source agreed, and the police source left.",
                &[
                    ("Vladivostok", &[], Place),
                    (
                        "a police source in Vladivostok",
                        &["a police source in Vladivostok", "the police source"],
                        AnonymousSource,
                    ),
                    ("another police source", &["another police source"], AnonymousSource),
                ],
            ),
            ("Protesters rallied. Diplomats say nothing. It is so.", &[]),
        ];
        for (text, expected) in table {
            let expected: Vec<(String, Vec<String>, EntityType)> = expected
                .iter()
                .map(|(n, a, k)| ((*n).to_owned(), a.iter().map(|s| (*s).to_owned()).collect(), *k))
                .collect();
            assert_eq!(candidates(text), expected, "{text}");
        }
    }
}
