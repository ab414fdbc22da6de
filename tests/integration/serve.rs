//! `newskg serve` over real sockets: the server process and a raw HTTP/1.1
//! client for the serve tests, then the limits (request and header size,
//! slow and idle clients, connections, concurrent requests) and the
//! graceful stop.
//!
//! [`Served`] starts the binary on a free loopback port (`--bind
//! 127.0.0.1:0`, the address read from its first line) and stops it on drop
//! (SIGTERM, then SIGKILL after a while), a panicking test included.
//! [`exchange`] sends bytes exactly as given, so that tests can send what
//! ordinary clients refuse to (no `Content-Type`, a charset, a huge header).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `newskg serve`, stopped on drop.
pub struct Served {
    child: Option<Child>,
    pub addr: SocketAddr,
    stderr: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Served {
    /// `newskg serve --bind 127.0.0.1:0 ARGS`, once it listens.
    pub fn start(args: &[&str]) -> Self {
        Self::start_with(args, &[])
    }

    /// The same, with environment variables set for the server.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let stderr = dir.path().join("stderr");
        let mut command = Command::new(env!("CARGO_BIN_EXE_newskg"));
        command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).expect("stderr file"));
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("start newskg serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let url = line.trim().strip_prefix("listening on http://").and_then(|u| u.strip_suffix('/'));
        let Some(addr) = url.and_then(|u| u.parse().ok()).filter(|_| read.is_ok()) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("newskg serve did not start: {line:?}\n{}", std::fs::read_to_string(&stderr).unwrap_or_default());
        };
        Self { child: Some(child), addr, stderr, _dir: dir }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What the server wrote to stderr so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for the exit; returns its code.
    pub fn terminate(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.code();
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// GET `target` with headers (`name: value`), one connection.
    pub fn get(&self, target: &str, headers: &[&str]) -> Reply {
        self.request("GET", target, headers, b"")
    }

    /// Any request, one connection (`Connection: close`).
    pub fn request(&self, method: &str, target: &str, headers: &[&str], body: &[u8]) -> Reply {
        exchange(self.addr, &raw_request(method, target, headers, body))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// The bytes of a request: `Host`, the headers given, `Content-Length` when
/// there is a body, `Connection: close`.
pub fn raw_request(method: &str, target: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut request = format!("{method} {target} HTTP/1.1\r\nhost: 127.0.0.1\r\n");
    for header in headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    if !body.is_empty() {
        request.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    request.push_str("connection: close\r\n\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// An answer: status, headers (names in lower case) and body (de-chunked).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends the bytes, reads the answer until the server closes the connection.
pub fn exchange(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to newskg serve");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    stream.write_all(request).expect("send the request");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the answer");
    parse_reply(&bytes).unwrap_or_else(|| panic!("not an HTTP answer: {:?}", String::from_utf8_lossy(&bytes)))
}

/// Parses an HTTP/1.1 answer (fixed length, chunked, or to the end).
pub fn parse_reply(bytes: &[u8]) -> Option<Reply> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked")) {
        let mut decoded = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..line_end]).ok()?.trim(), 16).ok()?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            decoded.extend_from_slice(rest.get(..size)?);
            rest = rest.get(size + 2..)?;
        }
        body = decoded;
    }
    Some(Reply { status, headers, body })
}

/// Whether the server closes a connection on which `send` was written,
/// within `within` (reading sees the end, or the connection is reset).
fn closed_within(addr: SocketAddr, send: &[u8], within: Duration) -> (bool, Duration, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(send).expect("send");
    stream.set_read_timeout(Some(within)).expect("timeout");
    let started = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) if started.elapsed() < within => return (true, started.elapsed(), received),
            Ok(0) | Err(_) => return (false, started.elapsed(), received),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

#[test]
fn the_protocol_and_pages_answer_over_sockets() {
    let server = Served::start(&[]);
    let reply = server.get("/sparql?query=ASK%20%7B%7D", &["accept: application/sparql-results+xml"]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("<boolean>true</boolean>"), "{}", reply.text());
    let reply = server.request(
        "POST",
        "/sparql",
        &["content-type: application/sparql-query", "accept: text/csv"],
        b"SELECT ?name WHERE { ?s a <http://schema.org/Country> ; <http://schema.org/name> ?name } ORDER BY ?name",
    );
    assert_eq!(reply.status, 200);
    assert!(reply.text().starts_with("name\r\nChina\r\n"), "{}", reply.text());
    let article = server.get("/id/article/moscow-times-2011-06-29-kim-meeting", &["accept: text/html"]);
    assert_eq!(article.status, 200);
    assert!(article.text().contains("Natalya Timakova"));
    // A large streamed answer arrives whole (chunked).
    let all = server.get("/store", &["accept: application/n-quads"]);
    assert_eq!(all.status, 200);
    assert_eq!(all.header("transfer-encoding"), Some("chunked"));
    let export = crate::harness::TestEnv::new().ok(&["export", "--format", "nquads", "--summaries"]);
    let lines = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert_eq!(lines(&all.text()), lines(&export), "GET /store is the exported dataset, summaries included");
}

#[test]
fn a_request_over_the_limits_is_refused_with_its_status() {
    let server = Served::start(&["--max-body", "1000", "--max-header", "2048"]);
    let form = format!("query={}", "x".repeat(2000));
    let reply =
        server.request("POST", "/sparql", &["content-type: application/x-www-form-urlencoded"], form.as_bytes());
    assert_eq!(reply.status, 413, "{}", reply.text());
    assert!(reply.text().contains("1000 bytes"), "{}", reply.text());
    // The same without Content-Length (chunked): refused once it passes the limit.
    let chunk = "x".repeat(1500);
    let chunked = format!(
        "POST /sparql HTTP/1.1\r\nhost: x\r\ncontent-type: application/sparql-query\r\ntransfer-encoding: chunked\r\n\
         connection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    assert_eq!(exchange(server.addr, chunked.as_bytes()).status, 413);
    let header = format!("x-padding: {}", "y".repeat(4000));
    let reply = server.get("/", &[&header]);
    assert_eq!(reply.status, 431, "{}", reply.text());
    // The server still answers.
    assert_eq!(server.get("/sparql?query=ASK%20%7B%7D", &[]).status, 200);
}

#[test]
fn slow_and_idle_clients_are_dropped() {
    let server = Served::start(&["--idle-timeout", "1"]);
    // A client that sends half a request head and then nothing.
    let (closed, after, _) = closed_within(server.addr, b"GET / HTTP/1.1\r\nhost: x\r\n", Duration::from_secs(8));
    assert!(closed, "a half-sent head kept the connection for {after:?}");
    assert!(after >= Duration::from_millis(900), "closed too early: {after:?}");
    // One that trickles its head a byte at a time, each within the timeout: the
    // whole head has to arrive within it.
    let mut stream = TcpStream::connect(server.addr).expect("connect");
    let started = Instant::now();
    let mut cut = false;
    for byte in b"GET / HTTP/1.1\r\nhost: x\r\nx-slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
        if stream.write_all(&[*byte]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        if started.elapsed() > Duration::from_secs(6) {
            break;
        }
    }
    let mut rest = Vec::new();
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let _ = stream.read_to_end(&mut rest);
    let answered = String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 200");
    assert!(cut || !answered, "a head trickled over {:?} was answered", started.elapsed());
    // An idle keep-alive connection, after an answered request.
    let (closed, after, received) = closed_within(
        server.addr,
        b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nhost: x\r\n\r\n",
        Duration::from_secs(8),
    );
    assert!(String::from_utf8_lossy(&received).starts_with("HTTP/1.1 200"), "{received:?}");
    assert!(closed, "an idle connection stayed open {after:?}");
    // A client that sends part of its body and stops: dropped (408) after three timeouts.
    let (closed, after, received) = closed_within(
        server.addr,
        b"POST /sparql HTTP/1.1\r\nhost: x\r\ncontent-type: application/sparql-query\r\ncontent-length: 100\r\n\r\nASK",
        Duration::from_secs(15),
    );
    assert!(closed, "a stalled body kept the connection {after:?}");
    assert!(String::from_utf8_lossy(&received).starts_with("HTTP/1.1 408"), "{}", String::from_utf8_lossy(&received));
}

/// A query that runs for hours without a timeout.
const ENDLESS: &str = "SELECT%20(COUNT(*)%20AS%20?n)%20WHERE%20%7B%20?a%20?b%20?c%20.%20?d%20?e%20?f%20.%20?g%20?h%20?i%20.%20?j%20?k%20?l%20%7D";

#[test]
fn the_timeout_cancels_a_query_and_the_server_goes_on() {
    let server = Served::start(&["--timeout", "1"]);
    let started = Instant::now();
    let reply = server.get(&format!("/sparql?query={ENDLESS}"), &[]);
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert!(reply.text().contains("1 s"), "{}", reply.text());
    assert!(started.elapsed() < Duration::from_secs(10), "answered after {:?}", started.elapsed());
    assert_eq!(server.get("/sparql?query=ASK%20%7B%7D", &[]).status, 200);
}

#[test]
fn connections_and_concurrent_requests_are_bounded() {
    let server =
        Served::start(&["--max-connections", "2", "--max-concurrent", "1", "--timeout", "4", "--idle-timeout", "1"]);
    // Two connections held open: the third is refused at once.
    let held: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(server.addr).expect("connect")).collect();
    std::thread::sleep(Duration::from_millis(300));
    let reply = exchange(server.addr, &raw_request("GET", "/", &[], b""));
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert!(reply.text().contains("too many connections"), "{}", reply.text());
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    // One request at a time: while a long query holds the one slot, the next
    // waits for it, up to the idle timeout, and is told the server is busy.
    let addr = server.addr;
    let long =
        std::thread::spawn(move || exchange(addr, &raw_request("GET", &format!("/sparql?query={ENDLESS}"), &[], b"")));
    std::thread::sleep(Duration::from_millis(300));
    let reply = server.get("/sparql?query=ASK%20%7B%7D", &[]);
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert!(reply.text().contains("busy"), "{}", reply.text());
    assert_eq!(long.join().expect("long request").status, 503);
    // Once the cancelled query has let go of its slot, requests are answered
    // again (the evaluator notices its cancellation at its next read of the
    // store, which may take a moment on a loaded machine).
    let started = Instant::now();
    while server.get("/sparql?query=ASK%20%7B%7D", &[]).status != 200 {
        assert!(started.elapsed() < Duration::from_secs(60), "the slot was never freed");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn sigterm_lets_the_request_in_progress_finish_then_stops() {
    let mut server = Served::start(&["--timeout", "2"]);
    let addr = server.addr;
    let long =
        std::thread::spawn(move || exchange(addr, &raw_request("GET", &format!("/sparql?query={ENDLESS}"), &[], b"")));
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let code = server.terminate();
    let reply = long.join().expect("the request in progress");
    // The request got its whole answer (the timeout's 503), not a cut connection.
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert_eq!(code, Some(0), "{}", server.stderr());
    assert!(started.elapsed() < Duration::from_secs(15), "stopped after {:?}", started.elapsed());
    assert!(server.stderr().contains("stopped"), "{}", server.stderr());
    assert!(TcpStream::connect(addr).is_err(), "still listening after it stopped");
}

#[test]
fn a_persistent_store_is_served_read_only_beside_its_builder() {
    let env = crate::harness::TestEnv::new();
    env.ok(&["build", "--store", "kg"]);
    let store = env.path("kg");
    let server = Served::start(&["--store", store.to_str().expect("UTF-8 path")]);
    let reply = server.get("/queries/six-party-participants", &["accept: text/csv"]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.text().lines().count(), 7, "{}", reply.text());
    // A build can open the store while the server reads it, and the server
    // goes on answering (from the store as it was when it opened it).
    env.ok(&["build", "--store", "kg"]);
    assert!(Path::new(&store).is_dir());
    let reply = server.get("/id/entity/kim-jong-il", &["accept: text/turtle"]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let reply = server.request(
        "POST",
        "/store?graph=urn:x",
        &["content-type: application/n-triples"],
        b"<a:b> <a:c> <a:d> .\n",
    );
    assert_eq!(reply.status, 403);
}
