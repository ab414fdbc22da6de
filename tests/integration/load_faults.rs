//! `newskg load` when the network or the server fails, against real servers
//! ([`crate::servers`]) and a loopback proxy that drops, delays or holds
//! connections:
//! - nothing listening on the port → exit 1, a message naming the URL,
//!   within the budget of timeouts and retries;
//! - a proxy that drops the first two connections → the load succeeds
//!   (retried); one that drops every connection → exit 1 after the bounded
//!   retries; one that answers later than `--timeout` → exit 1, a timeout;
//! - the server killed (SIGKILL) in the middle of an update-protocol load →
//!   exit 1, the target graph keeps its old content (never a partial one);
//!   after a restart, a rerun converges to exactly the full graph. On both
//!   servers;
//! - bad credentials (or none) on a large upload to Virtuoso, which answers
//!   401 before reading the body and closes → the 401, at once, not a
//!   broken pipe after retries.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::TestEnv;
use crate::load::{PASSWORD_VAR, Target, corpus, distinct_triples, load};
use crate::servers::{Behaviour, OxigraphServer, Proxy, Virtuoso, free_port, graph_count, server_graphs};

const BASE: &str = "https://example.org/faults/";

/// Nothing listens on the port: a clear error, in bounded time.
#[test]
fn load_fails_fast_when_no_server_runs() {
    let env = TestEnv::new();
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}/store");
    for protocol in ["gsp", "update"] {
        let endpoint = if protocol == "gsp" { endpoint.clone() } else { endpoint.replace("/store", "/update") };
        let start = Instant::now();
        let run =
            env.run(&["load", "--endpoint", &endpoint, "--protocol", protocol, "--retries", "2", "--timeout", "2"]);
        let elapsed = start.elapsed();
        assert_eq!(run.code, 1, "{protocol}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("127.0.0.1:{port}")),
            "{protocol}: the message names no URL: {}",
            run.stderr
        );
        let lower = run.stderr.to_lowercase();
        assert!(lower.contains("connect") || lower.contains("refused"), "{protocol}: unclear message: {}", run.stderr);
        // 3 attempts, each refused at once, and backoff of about 0.75 s.
        assert!(elapsed < Duration::from_secs(10), "{protocol}: took {elapsed:?}");
    }
}

/// Dropped, then refused, then slow connections, through a proxy in front of
/// an Oxigraph server.
#[test]
fn load_retries_dropped_connections_within_bounds() {
    let server = OxigraphServer::start();
    let env = TestEnv::new();
    let graph = format!("{BASE}graph/retried");
    let expected = distinct_triples(&env.ok(&["export", "--format", "nquads"]));
    let args = |endpoint: &str, retries: &'static str| -> Vec<String> {
        ["load", "--endpoint", endpoint, "--graph", &graph, "--retries", retries, "--timeout", "1"]
            .map(str::to_owned)
            .to_vec()
    };

    // The first two connections dropped: retried, loaded.
    let proxy = Proxy::start(server.addr(), Behaviour::DropFirst(2));
    let run = env.run(&args(&proxy.url("/store"), "4").iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 0, "two dropped connections are retried: {}", run.stderr);
    assert!(proxy.connections() >= 3, "{} connections", proxy.connections());
    assert_eq!(graph_count(&server.query_url(), &graph), expected);

    // Every connection dropped: exit 1 after 1 + 2 attempts.
    for protocol in ["gsp", "update"] {
        let proxy = Proxy::start(server.addr(), Behaviour::DropFirst(usize::MAX));
        let path = if protocol == "gsp" { "/store" } else { "/update" };
        let mut run_args = args(&proxy.url(path), "2");
        run_args.extend(["--protocol".to_owned(), protocol.to_owned()]);
        let start = Instant::now();
        let run = env.run(&run_args.iter().map(String::as_str).collect::<Vec<_>>());
        let elapsed = start.elapsed();
        assert_eq!(run.code, 1, "{protocol}: every connection dropped: {}", run.stderr);
        assert!(run.stderr.contains(&proxy.url(path)), "{protocol}: the message names no URL: {}", run.stderr);
        assert!(
            (3..=6).contains(&proxy.connections()),
            "{protocol}: --retries 2 made {} connections",
            proxy.connections()
        );
        assert!(elapsed < Duration::from_secs(15), "{protocol}: took {elapsed:?}");
        assert_eq!(graph_count(&server.query_url(), &graph), expected, "{protocol}: the graph changed");
    }

    // An answer later than --timeout: a timeout, retried, then exit 1.
    let proxy = Proxy::start(server.addr(), Behaviour::Delay(Duration::from_secs(4)));
    let start = Instant::now();
    let run = env.run(&args(&proxy.url("/store"), "1").iter().map(String::as_str).collect::<Vec<_>>());
    let elapsed = start.elapsed();
    assert_eq!(run.code, 1, "a server slower than --timeout: {}", run.stderr);
    assert!(run.stderr.to_lowercase().contains("time"), "no timeout in the message: {}", run.stderr);
    assert!(proxy.connections() >= 2, "the timeout was not retried: {} connections", proxy.connections());
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");

    // A delay shorter than --timeout is only slow.
    let proxy = Proxy::start(server.addr(), Behaviour::Delay(Duration::from_millis(300)));
    let run = env.run(&["load", "--endpoint", &proxy.url("/store"), "--graph", &graph, "--timeout", "5"]);
    assert_eq!(run.code, 0, "a slow server: {}", run.stderr);
}

/// A server that can be killed and restarted.
trait Killable {
    fn kill(&mut self);
    fn restart(&mut self);
}

impl Killable for OxigraphServer {
    fn kill(&mut self) {
        OxigraphServer::kill(self);
    }
    fn restart(&mut self) {
        OxigraphServer::restart(self);
    }
}

impl Killable for Virtuoso {
    fn kill(&mut self) {
        Virtuoso::kill(self);
    }
    fn restart(&mut self) {
        Virtuoso::restart(self);
    }
}

/// Kills the server in the middle of an update-protocol load into a graph
/// that holds an older version: the graph keeps that version; a rerun
/// after a restart loads the whole new one.
fn killed_in_the_middle(server: &mut dyn Killable, target: &Target, addr: std::net::SocketAddr) {
    let env = TestEnv::new();
    let graph = format!("{BASE}graph/killed-{}", target.name);
    let old = distinct_triples(&env.ok(&["export", "--format", "nquads"]));
    load(&env, target, BASE, "update", &["--graph", &graph], 0);
    assert_eq!(graph_count(&target.query_url, &graph), old, "{}: the old version", target.name);

    let dirs = corpus(&env, 3);
    let mut build = vec!["build", "--store", "corpus-store"];
    build.extend(dirs.iter().map(String::as_str));
    env.ok(&build);
    let full = distinct_triples(&env.ok(&["export", "--store", "corpus-store", "--format", "nquads", "--summaries"]));
    assert!(full > old, "the new version is bigger");

    // Small batches through a proxy that holds the upload after ~40 KB
    // (of ~1 MB): the server is killed then, in the middle of the batches.
    let proxy = Proxy::start(addr, Behaviour::PauseAfter(40_000));
    let endpoint = proxy.url(&target.update_url[target.update_url.rfind('/').expect("path")..]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(["--base", BASE, "load", "--endpoint", &endpoint, "--protocol", "update"])
        .args(["--query-endpoint", &target.query_url, "--user", target.user, "--password-env", PASSWORD_VAR])
        .args([
            "--store",
            "corpus-store",
            "--graph",
            &graph,
            "--batch-triples",
            "20",
            "--retries",
            "1",
            "--timeout",
            "3",
        ])
        .current_dir(env.path(""))
        .env(PASSWORD_VAR, target.password)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start newskg load");
    let paused = proxy.wait_paused(Duration::from_secs(60));
    server.kill();
    proxy.release();
    let start = Instant::now();
    while child.try_wait().expect("status").is_none() && start.elapsed() < Duration::from_secs(60) {
        thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let output = child.wait_with_output().expect("newskg output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(paused, "{}: the load never sent 40 KB: {stderr}", target.name);
    assert_eq!(output.status.code(), Some(1), "{}: a load whose server died: {stderr}", target.name);
    assert!(!stderr.contains(target.password) && !String::from_utf8_lossy(&output.stdout).contains(target.password));

    server.restart();
    assert_eq!(
        graph_count(&target.query_url, &graph),
        old,
        "{}: after a load killed in the middle, the graph must hold its old version",
        target.name
    );
    let run = load(
        &env,
        target,
        BASE,
        "update",
        &["--store", "corpus-store", "--graph", &graph, "--batch-triples", "200"],
        0,
    );
    assert!(run.stdout.contains(&format!("<{graph}>: {full} triples (replaced), verified")), "{}", run.stdout);
    assert_eq!(graph_count(&target.query_url, &graph), full, "{}: the rerun", target.name);
    assert_eq!(
        server_graphs(&target.query_url, &graph),
        BTreeSet::from([graph.clone()]),
        "{}: the rerun leaves no staging graph",
        target.name
    );
}

#[test]
fn load_killed_in_the_middle_keeps_the_old_graph_on_oxigraph() {
    let mut server = OxigraphServer::start();
    let target = Target::oxigraph(&server);
    let addr = server.addr();
    killed_in_the_middle(&mut server, &target, addr);
}

#[test]
fn load_killed_in_the_middle_keeps_the_old_graph_on_virtuoso() {
    let mut server = Virtuoso::start();
    let target = Target::virtuoso(&server);
    let addr = server.addr();
    killed_in_the_middle(&mut server, &target, addr);
}

/// Bad credentials on a large Graph Store upload (a corpus of ~1 MB in one
/// PUT), sent straight to Virtuoso: it answers 401 before reading the body
/// and closes the connection. The user must still get the 401 (not a
/// broken pipe), at once (no retries: each would be refused the same way).
#[test]
fn load_reports_401_on_a_large_upload_with_bad_credentials_on_virtuoso() {
    let server = Virtuoso::start();
    let env = TestEnv::new();
    let dirs = corpus(&env, 6);
    let mut build = vec!["build", "--store", "big"];
    build.extend(dirs.iter().map(String::as_str));
    env.ok(&build);
    let graph = format!("{BASE}graph/refused");
    let gsp = server.gsp_url();
    let cases: [(&str, &[&str]); 2] =
        [("a wrong password", &["--user", "dba", "--password-env", PASSWORD_VAR]), ("no credentials", &[])];
    for (case, credentials) in cases {
        let mut args = vec!["--base", BASE, "load", "--endpoint", &gsp, "--store", "big", "--graph", &graph];
        args.extend(credentials);
        let start = Instant::now();
        let run = crate::load::run_with_password(&env, &args, "Zq7-wrong-pass-81");
        let elapsed = start.elapsed();
        assert_eq!(run.code, 1, "{case}: {}", run.stderr);
        assert!(run.stderr.contains("401"), "{case}: the message does not say 401: {}", run.stderr);
        // Retries would wait 0.25 + 0.5 + 1 + 2 s between attempts.
        assert!(elapsed < Duration::from_secs(3), "{case}: took {elapsed:?}: the refusal was retried");
        assert_eq!(graph_count(&server.query_url(), &graph), 0, "{case}: a refused load loaded data");
    }
}
