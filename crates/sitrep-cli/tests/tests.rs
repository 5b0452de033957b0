//! End-to-end tests of the `sitrep` binary, gathered by theme.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod util;

mod bad_input;
mod contract;
mod eval;
mod examples;
mod seeds;
mod store;
mod train;
