//! Keyset pagination: `limit` and an opaque `cursor` in, `items` and `next_cursor` out.

use base64::Engine;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// The default page size.
pub const DEFAULT_LIMIT: i64 = 50;
/// The largest page size; a larger `limit` is refused (422), never silently cut.
pub const MAX_LIMIT: i64 = 200;

/// Page parameters shared by every list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 200 (default 50); outside that range the request is refused with 422.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    /// The effective limit.
    pub fn limit(&self) -> ApiResult<i64> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if !(1..=MAX_LIMIT).contains(&n) => Err(ApiError::field(
                "limit",
                "out_of_range",
                format!("must be 1 to {MAX_LIMIT}"),
            )),
            Some(n) => Ok(n),
        }
    }

    /// The key after which the page starts.
    pub fn after(&self) -> ApiResult<Option<String>> {
        match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(c) => base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(c)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .filter(|s| s.len() <= 200)
                .map(Some)
                .ok_or_else(|| {
                    ApiError::bad_request(
                        ErrorCode::InvalidParameter,
                        "cursor is not one this API issued",
                    )
                }),
        }
    }
}

/// Encodes a key as a cursor.
pub fn cursor(key: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key)
}

/// Trims a `limit + 1` fetch to the page and computes the next cursor from the last item's key.
pub fn finish<T>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next = if more {
        rows.last().map(|r| cursor(&key(r)))
    } else {
        None
    };
    (rows, next)
}
