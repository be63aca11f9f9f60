//! Whether what a path names is within the caller's reach, asked before anything about the request is
//! judged: a write whose body is wrong, whose `If-Match` is missing or whose fields fail validation
//! answers 404 for something outside the caller's reach, exactly as for something that does not exist.
//! Handlers that check their target inside their transaction anyway (the same query again, under the
//! transaction's lock) call one of these first. Each answers the same 404 as the handler's own lookup.

use crate::auth::AuthUser;
use crate::db::models::{
    accounts, courses, hardship_files, member_imports, members, membership_requests, organisations,
};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// 404 `<what> not found` unless `found` says the target is there for this caller.
async fn ensure<F>(state: &AppState, what: &'static str, found: F) -> ApiResult<()>
where
    F: FnOnce(&mut DbConn) -> diesel::QueryResult<bool> + Send + 'static,
{
    if state.read(move |c| Ok(found(c)?)).await? {
        Ok(())
    } else {
        Err(ApiError::not_found(what))
    }
}

/// An account in the caller's subtree.
pub async fn account(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "account", move |c| {
        Ok(accounts::find_in_scope(c, &id, &scope)?.is_some())
    })
    .await
}

/// An organisation in the caller's subtree.
pub async fn organisation(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "organisation", move |c| {
        Ok(organisations::find_in_scope(c, &id, &scope)?.is_some())
    })
    .await
}

/// A member of a union in the caller's subtree.
pub async fn member(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "member", move |c| {
        Ok(members::find_in_scope(c, &id, &scope)?.is_some())
    })
    .await
}

/// A hardship file of a member in the caller's subtree.
pub async fn hardship_file(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "hardship file", move |c| {
        Ok(hardship_files::find_in_scope(c, &id, &scope)?.is_some())
    })
    .await
}

/// A member import into a union in the caller's subtree.
pub async fn member_import(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "import", move |c| {
        Ok(member_imports::find_in_scope(c, &id, &scope)?.is_some())
    })
    .await
}

/// A join or transfer request either side of which lies in the caller's subtree.
pub async fn membership_request(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "request", move |c| {
        Ok(membership_requests::find_visible(c, &id, &scope)?.is_some())
    })
    .await
}

/// A course owned in the caller's subtree (staff).
pub async fn course(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "course", move |c| {
        Ok(courses::find_in_scope(c, &id, &scope)?.is_some())
    })
    .await
}

/// A session and an enrolment of a course owned in the caller's subtree (an attendance mark), in one read.
pub async fn session_enrolment(
    state: &AppState,
    user: &AuthUser,
    id: &str,
    session_id: &str,
    enrolment_id: &str,
) -> ApiResult<()> {
    let (id, sid, eid, scope) = (
        id.to_owned(),
        session_id.to_owned(),
        enrolment_id.to_owned(),
        user.scope(),
    );
    let missing = state
        .read(move |c| {
            Ok(if courses::find_in_scope(c, &id, &scope)?.is_none() {
                Some("course")
            } else if courses::find_session(c, &id, &sid)?.is_none() {
                Some("session")
            } else if courses::find_enrolment(c, &id, &eid)?.is_none() {
                Some("enrolment")
            } else {
                None
            })
        })
        .await?;
    match missing {
        Some(what) => Err(ApiError::not_found(what)),
        None => Ok(()),
    }
}

/// A course a worker reaches in self-service: not a draft, owned by their union or a federation above
/// it (or below, for staff homes), or one they are on.
pub async fn worker_course(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, home, me, own_member) = (
        id.to_owned(),
        user.org_path.clone(),
        user.id.clone(),
        user.member_id.clone(),
    );
    ensure(state, "course", move |c| {
        let Some((course, _, owner_path)) = courses::find_with_org(c, &id)? else {
            return Ok(false);
        };
        Ok(
            crate::domain::course::offered_to(course.status, &home, &owner_path)
                || !courses::own_enrolments(c, &course.id, &me, own_member.as_deref())?.is_empty(),
        )
    })
    .await
}

/// A certificate (by its normalised code) of a course owned in the caller's subtree.
pub async fn certificate(state: &AppState, user: &AuthUser, code: &str) -> ApiResult<()> {
    let (code, scope) = (code.to_owned(), user.scope());
    ensure(state, "certificate", move |c| {
        Ok(courses::certificate_by_code(c, &code)?
            .is_some_and(|(_, _, _, path)| path >= scope.0 && path < scope.1))
    })
    .await
}

/// A course request addressed within the caller's subtree.
pub async fn course_request(state: &AppState, user: &AuthUser, id: &str) -> ApiResult<()> {
    let (id, scope) = (id.to_owned(), user.scope());
    ensure(state, "course request", move |c| {
        Ok(courses::find_request(c, &id)?
            .is_some_and(|(_, path)| path >= scope.0 && path < scope.1))
    })
    .await
}
