//! A course's life cycle: draft → open (⇄ full) → running → finished, or cancelled from any state before
//! finished. Edits are steps that keep the state, so that what may be done to a course is one table.

use crate::access::Permission::CoursesWrite;
use crate::lifecycle::{self, Machine, Refusal, Transition};

text_enum! {
    /// Where a course is in its life cycle.
    CourseStatus {
        /// Being prepared; only its organisation's staff see it.
        Draft = "draft",
        /// Published and taking enrolments.
        Open = "open",
        /// Every place is taken; later enrolments go onto the waitlist.
        Full = "full",
        /// Sessions have begun; attendance is taken.
        Running = "running",
        /// Finished: completions are certified.
        Finished = "finished",
        /// Called off; everyone enrolled was told why.
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// What may happen to a course (its `allowed_actions`).
    CourseEvent {
        /// Change its details (`PATCH /courses/{id}`).
        Update = "update",
        /// Add or remove a session.
        EditSessions = "edit_sessions",
        /// Open enrolment.
        Publish = "publish",
        /// Every place taken (done by enrolments, not by a person).
        Fill = "fill",
        /// A place freed (done by withdrawals or more places, not by a person).
        Reopen = "reopen",
        /// Begin the sessions.
        Start = "start",
        /// End it and certify completions.
        Finish = "finish",
        /// Call it off.
        Cancel = "cancel",
        /// Enrol a worker (onto the waitlist when full).
        Enrol = "enrol",
    }
}

use CourseEvent as E;
use CourseStatus as S;

/// The course life cycle.
pub struct CourseLife;

impl Machine for CourseLife {
    type State = CourseStatus;
    type Event = CourseEvent;
    const THING: &'static str = "course";
    #[rustfmt::skip]
    const TABLE: &'static [Transition<S, E>] = &[
        Transition { from: &[S::Draft], event: E::Update, to: S::Draft, needs: CoursesWrite },
        Transition { from: &[S::Open], event: E::Update, to: S::Open, needs: CoursesWrite },
        Transition { from: &[S::Full], event: E::Update, to: S::Full, needs: CoursesWrite },
        Transition { from: &[S::Running], event: E::Update, to: S::Running, needs: CoursesWrite },
        Transition { from: &[S::Draft], event: E::EditSessions, to: S::Draft, needs: CoursesWrite },
        Transition { from: &[S::Open], event: E::EditSessions, to: S::Open, needs: CoursesWrite },
        Transition { from: &[S::Full], event: E::EditSessions, to: S::Full, needs: CoursesWrite },
        Transition { from: &[S::Running], event: E::EditSessions, to: S::Running, needs: CoursesWrite },
        Transition { from: &[S::Draft], event: E::Publish, to: S::Open, needs: CoursesWrite },
        Transition { from: &[S::Open, S::Full], event: E::Fill, to: S::Full, needs: CoursesWrite },
        Transition { from: &[S::Open, S::Full], event: E::Reopen, to: S::Open, needs: CoursesWrite },
        Transition { from: &[S::Open, S::Full], event: E::Start, to: S::Running, needs: CoursesWrite },
        Transition { from: &[S::Running], event: E::Finish, to: S::Finished, needs: CoursesWrite },
        Transition {
            from: &[S::Draft, S::Open, S::Full, S::Running],
            event: E::Cancel,
            to: S::Cancelled,
            needs: CoursesWrite,
        },
        Transition { from: &[S::Open], event: E::Enrol, to: S::Open, needs: CoursesWrite },
        Transition { from: &[S::Full], event: E::Enrol, to: S::Full, needs: CoursesWrite },
    ];
}

/// What the steps depend on besides the state.
#[derive(Debug, Clone, Copy, Default)]
pub struct CourseFacts {
    /// Sessions planned.
    pub sessions: usize,
    /// People enrolled.
    pub enrolled: i32,
    /// Places.
    pub max_places: i32,
}

/// The state after `event`, or why not. `Fill` and `Reopen` follow the places: filling a course with a
/// place left, or reopening one without, is refused.
pub fn apply(
    state: CourseStatus,
    event: CourseEvent,
    facts: CourseFacts,
) -> Result<CourseStatus, Refusal> {
    let to = lifecycle::next::<CourseLife>(state, event)?;
    match event {
        E::Publish if facts.sessions == 0 => Err(Refusal::Condition(
            "add at least one session before publishing".to_owned(),
        )),
        E::Fill if facts.enrolled < facts.max_places => {
            Err(Refusal::Condition("the course has places left".to_owned()))
        }
        E::Reopen if facts.enrolled >= facts.max_places => {
            Err(Refusal::Condition("every place is taken".to_owned()))
        }
        _ => Ok(to),
    }
}

/// What a caller holding the permissions `may` accepts can do to the course now. `Fill` and `Reopen`
/// happen by themselves and are never offered.
pub fn allowed_events(
    state: CourseStatus,
    facts: CourseFacts,
    may: &dyn Fn(crate::access::Permission) -> bool,
) -> Vec<CourseEvent> {
    lifecycle::events_from::<CourseLife>(state, may)
        .into_iter()
        .filter(|e| !matches!(e, E::Fill | E::Reopen))
        .filter(|e| apply(state, *e, facts).is_ok())
        .collect()
}

/// Whether the table allows `event` from `state` at all (what a handler asks before the facts matter).
pub fn accepts(state: CourseStatus, event: CourseEvent) -> bool {
    lifecycle::next::<CourseLife>(state, event).is_ok()
}

/// Whether attendance is taken and check-in codes shown: published and not over.
pub fn takes_attendance(state: CourseStatus) -> bool {
    matches!(state, S::Open | S::Full | S::Running)
}

/// The state that matches the places: an open or full course is full when every place is taken and open
/// otherwise; other states do not follow the places.
pub fn by_places(state: CourseStatus, enrolled: i32, max_places: i32) -> CourseStatus {
    match state {
        S::Open | S::Full if enrolled >= max_places => S::Full,
        S::Open | S::Full => S::Open,
        other => other,
    }
}

/// Whether people may still be moved up from the waitlist (places freed before the course runs).
pub fn fills_from_waitlist(state: CourseStatus) -> bool {
    matches!(state, S::Draft | S::Open | S::Full)
}

/// Whether enrolment has closed with too few people on a course still to run.
pub fn below_minimum(
    state: CourseStatus,
    enrolment_closed: bool,
    enrolled: i32,
    min_places: i32,
) -> bool {
    matches!(state, S::Open | S::Full | S::Running) && enrolment_closed && enrolled < min_places
}

/// Whether `attended` of `sessions` meets `percent` (attendance present or late).
pub fn completes(attended: usize, sessions: usize, percent: i32) -> bool {
    sessions > 0 && attended * 100 >= percent.max(0) as usize * sessions
}

/// Whether a worker at `home_path` sees a course owned at `owner_path`: not a draft, and owned in reach
/// ([`crate::organisation::in_reach`]).
pub fn offered_to(state: CourseStatus, home_path: &str, owner_path: &str) -> bool {
    state != S::Draft && crate::organisation::in_reach(home_path, owner_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Permission;

    #[test]
    fn the_whole_table() {
        assert_eq!(
            lifecycle::table_text::<CourseLife>(),
            [
                "draft -update-> draft",
                "draft -edit_sessions-> draft",
                "draft -publish-> open",
                "draft -cancel-> cancelled",
                "open -update-> open",
                "open -edit_sessions-> open",
                "open -fill-> full",
                "open -reopen-> open",
                "open -start-> running",
                "open -cancel-> cancelled",
                "open -enrol-> open",
                "full -update-> full",
                "full -edit_sessions-> full",
                "full -fill-> full",
                "full -reopen-> open",
                "full -start-> running",
                "full -cancel-> cancelled",
                "full -enrol-> full",
                "running -update-> running",
                "running -edit_sessions-> running",
                "running -finish-> finished",
                "running -cancel-> cancelled",
            ]
        );
        // 6 states × 9 events, less the 22 steps above.
        assert_eq!(lifecycle::refused_pairs::<CourseLife>(), 6 * 9 - 22);
    }

    #[test]
    fn publishing_needs_a_session_and_places_decide_open_or_full() {
        let none = CourseFacts {
            sessions: 0,
            enrolled: 0,
            max_places: 10,
        };
        let one = CourseFacts {
            sessions: 1,
            ..none
        };
        assert!(matches!(
            apply(S::Draft, E::Publish, none),
            Err(Refusal::Condition(_))
        ));
        assert_eq!(apply(S::Draft, E::Publish, one), Ok(S::Open));
        let taken = CourseFacts {
            sessions: 1,
            enrolled: 10,
            max_places: 10,
        };
        assert_eq!(apply(S::Open, E::Fill, taken), Ok(S::Full));
        assert!(apply(S::Open, E::Fill, one).is_err());
        assert_eq!(apply(S::Full, E::Reopen, one), Ok(S::Open));
        assert!(apply(S::Full, E::Reopen, taken).is_err());
        assert_eq!(by_places(S::Open, 10, 10), S::Full);
        assert_eq!(by_places(S::Full, 9, 10), S::Open);
        assert_eq!(by_places(S::Running, 0, 10), S::Running);
        assert_eq!(
            apply(S::Finished, E::Cancel, one),
            Err(Refusal::NotFrom {
                thing: "course",
                state: "finished",
                event: "cancel"
            })
        );
    }

    #[test]
    fn allowed_events_follow_the_table_the_facts_and_the_permissions() {
        let staff = |p: Permission| p == Permission::CoursesWrite;
        let reader = |p: Permission| p == Permission::CoursesRead;
        let no_sessions = CourseFacts {
            sessions: 0,
            enrolled: 0,
            max_places: 5,
        };
        assert_eq!(
            allowed_events(S::Draft, no_sessions, &staff),
            [E::Update, E::EditSessions, E::Cancel]
        );
        let planned = CourseFacts {
            sessions: 2,
            ..no_sessions
        };
        assert_eq!(
            allowed_events(S::Draft, planned, &staff),
            [E::Update, E::EditSessions, E::Publish, E::Cancel]
        );
        assert_eq!(
            allowed_events(S::Open, planned, &staff),
            [E::Update, E::EditSessions, E::Start, E::Cancel, E::Enrol]
        );
        assert!(allowed_events(S::Open, planned, &reader).is_empty());
        assert!(allowed_events(S::Finished, planned, &staff).is_empty());
        assert!(allowed_events(S::Cancelled, planned, &staff).is_empty());
    }

    #[test]
    fn what_each_state_accepts() {
        assert!(accepts(S::Draft, E::EditSessions) && accepts(S::Running, E::Update));
        assert!(!accepts(S::Finished, E::Update) && !accepts(S::Cancelled, E::EditSessions));
        assert!(
            accepts(S::Open, E::Enrol)
                && accepts(S::Full, E::Enrol)
                && !accepts(S::Draft, E::Enrol)
        );
        assert!(
            takes_attendance(S::Running)
                && !takes_attendance(S::Draft)
                && !takes_attendance(S::Finished)
        );
    }

    #[test]
    fn completion_is_a_share_of_sessions() {
        assert!(completes(4, 5, 80));
        assert!(!completes(3, 5, 80));
        assert!(completes(1, 1, 100));
        assert!(!completes(0, 0, 80), "no sessions, no completion");
        assert!(completes(2, 3, 66) && !completes(2, 3, 67));
    }

    #[test]
    fn below_minimum_and_offers() {
        assert!(below_minimum(S::Open, true, 2, 5));
        assert!(!below_minimum(S::Open, false, 2, 5));
        assert!(!below_minimum(S::Finished, true, 2, 5));
        assert!(offered_to(S::Open, "/r/c/u/", "/r/c/"));
        assert!(offered_to(S::Running, "/r/c/", "/r/c/u/"));
        assert!(!offered_to(S::Open, "/r/c/u/", "/r/d/"));
        assert!(!offered_to(S::Draft, "/r/c/u/", "/r/c/"));
    }
}

text_enum! {
    /// An attendance mark (code list `attendance-statuses`).
    AttendanceStatus {
        /// 出勤.
        Present = "present",
        /// 迟到 (counts as attended).
        Late = "late",
        /// 缺勤.
        Absent = "absent",
        /// 请假.
        Excused = "excused",
    }
}

impl AttendanceStatus {
    /// Whether the mark counts towards completion.
    pub fn attended(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late)
    }
}

text_enum! {
    /// A certificate's standing.
    CertificateStatus {
        /// Issued and in force.
        Valid = "valid",
        /// Withdrawn, with a reason.
        Revoked = "revoked",
    }
}

text_enum! {
    /// A course request (职工点菜).
    CourseRequestStatus {
        /// Gathering support.
        Open = "open",
        /// A course was made from it.
        Scheduled = "scheduled",
    }
}

#[cfg(test)]
mod vocabulary_tests {
    use super::*;

    #[test]
    fn late_counts_as_attended_and_the_texts_round_trip() {
        assert!(AttendanceStatus::Late.attended() && !AttendanceStatus::Excused.attended());
        for s in AttendanceStatus::ALL {
            assert_eq!(AttendanceStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            CertificateStatus::parse("revoked"),
            Some(CertificateStatus::Revoked)
        );
        assert_eq!(CourseRequestStatus::Scheduled.as_str(), "scheduled");
    }
}
