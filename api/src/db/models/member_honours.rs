//! Members' honours.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::organisations::Range;
use super::Db;
use crate::db::schema::{member_honours as h, members as m, organisations as o};
use crate::db::DbConn;

/// A stored honour.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = h)]
pub struct HonourRow {
    pub id: String,
    pub member_id: String,
    pub kind: String,
    pub level: String,
    pub title: String,
    pub awarded_on: NaiveDate,
    pub awarding_body: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

/// An honour with its member's name and union.
pub type HonourWithMember = (HonourRow, String, String, String);

/// A member's honours, newest award first.
pub fn for_member(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<HonourRow>> {
    h::table
        .filter(h::member_id.eq(member_id))
        .order((h::awarded_on.desc(), h::id.desc()))
        .select(HonourRow::as_select())
        .load(conn)
}

/// Inserts an honour.
pub fn insert(conn: &mut DbConn, row: &HonourRow) -> QueryResult<()> {
    diesel::insert_into(h::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// One honour of a member.
pub fn find(conn: &mut DbConn, member_id: &str, id: &str) -> QueryResult<Option<HonourRow>> {
    h::table
        .filter(h::id.eq(id))
        .filter(h::member_id.eq(member_id))
        .select(HonourRow::as_select())
        .first(conn)
        .optional()
}

/// Deletes an honour if still at `version`.
pub fn delete(conn: &mut DbConn, id: &str, version: i32) -> QueryResult<bool> {
    Ok(
        diesel::delete(h::table.filter(h::id.eq(id)).filter(h::version.eq(version)))
            .execute(conn)?
            == 1,
    )
}

/// Honours of members in a subtree, by id, optionally of a kind and level.
pub fn in_subtree(
    conn: &mut DbConn,
    scope: &Range,
    kind: Option<&str>,
    level: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<HonourWithMember>> {
    let mut q = h::table
        .inner_join(m::table.inner_join(o::table))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .into_boxed::<Db>();
    if let Some(k) = kind {
        q = q.filter(h::kind.eq(k.to_owned()));
    }
    if let Some(l) = level {
        q = q.filter(h::level.eq(l.to_owned()));
    }
    if let Some(a) = after {
        q = q.filter(h::id.gt(a.to_owned()));
    }
    q.order(h::id.asc())
        .limit(limit + 1)
        .select((HonourRow::as_select(), m::name, m::organisation_id, o::name))
        .load(conn)
}
