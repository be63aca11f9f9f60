//! National identifier formats: the unified social credit code (GB 32100-2015), the administrative
//! division code (GB/T 2260) and telephone numbers.

use super::Invalid;

const CREDIT_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// An 18-character unified social credit code with a valid check character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses and checks a code; lower case is accepted and normalised to upper case.
    pub fn parse(raw: &str) -> Result<CreditCode, Invalid> {
        let code = raw.trim().to_ascii_uppercase();
        if code.chars().count() != 18 {
            return Err(Invalid::new(
                "invalid_format",
                "a unified social credit code has 18 characters",
            ));
        }
        let mut values = Vec::with_capacity(18);
        for c in code.chars() {
            match CREDIT_ALPHABET.find(c) {
                Some(v) => values.push(v as u32),
                None => {
                    return Err(Invalid::new(
                        "invalid_format",
                        format!(
                        "'{c}' is not allowed in a unified social credit code (no I, O, S, V, Z)"
                    ),
                    ))
                }
            }
        }
        let sum: u32 = values
            .iter()
            .zip(CREDIT_WEIGHTS.iter())
            .map(|(v, w)| v * w)
            .sum();
        let check = (31 - sum % 31) % 31;
        if values[17] != check {
            return Err(Invalid::new(
                "invalid_checksum",
                "the check character of the credit code does not match",
            ));
        }
        Ok(CreditCode(code))
    }

    /// The normalised code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code with a computed check character appended to 17 valid characters (for demo data and tests).
    pub fn with_check(first17: &str) -> Option<String> {
        let mut sum = 0;
        for (c, w) in first17.chars().zip(CREDIT_WEIGHTS.iter()) {
            sum += CREDIT_ALPHABET.find(c)? as u32 * w;
        }
        if first17.chars().count() != 17 {
            return None;
        }
        let check = ((31 - sum % 31) % 31) as usize;
        CREDIT_ALPHABET
            .chars()
            .nth(check)
            .map(|c| format!("{first17}{c}"))
    }
}

/// A six-digit administrative division code: province (2), prefecture (2), county (2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DivisionCode(String);

impl DivisionCode {
    /// Parses a division code: six digits, a province from 11 to 82.
    pub fn parse(raw: &str) -> Result<DivisionCode, Invalid> {
        let code = raw.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new(
                "invalid_format",
                "a division code has 6 digits",
            ));
        }
        let province: u32 = code[..2].parse().unwrap_or(0);
        if !(11..=82).contains(&province) {
            return Err(Invalid::new(
                "invalid_value",
                format!("{province} is not a province code (11-82)"),
            ));
        }
        Ok(DivisionCode(code.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A telephone number: a mainland mobile (`1[3-9]` + 9 digits, optional +86) stored as 11 digits, or a
/// landline with area code (`0xx-xxxxxxxx`, optional extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Parses and canonicalises: spaces and dashes inside a mobile number are dropped, `+86` is removed.
    pub fn parse(raw: &str) -> Result<PhoneNumber, Invalid> {
        let trimmed = raw.trim();
        let compact: String = trimmed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        let mobile = compact
            .strip_prefix("+86")
            .or_else(|| compact.strip_prefix("0086"))
            .unwrap_or(&compact);
        let b = mobile.as_bytes();
        if b.len() == 11
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1])
            && b.iter().all(u8::is_ascii_digit)
        {
            return Ok(PhoneNumber(mobile.to_owned()));
        }
        // Landline: 0 + 2-3 digit area code, a 7-8 digit number, optional extension after '-' or '#'.
        let (main, ext) = match trimmed.split_once('#') {
            Some((m, e)) => (m, Some(e)),
            None => (trimmed, None),
        };
        let digits: String = main.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let ext_ok = ext
            .is_none_or(|e| !e.is_empty() && e.len() <= 6 && e.bytes().all(|b| b.is_ascii_digit()));
        if digits.starts_with('0')
            && (10..=12).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && ext_ok
        {
            return Ok(PhoneNumber(trimmed.to_owned()));
        }
        Err(Invalid::new(
            "invalid_format",
            "expected a mobile number (1[3-9] and 9 digits, optional +86) or a landline with area code",
        ))
    }

    /// The canonical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses a mobile number only (no landlines): stored as its 11 digits.
    pub fn parse_mobile(raw: &str) -> Result<PhoneNumber, Invalid> {
        let p = PhoneNumber::parse(raw)?;
        if p.0.len() == 11 && p.0.starts_with('1') {
            Ok(p)
        } else {
            Err(Invalid::new(
                "invalid_format",
                "expected a mobile number: 1[3-9] and 9 digits, optional +86",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_code_accepts_the_standard_example() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y43").map(|c| c.0),
            Ok("91350100M000100Y43".to_owned())
        );
        assert!(CreditCode::parse("91350100m000100y43").is_ok());
    }

    #[test]
    fn credit_code_rejects_a_wrong_check_character_and_bad_letters() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44").map_err(|e| e.code),
            Err("invalid_checksum")
        );
        assert_eq!(
            CreditCode::parse("91350100M000100I43").map_err(|e| e.code),
            Err("invalid_format")
        );
        assert_eq!(
            CreditCode::parse("9135").map_err(|e| e.code),
            Err("invalid_format")
        );
    }

    #[test]
    fn credit_code_with_check_round_trips_and_every_single_change_is_caught() {
        let code = CreditCode::with_check("91350100M000100Y4").unwrap_or_default();
        assert_eq!(code, "91350100M000100Y43");
        for base in [
            "81511922MC0000001",
            "91433124MA4L00012",
            "12100000400000624",
        ] {
            let full = CreditCode::with_check(base).unwrap_or_default();
            assert!(CreditCode::parse(&full).is_ok(), "{full}");
            // Changing the check character to any other allowed one must fail.
            for c in CREDIT_ALPHABET.chars().filter(|c| !full.ends_with(*c)) {
                let bad = format!("{base}{c}");
                assert!(CreditCode::parse(&bad).is_err(), "{bad}");
            }
        }
    }

    #[test]
    fn division_code_needs_six_digits_and_a_province() {
        assert!(DivisionCode::parse("511922").is_ok());
        assert_eq!(
            DivisionCode::parse("51192").map_err(|e| e.code),
            Err("invalid_format")
        );
        assert_eq!(
            DivisionCode::parse("991922").map_err(|e| e.code),
            Err("invalid_value")
        );
    }

    #[test]
    fn phone_numbers_are_canonicalised() {
        assert_eq!(
            PhoneNumber::parse("+86 138-0013-8000").map(|p| p.0),
            Ok("13800138000".to_owned())
        );
        assert_eq!(
            PhoneNumber::parse("0827-8821234").map(|p| p.0),
            Ok("0827-8821234".to_owned())
        );
        assert!(PhoneNumber::parse("12800138000").is_err());
        assert!(PhoneNumber::parse("138001380").is_err());
    }
}
