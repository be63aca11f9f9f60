//! Gonghui (工会): the API of a platform for China's trade-union federations.
//!
//! Layout: `startup` assembles the app, `routes/<area>/<action>.rs` hold the handlers, `db/models/<table>.rs`
//! the queries, `domain` the validated types and pure rules, `auth` tokens and scopes, `http` the shared
//! plumbing (errors, pagination, ETags, idempotency, request ids).

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub use gonghui_domain as domain;
pub mod error;
pub mod http;
pub mod openapi;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod views;
