//! JSON-LD in compacted form, against the context shipped in
//! `ontology/context.jsonld`, so that web developers read plain JSON with
//! keys such as `speaker`, `evidence` and `beginIndex`.
//!
//! Takes quads and hands on a JSON-LD document that expands to exactly the
//! same dataset (named graphs included). Two independent pieces do the work:
//! sophia's serializer turns the quads into expanded JSON-LD (with native
//! JSON numbers and booleans for `xsd:integer` and `xsd:boolean`), and the
//! `json-ld` crate compacts it with the context, as the JSON-LD 1.1
//! Compaction Algorithm says. Oxigraph's own JSON-LD writer is not used: it
//! writes neither prefixes nor terms. Key order, array order and number
//! form are then made canonical, so the same dataset gives the same bytes.

use std::io::{self, Write};

use iref::IriBuf;
use locspan::Meta;
use oxigraph::model::Quad;
use sophia_api::dataset::Dataset;
use sophia_api::serializer::QuadSerializer;
use sophia_inmem::dataset::LightDataset;
use sophia_jsonld::json_ld::syntax::{Parse, Print, TryFromJson, Value};
use sophia_jsonld::json_ld::{self, JsonLdProcessor, RemoteDocument, RemoteDocumentReference};
use sophia_jsonld::{JsonLdOptions, JsonLdSerializer};

use super::dataset::sophia_dataset;

/// The context file, as shipped (for the default base IRI).
pub const CONTEXT: &str = include_str!("../../ontology/context.jsonld");

/// Why a JSON-LD document could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonLdError {
    /// The shipped context file is not a JSON-LD context.
    #[error("ontology/context.jsonld: {0}")]
    Context(String),
    /// Sophia could not serialize the dataset as expanded JSON-LD.
    #[error("cannot serialize the dataset as JSON-LD: {0}")]
    Serialize(String),
    /// The JSON-LD processor could not compact the document.
    #[error("JSON-LD compaction failed: {0}")]
    Compaction(String),
}

impl From<JsonLdError> for io::Error {
    fn from(error: JsonLdError) -> Self {
        io::Error::other(error)
    }
}

/// Writes the quads as compacted JSON-LD. Returns how many quads the
/// document holds.
pub fn write(quads: &[Quad], base: &str, mut out: impl Write) -> io::Result<usize> {
    let dataset = sophia_dataset(quads)?;
    let document = compacted(&dataset, base)?;
    writeln!(out, "{}", document.pretty_print())?;
    Ok(dataset.quads().count())
}

/// The compacted document, in canonical order.
fn compacted(dataset: &LightDataset, base: &str) -> Result<Value, JsonLdError> {
    let mut serializer = JsonLdSerializer::new_jsonifier_with_options(JsonLdOptions::new().with_use_native_types(true));
    serializer.serialize_dataset(dataset).map_err(|e| JsonLdError::Serialize(e.to_string()))?;
    let expanded = serializer.to_json();

    let context = json_ld::syntax::context::Value::try_from_json(context(base)?)
        .map_err(|e| JsonLdError::Context(e.to_string()))?;
    let input: RemoteDocument<IriBuf, (), Value> = RemoteDocument::new(None, None, Meta(expanded, ()));
    // Everything is in memory: the context is given, never fetched.
    let mut loader: json_ld::NoLoader<IriBuf, ()> = json_ld::NoLoader::new();
    let mut vocabulary = ();
    let options = json_ld::Options { ordered: true, ..Default::default() };
    let compacting = input.compact_with_using(
        &mut vocabulary,
        RemoteDocumentReference::Loaded(RemoteDocument::new(None, None, context)),
        &mut loader,
        options,
    );
    let Meta(mut document, ()) =
        futures_executor::block_on(compacting).map_err(|e| JsonLdError::Compaction(e.to_string()))?;
    canonical_order(&mut document, None);
    Ok(document)
}

/// The value of `@context` in the shipped file, with the IRIs minted under
/// the default base (the `id:` and `entity:` prefixes) moved to `base`.
fn context(base: &str) -> Result<Meta<Value, ()>, JsonLdError> {
    let Meta(file, ()) = Value::parse_str(CONTEXT, |_| ()).map_err(|e| JsonLdError::Context(e.to_string()))?;
    let mut file = file.into_object().ok_or_else(|| JsonLdError::Context("not a JSON object".into()))?;
    let Some(Meta(mut context, ())) = file.remove("@context").next().map(|entry| entry.value) else {
        return Err(JsonLdError::Context("no @context".into()));
    };
    if base != crate::DEFAULT_BASE {
        let definitions =
            context.as_object_mut().ok_or_else(|| JsonLdError::Context("@context is not an object".into()))?;
        for (_, value) in definitions.iter_mut() {
            if let Some(rebased) = value.as_str().and_then(|iri| iri.strip_prefix(crate::DEFAULT_BASE)) {
                *value = Meta(Value::from(format!("{base}{rebased}").as_str()), ());
            }
        }
    }
    Ok(Meta(context, ()))
}

/// Where a key goes in an object: the context, then a node's id and type or
/// a literal's value, type and language, then terms in alphabetical order,
/// and the nodes of a named graph last.
fn key_order(key: &str) -> (u8, &str) {
    let rank = match key {
        "@context" => 0,
        "@id" => 1,
        "@value" => 2,
        "@type" => 3,
        "@language" => 4,
        "@graph" => 6,
        _ => 5,
    };
    (rank, key)
}

/// Orders object keys ([`key_order`]) and the members of every array but
/// `@list` ones (JSON-LD arrays are sets): node objects by `@id`, anything
/// else by its JSON text. The context keeps the order of the shipped file,
/// which groups its terms.
fn canonical_order(value: &mut Value, key: Option<&str>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object.iter_mut().filter(|(key, _)| key.as_str() != "@context") {
                canonical_order(value, Some(key.as_str()));
            }
            let mut entries: Vec<_> = std::mem::take(object).into_iter().collect();
            entries.sort_by(|a, b| key_order(a.key.as_str()).cmp(&key_order(b.key.as_str())));
            *object = entries.into_iter().collect();
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                canonical_order(item, None);
            }
            if key != Some("@list") {
                items.sort_by_cached_key(|item| {
                    let id = item.as_object().and_then(|o| o.get("@id").next()).and_then(|id| id.as_str());
                    (id.map(str::to_owned), item.compact_print().to_string())
                });
            }
        }
        _ => {}
    }
}
