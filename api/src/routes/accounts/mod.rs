//! `/api/v1/accounts`: people and integrations, managed within one's scope and never above one's role.

pub mod create;
pub mod get;
pub mod list;
pub mod update;

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::scopes::parse_scopes;
use crate::auth::{AuthUser, Permission, Role};
use crate::db::models::accounts::AccountWithOrg;
use crate::error::{ApiError, ApiResult, Validator};
use crate::views::rfc3339;

/// Registers the area's endpoints.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list::list_accounts)
        .service(create::create_account)
        .service(get::get_account)
        .service(update::update_account);
}

/// An account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    /// Id.
    pub id: String,
    /// Username (lower case); the client id of an integration.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Home organisation: the top of the account's scope.
    pub organisation_id: String,
    /// Its name.
    pub organisation_name: String,
    /// Disabled accounts cannot log in and their tokens stop working.
    pub disabled: bool,
    /// Scopes granted (integrations only; empty for people, whose role decides).
    pub scopes: Vec<Permission>,
    /// Last successful login (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_login_at: Option<String>,
    /// Created (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Last changed (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: String,
    /// Row version; the `ETag` is this number in quotes.
    pub version: i32,
    /// For a `member` account: the member record it serves in self-service.
    pub member_id: Option<String>,
}

impl From<AccountWithOrg> for Account {
    fn from((a, _, org_name): AccountWithOrg) -> Account {
        Account {
            role: Role::parse(&a.role).unwrap_or(Role::Member),
            scopes: parse_scopes(&a.scopes).unwrap_or_default(),
            id: a.id,
            username: a.username,
            display_name: a.display_name,
            organisation_id: a.organisation_id,
            organisation_name: org_name,
            disabled: a.disabled,
            last_login_at: a.last_login_at.map(rfc3339),
            created_at: rfc3339(a.created_at),
            updated_at: rfc3339(a.updated_at),
            version: a.version,
            member_id: a.member_id,
        }
    }
}

/// Checks linking an account of `role` to a member: only `member` accounts, a member in the caller's scope,
/// and not one another account already serves.
pub fn check_member_link(
    c: &mut crate::db::DbConn,
    member_id: &str,
    role: Role,
    scope: &crate::db::models::organisations::Range,
    account_id: Option<&str>,
) -> ApiResult<String> {
    if role != Role::Member {
        return Err(ApiError::field(
            "member_id",
            "not_allowed",
            "only member accounts are linked to a member record",
        ));
    }
    let (member, _) = crate::db::models::members::find_in_scope(c, member_id.trim(), scope)?
        .ok_or_else(|| ApiError::field("member_id", "not_found", "no such member in your scope"))?;
    match crate::db::models::accounts::linked_to(c, &member.id)? {
        Some(other) if Some(other.as_str()) != account_id => Err(ApiError::field(
            "member_id",
            "not_allowed",
            "this member already has a self-service account",
        )),
        _ => Ok(member.id),
    }
}

/// A unique-index race on `member_id` reads as the same field error.
pub fn member_link_taken(e: diesel::result::Error) -> ApiError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            ref info,
        ) if info.message().contains("member") => ApiError::field(
            "member_id",
            "not_allowed",
            "this member already has a self-service account",
        ),
        other => other.into(),
    }
}

/// A page of accounts.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountPage {
    /// This page.
    pub items: Vec<Account>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// Refuses granting a role above the caller's own (only an admin makes admins); integrations never
/// manage accounts.
pub fn check_grant_role(caller: &AuthUser, role: Role) -> ApiResult<()> {
    if caller.role == Role::Integration
        || role.rank() > caller.role.rank()
        || (role == Role::Admin && caller.role != Role::Admin)
    {
        return Err(ApiError::forbidden(format!(
            "you may not grant the role {}",
            role.as_str()
        )));
    }
    Ok(())
}

/// Refuses an account the caller may not manage: see [`crate::auth::scopes::may_manage`].
pub fn check_manages(caller: &AuthUser, role: Role, home_path: &str) -> ApiResult<()> {
    if crate::auth::scopes::may_manage(caller.role, &caller.org_path, role, home_path) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "you may not manage a {} account there: only accounts below your role, or of your role in an organisation below yours",
            role.as_str()
        )))
    }
}

/// Parses an integration's scopes and refuses any the caller does not hold itself.
pub fn check_grant_scopes(
    v: &mut Validator,
    caller: &AuthUser,
    scopes: &[String],
) -> Vec<Permission> {
    let mut out = Vec::new();
    for s in scopes {
        match Permission::parse(s.trim()) {
            Some(p) if !p.grantable_to_integration() => v.add(
                "scopes",
                "not_allowed",
                format!(
                    "integrations may not hold '{}': a third-party system never manages accounts, reads the audit log, reveals personal numbers or sees hardship files",
                    p.as_str()
                ),
            ),
            Some(p) if caller.can(p) => {
                if !out.contains(&p) {
                    out.push(p)
                }
            }
            Some(p) => v.add(
                "scopes",
                "not_allowed",
                format!("you may not grant '{}': you do not hold it", p.as_str()),
            ),
            None => v.add("scopes", "invalid_value", format!("unknown scope '{s}'")),
        }
    }
    out
}

/// Usernames: 3 to 50 of a-z, 0-9, `.`, `_`, `-`, starting with a letter or digit.
pub fn check_username(v: &mut Validator, raw: &str) -> Option<String> {
    let u = raw.trim().to_lowercase();
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let ok_start = u.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !(3..=50).contains(&u.len()) || !ok_chars || !ok_start {
        v.add(
            "username",
            "invalid_format",
            "3 to 50 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
        );
        return None;
    }
    Some(u)
}
