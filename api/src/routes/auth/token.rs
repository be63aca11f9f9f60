//! `POST /auth/token`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{client_address, invalid_credentials, too_many, TokenResponse};
use crate::auth::{passwords, Role};
use crate::db::models::accounts;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// The grant.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GrantType {
    /// OAuth 2.0 client credentials.
    ClientCredentials,
}

/// Client credentials of an integration account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Always `client_credentials`.
    pub grant_type: GrantType,
    /// The integration account's username.
    pub client_id: String,
    /// The secret shown once when the account was created.
    pub client_secret: String,
}

/// Issues an access token to a third-party system (client-credentials style). The token carries exactly
/// the scopes granted to the integration account, within its home organisation's subtree.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "An access token", body = TokenResponse),
        (status = 401, description = "Wrong client id or secret", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields or unknown grant", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
    )
)]
#[post("/auth/token")]
pub async fn issue_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<TokenRequest>,
) -> ApiResult<HttpResponse> {
    let TokenRequest {
        client_id,
        client_secret,
        ..
    } = body.into_inner();
    let client_id = client_id.trim().to_lowercase();
    let keys = vec![
        format!("user:{client_id}"),
        format!("ip:{}", client_address(&req, &state)),
    ];
    state.throttle.check(&keys).map_err(too_many)?;
    let st = state.clone();
    let found = state
        .read(move |c| {
            let found = accounts::find_by_username(c, &client_id)?;
            let hash = found
                .as_ref()
                .map(|(a, _, _)| a.password_hash.clone())
                .unwrap_or_else(|| st.dummy_hash.as_str().to_owned());
            let ok = passwords::verify(&client_secret, &hash);
            Ok(found
                .filter(|(a, _, _)| ok && !a.disabled && a.role == Role::Integration.as_str())
                .map(|(a, _, _)| a))
        })
        .await?;
    let Some(account) = found else {
        state.throttle.fail(&keys);
        return Err(invalid_credentials());
    };
    state.throttle.clear(&keys[0]);
    let access_token = state.jwt.issue(&account.id).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.jwt.ttl(),
        refresh_token: None,
        scope: Some(account.scopes),
    }))
}
