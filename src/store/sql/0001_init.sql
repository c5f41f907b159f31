-- Schema v1: the register (regions, households, persons, membership,
-- disability, income and assets), programs and standards, users and roles,
-- the audit log and the working-day calendar.
--
-- One text for both engines. The migration runner replaces {{pk}} with the
-- engine's 64-bit primary key ("INTEGER PRIMARY KEY" on SQLite, the rowid;
-- "BIGINT PRIMARY KEY" on PostgreSQL). Identifiers are assigned by dibao in
-- blocks from id_blocks, so bulk loads (COPY) know them up front.
-- Every table that holds beneficiaries carries the 6-digit county code and
-- an index led by it, so a province database can later be partitioned or
-- distributed by county (docs/architecture.md).
-- Money is BIGINT fen; dates are DATE ('YYYY-MM-DD'); timestamps TEXT in
-- ISO 8601 UTC ('2026-11-26T08:00:00Z').
-- Codes are TEXT, not CHAR(n): PostgreSQL would pad CHAR values with spaces.
-- CHECKs use BETWEEN / OR, never IN (…): SQLite 3.40 builds a temporary
-- index per inserted row for an IN list of three or more values.

CREATE TABLE id_blocks (
  kind     TEXT PRIMARY KEY,
  next_id  BIGINT NOT NULL
);
INSERT INTO id_blocks (kind, next_id) VALUES
  ('household', 1), ('person', 1), ('membership', 1), ('disability', 1),
  ('income', 1), ('asset', 1), ('user', 1), ('audit', 1);

CREATE TABLE regions (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code TEXT REFERENCES regions (code),
  county      TEXT NOT NULL,            -- '' above county level
  urban_rural TEXT,                     -- NBS 城乡分类代码 (111 … 220), optional
  valid_from  DATE,
  valid_to    DATE,
  CHECK (length(code) = 12)
);
CREATE INDEX regions_parent ON regions (parent_code);
CREATE INDEX regions_county ON regions (county, level);

CREATE TABLE households (
  county       TEXT NOT NULL,
  id           {{pk}},
  hh_no        TEXT NOT NULL,              -- 户编号, the bureau's own number
  village_code TEXT NOT NULL REFERENCES regions (code),
  address      TEXT NOT NULL,
  registration SMALLINT NOT NULL CHECK (registration BETWEEN 1 AND 2), -- 1 城镇 2 农村
  bank_name    TEXT,
  bank_account TEXT,                       -- 一卡通 card number (Luhn-checked)
  account_name TEXT,                       -- 持卡人姓名
  phone        TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
-- Unique keys are indexes, not table constraints, so a large initial load
-- can rebuild them once at the end (store_rebuild.h).
CREATE UNIQUE INDEX households_county_no ON households (county, hh_no);
CREATE INDEX households_village ON households (village_code);
-- Member files name households by 户编号 alone.
CREATE INDEX households_no ON households (hh_no);

CREATE TABLE persons (
  county          TEXT NOT NULL,        -- county of the current household
  id              {{pk}},
  id_number       TEXT NOT NULL,
  name            TEXT NOT NULL,
  sex             SMALLINT NOT NULL CHECK (sex BETWEEN 1 AND 2),
  birth_date      DATE NOT NULL,
  health          SMALLINT NOT NULL DEFAULT 1 CHECK (health BETWEEN 1 AND 3),   -- 1 健康 2 慢性病 3 重病
  labour          SMALLINT NOT NULL DEFAULT 1 CHECK (labour BETWEEN 1 AND 3),   -- 1 有 2 部分 3 无劳动能力
  schooling       SMALLINT,                -- 在校情况 code, optional
  orphan          SMALLINT NOT NULL DEFAULT 0 CHECK (orphan BETWEEN 0 AND 2),   -- 1 孤儿 2 事实无人抚养
  veteran         TEXT,                    -- 优抚对象类别, optional
  staff_relative  SMALLINT NOT NULL DEFAULT 0 CHECK (staff_relative BETWEEN 0 AND 1),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX persons_id_number ON persons (id_number);
CREATE INDEX persons_name ON persons (name);

-- Membership: one person is an active member (end_date IS NULL) of at most
-- one household; ended memberships are history.
CREATE TABLE memberships (
  county        TEXT NOT NULL,
  id            {{pk}},
  household_id  BIGINT NOT NULL REFERENCES households (id),
  person_id     BIGINT NOT NULL REFERENCES persons (id),
  relation      SMALLINT NOT NULL,         -- GB/T 4761 家庭关系代码 (core/member.h)
  start_date    DATE NOT NULL,
  end_date      DATE,
  end_reason    TEXT,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE UNIQUE INDEX memberships_one_active ON memberships (person_id) WHERE end_date IS NULL;
CREATE INDEX memberships_household ON memberships (household_id);

CREATE TABLE disabilities (
  county         TEXT NOT NULL,
  id             {{pk}},
  person_id      BIGINT NOT NULL REFERENCES persons (id),
  category       SMALLINT NOT NULL CHECK (category BETWEEN 1 AND 7), -- 视力 听力 言语 肢体 智力 精神 多重
  grade          SMALLINT NOT NULL CHECK (grade BETWEEN 1 AND 4),
  certificate_no TEXT,                     -- 第二代残疾人证号
  UNIQUE (person_id, category)
);

-- Income per member (or the household when person_id is NULL), monthly
-- amount in fen over an accounting period; kind 1 工资性 2 经营净 3 财产净
-- 4 转移净 5 其他. source: declared (申报) or verified (核实) with its origin.
CREATE TABLE income_items (
  county        TEXT NOT NULL,
  id            {{pk}},
  household_id  BIGINT NOT NULL REFERENCES households (id),
  person_id     BIGINT REFERENCES persons (id),
  kind          SMALLINT NOT NULL CHECK (kind BETWEEN 1 AND 5),
  item          TEXT NOT NULL,
  monthly_fen   BIGINT NOT NULL CHECK (monthly_fen >= 0),
  period_from   DATE,
  period_to     DATE,
  source        TEXT NOT NULL DEFAULT 'declared',
  source_date   DATE
);
CREATE INDEX income_items_household ON income_items (household_id);

CREATE TABLE asset_items (
  county        TEXT NOT NULL,
  id            {{pk}},
  household_id  BIGINT NOT NULL REFERENCES households (id),
  person_id     BIGINT REFERENCES persons (id),
  kind          TEXT NOT NULL CHECK (kind = 'deposit' OR kind = 'securities' OR kind = 'vehicle' OR kind = 'house' OR kind = 'business' OR kind = 'other'),
  description   TEXT NOT NULL,
  value_fen     BIGINT NOT NULL CHECK (value_fen >= 0),
  source        TEXT NOT NULL DEFAULT 'declared',
  source_date   DATE
);
CREATE INDEX asset_items_household ON asset_items (household_id);

CREATE TABLE programs (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  unit    TEXT NOT NULL CHECK (unit = 'person_month' OR unit = 'person_year' OR unit = 'once')
);
INSERT INTO programs (code, name, unit) VALUES
  ('dibao_urban', '城市低保', 'person_month'),
  ('dibao_rural', '农村低保', 'person_year'),
  ('tekun_central', '特困人员集中供养', 'person_year'),
  ('tekun_dispersed', '特困人员分散供养', 'person_year'),
  ('temp_aid', '临时救助', 'once'),
  ('orphan_inst', '机构养育孤儿基本生活费', 'person_month'),
  ('orphan_scattered', '散居孤儿基本生活费', 'person_month'),
  ('child_unsupported', '事实无人抚养儿童基本生活补贴', 'person_month'),
  ('disab_living', '困难残疾人生活补贴', 'person_month'),
  ('disab_care', '重度残疾人护理补贴', 'person_month'),
  ('elderly_allowance', '高龄津贴', 'person_month');

-- Standards keep their whole history: a new standard is a new row with its
-- effective-from date; the one in force on a date is the latest row not after it.
CREATE TABLE standards (
  county          TEXT NOT NULL,
  program         TEXT NOT NULL REFERENCES programs (code),
  effective_from  DATE NOT NULL,
  amount_fen      BIGINT NOT NULL CHECK (amount_fen >= 0),
  unit            TEXT NOT NULL CHECK (unit = 'person_month' OR unit = 'person_year' OR unit = 'once'),
  decided_on      DATE,
  document        TEXT,                    -- 文件号
  created_at      TEXT NOT NULL,
  PRIMARY KEY (county, program, effective_from)
);

CREATE TABLE roles (
  code  TEXT PRIMARY KEY,
  name  TEXT NOT NULL
);
INSERT INTO roles (code, name) VALUES
  ('village_agent', '村(社区)代办员'),
  ('township_caseworker', '乡镇(街道)民政经办人'),
  ('township_reviewer', '乡镇审核人'),
  ('county_approver', '县民政局审批人'),
  ('payment_officer', '资金发放员'),
  ('auditor', '审计员'),
  ('petition_officer', '信访工作人员'),
  ('sys_admin', '系统管理员'),
  ('security_admin', '安全管理员');

CREATE TABLE users (
  id              {{pk}},
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  region_code     TEXT NOT NULL REFERENCES regions (code),
  password_hash   TEXT,
  must_change     SMALLINT NOT NULL DEFAULT 1,
  disabled        SMALLINT NOT NULL DEFAULT 0,
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  created_at      TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id  BIGINT NOT NULL REFERENCES users (id),
  role     TEXT NOT NULL REFERENCES roles (code),
  PRIMARY KEY (user_id, role)
);

-- The audit log: one row per write. prev_hash/hash form the tamper-evident
-- chain (filled by the audit service).
CREATE TABLE audit_log (
  id           {{pk}},
  county       TEXT NOT NULL,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity       TEXT NOT NULL,
  entity_id    TEXT,
  before_json  TEXT,
  after_json   TEXT,
  reason       TEXT,
  prev_hash    TEXT,
  hash         TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_county ON audit_log (county, at);

-- Working-day calendar: days that differ from the weekday/weekend rule.
-- calendar_years lists the years whose schedule is loaded; a year missing
-- here is unknown, never guessed.
CREATE TABLE calendar_years (
  year       INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,
  loaded_at  TEXT NOT NULL
);
CREATE TABLE calendar_days (
  day   DATE PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind = 'holiday' OR kind = 'workday'),
  name  TEXT NOT NULL
);
