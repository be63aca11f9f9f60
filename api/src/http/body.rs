//! `Body<T>`: the JSON body extractor. Unlike `web::Json` it reports *which* field is wrong: a syntax error
//! is a 400 `malformed_json`, a wrong type, unknown variant, missing or unknown field a 422 naming the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::state::AppState;

/// A JSON request body of type `T`, read and parsed by the extractor but answered for only when the
/// handler asks: a wrong body (400, 413, 415, 422) never answers before the handler has checked that what
/// the path names is in the caller's reach (404 comes before any other check).
#[derive(Debug)]
pub struct Body<T>(Result<T, ApiError>);

impl<T> Body<T> {
    /// The body, or why it is not acceptable.
    pub fn into_inner(self) -> ApiResult<T> {
        self.0
    }

    /// A body for tests and internal callers.
    pub fn from_value(value: T) -> Body<T> {
        Body(Ok(value))
    }
}

/// Whether the request says its body is JSON (`application/json` or `application/…+json`).
pub fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| {
            let m = m.trim().to_ascii_lowercase();
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
        .unwrap_or(false)
}

/// Parses a JSON body into `T`: a syntax error is a 400 `malformed_json`; a control character in any
/// string, a wrong type, an unknown variant, a missing or unknown field a 422 naming the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(
            ErrorCode::MalformedJson,
            format!("the body is not valid JSON: {e}"),
        )
    })?;
    crate::http::text_guard::check_json(&value)?;
    // Every body of this API is an object; serde would also read a struct from an array of its fields.
    if !value.is_object() {
        return Err(ApiError::field(
            "body",
            "invalid_value",
            "the body must be a JSON object",
        ));
    }
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(v) => Ok(v),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let text = inner.to_string();
            let message = text.split(" at line ").next().unwrap_or(&text).to_owned();
            let backticked = message.split('`').nth(1).unwrap_or_default().to_owned();
            let (field, code) = if message.starts_with("missing field") {
                (join(&path, &backticked), "required")
            } else if message.starts_with("unknown field") {
                // The path already ends at the unknown field.
                (
                    if path == "." || path.is_empty() {
                        backticked
                    } else {
                        path
                    },
                    "unknown_field",
                )
            } else {
                (
                    if path == "." { "body".to_owned() } else { path },
                    "invalid_value",
                )
            };
            Err(ApiError::validation(vec![FieldError::new(
                &field, code, message,
            )]))
        }
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() || path == "." {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Body<T>, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let json = is_json(req);
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.settings.body_limit_bytes)
            .unwrap_or(1024 * 1024);
        let declared = crate::http::upload::declared_length(req.headers());
        let payload = payload.take();
        Box::pin(async move {
            if !json {
                return Ok(Body(Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    ErrorCode::UnsupportedMediaType,
                    "the body must be JSON with Content-Type: application/json",
                ))));
            }
            let parsed = match crate::http::upload::collect(payload, declared, limit).await {
                Ok(bytes) => parse(&bytes),
                Err(e) => Err(e),
            };
            Ok(Body(parsed))
        })
    }
}

/// For `Option<Option<T>>` fields of a PATCH body: absent → `None`, `null` → `Some(None)`, value → `Some(Some(v))`.
pub fn nullable<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "fields exist to be deserialized")]
    struct Sample {
        name: String,
        count: Option<u32>,
    }

    fn failure(json: &str) -> (u16, Option<(String, String)>) {
        let err = parse::<Sample>(json.as_bytes())
            .err()
            .unwrap_or_else(|| ApiError::internal("parsed"));
        let first = err
            .errors
            .as_ref()
            .and_then(|e| e.first())
            .map(|e| (e.field.clone(), e.code.clone()));
        (err.status.as_u16(), first)
    }

    #[test]
    fn body_errors_name_the_field() {
        assert_eq!(failure("{"), (400, None));
        assert_eq!(
            failure("{}"),
            (422, Some(("name".into(), "required".into())))
        );
        assert_eq!(
            failure(r#"["a", 1]"#),
            (422, Some(("body".into(), "invalid_value".into())))
        );
        assert_eq!(
            failure(r#"{"name":"a","role":"admin"}"#),
            (422, Some(("role".into(), "unknown_field".into())))
        );
        assert_eq!(
            failure(r#"{"name":"a","count":-1}"#),
            (422, Some(("count".into(), "invalid_value".into())))
        );
    }
}
