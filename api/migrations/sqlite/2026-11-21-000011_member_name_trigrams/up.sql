-- PostgreSQL gets a trigram index for "name contains" here; SQLite deployments are single-machine and
-- small, and scan names as before. Kept so both trees carry the same versions.
SELECT 1;
