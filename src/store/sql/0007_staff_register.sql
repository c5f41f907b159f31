-- Schema v7: the register of bureau staff and village committee members
-- (近亲属备案, regulations.md §1.5, S1 art. 11). An application whose
-- household holds a close relative of someone in force here is filed
-- separately; store_staff.c finds them by ID number and household links.
--
-- kind: 'bureau' 民政部门工作人员 (县民政局与乡镇经办人员),
--       'committee' 村(居)委会成员.
-- A person may be on the register more than once (a new term, a new
-- post); a row is in force on D when from_date <= D and (to_date IS NULL
-- or to_date >= D). Rows are never deleted: ending sets to_date, so a
-- past check can be repeated as it was.
CREATE TABLE staff_register (
  county       TEXT NOT NULL,
  id           {{pk}},
  id_number    TEXT NOT NULL,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind = 'bureau' OR kind = 'committee'),
  region_code  TEXT NOT NULL REFERENCES regions (code),
  position     TEXT,
  from_date    DATE NOT NULL,
  to_date      DATE,
  created_at   TEXT NOT NULL,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
-- The link query joins persons to this table by ID number.
CREATE INDEX staff_register_id_number ON staff_register (id_number);
-- The list of a region subtree is a range on region_code.
CREATE INDEX staff_register_region ON staff_register (county, region_code);
-- The link query reads every membership of a person, ended ones too
-- (memberships_one_active holds only the current one).
CREATE INDEX memberships_person_history ON memberships (person_id);

INSERT INTO id_blocks (kind, next_id) VALUES ('staff', 1);
