//! The API suites. Each test runs on SQLite and on PostgreSQL (see `harness::both!`).

mod accounts;
mod audit;
mod auth;
mod courses;
mod hardening;
mod hardship_files;
mod honours;
mod in_process;
mod member_export;
mod member_imports;
mod members;
mod membership;
mod membership_requests;
mod openapi;
mod organisations;
mod platform;
mod races;
mod scope;
mod self_service;
