-- Schema v11: the facts a decision on one of the programs paid per person
-- (svc/benefit_grant.h; the amount rules are core/benefit.h) found about
-- each person it covers, where the register has no column for them: the
-- 特困 self-care count, the need of long-term care, 工伤保险生活护理费,
-- the household being 低保边缘, and the other welfare allowances the two
-- disability subsidies are weighed against (择高). Everything else the
-- rules read — birth date, disability, 孤儿 / 事实无人抚养, 低保 and 特困
-- coverage, a death, leaving the household — is read from the register at
-- each payroll, month by month.
--
-- One row per entitlement and person, written with the entitlement and
-- never edited: a change of facts is a new decision (a new entitlement
-- row), so every past roster can be recomputed as it was built.
CREATE TABLE benefit_facts (
  county            TEXT NOT NULL,
  entitlement_id    BIGINT NOT NULL REFERENCES entitlements (id),
  person_id         BIGINT NOT NULL REFERENCES persons (id),
  self_care_unmet   SMALLINT NOT NULL DEFAULT 0 CHECK (self_care_unmet BETWEEN 0 AND 6),
  long_term_care    SMALLINT NOT NULL DEFAULT 0 CHECK (long_term_care BETWEEN 0 AND 1),
  injury_care       SMALLINT NOT NULL DEFAULT 0 CHECK (injury_care BETWEEN 0 AND 1),
  edge              SMALLINT NOT NULL DEFAULT 0 CHECK (edge BETWEEN 0 AND 1),
  other_living_fen  BIGINT NOT NULL DEFAULT 0 CHECK (other_living_fen >= 0),
  other_living_name TEXT,
  other_care_fen    BIGINT NOT NULL DEFAULT 0 CHECK (other_care_fen >= 0),
  other_care_name   TEXT,
  PRIMARY KEY (entitlement_id, person_id)
);
CREATE INDEX benefit_facts_county ON benefit_facts (county, person_id);

-- The roster of a program paid per person reads, for each person it pays,
-- the other programs covering that person (低保 for the 补差 of a child's
-- allowance, 特困 for the exclusions of the disability subsidies): by person.
CREATE INDEX entitlement_members_person ON entitlement_members (person_id);
