//! Command-line arguments (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

/// Turn news articles into knowledge graphs people can trust.
///
/// newskg converts an article and its annotation file into RDF: actors,
/// places, events, speaker-attributed quotations and claims with their source
/// and factuality, every fact traced to the sentence it comes from. The graph
/// lives in an embedded Oxigraph store that answers SPARQL. Without an article
/// directory or --store, commands work on the bundled article (The Moscow
/// Times, 29 June 2011).
#[derive(Debug, Parser)]
#[command(name = "newskg", version, max_term_width = 100)]
pub struct Cli {
    /// Base IRI under which resources are minted.
    #[arg(long, global = true, default_value = newskg::DEFAULT_BASE, value_hint = ValueHint::Url)]
    pub base: String,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert articles and load them into a store; print a summary.
    ///
    /// Each ARTICLE_DIR holds article.md and annotations.toml. Without one, the
    /// bundled article is converted. Without --store the graph is built in
    /// memory and discarded, which checks the inputs.
    Build {
        /// Article directories (default: the bundled article).
        #[arg(value_hint = ValueHint::DirPath)]
        articles: Vec<PathBuf>,
        /// Persistent store directory (created if missing).
        #[arg(long, value_hint = ValueHint::DirPath)]
        store: Option<PathBuf>,
    },
    /// Run a bundled query, a query file or a SPARQL text.
    Query(QueryArgs),
    /// List the bundled queries with what each answers.
    Queries,
    /// Write the graph in an RDF format.
    Export {
        /// Output format (default: from the file extension, else Turtle).
        #[arg(long, short)]
        format: Option<ExportFormat>,
        /// Output file, or `-` for standard output (the default).
        #[arg(long, short, value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        #[command(flatten)]
        source: GraphSource,
    },
    /// Count triples by class and by property.
    Stats {
        #[command(flatten)]
        source: GraphSource,
    },
}

/// Where the graph comes from.
#[derive(Debug, Args)]
pub struct GraphSource {
    /// Read a persistent store built with `newskg build --store DIR`.
    #[arg(long, value_hint = ValueHint::DirPath)]
    pub store: Option<PathBuf>,
}

/// Arguments of `newskg query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Name of a bundled query (see `newskg queries`).
    #[arg(required_unless_present_any = ["file", "sparql"], conflicts_with_all = ["file", "sparql"])]
    pub name: Option<String>,
    /// Run the SPARQL query in this file.
    #[arg(long, value_hint = ValueHint::FilePath, conflicts_with = "sparql")]
    pub file: Option<PathBuf>,
    /// Run this SPARQL query text.
    #[arg(long)]
    pub sparql: Option<String>,
    /// Results format (default: table on a terminal, else TSV).
    #[arg(long, short)]
    pub format: Option<ResultsFormat>,
    /// Bind a variable: NAME=VALUE, VALUE an <IRI>, a "literal", a prefixed
    /// name (id:entity/dmitry-medvedev) or plain text. Repeatable.
    #[arg(long, value_name = "NAME=VALUE")]
    pub param: Vec<String>,
    /// Stop the query after this many seconds.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    /// Most rows printed in a table.
    #[arg(long, default_value_t = 1000)]
    pub max_rows: usize,
    #[command(flatten)]
    pub source: GraphSource,
}

/// RDF formats for `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Turtle (.ttl).
    Turtle,
    /// N-Triples (.nt).
    Ntriples,
    /// N-Quads, with named graphs (.nq).
    Nquads,
    /// TriG, with named graphs (.trig).
    Trig,
    /// RDF/XML (.rdf).
    Rdfxml,
}

/// Results formats for `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultsFormat {
    /// Aligned columns for people.
    Table,
    /// SPARQL results CSV.
    Csv,
    /// SPARQL results TSV.
    Tsv,
    /// SPARQL results JSON.
    Json,
    /// SPARQL results XML.
    Xml,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
