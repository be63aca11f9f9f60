//! One module per table: its row types and the queries on it. Every query that lists or loads scoped rows
//! takes the caller's subtree range.

pub mod accounts;
pub mod audit_events;
pub mod courses;
pub mod hardship_files;
pub mod login_attempts;
pub mod member_honours;
pub mod member_imports;
pub mod members;
pub mod membership_requests;
pub mod organisations;
pub mod refresh_tokens;

/// The backend type of our connection enum.
pub type Db = <crate::db::DbConn as diesel::Connection>::Backend;

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends (MultiConnection has no `ilike`).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A `LIKE` pattern matching `needle` anywhere, with `%`, `_` and `\` escaped (use with `.escape('\\')`).
pub fn contains_pattern(needle: &str) -> String {
    let escaped = needle
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
