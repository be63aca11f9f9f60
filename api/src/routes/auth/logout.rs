//! `POST /auth/logout`.

use actix_web::{post, web, HttpResponse};

use super::refresh::RefreshRequest;
use crate::db::models::refresh_tokens;
use crate::error::{ApiResult, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Ends a session: the refresh token and every token of its login are revoked. Always 204, so it tells
/// nothing about the token. Access tokens already issued expire on their own within minutes.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out"),
        (status = 422, description = "Missing refresh_token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: Body<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = body.into_inner()?.refresh_token;
    state
        .write(move |c| {
            if let Some(row) = refresh_tokens::find(c, &presented)? {
                refresh_tokens::revoke_family(c, &row.family_id)?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
