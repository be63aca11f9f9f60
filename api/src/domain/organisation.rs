//! The organisation tree's vocabulary and its placement rules.

/// Declares a string enum stored as TEXT: serde with the declared texts, `as_str`, `parse`, the list of
/// all values, and an OpenAPI schema listing the texts with each value's doc line.
macro_rules! text_enum {
    ($(#[doc = $doc:expr])* $name:ident { $($(#[doc = $vdoc:expr])* $variant:ident = $text:literal,)+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[doc = $vdoc])* #[serde(rename = $text)] $variant,)+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The stored and serialized text.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
            /// Parses the stored text.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let mut description = String::new();
                $(description.push_str($doc.trim());)*
                $(
                    description.push_str(concat!("\n- `", $text, "`:"));
                    $(description.push(' '); description.push_str($vdoc.trim());)*
                )+
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .description(Some(description))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }
    };
}
pub(crate) use text_enum;

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

/// Whether a worker at `home_path` sees a course (self-service lists it, may enrol and check in): not a
/// draft, and owned in reach ([`in_reach`]). A worker also reaches a course they are on, which the caller
/// knows from the enrolments.
pub fn course_offered_to(status: &str, home_path: &str, owner_path: &str) -> bool {
    status != "draft" && in_reach(home_path, owner_path)
}

#[cfg(test)]
mod offered_tests {
    use super::*;

    #[test]
    fn a_course_is_offered_up_and_down_the_tree_but_never_as_a_draft() {
        assert!(course_offered_to("open", "/r/c/u/", "/r/c/"));
        assert!(course_offered_to("running", "/r/c/", "/r/c/u/"));
        assert!(!course_offered_to("open", "/r/c/u/", "/r/d/"));
        assert!(!course_offered_to("draft", "/r/c/u/", "/r/c/"));
    }
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
