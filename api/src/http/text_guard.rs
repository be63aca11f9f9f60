//! Control characters are refused in every text a client sends, in one place: the path and the query
//! string here (a middleware, before routing), JSON bodies in [`check_json`] (called by the body
//! extractor), sheet cells in the member-sheet reader. PostgreSQL cannot store U+0000 in text and answers
//! an error that used to surface as a 500 or a dropped connection; SQLite stored it silently.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;
use serde_json::Value;

use crate::domain::{codepoint, first_forbidden};
use crate::error::{ApiError, ErrorCode, FieldError};

/// Decodes `%XX` escapes (leaving malformed ones as they are); `+` stays `+`, which is harmless here.
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The refusal for a path or query holding a forbidden character, if it does.
pub fn check_uri(path: &str, query: &str) -> Option<ApiError> {
    for (part, raw) in [("path", path), ("query string", query)] {
        if let Some(c) = first_forbidden(&percent_decode(raw)) {
            return Some(ApiError::bad_request(
                ErrorCode::InvalidParameter,
                format!(
                    "the {part} contains the control character {}, which no parameter accepts",
                    codepoint(c)
                ),
            ));
        }
    }
    None
}

/// Middleware: 400 for a path or query string holding a control character.
pub async fn refuse_control_characters(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if let Some(err) = check_uri(req.path(), req.query_string()) {
        return Ok(req.error_response(err));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

/// The first string (or object key) of a JSON body holding a forbidden character, as a 422 naming the
/// field (`members[2].name`).
pub fn check_json(value: &Value) -> Result<(), ApiError> {
    fn walk(v: &Value, path: &mut String) -> Option<FieldError> {
        match v {
            Value::String(s) => first_forbidden(s).map(|c| {
                FieldError::new(
                    if path.is_empty() {
                        "body"
                    } else {
                        path.as_str()
                    },
                    "invalid_format",
                    format!("must not contain the control character {}", codepoint(c)),
                )
            }),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                path.truncate(len);
                found
            }),
            Value::Object(map) => map.iter().find_map(|(k, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                let found = match first_forbidden(k) {
                    Some(c) => Some(FieldError::new(
                        path.as_str(),
                        "invalid_format",
                        format!(
                            "a field name must not contain the control character {}",
                            codepoint(c)
                        ),
                    )),
                    None => walk(item, path),
                };
                path.truncate(len);
                found
            }),
            _ => None,
        }
    }
    match walk(value, &mut String::new()) {
        Some(e) => Err(ApiError::validation(vec![e])),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_in_a_path_or_query_is_refused_encoded_or_not() {
        assert!(check_uri("/api/v1/organisations", "q=a%00b").is_some());
        assert!(check_uri("/api/v1/organisations/a%00", "").is_some());
        assert!(check_uri("/api/v1/organisations", "q=a%1Bb").is_some());
        assert!(check_uri("/api/v1/organisations", "q=%E5%B7%A5%E4%BC%9A&limit=5").is_none());
        assert!(check_uri("/api/v1/organisations", "q=100%").is_none());
        assert!(check_uri("/api/v1/organisations", "q=%zz%0").is_none());
    }

    #[test]
    fn a_control_character_in_a_body_names_its_field() {
        let v: Value = serde_json::from_str(
            r#"{"name":"ok","people":[{"name":"a"},{"name":"b\u0000"}],"note":"line\nbreak\ttab"}"#,
        )
        .unwrap_or_default();
        let err = check_json(&v)
            .err()
            .and_then(|e| e.errors)
            .unwrap_or_default();
        assert_eq!(
            err.first().map(|e| e.field.as_str()),
            Some("people[1].name")
        );
        let fine: Value =
            serde_json::from_str(r#"{"note":"line\nbreak\ttab\r\n"}"#).unwrap_or_default();
        assert!(check_json(&fine).is_ok());
        let top: Value = serde_json::from_str(r#""\u007f""#).unwrap_or_default();
        assert!(check_json(&top).is_err());
    }
}
