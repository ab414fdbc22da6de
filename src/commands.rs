//! The commands: each turns validated arguments into calls to the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use newskg::convert::{self, Conversion, Source};
use newskg::export::{self, Format};
use newskg::query::{self, QueryError, QueryRequest};
use oxigraph::store::Store;

use crate::cli::{Cli, Command, ExportFormat, GraphSource, QueryArgs, ResultsFormat};

/// An error in how the command was called (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs a command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let base = cli.base.as_str();
    if oxigraph::model::NamedNode::new(format!("{base}x")).is_err() || !(base.ends_with('/') || base.ends_with('#')) {
        return Err(UsageError(format!("--base {base:?} must be an absolute IRI ending in `/` or `#`")).into());
    }
    let mut stdout = io::stdout().lock();
    match cli.command {
        Command::Build { articles, store } => build(&articles, store.as_deref(), base, &mut stdout),
        Command::Query(args) => run_query(&args, base, &mut stdout),
        Command::Queries => list_queries(&mut stdout),
        Command::Export { format, output, source } => run_export(format, output.as_deref(), &source, base, &mut stdout),
        Command::Stats { source } => stats(&source, base, &mut stdout),
    }?;
    Ok(ExitCode::SUCCESS)
}

fn sources(articles: &[PathBuf]) -> Result<Vec<Source>> {
    if articles.is_empty() {
        return Ok(vec![Source::bundled()]);
    }
    articles.iter().map(|dir| Ok(Source::read_dir(dir)?)).collect()
}

fn build(articles: &[PathBuf], store_path: Option<&Path>, base: &str, out: &mut impl Write) -> Result<()> {
    // Convert everything first, so that a bad article leaves the store untouched.
    let conversions =
        sources(articles)?.iter().map(|source| convert::convert(source, base)).collect::<Result<Vec<_>, _>>()?;
    let store = newskg::store::open(store_path)?;
    for conversion in &conversions {
        newskg::store::load(&store, conversion, base)?;
        let s = conversion.summary;
        writeln!(
            out,
            "{}: {} triples, {} entities, {} events, {} quotations, {} claims, {} mentions",
            conversion.id, s.triples, s.entities, s.events, s.quotations, s.claims, s.mentions
        )?;
    }
    match store_path {
        Some(path) => {
            store.flush()?;
            writeln!(out, "store {}: {} quads", path.display(), store.len()?)?;
        }
        None => writeln!(out, "in memory: {} quads (use --store DIR to keep them)", store.len()?)?,
    }
    Ok(())
}

/// The store a reading command works on: the persistent one, or the bundled
/// article converted in memory.
fn graph_store(source: &GraphSource, base: &str) -> Result<Store> {
    match &source.store {
        Some(path) => Ok(newskg::store::open_existing(path)?),
        None => {
            let store = newskg::store::open(None)?;
            let conversion: Conversion = convert::convert(&Source::bundled(), base)?;
            newskg::store::load(&store, &conversion, base)?;
            Ok(store)
        }
    }
}

fn run_query(args: &QueryArgs, base: &str, out: &mut impl Write) -> Result<()> {
    let text = if let Some(name) = &args.name {
        match query::bundled(name) {
            Ok(q) => q.text.to_owned(),
            Err(e) => return Err(UsageError(e.to_string()).into()),
        }
    } else if let Some(file) = &args.file {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?
    } else {
        args.sparql.clone().unwrap_or_default()
    };
    let params = args
        .param
        .iter()
        .map(|p| query::parse_param(p, base))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| UsageError(e.to_string()))?;
    let timeout = match args.timeout {
        Some(secs) if !(secs.is_finite() && secs > 0.0) => {
            return Err(UsageError(format!("--timeout {secs}: must be a positive number of seconds")).into());
        }
        Some(secs) => Some(Duration::from_secs_f64(secs)),
        None => None,
    };
    let format = match args.format {
        Some(f) => f,
        None if io::stdout().is_terminal() => ResultsFormat::Table,
        None => ResultsFormat::Tsv,
    };
    let store = graph_store(&args.source, base)?;
    let request = QueryRequest { text, params, timeout, max_table_rows: args.max_rows };
    // Results are buffered so that an error midway prints no partial table.
    let mut buffer = Vec::new();
    let result = query::run(&store, &request, results_format(format), &mut buffer);
    if let Err(QueryError::BadParam { .. }) = &result {
        return Err(UsageError(result.err().map(|e| e.to_string()).unwrap_or_default()).into());
    }
    let origin = args.file.as_ref().map(|f| format!("{}: ", f.display())).unwrap_or_default();
    result.map_err(|e| anyhow::anyhow!("{origin}{e}"))?;
    out.write_all(&buffer)?;
    out.flush()?;
    Ok(())
}

fn results_format(format: ResultsFormat) -> query::ResultsFormat {
    match format {
        ResultsFormat::Table => query::ResultsFormat::Table,
        ResultsFormat::Csv => query::ResultsFormat::Csv,
        ResultsFormat::Tsv => query::ResultsFormat::Tsv,
        ResultsFormat::Json => query::ResultsFormat::Json,
        ResultsFormat::Xml => query::ResultsFormat::Xml,
    }
}

fn list_queries(out: &mut impl Write) -> Result<()> {
    let width = query::BUNDLED.iter().map(|q| q.name.len()).max().unwrap_or(0);
    for q in query::BUNDLED {
        writeln!(out, "{:<width$}  {}", q.name, q.title())?;
        writeln!(out, "{:<width$}  {}", "", q.answers())?;
        if let Some(param) = q.example_param() {
            writeln!(out, "{:<width$}  e.g. --param {param}", "")?;
        }
    }
    Ok(())
}

fn run_export(
    format: Option<ExportFormat>,
    output: Option<&Path>,
    source: &GraphSource,
    base: &str,
    out: &mut impl Write,
) -> Result<()> {
    let output = output.filter(|p| p.as_os_str() != "-");
    let format = match (format, output) {
        (Some(f), _) => export_format(f),
        (None, Some(path)) => match Format::from_extension(path) {
            Some(f) => f,
            None => {
                return Err(UsageError(format!(
                    "cannot tell the format of {} from its extension; give --format (turtle, ntriples, nquads, trig, rdfxml)",
                    path.display()
                ))
                .into());
            }
        },
        (None, None) => Format::Turtle,
    };
    if let Some(path) = output
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        bail!("{}: the directory {} does not exist", path.display(), parent.display());
    }
    let store = graph_store(source, base)?;
    let quads = store.iter().collect::<Result<Vec<_>, _>>()?;
    if !format.keeps_graphs() {
        eprintln!("note: {format:?} has no named graphs; the article and entity graphs are written as one graph");
    }
    match output {
        Some(path) => {
            let count = export::write_file_atomically(path, |w| export::write(quads, format, base, w))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {count} statements to {}", path.display());
        }
        None => {
            export::write(quads, format, base, &mut *out)?;
            out.flush()?;
        }
    }
    Ok(())
}

fn export_format(format: ExportFormat) -> Format {
    match format {
        ExportFormat::Turtle => Format::Turtle,
        ExportFormat::Ntriples => Format::NTriples,
        ExportFormat::Nquads => Format::NQuads,
        ExportFormat::Trig => Format::TriG,
        ExportFormat::Rdfxml => Format::RdfXml,
    }
}

fn stats(source: &GraphSource, base: &str, out: &mut impl Write) -> Result<()> {
    let store = graph_store(source, base)?;
    let stats = newskg::store::stats(&store)?;
    writeln!(out, "triples  {}", stats.triples)?;
    writeln!(out, "quads    {}", stats.quads)?;
    writeln!(out, "graphs   {}", stats.graphs)?;
    writeln!(out, "\ninstances by class")?;
    for (class, count) in &stats.classes {
        writeln!(out, "{count:>7}  {class}")?;
    }
    writeln!(out, "\ntriples by property")?;
    for (property, count) in &stats.properties {
        writeln!(out, "{count:>7}  {property}")?;
    }
    Ok(())
}
