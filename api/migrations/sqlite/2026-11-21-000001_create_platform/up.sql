-- The platform: the organisation tree, accounts, refresh tokens, the audit log and idempotency records.
-- `path` is a materialized path ('/root/child/'); SQLite's binary collation keeps the prefix-range scope filter on the index.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES organisations (id),
    path TEXT NOT NULL UNIQUE,
    depth INTEGER NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT,
    kind TEXT NOT NULL,
    division_code TEXT,
    address TEXT,
    credit_code TEXT,
    ownership TEXT,
    industry TEXT,
    headcount INTEGER,
    women_headcount INTEGER,
    founded_on DATE,
    legal_person_certificate TEXT,
    chair_name TEXT,
    chair_contact TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX organisations_parent_idx ON organisations (parent_id, id);
CREATE INDEX organisations_kind_idx ON organisations (kind);
CREATE INDEX organisations_division_idx ON organisations (division_code);
-- Exactly one root per deployment.
CREATE UNIQUE INDEX organisations_single_root ON organisations ((parent_id IS NULL)) WHERE parent_id IS NULL;

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    scopes TEXT NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT 0,
    last_login_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX accounts_organisation_idx ON accounts (organisation_id);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_username TEXT,
    action TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    request_id TEXT,
    changes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_resource_idx ON audit_events (resource_type, resource_id);
CREATE INDEX audit_events_organisation_idx ON audit_events (organisation_id);

CREATE TABLE idempotency_keys (
    account_key TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER,
    content_type TEXT,
    response_body TEXT,
    location TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_key, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
