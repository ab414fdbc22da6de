//! The integration tests: they run the real `newskg` binary, with a small
//! harness ([`harness`]) for temporary directories, exit codes and output.

mod bad_input;
mod harness;
mod ontology;
mod provenance;
mod queries;
mod roundtrip;
