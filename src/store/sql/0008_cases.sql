-- Schema v8: 低保 cases from application to decision (svc/case.h; the
-- workflow is core/workflow.h), the documents they issue with their
-- numbers, and the entitlements a confirmation opens.
--
-- A case holds its state and the facts the workflow's guards read
-- (struct wf_facts); every action taken on it is a row of case_events with
-- the record it entered (the home visit, the evaluation, the check result,
-- the objection) as JSON, so the timeline and the separation of duties are
-- read from the events. version makes two clerks acting on one case at
-- once collide instead of overwriting each other (svc checks the version
-- it read in its UPDATE).
CREATE TABLE cases (
  county               TEXT NOT NULL,
  id                   {{pk}},
  case_no              TEXT NOT NULL,          -- 申请编号 410726-2026-000001
  household_id         BIGINT NOT NULL REFERENCES households (id),
  village_code         TEXT NOT NULL REFERENCES regions (code), -- at application: the scope
  program              TEXT NOT NULL REFERENCES programs (code),
  state                TEXT NOT NULL,          -- core/workflow.h wf_state_code
  state_since          DATE NOT NULL,          -- wf_clock.entered
  applied_on           DATE NOT NULL,
  accepted_on          DATE,                   -- T0
  decided_on           DATE,
  extension            TEXT,                   -- wf_extension_code, NULL for none
  extension_reason     TEXT,
  missing_docs         TEXT NOT NULL DEFAULT '[]', -- JSON array of missing checklist codes
  missing_notice_issued SMALLINT NOT NULL DEFAULT 0,
  visit_done           SMALLINT NOT NULL DEFAULT 0,
  check_result         TEXT,                   -- 'passed' / 'failed'
  eval_done            SMALLINT NOT NULL DEFAULT 0,
  notice_start         DATE,
  objection_open       SMALLINT NOT NULL DEFAULT 0,
  relatives_declared   SMALLINT NOT NULL DEFAULT 0, -- the applicant's declaration
  relatives_filed      SMALLINT NOT NULL DEFAULT 0, -- 近亲属备案 (declared or found)
  has_complaint        SMALLINT NOT NULL DEFAULT 0,
  county_visit_done    SMALLINT NOT NULL DEFAULT 0,
  assessment           TEXT,                   -- JSON of the latest svc/assessment
  amount_fen           BIGINT CHECK (amount_fen IS NULL OR amount_fen >= 0),
  persons              INTEGER,
  note                 TEXT,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (check_result IS NULL OR check_result = 'passed' OR check_result = 'failed')
);
CREATE UNIQUE INDEX cases_case_no ON cases (case_no);
-- One open case per household and program: a second application while one
-- is under way is the same application.
CREATE UNIQUE INDEX cases_one_open ON cases (household_id, program)
  WHERE state NOT IN ('confirmed', 'refusal_notified', 'terminated', 'withdrawn');
-- Lists and inboxes: a region subtree (a prefix of village_code) in a state.
CREATE INDEX cases_scope ON cases (county, state, village_code);
CREATE INDEX cases_household ON cases (household_id);

-- The timeline. seq counts from 1 per case.
CREATE TABLE case_events (
  county       TEXT NOT NULL,
  case_id      BIGINT NOT NULL REFERENCES cases (id),
  seq          INTEGER NOT NULL,
  action       TEXT NOT NULL,                  -- wf_action_code
  from_state   TEXT NOT NULL,
  to_state     TEXT NOT NULL,
  on_date      DATE NOT NULL,                  -- the business day it was taken
  at           TEXT NOT NULL,                  -- UTC, when it was recorded
  actor        TEXT NOT NULL,                  -- username
  reason       TEXT,
  data         TEXT,                           -- JSON of the record entered
  document_id  BIGINT,
  PRIMARY KEY (case_id, seq)
);

-- Documents, numbered and frozen when issued: content is the JSON the
-- printed page is made from, so a reprint years later shows what was
-- handed out. doc_no is 延津民低确〔2026〕12号 style, counted per county,
-- kind and year in doc_counters.
CREATE TABLE case_documents (
  county      TEXT NOT NULL,
  id          {{pk}},
  case_id     BIGINT REFERENCES cases (id),
  kind        TEXT NOT NULL,
  doc_no      TEXT NOT NULL,
  issued_on   DATE NOT NULL,
  issued_at   TEXT NOT NULL,
  issued_by   TEXT NOT NULL,
  content     TEXT NOT NULL
);
CREATE UNIQUE INDEX case_documents_no ON case_documents (doc_no);
CREATE INDEX case_documents_case ON case_documents (case_id);

CREATE TABLE doc_counters (
  county  TEXT NOT NULL,
  kind    TEXT NOT NULL,
  year    INTEGER NOT NULL,
  next    BIGINT NOT NULL,
  PRIMARY KEY (county, kind, year)
);

-- What a household is entitled to, as periods: a change of amount ends a
-- row (to_month) and starts the next, so the amount in force for any
-- month is one row (payroll, issue 5). Months are the first day of the
-- month.
CREATE TABLE entitlements (
  county        TEXT NOT NULL,
  id            {{pk}},
  household_id  BIGINT NOT NULL REFERENCES households (id),
  program       TEXT NOT NULL REFERENCES programs (code),
  case_id       BIGINT REFERENCES cases (id),
  from_month    DATE NOT NULL,
  to_month      DATE,                          -- last month included; NULL open
  amount_fen    BIGINT NOT NULL CHECK (amount_fen >= 0), -- per month, the household
  persons       INTEGER NOT NULL CHECK (persons >= 1),
  decision_no   TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  CHECK (to_month IS NULL OR to_month >= from_month)
);
CREATE UNIQUE INDEX entitlements_one_open ON entitlements (household_id, program)
  WHERE to_month IS NULL;
CREATE INDEX entitlements_county ON entitlements (county, program, from_month);

-- The members an entitlement covers (all of the household, or one for 单人保).
CREATE TABLE entitlement_members (
  entitlement_id BIGINT NOT NULL REFERENCES entitlements (id),
  person_id      BIGINT NOT NULL REFERENCES persons (id),
  PRIMARY KEY (entitlement_id, person_id)
);

INSERT INTO id_blocks (kind, next_id) VALUES ('case', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('document', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('entitlement', 1);
