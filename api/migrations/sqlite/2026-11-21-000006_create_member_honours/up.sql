-- Honours of members: model-worker titles, May-1st medals and the like, several per member.
CREATE TABLE member_honours (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    title TEXT NOT NULL,
    awarded_on DATE NOT NULL,
    awarding_body TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX member_honours_member_idx ON member_honours (member_id, id);
CREATE INDEX member_honours_kind_idx ON member_honours (kind, level);
