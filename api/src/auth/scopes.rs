//! Roles and permissions as data. A caller's reach is (home organisation subtree) × (permissions of its
//! role, or for an integration account the scopes granted to it).

use crate::domain::organisation::text_enum;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

text_enum! {
    /// What an account is for.
    Role {
        /// Runs the deployment within its subtree: everything, including accounts and the audit log.
        Admin = "admin",
        /// Federation staff (县/市总工会 机关干部): manage organisations and accounts below them.
        FederationStaff = "federation_staff",
        /// A grassroots union officer: keeps the union's own profile.
        UnionOfficer = "union_officer",
        /// Legal adviser or volunteer at a rights-protection point.
        LegalAdviser = "legal_adviser",
        /// A member using self-service.
        Member = "member",
        /// A third-party system, limited to the scopes granted to it.
        Integration = "integration",
    }
}

text_enum! {
    /// One thing an account may do.
    Permission {
        /// Read organisations in scope.
        OrganisationsRead = "organisations:read",
        /// Create, update, move, archive and restore organisations in scope.
        OrganisationsWrite = "organisations:write",
        /// Update (only) organisations in scope.
        OrganisationsUpdate = "organisations:update",
        /// Read accounts in scope.
        AccountsRead = "accounts:read",
        /// Create and change accounts in scope, never above one's own role.
        AccountsWrite = "accounts:write",
        /// Read the audit log of the scope.
        AuditRead = "audit:read",
        /// Read member records in scope (personal numbers masked).
        MembersRead = "members:read",
        /// Create and change member records in scope.
        MembersWrite = "members:write",
        /// See members' full ID and mobile numbers (each reveal is audited).
        MembersReveal = "members:reveal",
        /// Read hardship files in scope (sensitive: every read is audited).
        HardshipRead = "hardship:read",
        /// Register hardship files, update their facts, attach evidence, record assistance.
        HardshipWrite = "hardship:write",
        /// Approve, reject, renew and lift hardship files (never one's own application).
        HardshipReview = "hardship:review",
        /// A worker's own membership (self-service): read one's record, card, history and honours, apply
        /// to join or transfer, update one's contact details. Nothing about anyone else.
        SelfService = "self:membership",
        /// Read courses, sessions, enrolments, attendance, certificates and course requests in scope.
        CoursesRead = "courses:read",
        /// Run courses in scope: create, schedule, enrol, take attendance, finish, certify.
        CoursesWrite = "courses:write",
    }
}

impl Role {
    /// The permissions a human role carries. Integration accounts carry only what was granted.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &[
                OrganisationsRead,
                OrganisationsWrite,
                OrganisationsUpdate,
                AccountsRead,
                AccountsWrite,
                AuditRead,
                MembersRead,
                MembersWrite,
                MembersReveal,
                HardshipRead,
                HardshipWrite,
                HardshipReview,
                CoursesRead,
                CoursesWrite,
            ],
            Role::FederationStaff => &[
                OrganisationsRead,
                OrganisationsWrite,
                OrganisationsUpdate,
                AccountsRead,
                AccountsWrite,
                MembersRead,
                MembersWrite,
                MembersReveal,
                HardshipRead,
                HardshipWrite,
                HardshipReview,
                CoursesRead,
                CoursesWrite,
            ],
            Role::UnionOfficer => &[
                OrganisationsRead,
                OrganisationsUpdate,
                MembersRead,
                MembersWrite,
                MembersReveal,
                HardshipRead,
                HardshipWrite,
                CoursesRead,
                CoursesWrite,
            ],
            Role::LegalAdviser => &[OrganisationsRead, CoursesRead],
            Role::Member => &[OrganisationsRead, SelfService],
            Role::Integration => &[],
        }
    }

    /// Rank for "nobody grants a role larger than their own". Integration ranks with staff: only
    /// those who may manage accounts create one, and its scopes are checked separately.
    pub fn rank(self) -> u8 {
        match self {
            Role::Admin => 5,
            Role::FederationStaff | Role::Integration => 4,
            Role::UnionOfficer => 3,
            Role::LegalAdviser => 2,
            Role::Member => 1,
        }
    }
}

/// Parses a space- or comma-separated scope list, refusing unknown scopes.
pub fn parse_scopes(raw: &str) -> Result<Vec<Permission>, String> {
    let mut out = Vec::new();
    for s in raw.split([' ', ',']).filter(|s| !s.is_empty()) {
        let p = Permission::parse(s).ok_or_else(|| s.to_owned())?;
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

/// The stored form of a scope list.
pub fn format_scopes(scopes: &[Permission]) -> String {
    scopes
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The scope of a role or account as the API reports it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScopeList(pub Vec<Permission>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_refuse_unknown_ones() {
        assert_eq!(
            parse_scopes("organisations:read, accounts:read organisations:read"),
            Ok(vec![
                Permission::OrganisationsRead,
                Permission::AccountsRead
            ])
        );
        assert_eq!(
            parse_scopes("organisations:delete"),
            Err("organisations:delete".to_owned())
        );
    }

    #[test]
    fn only_admins_read_the_audit_log() {
        for r in Role::ALL {
            assert_eq!(
                r.permissions().contains(&Permission::AuditRead),
                *r == Role::Admin
            );
        }
    }
}
