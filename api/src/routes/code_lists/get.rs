//! `GET /code-lists/{name}`.

use actix_web::{get, web, HttpResponse};

use super::CodeListBody;
use crate::auth::AuthUser;
use crate::domain::code_lists;
use crate::error::{ApiError, ApiResult, Problem};

/// One code list by name, e.g. `ethnicities`.
#[utoipa::path(
    tag = "code-lists",
    params(("name" = String, Path, description = "List name, e.g. ethnicities, education-levels")),
    responses(
        (status = 200, description = "The list", body = CodeListBody),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such list", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/code-lists/{name}")]
pub async fn get_code_list(_user: AuthUser, name: web::Path<String>) -> ApiResult<HttpResponse> {
    let list = code_lists::find(&name).ok_or_else(|| ApiError::not_found("code list"))?;
    Ok(HttpResponse::Ok()
        .insert_header(("cache-control", "private, max-age=3600"))
        .json(CodeListBody::from(list)))
}
