//! The integration tests: they run the real `newskg` binary, with a small
//! harness ([`harness`]) for temporary directories, exit codes and output.

mod auto;
mod bad_input;
mod bad_inputs_suite;
mod canonical;
mod corpus;
mod corpus_generator;
mod draft;
mod export_errors;
mod extract;
mod harness;
mod install;
mod interop;
mod interruption;
mod limits;
mod load;
mod load_faults;
mod ontology;
mod picture;
mod properties;
mod provenance;
mod queries;
mod rdf12;
mod roundtrip;
mod serve;
mod serve_browser;
mod serve_clients;
mod serve_safety;
mod serve_w3c;
mod servers;
mod shacl;
mod summaries;
mod terminal;
mod wikidata;
