//! Export failures: a usage error, an output path that cannot be a file, a
//! full disk. Each gives a clear message and exit code, and leaves no partial
//! file (and an existing file as it was).

use std::os::unix::fs::FileTypeExt;
use std::process::{Command, Stdio};

use crate::harness::TestEnv;

struct Case {
    name: &'static str,
    /// Files to create first (relative path, content).
    setup: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    code: i32,
    fragments: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "unknown format",
        setup: &[],
        args: &["export", "--format", "yaml"],
        code: 2,
        fragments: &["invalid value 'yaml' for '--format <FORMAT>'", "jsonld", "dot"],
    },
    Case {
        name: "canonical with a format",
        setup: &[],
        args: &["export", "--canonical", "--format", "turtle"],
        code: 2,
        fragments: &["--canonical", "cannot be used with"],
    },
    Case {
        name: "fingerprint into a file",
        setup: &[],
        args: &["export", "--fingerprint", "-o", "print.txt"],
        code: 2,
        fragments: &["--fingerprint", "cannot be used with"],
    },
    Case {
        name: "unknown extension",
        setup: &[],
        args: &["export", "-o", "graph.yaml"],
        code: 2,
        fragments: &["cannot tell the format of graph.yaml", ".jsonld", "--format"],
    },
    Case {
        name: "output in a missing directory",
        setup: &[],
        args: &["export", "-o", "missing/graph.jsonld"],
        code: 1,
        fragments: &["missing/graph.jsonld", "the directory missing does not exist"],
    },
    Case {
        name: "output under a file, not a directory",
        setup: &[("afile", "a file\n")],
        args: &["export", "-o", "afile/article.ttl"],
        code: 1,
        fragments: &["afile/article.ttl", "afile is not a directory"],
    },
    Case {
        name: "a full device",
        setup: &[],
        args: &["export", "--format", "ntriples", "-o", "/dev/full"],
        code: 1,
        fragments: &["cannot write /dev/full", "No space left on device"],
    },
    Case {
        name: "canonical N-Quads to a full device",
        setup: &[],
        args: &["export", "--canonical", "-o", "/dev/full"],
        code: 1,
        fragments: &["cannot write /dev/full", "No space left on device"],
    },
];

#[test]
fn export_failures_are_clear_and_leave_nothing() {
    let mut failures = Vec::new();
    for case in CASES {
        let env = TestEnv::new();
        for (path, content) in case.setup {
            env.write(path, content);
        }
        let before = env.files();
        let run = env.run(case.args);
        let missing: Vec<_> = case.fragments.iter().filter(|f| !run.stderr.contains(**f)).collect();
        if run.code != case.code || !missing.is_empty() {
            failures.push(format!(
                "{}: exit {} (want {}), missing {missing:?} in stderr:\n{}",
                case.name, run.code, case.code, run.stderr
            ));
        }
        if !run.stdout.is_empty() {
            failures.push(format!("{}: wrote to stdout", case.name));
        }
        if env.files() != before {
            failures.push(format!("{}: left files behind: {:?}", case.name, env.files()));
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{}: panicked", case.name));
        }
    }
    // Writing to a device goes to the device: it is never replaced by a file.
    let full = std::fs::metadata("/dev/full").expect("/dev/full");
    assert!(full.file_type().is_char_device(), "/dev/full was replaced");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_full_standard_output_is_an_error() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let output = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(["export", "--format", "jsonld"])
        .stdout(Stdio::from(full))
        .output()
        .expect("run newskg");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

/// A disk that fills up midway: a 16 KiB tmpfs, mounted in a private mount
/// namespace (so that nothing outlives the test, whatever happens), is far
/// too small for the Turtle export. The export fails, and the directory holds
/// what it held before: the old file, intact, and no temporary file.
#[test]
fn a_full_disk_leaves_the_old_file_and_no_temporary_one() {
    let env = TestEnv::new();
    let mount = env.path("small-disk");
    std::fs::create_dir(&mount).expect("mkdir");
    let script = r#"
        mount -t tmpfs -o size=16k tmpfs "$1" || exit 90
        printf 'old content\n' > "$1/article.ttl"
        "$2" export -o "$1/article.ttl"
        code=$?
        echo "files: $(ls -A "$1" | tr '\n' ' ')"
        echo "content: $(cat "$1/article.ttl")"
        exit $code
    "#;
    let output = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", script, "sh"])
        .arg(&mount)
        .arg(env!("CARGO_BIN_EXE_newskg"))
        .output()
        .expect("run unshare");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(
        output.status.code(),
        Some(90),
        "cannot mount a tmpfs in a private mount namespace (the test needs root, as make test runs): {stderr}"
    );
    assert_eq!(output.status.code(), Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("cannot write") && stderr.contains("No space left on device"), "{stderr}");
    assert!(stdout.contains("files: article.ttl \n"), "a temporary file was left: {stdout}");
    assert!(stdout.contains("content: old content"), "the old file was changed: {stdout}");
    // The mount lived only in the namespace.
    assert!(std::fs::read_dir(&mount).expect("read_dir").next().is_none());
}
