//! HTTP plumbing shared by every area: request ids, metrics, idempotency, conditional writes, pagination.

pub mod body;
pub mod etag;
pub mod idempotency;
pub mod metrics;
pub mod pagination;
pub mod request_id;
pub mod text_guard;
pub mod upload;
