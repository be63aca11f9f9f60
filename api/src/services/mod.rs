//! Use cases that span models: each loads what it needs in the caller's scope, asks the domain crate,
//! writes with version guards, records history and a typed audit entry, and reads back, inside the one
//! transaction its handler opened. Handlers translate HTTP to these calls and back; route modules never
//! import each other, they import services and views.
//!
//! Where a rule goes:
//! - a rule about values or states (what a course may do when full, who decides a hardship file) is
//!   domain code (`domain/src/<area>.rs`), pure and unit-tested;
//! - a use case that loads, decides and stores (publish a course, approve a transfer) is a service here;
//! - a query is a model function (`api/src/db/models/<area>.rs`);
//! - what the client sends and gets is a view (`api/src/views/<area>.rs`); parsing the request and
//!   shaping the response is the handler (`api/src/routes/<area>/<action>.rs`).

pub mod accounts;
pub mod courses;
pub mod hardship_files;
pub mod members;
pub mod membership_requests;
pub mod organisations;
pub mod transition;
