//! The HTTP/1.1 server loop (hyper on a tokio runtime) around the handler,
//! with its limits and its graceful stop.
//!
//! It takes an [`App`] and a bound listener and hands each request, its body
//! read whole, to [`App::handle`] on a blocking thread; responses with a
//! streamed body are sent in chunks as the handler writes them.
//!
//! The limits ([`Limits`]): a request's head must arrive whole within
//! `header_timeout` and within `max_header_bytes` (else the connection is
//! closed, or 431); a keep-alive connection idle for `header_timeout` is
//! closed; a body larger than `max_body_bytes` is refused (413) and one that
//! takes longer than `body_timeout` to arrive is dropped (408); a client that
//! reads nothing of its answer for `write_timeout` is dropped; at most
//! `max_connections` connections are served (the next ones get 503 and are
//! closed) and at most `max_concurrent` requests are handled at once (the
//! others wait, up to `queue_timeout`, then get 503). On SIGINT or SIGTERM
//! the server stops accepting, lets the requests in progress finish (up to
//! the query timeout and a grace period) and returns.

use std::convert::Infallible;
use std::future::Future;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Body as HttpBody, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{Semaphore, mpsc, oneshot, watch};

use super::message::{Body, Request};
use super::routes::App;
use super::{ServeError, message};

/// Limits on requests and connections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body.
    pub max_body_bytes: usize,
    /// Largest request head (request line and headers).
    pub max_header_bytes: usize,
    /// Longest time for a request's head to arrive, and longest idle time
    /// of a keep-alive connection.
    pub header_timeout: Duration,
    /// Longest time for a request's body to arrive.
    pub body_timeout: Duration,
    /// Longest time a client may leave its answer unread.
    pub write_timeout: Duration,
    /// Most connections served at once.
    pub max_connections: usize,
    /// Most requests handled at once.
    pub max_concurrent: usize,
    /// Longest time a request waits for one of the `max_concurrent` slots.
    pub queue_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            max_body_bytes: 1024 * 1024,
            max_header_bytes: 16 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
            max_connections: 512,
            max_concurrent: (2 * cores).max(4),
            queue_timeout: Duration::from_secs(10),
        }
    }
}

/// Time given to a handler beyond the query timeout before its client gets
/// 503 anyway (a handler stopped by its timeout answers well within it).
const GRACE: Duration = Duration::from_secs(2);

/// A server bound to its address, ready to run.
pub struct Server {
    app: Arc<App>,
    listener: TcpListener,
}

struct Shared {
    app: Arc<App>,
    permits: Arc<Semaphore>,
    connections: AtomicUsize,
}

impl Server {
    /// Binds the address of the app's options (port 0: any free port).
    pub fn bind(app: App) -> Result<Self, ServeError> {
        let addr = app.options.bind;
        let listener = TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
        listener.set_nonblocking(true).map_err(|source| ServeError::Bind { addr, source })?;
        Ok(Self { app: Arc::new(app), listener })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully.
    pub fn run_until_signal(self) -> Result<(), ServeError> {
        let runtime = runtime()?;
        let stop = async {
            use tokio::signal::unix::{SignalKind, signal};
            match (signal(SignalKind::interrupt()), signal(SignalKind::terminate())) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                    Ok(())
                }
                (Err(e), _) | (_, Err(e)) => Err(ServeError::Start(e)),
            }
        };
        let outcome = runtime.block_on(self.serve(stop));
        // A query thread that its cancellation has not reached yet (it looks
        // at the token only when it reads the store) is not waited for: the
        // process ends it.
        runtime.shutdown_background();
        outcome
    }

    /// Serves until `stop` completes, then stops gracefully.
    pub async fn serve(self, stop: impl Future<Output = Result<(), ServeError>>) -> Result<(), ServeError> {
        let limits = self.app.options.limits.clone();
        let drain = self.app.options.timeout + GRACE + Duration::from_secs(1);
        let listener = tokio::net::TcpListener::from_std(self.listener).map_err(ServeError::Start)?;
        let shared = Arc::new(Shared {
            permits: Arc::new(Semaphore::new(limits.max_concurrent.max(1))),
            app: self.app,
            connections: AtomicUsize::new(0),
        });
        let (stopping, stopped) = watch::channel(false);
        let mut tasks = tokio::task::JoinSet::new();
        tokio::pin!(stop);
        let outcome = loop {
            tokio::select! {
                result = &mut stop => break result,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else {
                        // Out of file descriptors and the like: wait a little rather than spin.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    };
                    let shared = Arc::clone(&shared);
                    let stopped = stopped.clone();
                    tasks.spawn(connection(shared, stream, stopped));
                }
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            }
        };
        drop(listener);
        let _ = stopping.send(true);
        let _ = tokio::time::timeout(drain, async { while tasks.join_next().await.is_some() {} }).await;
        shared.app.shutdown();
        outcome
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, ServeError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("newskg serve")
        .build()
        .map_err(ServeError::Start)
}

/// Serves one connection until it closes, or until the server stops (a
/// request in progress is finished first).
async fn connection(shared: Arc<Shared>, stream: tokio::net::TcpStream, mut stopped: watch::Receiver<bool>) {
    let limits = &shared.app.options.limits;
    let count = shared.connections.fetch_add(1, Ordering::SeqCst) + 1;
    let _guard = Decrement(&shared.connections);
    let _ = stream.set_nodelay(true);
    if count > limits.max_connections {
        let mut stream = stream;
        let message = "the server has too many connections open; try again in a moment\n";
        let answer = format!(
            "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\n\
             retry-after: 1\r\nconnection: close\r\n\r\n{message}",
            message.len()
        );
        // Answer, then read what the client sent until it closes (briefly):
        // closing with its request unread would reset the connection and
        // lose the answer.
        let _ = tokio::time::timeout(limits.write_timeout, async {
            stream.write_all(answer.as_bytes()).await?;
            stream.shutdown().await?;
            let mut sink = [0u8; 4096];
            while stream.read(&mut sink).await? > 0 {}
            Ok::<(), io::Error>(())
        })
        .await;
        return;
    }
    let mut io = tokio_io_timeout::TimeoutStream::new(stream);
    io.set_write_timeout(Some(limits.write_timeout));
    let io = TokioIo::new(Box::pin(io));
    let service_shared = Arc::clone(&shared);
    let service = service_fn(move |request| respond(Arc::clone(&service_shared), request));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_header_bytes)
        .keep_alive(true);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = until_stopped(&mut stopped) => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Completes when the server starts stopping.
async fn until_stopped(stopped: &mut watch::Receiver<bool>) {
    loop {
        if *stopped.borrow_and_update() {
            return;
        }
        if stopped.changed().await.is_err() {
            return;
        }
    }
}

struct Decrement<'a>(&'a AtomicUsize);

impl Drop for Decrement<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body: whole, or chunks from the handler's thread.
pub enum ResponseBody {
    /// Bytes ready (taken when sent).
    Full(Option<Bytes>),
    /// Chunks as the handler writes them; an error aborts the response.
    Chunks(mpsc::Receiver<io::Result<Bytes>>),
}

impl HttpBody for ResponseBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<Frame<Bytes>>>> {
        match self.get_mut() {
            Self::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Self::Chunks(receiver) => receiver.poll_recv(cx).map(|chunk| chunk.map(|c| c.map(Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Self::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Full(Some(bytes)) => SizeHint::with_exact(bytes.len() as u64),
            Self::Full(None) => SizeHint::with_exact(0),
            Self::Chunks(_) => SizeHint::default(),
        }
    }
}

/// Writes into the channel of a streamed body, in chunks of [`CHUNK`].
struct ChunkWriter {
    sender: mpsc::Sender<io::Result<Bytes>>,
    buffer: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        self.sender.blocking_send(Ok(chunk)).map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client left"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

type HyperResponse = hyper::Response<ResponseBody>;

fn plain(status: StatusCode, message: &str, close: bool) -> HyperResponse {
    let mut response = hyper::Response::new(ResponseBody::Full(Some(Bytes::from(format!("{message}\n")))));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    if close {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// Reads the body within the limits, then runs the handler on a blocking
/// thread (one of at most `max_concurrent`).
async fn respond(shared: Arc<Shared>, request: hyper::Request<Incoming>) -> Result<HyperResponse, Infallible> {
    let app = Arc::clone(&shared.app);
    let limits = &app.options.limits;
    let (parts, body) = request.into_parts();
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let too_large = format!("the request body is larger than this server's limit of {} bytes", limits.max_body_bytes);
    if declared.is_some_and(|n| n > limits.max_body_bytes as u64) {
        return Ok(plain(StatusCode::PAYLOAD_TOO_LARGE, &too_large, true));
    }
    let limited = http_body_util::Limited::new(body, limits.max_body_bytes);
    let body = match tokio::time::timeout(limits.body_timeout, limited.collect()).await {
        Err(_) => {
            let message = format!("the request body did not arrive within {} s", limits.body_timeout.as_secs());
            return Ok(plain(StatusCode::REQUEST_TIMEOUT, &message, true));
        }
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            return Ok(plain(StatusCode::PAYLOAD_TOO_LARGE, &too_large, true));
        }
        Ok(Err(error)) => return Ok(plain(StatusCode::BAD_REQUEST, &format!("cannot read the body: {error}"), true)),
        Ok(Ok(collected)) => collected.to_bytes().to_vec(),
    };
    let request = Request {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts.headers,
        body,
    };
    let timeout = app.options.timeout;
    let queue = limits.queue_timeout;
    let Ok(Ok(permit)) = tokio::time::timeout(queue, Arc::clone(&shared.permits).acquire_owned()).await else {
        let message = "the server is busy with other requests; try again in a moment";
        return Ok(plain(StatusCode::SERVICE_UNAVAILABLE, message, false));
    };
    let (head_sender, head) = oneshot::channel::<(StatusCode, HeaderMap, ResponseBody)>();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let message::Response { status, headers, body } = app.handle(&request);
        match body {
            Body::Bytes(bytes) => {
                let _ = head_sender.send((status, headers, ResponseBody::Full(Some(Bytes::from(bytes)))));
            }
            Body::Stream(produce) => {
                let (sender, receiver) = mpsc::channel(4);
                if head_sender.send((status, headers, ResponseBody::Chunks(receiver))).is_err() {
                    return;
                }
                let mut writer = ChunkWriter { sender, buffer: Vec::with_capacity(CHUNK) };
                if let Err(error) = produce(&mut writer).and_then(|()| writer.flush()) {
                    // The client sees the response cut short, not a complete one.
                    let _ = writer.sender.blocking_send(Err(error));
                }
            }
        }
    });
    let Ok(Ok((status, headers, body))) = tokio::time::timeout(timeout + GRACE, head).await else {
        let message = format!("the request ran longer than this server's limit of {} s", timeout.as_secs_f64());
        return Ok(plain(StatusCode::SERVICE_UNAVAILABLE, &message, false));
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}
