-- Schema v9: while a household is covered (svc/coverage.h; the rules are
-- core/coverage.h): the changes a county decides on an entitlement —
-- increase, reduce, stop, phase-out — each with its reason, decision
-- number, effective month and notice; the reviews a member's death opens;
-- and the job offers whose refusals can cost a member his share.
--
-- A change never edits an amount in place: it ends the entitlement row in
-- force (to_month) and, unless it stops, opens the next one, so the amount
-- due for any month stays one row (payroll, issue 5) and every past month
-- can be recomputed as it was.
CREATE TABLE entitlement_changes (
  county            TEXT NOT NULL,
  id                {{pk}},
  household_id      BIGINT NOT NULL REFERENCES households (id),
  program           TEXT NOT NULL REFERENCES programs (code),
  entitlement_id    BIGINT NOT NULL REFERENCES entitlements (id), -- the row changed
  new_entitlement_id BIGINT REFERENCES entitlements (id),         -- NULL for a stop
  kind              TEXT NOT NULL,             -- core/coverage.h cov_kind_code
  reason            TEXT NOT NULL,             -- cov_reason row code
  decision_no       TEXT,
  decided_on        DATE NOT NULL,
  effective_month   DATE NOT NULL,             -- first day of the month
  event_date        DATE,
  person_id         BIGINT REFERENCES persons (id), -- the member concerned
  old_amount_fen    BIGINT NOT NULL,
  new_amount_fen    BIGINT NOT NULL,
  phaseout_months   INTEGER,
  stop_month        DATE,                      -- a phase-out's automatic stop
  stopped_change_id BIGINT,                    -- the stop that ended this phase-out
  document_id       BIGINT,
  note              TEXT,
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL
);
CREATE INDEX entitlement_changes_household ON entitlement_changes (household_id);
-- The daily job looks for phase-outs whose stop month has come.
CREATE INDEX entitlement_changes_phaseout ON entitlement_changes (county, kind, stop_month);

-- Reviews a county owes (核查): after a member's death, within 3 months
-- (S7 一（三）). closed_on is set when the review is done.
CREATE TABLE coverage_reviews (
  county        TEXT NOT NULL,
  id            {{pk}},
  household_id  BIGINT NOT NULL REFERENCES households (id),
  person_id     BIGINT REFERENCES persons (id),
  kind          TEXT NOT NULL,                 -- 'death'
  event_date    DATE NOT NULL,
  due_on        DATE NOT NULL,
  opened_on     DATE NOT NULL,
  closed_on     DATE,
  outcome       TEXT,
  created_by    TEXT NOT NULL,
  closed_by     TEXT
);
CREATE INDEX coverage_reviews_open ON coverage_reviews (county, closed_on, due_on);
CREATE UNIQUE INDEX coverage_reviews_one ON coverage_reviews (person_id, kind);

-- Job offers made to a member (人社部门介绍的工作) and their outcome.
CREATE TABLE work_offers (
  county        TEXT NOT NULL,
  id            {{pk}},
  household_id  BIGINT NOT NULL REFERENCES households (id),
  person_id     BIGINT NOT NULL REFERENCES persons (id),
  offered_on    DATE NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome = 'accepted' OR outcome = 'refused'
                  OR outcome = 'refused_justified' OR outcome = 'unsuitable'),
  description   TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL
);
CREATE INDEX work_offers_person ON work_offers (person_id, offered_on);

-- Documents of a household outside a case (change notices) name it here;
-- case documents name it too, for the household's page.
ALTER TABLE case_documents ADD COLUMN household_id BIGINT REFERENCES households (id);
CREATE INDEX case_documents_household ON case_documents (household_id);

INSERT INTO id_blocks (kind, next_id) VALUES ('change', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('review', 1);
INSERT INTO id_blocks (kind, next_id) VALUES ('offer', 1);
