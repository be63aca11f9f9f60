//! `POST /certificates/{code}/revoke`.

use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::Certificate;
use crate::auth::reach;
use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, courses};
use crate::domain::certificate_code;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::services::courses::not_actionable;
use crate::state::AppState;

/// Why.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeCertificate {
    /// The reason a verifier is not shown but the record keeps (1-200 characters).
    pub reason: String,
}

/// Revokes a certificate of a course in your scope; verification then answers `revoked`.
#[utoipa::path(
    tag = "certificates",
    request_body = RevokeCertificate,
    params(("code" = String, Path, description = "Certificate code")),
    responses(
        (status = 200, description = "Revoked", body = Certificate),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not run courses", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such certificate in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Revoked already (course_not_actionable)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/certificates/{code}/revoke")]
pub async fn revoke_certificate(
    state: web::Data<AppState>,
    user: AuthUser,
    code: web::Path<String>,
    body: Body<RevokeCertificate>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::CoursesWrite)?;
    let code =
        certificate_code::normalise(&code).ok_or_else(|| ApiError::not_found("certificate"))?;
    reach::certificate(&state, &user, &code).await?;
    let mut v = Validator::new();
    let reason = v
        .text("reason", &body.into_inner()?.reason, 200)
        .unwrap_or_default();
    v.finish()?;
    let scope = user.scope();
    let actor = user.actor();
    let cert = state
        .write(move |c| {
            let (cert, _, _, path) = courses::certificate_by_code(c, &code)?
                .ok_or_else(|| ApiError::not_found("certificate"))?;
            if !(path >= scope.0 && path < scope.1) {
                return Err(ApiError::not_found("certificate"));
            }
            if !courses::revoke(c, &cert.id, &reason)? {
                return Err(not_actionable("this certificate is revoked already"));
            }
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::CertificateRevoke,
                crate::domain::audit::AuditResource::Course,
                &cert.course_id,
                None,
                serde_json::json!({ "code": cert.code, "reason": reason }),
            )?;
            let (after, ..) = courses::certificate_by_code(c, &cert.code)?
                .ok_or_else(|| ApiError::not_found("certificate"))?;
            Ok(Certificate::from(after))
        })
        .await?;
    Ok(HttpResponse::Ok().json(cert))
}
