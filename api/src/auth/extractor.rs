//! `AuthUser`: the authenticated caller, loaded fresh on every request so that a disabled account or a
//! moved home organisation takes effect at once.

use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::scopes::{parse_scopes, Permission, Role};
use crate::db::models::audit_events::Actor;
use crate::db::models::{accounts, organisations::Range};
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The caller.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// Account id.
    pub id: String,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Home organisation id.
    pub organisation_id: String,
    /// Home organisation name.
    pub organisation_name: String,
    /// Home organisation path: the caller's subtree.
    pub org_path: String,
    /// What the caller may do.
    pub permissions: Vec<Permission>,
    /// For a `member` account: the member record it serves.
    pub member_id: Option<String>,
}

impl AuthUser {
    /// Whether the caller holds a permission.
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }

    /// The caller's permissions as a test, to move into a database closure (what the domain's
    /// `allowed_events` asks).
    pub fn grants(&self) -> Grants {
        Grants(self.permissions.clone())
    }

    /// 403 unless the caller holds the permission.
    pub fn require(&self, p: Permission) -> ApiResult<()> {
        if self.can(p) {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "this action needs the '{}' permission",
                p.as_str()
            )))
        }
    }

    /// The caller's subtree.
    pub fn scope(&self) -> Range {
        subtree_range(&self.org_path)
    }

    /// Whether a path lies in the caller's subtree.
    pub fn covers(&self, path: &str) -> bool {
        path.starts_with(&self.org_path)
    }

    /// The caller as an audit actor.
    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.id.clone()),
            username: self.username.clone(),
            request_id: Some(crate::http::request_id::current()),
        }
    }

    /// Builds the caller from an account row.
    pub fn from_row(row: accounts::AccountWithOrg) -> ApiResult<AuthUser> {
        let (account, org_path, organisation_name) = row;
        let role = Role::parse(&account.role).ok_or_else(|| {
            ApiError::internal(format!("account {} has unknown role", account.id))
        })?;
        let permissions = if role == Role::Integration {
            // Scopes stored before the grantable set was fixed carry no power.
            parse_scopes(&account.scopes)
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.grantable_to_integration())
                .collect()
        } else {
            role.permissions().to_vec()
        };
        Ok(AuthUser {
            id: account.id,
            username: account.username,
            display_name: account.display_name,
            role,
            organisation_id: account.organisation_id,
            organisation_name,
            org_path,
            permissions,
            member_id: account.member_id,
        })
    }
}

fn bearer(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Authenticates a request: a valid bearer token of an account that exists and is not disabled, loaded
/// fresh. The idempotency layer calls this before it answers anything and leaves the caller in the
/// request's extensions, so the handler's extractor does not load the account a second time.
pub async fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    if let Some(user) = req.extensions().get::<AuthUser>() {
        return Ok(user.clone());
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    let token = bearer(req)
        .map(str::to_owned)
        .ok_or_else(|| ApiError::unauthorized("a bearer access token is required"))?;
    let claims = state.jwt.verify(&token).map_err(|reason| {
        tracing::debug!(auth.reason = %reason, "token refused");
        ApiError::unauthorized("the access token is invalid or expired")
    })?;
    let row = web::block(move || {
        let mut conn = state.pool.get()?;
        accounts::find_with_org(&mut conn, &claims.sub).map_err(ApiError::from)
    })
    .await??;
    let user = match row {
        Some(row) if !row.0.disabled => AuthUser::from_row(row)?,
        _ => {
            return Err(ApiError::unauthorized(
                "the account is disabled or no longer exists",
            ))
        }
    };
    req.extensions_mut().insert(user.clone());
    Ok(user)
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
    }
}

/// A caller's permissions, owned (see [`AuthUser::grants`]).
#[derive(Debug, Clone)]
pub struct Grants(pub Vec<Permission>);

impl Grants {
    /// Whether the permission is held.
    pub fn may(&self, p: Permission) -> bool {
        self.0.contains(&p)
    }

    /// None at all (what a worker's own views ask on behalf of staff actions).
    pub fn none() -> Grants {
        Grants(Vec::new())
    }
}
