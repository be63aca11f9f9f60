//! Errors as `application/problem+json` (RFC 9457) with a stable snake_case `code`.
//!
//! Every failure a client can see goes through [`ApiError`]: handlers, extractors (JSON, path, query),
//! the auth layer and the fallback for unknown routes. Internal errors are logged once, with the
//! request id, and answered opaquely.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// The stable machine-readable error codes. The web app translates each as `errors.<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed in a way no other code describes.
    BadRequest,
    /// The body is not valid JSON or does not have the expected shape.
    MalformedJson,
    /// One or more fields failed validation; see `errors`.
    ValidationFailed,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// The body is larger than the configured limit.
    PayloadTooLarge,
    /// A path or query parameter is malformed.
    InvalidParameter,
    /// No such resource, or it is outside the caller's scope.
    NotFound,
    /// The route exists but not with this method.
    MethodNotAllowed,
    /// No valid access token.
    Unauthorized,
    /// Wrong username or password (the same answer for an unknown user).
    InvalidCredentials,
    /// The refresh token is unknown, expired, revoked or was already used.
    InvalidRefreshToken,
    /// The caller's role or scopes do not allow this action.
    Forbidden,
    /// Too many attempts; retry after `Retry-After` seconds.
    TooManyRequests,
    /// The resource changed since the caller read it (`If-Match` is stale).
    PreconditionFailed,
    /// The write needs an `If-Match` header.
    PreconditionRequired,
    /// The request conflicts with the current state.
    Conflict,
    /// The username is already taken.
    UsernameTaken,
    /// The `Idempotency-Key` was used before with a different request.
    IdempotencyKeyReused,
    /// A request with this `Idempotency-Key` is still being processed.
    IdempotencyRequestInProgress,
    /// The organisation still has active children; archive them first.
    OrganisationHasActiveChildren,
    /// An organisation cannot move under itself or one of its descendants.
    OrganisationMoveIntoDescendant,
    /// This kind of organisation may not sit under that kind of parent.
    OrganisationKindNotAllowed,
    /// The parent organisation is archived.
    OrganisationParentArchived,
    /// The root organisation cannot be moved or archived.
    OrganisationIsRoot,
    /// This person (by resident ID number) is already in the member registry.
    MemberExists,
    /// The member's status does not allow this (a transfer of a member who left, a restore of an active one).
    MemberStatusNotAllowed,
    /// The person already has an open join or transfer request.
    MembershipRequestOpen,
    /// The request is not in a state for this step (approve before release, decide twice).
    MembershipRequestNotActionable,
    /// Some rows of the import have errors, so it cannot be committed all-or-nothing.
    MemberImportHasErrors,
    /// The import was committed already.
    MemberImportCommitted,
    /// The member already has an applied or approved hardship file.
    HardshipFileOpen,
    /// The hardship file is not in a state for this step (approve a lifted file, assist before approval).
    HardshipFileNotActionable,
    /// Nobody reviews a hardship file they registered themselves (four eyes).
    HardshipSelfReview,
    /// The course is not in a state for this step (publish without sessions, enrol on a finished course).
    CourseNotActionable,
    /// The person may not enrol on this course (not a member of its unions, not a migrant worker).
    CourseNotEligible,
    /// Enrolment has not opened yet or has closed.
    EnrolmentClosed,
    /// The person is already enrolled or waitlisted on this course.
    EnrolmentExists,
    /// The course has started: enrolments can no longer be withdrawn.
    CourseStarted,
    /// An open request for the same topic exists: support it instead.
    CourseRequestExists,
    /// You support this request already.
    CourseRequestSupported,
    /// The account serves no member record yet (self-service before joining or linking).
    MemberNotLinked,
    /// The database is unreachable.
    ServiceUnavailable,
    /// An unexpected error; the request id identifies it in the logs.
    Internal,
}

impl ErrorCode {
    /// The snake_case string, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::InvalidRefreshToken => "invalid_refresh_token",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::PreconditionFailed => "precondition_failed",
            ErrorCode::PreconditionRequired => "precondition_required",
            ErrorCode::Conflict => "conflict",
            ErrorCode::UsernameTaken => "username_taken",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::IdempotencyRequestInProgress => "idempotency_request_in_progress",
            ErrorCode::OrganisationHasActiveChildren => "organisation_has_active_children",
            ErrorCode::OrganisationMoveIntoDescendant => "organisation_move_into_descendant",
            ErrorCode::OrganisationKindNotAllowed => "organisation_kind_not_allowed",
            ErrorCode::OrganisationParentArchived => "organisation_parent_archived",
            ErrorCode::OrganisationIsRoot => "organisation_is_root",
            ErrorCode::MemberExists => "member_exists",
            ErrorCode::MemberStatusNotAllowed => "member_status_not_allowed",
            ErrorCode::MembershipRequestOpen => "membership_request_open",
            ErrorCode::MembershipRequestNotActionable => "membership_request_not_actionable",
            ErrorCode::MemberImportHasErrors => "member_import_has_errors",
            ErrorCode::MemberImportCommitted => "member_import_committed",
            ErrorCode::HardshipFileOpen => "hardship_file_open",
            ErrorCode::HardshipFileNotActionable => "hardship_file_not_actionable",
            ErrorCode::HardshipSelfReview => "hardship_self_review",
            ErrorCode::MemberNotLinked => "member_not_linked",
            ErrorCode::CourseNotActionable => "course_not_actionable",
            ErrorCode::CourseNotEligible => "course_not_eligible",
            ErrorCode::EnrolmentClosed => "enrolment_closed",
            ErrorCode::EnrolmentExists => "enrolment_exists",
            ErrorCode::CourseStarted => "course_started",
            ErrorCode::CourseRequestExists => "course_request_exists",
            ErrorCode::CourseRequestSupported => "course_request_supported",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
        }
    }

    fn title(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "Bad request",
            ErrorCode::MalformedJson => "Malformed JSON body",
            ErrorCode::ValidationFailed => "Validation failed",
            ErrorCode::UnsupportedMediaType => "Unsupported media type",
            ErrorCode::PayloadTooLarge => "Payload too large",
            ErrorCode::InvalidParameter => "Invalid parameter",
            ErrorCode::NotFound => "Not found",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::Unauthorized => "Unauthorized",
            ErrorCode::InvalidCredentials => "Invalid credentials",
            ErrorCode::InvalidRefreshToken => "Invalid refresh token",
            ErrorCode::Forbidden => "Forbidden",
            ErrorCode::TooManyRequests => "Too many requests",
            ErrorCode::PreconditionFailed => "Precondition failed",
            ErrorCode::PreconditionRequired => "Precondition required",
            ErrorCode::Conflict => "Conflict",
            ErrorCode::UsernameTaken => "Username taken",
            ErrorCode::IdempotencyKeyReused => "Idempotency key reused",
            ErrorCode::IdempotencyRequestInProgress => "Idempotent request in progress",
            ErrorCode::OrganisationHasActiveChildren => "Organisation has active children",
            ErrorCode::OrganisationMoveIntoDescendant => "Cannot move into own subtree",
            ErrorCode::OrganisationKindNotAllowed => "Kind not allowed here",
            ErrorCode::OrganisationParentArchived => "Parent is archived",
            ErrorCode::OrganisationIsRoot => "Root organisation",
            ErrorCode::MemberExists => "Already a member",
            ErrorCode::MemberStatusNotAllowed => "Not allowed in this membership status",
            ErrorCode::MembershipRequestOpen => "A request is already open",
            ErrorCode::MembershipRequestNotActionable => "Not possible in the request's state",
            ErrorCode::MemberImportHasErrors => "Import has rows with errors",
            ErrorCode::MemberImportCommitted => "Import already committed",
            ErrorCode::HardshipFileOpen => "An open hardship file exists",
            ErrorCode::HardshipFileNotActionable => "Not possible in the file's state",
            ErrorCode::HardshipSelfReview => "Cannot review own application",
            ErrorCode::MemberNotLinked => "Not linked to a member",
            ErrorCode::CourseNotActionable => "Not possible in the course's state",
            ErrorCode::CourseNotEligible => "Not eligible for this course",
            ErrorCode::EnrolmentClosed => "Enrolment is closed",
            ErrorCode::EnrolmentExists => "Already enrolled",
            ErrorCode::CourseStarted => "The course has started",
            ErrorCode::CourseRequestExists => "A matching request exists",
            ErrorCode::CourseRequestSupported => "Already supported",
            ErrorCode::ServiceUnavailable => "Service unavailable",
            ErrorCode::Internal => "Internal error",
        }
    }
}

/// One field's validation failure.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// The JSON field name (dotted for nested fields).
    pub field: String,
    /// `required`, `too_long`, `too_short`, `invalid_format`, `invalid_checksum`, `invalid_value`,
    /// `out_of_range`, `unknown_field`, `not_found` or `not_allowed`.
    pub code: String,
    /// A human-readable explanation in English.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// The problem+json body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// The request's id, as in the `X-Request-Id` header and the logs.
    pub request_id: String,
    /// Per-field errors (422 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

/// An error the API answers with.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code.
    pub code: ErrorCode,
    /// Detail for this occurrence.
    pub detail: String,
    /// Field errors for 422.
    pub errors: Option<Vec<FieldError>>,
    /// Seconds for `Retry-After` (429).
    pub retry_after: Option<u64>,
    /// The underlying cause of an internal error: logged, never sent.
    pub source: Option<String>,
}

/// Result alias for handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with a status, a code and a detail.
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            detail: detail.into(),
            errors: None,
            retry_after: None,
            source: None,
        }
    }
    /// 400 bad request.
    pub fn bad_request(code: ErrorCode, detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, detail)
    }
    /// 404: absent or outside the caller's scope (the two are indistinguishable by design).
    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            format!("{what} not found"),
        )
    }
    /// 401.
    pub fn unauthorized(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, detail)
    }
    /// 403.
    pub fn forbidden(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, detail)
    }
    /// 412: the `resource` changed since the client read it (its `If-Match` names an older version), or
    /// while this request ran (a version-guarded update matched no row). The one answer for every
    /// resource, naming it, so a client knows which thing to read again.
    pub fn changed(resource: &str, now: Option<i32>) -> ApiError {
        let now = now
            .map(|v| format!(" (now {})", crate::http::etag::etag(v)))
            .unwrap_or_default();
        ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            ErrorCode::PreconditionFailed,
            format!("the {resource} has changed{now}; read it again and retry"),
        )
    }
    /// A step of a life cycle the domain refused: 409 with the area's `*_not_actionable` code, or 403
    /// (`forbidden_code`) when the caller may not take this step on this thing.
    pub fn refused(
        refusal: crate::domain::lifecycle::Refusal,
        not_actionable: ErrorCode,
        forbidden_code: ErrorCode,
    ) -> ApiError {
        use crate::domain::lifecycle::Refusal;
        match refusal {
            Refusal::NotYours(m) => ApiError::new(StatusCode::FORBIDDEN, forbidden_code, m),
            other => ApiError::conflict(not_actionable, other.to_string()),
        }
    }
    /// 409 with a specific code.
    pub fn conflict(code: ErrorCode, detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, detail)
    }
    /// 422 listing each field's failure.
    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        let detail = format!("invalid fields: {}", fields.join(", "));
        ApiError {
            errors: Some(errors),
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                detail,
            )
        }
    }
    /// 422 for one field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> ApiError {
        ApiError::validation(vec![FieldError::new(field, code, message)])
    }
    /// 500, with the cause kept for the log.
    pub fn internal(source: impl std::fmt::Display) -> ApiError {
        ApiError {
            source: Some(source.to_string()),
            ..ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "an unexpected error occurred",
            )
        }
    }

    /// The problem body for a request id.
    pub fn to_problem(&self, request_id: &str) -> Problem {
        Problem {
            type_: format!(
                "https://gonghui.dev/problems/{}",
                self.code.as_str().replace('_', "-")
            ),
            title: self.code.title().to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code,
            request_id: request_id.to_owned(),
            errors: self.errors.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code.as_str(),
            self.detail
        )
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let request_id = crate::http::request_id::current();
        if let Some(source) = &self.source {
            tracing::error!(error.cause = %source, error.code = self.code.as_str(), "request failed");
        }
        let mut builder = HttpResponse::build(self.status);
        builder.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if self.status == StatusCode::UNAUTHORIZED {
            builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let Some(secs) = self.retry_after {
            builder.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        builder.json(self.to_problem(&request_id))
    }
}

/// Whether a database error means the database went away (a restart, a dropped connection, a full
/// SQLite lock wait) rather than a bug: such a request is answered 503 with `Retry-After`, not 500.
pub fn database_unavailable(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => true,
        Error::DatabaseError(_, info) => unavailable_message(info.message()),
        Error::BrokenTransactionManager => true,
        _ => unavailable_message(&e.to_string()),
    }
}

fn unavailable_message(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "connection to server",
        "could not connect",
        "could not receive data",
        "could not send data",
        "connection refused",
        "connection reset",
        "broken pipe",
        "ssl connection has been closed",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
        "cannot connect now",
        "database is locked",
        "unable to open database file",
        "disk i/o error",
    ]
    .iter()
    .any(|needle| m.contains(needle))
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> ApiError {
        match e {
            diesel::result::Error::NotFound => ApiError::not_found("resource"),
            ref other if database_unavailable(other) => ApiError::unavailable(other),
            other => ApiError::internal(other),
        }
    }
}

impl ApiError {
    /// Names field errors as inside an object of the body (`id_number` → `member.id_number`).
    pub fn nested(mut self, prefix: &str) -> ApiError {
        if let Some(errors) = self.errors.as_mut() {
            for e in errors.iter_mut() {
                e.field = format!("{prefix}.{}", e.field);
            }
            if self.detail.starts_with("invalid fields: ") {
                let names: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                self.detail = format!("invalid fields: {}", names.join(", "));
            }
        }
        self
    }

    /// 503: the database cannot be reached; clients retry after a few seconds.
    pub fn unavailable(source: impl std::fmt::Display) -> ApiError {
        ApiError {
            source: Some(source.to_string()),
            retry_after: Some(5),
            ..ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::ServiceUnavailable,
                "the database is unavailable",
            )
        }
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(e: r2d2::Error) -> ApiError {
        ApiError::unavailable(e)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> ApiError {
        ApiError::internal(e)
    }
}

/// Collects field errors while validating a body, then fails once with all of them.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    /// A new, empty collector.
    pub fn new() -> Validator {
        Validator::default()
    }
    /// Records a failure.
    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }
    /// Records the failure of a parse, passing the value through.
    pub fn check<T>(
        &mut self,
        field: &str,
        result: Result<T, crate::domain::Invalid>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.code, e.message);
                None
            }
        }
    }
    /// A required, trimmed text of at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        self.check(field, crate::domain::text(value, max))
    }
    /// An optional trimmed text: blank becomes `None`.
    pub fn opt_text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        self.text(field, v, max)
    }
    /// Adds `invalid_value` on `field` unless `value` is a code of `list`; returns whether it is.
    pub fn code(
        &mut self,
        field: &str,
        list: &crate::domain::code_lists::CodeList,
        value: &str,
    ) -> bool {
        let ok = list.contains(value);
        if !ok {
            self.add(
                field,
                "invalid_value",
                format!("'{value}' is not in the code list {}", list.name),
            );
        }
        ok
    }
    /// Ok when nothing failed, else the 422.
    pub fn finish(self) -> ApiResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self.errors))
        }
    }
}

#[cfg(test)]
mod unavailable_tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    struct Info(&'static str);
    impl diesel::result::DatabaseErrorInformation for Info {
        fn message(&self) -> &str {
            self.0
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            None
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            None
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    fn db(kind: DatabaseErrorKind, message: &'static str) -> ApiError {
        ApiError::from(Error::DatabaseError(kind, Box::new(Info(message))))
    }

    #[test]
    fn a_lost_database_is_a_503_with_retry_after_and_a_bug_stays_a_500() {
        for (kind, message) in [
            (DatabaseErrorKind::ClosedConnection, "connection closed"),
            (
                DatabaseErrorKind::Unknown,
                "terminating connection due to administrator command",
            ),
            (
                DatabaseErrorKind::Unknown,
                "server closed the connection unexpectedly",
            ),
            (
                DatabaseErrorKind::Unknown,
                "the database system is shutting down",
            ),
            (DatabaseErrorKind::Unknown, "database is locked"),
        ] {
            let e = db(kind, message);
            assert_eq!(
                (e.status.as_u16(), e.retry_after),
                (503, Some(5)),
                "{message}"
            );
        }
        let bug = db(DatabaseErrorKind::Unknown, "column \"nme\" does not exist");
        assert_eq!(bug.status.as_u16(), 500);
        let unique = db(
            DatabaseErrorKind::UniqueViolation,
            "duplicate key value violates unique constraint",
        );
        assert_eq!(unique.status.as_u16(), 500);
    }
}
