//! Generates a corpus of articles for benchmarks: `N` article directories,
//! each an `article.md` and an `annotations.toml` shaped like the bundled
//! article: about the same length (1,200 to 1,800 triples), some thirty
//! entities, seventeen events, five quotations, thirteen claims, six posts,
//! a dozen relations, three quantities, dates, intervals and alternative
//! dates, anonymous sources, a photo with its photographer — every section
//! and field the bundled annotations use, so every mapping path runs.
//!
//! Entities come from a shared pool, so names recur across articles as they
//! do in an archive: countries are drawn with skewed (Zipf-like) weights, the
//! people are the office holders of those countries in the article's year
//! (the same President of a country appears in every article about it in his
//! term), and agencies, forums, photographers and anonymous sources recur. An
//! entity is described the same way in every article that uses it, so that
//! it is one node in the store's shared entity graph. Different people may
//! share a surname; within one article such a surname is not used as an alias.
//!
//! Deterministic from the seed: article `i` depends only on the seed and `i`
//! (not on `N`), and the pool on nothing at all.
//!
//! ```sh
//! cargo run --release --example generate-corpus -- DIR N [SEED]
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use newskg::article::{Date, MONTHS};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const FIRST: &[&str] = &[
    "Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid", "Jamal", "Katarina", "Lars",
    "Mei", "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tomas", "Yuri", "Alina", "Bogdan", "Clara", "Darius", "Emil",
    "Freya", "Goran", "Helena", "Igor", "Jana", "Karim", "Lena", "Marek", "Nadia", "Oskar", "Petra", "Rustam", "Sofia",
    "Timur", "Vera",
];
const LAST: &[&str] = &[
    "Abramov",
    "Bauer",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gorin",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Orlov",
    "Petrov",
    "Quist",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Volkov",
    "Weber",
    "Yilmaz",
    "Zhukov",
    "Aliyev",
    "Balan",
    "Cernik",
    "Dragan",
    "Esposito",
    "Falk",
    "Grigoryan",
    "Holm",
    "Iliescu",
    "Jovanovic",
    "Kask",
    "Lukin",
    "Marin",
    "Nyberg",
    "Ozturk",
    "Popescu",
    "Rahimov",
    "Saar",
    "Tamm",
    "Usenov",
    "Varga",
    "Wojcik",
    "Yusupov",
    "Zorin",
    "Berzins",
];

/// A country of the pool, with what the text says of it.
struct Country {
    name: &'static str,
    adjective: &'static str,
    wikidata: Option<&'static str>,
    capital: &'static str,
    capital_wikidata: Option<&'static str>,
    /// The head of government's title.
    leader: &'static str,
    /// Its national news agency.
    agency: &'static str,
}

/// Wikidata ids only where the project's reviewed list
/// (`tests/fixtures/wikidata-ids.tsv`) has the item: never guessed, here as
/// in the annotations (a test checks every generated id against the list).
const COUNTRIES: &[Country] = &[
    c("Russia", "Russian", Some("Q159"), "Moscow", Some("Q649"), "President", "Volga Wire"),
    c("Finland", "Finnish", None, "Helsinki", None, "President", "Nordic Press"),
    c("South Korea", "South Korean", Some("Q884"), "Seoul", Some("Q8684"), "President", "Han River News"),
    c("Kazakhstan", "Kazakh", None, "Almaty", None, "President", "Steppe News"),
    c("Japan", "Japanese", Some("Q17"), "Tokyo", None, "Prime Minister", "Kanto Press"),
    c("Lithuania", "Lithuanian", None, "Vilnius", None, "President", "Neris Daily"),
    c("Mongolia", "Mongolian", None, "Ulaanbaatar", None, "President", "Gobi Times"),
    c("North Korea", "North Korean", Some("Q423"), "Pyongyang", Some("Q18808"), "Premier", "Taedong Wire"),
    c("Poland", "Polish", None, "Warsaw", None, "President", "Vistula Press"),
    c("Romania", "Romanian", None, "Bucharest", None, "President", "Carpathia News"),
    c("Serbia", "Serbian", None, "Belgrade", None, "President", "Sava Report"),
    c("Turkey", "Turkish", None, "Ankara", None, "Prime Minister", "Anatolia Wire"),
    c("Ukraine", "Ukrainian", None, "Kiev", None, "President", "Dnieper News"),
    c("Uzbekistan", "Uzbek", None, "Tashkent", None, "President", "Oxus Press"),
    c("Vietnam", "Vietnamese", None, "Hanoi", None, "Prime Minister", "Mekong Daily"),
    c("Armenia", "Armenian", None, "Yerevan", None, "President", "Ararat News"),
];

const fn c(
    name: &'static str,
    adjective: &'static str,
    wikidata: Option<&'static str>,
    capital: &'static str,
    capital_wikidata: Option<&'static str>,
    leader: &'static str,
    agency: &'static str,
) -> Country {
    Country { name, adjective, wikidata, capital, capital_wikidata, leader, agency }
}

const FORUMS: &[&str] = &[
    "Black Sea energy talks",
    "Baltic pipeline talks",
    "Caspian transit talks",
    "Northern grid talks",
    "Danube water talks",
    "Eurasian gas talks",
];
const COUNCILS: &[&str] =
    &["Eurasian Trade Council", "Northern Investment Forum", "Silk Road Business Council", "Baltic Energy Summit"];
const PUBLISHERS: &[&str] =
    &["The Northern Herald", "The Steppe Chronicle", "The Danube Observer", "The Caspian Courier", "The Baltic Times"];
const NUMBERS: &[&str] = &["two", "three", "four", "five", "six"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The offices of each country whose holders the articles name.
const OFFICES: usize = 5;
const LEADER: usize = 0;
const FOREIGN: usize = 1;
const TRADE: usize = 2;
const SPOKES: usize = 3;
const ENERGY: usize = 4;
const FIRST_YEAR: i32 = 1995;
const LAST_YEAR: i32 = 2014;
const PHOTOGRAPHERS: usize = 30;

/// A person of the pool.
struct Person {
    id: String,
    name: String,
    last: &'static str,
    description: String,
}

/// The pool every article draws from: office holders by country, office and
/// term, and photographers. Built from a fixed seed, so that every corpus
/// shares it.
struct Pool {
    holders: BTreeMap<(usize, usize, i32), Person>,
    photographers: Vec<Person>,
}

fn office_title(country: &Country, office: usize) -> String {
    match office {
        LEADER => country.leader.to_owned(),
        FOREIGN => "Foreign Minister".to_owned(),
        TRADE => "Trade Minister".to_owned(),
        ENERGY => "Energy Minister".to_owned(),
        _ => format!("{} spokeswoman", if country.leader == "President" { "presidential" } else { "government" }),
    }
}

/// Terms last four years for leaders and their spokeswomen, three for
/// ministers, staggered by country.
fn term(country: usize, office: usize, year: i32) -> i32 {
    let length = if office == LEADER || office == SPOKES { 4 } else { 3 };
    (year - FIRST_YEAR + country as i32 + office as i32) / length
}

impl Pool {
    fn new() -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(0x6e65_7773_6b67);
        let mut names: Vec<(usize, usize)> =
            (0..FIRST.len()).flat_map(|f| (0..LAST.len()).map(move |l| (f, l))).collect();
        names.shuffle(&mut rng);
        let mut names = names.into_iter();
        let mut person = |description: String| {
            let (f, l) = names.next().expect("the name pool outnumbers the people");
            let name = format!("{} {}", FIRST[f], LAST[l]);
            Person { id: slug(&name), name, last: LAST[l], description }
        };
        let mut holders = BTreeMap::new();
        for (index, country) in COUNTRIES.iter().enumerate() {
            for office in 0..OFFICES {
                let terms = term(index, office, FIRST_YEAR)..=term(index, office, LAST_YEAR);
                for t in terms {
                    let years: Vec<i32> = (FIRST_YEAR..=LAST_YEAR).filter(|&y| term(index, office, y) == t).collect();
                    let (from, to) = (years[0], years[years.len() - 1]);
                    let description =
                        format!("{} of {} from {from} to {to}", office_title(country, office), country.name);
                    holders.insert((index, office, t), person(description));
                }
            }
        }
        let photographers = (0..PHOTOGRAPHERS).map(|_| person("news photographer".to_owned())).collect();
        Self { holders, photographers }
    }

    fn holder(&self, country: usize, office: usize, year: i32) -> &Person {
        &self.holders[&(country, office, term(country, office, year))]
    }
}

fn slug(name: &str) -> String {
    name.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-")
}

/// A TOML basic string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A TOML array of strings.
fn list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "))
}

/// Picks `k` distinct indices below `n`, index `i` with weight `1 / (i + 2)`,
/// so that low indices recur across articles much more than high ones.
fn zipf_distinct(rng: &mut ChaCha8Rng, n: usize, k: usize) -> Vec<usize> {
    let mut left: Vec<usize> = (0..n).collect();
    let mut chosen = Vec::with_capacity(k);
    for _ in 0..k {
        let total: f64 = left.iter().map(|&i| 1.0 / (i as f64 + 2.0)).sum();
        let mut x = rng.random::<f64>() * total;
        let mut at = left.len() - 1;
        for (position, &i) in left.iter().enumerate() {
            x -= 1.0 / (i as f64 + 2.0);
            if x < 0.0 {
                at = position;
                break;
            }
        }
        chosen.push(left.remove(at));
    }
    chosen
}

/// An entity of one article, as its annotation file declares it.
struct Entity {
    kind: &'static str,
    name: String,
    aliases: Vec<String>,
    roles: Vec<String>,
    match_name: Option<bool>,
    wikidata: Option<&'static str>,
    description: Option<String>,
}

fn entity(kind: &'static str, name: impl Into<String>) -> Entity {
    Entity {
        kind,
        name: name.into(),
        aliases: Vec::new(),
        roles: Vec::new(),
        match_name: None,
        wikidata: None,
        description: None,
    }
}

/// One article's annotation file, written section by section.
#[derive(Default)]
struct Annotations {
    entities: Vec<(String, Entity)>,
    facts: String,
}

impl Annotations {
    /// Declares an entity (once; later declarations of the same id add roles).
    fn entity(&mut self, id: &str, entity: Entity) -> String {
        match self.entities.iter_mut().find(|(known, _)| known == id) {
            Some((_, known)) => known.roles.extend(entity.roles),
            None => self.entities.push((id.to_owned(), entity)),
        }
        id.to_owned()
    }

    /// Appends a `[[section]]` table; values are TOML already.
    fn table(&mut self, section: &str, fields: &[(&str, String)]) {
        let _ = writeln!(self.facts, "[[{section}]]");
        for (key, value) in fields {
            let _ = writeln!(self.facts, "{key} = {value}");
        }
        self.facts.push('\n');
    }

    fn write(&self, header: &str) -> String {
        let mut out = header.to_owned();
        for (id, e) in &self.entities {
            let _ = writeln!(out, "[[entity]]\nid = {}\ntype = {}\nname = {}", q(id), q(e.kind), q(&e.name));
            if !e.aliases.is_empty() {
                let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
                let _ = writeln!(out, "aliases = {}", list(&aliases));
            }
            if !e.roles.is_empty() {
                let roles: Vec<&str> = e.roles.iter().map(String::as_str).collect();
                let _ = writeln!(out, "roles = {}", list(&roles));
            }
            if let Some(m) = e.match_name {
                let _ = writeln!(out, "match_name = {m}");
            }
            if let Some(w) = e.wikidata {
                let _ = writeln!(out, "wikidata = {}", q(w));
            }
            if let Some(d) = &e.description {
                let _ = writeln!(out, "description = {}", q(d));
            }
            out.push('\n');
        }
        out.push_str(&self.facts);
        out
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(count), None) = (args.get(1), args.get(2), args.get(4)) else {
        eprintln!("usage: generate-corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let count: usize = count.parse().map_err(|e| format!("N: {count:?}: {e}"))?;
    let seed: u64 =
        args.get(3).map(|s| s.parse().map_err(|e| format!("SEED: {s:?}: {e}"))).transpose()?.unwrap_or(2011);
    let pool = Pool::new();
    for index in 0..count {
        // One generator per article, so that article i is the same whatever N is.
        let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
        let (article, annotations) = generate(&pool, index, &mut rng);
        let article_dir = Path::new(dir).join(format!("article-{index:06}"));
        std::fs::create_dir_all(&article_dir)?;
        std::fs::write(article_dir.join("article.md"), article)?;
        std::fs::write(article_dir.join("annotations.toml"), annotations)?;
    }
    Ok(())
}

fn generate(pool: &Pool, index: usize, rng: &mut ChaCha8Rng) -> (String, String) {
    let picked = zipf_distinct(rng, COUNTRIES.len(), 6);
    let [ia, ib, ic, id, ie, iff] = [picked[0], picked[1], picked[2], picked[3], picked[4], picked[5]];
    let [a, b, cc, d, e, f] = [ia, ib, ic, id, ie, iff].map(|i| &COUNTRIES[i]);
    let year = rng.random_range(2005..=LAST_YEAR);
    let month = rng.random_range(1..=12u8);
    let day = rng.random_range(3..=25u8);
    let date = Date::new(year, month, day).expect("days 3 to 25 exist in every month");
    let weekday = WEEKDAYS[usize::from(date.weekday())];
    let month_name = MONTHS[usize::from(month) - 1];
    let iso = |y: i32, m: u8, d: u8| format!("{y:04}-{m:02}-{d:02}");
    let then = year - rng.random_range(7..=10);
    let km = rng.random_range(40..=900);
    let blasts = rng.random_range(0..NUMBERS.len());
    let killed = rng.random_range(3..=90);
    let forum = FORUMS[zipf_distinct(rng, FORUMS.len(), 1)[0]];
    let council = COUNCILS[rng.random_range(0..COUNCILS.len())];
    let publisher = PUBLISHERS[rng.random_range(0..PUBLISHERS.len())];
    let photographer = &pool.photographers[zipf_distinct(rng, PHOTOGRAPHERS, 1)[0]];

    let la = pool.holder(ia, LEADER, year);
    let lb = pool.holder(ib, LEADER, year);
    let former = pool.holder(ia, LEADER, then);
    let spokes = pool.holder(ia, SPOKES, year);
    let trade = pool.holder(ic, TRADE, year);
    let foreign = pool.holder(ia, FOREIGN, year);
    let energy = pool.holder(ib, ENERGY, year);
    let people = [la, lb, former, spokes, trade, foreign, energy, photographer];
    // A surname two people of the article share would be ambiguous: they are
    // called by their full names instead.
    let mut surnames: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &people {
        *surnames.entry(p.last).or_default() += 1;
    }
    let short = |p: &Person| if surnames[p.last] == 1 { p.last.to_owned() } else { p.name.clone() };

    let mut an = Annotations::default();
    let person = |an: &mut Annotations, p: &Person, roles: &[String]| {
        let mut e = entity("Person", &p.name);
        if surnames[p.last] == 1 {
            e.aliases.push(p.last.to_owned());
        }
        e.roles = roles.to_vec();
        e.description = Some(p.description.clone());
        an.entity(&p.id, e)
    };
    let country = |an: &mut Annotations, c: &Country| {
        let mut e = entity("Country", c.name);
        e.wikidata = c.wikidata;
        an.entity(&slug(c.name), e)
    };
    let city = |an: &mut Annotations, c: &Country| {
        let mut e = entity("City", c.capital);
        e.wikidata = c.capital_wikidata;
        e.description = Some(format!("capital of {}", c.name));
        an.entity(&slug(c.capital), e)
    };

    let (ttl_a, ttl_b) = (office_title(a, LEADER), office_title(b, LEADER));
    let s_la = person(&mut an, la, &[]);
    let s_lb = person(&mut an, lb, &[format!("the {} leader", b.adjective), format!("{} leader", b.adjective)]);
    let s_former = person(&mut an, former, &[]);
    let s_spokes = person(&mut an, spokes, &[format!("{}'s spokeswoman", short(la))]);
    let s_trade = person(&mut an, trade, &[]);
    let s_foreign = person(&mut an, foreign, &[]);
    let s_energy = person(&mut an, energy, &[]);
    let s_photo = person(&mut an, photographer, &[]);
    let [s_a, s_b, s_c, s_d, s_e, s_f] = [a, b, cc, d, e, f].map(|x| country(&mut an, x));
    let [s_cap_a, s_cap_b, s_cap_c] = [a, b, cc].map(|x| city(&mut an, x));
    let region = format!("{} Borderlands", a.adjective);
    let s_region = an.entity(&slug(&region), {
        let mut e = entity("AdministrativeArea", &region);
        e.description = Some(format!("border region of {}", a.name));
        e
    });
    let (first, second) = if ia < ib { (a, b) } else { (b, a) };
    let border = format!("{}–{} border", first.name, second.name);
    let s_border = an.entity(&slug(&border), {
        let mut e = entity("Place", &border);
        e.roles = vec![format!("the {} border", b.adjective)];
        e
    });
    let s_forum = an.entity(&slug(forum), {
        let mut e = entity("Organization", forum);
        e.description = Some("regional talks between governments".to_owned());
        e
    });
    let s_council = an.entity(&slug(council), entity("Organization", council));
    let agency = d.agency;
    let s_agency = an.entity(&slug(agency), {
        let mut e = entity("NewsMediaOrganization", agency);
        e.description = Some(format!("news agency of {}", d.name));
        e
    });
    let s_publisher = an.entity(&slug(publisher), {
        let mut e = entity("NewsMediaOrganization", publisher);
        e.description = Some("newspaper".to_owned());
        e
    });
    let s_gov_b = an.entity(&format!("government-of-{}", slug(b.name)), {
        let mut e = entity("GovernmentOrganization", format!("Government of {}", b.name));
        e.roles = vec![format!("the {} government", b.adjective)];
        e
    });
    let office_role = format!("the office of {ttl_a} {}", la.name);
    let s_office = an.entity(&format!("office-of-the-{}-of-{}", slug(&ttl_a), slug(a.name)), {
        let mut e = entity("GovernmentOrganization", format!("Office of the {ttl_a} of {}", a.name));
        e.roles = vec![office_role.clone(), format!("the {ttl_a}'s office")];
        e
    });
    let s_police = an.entity(&format!("police-in-{}", slug(a.capital)), {
        let mut e = entity("GovernmentOrganization", format!("police in {}", a.capital));
        e.roles = vec!["officers".to_owned()];
        e.match_name = Some(false);
        e
    });
    let s_authorities = an.entity(&format!("authorities-in-{}", slug(a.capital)), {
        let mut e = entity("GovernmentOrganization", format!("authorities in {}", a.capital));
        e.roles = vec![format!("Authorities in {}", a.capital), "local officials".to_owned()];
        e.match_name = Some(false);
        e
    });
    let anonymous = |an: &mut Annotations, id: String, name: String, roles: &[String]| {
        let mut e = entity("AnonymousSource", name);
        e.roles = roles.to_vec();
        an.entity(&id, e)
    };
    let s_official = anonymous(
        &mut an,
        format!("local-official-{}", slug(a.capital)),
        format!("a local official in {}", a.capital),
        &["a local official".to_owned()],
    );
    let s_police_source = anonymous(
        &mut an,
        format!("police-source-{}", slug(a.capital)),
        format!("a police source in {}", a.capital),
        &["a police source".to_owned(), format!("A police source in {}", a.capital), "the police source".to_owned()],
    );
    let s_other_police = anonymous(
        &mut an,
        format!("another-police-source-{}", slug(a.capital)),
        format!("another police source in {}", a.capital),
        &["Another police source".to_owned()],
    );
    let s_intelligence = anonymous(
        &mut an,
        format!("intelligence-source-{}", slug(agency)),
        format!("an unidentified intelligence source cited by {agency}"),
        &["an unidentified intelligence source".to_owned()],
    );
    let gov_source = format!("a senior {} government source", d.adjective);
    let s_gov_source = anonymous(
        &mut an,
        format!("government-source-{}", slug(d.name)),
        gov_source.clone(),
        std::slice::from_ref(&gov_source),
    );
    let s_diplomats = an.entity("diplomats", {
        let mut e = entity("Group", "diplomats");
        e.roles = vec!["Diplomats".to_owned()];
        e
    });
    let s_protesters = an.entity(&format!("protesters-in-{}", slug(b.capital)), {
        let mut e = entity("Group", format!("protesters in {}", b.capital));
        e.roles = vec!["Protesters".to_owned()];
        e
    });

    // The text, paragraph by paragraph, with the facts each one supports.
    let (sa, sb) = (short(la), short(lb));
    let (d1, d2) = (day + 1, day + 2);
    let caption = format!(
        "Protesters rallying against {} leader {}, pictured on a banner, in {} on {weekday}.",
        b.adjective, lb.name, b.capital
    );
    let mut paragraphs: Vec<String> = Vec::new();
    let mut para = |text: String| {
        paragraphs.push(text.clone());
        text
    };
    let lead = format!(
        "The leaders of {} and {} appeared on {weekday} to have postponed plans for a summit in {} when {office_role} said no meeting had been set with {}.",
        a.name, b.name, a.capital, lb.name
    );
    para(lead.clone());
    let p2 = para(format!(
        "Authorities in {}, {km} kilometers from the {} border, had been making preparations for a possible visit by the {} leader, a local official said earlier this week.",
        a.capital, b.adjective, b.adjective
    ));
    let p3_clause = format!("But {office_role} said {sa} had no meetings scheduled with {sb} during the visit");
    para(format!("{p3_clause}, and a police source said officers had been told the visit had been scrapped."));
    let q1 = format!("No such meeting is included in the program for {}'s trip to {},", la.name, a.capital);
    let spokes_title = office_title(a, SPOKES);
    let p4 = para(format!("\"{q1}\" {} {spokes_title} {} said by telephone.", a.adjective, spokes.name));
    let p5a = format!("{} is a member of the long-stalled {forum} on {}'s gas transit.", a.name, b.name);
    let p5b = format!("Diplomats say {} has more influence on {} than does {}.", cc.name, b.name, a.name);
    para(format!("{p5a} {p5b}"));
    para(format!(
        "{sa} will inspect preparations for the {council} meeting, which will be held in {} in {}.",
        a.capital,
        year + 1
    ));
    let p7a = format!(
        "{sb} has made no public visit to {} since {then}, when {sb} met with then-{ttl_a} {} in {}.",
        a.name, former.name, a.capital
    );
    let p7b = format!(
        "The {} leader has made several trips to {}, the closest big power ally of the {} government, in recent years.",
        b.adjective, cc.name, b.adjective
    );
    para(format!("{p7a} {p7b}"));
    let q2 = format!("We never said that {sb} was going to come,");
    let p8 = para(format!("\"{q2}\" {sa}'s spokeswoman said."));
    let p9 = para(format!(
        "A police source in {} said officers had been told that the expected visit by {sb}, who local officials believed would travel by train, had been canceled.",
        a.capital
    ));
    let q3 = format!("We were told that {sb} is not going to come. The capital stood us down. The visit is canceled,");
    let p10 = para(format!("\"{q3}\" the police source said."));
    let p11 = para(format!(
        "Another police source confirmed that officers had been told the {sb} visit would not take place."
    ));
    let p12 = para(format!(
        "{}'s {agency} news agency cited an unidentified intelligence source as saying the summit may have been ditched because {} and {} failed to narrow differences over the agenda for the meeting.",
        d.name, a.name, b.name
    ));
    let q4 = format!(
        "A summit between {ttl_a} {} and {ttl_b} {} was known to be scheduled to take place in {} on {month_name} {d1} or {d2},",
        la.name, lb.name, a.capital
    );
    let q5 = "We have no idea yet why the talks were canceled.";
    para(format!("\"{q4}\" {gov_source} told {agency}. \"{q5}\""));
    let p14a = format!(
        "{} and {} share a short border in {}'s {region} and were once politically close.",
        a.name, b.name, a.name
    );
    let p14b = format!("But relations cooled and trade diminished dramatically after the {} gas dispute.", year - 3);
    para(format!("{p14a} {p14b}"));
    let p15 = para(format!(
        "Earlier this month, {sa} and {} {} {} issued a joint declaration calling for a diplomatic solution to the dispute over {}'s pipeline.",
        cc.adjective,
        office_title(cc, TRADE),
        trade.name,
        b.name
    ));
    let p16 = para(format!(
        "{} and {} said they were ready to cooperate with other partners to seek a resumption of the moribund {forum}.",
        a.name, cc.name
    ));
    para(format!(
        "{}, {} and {} — the other participants in the {forum} — have urged {} and {} to first resolve their differences bilaterally before a resumption of the regional talks.",
        d.name, e.name, f.name, a.name, b.name
    ));
    para(format!(
        "Tension increased in the region last year after {} blasts on the pipeline killed {killed} workers, and {} revealed a plan to reroute its gas exports through {}.",
        NUMBERS[blasts], b.name, cc.name
    ));
    let p19 = para(format!(
        "{} Foreign Minister {} is expected to brief the partners in {} next week, and {} {} {} will join the talks there.",
        a.adjective,
        foreign.name,
        cc.capital,
        b.adjective,
        office_title(b, ENERGY),
        energy.name
    ));

    // Offices held.
    let post = |an: &mut Annotations,
                id: &str,
                label: String,
                holder: &str,
                org: Option<&str>,
                time: Option<String>,
                evidence: String| {
        let mut fields = vec![("id", q(id)), ("label", q(&label)), ("holder", q(holder))];
        if let Some(org) = org {
            fields.push(("organization", q(org)));
        }
        if let Some(time) = time {
            fields.push(("time", q(&time)));
        }
        fields.push(("evidence", q(&evidence)));
        an.table("post", &fields);
    };
    post(
        &mut an,
        "leader-a",
        format!("{ttl_a} of {}", a.name),
        &s_la,
        Some(&s_a),
        None,
        format!("{ttl_a} {} said no meeting", la.name),
    );
    post(
        &mut an,
        "leader-a-then",
        format!("{ttl_a} of {}", a.name),
        &s_former,
        Some(&s_a),
        Some(then.to_string()),
        format!("then-{ttl_a} {}", former.name),
    );
    post(
        &mut an,
        "leader-b",
        format!("{ttl_b} of {}", b.name),
        &s_lb,
        Some(&s_b),
        None,
        format!("{ttl_b} {} was known", lb.name),
    );
    post(
        &mut an,
        "spokeswoman",
        format!("{} {spokes_title}", a.adjective),
        &s_spokes,
        Some(&s_office),
        None,
        format!("{} {spokes_title} {}", a.adjective, spokes.name),
    );
    post(
        &mut an,
        "trade-minister-c",
        format!("{} of {}", office_title(cc, TRADE), cc.name),
        &s_trade,
        Some(&s_c),
        None,
        format!("{} {} {}", cc.adjective, office_title(cc, TRADE), trade.name),
    );
    post(
        &mut an,
        "foreign-minister-a",
        format!("Foreign Minister of {}", a.name),
        &s_foreign,
        Some(&s_a),
        None,
        format!("{} Foreign Minister {}", a.adjective, foreign.name),
    );
    post(
        &mut an,
        "energy-minister-b",
        format!("{} of {}", office_title(b, ENERGY), b.name),
        &s_energy,
        None,
        None,
        format!("{} {} {}", b.adjective, office_title(b, ENERGY), energy.name),
    );

    // Events.
    struct Ev<'a> {
        id: &'a str,
        label: String,
        status: &'a str,
        participants: Vec<&'a str>,
        place: Option<&'a str>,
        time: Option<String>,
        evidence: String,
    }
    let event = |an: &mut Annotations, ev: Ev<'_>, extra: &[(&str, String)]| {
        let mut fields = vec![("id", q(ev.id)), ("label", q(&ev.label)), ("status", q(ev.status))];
        if !ev.participants.is_empty() {
            fields.push(("participants", list(&ev.participants)));
        }
        if let Some(place) = ev.place {
            fields.push(("place", q(place)));
        }
        if let Some(time) = ev.time {
            fields.push(("time", q(&time)));
        }
        fields.extend(extra.iter().cloned());
        fields.push(("evidence", q(&ev.evidence)));
        an.table("event", &fields);
    };
    let summit_evidence =
        format!("was known to be scheduled to take place in {} on {month_name} {d1} or {d2}", a.capital);
    event(
        &mut an,
        Ev {
            id: "summit",
            label: format!("{}–{} summit in {}", la.last, lb.last, a.capital),
            status: "postponed",
            participants: vec![&s_la, &s_lb],
            place: Some(&s_cap_a),
            time: None,
            evidence: summit_evidence.clone(),
        },
        &[("alternative_times", list(&[&iso(year, month, d1), &iso(year, month, d2)])), ("certainty", q("probable"))],
    );
    event(
        &mut an,
        Ev {
            id: "visit",
            label: format!("{}'s expected visit to {} by train", lb.name, a.capital),
            status: "cancelled",
            participants: vec![&s_lb],
            place: Some(&s_cap_a),
            time: None,
            evidence: format!(
                "the expected visit by {sb}, who local officials believed would travel by train, had been canceled"
            ),
        },
        &[("polarity", q("negative"))],
    );
    event(
        &mut an,
        Ev {
            id: "inspection",
            label: format!("{}'s trip to {} to inspect preparations", la.name, a.capital),
            status: "scheduled",
            participants: vec![&s_la],
            place: Some(&s_cap_a),
            time: None,
            evidence: format!("{sa} will inspect preparations for the {council} meeting"),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "council-meeting",
            label: format!("{} {} meeting in {}", year + 1, council, a.capital),
            status: "scheduled",
            participants: vec![&s_council],
            place: Some(&s_cap_a),
            time: Some((year + 1).to_string()),
            evidence: format!("which will be held in {} in {}", a.capital, year + 1),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "protest",
            label: format!("Protest rally against {} in {}", lb.name, b.capital),
            status: "occurred",
            participants: vec![&s_protesters],
            place: Some(&s_cap_b),
            time: Some(iso(year, month, day)),
            evidence: caption.clone(),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "visit-then",
            label: format!("{}'s {then} visit to {}", lb.name, a.name),
            status: "occurred",
            participants: vec![&s_lb],
            place: Some(&s_a),
            time: Some(then.to_string()),
            evidence: format!("{sb} has made no public visit to {} since {then}", a.name),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "meeting-then",
            label: format!("{}–{} meeting in {}", lb.last, former.last, a.capital),
            status: "occurred",
            participants: vec![&s_lb, &s_former],
            place: Some(&s_cap_a),
            time: Some(then.to_string()),
            evidence: format!("when {sb} met with then-{ttl_a} {} in {}", former.name, a.capital),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "trips",
            label: format!("{}'s trips to {} in recent years", lb.name, cc.name),
            status: "occurred",
            participants: vec![&s_lb],
            place: Some(&s_c),
            time: None,
            evidence: p7b.clone(),
        },
        &[("end", q(&year.to_string()))],
    );
    event(
        &mut an,
        Ev {
            id: "declaration",
            label: format!("{}–{} joint declaration calling for a diplomatic solution", la.last, trade.last),
            status: "occurred",
            participants: vec![&s_la, &s_trade],
            place: None,
            time: Some(format!("{year:04}-{month:02}")),
            evidence: p15.clone(),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "blasts",
            label: format!("Blasts on the pipeline that killed {killed} workers"),
            status: "occurred",
            participants: vec![],
            place: Some(&s_region),
            time: Some((year - 1).to_string()),
            evidence: format!("{} blasts on the pipeline killed {killed} workers", NUMBERS[blasts]),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "reroute",
            label: format!("{} reveals a plan to reroute its gas exports", b.name),
            status: "occurred",
            participants: vec![&s_b],
            place: None,
            time: Some((year - 1).to_string()),
            evidence: format!("{} revealed a plan to reroute its gas exports through {}", b.name, cc.name),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "tension",
            label: "Tension in the region increases".to_owned(),
            status: "occurred",
            participants: vec![],
            place: Some(&s_region),
            time: Some((year - 1).to_string()),
            evidence: "Tension increased in the region last year".to_owned(),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "gas-dispute",
            label: format!("{} gas dispute", year - 3),
            status: "occurred",
            participants: vec![&s_a, &s_b],
            place: None,
            time: Some((year - 3).to_string()),
            evidence: format!("after the {} gas dispute", year - 3),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "relations-cooling",
            label: format!("{}–{} relations cool and trade diminishes", a.name, b.name),
            status: "occurred",
            participants: vec![&s_a, &s_b],
            place: None,
            time: None,
            evidence: p14b.clone(),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "urging",
            label: format!("{}, {} and {} urge bilateral talks first", d.name, e.name, f.name),
            status: "occurred",
            participants: vec![&s_d, &s_e, &s_f],
            place: None,
            time: None,
            evidence: format!("have urged {} and {} to first resolve their differences bilaterally", a.name, b.name),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "talks-stalled",
            label: format!("The {forum} stall"),
            status: "occurred",
            participants: vec![&s_forum],
            place: None,
            time: None,
            evidence: format!("the long-stalled {forum}"),
        },
        &[],
    );
    event(
        &mut an,
        Ev {
            id: "official-statement",
            label: format!("A local official speaks of the preparations in {}", a.capital),
            status: "occurred",
            participants: vec![&s_official],
            place: Some(&s_cap_a),
            time: None,
            evidence: "a local official said earlier this week".to_owned(),
        },
        &[("begin", q(&iso(year, month, day - 2))), ("end", q(&iso(year, month, day - 1)))],
    );
    event(
        &mut an,
        Ev {
            id: "briefing",
            label: format!("Briefing of the partners in {}", cc.capital),
            status: "scheduled",
            participants: vec![&s_foreign, &s_energy],
            place: Some(&s_cap_c),
            time: None,
            evidence: p19.clone(),
        },
        &[("certainty", q("probable"))],
    );

    // Quotations.
    let quotation =
        |an: &mut Annotations, id: &str, text: &str, speaker: &str, extra: &[(&str, String)], evidence: &str| {
            let mut fields = vec![("id", q(id)), ("text", q(text)), ("speaker", q(speaker))];
            fields.extend(extra.iter().cloned());
            fields.push(("evidence", q(evidence)));
            an.table("quotation", &fields);
        };
    quotation(&mut an, "no-such-meeting", &q1, &s_spokes, &[("manner", q("by telephone"))], &p4);
    quotation(&mut an, "never-said", &q2, &s_spokes, &[], &p8);
    quotation(&mut an, "police-told", &q3, &s_police_source, &[], &p10);
    quotation(
        &mut an,
        "summit-dates",
        &q4,
        &s_gov_source,
        &[("addressee", q(&s_agency))],
        &format!("\"{q4}\" {gov_source} told {agency}."),
    );
    quotation(&mut an, "no-idea", q5, &s_gov_source, &[], &format!("\"{q5}\""));

    // Claims.
    let claim = |an: &mut Annotations,
                 id: &str,
                 text: String,
                 source: &str,
                 extra: &[(&str, String)],
                 about: &[&str],
                 evidence: &str| {
        let mut fields = vec![("id", q(id)), ("text", q(&text)), ("source", q(source))];
        fields.extend(extra.iter().cloned());
        fields.push(("about", list(about)));
        fields.push(("evidence", q(evidence)));
        an.table("claim", &fields);
    };
    let probable = [("certainty", q("probable"))];
    claim(
        &mut an,
        "lead-summit-postponed",
        format!("The leaders of {} and {} have postponed plans for a summit in {}.", a.name, b.name, a.capital),
        &s_publisher,
        &probable,
        &["summit"],
        &lead,
    );
    claim(
        &mut an,
        "office-no-meeting",
        format!("No meeting had been set with {}.", lb.name),
        &s_office,
        &[],
        &[&s_lb, "summit"],
        &format!("{office_role} said no meeting had been set with {}", lb.name),
    );
    claim(
        &mut an,
        "office-no-meetings",
        format!("{} had no meetings scheduled with {} during the visit.", la.name, lb.name),
        &s_office,
        &[("polarity", q("negative"))],
        &[&s_la, &s_lb, "summit"],
        &p3_clause,
    );
    claim(
        &mut an,
        "official-preparations",
        format!("Authorities in {} had been making preparations for a possible visit.", a.capital),
        &s_official,
        &[],
        &[&s_authorities, "visit"],
        &p2,
    );
    claim(
        &mut an,
        "police-visit-scrapped",
        "Officers had been told the visit had been scrapped.".to_owned(),
        &s_police_source,
        &[],
        &[&s_police, "visit"],
        "a police source said officers had been told the visit had been scrapped",
    );
    claim(
        &mut an,
        "police-visit-canceled",
        format!("Officers had been told that the expected visit by {} had been canceled.", lb.name),
        &s_police_source,
        &[],
        &[&s_police, "visit"],
        &p9,
    );
    claim(
        &mut an,
        "officials-train",
        format!("{} would travel by train.", lb.name),
        &s_authorities,
        &probable,
        &["visit"],
        "who local officials believed would travel by train",
    );
    claim(
        &mut an,
        "other-police-confirms",
        format!("Officers had been told the {} visit would not take place.", lb.name),
        &s_other_police,
        &[],
        &[&s_police, "visit"],
        &p11,
    );
    claim(
        &mut an,
        "agency-agenda",
        format!(
            "The summit may have been ditched because {} and {} failed to narrow differences over the agenda.",
            a.name, b.name
        ),
        &s_agency,
        &[("cited", q(&s_intelligence)), ("certainty", q("possible"))],
        &["summit", &s_a, &s_b],
        &p12,
    );
    claim(
        &mut an,
        "diplomats-influence",
        format!("{} has more influence on {} than does {}.", cc.name, b.name, a.name),
        &s_diplomats,
        &[],
        &[&s_c, &s_b, &s_a],
        &p5b,
    );
    claim(
        &mut an,
        "summit-scheduled",
        format!(
            "A summit between {} and {} was known to be scheduled in {} on {month_name} {d1} or {d2}.",
            la.name, lb.name, a.capital
        ),
        &s_gov_source,
        &[],
        &["summit"],
        &summit_evidence,
    );
    let ready = format!("{} and {} said they were ready to cooperate", a.name, cc.name);
    claim(
        &mut an,
        "a-ready",
        format!("{} is ready to cooperate with other partners to seek a resumption of the {forum}.", a.name),
        &s_a,
        &[],
        &[&s_forum],
        &ready,
    );
    claim(
        &mut an,
        "c-ready",
        format!("{} is ready to cooperate with other partners to seek a resumption of the {forum}.", cc.name),
        &s_c,
        &[],
        &[&s_forum],
        &p16,
    );

    // Relations.
    let statement = |an: &mut Annotations, subject: &str, predicate: &str, object: &str, evidence: &str| {
        an.table(
            "statement",
            &[("subject", q(subject)), ("predicate", q(predicate)), ("object", q(object)), ("evidence", q(evidence))],
        );
    };
    statement(&mut an, &s_a, "member-of", &s_forum, &p5a);
    statement(&mut an, &s_forum, "about", &s_b, &format!("{forum} on {}'s gas transit", b.name));
    statement(&mut an, &s_c, "member-of", &s_forum, &ready);
    let others = format!("{}, {} and {} — the other participants in the {forum}", d.name, e.name, f.name);
    for s in [&s_d, &s_e, &s_f] {
        statement(&mut an, s, "member-of", &s_forum, &others);
    }
    statement(&mut an, &s_a, "shares-border-with", &s_b, &format!("{} and {} share a short border", a.name, b.name));
    statement(&mut an, &s_border, "located-in", &s_region, &format!("share a short border in {}'s {region}", a.name));
    statement(&mut an, &s_region, "located-in", &s_a, &format!("{}'s {region}", a.name));
    statement(&mut an, &s_cap_a, "located-in", &s_a, &format!("visit to {} since {then}", a.name));
    statement(
        &mut an,
        &s_c,
        "ally-of",
        &s_gov_b,
        &format!("{}, the closest big power ally of the {} government", cc.name, b.adjective),
    );
    statement(&mut an, &s_agency, "country", &s_d, &format!("{}'s {agency} news agency", d.name));
    statement(&mut an, &s_spokes, "speaks-for", &s_la, &p8);

    // Quantities.
    let quantity =
        |an: &mut Annotations, id: &str, value: String, unit: &str, of: &str, from: Option<&str>, evidence: String| {
            let mut fields = vec![("id", q(id)), ("value", value), ("unit", q(unit)), ("of", q(of))];
            if let Some(from) = from {
                fields.push(("from", q(from)));
            }
            fields.push(("evidence", q(&evidence)));
            an.table("quantity", &fields);
        };
    quantity(
        &mut an,
        "border-distance",
        km.to_string(),
        "kilometre",
        &s_cap_a,
        Some(&s_border),
        format!("{km} kilometers from the {} border", b.adjective),
    );
    quantity(
        &mut an,
        "blast-count",
        (blasts + 2).to_string(),
        "blasts",
        "blasts",
        None,
        format!("{} blasts", NUMBERS[blasts]),
    );
    quantity(
        &mut an,
        "blast-killed",
        killed.to_string(),
        "workers killed",
        "blasts",
        None,
        format!("killed {killed} workers"),
    );

    let mut article = String::new();
    let _ = write!(
        article,
        "# {} and {} Postpone Plans for {} Summit\n\n{month_name} {day}, {year}\n\n{caption} **{}**\n\n",
        a.name, b.name, a.capital, photographer.name
    );
    for p in &paragraphs {
        article.push_str(p);
        article.push_str("\n\n");
    }
    let _ =
        write!(article, "Original url:\n\n<https://example.org/news/{year}/{month:02}/{day:02}/article-{index:06}>\n");

    let header = format!(
        "# Generated by bench/generate_corpus.rs (article {index}).\n\n[article]\nlanguage = \"en\"\npublisher = {}\nphotographer = {}\nphoto_depicts = {}\n\n",
        q(&s_publisher),
        q(&s_photo),
        list(&[&s_protesters, &s_lb])
    );
    (article, an.write(&header))
}
