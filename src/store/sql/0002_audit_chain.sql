-- Schema v2: the audit chain cannot fork. Every record's prev_hash names
-- the record before it, so no two records may share one (store_audit.c
-- serialises appends; this makes a fork impossible even if that failed).
CREATE UNIQUE INDEX audit_log_prev_hash ON audit_log (prev_hash);
