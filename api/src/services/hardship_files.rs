//! Hardship-file use cases that change a file's state: the decisions (`gonghui_domain::hardship`), each
//! kept in the file's reviews.

use crate::auth::Permission;
use crate::db::models::audit_events::Actor;
use crate::db::models::hardship_files::{self, DecisionChanges, FileRow, ReviewRow};
use crate::db::models::organisations::Range;
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::hardship::{self, HardshipEvent, HardshipFacts, HardshipLife, HardshipStatus};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;
use crate::services::transition::{self, Stateful};
use crate::views::hardship_files::HardshipFile;

/// A file being decided, with what the decision writes besides the state.
struct Deciding {
    file: FileRow,
    union_id: String,
    reviewed_on: chrono::NaiveDate,
    review_due_on: Option<chrono::NaiveDate>,
}

impl Stateful for Deciding {
    type Life = HardshipLife;
    const RESOURCE: &'static str = "hardship file";
    const AUDIT: AuditResource = AuditResource::HardshipFile;
    const NOT_ACTIONABLE: ErrorCode = ErrorCode::HardshipFileNotActionable;
    const NOT_YOURS: ErrorCode = ErrorCode::HardshipSelfReview;
    fn id(&self) -> &str {
        &self.file.id
    }
    fn version(&self) -> i32 {
        self.file.version
    }
    fn state(&self) -> HardshipStatus {
        self.file.status
    }
    fn organisation_id(&self) -> Option<&str> {
        Some(&self.union_id)
    }
    fn audit_action(event: HardshipEvent) -> AuditAction {
        match event {
            HardshipEvent::Update => AuditAction::HardshipFileUpdate,
            HardshipEvent::EditEvidence => AuditAction::HardshipFileEvidenceAdd,
            HardshipEvent::RecordAssistance => AuditAction::HardshipFileAssistanceAdd,
            HardshipEvent::Approve
            | HardshipEvent::Reject
            | HardshipEvent::Renew
            | HardshipEvent::Lift => AuditAction::HardshipFileDecide,
        }
    }
    fn store(
        &self,
        c: &mut DbConn,
        to: HardshipStatus,
        by: &Actor,
        note: Option<&str>,
    ) -> diesel::QueryResult<bool> {
        let changes = DecisionChanges {
            status: to,
            reviewed_by: by.id.clone(),
            reviewed_on: Some(self.reviewed_on),
            review_note: note.map(str::to_owned),
            review_due_on: self.review_due_on,
        };
        hardship_files::decide(
            c,
            &self.file.id,
            self.file.version,
            &changes,
            crate::db::now(),
        )
    }
}

/// What a caller may do to a file now (`allowed_actions`).
pub fn allowed(
    file: &FileRow,
    caller: &str,
    may: &dyn Fn(Permission) -> bool,
) -> Vec<HardshipEvent> {
    hardship::allowed_events(
        file.status,
        HardshipFacts {
            registered_by_caller: file.created_by == caller,
        },
        may,
    )
}

/// Decides a file: approve or reject an application, renew or lift an approved file after re-review.
/// Nobody decides an application they registered. The decision is kept in the file's reviews.
#[allow(clippy::too_many_arguments)]
pub fn decide(
    c: &mut DbConn,
    actor: &Actor,
    scope: &Range,
    id: &str,
    if_match: &IfMatch,
    decision: HardshipEvent,
    note: Option<String>,
    review_due_on: Option<chrono::NaiveDate>,
) -> ApiResult<HardshipFile> {
    let (file, name, union_id, union) = hardship_files::find_in_scope(c, id, scope)?
        .ok_or_else(|| ApiError::not_found("hardship file"))?;
    let me = actor.id.clone().unwrap_or_default();
    let today = crate::domain::today();
    let facts = HardshipFacts {
        registered_by_caller: file.created_by == me,
    };
    let deciding = Deciding {
        file,
        union_id: union_id.clone(),
        reviewed_on: today,
        review_due_on,
    };
    let step = transition::run(
        c,
        actor,
        &deciding,
        if_match,
        decision,
        |s, e| hardship::apply(s, e, facts),
        note.as_deref(),
    )?;
    hardship_files::insert_review(
        c,
        &ReviewRow {
            id: crate::db::new_id(),
            file_id: deciding.file.id.clone(),
            decision: decision.as_str().to_owned(),
            note: note.clone(),
            decided_on: today,
            review_due_on,
            decided_by: me,
            created_at: crate::db::now(),
        },
    )?;
    step.record(
        c,
        actor,
        serde_json::json!({ "decision": decision, "review_due_on": review_due_on }),
    )?;
    let row = hardship_files::find_in_scope(c, &deciding.file.id, scope)?
        .map(|f| f.0)
        .ok_or_else(|| ApiError::not_found("hardship file"))?;
    Ok(HardshipFile::new(row, name, union_id, union))
}

/// 409: not possible in the file's state.
pub fn not_actionable(detail: impl Into<String>) -> ApiError {
    ApiError::conflict(ErrorCode::HardshipFileNotActionable, detail)
}
