//! The command line: `serve`, `migrate`, `create-admin`, `openapi`, `demo`.

use std::io::BufRead;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::auth::{passwords, Role};
use crate::config::Settings;
use crate::db::models::audit_events::{self, Actor};
use crate::db::models::organisations;
use crate::db::{self, DbConn};
use crate::domain::organisation::OrgKind;

/// Gonghui: the trade-union federation platform.
#[derive(Debug, Parser)]
#[command(name = "gonghui", version, about)]
pub struct Cli {
    /// A TOML settings file (also `GONGHUI_CONFIG`).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the API (migrations first); with --spa-dir also serve the built web app on the same port.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080, or GONGHUI_BIND).
        #[arg(long)]
        bind: Option<String>,
        /// The built web app directory (e.g. spa/dist).
        #[arg(long)]
        spa_dir: Option<PathBuf>,
    },
    /// Run pending database migrations and exit.
    Migrate,
    /// Create an admin account over the root organisation (creating the root if there is none).
    CreateAdmin {
        /// The admin's username.
        #[arg(long)]
        username: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Display name.
        #[arg(long, default_value = "系统管理员")]
        display_name: String,
        /// Name of the root organisation, when it must be created.
        #[arg(long, default_value = "中华全国总工会")]
        root_name: String,
        /// Kind of the root organisation, when it must be created.
        #[arg(long, default_value = "national_federation")]
        root_kind: String,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Load demo data beneath the root, idempotently, and print the demo accounts.
    Demo {
        /// Give every demo account the password read from standard input (else random ones, printed once).
        #[arg(long)]
        password_stdin: bool,
    },
}

fn read_password() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("reading the password from stdin: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    passwords::check_strength(&password).map_err(|why| format!("the password {why}"))?;
    Ok(password)
}

/// One connection for a command, with a SQLite file's folder created first (as `serve`'s pool does).
fn open(settings: &Settings) -> Result<DbConn, String> {
    if settings.backend() == db::Backend::Sqlite {
        let _ = std::fs::create_dir_all(&settings.data_dir);
    }
    let url = redact(&settings.database_url);
    db::create_sqlite_folder(&settings.database_url).map_err(|e| format!("database {url}: {e}"))?;
    db::establish(&settings.database_url).map_err(|e| format!("database {url}: {e}"))
}

fn connect(settings: &Settings) -> Result<DbConn, String> {
    let mut conn = open(settings)?;
    db::run_migrations(&mut conn).map_err(|e| format!("migrations: {e}"))?;
    Ok(conn)
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Runs a command.
pub fn dispatch(cli: Cli) -> Result<(), String> {
    let mut settings = Settings::load(cli.config)?;
    match cli.command {
        Command::Openapi => {
            let doc = crate::startup::openapi()
                .to_pretty_json()
                .map_err(|e| e.to_string())?;
            println!("{doc}");
            Ok(())
        }
        Command::Migrate => {
            crate::telemetry::init(settings.log_format, &settings.log_level);
            let mut conn = open(&settings)?;
            let applied = db::run_migrations(&mut conn).map_err(|e| format!("migrations: {e}"))?;
            println!(
                "applied {} migration(s){}",
                applied.len(),
                if applied.is_empty() {
                    String::new()
                } else {
                    format!(": {}", applied.join(", "))
                }
            );
            Ok(())
        }
        Command::CreateAdmin {
            username,
            password_stdin: _,
            display_name,
            root_name,
            root_kind,
        } => {
            let password = read_password()?;
            let kind = OrgKind::parse(&root_kind)
                .ok_or_else(|| format!("--root-kind: unknown kind '{root_kind}'"))?;
            let mut conn = connect(&settings)?;
            let hash = passwords::hash(&password, settings.argon2_memory_kib)?;
            let root = ensure_root(&mut conn, &root_name, kind)?;
            create_account(
                &mut conn,
                &username,
                &display_name,
                Role::Admin,
                &root.id,
                &hash,
                "",
            )?;
            println!(
                "admin '{username}' created over {} ({})",
                root.name, root.id
            );
            Ok(())
        }
        Command::Demo { password_stdin } => {
            let shared = if password_stdin {
                Some(read_password()?)
            } else {
                None
            };
            let mut conn = connect(&settings)?;
            crate::demo::load(&mut conn, &settings, shared.as_deref())
        }
        Command::Serve { bind, spa_dir } => {
            if let Some(b) = bind {
                settings.bind = b;
            }
            if let Some(d) = spa_dir {
                settings.spa_dir = Some(d);
            }
            serve(settings)
        }
    }
}

fn serve(settings: Settings) -> Result<(), String> {
    crate::telemetry::init(settings.log_format, &settings.log_level);
    if let Some(dir) = &settings.spa_dir {
        if !dir.join("index.html").exists() {
            return Err(format!("spa_dir {}: no index.html there (build the web app first: cd spa && npm ci && npm run build)", dir.display()));
        }
    }
    if settings.backend() == db::Backend::Sqlite {
        std::fs::create_dir_all(&settings.data_dir)
            .map_err(|e| format!("data_dir {}: {e}", settings.data_dir.display()))?;
    }
    let pool = db::pool(
        &settings.database_url,
        settings.pool_size,
        std::time::Duration::from_secs(settings.db_timeout_seconds),
    )
    .map_err(|e| format!("database {}: {e}", redact(&settings.database_url)))?;
    {
        let mut conn = pool.get().map_err(|e| format!("database: {e}"))?;
        let applied = db::run_migrations(&mut conn).map_err(|e| format!("migrations: {e}"))?;
        if !applied.is_empty() {
            tracing::info!(migrations = ?applied, "migrations applied");
        }
    }
    let listener = std::net::TcpListener::bind(&settings.bind)
        .map_err(|e| format!("bind {}: {e}", settings.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let spa = settings
        .spa_dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "none".to_owned());
    let url = redact(&settings.database_url);
    let state = crate::state::AppState::new(settings, pool)?;
    tracing::info!(%addr, database = %url, spa_dir = %spa, "gonghui listening");
    eprintln!("gonghui listening on http://{addr} (API docs: http://{addr}/docs/)");
    actix_web::rt::System::new().block_on(async move {
        crate::startup::run(listener, state)
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())
    })
}

/// The root organisation, created when the deployment has none.
pub fn ensure_root(
    conn: &mut DbConn,
    name: &str,
    kind: OrgKind,
) -> Result<organisations::OrganisationRow, String> {
    if let Some(root) = organisations::root(conn).map_err(|e| e.to_string())? {
        return Ok(root);
    }
    let row = organisations::OrganisationRow::new(None, name, kind.as_str());
    crate::db::write_transaction(conn, |c| {
        organisations::insert(c, &row)?;
        audit_events::record(
            c,
            &Actor::cli("create-root"),
            crate::domain::audit::AuditAction::OrganisationCreate,
            crate::domain::audit::AuditResource::Organisation,
            &row.id,
            Some(&row.id),
            crate::views::organisations::audit_view(&row),
        )
    })
    .map_err(|e: diesel::result::Error| e.to_string())?;
    Ok(row)
}

/// Creates an account from the command line; refuses a taken username.
pub fn create_account(
    conn: &mut DbConn,
    username: &str,
    display_name: &str,
    role: Role,
    org_id: &str,
    hash: &str,
    scopes: &str,
) -> Result<String, String> {
    let new = crate::services::accounts::NewAccount {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        password_hash: hash.to_owned(),
        role,
        organisation_id: org_id.to_owned(),
        scopes: scopes.to_owned(),
        member_id: None,
    };
    let row = crate::db::write_transaction(conn, |c| {
        crate::services::accounts::create(c, &Actor::cli("create-account"), new)
    })
    .map_err(|e| e.detail)?;
    Ok(row.id)
}
