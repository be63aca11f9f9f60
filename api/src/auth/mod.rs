//! Authentication and authorization: passwords, tokens, the caller extractor, roles and scopes.

pub mod extractor;
pub mod jwt;
pub mod passwords;
pub mod reach;
pub mod scopes;
pub mod throttle;

pub use extractor::AuthUser;
pub use scopes::{Permission, Role};
