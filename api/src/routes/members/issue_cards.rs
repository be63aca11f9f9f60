//! `POST /members/cards`.

use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{AuthUser, Permission};
use crate::db::models::{audit_events, members, organisations};
use crate::domain::card_number;
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::body::Body;
use crate::state::AppState;

/// Where to issue cards.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueMemberCards {
    /// The organisation whose active members (in it and below it) lack a card. Its division code, or the
    /// nearest ancestor's, goes into the card numbers.
    pub organisation_id: String,
}

/// What was issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedMemberCards {
    /// How many members got a card.
    pub issued: i64,
    /// The first number issued (`null` when none).
    pub first_card_number: Option<String>,
    /// The last number issued.
    pub last_card_number: Option<String>,
}

/// Issues membership card numbers, in one transaction, to every active member of an organisation's
/// subtree who has none. Format: `GH` + 6-digit division + 8-digit serial per division + a Luhn check
/// digit (`GH511922000000015`); unique across the deployment and never reused.
#[utoipa::path(
    tag = "members",
    request_body = IssueMemberCards,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for a retried request")),
    responses(
        (status = 200, description = "Cards issued (possibly none)", body = IssuedMemberCards),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not change members", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "A member changed while the cards were issued; nothing was issued, retry", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown organisation, or no division code on it or above it", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/members/cards")]
pub async fn issue_member_cards(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Body<IssueMemberCards>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::MembersWrite)?;
    let org_id = body.into_inner()?.organisation_id.trim().to_owned();
    let scope = user.scope();
    let actor = user.actor();
    let issued = state
        .write(move |c| {
            let org = organisations::find_in_scope(c, &org_id, &scope)?.ok_or_else(|| {
                ApiError::field(
                    "organisation_id",
                    "not_found",
                    "no such organisation in your scope",
                )
            })?;
            let mut line = organisations::by_ids(c, &org.path_ids())?;
            line.sort_by_key(|o| std::cmp::Reverse(o.depth));
            let division = line
                .iter()
                .find_map(|o| o.division_code.clone())
                .ok_or_else(|| {
                    ApiError::field(
                        "organisation_id",
                        "not_allowed",
                        "set a division code on this organisation or one above it first",
                    )
                })?;
            let pending = members::without_card(c, &subtree_range(&org.path))?;
            if pending.is_empty() {
                return Ok(IssuedMemberCards {
                    issued: 0,
                    first_card_number: None,
                    last_card_number: None,
                });
            }
            let count = pending.len() as i64;
            let first = members::reserve_serials(c, &division, count)?;
            let mut cards = Vec::with_capacity(pending.len());
            for (i, (member_id, version)) in pending.iter().enumerate() {
                let card = card_number::format(&division, first + i as i64).ok_or_else(|| {
                    ApiError::internal(format!("card serials of {division} are exhausted"))
                })?;
                if !members::set_card(c, member_id, &card, *version)? {
                    return Err(ApiError::changed("member", None));
                }
                cards.push(card);
            }
            let summary = serde_json::json!({
                "issued": count, "division": division,
                "first_card_number": cards.first(), "last_card_number": cards.last(),
            });
            audit_events::record(
                c,
                &actor,
                crate::domain::audit::AuditAction::MemberCardsIssue,
                crate::domain::audit::AuditResource::Organisation,
                &org.id,
                Some(&org.id),
                summary,
            )?;
            Ok(IssuedMemberCards {
                issued: count,
                first_card_number: cards.first().cloned(),
                last_card_number: cards.last().cloned(),
            })
        })
        .await?;
    tracing::info!(cards.issued = issued.issued, "member cards issued");
    Ok(HttpResponse::Ok().json(issued))
}
