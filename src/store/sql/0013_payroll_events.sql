-- Schema v13: the counts of a payroll run's timeline (payroll_events;
-- svc/payroll.h, docs/internals/payroll.md).
--
-- An event's totals had households, persons and money but not the lines
-- they came from, and the bank's return recorded none of its outcome:
-- each event now keeps its lines (export: the lines in the file; return:
-- the lines the file reported), and a return what the bank paid and what
-- failed (counts and fen; NULL for every other step).
ALTER TABLE payroll_events ADD COLUMN lines INTEGER;
ALTER TABLE payroll_events ADD COLUMN paid INTEGER;
ALTER TABLE payroll_events ADD COLUMN paid_fen BIGINT;
ALTER TABLE payroll_events ADD COLUMN failed INTEGER;
ALTER TABLE payroll_events ADD COLUMN failed_fen BIGINT;
-- an export wrote every line of its run (the export refuses a run whose
-- lines do not add up to its control totals), so the lines of the events
-- recorded before v13 are known
UPDATE payroll_events SET lines = (SELECT r.lines FROM payroll_runs r WHERE r.id = payroll_events.run_id)
  WHERE action = 'export';
