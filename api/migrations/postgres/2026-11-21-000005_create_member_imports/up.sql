-- Uploaded member collection sheets: the preview (per-row errors, the valid rows) until committed.
CREATE TABLE member_imports (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    status TEXT NOT NULL,
    file_name TEXT,
    total_rows INTEGER NOT NULL,
    valid_rows INTEGER NOT NULL,
    errors TEXT NOT NULL,
    payload TEXT NOT NULL,
    inserted INTEGER,
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    committed_at TIMESTAMP
);
CREATE INDEX member_imports_organisation_idx ON member_imports (organisation_id, id);
