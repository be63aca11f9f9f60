-- Membership card serials, one counter per division code. Counters only grow, so a card number is never
-- issued twice, even after a member leaves.
CREATE TABLE card_sequences (
    division TEXT PRIMARY KEY,
    next_serial BIGINT NOT NULL
);
