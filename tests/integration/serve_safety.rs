//! What `newskg serve` must never do: put markup from the graph into a page
//! as markup, or read a file from disk outside its store; and what it must
//! say when Graphviz is missing.
//!
//! The hostile fixture (`tests/fixtures/serve/hostile-markup`) has
//! `<script>` and `"><img onerror=…>` in its headline, its text, a
//! quotation, a person's name and description. No page may hold a
//! `<script` or `<img` tag or a `javascript:` link (newskg's pages have
//! none of their own); every such string must arrive escaped (the browser
//! tests check the same pages in Chromium: no script, image or handler). The file test runs the server under
//! `strace` and sends it paths and queries that name files; once it
//! serves, every file it opens must be in its store (or the kernel's
//! `/proc`, `/sys`, or `/dev/null`), it starts no program, and its query
//! workers (the same binary) open nothing else but the libraries they are
//! linked with.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::harness::{TestEnv, repo};
use crate::serve::{Served, exchange, raw_request};

fn hostile_store(env: &TestEnv) -> PathBuf {
    let fixture = repo().join("tests/fixtures/serve");
    env.ok(&["build", fixture.to_str().expect("UTF-8 path"), "--store", "kg"]);
    env.path("kg")
}

const HOSTILE_PAGES: &[&str] = &[
    "/",
    "/id/article/hostile-markup",
    "/id/entity/dora-vance",
    "/id/article/hostile-markup/quotation/vance-lighting-desk",
    "/id/article/hostile-markup/claim/banner-on-screen",
    "/resource?iri=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Fentity%2Fdora-vance",
    "/search?q=%3Cscript%3E",
    "/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "/queries/who-said-what",
    "/sparql?query=SELECT%20?n%20WHERE%20%7B%20?s%20%3Chttp://schema.org/name%3E%20?n%20%7D",
    "/sparql?query=SELECT%20(%22%3Cscript%3Ealert(1)%3C/script%3E%22%20AS%20?x)%20%7B%7D",
    "/id/entity/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
];

#[test]
fn markup_from_the_graph_or_the_request_reaches_pages_escaped() {
    let env = TestEnv::new();
    let store = hostile_store(&env);
    let server = Served::start(&["--store", store.to_str().expect("UTF-8 path")]);
    for path in HOSTILE_PAGES {
        let reply = server.get(path, &["accept: text/html"]);
        assert!(reply.status == 200 || reply.status == 404, "{path}: {}", reply.status);
        let page = reply.text();
        let lower = page.to_lowercase();
        for tag in ["<script", "<img", "javascript:"] {
            assert!(!lower.contains(tag), "{path}: {tag} unescaped in\n{page}");
        }
        if path.contains("hostile") || path.contains("dora") || path.contains("search") {
            assert!(
                page.contains("&lt;script&gt;") || page.contains("&lt;img"),
                "{path}: the markup is not shown as text"
            );
        }
    }
    // The article page shows the text, the quotation and the name as text.
    let article = server.get("/id/article/hostile-markup", &["accept: text/html"]).text();
    for escaped in [
        "&lt;script&gt;alert(&quot;quote&quot;)&lt;/script&gt;",
        "Dora &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Vance",
        "&quot;&gt;&lt;img src=x onerror=alert(&quot;banner&quot;)&gt;",
    ] {
        assert!(article.contains(escaped), "{escaped} missing from the article page");
    }
}

/// What strace logged, as processes: which thread belongs to which
/// program (the last `execve` on its line of descent).
struct Log {
    /// (thread id, call) in order; a resumed call is joined to its result.
    calls: Vec<(u32, String)>,
    /// Thread → the thread that created it (clone, fork, vfork).
    parent: BTreeMap<u32, u32>,
    /// Threads that started a program (a successful execve), with its path.
    programs: BTreeMap<u32, String>,
    /// The first of them: the server.
    first: Option<u32>,
}

impl Log {
    fn parse(text: &str) -> Self {
        let mut log = Self { calls: Vec::new(), parent: BTreeMap::new(), programs: BTreeMap::new(), first: None };
        let mut pending: BTreeMap<u32, String> = BTreeMap::new();
        for line in text.lines() {
            let Some((tid, rest)) = line.split_once(' ') else { continue };
            let Ok(tid) = tid.parse::<u32>() else { continue };
            let rest = rest.trim();
            let call = if let Some(start) = rest.strip_suffix("<unfinished ...>") {
                pending.insert(tid, start.to_owned());
                continue;
            } else if rest.starts_with("<... ") {
                let resumed = rest.split_once("resumed>").map_or("", |(_, r)| r);
                format!("{}{resumed}", pending.remove(&tid).unwrap_or_default())
            } else {
                rest.to_owned()
            };
            let result = call.rsplit_once(" = ").map(|(_, r)| r.split_whitespace().next().unwrap_or_default());
            let name = call.split('(').next().unwrap_or_default();
            if matches!(name, "clone" | "clone3" | "fork" | "vfork")
                && let Some(child) = result.and_then(|r| r.parse::<u32>().ok())
            {
                log.parent.insert(child, tid);
            }
            if name == "execve" && result == Some("0") {
                let path = call.split('"').nth(1).unwrap_or_default().to_owned();
                log.programs.insert(tid, path);
                log.first.get_or_insert(tid);
            }
            log.calls.push((tid, call));
        }
        log
    }

    /// The thread that started the program `tid` runs.
    fn program(&self, mut tid: u32) -> u32 {
        while !self.programs.contains_key(&tid) {
            match self.parent.get(&tid) {
                Some(parent) => tid = *parent,
                None => break,
            }
        }
        tid
    }
}

/// The path of an `open`/`openat` call, whatever its result.
fn opened(call: &str) -> Option<&str> {
    if !(call.starts_with("open(") || call.starts_with("openat(") || call.starts_with("openat2(")) {
        return None;
    }
    let start = call.find('"')? + 1;
    let end = start + call[start..].find('"')?;
    Some(&call[start..end])
}

/// strace and the server it runs, both killed on drop (a failing test
/// included); by then, normally, both have ended.
struct Traced(u32);

impl Traced {
    /// The traced server: strace's child process.
    fn server(&self) -> u32 {
        let children = std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", self.0)).unwrap_or_default();
        children.split_whitespace().next().and_then(|p| p.parse().ok()).expect("strace runs the server")
    }
}

impl Drop for Traced {
    fn drop(&mut self) {
        let server = std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", self.0)).unwrap_or_default();
        for pid in server.split_whitespace().chain([self.0.to_string().as_str()]) {
            // Only while the id is still strace's or the server's.
            let command = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let command = String::from_utf8_lossy(&command);
            if command.contains("strace") || command.contains("newskg") {
                let _ = Command::new("kill").args(["-KILL", pid]).stderr(Stdio::null()).status();
            }
        }
    }
}

#[test]
fn nothing_outside_the_store_is_read_from_disk() {
    // Found on this PATH: the server's own PATH is emptied below.
    let found = Command::new("sh").args(["-c", "command -v strace"]).output().expect("sh");
    let strace = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    assert!(found.status.success() && !strace.is_empty(), "strace is missing: run `make deps-test` (Debian strace)");
    let env = TestEnv::new();
    let store = std::fs::canonicalize(hostile_store(&env)).expect("store path");
    let log = env.path("strace.log");
    // Without Graphviz on the PATH, so that every process is the server's own.
    let empty = tempfile::tempdir().expect("empty PATH directory");
    // Port 0, and the address the server says it listens on: a port chosen
    // beforehand could be taken by another test's server meanwhile, and the
    // requests below would then never reach the traced one.
    let mut child = Command::new(&strace)
        .args(["-f", "-qq", "-e", "trace=open,openat,openat2,accept,accept4,execve,clone,clone3,fork,vfork", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_newskg"))
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(&store)
        .env("PATH", empty.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("strace newskg serve");
    let traced = Traced(child.id());
    let mut line = String::new();
    let stdout = child.stdout.take().expect("the server's stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("the server's first line");
    let addr: std::net::SocketAddr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|u| u.strip_suffix('/'))
        .and_then(|u| u.parse().ok())
        .unwrap_or_else(|| panic!("the server did not start under strace: {line:?}"));
    let attempts = [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/id/..%2f..%2f..%2fCargo.toml",
        "/id/article/hostile-markup/../../../../etc/hostname",
        "/resource?iri=file%3A%2F%2F%2Fetc%2Fpasswd",
        "/store?graph=file%3A%2F%2F%2Fetc%2Fpasswd",
        "/sparql?query=SELECT%20*%20FROM%20%3Cfile:///etc/passwd%3E%20WHERE%20%7B%20?s%20?p%20?o%20%7D",
        "/sparql?query=SELECT%20*%20WHERE%20%7B%20SERVICE%20%3Cfile:///etc/passwd%3E%20%7B%20?s%20?p%20?o%20%7D%20%7D",
        "/sparql?update=LOAD%20%3Cfile:///etc/passwd%3E",
        "/style.css",
        "/favicon.ico",
        "/src/serve.rs",
    ];
    for path in HOSTILE_PAGES.iter().chain(&attempts) {
        let reply = exchange(addr, &raw_request("GET", path, &["accept: text/html"], b""));
        assert!(!reply.text().contains("root:x:0"), "{path} shows /etc/passwd");
    }
    let big = exchange(addr, &raw_request("GET", "/store", &[], b""));
    assert_eq!(big.status, 200);
    // SIGTERM to the server (strace's child); strace ends with it.
    let _ = Command::new("kill").args(["-TERM", &traced.server().to_string()]).status();
    let _ = child.wait();
    drop(traced);
    let log = Log::parse(&std::fs::read_to_string(&log).expect("the strace log"));
    let server = log.first.expect("the server's execve");
    // From the server's first accepted connection on: the server serving.
    let serving = log
        .calls
        .iter()
        .position(|(tid, call)| call.starts_with("accept") && log.program(*tid) == server)
        .expect("an accepted connection");
    let started: Vec<&str> = log.calls[serving..]
        .iter()
        .filter(|(tid, call)| call.starts_with("execve(") && log.programs.contains_key(tid))
        .map(|(_, call)| call.as_str())
        .collect();
    assert!(started.is_empty(), "programs started while serving: {started:?}");
    let workers: BTreeSet<u32> = log.programs.keys().copied().filter(|tid| *tid != server).collect();
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_newskg")).expect("binary path");
    for worker in &workers {
        assert_eq!(Path::new(&log.programs[worker]), binary, "the server started another program");
    }
    assert!(!workers.is_empty(), "no query worker started");
    let in_store_or_kernel = |path: &str| {
        Path::new(path).starts_with(&store)
            || path.starts_with("/proc/")
            || path.starts_with("/sys/")
            || path == "/dev/null"
    };
    // The dynamic loader's files, which a worker reads when it starts.
    let loader = |path: &str| path == "/etc/ld.so.cache" || path.contains(".so");
    let mut outside = Vec::new();
    for (index, (tid, call)) in log.calls.iter().enumerate() {
        let Some(path) = opened(call) else { continue };
        let program = log.program(*tid);
        let allowed = if program == server {
            index < serving || in_store_or_kernel(path)
        } else {
            workers.contains(&program) && (in_store_or_kernel(path) || loader(path))
        };
        if !allowed {
            outside.push(format!("{tid}: {path}"));
        }
    }
    assert!(outside.is_empty(), "files opened outside the store: {outside:?}");
}

#[test]
fn without_graphviz_the_article_page_says_the_picture_is_not_drawn() {
    let empty = tempfile::tempdir().expect("empty PATH directory");
    let server = Served::start_with(&[], &[("PATH", empty.path().to_str().expect("UTF-8 path"))]);
    let page = server.get("/id/article/moscow-times-2011-06-29-kim-meeting", &["accept: text/html"]).text();
    assert!(page.contains("is not installed on this server, so the picture is not drawn"), "{page}");
    assert!(!page.contains("<svg"));
    assert!(server.stderr().contains("pictures not drawn"), "{}", server.stderr());
    // With Graphviz, the picture is inline.
    let server = Served::start(&[]);
    let page = server.get("/id/article/moscow-times-2011-06-29-kim-meeting", &["accept: text/html"]).text();
    assert!(page.contains("<figure class=\"graph\"><svg"), "no inline picture");
    assert!(page.contains(">Kim Jong Il<"), "the picture names the article's people");
}
