//! Hardship files (困难职工档案) with their reviews, evidence and assistance. Scope follows the member's
//! current union.

use crate::domain::hardship::HardshipStatus;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::organisations::Range;
use super::{contains_pattern, lower, Db};
use crate::db::schema::{
    accounts as a, hardship_assistance as ha, hardship_evidence as he, hardship_files as hf,
    hardship_reviews as hr, members as m, organisations as o,
};
use crate::db::DbConn;

/// A stored hardship file.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hf)]
pub struct FileRow {
    pub id: String,
    pub member_id: String,
    pub category: String,
    pub household_size: i32,
    pub monthly_income_per_head_fen: i64,
    pub reason: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: HardshipStatus,
    pub applied_on: NaiveDate,
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    pub review_note: Option<String>,
    pub review_due_on: Option<NaiveDate>,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Changes to a file's facts.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = hf)]
pub struct FileChanges {
    pub category: Option<String>,
    pub household_size: Option<i32>,
    pub monthly_income_per_head_fen: Option<i64>,
    pub reason: Option<String>,
}

/// A decision's effect on the file.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = hf, treat_none_as_null = true)]
pub struct DecisionChanges {
    #[diesel(serialize_as = String)]
    pub status: HardshipStatus,
    pub reviewed_by: Option<String>,
    pub reviewed_on: Option<NaiveDate>,
    pub review_note: Option<String>,
    pub review_due_on: Option<NaiveDate>,
}

/// A stored review decision.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = hr)]
pub struct ReviewRow {
    pub id: String,
    pub file_id: String,
    pub decision: String,
    pub note: Option<String>,
    pub decided_on: NaiveDate,
    pub review_due_on: Option<NaiveDate>,
    pub decided_by: String,
    pub created_at: NaiveDateTime,
}

/// A stored evidence attachment (the bytes are on disk).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = he)]
pub struct EvidenceRow {
    pub id: String,
    pub file_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub created_at: NaiveDateTime,
}

/// A stored assistance record.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ha)]
pub struct AssistanceRow {
    pub id: String,
    pub file_id: String,
    pub given_on: NaiveDate,
    pub kind: String,
    pub amount_fen: i64,
    pub note: Option<String>,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
}

/// A file with its member's name, union id and union name.
pub type FileWithMember = (FileRow, String, String, String);

/// Filters of the file list.
#[derive(Debug, Default, Clone)]
pub struct FileFilter {
    pub status: Option<String>,
    pub category: Option<String>,
    pub name: Option<String>,
    pub review_due_before: Option<NaiveDate>,
}

/// Inserts a file.
pub fn insert(conn: &mut DbConn, row: &FileRow) -> QueryResult<()> {
    diesel::insert_into(hf::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A file whose member is in scope, with the member's name and union.
pub fn find_in_scope(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<FileWithMember>> {
    hf::table
        .inner_join(m::table.inner_join(o::table))
        .filter(hf::id.eq(id))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select((FileRow::as_select(), m::name, m::organisation_id, o::name))
        .first(conn)
        .optional()
}

/// Files in a subtree, newest first (ids are time-ordered).
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &FileFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<FileWithMember>> {
    let mut q = hf::table
        .inner_join(m::table.inner_join(o::table))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .into_boxed::<Db>();
    if let Some(s) = &f.status {
        q = q.filter(hf::status.eq(s.clone()));
    }
    if let Some(c) = &f.category {
        q = q.filter(hf::category.eq(c.clone()));
    }
    if let Some(n) = &f.name {
        q = q.filter(lower(m::name).like(contains_pattern(n)).escape('\\'));
    }
    if let Some(d) = f.review_due_before {
        q = q
            .filter(hf::status.eq("approved"))
            .filter(hf::review_due_on.le(d));
    }
    if let Some(a) = after {
        q = q.filter(hf::id.lt(a.to_owned()));
    }
    q.order(hf::id.desc())
        .limit(limit + 1)
        .select((FileRow::as_select(), m::name, m::organisation_id, o::name))
        .load(conn)
}

/// A member's files, newest first.
pub fn for_member(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<FileRow>> {
    hf::table
        .filter(hf::member_id.eq(member_id))
        .order((hf::applied_on.desc(), hf::id.desc()))
        .select(FileRow::as_select())
        .load(conn)
}

/// Whether the member has an applied or approved file.
pub fn open_for(conn: &mut DbConn, member_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        hf::table
            .filter(hf::member_id.eq(member_id))
            .filter(hf::status.eq_any(["applied", "approved"])),
    ))
    .get_result(conn)
}

/// Updates a file's facts if still at `version`.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    version: i32,
    changes: &FileChanges,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    Ok(diesel::update(
        hf::table
            .filter(hf::id.eq(id))
            .filter(hf::version.eq(version)),
    )
    .set((
        changes.clone(),
        hf::version.eq(version + 1),
        hf::updated_at.eq(now),
    ))
    .execute(conn)?
        == 1)
}

/// Applies a decision if the file is still at `version`.
pub fn decide(
    conn: &mut DbConn,
    id: &str,
    version: i32,
    changes: &DecisionChanges,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    Ok(diesel::update(
        hf::table
            .filter(hf::id.eq(id))
            .filter(hf::version.eq(version)),
    )
    .set((
        changes.clone(),
        hf::version.eq(version + 1),
        hf::updated_at.eq(now),
    ))
    .execute(conn)?
        == 1)
}

/// Bumps a file's version (after its evidence or assistance changed).
pub fn touch(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(hf::table.filter(hf::id.eq(id)))
        .set((hf::version.eq(hf::version + 1), hf::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}

/// Records a decision.
pub fn insert_review(conn: &mut DbConn, row: &ReviewRow) -> QueryResult<()> {
    diesel::insert_into(hr::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A file's decisions, oldest first, with the decider's display name.
pub fn reviews(conn: &mut DbConn, file_id: &str) -> QueryResult<Vec<(ReviewRow, String)>> {
    hr::table
        .inner_join(a::table.on(a::id.eq(hr::decided_by)))
        .filter(hr::file_id.eq(file_id))
        .order(hr::id.asc())
        .select((ReviewRow::as_select(), a::display_name))
        .load(conn)
}

/// Records an evidence attachment.
pub fn insert_evidence(conn: &mut DbConn, row: &EvidenceRow) -> QueryResult<()> {
    diesel::insert_into(he::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A file's evidence, oldest first.
pub fn evidence(conn: &mut DbConn, file_id: &str) -> QueryResult<Vec<EvidenceRow>> {
    he::table
        .filter(he::file_id.eq(file_id))
        .order(he::id.asc())
        .select(EvidenceRow::as_select())
        .load(conn)
}

/// One evidence attachment of a file.
pub fn find_evidence(
    conn: &mut DbConn,
    file_id: &str,
    id: &str,
) -> QueryResult<Option<EvidenceRow>> {
    he::table
        .filter(he::file_id.eq(file_id))
        .filter(he::id.eq(id))
        .select(EvidenceRow::as_select())
        .first(conn)
        .optional()
}

/// Removes an evidence attachment's row.
pub fn delete_evidence(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    Ok(diesel::delete(he::table.filter(he::id.eq(id))).execute(conn)? == 1)
}

/// Records assistance.
pub fn insert_assistance(conn: &mut DbConn, row: &AssistanceRow) -> QueryResult<()> {
    diesel::insert_into(ha::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A file's assistance, oldest first.
pub fn assistance(conn: &mut DbConn, file_id: &str) -> QueryResult<Vec<AssistanceRow>> {
    ha::table
        .filter(ha::file_id.eq(file_id))
        .order((ha::given_on.asc(), ha::id.asc()))
        .select(AssistanceRow::as_select())
        .load(conn)
}
