//! Uploaded member collection sheets.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisations::Range;
use crate::db::schema::{member_imports as i, organisations as o};
use crate::db::DbConn;

/// A stored import.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = i)]
pub struct ImportRow {
    pub id: String,
    pub organisation_id: String,
    pub status: String,
    pub file_name: Option<String>,
    pub total_rows: i32,
    pub valid_rows: i32,
    pub errors: String,
    pub payload: String,
    pub inserted: Option<i32>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub committed_at: Option<NaiveDateTime>,
}

/// Inserts an import.
pub fn insert(conn: &mut DbConn, row: &ImportRow) -> QueryResult<()> {
    diesel::insert_into(i::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Loads an import whose union is in the scope, with the union's name.
pub fn find_in_scope(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<(ImportRow, String)>> {
    i::table
        .inner_join(o::table)
        .filter(i::id.eq(id))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select((ImportRow::as_select(), o::name))
        .first(conn)
        .optional()
}

/// Marks an import committed (if it still was a preview), dropping the stored rows.
pub fn mark_committed(
    conn: &mut DbConn,
    id: &str,
    inserted: i32,
    errors: &str,
) -> QueryResult<bool> {
    let n = diesel::update(
        i::table
            .filter(i::id.eq(id))
            .filter(i::status.eq(crate::domain::member_sheet::ImportStatus::Previewed.as_str())),
    )
    .set((
        i::status.eq(crate::domain::member_sheet::ImportStatus::Committed.as_str()),
        i::inserted.eq(inserted),
        i::errors.eq(errors),
        i::payload.eq("[]"),
        i::committed_at.eq(crate::db::now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
