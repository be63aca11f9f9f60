//! Settings: defaults, then an optional TOML file (`--config` or `GONGHUI_CONFIG`), then environment
//! variables (`GONGHUI_<KEY>`, and `DATABASE_URL`). A bad value stops start-up with a message naming it.

use std::path::PathBuf;

use crate::db::Backend;

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log shippers.
    Json,
}

/// Every setting, with its default.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite://PATH`, or `postgres://...`; default a SQLite file in `data_dir`.
    pub database_url: String,
    /// Where the SQLite file, the generated development JWT secret and uploads live.
    pub data_dir: PathBuf,
    /// Address `serve` listens on.
    pub bind: String,
    /// Built web app to serve on the same port (optional).
    pub spa_dir: Option<PathBuf>,
    /// HMAC secret for access tokens (at least 32 bytes). Required with PostgreSQL.
    pub jwt_secret: Option<String>,
    /// `iss` of issued tokens.
    pub jwt_issuer: String,
    /// `aud` of issued tokens.
    pub jwt_audience: String,
    /// Clock skew tolerated on `exp`/`nbf`, seconds.
    pub jwt_leeway_seconds: u64,
    /// Access token lifetime, seconds.
    pub access_token_ttl_seconds: i64,
    /// Refresh token lifetime, seconds.
    pub refresh_token_ttl_seconds: i64,
    /// Failed logins allowed per account and per client address within the window.
    pub login_max_failures: u32,
    /// The login throttle window, seconds.
    pub login_window_seconds: u64,
    /// argon2id memory cost for new hashes, KiB.
    pub argon2_memory_kib: u32,
    /// Database pool size (SQLite is capped at 8).
    pub pool_size: u32,
    /// How long a request waits for a database connection before it answers 503 (seconds).
    pub db_timeout_seconds: u64,
    /// Largest JSON body accepted, bytes.
    pub body_limit_bytes: usize,
    /// Origins of web apps allowed by CORS.
    pub cors_origins: Vec<String>,
    /// Log format.
    pub log_format: LogFormat,
    /// Log filter (`info`, `gonghui_api=debug,warn`, ...); `RUST_LOG` wins when set.
    pub log_level: String,
    /// Seconds to let in-flight requests finish on shutdown.
    pub shutdown_timeout_seconds: u64,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Where hardship evidence files are stored; `<data_dir>/evidence` when unset. Replicas share it.
    pub evidence_dir: Option<PathBuf>,
    /// The largest evidence upload, in bytes.
    pub evidence_max_bytes: usize,
    /// How long a session's check-in code shows before the next one (the previous code is still accepted).
    pub checkin_window_seconds: u64,
}

/// The keys the file and `GONGHUI_<KEY>` environment variables accept.
pub const KEYS: &[&str] = &[
    "database_url",
    "data_dir",
    "bind",
    "spa_dir",
    "jwt_secret",
    "jwt_issuer",
    "jwt_audience",
    "jwt_leeway_seconds",
    "access_token_ttl_seconds",
    "refresh_token_ttl_seconds",
    "login_max_failures",
    "login_window_seconds",
    "argon2_memory_kib",
    "pool_size",
    "db_timeout_seconds",
    "body_limit_bytes",
    "cors_origins",
    "log_format",
    "log_level",
    "shutdown_timeout_seconds",
    "trust_forwarded_for",
    "evidence_dir",
    "evidence_max_bytes",
    "checkin_window_seconds",
];

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            database_url: String::new(),
            data_dir: PathBuf::from("data"),
            bind: "127.0.0.1:8080".to_owned(),
            spa_dir: None,
            jwt_secret: None,
            jwt_issuer: "gonghui".to_owned(),
            jwt_audience: "gonghui-api".to_owned(),
            jwt_leeway_seconds: 0,
            access_token_ttl_seconds: 900,
            refresh_token_ttl_seconds: 30 * 24 * 3600,
            login_max_failures: 5,
            login_window_seconds: 900,
            argon2_memory_kib: 19 * 1024,
            pool_size: 16,
            db_timeout_seconds: 2,
            body_limit_bytes: 1024 * 1024,
            cors_origins: Vec::new(),
            log_format: LogFormat::Text,
            log_level: "info".to_owned(),
            shutdown_timeout_seconds: 30,
            trust_forwarded_for: false,
            evidence_dir: None,
            evidence_max_bytes: 10 * 1024 * 1024,
            checkin_window_seconds: 60,
        }
    }
}

fn number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("setting {key}: '{value}' is not a valid number"))
}

fn boolean(key: &str, value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("setting {key}: '{value}' is not true or false")),
    }
}

impl Settings {
    /// Applies one textual setting.
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "database_url" => self.database_url = value.trim().to_owned(),
            "data_dir" => self.data_dir = PathBuf::from(value.trim()),
            "bind" => self.bind = value.trim().to_owned(),
            "spa_dir" => {
                self.spa_dir =
                    Some(PathBuf::from(value.trim())).filter(|p| !p.as_os_str().is_empty())
            }
            "jwt_secret" => self.jwt_secret = Some(value.to_owned()).filter(|s| !s.is_empty()),
            "jwt_issuer" => self.jwt_issuer = value.trim().to_owned(),
            "jwt_audience" => self.jwt_audience = value.trim().to_owned(),
            "jwt_leeway_seconds" => self.jwt_leeway_seconds = number(key, value)?,
            "access_token_ttl_seconds" => self.access_token_ttl_seconds = number(key, value)?,
            "refresh_token_ttl_seconds" => self.refresh_token_ttl_seconds = number(key, value)?,
            "login_max_failures" => self.login_max_failures = number(key, value)?,
            "login_window_seconds" => self.login_window_seconds = number(key, value)?,
            "argon2_memory_kib" => self.argon2_memory_kib = number(key, value)?,
            "pool_size" => self.pool_size = number(key, value)?,
            "db_timeout_seconds" => self.db_timeout_seconds = number(key, value)?,
            "body_limit_bytes" => self.body_limit_bytes = number(key, value)?,
            "cors_origins" => {
                self.cors_origins = value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            "log_format" => {
                self.log_format = match value.trim() {
                    "text" => LogFormat::Text,
                    "json" => LogFormat::Json,
                    other => {
                        return Err(format!("setting log_format: '{other}' is not text or json"))
                    }
                }
            }
            "log_level" => self.log_level = value.trim().to_owned(),
            "shutdown_timeout_seconds" => self.shutdown_timeout_seconds = number(key, value)?,
            "trust_forwarded_for" => self.trust_forwarded_for = boolean(key, value)?,
            "evidence_dir" => {
                self.evidence_dir =
                    Some(PathBuf::from(value.trim())).filter(|p| !p.as_os_str().is_empty())
            }
            "evidence_max_bytes" => self.evidence_max_bytes = number(key, value)?,
            "checkin_window_seconds" => self.checkin_window_seconds = number(key, value)?,
            other => {
                return Err(format!(
                    "unknown setting '{other}' (known: {})",
                    KEYS.join(", ")
                ))
            }
        }
        Ok(())
    }

    /// The directory evidence uploads are stored in.
    pub fn evidence_path(&self) -> PathBuf {
        self.evidence_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("evidence"))
    }

    /// Loads defaults, then the file, then the environment, and checks the result.
    pub fn load(config_file: Option<PathBuf>) -> Result<Settings, String> {
        Settings::load_from(config_file, |k| std::env::var(k).ok())
    }

    /// [`Settings::load`] with an injectable environment (for tests).
    pub fn load_from(
        config_file: Option<PathBuf>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, String> {
        let mut s = Settings::default();
        let file = config_file.or_else(|| env("GONGHUI_CONFIG").map(PathBuf::from));
        if let Some(path) = file {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("config file {}: {e}", path.display()))?;
            let table: toml::Table = text
                .parse()
                .map_err(|e| format!("config file {}: {e}", path.display()))?;
            for (key, value) in table {
                let text = match value {
                    toml::Value::String(v) => v,
                    toml::Value::Array(items) => items
                        .iter()
                        .map(|i| {
                            i.as_str()
                                .map(str::to_owned)
                                .unwrap_or_else(|| i.to_string())
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                };
                s.apply(&key, &text)
                    .map_err(|e| format!("config file {}: {e}", path.display()))?;
            }
        }
        for key in KEYS {
            let var = format!("GONGHUI_{}", key.to_ascii_uppercase());
            if let Some(v) = env(&var) {
                s.apply(key, &v).map_err(|e| format!("{var}: {e}"))?;
            }
        }
        if let Some(url) = env("DATABASE_URL").filter(|u| !u.trim().is_empty()) {
            s.database_url = url.trim().to_owned();
        }
        if s.database_url.is_empty() {
            s.database_url = format!("sqlite://{}", s.data_dir.join("gonghui.db").display());
        }
        s.validate()?;
        Ok(s)
    }

    fn validate(&self) -> Result<(), String> {
        if let Some(secret) = &self.jwt_secret {
            if secret.len() < 32 {
                return Err("setting jwt_secret: must be at least 32 bytes".to_owned());
            }
        }
        if self.access_token_ttl_seconds < 60 || self.access_token_ttl_seconds > 24 * 3600 {
            return Err(
                "setting access_token_ttl_seconds: must be between 60 and 86400".to_owned(),
            );
        }
        if self.refresh_token_ttl_seconds < self.access_token_ttl_seconds {
            return Err(
                "setting refresh_token_ttl_seconds: must not be shorter than the access token's"
                    .to_owned(),
            );
        }
        if !(1..=60).contains(&self.db_timeout_seconds) {
            return Err("setting db_timeout_seconds: must be 1 to 60".to_owned());
        }
        if self.pool_size == 0 {
            return Err("setting pool_size: must be at least 1".to_owned());
        }
        if self.login_max_failures == 0 {
            return Err("setting login_max_failures: must be at least 1".to_owned());
        }
        if self.body_limit_bytes < 1024 {
            return Err("setting body_limit_bytes: must be at least 1024".to_owned());
        }
        if !(1..=3600).contains(&self.checkin_window_seconds) {
            return Err("setting checkin_window_seconds: must be between 1 and 3600".to_owned());
        }
        Ok(())
    }

    /// The backend the database URL names.
    pub fn backend(&self) -> Backend {
        Backend::from_url(&self.database_url)
    }

    /// The JWT secret: configured, or for a SQLite deployment one generated once into `data_dir`.
    /// PostgreSQL deployments run replicas, which must share a configured secret.
    pub fn resolve_jwt_secret(&self) -> Result<Vec<u8>, String> {
        if let Some(s) = &self.jwt_secret {
            return Ok(s.as_bytes().to_vec());
        }
        if self.backend() == Backend::Postgres {
            return Err("GONGHUI_JWT_SECRET must be set (32+ bytes) when the database is PostgreSQL: every replica needs the same secret".to_owned());
        }
        let path = self.data_dir.join("jwt-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if existing.trim().len() >= 32 {
                return Ok(existing.trim().as_bytes().to_vec());
            }
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| format!("data_dir {}: {e}", self.data_dir.display()))?;
        let secret = hex::encode(rand::random::<[u8; 32]>());
        std::fs::write(&path, &secret).map_err(|e| format!("{}: {e}", path.display()))?;
        restrict_permissions(&path);
        tracing::warn!(path = %path.display(), "generated a development JWT secret; set GONGHUI_JWT_SECRET in production");
        Ok(secret.into_bytes())
    }
}

#[cfg(unix)]
fn restrict_permissions(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &std::path::Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_give_a_sqlite_file_under_data() {
        let s = Settings::load_from(None, env(&[])).unwrap_or_default();
        assert_eq!(s.database_url, "sqlite://data/gonghui.db");
        assert_eq!(s.backend(), Backend::Sqlite);
    }

    #[test]
    fn environment_overrides_and_bad_values_name_the_setting() {
        let s = Settings::load_from(
            None,
            env(&[
                ("GONGHUI_POOL_SIZE", "4"),
                ("DATABASE_URL", "postgres://x/y"),
            ]),
        )
        .unwrap_or_default();
        assert_eq!(s.pool_size, 4);
        assert_eq!(s.backend(), Backend::Postgres);
        let err = Settings::load_from(None, env(&[("GONGHUI_POOL_SIZE", "many")]))
            .err()
            .unwrap_or_default();
        assert!(
            err.contains("GONGHUI_POOL_SIZE") && err.contains("many"),
            "{err}"
        );
        let err = Settings::load_from(None, env(&[("GONGHUI_LOG_FORMAT", "xml")]))
            .err()
            .unwrap_or_default();
        assert!(err.contains("log_format"), "{err}");
    }

    #[test]
    fn postgres_without_a_jwt_secret_is_refused() {
        let s = Settings::load_from(None, env(&[("DATABASE_URL", "postgres://x/y")]))
            .unwrap_or_default();
        assert!(s.resolve_jwt_secret().is_err());
    }
}
