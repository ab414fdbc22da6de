//! Installing newskg as users of ripgrep and fd expect (issue 15): `make
//! install PREFIX=…` puts the binary, the manual pages and the shell
//! completions in place, `man -l` renders the pages, bash completes with the
//! script, and `--version` names the commit the binary was built from.

use std::path::Path;
use std::process::Command;

use crate::harness::repo;

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{command:?} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

/// A manual page as `man -l` renders it, 80 columns wide, without the
/// overstrikes (`N\bN` for bold) it writes off a terminal.
fn man(page: &Path) -> String {
    let rendered = run(Command::new("man").arg("-l").arg(page).env("MANWIDTH", "80"));
    let mut plain = String::new();
    for c in rendered.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn make_install_puts_binary_manual_and_completions_under_prefix() {
    let prefix = tempfile::tempdir().expect("temporary directory");
    // `-o build`: the binary under test is already built (cargo holds the
    // build directory while its tests run); BIN names it.
    run(Command::new("make")
        .args(["--no-print-directory", "-o", "build", "install"])
        .arg(format!("PREFIX={}", prefix.path().display()))
        .arg(format!("BIN={}", env!("CARGO_BIN_EXE_newskg")))
        .current_dir(repo()));
    let bin = prefix.path().join("bin/newskg");
    let page = prefix.path().join("share/man/man1/newskg.1");
    let bash = prefix.path().join("share/bash-completion/completions/newskg");
    for file in [&bin, &page, &bash] {
        assert!(file.is_file(), "{} was not installed", file.display());
    }
    assert!(run(Command::new(&bin).arg("--version")).starts_with("newskg "), "the installed binary does not run");

    let rendered = man(&page);
    for words in ["NAME", "newskg - Turn news articles into knowledge graphs", "SUBCOMMANDS", "newskg-query(1)"] {
        assert!(rendered.contains(words), "the page lacks {words:?}:\n{rendered}");
    }
    assert!(rendered.lines().all(|l| l.chars().count() <= 80), "{rendered}");
    let commands = run(Command::new(&bin).args(["manual", "--list"]));
    assert!(commands.lines().count() >= 10, "{commands}");
    for command in commands.lines() {
        let page = prefix.path().join(format!("share/man/man1/newskg-{command}.1"));
        let rendered = man(&page);
        let name = rendered.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(name.contains(&format!("NAME newskg-{command} - ")), "{}:\n{rendered}", page.display());
    }
    assert!(man(&prefix.path().join("share/man/man1/newskg-query.1")).contains("--wide"));

    // bash loads the script and completes the command names with it.
    let script = format!(
        "source '{}' && complete -p newskg && COMP_WORDS=(newskg qu) && COMP_CWORD=1 && COMP_LINE='newskg qu' && \
         COMP_POINT=9 && _newskg newskg qu newskg && echo \"${{COMPREPLY[@]}}\"",
        bash.display()
    );
    let completed = run(Command::new("bash").args(["--norc", "-c", &script]));
    assert!(completed.contains("-F _newskg newskg"), "{completed}");
    assert!(completed.lines().last().is_some_and(|l| l.split(' ').eq(["query", "queries"])), "{completed}");
    for shell in ["zsh/site-functions/_newskg", "fish/vendor_completions.d/newskg.fish"] {
        assert!(prefix.path().join("share").join(shell).is_file(), "{shell} was not installed");
    }
}

#[test]
fn every_shell_gets_a_completion_script() {
    for (shell, marker) in [
        ("bash", "complete -F _newskg"),
        ("zsh", "#compdef newskg"),
        ("fish", "complete -c newskg"),
        ("elvish", "edit:completion:arg-completer[newskg]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = run(Command::new(env!("CARGO_BIN_EXE_newskg")).args(["completions", shell]));
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        assert!(script.contains("queries"), "{shell}: the commands are missing");
    }
}

/// `--version` names the version and, built from a git checkout, the commit.
#[test]
fn version_names_the_commit() {
    let version = run(Command::new(env!("CARGO_BIN_EXE_newskg")).arg("--version"));
    assert!(version.starts_with(&format!("newskg {}", env!("CARGO_PKG_VERSION"))), "{version}");
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).current_dir(repo()).output();
    match head {
        Ok(head) if head.status.success() => {
            let commit = String::from_utf8_lossy(&head.stdout).trim().to_owned();
            assert_eq!(version.trim(), format!("newskg {} (commit {commit})", env!("CARGO_PKG_VERSION")));
        }
        // Built from a source archive or without git: the version alone.
        _ => assert_eq!(version.trim(), format!("newskg {}", env!("CARGO_PKG_VERSION"))),
    }
}
