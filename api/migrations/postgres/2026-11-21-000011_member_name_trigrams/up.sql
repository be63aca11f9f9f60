-- "Name contains" over a million members: a trigram index on the lowercased name serves patterns of three
-- or more characters (LIKE '%...%'). pg_trgm ships with PostgreSQL (contrib) and is a trusted extension,
-- so the database owner may create it. Connections plan each statement with its values
-- (plan_cache_mode = force_custom_plan, set in db::establish), without which a generic plan can scan the
-- whole index once per organisation.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_name_trgm_idx ON members USING gin (lower(name) gin_trgm_ops);
