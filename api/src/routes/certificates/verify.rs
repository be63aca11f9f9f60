//! `GET /certificates/{code}/verify` (public).

use actix_web::http::header::CACHE_CONTROL;
use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::mask_name;
use crate::db::models::courses;
use crate::domain::certificate_code;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// What a verifier sees, and nothing more.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateCheck {
    /// The code, canonical.
    pub code: String,
    /// The holder's name with the middle masked (张*丰).
    pub holder_name: String,
    /// The course.
    pub course_title: String,
    /// The organisation that ran it.
    pub organisation_name: String,
    /// Issued on.
    pub issued_on: NaiveDate,
    /// `valid` or `revoked`.
    #[schema(value_type = crate::domain::course::CertificateStatus)]
    pub status: String,
}

/// Verifies a certificate code without logging in: an employer checks what a trainee shows them. Codes
/// are read case- and hyphen-insensitively; a malformed or unknown code is a 404.
#[utoipa::path(
    tag = "certificates",
    params(("code" = String, Path, description = "The code on the certificate, e.g. GHC-7K3M-Q9TX-2RVA")),
    responses(
        (status = 200, description = "The certificate", body = CertificateCheck),
        (status = 404, description = "No such certificate", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/certificates/{code}/verify")]
pub async fn verify_certificate(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let code =
        certificate_code::normalise(&code).ok_or_else(|| ApiError::not_found("certificate"))?;
    let (cert, title, org, _) = state
        .read(move |c| {
            courses::certificate_by_code(c, &code)?
                .ok_or_else(|| ApiError::not_found("certificate"))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, "no-store"))
        .json(CertificateCheck {
            code: cert.code,
            holder_name: mask_name(&cert.holder_name),
            course_title: title,
            organisation_name: org,
            issued_on: cert.issued_on,
            status: cert.status,
        }))
}
