//! What every handler shares.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;
use crate::db::Pool;
use crate::http::metrics::Metrics;

/// How many member sheets one process reads at once.
pub const SHEET_READERS: usize = 2;

/// Application state, cloned cheaply into each worker.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub pool: Pool,
    /// Settings as loaded.
    pub settings: Arc<Settings>,
    /// Token signing and verification keys.
    pub jwt: Arc<JwtKeys>,
    /// Request metrics.
    pub metrics: Arc<Metrics>,
    /// Sheets being read and checked at once (a 50,000-row import costs about 250 MiB while it is
    /// read); a body is received before its turn is taken, so a slow or stalled client holds none.
    pub sheet_readers: Arc<tokio::sync::Semaphore>,
    /// A valid argon2id hash of a random password, verified against when the user is unknown so that an
    /// unknown user and a wrong password take the same time.
    pub dummy_hash: Arc<String>,
}

impl AppState {
    /// Builds the state from settings and a pool.
    pub fn new(settings: Settings, pool: Pool) -> Result<AppState, String> {
        let secret = settings.resolve_jwt_secret()?;
        let jwt = JwtKeys::new(&secret, &settings);
        let dummy_hash = crate::auth::passwords::hash(
            &hex::encode(rand::random::<[u8; 16]>()),
            settings.argon2_memory_kib,
        )?;
        Ok(AppState {
            pool,
            jwt: Arc::new(jwt),
            metrics: Arc::new(Metrics::default()),
            sheet_readers: Arc::new(tokio::sync::Semaphore::new(SHEET_READERS)),
            dummy_hash: Arc::new(dummy_hash),
            settings: Arc::new(settings),
        })
    }
}

impl AppState {
    /// Runs database work on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> crate::error::ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConn) -> crate::error::ApiResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs database work in one transaction on a blocking thread: all of it lands, or none.
    pub async fn write<T, F>(&self, f: F) -> crate::error::ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConn) -> crate::error::ApiResult<T> + Send + 'static,
    {
        self.read(move |conn| crate::db::write_transaction(conn, f))
            .await
    }

    /// Records that sensitive data was shown (an audited read), in a short write of its own after the
    /// read: the read itself runs outside any write transaction, so on SQLite a reader never holds the
    /// write lock while it loads and maps rows, and writers wait only for this one insert. Call it
    /// before answering: no audit row, no data.
    pub async fn audit_read(
        &self,
        actor: crate::db::models::audit_events::Actor,
        action: crate::domain::audit::AuditAction,
        resource: crate::domain::audit::AuditResource,
        resource_id: String,
        organisation_id: Option<String>,
        details: serde_json::Value,
    ) -> crate::error::ApiResult<()> {
        debug_assert!(action.is_read(), "audit_read records reads");
        self.write(move |c| {
            crate::db::models::audit_events::record(
                c,
                &actor,
                action,
                resource,
                &resource_id,
                organisation_id.as_deref(),
                details,
            )?;
            Ok(())
        })
        .await
    }
}
