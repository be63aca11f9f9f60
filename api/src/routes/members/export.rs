//! `GET /members/export`.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use futures_util::stream;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::list::{parse_filters, resolve, MemberFilters};
use crate::auth::{AuthUser, Permission};
use crate::db::models::members::{self, ListFilter, MemberWithOrg};
use crate::db::models::{audit_events, organisations::Range};
use crate::domain::code_lists::{self, CodeList};
use crate::domain::mask;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// Rows fetched per database round trip.
const CHUNK: i64 = 1000;
/// The most rows an xlsx export holds (csv has no limit: it is streamed).
pub const XLSX_MAX_ROWS: usize = 100_000;

/// File format.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// UTF-8 csv with a byte-order mark (opens in Chinese Excel), streamed.
    #[default]
    Csv,
    /// An xlsx workbook, up to 100,000 rows.
    Xlsx,
}

/// Export options.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default) or `xlsx`.
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

const HEADERS: [&str; 13] = [
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "身份证号",
    "手机号",
    "工会",
    "入会日期",
    "会员卡号",
    "会籍状态",
    "农民工",
    "新就业形态",
    "劳务派遣",
];

fn label(list: &CodeList, code: Option<&str>) -> String {
    code.and_then(|c| list.entries.iter().find(|e| e.0 == c))
        .map(|e| e.1.to_owned())
        .unwrap_or_default()
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_owned()
}

/// One member as the export's cells: labels in Chinese, personal numbers masked.
fn cells((m, union): &MemberWithOrg) -> [String; 13] {
    [
        m.name.clone(),
        label(&code_lists::GENDERS, Some(&m.gender)),
        label(&code_lists::ETHNICITIES, m.ethnicity.as_deref()),
        m.birth_date.to_string(),
        mask(&m.id_number, 4, 4),
        m.mobile
            .as_deref()
            .map(|p| mask(p, 3, 4))
            .unwrap_or_default(),
        union.clone(),
        m.joined_on.map(|d| d.to_string()).unwrap_or_default(),
        m.card_number.clone().unwrap_or_default(),
        label(&code_lists::MEMBERSHIP_STATUSES, Some(m.status.as_str())),
        yes_no(m.migrant_worker),
        yes_no(m.new_form_employment),
        yes_no(m.dispatched),
    ]
}

fn csv_line(values: &[String]) -> String {
    let escaped: Vec<String> = values
        .iter()
        .map(|v| {
            // Quote when needed; a leading = + - @ would be a formula in Excel, so it gets an apostrophe.
            let v = if v.starts_with(['=', '+', '-', '@']) {
                format!("'{v}")
            } else {
                v.clone()
            };
            if v.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v
            }
        })
        .collect();
    format!("{}\r\n", escaped.join(","))
}

async fn page(
    state: &web::Data<AppState>,
    scope: &Range,
    filter: &ListFilter,
    after: Option<String>,
) -> ApiResult<Vec<MemberWithOrg>> {
    let (scope, filter) = (scope.clone(), filter.clone());
    state
        .read(move |c| {
            Ok(members::list(
                c,
                &scope,
                &filter,
                after.as_deref(),
                CHUNK - 1,
            )?)
        })
        .await
}

/// Exports the filtered member list (the same filters as the list) as csv or xlsx, with labels in
/// Chinese and ID and mobile numbers masked. Every export is written to the audit log.
#[utoipa::path(
    tag = "members",
    params(ExportParams, MemberFilters),
    responses(
        (status = 200, description = "The file: csv (UTF-8 with BOM), or xlsx with `format=xlsx`", content(
            (String = "text/csv"),
            (inline(crate::http::upload::Binary) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter out of range, or more than 100,000 rows for xlsx", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members/export")]
pub async fn export_members(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<MemberFilters>,
    params: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let raw = filters.into_inner();
    let parsed = parse_filters(raw.clone())?;
    let format = params.format.unwrap_or_default();
    let scope = user.scope();
    let actor = user.actor();
    let filter = {
        let scope = scope.clone();
        let org = user.organisation_id.clone();
        state
            .write(move |c| {
                let filter = resolve(c, &scope, parsed)?;
                let summary =
                    serde_json::json!({ "format": format, "filters": raw.audit_summary() });
                audit_events::record(
                    c,
                    &actor,
                    crate::domain::audit::AuditAction::MemberExport,
                    crate::domain::audit::AuditResource::Member,
                    "export",
                    Some(&org),
                    summary,
                )?;
                Ok(filter)
            })
            .await?
    };
    match format {
        ExportFormat::Csv => {
            // Pages of CHUNK rows from the keyset list, written as they come: memory stays flat.
            let start = (Some(None::<String>), true);
            let body = stream::unfold(start, move |(after, first)| {
                let (state, scope, filter) = (state.clone(), scope.clone(), filter.clone());
                async move {
                    let after = after?;
                    let rows = match page(&state, &scope, &filter, after).await {
                        Ok(rows) => rows,
                        Err(e) => return Some((Err(actix_web::Error::from(e)), (None, false))),
                    };
                    let mut out = String::new();
                    if first {
                        out.push('\u{feff}');
                        out.push_str(&csv_line(&HEADERS.map(str::to_owned)));
                    }
                    for r in &rows {
                        out.push_str(&csv_line(&cells(r)));
                    }
                    let next = if rows.len() as i64 >= CHUNK {
                        rows.last().map(|r| Some(r.0.id.clone()))
                    } else {
                        None
                    };
                    Some((
                        Ok::<_, actix_web::Error>(web::Bytes::from(out)),
                        (next, false),
                    ))
                }
            });
            Ok(HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"members.csv\"",
                ))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .streaming(body))
        }
        ExportFormat::Xlsx => {
            let mut rows = Vec::new();
            let mut after = None;
            loop {
                let chunk = page(&state, &scope, &filter, after).await?;
                let more = chunk.len() as i64 >= CHUNK;
                after = chunk.last().map(|r| r.0.id.clone());
                rows.extend(chunk);
                if rows.len() > XLSX_MAX_ROWS {
                    return Err(ApiError::field(
                        "format",
                        "out_of_range",
                        "xlsx exports hold at most 100,000 rows: narrow the filters or use csv",
                    ));
                }
                if !more {
                    break;
                }
            }
            let bytes = web::block(move || {
                let mut book = rust_xlsxwriter::Workbook::new();
                let sheet = book.add_worksheet();
                let bold = rust_xlsxwriter::Format::new().set_bold();
                for (c, h) in HEADERS.iter().enumerate() {
                    sheet.write_string_with_format(0, c as u16, *h, &bold)?;
                }
                for (r, row) in rows.iter().enumerate() {
                    for (c, v) in cells(row).iter().enumerate() {
                        sheet.write_string(r as u32 + 1, c as u16, v)?;
                    }
                }
                book.save_to_buffer()
            })
            .await?
            .map_err(ApiError::internal)?;
            Ok(HttpResponse::Ok()
                .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"members.xlsx\"",
                ))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .body(bytes))
        }
    }
}
