-- Schema v5: what the register API (svc/household.c) needs beyond v1.
-- A member's own telephone number (PATCH /api/v1/persons/{id}); the
-- household keeps its contact number in households.phone.
ALTER TABLE persons ADD COLUMN phone TEXT;
-- At most one active household head (relation 1, 户主) per household. The
-- service checks it first to give a clear message; the index makes it hold
-- when two clerks add a head to one household at the same moment.
CREATE UNIQUE INDEX memberships_one_head ON memberships (household_id)
  WHERE end_date IS NULL AND relation = 1;
