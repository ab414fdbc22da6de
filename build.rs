//! Build script: records the git commit newskg is built from, for
//! `newskg --version`. Without git, or outside newskg's own repository (a
//! source archive), the version is the package's alone.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // Only this package's own repository: git would also find one that an
    // unpacked source archive happens to lie in.
    let own = git(&["rev-parse", "--show-toplevel"])
        .is_some_and(|top| Path::new(&top).canonicalize().ok() == Path::new(&manifest_dir).canonicalize().ok());
    let commit = own.then(|| git(&["rev-parse", "--short=12", "HEAD"])).flatten();
    match &commit {
        Some(commit) => println!("cargo:rustc-env=NEWSKG_VERSION={version} (commit {commit})"),
        None => println!("cargo:rustc-env=NEWSKG_VERSION={version}"),
    }
    println!("cargo:rerun-if-changed=build.rs");
    if let (true, Some(git_dir)) = (own, git(&["rev-parse", "--git-dir"])) {
        // A commit moves the branch HEAD points to; a checkout moves HEAD.
        // Only files that exist: cargo reruns the script on every build for
        // a missing one.
        let mut watched = vec![format!("{git_dir}/HEAD"), format!("{git_dir}/packed-refs")];
        watched.extend(git(&["symbolic-ref", "-q", "HEAD"]).map(|branch| format!("{git_dir}/{branch}")));
        for file in watched.iter().filter(|f| Path::new(f).exists()) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
}
