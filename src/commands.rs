//! The commands: each turns validated arguments into calls to the library.

mod load;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;
use newskg::convert::{self, Conversion, Source};
use newskg::export::{self, Format};
use newskg::query::{self, QueryError, QueryRequest};
use oxigraph::store::Store;

use crate::cli::{
    BuildArgs, CheckArgs, Cli, Command, DraftArgs, ExportFormat, GraphSource, InputFormat, QueryArgs, RemoveArgs,
    ResultsFormat, ServeArgs, ValidateArgs,
};

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
        Command::Build(args) => return build(&args, base, &mut stdout),
        Command::Query(args) => run_query(&args, base, &mut stdout),
        Command::Queries => list_queries(&mut stdout),
        Command::Export { format, canonical, fingerprint, output, rdf12, summaries, source } => {
            let format = if canonical { Some(ExportChoice::Canonical) } else { format.map(ExportChoice::Format) };
            if fingerprint {
                print_fingerprint(&source, base, &mut stdout)
            } else {
                run_export(format, output.as_deref(), rdf12, summaries, &source, base, &mut stdout)
            }
        }
        Command::Stats { source } => stats(&source, base, &mut stdout),
        Command::Validate(args) => return validate(&args, base, &mut stdout),
        Command::Draft(args) => return draft(&args, &mut stdout),
        Command::Check(args) => check(&args, &mut stdout),
        Command::Load(args) => load::run(&args, base, &mut stdout),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "newskg", &mut stdout);
            Ok(())
        }
        Command::Manual { command, list } => manual(command.as_deref(), list, &mut stdout),
        Command::Serve(args) => serve(&args, base, &mut stdout),
        Command::Remove(args) => return remove(&args, base, &mut stdout),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// Writes newskg's manual page, or one command's (`newskg-query`), in roff;
/// or, with `list`, the names of the commands that have one.
fn manual(command: Option<&str>, list: bool, out: &mut impl Write) -> Result<()> {
    let newskg = Cli::command();
    let pages: Vec<&clap::Command> =
        newskg.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help").collect();
    if list {
        for page in pages {
            writeln!(out, "{}", page.get_name())?;
        }
        return Ok(());
    }
    let page = match command {
        None => newskg.clone(),
        Some(name) => {
            let Some(found) = pages.iter().find(|c| c.get_name() == name) else {
                let names: Vec<&str> = pages.iter().map(|c| c.get_name()).collect();
                return Err(UsageError(format!("no command `{name}`; the commands are {}", names.join(", "))).into());
            };
            // The page's title and its synopsis name the command as it is
            // typed. clap takes names as `&'static str` (without its `string`
            // feature); the process prints one page and ends.
            let title: &'static str = String::leak(format!("newskg-{name}"));
            let typed: &'static str = String::leak(format!("newskg {name}"));
            (*found).clone().name(title).bin_name(typed).version(env!("NEWSKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    out.flush()?;
    Ok(())
}

fn build(args: &BuildArgs, base: &str, out: &mut impl Write) -> Result<ExitCode> {
    use newskg::corpus::{self, Event, Input};

    let signal = StopSignal::register()?;
    let inputs: Vec<Input> = if args.articles.is_empty() {
        vec![Input::Bundled]
    } else {
        corpus::inputs(&args.articles, args.auto, args.input_format.map(input_form))?
    };
    let store_path = args.store.as_deref();
    let single = inputs.len() == 1;
    let options = corpus::Options {
        fail_fast: args.fail_fast,
        auto: args.auto,
        form: args.input_format.map(input_form),
        rdf12: args.rdf12,
        chunk: args.chunk as usize,
        ..corpus::Options::new(base)
    };
    let bar = progress_bar(inputs.len());
    let started = std::time::Instant::now();
    let mut write_error = None;
    let mut on_event = |event: Event<'_>| {
        bar.inc(1);
        match event {
            Event::Loaded { id, summary: s, path, warnings } => {
                for warning in warnings {
                    bar.suspend(|| eprintln!("warning: {}: {warning} (repaired)", path.display()));
                }
                let line = bar.suspend(|| {
                    writeln!(
                        out,
                        "{id}: {} triples, {} entities, {} events, {} quotations, {} claims, {} mentions",
                        s.triples, s.entities, s.events, s.quotations, s.claims, s.mentions
                    )
                });
                if let Err(e) = line {
                    write_error.get_or_insert(e);
                }
            }
            Event::Failed(failure) if single => eprintln!("error: {}", failure.error),
            Event::Failed(failure) => bar.suspend(|| eprintln!("error: {} (skipped)", failure.error)),
        }
    };
    let open = || newskg::store::open(store_path);
    let (report, store) = corpus::build(&open, &inputs, &options, &mut on_event, &|| signal.received().is_some())?;
    bar.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if let (Some(store), Some(_)) = (&store, store_path) {
        store.flush()?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let skipped = report.failures.len();
    if let Some(code) = signal.received() {
        eprintln!(
            "interrupted: loaded {} of {} articles; the others keep their previous graphs (build again to load them)",
            report.loaded,
            inputs.len()
        );
        return Ok(code);
    }
    match (&store, store_path) {
        // Counting a large store takes seconds (a scan of an index): say what
        // was loaded instead; `newskg stats` counts the store.
        (Some(_), Some(path)) => writeln!(
            out,
            "store {}: {} quads loaded from {} article{}",
            path.display(),
            report.quads,
            report.loaded,
            if report.loaded == 1 { "" } else { "s" }
        )?,
        (Some(store), None) => writeln!(out, "in memory: {} quads (use --store DIR to keep them)", store.len()?)?,
        // Nothing converted: no store was opened, and nothing is written.
        (None, _) => {}
    }
    if !single {
        eprintln!(
            "loaded {} of {} articles in {seconds:.1} s: {} quads converted, {:.0} quads/s{}",
            report.loaded,
            inputs.len(),
            report.quads,
            report.quads as f64 / seconds.max(1e-9),
            match skipped {
                0 => String::new(),
                n if report.stopped => format!("; stopped at the first failure (--fail-fast), {n} skipped"),
                n => format!("; {n} skipped (see the errors above)"),
            }
        );
    }
    Ok(if skipped > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn input_form(format: InputFormat) -> newskg::readers::Form {
    match format {
        InputFormat::Markdown => newskg::readers::Form::Markdown,
        InputFormat::Text => newskg::readers::Form::Text,
        InputFormat::Html => newskg::readers::Form::Html,
        InputFormat::Jsonl => newskg::readers::Form::JsonLines,
    }
}

/// Removes articles from a store: exit 1 when one of the ids is not there.
fn remove(args: &RemoveArgs, base: &str, out: &mut impl Write) -> Result<ExitCode> {
    if let Some(bad) = args.ids.iter().find(|id| !newskg::annotation::is_valid_id(id)) {
        return Err(UsageError(format!("{bad:?} is not an article id")).into());
    }
    if !args.store.is_dir() {
        bail!("{}: no store in this directory", args.store.display());
    }
    let store = newskg::store::open(Some(&args.store))?;
    let missing = newskg::store::remove(&store, &args.ids, base)?;
    store.flush()?;
    for id in args.ids.iter().filter(|id| !missing.contains(id)) {
        writeln!(out, "removed {id}")?;
    }
    for id in &missing {
        eprintln!("error: the store {} holds no article `{id}`", args.store.display());
    }
    Ok(if missing.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(articles: usize) -> indicatif::ProgressBar {
    if articles < 2 || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let style = indicatif::ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} articles loaded, {eta} left",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    indicatif::ProgressBar::new(articles as u64).with_style(style)
}

/// SIGINT (Ctrl-C) and SIGTERM, caught so that `build` stops between
/// articles: each article's graph is replaced in one transaction, so the store
/// keeps, for every article, its previous graph or its new one. A second
/// signal stops at once.
struct StopSignal {
    received: Arc<AtomicUsize>,
}

impl StopSignal {
    fn register() -> Result<Self> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let once = Arc::new(AtomicBool::new(false));
        let received = Arc::new(AtomicUsize::new(0));
        for signal in [SIGINT, SIGTERM] {
            let code = 128 + signal;
            // Registered first, so that it sees the flag the first signal sets only on the second.
            signal_hook::flag::register_conditional_shutdown(signal, code, Arc::clone(&once))
                .context("cannot catch signals")?;
            signal_hook::flag::register(signal, Arc::clone(&once)).context("cannot catch signals")?;
            signal_hook::flag::register_usize(signal, Arc::clone(&received), usize::try_from(signal).unwrap_or(0))
                .context("cannot catch signals")?;
        }
        Ok(Self { received })
    }

    /// The exit code for the signal received (130 for SIGINT), if one was.
    fn received(&self) -> Option<ExitCode> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))),
        }
    }
}

/// The store a reading command works on: the persistent one (summaries
/// included), or the bundled article converted in memory: its graph as it
/// is, or with its summaries for `query`, whose bundled queries read them.
fn graph_store(source: &GraphSource, base: &str) -> Result<Store> {
    open_graph_store(source, base, false)
}

fn open_graph_store(source: &GraphSource, base: &str, summaries: bool) -> Result<Store> {
    match &source.store {
        Some(path) => Ok(newskg::store::open_existing(path)?),
        None => {
            let store = newskg::store::open(None)?;
            let conversion: Conversion = convert::convert(&Source::bundled(), base)?;
            if summaries {
                newskg::store::load(&store, &conversion, base)?;
            } else {
                newskg::store::load_graph(&store, &conversion)?;
            }
            Ok(store)
        }
    }
}

fn run_query(args: &QueryArgs, base: &str, out: &mut impl Write) -> Result<()> {
    let (text, origin) = if let Some(name) = &args.name {
        match query::bundled(name) {
            Ok(q) => (q.text.to_owned(), query::QueryOrigin::Bundled(name.clone())),
            Err(e) => return Err(UsageError(e.to_string()).into()),
        }
    } else if let Some(file) = &args.file {
        let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        (text, query::QueryOrigin::File(file.clone()))
    } else {
        (args.sparql.clone().unwrap_or_default(), query::QueryOrigin::Inline)
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
    let store = open_graph_store(&args.source, base, true)?;
    let graphs = match &args.graph {
        Some(value) => query::parse_graph(value, base).map_err(|e| UsageError(e.to_string()))?,
        None => Vec::new(),
    };
    let terminal = io::stdout().is_terminal();
    let table = query::TableLayout {
        max_rows: args.max_rows,
        width: terminal.then(terminal_width),
        overflow: if args.wide { query::Overflow::Wrap } else { query::Overflow::Cut },
        colour: terminal && colour_wanted(),
    };
    let request = QueryRequest { params, timeout, table, graphs, ..QueryRequest::new(text, origin, base) };
    if args.show_sparql {
        writeln!(out, "{}", query::sparql(&request)?)?;
        return Ok(());
    }
    if args.explain {
        let rows = query::explain(&store, &request, out)?;
        eprintln!("({rows} rows)");
        return Ok(());
    }
    // Results are buffered so that an error midway prints no partial table.
    let mut buffer = Vec::new();
    let result = query::run(&store, &request, results_format(format), &mut buffer);
    if let Err(QueryError::BadParam { .. }) = &result {
        return Err(UsageError(result.err().map(|e| e.to_string()).unwrap_or_default()).into());
    }
    result?;
    out.write_all(&buffer)?;
    out.flush()?;
    Ok(())
}

/// The width of the terminal on standard output: as the terminal says, else
/// `COLUMNS`, else 80.
fn terminal_width() -> usize {
    terminal_size::terminal_size_of(io::stdout())
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .filter(|w| *w > 0)
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80)
}

/// Colour on a terminal unless `NO_COLOR` is set to anything but the empty
/// string (no-color.org).
fn colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
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

/// What `export` was asked to write.
enum ExportChoice {
    Format(ExportFormat),
    Canonical,
}

fn print_fingerprint(source: &GraphSource, base: &str, out: &mut impl Write) -> Result<()> {
    let store = graph_store(source, base)?;
    let quads = export::store_quads(&store, base, false)?;
    writeln!(out, "{}", export::fingerprint(&quads)?)?;
    out.flush()?;
    Ok(())
}

fn run_export(
    format: Option<ExportChoice>,
    output: Option<&Path>,
    rdf12: bool,
    summaries: bool,
    source: &GraphSource,
    base: &str,
    out: &mut impl Write,
) -> Result<()> {
    let output = output.filter(|p| p.as_os_str() != "-");
    let format = match (format, output) {
        (Some(ExportChoice::Format(f)), _) => export_format(f),
        (Some(ExportChoice::Canonical), _) => Format::CanonicalNQuads,
        (None, Some(path)) => match Format::from_extension(path) {
            Some(f) => f,
            None => {
                return Err(UsageError(format!(
                    "cannot tell the format of {} from its extension (.ttl .nt .nq .trig .rdf .jsonld .dot); \
                     give --format (turtle, ntriples, nquads, trig, rdfxml, jsonld, dot)",
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
        if parent.exists() {
            bail!("{}: {} is not a directory", path.display(), parent.display());
        }
        bail!("{}: the directory {} does not exist", path.display(), parent.display());
    }
    if rdf12 && !matches!(format, Format::Turtle | Format::NTriples | Format::NQuads | Format::TriG) {
        return Err(UsageError(format!(
            "--rdf12: {format:?} cannot carry RDF 1.2 triple terms; use turtle, ntriples, nquads or trig"
        ))
        .into());
    }
    let store = open_graph_store(source, base, summaries)?;
    if format.flattens_graphs() {
        eprintln!("note: {format:?} has no named graphs; the article and entity graphs are written as one graph");
    }
    match output {
        Some(path) if rdf12 => {
            let quads = newskg::rdf12::reifiers(export::store_quads(&store, base, summaries)?);
            let count = export::write_file_atomically(path, |w| export::write(quads, format, base, w))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {count} statements to {}", path.display());
        }
        None if rdf12 => {
            let quads = newskg::rdf12::reifiers(export::store_quads(&store, base, summaries)?);
            export::write(quads, format, base, &mut *out)?;
            out.flush()?;
        }
        Some(path) => {
            let count =
                export::write_file_atomically(path, |w| export::write_store(&store, format, base, summaries, w))
                    .with_context(|| format!("cannot write {}", path.display()))?;
            let what = if format == Format::Dot { "nodes and edges" } else { "statements" };
            eprintln!("wrote {count} {what} to {}", path.display());
        }
        None => {
            export::write_store(&store, format, base, summaries, &mut *out)?;
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
        ExportFormat::Jsonld => Format::JsonLd,
        ExportFormat::Dot => Format::Dot,
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
    let tally = newskg::auto::tally(&store)?;
    writeln!(out, "\nfacts by origin   curated  automatic")?;
    for (kind, curated, automatic) in &tally.kinds {
        writeln!(out, "  {kind:<14} {curated:>8} {automatic:>10}")?;
    }
    writeln!(out, "\ntriples by property")?;
    for (property, count) in &stats.properties {
        writeln!(out, "{count:>7}  {property}")?;
    }
    Ok(())
}

/// Validates the graph (the bundled article, a store or a data file) against
/// SHACL shapes: exit 0 when it conforms, 1 when it does not.
fn validate(args: &ValidateArgs, base: &str, out: &mut impl Write) -> Result<ExitCode> {
    use newskg::validate::{self, Shapes};

    let shapes = match &args.shapes {
        Some(path) => Shapes::read(path)?,
        None => Shapes::bundled()?,
    };
    let quads = match &args.data {
        Some(path) => validate::read_data(path)?,
        None => graph_store(&args.source, base)?.iter().collect::<Result<Vec<_>, _>>()?,
    };
    let report = validate::validate(quads, &shapes)?;
    report.write(shapes.name(), &mut *out)?;
    out.flush()?;
    Ok(if report.conforms() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Drafts one article file into one annotation file, or a corpus
/// (directories, JSON Lines files, several files) into an output directory.
fn draft(args: &DraftArgs, out: &mut impl Write) -> Result<ExitCode> {
    let form = args.input_format.map(input_form);
    let json_lines = |path: &Path| {
        form.or_else(|| newskg::readers::Form::from_extension(path)) == Some(newskg::readers::Form::JsonLines)
    };
    match args.articles.as_slice() {
        [path] if !path.is_dir() && !json_lines(path) => draft_one(args, path, out).map(|()| ExitCode::SUCCESS),
        // One article directory: its article file, drafted beside it.
        [dir] if let Some(file) = convert::article_file(dir)?.filter(|f| !json_lines(f)) => {
            draft_one(args, &file, out).map(|()| ExitCode::SUCCESS)
        }
        paths => draft_corpus(args, paths, out),
    }
}

fn draft_corpus(args: &DraftArgs, paths: &[std::path::PathBuf], out: &mut impl Write) -> Result<ExitCode> {
    let Some(dir) = args.output.as_deref().filter(|o| o.as_os_str() != "-") else {
        return Err(UsageError(
            "drafting directories, JSON Lines files or several articles writes one article directory per article: give the output directory with -o DIR".into(),
        )
        .into());
    };
    if dir.exists() && !dir.is_dir() {
        bail!("{}: not a directory", dir.display());
    }
    let form = args.input_format.map(input_form);
    let inputs = newskg::corpus::inputs(paths, true, form)?;
    let (mut drafted, mut failed) = (0, 0);
    let mut write_error = None;
    newskg::draft::draft_corpus(&inputs, form, &mut |result| {
        let written = result.map_err(|f| f.error.to_string()).and_then(|d| {
            for warning in &d.warnings {
                eprintln!("warning: {}: {warning} (repaired)", d.path.display());
            }
            let written = newskg::draft::write_article_dir(dir, &d, args.force).map_err(|e| e.to_string())?;
            Ok((d, written))
        });
        match written {
            Ok((d, written)) => {
                drafted += 1;
                let s = d.summary;
                let line = writeln!(
                    out,
                    "{}: {} entities, {} offices, {} quotations (+{} without a certain speaker), {} claims, {} dates, {} quantities",
                    written.join(convert::ANNOTATIONS_FILE).display(),
                    s.entities,
                    s.posts,
                    s.quotations,
                    s.unattributed,
                    s.claims,
                    s.dates,
                    s.quantities
                );
                if let Err(e) = line {
                    write_error.get_or_insert(e);
                }
            }
            Err(message) => {
                failed += 1;
                eprintln!("error: {message} (skipped)");
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    eprintln!(
        "drafted {drafted} of {} articles into {}{}; review every `draft` item, then `newskg build {}`",
        inputs.len(),
        dir.display(),
        match failed {
            0 => String::new(),
            n => format!("; {n} skipped (see the errors above)"),
        },
        dir.display()
    );
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn draft_one(args: &DraftArgs, path: &Path, out: &mut impl Write) -> Result<()> {
    let (text, decoded) = convert::read_article_file(path)?;
    let form = args.input_format.map_or_else(|| newskg::readers::Form::detect(path, &text), input_form);
    let read = newskg::readers::read(&text, form).with_context(|| path.display().to_string())?;
    for warning in decoded.iter().chain(&read.warnings) {
        eprintln!("warning: {}: {warning} (repaired)", path.display());
    }
    let article = read.article;
    let output = match &args.output {
        Some(o) if o.as_os_str() == "-" => None,
        Some(o) => Some(o.clone()),
        // Beside an article directory's article file; a loose file (one of
        // many in a folder) has no directory of its own, so its draft goes
        // to standard output rather than become the folder's annotations.
        None if is_article_file(path) => Some(path.parent().unwrap_or(Path::new("")).join(convert::ANNOTATIONS_FILE)),
        None => None,
    };
    if let Some(output) = &output
        && output.exists()
        && !args.force
    {
        bail!("{} exists; pass --force to overwrite it", output.display());
    }
    let known = newskg::extract::Known::default();
    let started = std::time::Instant::now();
    let mut extraction = newskg::extract::extract(&article, &known);
    for _ in 1..args.repeat {
        extraction = newskg::extract::extract(&article, &known);
    }
    if args.repeat > 1 {
        let mean = started.elapsed() / args.repeat;
        eprintln!("extract: {} runs over {}, {:.3} ms each", args.repeat, path.display(), mean.as_secs_f64() * 1e3);
    }
    // The article's id: the name of the directory the draft goes to (or the
    // article is in) when it can be one, else made from the date and title.
    let dir_name = std::path::absolute(output.as_deref().unwrap_or(path))
        .ok()
        .and_then(|o| o.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| newskg::annotation::is_valid_id(n));
    let id = dir_name.unwrap_or_else(|| {
        newskg::extract::slug(&format!("{} {}", article.date.map(|d| d.to_string()).unwrap_or_default(), article.title))
    });
    let (text, summary) = newskg::draft::draft(&article, &extraction, &id, &path.display().to_string());
    match &output {
        Some(output) => {
            export::write_file_atomically(output, |w| w.write_all(text.as_bytes()))
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!(
                "wrote {}: {} entities, {} offices, {} quotations (+{} without a certain speaker, commented out), {} claims, {} dates, {} quantities; review every `draft` item",
                output.display(),
                summary.entities,
                summary.posts,
                summary.quotations,
                summary.unattributed,
                summary.claims,
                summary.dates,
                summary.quantities
            );
        }
        None => {
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Whether `path` is named as an article directory's article file.
fn is_article_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| convert::ARTICLE_FILES.contains(&n))
}

fn check(args: &CheckArgs, out: &mut impl Write) -> Result<()> {
    let subject = match &args.dir {
        Some(dir) => newskg::check::load(dir)?,
        None => newskg::check::bundled()?,
    };
    let report = newskg::check::check(&subject);
    report.write(out, args.brief)?;
    out.flush()?;
    Ok(())
}

/// Seconds given on the command line, checked positive.
fn seconds(flag: &str, secs: f64) -> Result<Duration> {
    if !(secs.is_finite() && secs > 0.0 && secs < 1e9) {
        return Err(UsageError(format!("{flag} {secs}: must be a positive number of seconds")).into());
    }
    Ok(Duration::from_secs_f64(secs))
}

fn serve(args: &ServeArgs, base: &str, out: &mut impl Write) -> Result<()> {
    use newskg::serve::{App, Limits, Options, Server};

    let timeout = seconds("--timeout", args.timeout)?;
    let idle = seconds("--idle-timeout", args.idle_timeout)?;
    let defaults = Limits::default();
    let limits = Limits {
        max_body_bytes: args.max_body,
        max_header_bytes: args.max_header.max(1024),
        header_timeout: idle,
        body_timeout: idle * 3,
        write_timeout: idle * 3,
        max_connections: args.max_connections as usize,
        max_concurrent: args.max_concurrent.map_or(defaults.max_concurrent, |n| n as usize),
        queue_timeout: idle,
    };
    let source = GraphSource { store: args.store.clone() };
    let store = open_graph_store(&source, base, true)?;
    let options = Options { bind: args.bind, base: base.to_owned(), timeout, cors: args.cors, limits };
    if args.worker {
        // Ctrl-C reaches the whole process group: the server, not its
        // workers, decides when they stop.
        signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::new(AtomicBool::new(false)))
            .context("cannot catch signals")?;
        let app = App::for_worker(store, options);
        newskg::serve::worker::serve(&app, io::stdin().lock(), io::stdout().lock())?;
        return Ok(());
    }
    let entity_graph = oxigraph::model::NamedNode::new(format!("{base}graph/entities"))?;
    if !store.contains_named_graph(&entity_graph)? {
        let other = store.named_graphs().filter_map(Result::ok).find_map(|g| match g {
            oxigraph::model::NamedOrBlankNode::NamedNode(g) => {
                g.as_str().strip_suffix("graph/entities").map(str::to_owned)
            }
            oxigraph::model::NamedOrBlankNode::BlankNode(_) => None,
        });
        match other {
            Some(other) => {
                eprintln!("warning: the store's IRIs are minted under {other}, not {base}: pass --base {other}")
            }
            None => eprintln!("warning: the store holds no newskg entity graph; pages will show little (SPARQL works)"),
        }
    }
    // SPARQL runs in worker processes: this binary again, on the same store.
    let mut worker_args: Vec<std::ffi::OsString> =
        vec!["--base".into(), base.into(), "serve".into(), "--worker".into(), "--timeout".into()];
    worker_args.push(args.timeout.to_string().into());
    if let Some(store) = &args.store {
        worker_args.push("--store".into());
        worker_args.push(std::path::absolute(store)?.into());
    }
    let command = newskg::serve::WorkerCommand { program: std::env::current_exe()?, args: worker_args };
    let workers = options.limits.max_concurrent;
    let app = App::new(store, options).with_workers(command, workers).context("cannot start the query workers")?;
    let graphviz = app.picture.available();
    let server = Server::bind(app)?;
    let addr = server.local_addr()?;
    writeln!(out, "listening on http://{addr}/")?;
    out.flush()?;
    eprintln!(
        "newskg serve: {}; SPARQL at http://{addr}/sparql; pictures {}; Ctrl-C to stop",
        match &args.store {
            Some(path) => format!("store {} (read-only)", path.display()),
            None => "the bundled article (in memory)".to_owned(),
        },
        if graphviz { "by Graphviz" } else { "not drawn (Graphviz's dot is not installed)" }
    );
    server.run_until_signal()?;
    eprintln!("newskg serve: stopped");
    Ok(())
}
