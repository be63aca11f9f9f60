//! Certificate codes: `GHC-XXXX-XXXX-XXXX`, eleven random Crockford base-32 characters (55 bits) and a check
//! character over them with odd weights (units mod 32), so any single mistyped character is refused before
//! any lookup. Codes
//! are read aloud and typed from paper: case, spaces and hyphens do not matter, and O/I/L read as 0/1/1.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn value(c: u8) -> Option<usize> {
    ALPHABET.iter().position(|&a| a == c)
}

fn check(body: &[u8]) -> u8 {
    let sum: usize = body
        .iter()
        .enumerate()
        .map(|(i, &c)| value(c).unwrap_or(0) * (2 * i + 1))
        .sum();
    ALPHABET[sum % 32]
}

/// A new random code.
pub fn generate() -> String {
    let body: Vec<u8> = (0..11)
        .map(|_| ALPHABET[rand::random::<u8>() as usize % 32])
        .collect();
    let mut all = body.clone();
    all.push(check(&body));
    let s = String::from_utf8(all).unwrap_or_default();
    format!("GHC-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12])
}

/// The canonical form of a typed code, or `None` when it cannot be one of ours.
pub fn normalise(input: &str) -> Option<String> {
    let upper = input.trim().to_ascii_uppercase();
    let raw = upper.strip_prefix("GHC").unwrap_or(&upper);
    let chars: Vec<u8> = raw
        .bytes()
        .filter(|b| !matches!(b, b'-' | b' '))
        .map(|b| match b {
            b'O' => b'0',
            b'I' | b'L' => b'1',
            other => other,
        })
        .collect();
    if chars.len() != 12 || chars.iter().any(|&c| value(c).is_none()) {
        return None;
    }
    if check(&chars[..11]) != chars[11] {
        return None;
    }
    let s = String::from_utf8(chars).ok()?;
    Some(format!("GHC-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_typos_are_caught() {
        for _ in 0..1000 {
            let code = generate();
            assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
            assert_eq!(
                normalise(&code.to_lowercase().replace('-', " ")).as_deref(),
                Some(code.as_str())
            );
            // Any single changed character is caught: every weight is odd, so a unit mod 32.
            let chars: Vec<char> = code.chars().collect();
            for i in (4..chars.len()).filter(|&i| chars[i] != '-') {
                let mut typo = chars.clone();
                typo[i] = if typo[i] == '7' { 'Q' } else { '7' };
                let typo: String = typo.into_iter().collect();
                assert_eq!(normalise(&typo), None, "{code} → {typo}");
            }
        }
        assert_eq!(normalise("nonsense"), None);
        assert_eq!(normalise(""), None);
    }
}
