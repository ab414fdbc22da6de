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
#[command(name = "newskg", version = env!("NEWSKG_VERSION"), max_term_width = 100)]
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
    /// Each ARTICLE_DIR holds an article file (article.md, article.txt or
    /// article.html) and annotations.toml, or holds article directories below
    /// it (searched recursively). With --auto, articles without annotations
    /// are annotated automatically: article files (Markdown, plain text, HTML,
    /// JSON Lines), article directories without annotations.toml,
    /// and directories holding them at any depth; a curated annotations.toml
    /// always wins. Without one, the bundled article is converted. Articles are converted in parallel; each goes to
    /// its own named graph, replacing what an earlier build put there. An
    /// article that fails is reported and skipped, and the exit code is 1.
    /// Without --store the graph is built in memory and discarded, which
    /// checks the inputs.
    Build(BuildArgs),
    /// Run a bundled query, a query file or a SPARQL text.
    Query(QueryArgs),
    /// List the bundled queries with what each answers.
    Queries,
    /// Write the graph in an RDF format, canonical N-Quads or a picture.
    ///
    /// Every format gives the same bytes for the same graph. N-Quads, TriG,
    /// JSON-LD and canonical N-Quads keep the named graphs; Turtle, N-Triples
    /// and RDF/XML merge them (and say so on stderr).
    Export {
        /// Output format (default: from the file extension, else Turtle).
        #[arg(long, short, conflicts_with_all = ["canonical", "fingerprint"])]
        format: Option<ExportFormat>,
        /// Write RDFC-1.0 canonical N-Quads (W3C RDF Dataset Canonicalization).
        #[arg(long, conflicts_with = "fingerprint")]
        canonical: bool,
        /// Print the SHA-256 of the canonical N-Quads: a fingerprint of the
        /// dataset that depends neither on format nor on blank-node labels.
        #[arg(long, conflicts_with = "output")]
        fingerprint: bool,
        /// Output file, or `-` for standard output (the default).
        #[arg(long, short, value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        /// Write relation statements as RDF 1.2 reifiers (`rdf:reifies`
        /// with a triple term) instead of `rdf:Statement` reification; in
        /// Turtle, N-Triples, N-Quads or TriG, whose 1.2 forms carry triple terms.
        #[arg(long, conflicts_with_all = ["canonical", "fingerprint"])]
        rdf12: bool,
        /// Also write a store's summary graphs: the index `build` keeps
        /// beside the articles for the bundled queries (sentence offsets,
        /// counts, keys), derived from the articles' graphs.
        #[arg(long, conflicts_with = "fingerprint")]
        summaries: bool,
        #[command(flatten)]
        source: GraphSource,
    },
    /// Count triples by class and by property.
    Stats {
        #[command(flatten)]
        source: GraphSource,
    },
    /// Check the graph against SHACL shapes; exit 1 when it does not conform.
    ///
    /// Validates the union of the graph's named graphs against the bundled
    /// shapes (ontology/shapes.ttl) or the --shapes file, and prints one line
    /// per result (focus node, path, message) and a summary line.
    Validate(ValidateArgs),
    /// Write draft annotation files for unseen articles, to review.
    ///
    /// Finds entities, offices held, quotations with their speakers, claims,
    /// dates and quantities by rules (no network, no model) and writes them in
    /// the annotation format, each item marked `draft = "…"` with the cue that
    /// produced it. `newskg build` accepts the draft as it is. A quotation
    /// whose speaker is not certain is written commented out.
    ///
    /// One article file, or one article directory, gives one annotation file
    /// (beside the article file, or --output).
    /// Directories and JSON Lines files (what `newskg build --auto` reads)
    /// give an output directory, --output DIR, holding one article directory
    /// per article: DIR/ID/annotations.toml beside a copy of the article's
    /// text (article.md, article.txt, article.html, or article.jsonl for a
    /// line of a JSON Lines file), which `newskg build DIR` reads once the
    /// drafts are reviewed. A bad article is reported and skipped, the others
    /// drafted; the exit status is 1 if any was bad.
    Draft(DraftArgs),
    /// Compare what the extractor finds with curated annotations; print
    /// agreements, disagreements, precision and recall.
    ///
    /// ARTICLE_DIR holds article.md and annotations.toml (or a test fixture's
    /// expected.toml); without one, the bundled article is checked. The
    /// extractor runs twice: with the curated entities known, and on the text
    /// as unseen (what `newskg draft` proposes).
    Check(CheckArgs),
    /// Load the graph into a triple store over HTTP (Graph Store Protocol or
    /// SPARQL Update), and check the counts there.
    ///
    /// Each named graph of the source goes to the server under the same name
    /// (or all into --graph IRI). Article graphs are replaced: in one PUT, or
    /// staged by INSERT DATA batches and moved onto the target in one
    /// request, so readers never see half a graph. The shared entity graph is
    /// replaced when the source is a --store, and merged into (POST / INSERT
    /// DATA) when it is article directories. After each graph a COUNT query
    /// checks that the server holds what was sent. Connection failures,
    /// timeouts and 5xx answers are retried with exponential backoff; 4xx are
    /// not. The password is read from an environment variable or a file and
    /// never printed.
    Load(LoadArgs),
    /// Print a shell completion script.
    ///
    /// For bash: `newskg completions bash > ~/.local/share/bash-completion/completions/newskg`
    /// (`make install` puts it in place). zsh, fish, elvish and PowerShell
    /// scripts are printed the same way.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    ///
    /// `newskg manual | man -l -` reads it; `newskg manual query` prints the
    /// page of one command (newskg-query(1)). `make install` installs them all.
    Manual {
        /// A command whose page to print (default: newskg's own).
        command: Option<String>,
        /// List the commands that have a page of their own, one a line.
        #[arg(long, hide = true, conflicts_with = "command")]
        list: bool,
    },
    /// Serve the graph over HTTP: a SPARQL endpoint and web pages, read-only.
    ///
    /// The SPARQL 1.1 Protocol at /sparql (and /query): GET, POST form or
    /// POST application/sparql-query, with default-graph-uri and
    /// named-graph-uri; results in JSON, XML, CSV or TSV, graphs in Turtle,
    /// N-Triples, N-Quads, TriG, RDF/XML or JSON-LD, as the client accepts;
    /// the default graph is the union of every graph. Graph Store Protocol
    /// reads at /store. Web pages: the articles (/), each article with its
    /// quotations, mentions and claims marked in the text, entity pages at
    /// the path of their IRI under the base (/id/entity/…), and a query
    /// form. The store is opened read-only, so it can run beside a build;
    /// without --store the bundled article is served from memory. Ctrl-C
    /// (SIGINT) or SIGTERM stops it after the requests in progress.
    Serve(ServeArgs),
    /// Remove articles from a store, with their share of its summaries.
    ///
    /// Each ARTICLE_ID is an article's id, as `build` printed it. The
    /// article's graph and summary graph go, its counts leave the corpus
    /// summary, and what only it said of shared entities leaves the entity
    /// graph: the store is then what a fresh build of the other articles
    /// gives. An id the store does not hold is reported, and the exit code
    /// is 1.
    Remove(RemoveArgs),
}

/// Arguments of `newskg serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Serve a persistent store built with `newskg build --store DIR`
    /// (default: the bundled article, in memory).
    #[arg(long, value_hint = ValueHint::DirPath)]
    pub store: Option<PathBuf>,
    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: std::net::SocketAddr,
    /// Cancel a query after this many seconds (503).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Allow cross-origin requests from any web page (CORS).
    #[arg(long)]
    pub cors: bool,
    /// Largest request body, in bytes (413 above).
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// Largest request head (request line and headers), in bytes (431 above).
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024)]
    pub max_header: usize,
    /// Most requests handled at once; the others wait (default: twice the cores, at least 4).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent: Option<u32>,
    /// Most connections open at once (503 above).
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// Seconds a client has to send a request's head, that a keep-alive
    /// connection may stay idle, and that a request may wait for a free
    /// slot (503 after); a client has three times as long to send a body and
    /// to go on reading an answer.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub idle_timeout: f64,
    /// Run as a query worker of a server: requests on stdin, answers on stdout.
    #[arg(long, hide = true)]
    pub worker: bool,
}

/// Arguments of `newskg remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Ids of the articles to remove.
    #[arg(required = true, value_name = "ARTICLE_ID")]
    pub ids: Vec<String>,
    /// The persistent store to remove them from.
    #[arg(long, required = true, value_hint = ValueHint::DirPath)]
    pub store: PathBuf,
}

/// Arguments of `newskg build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Article directories, article files (with --auto), or directories
    /// holding them (default: the bundled article).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub articles: Vec<PathBuf>,
    /// Persistent store directory (created if missing).
    #[arg(long, value_hint = ValueHint::DirPath)]
    pub store: Option<PathBuf>,
    /// Stop at the first article that fails to convert (what is loaded stays).
    #[arg(long)]
    pub fail_fast: bool,
    /// Annotate automatically the articles that have no annotations.toml:
    /// entities, quotations (with their speaker when it is certain), claims,
    /// dates, each fact marked in the graph (PROV) with the rule that found it.
    #[arg(long)]
    pub auto: bool,
    /// The form of article files (default: from the extension, else the content).
    #[arg(long, value_name = "FORM")]
    pub input_format: Option<InputFormat>,
    /// Write relation statements as RDF 1.2 reifiers (`rdf:reifies` with a
    /// triple term) instead of `rdf:Statement` reification.
    #[arg(long)]
    pub rdf12: bool,
    /// Articles converted in parallel and committed to the store together;
    /// each is reported once its chunk is committed, and an interruption
    /// keeps the whole articles committed before it.
    #[arg(long, value_name = "N", default_value_t = newskg::corpus::DEFAULT_CHUNK as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub chunk: u32,
}

/// Forms of article files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Markdown: `# Title`, date lines, paragraphs (.md).
    Markdown,
    /// Plain text: the first line is the title (.txt).
    Text,
    /// A saved news page (.html).
    Html,
    /// JSON Lines, one article per line: id, title, date, text (.jsonl).
    Jsonl,
}

/// Arguments of `newskg load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Graph Store URL (gsp; e.g. http://HOST:7878/store, Virtuoso
    /// http://HOST:8890/sparql-graph-crud-auth) or Update URL (update; e.g.
    /// http://HOST:7878/update, Virtuoso http://HOST:8890/sparql-auth).
    #[arg(long, value_hint = ValueHint::Url)]
    pub endpoint: String,
    /// Protocol.
    #[arg(long, default_value = "gsp")]
    pub protocol: LoadProtocol,
    /// SPARQL query URL for the verification counts (default: derived from
    /// --endpoint: …/store or …/update → …/query; …/sparql-graph-crud-auth →
    /// …/sparql-auth; …/sparql-graph-crud → …/sparql).
    #[arg(long, value_hint = ValueHint::Url)]
    pub query_endpoint: Option<String>,
    /// Put every triple into this one graph (replacing it, or adding to it
    /// with --append).
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Add to the server's graphs instead of replacing them.
    #[arg(long)]
    pub append: bool,
    /// Read a persistent store built with `newskg build --store DIR` (every
    /// named graph in it).
    #[arg(long, value_hint = ValueHint::DirPath, conflicts_with = "articles")]
    pub store: Option<PathBuf>,
    /// Article directories, or directories holding them (default: the bundled article).
    #[arg(value_hint = ValueHint::DirPath)]
    pub articles: Vec<PathBuf>,
    /// User name for the server (Basic or Digest authentication).
    #[arg(long)]
    pub user: Option<String>,
    /// Environment variable holding the password.
    #[arg(long, value_name = "VAR", requires = "user", conflicts_with = "password_file")]
    pub password_env: Option<String>,
    /// File whose first line is the password.
    #[arg(long, value_name = "FILE", requires = "user", value_hint = ValueHint::FilePath)]
    pub password_file: Option<PathBuf>,
    /// Most triples per INSERT DATA request (update).
    #[arg(long, value_name = "N", default_value_t = newskg::load::DEFAULT_BATCH_TRIPLES,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub batch_triples: u64,
    /// Most bytes per INSERT DATA request (update).
    #[arg(long, value_name = "N", default_value_t = newskg::load::DEFAULT_MAX_REQUEST_BYTES)]
    pub max_request_bytes: usize,
    /// Seconds to connect, and to wait for each answer (for a Graph Store
    /// body, one more second per 256 KiB: servers parse before they answer).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Further attempts after a connection failure, timeout or 5xx answer.
    #[arg(long, value_name = "N", default_value_t = newskg::load::DEFAULT_RETRIES)]
    pub retries: u32,
    /// Accept any TLS certificate (prints a warning).
    #[arg(long)]
    pub insecure: bool,
    /// Print the requests a load would make (method, URL, bytes, triples)
    /// and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Protocols of `load`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LoadProtocol {
    /// SPARQL 1.1 Graph Store HTTP Protocol (PUT/POST ?graph=IRI, N-Triples).
    Gsp,
    /// SPARQL 1.1 Update (INSERT DATA batches, staging graph, MOVE).
    Update,
}

/// Arguments of `newskg draft`.
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Article files (Markdown, plain text, saved HTML pages), JSON Lines
    /// files, or directories holding them at any depth.
    #[arg(required = true, value_name = "ARTICLE", value_hint = ValueHint::AnyPath)]
    pub articles: Vec<PathBuf>,
    /// For one article file: the output file, or `-` for standard output
    /// (default: annotations.toml beside an article directory's article.md,
    /// .txt or .html; standard output for a loose file). For many articles: the
    /// output directory (required).
    #[arg(long, short, value_hint = ValueHint::AnyPath)]
    pub output: Option<PathBuf>,
    /// Overwrite the output files if they exist.
    #[arg(long)]
    pub force: bool,
    /// The form of article files (default: from the extension, else the content).
    #[arg(long, value_name = "FORM")]
    pub input_format: Option<InputFormat>,
    /// Run the extractor this many times and print its mean time to stderr.
    #[arg(long, hide = true, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
}

/// Arguments of `newskg check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Article directory (default: the bundled article).
    #[arg(value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// Print only the table of scores.
    #[arg(long)]
    pub brief: bool,
}

/// Arguments of `newskg validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// SHACL shapes in Turtle (default: the bundled ontology/shapes.ttl).
    #[arg(long, value_hint = ValueHint::FilePath)]
    pub shapes: Option<PathBuf>,
    /// Validate this RDF file instead (format from its extension: .ttl .nt
    /// .nq .trig .rdf .jsonld).
    #[arg(long, value_hint = ValueHint::FilePath, conflicts_with = "store")]
    pub data: Option<PathBuf>,
    #[command(flatten)]
    pub source: GraphSource,
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
    /// Show whole cells in a table on a terminal, wrapped within their
    /// columns (by default long cells are cut with `…` to fit the window).
    #[arg(long)]
    pub wide: bool,
    /// Query one article only: its id or IRI (with the shared entity
    /// descriptions), or any graph's IRI. Default: the union of all graphs.
    #[arg(long, value_name = "ARTICLE|IRI")]
    pub graph: Option<String>,
    /// Print how Oxigraph evaluates the query (its plan, with each step's
    /// rows and time) instead of the results.
    #[arg(long)]
    pub explain: bool,
    /// Print the query as it would run, in SPARQL without prefixes:
    /// parameters bound, its page applied, `--graph` as FROM clauses; for
    /// another engine (`oxigraph query`, a SPARQL endpoint) to run the same.
    #[arg(long, conflicts_with = "explain")]
    pub show_sparql: bool,
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
    /// JSON-LD compacted with ontology/context.jsonld, with named graphs (.jsonld).
    Jsonld,
    /// Graphviz picture of entities, events, quotations and claims (.dot).
    Dot,
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
