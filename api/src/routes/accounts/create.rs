//! `POST /accounts`.

use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{check_grant_role, check_grant_scopes, check_username, Account};
use crate::auth::scopes::format_scopes;
use crate::auth::{passwords, AuthUser, Permission, Role};
use crate::db::models::{accounts, organisations};
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::body::Body;
use crate::http::etag::etag;
use crate::services;
use crate::services::accounts::NewAccount;
use crate::state::AppState;

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAccount {
    /// Username: 3-50 of a-z, 0-9, `.`, `_`, `-`. For an integration, its client id.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role; at most your own.
    pub role: Role,
    /// Home organisation, in your scope.
    pub organisation_id: String,
    /// Initial password (people only): at least 10 characters mixing two kinds of character.
    pub password: Option<String>,
    /// Scopes for an integration, each one you hold yourself.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// For a `member` account: the member record it serves (in your scope), if the worker is a member
    /// already. A worker who is not yet one applies to join through self-service; approval links it.
    pub member_id: Option<String>,
}

/// A created account; an integration's secret appears here once and never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedAccount {
    /// The account.
    #[serde(flatten)]
    pub account: Account,
    /// The integration's client secret (integrations only).
    pub client_secret: Option<String>,
}

/// Creates an account in your scope, with a role no higher than yours.
#[utoipa::path(
    tag = "accounts",
    request_body = CreateAccount,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request"),),
    responses(
        (status = 201, description = "Created", body = CreatedAccount, headers(("ETag" = String), ("Location" = String))),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "You may not manage accounts or grant that role", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Username taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/accounts")]
pub async fn create_account(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateAccount>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::AccountsWrite)?;
    let body = body.into_inner()?;
    check_grant_role(&user, body.role)?;
    let mut v = Validator::new();
    let username = check_username(&mut v, &body.username);
    let display_name = v.text("display_name", &body.display_name, 50);
    let integration = body.role == Role::Integration;
    let scopes = if integration {
        check_grant_scopes(&mut v, &user, &body.scopes)
    } else {
        if !body.scopes.is_empty() {
            v.add(
                "scopes",
                "not_allowed",
                "only integration accounts carry scopes; a person's role decides",
            );
        }
        Vec::new()
    };
    let secret = if integration {
        if body.password.is_some() {
            v.add(
                "password",
                "not_allowed",
                "integration accounts get a generated client secret",
            );
        }
        format!("ghs_{}", hex::encode(rand::random::<[u8; 24]>()))
    } else {
        match body.password.as_deref() {
            None => {
                v.add(
                    "password",
                    "required",
                    "a person's account needs an initial password",
                );
                String::new()
            }
            Some(p) => {
                if let Err(why) = passwords::check_strength(p) {
                    v.add("password", "too_short", why);
                }
                p.to_owned()
            }
        }
    };
    v.finish()?;
    let (username, display_name) = (
        username.unwrap_or_default(),
        display_name.unwrap_or_default(),
    );
    let memory = state.settings.argon2_memory_kib;
    let hash = web::block(move || passwords::hash(&secret, memory).map(|h| (h, secret)))
        .await?
        .map_err(ApiError::internal)?;
    let (password_hash, secret) = hash;
    let scope = user.scope();
    let actor = user.actor();
    let caller = user.clone();
    let org_id = body.organisation_id.trim().to_owned();
    let role = body.role;
    let row = state
        .write(move |c| {
            let home = organisations::find_in_scope(c, &org_id, &scope)?.ok_or_else(|| {
                ApiError::field(
                    "organisation_id",
                    "not_found",
                    "no such organisation in your scope",
                )
            })?;
            super::check_manages(&caller, role, &home.path)?;
            let member_id = match &body.member_id {
                Some(m) => Some(super::check_member_link(c, m, role, &scope, None)?),
                None => None,
            };
            let new = NewAccount {
                username,
                display_name,
                password_hash,
                role,
                organisation_id: org_id,
                scopes: format_scopes(&scopes),
                member_id,
            };
            let row = services::accounts::create(c, &actor, new)?;
            accounts::find_with_org(c, &row.id)?
                .ok_or_else(|| ApiError::internal("account vanished"))
        })
        .await?;
    let location = format!("/api/v1/accounts/{}", row.0.id);
    let version = row.0.version;
    let mut res = HttpResponse::build(StatusCode::CREATED);
    if integration {
        // The client secret is shown once: never cached, never stored for an Idempotency-Key replay.
        res.insert_header((header::CACHE_CONTROL, "no-store"));
    }
    Ok(res
        .insert_header((header::ETAG, etag(version)))
        .insert_header((header::LOCATION, location))
        .json(CreatedAccount {
            account: Account::from(row),
            client_secret: integration.then_some(secret),
        }))
}
