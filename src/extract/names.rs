//! Names in unseen text and their types: runs of capitalised words, without
//! the titles, honorifics, initials' full stops, generational suffixes and
//! party tags around them ("Sen. Janet L. Yellen Jr. (D-Mo.)" gives "Janet
//! L. Yellen"); grouped when one is part of another ("Dmitry Medvedev" /
//! "Medvedev"); typed by the strongest cue over all their occurrences (see
//! [`typing`]). A name at a sentence start is kept when other evidence says
//! it is one. Demonyms ("Romanian") stand for their state.
//!
//! Descriptions of unnamed sources are found in [`unnamed`], titles held by
//! named people in [`titles`].

mod titles;
mod typing;
mod unnamed;

use std::collections::{BTreeMap, BTreeSet};

pub use titles::Title;
pub(crate) use titles::titles;
pub(crate) use unnamed::anonymous;

use super::lexicon::{GENERATIONAL_SUFFIXES, HONORIFICS, is_demonym, is_speech_verb, is_title};
use super::places::{lexicon_place, state_of_demonym};
use super::tokens::{Kind, Token};
use crate::annotation::EntityType;
use crate::article::Span;
use typing::{Around, Class, Cue};

/// The cue of a one-word name that nothing types: written down as an
/// organisation, though it may be anyone's.
pub(crate) const UNTYPED: &str = "no cue; type unknown";

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
    "Neither",
    "Either",
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

/// Words that join a name's parts only after an organisation's keyword
/// ("Council on Foreign Relations"): elsewhere they are prepositions ("Ruiz
/// on Monday").
const KEYWORD_CONNECTORS: &[&str] = &["on", "to"];

const COMPASS: &[&str] = &["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"];

/// Abbreviations written with a full stop inside place names ("St. Louis").
const NAME_ABBREVIATIONS: &[&str] = &["St", "Ste", "Mt", "Ft"];

/// Capitalised codes and abbreviations that are not names: currencies, time
/// zones, common nouns.
const NOT_NAMES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "CHF", "RUB", "INR", "UTC", "GMT", "EST", "EDT", "PST", "PDT",
    "CET", "CEST", "BST", "TV", "PC", "GDP", "IPO", "AM", "PM", "OK", "SDK", "API", "CD", "DVD", "GPS", "USB", "LCD",
    "HIV", "AIDS", "DNA", "PhD", "MP", "MPs", "Mac", "No",
];

/// Last words of names of things that are neither people, organisations nor
/// places: events, indices, products, programmes, laws.
const OTHER_HEADS: &[&str] = &[
    "Average",
    "Index",
    "Composite",
    "Program",
    "Programme",
    "Conference",
    "Show",
    "Games",
    "Olympics",
    "Cup",
    "Championship",
    "Championships",
    "Summit",
    "Festival",
    "Awards",
    "Award",
    "Prize",
    "Act",
    "Treaty",
    "Agreement",
    "Accord",
    "Plan",
    "War",
    "Day",
    "Week",
    "Kit",
    "Expo",
    "Fair",
    "Tour",
    "Initiative",
    "Project",
    "Protocol",
    "Doctrine",
    "Pro",
    "Store",
    "Stores",
];

/// Lower-case words after a name that make it a thing's ("the Hang Seng index").
const OTHER_AFTER: &[&str] = &["index", "indices", "average", "program", "programme"];

/// Words after which a capitalised adjective is still read as a name ("Ryan said").
const VERBISH: &[&str] = &[
    "said", "says", "told", "tells", "added", "is", "was", "has", "had", "will", "would", "can", "could", "did",
    "does", "met", "and", "or", "who", "which", "wrote", "asked",
];

/// Whether a word is a weekday or a month name, which is capitalised without
/// being a name.
fn is_weekday_or_month(word: &str) -> bool {
    super::times::WEEKDAYS.contains(&word) || crate::article::MONTHS.contains(&word)
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
    /// Its tokens.
    range: (usize, usize),
    words: usize,
    initial: bool,
    /// Followed by `'s`: "Kessland's government".
    possessive: bool,
    cue: Option<Cue>,
}

/// Whether token `i` can be part of a name.
fn is_name_word(tokens: &[Token<'_>], covered: &[bool], i: usize) -> bool {
    let t = &tokens[i];
    let currency = tokens.get(i + 1).is_some_and(|n| n.is_punct('$') && n.span.begin == t.span.end);
    t.is_capitalised()
        && !covered[i]
        && !currency
        && !is_party_tag(tokens, i)
        && !t.text.chars().any(|c| c.is_ascii_digit())
        && !NOT_NAMES.contains(&t.text)
}

/// Whether token `i` is a party tag in brackets after a name: "(R-AZ)", "(D-Mo.)", "(R)".
fn is_party_tag(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    let (party, rest) = t.text.split_once('-').unwrap_or((t.text, ""));
    i > 0
        && tokens[i - 1].is_punct('(')
        && matches!(party, "D" | "R" | "I")
        && (rest.is_empty() || rest.chars().next().is_some_and(char::is_uppercase))
}

/// Whether tokens `i` and `j` touch (no space between them).
fn touching(tokens: &[Token<'_>], i: usize, j: usize) -> bool {
    tokens.get(j).is_some_and(|t| tokens[i].span.end == t.span.begin)
}

/// The end of the run of name tokens starting at `i`, with what joins them:
/// connectors ("Bank of Kessland"), `&` ("H&M"), an initial's or an
/// abbreviation's full stop ("Janet L. Yellen", "St. Louis"), "People's",
/// a web address ("Norvik.com") and a generational suffix ("Jr.").
fn run_end(tokens: &[Token<'_>], covered: &[bool], i: usize) -> usize {
    let sentence = tokens[i].sentence;
    let name_word = |k: usize| k < tokens.len() && tokens[k].sentence == sentence && is_name_word(tokens, covered, k);
    let mut end = i + 1;
    while end < tokens.len() && tokens[end].sentence == sentence {
        let prev = &tokens[end - 1];
        let t = &tokens[end];
        let dot = t.is_punct('.') && touching(tokens, end - 1, end);
        // "Bank of Kessland", "H&M"; "Janet L. Yellen", "St. Louis"; "People's Republic"; "Norvik.com".
        let joined = ((CONNECTORS.contains(&t.text) || t.is_punct('&')) && name_word(end + 1))
            || (dot
                && ((prev.text.chars().count() == 1 && prev.is_capitalised())
                    || NAME_ABBREVIATIONS.contains(&prev.text))
                && name_word(end + 1))
            || (t.kind == Kind::Possessive && prev.text == "People" && name_word(end + 1))
            || (dot
                && tokens
                    .get(end + 1)
                    .is_some_and(|d| matches!(d.text, "com" | "net" | "org") && touching(tokens, end, end + 1)));
        // "Council on Foreign Relations", "Committee to Protect Journalists":
        // after an organisation's keyword only.
        let keyword_joined = KEYWORD_CONNECTORS.contains(&t.text)
            && name_word(end + 1)
            && tokens[i..end].iter().any(|w| typing::is_keyword(w.text));
        if name_word(end) {
            end += 1;
        } else if joined || keyword_joined {
            end += 2;
        } else if (CONNECTORS.contains(&t.text) || KEYWORD_CONNECTORS.contains(&t.text))
            && tokens.get(end + 1).is_some_and(|d| d.text == "the")
            && name_word(end + 2)
            && tokens[i..end].iter().any(|w| typing::is_keyword(w.text))
        {
            // "Federal Service for the Financial Markets", "Bank of the West".
            end += 3;
        } else if t.is_punct('.') && GENERATIONAL_SUFFIXES.contains(&prev.text) && touching(tokens, end - 1, end) {
            end += 1;
            break;
        } else {
            break;
        }
    }
    end
}

/// Capitalised names in tokens not `covered` by known mentions. The block
/// `credit`, if any, is the photo credit: a person's name.
pub(crate) fn names(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    covered: &[bool],
    credit: Option<usize>,
) -> Vec<Candidate> {
    let mut occurrences: Vec<Occurrence> = Vec::new();
    let mut in_names = vec![false; tokens.len()];
    let mut acronyms: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name_word(tokens, covered, i) {
            i += 1;
            continue;
        }
        let end = run_end(tokens, covered, i);
        let initial = is_initial(tokens, i);
        // "the Nordic Trade Council (NTC)": the acronym is another name of it.
        let acronym = tokens.get(end).is_some_and(|t| t.is_punct('('))
            && tokens.get(end + 2).is_some_and(|t| t.is_punct(')'))
            && tokens.get(end + 1).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.text.chars().count() > 1
                    && t.text.chars().all(|c| c.is_uppercase() || c == '.')
            });
        if acronym {
            let full = text_of(Span { begin: tokens[i].span.begin, end: tokens[end - 1].span.end });
            acronyms.push((tokens[end + 1].text.to_owned(), full));
        }
        // Weekdays and months split a run and are never names.
        let mut start = i;
        for k in i..=end {
            if k == end || is_weekday_or_month(tokens[k].text) {
                if start < k {
                    let found = occurrence(text_of, tokens, start, k, initial && start == i, credit);
                    for o in &found {
                        in_names[o.range.0..o.range.1].iter_mut().for_each(|u| *u = true);
                    }
                    occurrences.extend(found);
                }
                start = k + 1;
            }
        }
        i = end;
    }

    // A single word at a sentence start is a name only if it is one elsewhere,
    // or other evidence says so.
    let elsewhere: BTreeSet<String> = occurrences
        .iter()
        .filter(|o| !o.initial || o.words > 1)
        .flat_map(|o| {
            let words: Vec<&str> = o.form.split(' ').collect();
            let mut parts = vec![o.form.as_str()];
            if words.len() > 1 {
                let not_keyword = |w: &&str| !typing::is_keyword(w);
                parts.extend([words[0], words[words.len() - 1]].into_iter().filter(not_keyword));
            }
            parts.into_iter().map(str::to_owned).collect::<Vec<_>>()
        })
        .collect();
    occurrences.retain(|o| {
        !o.initial
            || o.words > 1
            || o.possessive
            || elsewhere.contains(&o.form)
            || lexicon_place(&o.form).is_some()
            || (o.cue.as_ref().is_some_and(|c| c.strength >= 7) && !typing::is_keyword(&o.form))
    });

    // The strongest cue of each form.
    let mut forms: BTreeMap<String, Option<Cue>> = BTreeMap::new();
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    for (n, o) in occurrences.iter().enumerate() {
        first_seen.entry(o.form.clone()).or_insert(n);
        let best = forms.entry(o.form.clone()).or_default();
        if o.cue.as_ref().is_some_and(|c| c.beats(best.as_ref())) {
            best.clone_from(&o.cue);
        }
    }
    let mut candidates = group(forms, &first_seen);
    join_acronyms(&acronyms, &mut candidates);
    nested_places(&mut candidates);
    demonyms(tokens, covered, &in_names, &mut candidates);
    candidates
}

/// An acronym in brackets after a name becomes its alias ("European Central
/// Bank (ECB)"); the acronym of a name that is no entity (an event, an index)
/// is none either.
fn join_acronyms(acronyms: &[(String, String)], candidates: &mut Vec<Candidate>) {
    for (acronym, full) in acronyms {
        let Some(a) = candidates.iter().position(|c| c.name == *acronym && c.aliases.is_empty()) else { continue };
        let owner = candidates.iter().position(|c| {
            c.name == *full
                || c.aliases.contains(full)
                || full.ends_with(&format!(" {}", c.name))
                || c.name.ends_with(full.as_str())
        });
        match owner {
            Some(o) if o != a => {
                let removed = candidates.remove(a);
                let o = if o > a { o - 1 } else { o };
                candidates[o].aliases.push(removed.name);
            }
            Some(_) => {}
            None => {
                candidates.remove(a);
            }
        }
    }
}

/// The state or city a body belongs to, named inside its name: "US
/// Government", "Royal Kessland Air Force", "Bank of Kessland". The place is an
/// entity of its own, with the cue saying where it was read.
fn nested_places(candidates: &mut Vec<Candidate>) {
    let mut places: Vec<(String, EntityType, String)> = Vec::new();
    for c in candidates.iter().filter(|c| typing::class(c.kind) == Class::Organisation) {
        let words: Vec<&str> = c.name.split(' ').collect();
        let leading = (1..words.len())
            .rev()
            .map(|n| words[..n].join(" "))
            .find_map(|p| lexicon_place(&p).map(|(kind, _)| (p, kind)))
            .filter(|_| c.kind == EntityType::GovernmentOrganization);
        let of = words
            .iter()
            .rposition(|w| *w == "of")
            .map(|k| words[k + 1..].join(" "))
            .and_then(|p| lexicon_place(&p).map(|(kind, _)| (p, kind)));
        for (place, kind) in leading.into_iter().chain(of) {
            places.push((place, kind, c.name.clone()));
        }
    }
    for (place, kind, owner) in places {
        if candidates.iter().any(|c| c.name == place || c.aliases.contains(&place)) {
            continue;
        }
        let cue = format!("a place named in the name {owner:?}");
        candidates.push(Candidate { name: place, aliases: Vec::new(), roles: Vec::new(), kind, cue, core: None });
    }
}

/// Demonyms standing alone ("a Romanian official") refer to their state when
/// the text does not name it: the state becomes an entity, the demonym its
/// mention. A state the text names keeps its own mentions only (a curated
/// annotation does not count "Chinese" as a mention of China).
fn demonyms(tokens: &[Token<'_>], covered: &[bool], in_names: &[bool], candidates: &mut Vec<Candidate>) {
    let mut seen = BTreeSet::new();
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || in_names[i] || t.kind != Kind::Word || !seen.insert(t.text) {
            continue;
        }
        // "North American", "Anglo-Dutch": not a state's demonym.
        let compass = i > 0 && COMPASS.contains(&tokens[i - 1].text) && tokens[i - 1].sentence == t.sentence;
        let Some(state) = state_of_demonym(t.text).filter(|_| !compass) else { continue };
        if candidates.iter().any(|c| c.name == t.text || c.aliases.iter().any(|a| a == t.text)) {
            continue;
        }
        let named = |c: &Candidate| c.name == state || c.aliases.iter().any(|a| a == state);
        match candidates.iter_mut().find(|c| named(c)) {
            Some(c) if c.cue.starts_with("the demonym") => c.aliases.push(t.text.to_owned()),
            Some(_) => {}
            None => candidates.push(Candidate {
                name: state.to_owned(),
                aliases: vec![t.text.to_owned()],
                roles: Vec::new(),
                kind: EntityType::Country,
                cue: format!("the demonym {:?}", t.text),
                core: None,
            }),
        }
    }
}

/// A name with its apostrophes written straight: one person is "O’Neill" in
/// one paragraph and "O'Neill" in the next.
fn fold_apostrophes(form: &str) -> String {
    form.replace(['\u{2019}', '\u{2018}'], "'")
}

/// Groups forms into entities: a single word joins the one multi-word name
/// it ends (or, for a person, begins); a multi-word name joins a longer one
/// it ends; never across classes (a place does not join a company's name).
/// A name later written by its last word alone is a person's; a name whose
/// first word is an organisation's is one too ("Harlow Marine Systems").
fn group(forms: BTreeMap<String, Option<Cue>>, first_seen: &BTreeMap<String, usize>) -> Vec<Candidate> {
    let words = |f: &str| f.split(' ').count();
    let mut by_length: Vec<&String> = forms.keys().collect();
    by_length.sort_by_key(|f| (std::cmp::Reverse(words(f)), first_seen.get(*f).copied()));
    // A preposition says too little to keep a name apart from a person's.
    let class_of = |c: &Option<Cue>| c.as_ref().filter(|c| !c.is_preposition()).map(Cue::class);
    // Group heads, by their full form.
    let mut heads: BTreeMap<String, (Vec<String>, Option<Cue>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for form in by_length {
        let cue = forms.get(form).cloned().flatten();
        let lexicon = lexicon_place(form).is_some();
        let folded = fold_apostrophes(form);
        let matches: Vec<String> = heads
            .iter()
            .filter(|(head, (_, head_cue))| {
                let head_class = class_of(head_cue);
                let compatible = match (class_of(&cue), head_class) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                let head = fold_apostrophes(head);
                let surname = words(form) == 1 && head.ends_with(&format!(" {folded}"));
                let same = head == folded;
                (words(&head) > words(form) || same)
                    && compatible
                    && (!lexicon || head_class == Some(Class::Person))
                    && (same
                        || head.ends_with(&format!(" {folded}"))
                        || (words(form) > 1 && without_initials(&head) == folded)
                        || (words(form) == 1
                            && head_class == Some(Class::Person)
                            && head.starts_with(&format!("{folded} ")))
                        || head == format!("{folded} news agency"))
                    && (!surname || head_class != Some(Class::Organisation) || cue.is_some())
            })
            .map(|(head, _)| head.clone())
            .collect();
        if let [head] = matches.as_slice()
            && let Some((aliases, head_cue)) = heads.get_mut(head)
        {
            aliases.push(form.clone());
            let surname = words(form) == 1 && fold_apostrophes(head).ends_with(&format!(" {folded}"));
            let weak = |c: &Cue| c.strength < 5 && (c.class() != Class::Place || c.is_preposition());
            // "a letter to Ana Berg ... Berg said": the surname alone, even
            // after a preposition, names the person; not an initialism
            // ("E.U."), nor a place after its compass point ("North Kelmora").
            let shaped = head.split(' ').all(|w| w.starts_with(char::is_uppercase))
                && !head.split(' ').next().is_some_and(|w| COMPASS.contains(&w))
                && form.chars().any(char::is_lowercase);
            let later = surname
                && (cue.is_none() || shaped && cue.as_ref().is_some_and(Cue::is_preposition))
                && head_cue.as_ref().is_none_or(weak);
            if later {
                let text = format!("later named by its last word alone ({form:?})");
                *head_cue = Some(Cue::new(5, EntityType::Person, text));
            } else if cue.as_ref().is_some_and(|c| c.beats(head_cue.as_ref())) {
                *head_cue = cue;
            }
            continue;
        }
        heads.insert(form.clone(), (Vec::new(), cue));
        order.push(form.clone());
    }
    // "Harlow Marine Systems" after "shipmaker Harlow".
    let organisations: BTreeSet<String> = heads
        .iter()
        .filter(|(name, (_, cue))| {
            words(name) == 1 && cue.as_ref().is_some_and(|c| c.class() == Class::Organisation && c.strength >= 4)
        })
        .map(|(name, _)| name.clone())
        .collect();
    for (name, (_, cue)) in &mut heads {
        let first = name.split(' ').next().unwrap_or_default();
        if words(name) > 1 && organisations.contains(first) && cue.as_ref().is_none_or(|c| c.strength < 5) {
            let text = format!("its first word names the organisation {first:?}");
            *cue = Some(Cue::new(5, EntityType::Organization, text));
        }
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
                None => (EntityType::Organization, UNTYPED.to_owned()),
            };
            Some(Candidate { name, aliases, roles: Vec::new(), kind, cue, core: None })
        })
        .collect()
}

/// A name without its middle initials: "Ana K. Berg" is "Ana Berg".
fn without_initials(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let middle = |k: usize, w: &str| {
        let mut c = w.chars();
        k > 0
            && k + 1 < words.len()
            && matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
    };
    words.iter().enumerate().filter(|(k, w)| !middle(*k, w)).map(|(_, w)| *w).collect::<Vec<_>>().join(" ")
}

/// Whether token `i` begins a sentence (or a quotation, or follows a colon).
fn is_initial(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else { return true };
    if prev.sentence != tokens[i].sentence || prev.block != tokens[i].block || prev.is_punct(':') {
        return true;
    }
    // A sentence inside a quotation: "… enormous. Whole streets are gone."
    let honorific = i >= 2 && HONORIFICS.contains(&tokens[i - 2].text);
    let abbreviation =
        i >= 2 && (tokens[i - 2].text.chars().count() == 1 || GENERATIONAL_SUFFIXES.contains(&tokens[i - 2].text));
    if (prev.is_punct('.') || prev.is_punct('?') || prev.is_punct('!')) && !honorific && !abbreviation {
        return true;
    }
    match prev.kind {
        Kind::OpenQuote => true,
        Kind::StraightQuote => i < 2 || tokens[i - 2].span.end < prev.span.begin,
        _ => false,
    }
}

/// Whether token `k` is a title word in a run ("President", "Dr"), and not
/// the first word of a company's name ("General Mills").
fn is_title_at(tokens: &[Token<'_>], k: usize, b: usize) -> bool {
    let t = tokens[k].text;
    if t == "General" && k + 1 < b && (typing::is_keyword(tokens[k + 1].text) || tokens[k + 1].text == "Dynamics") {
        return false;
    }
    (is_title(t) && !surname_here(tokens, t))
        || HONORIFICS.contains(&t)
        || (t == "State" && k >= 2 && tokens[k - 2].text == "Secretary")
}

/// Whether the article writes `word`, a title, after an honorific ("Mr.
/// King", "Ms. Judge"): then it is somebody's surname here, and "Larry King"
/// is a name, not Larry holding the title King.
fn surname_here(tokens: &[Token<'_>], word: &str) -> bool {
    tokens.windows(3).any(|w| {
        w[2].text == word
            && ((HONORIFICS.contains(&w[0].text) && w[1].is_punct('.')) || HONORIFICS.contains(&w[1].text))
            && w[2].sentence == w[0].sentence
    })
}

/// Whether a capitalised word may stand in a title before its head
/// ("Foreign" in "Foreign Minister", "Press" in "Press Secretary").
fn is_title_modifier(word: &str) -> bool {
    matches!(
        word,
        "Prime"
            | "Vice"
            | "Deputy"
            | "Foreign"
            | "Finance"
            | "Defense"
            | "Defence"
            | "Interior"
            | "Press"
            | "Former"
            | "Acting"
            | "Interim"
            | "Senior"
            | "Assistant"
            | "Associate"
            | "Executive"
            | "Managing"
            | "Presiding"
            | "Chief"
            | "Attorney"
            | "Lord"
            | "State"
            | "Supreme"
            | "General"
            | "Federal"
    )
}

/// The names in the run of capitalised tokens `a..b`, without a leading
/// function word, titles, suffixes or a party tag, each with its strongest
/// cue: usually one; two when a title stands between a name and another
/// ("Vandor CEO Mia Lund").
fn occurrence(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    a: usize,
    b: usize,
    initial: bool,
    credit: Option<usize>,
) -> Vec<Occurrence> {
    let mut start = a;
    let mut end = b;
    // "Said Ellis: …": a speech verb opening an inverted attribution.
    if initial && (FUNCTION_CAPS.contains(&tokens[a].text) || (b - a > 1 && is_speech_verb(&tokens[a].lower()))) {
        start += 1;
    }
    // "Shares of Velmont" opening a sentence: a common noun, then the name.
    if initial
        && b > start + 2
        && CONNECTORS.contains(&tokens[start + 1].text)
        && !typing::is_keyword(tokens[start].text)
        && !is_title_at(tokens, start, b)
    {
        start += 2;
    }
    let mut cues: Vec<Cue> = Vec::new();
    // A generational suffix: "Carl Hesse Jr.", "Louis III".
    if end > start + 1 && tokens[end - 1].is_punct('.') && GENERATIONAL_SUFFIXES.contains(&tokens[end - 2].text) {
        end -= 2;
        cues.push(Cue::new(9, EntityType::Person, format!("before the suffix \"{}.\"", tokens[end].text)));
    } else if end > start + 2 && GENERATIONAL_SUFFIXES.contains(&tokens[end - 1].text) {
        end -= 1;
        cues.push(Cue::new(9, EntityType::Person, format!("before the suffix {:?}", tokens[end].text)));
    }
    // A party tag: "Dana Pruitt (R-Ohio)", "Emanuel Cleaver II (D-Mo.)".
    if b + 1 < tokens.len() && is_party_tag(tokens, b + 1) {
        cues.push(Cue::new(9, EntityType::Person, "before a party tag".to_owned()));
    }
    // "Norden Air Flight 212": an airline.
    if end > start + 1 && tokens[end - 1].text == "Flight" && tokens.get(b).is_some_and(|t| t.kind == Kind::Number) {
        end -= 1;
        cues.push(Cue::new(7, EntityType::Organization, "before \"Flight\" and a number".to_owned()));
    }
    let mut found = Vec::new();
    // Titles: the last title word before the name ends the title; what stands
    // before the title is a name of its own ("Vandor CEO Mia Lund").
    let title_end = (start..end.saturating_sub(1)).rev().find(|&k| is_title_at(tokens, k, end));
    // Titles after the name: "Vandor Systems CEO".
    let mut trailing = end;
    while trailing > start && is_title_at(tokens, trailing - 1, end) {
        trailing -= 1;
    }
    let (title_begin, title_stop) = match title_end {
        Some(k) => {
            let mut begin = k;
            while begin > start && (is_title_at(tokens, begin - 1, end) || is_title_modifier(tokens[begin - 1].text)) {
                begin -= 1;
            }
            (begin, k + 1)
        }
        None if trailing < end => {
            let mut begin = trailing;
            while begin > start && is_title_modifier(tokens[begin - 1].text) {
                begin -= 1;
            }
            (begin, end)
        }
        None => (end, end),
    };
    let title = (title_begin < title_stop)
        .then(|| text_of(Span { begin: tokens[title_begin].span.begin, end: tokens[title_stop - 1].span.end }));
    if let Some(title) = &title
        && title_begin > start
    {
        // The holder's organisation or place before the title.
        let cue = Cue::new(5, EntityType::Organization, format!("before the title {title:?}"));
        found.extend(name_at(text_of, tokens, start, title_begin, initial, credit, Some(cue)));
    }
    if title.is_some() && title_stop == end {
        return found;
    }
    let name_start = if title.is_some() { title_stop } else { start };
    let mut title_cue = title.as_ref().map(|t| {
        if HONORIFICS.contains(&t.trim_end_matches('.')) {
            Cue::new(8, EntityType::Person, "after an honorific".to_owned())
        } else {
            Cue::new(8, EntityType::Person, format!("after the title {t:?}"))
        }
    });
    let mut name_start = name_start;
    // "Prime Minister of Canada": the office's state or organisation.
    if title.is_some() && CONNECTORS.contains(&tokens[name_start].text) && name_start + 1 < end {
        title_cue = Some(Cue::new(5, EntityType::Organization, format!("after \"{} of\"", title.unwrap_or_default())));
        name_start += 1;
    }
    cues.extend(title_cue);
    let best = cues.into_iter().max();
    found.extend(name_at(text_of, tokens, name_start, end, initial && name_start == a, credit, best));
    found
}

/// The name of tokens `start..end` and its strongest cue, or `None` when the
/// words are not a name (a function word, an adjective, a people).
fn name_at(
    text_of: &dyn Fn(Span) -> String,
    tokens: &[Token<'_>],
    mut start: usize,
    end: usize,
    initial: bool,
    credit: Option<usize>,
    given: Option<Cue>,
) -> Option<Occurrence> {
    if start >= end {
        return None;
    }
    let run_start = start;
    // "British Airways" is a name; "British FTSE" is a demonym and a name.
    if end - start > 1 && state_of_demonym(tokens[start].text).is_some() {
        let form = text_of(Span { begin: tokens[start].span.begin, end: tokens[end - 1].span.end });
        if typing::keyword(&form).is_none() && lexicon_place(&form).is_none() {
            start += 1;
        }
    }
    let (first, last) = (&tokens[start], &tokens[end - 1]);
    let next = tokens.get(end).filter(|n| n.sentence == last.sentence);
    let next_lower_word = next.is_some_and(|n| n.kind == Kind::Word && !n.is_capitalised());
    let single = end - start == 1;
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
        || (is_title(last.text) && !surname_here(tokens, last.text))
        || CONNECTORS.contains(&last.text);
    // "North Korean leader", "South Koreans": adjectives and peoples, not names.
    let adjective = is_demonym(last.text)
        && !typing::is_keyword(last.text)
        && next_lower_word
        && !next.is_some_and(|n| VERBISH.contains(&n.lower().as_str()));
    let people =
        last.text.chars().count() > 4 && last.text.ends_with('s') && is_demonym(&last.text[..last.text.len() - 1]);
    // Events, indices and products: "Paris Air Show", "the Hang Seng index".
    let mut form = text_of(Span { begin: first.span.begin, end: last.span.end });
    let thing = (OTHER_HEADS.contains(&last.text)
        || next.is_some_and(|n| n.kind == Kind::Word && OTHER_AFTER.contains(&n.text)))
        && lexicon_place(&form).is_none();
    // "Australian Prime Minister": the demonym stands for its state (see `demonyms`).
    let demonym = single && state_of_demonym(first.text).is_some();
    if not_a_name || adjective || people || thing || demonym {
        return None;
    }
    let mut cues: Vec<Cue> = given.into_iter().collect();
    // "Gdansk-based": a place.
    if let Some(place) = form.strip_suffix("-based").filter(|p| !p.is_empty()) {
        form = place.to_owned();
        cues.push(Cue::new(6, EntityType::Place, "before \"-based\"".to_owned()));
    }
    let mut words = end - start;
    let news_agency = next.is_some_and(|n| n.is("news")) && tokens.get(end + 1).is_some_and(|n| n.is("agency"));
    if news_agency {
        form = format!("{form} news agency");
        words += 2;
        cues.push(Cue::new(7, EntityType::NewsMediaOrganization, "followed by \"news agency\"".to_owned()));
    }
    if credit == Some(first.block) {
        cues.push(Cue::new(10, EntityType::Person, "photo credit".to_owned()));
    }
    let prev = start.checked_sub(1).map(|p| &tokens[p]).filter(|p| p.sentence == first.sentence);
    if let Some(p) = prev.filter(|p| p.kind == Kind::Word && super::lexicon::is_title_noun(p.text)) {
        cues.push(Cue::new(8, EntityType::Person, format!("after the title {:?}", p.text)));
    }
    let prev2 = start.checked_sub(2).map(|p| &tokens[p]).filter(|p| p.sentence == first.sentence);
    if prev.is_some_and(|p| p.is_punct('.')) && prev2.is_some_and(|p| HONORIFICS.contains(&p.text)) {
        cues.push(Cue::new(8, EntityType::Person, "after an honorific".to_owned()));
    }
    cues.extend(typing::cues(&Around { tokens, start, end, form: &form }));
    let possessive = next.is_some_and(|n| n.kind == Kind::Possessive);
    Some(Occurrence {
        form,
        range: (start, end),
        words,
        initial: initial && start == run_start,
        possessive,
        cue: cues.into_iter().max(),
    })
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

    pub(super) fn candidates_full(body: &str) -> Vec<(String, Vec<String>, EntityType, String)> {
        let article = Article::parse(&format!("# T\n\nJune 29, 2011\n\n{body}")).unwrap();
        let tokens = tokenize(&article);
        let covered = vec![false; tokens.len()];
        let text_of = |s: Span| article.slice(s).to_owned();
        names(&text_of, &tokens, &covered, None).into_iter().map(|c| (c.name, c.aliases, c.kind, c.cue)).collect()
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
                    ("Vladivostok", &[], City),
                ],
            ),
            (
                "North Korean leader Kim Jong Il met Chinese President Hu Jintao. Kim smiled.",
                &[("Kim Jong Il", &["Kim"], Person), ("Hu Jintao", &[], Person), ("China", &["Chinese"], Country)],
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
                    ("Vladivostok", &[], City),
                    (
                        "a police source in Vladivostok",
                        &["a police source in Vladivostok", "the police source"],
                        AnonymousSource,
                    ),
                    ("another police source", &["another police source"], AnonymousSource),
                ],
            ),
            ("Protesters rallied. Diplomats say nothing. It is so.", &[]),
            // One person written with a curly and then a straight apostrophe
            // (the second "O'Dell" was read as another entity: a wrong speaker).
            (
                "Chief Ronan O\u{2019}Dell spoke first. Then O'Dell left, and O\u{2019}Dell came back.",
                &[("Ronan O\u{2019}Dell", &["O'Dell", "O\u{2019}Dell"], Person)],
            ),
        ];
        for (text, expected) in table {
            let expected: Vec<(String, Vec<String>, EntityType)> = expected
                .iter()
                .map(|(n, a, k)| ((*n).to_owned(), a.iter().map(|s| (*s).to_owned()).collect(), *k))
                .collect();
            assert_eq!(candidates(text), expected, "{text}");
        }
    }

    /// People after prepositions ("a letter to Ana Berg") were typed as
    /// places: a preposition yields to any strong evidence of a person
    /// (title, honorific, surname written alone, middle initial), and places
    /// after prepositions stay places.
    #[test]
    fn prepositions_yield_to_people() {
        use EntityType::*;
        // (text, name, its aliases, its type)
        let table: &[(&str, &str, &[&str], EntityType)] = &[
            ("The award went to Mara Delvine. Delvine thanked the jury.", "Mara Delvine", &["Delvine"], Person),
            ("A note came from Tobias Renk. Mr. Renk wrote it.", "Tobias Renk", &["Renk"], Person),
            ("The prize went to Corin T. Vale on Monday.", "Corin T. Vale", &[], Person),
            (
                "Oskar J. Lind spoke. Oskar Lind left, and Lind smiled.",
                "Oskar J. Lind",
                &["Oskar Lind", "Lind"],
                Person,
            ),
            ("Neither Ruth Kell nor her aide came. Kell wrote later.", "Ruth Kell", &["Kell"], Person),
            ("The minister flew to Jordan on Monday.", "Jordan", &[], Country),
            ("The family moved to Washington in May.", "Washington", &[], AdministrativeArea),
            ("She sent a letter to Georgia's governor.", "Georgia", &[], Country),
            ("Trucks drove to Kelmora at dawn. Roads in Kelmora were shut.", "Kelmora", &[], Place),
            ("Trucks drove to North Kelmora, then on to Kelmora.", "North Kelmora", &["Kelmora"], Place),
        ];
        for (text, name, aliases, kind) in table {
            let all = candidates_full(text);
            let found = all.iter().find(|c| c.0 == *name);
            let found = found.unwrap_or_else(|| panic!("{name} not found in {text}: {all:?}"));
            assert_eq!((&found.1, found.2), (&aliases.iter().map(|a| (*a).to_owned()).collect(), *kind), "{text}");
        }
    }

    /// One row per form of name: the names that must be found with their
    /// type, and the words that must not be taken for names.
    #[test]
    fn forms_of_names() {
        use EntityType::*;
        type Found<'a> = &'a [(&'a str, EntityType)];
        // (text, found (name, type), words that are no entity's name)
        let table: &[(&str, Found<'_>, &[&str])] = &[
            // Titles and honorifics are not part of names.
            (
                "The plan was backed by Sen. Maria Oduya and Dr. Ivo Sand.",
                &[("Maria Oduya", Person), ("Ivo Sand", Person)],
                &["Sen", "Dr"],
            ),
            // A plural title before several names.
            (
                "The letter was signed by Senators Maria Oduya and Paul Sand.",
                &[("Maria Oduya", Person), ("Paul Sand", Person)],
                &["Senators Maria Oduya"],
            ),
            (
                "A bill from Reps. Dana Whitlock and Ivo Marr passed.",
                &[("Dana Whitlock", Person), ("Ivo Marr", Person)],
                &[],
            ),
            // "on" and "to" join a name after an organisation's keyword only.
            (
                "Ivo Marr of the Council on Maritime Trade said so on Monday.",
                &[("Ivo Marr", Person), ("Council on Maritime Trade", Organization)],
                &["Maritime Trade", "Council"],
            ),
            ("Ivo Marr on Monday praised Tessaro.", &[("Ivo Marr", Person), ("Tessaro", Organization)], &[]),
            // Middle initials, generational suffixes, party tags.
            ("The fund was praised by Ruth K. Amberly on Monday.", &[("Ruth K. Amberly", Person)], &["Ruth K"]),
            ("The deal was signed by Carl Benning Jr. last week.", &[("Carl Benning", Person)], &["Carl Benning Jr"]),
            ("A bill from Rep. Dana Whitlock (D-Ore.) passed.", &[("Dana Whitlock", Person)], &["D-Ore"]),
            ("It was Henry Vale III who spoke.", &[("Henry Vale", Person)], &["Henry Vale III"]),
            // A title between two names: the organisation, then the person.
            ("The board heard Vandor CEO Mia Lund on Friday.", &[("Vandor", Organization), ("Mia Lund", Person)], &[]),
            (
                "It was said by Ola Brenn, Prime Minister of Norway, in a speech.",
                &[("Ola Brenn", Person), ("Norway", Country)],
                &["Prime Minister"],
            ),
            // A title that the article writes after an honorific is a surname there.
            ("The host Dale Prince smiled. Mr. Prince spoke first.", &[("Dale Prince", Person)], &["Dale"]),
            ("Crown Prince Omar Sadik spoke first.", &[("Omar Sadik", Person)], &["Crown Prince Omar Sadik"]),
            // "General" before a company's keyword is no title.
            ("Orders rose at General Electric last year.", &[("General Electric", Organization)], &["Electric"]),
            // Possessives, hyphens, all capitals.
            ("Analysts liked Tessaro's plan, and Tessaro's shares rose.", &[("Tessaro", Organization)], &[]),
            (
                "The Lyon-based retailer Brixmart opened a store.",
                &[("Lyon", City), ("Brixmart", Organization)],
                &["Lyon-based"],
            ),
            ("Workers at KRAVEN Group went on strike.", &[("KRAVEN Group", Organization)], &[]),
            // "City, State" and places from the lexicons.
            (
                "The plant in Dorrington, Ohio closed, and plants in St. Louis and Nairobi opened.",
                &[("Dorrington", City), ("Ohio", AdministrativeArea), ("St. Louis", City), ("Nairobi", City)],
                &[],
            ),
            ("Trade fell in Asia and the US.", &[("Asia", Place), ("US", Country)], &[]),
            // A sentence opener is a name when it is one elsewhere, not otherwise.
            ("Velmont said it would cut jobs. Shares of Velmont fell.", &[("Velmont", Organization)], &[]),
            (
                "Officials met. Developers left. County clerk Ana Rios said so.",
                &[("Ana Rios", Person)],
                &["Officials", "Developers", "County"],
            ),
            // Words in the name.
            (
                "Air Kessland and Norvik Airlines ordered jets from Tarvel Motors.",
                &[("Air Kessland", Organization), ("Norvik Airlines", Organization), ("Tarvel Motors", Organization)],
                &[],
            ),
            (
                "Search teams looked for Kessair Flight 210 over the Pacific Ocean.",
                &[("Kessair", Organization), ("Pacific Ocean", Place)],
                &["Kessair Flight"],
            ),
            // Descriptions before the name and appositions after it.
            (
                "Shares of the carmaker Dravo and the newspaper Kessland Herald fell.",
                &[("Dravo", Organization), ("Kessland Herald", NewsMediaOrganization)],
                &[],
            ),
            (
                "Lena Fisk, the chief executive of Dravo, said so. Orlo, a Danish shipping firm, agreed.",
                &[("Lena Fisk", Person), ("Orlo", Organization), ("Denmark", Country)],
                &[],
            ),
            // A name later written by its last word alone is a person's.
            ("Tomas Rehn arrived late. Rehn smiled.", &[("Tomas Rehn", Person)], &[]),
            // Acronyms in brackets are other names of the name before them.
            (
                "The Northern Trade Council (NTC) met, and the NTC voted.",
                &[("Northern Trade Council", Organization)],
                &["NTC"],
            ),
            // A state named inside a body's name.
            (
                "The US Treasury said it would sell bonds.",
                &[("US Treasury", GovernmentOrganization), ("US", Country)],
                &[],
            ),
            (
                "The Bank of Kessland and the People's Republic of China agreed.",
                &[("Bank of Kessland", Organization), ("People's Republic of China", Country)],
                &["People"],
            ),
            // A model number makes its maker an organisation.
            ("Pilots flew the Vantor 737 for years.", &[("Vantor", Organization)], &[]),
            // Events, indices, products, codes and currencies are not names.
            (
                "The Kessland Games opened as the Borsa Composite rose and the Nikkei index fell.",
                &[],
                &["Kessland Games", "Borsa Composite", "Nikkei"],
            ),
            ("It cost US$5 at 10:00 GMT, or $5 USD.", &[], &["US", "GMT", "USD"]),
            ("The Harlow H330 landed.", &[("Harlow", Organization)], &["H330", "Harlow H330"]),
        ];
        for (text, found, not_names) in table {
            let got = candidates_full(text);
            for (name, kind) in *found {
                let candidate = got.iter().find(|c| c.0 == *name);
                assert_eq!(candidate.map(|c| c.2), Some(*kind), "{name} in {text:?}: {got:?}");
            }
            for name in *not_names {
                assert!(!got.iter().any(|c| c.0 == *name), "{name} in {text:?}: {got:?}");
            }
        }
    }

    #[test]
    fn aliases_and_demonyms() {
        let table: &[(&str, &str, &[&str])] = &[
            ("Tomas Rehn arrived late. Rehn smiled.", "Tomas Rehn", &["Rehn"]),
            ("The Northern Trade Council (NTC) met, and the NTC voted.", "Northern Trade Council", &["NTC"]),
            ("A Romanian official said so, and Romanian banks agreed.", "Romania", &["Romanian"]),
            // A state the text names keeps its own mentions only.
            ("Chinese exports to China fell.", "China", &[]),
        ];
        for (text, name, aliases) in table {
            let got = candidates_full(text);
            let candidate = got.iter().find(|c| c.0 == *name);
            assert_eq!(
                candidate.map(|c| c.1.as_slice()),
                Some(aliases.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>().as_slice()),
                "{text}: {got:?}"
            );
        }
    }
}
