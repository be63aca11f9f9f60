//! `GET /organisations/{id}/tree`.

use std::collections::{HashMap, HashSet};

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::OrganisationSummary;
use crate::auth::{AuthUser, Permission};
use crate::db::models::organisations::{self as model, find_in_scope, OrganisationRow};
use crate::domain::organisation::subtree_range;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// At most this many nodes in one tree answer.
pub const MAX_NODES: i64 = 2000;

/// Tree parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TreeParams {
    /// Levels below the organisation, 1 to 5 (default 2).
    pub depth: Option<i32>,
    /// Include archived organisations (default false).
    pub include_archived: Option<bool>,
}

/// A node of the tree.
#[derive(Debug, Serialize, ToSchema)]
pub struct TreeNode {
    /// The organisation.
    #[serde(flatten)]
    pub organisation: OrganisationSummary,
    /// Its children, when within the requested depth.
    #[schema(no_recursion)]
    pub children: Vec<TreeNode>,
}

/// A subtree.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationTree {
    /// The organisation asked for.
    pub root: TreeNode,
    /// True when the subtree had more than 2000 nodes and was cut.
    pub truncated: bool,
}

fn build(
    id: &str,
    by_parent: &mut HashMap<String, Vec<OrganisationRow>>,
    nodes: &mut HashMap<String, OrganisationRow>,
    kids: &HashSet<String>,
) -> Option<TreeNode> {
    let row = nodes.remove(id)?;
    let children = by_parent
        .remove(id)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|child| {
            let cid = child.id.clone();
            nodes.insert(cid.clone(), child);
            build(&cid, by_parent, nodes, kids)
        })
        .collect();
    let mut organisation = OrganisationSummary::from(row);
    organisation.has_children = kids.contains(&organisation.id);
    Some(TreeNode {
        organisation,
        children,
    })
}

/// An organisation and its descendants down to `depth` levels, nested.
#[utoipa::path(
    tag = "organisations",
    params(("id" = String, Path, description = "Organisation id"), TreeParams),
    responses(
        (status = 200, description = "The subtree", body = OrganisationTree),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role may not read organisations", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in your scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "depth out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/tree")]
pub async fn get_organisation_tree(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    params: web::Query<TreeParams>,
) -> ApiResult<HttpResponse> {
    user.require(Permission::OrganisationsRead)?;
    let depth = params.depth.unwrap_or(2);
    if !(1..=5).contains(&depth) {
        return Err(ApiError::field(
            "depth",
            "out_of_range",
            "must be between 1 and 5",
        ));
    }
    let include_archived = params.include_archived.unwrap_or(false);
    let scope = user.scope();
    let id = id.into_inner();
    let tree = state
        .read(move |c| {
            let root = find_in_scope(c, &id, &scope)?
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            let mut rows = model::subtree(
                c,
                &subtree_range(&root.path),
                root.depth + depth,
                MAX_NODES + 1,
            )?;
            let truncated = rows.len() as i64 > MAX_NODES;
            rows.truncate(MAX_NODES as usize);
            if !include_archived {
                rows.retain(|r| {
                    r.status == crate::domain::organisation::OrgStatus::Active || r.id == root.id
                });
            }
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let kids = model::with_children(c, &ids)?;
            let mut by_parent: HashMap<String, Vec<OrganisationRow>> = HashMap::new();
            let mut nodes = HashMap::new();
            for r in rows {
                if r.id == root.id {
                    nodes.insert(r.id.clone(), r);
                } else if let Some(p) = r.parent_id.clone() {
                    by_parent.entry(p).or_default().push(r);
                }
            }
            let root = build(&root.id, &mut by_parent, &mut nodes, &kids)
                .ok_or_else(|| ApiError::not_found("organisation"))?;
            Ok(OrganisationTree { root, truncated })
        })
        .await?;
    Ok(HttpResponse::Ok().json(tree))
}
