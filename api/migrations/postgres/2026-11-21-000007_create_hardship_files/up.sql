-- Hardship files (困难职工档案): a member's household circumstances, reviewed over time (动态管理).
-- At most one open (applied or approved) file per member.
CREATE TABLE hardship_files (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members (id),
    category TEXT NOT NULL,
    household_size INTEGER NOT NULL,
    monthly_income_per_head_fen BIGINT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    applied_on DATE NOT NULL,
    reviewed_by TEXT REFERENCES accounts (id),
    reviewed_on DATE,
    review_note TEXT,
    review_due_on DATE,
    created_by TEXT NOT NULL REFERENCES accounts (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX hardship_files_open_idx ON hardship_files (member_id) WHERE status IN ('applied', 'approved');
CREATE INDEX hardship_files_member_idx ON hardship_files (member_id, id);
CREATE INDEX hardship_files_status_idx ON hardship_files (status, review_due_on);

-- Every decision on a file: approve, reject, renew (a re-review that keeps it), lift.
CREATE TABLE hardship_reviews (
    id TEXT PRIMARY KEY,
    file_id TEXT NOT NULL REFERENCES hardship_files (id),
    decision TEXT NOT NULL,
    note TEXT,
    decided_on DATE NOT NULL,
    review_due_on DATE,
    decided_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX hardship_reviews_file_idx ON hardship_reviews (file_id, id);

-- Evidence attachments; the bytes live on disk under the evidence directory, named by id.
CREATE TABLE hardship_evidence (
    id TEXT PRIMARY KEY,
    file_id TEXT NOT NULL REFERENCES hardship_files (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX hardship_evidence_file_idx ON hardship_evidence (file_id, id);

-- Assistance given on an approved file: 送温暖, 金秋助学, medical aid; amounts in fen.
CREATE TABLE hardship_assistance (
    id TEXT PRIMARY KEY,
    file_id TEXT NOT NULL REFERENCES hardship_files (id),
    given_on DATE NOT NULL,
    kind TEXT NOT NULL,
    amount_fen BIGINT NOT NULL,
    note TEXT,
    recorded_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX hardship_assistance_file_idx ON hardship_assistance (file_id, id);
CREATE INDEX hardship_assistance_given_idx ON hardship_assistance (given_on);
