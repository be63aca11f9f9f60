//! The database: one connection enum over PostgreSQL and SQLite, its pool and the embedded migrations.
//!
//! The backend is chosen from the URL scheme and the variant is built explicitly, so a failed connection
//! reports the real error of the backend the operator asked for.

pub mod models;
pub mod schema;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

/// A connection to whichever backend the deployment uses.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    /// PostgreSQL, for deployments with more than one API replica.
    Pg(diesel::PgConnection),
    /// SQLite, the embedded default.
    Sqlite(diesel::SqliteConnection),
}

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `postgres://` or `postgresql://`.
    Postgres,
    /// `sqlite://PATH`, a bare path, or `:memory:`.
    Sqlite,
}

impl Backend {
    /// Picks the backend from a database URL's scheme.
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// The SQLite path inside a `sqlite://` URL (diesel takes a plain path).
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Opens one connection on the backend the URL names, with our SQLite pragmas applied.
pub fn establish(url: &str) -> Result<DbConn, ConnectionError> {
    match Backend::from_url(url) {
        Backend::Postgres => {
            let mut conn = diesel::PgConnection::establish(url)?;
            // Plan every statement with its values: diesel prepares statements, and a generic plan for a
            // search can be catastrophic (a trigram index scanned once per organisation; a LIKE pattern
            // the planner cannot see). Planning costs about a millisecond.
            conn.batch_execute("SET plan_cache_mode = force_custom_plan")
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(DbConn::Pg(conn))
        }
        Backend::Sqlite => {
            let mut conn = diesel::SqliteConnection::establish(sqlite_path(url))?;
            // busy_timeout first, so later statements wait for locks; WAL lets readers run beside the
            // one writer. Switching a new file to WAL can still answer SQLITE_BUSY without consulting the
            // busy handler (SQLite avoids a deadlock that way), so that step is retried for a while.
            let pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            let mut attempt = 0;
            loop {
                match conn.batch_execute(pragmas) {
                    Ok(()) => break,
                    Err(e) if attempt < 100 && e.to_string().contains("locked") => {
                        attempt += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    Err(e) => return Err(ConnectionError::CouldntSetupConfiguration(e)),
                }
            }
            Ok(DbConn::Sqlite(conn))
        }
    }
}

/// r2d2 manager that builds the enum variant explicitly.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
}

impl Manager {
    /// A manager for a database URL.
    pub fn for_url(url: &str) -> Manager {
        Manager {
            url: url.to_owned(),
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        establish(&self.url).map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

/// The pool every handler borrows from inside `web::block`.
pub type Pool = r2d2::Pool<Manager>;
/// A borrowed connection.
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Creates the folder of a SQLite file database, which must exist before the first connection (SQLite
/// creates the file, not its folder). Every command that opens the database calls this: `serve` through
/// [`pool`], `migrate`, `demo` and `create-admin` directly.
pub fn create_sqlite_folder(url: &str) -> std::io::Result<()> {
    if Backend::from_url(url) == Backend::Sqlite {
        if let Some(parent) = std::path::Path::new(sqlite_path(url)).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
    }
    Ok(())
}

/// Builds the pool. SQLite gets a small pool: it has one writer, and busy_timeout queues the rest. A
/// request waits at most `timeout` for a connection: when the database is down it answers 503 quickly
/// instead of holding the client (and a worker) for long.
pub fn pool(url: &str, max_size: u32, timeout: Duration) -> Result<Pool, r2d2::PoolError> {
    let size = match Backend::from_url(url) {
        Backend::Postgres => max_size,
        Backend::Sqlite => max_size.min(8),
    };
    let _ = create_sqlite_folder(url);
    r2d2::Pool::builder()
        .max_size(size)
        .connection_timeout(timeout)
        .build(Manager {
            url: url.to_owned(),
        })
}

const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Boxed error of the migration harness.
pub type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// A migration error carried through a transaction.
struct MigrationFailure(MigrationError);

impl From<diesel::result::Error> for MigrationFailure {
    fn from(e: diesel::result::Error) -> MigrationFailure {
        MigrationFailure(Box::new(e))
    }
}

/// Runs every pending migration; returns the versions applied.
pub fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, MigrationError> {
    match conn {
        DbConn::Pg(c) => {
            // Replicas starting together take turns: the first applies, the others find nothing pending.
            c.batch_execute("SELECT pg_advisory_lock(7402816)")?;
            let result = c
                .run_pending_migrations(PG_MIGRATIONS)
                .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
            c.batch_execute("SELECT pg_advisory_unlock(7402816)")?;
            result
        }
        DbConn::Sqlite(_) => {
            // One writer at a time: a second process waits for the lock, then finds nothing pending.
            write_transaction(conn, |conn| match conn {
                DbConn::Sqlite(c) => c
                    .run_pending_migrations(SQLITE_MIGRATIONS)
                    .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>())
                    .map_err(MigrationFailure),
                DbConn::Pg(_) => Ok(Vec::new()),
            })
            .map_err(|e| e.0)
        }
    }
}

/// Reverts every applied migration (used by the migration round-trip test).
pub fn revert_all_migrations(conn: &mut DbConn) -> Result<Vec<String>, MigrationError> {
    let reverted = match conn {
        DbConn::Pg(c) => c.revert_all_migrations(PG_MIGRATIONS)?,
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS)?,
    };
    Ok(reverted.iter().map(|v| v.to_string()).collect())
}

/// Runs `f` in a write transaction: all of it commits, or none of it.
///
/// On SQLite the transaction begins `IMMEDIATE`, taking the write lock up front (waiting up to
/// busy_timeout): a deferred transaction that reads and then writes cannot upgrade its lock while another
/// writer holds it and fails with SQLITE_BUSY at once, which busy_timeout does not cover. On PostgreSQL it
/// is an ordinary transaction; our conditional updates (`WHERE version = ?`) settle races there.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    if !matches!(conn, DbConn::Sqlite(_)) {
        return conn.transaction(f);
    }
    if let DbConn::Sqlite(inner) = conn {
        AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
    }
    let result = f(conn);
    if let DbConn::Sqlite(inner) = conn {
        type Tm = AnsiTransactionManager;
        match &result {
            Ok(_) => {
                if let Err(e) =
                    <Tm as TransactionManager<diesel::SqliteConnection>>::commit_transaction(inner)
                {
                    let _ =
                        <Tm as TransactionManager<diesel::SqliteConnection>>::rollback_transaction(
                            inner,
                        );
                    return Err(e.into());
                }
            }
            Err(_) => {
                <Tm as TransactionManager<diesel::SqliteConnection>>::rollback_transaction(inner)?
            }
        }
    }
    result
}

/// A fresh UUIDv7 as our TEXT id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, as the naive UTC timestamp both backends store.
pub fn now() -> chrono::NaiveDateTime {
    // Microsecond precision: what PostgreSQL keeps, so a value read back compares equal.
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::Duration::microseconds(1)).unwrap_or(now)
}
