DROP INDEX accounts_member_idx;
ALTER TABLE accounts DROP COLUMN member_id;
