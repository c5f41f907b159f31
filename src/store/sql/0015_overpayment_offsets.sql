-- Schema v15: what of an overpayment (应追缴) is no longer owed although
-- nothing came back (svc/payroll.h, "overpayments"; docs/internals/payroll.md,
-- "Netting and waiving").
--
-- cancelled_fen: the offset — netted by a recomputation that found the
-- months due again (a reduction undone: paying the household back what it
-- still owes would be paying twice), or waived (核销) by the county.
-- waived_fen: the part of cancelled_fen the county waived; it does not
-- change what was due, so a later recomputation still counts it as
-- recorded. Outstanding = amount − cancelled − recovered − pending.
ALTER TABLE overpayments ADD COLUMN cancelled_fen BIGINT NOT NULL DEFAULT 0
  CHECK (cancelled_fen >= 0);
ALTER TABLE overpayments ADD COLUMN waived_fen BIGINT NOT NULL DEFAULT 0
  CHECK (waived_fen >= 0);
-- the waiver's decision: why (死亡, 无力偿还 …) and its document number
ALTER TABLE overpayments ADD COLUMN waiver_reason TEXT;
ALTER TABLE overpayments ADD COLUMN waiver_doc TEXT;
