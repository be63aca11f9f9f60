//! Reading an uploaded file sent as the raw request body, with a size limit.

use actix_web::http::StatusCode;
use actix_web::web;
use futures_util::StreamExt;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Collects a request body of at most `limit` bytes: a declared `Content-Length` above it, or a stream
/// that grows past it, is a problem+json 413 before more is read. The one reader of bodies: JSON bodies,
/// uploads and the idempotency layer all go through it.
pub async fn collect<S>(
    mut stream: S,
    declared: Option<usize>,
    limit: usize,
) -> ApiResult<web::Bytes>
where
    S: futures_util::Stream<Item = Result<web::Bytes, actix_web::error::PayloadError>> + Unpin,
{
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!("the body exceeds {}", human_size(limit)),
        )
    };
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request(
                ErrorCode::BadRequest,
                format!("could not read the body: {e}"),
            )
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes.freeze())
}

/// The `Content-Length` a request declares, if readable.
pub fn declared_length(headers: &actix_web::http::header::HeaderMap) -> Option<usize> {
    headers
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
}

/// Reads an upload sent as the whole body: at most `max` bytes (413 above), not empty (422 on `file`).
pub async fn read_body(payload: web::Payload, max: usize, what: &str) -> ApiResult<web::Bytes> {
    let bytes = collect(payload, None, max).await?;
    if bytes.is_empty() {
        return Err(ApiError::field(
            "file",
            "required",
            format!("send the {what} as the request body"),
        ));
    }
    Ok(bytes)
}

/// `32 MiB`, `512 KiB`, `100 bytes`.
pub fn human_size(n: usize) -> String {
    if n >= 1024 * 1024 && n % (1024 * 1024) == 0 {
        format!("{} MiB", n / (1024 * 1024))
    } else if n >= 1024 && n % 1024 == 0 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// A file's raw bytes in the OpenAPI document: `type: string` with a `contentMediaType`, as OpenAPI 3.1
/// describes binary bodies (a `Vec<u8>` would read as an array of numbers).
pub struct Binary;

impl utoipa::PartialSchema for Binary {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .content_media_type("application/octet-stream")
            .description(Some("The file's bytes"))
            .into()
    }
}

impl utoipa::ToSchema for Binary {}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_naturally() {
        assert_eq!(super::human_size(32 * 1024 * 1024), "32 MiB");
        assert_eq!(super::human_size(512 * 1024), "512 KiB");
        assert_eq!(super::human_size(1000), "1000 bytes");
    }
}
