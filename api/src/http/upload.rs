//! Reading an uploaded file sent as the raw request body, with a size limit.

use actix_web::http::StatusCode;
use actix_web::web;
use futures_util::StreamExt;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Reads the whole body, refusing more than `max` bytes with a 413 and an empty body with a 422 on `file`.
pub async fn read_body(mut payload: web::Payload, max: usize, what: &str) -> ApiResult<web::Bytes> {
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request(
                ErrorCode::BadRequest,
                format!("could not read the upload: {e}"),
            )
        })?;
        if bytes.len() + chunk.len() > max {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                format!("uploads are limited to {}", human_size(max)),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.is_empty() {
        return Err(ApiError::field(
            "file",
            "required",
            format!("send the {what} as the request body"),
        ));
    }
    Ok(bytes.freeze())
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
