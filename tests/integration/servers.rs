//! Real triple stores for the `newskg load` tests, and what the tests need
//! around them.
//!
//! - [`OxigraphServer`]: `oxigraph serve` (the PyPI CLI in the repository's
//!   virtual environment) on a free loopback port, over a store in a
//!   temporary directory.
//! - [`Virtuoso`]: OpenLink Virtuoso 7 (`virtuoso-t` from the Debian package)
//!   with a generated `virtuoso.ini`: its own empty database in a temporary
//!   directory, HTTP and ISQL ports free on 127.0.0.1.
//! - [`select`] / [`graph_count`]: a SELECT on a server's SPARQL endpoint,
//!   its rows parsed as RDF terms (SPARQL JSON results).
//! - [`Proxy`]: a loopback TCP proxy in front of a server that drops the
//!   first connections, delays them, or pauses the upload at a byte count,
//!   and counts connections and requests.
//!
//! Each server is killed (SIGKILL) and waited for on drop, a panicking test
//! included, so no process outlives its test. `kill` and `restart` (same
//! directory, same ports) serve the fault tests. The tools are installed by
//! `make deps-test`; a missing one fails the test with that advice.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};

use crate::harness::repo;

/// How long a server may take to answer its first query.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A free TCP port on 127.0.0.1 (the port of a listener bound to port 0,
/// closed again for the server to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a loopback port").local_addr().expect("local address").port()
}

/// A started server process: killed and waited for on drop.
struct Process {
    name: &'static str,
    command: Box<dyn Fn() -> Command + Send + Sync>,
    log: PathBuf,
    child: Option<Child>,
}

impl Process {
    fn spawn(&mut self) {
        let log = std::fs::File::create(&self.log).expect("server log file");
        let child = (self.command)()
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}: run `make deps-test`", self.name));
        self.child = Some(child);
    }

    /// Waits until `ready` answers true, or panics with the server's log.
    fn wait_ready(&mut self, ready: impl Fn() -> bool) {
        let start = Instant::now();
        loop {
            if ready() {
                return;
            }
            let child = self.child.as_mut().expect("the server runs");
            if let Some(status) = child.try_wait().expect("server status") {
                panic!("{} exited ({status}) before answering:\n{}", self.name, self.log_text());
            }
            assert!(
                start.elapsed() < START_TIMEOUT,
                "{} did not answer in {START_TIMEOUT:?}:\n{}",
                self.name,
                self.log_text()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether an HTTP GET of `url` answers 200.
fn answers(url: &str) -> bool {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(2)))
        .http_status_as_error(false)
        .build()
        .into();
    agent.get(url).call().is_ok_and(|r| r.status() == 200)
}

/// The directory of the repository's virtual environment: that of
/// `$NEWSKG_PYTHON` (set by `make unit`), else `<repo>/.venv/bin`.
fn venv_bin() -> PathBuf {
    std::env::var_os("NEWSKG_PYTHON")
        .map(PathBuf::from)
        .and_then(|python| python.parent().map(Path::to_owned))
        .unwrap_or_else(|| repo().join(".venv/bin"))
}

/// An Oxigraph server (`oxigraph serve`) over a store in a temporary directory.
pub struct OxigraphServer {
    process: Process,
    port: u16,
    _dir: tempfile::TempDir,
}

/// The Oxigraph CLI of the virtual environment.
pub fn oxigraph_cli() -> PathBuf {
    let oxigraph = venv_bin().join("oxigraph");
    assert!(
        oxigraph.exists(),
        "{} is missing: run `make deps-test` (it installs the PyPI package oxigraph)",
        oxigraph.display()
    );
    oxigraph
}

impl OxigraphServer {
    /// Starts a server on a free loopback port and waits until it answers.
    pub fn start() -> Self {
        let oxigraph = oxigraph_cli();
        let dir = tempfile::tempdir().expect("temporary directory");
        let port = free_port();
        let location = dir.path().join("store");
        let command = move || {
            let mut command = Command::new(&oxigraph);
            command.arg("serve").arg("--location").arg(&location).arg("--bind").arg(format!("127.0.0.1:{port}"));
            command
        };
        let process =
            Process { name: "oxigraph serve", command: Box::new(command), log: dir.path().join("log"), child: None };
        let mut server = Self { process, port, _dir: dir };
        server.restart();
        server
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// The Graph Store endpoint.
    pub fn store_url(&self) -> String {
        format!("{}/store", self.base_url())
    }

    pub fn update_url(&self) -> String {
        format!("{}/update", self.base_url())
    }

    pub fn query_url(&self) -> String {
        format!("{}/query", self.base_url())
    }

    /// Kills the server (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        self.process.kill();
    }

    /// Starts the server again (killing it first if it runs) over the same
    /// store and port, and waits until it answers.
    pub fn restart(&mut self) {
        self.process.kill();
        self.process.spawn();
        let ask = format!("{}?query=ASK%7B%7D", self.query_url());
        self.process.wait_ready(|| answers(&ask));
    }
}

/// An OpenLink Virtuoso 7 server with its own database in a temporary
/// directory. Its `dba` password is [`Virtuoso::PASSWORD`], set at start, so
/// that tests can look for it in newskg's output.
pub struct Virtuoso {
    process: Process,
    http_port: u16,
    dir: tempfile::TempDir,
}

/// The Debian package's web root (`ServerRoot`).
const VIRTUOSO_VSP: &str = "/var/lib/virtuoso-opensource-7/vsp";

impl Virtuoso {
    /// The `dba` user's password, changed from the default `dba` at start.
    pub const PASSWORD: &str = "Kx4-right-pass-27";

    /// Starts a server on free loopback ports, waits until it answers and
    /// sets the `dba` password.
    pub fn start() -> Self {
        let found = Command::new("sh")
            .args(["-c", "command -v virtuoso-t && command -v isql-vt"])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            found,
            "virtuoso-t or isql-vt is missing: run `make deps-test` (it installs the Debian package virtuoso-opensource)"
        );
        let dir = tempfile::tempdir().expect("temporary directory");
        let (http_port, sql_port) = (free_port(), free_port());
        std::fs::create_dir(dir.path().join("db")).expect("database directory");
        let ini = dir.path().join("virtuoso.ini");
        std::fs::write(&ini, virtuoso_ini(dir.path(), http_port, sql_port)).expect("write virtuoso.ini");
        let (cwd, ini_arg) = (dir.path().to_owned(), ini.clone());
        let command = move || {
            let mut command = Command::new("virtuoso-t");
            command.arg("+foreground").arg("+configfile").arg(&ini_arg).current_dir(&cwd);
            command
        };
        let process =
            Process { name: "virtuoso-t", command: Box::new(command), log: dir.path().join("log"), child: None };
        let mut server = Self { process, http_port, dir };
        server.restart();
        // The change goes into the database file at once (checkpoint): a
        // server killed later would otherwise roll back to `dba`.
        let isql = |password: &str, statement: String| {
            let output = Command::new("isql-vt")
                .arg(format!("127.0.0.1:{sql_port}"))
                .args(["dba", password, &format!("EXEC={statement}")])
                .output()
                .expect("run isql-vt");
            assert!(
                output.status.success() && !String::from_utf8_lossy(&output.stdout).contains("Error"),
                "isql-vt could not run {statement:?}: {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        };
        isql("dba", format!("SET PASSWORD dba \"{}\";", Self::PASSWORD));
        isql(Self::PASSWORD, "checkpoint;".to_owned());
        server
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.http_port)
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.http_port))
    }

    /// The authenticated Graph Store endpoint (Digest).
    pub fn gsp_url(&self) -> String {
        format!("{}/sparql-graph-crud-auth", self.base_url())
    }

    /// The authenticated SPARQL endpoint, which takes updates (Digest).
    pub fn update_url(&self) -> String {
        format!("{}/sparql-auth", self.base_url())
    }

    /// The anonymous, read-only SPARQL endpoint.
    pub fn query_url(&self) -> String {
        format!("{}/sparql", self.base_url())
    }

    /// Kills the server (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        self.process.kill();
    }

    /// Starts the server again (killing it first if it runs) over the same
    /// database and ports, and waits until it answers.
    pub fn restart(&mut self) {
        self.process.kill();
        // A killed server leaves its lock file behind.
        let _ = std::fs::remove_file(self.dir.path().join("db/virtuoso.lck"));
        self.process.spawn();
        let ask = format!("{}?query=ASK%7B%7D", self.query_url());
        self.process.wait_ready(|| answers(&ask));
    }
}

/// A small `virtuoso.ini`: database files under `dir/db`, both ports on
/// 127.0.0.1, the Debian package's web root, modest memory.
fn virtuoso_ini(dir: &Path, http_port: u16, sql_port: u16) -> String {
    let db = dir.join("db");
    let db = db.display();
    format!(
        "[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {VIRTUOSO_VSP}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"
    )
}

/// The rows of a SELECT: the variables, then each solution's values in that
/// order (`None` where unbound).
#[derive(Debug)]
pub struct Rows {
    pub variables: Vec<String>,
    pub rows: Vec<Vec<Option<Term>>>,
}

/// Parses SELECT results in `format`.
pub fn parse_rows(format: QueryResultsFormat, data: &[u8]) -> Rows {
    let parsed = QueryResultsParser::from_format(format).for_slice(data).expect("parse the SELECT results");
    let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else {
        panic!("expected SELECT results, got a boolean");
    };
    let variables: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_owned()).collect();
    let rows = solutions
        .map(|solution| {
            let solution = solution.expect("parse a solution");
            variables.iter().map(|v| solution.get(v.as_str()).cloned()).collect()
        })
        .collect();
    Rows { variables, rows }
}

/// Runs a SELECT on the SPARQL endpoint `query_url` (POST form), with the
/// given graphs as its default graph (`default-graph-uri`), and parses the
/// JSON results.
pub fn select(query_url: &str, query: &str, default_graphs: &[&str]) -> Rows {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut form = vec![("query", query)];
    form.extend(default_graphs.iter().map(|g| ("default-graph-uri", *g)));
    // The same graphs as named graphs, for queries that read one by name.
    form.extend(default_graphs.iter().map(|g| ("named-graph-uri", *g)));
    let mut response = agent
        .post(query_url)
        .header("Accept", "application/sparql-results+json")
        .send_form(form)
        .unwrap_or_else(|e| panic!("POST {query_url}: {e}"));
    let status = response.status();
    let body = response.body_mut().read_to_vec().expect("read the results");
    assert_eq!(status, 200, "{query_url} answered {status} to\n{query}\n{}", String::from_utf8_lossy(&body));
    parse_rows(QueryResultsFormat::Json, &body)
}

/// The named graphs on the server whose IRI starts with `prefix`.
pub fn server_graphs(query_url: &str, prefix: &str) -> BTreeSet<String> {
    let query =
        format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{prefix}\")) }}");
    select(query_url, &query, &[])
        .rows
        .into_iter()
        .map(|row| match &row[0] {
            Some(Term::NamedNode(graph)) => graph.as_str().to_owned(),
            other => panic!("a graph name {other:?}"),
        })
        .collect()
}

/// The number of triples in the named graph `graph` on the server.
pub fn graph_count(query_url: &str, graph: &str) -> usize {
    let rows = select(query_url, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"), &[]);
    match rows.rows.as_slice() {
        [row] => match &row[0] {
            Some(Term::Literal(n)) => n.value().parse().expect("a count"),
            other => panic!("COUNT gave {other:?}"),
        },
        other => panic!("COUNT gave {other:?}"),
    }
}

/// What a [`Proxy`] does with the connections it accepts.
#[derive(Debug, Clone, Copy)]
pub enum Behaviour {
    /// Closes the first N connections at once (`usize::MAX`: every one),
    /// forwards the others.
    DropFirst(usize),
    /// Waits this long before forwarding each connection.
    Delay(Duration),
    /// Forwards, but once this many bytes went to the server, holds the
    /// upload until [`Proxy::release`] (see [`Proxy::wait_paused`]).
    PauseAfter(usize),
}

/// What the proxy saw, shared with its threads.
#[derive(Default)]
struct Counters {
    connections: AtomicUsize,
    requests: AtomicUsize,
    bytes_up: AtomicUsize,
    paused: AtomicBool,
    released: AtomicBool,
    stop: AtomicBool,
}

/// A loopback TCP proxy in front of a server (a thread per connection
/// direction). It stops accepting on drop.
pub struct Proxy {
    port: u16,
    counters: Arc<Counters>,
}

impl Proxy {
    pub fn start(target: SocketAddr, behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let counters = Arc::new(Counters::default());
        let shared = Arc::clone(&counters);
        thread::spawn(move || {
            for client in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let n = shared.connections.fetch_add(1, Ordering::SeqCst);
                let shared = Arc::clone(&shared);
                thread::spawn(move || serve(client, n, target, behaviour, &shared));
            }
        });
        Self { port, counters }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.counters.connections.load(Ordering::SeqCst)
    }

    /// HTTP requests forwarded so far (request lines seen going up).
    pub fn requests(&self) -> usize {
        self.counters.requests.load(Ordering::SeqCst)
    }

    /// Waits (up to `timeout`) until a [`Behaviour::PauseAfter`] proxy holds
    /// the upload; false if it never did.
    pub fn wait_paused(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.counters.paused.load(Ordering::SeqCst) {
                return true;
            }
            thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// Lets a paused upload go on.
    pub fn release(&self) {
        self.counters.released.store(true, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.release();
        self.counters.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// One proxied connection (`n` counts from 0).
fn serve(client: TcpStream, n: usize, target: SocketAddr, behaviour: Behaviour, counters: &Arc<Counters>) {
    match behaviour {
        Behaviour::DropFirst(k) if n < k => {
            let _ = client.shutdown(Shutdown::Both);
            return;
        }
        Behaviour::Delay(delay) => thread::sleep(delay),
        _ => {}
    }
    let Ok(server) = TcpStream::connect(target) else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    let (client_up, server_up) = (client.try_clone().expect("clone"), server.try_clone().expect("clone"));
    let pause_at = match behaviour {
        Behaviour::PauseAfter(bytes) => Some(bytes),
        _ => None,
    };
    let up_counters = Arc::clone(counters);
    let up = thread::spawn(move || forward(client_up, server_up, Some((&up_counters, pause_at))));
    forward(server, client, None);
    let _ = up.join();
}

/// Copies `from` to `to` until `from` closes, then half-closes `to` (as a
/// TCP peer would: a server answering early and closing must not turn the
/// answer into a reset). Once `to` refuses data, what comes from `from` is
/// read and dropped. Going up (with counters), counts bytes and request
/// lines and holds at the pause point.
fn forward(mut from: TcpStream, mut to: TcpStream, up: Option<(&Counters, Option<usize>)>) {
    const REQUEST_LINE_END: &[u8] = b" HTTP/1.1\r\n";
    let mut buffer = [0u8; 16 * 1024];
    let mut tail: Vec<u8> = Vec::new();
    let mut open = true;
    loop {
        let read = match from.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        if let Some((counters, pause_at)) = up {
            let before = counters.bytes_up.fetch_add(read, Ordering::SeqCst);
            tail.extend_from_slice(&buffer[..read]);
            counters.requests.fetch_add(
                tail.windows(REQUEST_LINE_END.len()).filter(|w| *w == REQUEST_LINE_END).count(),
                Ordering::SeqCst,
            );
            let keep = tail.len().min(REQUEST_LINE_END.len() - 1);
            tail.drain(..tail.len() - keep);
            if pause_at.is_some_and(|at| before + read >= at) {
                counters.paused.store(true, Ordering::SeqCst);
                while !counters.released.load(Ordering::SeqCst) {
                    thread::sleep(Duration::from_millis(5));
                }
            }
        }
        if open && to.write_all(&buffer[..read]).is_err() {
            open = false;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// Each server starts, answers a SELECT, and is gone after drop; the
/// proxy forwards and counts.
#[test]
fn servers_start_answer_and_stop() {
    let oxigraph = OxigraphServer::start();
    let virtuoso = Virtuoso::start();
    for (query_url, addr) in [(oxigraph.query_url(), oxigraph.addr()), (virtuoso.query_url(), virtuoso.addr())] {
        assert_eq!(graph_count(&query_url, "urn:newskg:test:absent"), 0, "{query_url}");
        let proxy = Proxy::start(addr, Behaviour::DropFirst(1));
        let path = &query_url[query_url.rfind('/').expect("path")..];
        assert!(!answers(&proxy.url(&format!("{path}?query=ASK%7B%7D"))), "the first connection is dropped");
        assert_eq!(graph_count(&proxy.url(path), "urn:newskg:test:absent"), 0);
        assert!(proxy.connections() >= 2 && proxy.requests() >= 1);
    }
    let (ox_addr, vt_addr) = (oxigraph.addr(), virtuoso.addr());
    drop(oxigraph);
    drop(virtuoso);
    for addr in [ox_addr, vt_addr] {
        assert!(TcpStream::connect(addr).is_err(), "nothing listens on {addr} after drop");
    }
}
