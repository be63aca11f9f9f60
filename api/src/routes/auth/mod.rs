//! `/api/v1/auth` and `/api/v1/me`: sessions for people, tokens for integrations.

pub mod login;
pub mod logout;
pub mod me;
pub mod refresh;
pub mod token;

use actix_web::{web, HttpRequest};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{passwords, throttle, Role};
use crate::db::models::accounts::{self, AccountRow};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login::login)
        .service(refresh::refresh)
        .service(logout::logout)
        .service(token::issue_token)
        .service(me::get_me);
}

/// Tokens issued by login, refresh and the client-credentials grant.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// The bearer access token (a JWT).
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The refresh token (single use; `null` for integrations, which ask for a new token instead).
    pub refresh_token: Option<String>,
    /// Space-separated scopes (integrations only).
    pub scope: Option<String>,
}

impl TokenResponse {
    /// A fresh access token for the account, with the given refresh token and scopes.
    pub fn bearer(
        state: &AppState,
        account_id: &str,
        refresh_token: Option<String>,
        scope: Option<String>,
    ) -> ApiResult<TokenResponse> {
        Ok(TokenResponse {
            access_token: state.jwt.issue(account_id).map_err(ApiError::internal)?,
            token_type: "Bearer".to_owned(),
            expires_in: state.jwt.ttl(),
            refresh_token,
            scope,
        })
    }
}

/// Checks a name and secret under the login throttle: 429 while throttled, 401 (and one more failure
/// counted) when wrong, the account when right. `integration` says which kind of account may use this
/// door. An unknown name costs the same argon2 verification as a wrong secret, and gets the same answer.
pub async fn authenticate(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    name: &str,
    secret: String,
    integration: bool,
) -> ApiResult<AccountRow> {
    let name = name.trim().to_lowercase();
    let keys = vec![
        format!("user:{name}"),
        format!("ip:{}", client_address(req, state)),
    ];
    let limit = throttle::Limit {
        max: state.settings.login_max_failures,
        window: state.settings.login_window_seconds as i64,
    };
    let now = chrono::Utc::now().timestamp();
    {
        let keys = keys.clone();
        state
            // `reserve` and `succeeded` are transactions of their own.
            .read(move |c| Ok(throttle::reserve(c, &keys, limit, now)?))
            .await?
            .map_err(too_many)?;
    }
    let dummy = state.dummy_hash.clone();
    let found = state
        .read(move |c| {
            let found = accounts::find_by_username(c, &name)?.map(|(a, _, _)| a);
            let hash = found
                .as_ref()
                .map(|a| a.password_hash.clone())
                .unwrap_or_else(|| dummy.as_str().to_owned());
            let ok = passwords::verify(&secret, &hash);
            Ok(found.filter(|a| {
                ok && !a.disabled && (a.role == Role::Integration.as_str()) == integration
            }))
        })
        .await?;
    match found {
        Some(account) => {
            let [user_key, address_key] = [keys[0].clone(), keys[1].clone()];
            state
                .read(move |c| Ok(throttle::succeeded(c, &user_key, &address_key)?))
                .await?;
            Ok(account)
        }
        // The attempt stays counted.
        None => Err(invalid_credentials()),
    }
}

/// The client address used for throttling.
///
/// Behind a trusted proxy it is the *rightmost* `X-Forwarded-For` entry: the address that proxy saw.
/// Entries to its left were written by the client and can be forged, so they never count.
pub fn client_address(req: &HttpRequest, state: &AppState) -> String {
    if state.settings.trust_forwarded_for {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .last();
        if let Some(ip) = forwarded {
            return ip.to_owned();
        }
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The 429 with `Retry-After`.
pub fn too_many(seconds: u64) -> crate::error::ApiError {
    crate::error::ApiError {
        retry_after: Some(seconds),
        ..crate::error::ApiError::new(
            actix_web::http::StatusCode::TOO_MANY_REQUESTS,
            crate::error::ErrorCode::TooManyRequests,
            format!("too many failed attempts; try again in {seconds} seconds"),
        )
    }
}

/// The single answer for any failed credential check.
pub fn invalid_credentials() -> crate::error::ApiError {
    crate::error::ApiError::new(
        actix_web::http::StatusCode::UNAUTHORIZED,
        crate::error::ErrorCode::InvalidCredentials,
        "the username or password is wrong",
    )
}
