#!/bin/sh
# tests/cli/test_payroll_arrears.sh DIBAO — seed 000's raise: 城市低保 paid
# from July to October at 528 元, then a standard of 580 元 decided on
# 15 October with effect from 1 July. `dibao payroll arrears` recomputes
# July–October and builds the arrears run: each household gets exactly
# 4 × (580 − 528) × its covered persons, by the gap method (its income
# unchanged); asking again finds nothing more (never twice); November's
# regular roster pays the new standard. Then a lower standard (550 元) with
# effect from September makes September and October overpaid: one
# overpayment per household and month-pair, to be deducted, and no line
# to pay. A period whose roster has not gone to the bank is refused.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db arrears)
DIB_TODAY=2026-06-20 expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
DIB_TODAY=2026-06-20 expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 300 --covered 30

run() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" "$@"; }
. "$(dirname "$0")/lib_payroll.sh"
DIBAO_PASSWORD='Arr#2026a' expect_exit 0 "add prep" -- "$DIBAO" --db "$DB" user add prep --name 县级造册 --region 410726000000 --role township_caseworker

# pay_month DAY PERIOD — November's steps for PERIOD on DAY, every line paid
pay_month() {
	run "$1" payroll run --user prep --program dibao_urban --period "$2" >/dev/null 2>&1 || fail "build $2"
	pay_run "$1" "$(sql "SELECT id FROM payroll_runs WHERE period = '$2' AND kind = 'regular'")"
}
pay_month 2026-07-05 2026-07
pay_month 2026-08-05 2026-08
pay_month 2026-09-05 2026-09
pay_month 2026-10-05 2026-10
PAID=$(sql "SELECT sum(total_fen) FROM payroll_lines WHERE program = 'dibao_urban' AND status = 'paid'")
P=$(sql "SELECT sum(persons) FROM entitlements WHERE program = 'dibao_urban' AND base_fen IS NOT NULL")
H=$(sql "SELECT count(*) FROM entitlements WHERE program = 'dibao_urban' AND base_fen IS NOT NULL")
[ "$H" -ge 3 ] && ok || fail "the demo covered too few 城市低保 households: $H"
# what the four months paid at 528 元: Σ (52800 − income) × persons × 4
OLD=$(sql "SELECT sum((52800 - income_fen) * persons) * 4 + sum(addon_fen) * 4 FROM entitlements WHERE program = 'dibao_urban'")
[ "$PAID" = "$OLD" ] && ok || fail "July–October paid $PAID, the gap method says $OLD"

# ---- the raise, decided in October with effect from July ----
expect_exit 0 "the raise" -- run 2026-10-20 standard set --county 410726 --program dibao_urban --from 2026-07-01 --amount 580 --decided 2026-10-15 --document 延民〔2026〕18号
refuse_arrears() { # DAY WHAT CODE TEXT ARGS…
	d=$1; what=$2; code=$3; text=$4; shift 4
	before=$(snapshot "$DB")
	expect_exit "$code" "$what" -- run "$d" payroll arrears --user prep --program dibao_urban "$@"
	expect_text "$T/err" "$text" "$what message"
	[ "$before" = "$(snapshot "$DB")" ] && ok || fail "$what: database changed"
}
refuse_arrears 2026-10-20 "a period to come" 3 "补发的期次 2026-11 尚未到来" --from 2026-10 --to 2026-11
refuse_arrears 2026-10-20 "a period never paid" 3 "2026-06 的正常发放批次不存在" --from 2026-06 --to 2026-07
refuse_arrears 2026-10-20 "from after to" 3 "晚于截止期次" --from 2026-10 --to 2026-07
refuse_arrears 2026-10-20 "the payer does not build arrears" 1 "没有权限编制补贴清册" --from 2026-07 --to 2026-10 --user payer
expect_exit 0 "arrears July–October" -- run 2026-10-20 payroll arrears --user prep --program dibao_urban --from 2026-07 --to 2026-10
RA=$(sql "SELECT id FROM payroll_runs WHERE kind = 'arrears'")
WANT=$((4 * 5200 * P))
[ "$(sql "SELECT total_fen FROM payroll_runs WHERE id = $RA")" = "$WANT" ] && ok || fail "arrears $(sql "SELECT total_fen FROM payroll_runs WHERE id = $RA"), want 4 × 52 元 × $P persons = $WANT"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RA")" = $((4 * H)) ] && ok || fail "one arrears line per household and month"
[ "$(sql "SELECT count(DISTINCT slot) || slot FROM payroll_lines WHERE run_id = $RA GROUP BY slot")" = 1arrears ] && ok || fail "arrears lines hold the arrears slot"
[ "$(sql "SELECT run_no FROM payroll_runs WHERE id = $RA")" = 41072620261001B01 ] && ok || fail "the arrears run's number"
expect_text "$T/out" "应追缴：0 笔" "no overpayment from a raise"
refuse_arrears 2026-10-20 "arrears again: nothing more" 1 "没有需要补发或追缴的金额" --from 2026-07 --to 2026-10

# November pays the new standard
expect_exit 0 "November" -- run 2026-11-05 payroll run --user prep --program dibao_urban --period 2026-11
NEW=$(sql "SELECT sum((58000 - income_fen) * persons) + sum(addon_fen) FROM entitlements WHERE program = 'dibao_urban'")
[ "$(sql "SELECT total_fen FROM payroll_runs WHERE period = '2026-11'")" = "$NEW" ] && ok || fail "November at 580 元: $(sql "SELECT total_fen FROM payroll_runs WHERE period = '2026-11'"), want $NEW"

# ---- a lower standard from September: overpaid ----
R=$RA
for t in $(sql "SELECT township_code FROM payroll_sections WHERE run_id = $R"); do
	run 2026-10-21 payroll submit "$R" --user prep --township "$t" >/dev/null 2>&1 || fail "submit arrears $t"
done
expect_exit 0 "approve the arrears" -- run 2026-10-21 payroll approve "$R" --user approver
expect_exit 0 "export the arrears" -- run 2026-10-21 payroll export "$R" --user payer --template "通用CSV（UTF-8）" --out "$T/a.csv"
expect_exit 0 "a lower standard" -- run 2026-11-20 standard set --county 410726 --program dibao_urban --from 2026-09-01 --amount 550 --decided 2026-11-18 --document 延民〔2026〕21号
expect_exit 0 "recompute September–October" -- run 2026-11-20 payroll arrears --user prep --program dibao_urban --from 2026-09 --to 2026-10
expect_text "$T/out" "补发：0 户" "nothing to pay"
OVER=$((2 * 3000 * P))
[ "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM overpayments")" = "$((2 * H))/$OVER" ] && ok || fail "overpayments $(sql "SELECT count(*) || '/' || sum(amount_fen) FROM overpayments"), want $((2 * H))/$OVER"
[ "$(sql "SELECT DISTINCT plan || reason FROM overpayments")" = deductrecompute ] && ok || fail "to be deducted"
[ "$(sql "SELECT state FROM payroll_runs WHERE kind = 'arrears' ORDER BY id DESC LIMIT 1")" = reconciled ] && ok || fail "an arrears run with nothing to pay closes at once"

expect_exit 0 "the audit chain" -- "$DIBAO" --db "$DB" audit verify
finish
