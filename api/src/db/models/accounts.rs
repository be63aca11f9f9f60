//! Accounts: people and third-party systems, each with a home organisation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisations::Range;
use super::{contains_pattern, lower, Db};
use crate::db::schema::{accounts as a, organisations as o};
use crate::db::DbConn;

/// A stored account.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = a)]
pub struct AccountRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub organisation_id: String,
    pub scopes: String,
    pub disabled: bool,
    pub last_login_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// For a `member` account: the member record it serves (self-service).
    pub member_id: Option<String>,
}

/// An account with its home organisation's path and name.
pub type AccountWithOrg = (AccountRow, String, String);

/// Loads an account by id with its home organisation's path and name.
pub fn find_with_org(conn: &mut DbConn, id: &str) -> QueryResult<Option<AccountWithOrg>> {
    a::table
        .inner_join(o::table)
        .filter(a::id.eq(id))
        .select((AccountRow::as_select(), o::path, o::name))
        .first(conn)
        .optional()
}

/// Loads an account by username (case-insensitive: usernames are stored lower case).
pub fn find_by_username(conn: &mut DbConn, username: &str) -> QueryResult<Option<AccountWithOrg>> {
    a::table
        .inner_join(o::table)
        .filter(a::username.eq(username.trim().to_lowercase()))
        .select((AccountRow::as_select(), o::path, o::name))
        .first(conn)
        .optional()
}

/// Loads an account whose home lies in the scope.
pub fn find_in_scope(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<AccountWithOrg>> {
    a::table
        .inner_join(o::table)
        .filter(a::id.eq(id))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select((AccountRow::as_select(), o::path, o::name))
        .first(conn)
        .optional()
}

/// Filters of the account list.
#[derive(Debug, Default)]
pub struct ListFilter {
    pub q: Option<String>,
    pub role: Option<String>,
    pub organisation_id: Option<String>,
    pub disabled: Option<bool>,
}

/// One page of accounts in scope, by id.
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &ListFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<AccountWithOrg>> {
    let mut q = a::table
        .inner_join(o::table)
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .into_boxed::<Db>();
    if let Some(text) = &f.q {
        let p = contains_pattern(text);
        q = q.filter(
            lower(a::username)
                .like(p.clone())
                .escape('\\')
                .or(lower(a::display_name).like(p).escape('\\')),
        );
    }
    if let Some(r) = &f.role {
        q = q.filter(a::role.eq(r));
    }
    if let Some(org) = &f.organisation_id {
        q = q.filter(a::organisation_id.eq(org));
    }
    if let Some(d) = f.disabled {
        q = q.filter(a::disabled.eq(d));
    }
    if let Some(after) = after {
        q = q.filter(a::id.gt(after));
    }
    q.order(a::id.asc())
        .limit(limit + 1)
        .select((AccountRow::as_select(), o::path, o::name))
        .load(conn)
}

/// Whether a username is taken.
pub fn username_exists(conn: &mut DbConn, username: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        a::table.filter(a::username.eq(username)),
    ))
    .get_result(conn)
}

/// Inserts an account.
pub fn insert(conn: &mut DbConn, row: &AccountRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Changes to an account.
#[derive(Debug, Default, Clone, AsChangeset)]
#[diesel(table_name = a)]
pub struct AccountChanges {
    pub display_name: Option<String>,
    pub password_hash: Option<String>,
    pub role: Option<String>,
    pub organisation_id: Option<String>,
    pub scopes: Option<String>,
    pub disabled: Option<bool>,
    pub member_id: Option<Option<String>>,
}

/// Applies changes if the row is still at `version`, bumping it; returns whether it was.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    changes: &AccountChanges,
    version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(a::table.filter(a::id.eq(id)).filter(a::version.eq(version)))
        .set((
            changes.clone(),
            a::version.eq(version + 1),
            a::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records a successful login.
pub fn touch_login(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(a::table.filter(a::id.eq(id)))
        .set(a::last_login_at.eq(crate::db::now()))
        .execute(conn)
        .map(|_| ())
}

/// The account linked to a member, if any.
pub fn linked_to(conn: &mut DbConn, member_id: &str) -> QueryResult<Option<String>> {
    a::table
        .filter(a::member_id.eq(member_id))
        .select(a::id)
        .first(conn)
        .optional()
}

/// Links a `member` account that has no member yet to a member (after its join request is approved).
pub fn link_if_unlinked(conn: &mut DbConn, account_id: &str, member_id: &str) -> QueryResult<bool> {
    Ok(diesel::update(
        a::table
            .filter(a::id.eq(account_id))
            .filter(a::role.eq("member"))
            .filter(a::member_id.is_null()),
    )
    .set((
        a::member_id.eq(member_id),
        a::version.eq(a::version + 1),
        a::updated_at.eq(crate::db::now()),
    ))
    .execute(conn)?
        == 1)
}

/// Moves the home of a member's account with the member (after a transfer), so self-service keeps working.
pub fn follow_member(conn: &mut DbConn, member_id: &str, organisation_id: &str) -> QueryResult<()> {
    diesel::update(a::table.filter(a::member_id.eq(member_id)))
        .set((
            a::organisation_id.eq(organisation_id),
            a::version.eq(a::version + 1),
            a::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Display names of accounts by id (for showing who did what).
pub fn display_names(
    conn: &mut DbConn,
    ids: &[String],
) -> QueryResult<std::collections::HashMap<String, String>> {
    Ok(a::table
        .filter(a::id.eq_any(ids))
        .select((a::id, a::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
