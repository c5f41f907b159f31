#!/bin/sh
# tests/cli/test_payroll_arrears_person.sh DIBAO — arrears (补发) and
# overpayments (应追缴) of the programs paid per person (regulations.md
# §2, §6; seed 000's retroactive raise): 重度残疾人护理补贴 paid by quarter
# at 120 元 (grade 2: 50 %), 高龄津贴 paid monthly at 100 元 (80–89) and
# 200 元 (90 and over); both sent to the bank. Then the care standard
# raised to 150 元 from November and the 90 band to 260 元 from November,
# decided in December: `payroll arrears` gives one arrears line per person
# (person_id, slot arrears) of exactly the months' differences — grade 1
# 2 × 30 元, grade 2 2 × 15 元, the 90-year-old 2 × 60 元, the 86-year-old
# nothing; asked again, nothing more (never twice). The 90 band then
# lowered to 230 元 from December: an overpayment of 30 元 naming the person
# (plan deduct), recorded once however often asked, and deducted from the
# person's line on January's roster.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db arrears_person)
export DIB_TODAY=2026-10-20
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 200 --cases 5

run() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" "$@"; }
. "$(dirname "$0")/lib_payroll.sh"
DIBAO_PASSWORD='Arr#2026p' expect_exit 0 "add prep" -- "$DIBAO" --db "$DB" user add prep --name 县级造册 --region 410726000000 --role township_caseworker

# ---- standards, parameters and the people ----
std() { expect_exit 0 "standard $1 $3" -- run "$4" standard set --county 410726 --program "$1" --from "$2" --amount "$3" --decided "$4" --document "延民〔2026〕$5号"; }
par() { expect_exit 0 "param $1 $2" -- run "$4" param set "$1" "$2" --scope 410726 --from "$3" --reason 测试; }
std elderly_allowance 2026-01-01 100 2026-10-20 1
std disab_care 2026-01-01 120 2026-10-20 2
par benefit.elderly_band2_min_age 90 2026-01-01 2026-10-20
par benefit.elderly_band2_fen 200 2026-01-01 2026-10-20
par benefit.disab_care_grade2_bp 50% 2026-01-01 2026-10-20
par pay.rhythm.disab_care quarterly 2026-01-01 2026-10-20

FREE=$(sql "SELECT h.id FROM households h WHERE h.village_code LIKE '410726101%' AND h.bank_account IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.household_id = h.id) AND (SELECT count(*) FROM memberships m WHERE m.household_id = h.id AND m.end_date IS NULL) >= 2 ORDER BY h.id")
[ "$(echo "$FREE" | wc -l)" -ge 3 ] && ok || fail "fewer than 3 free households with an account in 东屯镇: $FREE"
HE=$(echo "$FREE" | sed -n 1p); HD=$(echo "$FREE" | sed -n 2p); HD2=$(echo "$FREE" | sed -n 3p)
member() { sql "SELECT person_id FROM memberships WHERE household_id = $1 AND end_date IS NULL ORDER BY person_id" | sed -n "$2p"; }
E1=$(member "$HE" 1); E2=$(member "$HE" 2); D1=$(member "$HD" 1); D2=$(member "$HD2" 1)
# 86 and 96 all through the months paid
sql "UPDATE persons SET birth_date = '1940-03-01' WHERE id = $E1" >/dev/null
sql "UPDATE persons SET birth_date = '1930-05-01' WHERE id = $E2" >/dev/null
sql "INSERT INTO disabilities (county, id, person_id, category, grade, certificate_no) VALUES ('410726', 91001, $D1, 4, 1, '410726199091001')" >/dev/null
sql "INSERT INTO disabilities (county, id, person_id, category, grade, certificate_no) VALUES ('410726', 91002, $D2, 4, 2, '410726199091002')" >/dev/null
expect_exit 0 "高龄津贴 for two" -- run 2026-10-20 benefit grant --user approver --household "$HE" --program elderly_allowance --persons "$E1,$E2" --decision 延民高〔2026〕1号
expect_exit 0 "护理补贴 grade 1" -- run 2026-10-20 benefit grant --user approver --household "$HD" --program disab_care --persons "$D1" --decision 延残护〔2026〕1号 --from 2026-10 --long-term-care
expect_exit 0 "护理补贴 grade 2" -- run 2026-10-20 benefit grant --user approver --household "$HD2" --program disab_care --persons "$D2" --decision 延残护〔2026〕2号 --from 2026-10 --long-term-care

# pay DAY PROGRAM PERIOD — the regular run of PERIOD built, submitted,
# approved, exported and every line paid
pay() {
	run "$1" payroll run --user prep --program "$2" --period "$3" >/dev/null 2>&1 || fail "build $2 $3"
	r=$(sql "SELECT id FROM payroll_runs WHERE program = '$2' AND period = '$3' AND kind = 'regular' AND state <> 'cancelled'")
	pay_run "$1" "$r"
}
pay 2026-11-05 disab_care 2026Q4
pay 2026-11-05 elderly_allowance 2026-11
pay 2026-12-05 elderly_allowance 2026-12
# line PROGRAM PERIOD SLOT PERSON — "total|deduction" of the person's line
line() { sql "SELECT total_fen || '|' || deduction_fen FROM payroll_lines WHERE program = '$1' AND period = '$2' AND slot = '$3' AND person_id = $4 AND status <> 'void'"; }
is "$(line disab_care 2026Q4 regular "$D1")" "36000|0" "grade 1: three months at 120 元"
is "$(line disab_care 2026Q4 regular "$D2")" "18000|0" "grade 2: three months at 60 元"
is "$(line elderly_allowance 2026-11 regular "$E1")" "10000|0" "86: 100 元"
is "$(line elderly_allowance 2026-12 regular "$E2")" "20000|0" "96: 200 元"

# ---- 护理补贴 raised to 150 元 from November, decided in December ----
std disab_care 2026-11-01 150 2026-12-18 30
refuse 2026-12-20 "a quarter to come" 3 "补发的期次 2027Q1 尚未到来" payroll arrears --user prep --program disab_care --from 2026Q4 --to 2027Q1
refuse 2026-12-20 "not a program paid by roster" 3 "不是按期发放的救助项目" payroll arrears --user prep --program nothing --from 2026-11 --to 2026-12
expect_exit 0 "arrears 2026Q4" -- run 2026-12-20 payroll arrears --user prep --program disab_care --from 2026Q4 --to 2026Q4
expect_text "$T/out" "应追缴：0 笔" "no overpayment from a raise"
RC=$(sql "SELECT id FROM payroll_runs WHERE program = 'disab_care' AND kind = 'arrears'")
is "$(sql "SELECT lines || '|' || households || '|' || persons || '|' || total_fen FROM payroll_runs WHERE id = $RC")" "2|2|2|9000" "two persons, 2 × 30 元 + 2 × 15 元"
is "$(line disab_care 2026Q4 arrears "$D1")" "6000|0" "grade 1: November and December at 30 元 more"
is "$(line disab_care 2026Q4 arrears "$D2")" "3000|0" "grade 2: November and December at 15 元 more"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RC AND person_id = $D1 AND detail LIKE '%\"month\":\"2026-11\",\"fen\":3000,\"due\":15000,\"counted\":12000%' AND detail NOT LIKE '%2026-10%'")" 1 "the line lists the months that differ: $(sql "SELECT detail FROM payroll_lines WHERE run_id = $RC AND person_id = $D1")"
is "$(sql "SELECT payee_name FROM payroll_lines WHERE run_id = $RC AND person_id = $D1")" "$(sql "SELECT name FROM persons WHERE id = $D1")" "paid to the person"
is "$(sql "SELECT sum(households) || '|' || sum(total_fen) FROM payroll_sections WHERE run_id = $RC")" "2|9000" "the section declares the lines"
refuse 2026-12-20 "arrears again: nothing more" 1 "没有需要补发或追缴的金额" payroll arrears --user prep --program disab_care --from 2026Q4 --to 2026Q4

# ---- the 90 band raised to 260 元 from November ----
par benefit.elderly_band2_fen 260 2026-11-01 2026-12-20
expect_exit 0 "高龄 arrears November–December" -- run 2026-12-20 payroll arrears --user prep --program elderly_allowance --from 2026-11 --to 2026-12
RE=$(sql "SELECT id FROM payroll_runs WHERE program = 'elderly_allowance' AND kind = 'arrears'")
is "$(sql "SELECT lines || '|' || households || '|' || persons || '|' || total_fen FROM payroll_runs WHERE id = $RE")" "2|1|2|12000" "the 96-year-old, one line a month paid: 2 × 60 元"
is "$(line elderly_allowance 2026-11 arrears "$E2")" "6000|0" "November: 60 元 more"
is "$(line elderly_allowance 2026-12 arrears "$E2")" "6000|0" "December: 60 元 more"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RE AND person_id = $E1")" 0 "the 80–89 band unchanged: nothing for E1"
refuse 2026-12-20 "高龄 arrears again" 1 "没有需要补发或追缴的金额" payroll arrears --user prep --program elderly_allowance --from 2026-11 --to 2026-12
pay_run 2026-12-21 "$RE"

# ---- the 90 band lowered to 230 元 from December: overpaid ----
par benefit.elderly_band2_fen 230 2026-12-01 2026-12-22
expect_exit 0 "recompute November–December" -- run 2026-12-22 payroll arrears --user prep --program elderly_allowance --from 2026-11 --to 2026-12
expect_text "$T/out" "应追缴：1 笔 30.00 元" "one overpayment of 30 元"
is "$(sql "SELECT household_id || '|' || person_id || '|' || amount_fen || '|' || plan || '|' || reason || '|' || period FROM overpayments")" "$HE|$E2|3000|deduct|recompute|2026-12" "the overpayment names the person"
is "$(sql "SELECT state || '|' || total_fen FROM payroll_runs WHERE program = 'elderly_allowance' AND kind = 'arrears' ORDER BY id DESC LIMIT 1")" "reconciled|0" "nothing to pay: the run closes at once"
refuse 2026-12-22 "recompute again: recorded once" 1 "没有需要补发或追缴的金额" payroll arrears --user prep --program elderly_allowance --from 2026-11 --to 2026-12
is "$(sql "SELECT count(*) FROM overpayments")" 1 "never twice"

# January's roster deducts it from the person's line: min(30 元, 30 % of 230 元)
expect_exit 0 "高龄津贴 2027-01" -- run 2027-01-05 payroll run --user prep --program elderly_allowance --period 2027-01
is "$(line elderly_allowance 2027-01 regular "$E2")" "20000|3000" "230 元 less the 30 元 overpaid"
is "$(line elderly_allowance 2027-01 regular "$E1")" "10000|0" "E1 owes nothing"

# the household's account is due person by person, as the roster and the
# arrears: 100 + 260 元 in November, 100 + 230 元 from December (the
# decision's own amount was 300 元), December paid 30 元 beyond
expect_exit 0 "HE's account" -- run 2027-01-05 payroll account --household "$HE" --user auditor
expect_text "$T/out" "2026-11	360.00	360.00	0.00	0.00	0.00	" "November due 100 + 260 元, paid"
expect_text "$T/out" "2026-12	330.00	360.00	0.00	0.00	-30.00	30.00	" "December due 100 + 230 元: 30 元 overpaid"
expect_exit 0 "HD2's account" -- run 2027-01-05 payroll account --household "$HD2" --user auditor
expect_text "$T/out" "2026-11	75.00	60.00	15.00	" "grade 2 from November: 50 % of 150 元"

# an account is the household's own: HD3, put in HD2's village, granted
# 护理补贴 grade 1 from December — its account is its one person's 150 元 a
# month, and HD2's stays its own
HD3=$(echo "$FREE" | sed -n 4p); D3=$(member "$HD3" 1)
[ -n "$D3" ] && [ "$HD3" != "$HD2" ] && ok || fail "a fourth free household: \"$HD3\" \"$D3\""
sql "UPDATE households SET village_code = (SELECT village_code FROM households WHERE id = $HD2) WHERE id = $HD3" >/dev/null
sql "INSERT INTO disabilities (county, id, person_id, category, grade, certificate_no) VALUES ('410726', 91003, $D3, 4, 1, '410726199091003')" >/dev/null
expect_exit 0 "护理补贴 grade 1 beside HD2" -- run 2027-01-05 benefit grant --user approver --household "$HD3" --program disab_care --persons "$D3" --decision 延残护〔2027〕3号 --from 2026-12 --long-term-care
expect_exit 0 "HD3's account" -- run 2027-01-05 payroll account --household "$HD3" --user auditor
expect_text "$T/out" "2026-12	150.00	0.00	0.00	0.00	150.00	" "HD3: December its own 150 元, nothing of HD2's"
expect_text "$T/out" "2027-01	150.00	0.00	0.00	0.00	150.00	" "HD3: January its own 150 元"
is "$(grep -c '^20[0-9][0-9]-[0-9][0-9]	' "$T/out")" 2 "HD3's account: December and January only"
expect_exit 0 "HD2's account beside HD3" -- run 2027-01-05 payroll account --household "$HD2" --user auditor
expect_text "$T/out" "2026-11	75.00	60.00	15.00	" "HD2: still 75 元 in November, nothing of HD3's"
expect_text "$T/out" "2027-01	75.00	" "HD2: 75 元 in January, nothing of HD3's"

expect_exit 0 "the audit chain" -- "$DIBAO" --db "$DB" audit verify
finish
