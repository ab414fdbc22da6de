//! `newskg load`: arguments → the source store, the plan and the options →
//! [`newskg::load`].

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use newskg::convert::{self, Source};
use newskg::load::{self, Credentials, LoadError, Loader, Options, Origin, Protocol};
use oxigraph::model::NamedNode;
use oxigraph::store::Store;

use super::UsageError;
use crate::cli::{LoadArgs, LoadProtocol};

/// Runs `newskg load`.
pub fn run(args: &LoadArgs, base: &str, out: &mut impl Write) -> Result<()> {
    let options = options(args, base)?;
    let graph = match &args.graph {
        Some(iri) => Some(
            NamedNode::new(iri.as_str())
                .map_err(|e| UsageError(format!("--graph {iri:?} is not an absolute IRI: {e}")))?,
        ),
        None => None,
    };
    let (store, origin) = source(args, base)?;
    let usage = |error: LoadError| -> anyhow::Error {
        if error.is_usage() { UsageError(error.to_string()).into() } else { error.into() }
    };
    let loader = Loader::new(&store, &options).map_err(usage)?;
    let plans = load::plan(&store, origin, base, graph, args.append)?;
    if plans.is_empty() {
        bail!("the source has no triples to load");
    }
    if args.dry_run {
        loader.dry_run(&plans, out)?;
        out.flush()?;
        return Ok(());
    }
    if args.insecure {
        eprintln!(
            "warning: --insecure: TLS certificates are not checked; anyone on the path can read and change the data"
        );
    }
    let progress = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(loader.quads(&plans));
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} triples, {per_sec} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let on_triples = |n: u64| progress.inc(n);
    let mut on_graph = |report: &load::GraphReport| -> io::Result<()> {
        let line = format!("{}: {} triples ({}), verified", report.graph, report.triples, report.mode.as_str());
        progress.suspend(|| writeln!(out, "{line}").and_then(|()| out.flush()))
    };
    let summary = loader.load(&plans, &on_triples, &mut on_graph);
    progress.finish_and_clear();
    let summary = summary?;
    writeln!(out, "loaded {} triples in {} graphs into {}", summary.triples, summary.graphs, options.endpoint)?;
    out.flush()?;
    Ok(())
}

fn options(args: &LoadArgs, base: &str) -> Result<Options> {
    let protocol = match args.protocol {
        LoadProtocol::Gsp => Protocol::GraphStore,
        LoadProtocol::Update => Protocol::Update,
    };
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(UsageError(format!("--timeout {}: must be a positive number of seconds", args.timeout)).into());
    }
    let mut options = Options::new(args.endpoint.clone(), protocol, base);
    options.query_endpoint = args.query_endpoint.clone();
    options.credentials = credentials(args)?;
    options.batch_triples = args.batch_triples;
    options.max_request_bytes = args.max_request_bytes;
    options.timeout = Duration::from_secs_f64(args.timeout);
    options.retries = args.retries;
    options.insecure = args.insecure;
    Ok(options)
}

/// The user and the password from --password-env or --password-file.
fn credentials(args: &LoadArgs) -> Result<Option<Credentials>> {
    let Some(user) = &args.user else { return Ok(None) };
    let password = if let Some(var) = &args.password_env {
        match std::env::var(var) {
            Ok(password) => password,
            Err(std::env::VarError::NotPresent) => {
                return Err(
                    UsageError(format!("--password-env {var}: the environment variable {var} is not set")).into()
                );
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(UsageError(format!("--password-env {var}: the value of {var} is not UTF-8")).into());
            }
        }
    } else if let Some(file) = &args.password_file {
        let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        text.lines().next().unwrap_or("").to_owned()
    } else {
        return Err(UsageError(format!(
            "--user {user}: give the password with --password-env VAR or --password-file FILE (never on the command line)"
        ))
        .into());
    };
    Ok(Some(Credentials::new(user.clone(), password)))
}

/// The store to load from: the persistent one, or the articles (or the
/// bundled article) converted in memory.
fn source(args: &LoadArgs, base: &str) -> Result<(Store, Origin)> {
    if let Some(path) = &args.store {
        return Ok((newskg::store::open_existing(path)?, Origin::Store));
    }
    let store = newskg::store::open(None)?;
    let sources = if args.articles.is_empty() {
        vec![Source::bundled()]
    } else {
        let dirs = newskg::corpus::discover(&args.articles)?;
        dirs.iter().map(|dir| Source::read_dir(dir)).collect::<Result<Vec<_>, _>>()?
    };
    // Convert everything first, so that a bad article stops the load before anything is sent.
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut conversions = Vec::with_capacity(sources.len());
    for source in &sources {
        let conversion = convert::convert(source, base)?;
        let dir = source.article_path.parent().unwrap_or(Path::new("")).to_owned();
        if let Some(first) = seen.insert(conversion.id.clone(), dir.clone()) {
            bail!(
                "{} and {} are both article {:?}: give each article its own id",
                first.display(),
                dir.display(),
                conversion.id
            );
        }
        conversions.push(conversion);
    }
    for conversion in &conversions {
        newskg::store::load_graph(&store, conversion)?;
    }
    Ok((store, Origin::Articles))
}
