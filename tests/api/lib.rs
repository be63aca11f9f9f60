//! Test support shared by the API suites.

pub mod harness;
