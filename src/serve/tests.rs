//! The handler without sockets: requests in, responses out, over the
//! bundled article in memory.

use std::time::{Duration, Instant};

use hyper::header::{self, HeaderValue};
use hyper::{Method, StatusCode};

use super::{App, Limits, Options, Request};

const ARTICLE: &str = "moscow-times-2011-06-29-kim-meeting";

fn app_with(timeout: Duration, cors: bool) -> App {
    let base = crate::DEFAULT_BASE;
    let store = crate::store::open(None).expect("store");
    let conversion = crate::convert::convert(&crate::convert::Source::bundled(), base).expect("bundled article");
    crate::store::load(&store, &conversion, base).expect("load");
    let options = Options {
        bind: "127.0.0.1:8080".parse().expect("address"),
        base: base.to_owned(),
        timeout,
        cors,
        limits: Limits::default(),
    };
    App::new(store, options)
}

fn app() -> App {
    app_with(Duration::from_secs(30), false)
}

/// A request from its parts: method, target, headers (`name: value`), body.
fn request(method: &str, target: &str, headers: &[&str], body: &str) -> Request {
    let mut request = Request::get(target);
    request.method = Method::from_bytes(method.as_bytes()).expect("method");
    for header in headers {
        let (name, value) = header.split_once(':').expect("name: value");
        request.headers.append(
            header::HeaderName::from_bytes(name.trim().as_bytes()).expect("header name"),
            HeaderValue::from_str(value.trim()).expect("header value"),
        );
    }
    request.body = body.as_bytes().to_vec();
    request
}

fn answer(app: &App, request: &Request) -> (StatusCode, String, String) {
    let response = app.handle(request);
    let content_type = response.content_type().unwrap_or_default().to_owned();
    let body = String::from_utf8(response.body.into_bytes().expect("body")).expect("UTF-8 body");
    (response.status, content_type, body)
}

const FORM: &str = "content-type: application/x-www-form-urlencoded";
const DIRECT: &str = "content-type: application/sparql-query";
const BROWSER: &str = "accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

#[test]
fn the_protocol_answers_each_request_with_its_status_and_format() {
    let app = app();
    let select = "SELECT%20(COUNT(*)%20AS%20?n)%20WHERE%20%7B%20?q%20a%20%3Chttp://schema.org/Quotation%3E%20%7D";
    // (method, target, headers, body) → (status, content type starts with, body contains)
    type Case<'a> = (&'a str, &'a str, &'a [&'a str], &'a str, u16, &'a str, &'a str);
    let table: &[Case<'_>] = &[
        ("GET", "/sparql?query=ASK%20%7B%7D", &[], "", 200, "application/sparql-results+json", "\"boolean\":true"),
        ("POST", "/sparql", &[FORM], "query=ASK%20%7B%7D", 200, "application/sparql-results+json", "true"),
        ("POST", "/query", &[DIRECT], "ASK {}", 200, "application/sparql-results+json", "true"),
        ("GET", &format!("/sparql?query={select}"), &["accept: text/csv"], "", 200, "text/csv", "n\r\n5\r\n"),
        (
            "GET",
            &format!("/sparql?query={select}"),
            &["accept: text/tab-separated-values"],
            "",
            200,
            "text/tab-separated-values",
            "?n\n5\n",
        ),
        (
            "GET",
            &format!("/sparql?query={select}"),
            &["accept: application/sparql-results+xml"],
            "",
            200,
            "application/sparql-results+xml",
            "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">5</literal>",
        ),
        (
            "GET",
            "/sparql?query=ASK%20%7B%7D",
            &["accept: text/csv"],
            "",
            200,
            "application/sparql-results+json",
            "true",
        ),
        (
            "POST",
            "/sparql",
            &[DIRECT, "accept: text/turtle"],
            "CONSTRUCT { <s> <p> 1 } WHERE {}",
            200,
            "text/turtle",
            "<http://127.0.0.1:8080/s> <http://127.0.0.1:8080/p> 1",
        ),
        (
            "POST",
            "/sparql",
            &[DIRECT, "accept: application/n-triples"],
            "DESCRIBE <https://w3id.org/newskg/id/entity/kim-jong-il>",
            200,
            "application/n-triples",
            "\"Kim Jong Il\"",
        ),
        (
            "POST",
            "/sparql",
            &[DIRECT, "accept: application/ld+json"],
            "CONSTRUCT WHERE { <https://w3id.org/newskg/id/entity/kim-jong-il> <http://schema.org/name> ?n }",
            200,
            "application/ld+json",
            "Kim Jong Il",
        ),
        (
            "GET",
            "/sparql?query=ASK%20%7B%7D",
            &["accept: image/png"],
            "",
            406,
            "text/plain",
            "application/sparql-results+json",
        ),
        ("POST", "/sparql", &[], "query=ASK%20%7B%7D", 415, "text/plain", "Content-Type"),
        ("POST", "/sparql", &["content-type: text/plain"], "ASK {}", 415, "text/plain", "text/plain"),
        (
            "POST",
            "/sparql",
            &["content-type: application/sparql-query; charset=UTF-16"],
            "ASK {}",
            415,
            "text/plain",
            "UTF-16",
        ),
        ("PUT", "/sparql?query=ASK%20%7B%7D", &[FORM], "", 405, "text/plain", "GET or POST"),
        ("GET", "/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D", &[], "", 400, "text/plain", "more than one query"),
        ("GET", "/sparql?query=ASK%20%7B", &[], "", 400, "text/plain", "not valid SPARQL"),
        (
            "GET",
            "/sparql?query=ASK%20%7B%7D&default-graph-uri=not%20an%20iri",
            &[],
            "",
            400,
            "text/plain",
            "not an absolute IRI",
        ),
        ("GET", "/sparql?update=CLEAR%20ALL", &[], "", 403, "text/plain", "read-only"),
        ("POST", "/sparql", &["content-type: application/sparql-update"], "CLEAR ALL", 403, "text/plain", "read-only"),
        ("POST", "/sparql", &[FORM], "update=CLEAR%20ALL", 403, "text/plain", "read-only"),
        ("POST", "/sparql", &[DIRECT], "DROP ALL", 403, "text/plain", "read-only"),
        (
            "GET",
            "/sparql?query=SELECT%20*%20%7B%20SERVICE%20%3Chttp://example.org/s%3E%20%7B%20?s%20?p%20?o%20%7D%20%7D",
            &[],
            "",
            400,
            "text/plain",
            "does not call other services",
        ),
        ("GET", "/sparql", &["accept: text/turtle"], "", 200, "text/turtle", "sd:SPARQL11Query"),
        ("GET", "/sparql", &[], "", 200, "text/turtle", "sd:endpoint <http://127.0.0.1:8080/sparql>"),
        ("GET", "/sparql", &[BROWSER], "", 200, "text/html", "<textarea"),
        ("GET", "/sparql?example=six-party-participants", &[BROWSER], "", 200, "text/html", "six-party"),
        (
            "GET",
            "/store?graph=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Fgraph%2Fentities",
            &["accept: application/n-triples"],
            "",
            200,
            "application/n-triples",
            "\"Kim Jong Il\"",
        ),
        ("GET", "/store?graph=http%3A%2F%2Fexample.org%2Fnothing", &[], "", 404, "text/plain", "no graph"),
        ("GET", "/store?default", &["accept: text/turtle"], "", 200, "text/turtle", "schema:Quotation"),
        ("GET", "/store", &[], "", 200, "application/n-quads", "<https://w3id.org/newskg/id/graph/entities>"),
        ("PUT", "/store?default", &["content-type: text/turtle"], "", 403, "text/plain", "read-only"),
    ];
    for (method, target, headers, body, status, content_type, contains) in table {
        let (got_status, got_type, got_body) = answer(&app, &request(method, target, headers, body));
        let case = format!("{method} {target} {headers:?}");
        assert_eq!(got_status.as_u16(), *status, "{case}: {got_body}");
        assert!(got_type.starts_with(content_type), "{case}: content type {got_type}");
        assert!(got_body.contains(contains), "{case}: body lacks {contains:?}:\n{got_body}");
    }
}

#[test]
fn a_405_names_the_methods_allowed() {
    let response = app().handle(&request("DELETE", "/sparql", &[], ""));
    assert_eq!(response.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers.get(header::ALLOW).and_then(|v| v.to_str().ok()), Some("GET, HEAD, POST"));
}

#[test]
fn the_protocol_dataset_replaces_the_union_default_graph() {
    let app = app();
    let count = "SELECT%20(COUNT(*)%20AS%20?n)%20WHERE%20%7B%20?s%20?p%20?o%20%7D";
    let entities = "https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Fgraph%2Fentities";
    let article = format!("https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle%2F{ARTICLE}");
    let rows = |target: &str| {
        let (status, _, body) = answer(&app, &request("GET", target, &["accept: text/tab-separated-values"], ""));
        assert_eq!(status, StatusCode::OK, "{target}: {body}");
        body.lines().nth(1).and_then(|n| n.parse::<usize>().ok()).expect("a count")
    };
    let union = rows(&format!("/sparql?query={count}"));
    let only_entities = rows(&format!("/sparql?query={count}&default-graph-uri={entities}"));
    let both = rows(&format!("/sparql?query={count}&default-graph-uri={entities}&default-graph-uri={article}"));
    let none = rows(&format!("/sparql?query={count}&named-graph-uri={entities}"));
    // The union also holds the article's summary graph.
    assert!(0 < only_entities && only_entities < both && both < union, "{only_entities} {both} {union}");
    assert_eq!(none, 0, "named-graph-uri alone leaves the default graph empty");
}

#[test]
fn pages_answer_browsers_and_resources_answer_rdf_clients() {
    let app = app();
    let article = format!("/id/article/{ARTICLE}");
    // (target, headers) → (status, content type, body contains)
    let table: &[(&str, &[&str], u16, &str, &str)] = &[
        ("/", &[BROWSER], 200, "text/html", "North Korea, Russia Abandon Plans for Kim Meeting"),
        ("/", &[], 200, "text/html", "/queries/six-party-participants"),
        (&article, &[BROWSER], 200, "text/html", r#"class="speaker" href="/id/entity/natalya-timakova""#),
        (&format!("{article}/text"), &[BROWSER], 303, "text/plain", ""),
        (
            &article,
            &["accept: application/n-quads"],
            200,
            "application/n-quads",
            "<https://w3id.org/newskg/id/article/moscow-times-2011-06-29-kim-meeting> .",
        ),
        (&format!("{article}?format=dot"), &[], 200, "text/vnd.graphviz", "digraph"),
        ("/id/entity/kim-jong-il", &[BROWSER], 200, "text/html", "Wikidata Q10665"),
        ("/id/entity/kim-jong-il", &["accept: text/turtle"], 200, "text/turtle", "schema:name \"Kim Jong Il\""),
        ("/id/entity/kim-jong-il", &["accept: application/ld+json"], 200, "application/ld+json", "Kim Jong Il"),
        (
            "/id/entity/kim-jong-il?format=ntriples",
            &[BROWSER],
            200,
            "application/n-triples",
            "<http://schema.org/name> \"Kim Jong Il\"",
        ),
        ("/id/entity/kim-jong-il?format=nonsense", &[], 400, "text/plain", "unknown format"),
        ("/id/entity/natalya-timakova", &[], 200, "text/html", "No such meeting is included"),
        (&format!("/id/article/{ARTICLE}/quotation/timakova-no-such-meeting"), &[], 200, "text/html", "Evidence"),
        ("/resource?iri=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Fentity%2Frussia", &[], 200, "text/html", "Russia"),
        ("/resource?iri=http%3A%2F%2Fschema.org%2FPerson", &[], 200, "text/html", "Referred to by"),
        ("/resource?iri=not%20an%20iri", &[], 404, "text/plain", "not an absolute IRI"),
        ("/search?q=timak", &[], 200, "text/html", "Natalya Timakova"),
        ("/search?q=%3Cscript%3E", &[], 200, "text/html", "&lt;script&gt;"),
        ("/queries/six-party-participants", &[BROWSER], 200, "text/html", "6 rows"),
        ("/queries/six-party-participants", &["accept: text/csv"], 200, "text/csv", "South Korea"),
        ("/queries/six-party-participant", &[], 404, "text/plain", "did you mean \"six-party-participants\""),
        ("/id/entity/nobody", &[], 404, "text/plain", "says nothing"),
        ("/id/entity/nobody", &[BROWSER], 404, "text/html", "says nothing"),
        ("/nothing-here", &[], 404, "text/plain", "nothing at /nothing-here"),
        ("/../../etc/passwd", &[], 404, "text/plain", "nothing at"),
        ("/id/../../etc/passwd", &[], 404, "text/plain", ""),
        ("/Cargo.toml", &[], 404, "text/plain", ""),
        ("/src/serve.rs", &[], 404, "text/plain", ""),
    ];
    for (target, headers, status, content_type, contains) in table {
        let (got_status, got_type, got_body) = answer(&app, &request("GET", target, headers, ""));
        assert_eq!(got_status.as_u16(), *status, "{target}: {got_body}");
        assert!(got_type.starts_with(content_type), "{target}: content type {got_type}");
        assert!(got_body.contains(contains), "{target}: body lacks {contains:?}");
        assert!(!got_body.contains("[package]") && !got_body.contains("root:x:0"), "{target} shows a file");
    }
}

#[test]
fn head_answers_headers_only_and_cors_adds_its_headers() {
    let app = app_with(Duration::from_secs(30), true);
    let response = app.handle(&request("HEAD", "/", &[], ""));
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body.into_bytes().expect("body").len(), 0);
    let response = app.handle(&request("OPTIONS", "/sparql", &["origin: http://example.org"], ""));
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    for name in [
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::ACCESS_CONTROL_ALLOW_METHODS,
        header::ACCESS_CONTROL_ALLOW_HEADERS,
    ] {
        assert!(response.headers.contains_key(&name), "{name} missing");
    }
    let without = app_with(Duration::from_secs(30), false).handle(&request("GET", "/", &[], ""));
    assert!(!without.headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

#[test]
fn a_query_past_the_timeout_is_cancelled_with_503() {
    let app = app_with(Duration::from_millis(300), false);
    // A cross product of every quad with itself three times: far more than 300 ms of work.
    let query =
        "SELECT%20(COUNT(*)%20AS%20?n)%20WHERE%20%7B%20?a%20?b%20?c%20.%20?d%20?e%20?f%20.%20?g%20?h%20?i%20%7D";
    let started = Instant::now();
    let (status, _, body) = answer(&app, &request("GET", &format!("/sparql?query={query}"), &[], ""));
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("0.3 s"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(10), "cancelled after {:?}", started.elapsed());
}
