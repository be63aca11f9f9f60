//! What the hardship files endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/hardship_files/` for the endpoints.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::hardship_files::{
    AssistanceRow, EvidenceRow, FileRow, FileWithMember, ReviewRow,
};
use crate::error::Validator;
use crate::views::rfc3339;

/// The largest household a file may state.
pub const MAX_HOUSEHOLD: i32 = 30;
/// The largest monthly income per head, in fen (1,000,000 yuan): beyond it the figure is a typo.
pub const MAX_INCOME_FEN: i64 = 100_000_000;
/// The largest single assistance amount, in fen (1,000,000 yuan).
pub const MAX_ASSISTANCE_FEN: i64 = 100_000_000;

/// A hardship file.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipFile {
    /// Id.
    pub id: String,
    /// The member.
    pub member_id: String,
    /// The member's name.
    pub member_name: String,
    /// The member's union.
    pub organisation_id: String,
    /// The member's union's name.
    pub organisation_name: String,
    /// Code list `hardship-categories`.
    pub category: String,
    /// People in the household.
    pub household_size: i32,
    /// Monthly income per head of the household, in fen (分).
    pub monthly_income_per_head_fen: i64,
    /// Why the household is in hardship.
    pub reason: String,
    /// Code list `hardship-statuses`: applied, approved, rejected, lifted.
    pub status: crate::domain::hardship::HardshipStatus,
    /// Applied on (Beijing date).
    pub applied_on: NaiveDate,
    /// The account that made the last decision.
    pub reviewed_by: Option<String>,
    /// The last decision's date.
    pub reviewed_on: Option<NaiveDate>,
    /// The last decision's note.
    pub review_note: Option<String>,
    /// When an approved file is next due for re-review (复核).
    pub review_due_on: Option<NaiveDate>,
    /// The account that registered the file.
    pub created_by: String,
    /// What you may do to the file now (`update`, `edit_evidence`, `record_assistance`, `approve`,
    /// `reject`, `renew`, `lift`): its life cycle, your permissions, and never deciding a file you
    /// registered.
    pub allowed_actions: Vec<crate::domain::hardship::HardshipEvent>,
    /// Registered (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Last changed (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: String,
    /// Row version; send it back as `If-Match`.
    pub version: i32,
}

impl From<FileWithMember> for HardshipFile {
    fn from((r, member_name, organisation_id, organisation_name): FileWithMember) -> HardshipFile {
        HardshipFile::new(r, member_name, organisation_id, organisation_name)
    }
}

impl HardshipFile {
    /// Fills `allowed_actions` for the caller `account_id` holding the permissions `may` accepts.
    pub fn offer(
        mut self,
        account_id: &str,
        may: &dyn Fn(crate::auth::Permission) -> bool,
    ) -> HardshipFile {
        let facts = crate::domain::hardship::HardshipFacts {
            registered_by_caller: self.created_by == account_id,
        };
        self.allowed_actions = crate::domain::hardship::allowed_events(self.status, facts, may);
        self
    }
}

impl HardshipFile {
    /// Maps a row with its member's name and union.
    pub fn new(
        r: FileRow,
        member_name: String,
        organisation_id: String,
        organisation_name: String,
    ) -> HardshipFile {
        HardshipFile {
            id: r.id,
            member_id: r.member_id,
            member_name,
            organisation_id,
            organisation_name,
            category: r.category,
            household_size: r.household_size,
            monthly_income_per_head_fen: r.monthly_income_per_head_fen,
            reason: r.reason,
            status: r.status,
            applied_on: r.applied_on,
            reviewed_by: r.reviewed_by,
            reviewed_on: r.reviewed_on,
            review_note: r.review_note,
            review_due_on: r.review_due_on,
            allowed_actions: Vec::new(),
            created_by: r.created_by,
            created_at: rfc3339(r.created_at),
            updated_at: rfc3339(r.updated_at),
            version: r.version,
        }
    }
}

/// A file with its decisions, evidence and assistance.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipFileDetail {
    /// The file.
    pub file: HardshipFile,
    /// Every decision, oldest first.
    pub reviews: Vec<HardshipReview>,
    /// Evidence attachments, oldest first.
    pub evidence: Vec<HardshipEvidence>,
    /// Assistance given, oldest first.
    pub assistance: Vec<HardshipAssistance>,
    /// The sum of `assistance` amounts, in fen.
    pub assistance_total_fen: i64,
    /// Display names of the accounts named in this file (`created_by`, `reviewed_by`, `uploaded_by`,
    /// `recorded_by`), by account id.
    pub people: std::collections::HashMap<String, String>,
}

/// A decision on a file.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipReview {
    /// Id.
    pub id: String,
    /// Code list `hardship-decisions`: approve, reject, renew, lift.
    pub decision: String,
    /// The reviewer's note.
    pub note: Option<String>,
    /// Decided on (Beijing date).
    pub decided_on: NaiveDate,
    /// The re-review due date it set.
    pub review_due_on: Option<NaiveDate>,
    /// The reviewer's account.
    pub decided_by: String,
    /// The reviewer's display name.
    pub decided_by_name: String,
}

impl From<(ReviewRow, String)> for HardshipReview {
    fn from((r, name): (ReviewRow, String)) -> HardshipReview {
        HardshipReview {
            id: r.id,
            decision: r.decision,
            note: r.note,
            decided_on: r.decided_on,
            review_due_on: r.review_due_on,
            decided_by: r.decided_by,
            decided_by_name: name,
        }
    }
}

/// An evidence attachment; download it from `/hardship-files/{id}/evidence/{evidence_id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipEvidence {
    /// Id.
    pub id: String,
    /// The name it was uploaded with.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`, from the file's content.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// The uploader's account.
    pub uploaded_by: String,
    /// Uploaded (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
}

impl From<EvidenceRow> for HardshipEvidence {
    fn from(r: EvidenceRow) -> HardshipEvidence {
        HardshipEvidence {
            id: r.id,
            file_name: r.file_name,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
            sha256: r.sha256,
            uploaded_by: r.uploaded_by,
            created_at: rfc3339(r.created_at),
        }
    }
}

/// Assistance given.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipAssistance {
    /// Id.
    pub id: String,
    /// Given on.
    pub given_on: NaiveDate,
    /// Code list `assistance-kinds`: winter_warmth (送温暖), golden_autumn (金秋助学), medical_aid, ...
    pub kind: String,
    /// Amount in fen (分).
    pub amount_fen: i64,
    /// Note.
    pub note: Option<String>,
    /// Who recorded it.
    pub recorded_by: String,
    /// Recorded (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
}

impl From<AssistanceRow> for HardshipAssistance {
    fn from(r: AssistanceRow) -> HardshipAssistance {
        HardshipAssistance {
            id: r.id,
            given_on: r.given_on,
            kind: r.kind,
            amount_fen: r.amount_fen,
            note: r.note,
            recorded_by: r.recorded_by,
            created_at: rfc3339(r.created_at),
        }
    }
}

/// A page of hardship files.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipFilePage {
    /// This page.
    pub items: Vec<HardshipFile>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A member's hardship files, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct HardshipFileList {
    /// Newest application first.
    pub items: Vec<HardshipFile>,
}

/// The facts of a new file.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateHardshipFile {
    /// Code list `hardship-categories`.
    pub category: String,
    /// People in the household, 1-30.
    pub household_size: i32,
    /// Monthly income per head, in fen, 0 or more.
    pub monthly_income_per_head_fen: i64,
    /// Why the household is in hardship (1-1000 characters).
    pub reason: String,
}

/// Checks a category code.
pub fn check_category(v: &mut Validator, value: &str) {
    v.code(
        "category",
        &crate::domain::code_lists::HARDSHIP_CATEGORIES,
        value.trim(),
    );
}

/// Checks a household size.
pub fn check_household(v: &mut Validator, n: i32) {
    if !(1..=MAX_HOUSEHOLD).contains(&n) {
        v.add(
            "household_size",
            "out_of_range",
            format!("must be between 1 and {MAX_HOUSEHOLD}"),
        );
    }
}

/// Checks a monthly income per head.
pub fn check_income(v: &mut Validator, fen: i64) {
    if !(0..=MAX_INCOME_FEN).contains(&fen) {
        v.add(
            "monthly_income_per_head_fen",
            "out_of_range",
            format!("must be between 0 and {MAX_INCOME_FEN} fen"),
        );
    }
}

/// Whether facts, evidence and decisions may still change.
pub fn is_open(status: &str) -> bool {
    matches!(status, "applied" | "approved")
}
