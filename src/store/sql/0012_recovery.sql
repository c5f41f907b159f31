-- Schema v12: recovering overpayments (svc/payroll.h, "overpayments";
-- docs/internals/payroll.md, "Recovering overpayments").
--
-- A repayment's receipt (缴款收据) is a numbered paper: the same receipt
-- is never recorded twice in a county, and the day on it is the day the
-- money came back (the household's account shows it in that month). A
-- deduction's day is its line's: counted when the bank's return pays it.
ALTER TABLE recoveries ADD COLUMN paid_on DATE;
CREATE UNIQUE INDEX recoveries_receipt ON recoveries (county, receipt_no)
  WHERE kind = 'repayment';
-- a cancelled or rebuilt roster takes its lines' deductions with it, and a
-- return or a reissue reads them by line
CREATE INDEX recoveries_line ON recoveries (line_id);
-- a roster reads the open overpayments of its county and program to deduct
CREATE INDEX overpayments_open ON overpayments (county, program, household_id, person_id)
  WHERE closed_on IS NULL;
