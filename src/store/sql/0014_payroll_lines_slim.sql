-- Schema v14: a slimmer payroll line (docs/performance.md, "Payroll").
--
-- The common line — one month, one entitlement, the month's amount the
-- line's own — keeps the entitlement here and no detail: the store
-- (store_payroll_lines.c) writes it so when the detail would have said
-- exactly [{"month":period,"fen":base+addon,"entitlement":id}], and gives
-- that text back to every reader (STORE_LINE_DETAIL): some 50 of about 265
-- bytes a line less on a million-line roster; every other line keeps its
-- detail as before.
ALTER TABLE payroll_lines ADD COLUMN entitlement_id BIGINT;

-- Two indexes instead of three. "Never twice" now leads with the
-- household, so it also finds a household's pending and paid lines (the
-- household's 资金发放 tab and account); its failed lines, few, have their
-- own small index (also the reissue queue's). Same columns, same partial
-- predicate: the constraint means what it meant.
DROP INDEX payroll_lines_household;
DROP INDEX payroll_lines_once;
CREATE UNIQUE INDEX payroll_lines_once
  ON payroll_lines (household_id, program, period, slot, person_id)
  WHERE status = 'pending' OR status = 'paid';
CREATE INDEX payroll_lines_failed ON payroll_lines (household_id)
  WHERE status = 'failed';
