//! Login throttling per account name and per client address, counted in the database.
//!
//! An attempt is counted *before* its password is checked, in one atomic statement per key: twenty
//! concurrent guesses for one account see counts 1 to 20, and all past the limit are refused without a
//! password check. A successful login takes its attempt back from the address (colleagues behind one
//! office NAT do not lock each other out) and clears the account's count. The counters live in the
//! database, so every replica enforces the same limit.

use crate::db::models::login_attempts;
use crate::db::DbConn;

/// The limit: `max` attempts per `window` seconds per key.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Attempts allowed in a window (failed ones, once the successes are taken back).
    pub max: u32,
    /// Window length in seconds.
    pub window: i64,
}

/// The seconds to wait before the next attempt when any key is over its limit.
pub fn wait_seconds(counts: &[(i32, i64)], limit: Limit, now: i64) -> Option<u64> {
    counts
        .iter()
        .filter(|(attempts, _)| i64::from(*attempts) > i64::from(limit.max))
        .map(|(_, started)| (started + limit.window - now).max(1) as u64)
        .max()
}

/// Counts an attempt against every key; `Err(seconds)` when one of them is over the limit (the attempt
/// is then refused without checking the password). One transaction: all keys count, or none.
pub fn reserve(
    conn: &mut DbConn,
    keys: &[String],
    limit: Limit,
    now: i64,
) -> diesel::QueryResult<Result<(), u64>> {
    crate::db::write_transaction(conn, |conn| {
        if rand::random::<u8>() < 2 {
            login_attempts::purge(conn, now - limit.window)?;
        }
        let mut counts = Vec::with_capacity(keys.len());
        for key in keys {
            counts.push(login_attempts::bump(conn, key, now, limit.window)?);
        }
        Ok(match wait_seconds(&counts, limit, now) {
            Some(wait) => Err(wait),
            None => Ok(()),
        })
    })
}

/// After a successful login: the account's count is cleared, the address's attempt taken back.
pub fn succeeded(conn: &mut DbConn, user_key: &str, address_key: &str) -> diesel::QueryResult<()> {
    crate::db::write_transaction(conn, |conn| {
        login_attempts::clear(conn, user_key)?;
        login_attempts::unbump(conn, address_key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attempt_past_the_limit_waits_for_the_window_to_end() {
        let limit = Limit {
            max: 5,
            window: 900,
        };
        assert_eq!(wait_seconds(&[(5, 1000), (1, 1000)], limit, 1100), None);
        assert_eq!(
            wait_seconds(&[(6, 1000), (1, 1000)], limit, 1100),
            Some(800)
        );
        assert_eq!(wait_seconds(&[(2, 1000), (9, 500)], limit, 1100), Some(300));
        assert_eq!(wait_seconds(&[(6, 0)], limit, 1100), Some(1), "never zero");
    }
}
