//! `text_enum!`: a closed set of values stored as TEXT and sent as JSON strings. Every status, kind and
//! role of the platform is one, so that the compiler sees every value and the OpenAPI document lists them.

/// A value that is stored and sent as one of a fixed set of texts.
pub trait TextEnum: Copy + Eq + std::fmt::Debug + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The stored and serialized text.
    fn as_str(self) -> &'static str;
}

/// A stored text that is not one of the enum's values (a database written by hand, or a newer release).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownText {
    /// The enum.
    pub of: &'static str,
    /// The text found.
    pub text: String,
}

impl std::fmt::Display for UnknownText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "'{}' is not a {}", self.text, self.of)
    }
}

impl std::error::Error for UnknownText {}

/// Declares a string enum stored as TEXT: serde with the declared texts, `as_str`, `parse`, the list of
/// all values, conversions from and to `String` (what the database layer reads and writes), and an OpenAPI
/// schema listing the texts with each value's doc line.
#[macro_export]
macro_rules! text_enum {
    ($(#[doc = $doc:expr])* $name:ident { $($(#[doc = $vdoc:expr])* $variant:ident = $text:literal,)+ }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

        impl $crate::text_enum::TextEnum for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)+];
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::text_enum::UnknownText;
            fn try_from(s: String) -> Result<$name, Self::Error> {
                $name::parse(&s).ok_or($crate::text_enum::UnknownText { of: stringify!($name), text: s })
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_owned()
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
