//! A member's status (会籍状态) and the changes that move it. Joining and transferring in create a member
//! (through their requests); transferring out ends one at the union left; the rest are recorded by the
//! union directly (`POST /members/{id}/changes`).

use crate::access::Permission::MembersWrite;
use crate::lifecycle::{self, Machine, Refusal, Transition};

text_enum! {
    /// A member's status.
    MemberStatus {
        /// A member in good standing.
        Active = "active",
        /// 停会: membership suspended.
        Suspended = "suspended",
        /// 保留会籍: kept while out of work or retired.
        Retained = "retained",
        /// 退会: left the union.
        Left = "left",
        /// 去世.
        Deceased = "deceased",
        /// 已转出: moved to another union (the record there is a new member).
        TransferredOut = "transferred_out",
    }
}

text_enum! {
    /// A membership change (code list `membership-change-reasons`).
    MemberEvent {
        /// 入会: becomes a member (through a join request or registration).
        Join = "join",
        /// 转入: arrives from another union (through a transfer request).
        TransferIn = "transfer_in",
        /// 转出: leaves for another union (through a transfer request).
        TransferOut = "transfer_out",
        /// 停会.
        Suspend = "suspend",
        /// 保留会籍.
        Retain = "retain",
        /// 退会.
        Leave = "leave",
        /// 去世.
        Death = "death",
        /// 恢复会籍.
        Restore = "restore",
    }
}

use MemberEvent as E;
use MemberStatus as S;

/// The membership life cycle.
pub struct Membership;

impl Machine for Membership {
    type State = MemberStatus;
    type Event = MemberEvent;
    const THING: &'static str = "member";
    #[rustfmt::skip]
    const TABLE: &'static [Transition<S, E>] = &[
        Transition { from: &[S::Active], event: E::TransferOut, to: S::TransferredOut, needs: MembersWrite },
        Transition { from: &[S::Active], event: E::Suspend, to: S::Suspended, needs: MembersWrite },
        Transition { from: &[S::Active], event: E::Retain, to: S::Retained, needs: MembersWrite },
        Transition { from: &[S::Active, S::Suspended, S::Retained], event: E::Leave, to: S::Left, needs: MembersWrite },
        Transition { from: &[S::Active, S::Suspended, S::Retained], event: E::Death, to: S::Deceased, needs: MembersWrite },
        Transition { from: &[S::Suspended, S::Retained], event: E::Restore, to: S::Active, needs: MembersWrite },
    ];
}

/// The changes a union records directly; the others go through requests.
pub const RECORDED: &[MemberEvent] = &[E::Suspend, E::Retain, E::Leave, E::Death, E::Restore];

/// The status after a change the union records, or why not.
pub fn record(status: MemberStatus, change: MemberEvent) -> Result<MemberStatus, Refusal> {
    if !RECORDED.contains(&change) {
        return Err(Refusal::Condition(format!(
            "'{change}' goes through its own application and approval, not a recorded change"
        )));
    }
    lifecycle::next::<Membership>(status, change)
}

/// The changes a caller holding the permissions `may` accepts can record now.
pub fn allowed_events(
    status: MemberStatus,
    may: &dyn Fn(crate::access::Permission) -> bool,
) -> Vec<MemberEvent> {
    lifecycle::events_from::<Membership>(status, may)
        .into_iter()
        .filter(|e| RECORDED.contains(e))
        .collect()
}

/// Whether the member may enrol on courses, ask for a transfer and the like.
pub fn is_active(status: MemberStatus) -> bool {
    status == S::Active
}

/// Whether a hardship file may be registered for the member (still a member, in work or not).
pub fn may_hold_hardship_file(status: MemberStatus) -> bool {
    matches!(status, S::Active | S::Retained)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Permission;

    #[test]
    fn the_whole_table() {
        assert_eq!(
            lifecycle::table_text::<Membership>(),
            [
                "active -transfer_out-> transferred_out",
                "active -suspend-> suspended",
                "active -retain-> retained",
                "active -leave-> left",
                "active -death-> deceased",
                "suspended -leave-> left",
                "suspended -death-> deceased",
                "suspended -restore-> active",
                "retained -leave-> left",
                "retained -death-> deceased",
                "retained -restore-> active",
            ]
        );
        assert_eq!(lifecycle::refused_pairs::<Membership>(), 6 * 8 - 11);
    }

    #[test]
    fn joins_and_transfers_are_not_recorded_changes() {
        for e in [E::Join, E::TransferIn, E::TransferOut] {
            assert!(
                matches!(record(S::Active, e), Err(Refusal::Condition(_))),
                "{e}"
            );
        }
        assert_eq!(record(S::Active, E::Suspend), Ok(S::Suspended));
        assert!(matches!(
            record(S::Left, E::Restore),
            Err(Refusal::NotFrom { .. })
        ));
    }

    #[test]
    fn allowed_changes() {
        let staff = |p: Permission| p == Permission::MembersWrite;
        assert_eq!(
            allowed_events(S::Active, &staff),
            [E::Suspend, E::Retain, E::Leave, E::Death]
        );
        assert_eq!(
            allowed_events(S::Retained, &staff),
            [E::Leave, E::Death, E::Restore]
        );
        assert!(allowed_events(S::Deceased, &staff).is_empty());
        assert!(allowed_events(S::Active, &|_| false).is_empty());
    }
}
