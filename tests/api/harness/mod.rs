//! The black-box test harness: every test gets a fresh database on the chosen backend, with the demo tree
//! loaded, and a real server on a loopback port. `both!` runs a test once on SQLite and once on PostgreSQL.
//!
//! PostgreSQL comes from `GONGHUI_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/postgres`); a test
//! fails, never skips, when it is unreachable.

use std::net::TcpListener;

use diesel::prelude::*;
use gonghui_api::config::Settings;
use gonghui_api::db::{self, schema::organisations as o, DbConn};
use gonghui_api::state::AppState;
use serde_json::Value;

/// The password every demo account has in tests.
pub const PASSWORD: &str = "Test-pass-2026";
/// The JWT secret tests sign with (tests forge tokens with it).
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh database on the local PostgreSQL.
    Postgres,
}

/// Runs each named `async fn(Backend)` test on both backends.
#[macro_export]
macro_rules! both {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::harness::Backend::Sqlite).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::harness::Backend::Postgres).await
                }
            )+
        }
    };
}

/// A fresh database of one backend, dropped with the value.
pub struct TestDb {
    /// Its URL.
    pub url: String,
    backend: Backend,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    /// Creates an empty database.
    pub fn create(backend: Backend) -> TestDb {
        let name = format!("gh_test_{}", uuid::Uuid::now_v7().simple());
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                TestDb {
                    url: format!("sqlite://{}", path.display()),
                    backend,
                    pg_admin: None,
                }
            }
            Backend::Postgres => {
                let admin = std::env::var("GONGHUI_TEST_PG")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
                let mut conn = diesel::PgConnection::establish(&admin).unwrap_or_else(|e| {
                    panic!("PostgreSQL is required for the test suite and is unreachable at {admin}: {e}. Start it (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set GONGHUI_TEST_PG.")
                });
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .unwrap_or_else(|e| panic!("create database {name}: {e}"));
                let base = admin
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_owned())
                    .unwrap_or(admin.clone());
                TestDb {
                    url: format!("{base}/{name}"),
                    backend,
                    pg_admin: Some((admin, name)),
                }
            }
        }
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.pg_admin {
            Some((admin, name)) => {
                if let Ok(mut conn) = diesel::PgConnection::establish(admin) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut conn);
                }
            }
            None => {
                let path = self.url.trim_start_matches("sqlite://");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
        }
    }
}

/// Settings for a test database: a fixed secret, cheap hashing, the given login limit.
pub fn settings(url: &str) -> Settings {
    Settings {
        database_url: url.to_owned(),
        data_dir: std::env::temp_dir(),
        jwt_secret: Some(JWT_SECRET.to_owned()),
        argon2_memory_kib: 64,
        login_max_failures: 5,
        body_limit_bytes: 64 * 1024,
        ..Settings::default()
    }
}

/// A running server on a fresh database with the demo tree and accounts.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// An HTTP client.
    pub http: reqwest::Client,
    /// The server's state (for direct database checks).
    pub state: AppState,
    /// The backend.
    pub backend: Backend,
    _db: TestDb,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop the server before the database goes away.
        let handle = self.handle.clone();
        std::mem::drop(handle.stop(false));
        // Every audit row the test wrote is searched for a full ID or mobile number: nothing personal is
        // written to the audit log unmasked, whichever test wrote it.
        if std::thread::panicking() {
            return;
        }
        let leaks = self.personal_numbers_in_audit_log();
        assert!(
            leaks.is_empty(),
            "full personal numbers in the audit log: {leaks:?}"
        );
    }
}

/// Full resident ID numbers (valid check character) and mobile numbers in a text: runs of 18 digits
/// (or 17 and X), and runs of exactly 11 digits starting 13-19, not inside a longer word.
pub fn personal_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit() || (j - i == 17 && matches!(chars[j], 'X' | 'x')))
        {
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        let bounded = j == chars.len() || !chars[j].is_ascii_alphanumeric();
        if bounded
            && ((run.len() == 18 && gonghui_api::domain::id_number::IdNumber::parse(&run).is_ok())
                || (run.len() == 11
                    && run.starts_with('1')
                    && matches!(run.as_bytes()[1], b'3'..=b'9')))
        {
            found.push(run);
        }
        i = j.max(i + 1);
    }
    found
}

/// A response read whole.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
    /// JSON body (`Null` when empty or not JSON).
    pub body: Value,
    /// The raw body.
    pub text: String,
}

impl Reply {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
    /// The problem `code`.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    /// The field names of a 422.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl TestApp {
    /// Full ID and mobile numbers found in any audit row (see [`personal_numbers`]).
    pub fn personal_numbers_in_audit_log(&self) -> Vec<(String, String)> {
        use gonghui_api::db::schema::audit_events as e;
        let Ok(mut conn) = self.state.pool.get() else {
            return Vec::new();
        };
        let rows: Vec<(String, String, String, String)> = e::table
            .select((e::action, e::resource_id, e::changes, e::resource_type))
            .load(&mut conn)
            .unwrap_or_default();
        rows.into_iter()
            .flat_map(|(action, id, changes, kind)| {
                personal_numbers(&format!("{id} {kind} {changes}"))
                    .into_iter()
                    .map(move |n| (action.clone(), n))
            })
            .collect()
    }

    /// Spawns a server on a fresh database with the demo data.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, |_| {}).await
    }

    /// Spawns with adjusted settings.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let db = TestDb::create(backend);
        let mut s = settings(&db.url);
        adjust(&mut s);
        let setup = s.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db::establish(&setup.database_url)
                .unwrap_or_else(|e| panic!("connect {}: {e}", setup.database_url));
            db::run_migrations(&mut conn).unwrap_or_else(|e| panic!("migrate: {e}"));
            gonghui_api::demo::load(&mut conn, &setup, Some(PASSWORD))
                .unwrap_or_else(|e| panic!("demo: {e}"));
        })
        .await
        .unwrap_or_else(|e| panic!("setup: {e}"));
        let pool = db::pool(
            &s.database_url,
            4,
            std::time::Duration::from_secs(s.db_timeout_seconds),
        )
        .unwrap_or_else(|e| panic!("pool: {e}"));
        let state = AppState::new(s, pool).unwrap_or_else(|e| panic!("state: {e}"));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
        let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
        let server = gonghui_api::startup::run(listener, state.clone())
            .unwrap_or_else(|e| panic!("run: {e}"));
        let handle = server.handle();
        tokio::spawn(server);
        TestApp {
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::new(),
            state,
            backend,
            _db: db,
            handle,
        }
    }

    /// Sends a request and reads the reply.
    pub async fn send(&self, req: reqwest::RequestBuilder) -> Reply {
        let res = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("request failed: {e}"));
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
        }
    }

    /// A request builder for a path.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req
    }

    /// GET with a token.
    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(self.request(reqwest::Method::GET, path, Some(token)))
            .await
    }

    /// POST JSON with a token.
    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send(
            self.request(reqwest::Method::POST, path, Some(token))
                .json(body),
        )
        .await
    }

    /// POST JSON with a token and `If-Match`.
    pub async fn post_if(&self, path: &str, token: &str, etag: &str, body: &Value) -> Reply {
        self.send(
            self.request(reqwest::Method::POST, path, Some(token))
                .header("if-match", etag)
                .json(body),
        )
        .await
    }

    /// PATCH JSON with a token and `If-Match`.
    pub async fn patch(&self, path: &str, token: &str, etag: &str, body: &Value) -> Reply {
        self.send(
            self.request(reqwest::Method::PATCH, path, Some(token))
                .header("if-match", etag)
                .json(body),
        )
        .await
    }

    /// Logs in and returns the whole token answer.
    pub async fn login_reply(&self, username: &str, password: &str) -> Reply {
        self.send(
            self.request(reqwest::Method::POST, "/api/v1/auth/login", None)
                .json(&serde_json::json!({ "username": username, "password": password })),
        )
        .await
    }

    /// Logs a demo account in; returns the access token.
    pub async fn login(&self, username: &str) -> String {
        let r = self.login_reply(username, PASSWORD).await;
        assert_eq!(r.status, 200, "login {username}: {}", r.text);
        r.body["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The id of the organisation with this name (straight from the database).
    pub async fn org_id(&self, name: &str) -> String {
        let name = name.to_owned();
        let pool = self.state.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap_or_else(|e| panic!("pool: {e}"));
            o::table
                .filter(o::name.eq(&name))
                .select(o::id)
                .first::<String>(&mut conn)
                .unwrap_or_else(|e| panic!("no organisation {name}: {e}"))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Runs a closure on a database connection.
    pub async fn with_conn<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut DbConn) -> T + Send + 'static,
    ) -> T {
        let pool = self.state.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().unwrap_or_else(|e| panic!("pool: {e}"));
            f(&mut conn)
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// GETs an organisation and returns (body, etag).
    pub async fn org(&self, id: &str, token: &str) -> (Value, String) {
        let r = self
            .get(&format!("/api/v1/organisations/{id}"), token)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let etag = r.header("etag").unwrap_or_default();
        (r.body, etag)
    }

    /// Follows `next_cursor` through every page of a list.
    pub async fn all_pages(&self, path: &str, token: &str) -> Vec<Value> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        let sep = if path.contains('?') { '&' } else { '?' };
        for _ in 0..1000 {
            let url = match &cursor {
                Some(c) => format!("{path}{sep}cursor={c}"),
                None => path.to_owned(),
            };
            let r = self.get(&url, token).await;
            assert_eq!(r.status, 200, "{url}: {}", r.text);
            items.extend(r.body["items"].as_array().cloned().unwrap_or_default());
            match r.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => return items,
            }
        }
        panic!("pagination did not end");
    }
}

/// Runs futures concurrently on the current task and returns their outputs in order (for race tests).
pub async fn join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    let mut results: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (i, slot) in pending.iter_mut().enumerate() {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        results[i] = Some(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    results.into_iter().flatten().collect()
}
