-- Schema v3: login sessions of `dibao serve` (svc/session.c). Only a
-- BLAKE2b hash of the session token is stored: whoever reads this table
-- (a backup, an administrator) cannot take over a session with it. Times
-- are UTC text "2026-11-26T08:15:00Z", which compares in time order.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users (id),
  csrf        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  last_seen   TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
