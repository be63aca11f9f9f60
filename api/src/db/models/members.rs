//! The member registry and the membership history.

use crate::domain::membership::MemberStatus;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::organisations::Range;
use super::{contains_pattern, lower, Db};
use crate::db::schema::{
    card_sequences as cs, members as m, membership_changes as mc, organisations as o,
};
use crate::db::DbConn;

/// A stored member.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = m)]
pub struct MemberRow {
    pub id: String,
    pub organisation_id: String,
    pub name: String,
    pub gender: String,
    pub ethnicity: Option<String>,
    pub birth_date: NaiveDate,
    pub id_number: String,
    pub id_number_rev: String,
    pub mobile: Option<String>,
    pub education: Option<String>,
    pub political_status: Option<String>,
    pub hukou_type: Option<String>,
    pub hukou_division: Option<String>,
    pub employment_status: Option<String>,
    pub skill_level: Option<String>,
    pub migrant_worker: bool,
    pub new_form_employment: bool,
    pub new_form_kind: Option<String>,
    pub dispatched: bool,
    pub joined_on: Option<NaiveDate>,
    pub card_number: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: MemberStatus,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Changes to a member's person fields. `None` leaves a field; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = m)]
pub struct MemberChanges {
    pub name: Option<String>,
    pub gender: Option<String>,
    pub ethnicity: Option<Option<String>>,
    pub birth_date: Option<NaiveDate>,
    pub id_number: Option<String>,
    pub id_number_rev: Option<String>,
    pub mobile: Option<Option<String>>,
    pub education: Option<Option<String>>,
    pub political_status: Option<Option<String>>,
    pub hukou_type: Option<Option<String>>,
    pub hukou_division: Option<Option<String>>,
    pub employment_status: Option<Option<String>>,
    pub skill_level: Option<Option<String>>,
    pub migrant_worker: Option<bool>,
    pub new_form_employment: Option<bool>,
    pub new_form_kind: Option<Option<String>>,
    pub dispatched: Option<bool>,
    pub joined_on: Option<Option<NaiveDate>>,
}

/// A membership change.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = mc)]
pub struct MembershipChangeRow {
    pub id: String,
    pub member_id: String,
    pub change: String,
    pub effective_on: NaiveDate,
    pub from_organisation_id: Option<String>,
    pub to_organisation_id: Option<String>,
    pub reason: Option<String>,
    pub actor_id: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A member with the name of the union.
pub type MemberWithOrg = (MemberRow, String);

/// The reversed ID number (for suffix search).
pub fn reversed(id_number: &str) -> String {
    id_number.chars().rev().collect()
}

/// Loads a member whose union lies in the scope.
pub fn find_in_scope(
    conn: &mut DbConn,
    id: &str,
    scope: &Range,
) -> QueryResult<Option<MemberWithOrg>> {
    m::table
        .inner_join(o::table)
        .filter(m::id.eq(id))
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .select((MemberRow::as_select(), o::name))
        .first(conn)
        .optional()
}

/// The member with this ID number anywhere in the deployment, with the path and name of the union.
pub fn find_by_id_number(
    conn: &mut DbConn,
    id_number: &str,
) -> QueryResult<Option<(MemberRow, String, String)>> {
    m::table
        .inner_join(o::table)
        .filter(m::id_number.eq(id_number))
        .select((MemberRow::as_select(), o::path, o::name))
        .first(conn)
        .optional()
}

/// Filters of the member list.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub q: Option<String>,
    pub id_number: Option<String>,
    pub id_suffix: Option<String>,
    pub mobile: Option<String>,
    pub card_number: Option<String>,
    pub subtree: Option<Range>,
    pub organisation_id: Option<String>,
    pub migrant_worker: Option<bool>,
    pub new_form_employment: Option<bool>,
    pub dispatched: Option<bool>,
    pub status: Option<String>,
    pub joined_from: Option<NaiveDate>,
    pub joined_to: Option<NaiveDate>,
}

/// One page of members in scope, by id.
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &ListFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<MemberWithOrg>> {
    let mut q = m::table
        .inner_join(o::table)
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .into_boxed::<Db>();
    if let Some((lo, hi)) = &f.subtree {
        q = q.filter(o::path.ge(lo)).filter(o::path.lt(hi));
    }
    if let Some(org) = &f.organisation_id {
        q = q.filter(m::organisation_id.eq(org));
    }
    if let Some(text) = &f.q {
        q = q.filter(lower(m::name).like(contains_pattern(text)).escape('\\'));
    }
    if let Some(v) = &f.id_number {
        q = q.filter(m::id_number.eq(v));
    }
    if let Some(suffix) = &f.id_suffix {
        // Digits and X only, so every number ending in the suffix lies in [rev, rev + "~").
        let rev = reversed(suffix);
        q = q
            .filter(m::id_number_rev.ge(rev.clone()))
            .filter(m::id_number_rev.lt(format!("{rev}~")));
    }
    if let Some(v) = &f.mobile {
        q = q.filter(m::mobile.eq(v));
    }
    if let Some(v) = &f.card_number {
        q = q.filter(m::card_number.eq(v));
    }
    if let Some(v) = f.migrant_worker {
        q = q.filter(m::migrant_worker.eq(v));
    }
    if let Some(v) = f.new_form_employment {
        q = q.filter(m::new_form_employment.eq(v));
    }
    if let Some(v) = f.dispatched {
        q = q.filter(m::dispatched.eq(v));
    }
    if let Some(v) = &f.status {
        q = q.filter(m::status.eq(v));
    }
    if let Some(v) = f.joined_from {
        q = q.filter(m::joined_on.ge(v));
    }
    if let Some(v) = f.joined_to {
        q = q.filter(m::joined_on.le(v));
    }
    if let Some(a) = after {
        q = q.filter(m::id.gt(a));
    }
    q.order(m::id.asc())
        .limit(limit + 1)
        .select((MemberRow::as_select(), o::name))
        .load(conn)
}

/// Inserts a member.
pub fn insert(conn: &mut DbConn, row: &MemberRow) -> QueryResult<()> {
    diesel::insert_into(m::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// Applies changes if the row is still at `version`; returns whether it was.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    changes: &MemberChanges,
    version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(m::table.filter(m::id.eq(id)).filter(m::version.eq(version)))
        .set((
            changes.clone(),
            m::version.eq(version + 1),
            m::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Sets the status if the row is still at `version`; returns whether it was.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    status: MemberStatus,
    version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(m::table.filter(m::id.eq(id)).filter(m::version.eq(version)))
        .set((
            m::status.eq(status.as_str()),
            m::version.eq(version + 1),
            m::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records a membership change.
pub fn record_change(conn: &mut DbConn, row: &MembershipChangeRow) -> QueryResult<()> {
    diesel::insert_into(mc::table)
        .values(row.clone())
        .execute(conn)
        .map(|_| ())
}

/// A member's history, oldest first.
pub fn history(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<MembershipChangeRow>> {
    mc::table
        .filter(mc::member_id.eq(member_id))
        .order(mc::id.asc())
        .select(MembershipChangeRow::as_select())
        .load(conn)
}

/// Active members of a subtree who have no card yet, by id.
pub fn without_card(conn: &mut DbConn, subtree: &Range) -> QueryResult<Vec<(String, i32)>> {
    m::table
        .inner_join(o::table)
        .filter(o::path.ge(&subtree.0))
        .filter(o::path.lt(&subtree.1))
        .filter(m::card_number.is_null())
        .filter(m::status.eq("active"))
        .order(m::id.asc())
        .select((m::id, m::version))
        .load(conn)
}

/// Reserves `count` serials of a division and returns the first. The counter row is created if missing
/// (insert-or-ignore, per backend, so two first issuers do not collide), then bumped: inside a write
/// transaction its row stays locked until commit, so concurrent issuers never share a serial.
pub fn reserve_serials(conn: &mut DbConn, division: &str, count: i64) -> QueryResult<i64> {
    let row = (cs::division.eq(division), cs::next_serial.eq(1_i64));
    match conn {
        DbConn::Pg(c) => diesel::insert_into(cs::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConn::Sqlite(c) => diesel::insert_or_ignore_into(cs::table)
            .values(row)
            .execute(c)?,
    };
    diesel::update(cs::table.filter(cs::division.eq(division)))
        .set(cs::next_serial.eq(cs::next_serial + count))
        .execute(conn)?;
    let next: i64 = cs::table
        .filter(cs::division.eq(division))
        .select(cs::next_serial)
        .first(conn)?;
    Ok(next - count)
}

/// Gives a member a card number (bumping the version).
pub fn set_card(conn: &mut DbConn, id: &str, card: &str, version: i32) -> QueryResult<bool> {
    let n = diesel::update(m::table.filter(m::id.eq(id)).filter(m::version.eq(version)))
        .set((
            m::card_number.eq(card),
            m::version.eq(version + 1),
            m::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Loads a member regardless of scope (for steps whose scope was checked on the request).
pub fn find_any(conn: &mut DbConn, id: &str) -> QueryResult<Option<MemberRow>> {
    m::table
        .filter(m::id.eq(id))
        .select(MemberRow::as_select())
        .first(conn)
        .optional()
}

/// Loads a member with its union's name regardless of scope (a member's own record in self-service).
pub fn find_with_org(conn: &mut DbConn, id: &str) -> QueryResult<Option<MemberWithOrg>> {
    m::table
        .inner_join(o::table)
        .filter(m::id.eq(id))
        .select((MemberRow::as_select(), o::name))
        .first(conn)
        .optional()
}

/// Moves a member to another union if the row is still at `version`.
pub fn move_to(
    conn: &mut DbConn,
    id: &str,
    organisation_id: &str,
    version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(m::table.filter(m::id.eq(id)).filter(m::version.eq(version)))
        .set((
            m::organisation_id.eq(organisation_id),
            m::version.eq(version + 1),
            m::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Which of these ID numbers are registered already, with the union's path and name.
pub fn existing_ids(
    conn: &mut DbConn,
    id_numbers: &[String],
) -> QueryResult<Vec<(String, String, String)>> {
    let mut found = Vec::new();
    for chunk in id_numbers.chunks(1000) {
        found.extend(
            m::table
                .inner_join(o::table)
                .filter(m::id_number.eq_any(chunk))
                .select((m::id_number, o::path, o::name))
                .load::<(String, String, String)>(conn)?,
        );
    }
    Ok(found)
}

/// Inserts many members and their join records, in batches (per backend: MultiConnection has no
/// multi-row insert of its own).
pub fn insert_many(
    conn: &mut DbConn,
    rows: &[MemberRow],
    changes: &[MembershipChangeRow],
) -> QueryResult<()> {
    for chunk in rows.chunks(500) {
        match conn {
            DbConn::Pg(c) => diesel::insert_into(m::table)
                .values(chunk.to_vec())
                .execute(c)?,
            DbConn::Sqlite(c) => diesel::insert_into(m::table)
                .values(chunk.to_vec())
                .execute(c)?,
        };
    }
    for chunk in changes.chunks(1000) {
        match conn {
            DbConn::Pg(c) => diesel::insert_into(mc::table)
                .values(chunk.to_vec())
                .execute(c)?,
            DbConn::Sqlite(c) => diesel::insert_into(mc::table)
                .values(chunk.to_vec())
                .execute(c)?,
        };
    }
    Ok(())
}
