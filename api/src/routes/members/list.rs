//! `GET /members`.

use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Member, MemberPage};
use crate::auth::{AuthUser, Permission};
use crate::db::models::members::{self, ListFilter};
use crate::db::models::organisations;
use crate::domain::id_number::IdNumber;
use crate::domain::organisation::subtree_range;
use crate::domain::PhoneNumber;
use crate::error::{ApiError, ApiResult, Problem, Validator};
use crate::http::pagination::{finish, PageParams};
use crate::state::AppState;

/// Filters of the member list.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberFilters {
    /// Name contains this text.
    pub q: Option<String>,
    /// The full resident ID number (exact).
    pub id_number: Option<String>,
    /// The last 4 or more characters of the ID number.
    pub id_suffix: Option<String>,
    /// The mobile number (exact, any accepted form).
    pub mobile: Option<String>,
    /// The membership card number (exact).
    pub card_number: Option<String>,
    /// Members of this union and every union below it.
    pub organisation_id: Option<String>,
    /// Only migrant workers (true) or only others (false).
    pub migrant_worker: Option<bool>,
    /// Only members in new-form employment (true) or only others (false).
    pub new_form_employment: Option<bool>,
    /// Only dispatched workers (true) or only others (false).
    pub dispatched: Option<bool>,
    /// Membership status code.
    pub status: Option<String>,
    /// Joined on or after.
    pub joined_from: Option<NaiveDate>,
    /// Joined on or before.
    pub joined_to: Option<NaiveDate>,
}

impl MemberFilters {
    /// The filters as an audit entry records them: the ones given, by name, with ID and mobile numbers
    /// (and ID suffixes longer than four) masked as everywhere else.
    pub fn audit_summary(&self) -> serde_json::Value {
        use crate::domain::mask;
        fn text(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        let mut out = serde_json::Map::new();
        let mut put = |k: &str, v: serde_json::Value| {
            out.insert(k.to_owned(), v);
        };
        if let Some(v) = text(&self.q) {
            put("q", v.into());
        }
        if let Some(v) = text(&self.id_number) {
            put("id_number", mask(v, 4, 4).into());
        }
        if let Some(v) = text(&self.id_suffix) {
            put("id_suffix", mask(v, 0, 4).into());
        }
        if let Some(v) = text(&self.mobile) {
            put("mobile", mask(v, 3, 4).into());
        }
        for (k, v) in [
            ("card_number", &self.card_number),
            ("organisation_id", &self.organisation_id),
            ("status", &self.status),
        ] {
            if let Some(v) = text(v) {
                put(k, v.into());
            }
        }
        for (k, v) in [
            ("migrant_worker", self.migrant_worker),
            ("new_form_employment", self.new_form_employment),
            ("dispatched", self.dispatched),
        ] {
            if let Some(v) = v {
                put(k, v.into());
            }
        }
        for (k, v) in [
            ("joined_from", self.joined_from),
            ("joined_to", self.joined_to),
        ] {
            if let Some(v) = v {
                put(k, v.to_string().into());
            }
        }
        serde_json::Value::Object(out)
    }
}

/// Lists and searches members in your scope, personal numbers masked.
#[utoipa::path(
    tag = "members",
    params(MemberFilters, PageParams),
    responses(
        (status = 200, description = "A page of members", body = MemberPage),
        (status = 400, description = "A malformed parameter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read members", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter out of range (e.g. an ID suffix shorter than 4)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    user: AuthUser,
    filters: web::Query<MemberFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersRead)?;
    let limit = page.limit()?;
    let after = page.after()?;
    let parsed = parse_filters(filters.into_inner())?;
    let scope = user.scope();
    let rows = state
        .read(move |c| {
            let filter = resolve(c, &scope, parsed)?;
            Ok::<_, ApiError>(members::list(c, &scope, &filter, after.as_deref(), limit)?)
        })
        .await?;
    let (rows, next_cursor) = finish(rows, limit, |r| r.0.id.clone());
    Ok(HttpResponse::Ok().json(MemberPage {
        items: rows
            .into_iter()
            .map(|r| Member::from(r).offer(&|p| user.can(p)))
            .collect(),
        next_cursor,
    }))
}

/// Filters checked but not yet resolved against the database (the union's subtree).
#[derive(Debug, Clone)]
pub struct ParsedFilters {
    filter: ListFilter,
    organisation_id: Option<String>,
}

/// Checks the filters: a full ID number, an ID suffix of 4 or more, a mobile number.
pub fn parse_filters(f: MemberFilters) -> ApiResult<ParsedFilters> {
    let mut v = Validator::new();
    let id_number = f.id_number.filter(|s| !s.trim().is_empty()).and_then(|s| {
        v.check("id_number", IdNumber::parse(&s))
            .map(|i| i.as_str().to_owned())
    });
    let id_suffix = f
        .id_suffix
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty());
    if let Some(s) = &id_suffix {
        if s.len() < 4 || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
            v.add(
                "id_suffix",
                "invalid_format",
                "4 to 18 trailing characters of an ID number (digits or X)",
            );
        }
    }
    let mobile = f.mobile.filter(|s| !s.trim().is_empty()).and_then(|s| {
        v.check("mobile", PhoneNumber::parse_mobile(&s))
            .map(|p| p.as_str().to_owned())
    });
    v.finish()?;
    Ok(ParsedFilters {
        organisation_id: f.organisation_id,
        filter: ListFilter {
            q: f.q.filter(|q| !q.trim().is_empty()),
            id_number,
            id_suffix,
            mobile,
            card_number: f.card_number.filter(|s| !s.trim().is_empty()),
            subtree: None,
            organisation_id: None,
            migrant_worker: f.migrant_worker,
            new_form_employment: f.new_form_employment,
            dispatched: f.dispatched,
            status: f.status,
            joined_from: f.joined_from,
            joined_to: f.joined_to,
        },
    })
}

/// Resolves the union filter to its subtree; an unknown or out-of-scope union selects nothing.
pub fn resolve(
    c: &mut crate::db::DbConn,
    scope: &crate::db::models::organisations::Range,
    p: ParsedFilters,
) -> ApiResult<ListFilter> {
    let mut filter = p.filter;
    if let Some(id) = &p.organisation_id {
        match organisations::find_in_scope(c, id, scope)? {
            // A union without units below it: its members directly, so the (organisation_id, id) index
            // answers a page without sorting the whole union.
            Some(org)
                if organisations::with_children(c, std::slice::from_ref(&org.id))?.is_empty() =>
            {
                filter.organisation_id = Some(org.id);
            }
            Some(org) => filter.subtree = Some(subtree_range(&org.path)),
            None => filter.subtree = Some((String::new(), String::new())),
        }
    }
    Ok(filter)
}
