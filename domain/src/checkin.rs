//! Rotating check-in codes for course sessions: six digits derived from the session's secret and the
//! current time window (like a TOTP). Staff show the current code on screen; a trainee's phone sends it
//! back. The code of the window before is still accepted, so a code read just before it turns over works.

use sha2::{Digest, Sha256};

/// The window number `unix` falls in.
pub fn window_of(unix: i64, window_seconds: u64) -> i64 {
    unix.div_euclid(window_seconds.max(1) as i64)
}

/// The code of one window.
pub fn code_for(secret: &str, window: i64) -> String {
    let digest = Sha256::new()
        .chain_update(secret.as_bytes())
        .chain_update(b":")
        .chain_update(window.to_be_bytes())
        .finalize();
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) & 0x7fff_ffff;
    format!("{:06}", n % 1_000_000)
}

/// The code to show now and the time (unix seconds) it stops being shown.
pub fn current(secret: &str, window_seconds: u64, unix: i64) -> (String, i64) {
    let w = window_of(unix, window_seconds);
    (code_for(secret, w), (w + 1) * window_seconds as i64)
}

/// Whether a code sent at `unix` is the current or the previous window's.
pub fn accepts(secret: &str, window_seconds: u64, unix: i64, code: &str) -> bool {
    let code = code.trim();
    let w = window_of(unix, window_seconds);
    code.len() == 6 && (code_for(secret, w) == code || code_for(secret, w - 1) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_lives_for_its_window_and_the_next_then_expires() {
        let secret = "s3cret";
        let (code, until) = current(secret, 60, 1_000_000);
        assert_eq!(code.len(), 6);
        assert_eq!(until, 1_000_020, "windows start on multiples of 60");
        assert!(accepts(secret, 60, 1_000_000, &code));
        assert!(
            accepts(secret, 60, 1_000_079, &code),
            "still the previous window's"
        );
        assert!(
            !accepts(secret, 60, 1_000_080, &code),
            "two windows on: expired"
        );
        assert!(
            !accepts("other", 60, 1_000_000, &code),
            "another session's secret"
        );
        assert!(!accepts(secret, 60, 1_000_000, "12345"));
        let codes: std::collections::HashSet<String> =
            (0..500).map(|w| code_for(secret, w)).collect();
        assert!(codes.len() > 490, "codes change with the window");
    }
}
