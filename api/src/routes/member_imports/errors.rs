//! `GET /member-imports/{id}/errors`.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

use super::ImportError;
use crate::auth::{AuthUser, Permission};
use crate::db::models::member_imports as imports;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// Every error of an import as a csv error report (行号, 列, 错误代码, 说明), UTF-8 with a byte-order mark so
/// Chinese Excel opens it as it is: the union fixes its sheet from it. The preview itself lists the first
/// 1000 errors; this lists them all.
#[utoipa::path(
    tag = "member-imports",
    params(("id" = String, Path, description = "Import id")),
    responses(
        (status = 200, description = "The error report", content_type = "text/csv", body = String),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import in your scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/member-imports/{id}/errors")]
pub async fn get_member_import_errors(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let scope = user.scope();
    let id = id.into_inner();
    let (row, _) = state
        .read(move |c| {
            imports::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("import"))
        })
        .await?;
    let errors: Vec<ImportError> = serde_json::from_str(&row.errors).map_err(ApiError::internal)?;
    let body = report(&errors).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"import-errors-{}.csv\"", row.id),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body))
}

/// The csv bytes: a BOM, the header row, one line per error in row order.
pub fn report(errors: &[ImportError]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(["行号", "列", "字段", "错误代码", "说明"])?;
    let mut sorted: Vec<&ImportError> = errors.iter().collect();
    sorted.sort_by_key(|e| e.row);
    for e in sorted {
        out.write_record([
            e.row.to_string().as_str(),
            &e.column,
            &e.field,
            &e.code,
            &e.message,
        ])?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_excel_friendly_csv_in_row_order() {
        let e = |row, column: &str, message: &str| ImportError {
            row,
            column: column.to_owned(),
            field: "id_number".to_owned(),
            code: "invalid_checksum".to_owned(),
            message: message.to_owned(),
        };
        let bytes = report(&[
            e(7, "身份证号", "校验码不符"),
            e(3, "身份证号", "has, a comma"),
        ])
        .unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "行号,列,字段,错误代码,说明");
        assert_eq!(
            lines[1],
            "3,身份证号,id_number,invalid_checksum,\"has, a comma\""
        );
        assert!(lines[2].starts_with("7,"));
    }
}
