-- The member registry: one row per person (unique by resident ID number across the deployment) with the
-- membership in a union, and the membership history.
-- `id_number_rev` is the ID number reversed, so "ends with 1234" is an indexed prefix range.
CREATE TABLE members (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    ethnicity TEXT,
    birth_date DATE NOT NULL,
    id_number TEXT COLLATE "C" NOT NULL UNIQUE,
    id_number_rev TEXT COLLATE "C" NOT NULL,
    mobile TEXT,
    education TEXT,
    political_status TEXT,
    hukou_type TEXT,
    hukou_division TEXT,
    employment_status TEXT,
    skill_level TEXT,
    migrant_worker BOOLEAN NOT NULL DEFAULT FALSE,
    new_form_employment BOOLEAN NOT NULL DEFAULT FALSE,
    new_form_kind TEXT,
    dispatched BOOLEAN NOT NULL DEFAULT FALSE,
    joined_on DATE,
    card_number TEXT UNIQUE,
    status TEXT NOT NULL DEFAULT 'active',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX members_organisation_idx ON members (organisation_id, id);
CREATE INDEX members_id_number_rev_idx ON members (id_number_rev);
CREATE INDEX members_mobile_idx ON members (mobile);
CREATE INDEX members_name_idx ON members (name);

CREATE TABLE membership_changes (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members (id),
    change TEXT NOT NULL,
    effective_on DATE NOT NULL,
    from_organisation_id TEXT REFERENCES organisations (id),
    to_organisation_id TEXT REFERENCES organisations (id),
    reason TEXT,
    actor_id TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX membership_changes_member_idx ON membership_changes (member_id, id);
