//! `POST /auth/token`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{authenticate, TokenResponse};
use crate::error::{ApiResult, Problem};
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
    } = body.into_inner()?;
    let account = authenticate(&state, &req, &client_id, client_secret, true).await?;
    Ok(HttpResponse::Ok().json(TokenResponse::bearer(
        &state,
        &account.id,
        None,
        Some(account.scopes),
    )?))
}
