//! Roles and permissions are rules: they live in the domain crate (`gonghui_domain::access`).

pub use crate::domain::access::*;
