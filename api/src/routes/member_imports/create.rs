//! `POST /member-imports`.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{answer, error, to_member, ImportError, MemberImport, PendingRow};
use crate::auth::{AuthUser, Permission};
use crate::db::models::member_imports::{self as imports, ImportRow};
use crate::db::models::{audit_events, members, organisations};
use crate::domain::member_sheet;
use crate::domain::organisation::OrgKind;
use crate::domain::workbook::Refusal;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::upload::Binary;
use crate::state::AppState;
use crate::views::members::validate;

/// How long the whole sheet may take to arrive (32 MiB at 300 KB/s).
pub const UPLOAD_SECONDS: u64 = 120;

/// Where the rows go.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The union the members join (an active grassroots or township union in your scope).
    pub organisation_id: String,
    /// The file's name, kept for the record.
    pub file_name: Option<String>,
}

/// Uploads a filled collection sheet (xlsx, or csv in UTF-8 or GBK) as the request body and answers with
/// a preview: every row's errors by column (bad checksum, unknown code, duplicate inside the file, already
/// a member) and the valid rows. Nothing is registered until the import is committed.
#[utoipa::path(
    tag = "member-imports",
    params(ImportParams),
    request_body(
        description = "The xlsx file, or a csv file in UTF-8 or GBK/GB18030 (recognised by content)",
        content(
            (inline(Binary) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (inline(Binary) = "text/csv"),
            (inline(Binary) = "application/octet-stream"),
        ),
    ),
    responses(
        (status = 201, description = "The preview", body = MemberImport),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The file did not arrive within 120 seconds", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Two sheets are being read already; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 32 MiB, or a sheet that would cost more to read than the stated bounds (more than 50,000 data rows, a part inflating beyond its limit or more than 100-fold, a cell over 2,000 characters)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown union, an unreadable file, or a header row without the required columns", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/member-imports")]
pub async fn create_member_import(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<ImportParams>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    // The body first, within a time limit: a client that stops sending holds no reading turn.
    let bytes = actix_web::rt::time::timeout(
        std::time::Duration::from_secs(UPLOAD_SECONDS),
        crate::http::upload::read_body(payload, member_sheet::MAX_UPLOAD_BYTES, "xlsx or csv file"),
    )
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            ErrorCode::BadRequest,
            format!("the file did not arrive within {UPLOAD_SECONDS} seconds; send it again"),
        )
    })??;
    // At most SHEET_READERS sheets are read and checked at once per process; another is told to retry
    // shortly (its body is let go at once), so reading costs at most two sheets' worth of memory.
    let _turn =
        match state.sheet_readers.clone().try_acquire_owned() {
            Ok(turn) => turn,
            Err(_) => return Err(ApiError {
                retry_after: Some(5),
                ..ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    ErrorCode::TooManyRequests,
                    "other sheets are being read right now; send this one again in a few seconds",
                )
            }),
        };

    let (rows, cell_errors) = web::block(move || member_sheet::read(&bytes))
        .await?
        .map_err(|refusal| match refusal {
            Refusal::TooLarge(why) => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                why,
            ),
            Refusal::Unreadable(why) => ApiError::field("file", "invalid_format", why),
        })?;
    let params = params.into_inner();
    let scope = user.scope();
    let org_id = params.organisation_id.trim().to_owned();
    let org = {
        let scope = scope.clone();
        state
            .read(move |c| {
                let org = organisations::find_in_scope(c, &org_id, &scope)?.ok_or_else(|| {
                    ApiError::field(
                        "organisation_id",
                        "not_found",
                        "no such organisation in your scope",
                    )
                })?;
                if !OrgKind::parse(&org.kind).is_some_and(OrgKind::holds_members)
                    || org.status != crate::domain::organisation::OrgStatus::Active
                {
                    return Err(ApiError::field(
                        "organisation_id",
                        "not_allowed",
                        "members join an active grassroots or township union",
                    ));
                }
                Ok(org)
            })
            .await?
    };
    // Check every row as a new member would be checked: CPU work for up to 50,000 rows, so on a blocking
    // thread (a worker thread that computes for seconds stalls every request queued behind it).
    let total = rows.len();
    let org_id = org.id.clone();
    let (mut errors, mut pending) =
        web::block(move || preview(&rows, cell_errors, &org_id)).await?;
    let ids: Vec<String> = pending.iter().map(|p| p.member.id_number.clone()).collect();
    let scope_lo = scope.0.clone();
    let found = state
        .read(move |c| Ok(members::existing_ids(c, &ids)?))
        .await?;
    let taken: HashMap<String, (String, String)> = found
        .into_iter()
        .map(|(id, path, name)| (id, (path, name)))
        .collect();
    pending.retain(|p| match taken.get(&p.member.id_number) {
        None => true,
        Some((path, name)) => {
            let message = if path.starts_with(&scope_lo) {
                format!("already a member of {name}")
            } else {
                "already a member of a union in another federation".to_owned()
            };
            errors.push(error(p.row, "id_number", "member_exists", message));
            false
        }
    });
    errors.sort_by_key(|e| e.row);
    let now = crate::db::now();
    let row = ImportRow {
        id: crate::db::new_id(),
        organisation_id: org.id.clone(),
        status: crate::domain::member_sheet::ImportStatus::Previewed
            .as_str()
            .to_owned(),
        file_name: params.file_name.map(|f| f.chars().take(200).collect()),
        total_rows: total as i32,
        valid_rows: pending.len() as i32,
        errors: serde_json::to_string(&errors).map_err(ApiError::internal)?,
        payload: serde_json::to_string(&pending).map_err(ApiError::internal)?,
        inserted: None,
        created_by: user.actor().id,
        created_at: now,
        committed_at: None,
    };
    let actor = user.actor();
    // The row goes into the transaction and comes back: a sheet of errors makes it tens of megabytes,
    // so it is neither copied nor parsed back for the answer.
    let row = state
        .write(move |c| {
            imports::insert(c, &row)?;
            let summary = serde_json::json!({ "total_rows": row.total_rows, "valid_rows": row.valid_rows, "file_name": row.file_name });
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::MemberImportUpload, crate::domain::audit::AuditResource::MemberImport, &row.id, Some(&row.organisation_id), summary)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(answer(&row, &errors, &pending, org.name)))
}

/// The preview of a sheet's rows: each row checked as a new member would be (and against the rows above
/// it for a repeated ID number); the rows that pass, and every error by row and column.
fn preview(
    rows: &[member_sheet::SheetRow],
    cell_errors: Vec<member_sheet::CellError>,
    org_id: &str,
) -> (Vec<ImportError>, Vec<PendingRow>) {
    let unreadable: std::collections::HashSet<usize> = cell_errors.iter().map(|e| e.row).collect();
    let mut errors: Vec<ImportError> = cell_errors
        .into_iter()
        .map(|e| error(e.row, e.field, e.code, e.message))
        .collect();
    let mut pending: Vec<PendingRow> = Vec::new();
    let mut first_row_of: HashMap<String, usize> = HashMap::new();
    for row in rows {
        if unreadable.contains(&row.row) {
            continue;
        }
        let member = match to_member(row, org_id) {
            Ok(m) => m,
            Err(es) => {
                errors.extend(es);
                continue;
            }
        };
        match validate(member.clone().into(), None) {
            Err(e) => {
                for fe in e.errors.unwrap_or_default() {
                    errors.push(error(row.row, &fe.field, &fe.code, fe.message));
                }
            }
            Ok(changes) => {
                let id_number = changes.id_number.clone().unwrap_or_default();
                if let Some(first) = first_row_of.get(&id_number) {
                    errors.push(error(
                        row.row,
                        "id_number",
                        "duplicate_in_file",
                        format!("the same ID number as row {first}"),
                    ));
                    continue;
                }
                first_row_of.insert(id_number.clone(), row.row);
                let mut member = member;
                member.id_number = id_number;
                member.gender = changes.gender.clone();
                member.joined_on = changes.joined_on.flatten();
                pending.push(PendingRow {
                    row: row.row,
                    member,
                });
            }
        }
    }
    (errors, pending)
}
