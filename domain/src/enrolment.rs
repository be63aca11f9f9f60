//! An enrolment's life cycle: enrolled or waitlisted when made (by the places left), moved up from the
//! waitlist when a place frees, and ended by the worker (withdrawn), by staff (removed) or by the course
//! being called off (cancelled). Nobody leaves a course that has begun.

use crate::access::Permission::{CoursesWrite, SelfService};
use crate::course::CourseStatus;
use crate::lifecycle::{self, Machine, Refusal, Transition};

text_enum! {
    /// Where an enrolment stands.
    EnrolmentStatus {
        /// Has a place.
        Enrolled = "enrolled",
        /// Waiting for a place, in arrival order.
        Waitlisted = "waitlisted",
        /// The worker withdrew.
        Withdrawn = "withdrawn",
        /// Staff took the worker off the course.
        Removed = "removed",
        /// The course was called off.
        Cancelled = "cancelled",
    }
}

text_enum! {
    /// What may happen to an enrolment (its `allowed_actions`).
    EnrolmentEvent {
        /// A place freed and the first on the waitlist moves up (done by the system).
        Promote = "promote",
        /// The worker withdraws themselves (self-service).
        Withdraw = "withdraw",
        /// Staff take the worker off the course.
        Remove = "remove",
        /// The course was called off (done by the system).
        CourseCancelled = "course_cancelled",
    }
}

use EnrolmentEvent as E;
use EnrolmentStatus as S;

/// The enrolment life cycle.
pub struct EnrolmentLife;

impl Machine for EnrolmentLife {
    type State = EnrolmentStatus;
    type Event = EnrolmentEvent;
    const THING: &'static str = "enrolment";
    #[rustfmt::skip]
    const TABLE: &'static [Transition<S, E>] = &[
        Transition { from: &[S::Waitlisted], event: E::Promote, to: S::Enrolled, needs: CoursesWrite },
        Transition { from: &[S::Enrolled, S::Waitlisted], event: E::Withdraw, to: S::Withdrawn, needs: SelfService },
        Transition { from: &[S::Enrolled, S::Waitlisted], event: E::Remove, to: S::Removed, needs: CoursesWrite },
        Transition { from: &[S::Enrolled, S::Waitlisted], event: E::CourseCancelled, to: S::Cancelled, needs: CoursesWrite },
    ];
}

/// What leaving depends on: the course's state and whether its first session has begun.
#[derive(Debug, Clone, Copy)]
pub struct EnrolmentFacts {
    /// The course's state.
    pub course: CourseStatus,
    /// Its first session has begun.
    pub started: bool,
}

/// The state after `event`, or why not. Nobody withdraws or is removed once the course has begun.
pub fn apply(
    state: EnrolmentStatus,
    event: EnrolmentEvent,
    facts: EnrolmentFacts,
) -> Result<EnrolmentStatus, Refusal> {
    let to = lifecycle::next::<EnrolmentLife>(state, event)?;
    let begun =
        matches!(facts.course, CourseStatus::Running | CourseStatus::Finished) || facts.started;
    match event {
        E::Withdraw | E::Remove if begun => Err(Refusal::Condition(
            "the course has begun: attendance and completion are kept as they stand".to_owned(),
        )),
        E::Promote if !crate::course::fills_from_waitlist(facts.course) => Err(Refusal::Condition(
            format!("nobody moves up on a {} course", facts.course),
        )),
        _ => Ok(to),
    }
}

/// What a caller holding the permissions `may` accepts can do to the enrolment now (never the system's
/// own steps).
pub fn allowed_events(
    state: EnrolmentStatus,
    facts: EnrolmentFacts,
    may: &dyn Fn(crate::access::Permission) -> bool,
) -> Vec<EnrolmentEvent> {
    lifecycle::events_from::<EnrolmentLife>(state, may)
        .into_iter()
        .filter(|e| matches!(e, E::Withdraw | E::Remove))
        .filter(|e| apply(state, *e, facts).is_ok())
        .collect()
}

/// A new enrolment's state: a place when one is left, else the waitlist. Only open and full courses take
/// enrolments.
pub fn on_enrol(
    course: CourseStatus,
    enrolled: i32,
    max_places: i32,
) -> Result<EnrolmentStatus, Refusal> {
    if !matches!(course, CourseStatus::Open | CourseStatus::Full) {
        return Err(Refusal::Condition(format!(
            "enrolment is open only while a course is open or full; this course is {course}"
        )));
    }
    Ok(if enrolled < max_places {
        S::Enrolled
    } else {
        S::Waitlisted
    })
}

/// Whether the enrolment still holds or waits for a place.
pub fn is_live(state: EnrolmentStatus) -> bool {
    matches!(state, S::Enrolled | S::Waitlisted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Permission;

    #[test]
    fn the_whole_table() {
        assert_eq!(
            lifecycle::table_text::<EnrolmentLife>(),
            [
                "enrolled -withdraw-> withdrawn",
                "enrolled -remove-> removed",
                "enrolled -course_cancelled-> cancelled",
                "waitlisted -promote-> enrolled",
                "waitlisted -withdraw-> withdrawn",
                "waitlisted -remove-> removed",
                "waitlisted -course_cancelled-> cancelled",
            ]
        );
        assert_eq!(lifecycle::refused_pairs::<EnrolmentLife>(), 5 * 4 - 7);
    }

    #[test]
    fn nobody_leaves_a_course_that_has_begun() {
        let open = EnrolmentFacts {
            course: CourseStatus::Open,
            started: false,
        };
        let begun = EnrolmentFacts {
            course: CourseStatus::Open,
            started: true,
        };
        let running = EnrolmentFacts {
            course: CourseStatus::Running,
            started: true,
        };
        assert_eq!(apply(S::Enrolled, E::Withdraw, open), Ok(S::Withdrawn));
        assert!(apply(S::Enrolled, E::Withdraw, begun).is_err());
        assert!(apply(S::Waitlisted, E::Remove, running).is_err());
        assert!(apply(S::Withdrawn, E::Withdraw, open).is_err());
        assert!(apply(S::Waitlisted, E::Promote, running).is_err());
        assert_eq!(apply(S::Waitlisted, E::Promote, open), Ok(S::Enrolled));
    }

    #[test]
    fn staff_remove_and_workers_withdraw() {
        let open = EnrolmentFacts {
            course: CourseStatus::Full,
            started: false,
        };
        let staff = |p: Permission| p == Permission::CoursesWrite;
        let worker = |p: Permission| p == Permission::SelfService;
        assert_eq!(allowed_events(S::Enrolled, open, &staff), [E::Remove]);
        assert_eq!(allowed_events(S::Waitlisted, open, &worker), [E::Withdraw]);
        assert!(allowed_events(S::Removed, open, &staff).is_empty());
    }

    #[test]
    fn a_new_enrolment_takes_a_place_or_waits() {
        assert_eq!(on_enrol(CourseStatus::Open, 3, 4), Ok(S::Enrolled));
        assert_eq!(on_enrol(CourseStatus::Full, 4, 4), Ok(S::Waitlisted));
        assert!(on_enrol(CourseStatus::Draft, 0, 4).is_err());
        assert!(on_enrol(CourseStatus::Running, 0, 4).is_err());
    }
}
