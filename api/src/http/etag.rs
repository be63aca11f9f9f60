//! Optimistic concurrency: `ETag` on single reads, `If-Match` required on writes to existing resources.

use std::future::{ready, Ready};

use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// The ETag of a row version.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The versions an `If-Match` header names: `*` for any, or a list of entity tags (`"3"`, `W/"3"`,
/// `"3", "4"`). A well-formed tag this API never issued (`"abc"`) matches nothing, so the write answers
/// 412 as RFC 9110 says; only a header that is not a list of entity tags at all is a 400. Weak tags are
/// compared as strong ones: proxies that compress answers weaken the ETags they pass on.
///
/// A missing or malformed header (428, 400) is answered by [`IfMatch::check`], which handlers call after
/// loading the resource in the caller's scope: 404 comes before any other check.
#[derive(Debug, Clone)]
pub struct IfMatch(Result<Option<Vec<i32>>, ApiError>);

impl IfMatch {
    /// Fails with 428 or 400 for a missing or malformed header, with 412 when the current version is not
    /// one the client read.
    pub fn check(&self, resource: &str, current: i32) -> ApiResult<()> {
        match &self.0 {
            Err(e) => Err(e.clone()),
            Ok(None) => Ok(()),
            Ok(Some(v)) if v.contains(&current) => Ok(()),
            Ok(Some(_)) => Err(ApiError::changed(resource, Some(current))),
        }
    }

    /// `If-Match: *`: any version (for a second guarded step inside one request).
    pub fn any() -> IfMatch {
        IfMatch(Ok(None))
    }

    /// Parses the header's value.
    pub fn parse(value: &str) -> Result<IfMatch, &'static str> {
        let value = value.trim();
        if value == "*" {
            return Ok(IfMatch(Ok(None)));
        }
        let mut versions = Vec::new();
        let mut rest = value;
        loop {
            rest = rest.trim_start();
            let tag = rest.strip_prefix("W/").unwrap_or(rest);
            let inner = tag
                .strip_prefix('"')
                .and_then(|t| t.find('"').map(|end| (&t[..end], &t[end + 1..])));
            let Some((opaque, after)) = inner else {
                return Err("If-Match must be * or a list of entity tags such as \"3\"");
            };
            if opaque.chars().any(|c| c == '\\' || c.is_control()) {
                return Err("If-Match must be * or a list of entity tags such as \"3\"");
            }
            if let Ok(n) = opaque.parse::<i32>() {
                versions.push(n);
            }
            let after = after.trim_start();
            if after.is_empty() {
                return Ok(IfMatch(Ok(Some(versions))));
            }
            rest = after
                .strip_prefix(',')
                .ok_or("If-Match must be * or a list of entity tags such as \"3\"")?;
        }
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<IfMatch, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let parsed = match req.headers().get("if-match").map(|v| v.to_str()) {
            None => Err(ApiError::new(
                StatusCode::PRECONDITION_REQUIRED,
                ErrorCode::PreconditionRequired,
                "this write needs an If-Match header with the ETag you read",
            )),
            Some(Ok(v)) => IfMatch::parse(v)
                .map_err(|why| ApiError::bad_request(ErrorCode::InvalidParameter, why)),
            Some(Err(_)) => Err(ApiError::bad_request(
                ErrorCode::InvalidParameter,
                "If-Match is not readable text",
            )),
        };
        ready(Ok(IfMatch(parsed.and_then(|m| m.0))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_tags_fail_the_precondition_and_only_broken_syntax_is_a_400() {
        let status = |v: &str| match IfMatch::parse(v) {
            Err(_) => 400,
            Ok(m) => match m.check("course", 3) {
                Ok(()) => 200,
                Err(e) => e.status.as_u16(),
            },
        };
        assert_eq!(status("\"3\""), 200);
        assert_eq!(status("W/\"3\""), 200);
        assert_eq!(status("*"), 200);
        assert_eq!(status("\"1\", \"3\""), 200);
        assert_eq!(status("\"2\""), 412);
        assert_eq!(status("\"abc\""), 412, "a tag this API never issued");
        assert_eq!(status("\"\""), 412);
        assert_eq!(status("\"99999999999\""), 412);
        assert_eq!(status("3"), 400);
        assert_eq!(status("\"3"), 400);
        assert_eq!(status("\"3\" x"), 400);
        assert_eq!(status(""), 400);
    }

    #[test]
    fn the_412_names_the_resource_that_changed() {
        let stale = IfMatch::parse("\"2\"").map(|m| m.check("hardship file", 3));
        let detail = match stale {
            Ok(Err(e)) => e.detail,
            _ => String::new(),
        };
        assert_eq!(
            detail,
            "the hardship file has changed (now \"3\"); read it again and retry"
        );
    }
}
