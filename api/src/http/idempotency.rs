//! `Idempotency-Key` on POST: the first answer is stored and replayed for a retry of the same request,
//! so a mobile client on a bad network can retry a create without creating twice.
//!
//! Keys are per caller (the authenticated account), kept 24 hours. A retry while the first is still running gets
//! 409; the same key with a different request gets 422. Only successful answers are stored: an error (a
//! 422 the user then corrects, a 409, a 5xx) releases the key, so the corrected request may reuse it, as a
//! form that keeps one key while it is open does.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse, ResponseError};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::idempotency_keys as ik;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// Marks a replayed answer.
pub const REPLAYED: &str = "idempotent-replayed";
const KEEP_HOURS: i64 = 24;
const ABANDONED_SECONDS: i64 = 60;

/// A stored key's record.
#[derive(Queryable)]
struct Stored {
    request_hash: String,
    status_code: Option<i32>,
    content_type: Option<String>,
    response_body: Option<String>,
    location: Option<String>,
    created_at: chrono::NaiveDateTime,
}

enum Begin {
    Fresh,
    Replay {
        status: i32,
        content_type: Option<String>,
        body: Option<String>,
        location: Option<String>,
    },
}

fn begin(state: &AppState, account: &str, key: &str, hash: &str) -> Result<Begin, ApiError> {
    let mut conn = state.pool.get()?;
    crate::db::write_transaction(&mut conn, |conn| {
        let now = crate::db::now();
        let existing: Option<Stored> = ik::table
            .filter(ik::account_key.eq(account).and(ik::idempotency_key.eq(key)))
            .select((
                ik::request_hash,
                ik::status_code,
                ik::content_type,
                ik::response_body,
                ik::location,
                ik::created_at,
            ))
            .first(conn)
            .optional()?;
        if let Some(Stored {
            request_hash,
            status_code: status,
            content_type,
            response_body: body,
            location,
            created_at: created,
        }) = existing
        {
            if request_hash != hash {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::IdempotencyKeyReused,
                    "this Idempotency-Key was already used for a different request",
                ));
            }
            match status {
                Some(status) => return Ok(Begin::Replay { status, content_type, body, location }),
                None if (now - created).num_seconds() < ABANDONED_SECONDS => {
                    return Err(ApiError::conflict(
                        ErrorCode::IdempotencyRequestInProgress,
                        "a request with this Idempotency-Key is still being processed; retry shortly",
                    ))
                }
                // The first attempt died before answering: let this one run.
                None => {
                    diesel::delete(ik::table.filter(ik::account_key.eq(account).and(ik::idempotency_key.eq(key))))
                        .execute(conn)?;
                }
            }
        }
        if rand::random::<u8>() < 3 {
            let cutoff = now - chrono::Duration::hours(KEEP_HOURS);
            diesel::delete(ik::table.filter(ik::created_at.lt(cutoff))).execute(conn)?;
        }
        diesel::insert_into(ik::table)
            .values((
                ik::account_key.eq(account),
                ik::idempotency_key.eq(key),
                ik::request_hash.eq(hash),
                ik::created_at.eq(now),
            ))
            .execute(conn)
            .map_err(|e| match e {
                // Two first attempts raced: the loser waits like any retry.
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => ApiError::conflict(
                    ErrorCode::IdempotencyRequestInProgress,
                    "a request with this Idempotency-Key is still being processed; retry shortly",
                ),
                other => other.into(),
            })?;
        Ok(Begin::Fresh)
    })
}

fn finish(
    state: &AppState,
    account: &str,
    key: &str,
    stored: Option<(i32, Option<String>, String, Option<String>)>,
) -> Result<(), ApiError> {
    let mut conn = state.pool.get()?;
    let target = ik::table.filter(ik::account_key.eq(account).and(ik::idempotency_key.eq(key)));
    match stored {
        Some((status, content_type, body, location)) => diesel::update(target)
            .set((
                ik::status_code.eq(status),
                ik::content_type.eq(content_type),
                ik::response_body.eq(body),
                ik::location.eq(location),
            ))
            .execute(&mut conn)?,
        None => diesel::delete(target).execute(&mut conn)?,
    };
    Ok(())
}

/// The most a keyed request's body is buffered to: what the route itself would accept. JSON bodies get
/// the JSON limit (the body extractor's), uploads the largest upload limit; the route then answers its
/// own 413/415 exactly as it would without a key.
fn buffer_limit(req: &ServiceRequest, state: &AppState) -> usize {
    if crate::http::body::is_json(req.request()) {
        state.settings.body_limit_bytes
    } else {
        state
            .settings
            .evidence_max_bytes
            .max(crate::domain::member_sheet::MAX_UPLOAD_BYTES)
            .max(state.settings.body_limit_bytes)
    }
}

/// Reads the body up to `limit` bytes, else the route's own problem+json 413.
async fn buffer(req: &mut ServiceRequest, limit: usize) -> Result<web::Bytes, ApiError> {
    let declared = crate::http::upload::declared_length(req.headers());
    crate::http::upload::collect(req.take_payload(), declared, limit).await
}

/// Whether an answer may be stored for replay: successful, and not marked `Cache-Control: no-store`,
/// which every answer carrying a secret or a revealed personal number sends (an integration's client
/// secret, a reveal). A retry of such a request runs again instead of replaying the secret.
fn storable(status: StatusCode, headers: &header::HeaderMap) -> bool {
    status.is_success()
        && !headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("no-store"))
}

/// Middleware: see the module docs. A keyed POST is authenticated first (401 without a valid token of an
/// enabled account, before the key is even looked at), so a disabled account never replays an answer.
pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let key = req
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().map(|s| s.trim().to_owned()));
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // Token endpoints take no bearer token and their answers are secrets: never keyed.
    let (Some(key), Some(state), true, false) = (
        key,
        state,
        req.method() == Method::POST,
        req.path().starts_with("/api/v1/auth/"),
    ) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    // Keys belong to a caller: who it is comes before anything about the key.
    let account = match crate::auth::extractor::authenticate(req.request()).await {
        Ok(user) => user.id,
        Err(e) => return Ok(req.error_response(e)),
    };
    let key = match key {
        Ok(k) if !k.is_empty() && k.len() <= 200 => k,
        _ => {
            let err = ApiError::bad_request(
                ErrorCode::InvalidParameter,
                "Idempotency-Key must be 1 to 200 visible ASCII characters",
            );
            return Ok(req.error_response(err));
        }
    };
    let limit = buffer_limit(&req, &state);
    let body = match buffer(&mut req, limit).await {
        Ok(body) => body,
        Err(e) => return Ok(req.error_response(e)),
    };
    let mut hasher = Sha256::new();
    hasher.update(req.method().as_str());
    hasher.update(b" ");
    hasher.update(req.uri().to_string());
    hasher.update(b"\n");
    hasher.update(&body);
    let hash = hex::encode(hasher.finalize());
    req.set_payload(Payload::from(body));

    let begun = {
        let (state, account, key, hash) =
            (state.clone(), account.clone(), key.clone(), hash.clone());
        match web::block(move || begin(&state, &account, &key, &hash))
            .await
            .map_err(ApiError::from)
            .and_then(|r| r)
        {
            Ok(begun) => begun,
            Err(e) => return Ok(req.error_response(e)),
        }
    };
    if let Begin::Replay {
        status,
        content_type,
        body,
        location,
    } = begun
    {
        let mut res =
            HttpResponse::build(StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK));
        if let Some(ct) = content_type {
            res.insert_header((header::CONTENT_TYPE, ct));
        }
        if let Some(loc) = location {
            res.insert_header((header::LOCATION, loc));
        }
        res.insert_header((REPLAYED, "true"));
        let res = res.body(body.unwrap_or_default());
        return Ok(req.into_response(res));
    }

    let res = match next.call(req).await {
        Ok(res) => res,
        Err(e) => {
            let (state, account, key) = (state.clone(), account.clone(), key.clone());
            let _ = web::block(move || finish(&state, &account, &key, None)).await;
            return Err(e);
        }
    };
    let (http_req, res) = res.into_parts();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = match actix_web::body::to_bytes(res.into_body()).await {
        Ok(b) => b,
        Err(_) => {
            return Ok(ServiceResponse::new(
                http_req,
                ApiError::internal("response body unreadable").error_response(),
            ))
        }
    };
    let stored = storable(status, &headers).then(|| {
        (
            i32::from(status.as_u16()),
            headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            String::from_utf8_lossy(&bytes).into_owned(),
            headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        )
    });
    {
        let (state, account, key) = (state.clone(), account.clone(), key.clone());
        if let Err(e) = web::block(move || finish(&state, &account, &key, stored))
            .await
            .map_err(ApiError::from)
            .and_then(|r| r)
        {
            return Ok(ServiceResponse::new(http_req, e.error_response()));
        }
    }
    let mut rebuilt = HttpResponse::build(status);
    for (name, value) in headers.iter() {
        rebuilt.append_header((name.clone(), value.clone()));
    }
    Ok(ServiceResponse::new(http_req, rebuilt.body(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_marked_no_store_and_failures_are_never_kept() {
        let mut h = header::HeaderMap::new();
        assert!(storable(StatusCode::CREATED, &h));
        assert!(!storable(StatusCode::UNPROCESSABLE_ENTITY, &h));
        h.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("private, no-store"),
        );
        assert!(!storable(StatusCode::OK, &h));
    }
}
