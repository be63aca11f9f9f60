//! Join and transfer requests (入会申请, 会员转移). A join is approved by the union joined; a transfer is
//! first released by the union left, then approved by the union joined; either side may reject while it
//! is open (the union left only a transfer).

use crate::access::Permission::MembersWrite;
use crate::lifecycle::{self, Machine, Refusal, Transition};

text_enum! {
    /// What is asked.
    RequestKind {
        /// 入会: a worker joins a union.
        Join = "join",
        /// 转会: a member moves from one union to another.
        Transfer = "transfer",
    }
}

text_enum! {
    /// Where a request stands.
    RequestStatus {
        /// Waiting for the union(s).
        Pending = "pending",
        /// A transfer the union left has let go; waiting for the union joined.
        Released = "released",
        /// Done: the member is in the union joined.
        Approved = "approved",
        /// Refused, with a reason.
        Rejected = "rejected",
    }
}

text_enum! {
    /// What may happen to a request (its `allowed_actions`).
    RequestEvent {
        /// The union left lets the member go (transfers).
        Release = "release",
        /// The union joined takes the member in.
        Approve = "approve",
        /// Refuse it.
        Reject = "reject",
    }
}

use RequestEvent as E;
use RequestStatus as S;

/// The request life cycle.
pub struct RequestLife;

impl Machine for RequestLife {
    type State = RequestStatus;
    type Event = RequestEvent;
    const THING: &'static str = "membership request";
    #[rustfmt::skip]
    const TABLE: &'static [Transition<S, E>] = &[
        Transition { from: &[S::Pending], event: E::Release, to: S::Released, needs: MembersWrite },
        Transition { from: &[S::Pending, S::Released], event: E::Approve, to: S::Approved, needs: MembersWrite },
        Transition { from: &[S::Pending, S::Released], event: E::Reject, to: S::Rejected, needs: MembersWrite },
    ];
}

/// The request's kind and which of its unions the caller covers.
#[derive(Debug, Clone, Copy)]
pub struct RequestSides {
    /// Join or transfer.
    pub kind: RequestKind,
    /// The caller's scope covers the union left.
    pub from: bool,
    /// The caller's scope covers the union joined.
    pub to: bool,
}

/// The state after `event`, or why not. Whose step it is comes first (a caller on the wrong side learns
/// that, whatever the state), then the table, then what the kind requires.
pub fn apply(
    state: RequestStatus,
    event: RequestEvent,
    sides: RequestSides,
) -> Result<RequestStatus, Refusal> {
    let transfer = sides.kind == RequestKind::Transfer;
    match event {
        E::Release if !sides.from => {
            return Err(Refusal::NotYours(
                "only the union the member leaves may release a transfer".to_owned(),
            ))
        }
        E::Approve if !sides.to => {
            return Err(Refusal::NotYours(
                "only the union the person joins may approve".to_owned(),
            ))
        }
        E::Reject if !(sides.to || (transfer && sides.from)) => {
            return Err(Refusal::NotYours(
                "you may not decide this request".to_owned(),
            ))
        }
        _ => {}
    }
    let to = lifecycle::next::<RequestLife>(state, event)?;
    match event {
        E::Release if !transfer => Err(Refusal::Condition(
            "a join request has nothing to release".to_owned(),
        )),
        E::Approve if transfer && state == S::Pending => Err(Refusal::Condition(
            "the union the member leaves has to release the transfer first".to_owned(),
        )),
        _ => Ok(to),
    }
}

/// What a caller holding the permissions `may` accepts, standing on `sides`, can do now.
pub fn allowed_events(
    state: RequestStatus,
    sides: RequestSides,
    may: &dyn Fn(crate::access::Permission) -> bool,
) -> Vec<RequestEvent> {
    lifecycle::events_from::<RequestLife>(state, may)
        .into_iter()
        .filter(|e| apply(state, *e, sides).is_ok())
        .collect()
}

/// Whether the request still waits for a decision.
pub fn is_open(state: RequestStatus) -> bool {
    matches!(state, S::Pending | S::Released)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Permission;

    const JOIN_TO: RequestSides = RequestSides {
        kind: RequestKind::Join,
        from: false,
        to: true,
    };
    const MOVE_FROM: RequestSides = RequestSides {
        kind: RequestKind::Transfer,
        from: true,
        to: false,
    };
    const MOVE_TO: RequestSides = RequestSides {
        kind: RequestKind::Transfer,
        from: false,
        to: true,
    };
    const MOVE_BOTH: RequestSides = RequestSides {
        kind: RequestKind::Transfer,
        from: true,
        to: true,
    };
    const NEITHER: RequestSides = RequestSides {
        kind: RequestKind::Transfer,
        from: false,
        to: false,
    };

    #[test]
    fn the_whole_table() {
        assert_eq!(
            lifecycle::table_text::<RequestLife>(),
            [
                "pending -release-> released",
                "pending -approve-> approved",
                "pending -reject-> rejected",
                "released -approve-> approved",
                "released -reject-> rejected",
            ]
        );
        assert_eq!(lifecycle::refused_pairs::<RequestLife>(), 4 * 3 - 5);
    }

    #[test]
    fn who_does_what_on_each_side() {
        let staff = |p: Permission| p == Permission::MembersWrite;
        assert_eq!(
            allowed_events(S::Pending, JOIN_TO, &staff),
            [E::Approve, E::Reject]
        );
        assert_eq!(
            allowed_events(S::Pending, MOVE_FROM, &staff),
            [E::Release, E::Reject]
        );
        assert_eq!(allowed_events(S::Pending, MOVE_TO, &staff), [E::Reject]);
        assert_eq!(
            allowed_events(S::Released, MOVE_TO, &staff),
            [E::Approve, E::Reject]
        );
        assert_eq!(allowed_events(S::Released, MOVE_FROM, &staff), [E::Reject]);
        assert_eq!(
            allowed_events(S::Pending, MOVE_BOTH, &staff),
            [E::Release, E::Reject]
        );
        assert!(allowed_events(S::Pending, NEITHER, &staff).is_empty());
        assert!(allowed_events(S::Approved, MOVE_BOTH, &staff).is_empty());
        assert!(allowed_events(S::Pending, JOIN_TO, &|_| false).is_empty());
        assert!(matches!(
            apply(S::Pending, E::Release, JOIN_TO),
            Err(Refusal::NotYours(_))
        ));
        assert!(matches!(
            apply(S::Pending, E::Approve, MOVE_TO),
            Err(Refusal::Condition(_))
        ));
        assert!(matches!(
            apply(S::Released, E::Approve, MOVE_FROM),
            Err(Refusal::NotYours(_))
        ));
    }
}
