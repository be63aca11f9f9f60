//! Money in fen (分), the unit every amount is stored and sent in: integers, never floats.

use serde::{Deserialize, Serialize};

/// An amount in fen (1 yuan = 100 fen). Sent as a JSON integer.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// Nothing.
    pub const ZERO: Fen = Fen(0);

    /// Whole yuan.
    pub fn yuan(y: i64) -> Option<Fen> {
        y.checked_mul(100).map(Fen)
    }

    /// The sum, or `None` past `i64`.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    /// The difference, or `None` past `i64`.
    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).map(Fen)
    }

    /// Whether the amount lies within `0..=max`.
    pub fn within(self, max: Fen) -> bool {
        (0..=max.0).contains(&self.0)
    }

    /// The sum of amounts, or `None` past `i64`.
    pub fn sum(amounts: impl IntoIterator<Item = Fen>) -> Option<Fen> {
        amounts.into_iter().try_fold(Fen::ZERO, Fen::checked_add)
    }
}

impl std::fmt::Display for Fen {
    /// `¥1,234.56` style, as a union's accounts show it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, ch) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}¥{grouped}.{:02}", abs % 100)
    }
}

impl utoipa::PartialSchema for Fen {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::Int64,
            )))
            .description(Some("An amount in fen (1 yuan = 100 fen)."))
            .into()
    }
}

impl utoipa::ToSchema for Fen {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fen_adds_without_overflow_and_shows_as_yuan() {
        assert_eq!(Fen(150).checked_add(Fen(50)), Some(Fen(200)));
        assert_eq!(Fen(i64::MAX).checked_add(Fen(1)), None);
        assert_eq!(Fen::sum([Fen(1), Fen(2), Fen(3)]), Some(Fen(6)));
        assert_eq!(Fen::yuan(490_000), Some(Fen(49_000_000)));
        assert_eq!(Fen(49_000_000).to_string(), "¥490,000.00");
        assert_eq!(Fen(-5).to_string(), "-¥0.05");
        assert_eq!(Fen(123_456).to_string(), "¥1,234.56");
        assert!(Fen(10).within(Fen(10)) && !Fen(-1).within(Fen(10)));
    }
}
