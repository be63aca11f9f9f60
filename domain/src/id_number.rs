//! The resident identity number (GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit
//! sequence (odd for men, even for women) and a check character over the first 17 digits.

use chrono::NaiveDate;

use super::Invalid;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// Gender as the 17th digit encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdGender {
    /// Odd sequence digit.
    Male,
    /// Even sequence digit.
    Female,
}

/// A checked 18-character resident ID number (upper-case `X`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber(String);

/// The check character for 17 digits.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS.iter())
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(char::from(CHECK[(sum % 11) as usize]))
}

impl IdNumber {
    /// Parses: 18 characters, digits then a digit or `X` (lower case accepted), a matching check character,
    /// a real birth date not in the future and not before 1800 (GB 11643's own example is born in 1880), and a province code from 11 to 82.
    pub fn parse(raw: &str) -> Result<IdNumber, Invalid> {
        let id = raw.trim().to_ascii_uppercase();
        let b = id.as_bytes();
        if b.len() != 18
            || !b[..17].iter().all(u8::is_ascii_digit)
            || !(b[17].is_ascii_digit() || b[17] == b'X')
        {
            return Err(Invalid::new(
                "invalid_format",
                "a resident ID number has 17 digits and a check digit or X",
            ));
        }
        let province: u32 = id[..2].parse().unwrap_or(0);
        if !(11..=82).contains(&province) {
            return Err(Invalid::new(
                "invalid_value",
                format!("{province} is not a province code"),
            ));
        }
        let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").map_err(|_| {
            Invalid::new(
                "invalid_value",
                format!("{} is not a real birth date", &id[6..14]),
            )
        })?;
        let today = super::today();
        if birth > today || birth < NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or(birth) {
            return Err(Invalid::new(
                "out_of_range",
                "the birth date in the ID number is out of range",
            ));
        }
        if check_char(&b[..17]) != Some(char::from(b[17])) {
            return Err(Invalid::new(
                "invalid_checksum",
                "the check character of the ID number does not match",
            ));
        }
        Ok(IdNumber(id))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date encoded in digits 7 to 14.
    pub fn birth_date(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").unwrap_or_default()
    }

    /// The gender encoded in the 17th digit.
    pub fn gender(&self) -> IdGender {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            IdGender::Male
        } else {
            IdGender::Female
        }
    }

    /// The masked form shown to those who may not see the number: `4405**********0014`.
    pub fn masked(&self) -> String {
        super::mask(&self.0, 4, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standards_examples_are_valid() {
        let a = IdNumber::parse("11010519491231002X").map_err(|e| e.message);
        assert_eq!(
            a.as_ref().map(IdNumber::birth_date),
            Ok(NaiveDate::from_ymd_opt(1949, 12, 31).unwrap_or_default())
        );
        assert_eq!(a.as_ref().map(IdNumber::gender), Ok(IdGender::Female));
        let b = IdNumber::parse("440524188001010014").map_err(|e| e.message);
        assert_eq!(
            b.as_ref().map(IdNumber::birth_date),
            Ok(NaiveDate::from_ymd_opt(1880, 1, 1).unwrap_or_default())
        );
        assert_eq!(b.as_ref().map(IdNumber::gender), Ok(IdGender::Male));
        assert!(IdNumber::parse("440524188001010015").is_err());
        assert!(
            IdNumber::parse("11010519490231002X").is_err(),
            "31 February"
        );
        assert_eq!(
            IdNumber::parse("11010519491231002x").map(|i| i.0),
            Ok("11010519491231002X".to_owned())
        );
    }

    #[test]
    fn masking_keeps_four_at_each_end() {
        let id = IdNumber::parse("11010519491231002X").unwrap_or_else(|_| IdNumber(String::new()));
        assert_eq!(id.masked(), "1101**********002X");
    }

    /// Generates many valid numbers, then checks every single-digit mutation and every transposition of
    /// neighbours that changes the number is refused (GB 11643's check catches all of those).
    #[test]
    fn thousands_of_generated_numbers_and_their_mutations() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let divisions = [
            "511922", "433124", "520200", "620523", "410721", "110105", "440524",
        ];
        let mut checked = 0;
        for _ in 0..2000 {
            let division = divisions[(next() % divisions.len() as u64) as usize];
            let days = (next() % 25_000) as i64;
            let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
                + chrono::Duration::days(days);
            let seq = next() % 1000;
            let first17 = format!("{division}{}{seq:03}", birth.format("%Y%m%d"));
            let check = check_char(first17.as_bytes()).unwrap_or('?');
            let id = format!("{first17}{check}");
            let parsed = IdNumber::parse(&id);
            assert!(parsed.is_ok(), "{id}: {parsed:?}");
            assert_eq!(parsed.as_ref().map(IdNumber::birth_date).ok(), Some(birth));
            let bytes = id.as_bytes();
            for pos in 0..18 {
                for digit in b"0123456789X" {
                    if *digit == bytes[pos] || (pos < 17 && *digit == b'X') {
                        continue;
                    }
                    let mut m = bytes.to_vec();
                    m[pos] = *digit;
                    let mutated = String::from_utf8(m).unwrap_or_default();
                    assert!(
                        IdNumber::parse(&mutated).is_err(),
                        "mutation accepted: {mutated} from {id}"
                    );
                    checked += 1;
                }
            }
            for pos in 0..16 {
                if bytes[pos] != bytes[pos + 1] {
                    let mut m = bytes.to_vec();
                    m.swap(pos, pos + 1);
                    let swapped = String::from_utf8(m).unwrap_or_default();
                    assert!(
                        IdNumber::parse(&swapped).is_err(),
                        "transposition accepted: {swapped} from {id}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 300_000, "{checked}");
    }
}
