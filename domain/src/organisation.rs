//! The organisation tree's vocabulary and its placement rules.

text_enum! {
    /// What an organisation is: a federation level, a grassroots union, or a service point.
    OrgKind {
        /// 全国总工会.
        NationalFederation = "national_federation",
        /// 省总工会.
        ProvincialFederation = "provincial_federation",
        /// 市（州）总工会.
        CityFederation = "city_federation",
        /// 县（区、市）总工会.
        CountyFederation = "county_federation",
        /// 乡镇（街道）工会.
        TownshipUnion = "township_union",
        /// 企业工会.
        EnterpriseUnion = "enterprise_union",
        /// 事业单位工会.
        InstitutionUnion = "institution_union",
        /// 机关工会.
        OrganUnion = "organ_union",
        /// 村（社区）工会.
        CommunityUnion = "community_union",
        /// 区域性工会联合会.
        RegionalUnion = "regional_union",
        /// 行业性工会联合会.
        IndustryUnion = "industry_union",
        /// 联合工会.
        JointUnion = "joint_union",
        /// 维权工作点.
        RightsPoint = "rights_point",
        /// 农民工法律服务站 (also in other cities).
        LegalStation = "legal_station",
    }
}

text_enum! {
    /// The employer's ownership.
    Ownership {
        /// 国有.
        StateOwned = "state_owned",
        /// 集体.
        Collective = "collective",
        /// 非公有制.
        NonPublic = "non_public",
    }
}

text_enum! {
    /// Whether an organisation is in use. Organisations are archived, never deleted.
    OrgStatus {
        /// In use.
        Active = "active",
        /// Archived: kept for history, hidden from default lists.
        Archived = "archived",
    }
}

impl OrgKind {
    /// Grassroots unions: the unions members belong to.
    pub fn is_grassroots(self) -> bool {
        matches!(
            self,
            OrgKind::EnterpriseUnion
                | OrgKind::InstitutionUnion
                | OrgKind::OrganUnion
                | OrgKind::CommunityUnion
                | OrgKind::RegionalUnion
                | OrgKind::IndustryUnion
                | OrgKind::JointUnion
        )
    }

    /// Unions that members belong to: grassroots unions and township unions (which take in workers of
    /// employers too small for a union of their own).
    pub fn holds_members(self) -> bool {
        self.is_grassroots() || self == OrgKind::TownshipUnion
    }

    /// The kinds a parent of this kind may have. Federations sit under the level above (a county may report
    /// straight to a province, as province-administered counties do); grassroots unions under any
    /// federation, a township, or a regional/industry/joint union that gathers small employers; service points
    /// under the federation or township that runs them.
    pub fn allowed_parents(self) -> &'static [OrgKind] {
        use OrgKind::*;
        match self {
            NationalFederation => &[],
            ProvincialFederation => &[NationalFederation],
            CityFederation => &[ProvincialFederation],
            CountyFederation => &[CityFederation, ProvincialFederation],
            TownshipUnion => &[CountyFederation, CityFederation],
            EnterpriseUnion | InstitutionUnion | OrganUnion | CommunityUnion | JointUnion => &[
                TownshipUnion,
                CountyFederation,
                CityFederation,
                ProvincialFederation,
                RegionalUnion,
                IndustryUnion,
                JointUnion,
            ],
            RegionalUnion | IndustryUnion => &[
                TownshipUnion,
                CountyFederation,
                CityFederation,
                ProvincialFederation,
            ],
            RightsPoint => &[TownshipUnion, CountyFederation, CityFederation],
            LegalStation => &[CountyFederation, CityFederation],
        }
    }

    /// May an organisation of this kind sit under one of `parent`?
    pub fn may_sit_under(self, parent: OrgKind) -> bool {
        self.allowed_parents().contains(&parent)
    }
}

/// The path prefix range that selects a subtree: every path `p` with `lower <= p < upper`.
///
/// Paths look like `/a/b/`; the character after `/` in byte order is `0`, so replacing the final `/` with
/// `0` gives the exclusive upper bound. Both backends compare bytes here (PostgreSQL's column is
/// `COLLATE "C"`), so the range runs on the path index.
pub fn subtree_range(path: &str) -> (String, String) {
    let mut upper = path.to_owned();
    if upper.ends_with('/') {
        upper.pop();
    }
    upper.push('0');
    (path.to_owned(), upper)
}

/// Whether an organisation at `owner_path` is in reach of a home at `home_path` for things offered down
/// the tree (courses): it is the home, above it, or below it.
pub fn in_reach(home_path: &str, owner_path: &str) -> bool {
    home_path.starts_with(owner_path) || owner_path.starts_with(home_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_text() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(OrgKind::parse("trade_union"), None);
    }

    #[test]
    fn placement_rules_follow_the_hierarchy() {
        assert!(OrgKind::CountyFederation.may_sit_under(OrgKind::CityFederation));
        assert!(OrgKind::EnterpriseUnion.may_sit_under(OrgKind::TownshipUnion));
        assert!(OrgKind::LegalStation.may_sit_under(OrgKind::CountyFederation));
        assert!(!OrgKind::CityFederation.may_sit_under(OrgKind::CountyFederation));
        assert!(!OrgKind::TownshipUnion.may_sit_under(OrgKind::EnterpriseUnion));
        assert!(!OrgKind::NationalFederation.may_sit_under(OrgKind::NationalFederation));
    }

    #[test]
    fn subtree_range_covers_descendants_only() {
        let (lo, hi) = subtree_range("/a/b/");
        assert_eq!((lo.as_str(), hi.as_str()), ("/a/b/", "/a/b0"));
        for inside in ["/a/b/", "/a/b/c/", "/a/b/zz/y/"] {
            assert!(inside >= lo.as_str() && inside < hi.as_str(), "{inside}");
        }
        for outside in ["/a/", "/a/bc/", "/a/b-x/", "/a/c/"] {
            assert!(
                !(outside >= lo.as_str() && outside < hi.as_str()),
                "{outside}"
            );
        }
    }
}

/// An organisation's life cycle: archived (never deleted) and restored.
pub mod life {
    use super::OrgStatus;
    use crate::access::Permission::OrganisationsWrite;
    use crate::lifecycle::{self, Machine, Refusal, Transition};

    text_enum! {
        /// What may happen to an organisation's status (its `allowed_actions` besides editing).
        OrgEvent {
            /// Archive it (only when nothing active hangs under it).
            Archive = "archive",
            /// Bring it back (only under an active parent).
            Restore = "restore",
        }
    }

    /// The organisation life cycle.
    pub struct OrgLife;

    impl Machine for OrgLife {
        type State = OrgStatus;
        type Event = OrgEvent;
        const THING: &'static str = "organisation";
        #[rustfmt::skip]
        const TABLE: &'static [Transition<OrgStatus, OrgEvent>] = &[
            Transition { from: &[OrgStatus::Active], event: OrgEvent::Archive, to: OrgStatus::Archived, needs: OrganisationsWrite },
            Transition { from: &[OrgStatus::Archived], event: OrgEvent::Restore, to: OrgStatus::Active, needs: OrganisationsWrite },
        ];
    }

    /// What the steps depend on.
    #[derive(Debug, Clone, Copy)]
    pub struct OrgFacts {
        /// Active organisations directly below.
        pub active_children: i64,
        /// The parent is active (or there is none).
        pub parent_active: bool,
    }

    /// The state after `event`, or why not.
    pub fn apply(state: OrgStatus, event: OrgEvent, facts: OrgFacts) -> Result<OrgStatus, Refusal> {
        let to = lifecycle::next::<OrgLife>(state, event)?;
        match event {
            OrgEvent::Archive if facts.active_children > 0 => Err(Refusal::Condition(format!(
                "{} active organisations sit below it; archive or move them first",
                facts.active_children
            ))),
            OrgEvent::Restore if !facts.parent_active => Err(Refusal::Condition(
                "its parent is archived; restore the parent first".to_owned(),
            )),
            _ => Ok(to),
        }
    }

    /// What a caller holding the permissions `may` accepts can do now (by the table: conditions on
    /// children and parents are checked when asked).
    pub fn allowed_events(
        state: OrgStatus,
        may: &dyn Fn(crate::access::Permission) -> bool,
    ) -> Vec<OrgEvent> {
        lifecycle::events_from::<OrgLife>(state, may)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_whole_table() {
            assert_eq!(
                lifecycle::table_text::<OrgLife>(),
                ["active -archive-> archived", "archived -restore-> active"]
            );
            assert_eq!(lifecycle::refused_pairs::<OrgLife>(), 2);
            let fine = OrgFacts {
                active_children: 0,
                parent_active: true,
            };
            let busy = OrgFacts {
                active_children: 2,
                parent_active: true,
            };
            let orphan = OrgFacts {
                active_children: 0,
                parent_active: false,
            };
            assert_eq!(
                apply(OrgStatus::Active, OrgEvent::Archive, fine),
                Ok(OrgStatus::Archived)
            );
            assert!(apply(OrgStatus::Active, OrgEvent::Archive, busy).is_err());
            assert!(apply(OrgStatus::Archived, OrgEvent::Restore, orphan).is_err());
            assert_eq!(
                apply(OrgStatus::Archived, OrgEvent::Restore, fine),
                Ok(OrgStatus::Active)
            );
        }
    }
}
