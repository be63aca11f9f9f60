//! Refresh tokens: random, stored as SHA-256 hashes, rotated on every use. Each login starts a family;
//! presenting a token that was already used revokes the whole family (a stolen token was replayed).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::refresh_tokens as r;
use crate::db::DbConn;

/// A stored refresh token.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct RefreshTokenRow {
    pub id: String,
    pub account_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// SHA-256 hex of a token.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Issues a new token in a family; returns the plain token (shown once).
pub fn issue(
    conn: &mut DbConn,
    account_id: &str,
    family_id: &str,
    ttl_seconds: i64,
) -> QueryResult<String> {
    let token = format!("ghr_{}", hex::encode(rand::random::<[u8; 32]>()));
    let now = crate::db::now();
    diesel::insert_into(r::table)
        .values((
            r::id.eq(crate::db::new_id()),
            r::account_id.eq(account_id),
            r::family_id.eq(family_id),
            r::token_hash.eq(hash(&token)),
            r::expires_at.eq(now + chrono::Duration::seconds(ttl_seconds)),
            r::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Finds a token by its plain value.
pub fn find(conn: &mut DbConn, token: &str) -> QueryResult<Option<RefreshTokenRow>> {
    r::table
        .filter(r::token_hash.eq(hash(token)))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()
}

/// Marks a token used, only if nobody used it first; returns whether this call won.
pub fn mark_used(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(r::table.filter(r::id.eq(id)).filter(r::used_at.is_null()))
        .set(r::used_at.eq(crate::db::now()))
        .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every token of a family.
pub fn revoke_family(conn: &mut DbConn, family_id: &str) -> QueryResult<usize> {
    diesel::update(
        r::table
            .filter(r::family_id.eq(family_id))
            .filter(r::revoked_at.is_null()),
    )
    .set(r::revoked_at.eq(crate::db::now()))
    .execute(conn)
}

/// Revokes every token of an account (disabled, password reset).
pub fn revoke_account(conn: &mut DbConn, account_id: &str) -> QueryResult<usize> {
    diesel::update(
        r::table
            .filter(r::account_id.eq(account_id))
            .filter(r::revoked_at.is_null()),
    )
    .set(r::revoked_at.eq(crate::db::now()))
    .execute(conn)
}
