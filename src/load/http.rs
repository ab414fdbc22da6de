//! The HTTP client of the load stage: one request at a time, with Basic or
//! Digest authentication as the server's challenge asks, retries with
//! exponential backoff for connection failures, timeouts and 5xx, none for
//! 4xx. The password goes into Authorization headers only, never into a URL
//! or a message.

use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;
use ureq::http::{self, StatusCode, header};

use super::LoadError;

/// The first wait before a retry; each later one doubles it.
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// The longest single wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The most time spent waiting between attempts of one request.
pub const MAX_TOTAL_BACKOFF: Duration = Duration::from_secs(30);
/// Most bytes of a response body read (results of a count query are tiny;
/// error pages are cut to an excerpt anyway).
const MAX_RESPONSE_BYTES: u64 = 4 << 20;

/// The wait before retry number `retry` (0 for the first retry): 0.25 s,
/// 0.5 s, 1 s, 2 s, … capped at 8 s.
pub fn backoff(retry: u32) -> Duration {
    FIRST_BACKOFF.saturating_mul(1u32.checked_shl(retry).unwrap_or(u32::MAX)).min(MAX_BACKOFF)
}

/// The waits before each retry, for `retries` retries, stopping early where
/// the total would pass [`MAX_TOTAL_BACKOFF`].
pub fn backoff_schedule(retries: u32) -> Vec<Duration> {
    let mut total = Duration::ZERO;
    let mut waits = Vec::new();
    for retry in 0..retries {
        let wait = backoff(retry);
        total += wait;
        if total > MAX_TOTAL_BACKOFF {
            break;
        }
        waits.push(wait);
    }
    waits
}

/// A user name and password. `Debug` does not show the password.
#[derive(Clone)]
pub struct Credentials {
    user: String,
    password: String,
}

impl Credentials {
    /// Credentials for `user`.
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self { user: user.into(), password: password.into() }
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("user", &self.user).field("password", &"(hidden)").finish()
    }
}

/// How requests authenticate, learnt from the server's first challenge.
enum Auth {
    /// Not asked yet.
    Unknown,
    /// The server asked for nothing so far.
    Anonymous,
    Basic,
    Digest(Box<digest_auth::WwwAuthenticateHeader>),
}

/// The body of a request.
pub enum Body<'a> {
    /// No body.
    Empty,
    /// A small body held in memory.
    Bytes(&'a [u8]),
    /// A large body, streamed: `open` gives a fresh reader of exactly `len`
    /// bytes for each attempt.
    Stream { len: u64, open: &'a dyn Fn() -> Box<dyn Read + 'a> },
}

/// One request to make.
pub struct Request<'a> {
    pub method: &'static str,
    pub url: &'a str,
    pub content_type: Option<&'static str>,
    pub accept: Option<&'static str>,
    pub body: Body<'a>,
}

/// What went wrong in one attempt.
enum Failure {
    /// Worth another attempt (connection, timeout, 5xx).
    Transient(LoadError),
    /// Not worth another attempt.
    Final(LoadError),
    /// 401 with a challenge we have not answered yet.
    Challenge(String),
}

/// Sends requests to one server.
pub struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    auth: Mutex<Auth>,
    retries: u32,
    timeout: Duration,
}

impl Client {
    /// A client: `timeout` for connecting and for the server's answer,
    /// `retries` further attempts for transient failures.
    pub fn new(credentials: Option<Credentials>, timeout: Duration, retries: u32, insecure: bool) -> Self {
        let tls = ureq::tls::TlsConfig::builder().disable_verification(insecure).build();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .tls_config(tls)
            .timeout_resolve(Some(timeout))
            .timeout_connect(Some(timeout))
            .timeout_send_request(Some(timeout))
            .timeout_per_write(Some(timeout))
            .timeout_recv_response(Some(timeout))
            .timeout_recv_body(Some(timeout))
            .user_agent(concat!("newskg/", env!("CARGO_PKG_VERSION")))
            .build();
        Self { agent: config.new_agent(), credentials, auth: Mutex::new(Auth::Unknown), retries, timeout }
    }

    /// Sends a request, retrying transient failures, and returns the body of
    /// the (2xx) answer.
    pub fn send(&self, request: &Request) -> Result<Vec<u8>, LoadError> {
        self.send_with(request, self.retries)
    }

    /// Sends a request once (plus the answer to an authentication challenge).
    pub fn send_once(&self, request: &Request) -> Result<Vec<u8>, LoadError> {
        self.send_with(request, 0)
    }

    /// Asks the server for its authentication challenge with a cheap request
    /// (`HEAD url`), then checks the credentials the same way, so that a
    /// large body is sent once, with credentials the server takes. (A server
    /// that refuses them once the body is on its way answers 401 and closes
    /// the connection, which the sender sees as a broken pipe.)
    pub fn prepare_auth(&self, url: &str) -> Result<(), LoadError> {
        if !matches!(*self.lock_auth(), Auth::Unknown) {
            return Ok(());
        }
        let probe = Request { method: "HEAD", url, content_type: None, accept: None, body: Body::Empty };
        match self.attempt(&probe) {
            Ok(_) => self.set_auth(Auth::Anonymous),
            Err(Failure::Challenge(challenge)) => {
                self.learn(&challenge);
                if let Err(Failure::Final(error @ LoadError::Unauthorized { .. })) = self.attempt(&probe) {
                    return Err(error);
                }
            }
            // Refused without credentials to offer.
            Err(Failure::Final(error @ LoadError::Unauthorized { .. })) => return Err(error),
            // Whatever else went wrong shows again, with retries, on the real request.
            Err(Failure::Transient(_) | Failure::Final(_)) => {}
        }
        Ok(())
    }

    fn send_with(&self, request: &Request, retries: u32) -> Result<Vec<u8>, LoadError> {
        let waits = backoff_schedule(retries);
        let mut attempts = 0;
        let mut answered_challenge = false;
        loop {
            attempts += 1;
            match self.attempt(request) {
                Ok(body) => return Ok(body),
                Err(Failure::Challenge(challenge)) if !answered_challenge => {
                    self.learn(&challenge);
                    answered_challenge = true;
                    attempts -= 1;
                }
                Err(Failure::Challenge(_)) => return Err(self.unauthorized(request, None)),
                Err(Failure::Final(error)) => return Err(error),
                Err(Failure::Transient(error)) => match waits.get(attempts - 1) {
                    Some(wait) => std::thread::sleep(*wait),
                    None if attempts == 1 => return Err(error),
                    None => return Err(LoadError::GaveUp { attempts, source: Box::new(error) }),
                },
            }
        }
    }

    fn lock_auth(&self) -> std::sync::MutexGuard<'_, Auth> {
        self.auth.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn set_auth(&self, auth: Auth) {
        *self.lock_auth() = auth;
    }

    /// Takes the scheme the server asks for: Digest when it offers it, else Basic.
    fn learn(&self, challenge: &str) {
        let auth = match digest_auth::parse(challenge) {
            Ok(prompt) => Auth::Digest(Box::new(prompt)),
            Err(_) => Auth::Basic,
        };
        self.set_auth(auth);
    }

    /// The Authorization header for a request, if one is to be sent.
    fn authorization(&self, request: &Request, path: &str) -> Option<String> {
        let credentials = self.credentials.as_ref()?;
        let mut auth = self.lock_auth();
        match &mut *auth {
            Auth::Unknown | Auth::Anonymous => None,
            Auth::Basic => {
                let pair = format!("{}:{}", credentials.user, credentials.password);
                Some(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair)))
            }
            Auth::Digest(prompt) => {
                let body = match &request.body {
                    Body::Bytes(bytes) => Some(*bytes),
                    Body::Empty => Some(&b""[..]),
                    Body::Stream { .. } => None,
                };
                let context = digest_auth::AuthContext::new_with_method(
                    credentials.user.as_str(),
                    credentials.password.as_str(),
                    path,
                    body,
                    digest_auth::HttpMethod::from(request.method),
                );
                prompt.respond(&context).ok().map(|h| h.to_header_string())
            }
        }
    }

    fn unauthorized(&self, request: &Request, excerpt: Option<String>) -> LoadError {
        LoadError::Unauthorized {
            method: request.method,
            url: request.url.to_owned(),
            user: self.credentials.as_ref().map(|c| c.user.clone()),
            excerpt: excerpt.unwrap_or_default(),
        }
    }

    fn attempt(&self, request: &Request) -> Result<Vec<u8>, Failure> {
        let uri: http::Uri = request.url.parse().map_err(|_| {
            Failure::Final(LoadError::BadUrl { url: request.url.to_owned(), reason: "not a valid URL".into() })
        })?;
        let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let mut builder = http::Request::builder().method(request.method).uri(uri);
        if let Some(content_type) = request.content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        if let Some(accept) = request.accept {
            builder = builder.header(header::ACCEPT, accept);
        }
        if let Some(authorization) = self.authorization(request, &path) {
            builder = builder.header(header::AUTHORIZATION, authorization);
        }
        let bad_request =
            |e: http::Error| Failure::Final(LoadError::BadUrl { url: request.url.to_owned(), reason: e.to_string() });
        let result = match &request.body {
            Body::Empty => self.agent.run(builder.body(()).map_err(bad_request)?),
            Body::Bytes(bytes) => self.agent.run(builder.body(*bytes).map_err(bad_request)?),
            Body::Stream { len, open } => {
                // A length, not chunked encoding: Virtuoso takes a chunked
                // body as empty (and answers 201).
                let mut reader = open();
                let body = ureq::SendBody::from_reader(&mut *reader);
                let http_request = builder.header(header::CONTENT_LENGTH, *len).body(body).map_err(bad_request)?;
                // A server may read a large body slowly, or parse it all
                // before it answers: it gets time in proportion to the size.
                let patience = Some(self.timeout + patience(*len));
                let http_request = self
                    .agent
                    .configure_request(http_request)
                    .timeout_per_write(patience)
                    .timeout_recv_response(patience)
                    .build();
                self.agent.run(http_request)
            }
        };
        let mut response = match result {
            Ok(response) => response,
            Err(error) => return Err(self.transport_failure(request, error)),
        };
        let status = response.status();
        let challenge = response
            .headers()
            .get_all(header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .max_by_key(|v| v.trim_start().get(..6).is_some_and(|s| s.eq_ignore_ascii_case("digest")))
            .map(str::to_owned);
        let body = response.body_mut().with_config().limit(MAX_RESPONSE_BYTES).read_to_vec();
        if status.is_success() {
            return body.map_err(|error| self.transport_failure(request, error));
        }
        let excerpt = excerpt(&body.unwrap_or_default());
        if status == StatusCode::UNAUTHORIZED {
            let already_authenticating = !matches!(*self.lock_auth(), Auth::Unknown | Auth::Anonymous);
            return match challenge {
                // A stale nonce is answered again, with the new one.
                Some(challenge)
                    if self.credentials.is_some()
                        && (!already_authenticating
                            || challenge.to_ascii_lowercase().contains("stale=\"true\"")
                            || challenge.to_ascii_lowercase().contains("stale=true")) =>
                {
                    Err(Failure::Challenge(challenge))
                }
                _ => Err(Failure::Final(self.unauthorized(request, Some(excerpt)))),
            };
        }
        let error = LoadError::Status {
            method: request.method,
            url: request.url.to_owned(),
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_owned(),
            excerpt,
        };
        if status.is_server_error() { Err(Failure::Transient(error)) } else { Err(Failure::Final(error)) }
    }

    fn transport_failure(&self, request: &Request, error: ureq::Error) -> Failure {
        let transient = matches!(
            error,
            ureq::Error::Io(_)
                | ureq::Error::Timeout(_)
                | ureq::Error::HostNotFound
                | ureq::Error::ConnectionFailed
                | ureq::Error::Protocol(_)
        );
        let cause = match &error {
            ureq::Error::Timeout(_) => format!("no answer within the timeout of {} s", self.timeout.as_secs_f64()),
            ureq::Error::HostNotFound => "host not found (DNS)".to_owned(),
            ureq::Error::Io(e) => e.to_string(),
            other => other.to_string(),
        };
        let error = LoadError::Connection { method: request.method, url: request.url.to_owned(), cause };
        if transient { Failure::Transient(error) } else { Failure::Final(error) }
    }
}

/// The rate a server is assumed to take a large body at, at the slowest.
const SLOWEST_BYTES_PER_SECOND: u64 = 256 * 1024;

/// The time beyond the timeout a server gets to take a body of `len` bytes
/// and answer: Oxigraph server takes minutes to answer a PUT of a few
/// hundred megabytes, and a retry would only add to its work.
pub fn patience(len: u64) -> Duration {
    Duration::from_secs(len / SLOWEST_BYTES_PER_SECOND)
}

/// The first lines of a server's answer: at most 5 lines and 500 characters.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).take(5).collect();
    let joined = lines.join("\n");
    match joined.char_indices().nth(500) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_a_quarter_second_and_is_capped() {
        let ms = |d: Duration| d.as_millis();
        assert_eq!(backoff_schedule(4).into_iter().map(ms).collect::<Vec<_>>(), [250, 500, 1000, 2000]);
        assert_eq!(backoff_schedule(0), Vec::<Duration>::new());
        assert_eq!(backoff(10), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
        let many = backoff_schedule(1000);
        assert!(many.iter().sum::<Duration>() <= MAX_TOTAL_BACKOFF);
        assert!(many.len() < 10, "{many:?}");
    }

    #[test]
    fn excerpt_keeps_five_lines_and_500_characters() {
        let body = (1..=9).map(|i| format!("line {i}\n")).collect::<String>();
        assert_eq!(excerpt(body.as_bytes()), "line 1\nline 2\nline 3\nline 4\nline 5");
        let long = "é".repeat(800);
        let cut = excerpt(long.as_bytes());
        assert_eq!(cut.chars().count(), 501);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn credentials_debug_hides_the_password() {
        let credentials = Credentials::new("dba", "Zebra-Quartz-7781");
        let shown = format!("{credentials:?}");
        assert!(shown.contains("dba"));
        assert!(!shown.contains("Zebra-Quartz-7781"));
    }
}
