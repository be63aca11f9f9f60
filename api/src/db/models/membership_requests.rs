//! Join and transfer requests.

use crate::domain::membership_request::{RequestKind, RequestStatus};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisations::Range;
use super::Db;
use crate::db::schema::{membership_requests as r, organisations as o};
use crate::db::DbConn;

/// A stored request.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = r)]
pub struct RequestRow {
    pub id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: RequestKind,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: RequestStatus,
    pub id_number: String,
    pub person: String,
    pub member_id: Option<String>,
    pub from_organisation_id: Option<String>,
    pub to_organisation_id: String,
    pub reason: Option<String>,
    pub decision_reason: Option<String>,
    pub requested_by: Option<String>,
    pub released_by: Option<String>,
    pub released_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl RequestRow {
    /// A new pending request.
    #[expect(
        clippy::too_many_arguments,
        reason = "a new request is exactly these facts; a builder would only rename them"
    )]
    pub fn pending(
        kind: RequestKind,
        id_number: String,
        person: String,
        member_id: Option<String>,
        from: Option<String>,
        to: String,
        reason: Option<String>,
        requested_by: Option<String>,
    ) -> RequestRow {
        let now = crate::db::now();
        RequestRow {
            id: crate::db::new_id(),
            kind,
            status: RequestStatus::Pending,
            id_number,
            person,
            member_id,
            from_organisation_id: from,
            to_organisation_id: to,
            reason,
            decision_reason: None,
            requested_by,
            released_by: None,
            released_at: None,
            decided_by: None,
            decided_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }
}

/// The ids of organisations in a scope among the given ones.
fn in_scope(conn: &mut DbConn, ids: &[String], scope: &Range) -> QueryResult<Vec<String>> {
    o::table
        .filter(o::id.eq_any(ids))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select(o::id)
        .load(conn)
}

/// Which sides of a request a scope covers: (the side it leaves, the side it joins).
pub fn sides(conn: &mut DbConn, row: &RequestRow, scope: &Range) -> QueryResult<(bool, bool)> {
    let mut ids = vec![row.to_organisation_id.clone()];
    ids.extend(row.from_organisation_id.clone());
    let covered = in_scope(conn, &ids, scope)?;
    let from = row
        .from_organisation_id
        .as_ref()
        .is_some_and(|f| covered.contains(f));
    Ok((from, covered.contains(&row.to_organisation_id)))
}

/// Loads a request one of whose sides lies in the scope.
pub fn find_visible(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<(RequestRow, bool, bool)>> {
    let Some(row) = r::table
        .filter(r::id.eq(id))
        .select(RequestRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let (from, to) = sides(conn, &row, scope)?;
    Ok((from || to).then_some((row, from, to)))
}

/// Filters of the inbox.
#[derive(Debug, Default)]
pub struct ListFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
}

/// Requests either side of which lies in the scope, newest first.
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &ListFilter,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<RequestRow>> {
    let orgs = o::table
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select(o::id);
    let mut q = r::table
        .filter(
            r::to_organisation_id
                .eq_any(orgs)
                .or(r::from_organisation_id.assume_not_null().eq_any(orgs)),
        )
        .into_boxed::<Db>();
    if let Some(k) = &f.kind {
        q = q.filter(r::kind.eq(k));
    }
    if let Some(statuses) = &f.status {
        q = q.filter(
            r::status.eq_any(
                statuses
                    .split(',')
                    .map(str::trim)
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            ),
        );
    }
    if let Some(b) = before {
        q = q.filter(r::id.lt(b));
    }
    q.order(r::id.desc())
        .limit(limit + 1)
        .select(RequestRow::as_select())
        .load(conn)
}

/// Whether the person has an open request.
pub fn open_for(conn: &mut DbConn, id_number: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        r::table
            .filter(r::id_number.eq(id_number))
            .filter(r::status.eq_any(["pending", "released"])),
    ))
    .get_result(conn)
}

/// Inserts a request.
pub fn insert(conn: &mut DbConn, row: &RequestRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Moves a request to a new status if it is still at `version`; records who and why.
pub fn decide(
    conn: &mut DbConn,
    row: &RequestRow,
    status: RequestStatus,
    actor: Option<&str>,
    reason: Option<&str>,
) -> QueryResult<bool> {
    let now = crate::db::now();
    let target = r::table
        .filter(r::id.eq(&row.id))
        .filter(r::version.eq(row.version));
    let n = if status == RequestStatus::Released {
        diesel::update(target)
            .set((
                r::status.eq(status.as_str()),
                r::released_by.eq(actor),
                r::released_at.eq(now),
                r::version.eq(row.version + 1),
                r::updated_at.eq(now),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                r::status.eq(status.as_str()),
                r::decided_by.eq(actor),
                r::decided_at.eq(now),
                r::decision_reason.eq(reason),
                r::version.eq(row.version + 1),
                r::updated_at.eq(now),
            ))
            .execute(conn)?
    };
    Ok(n == 1)
}

/// Reloads a request.
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<RequestRow>> {
    r::table
        .filter(r::id.eq(id))
        .select(RequestRow::as_select())
        .first(conn)
        .optional()
}

/// Requests a self-service account filed, or that concern its member, newest first.
pub fn for_account(
    conn: &mut DbConn,
    account_id: &str,
    member_id: Option<&str>,
) -> QueryResult<Vec<RequestRow>> {
    let mut q = r::table
        .filter(r::requested_by.eq(account_id))
        .into_boxed::<super::Db>();
    if let Some(m) = member_id {
        q = q.or_filter(r::member_id.eq(m.to_owned()));
    }
    q.order(r::id.desc())
        .limit(100)
        .select(RequestRow::as_select())
        .load(conn)
}
