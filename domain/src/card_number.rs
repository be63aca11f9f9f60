//! Membership card numbers (会员卡号): `GH` + the 6-digit division code of the issuing organisation +
//! an 8-digit serial counted per division + a Luhn check digit over the 14 digits. Example:
//! `GH511922000000015`. The check digit catches a mistyped digit when a card is read out by phone.

/// The Luhn check digit of a digit string.
pub fn luhn(digits: &str) -> Option<char> {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let mut d = c.to_digit(10)?;
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    char::from_digit((10 - sum % 10) % 10, 10)
}

/// The card number for a division and serial.
pub fn format(division: &str, serial: i64) -> Option<String> {
    if division.len() != 6
        || !division.bytes().all(|b| b.is_ascii_digit())
        || !(1..=99_999_999).contains(&serial)
    {
        return None;
    }
    let body = format!("{division}{serial:08}");
    luhn(&body).map(|c| format!("GH{body}{c}"))
}

/// Whether a string is a well-formed card number.
pub fn is_valid(card: &str) -> bool {
    card.len() == 17
        && card.starts_with("GH")
        && card[2..].bytes().all(|b| b.is_ascii_digit())
        && luhn(&card[2..16]) == card[16..].chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_carry_division_serial_and_check() {
        assert_eq!(format("511922", 1).as_deref(), Some("GH511922000000015"));
        assert!(is_valid("GH511922000000015"));
        assert!(!is_valid("GH511922000000016"));
        assert!(!is_valid("GH511922000000105"), "a transposition");
        assert_eq!(format("5119", 1), None);
        assert_eq!(format("511922", 0), None);
        for serial in 1..2000 {
            let card = format("433124", serial).unwrap_or_default();
            assert!(is_valid(&card), "{card}");
        }
    }
}
