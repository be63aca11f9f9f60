//! Login attempt counters: one row per throttle key (`user:<name>`, `ip:<address>`), a count and the
//! start of its window in Unix seconds. Counting is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`
//! statement per key, so concurrent attempts (and replicas) each see the count the others left.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};

use crate::db::schema::login_attempts as la;
use crate::db::DbConn;

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Integer)]
    attempts: i32,
    #[diesel(sql_type = BigInt)]
    window_started: i64,
}

const BUMP_PG: &str = "INSERT INTO login_attempts (throttle_key, attempts, window_started) VALUES ($1, 1, $2) \
     ON CONFLICT (throttle_key) DO UPDATE SET \
       attempts = CASE WHEN login_attempts.window_started <= $3 THEN 1 ELSE login_attempts.attempts + 1 END, \
       window_started = CASE WHEN login_attempts.window_started <= $3 THEN $2 ELSE login_attempts.window_started END \
     RETURNING attempts, window_started";

const BUMP_SQLITE: &str = "INSERT INTO login_attempts (throttle_key, attempts, window_started) VALUES (?1, 1, ?2) \
     ON CONFLICT (throttle_key) DO UPDATE SET \
       attempts = CASE WHEN login_attempts.window_started <= ?3 THEN 1 ELSE login_attempts.attempts + 1 END, \
       window_started = CASE WHEN login_attempts.window_started <= ?3 THEN ?2 ELSE login_attempts.window_started END \
     RETURNING attempts, window_started";

/// Counts one attempt against `key` in a window of `window` seconds ending now; returns the count
/// including this one and when the window started.
pub fn bump(conn: &mut DbConn, key: &str, now: i64, window: i64) -> QueryResult<(i32, i64)> {
    let expired = now - window;
    let counted: Counted = match conn {
        DbConn::Pg(c) => diesel::sql_query(BUMP_PG)
            .bind::<Text, _>(key)
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(expired)
            .get_result(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(BUMP_SQLITE)
            .bind::<Text, _>(key)
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(expired)
            .get_result(c)?,
    };
    Ok((counted.attempts, counted.window_started))
}

/// Takes back one attempt of `key` (a successful login does not count against a shared address).
pub fn unbump(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    diesel::update(la::table.filter(la::throttle_key.eq(key).and(la::attempts.gt(0))))
        .set(la::attempts.eq(la::attempts - 1))
        .execute(conn)
        .map(|_| ())
}

/// Forgets `key` (a successful login clears its account's count).
pub fn clear(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    diesel::delete(la::table.filter(la::throttle_key.eq(key)))
        .execute(conn)
        .map(|_| ())
}

/// Removes counters whose window ended before `before`.
pub fn purge(conn: &mut DbConn, before: i64) -> QueryResult<usize> {
    diesel::delete(la::table.filter(la::window_started.le(before))).execute(conn)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_on_sqlite() {
        let dir = std::env::temp_dir().join(format!("la-{}.db", crate::db::new_id()));
        let url = format!("sqlite://{}", dir.display());
        let mut conn = crate::db::establish(&url).unwrap_or_else(|e| panic!("{e}"));
        crate::db::run_migrations(&mut conn).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            super::bump(&mut conn, "k", 100, 10).map_err(|e| e.to_string()),
            Ok((1, 100))
        );
        assert_eq!(
            super::bump(&mut conn, "k", 101, 10).map_err(|e| e.to_string()),
            Ok((2, 100))
        );
        assert_eq!(
            super::bump(&mut conn, "k", 111, 10).map_err(|e| e.to_string()),
            Ok((1, 111))
        );
        let _ = std::fs::remove_file(dir);
    }
}
