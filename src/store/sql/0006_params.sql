-- Schema v6: local parameters (地方参数) per province, city or county, with
-- their effective dates and whole history (svc/params.h; the catalogue of
-- keys, types and national defaults is core/params.h).
--
-- A row is never updated or deleted. A new value is a new row with the date
-- it takes effect; a correction of a row whose date has not come yet is
-- another row of the same date with the next revision, so the mistake and
-- its correction both stay visible. The value in force on a date for a
-- scope is its row with the latest effective_from not after that date and,
-- among rows of that date, the highest revision. A county's value wins over
-- its city's, a city's over its province's, and the catalogue's national
-- default applies where none of them has one.
-- scope is a 12-digit region code of a province, city or county; value is
-- the canonical text of core/params.h params_encode (fen and basis points as
-- integers, "true"/"false", enum codes).
CREATE TABLE params (
  scope           TEXT NOT NULL,
  key             TEXT NOT NULL,
  effective_from  DATE NOT NULL,
  revision        INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
  value           TEXT NOT NULL,
  decided_on      DATE,
  document        TEXT,                    -- 文件号 of the decision
  reason          TEXT,                    -- required for a correction
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  CHECK (length(scope) = 12),
  PRIMARY KEY (scope, key, effective_from, revision)
);
-- Resolution reads one key for up to three scopes; listing reads every key
-- of those scopes. Both are served by the primary key (scope leads).
