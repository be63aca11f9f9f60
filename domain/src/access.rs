//! Roles and permissions as data. A caller's reach is (home organisation subtree) × (permissions of its
//! role, or for an integration account the scopes granted to it).

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

impl Permission {
    /// The scopes an integration (a third-party system) may hold at all: reading and keeping in step
    /// organisations, members and courses. Never `accounts:*` (a system never creates or changes people's
    /// accounts or grants roles), never `audit:read`, `members:reveal` or `hardship:*` (full personal
    /// numbers and hardship details stay with people who answer for them), never `self:membership`.
    pub const INTEGRATION_GRANTABLE: &'static [Permission] = &[
        Permission::OrganisationsRead,
        Permission::OrganisationsWrite,
        Permission::OrganisationsUpdate,
        Permission::MembersRead,
        Permission::MembersWrite,
        Permission::CoursesRead,
        Permission::CoursesWrite,
    ];

    /// Whether an integration may hold this scope.
    pub fn grantable_to_integration(self) -> bool {
        Permission::INTEGRATION_GRANTABLE.contains(&self)
    }
}

/// Whether an account of role `caller` at home `caller_path` may create or change an account of role
/// `target` at home `target_path` (both materialized paths, the target already known to be in the
/// caller's subtree). Only people holding `accounts:write` manage accounts, and never one that could take
/// them over: an account ranked below their own, or of their own rank only at a home strictly below
/// theirs (a city federation's staff manage a county's staff; colleagues at one federation do not reset
/// each other's passwords). Integrations are managed by admins and federation staff in scope.
pub fn may_manage(caller: Role, caller_path: &str, target: Role, target_path: &str) -> bool {
    if !caller.permissions().contains(&Permission::AccountsWrite) {
        return false;
    }
    let strictly_below =
        target_path.len() > caller_path.len() && target_path.starts_with(caller_path);
    match target {
        Role::Integration => true,
        _ if target.rank() < caller.rank() => true,
        _ => target.rank() == caller.rank() && strictly_below,
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
    fn integrations_may_hold_only_data_scopes() {
        for p in Permission::ALL {
            let sensitive = p.as_str().starts_with("accounts:")
                || p.as_str().starts_with("hardship:")
                || matches!(
                    p,
                    Permission::AuditRead | Permission::MembersReveal | Permission::SelfService
                );
            assert_eq!(p.grantable_to_integration(), !sensitive, "{}", p.as_str());
        }
    }

    #[test]
    fn who_manages_whom_for_every_pair_of_roles() {
        let (home, below, same) = ("/a/", "/a/b/", "/a/");
        for caller in Role::ALL {
            for target in Role::ALL {
                let manages = caller.permissions().contains(&Permission::AccountsWrite);
                let expected_below = manages;
                let expected_same =
                    manages && (*target == Role::Integration || target.rank() < caller.rank());
                assert_eq!(
                    may_manage(*caller, home, *target, below),
                    expected_below
                        && (target.rank() <= caller.rank() || *target == Role::Integration),
                    "{} over {} below",
                    caller.as_str(),
                    target.as_str()
                );
                assert_eq!(
                    may_manage(*caller, home, *target, same),
                    expected_same,
                    "{} over {} at the same home",
                    caller.as_str(),
                    target.as_str()
                );
            }
        }
        // Spelled out: staff never manage an admin, nor a colleague at their own federation.
        assert!(!may_manage(Role::FederationStaff, home, Role::Admin, below));
        assert!(!may_manage(
            Role::FederationStaff,
            home,
            Role::FederationStaff,
            same
        ));
        assert!(may_manage(
            Role::FederationStaff,
            home,
            Role::FederationStaff,
            below
        ));
        assert!(!may_manage(Role::Integration, home, Role::Member, below));
        assert!(!may_manage(Role::UnionOfficer, home, Role::Member, below));
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
