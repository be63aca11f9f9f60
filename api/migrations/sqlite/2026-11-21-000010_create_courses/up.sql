-- Training courses (#4): courses owned by an organisation, their sessions, enrolments with a first-come
-- waitlist, attendance, certificates, notices, and workers' course requests (职工点菜) with supporters.
CREATE TABLE courses (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    description TEXT NOT NULL,
    partner_organisation_id TEXT REFERENCES organisations (id),
    partner_name TEXT,
    venue TEXT NOT NULL,
    venue_address TEXT NOT NULL,
    venue_division TEXT NOT NULL,
    fee_fen BIGINT NOT NULL,
    min_places INTEGER NOT NULL,
    max_places INTEGER NOT NULL,
    enrol_opens_at TIMESTAMP NOT NULL,
    enrol_closes_at TIMESTAMP NOT NULL,
    eligibility TEXT NOT NULL,
    completion_percent INTEGER NOT NULL,
    status TEXT NOT NULL,
    enrolled_count INTEGER NOT NULL DEFAULT 0,
    arrivals INTEGER NOT NULL DEFAULT 0,
    cancel_reason TEXT,
    request_id TEXT,
    created_by TEXT NOT NULL REFERENCES accounts (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX courses_organisation_idx ON courses (organisation_id, id);
CREATE INDEX courses_status_idx ON courses (status, enrol_closes_at);

CREATE TABLE course_sessions (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses (id),
    session_date DATE NOT NULL,
    starts_at TIME NOT NULL,
    ends_at TIME NOT NULL,
    venue TEXT,
    teacher TEXT NOT NULL,
    checkin_secret TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX course_sessions_course_idx ON course_sessions (course_id, session_date, starts_at);

-- `arrival` orders the waitlist: taken from courses.arrivals under the course row's lock.
CREATE TABLE enrolments (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses (id),
    member_id TEXT REFERENCES members (id),
    name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    mobile TEXT,
    migrant_worker BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    arrival INTEGER NOT NULL,
    enrolled_at TIMESTAMP,
    left_at TIMESTAMP,
    left_reason TEXT,
    created_by TEXT NOT NULL REFERENCES accounts (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX enrolments_person_idx ON enrolments (course_id, id_number) WHERE status IN ('enrolled', 'waitlisted');
CREATE INDEX enrolments_course_idx ON enrolments (course_id, status, arrival);
CREATE INDEX enrolments_member_idx ON enrolments (member_id);

CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES course_sessions (id),
    enrolment_id TEXT NOT NULL REFERENCES enrolments (id),
    status TEXT NOT NULL,
    method TEXT NOT NULL,
    recorded_by TEXT REFERENCES accounts (id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX attendance_once_idx ON attendance (session_id, enrolment_id);

CREATE TABLE certificates (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    course_id TEXT NOT NULL REFERENCES courses (id),
    enrolment_id TEXT NOT NULL UNIQUE REFERENCES enrolments (id),
    holder_name TEXT NOT NULL,
    issued_on DATE NOT NULL,
    status TEXT NOT NULL,
    revoked_reason TEXT,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX certificates_course_idx ON certificates (course_id, id);

-- Notices recorded for people: course cancelled, moved up from the waitlist, a requested course opened.
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    course_id TEXT REFERENCES courses (id),
    enrolment_id TEXT REFERENCES enrolments (id),
    member_id TEXT REFERENCES members (id),
    account_id TEXT REFERENCES accounts (id),
    mobile TEXT,
    message TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notices_member_idx ON notices (member_id, id);
CREATE INDEX notices_account_idx ON notices (account_id, id);
CREATE INDEX notices_course_idx ON notices (course_id, id);

CREATE TABLE course_requests (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    category TEXT,
    topic TEXT NOT NULL,
    division TEXT NOT NULL,
    preferred_times TEXT,
    status TEXT NOT NULL,
    supporters INTEGER NOT NULL DEFAULT 1,
    course_id TEXT REFERENCES courses (id),
    filed_by TEXT NOT NULL REFERENCES accounts (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX course_requests_rank_idx ON course_requests (organisation_id, status, supporters);

CREATE TABLE course_request_supporters (
    request_id TEXT NOT NULL REFERENCES course_requests (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (request_id, account_id)
);
