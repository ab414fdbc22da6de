//! The web pages in a real browser: headless Chromium (Debian `chromium`)
//! driven through ChromeDriver (`chromium-driver`) by fantoccini, a
//! WebDriver client.
//!
//! - The bundled article's page shows its five quotations highlighted (the
//!   quotation colour, underlined), each piece at its code-point offsets
//!   (the pieces of a quotation read its words exactly), each with its
//!   speaker; following a speaker reaches the speaker's entity page.
//! - The query page answers six-party-participants with six rows.
//! - An article whose text and names hold markup renders it as text: no
//!   script runs and no image appears.
//!
//! Screenshots go to `out/` (`serve-article.png`, `serve-entity.png`,
//! `serve-query.png`, `serve-hostile.png`); docs/serve-article.png, shown in
//! the README, is a copy of the first.

use std::collections::BTreeMap;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::harness::{TestEnv, repo};
use crate::serve::Served;
use crate::servers::free_port;

/// ChromeDriver on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Self {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start chromedriver: {e}: run `make deps-test` (Debian chromium-driver)")
            });
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "chromedriver did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port, profile: tempfile::tempdir().expect("profile directory") }
    }

    /// A headless Chromium session, with the flags that keep it off the
    /// network (this machine's network is closed) and a fresh profile.
    async fn session(&self) -> Client {
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1800",
        ];
        let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        args.push(format!("--user-data-dir={}", self.profile.path().display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), json!({ "binary": "/usr/bin/chromium", "args": args }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a Chromium session (run `make deps-test`: Debian chromium, chromium-driver)")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime")
}

/// Saves a screenshot under `out/`.
async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let dir = repo().join("out");
    std::fs::create_dir_all(&dir).expect("out/");
    let path = dir.join(name);
    std::fs::write(&path, png).expect("write the screenshot");
    path
}

/// The quotations of the bundled article from `newskg query`: (begin, end)
/// → (words at those offsets, speaker's name).
fn quotations() -> BTreeMap<(u64, u64), (String, String)> {
    use oxigraph::model::Term;
    use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};

    let json = TestEnv::new().ok(&[
        "query",
        "--format",
        "json",
        "--sparql",
        "PREFIX schema: <http://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
         PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         SELECT ?b ?e ?words ?name WHERE {
           ?q a schema:Quotation ; schema:spokenByCharacter ?s ; prov:wasDerivedFrom ?p .
           ?p nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?words . ?s schema:name ?name }",
    ]);
    let Ok(SliceQueryResultsParserOutput::Solutions(solutions)) =
        QueryResultsParser::from_format(QueryResultsFormat::Json).for_slice(json.as_bytes())
    else {
        panic!("newskg query gave no rows: {json}");
    };
    solutions
        .map(|solution| {
            let solution = solution.expect("a row");
            let value = |name: &str| match solution.get(name) {
                Some(Term::Literal(literal)) => literal.value().to_owned(),
                other => panic!("{name}: {other:?}"),
            };
            let number = |name: &str| value(name).parse::<u64>().expect("an offset");
            ((number("b"), number("e")), (value("words"), value("name")))
        })
        .collect()
}

/// What the page shows of each quotation: (begin, end) → (the words of its
/// pieces, put together; whether every piece is underlined in the quotation
/// colour; the speaker named just before it).
const READ_QUOTATIONS: &str = r#"
const found = {};
for (const piece of document.querySelectorAll('div.text [data-kind="quotation"]')) {
  const key = piece.dataset.begin + ',' + piece.dataset.end;
  const style = getComputedStyle(piece);
  const underlined = style.borderBottomStyle === 'solid' && parseFloat(style.borderBottomWidth) >= 1
    && style.borderBottomColor === 'rgb(194, 65, 12)';
  const entry = found[key] || (found[key] = { words: '', underlined: true, speaker: null });
  entry.words += piece.textContent;
  entry.underlined = entry.underlined && underlined;
}
for (const badge of document.querySelectorAll('div.text a.speaker')) {
  let next = badge.nextElementSibling;
  const quote = next && (next.matches('[data-kind="quotation"]') ? next : next.querySelector('[data-kind="quotation"]'));
  if (quote) found[quote.dataset.begin + ',' + quote.dataset.end].speaker = badge.textContent;
}
return found;
"#;

#[test]
fn the_article_page_shows_each_quotation_with_its_speaker_and_links_to_the_speaker() {
    let server = Served::start(&[]);
    let driver = Driver::start();
    let expected = quotations();
    assert_eq!(expected.len(), 5, "the bundled article has five quotations");
    runtime().block_on(async {
        let client = driver.session().await;
        let url = format!("{}/id/article/moscow-times-2011-06-29-kim-meeting", server.url());
        client.goto(&url).await.expect("open the article page");
        let shown = client.execute(READ_QUOTATIONS, vec![]).await.expect("read the quotations");
        let shown = shown.as_object().expect("an object").clone();
        let mut seen = BTreeMap::new();
        for (key, value) in &shown {
            let (b, e) = key.split_once(',').expect("offsets");
            let offsets = (b.parse::<u64>().expect("begin"), e.parse::<u64>().expect("end"));
            let field = |name: &str| value.get(name).cloned().unwrap_or(Value::Null);
            assert_eq!(field("underlined"), json!(true), "quotation at {key} is not underlined in its colour");
            seen.insert(
                offsets,
                (
                    field("words").as_str().unwrap_or_default().to_owned(),
                    field("speaker").as_str().unwrap_or_default().to_owned(),
                ),
            );
        }
        assert_eq!(seen, expected, "quotations on the page (offsets → words, speaker) differ from the graph's");
        screenshot(&client, "serve-article.png").await;

        // Following the first quotation's speaker reaches the speaker's page.
        let first = client.find(Locator::Css("div.text a.speaker")).await.expect("a speaker link");
        let speaker = first.text().await.expect("speaker name");
        first.click().await.expect("follow the speaker");
        let heading = client.wait().for_element(Locator::Css("main h1")).await.expect("the entity page");
        assert_eq!(heading.text().await.expect("heading"), speaker);
        let here = client.current_url().await.expect("url");
        assert!(here.path().starts_with("/id/entity/"), "{here}");
        let page = client.source().await.expect("page source");
        assert!(page.contains("Quotations spoken"), "the speaker's page lists the quotations spoken");
        screenshot(&client, "serve-entity.png").await;
        client.close().await.expect("close the session");
    });
}

#[test]
fn the_query_page_answers_six_party_participants_with_six_rows() {
    let server = Served::start(&[]);
    let driver = Driver::start();
    runtime().block_on(async {
        let client = driver.session().await;
        client.goto(&format!("{}/sparql", server.url())).await.expect("open the query page");
        // The bundled query from the examples, then Run.
        client
            .find(Locator::LinkText("six-party-participants"))
            .await
            .expect("the example link")
            .click()
            .await
            .expect("click");
        let text = client
            .find(Locator::Css("textarea#query"))
            .await
            .expect("the query box")
            .prop("value")
            .await
            .expect("value");
        assert!(text.unwrap_or_default().contains("six-party"), "the example fills the form");
        client.find(Locator::Css("form.query button")).await.expect("Run").click().await.expect("run the query");
        client.wait().for_element(Locator::Css("table.results")).await.expect("a results table");
        let rows = client.find_all(Locator::Css("table.results tbody tr")).await.expect("rows");
        assert_eq!(rows.len(), 6);
        let count = client.find(Locator::Css("#row-count")).await.expect("row count").text().await.expect("text");
        assert_eq!(count, "6 rows");
        let names = client.find(Locator::Css("table.results")).await.expect("table").text().await.expect("text");
        for state in ["China", "Japan", "North Korea", "Russia", "South Korea", "United States"] {
            assert!(names.contains(state), "{state} missing from the results:\n{names}");
        }
        screenshot(&client, "serve-query.png").await;
        client.close().await.expect("close the session");
    });
}

#[test]
fn markup_in_an_article_and_a_name_shows_as_text_and_runs_nothing() {
    let env = TestEnv::new();
    let fixture = repo().join("tests/fixtures/serve");
    env.ok(&["build", fixture.to_str().expect("UTF-8 path"), "--store", "kg"]);
    let server = Served::start(&["--store", env.path("kg").to_str().expect("UTF-8 path")]);
    let driver = Driver::start();
    runtime().block_on(async {
        let client = driver.session().await;
        for path in ["/id/article/hostile-markup", "/id/entity/dora-vance", "/search?q=%3Cscript%3E"] {
            client.goto(&format!("{}{path}", server.url())).await.expect("open the page");
            // An alert would be open now, and this call would fail with it.
            let found = client
                .execute(
                    "return { scripts: document.scripts.length, images: document.images.length,
                              handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
                              text: document.body.innerText }",
                    vec![],
                )
                .await
                .unwrap_or_else(|e| panic!("{path}: {e} (did a script open an alert?)"));
            assert_eq!(found["scripts"], json!(0), "{path}: a script element");
            assert_eq!(found["images"], json!(0), "{path}: an image element");
            assert_eq!(found["handlers"], json!(0), "{path}: an event handler");
            let text = found["text"].as_str().unwrap_or_default();
            assert!(text.contains("<script>alert(\"name\")</script>"), "{path}: the name is not shown as text");
            if path.contains("article") {
                assert!(
                    text.contains("\"><img src=x onerror=alert(\"banner\")>"),
                    "{path}: the text is not shown as text"
                );
                screenshot(&client, "serve-hostile.png").await;
            }
        }
        client.close().await.expect("close the session");
    });
}
