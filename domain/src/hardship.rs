//! A hardship file's life cycle (困难职工档案): applied → approved (建档, renewed at each re-review) →
//! lifted (脱困), or rejected. Whoever registered a file never decides it.

use crate::access::Permission::{HardshipReview, HardshipWrite};
use crate::lifecycle::{self, Machine, Refusal, Transition};

text_enum! {
    /// Where a hardship file stands (code list `hardship-statuses`).
    HardshipStatus {
        /// 待审核: registered, waiting for review.
        Applied = "applied",
        /// 已建档: approved; assistance is recorded against it.
        Approved = "approved",
        /// 未通过.
        Rejected = "rejected",
        /// 已脱困: the family is out of hardship.
        Lifted = "lifted",
    }
}

text_enum! {
    /// What may happen to a hardship file (its `allowed_actions`). The four decisions are the code list
    /// `hardship-decisions`.
    HardshipEvent {
        /// Change the facts of an open file.
        Update = "update",
        /// Attach or remove evidence of an open file.
        EditEvidence = "edit_evidence",
        /// Record assistance (送温暖, 助学...) on an approved file.
        RecordAssistance = "record_assistance",
        /// 审核通过.
        Approve = "approve",
        /// 不予通过.
        Reject = "reject",
        /// 复核保留: re-reviewed and kept.
        Renew = "renew",
        /// 解除: out of hardship.
        Lift = "lift",
    }
}

use HardshipEvent as E;
use HardshipStatus as S;

/// The hardship file life cycle.
pub struct HardshipLife;

impl Machine for HardshipLife {
    type State = HardshipStatus;
    type Event = HardshipEvent;
    const THING: &'static str = "hardship file";
    #[rustfmt::skip]
    const TABLE: &'static [Transition<S, E>] = &[
        Transition { from: &[S::Applied], event: E::Update, to: S::Applied, needs: HardshipWrite },
        Transition { from: &[S::Approved], event: E::Update, to: S::Approved, needs: HardshipWrite },
        Transition { from: &[S::Applied], event: E::EditEvidence, to: S::Applied, needs: HardshipWrite },
        Transition { from: &[S::Approved], event: E::EditEvidence, to: S::Approved, needs: HardshipWrite },
        Transition { from: &[S::Approved], event: E::RecordAssistance, to: S::Approved, needs: HardshipWrite },
        Transition { from: &[S::Applied], event: E::Approve, to: S::Approved, needs: HardshipReview },
        Transition { from: &[S::Applied], event: E::Reject, to: S::Rejected, needs: HardshipReview },
        Transition { from: &[S::Approved], event: E::Renew, to: S::Approved, needs: HardshipReview },
        Transition { from: &[S::Approved], event: E::Lift, to: S::Lifted, needs: HardshipReview },
    ];
}

/// The decisions (code list `hardship-decisions`).
pub const DECISIONS: &[HardshipEvent] = &[E::Approve, E::Reject, E::Renew, E::Lift];

/// Whether the caller registered the file.
#[derive(Debug, Clone, Copy)]
pub struct HardshipFacts {
    /// The caller is the account that registered the file.
    pub registered_by_caller: bool,
}

/// The state after `event`, or why not: a first decision is never made by whoever registered the file.
pub fn apply(
    state: HardshipStatus,
    event: HardshipEvent,
    facts: HardshipFacts,
) -> Result<HardshipStatus, Refusal> {
    let to = lifecycle::next::<HardshipLife>(state, event)?;
    if matches!(event, E::Approve | E::Reject) && facts.registered_by_caller {
        return Err(Refusal::NotYours(
            "you registered this file, so another reviewer must decide it".to_owned(),
        ));
    }
    Ok(to)
}

/// What a caller holding the permissions `may` accepts can do to the file now.
pub fn allowed_events(
    state: HardshipStatus,
    facts: HardshipFacts,
    may: &dyn Fn(crate::access::Permission) -> bool,
) -> Vec<HardshipEvent> {
    lifecycle::events_from::<HardshipLife>(state, may)
        .into_iter()
        .filter(|e| apply(state, *e, facts).is_ok())
        .collect()
}

/// Whether a file is still open (applied or approved): its facts and evidence may change, and it counts
/// as the member's one open file.
pub fn is_open(state: HardshipStatus) -> bool {
    matches!(state, S::Applied | S::Approved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Permission;

    #[test]
    fn the_whole_table() {
        assert_eq!(
            lifecycle::table_text::<HardshipLife>(),
            [
                "applied -update-> applied",
                "applied -edit_evidence-> applied",
                "applied -approve-> approved",
                "applied -reject-> rejected",
                "approved -update-> approved",
                "approved -edit_evidence-> approved",
                "approved -record_assistance-> approved",
                "approved -renew-> approved",
                "approved -lift-> lifted",
            ]
        );
        assert_eq!(lifecycle::refused_pairs::<HardshipLife>(), 4 * 7 - 9);
    }

    #[test]
    fn nobody_decides_their_own_file() {
        let mine = HardshipFacts {
            registered_by_caller: true,
        };
        let theirs = HardshipFacts {
            registered_by_caller: false,
        };
        assert!(matches!(
            apply(S::Applied, E::Approve, mine),
            Err(Refusal::NotYours(_))
        ));
        assert_eq!(apply(S::Applied, E::Approve, theirs), Ok(S::Approved));
        // Renewing and lifting an approved file is not a first decision.
        assert_eq!(apply(S::Approved, E::Renew, mine), Ok(S::Approved));
        let reviewer =
            |p: Permission| matches!(p, Permission::HardshipReview | Permission::HardshipWrite);
        let officer = |p: Permission| p == Permission::HardshipWrite;
        assert_eq!(
            allowed_events(S::Applied, mine, &reviewer),
            [E::Update, E::EditEvidence]
        );
        assert_eq!(
            allowed_events(S::Applied, theirs, &reviewer),
            [E::Update, E::EditEvidence, E::Approve, E::Reject]
        );
        assert_eq!(
            allowed_events(S::Approved, theirs, &officer),
            [E::Update, E::EditEvidence, E::RecordAssistance]
        );
        assert!(allowed_events(S::Lifted, theirs, &reviewer).is_empty());
    }
}
