//! Typed ids: an organisation id is not a member id. Each is the UUID text the database keeps, so the
//! wire format does not change; the types stop one being passed where the other is meant.

macro_rules! id_type {
    ($($(#[doc = $doc:expr])* $name:ident,)+) => {$(
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> $name {
                $name(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    )+};
}

id_type! {
    /// An organisation's id.
    OrganisationId,
    /// A member's id.
    MemberId,
    /// A course's id.
    CourseId,
    /// An enrolment's id.
    EnrolmentId,
    /// A membership request's id.
    RequestId,
    /// A hardship file's id.
    HardshipFileId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_text_and_their_type() {
        let o = OrganisationId::from("0193".to_owned());
        assert_eq!(o.as_str(), "0193");
        assert_eq!(serde_json::to_string(&o).unwrap_or_default(), "\"0193\"");
        let m: MemberId = serde_json::from_str("\"42\"").unwrap_or(MemberId(String::new()));
        assert_eq!(String::from(m), "42");
    }
}
