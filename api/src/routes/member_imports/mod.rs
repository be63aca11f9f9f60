//! `/api/v1/member-imports`: member collection from Excel (会员信息采集): a template with drop-downs,
//! an upload answered with a per-row preview, and a commit of all rows or of the valid ones, in one
//! transaction.

pub mod commit;
pub mod create;
pub mod errors;
pub mod get;
pub mod template;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::member_imports::ImportRow;
use crate::domain::mask;
use crate::domain::member_sheet::{self, Cell, SheetRow, COLUMNS};
use crate::views::members::CreateMember;
use crate::views::rfc3339;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(template::get_member_import_template)
        .service(create::create_member_import)
        .service(get::get_member_import)
        .service(errors::get_member_import_errors)
        .service(commit::commit_member_import);
}

/// One problem in the sheet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportError {
    /// The sheet row (the header is row 1).
    pub row: usize,
    /// The column header, e.g. 身份证号.
    pub column: String,
    /// The member field.
    pub field: String,
    /// `required`, `invalid_format`, `invalid_checksum`, `invalid_value`, `out_of_range`, `duplicate_in_file`,
    /// `member_exists`, ...
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// A valid row as it will be registered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingRow {
    /// The sheet row.
    pub row: usize,
    /// The member.
    pub member: CreateMember,
}

/// A row of the preview (numbers masked).
#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewRow {
    /// The sheet row.
    pub row: usize,
    /// Name.
    pub name: String,
    /// ID number, masked.
    pub id_number: String,
    /// Gender code (derived from the ID number when the sheet leaves it out).
    pub gender: Option<String>,
    /// Joined on.
    pub joined_on: Option<chrono::NaiveDate>,
}

/// An upload and what became of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberImport {
    /// Id.
    pub id: String,
    /// The union the members join.
    pub organisation_id: String,
    /// Its name.
    pub organisation_name: String,
    /// `previewed` or `committed`.
    #[schema(value_type = crate::domain::member_sheet::ImportStatus)]
    pub status: String,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// Data rows read.
    pub total_rows: i32,
    /// Rows without errors.
    pub valid_rows: i32,
    /// Rows with at least one error.
    pub invalid_rows: i32,
    /// The errors by row and column (at most 1000 here).
    pub errors: Vec<ImportError>,
    /// True when there were more than 1000 errors.
    pub errors_truncated: bool,
    /// The first valid rows (up to 50), masked.
    pub preview: Vec<PreviewRow>,
    /// Members registered by the commit.
    pub inserted: Option<i32>,
    /// Uploaded (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Committed (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub committed_at: Option<String>,
}

/// The answer for a stored import.
pub fn to_answer(row: &ImportRow, organisation_name: String) -> MemberImport {
    let errors: Vec<ImportError> = serde_json::from_str(&row.errors).unwrap_or_default();
    let pending: Vec<PendingRow> = serde_json::from_str(&row.payload).unwrap_or_default();
    answer(row, &errors, &pending, organisation_name)
}

/// The answer from an import row and its errors and pending rows already in memory (a fresh preview
/// need not parse back the JSON it just wrote: for a sheet of errors that is tens of megabytes).
pub fn answer(
    row: &ImportRow,
    errors: &[ImportError],
    pending: &[PendingRow],
    organisation_name: String,
) -> MemberImport {
    let mut bad_rows: Vec<usize> = errors
        .iter()
        .filter(|e| {
            e.code != "member_exists"
                || row.status == crate::domain::member_sheet::ImportStatus::Previewed.as_str()
        })
        .map(|e| e.row)
        .collect();
    bad_rows.sort_unstable();
    bad_rows.dedup();
    MemberImport {
        id: row.id.clone(),
        organisation_id: row.organisation_id.clone(),
        organisation_name,
        status: row.status.clone(),
        file_name: row.file_name.clone(),
        total_rows: row.total_rows,
        valid_rows: row.valid_rows,
        invalid_rows: row.total_rows - row.valid_rows,
        errors_truncated: errors.len() > 1000,
        errors: errors.iter().take(1000).cloned().collect(),
        preview: pending
            .iter()
            .take(50)
            .map(|p| PreviewRow {
                row: p.row,
                name: p.member.name.clone(),
                id_number: mask(&p.member.id_number, 4, 4),
                gender: p.member.gender.clone(),
                joined_on: p.member.joined_on,
            })
            .collect(),
        inserted: row.inserted,
        created_at: rfc3339(row.created_at),
        committed_at: row.committed_at.map(rfc3339),
    }
}

/// Turns a sheet row into a member for the union, or the errors of its cells.
pub fn to_member(row: &SheetRow, organisation_id: &str) -> Result<CreateMember, Vec<ImportError>> {
    let mut errors = Vec::new();
    let text = |f: &str| row.cells.get(f).cloned();
    let mut coded = |f: &'static str| -> Option<String> {
        let col = COLUMNS.iter().find(|c| c.field == f)?;
        let value = row.cells.get(f)?;
        match col.cell {
            Cell::Coded(list) => match member_sheet::code_of(list, value) {
                Some(code) => Some(code.to_owned()),
                None => {
                    errors.push(error(
                        row.row,
                        f,
                        "invalid_value",
                        format!("'{value}' is not in the list {}", list.description),
                    ));
                    None
                }
            },
            _ => Some(value.clone()),
        }
    };
    let gender = coded("gender");
    let ethnicity = coded("ethnicity");
    let education = coded("education");
    let political_status = coded("political_status");
    let hukou_type = coded("hukou_type");
    let employment_status = coded("employment_status");
    let skill_level = coded("skill_level");
    let new_form_kind = coded("new_form_kind");
    let mut flag = |f: &'static str| -> bool {
        match row.cells.get(f) {
            None => false,
            Some(v) => member_sheet::yes_no(v).unwrap_or_else(|| {
                errors.push(error(
                    row.row,
                    f,
                    "invalid_value",
                    format!("'{v}' is neither 是 nor 否"),
                ));
                false
            }),
        }
    };
    let migrant_worker = flag("migrant_worker");
    let new_form_employment = flag("new_form_employment");
    let dispatched = flag("dispatched");
    let joined_on = match row.cells.get("joined_on") {
        None => None,
        Some(v) => member_sheet::date(v).or_else(|| {
            errors.push(error(
                row.row,
                "joined_on",
                "invalid_format",
                format!("'{v}' is not a date like 2020-05-01"),
            ));
            None
        }),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CreateMember {
        organisation_id: organisation_id.to_owned(),
        name: text("name").unwrap_or_default(),
        id_number: text("id_number").unwrap_or_default(),
        gender,
        birth_date: None,
        ethnicity,
        mobile: text("mobile"),
        education,
        political_status,
        hukou_type,
        hukou_division: text("hukou_division"),
        employment_status,
        skill_level,
        migrant_worker,
        new_form_employment,
        new_form_kind,
        dispatched,
        joined_on,
    })
}

/// An error for a row and field.
pub fn error(row: usize, field: &str, code: &str, message: impl Into<String>) -> ImportError {
    ImportError {
        row,
        column: member_sheet::header_of(field).to_owned(),
        field: field.to_owned(),
        code: code.to_owned(),
        message: message.into(),
    }
}
