//! One integration-test binary (faster to build than one per file).
// Tests explain a skip on stderr; the library itself never prints.
#![allow(clippy::print_stderr)]

mod bad_input;
mod catalog_scale;
mod cli;
mod config;
mod corpus;
mod fixtures;
mod rule_examples;
mod rule_table;
