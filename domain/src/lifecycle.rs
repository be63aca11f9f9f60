//! Life cycles as tables. A thing with a life cycle (a course, an enrolment, a membership request, a
//! hardship file, a member's status, an organisation) has a status enum, an event enum and a table of
//! transitions `from → event → to`, each naming the permission it needs. Conditions that depend on more
//! than the status (places left, sessions planned, which side of a transfer the caller stands on) are the
//! area's `apply` and `allowed_events`, written on top of [`next`] and [`events_from`].
//!
//! Adding a state machine means writing its two enums, its table and its conditions, plus a test that
//! spells out the whole table (see [`table_text`]). The API's generic transition helper
//! (`api/src/services/transition.rs`) runs every one of them the same way.

use crate::access::Permission;
use crate::text_enum::TextEnum;

/// One allowed step.
#[derive(Debug, Clone, Copy)]
pub struct Transition<S: 'static, E: 'static> {
    /// The states it leaves from.
    pub from: &'static [S],
    /// What happens.
    pub event: E,
    /// The state it leads to. Machines whose target depends on the context (places left) name the usual
    /// target here and decide in their `apply`.
    pub to: S,
    /// Who may make it happen.
    pub needs: Permission,
}

/// A life cycle: its name (as the error messages and audit entries call the thing) and its table.
pub trait Machine {
    /// The status.
    type State: TextEnum;
    /// What may happen to it.
    type Event: TextEnum;
    /// The thing, in words (`course`, `hardship file`).
    const THING: &'static str;
    /// Every allowed step.
    const TABLE: &'static [Transition<Self::State, Self::Event>];
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The table has no such step from this state.
    NotFrom {
        /// The thing.
        thing: &'static str,
        /// Its state.
        state: &'static str,
        /// The event asked for.
        event: &'static str,
    },
    /// The step exists but a condition does not hold; the text says which.
    Condition(String),
    /// The caller may not make this step on this thing (wrong side, own application).
    NotYours(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotFrom {
                thing,
                state,
                event,
            } => write!(f, "a {thing} that is {state} cannot be given '{event}'"),
            Refusal::Condition(m) | Refusal::NotYours(m) => f.write_str(m),
        }
    }
}

/// The step of the table for `event` from `from`.
pub fn step<M: Machine>(
    from: M::State,
    event: M::Event,
) -> Result<&'static Transition<M::State, M::Event>, Refusal> {
    M::TABLE
        .iter()
        .find(|t| t.event == event && t.from.contains(&from))
        .ok_or(Refusal::NotFrom {
            thing: M::THING,
            state: from.as_str(),
            event: event.as_str(),
        })
}

/// The state the table leads to from `from` on `event`.
pub fn next<M: Machine>(from: M::State, event: M::Event) -> Result<M::State, Refusal> {
    step::<M>(from, event).map(|t| t.to)
}

/// The events the table allows from `from` to a caller holding the permissions `may` accepts, in table
/// order, each once.
pub fn events_from<M: Machine>(from: M::State, may: &dyn Fn(Permission) -> bool) -> Vec<M::Event> {
    let mut out: Vec<M::Event> = Vec::new();
    for t in M::TABLE {
        if t.from.contains(&from) && may(t.needs) && !out.contains(&t.event) {
            out.push(t.event);
        }
    }
    out
}

/// The whole table as text lines `from -event-> to`, in state order then event order: what each
/// machine's test compares with its table written out by hand.
pub fn table_text<M: Machine>() -> Vec<String> {
    let mut out = Vec::new();
    for s in <M::State as TextEnum>::ALL {
        for e in <M::Event as TextEnum>::ALL {
            if let Ok(to) = next::<M>(*s, *e) {
                out.push(format!("{} -{}-> {}", s.as_str(), e.as_str(), to.as_str()));
            }
        }
    }
    out
}

/// Every (state, event) pair the table does not allow is refused with [`Refusal::NotFrom`]; what the
/// per-machine tests call to prove the complement of the table.
pub fn refused_pairs<M: Machine>() -> usize {
    let mut n = 0;
    for s in <M::State as TextEnum>::ALL {
        for e in <M::Event as TextEnum>::ALL {
            if let Err(Refusal::NotFrom { .. }) = next::<M>(*s, *e) {
                n += 1;
            }
        }
    }
    n
}
