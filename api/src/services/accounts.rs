//! Creating an account: the one path the API, the command line (`gonghui create-admin`) and the demo
//! data take, so that every account is checked and audited alike.

use crate::auth::Role;
use crate::db::models::accounts::{self, AccountRow};
use crate::db::models::audit_events::{self, Actor};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::error::{ApiError, ApiResult, ErrorCode};

/// An account to create, already checked against the caller's rights (role, home, scopes, member).
pub struct NewAccount {
    /// Login name (stored lower-case).
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Argon2 hash of the password or client secret.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Home organisation.
    pub organisation_id: String,
    /// Granted scopes of an integration (space-separated), else empty.
    pub scopes: String,
    /// The member a member account serves.
    pub member_id: Option<String>,
}

/// Inserts the account and its audit entry; refuses a taken username (409 `username_taken`) and a
/// member who already has an account (422 on `member_id`).
pub fn create(c: &mut DbConn, actor: &Actor, new: NewAccount) -> ApiResult<AccountRow> {
    let username = new.username.trim().to_lowercase();
    if accounts::username_exists(c, &username)? {
        return Err(ApiError::conflict(
            ErrorCode::UsernameTaken,
            format!("the username '{username}' is taken"),
        ));
    }
    let now = crate::db::now();
    let row = AccountRow {
        id: crate::db::new_id(),
        username,
        display_name: new.display_name,
        password_hash: new.password_hash,
        role: new.role.as_str().to_owned(),
        organisation_id: new.organisation_id,
        scopes: new.scopes,
        disabled: false,
        last_login_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
        member_id: new.member_id,
    };
    accounts::insert(c, &row).map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            ref info,
        ) if info.message().contains("member") => ApiError::field(
            "member_id",
            "not_allowed",
            "this member already has a self-service account",
        ),
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::conflict(ErrorCode::UsernameTaken, "the username is taken"),
        other => other.into(),
    })?;
    let changes = serde_json::json!({
        "username": { "from": null, "to": row.username },
        "role": { "from": null, "to": row.role },
        "organisation_id": { "from": null, "to": row.organisation_id },
        "scopes": { "from": null, "to": row.scopes },
        "member_id": { "from": null, "to": row.member_id },
    });
    audit_events::record(
        c,
        actor,
        AuditAction::AccountCreate,
        AuditResource::Account,
        &row.id,
        Some(&row.organisation_id),
        changes,
    )?;
    Ok(row)
}
