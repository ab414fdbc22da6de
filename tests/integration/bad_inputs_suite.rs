//! The bad-input suite: one directory per case under `tests/bad-inputs/`.
//!
//! A case directory holds `case.toml` and the input files the command reads,
//! laid out as the command sees them (`art/article.md`, `q.rq`…):
//!
//! ```toml
//! # What the case is about.
//! args = ["build", "art"]          # the newskg command line
//! code = 1                          # the exit code: 1 data error, 2 usage error
//! stderr = ["art/article.md: line 1", "…"]   # fragments the message must hold
//! stdout = "?name\n"                # what standard output must be (default: nothing)
//! store = true                      # run against a store `kg/` built from the bundled article
//! [[generate]]                      # a large input, made by the test, not committed
//! path = "art/article.md"
//! head = "# Title\n\nJune 29, 2011\n\n"
//! repeat = "Some sentence. "
//! bytes = 52428800
//! ```
//!
//! Every case must also: not panic, create or change no file, and leave the
//! store (when there is one) holding exactly what it held before.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::harness::{TestEnv, repo};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    code: i32,
    stderr: Vec<String>,
    #[serde(default)]
    stdout: String,
    #[serde(default)]
    store: bool,
    #[serde(default)]
    generate: Vec<Generate>,
}

/// A file made at test time: `head`, then `repeat` until it is `bytes` long.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    path: String,
    head: String,
    repeat: String,
    bytes: usize,
}

fn cases_dir() -> PathBuf {
    repo().join("tests/bad-inputs")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn generate(env: &TestEnv, file: &Generate) {
    let mut content = file.head.clone().into_bytes();
    let repeat = file.repeat.as_bytes();
    while content.len() < file.bytes {
        let take = repeat.len().min(file.bytes - content.len());
        content.extend_from_slice(&repeat[..take]);
    }
    let path = env.path(&file.path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, content).expect("write generated file");
}

/// Runs one case; says what went wrong, if anything. `store` is a store
/// built from the bundled article, which cases with `store = true` get a copy of.
fn run_case(name: &str, dir: &Path, store: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("case.toml")).expect("case.toml");
    let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
    let env = TestEnv::new();
    for entry in std::fs::read_dir(dir).expect("read case dir") {
        let entry = entry.expect("entry");
        let target = env.path(&entry.file_name().to_string_lossy());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "case.toml" {
            std::fs::copy(entry.path(), target).expect("copy input");
        }
    }
    for file in &case.generate {
        generate(&env, file);
    }
    let store_before = case.store.then(|| {
        copy_dir(store, &env.path("kg"));
        env.ok(&["export", "--store", "kg", "--format", "nquads"])
    });
    // RocksDB writes logs into the store's own directory whenever it opens;
    // what matters there is the content, compared below.
    let files = || env.files().into_iter().filter(|f| !f.starts_with("kg/")).collect::<Vec<_>>();
    let files_before = files();

    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let run = env.run(&args);

    let mut failures = Vec::new();
    if run.code != case.code {
        failures.push(format!("exit code {} (want {})", run.code, case.code));
    }
    for fragment in &case.stderr {
        if !run.stderr.contains(fragment.as_str()) {
            failures.push(format!("stderr lacks {fragment:?}"));
        }
    }
    if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
        failures.push("panicked".to_owned());
    }
    if run.stdout != case.stdout {
        failures.push(format!("stdout is {:?} (want {:?})", run.stdout, case.stdout));
    }
    if files() != files_before {
        failures.push(format!("files changed: {:?} (were {files_before:?})", files()));
    }
    if let Some(before) = store_before {
        let after = env.ok(&["export", "--store", "kg", "--format", "nquads"]);
        if after != before {
            failures.push(format!(
                "the store changed: {} quads before, {} after",
                before.lines().count(),
                after.lines().count()
            ));
        }
    }
    (!failures.is_empty()).then(|| {
        format!("{name} (newskg {}): {}\n  stderr: {}", case.args.join(" "), failures.join("; "), run.stderr.trim_end())
    })
}

#[test]
fn every_bad_input_fails_clearly_and_writes_nothing() {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/bad-inputs")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 40, "only {} bad-input cases", names.len());
    let template = TestEnv::new();
    template.ok(&["build", "--store", "kg"]);
    let store = template.path("kg");
    let store = store.as_path();
    // The cases are independent; two threads halve the wait on a 2-core machine.
    let (first, second) = names.split_at(names.len() / 2);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = [first, second]
            .into_iter()
            .map(|half| {
                scope.spawn(move || {
                    half.iter().filter_map(|name| run_case(name, &cases_dir().join(name), store)).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("case thread")).collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs misbehaved:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    eprintln!("{} bad inputs tried", names.len());
}
