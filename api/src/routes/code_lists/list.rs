//! `GET /code-lists`.

use actix_web::{get, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::CodeListBody;
use crate::auth::AuthUser;
use crate::domain::code_lists;
use crate::error::{ApiResult, Problem};

/// Every code list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeLists {
    /// The lists.
    pub items: Vec<CodeListBody>,
}

/// All code lists with their codes (ethnicities, education levels, political statuses, household
/// registration types, employment statuses, skill levels, new-form employment kinds, membership statuses,
/// membership change reasons, genders).
#[utoipa::path(
    tag = "code-lists",
    responses(
        (status = 200, description = "Every list", body = CodeLists),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/code-lists")]
pub async fn list_code_lists(_user: AuthUser) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(CodeLists {
        items: code_lists::ALL
            .iter()
            .map(|l| CodeListBody::from(*l))
            .collect(),
    }))
}
