-- Nothing on SQLite: it has no trigram index (FTS5's trigram tokenizer would need a separate virtual table
-- kept in step with members), and the PostgreSQL index of this migration is what large registries need.
-- The migration exists so that both trees keep the same versions.
SELECT 1;
