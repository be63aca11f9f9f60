//! What the organisations endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/organisations/` for the endpoints.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{AuthUser, Role};
use crate::db::models::organisations::{OrganisationChanges, OrganisationRow};
use crate::domain::organisation::{OrgKind, OrgStatus, Ownership};
use crate::domain::{mask, CreditCode, DivisionCode, PhoneNumber};
use crate::error::{ApiError, ApiResult, Validator};

/// An organisation: a federation, a grassroots union or a service point.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Organisation {
    /// Id (UUIDv7).
    pub id: String,
    /// The parent; `null` only for the deployment's root.
    pub parent_id: Option<String>,
    /// Depth below the root (the root is 0).
    pub depth: i32,
    /// Full name, e.g. 南江县总工会.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Kind.
    pub kind: OrgKind,
    /// Administrative division code (GB/T 2260, 6 digits).
    pub division_code: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// The employer's unified social credit code (GB 32100-2015).
    pub credit_code: Option<String>,
    /// The employer's ownership.
    pub ownership: Option<Ownership>,
    /// The employer's industry.
    pub industry: Option<String>,
    /// Number of staff (职工人数).
    pub headcount: Option<i32>,
    /// Number of women staff (女职工数).
    pub women_headcount: Option<i32>,
    /// Founding date of the union (建会日期).
    pub founded_on: Option<NaiveDate>,
    /// Union legal-person certificate number (工会法人资格证书号).
    pub legal_person_certificate: Option<String>,
    /// Chair's name.
    pub chair_name: Option<String>,
    /// Chair's telephone; masked for members and integrations.
    pub chair_contact: Option<String>,
    /// Status.
    pub status: OrgStatus,
    /// Whether it has child organisations (of any status).
    pub has_children: bool,
    /// What you may do to its status now (`archive`, `restore`); archiving also needs no active children,
    /// restoring an active parent, which the server checks when asked.
    pub allowed_actions: Vec<crate::domain::organisation::life::OrgEvent>,
    /// Created (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Last changed (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: String,
    /// Row version; the `ETag` is this number in quotes.
    pub version: i32,
}

/// RFC 3339 UTC with `Z`.
pub fn rfc3339(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Organisation {
    /// Maps a row for a caller.
    pub fn from_row(row: OrganisationRow, has_children: bool, caller: &AuthUser) -> Organisation {
        let reveal_contact = !matches!(caller.role, Role::Member | Role::Integration);
        // Nobody archives the root or their own home.
        let movable = row.parent_id.is_some() && row.id != caller.organisation_id;
        let allowed_actions =
            crate::domain::organisation::life::allowed_events(row.status, &|p| caller.can(p))
                .into_iter()
                .filter(|_| movable)
                .collect();
        Organisation {
            allowed_actions,
            id: row.id,
            parent_id: row.parent_id,
            depth: row.depth,
            name: row.name,
            short_name: row.short_name,
            kind: OrgKind::parse(&row.kind).unwrap_or(OrgKind::EnterpriseUnion),
            division_code: row.division_code,
            address: row.address,
            credit_code: row.credit_code,
            ownership: row.ownership.as_deref().and_then(Ownership::parse),
            industry: row.industry,
            headcount: row.headcount,
            women_headcount: row.women_headcount,
            founded_on: row.founded_on,
            legal_person_certificate: row.legal_person_certificate,
            chair_name: row.chair_name,
            chair_contact: row
                .chair_contact
                .map(|c| if reveal_contact { c } else { mask(&c, 3, 4) }),
            status: row.status,
            has_children,
            created_at: rfc3339(row.created_at),
            updated_at: rfc3339(row.updated_at),
            version: row.version,
        }
    }
}

/// A page of organisations.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationPage {
    /// This page.
    pub items: Vec<Organisation>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A new organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    /// The parent (must be in your scope and active).
    pub parent_id: String,
    /// Full name (1-100 characters).
    pub name: String,
    /// Short name (at most 30 characters).
    pub short_name: Option<String>,
    /// Kind; must be allowed under the parent's kind.
    pub kind: OrgKind,
    /// Division code, 6 digits.
    pub division_code: Option<String>,
    /// Address (at most 200 characters).
    pub address: Option<String>,
    /// The employer's unified social credit code (18 characters, checksum validated).
    pub credit_code: Option<String>,
    /// The employer's ownership.
    pub ownership: Option<Ownership>,
    /// Industry (at most 50 characters).
    pub industry: Option<String>,
    /// Staff count, 0 to 10,000,000.
    pub headcount: Option<i32>,
    /// Women staff count, at most the staff count.
    pub women_headcount: Option<i32>,
    /// Founding date, not in the future.
    pub founded_on: Option<NaiveDate>,
    /// Legal-person certificate number (at most 50 characters).
    pub legal_person_certificate: Option<String>,
    /// Chair's name (at most 50 characters).
    pub chair_name: Option<String>,
    /// Chair's mobile or landline.
    pub chair_contact: Option<String>,
}

/// Changes to an organisation's profile. Absent fields stay; `null` clears an optional field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    /// Full name.
    pub name: Option<String>,
    /// Short name.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub short_name: Option<Option<String>>,
    /// Kind; must still be allowed under the parent and above the children.
    pub kind: Option<OrgKind>,
    /// Division code.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub division_code: Option<Option<String>>,
    /// Address.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    /// Credit code.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub credit_code: Option<Option<String>>,
    /// Ownership.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<Ownership>)]
    pub ownership: Option<Option<Ownership>>,
    /// Industry.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub industry: Option<Option<String>>,
    /// Staff count.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<i32>)]
    pub headcount: Option<Option<i32>>,
    /// Women staff count.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<i32>)]
    pub women_headcount: Option<Option<i32>>,
    /// Founding date.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub founded_on: Option<Option<NaiveDate>>,
    /// Legal-person certificate number.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub legal_person_certificate: Option<Option<String>>,
    /// Chair's name.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub chair_name: Option<Option<String>>,
    /// Chair's telephone.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub chair_contact: Option<Option<String>>,
}

impl From<CreateOrganisation> for UpdateOrganisation {
    fn from(c: CreateOrganisation) -> UpdateOrganisation {
        UpdateOrganisation {
            name: Some(c.name),
            short_name: Some(c.short_name),
            kind: Some(c.kind),
            division_code: Some(c.division_code),
            address: Some(c.address),
            credit_code: Some(c.credit_code),
            ownership: Some(c.ownership),
            industry: Some(c.industry),
            headcount: Some(c.headcount),
            women_headcount: Some(c.women_headcount),
            founded_on: Some(c.founded_on),
            legal_person_certificate: Some(c.legal_person_certificate),
            chair_name: Some(c.chair_name),
            chair_contact: Some(c.chair_contact),
        }
    }
}

/// Validates an optional text field of a change: `Some(None)` and blanks clear it.
fn opt_text(
    v: &mut Validator,
    field: &str,
    value: Option<Option<String>>,
    max: usize,
) -> Option<Option<String>> {
    value.map(|inner| inner.and_then(|s| v.opt_text(field, Some(&s), max)))
}

/// Validates an optional coded field with its parser.
fn opt_code<T>(
    v: &mut Validator,
    field: &str,
    value: Option<Option<String>>,
    parse: impl Fn(&str) -> Result<T, crate::domain::Invalid>,
    out: impl Fn(T) -> String,
) -> Option<Option<String>> {
    value.map(|inner| {
        inner
            .filter(|s| !s.trim().is_empty())
            .and_then(|s| v.check(field, parse(&s)).map(&out))
    })
}

/// Validates a change set against the organisation as it would be after the change (`current` is `None`
/// on create). Returns the changeset for the database.
pub fn validate(
    body: UpdateOrganisation,
    current: Option<&OrganisationRow>,
) -> ApiResult<OrganisationChanges> {
    let mut v = Validator::new();
    let name = body.name.as_deref().and_then(|n| v.text("name", n, 100));
    let headcount = body.headcount;
    let women = body.women_headcount;
    for (field, value) in [
        ("headcount", headcount.flatten()),
        ("women_headcount", women.flatten()),
    ] {
        if let Some(n) = value {
            if !(0..=10_000_000).contains(&n) {
                v.add(field, "out_of_range", "must be between 0 and 10,000,000");
            }
        }
    }
    // Women staff cannot exceed all staff, judged on the values the record will have after the change.
    let eff_head = headcount.unwrap_or_else(|| current.and_then(|c| c.headcount));
    let eff_women = women.unwrap_or_else(|| current.and_then(|c| c.women_headcount));
    if let (Some(h), Some(w)) = (eff_head, eff_women) {
        if w > h {
            v.add(
                "women_headcount",
                "out_of_range",
                "must not exceed headcount",
            );
        }
    }
    if let Some(Some(d)) = body.founded_on {
        if d > crate::domain::today() {
            v.add("founded_on", "out_of_range", "must not be in the future");
        }
    }
    let changes = OrganisationChanges {
        name,
        short_name: opt_text(&mut v, "short_name", body.short_name, 30),
        kind: body.kind.map(|k| k.as_str().to_owned()),
        division_code: opt_code(
            &mut v,
            "division_code",
            body.division_code,
            DivisionCode::parse,
            |c| c.as_str().to_owned(),
        ),
        address: opt_text(&mut v, "address", body.address, 200),
        credit_code: opt_code(
            &mut v,
            "credit_code",
            body.credit_code,
            CreditCode::parse,
            |c| c.as_str().to_owned(),
        ),
        ownership: body.ownership.map(|o| o.map(|o| o.as_str().to_owned())),
        industry: opt_text(&mut v, "industry", body.industry, 50),
        headcount,
        women_headcount: women,
        founded_on: body.founded_on,
        legal_person_certificate: opt_text(
            &mut v,
            "legal_person_certificate",
            body.legal_person_certificate,
            50,
        ),
        chair_name: opt_text(&mut v, "chair_name", body.chair_name, 50),
        chair_contact: opt_code(
            &mut v,
            "chair_contact",
            body.chair_contact,
            PhoneNumber::parse,
            |p| p.as_str().to_owned(),
        ),
    };
    v.finish()?;
    Ok(changes)
}

/// Refuses a kind under a parent kind it may not sit under.
pub fn check_placement(kind: OrgKind, parent: &OrganisationRow) -> ApiResult<()> {
    let parent_kind = OrgKind::parse(&parent.kind).unwrap_or(OrgKind::EnterpriseUnion);
    if kind.may_sit_under(parent_kind) {
        return Ok(());
    }
    let allowed: Vec<&str> = kind.allowed_parents().iter().map(|k| k.as_str()).collect();
    Err(ApiError {
        errors: Some(vec![crate::error::FieldError::new(
            "kind",
            "not_allowed",
            format!(
                "{} may not sit under {}; allowed parents: {}",
                kind.as_str(),
                parent_kind.as_str(),
                allowed.join(", ")
            ),
        )]),
        ..ApiError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            crate::error::ErrorCode::OrganisationKindNotAllowed,
            format!(
                "a {} may not sit under a {}",
                kind.as_str(),
                parent_kind.as_str()
            ),
        )
    })
}

/// The organisation as JSON for audit diffs, contact masked.
pub fn audit_view(row: &OrganisationRow) -> serde_json::Value {
    let mut value = serde_json::json!({
        "parent_id": row.parent_id, "name": row.name, "short_name": row.short_name, "kind": row.kind,
        "division_code": row.division_code, "address": row.address, "credit_code": row.credit_code,
        "ownership": row.ownership, "industry": row.industry, "headcount": row.headcount,
        "women_headcount": row.women_headcount, "founded_on": row.founded_on,
        "legal_person_certificate": row.legal_person_certificate, "chair_name": row.chair_name,
        "chair_contact": row.chair_contact.as_deref().map(|c| mask(c, 3, 4)), "status": row.status,
    });
    if let Some(obj) = value.as_object_mut() {
        obj.retain(|_, v| !v.is_null());
    }
    value
}

/// The new state of a row after a changeset (for creating rows from a validated body).
pub fn apply(row: &mut OrganisationRow, ch: OrganisationChanges) {
    if let Some(v) = ch.name {
        row.name = v;
    }
    if let Some(v) = ch.short_name {
        row.short_name = v;
    }
    if let Some(v) = ch.kind {
        row.kind = v;
    }
    if let Some(v) = ch.division_code {
        row.division_code = v;
    }
    if let Some(v) = ch.address {
        row.address = v;
    }
    if let Some(v) = ch.credit_code {
        row.credit_code = v;
    }
    if let Some(v) = ch.ownership {
        row.ownership = v;
    }
    if let Some(v) = ch.industry {
        row.industry = v;
    }
    if let Some(v) = ch.headcount {
        row.headcount = v;
    }
    if let Some(v) = ch.women_headcount {
        row.women_headcount = v;
    }
    if let Some(v) = ch.founded_on {
        row.founded_on = v;
    }
    if let Some(v) = ch.legal_person_certificate {
        row.legal_person_certificate = v;
    }
    if let Some(v) = ch.chair_name {
        row.chair_name = v;
    }
    if let Some(v) = ch.chair_contact {
        row.chair_contact = v;
    }
}

/// Common shape of the single-organisation write answers: the row with `ETag`.
pub fn respond(
    status: actix_web::http::StatusCode,
    row: OrganisationRow,
    has_children: bool,
    user: &AuthUser,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::build(status)
        .insert_header((
            actix_web::http::header::ETAG,
            crate::http::etag::etag(row.version),
        ))
        .json(Organisation::from_row(row, has_children, user))
}

/// The few fields a tree or breadcrumb needs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationSummary {
    /// Id.
    pub id: String,
    /// Parent id.
    pub parent_id: Option<String>,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Kind.
    pub kind: OrgKind,
    /// Status.
    pub status: OrgStatus,
    /// Depth below the root.
    pub depth: i32,
    /// Whether it has children (tree answers only; `false` in breadcrumbs).
    pub has_children: bool,
}

impl From<OrganisationRow> for OrganisationSummary {
    fn from(r: OrganisationRow) -> OrganisationSummary {
        OrganisationSummary {
            kind: OrgKind::parse(&r.kind).unwrap_or(OrgKind::EnterpriseUnion),
            status: r.status,
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
            short_name: r.short_name,
            depth: r.depth,
            has_children: false,
        }
    }
}
