//! The one way a thing with a life cycle changes state. Every state change of every machine runs
//! the same skeleton: the caller loads the thing in scope (404 first), then [`run`] checks `If-Match`,
//! asks the domain whether the step is allowed and where it leads, stores the new state with a version
//! guard (412 naming the resource when another write won), and hands back a [`Stepped`] whose
//! [`Stepped::record`] writes the typed audit entry once the caller has done the step's side effects
//! (notices, certificates, history rows) in the same transaction.
//!
//! A new state machine is its domain table plus an `impl Stateful` for its row: no new skeleton.

use serde_json::Value;

use crate::db::models::audit_events::{self, Actor};
use crate::db::DbConn;
use crate::domain::audit::{AuditAction, AuditResource};
use crate::domain::lifecycle::{Machine, Refusal};
use crate::domain::text_enum::TextEnum;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::http::etag::IfMatch;

/// The state type of a stored thing's life cycle.
pub type StateOf<T> = <<T as Stateful>::Life as Machine>::State;
/// The event type of a stored thing's life cycle.
pub type EventOf<T> = <<T as Stateful>::Life as Machine>::Event;

/// A stored row with a life cycle.
pub trait Stateful {
    /// Its machine in the domain crate.
    type Life: Machine;
    /// The resource in words, as 404 and 412 answers name it.
    const RESOURCE: &'static str;
    /// The audit log's name for it.
    const AUDIT: AuditResource;
    /// The 409 code when the domain refuses a step.
    const NOT_ACTIONABLE: ErrorCode;
    /// The 403 code when the caller may not take the step on this thing.
    const NOT_YOURS: ErrorCode;
    /// Its id.
    fn id(&self) -> &str;
    /// Its row version (what `If-Match` names).
    fn version(&self) -> i32;
    /// Its current state.
    fn state(&self) -> StateOf<Self>;
    /// The organisation the audit entry is filed under.
    fn organisation_id(&self) -> Option<&str>;
    /// The audit action of an event.
    fn audit_action(event: EventOf<Self>) -> AuditAction;
    /// Stores `to` if the row is still at `self.version()`; `false` when another write won.
    fn store(
        &self,
        c: &mut DbConn,
        to: StateOf<Self>,
        by: &Actor,
        note: Option<&str>,
    ) -> diesel::QueryResult<bool>;
}

/// A step that was taken and stored, waiting for its audit entry.
#[must_use = "a state change is audited: call Stepped::record"]
pub struct Stepped<T: Stateful> {
    /// The state before.
    pub from: StateOf<T>,
    /// The state after.
    pub to: StateOf<T>,
    event: EventOf<T>,
    id: String,
    organisation_id: Option<String>,
}

impl<T: Stateful> Stepped<T> {
    /// Writes the audit entry: `{"status": {"from": .., "to": ..}}` (the shape of every audited change)
    /// plus the step's own `details` (an object).
    pub fn record(self, c: &mut DbConn, actor: &Actor, details: Value) -> ApiResult<()> {
        let mut changes = serde_json::Map::new();
        changes.insert(
            "status".to_owned(),
            serde_json::json!({ "from": self.from.as_str(), "to": self.to.as_str() }),
        );
        if let Value::Object(extra) = details {
            changes.extend(extra);
        }
        audit_events::record(
            c,
            actor,
            T::audit_action(self.event),
            T::AUDIT,
            &self.id,
            self.organisation_id.as_deref(),
            Value::Object(changes),
        )?;
        Ok(())
    }
}

/// Takes `event` on `current`: `If-Match`, the domain's decision (`decide`, usually the area's
/// `apply` with its facts), the version-guarded store. Refusals answer 409 with the area's code, or
/// 403 when the step is not the caller's to take.
pub fn run<T: Stateful>(
    c: &mut DbConn,
    by: &Actor,
    current: &T,
    if_match: &IfMatch,
    event: EventOf<T>,
    decide: impl FnOnce(StateOf<T>, EventOf<T>) -> Result<StateOf<T>, Refusal>,
    note: Option<&str>,
) -> ApiResult<Stepped<T>> {
    if_match.check(T::RESOURCE, current.version())?;
    let from = current.state();
    let to =
        decide(from, event).map_err(|r| ApiError::refused(r, T::NOT_ACTIONABLE, T::NOT_YOURS))?;
    if !current.store(c, to, by, note)? {
        return Err(ApiError::changed(T::RESOURCE, None));
    }
    Ok(Stepped {
        from,
        to,
        event,
        id: current.id().to_owned(),
        organisation_id: current.organisation_id().map(str::to_owned),
    })
}
