//! `POST /members`.

use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpResponse};

use super::{audit_view, validate, CreateMember, Member};
use crate::auth::{AuthUser, Permission};
use crate::db::models::members::{self, MemberRow, MembershipChangeRow};
use crate::db::models::{audit_events, organisations};
use crate::domain::organisation::OrgKind;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::http::body::Body;
use crate::http::etag::etag;
use crate::state::AppState;

/// Registers a member in a union in your scope. A person is unique across the deployment by ID number.
#[utoipa::path(
    tag = "members",
    request_body = CreateMember,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 201, description = "Registered", body = Member, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not register members", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This person is already a member (member_exists)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: checksum, birth date or gender not matching the ID number, unknown codes", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members")]
pub async fn create_member(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<CreateMember>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let body = body.into_inner()?;
    let org_id = body.organisation_id.trim().to_owned();
    let changes = validate(body.into(), None)?;
    let scope = user.scope();
    let actor = user.actor();
    let row = state
        .write(move |c| register(c, &org_id, &scope, changes, &actor))
        .await?;
    let location = format!("/api/v1/members/{}", row.0.id);
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((header::ETAG, etag(row.0.version)))
        .insert_header((header::LOCATION, location))
        .json(Member::from(row)))
}

/// Registers a member in a union of the scope inside the caller's transaction: the union must be an
/// active grassroots or township union, the person new to the deployment. Writes the join to the
/// history and the audit log. Used by `create_member` and by approving a join request.
pub fn register(
    c: &mut crate::db::DbConn,
    org_id: &str,
    scope: &crate::db::models::organisations::Range,
    changes: crate::db::models::members::MemberChanges,
    actor: &crate::db::models::audit_events::Actor,
) -> ApiResult<(MemberRow, String)> {
    let org = organisations::find_in_scope(c, org_id, scope)?.ok_or_else(|| {
        ApiError::field(
            "organisation_id",
            "not_found",
            "no such organisation in your scope",
        )
    })?;
    let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::NationalFederation);
    if !kind.holds_members() {
        return Err(ApiError::field(
            "organisation_id",
            "not_allowed",
            "members belong to a grassroots or township union",
        ));
    }
    if org.status != "active" {
        return Err(ApiError::field(
            "organisation_id",
            "not_allowed",
            "the union is archived",
        ));
    }
    let id_number = changes.id_number.clone().unwrap_or_default();
    if let Some((existing, path, org_name)) = members::find_by_id_number(c, &id_number)? {
        // Say where the person is only to a caller who may see that union.
        let detail = if path.starts_with(&scope.0) {
            format!(
                "this person is already a member of {org_name} (member {})",
                existing.id
            )
        } else {
            "this person is already a member of a union in another federation".to_owned()
        };
        return Err(ApiError::conflict(ErrorCode::MemberExists, detail));
    }
    let now = crate::db::now();
    let row = MemberRow {
        id: crate::db::new_id(),
        organisation_id: org.id.clone(),
        name: changes.name.clone().unwrap_or_default(),
        gender: changes.gender.clone().unwrap_or_default(),
        ethnicity: changes.ethnicity.clone().flatten(),
        birth_date: changes.birth_date.unwrap_or_default(),
        id_number_rev: changes.id_number_rev.clone().unwrap_or_default(),
        id_number,
        mobile: changes.mobile.clone().flatten(),
        education: changes.education.clone().flatten(),
        political_status: changes.political_status.clone().flatten(),
        hukou_type: changes.hukou_type.clone().flatten(),
        hukou_division: changes.hukou_division.clone().flatten(),
        employment_status: changes.employment_status.clone().flatten(),
        skill_level: changes.skill_level.clone().flatten(),
        migrant_worker: changes.migrant_worker.unwrap_or(false),
        new_form_employment: changes.new_form_employment.unwrap_or(false),
        new_form_kind: changes.new_form_kind.clone().flatten(),
        dispatched: changes.dispatched.unwrap_or(false),
        joined_on: changes.joined_on.flatten(),
        card_number: None,
        status: "active".to_owned(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    members::insert(c, &row).map_err(|e| match e {
        // A concurrent registration of the same person won the race.
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::conflict(
            ErrorCode::MemberExists,
            "this person was registered a moment ago",
        ),
        other => other.into(),
    })?;
    members::record_change(
        c,
        &MembershipChangeRow {
            id: crate::db::new_id(),
            member_id: row.id.clone(),
            change: "join".to_owned(),
            effective_on: row
                .joined_on
                .unwrap_or_else(|| crate::domain::local_date(now)),
            from_organisation_id: None,
            to_organisation_id: Some(org.id.clone()),
            reason: None,
            actor_id: actor.id.clone(),
            created_at: now,
        },
    )?;
    let diff = audit_events::diff(&serde_json::json!({}), &audit_view(&row));
    audit_events::record(
        c,
        actor,
        "member.create",
        "member",
        &row.id,
        Some(&org.id),
        diff,
    )?;
    Ok((row, org.name))
}
