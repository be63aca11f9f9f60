//! Failed-login throttling per account and per client address.
//!
//! In memory, per process: behind several replicas each keeps its own counts, so the effective limit is
//! `replicas × login_max_failures` per window; the README says so. A success clears the account's count.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counters of recent failures.
pub struct LoginThrottle {
    max: u32,
    window: Duration,
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl LoginThrottle {
    /// A throttle allowing `max` failures per `window_seconds`.
    pub fn new(max: u32, window_seconds: u64) -> LoginThrottle {
        LoginThrottle {
            max,
            window: Duration::from_secs(window_seconds),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds)` to wait when any key is over its limit.
    pub fn check(&self, keys: &[String]) -> Result<(), u64> {
        let Ok(map) = self.failures.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        let mut wait = 0;
        for key in keys {
            if let Some((start, n)) = map.get(key) {
                let elapsed = now.duration_since(*start);
                if *n >= self.max && elapsed < self.window {
                    wait = wait.max((self.window - elapsed).as_secs().max(1));
                }
            }
        }
        if wait > 0 {
            Err(wait)
        } else {
            Ok(())
        }
    }

    /// Counts a failure against every key.
    pub fn fail(&self, keys: &[String]) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        let now = Instant::now();
        if map.len() > 100_000 {
            let window = self.window;
            map.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        for key in keys {
            let entry = map.entry(key.clone()).or_insert((now, 0));
            if now.duration_since(entry.0) >= self.window {
                *entry = (now, 0);
            }
            entry.1 += 1;
        }
    }

    /// Clears a key after a success.
    pub fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_applies_per_key_and_clears_on_success() {
        let t = LoginThrottle::new(2, 60);
        let keys = vec!["user:a".to_owned(), "ip:1".to_owned()];
        assert!(t.check(&keys).is_ok());
        t.fail(&keys);
        t.fail(&keys);
        assert!(t.check(&keys).is_err());
        assert!(t.check(&["user:b".to_owned()]).is_ok());
        t.clear("user:a");
        assert!(t.check(&["user:a".to_owned()]).is_ok());
        assert!(t.check(&["ip:1".to_owned()]).is_err());
    }
}
