//! `POST /auth/login`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{client_address, invalid_credentials, too_many, TokenResponse};
use crate::auth::{passwords, Role};
use crate::db::models::audit_events::{self, Actor};
use crate::db::models::{accounts, refresh_tokens};
use crate::error::{ApiError, ApiResult, Problem};
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
    let LoginRequest { username, password } = body.into_inner();
    let username = username.trim().to_lowercase();
    let keys = vec![
        format!("user:{username}"),
        format!("ip:{}", client_address(&req, &state)),
    ];
    state.throttle.check(&keys).map_err(too_many)?;
    let st = state.clone();
    let outcome = state
        .read(move |c| {
            let found = accounts::find_by_username(c, &username)?;
            let (hash, usable) = match &found {
                Some((a, _, _)) => (
                    a.password_hash.clone(),
                    !a.disabled && a.role != Role::Integration.as_str(),
                ),
                None => (st.dummy_hash.as_str().to_owned(), false),
            };
            // Always verify, so an unknown user costs the same time as a wrong password.
            let ok = passwords::verify(&password, &hash) && usable;
            let Some((account, _, _)) = found.filter(|_| ok) else {
                return Ok(None);
            };
            let token = crate::db::write_transaction(c, |c| {
                let token = refresh_tokens::issue(
                    c,
                    &account.id,
                    &crate::db::new_id(),
                    st.settings.refresh_token_ttl_seconds,
                )?;
                accounts::touch_login(c, &account.id)?;
                let actor = Actor {
                    id: Some(account.id.clone()),
                    username: account.username.clone(),
                    request_id: Some(crate::http::request_id::current()),
                };
                audit_events::record(
                    c,
                    &actor,
                    "account.login",
                    "account",
                    &account.id,
                    Some(&account.organisation_id),
                    serde_json::json!({}),
                )?;
                Ok::<_, ApiError>(token)
            })?;
            Ok(Some((account.id, token)))
        })
        .await?;
    let Some((account_id, refresh_token)) = outcome else {
        state.throttle.fail(&keys);
        return Err(invalid_credentials());
    };
    state.throttle.clear(&keys[0]);
    let access_token = state.jwt.issue(&account_id).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.jwt.ttl(),
        refresh_token: Some(refresh_token),
        scope: None,
    }))
}
