//! Optimistic concurrency: `ETag` on single reads, `If-Match` required on writes to existing resources.

use std::future::{ready, Ready};

use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// The ETag of a row version.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version an `If-Match` header names (`"3"`, `W/"3"` or `*` for any).
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(Option<i32>);

impl IfMatch {
    /// Fails with 412 when the current version is not the one the client read.
    pub fn check(&self, current: i32) -> ApiResult<()> {
        match self.0 {
            None => Ok(()),
            Some(v) if v == current => Ok(()),
            Some(_) => Err(ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                ErrorCode::PreconditionFailed,
                format!(
                    "the resource has changed (now {}); read it again and retry",
                    etag(current)
                ),
            )),
        }
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<IfMatch, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let parsed = match req
            .headers()
            .get("if-match")
            .map(|v| v.to_str().map(str::trim))
        {
            None => Err(ApiError::new(
                StatusCode::PRECONDITION_REQUIRED,
                ErrorCode::PreconditionRequired,
                "this write needs an If-Match header with the ETag you read",
            )),
            Some(Ok("*")) => Ok(IfMatch(None)),
            Some(Ok(v)) => v
                .trim_start_matches("W/")
                .trim_matches('"')
                .parse::<i32>()
                .map(|n| IfMatch(Some(n)))
                .map_err(|_| {
                    ApiError::bad_request(
                        ErrorCode::InvalidParameter,
                        "If-Match must be an ETag this API issued",
                    )
                }),
            Some(Err(_)) => Err(ApiError::bad_request(
                ErrorCode::InvalidParameter,
                "If-Match is not readable text",
            )),
        };
        ready(parsed)
    }
}
