//! Wikidata links come only from the reviewed list
//! `../shared/reference/wikidata-ids.tsv` (copied to tests/fixtures; label, id, note): every
//! `owl:sameAs` of the bundled graph is listed there for the entity's name,
//! and every entity whose name is listed has its link.

use std::collections::BTreeMap;

use newskg::vocab::{owl, schema};
use oxigraph::model::Term;

use crate::harness::repo;

/// A row of the reference list.
#[derive(Debug)]
pub struct Row {
    label: String,
    pub id: String,
    note: String,
}

impl Row {
    /// Whether the row is about an entity of this name: the label is the
    /// name, or the note quotes it ("the Kremlin", ("China")), or the label
    /// is the name with an "of …" qualifier ("United States of America").
    fn names(&self, name: &str) -> bool {
        let quoted = self.note.split('"').skip(1).step_by(2).map(|q| q.strip_prefix("the ").unwrap_or(q));
        self.label == name
            || quoted.into_iter().any(|q| q == name)
            || self.label.strip_prefix(name).is_some_and(|rest| rest.starts_with(" of "))
    }
}

/// The reference list, kept in the repository as a copy of the project's
/// shared `reference/wikidata-ids.tsv`, so that a clone builds and tests
/// anywhere; where the shared folder lies beside the repository, the copy
/// must equal it.
pub fn reference() -> Vec<Row> {
    let path = repo().join("tests/fixtures/wikidata-ids.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Ok(shared) = std::fs::read_to_string(repo().join("../shared/reference/wikidata-ids.tsv")) {
        assert_eq!(text, shared, "{} differs from ../shared/reference/wikidata-ids.tsv: copy it again", path.display());
    }
    let mut lines = text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty());
    assert_eq!(lines.next(), Some("label\twikidata\tnote"), "{}: unexpected header", path.display());
    lines
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(fields.len() >= 2, "{}: bad line {line:?}", path.display());
            let id = fields[1].to_owned();
            let digits = id.strip_prefix('Q').unwrap_or_default();
            assert!(
                !digits.is_empty() && !digits.starts_with('0') && digits.chars().all(|c| c.is_ascii_digit()),
                "{}: bad id in {line:?}",
                path.display()
            );
            Row { label: fields[0].to_owned(), id, note: fields.get(2).copied().unwrap_or_default().to_owned() }
        })
        .collect()
}

/// The bundled graph's entities: IRI → (name, Wikidata id).
fn entities() -> BTreeMap<String, (String, Option<String>)> {
    let conversion =
        newskg::convert::convert(&newskg::convert::Source::bundled(), newskg::DEFAULT_BASE).expect("convert");
    let mut entities: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    for quad in &conversion.graph {
        let subject = quad.subject.to_string();
        if quad.predicate == schema::NAME
            && subject.starts_with(&format!("<{}entity/", newskg::DEFAULT_BASE))
            && let Term::Literal(name) = &quad.object
        {
            entities.entry(subject).or_default().0 = name.value().to_owned();
        }
    }
    for quad in &conversion.graph {
        if quad.predicate == owl::SAME_AS {
            let Term::NamedNode(target) = &quad.object else { panic!("owl:sameAs to a non-IRI: {quad}") };
            let id = target.as_str().strip_prefix(newskg::vocab::WIKIDATA).unwrap_or_else(|| panic!("{quad}"));
            let entity = entities.get_mut(&quad.subject.to_string()).unwrap_or_else(|| panic!("not an entity: {quad}"));
            assert!(entity.1.replace(id.to_owned()).is_none(), "two links for {}", quad.subject);
        }
    }
    entities
}

#[test]
fn every_link_is_listed_for_the_entitys_name() {
    let rows = reference();
    let entities = entities();
    let mut linked = 0;
    for (iri, (name, id)) in &entities {
        let Some(id) = id else { continue };
        linked += 1;
        let row = rows.iter().find(|row| &row.id == id).unwrap_or_else(|| panic!("{iri} ({name}): {id} is not listed"));
        assert!(row.names(name), "{iri} ({name}) is linked to {id}, which the list gives for {row:?}");
    }
    assert!(linked >= 15, "only {linked} links");
}

#[test]
fn every_listed_entity_has_its_link() {
    let rows = reference();
    for (iri, (name, id)) in entities() {
        let listed: Vec<&Row> = rows.iter().filter(|row| row.names(&name)).collect();
        assert!(listed.len() <= 1, "{iri} ({name}) matches several rows: {listed:?}");
        if let Some(row) = listed.first() {
            assert_eq!(id.as_deref(), Some(row.id.as_str()), "{iri} ({name}) lacks its link {row:?}");
        }
    }
}

#[test]
fn the_matching_rule() {
    let row = |label: &str, note: &str| Row { label: label.into(), id: "Q1".into(), note: note.into() };
    let cases = [
        (row("Seoul", "capital of South Korea"), "Seoul", true),
        (row("Seoul", "capital of South Korea"), "South Korea", false),
        (row("People's Republic of China", r#"country ("China")"#), "China", true),
        (row("United States of America", "country"), "United States", true),
        (row("Presidential Administration of Russia", r#"the institution "the Kremlin" speaks for"#), "Kremlin", true),
        (row("Moscow Kremlin", "the fortress and seat of power (building)"), "Kremlin", false),
        (row("Moscow Kremlin", "the fortress and seat of power (building)"), "Moscow", false),
        (row("President of Russia", "the office"), "Russia", false),
    ];
    for (row, name, expected) in cases {
        assert_eq!(row.names(name), expected, "{row:?} names {name:?}");
    }
}
