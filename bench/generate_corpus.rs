//! Generates a corpus of articles for benchmarks: `N` article directories,
//! each an `article.md` and an `annotations.toml` shaped like the bundled
//! article (about the same length, a dozen entities drawn from a shared pool
//! so that names recur across articles, five quotations, claims, events,
//! posts, relations, quantities and dates), deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example generate-corpus -- DIR N [SEED]
//! ```

use std::fmt::Write as _;
use std::path::Path;

use newskg::article::MONTHS;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const FIRST: &[&str] = &[
    "Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid", "Jamal", "Katarina", "Lars",
    "Mei", "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tomas", "Yuri",
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
];
const COUNTRIES: &[&str] = &[
    "Estonia",
    "Finland",
    "Georgia",
    "Kazakhstan",
    "Latvia",
    "Lithuania",
    "Mongolia",
    "Norway",
    "Poland",
    "Romania",
    "Serbia",
    "Turkey",
    "Ukraine",
    "Uzbekistan",
    "Vietnam",
    "Armenia",
];
const CITIES: &[&str] = &[
    "Tallinn",
    "Helsinki",
    "Tbilisi",
    "Almaty",
    "Riga",
    "Vilnius",
    "Ulaanbaatar",
    "Oslo",
    "Warsaw",
    "Bucharest",
    "Belgrade",
    "Ankara",
    "Kiev",
    "Tashkent",
    "Hanoi",
    "Yerevan",
];
const AGENCIES: &[&str] = &["Baltic Wire", "Northern Press", "Steppe News", "Danube Report", "Caspian Daily"];
const ROLES: &[&str] = &["Foreign Minister", "Prime Minister", "President", "Trade Minister", "Energy Minister"];

fn slug(name: &str) -> String {
    name.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-")
}

struct Person {
    name: String,
    last: &'static str,
    role: &'static str,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(count)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: generate-corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let count: usize = count.parse()?;
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(2011);
    for index in 0..count {
        // One generator per article, so that article i is the same whatever N is.
        let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
        let (article, annotations) = generate(index, &mut rng);
        let article_dir = Path::new(dir).join(format!("article-{index:06}"));
        std::fs::create_dir_all(&article_dir)?;
        std::fs::write(article_dir.join("article.md"), article)?;
        std::fs::write(article_dir.join("annotations.toml"), annotations)?;
    }
    Ok(())
}

fn generate(index: usize, rng: &mut ChaCha8Rng) -> (String, String) {
    let mut lasts: Vec<&'static str> = LAST.to_vec();
    lasts.shuffle(rng);
    let people: Vec<Person> = lasts[..4]
        .iter()
        .map(|last| Person {
            name: format!("{} {last}", FIRST.choose(rng).unwrap_or(&"Anna")),
            last,
            role: ROLES.choose(rng).unwrap_or(&"President"),
        })
        .collect();
    let mut countries: Vec<usize> = (0..COUNTRIES.len()).collect();
    countries.shuffle(rng);
    let (c1, c2, c3) = (countries[0], countries[1], countries[2]);
    let (country1, country2, country3) = (COUNTRIES[c1], COUNTRIES[c2], COUNTRIES[c3]);
    let (city1, city2) = (CITIES[c1], CITIES[c2]);
    let agency = *AGENCIES.choose(rng).unwrap_or(&"Baltic Wire");
    let year = rng.random_range(2009..=2013);
    let month = rng.random_range(1..=12usize);
    let day = rng.random_range(1..=28);
    let summit_day = day + rng.random_range(1..=3);
    let km = rng.random_range(40..=900);
    let killed = rng.random_range(3..=90);
    let [p1, p2, p3, p4] = [&people[0], &people[1], &people[2], &people[3]];
    let month_name = MONTHS[month - 1];
    let talks = format!("{country1}–{country2} energy talks");

    let paragraphs = [
        format!(
            "Officials in {country1} and {country2} appeared to have postponed a summit in {city1} when the office of {} {} said no meeting had been set with {}.",
            p1.role, p1.name, p2.name
        ),
        format!(
            "Authorities in {city1}, {km} kilometers from the {country2} border, had been preparing for a visit by {}, a regional official said.",
            p2.name
        ),
        format!(
            "\"No such meeting is on the schedule of {} for this month,\" spokeswoman {} said by telephone.",
            p1.last, p3.name
        ),
        format!(
            "{country1} is a member of the {talks} round number {index}. Analysts say {country3} has more influence on {country2} than does {country1}."
        ),
        format!("{} will inspect preparations for a trade fair that will be held in {city2} in {}.", p1.last, year + 1),
        format!("\"We never said that {} was going to come,\" {} said.", p2.last, p3.last),
        format!(
            "A police source in {city1} said officers had been told that the visit by {} had been called off.",
            p2.last
        ),
        format!(
            "\"We were told that {} is not coming. The plans changed. Nothing is scheduled,\" the police source said.",
            p2.last
        ),
        format!(
            "{agency} cited an unnamed diplomat as saying the summit may have been delayed over differences on the agenda."
        ),
        format!(
            "\"The talks between {} and {} were planned for {month_name} {summit_day},\" {} told {agency}. \"We do not know why they were delayed.\"",
            p1.last, p2.last, p4.name
        ),
        format!(
            "Earlier this month, {} and {} {} signed a joint statement on energy transit.",
            p1.last, p4.role, p4.name
        ),
        format!("Tension rose in the region last year after two incidents killed {killed} people in {country3}."),
    ];
    let mut article = String::new();
    let _ = write!(
        article,
        "# {country1} and {country2} Delay Summit Plans ({index})\n\n{month_name} {day}, {year}\n\nDemonstrators gathered outside a ministry in {city2} on {month_name} {day}. **{}**\n\n",
        people[3].name
    );
    for p in &paragraphs {
        article.push_str(p);
        article.push_str("\n\n");
    }
    let _ = write!(article, "Original url:\n\n<https://example.org/news/{year}/{index}>\n");

    let mut a = String::new();
    let _ = writeln!(a, "# Generated by bench/generate_corpus.rs\n\n[article]\npublisher = \"{}\"\n", slug(agency));
    let entity = |a: &mut String, id: &str, kind: &str, name: &str, aliases: &[&str], roles: &[&str]| {
        let q = |v: &[&str]| v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
        let _ = writeln!(
            a,
            "[[entity]]\nid = \"{id}\"\ntype = \"{kind}\"\nname = \"{name}\"\naliases = [{}]\nroles = [{}]\n",
            q(aliases),
            q(roles)
        );
    };
    for p in &people {
        entity(&mut a, &slug(&p.name), "Person", &p.name, &[p.last], &[]);
    }
    for c in [country1, country2, country3] {
        entity(&mut a, &slug(c), "Country", c, &[], &[]);
    }
    for c in [city1, city2] {
        entity(&mut a, &slug(c), "City", c, &[], &[]);
    }
    entity(&mut a, &slug(agency), "NewsMediaOrganization", agency, &[], &[]);
    entity(&mut a, &slug(&talks), "Organization", &talks, &[], &[]);
    entity(
        &mut a,
        "police-source",
        "AnonymousSource",
        &format!("a police source in {city1}"),
        &[],
        &["A police source", "the police source"],
    );
    entity(&mut a, "unnamed-diplomat", "AnonymousSource", "an unnamed diplomat", &[], &["an unnamed diplomat"]);
    entity(&mut a, "analysts", "Group", "analysts", &[], &["Analysts"]);

    let (s1, s2, s3, s4) = (slug(&p1.name), slug(&p2.name), slug(&p3.name), slug(&p4.name));
    let _ = writeln!(
        a,
        "[[post]]\nid = \"post-1\"\nlabel = \"{} of {country1}\"\nholder = \"{s1}\"\norganization = \"{}\"\nevidence = \"{} {}\"\n",
        p1.role,
        slug(country1),
        p1.role,
        p1.name
    );
    let _ = writeln!(
        a,
        "[[post]]\nid = \"post-4\"\nlabel = \"{}\"\nholder = \"{s4}\"\nevidence = \"{} {}\"\n",
        p4.role, p4.role, p4.name
    );
    let _ = writeln!(
        a,
        "[[event]]\nid = \"summit\"\nlabel = \"Summit in {city1}\"\nstatus = \"postponed\"\nparticipants = [\"{s1}\", \"{s2}\"]\nplace = \"{}\"\ntime = \"{year}-{month:02}-{summit_day:02}\"\ncertainty = \"probable\"\nevidence = \"appeared to have postponed a summit in {city1}\"\n",
        slug(city1)
    );
    let _ = writeln!(
        a,
        "[[event]]\nid = \"trade-fair\"\nlabel = \"Trade fair in {city2}\"\nstatus = \"scheduled\"\nplace = \"{}\"\ntime = \"{}\"\nevidence = \"will be held in {city2} in {}\"\n",
        slug(city2),
        year + 1,
        year + 1
    );
    let _ = writeln!(
        a,
        "[[event]]\nid = \"joint-statement\"\nlabel = \"Joint statement on energy transit\"\nstatus = \"occurred\"\nparticipants = [\"{s1}\", \"{s4}\"]\ntime = \"{year}-{month:02}\"\nevidence = \"signed a joint statement on energy transit\"\n"
    );
    let quotes = [
        (
            "q1",
            format!("No such meeting is on the schedule of {} for this month,", p1.last),
            s3.clone(),
            paragraphs[2].clone(),
        ),
        ("q2", format!("We never said that {} was going to come,", p2.last), s3.clone(), paragraphs[5].clone()),
        (
            "q3",
            format!("We were told that {} is not coming. The plans changed. Nothing is scheduled,", p2.last),
            "police-source".to_owned(),
            paragraphs[7].clone(),
        ),
        (
            "q4",
            format!("The talks between {} and {} were planned for {month_name} {summit_day},", p1.last, p2.last),
            s4.clone(),
            format!(
                "\"The talks between {} and {} were planned for {month_name} {summit_day},\" {} told {agency}.",
                p1.last, p2.last, p4.name
            ),
        ),
        (
            "q5",
            "We do not know why they were delayed.".to_owned(),
            s4.clone(),
            "\"We do not know why they were delayed.\"".to_owned(),
        ),
    ];
    for (id, text, speaker, evidence) in &quotes {
        let _ = writeln!(
            a,
            "[[quotation]]\nid = \"{id}\"\ntext = {text:?}\nspeaker = \"{speaker}\"\nevidence = {evidence:?}\n"
        );
    }
    let _ = writeln!(
        a,
        "[[claim]]\nid = \"diplomat-agenda\"\ntext = \"The summit may have been delayed over differences on the agenda.\"\nsource = \"{}\"\ncited = \"unnamed-diplomat\"\ncertainty = \"possible\"\nabout = [\"summit\"]\nevidence = {:?}\n",
        slug(agency),
        paragraphs[8]
    );
    let _ = writeln!(
        a,
        "[[claim]]\nid = \"analysts-influence\"\ntext = \"{country3} has more influence on {country2} than does {country1}.\"\nsource = \"analysts\"\nevidence = \"Analysts say {country3} has more influence on {country2} than does {country1}.\"\n"
    );
    let _ = writeln!(
        a,
        "[[claim]]\nid = \"police-called-off\"\ntext = \"Officers had been told that the visit had been called off.\"\nsource = \"police-source\"\nabout = [\"{s2}\"]\nevidence = {:?}\n",
        paragraphs[6]
    );
    let _ = writeln!(
        a,
        "[[statement]]\nsubject = \"{}\"\npredicate = \"member-of\"\nobject = \"{}\"\nevidence = \"{country1} is a member of the {talks}\"\n",
        slug(country1),
        slug(&talks)
    );
    let _ = writeln!(
        a,
        "[[statement]]\nsubject = \"{}\"\npredicate = \"located-in\"\nobject = \"{}\"\nevidence = \"Authorities in {city1}\"\n",
        slug(city1),
        slug(country1)
    );
    let _ = writeln!(
        a,
        "[[quantity]]\nid = \"distance\"\nvalue = {km}\nunit = \"kilometre\"\nof = \"{}\"\nevidence = \"{km} kilometers\"\n",
        slug(city1)
    );
    let _ = writeln!(
        a,
        "[[quantity]]\nid = \"killed\"\nvalue = {killed}\nunit = \"people killed\"\nevidence = \"killed {killed} people\"\n"
    );
    (article, a)
}
