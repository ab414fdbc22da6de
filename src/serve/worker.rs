//! SPARQL in worker processes, so that a query past its timeout stops for
//! sure.
//!
//! Oxigraph's evaluator stops at its cancellation token only when it reads
//! the store; a cross product it has already read into memory runs on,
//! possibly for hours. So requests that evaluate SPARQL (the endpoint, the
//! bundled query tables) are handed whole to a worker: the same binary,
//! started by the server (`newskg serve --worker`), with the same store
//! open read-only, that answers requests one at a time on its standard input
//! and output with the same handler. The worker cancels its own query at the
//! timeout as the server would; if it has not answered a moment after, the
//! server kills it, answers 503 and starts another. Pages, whose reads are
//! bounded, stay in the server.
//!
//! The pipe carries frames: a big-endian `u32` length and that many bytes.
//! A request is two frames (its method, path, query and headers
//! form-encoded, then its body); an answer is a head frame (status and
//! headers, form-encoded), then body frames, an empty frame at the end, or
//! an abort frame (`u32::MAX`) when the body could not be finished.

use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use hyper::header::{HeaderName, HeaderValue};
use hyper::{HeaderMap, Method, StatusCode};

use super::message::{Body, HttpError, Request, Response};
use super::routes::App;

/// How to start a worker: a program and its arguments.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The program (the running binary).
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

/// How long after the timeout a worker has to answer before it is killed.
const GRACE: Duration = Duration::from_millis(1500);
/// Marks an aborted body.
const ABORT: u32 = u32::MAX;
/// Largest frame accepted from the other side (a head or a chunk).
const MAX_FRAME: u32 = 64 * 1024 * 1024;

/// A worker process and its pipes.
struct Worker {
    child: Arc<Mutex<Child>>,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        // A worker dropped without going back to the pool is in an unknown
        // state (killed, or dropped mid-answer): it is ended and reaped.
        let mut child = self.child.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Workers, idle ones kept for the next requests.
pub struct Pool {
    command: WorkerCommand,
    idle: Mutex<Vec<Worker>>,
    /// Every worker started, to stop them all when the server stops.
    started: Mutex<Vec<Weak<Mutex<Child>>>>,
    size: usize,
}

impl Pool {
    /// Starts `size` workers.
    pub fn start(command: WorkerCommand, size: usize) -> io::Result<Self> {
        let pool = Self { command, idle: Mutex::new(Vec::new()), started: Mutex::new(Vec::new()), size: size.max(1) };
        let mut workers = Vec::new();
        for _ in 0..pool.size {
            workers.push(pool.spawn()?);
        }
        *pool.idle.lock().unwrap_or_else(PoisonError::into_inner) = workers;
        Ok(pool)
    }

    fn spawn(&self) -> io::Result<Worker> {
        let mut child = Command::new(&self.command.program)
            .args(&self.command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let input = child.stdin.take().ok_or_else(|| io::Error::other("no stdin for the worker"))?;
        let output = child.stdout.take().ok_or_else(|| io::Error::other("no stdout for the worker"))?;
        let child = Arc::new(Mutex::new(child));
        let mut started = self.started.lock().unwrap_or_else(PoisonError::into_inner);
        started.retain(|c| c.strong_count() > 0);
        started.push(Arc::downgrade(&child));
        Ok(Worker { child, input: BufWriter::new(input), output: BufReader::new(output) })
    }

    /// An idle worker, or a new one.
    fn take(&self) -> io::Result<Worker> {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        match idle {
            Some(worker) => Ok(worker),
            None => self.spawn(),
        }
    }

    fn give_back(&self, worker: Worker) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < self.size {
            idle.push(worker);
        }
    }

    /// Stops every worker, idle or at work.
    pub fn shutdown(&self) {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner).clear();
        for child in self.started.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
            if let Some(child) = child.upgrade() {
                let _ = child.lock().unwrap_or_else(PoisonError::into_inner).kill();
            }
        }
    }
}

/// Answers a request in a worker of the app's pool, which is killed if it
/// has not answered (or finished its answer) by the timeout and a grace.
pub fn handle(app: &App, pool: &Arc<Pool>, request: &Request) -> Response {
    let failed = |e: io::Error| -> Response {
        HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the query worker failed: {e}")).into()
    };
    let mut worker = match pool.take() {
        Ok(worker) => worker,
        Err(e) => return failed(e),
    };
    let deadline = Instant::now() + app.options.timeout + GRACE;
    let child = Arc::clone(&worker.child);
    let kill = app.watchdog.at(deadline, move || {
        let _ = child.lock().unwrap_or_else(PoisonError::into_inner).kill();
    });
    if let Err(e) = write_request(&mut worker.input, request) {
        return failed(e);
    }
    let (status, headers) = match read_head(&mut worker.output) {
        Ok(head) => head,
        Err(_) if Instant::now() >= deadline => return super::sparql::timeout_error(app).into(),
        Err(e) => return failed(e),
    };
    if request.method == Method::HEAD {
        // No body to send on: read the worker's (empty) one and keep it.
        let mut buffer = Vec::new();
        return match read_frame(&mut worker.output, &mut buffer) {
            Ok(Frame::Data) if buffer.is_empty() => {
                drop(kill);
                pool.give_back(worker);
                Response { status, headers, body: Body::Bytes(Vec::new()) }
            }
            _ => failed(io::Error::other("the worker answered a HEAD request with a body")),
        };
    }
    let pool = Arc::clone(pool);
    let body = Body::Stream(Box::new(move |out: &mut dyn Write| {
        let _kill = kill;
        let mut buffer = Vec::new();
        loop {
            match read_frame(&mut worker.output, &mut buffer)? {
                Frame::Data if buffer.is_empty() => break,
                Frame::Data => out.write_all(&buffer)?,
                Frame::Abort => return Err(io::Error::other(String::from_utf8_lossy(&buffer).into_owned())),
            }
        }
        pool.give_back(worker);
        Ok(())
    }));
    Response { status, headers, body }
}

enum Frame {
    Data,
    Abort,
}

fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let length =
        u32::try_from(bytes.len()).ok().filter(|n| *n < ABORT).ok_or_else(|| io::Error::other("frame too large"))?;
    out.write_all(&length.to_be_bytes())?;
    out.write_all(bytes)
}

fn read_frame(input: &mut impl Read, buffer: &mut Vec<u8>) -> io::Result<Frame> {
    let mut length = [0u8; 4];
    input.read_exact(&mut length)?;
    let (length, frame) = match u32::from_be_bytes(length) {
        ABORT => {
            input.read_exact(&mut length)?;
            (u32::from_be_bytes(length), Frame::Abort)
        }
        n => (n, Frame::Data),
    };
    if length > MAX_FRAME {
        return Err(io::Error::other(format!("a frame of {length} bytes")));
    }
    buffer.clear();
    buffer.resize(length as usize, 0);
    input.read_exact(buffer)?;
    Ok(frame)
}

fn write_request(out: &mut impl Write, request: &Request) -> io::Result<()> {
    let mut meta = form_urlencoded::Serializer::new(String::new());
    meta.append_pair("method", request.method.as_str());
    meta.append_pair("path", &request.path);
    meta.append_pair("query", &request.query);
    for (name, value) in &request.headers {
        meta.append_pair(&format!("h:{name}"), &String::from_utf8_lossy(value.as_bytes()));
    }
    write_frame(out, meta.finish().as_bytes())?;
    write_frame(out, &request.body)?;
    out.flush()
}

fn read_request(input: &mut impl Read) -> io::Result<Option<Request>> {
    let mut meta = Vec::new();
    match read_frame(input, &mut meta) {
        Ok(Frame::Data) => {}
        Ok(Frame::Abort) => return Err(io::Error::other("an aborted request")),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut body = Vec::new();
    read_frame(input, &mut body)?;
    let mut request = Request::get("/");
    request.body = body;
    for (name, value) in form_urlencoded::parse(&meta) {
        match name.as_ref() {
            "method" => request.method = Method::from_bytes(value.as_bytes()).map_err(io::Error::other)?,
            "path" => request.path = value.into_owned(),
            "query" => request.query = value.into_owned(),
            header => {
                if let (Some(name), Ok(value)) = (header.strip_prefix("h:"), HeaderValue::from_str(&value))
                    && let Ok(name) = HeaderName::from_bytes(name.as_bytes())
                {
                    request.headers.append(name, value);
                }
            }
        }
    }
    Ok(Some(request))
}

fn write_head(out: &mut impl Write, response: &Response) -> io::Result<()> {
    let mut head = form_urlencoded::Serializer::new(String::new());
    head.append_pair("status", response.status.as_str());
    for (name, value) in &response.headers {
        head.append_pair(name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
    }
    write_frame(out, head.finish().as_bytes())
}

fn read_head(input: &mut impl Read) -> io::Result<(StatusCode, HeaderMap)> {
    let mut head = Vec::new();
    if let Frame::Abort = read_frame(input, &mut head)? {
        return Err(io::Error::other("an aborted answer"));
    }
    let mut status = StatusCode::INTERNAL_SERVER_ERROR;
    let mut headers = HeaderMap::new();
    for (name, value) in form_urlencoded::parse(&head) {
        if name == "status" {
            status = StatusCode::from_bytes(value.as_bytes()).map_err(io::Error::other)?;
        } else if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            headers.append(name, value);
        }
    }
    Ok((status, headers))
}

/// Writes a body as frames of at most 64 KiB.
struct FrameWriter<'a, W: Write> {
    out: &'a mut W,
    buffer: Vec<u8>,
}

impl<W: Write> Write for FrameWriter<'_, W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buffer.is_empty() {
            write_frame(self.out, &self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }
}

/// The worker's side: answers requests from `input` on `output` with the
/// app's handler until `input` ends.
pub fn serve(app: &App, input: impl Read, output: impl Write) -> io::Result<()> {
    let (mut input, mut output) = (BufReader::new(input), BufWriter::new(output));
    while let Some(request) = read_request(&mut input)? {
        let response = app.handle(&request);
        write_head(&mut output, &response)?;
        let mut writer = FrameWriter { out: &mut output, buffer: Vec::new() };
        let written = response.body.write_to(&mut writer).and_then(|()| writer.flush());
        match written {
            Ok(()) => write_frame(&mut output, b"")?,
            Err(error) => {
                output.write_all(&ABORT.to_be_bytes())?;
                write_frame(&mut output, error.to_string().as_bytes())?;
            }
        }
        output.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_answers_cross_the_pipe_whole() {
        let mut request = Request::get("/sparql?query=ASK%20%7B%7D&x=%26");
        request.method = Method::POST;
        request.headers.append("accept", HeaderValue::from_static("text/csv, */*;q=0.1"));
        request.headers.append("x-two", HeaderValue::from_static("a=b&c"));
        request.headers.append("x-two", HeaderValue::from_static("second"));
        request.body = b"\x00binary\xff body".to_vec();
        let mut pipe = Vec::new();
        write_request(&mut pipe, &request).expect("write");
        let read = read_request(&mut pipe.as_slice()).expect("read").expect("a request");
        assert_eq!((read.method, read.path, read.query), (request.method, request.path, request.query));
        assert_eq!(read.headers, request.headers);
        assert_eq!(read.body, request.body);
        assert!(read_request(&mut [].as_slice()).expect("end").is_none());

        let mut response = Response::text(StatusCode::NOT_ACCEPTABLE, "no");
        response.headers.append("vary", HeaderValue::from_static("Accept"));
        let mut pipe = Vec::new();
        write_head(&mut pipe, &response).expect("write");
        let (status, headers) = read_head(&mut pipe.as_slice()).expect("read");
        assert_eq!((status, headers), (response.status, response.headers));
    }
}
