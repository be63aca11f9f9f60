//! The JSON shapes of the API, one module per area: what handlers answer and accept, mapped from the
//! models' rows. Route modules share these (and the services) instead of importing each other.

pub mod certificates;
pub mod courses;
pub mod enrolments;
pub mod hardship_files;
pub mod honours;
pub mod members;
pub mod membership_requests;
pub mod organisations;

pub use organisations::rfc3339;
