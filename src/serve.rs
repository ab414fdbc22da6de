//! The serve stage: the store put in front of people and SPARQL clients over
//! HTTP, read-only.
//!
//! It takes a [`Store`](oxigraph::store::Store) (a persistent one opened read-only, so that it runs
//! beside a build, or the bundled article in memory) and hands on answers to
//! HTTP requests:
//!
//! - the SPARQL 1.1 Protocol at `/sparql` and `/query` (GET, POST form,
//!   POST `application/sparql-query`; `default-graph-uri` and
//!   `named-graph-uri`; results and graphs in the W3C formats, negotiated; a
//!   service description; updates refused with 403) and Graph Store Protocol
//!   reads at `/store`;
//! - web pages, HTML with a little CSS and no script: the articles and the
//!   bundled queries (`/`), entity and fact pages at the path of their IRI
//!   under the base (`/id/entity/kim-jong-il`) or `/resource?iri=…`, which
//!   give RDF to a client that asks for it, article pages with every span
//!   marked at its offsets, the article's picture, and a query form.
//!
//! The parts: [`message`] holds the request and response types and content
//! negotiation; [`routes`] is the handler, a plain function of the request;
//! [`sparql`] the protocol; [`read`] the bounded store reads behind the
//! pages; [`html`] the pages; [`http`] the server loop with its limits and
//! its graceful stop; [`worker`] the processes that evaluate SPARQL, so
//! that a query past its timeout is stopped for sure.

pub mod html;
pub mod http;
pub mod message;
pub mod read;
pub mod routes;
pub mod sparql;
#[cfg(test)]
mod tests;
mod watchdog;
pub mod worker;

use std::net::SocketAddr;
use std::time::Duration;

pub use http::{Limits, Server};
pub use message::{Body, Request, Response};
pub use routes::App;
pub use worker::WorkerCommand;

/// How the server runs: what `newskg serve` validated from its arguments.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen.
    pub bind: SocketAddr,
    /// The base IRI under which the store's resources are minted; `/id/PATH`
    /// serves the resource `BASE` + `PATH`.
    pub base: String,
    /// Longest time a query may run before it is cancelled (503).
    pub timeout: Duration,
    /// Answer cross-origin requests (`Access-Control-Allow-Origin: *`).
    pub cors: bool,
    /// The limits on requests and connections.
    pub limits: Limits,
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The runtime or a signal handler could not be set up.
    #[error("cannot start the server: {0}")]
    Start(std::io::Error),
}
