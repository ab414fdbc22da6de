//! The validation stage: checks a graph against SHACL shapes.
//!
//! It takes quads (from the store, a conversion or an RDF file, all graphs
//! taken as one) and [`Shapes`] (the bundled `ontology/shapes.ttl` or another
//! shapes file) and hands on a [`Report`]: one [`Violation`] per validation
//! result, each naming its focus node, its path and the message of the shape
//! it breaks, sorted so that the same graph gives the same report.
//!
//! The SHACL engine is rudof's `shacl_validation` (native mode). It does not
//! copy a shape's `sh:message` into its results, so newskg reads the messages
//! from the shapes graph itself and finds each result's by its source shape;
//! that is why every shape of `ontology/shapes.ttl`, property shapes included,
//! has an IRI.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParseError, RdfParser, RdfSyntaxError};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use rudof_rdf::rdf_core::RDFFormat;
use rudof_rdf::rdf_core::SHACLPath;
use rudof_rdf::rdf_core::term::Object;
use rudof_rdf::rdf_impl::InMemoryGraph;
use shacl_ir::compiled::schema_ir::SchemaIR;
use shacl_ir::severity::CompiledSeverity;
use shacl_validation::shacl_processor::{GraphValidation, ShaclProcessor, ShaclValidationMode};
use shacl_validation::store::{Graph, ShaclDataManager};
use shacl_validation::validation_report::result::ValidationResult;

use crate::vocab::compact;

/// The bundled shapes, `ontology/shapes.ttl`.
pub const BUNDLED_SHAPES: &str = include_str!("../ontology/shapes.ttl");

/// The name the bundled shapes go by in messages.
pub const BUNDLED_SHAPES_NAME: &str = "ontology/shapes.ttl";

const SH_MESSAGE: &str = "http://www.w3.org/ns/shacl#message";

/// Why a graph could not be validated (a graph that does not conform is not
/// an error: it gives a [`Report`] with violations).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ValidateError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The shapes file is not Turtle.
    #[error("{name}: {source}")]
    ShapesSyntax {
        /// The shapes file.
        name: String,
        /// The syntax error, with its line and column.
        source: RdfSyntaxError,
    },
    /// The shapes file is Turtle but not a SHACL shapes graph the engine accepts.
    #[error("{name}: not a valid SHACL shapes graph: {message}")]
    Shapes {
        /// The shapes file.
        name: String,
        /// What the engine said.
        message: String,
    },
    /// The extension of a data file names no RDF format.
    #[error(
        "cannot tell the RDF format of {} from its extension (.ttl .nt .nq .trig .rdf .jsonld)",
        path.display()
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// A data file is not valid in its format.
    #[error("{}: {source}", path.display())]
    DataSyntax {
        /// The file.
        path: PathBuf,
        /// The syntax error, with its line and column.
        source: RdfSyntaxError,
    },
    /// The SHACL engine failed (not a verdict on the data).
    #[error("the SHACL engine failed on {name}: {message}")]
    Engine {
        /// The shapes file.
        name: String,
        /// What went wrong.
        message: String,
    },
}

/// A compiled shapes graph, with the message of each named shape.
pub struct Shapes {
    name: String,
    schema: SchemaIR,
    messages: BTreeMap<String, String>,
}

impl std::fmt::Debug for Shapes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shapes").field("name", &self.name).field("shapes", &self.messages.len()).finish()
    }
}

impl Shapes {
    /// The bundled shapes, `ontology/shapes.ttl`.
    pub fn bundled() -> Result<Self, ValidateError> {
        Self::parse(BUNDLED_SHAPES, BUNDLED_SHAPES_NAME)
    }

    /// Reads a shapes file (Turtle).
    pub fn read(path: &Path) -> Result<Self, ValidateError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ValidateError::Read { path: path.to_owned(), source })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses and compiles a shapes graph written in Turtle; `name` names it
    /// in messages.
    pub fn parse(turtle: &str, name: &str) -> Result<Self, ValidateError> {
        // Oxigraph's parser first: its errors give line and column, and the
        // messages are read from its quads.
        let mut messages = BTreeMap::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
            let quad = quad.map_err(|source| ValidateError::ShapesSyntax { name: name.to_owned(), source })?;
            if let (NamedOrBlankNode::NamedNode(shape), Term::Literal(message)) = (&quad.subject, &quad.object)
                && quad.predicate.as_str() == SH_MESSAGE
            {
                // One message per shape: the English or untagged one wins.
                let english = matches!(message.language(), None | Some("en"));
                if english || !messages.contains_key(shape.as_str()) {
                    messages.insert(shape.as_str().to_owned(), message.value().to_owned());
                }
            }
        }
        let mut reader = io::BufReader::new(turtle.as_bytes());
        let schema = guard(name, || ShaclDataManager::load(&mut reader, name, RDFFormat::Turtle, None))?
            .map_err(|e| ValidateError::Shapes { name: name.to_owned(), message: e.to_string() })?;
        Ok(Self { name: name.to_owned(), schema, messages })
    }

    /// The name of the shapes file.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Runs the engine, turning a panic inside it (it has `todo!()`s for shapes
/// it cannot compile) into an error.
fn guard<T>(name: &str, f: impl FnOnce() -> T) -> Result<T, ValidateError> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".to_owned());
        ValidateError::Engine { name: name.to_owned(), message }
    })
}

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The focus node, compact (`id:article/…/quotation/…`).
    pub focus: String,
    /// The path, in SPARQL property path syntax (`schema:spokenByCharacter`,
    /// `prov:wasDerivedFrom/rdf:type`), or empty for a node constraint.
    pub path: String,
    /// The shape's `sh:message`, else the engine's.
    pub message: String,
    /// The offending value, when the constraint is about one.
    pub value: Option<String>,
    /// The shape, compact.
    pub shape: Option<String>,
    /// `Violation`, `Warning` or `Info`.
    pub severity: String,
}

/// The outcome of a validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Distinct triples validated.
    pub triples: usize,
    /// The results, sorted, without duplicates.
    pub violations: Vec<Violation>,
}

impl Report {
    /// Whether the graph conforms to the shapes (no result at all).
    pub fn conforms(&self) -> bool {
        self.violations.is_empty()
    }

    /// Writes one line per result (focus node, path, message) and a summary
    /// line.
    pub fn write(&self, shapes: &str, mut out: impl Write) -> io::Result<()> {
        for v in &self.violations {
            let severity = if v.severity == "Violation" { String::new() } else { format!("[{}] ", v.severity) };
            let path = if v.path.is_empty() { "-" } else { v.path.as_str() };
            let value = v.value.as_ref().map(|value| format!(" (value: {value})")).unwrap_or_default();
            writeln!(out, "{severity}{}  {path}  {}{value}", v.focus, v.message)?;
        }
        if self.conforms() {
            writeln!(out, "conforms: {} triples satisfy {shapes}", self.triples)
        } else {
            let n = self.violations.len();
            let focus_nodes = self.violations.iter().map(|v| &v.focus).collect::<BTreeSet<_>>().len();
            writeln!(
                out,
                "does not conform: {n} result{} on {focus_nodes} focus node{} ({} triples, {shapes})",
                if n == 1 { "" } else { "s" },
                if focus_nodes == 1 { "" } else { "s" },
                self.triples
            )
        }
    }
}

/// Validates quads, all graphs taken as one, against shapes.
pub fn validate(quads: impl IntoIterator<Item = Quad>, shapes: &Shapes) -> Result<Report, ValidateError> {
    let mut graph = InMemoryGraph::new();
    for quad in quads {
        graph
            .add_triple_ref(quad.subject.as_ref(), quad.predicate.as_ref(), quad.object.as_ref())
            .map_err(|e| ValidateError::Engine { name: shapes.name.clone(), message: e.to_string() })?;
    }
    let triples = graph.len();
    let engine_error = |message: String| ValidateError::Engine { name: shapes.name.clone(), message };
    let data = Graph::from_graph(graph).map_err(|e| engine_error(e.to_string()))?;
    let mut validation = GraphValidation::from_graph(data, ShaclValidationMode::Native);
    let report =
        guard(&shapes.name, || validation.validate(&shapes.schema))?.map_err(|e| engine_error(e.to_string()))?;
    let violations: BTreeSet<Violation> = report.results().iter().map(|r| violation(r, shapes)).collect();
    Ok(Report { triples, violations: violations.into_iter().collect() })
}

fn violation(result: &ValidationResult, shapes: &Shapes) -> Violation {
    let shape_iri = match result.source() {
        Some(Object::Iri(iri)) => Some(iri.as_str().to_owned()),
        _ => None,
    };
    let message = shape_iri
        .as_ref()
        .and_then(|iri| shapes.messages.get(iri).cloned())
        .or_else(|| result.message().map(str::to_owned))
        .unwrap_or_else(|| "constraint not satisfied".to_owned());
    let severity = match result.severity() {
        CompiledSeverity::Violation => "Violation".to_owned(),
        CompiledSeverity::Warning => "Warning".to_owned(),
        CompiledSeverity::Info => "Info".to_owned(),
        CompiledSeverity::Debug => "Debug".to_owned(),
        CompiledSeverity::Trace => "Trace".to_owned(),
        CompiledSeverity::Generic(iri) => compact(iri.as_str()),
    };
    Violation {
        focus: object(result.focus_node()),
        path: result.path().map(path).unwrap_or_default(),
        message,
        value: result.value().map(object),
        shape: shape_iri.map(|iri| compact(&iri)),
        severity,
    }
}

fn object(term: &Object) -> String {
    match term {
        Object::Iri(iri) => compact(iri.as_str()),
        Object::BlankNode(id) => format!("_:{id}"),
        other => other.to_string(),
    }
}

/// A SHACL path in SPARQL property path syntax, with compact IRIs.
fn path(path: &SHACLPath) -> String {
    let group = |p: &SHACLPath| match p {
        SHACLPath::Predicate { .. } => self::path(p),
        _ => format!("({})", self::path(p)),
    };
    match path {
        SHACLPath::Predicate { pred } => compact(pred.as_str()),
        SHACLPath::Alternative { paths } => paths.iter().map(group).collect::<Vec<_>>().join("|"),
        SHACLPath::Sequence { paths } => paths.iter().map(group).collect::<Vec<_>>().join("/"),
        SHACLPath::Inverse { path } => format!("^{}", group(path)),
        SHACLPath::ZeroOrMore { path } => format!("{}*", group(path)),
        SHACLPath::OneOrMore { path } => format!("{}+", group(path)),
        SHACLPath::ZeroOrOne { path } => format!("{}?", group(path)),
    }
}

/// Reads an RDF file in the format its extension names, all graphs kept.
pub fn read_data(path: &Path) -> Result<Vec<Quad>, ValidateError> {
    let format = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(RdfFormat::from_extension)
        .ok_or_else(|| ValidateError::UnknownFormat { path: path.to_owned() })?;
    let file = std::fs::File::open(path).map_err(|source| ValidateError::Read { path: path.to_owned(), source })?;
    RdfParser::from_format(format)
        .for_reader(io::BufReader::new(file))
        .map(|quad| {
            quad.map_err(|e| match e {
                RdfParseError::Syntax(source) => ValidateError::DataSyntax { path: path.to_owned(), source },
                RdfParseError::Io(source) => ValidateError::Read { path: path.to_owned(), source },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_shapes_compile_and_every_shape_has_a_message() {
        let shapes = Shapes::bundled().expect("bundled shapes");
        // Every subject typed as a shape has a message.
        let mut shape_iris = BTreeSet::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(BUNDLED_SHAPES.as_bytes()) {
            let quad = quad.expect("Turtle");
            if quad.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                && let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(class)) = (&quad.subject, &quad.object)
                && class.as_str().starts_with("http://www.w3.org/ns/shacl#")
                && class.as_str().ends_with("Shape")
            {
                shape_iris.insert(s.as_str().to_owned());
            }
        }
        assert!(shape_iris.len() > 50, "only {} shapes", shape_iris.len());
        let silent: Vec<_> = shape_iris.iter().filter(|s| !shapes.messages.contains_key(*s)).collect();
        assert!(silent.is_empty(), "shapes without sh:message: {silent:?}");
    }

    #[test]
    fn a_shapes_syntax_error_names_the_file_and_line() {
        let error = Shapes::parse("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path", "bad.ttl")
            .expect_err("not Turtle");
        let text = error.to_string();
        assert!(text.starts_with("bad.ttl: "), "{text}");
        assert!(text.contains("line 2"), "{text}");
    }
}
