//! Faults: an export killed (SIGKILL) in the middle of writing leaves the old
//! file or none, never a truncated one; SIGINT during `newskg build --store`
//! stops between articles, leaving each article's graph in its previous or its
//! new state; a build killed with SIGKILL leaves a store that opens, answers
//! queries, and holds each article's graph whole.
//!
//! The builds load many copies of the bundled article, so that there is time
//! to interrupt them.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use oxigraph::model::{GraphNameRef, Quad};

use crate::harness::TestEnv;

/// Copies of the bundled article loaded by a build.
const COPIES: usize = 60;

/// `COPIES` copies of the bundled article under `dir/`, with ids `copy-000`…
/// set by `[article] id`, and `edit` applied to each annotation file. Returns
/// the directories, relative to the environment.
fn article_copies(env: &TestEnv, dir: &str, edit: impl Fn(String) -> String) -> Vec<String> {
    (0..COPIES)
        .map(|i| {
            let path = format!("{dir}/copy-{i:03}");
            let id = format!("[article]\nid = \"copy-{i:03}\"\n");
            env.article_dir(&path, |a| edit(a.replacen("[article]\n", &id, 1)));
            path
        })
        .collect()
}

/// The article graph of each copy, as the library converts it, by article id.
fn article_graphs(env: &TestEnv, dirs: &[String]) -> BTreeMap<String, HashSet<Quad>> {
    dirs.iter()
        .map(|dir| {
            let source = newskg::convert::Source::read_dir(&env.path(dir)).expect("read copy");
            let conversion = newskg::convert::convert(&source, newskg::DEFAULT_BASE).expect("convert copy");
            let graph = newskg::map::Iris::new(newskg::DEFAULT_BASE, &conversion.id).article();
            let quads = conversion.graph.into_iter().filter(|q| q.graph_name == graph.clone().into()).collect();
            (conversion.id, quads)
        })
        .collect()
}

/// Each article graph in the store, by article id.
fn stored_graphs(store: &Path, ids: impl IntoIterator<Item = String>) -> BTreeMap<String, HashSet<Quad>> {
    let store = newskg::store::open_existing(store).expect("the store opens");
    ids.into_iter()
        .map(|id| {
            let graph = newskg::map::Iris::new(newskg::DEFAULT_BASE, &id).article();
            let quads = store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref())))
                .collect::<Result<_, _>>()
                .expect("read the graph");
            (id, quads)
        })
        .collect()
}

fn spawn(env: &TestEnv, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(args)
        .current_dir(env.path(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newskg")
}

/// Reads `count` lines of a build's output: that many articles are loaded.
fn wait_for_lines(stdout: &mut BufReader<ChildStdout>, count: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for _ in 0..count {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).expect("read stdout") > 0, "the build ended early: {lines:?}");
        lines.push(line);
    }
    lines
}

/// A store holding the unedited copies, and the edited copies to build over it.
struct Rebuild {
    env: TestEnv,
    args: Vec<String>,
    old: BTreeMap<String, HashSet<Quad>>,
    new: BTreeMap<String, HashSet<Quad>>,
}

impl Rebuild {
    fn new() -> Self {
        let env = TestEnv::new();
        let old_dirs = article_copies(&env, "old", |a| a);
        let build_args = |dirs: &[String]| -> Vec<String> {
            ["build"]
                .into_iter()
                .map(String::from)
                .chain(dirs.iter().cloned())
                .chain(["--store".into(), "kg".into()])
                // One article a commit, so that each is reported as it lands.
                .chain(["--chunk".into(), "1".into()])
                .collect()
        };
        env.ok(&build_args(&old_dirs).iter().map(String::as_str).collect::<Vec<_>>());
        let new_dirs =
            article_copies(&env, "new", |a| a.replacen("manner = \"by telephone\"", "manner = \"by telegram\"", 1));
        let old = article_graphs(&env, &old_dirs);
        let new = article_graphs(&env, &new_dirs);
        assert!(old.values().zip(new.values()).all(|(o, n)| o != n), "the edit changes every article graph");
        Self { args: build_args(&new_dirs), env, old, new }
    }

    fn spawn(&self) -> Child {
        spawn(&self.env, &self.args.iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// Checks every article graph is the old one or the new one, and returns
    /// the ids holding the new one.
    fn check_store(&self) -> Vec<String> {
        let stored = stored_graphs(&self.env.path("kg"), self.old.keys().cloned());
        let mut renewed = Vec::new();
        for (id, quads) in &stored {
            if *quads == self.new[id] {
                renewed.push(id.clone());
            } else {
                assert!(
                    *quads == self.old[id],
                    "{id}: neither the old graph ({} quads) nor the new one ({} quads), but {} quads",
                    self.old[id].len(),
                    self.new[id].len(),
                    quads.len()
                );
            }
        }
        renewed
    }

    /// Building again completes: every article holds its new graph.
    fn check_rebuild_completes(&self) {
        self.env.ok(&self.args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(self.check_store().len(), COPIES);
    }
}

#[test]
fn sigint_during_build_stops_between_articles() {
    let rebuild = Rebuild::new();
    let mut child = rebuild.spawn();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    wait_for_lines(&mut stdout, 3);
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill -INT");
    assert!(sent.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read stdout");
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(output.status.code(), Some(130), "exit status {:?}: {stderr}", output.status);
    let loaded: usize = stderr
        .strip_prefix("interrupted: loaded ")
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of loaded articles in {stderr:?}"));
    assert!(stderr.contains(&format!("loaded {loaded} of {COPIES} articles; the others keep their previous graphs")));
    assert!((3..COPIES).contains(&loaded), "interrupted after {loaded} of {COPIES} articles");
    assert_eq!(rest.lines().count() + 3, loaded, "one line per loaded article, and no summary: {rest}");

    // The first `loaded` articles hold their new graphs, the others their old ones.
    let renewed = rebuild.check_store();
    let expected: Vec<String> = rebuild.new.keys().take(loaded).cloned().collect();
    assert_eq!(renewed, expected);
    rebuild.check_rebuild_completes();
}

#[test]
fn sigkill_during_build_leaves_a_store_that_opens_and_answers() {
    let rebuild = Rebuild::new();
    let mut child = rebuild.spawn();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let seen = wait_for_lines(&mut stdout, 3).len();
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert_eq!(status.signal(), Some(9), "the build ended before it was killed: {status:?}");

    let count = rebuild.env.ok(&[
        "query",
        "--store",
        "kg",
        "--format",
        "csv",
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]);
    let n: usize = count.lines().nth(1).and_then(|n| n.trim().parse().ok()).expect("a count");
    assert!(n > 1000, "{count}");
    let renewed = rebuild.check_store();
    assert!((seen..COPIES).contains(&renewed.len()), "{} new graphs after {seen} lines", renewed.len());
    rebuild.check_rebuild_completes();
}

#[test]
fn sigkill_mid_export_leaves_the_old_file_or_none() {
    let env = TestEnv::new();
    let dirs = article_copies(&env, "copies", |a| a);
    let mut args = vec!["build"];
    args.extend(dirs.iter().map(String::as_str));
    args.extend(["--store", "kg"]);
    env.ok(&args);
    let old = "<http://example.org/s> <http://example.org/p> \"the previous export\" .\n";
    env.write("big.nt", old);

    for (target, existed) in [("big.nt", true), ("fresh.nt", false)] {
        // RocksDB writes logs into the store's directory when it opens; outside it, nothing may change.
        let files = || env.files().into_iter().filter(|f| !f.starts_with("kg/")).collect::<Vec<_>>();
        let before = files();
        let mut child = spawn(&env, &["export", "--store", "kg", "-o", target]);
        let temp_prefix = format!(".{target}.");
        let started = Instant::now();
        let temp = loop {
            let writing = std::fs::read_dir(env.path("")).expect("read_dir").filter_map(Result::ok).find(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(&temp_prefix) && name.ends_with(".tmp") && e.metadata().is_ok_and(|m| m.len() > 0)
            });
            if let Some(entry) = writing {
                break entry.path();
            }
            assert!(child.try_wait().expect("try_wait").is_none(), "the export ended before it could be killed");
            assert!(started.elapsed() < Duration::from_secs(120), "no temporary file appeared");
            std::thread::sleep(Duration::from_millis(1));
        };
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        assert_eq!(status.signal(), Some(9), "{target}: the export ended before it was killed: {status:?}");

        if existed {
            assert_eq!(std::fs::read_to_string(env.path(target)).expect("the old file"), old, "{target} changed");
        } else {
            assert!(!env.path(target).exists(), "{target} exists after the export was killed");
        }
        // The temporary file is the only trace.
        let after: Vec<String> = files().into_iter().filter(|f| !before.contains(f)).collect();
        let temp_name = temp.file_name().expect("name").to_string_lossy().into_owned();
        assert_eq!(after, [temp_name], "{target}");
        std::fs::remove_file(&temp).expect("remove the leftover");
    }

    // Uninterrupted, the export replaces the old file with the whole graph.
    let run = env.run(&["export", "--store", "kg", "-o", "big.nt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: usize = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("wrote ")?.split_whitespace().next()?.parse().ok())
        .expect("a count of statements");
    let exported = std::fs::read_to_string(env.path("big.nt")).expect("exported");
    assert_eq!(exported.lines().count(), written);
    assert!(written > COPIES * 1000, "{written} statements");
}
