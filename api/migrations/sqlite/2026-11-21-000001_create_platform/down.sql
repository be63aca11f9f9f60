DROP TABLE idempotency_keys;
DROP TABLE audit_events;
DROP TABLE refresh_tokens;
DROP TABLE accounts;
DROP TABLE organisations;
