//! `POST /auth/refresh`.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::TokenResponse;
use crate::db::models::audit_events::{self, Actor};
use crate::db::models::{accounts, refresh_tokens};
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// A refresh token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from login or the previous refresh.
    pub refresh_token: String,
}

fn invalid() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidRefreshToken,
        "the refresh token is invalid, expired or already used; log in again",
    )
}

enum Outcome {
    Issued(String, String),
    Reused,
    Invalid,
}

/// Exchanges a refresh token for new tokens. The old refresh token is spent; presenting a spent one again
/// revokes every token descended from the same login.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Invalid, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: Body<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = body.into_inner()?.refresh_token;
    let ttl = state.settings.refresh_token_ttl_seconds;
    let outcome = state
        .write(move |c| {
            let Some(row) = refresh_tokens::find(c, &presented)? else {
                return Ok(Outcome::Invalid);
            };
            if row.revoked_at.is_some() || row.expires_at <= crate::db::now() {
                return Ok(Outcome::Invalid);
            }
            // Already used, or used by a concurrent request just now: a replay. Revoke the family.
            if row.used_at.is_some() || !refresh_tokens::mark_used(c, &row.id)? {
                refresh_tokens::revoke_family(c, &row.family_id)?;
                let account = accounts::find_with_org(c, &row.account_id)?;
                let (username, org) = account
                    .map(|(a, _, _)| (a.username, a.organisation_id))
                    .unzip();
                let actor = Actor {
                    id: Some(row.account_id.clone()),
                    username: username.unwrap_or_default(),
                    request_id: Some(crate::http::request_id::current()),
                };
                audit_events::record(
                    c,
                    &actor,
                    crate::domain::audit::AuditAction::AccountRefreshTokenReused,
                    crate::domain::audit::AuditResource::Account,
                    &row.account_id,
                    org.as_deref(),
                    serde_json::json!({ "family_revoked": row.family_id }),
                )?;
                return Ok(Outcome::Reused);
            }
            match accounts::find_with_org(c, &row.account_id)? {
                Some((a, _, _)) if !a.disabled => {
                    let token = refresh_tokens::issue(c, &a.id, &row.family_id, ttl)?;
                    Ok(Outcome::Issued(a.id, token))
                }
                _ => Ok(Outcome::Invalid),
            }
        })
        .await?;
    match outcome {
        Outcome::Issued(account_id, refresh_token) => Ok(HttpResponse::Ok().json(
            TokenResponse::bearer(&state, &account_id, Some(refresh_token), None)?,
        )),
        Outcome::Reused => {
            tracing::warn!("a spent refresh token was presented again; its family is revoked");
            Err(invalid())
        }
        Outcome::Invalid => Err(invalid()),
    }
}
