//! newskg turns news articles into knowledge graphs people can trust.
//!
//! The pipeline has one module per stage:
//!
//! | stage | takes | hands on |
//! |---|---|---|
//! | [`readers`] | an article file (Markdown, text, HTML) or a JSON Lines line | an [`article::Article`], with the repairs made to its text |
//! | [`article`] | what a reader found | text, blocks and sentences with code-point offsets |
//! | [`annotation`] | the annotation file (TOML) | entities, events, quotations, claims… located in the text |
//! | [`mentions`] | article + names | every mention of every entity |
//! | [`extract`] | article (+ known entities) | candidate mentions, entities, quotations with speakers, claims, times, quantities |
//! | [`draft`] | article + extraction | a starter annotation file to review |
//! | [`auto`] | article + extraction | annotations made in memory, each item with its cue (`build --auto`) |
//! | [`check`] | article + curated or expected annotations | agreements, disagreements, precision and recall of `extract` |
//! | [`map`] | all of the above | RDF quads in the newskg ontology |
//! | [`store`] | quads | an Oxigraph store (memory or RocksDB) |
//! | [`summary`] | a converted article | its summary graph (keys, counts) and the corpus totals, kept exact in the store |
//! | [`query`] | a store + SPARQL | results tables and W3C results formats |
//! | [`export`] | quads | Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD, canonical N-Quads, a Graphviz picture |
//! | [`validate`] | quads + SHACL shapes | a validation report (focus node, path, message) |
//! | [`load`] | a store + an endpoint URL | the same named graphs on a server (Graph Store Protocol or SPARQL Update), verified by counts |
//! | [`serve`] | a store, read-only | a SPARQL 1.1 Protocol endpoint and web pages over HTTP |
//!
//! [`convert`] runs the first four stages on an article directory or the
//! bundled article; [`vocab`] holds every IRI the converter writes;
//! [`language`] checks BCP 47 language tags; [`rdf12`] turns statement
//! reification into RDF 1.2 reifiers.
//!
//! ```
//! let conversion = newskg::convert::convert(&newskg::convert::Source::bundled(), newskg::DEFAULT_BASE)?;
//! assert_eq!(conversion.summary.quotations, 5);
//! # Ok::<_, newskg::convert::ConvertError>(())
//! ```

pub mod annotation;
pub mod article;
pub mod auto;
pub mod check;
pub mod convert;
pub mod corpus;
pub mod draft;
pub mod export;
pub mod extract;
pub mod language;
pub mod load;
pub mod map;
pub mod mentions;
pub mod query;
pub mod rdf12;
pub mod readers;
pub mod serve;
pub mod store;
pub mod summary;
pub mod validate;
pub mod vocab;

/// Default base IRI under which articles, entities and facts are minted.
pub const DEFAULT_BASE: &str = "https://w3id.org/newskg/id/";

/// The candidate closest to `wanted` by edit distance, if it is close enough
/// to be a likely typo.
pub fn suggest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wanted, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2) || c.contains(wanted) || wanted.contains(c))
        .min()
        .map(|(_, c)| c)
}
