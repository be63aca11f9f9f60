-- Join and transfer requests with their approval steps. One open request per person (by ID number).
CREATE TABLE membership_requests (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    id_number TEXT NOT NULL,
    person TEXT NOT NULL,
    member_id TEXT REFERENCES members (id),
    from_organisation_id TEXT REFERENCES organisations (id),
    to_organisation_id TEXT NOT NULL REFERENCES organisations (id),
    reason TEXT,
    decision_reason TEXT,
    requested_by TEXT,
    released_by TEXT,
    released_at TIMESTAMP,
    decided_by TEXT,
    decided_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX membership_requests_one_open ON membership_requests (id_number) WHERE status IN ('pending', 'released');
CREATE INDEX membership_requests_to_idx ON membership_requests (to_organisation_id, id);
CREATE INDEX membership_requests_from_idx ON membership_requests (from_organisation_id, id);
