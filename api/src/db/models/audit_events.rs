//! The append-only audit log. Rows are written in the same transaction as the change they record and are
//! never updated or deleted by the application.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{Map, Value};

use super::organisations::Range;
use super::Db;
use crate::db::schema::{audit_events as e, organisations as o};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};

/// A stored audit event.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = e)]
pub struct AuditEventRow {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_username: Option<String>,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub organisation_id: Option<String>,
    pub request_id: Option<String>,
    pub changes: String,
}

/// Who did it, and in which request.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Account id (`None` for the command line).
    pub id: Option<String>,
    /// Username, kept so the log reads on after an account is renamed.
    pub username: String,
    /// The request id.
    pub request_id: Option<String>,
}

impl Actor {
    /// The operator at the command line.
    pub fn cli(command: &str) -> Actor {
        Actor {
            id: None,
            username: format!("cli:{command}"),
            request_id: None,
        }
    }
}

/// Writes one event.
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    action: AuditAction,
    resource_type: AuditResource,
    resource_id: &str,
    organisation_id: Option<&str>,
    changes: Value,
) -> QueryResult<()> {
    let row = AuditEventRow {
        id: crate::db::new_id(),
        occurred_at: crate::db::now(),
        actor_id: actor.id.clone(),
        actor_username: Some(actor.username.clone()),
        action: action.as_str().to_owned(),
        resource_type: resource_type.as_str().to_owned(),
        resource_id: resource_id.to_owned(),
        organisation_id: organisation_id.map(str::to_owned),
        request_id: actor.request_id.clone(),
        changes: changes.to_string(),
    };
    diesel::insert_into(e::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The fields that differ between two JSON objects, as `{field: {"from": a, "to": b}}`, leaving out
/// bookkeeping fields. Personal numbers are masked by the caller before diffing.
pub fn diff(before: &Value, after: &Value) -> Value {
    const SKIP: [&str; 3] = ["version", "updated_at", "has_children"];
    let mut out = Map::new();
    if let (Value::Object(b), Value::Object(a)) = (before, after) {
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            if SKIP.contains(&k.as_str()) {
                continue;
            }
            let bv = b.get(k).unwrap_or(&Value::Null);
            let av = a.get(k).unwrap_or(&Value::Null);
            if bv != av {
                out.insert(k.clone(), serde_json::json!({ "from": bv, "to": av }));
            }
        }
    }
    Value::Object(out)
}

/// Filters of the audit list.
#[derive(Debug, Default)]
pub struct ListFilter {
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub actor_id: Option<String>,
    pub action: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

/// One page of events about organisations in the scope, newest first.
pub fn list(
    conn: &mut DbConn,
    scope: &Range,
    f: &ListFilter,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<AuditEventRow>> {
    let mut q = e::table
        .inner_join(o::table)
        .filter(o::path.ge(&scope.0))
        .filter(o::path.lt(&scope.1))
        .into_boxed::<Db>();
    if let Some(v) = &f.resource_type {
        q = q.filter(e::resource_type.eq(v));
    }
    if let Some(v) = &f.resource_id {
        q = q.filter(e::resource_id.eq(v));
    }
    if let Some(v) = &f.actor_id {
        q = q.filter(e::actor_id.eq(v));
    }
    if let Some(v) = &f.action {
        q = q.filter(e::action.eq(v));
    }
    if let Some(v) = f.from {
        q = q.filter(e::occurred_at.ge(v));
    }
    if let Some(v) = f.to {
        q = q.filter(e::occurred_at.lt(v));
    }
    if let Some(b) = before {
        q = q.filter(e::id.lt(b));
    }
    q.order(e::id.desc())
        .limit(limit + 1)
        .select(AuditEventRow::as_select())
        .load(conn)
}
