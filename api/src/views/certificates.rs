//! What the certificates endpoints send and receive (JSON shapes, their mapping from rows and the checks of
//! their fields). Shared by every handler that shows these things; see `routes/certificates/` for the endpoints.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::courses::CertificateRow;
use crate::views::rfc3339;

/// A certificate.
#[derive(Debug, Serialize, ToSchema)]
pub struct Certificate {
    /// Id.
    pub id: String,
    /// The code printed on it, `GHC-XXXX-XXXX-XXXX`.
    pub code: String,
    /// The course.
    pub course_id: String,
    /// The enrolment it completes.
    pub enrolment_id: String,
    /// The holder's full name.
    pub holder_name: String,
    /// Issued on.
    pub issued_on: NaiveDate,
    /// `valid` or `revoked`.
    #[schema(value_type = crate::domain::course::CertificateStatus)]
    pub status: String,
    /// Why it was revoked.
    pub revoked_reason: Option<String>,
    /// When (UTC).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<String>,
}

impl From<CertificateRow> for Certificate {
    fn from(r: CertificateRow) -> Certificate {
        Certificate {
            id: r.id,
            code: r.code,
            course_id: r.course_id,
            enrolment_id: r.enrolment_id,
            holder_name: r.holder_name,
            issued_on: r.issued_on,
            status: r.status,
            revoked_reason: r.revoked_reason,
            revoked_at: r.revoked_at.map(rfc3339),
        }
    }
}

/// A name for strangers: the first and last characters kept, the middle masked (张*, 张*丰, 欧**娜).
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 | 1 => chars.iter().collect(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_keep_only_their_ends() {
        use super::mask_name;
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张三丰"), "张*丰");
        assert_eq!(mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(mask_name("李"), "李");
    }
}
