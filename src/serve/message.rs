//! Requests and responses as the handler sees them, without sockets: a
//! method, a path, a query string, headers and a body in; a status, headers
//! and a body out. Also what every route needs of them: the query string
//! and form bodies as name–value pairs, and content negotiation (`Accept`).

use std::io::{self, Write};

use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, StatusCode};

/// An HTTP request, its body read whole (the server bounds its size).
#[derive(Debug, Clone)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The path, as sent (still percent-encoded).
    pub path: String,
    /// The query string without `?`, as sent (empty when there is none).
    pub query: String,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// A GET of `target` (a path with an optional `?query`), without headers.
    pub fn get(target: &str) -> Self {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Self {
            method: Method::GET,
            path: path.to_owned(),
            query: query.to_owned(),
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }

    /// The same request with a header added (for tests and callers that
    /// build requests by hand). An invalid value is left out.
    #[must_use]
    pub fn with_header(mut self, name: header::HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.append(name, value);
        }
        self
    }

    /// The query string's pairs, percent-decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        pairs(self.query.as_bytes())
    }

    /// The first value of a query string parameter.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_pairs().into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// A header's value as text, when it is present and visible ASCII.
    pub fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The media type of the body (`Content-Type` without parameters, lower
    /// case) and its parameters.
    pub fn content_type(&self) -> Option<MediaType> {
        self.header(header::CONTENT_TYPE).map(MediaType::parse)
    }

    /// The path, percent-decoded; `None` when it does not decode to UTF-8.
    pub fn decoded_path(&self) -> Option<String> {
        percent_encoding::percent_decode_str(&self.path).decode_utf8().ok().map(|p| p.into_owned())
    }
}

/// Name–value pairs of `application/x-www-form-urlencoded` text.
pub fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).map(|(n, v)| (n.into_owned(), v.into_owned())).collect()
}

/// A media type with its parameters, as in `Content-Type` or one range of
/// `Accept`.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaType {
    /// `type/subtype`, lower case.
    pub essence: String,
    /// Parameters, names lower case, values unquoted.
    pub params: Vec<(String, String)>,
}

impl MediaType {
    /// Parses `type/subtype; name=value; …` leniently (a malformed parameter
    /// is left out).
    pub fn parse(text: &str) -> Self {
        let mut parts = text.split(';');
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let params = parts
            .filter_map(|p| {
                let (name, value) = p.split_once('=')?;
                Some((name.trim().to_ascii_lowercase(), value.trim().trim_matches('"').to_owned()))
            })
            .collect();
        Self { essence, params }
    }

    /// A parameter's value.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The quality of an `Accept` range (`q`, 1 when absent or unreadable).
    fn quality(&self) -> f32 {
        self.param("q").and_then(|q| q.parse::<f32>().ok()).filter(|q| (0.0..=1.0).contains(q)).unwrap_or(1.0)
    }
}

/// Chooses what to answer from what the client accepts.
///
/// `offers` are the media types the route can produce, in the server's order
/// of preference, each with what it stands for. Each offer gets the quality
/// of the most specific `Accept` range that matches it (`text/turtle` before
/// `text/*` before `*/*`); the best quality wins, the server's order breaks
/// ties. No `Accept` (or an empty one) takes the first offer; `None` when
/// nothing offered is acceptable (406).
pub fn negotiate<T: Copy>(accept: Option<&str>, offers: &[(&str, T)]) -> Option<T> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return offers.first().map(|(_, t)| *t);
    };
    let ranges: Vec<MediaType> = accept.split(',').map(MediaType::parse).filter(|r| !r.essence.is_empty()).collect();
    let mut best: Option<(f32, T)> = None;
    for (offer, value) in offers {
        let (kind, _) = offer.split_once('/').unwrap_or((offer, ""));
        let quality = ranges
            .iter()
            .filter_map(|range| {
                let specificity = if range.essence == *offer {
                    2
                } else if range.essence.strip_suffix("/*") == Some(kind) {
                    1
                } else if range.essence == "*/*" || range.essence == "*" {
                    0
                } else {
                    return None;
                };
                Some((specificity, range.quality()))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .map(|(_, q)| q);
        if let Some(q) = quality.filter(|q| *q > 0.0)
            && best.is_none_or(|(b, _)| q > b)
        {
            best = Some((q, *value));
        }
    }
    best.map(|(_, t)| t)
}

/// Writes a streamed body.
pub type Producer = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()>>;

/// What a response carries.
pub enum Body {
    /// Bytes ready to send.
    Bytes(Vec<u8>),
    /// Bytes written as they are produced (query results, whole graphs): the
    /// server sends them in chunks as they come. An error while writing
    /// aborts the response, which the client sees as a cut connection.
    Stream(Producer),
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Stream(_) => f.write_str("Stream"),
        }
    }
}

impl Body {
    /// Writes the whole body.
    pub fn write_to(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Self::Bytes(bytes) => out.write_all(&bytes),
            Self::Stream(produce) => produce(out),
        }
    }

    /// The whole body as bytes.
    pub fn into_bytes(self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes)?;
        Ok(bytes)
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    /// The status.
    pub status: StatusCode,
    /// The headers (the server adds `Content-Length` or chunked encoding).
    pub headers: HeaderMap,
    /// The body.
    pub body: Body,
}

impl Response {
    /// A response with a body of the given media type.
    pub fn new(status: StatusCode, content_type: &str, body: Body) -> Self {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(content_type) {
            headers.insert(header::CONTENT_TYPE, value);
        }
        Self { status, headers, body }
    }

    /// A plain-text message: what every error answers.
    pub fn text(status: StatusCode, message: impl Into<String>) -> Self {
        let mut text = message.into();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Self::new(status, "text/plain; charset=utf-8", Body::Bytes(text.into_bytes()))
    }

    /// An HTML page.
    pub fn html(status: StatusCode, page: String) -> Self {
        Self::new(status, "text/html; charset=utf-8", Body::Bytes(page.into_bytes()))
    }

    /// A redirection (303 See Other) to `location`.
    pub fn see_other(location: &str) -> Self {
        let mut response = Self::text(StatusCode::SEE_OTHER, format!("See {location}"));
        if let Ok(value) = HeaderValue::from_str(location) {
            response.headers.insert(header::LOCATION, value);
        }
        response
    }

    /// The same response with a header set.
    #[must_use]
    pub fn with_header(mut self, name: header::HeaderName, value: &'static str) -> Self {
        self.headers.insert(name, HeaderValue::from_static(value));
        self
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }
}

/// An error answer: a status and a plain message for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    /// The status.
    pub status: StatusCode,
    /// What went wrong, for the client.
    pub message: String,
}

impl HttpError {
    /// An error with a status and a message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into() }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 406 Not Acceptable, listing what the route offers.
    pub fn not_acceptable(offers: &[&str]) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            format!("none of the media types in Accept can be produced here; available: {}", offers.join(", ")),
        )
    }
}

impl From<HttpError> for Response {
    fn from(error: HttpError) -> Self {
        let allow = (error.status == StatusCode::METHOD_NOT_ALLOWED).then_some("GET, HEAD, POST");
        let mut response = Response::text(error.status, error.message);
        if let Some(allow) = allow {
            response.headers.insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_quality_then_specificity_then_server_order() {
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum F {
            Json,
            Xml,
            Csv,
            Html,
        }
        let offers = [
            ("application/sparql-results+json", F::Json),
            ("application/sparql-results+xml", F::Xml),
            ("text/csv", F::Csv),
            ("text/html", F::Html),
        ];
        let table: &[(Option<&str>, Option<F>)] = &[
            (None, Some(F::Json)),
            (Some(""), Some(F::Json)),
            (Some("*/*"), Some(F::Json)),
            (Some("text/csv"), Some(F::Csv)),
            (Some("TEXT/CSV; charset=utf-8"), Some(F::Csv)),
            (Some("application/sparql-results+xml, application/sparql-results+json;q=0.5"), Some(F::Xml)),
            (Some("text/*"), Some(F::Csv)),
            (Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), Some(F::Html)),
            (Some("*/*;q=0.1, text/csv;q=0"), Some(F::Json)),
            (Some("text/*;q=0.9, text/csv;q=0"), Some(F::Html)),
            (Some("image/png"), None),
            (Some("text/csv;q=0"), None),
            (Some("application/sparql-results+json;q=0.2, text/csv;q=0.7"), Some(F::Csv)),
            (Some("text/csv;q=nonsense"), Some(F::Csv)),
        ];
        for (accept, expected) in table {
            assert_eq!(negotiate(*accept, &offers), *expected, "Accept: {accept:?}");
        }
    }

    #[test]
    fn media_types_are_read_leniently() {
        let m = MediaType::parse("Application/SPARQL-Query ; Charset=\"UTF-16\" ; bad");
        assert_eq!(m.essence, "application/sparql-query");
        assert_eq!(m.param("charset"), Some("UTF-16"));
        assert_eq!(m.params.len(), 1);
    }

    #[test]
    fn query_strings_decode_repeated_names_in_order() {
        let request = Request::get("/sparql?default-graph-uri=a&query=ASK%20%7B%7D&default-graph-uri=b+c");
        assert_eq!(
            request.query_pairs(),
            [
                ("default-graph-uri".to_owned(), "a".to_owned()),
                ("query".to_owned(), "ASK {}".to_owned()),
                ("default-graph-uri".to_owned(), "b c".to_owned())
            ]
        );
        assert_eq!(request.param("query").as_deref(), Some("ASK {}"));
    }
}
