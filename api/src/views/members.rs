//! What the members endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/members/` for the endpoints.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::members::{reversed, MemberChanges, MemberRow, MemberWithOrg};
use crate::domain::code_lists::{self, CodeList};
use crate::domain::id_number::{IdGender, IdNumber};
use crate::domain::{mask, DivisionCode, PhoneNumber};
use crate::error::{ApiResult, Validator};
use crate::views::rfc3339;

/// A member: the person and the membership. ID and mobile numbers are always masked here; see
/// `POST /members/{id}/reveal`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    /// Id.
    pub id: String,
    /// The union.
    pub organisation_id: String,
    /// Its name.
    pub organisation_name: String,
    /// Name.
    pub name: String,
    /// `male` or `female` (code list `genders`).
    pub gender: String,
    /// GB 3304 code (code list `ethnicities`).
    pub ethnicity: Option<String>,
    /// Birth date, as in the ID number.
    pub birth_date: NaiveDate,
    /// Resident ID number, masked: `5119**********0013`.
    pub id_number: String,
    /// Mobile, masked: `138****8000`.
    pub mobile: Option<String>,
    /// Code list `education-levels`.
    pub education: Option<String>,
    /// Code list `political-statuses`.
    pub political_status: Option<String>,
    /// Code list `hukou-types`.
    pub hukou_type: Option<String>,
    /// Where the household is registered: a division code (资阳籍 = 512000).
    pub hukou_division: Option<String>,
    /// Code list `employment-statuses`.
    pub employment_status: Option<String>,
    /// Code list `skill-levels`.
    pub skill_level: Option<String>,
    /// Migrant worker (农民工).
    pub migrant_worker: bool,
    /// In new-form employment (新就业形态).
    pub new_form_employment: bool,
    /// Code list `new-form-employment-kinds`.
    pub new_form_kind: Option<String>,
    /// Dispatched worker (劳务派遣).
    pub dispatched: bool,
    /// Joined the union on (入会时间).
    pub joined_on: Option<NaiveDate>,
    /// Membership card number, once issued.
    pub card_number: Option<String>,
    /// Code list `membership-statuses`.
    pub status: crate::domain::membership::MemberStatus,
    /// Created (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Last changed (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: String,
    /// The membership changes you may record now (`suspend`, `retain`, `leave`, `death`, `restore`).
    pub allowed_actions: Vec<crate::domain::membership::MemberEvent>,
    /// Row version; the `ETag` is this number in quotes.
    pub version: i32,
}

impl Member {
    /// Fills `allowed_actions` for a caller holding the permissions `may` accepts.
    pub fn offer(mut self, may: &dyn Fn(crate::auth::Permission) -> bool) -> Member {
        self.allowed_actions = crate::domain::membership::allowed_events(self.status, may);
        self
    }
}

impl From<MemberWithOrg> for Member {
    fn from((r, organisation_name): MemberWithOrg) -> Member {
        Member {
            allowed_actions: Vec::new(),
            id: r.id,
            organisation_id: r.organisation_id,
            organisation_name,
            name: r.name,
            gender: r.gender,
            ethnicity: r.ethnicity,
            birth_date: r.birth_date,
            id_number: mask(&r.id_number, 4, 4),
            mobile: r.mobile.map(|m| mask(&m, 3, 4)),
            education: r.education,
            political_status: r.political_status,
            hukou_type: r.hukou_type,
            hukou_division: r.hukou_division,
            employment_status: r.employment_status,
            skill_level: r.skill_level,
            migrant_worker: r.migrant_worker,
            new_form_employment: r.new_form_employment,
            new_form_kind: r.new_form_kind,
            dispatched: r.dispatched,
            joined_on: r.joined_on,
            card_number: r.card_number,
            status: r.status,
            created_at: rfc3339(r.created_at),
            updated_at: rfc3339(r.updated_at),
            version: r.version,
        }
    }
}

/// A page of members.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPage {
    /// This page.
    pub items: Vec<Member>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A new member. Codes come from `GET /api/v1/code-lists/{name}`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMember {
    /// The union (a grassroots or township union in your scope).
    pub organisation_id: String,
    /// Name (1-50 characters).
    pub name: String,
    /// Resident ID number (GB 11643): checked, and unique across the deployment.
    pub id_number: String,
    /// `male`/`female`; derived from the ID number when absent, and must match it when given.
    pub gender: Option<String>,
    /// Birth date; derived from the ID number when absent, and must match it when given.
    pub birth_date: Option<NaiveDate>,
    /// Code list `ethnicities`.
    pub ethnicity: Option<String>,
    /// Mobile: `1[3-9]` and 9 digits, optional +86; stored as 11 digits.
    pub mobile: Option<String>,
    /// Code list `education-levels`.
    pub education: Option<String>,
    /// Code list `political-statuses`.
    pub political_status: Option<String>,
    /// Code list `hukou-types`.
    pub hukou_type: Option<String>,
    /// Household registration place: a 6-digit division code.
    pub hukou_division: Option<String>,
    /// Code list `employment-statuses`.
    pub employment_status: Option<String>,
    /// Code list `skill-levels`.
    pub skill_level: Option<String>,
    /// Migrant worker.
    #[serde(default)]
    pub migrant_worker: bool,
    /// In new-form employment.
    #[serde(default)]
    pub new_form_employment: bool,
    /// Code list `new-form-employment-kinds`; only with `new_form_employment`.
    pub new_form_kind: Option<String>,
    /// Dispatched worker.
    #[serde(default)]
    pub dispatched: bool,
    /// Joined on; not in the future. Today when absent.
    pub joined_on: Option<NaiveDate>,
}

/// Changes to a member's record. Absent fields stay; `null` clears an optional field. The union and the
/// status change through the membership life cycle, not here.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMember {
    /// Name.
    pub name: Option<String>,
    /// A corrected ID number (checked and unique).
    pub id_number: Option<String>,
    /// Gender (must match the ID number).
    pub gender: Option<String>,
    /// Birth date (must match the ID number).
    pub birth_date: Option<NaiveDate>,
    /// Ethnicity.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub ethnicity: Option<Option<String>>,
    /// Mobile.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub mobile: Option<Option<String>>,
    /// Education.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub education: Option<Option<String>>,
    /// Political status.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub political_status: Option<Option<String>>,
    /// Household registration type.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub hukou_type: Option<Option<String>>,
    /// Household registration place.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub hukou_division: Option<Option<String>>,
    /// Employment status.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub employment_status: Option<Option<String>>,
    /// Skill level.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub skill_level: Option<Option<String>>,
    /// Migrant worker.
    pub migrant_worker: Option<bool>,
    /// New-form employment.
    pub new_form_employment: Option<bool>,
    /// New-form employment kind.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<String>)]
    pub new_form_kind: Option<Option<String>>,
    /// Dispatched worker.
    pub dispatched: Option<bool>,
    /// Joined on.
    #[serde(default, deserialize_with = "crate::http::body::nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub joined_on: Option<Option<NaiveDate>>,
}

impl From<CreateMember> for UpdateMember {
    fn from(c: CreateMember) -> UpdateMember {
        UpdateMember {
            name: Some(c.name),
            id_number: Some(c.id_number),
            gender: c.gender,
            birth_date: c.birth_date,
            ethnicity: Some(c.ethnicity),
            mobile: Some(c.mobile),
            education: Some(c.education),
            political_status: Some(c.political_status),
            hukou_type: Some(c.hukou_type),
            hukou_division: Some(c.hukou_division),
            employment_status: Some(c.employment_status),
            skill_level: Some(c.skill_level),
            migrant_worker: Some(c.migrant_worker),
            new_form_employment: Some(c.new_form_employment),
            new_form_kind: Some(c.new_form_kind),
            dispatched: Some(c.dispatched),
            joined_on: Some(c.joined_on.or_else(|| Some(crate::domain::today()))),
        }
    }
}

fn coded(
    v: &mut Validator,
    field: &str,
    list: &CodeList,
    value: Option<Option<String>>,
) -> Option<Option<String>> {
    value.map(|inner| {
        inner
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .filter(|s| v.code(field, list, s))
    })
}

/// Validates a change against the member as it would be after it (`current` is `None` on create).
pub fn validate(body: UpdateMember, current: Option<&MemberRow>) -> ApiResult<MemberChanges> {
    let mut v = Validator::new();
    let name = body.name.as_deref().and_then(|n| v.text("name", n, 50));
    let id = match (&body.id_number, current) {
        (Some(raw), _) => v.check("id_number", IdNumber::parse(raw)),
        (None, Some(c)) => IdNumber::parse(&c.id_number).ok(),
        (None, None) => {
            v.add(
                "id_number",
                "required",
                "a member needs a resident ID number",
            );
            None
        }
    };
    let mut birth_date = body.birth_date;
    let mut gender = body.gender.map(|g| g.trim().to_owned());
    if let Some(id) = &id {
        let derived_gender = match id.gender() {
            IdGender::Male => "male",
            IdGender::Female => "female",
        };
        match birth_date {
            Some(d) if d != id.birth_date() => v.add(
                "birth_date",
                "invalid_value",
                format!(
                    "does not match the ID number, which says {}",
                    id.birth_date()
                ),
            ),
            None if body.id_number.is_some() => birth_date = Some(id.birth_date()),
            _ => {}
        }
        match gender.as_deref() {
            Some(g) if !code_lists::GENDERS.contains(g) => {
                v.add("gender", "invalid_value", "must be male or female")
            }
            Some(g) if g != derived_gender => v.add(
                "gender",
                "invalid_value",
                format!("does not match the ID number, whose 17th digit says {derived_gender}"),
            ),
            None if body.id_number.is_some() => gender = Some(derived_gender.to_owned()),
            _ => {}
        }
    }
    let new_form = body
        .new_form_employment
        .or(current.map(|c| c.new_form_employment))
        .unwrap_or(false);
    let new_form_kind = coded(
        &mut v,
        "new_form_kind",
        &code_lists::NEW_FORM_KINDS,
        body.new_form_kind,
    );
    let effective_kind = new_form_kind
        .clone()
        .unwrap_or_else(|| current.and_then(|c| c.new_form_kind.clone()));
    if effective_kind.is_some() && !new_form {
        v.add(
            "new_form_kind",
            "not_allowed",
            "only for members in new-form employment (new_form_employment: true)",
        );
    }
    let today = crate::domain::today();
    if let Some(Some(j)) = body.joined_on {
        let born = birth_date.or(current.map(|c| c.birth_date));
        if j > today {
            v.add("joined_on", "out_of_range", "must not be in the future");
        } else if born.is_some_and(|b| j < b) {
            v.add(
                "joined_on",
                "out_of_range",
                "must not be before the birth date",
            );
        }
    }
    let changes = MemberChanges {
        name,
        gender,
        ethnicity: coded(
            &mut v,
            "ethnicity",
            &code_lists::ETHNICITIES,
            body.ethnicity,
        ),
        birth_date,
        id_number: body
            .id_number
            .as_ref()
            .and(id.as_ref())
            .map(|i| i.as_str().to_owned()),
        id_number_rev: body
            .id_number
            .as_ref()
            .and(id.as_ref())
            .map(|i| reversed(i.as_str())),
        mobile: body.mobile.map(|m| {
            m.filter(|s| !s.trim().is_empty()).and_then(|s| {
                v.check("mobile", PhoneNumber::parse_mobile(&s))
                    .map(|p| p.as_str().to_owned())
            })
        }),
        education: coded(
            &mut v,
            "education",
            &code_lists::EDUCATION_LEVELS,
            body.education,
        ),
        political_status: coded(
            &mut v,
            "political_status",
            &code_lists::POLITICAL_STATUSES,
            body.political_status,
        ),
        hukou_type: coded(
            &mut v,
            "hukou_type",
            &code_lists::HUKOU_TYPES,
            body.hukou_type,
        ),
        hukou_division: body.hukou_division.map(|d| {
            d.filter(|s| !s.trim().is_empty()).and_then(|s| {
                v.check("hukou_division", DivisionCode::parse(&s))
                    .map(|c| c.as_str().to_owned())
            })
        }),
        employment_status: coded(
            &mut v,
            "employment_status",
            &code_lists::EMPLOYMENT_STATUSES,
            body.employment_status,
        ),
        skill_level: coded(
            &mut v,
            "skill_level",
            &code_lists::SKILL_LEVELS,
            body.skill_level,
        ),
        migrant_worker: body.migrant_worker,
        new_form_employment: body.new_form_employment,
        new_form_kind,
        dispatched: body.dispatched,
        joined_on: body.joined_on,
    };
    v.finish()?;
    Ok(changes)
}

/// The member as JSON for audit diffs, personal numbers masked.
pub fn audit_view(r: &MemberRow) -> serde_json::Value {
    let mut value = serde_json::json!({
        "organisation_id": r.organisation_id, "name": r.name, "gender": r.gender, "ethnicity": r.ethnicity,
        "birth_date": r.birth_date, "id_number": mask(&r.id_number, 4, 4), "mobile": r.mobile.as_deref().map(|m| mask(m, 3, 4)),
        "education": r.education, "political_status": r.political_status, "hukou_type": r.hukou_type,
        "hukou_division": r.hukou_division, "employment_status": r.employment_status, "skill_level": r.skill_level,
        "migrant_worker": r.migrant_worker, "new_form_employment": r.new_form_employment, "new_form_kind": r.new_form_kind,
        "dispatched": r.dispatched, "joined_on": r.joined_on, "card_number": r.card_number, "status": r.status,
    });
    if let Some(obj) = value.as_object_mut() {
        obj.retain(|_, v| !v.is_null());
    }
    value
}

/// One membership change (会籍变化).
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipChange {
    /// Id.
    pub id: String,
    /// Code list `membership-change-reasons`: join, transfer_in, transfer_out, suspend, retain, leave, death, restore.
    pub change: String,
    /// Effective date.
    pub effective_on: NaiveDate,
    /// The union left.
    pub from_organisation_id: Option<String>,
    /// Its name.
    pub from_organisation_name: Option<String>,
    /// The union joined.
    pub to_organisation_id: Option<String>,
    /// Its name.
    pub to_organisation_name: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Recorded (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: String,
}

/// A member's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipHistory {
    /// Oldest first.
    pub items: Vec<MembershipChange>,
}

impl MembershipChange {
    /// Maps a row, naming the unions from `names`.
    pub fn from_row(
        r: crate::db::models::members::MembershipChangeRow,
        names: &std::collections::HashMap<String, String>,
    ) -> MembershipChange {
        MembershipChange {
            id: r.id,
            change: r.change,
            effective_on: r.effective_on,
            from_organisation_name: r
                .from_organisation_id
                .as_ref()
                .and_then(|i| names.get(i).cloned()),
            to_organisation_name: r
                .to_organisation_id
                .as_ref()
                .and_then(|i| names.get(i).cloned()),
            from_organisation_id: r.from_organisation_id,
            to_organisation_id: r.to_organisation_id,
            reason: r.reason,
            recorded_at: rfc3339(r.created_at),
        }
    }
}
