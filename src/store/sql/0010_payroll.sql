-- Schema v10: paying the money (svc/payroll.h; the periods are
-- core/payperiod.h). A payroll run (发放批次) is one county × program × pay
-- period × kind; its lines (补贴清册) are built from the entitlements in force
-- in the period and frozen: every line carries the payee, ID number, bank
-- account, village and amounts as they were when the roster was built, so an
-- approved roster never changes when the register does.
--
-- Each township's part of a run is a section: the township checks and
-- submits it (乡镇造册), the county approves the run once every section is
-- submitted (县局审批), the payment officer exports the bank file (资金发放)
-- — three different people, checked by svc against payroll_events.
--
-- Never twice: a line that is pending or paid holds its slot — program,
-- pay period, kind of payment (regular or arrears), household and person —
-- and the partial unique index payroll_lines_once lets no second line hold
-- it. A reissue (重发) of a failed line takes the slot its failed original
-- gave up, so a beneficiary can never be paid the same month twice, however
-- often a line fails and is reissued.
CREATE TABLE payroll_runs (
  county         TEXT NOT NULL,
  id             {{pk}},
  run_no         TEXT NOT NULL,               -- 批次号 41072620260701R01
  program        TEXT NOT NULL REFERENCES programs (code),
  kind           TEXT NOT NULL CHECK (kind = 'regular' OR kind = 'arrears' OR kind = 'reissue'),
  period         TEXT NOT NULL,               -- core/payperiod.h code: 2026-07, 2026Q3
  first_month    DATE NOT NULL,
  months         INTEGER NOT NULL CHECK (months IN (1, 3, 6, 12)),
  due_on         DATE NOT NULL,               -- money in the accounts by
  state          TEXT NOT NULL,               -- svc/payroll.h payroll_state
  -- control totals (控制数), declared when built, checked at every step
  households     INTEGER NOT NULL CHECK (households >= 0),
  persons        INTEGER NOT NULL CHECK (persons >= 0),
  total_fen      BIGINT NOT NULL CHECK (total_fen >= 0),
  lines          INTEGER NOT NULL CHECK (lines >= 0),
  basis          TEXT NOT NULL,               -- JSON: standards and rules used
  built_at       TEXT NOT NULL,
  built_by       TEXT NOT NULL,
  approved_at    TEXT,
  approved_by    TEXT,
  exported_at    TEXT,
  exported_by    TEXT,
  file_template  TEXT,                        -- the bank template's text, frozen at export
  file_name      TEXT,
  file_sha256    TEXT,                        -- SHA-256 of the exported bytes
  file_date      DATE,
  payer_account  TEXT,                        -- 付款账号 (the county's fund account)
  closed_reason  TEXT,                        -- a cancellation's reason
  version        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX payroll_runs_no ON payroll_runs (county, run_no);
-- one live regular run per county, program and period
CREATE UNIQUE INDEX payroll_runs_one_regular ON payroll_runs (county, program, period)
  WHERE kind = 'regular' AND state <> 'cancelled';
CREATE INDEX payroll_runs_county ON payroll_runs (county, program, first_month);

-- A township's part of a run, with its own control totals.
CREATE TABLE payroll_sections (
  run_id         BIGINT NOT NULL REFERENCES payroll_runs (id),
  township_code  TEXT NOT NULL REFERENCES regions (code),
  state          TEXT NOT NULL CHECK (state = 'built' OR state = 'submitted' OR state = 'sent_back'),
  households     INTEGER NOT NULL,
  persons        INTEGER NOT NULL,
  total_fen      BIGINT NOT NULL,
  lines          INTEGER NOT NULL,
  submitted_at   TEXT,
  submitted_by   TEXT,
  reason         TEXT,                        -- why it was sent back
  PRIMARY KEY (run_id, township_code)
);

CREATE TABLE payroll_lines (
  county         TEXT NOT NULL,
  id             {{pk}},
  run_id         BIGINT NOT NULL REFERENCES payroll_runs (id),
  program        TEXT NOT NULL,
  period         TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind = 'regular' OR kind = 'arrears' OR kind = 'reissue'),
  slot           TEXT NOT NULL CHECK (slot = 'regular' OR slot = 'arrears'),
  household_id   BIGINT NOT NULL REFERENCES households (id),
  person_id      BIGINT NOT NULL DEFAULT 0,   -- 0: the household's (低保); else the person's
  township_code  TEXT NOT NULL,
  village_code   TEXT NOT NULL,
  village_name   TEXT NOT NULL,
  hh_no          TEXT NOT NULL,
  payee_name     TEXT NOT NULL,               -- 领取人 (the head, or the person)
  payee_id_number TEXT NOT NULL,
  bank_name      TEXT,
  bank_account   TEXT,
  account_name   TEXT,
  persons        INTEGER NOT NULL CHECK (persons >= 1),
  base_fen       BIGINT NOT NULL CHECK (base_fen >= 0),
  addon_fen      BIGINT NOT NULL CHECK (addon_fen >= 0),
  deduction_fen  BIGINT NOT NULL DEFAULT 0 CHECK (deduction_fen >= 0),
  total_fen      BIGINT NOT NULL CHECK (total_fen > 0),
  detail         TEXT,                        -- JSON: months, entitlements, rule
  status         TEXT NOT NULL CHECK (status = 'pending' OR status = 'paid' OR status = 'failed' OR status = 'void'),
  bank_reason    TEXT,                        -- the bank's reason for a failure
  returned_at    TEXT,
  reissue_of     BIGINT REFERENCES payroll_lines (id),
  reissued_by    BIGINT,                      -- the line that reissued this failed one
  CHECK (total_fen = base_fen + addon_fen - deduction_fen)
);
CREATE UNIQUE INDEX payroll_lines_once
  ON payroll_lines (program, period, slot, household_id, person_id)
  WHERE status = 'pending' OR status = 'paid';
CREATE INDEX payroll_lines_run ON payroll_lines (run_id, township_code, village_code);
CREATE INDEX payroll_lines_household ON payroll_lines (household_id, program);

-- The bank's return files (回盘) recorded against a run: each marks lines
-- paid or failed; its bytes' checksum and what it said are kept.
CREATE TABLE payroll_returns (
  county         TEXT NOT NULL,
  id             {{pk}},
  run_id         BIGINT NOT NULL REFERENCES payroll_runs (id),
  file_name      TEXT NOT NULL,
  file_sha256    TEXT NOT NULL,
  rows           INTEGER NOT NULL,
  paid_count     INTEGER NOT NULL,
  paid_fen       BIGINT NOT NULL,
  failed_count   INTEGER NOT NULL,
  failed_fen     BIGINT NOT NULL,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL
);
CREATE UNIQUE INDEX payroll_returns_once ON payroll_returns (run_id, file_sha256);

-- A county's own bank templates (core/bankfile.h text), beside the
-- built-in samples; a name is never reused for other text.
CREATE TABLE bank_templates (
  county         TEXT NOT NULL,
  name           TEXT NOT NULL,
  text           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  PRIMARY KEY (county, name)
);

-- Overpayments (应追缴): money paid for a period beyond what is due — a
-- standard or an entitlement reduced or stopped retroactively, a finding
-- of fraud. plan: deduct from later payments (up to pay.recovery_max_bp of
-- each) or repay; what is recovered is counted from the recoveries.
CREATE TABLE overpayments (
  county         TEXT NOT NULL,
  id             {{pk}},
  household_id   BIGINT NOT NULL REFERENCES households (id),
  person_id      BIGINT NOT NULL DEFAULT 0,
  program        TEXT NOT NULL REFERENCES programs (code),
  period         TEXT NOT NULL,
  amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
  reason         TEXT NOT NULL,               -- recompute | fraud | other
  note           TEXT,
  plan           TEXT NOT NULL CHECK (plan = 'deduct' OR plan = 'repay'),
  found_run_id   BIGINT REFERENCES payroll_runs (id), -- the arrears run that found it
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  closed_on      DATE,
  closed_reason  TEXT
);
CREATE INDEX overpayments_household ON overpayments (household_id, program);

-- What was recovered of an overpayment: a deduction on a payroll line (it
-- counts once that line is paid) or a repayment with its receipt.
CREATE TABLE recoveries (
  county         TEXT NOT NULL,
  id             {{pk}},
  overpayment_id BIGINT NOT NULL REFERENCES overpayments (id),
  kind           TEXT NOT NULL CHECK (kind = 'deduction' OR kind = 'repayment'),
  line_id        BIGINT REFERENCES payroll_lines (id),
  amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
  receipt_no     TEXT,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL
);
CREATE INDEX recoveries_overpayment ON recoveries (overpayment_id);

-- A run's timeline: who built, submitted, sent back, approved, exported …
CREATE TABLE payroll_events (
  county         TEXT NOT NULL,
  id             {{pk}},
  run_id         BIGINT NOT NULL REFERENCES payroll_runs (id),
  action         TEXT NOT NULL,
  township_code  TEXT,
  actor          TEXT NOT NULL,
  actor_id       BIGINT,                      -- the user, for separation of duties
  at             TEXT NOT NULL,
  reason         TEXT,
  households     INTEGER,
  persons        INTEGER,
  total_fen      BIGINT
);
CREATE INDEX payroll_events_run ON payroll_events (run_id);

-- What a decision split into base and add-on, and the per-capita income it
-- used, so a later standard can recompute it (调标, arrears).
ALTER TABLE entitlements ADD COLUMN base_fen BIGINT;
ALTER TABLE entitlements ADD COLUMN addon_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE entitlements ADD COLUMN income_fen BIGINT;
-- A roster walks the entitlements of a county and program in household
-- order (store_payroll_sources): read in this index's order, a million
-- households need no sort, and their household, head and person rows are
-- then read in the order they were written.
CREATE INDEX entitlements_payroll ON entitlements (county, program, household_id, from_month);

INSERT INTO id_blocks (kind, next_id) VALUES ('payroll_run', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('payroll_line', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('payroll_event', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('payroll_return', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('overpayment', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('recovery', 1);
