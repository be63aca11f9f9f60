-- Login attempts per account name and per client address, counted in the database so that concurrent
-- attempts and API replicas share one count (an in-process counter let 20 concurrent guesses through).
CREATE TABLE login_attempts (
    throttle_key TEXT PRIMARY KEY NOT NULL,
    attempts INTEGER NOT NULL,
    window_started BIGINT NOT NULL
);
