//! `POST /auth/login`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{authenticate, TokenResponse};
use crate::db::models::audit_events::{self, Actor};
use crate::db::models::{accounts, refresh_tokens};
use crate::error::{ApiResult, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Username and password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Username (case-insensitive).
    pub username: String,
    /// Password.
    pub password: String,
}

/// Logs a person in: an access token and a refresh token.
///
/// An unknown user and a wrong password get the same answer in the same time. After repeated failures
/// for an account or from an address, logins are refused for a while with 429 and `Retry-After`.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 401, description = "Wrong username or password", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let LoginRequest { username, password } = body.into_inner()?;
    let account = authenticate(&state, &req, &username, password, false).await?;
    let ttl = state.settings.refresh_token_ttl_seconds;
    let account_id = account.id.clone();
    let refresh_token = state
        .write(move |c| {
            let token = refresh_tokens::issue(c, &account.id, &crate::db::new_id(), ttl)?;
            accounts::touch_login(c, &account.id)?;
            let actor = Actor {
                id: Some(account.id.clone()),
                username: account.username.clone(),
                request_id: Some(crate::http::request_id::current()),
            };
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::AccountLogin,
                crate::domain::audit::AuditResource::Account,
                &account.id,
                Some(&account.organisation_id),
                serde_json::json!({}),
            )?;
            Ok(token)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TokenResponse::bearer(
        &state,
        &account_id,
        Some(refresh_token),
        None,
    )?))
}
