//! What the honours endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/honours/` for the endpoints.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::member_honours::HonourRow;
use crate::views::rfc3339;

/// An honour.
#[derive(Debug, Serialize, ToSchema)]
pub struct Honour {
    /// Id.
    pub id: String,
    /// The member honoured.
    pub member_id: String,
    /// Code list `honour-kinds`: model_worker, advanced_worker, may_day_medal, golden_worker, craftsman, other.
    pub kind: String,
    /// Code list `honour-levels`: national, provincial, city, county.
    pub level: String,
    /// The title as awarded, e.g. 全国五一劳动奖章, 省部级劳动模范.
    pub title: String,
    /// Awarded on.
    pub awarded_on: NaiveDate,
    /// Who awarded it, e.g. 中华全国总工会.
    pub awarding_body: String,
    /// The member's name (in lists of honours).
    pub member_name: Option<String>,
    /// The member's union (in lists of honours).
    pub organisation_name: Option<String>,
    /// Recorded (UTC).
    #[schema(value_type = String, format = DateTime)]
    pub created_at: String,
    /// Row version; send it back as `If-Match` to delete.
    pub version: i32,
}

impl Honour {
    /// Maps a row, with the member's name and union when listed across members.
    pub fn from_row(r: HonourRow, member: Option<(String, String)>) -> Honour {
        let (member_name, organisation_name) = member.unzip();
        Honour {
            id: r.id,
            member_id: r.member_id,
            kind: r.kind,
            level: r.level,
            title: r.title,
            awarded_on: r.awarded_on,
            awarding_body: r.awarding_body,
            member_name,
            organisation_name,
            created_at: rfc3339(r.created_at),
            version: r.version,
        }
    }
}

/// A new honour.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateHonour {
    /// Code list `honour-kinds`.
    pub kind: String,
    /// Code list `honour-levels`.
    pub level: String,
    /// The title as awarded (1-100 characters).
    pub title: String,
    /// Awarded on; not in the future.
    pub awarded_on: NaiveDate,
    /// Who awarded it (1-100 characters).
    pub awarding_body: String,
}

/// Honours of one member.
#[derive(Debug, Serialize, ToSchema)]
pub struct HonourList {
    /// Newest award first.
    pub items: Vec<Honour>,
}

/// A page of honours across members.
#[derive(Debug, Serialize, ToSchema)]
pub struct HonourPage {
    /// This page.
    pub items: Vec<Honour>,
    /// Cursor of the next page; `null` on the last.
    pub next_cursor: Option<String>,
}
