//! A picture of the knowledge graph as a person reads it, in Graphviz DOT.
//!
//! Takes quads and hands on a `digraph` for Graphviz's `dot` layout:
//! entities (people, organisations, states, places, anonymous sources,
//! groups) and events are nodes with their names, shaped and coloured by
//! type; quotations are notes with their text. Edges are labelled: relations
//! between entities, participation in events (`sem:hasActor`) and their
//! places (`sem:hasPlace`), posts ("President of Russia"), who said each
//! quotation and to whom, and which source claims something about which
//! event (or, for claims about no event, which entity). Provenance (NIF
//! phrases and sentences), mentions and statement nodes are left out.
//!
//! The largest connected part is drawn; smaller parts that share nothing with
//! it are named in the caption, so that the picture stays legible. Leaf
//! edges get staggered lengths (as Graphviz's `unflatten` does), which
//! makes the layout taller and narrower, to fit a page. Nodes and edges come
//! in a sorted order, so the same graph gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::vocab::{nkg, org, prov, rdf, rdfs, schema, sem};

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Person,
    Organization,
    State,
    Place,
    AnonymousSource,
    Group,
    Document,
    Event,
    Quotation,
}

impl Kind {
    fn of_class(class: NamedNodeRef<'_>) -> Option<Self> {
        Some(match class {
            c if c == schema::PERSON => Self::Person,
            c if c == schema::ORGANIZATION
                || c == schema::GOVERNMENT_ORGANIZATION
                || c == schema::NEWS_MEDIA_ORGANIZATION =>
            {
                Self::Organization
            }
            c if c == schema::COUNTRY => Self::State,
            c if c == schema::PLACE || c == schema::CITY || c == schema::ADMINISTRATIVE_AREA => Self::Place,
            c if c == nkg::ANONYMOUS_SOURCE => Self::AnonymousSource,
            c if c == nkg::GROUP => Self::Group,
            c if c == schema::CREATIVE_WORK => Self::Document,
            c if c == schema::EVENT => Self::Event,
            c if c == schema::QUOTATION => Self::Quotation,
            _ => return None,
        })
    }

    /// DOT attributes of the node (after its label). Boxes all, so that
    /// labels take little width; colour and border tell the kinds apart.
    fn style(self) -> &'static str {
        match self {
            Self::Person => r##"style="rounded,filled", fillcolor="#cfe2f3""##,
            Self::Organization => r##"fillcolor="#fce5cd""##,
            Self::State => r##"fillcolor="#d9ead3", penwidth=1.5"##,
            Self::Place => r##"style="rounded,filled", fillcolor="#eeeeee""##,
            Self::AnonymousSource => r##"style="rounded,dashed,filled", fillcolor="#ffffff""##,
            Self::Group => r##"style="rounded,filled", fillcolor="#ead1dc""##,
            Self::Document => r##"shape=folder, fillcolor="#ffffff""##,
            Self::Event => r##"style="rounded,filled", fillcolor="#fff2cc""##,
            Self::Quotation => r##"shape=note, fillcolor="#f3f3f3", fontsize=13"##,
        }
    }

    /// Characters per label line.
    fn wrap(self) -> usize {
        match self {
            Self::Event => 14,
            Self::Quotation => 16,
            _ => 12,
        }
    }
}

/// The relations between entities drawn as edges, with their labels.
const RELATIONS: &[(NamedNodeRef<'static>, &str)] = &[
    (org::MEMBER_OF, "member of"),
    (nkg::SHARES_BORDER_WITH, "borders"),
    (nkg::ALLY_OF, "ally of"),
    (schema::CONTAINED_IN_PLACE, "in"),
    (nkg::COUNTRY, "country"),
    (nkg::SPEAKS_FOR, "speaks for"),
    (nkg::STANDS_FOR, "stands for"),
    (schema::ABOUT, "about"),
];

/// Events that will not take place, and events to come.
const CANCELLED: &str = r##"style="rounded,dashed,filled", fillcolor="#fff2cc", color="#cc0000", fontcolor="#cc0000""##;
const SCHEDULED: &str = r##"style="rounded,dashed,filled", fillcolor="#fff2cc""##;

/// Longest quotation shown, in characters, before it is cut with "…".
const QUOTATION_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    label: String,
}

/// The quads, indexed by subject.
struct Index<'a> {
    by_subject: BTreeMap<&'a str, Vec<(&'a str, &'a Term)>>,
}

impl<'a> Index<'a> {
    fn new(quads: &'a [Quad]) -> Self {
        let mut by_subject: BTreeMap<&str, Vec<(&str, &Term)>> = BTreeMap::new();
        for quad in quads {
            if let NamedOrBlankNode::NamedNode(subject) = &quad.subject {
                by_subject.entry(subject.as_str()).or_default().push((quad.predicate.as_str(), &quad.object));
            }
        }
        Self { by_subject }
    }

    fn objects(&self, subject: &str, predicate: NamedNodeRef<'static>) -> impl Iterator<Item = &'a Term> + '_ {
        let predicate = predicate.as_str();
        self.by_subject.get(subject).into_iter().flatten().filter(move |(p, _)| *p == predicate).map(|(_, o)| *o)
    }

    fn iris(&self, subject: &str, predicate: NamedNodeRef<'static>) -> impl Iterator<Item = &'a str> + '_ {
        self.objects(subject, predicate).filter_map(|o| match o {
            Term::NamedNode(n) => Some(n.as_str()),
            _ => None,
        })
    }

    fn text(&self, subject: &str, predicate: NamedNodeRef<'static>) -> Option<&'a str> {
        // The smallest value, so that a node with two names is named the same way every time.
        self.objects(subject, predicate)
            .filter_map(|o| match o {
                Term::Literal(l) => Some(l.value()),
                _ => None,
            })
            .min()
    }

    fn has_type(&self, subject: &str, class: NamedNodeRef<'static>) -> bool {
        self.iris(subject, rdf::TYPE).any(|c| c == class.as_str())
    }
}

/// Writes the picture. Returns how many nodes and edges it draws.
pub fn write(quads: &[Quad], mut out: impl Write) -> io::Result<usize> {
    let index = Index::new(quads);
    let kinds: BTreeMap<&str, Kind> = index
        .by_subject
        .keys()
        .filter_map(|s| {
            index
                .iris(s, rdf::TYPE)
                .filter_map(|c| Kind::of_class(NamedNodeRef::new_unchecked(c)))
                .min()
                .map(|k| (*s, k))
        })
        .collect();
    let edges = edges(&index, &kinds);
    let (drawn, apart) = largest_part(&edges);
    let edges: Vec<&Edge> = edges.iter().filter(|e| drawn.contains(e.from.as_str())).collect();
    let minlen = staggered_lengths(&edges);

    let label = |node: &str| -> String {
        match kinds.get(node) {
            Some(Kind::Quotation) => {
                let text = index.text(node, schema::TEXT).unwrap_or_default();
                format!("“{}”", shorten(text.trim_end_matches([',', ' ']), QUOTATION_CHARS))
            }
            _ => index.text(node, schema::NAME).or_else(|| index.text(node, rdfs::LABEL)).unwrap_or(node).to_owned(),
        }
    };

    writeln!(out, "digraph newskg {{")?;
    let caption = caption(&apart, &label);
    writeln!(
        out,
        "  graph [rankdir=TB, ranksep=0.3, nodesep=0.15, fontname=\"DejaVu Sans Condensed\", fontsize=14, \
         labelloc=b, labeljust=l, pad=0.2, bgcolor=white, label={}];",
        left_justified(&caption)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=filled, margin=\"0.06,0.03\", fontname=\"DejaVu Sans Condensed\", fontsize=14, penwidth=1];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"DejaVu Sans Condensed\", fontsize=13, color=\"#666666\", fontcolor=\"#444444\", arrowsize=0.6];"
    )?;
    for node in &drawn {
        let kind = kinds[node];
        let mut text = label(node);
        let mut style = kind.style();
        if kind == Kind::Event {
            let status = |value| index.has_value(node, schema::EVENT_STATUS, value);
            let (suffix, status_style) = if status(schema::EVENT_CANCELLED) {
                (" (cancelled)", CANCELLED)
            } else if status(schema::EVENT_POSTPONED) {
                (" (postponed)", CANCELLED)
            } else if status(schema::EVENT_SCHEDULED) {
                (" (scheduled)", SCHEDULED)
            } else {
                ("", style)
            };
            text.push_str(suffix);
            style = status_style;
        }
        writeln!(out, "  {} [label={}, {style}];", quoted(node), quoted(&wrap(&text, kind.wrap())))?;
    }
    for (edge, minlen) in edges.iter().zip(&minlen) {
        let minlen = if *minlen > 1 { format!(", minlen={minlen}") } else { String::new() };
        writeln!(out, "  {} -> {} [label={}{minlen}];", quoted(&edge.from), quoted(&edge.to), quoted(&edge.label))?;
    }
    writeln!(out, "}}")?;
    Ok(drawn.len() + edges.len())
}

impl Index<'_> {
    fn has_value(&self, subject: &str, predicate: NamedNodeRef<'static>, value: NamedNodeRef<'static>) -> bool {
        self.iris(subject, predicate).any(|v| v == value.as_str())
    }
}

/// The labelled edges between drawn nodes, sorted, without duplicates.
fn edges(index: &Index<'_>, kinds: &BTreeMap<&str, Kind>) -> Vec<Edge> {
    let is = |node: &str, wanted: &[Kind]| kinds.get(node).is_some_and(|k| wanted.contains(k));
    let entity = |node: &str| kinds.get(node).is_some_and(|k| !matches!(k, Kind::Event | Kind::Quotation));
    let mut edges = BTreeSet::new();
    let mut add = |from: &str, to: &str, label: &str| {
        edges.insert(Edge { from: from.to_owned(), to: to.to_owned(), label: label.to_owned() });
    };
    for subject in index.by_subject.keys().copied() {
        if entity(subject) {
            for (property, label) in RELATIONS {
                for object in index.iris(subject, *property).filter(|o| entity(o)) {
                    add(subject, object, label);
                }
            }
        }
        if is(subject, &[Kind::Event]) {
            for actor in index.iris(subject, sem::HAS_ACTOR).filter(|a| entity(a)) {
                add(actor, subject, "in");
            }
            for place in index.iris(subject, sem::HAS_PLACE).filter(|p| entity(p)) {
                add(subject, place, "at");
            }
        }
        if is(subject, &[Kind::Quotation]) {
            for speaker in index.iris(subject, schema::SPOKEN_BY_CHARACTER).filter(|s| entity(s)) {
                add(speaker, subject, "said");
            }
            for document in index.iris(subject, prov::WAS_QUOTED_FROM).filter(|d| entity(d)) {
                add(document, subject, "reads");
            }
            for addressee in index.iris(subject, nkg::ADDRESSEE).filter(|a| entity(a)) {
                add(subject, addressee, "to");
            }
        }
        if index.has_type(subject, schema::CLAIM) {
            // Claims are drawn by the events they are about: a claim about
            // entities only would tie its source to background entities.
            let targets: Vec<&str> = index.iris(subject, schema::ABOUT).filter(|a| is(a, &[Kind::Event])).collect();
            for source in index.iris(subject, nkg::ASSERTED_BY).filter(|s| entity(s)) {
                for target in &targets {
                    add(source, target, "claims");
                }
                for cited in index.iris(subject, nkg::CITED_SOURCE).filter(|c| entity(c)) {
                    add(source, cited, "cites");
                }
            }
        }
        if index.has_type(subject, org::POST) {
            let post = index.text(subject, rdfs::LABEL).unwrap_or("post");
            for holder in index.iris(subject, org::HELD_BY).filter(|h| entity(h)) {
                for organization in index.iris(subject, org::POST_IN).filter(|o| entity(o)) {
                    add(holder, organization, post);
                }
            }
        }
    }
    edges.into_iter().collect()
}

/// The nodes of the largest connected part (the first by node order among
/// equals), and the node sets of the other parts.
fn largest_part(edges: &[Edge]) -> (BTreeSet<&str>, Vec<BTreeSet<&str>>) {
    let mut neighbours: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for edge in edges {
        neighbours.entry(&edge.from).or_default().insert(&edge.to);
        neighbours.entry(&edge.to).or_default().insert(&edge.from);
    }
    let mut seen = BTreeSet::new();
    let mut parts: Vec<BTreeSet<&str>> = Vec::new();
    for start in neighbours.keys() {
        if !seen.insert(*start) {
            continue;
        }
        let mut part = BTreeSet::from([*start]);
        let mut stack = vec![*start];
        while let Some(node) = stack.pop() {
            for next in &neighbours[node] {
                if seen.insert(*next) {
                    part.insert(*next);
                    stack.push(*next);
                }
            }
        }
        parts.push(part);
    }
    // Stable: among parts of equal size the first found (smallest node) wins.
    let largest = (0..parts.len()).max_by_key(|i| (parts[*i].len(), std::cmp::Reverse(*i)));
    match largest {
        Some(i) => {
            let drawn = parts.remove(i);
            (drawn, parts)
        }
        None => (BTreeSet::new(), parts),
    }
}

/// How many ranks the staggered edges spread over.
const STAGGER: usize = 3;

/// Minimum lengths (in ranks) that stagger the edges of leaves, as Graphviz's
/// `unflatten -f` does: around each node with several edges, the edges from
/// and to leaves (nodes with one edge) and to chain nodes (one edge in, one
/// out) get lengths 1, 2, 3, 1…, so that they spread over several ranks
/// instead of making one wide row.
fn staggered_lengths(edges: &[&Edge]) -> Vec<usize> {
    let mut ins: BTreeMap<&str, usize> = BTreeMap::new();
    let mut outs: BTreeMap<&str, usize> = BTreeMap::new();
    for edge in edges {
        *outs.entry(&edge.from).or_default() += 1;
        *ins.entry(&edge.to).or_default() += 1;
    }
    let (ins, outs) = (&ins, &outs);
    let degree_in = |n: &str| ins.get(n).copied().unwrap_or(0);
    let degree_out = |n: &str| outs.get(n).copied().unwrap_or(0);
    let leaf = |n: &str| degree_in(n) + degree_out(n) == 1;
    let chain = |n: &str| degree_in(n) == 1 && degree_out(n) == 1;
    let nodes: BTreeSet<&str> = edges.iter().flat_map(|e| [e.from.as_str(), e.to.as_str()]).collect();
    let mut lengths: Vec<Option<usize>> = vec![None; edges.len()];
    for node in nodes.into_iter().filter(|n| degree_in(n) + degree_out(n) > 1) {
        let mut count = 0;
        for (i, edge) in edges.iter().enumerate() {
            if edge.to == node && leaf(&edge.from) && lengths[i].is_none() {
                lengths[i] = Some(count % STAGGER + 1);
                count += 1;
            }
        }
        count = 0;
        for (i, edge) in edges.iter().enumerate() {
            if edge.from == node && (leaf(&edge.to) || chain(&edge.to)) {
                lengths[i].get_or_insert(count % STAGGER + 1);
                count += 1;
            }
        }
    }
    lengths.into_iter().map(|l| l.unwrap_or(1)).collect()
}

/// The caption: a legend, and the parts left out of the picture.
fn caption(apart: &[BTreeSet<&str>], label: &dyn Fn(&str) -> String) -> String {
    let mut caption = String::from(
        "blue: people · orange: organisations · green: states · grey: places · dashed: anonymous sources · \
         yellow: events (dashed: to come, red: cancelled) · notes: quotations",
    );
    if !apart.is_empty() {
        let parts: Vec<String> =
            apart.iter().map(|part| part.iter().map(|n| label(n)).collect::<Vec<_>>().join(" – ")).collect();
        caption.push_str(&format!("\nNot connected to the above: {}.", parts.join("; ")));
    }
    wrap(&caption, 120)
}

/// A DOT string literal; `\n` in the text becomes a centred line break.
fn quoted(text: &str) -> String {
    format!("\"{}\"", escaped(text))
}

/// The text escaped for a DOT string literal.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT string literal whose lines are left-justified (each ends in `\l`).
fn left_justified(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(escaped).collect();
    format!("\"{}\\l\"", lines.join("\\l"))
}

/// Breaks text into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The text cut at a word boundary to at most `max` characters, with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_what_dot_needs() {
        let cases = [
            ("plain", r#""plain""#),
            ("a \"quote\"", r#""a \"quote\"""#),
            ("back\\slash", r#""back\\slash""#),
            ("two\nlines", r#""two\nlines""#),
            ("Kim–Medvedev “summit” 北", "\"Kim–Medvedev “summit” 北\""),
        ];
        for (text, expected) in cases {
            assert_eq!(quoted(text), expected, "{text:?}");
        }
    }

    #[test]
    fn left_justified_ends_every_line_with_l() {
        assert_eq!(left_justified("one \"a\"\ntwo \"b\""), r#""one \"a\"\ltwo \"b\"\l""#);
    }

    #[test]
    fn wrap_and_shorten_cut_at_spaces() {
        assert_eq!(
            wrap("Kim's expected visit to Vladivostok by train", 16),
            "Kim's expected\nvisit to\nVladivostok by\ntrain"
        );
        assert_eq!(wrap("unbreakablewordlongerthanwidth", 5), "unbreakablewordlongerthanwidth");
        assert_eq!(shorten("We never said that he was going to come", 20), "We never said that…");
        assert_eq!(shorten("short", 20), "short");
    }
}
