-- A `member` account may be linked to the member record it serves (self-service); one account per member.
ALTER TABLE accounts ADD COLUMN member_id TEXT REFERENCES members (id);
CREATE UNIQUE INDEX accounts_member_idx ON accounts (member_id);
