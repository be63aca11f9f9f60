//! `PATCH /accounts/{id}`.

use actix_web::http::header;
use actix_web::{patch, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{check_grant_role, check_grant_scopes, Account};
use crate::auth::reach;
use crate::auth::scopes::format_scopes;
use crate::auth::{passwords, AuthUser, Permission, Role};
use crate::db::models::accounts::{self, AccountChanges};
use crate::db::models::{audit_events, organisations, refresh_tokens};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::{etag, IfMatch};
use crate::state::AppState;

/// Changes to an account. Absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAccount {
    /// Display name.
    pub display_name: Option<String>,
    /// Role; at most your own.
    pub role: Option<Role>,
    /// Home organisation, in your scope.
    pub organisation_id: Option<String>,
    /// Disable or enable. Disabling ends the account's sessions.
    pub disabled: Option<bool>,
    /// A new password (people): ends the account's sessions.
    pub password: Option<String>,
    /// Scopes (integrations).
    pub scopes: Option<Vec<String>>,
    /// The member record a `member` account serves (in your scope); `null` unlinks it.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub member_id: Option<Option<String>>,
}

/// Changes an account in your scope: display name, role, home organisation, disabled, password, scopes.
/// You cannot change your own role, home or disabled flag, nor anyone whose role is above yours.
#[utoipa::path(
    tag = "accounts",
    request_body = UpdateAccount,
    params(
        ("id" = String, Path, description = "Account id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Updated", body = Account, headers(("ETag" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "You may not make this change", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[patch("/accounts/{id}")]
pub async fn update_account(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    if_match: IfMatch,
    body: Body<UpdateAccount>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::AccountsWrite)?;
    reach::account(&state, &user, &id).await?;
    let body = body.into_inner()?;
    let id = id.into_inner();
    let own = id == user.id;
    if own && (body.role.is_some() || body.organisation_id.is_some() || body.disabled.is_some()) {
        return Err(ApiError::forbidden(
            "you cannot change your own role, home organisation or disabled flag",
        ));
    }
    if let Some(role) = body.role {
        check_grant_role(&user, role)?;
    }
    let mut v = Validator::new();
    let display_name = body
        .display_name
        .as_deref()
        .and_then(|d| v.text("display_name", d, 50));
    let scopes = body
        .scopes
        .as_ref()
        .map(|s| format_scopes(&check_grant_scopes(&mut v, &user, s)));
    if let Some(p) = &body.password {
        if let Err(why) = passwords::check_strength(p) {
            v.add("password", "too_short", why);
        }
    }
    v.finish()?;
    let password_hash = match body.password.clone() {
        Some(p) => {
            let memory = state.settings.argon2_memory_kib;
            Some(
                web::block(move || passwords::hash(&p, memory))
                    .await?
                    .map_err(ApiError::internal)?,
            )
        }
        None => None,
    };
    let scope = user.scope();
    let actor = user.actor();
    let caller = user.clone();
    let row = state
        .write(move |c| {
            let (current, current_path, _) = accounts::find_in_scope(c, &id, &scope)?.ok_or_else(|| ApiError::not_found("account"))?;
            let current_role = Role::parse(&current.role).unwrap_or(Role::Member);
            if !own {
                super::check_manages(&caller, current_role, &current_path)?;
            }
            if_match.check("account", current.version)?;
            let new_role = body.role.unwrap_or(current_role);
            if scopes.is_some() && new_role != Role::Integration {
                return Err(ApiError::field("scopes", "not_allowed", "only integration accounts carry scopes"));
            }
            if body.password.is_some() && new_role == Role::Integration {
                return Err(ApiError::field("password", "not_allowed", "integration accounts use a generated client secret"));
            }
            if (new_role == Role::Integration) != (current_role == Role::Integration) {
                return Err(ApiError::field("role", "not_allowed", "an account cannot switch between person and integration"));
            }
            let new_path = match &body.organisation_id {
                Some(org) => organisations::find_in_scope(c, org, &scope)?
                    .ok_or_else(|| ApiError::field("organisation_id", "not_found", "no such organisation in your scope"))?
                    .path,
                None => current_path.clone(),
            };
            if !own && (body.role.is_some() || body.organisation_id.is_some()) {
                super::check_manages(&caller, new_role, &new_path)?;
            }
            let member_id = match &body.member_id {
                Some(Some(m)) => Some(Some(super::check_member_link(c, m, new_role, &scope, Some(&current.id))?)),
                Some(None) => Some(None),
                None => {
                    if current.member_id.is_some() && new_role != Role::Member {
                        return Err(ApiError::field("role", "not_allowed", "unlink the member record (member_id: null) before changing the role"));
                    }
                    None
                }
            };
            let changes = AccountChanges {
                display_name,
                password_hash: password_hash.clone(),
                role: body.role.map(|r| r.as_str().to_owned()),
                organisation_id: body.organisation_id.clone(),
                scopes,
                disabled: body.disabled,
                member_id,
            };
            if !accounts::update(c, &current.id, &changes, current.version).map_err(super::member_link_taken)? {
                return Err(ApiError::changed("account", None));
            }
            let ends_sessions = password_hash.is_some() || body.disabled == Some(true) || body.role.is_some() || body.organisation_id.is_some();
            if ends_sessions {
                refresh_tokens::revoke_account(c, &current.id)?;
            }
            let after = accounts::find_with_org(c, &current.id)?.ok_or_else(|| ApiError::internal("account vanished"))?;
            let view = |a: &accounts::AccountRow| {
                serde_json::json!({ "display_name": a.display_name, "role": a.role, "organisation_id": a.organisation_id, "disabled": a.disabled, "scopes": a.scopes, "member_id": a.member_id })
            };
            let mut diff = audit_events::diff(&view(&current), &view(&after.0));
            if password_hash.is_some() {
                if let Some(obj) = diff.as_object_mut() {
                    obj.insert("password".to_owned(), serde_json::json!({ "from": "***", "to": "*** (reset)" }));
                }
            }
            audit_events::record(c, &actor, crate::domain::audit::AuditAction::AccountUpdate, crate::domain::audit::AuditResource::Account, &current.id, Some(&after.0.organisation_id), diff)?;
            Ok(after)
        })
        .await?;
    let version = row.0.version;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(version)))
        .json(Account::from(row)))
}
