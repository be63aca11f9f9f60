//! Gonghui's rules: validated values, statuses and their life cycles, roles and permissions, and the
//! bounded reading of spreadsheets. Pure: no database, no HTTP, no clock but [`today`]; every rule is
//! unit-tested here on its own. The API (`gonghui-api`) loads and stores; this crate decides.

#[macro_use]
pub mod text_enum;

pub mod access;
pub mod audit;
pub mod card_number;
pub mod certificate_code;
pub mod checkin;
pub mod code_lists;
pub mod codes;
pub mod course;
pub mod deadlines;
pub mod enrolment;
pub mod evidence;
pub mod hardship;
pub mod id_number;
pub mod ids;
pub mod lifecycle;
pub mod member_sheet;
pub mod membership;
pub mod membership_request;
pub mod money;
pub mod organisation;
pub mod workbook;

pub use codes::{CreditCode, DivisionCode, PhoneNumber};
pub use ids::{CourseId, EnrolmentId, HardshipFileId, MemberId, OrganisationId, RequestId};
pub use money::Fen;

/// Today's date in China (UTC+8 all year, no daylight saving): what "today" and "not in the future" mean
/// to a union's staff, who work on Beijing time. Timestamps stay UTC; dates people enter are local.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The local (Beijing) date of a UTC timestamp.
pub fn local_date(utc: chrono::NaiveDateTime) -> chrono::NaiveDate {
    (utc + chrono::Duration::hours(8)).date()
}

/// Why a value was refused: a field-error `code` and an English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// `required`, `too_long`, `invalid_format`, `invalid_checksum`, `invalid_value`, `out_of_range`...
    pub code: &'static str,
    /// What is wrong, for a human.
    pub message: String,
}

impl Invalid {
    /// A refusal.
    pub fn new(code: &'static str, message: impl Into<String>) -> Invalid {
        Invalid {
            code,
            message: message.into(),
        }
    }
}

/// A required text, trimmed, non-empty, at most `max` characters (not bytes: Chinese names count per character).
pub fn text(value: &str, max: usize) -> Result<String, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::new("required", "must not be blank"));
    }
    if v.chars().count() > max {
        return Err(Invalid::new(
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(Invalid::new(
            "invalid_format",
            "must not contain control characters",
        ));
    }
    Ok(v.to_owned())
}

/// A character no text input accepts: C0 and C1 control characters and DEL, except tab, line feed and
/// carriage return (which multi-line notes use). PostgreSQL cannot store U+0000 in text at all, and the
/// others have no business in a name, an address or a search.
pub fn forbidden_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first forbidden character of a text, if any.
pub fn first_forbidden(s: &str) -> Option<char> {
    s.chars().find(|c| forbidden_char(*c))
}

/// `U+0000`: how a refused character is named in messages (it cannot be shown).
pub fn codepoint(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Masks all but the first `keep_start` and last `keep_end` characters with `*`.
pub fn mask(value: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_start || i >= chars.len() - keep_end {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod forbidden_tests {
    use super::*;

    #[test]
    fn control_characters_are_forbidden_but_line_breaks_and_tabs_are_not() {
        for c in [
            '\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(forbidden_char(c), "{}", codepoint(c));
        }
        for c in ['\t', '\n', '\r', ' ', 'a', '工', '\u{a0}'] {
            assert!(!forbidden_char(c), "{}", codepoint(c));
        }
        assert_eq!(
            first_forbidden("a\u{0}b").map(codepoint).as_deref(),
            Some("U+0000")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_characters_not_bytes() {
        assert_eq!(text(" 南江县总工会 ", 6), Ok("南江县总工会".to_owned()));
        assert_eq!(text("南江县总工会", 5).map_err(|e| e.code), Err("too_long"));
        assert_eq!(text("   ", 5).map_err(|e| e.code), Err("required"));
    }

    #[test]
    fn dates_people_enter_follow_beijing_time() {
        let evening_utc = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(17, 0, 0))
            .unwrap_or_default();
        assert_eq!(
            local_date(evening_utc),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
        );
        let noon_utc = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default();
        assert_eq!(
            local_date(noon_utc),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default()
        );
    }

    #[test]
    fn mask_keeps_the_ends() {
        assert_eq!(mask("440524188001010014", 4, 4), "4405**********0014");
        assert_eq!(mask("13800138000", 3, 4), "138****8000");
        assert_eq!(mask("123", 2, 2), "***");
    }
}
