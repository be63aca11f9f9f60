//! The organisation tree, stored with a materialized path.

use crate::domain::organisation::OrgStatus;
use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{contains_pattern, lower, Db};
use crate::db::schema::organisations as o;
use crate::db::DbConn;

/// A stored organisation.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = o)]
pub struct OrganisationRow {
    pub id: String,
    pub parent_id: Option<String>,
    pub path: String,
    pub depth: i32,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: String,
    pub division_code: Option<String>,
    pub address: Option<String>,
    pub credit_code: Option<String>,
    pub ownership: Option<String>,
    pub industry: Option<String>,
    pub headcount: Option<i32>,
    pub women_headcount: Option<i32>,
    pub founded_on: Option<NaiveDate>,
    pub legal_person_certificate: Option<String>,
    pub chair_name: Option<String>,
    pub chair_contact: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: OrgStatus,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The editable profile fields, as one changeset. `None` leaves a field alone; `Some(None)` clears it.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = o)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub short_name: Option<Option<String>>,
    pub kind: Option<String>,
    pub division_code: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub credit_code: Option<Option<String>>,
    pub ownership: Option<Option<String>>,
    pub industry: Option<Option<String>>,
    pub headcount: Option<Option<i32>>,
    pub women_headcount: Option<Option<i32>>,
    pub founded_on: Option<Option<NaiveDate>>,
    pub legal_person_certificate: Option<Option<String>>,
    pub chair_name: Option<Option<String>>,
    pub chair_contact: Option<Option<String>>,
}

/// A subtree as the `[lower, upper)` range of its paths.
pub type Range = (String, String);

type BoxedQuery<'a> = o::BoxedQuery<'a, Db>;

fn scoped<'a>(scope: &'a Range) -> BoxedQuery<'a> {
    o::table
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .into_boxed()
}

/// Loads one organisation if it lies in the scope.
pub fn find_in_scope(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<OrganisationRow>> {
    scoped(scope)
        .filter(o::id.eq(id))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()
}

/// Loads one organisation, unscoped (for internal use: the caller's own home, the root).
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<OrganisationRow>> {
    o::table
        .filter(o::id.eq(id))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()
}

/// The deployment's root, if created.
pub fn root(conn: &mut DbConn) -> QueryResult<Option<OrganisationRow>> {
    o::table
        .filter(o::parent_id.is_null())
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()
}

/// Filters of the organisation list.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub parent_id: Option<String>,
    pub subtree: Option<Range>,
    pub kind: Option<String>,
    pub kinds: Option<Vec<String>>,
    pub division_code: Option<String>,
    pub q: Option<String>,
    pub status: Option<String>,
}

/// One page of organisations in scope, ordered by id (creation order), after the cursor key.
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &ListFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<OrganisationRow>> {
    let mut q = scoped(scope);
    if let Some(p) = &f.parent_id {
        q = q.filter(o::parent_id.eq(p));
    }
    if let Some((lo, hi)) = &f.subtree {
        q = q.filter(o::path.ge(lo)).filter(o::path.lt(hi));
    }
    if let Some(k) = &f.kind {
        q = q.filter(o::kind.eq(k));
    }
    if let Some(ks) = &f.kinds {
        q = q.filter(o::kind.eq_any(ks));
    }
    if let Some(d) = &f.division_code {
        q = q.filter(o::division_code.eq(d));
    }
    if let Some(text) = &f.q {
        let pattern = contains_pattern(text);
        q = q.filter(
            lower(o::name).like(pattern.clone()).escape('\\').or(lower(
                o::short_name.assume_not_null(),
            )
            .like(pattern)
            .escape('\\')),
        );
    }
    if let Some(s) = &f.status {
        q = q.filter(o::status.eq(s));
    }
    if let Some(a) = after {
        q = q.filter(o::id.gt(a));
    }
    q.order(o::id.asc())
        .limit(limit + 1)
        .select(OrganisationRow::as_select())
        .load(conn)
}

/// Which of `ids` have at least one child (of any status).
pub fn with_children(conn: &mut DbConn, ids: &[String]) -> QueryResult<HashSet<String>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let parents: Vec<Option<String>> = o::table
        .filter(o::parent_id.eq_any(ids))
        .select(o::parent_id)
        .distinct()
        .load(conn)?;
    Ok(parents.into_iter().flatten().collect())
}

/// Number of active children.
pub fn active_children(conn: &mut DbConn, id: &str) -> QueryResult<i64> {
    o::table
        .filter(o::parent_id.eq(id))
        .filter(o::status.eq("active"))
        .count()
        .get_result(conn)
}

/// All organisations of a subtree down to `max_depth`, ordered by path (parents before children).
pub fn subtree(
    conn: &mut DbConn,
    range: &Range,
    max_depth: i32,
    cap: i64,
) -> QueryResult<Vec<OrganisationRow>> {
    o::table
        .filter(o::path.ge(&range.0))
        .filter(o::path.lt(&range.1))
        .filter(o::depth.le(max_depth))
        .order((o::depth.asc(), o::name.asc()))
        .limit(cap)
        .select(OrganisationRow::as_select())
        .load(conn)
}

/// The organisations whose ids are given (for breadcrumbs).
pub fn by_ids(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<OrganisationRow>> {
    o::table
        .filter(o::id.eq_any(ids))
        .select(OrganisationRow::as_select())
        .load(conn)
}

/// Inserts a row.
pub fn insert(conn: &mut DbConn, row: &OrganisationRow) -> QueryResult<()> {
    diesel::insert_into(o::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Applies profile changes if the row is still at `version`, bumping it; returns whether it was.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    changes: &OrganisationChanges,
    version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(o::table.filter(o::id.eq(id)).filter(o::version.eq(version)))
        .set((
            changes.clone(),
            o::version.eq(version + 1),
            o::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Sets the status if the row is still at `version`, bumping it; returns whether it was.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    status: OrgStatus,
    version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(o::table.filter(o::id.eq(id)).filter(o::version.eq(version)))
        .set((
            o::status.eq(status.as_str()),
            o::version.eq(version + 1),
            o::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The distinct kinds of an organisation's children.
pub fn child_kinds(conn: &mut DbConn, id: &str) -> QueryResult<Vec<String>> {
    o::table
        .filter(o::parent_id.eq(id))
        .select(o::kind)
        .distinct()
        .load(conn)
}

/// Moves a subtree: re-parents its root (if still at its version) and rewrites every path and depth below
/// it in one statement. Returns the number of paths rewritten, 0 when the version was stale.
pub fn move_subtree(
    conn: &mut DbConn,
    row: &OrganisationRow,
    new_parent: &OrganisationRow,
) -> QueryResult<usize> {
    let new_path = format!("{}{}/", new_parent.path, row.id);
    let delta = new_parent.depth + 1 - row.depth;
    let now = crate::db::now();
    let n = diesel::update(
        o::table
            .filter(o::id.eq(&row.id))
            .filter(o::version.eq(row.version)),
    )
    .set((
        o::parent_id.eq(&new_parent.id),
        o::version.eq(row.version + 1),
        o::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n != 1 {
        return Ok(0);
    }
    let (lo, hi) = crate::domain::organisation::subtree_range(&row.path);
    let old_len = row.path.chars().count() as i32;
    // Per-backend statement: string functions differ only in name, and diesel's DSL has no substring.
    let sql = match conn {
        DbConn::Pg(_) => "UPDATE organisations SET path = $1 || substr(path, $2), depth = depth + $3 WHERE path >= $4 AND path < $5",
        DbConn::Sqlite(_) => "UPDATE organisations SET path = ?1 || substr(path, ?2), depth = depth + ?3 WHERE path >= ?4 AND path < ?5",
    };
    use diesel::sql_types::{Integer, Text};
    let query = diesel::sql_query(sql)
        .bind::<Text, _>(&new_path)
        .bind::<Integer, _>(old_len + 1)
        .bind::<Integer, _>(delta)
        .bind::<Text, _>(&lo)
        .bind::<Text, _>(&hi);
    match conn {
        DbConn::Pg(c) => query.execute(c),
        DbConn::Sqlite(c) => query.execute(c),
    }
}

impl OrganisationRow {
    /// A new, active organisation with only its name and kind set, placed under `parent` (or as the root):
    /// id, path, depth, version and timestamps filled in.
    pub fn new(parent: Option<&OrganisationRow>, name: &str, kind: &str) -> OrganisationRow {
        let id = crate::db::new_id();
        let now = crate::db::now();
        OrganisationRow {
            path: format!("{}{id}/", parent.map(|p| p.path.as_str()).unwrap_or("/")),
            parent_id: parent.map(|p| p.id.clone()),
            depth: parent.map(|p| p.depth + 1).unwrap_or(0),
            id,
            name: name.to_owned(),
            short_name: None,
            kind: kind.to_owned(),
            division_code: None,
            address: None,
            credit_code: None,
            ownership: None,
            industry: None,
            headcount: None,
            women_headcount: None,
            founded_on: None,
            legal_person_certificate: None,
            chair_name: None,
            chair_contact: None,
            status: OrgStatus::Active,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    /// The ids on the path, root first, this organisation last.
    pub fn path_ids(&self) -> Vec<String> {
        self.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}
