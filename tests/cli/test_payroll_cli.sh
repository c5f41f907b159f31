#!/bin/sh
# tests/cli/test_payroll_cli.sh DIBAO — `dibao payroll …`: a month's 低保
# roster built from the entitlements the demo's real cases opened, in two
# townships; rebuilding the period gives the same run back; periods of the
# wrong form or still to come, programs that are not paid by roster and
# people without the right are refused. Each township submits its own
# section, the county approves only when all are in, never by someone who
# submitted one; a section is sent back and rebuilt; a household without a
# bank account blocks its township's submission; a line changed behind the
# roster's back fails the control totals; a cancelled run frees the period;
# and the database itself refuses a second line for the same household,
# program, period and kind. Every refusal changes nothing; every step adds
# one audit record.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db payroll)
export DIB_TODAY=2026-10-20
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 200 --cases 27

run() { DIB_TODAY=2026-11-20 "$DIBAO" --db "$DB" "$@"; }
ok_cmd() {
	what=$1; shift
	before=$(audits)
	expect_exit 0 "$what" -- run "$@"
	[ "$(audits)" -eq $((before + 1)) ] && ok || fail "$what: audit records $before → $(audits)"
}
refuse() { what=$1 code=$2 text=$3; shift 3; refused_cmd "$what" "$code" "$text" -- run "$@"; }

# The demo's confirmed 城市低保 households are in 东屯镇; one moves to a
# village of 文岩街道, whose clerk is a new account.
TA=410726101000
TB=410726001000
HS=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' ORDER BY household_id")
[ "$(echo "$HS" | wc -l)" -ge 2 ] && ok || fail "the demo confirmed fewer than 2 城市低保 households: $HS"
H2=$(echo "$HS" | tail -1)
VB=$(sql "SELECT code FROM regions WHERE parent_code = '$TB' ORDER BY code LIMIT 1")
sql "UPDATE households SET village_code = '$VB' WHERE id = $H2" >/dev/null
DIBAO_PASSWORD='Payroll#2026a' expect_exit 0 "add wy.clerk" -- "$DIBAO" --db "$DB" user add wy.clerk \
	--name 文岩经办 --region "$TB" --role township_caseworker
# a county officer who also holds the township role: may submit, then not approve
DIBAO_PASSWORD='Payroll#2026a' expect_exit 0 "add both" -- "$DIBAO" --db "$DB" user add both \
	--name 兼岗人员 --region 410726000000 --role township_caseworker,county_approver
WANT=$(sql "SELECT count(DISTINCT household_id), sum(amount_fen) FROM entitlements WHERE program = 'dibao_urban' AND from_month <= '2026-11-01' AND (to_month IS NULL OR to_month >= '2026-11-01')")
WH=$(echo "$WANT" | cut -d'|' -f1)
WF=$(echo "$WANT" | cut -d'|' -f2)

# ---- building ----
refuse "a future period" 3 "尚未到来" payroll run --user caseworker --program dibao_urban --period 2027-01
refuse "a quarter for a monthly program" 3 "按月发放的期次写作 2026-07" payroll run --user caseworker --program dibao_urban --period 2026Q4
refuse "temp_aid has no roster" 3 "不是按期发放的救助项目" payroll run --user caseworker --program temp_aid --period 2026-11
refuse "the approver does not build" 1 "没有权限编制补贴清册" payroll run --user approver --program dibao_urban --period 2026-11
refuse "no user" 2 "" payroll run --program dibao_urban --period 2026-11
refuse "a month with nobody to pay" 1 "本期没有应发放的对象" payroll run --user caseworker --program dibao_urban --period 2026-01

ok_cmd "build 2026-11" payroll run --user caseworker --program dibao_urban --period 2026-11
expect_text "$T/out" "已造册：批次" "build says it built"
R=$(sql "SELECT id FROM payroll_runs WHERE period = '2026-11'")
ROW=$(sql "SELECT households, total_fen, state, due_on, run_no FROM payroll_runs WHERE id = $R")
[ "$ROW" = "$WH|$WF|prepared|2026-11-10|41072620261101R01" ] && ok || fail "run row: $ROW, want $WH|$WF|prepared|2026-11-10|…"
[ "$(sql "SELECT count(*) FROM payroll_sections WHERE run_id = $R")" = 2 ] && ok || fail "two townships, two sections"
[ "$(sql "SELECT sum(total_fen) FROM payroll_lines WHERE run_id = $R")" = "$WF" ] && ok || fail "the lines add up to the entitlements"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R AND payee_id_number = '' ")" = 0 ] && ok || fail "every line has its payee"
# a one-month line keeps its entitlement instead of a detail (schema v14) and
# reads back as the full detail, each month's amount and entitlement named
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R AND (detail IS NOT NULL OR entitlement_id IS NULL)")" = 0 ] && ok || fail "a one-month line is stored slim"
[ "$(sql "SELECT count(*) FROM payroll_lines l JOIN entitlements e ON e.id = l.entitlement_id WHERE l.run_id = $R AND e.household_id = l.household_id AND e.program = 'dibao_urban'")" = "$WH" ] && ok || fail "every slim line names its household's entitlement"
before=$(snapshot "$DB")
expect_exit 0 "build again" -- run payroll run --user caseworker --program dibao_urban --period 2026-11
[ "$before" = "$(snapshot "$DB")" ] && ok || fail "building again changed the database"
expect_text "$T/out" "本期已有批次，未重复造册：批次 $R" "rerun gives the run back"

# the register changes after the build: the roster does not
sql "UPDATE households SET bank_account = '6217000000000000001' WHERE id = $H2" >/dev/null
[ "$(sql "SELECT bank_account FROM payroll_lines WHERE run_id = $R AND household_id = $H2")" != 6217000000000000001 ] && ok || fail "a built line followed the register"

# ---- reading ----
expect_exit 0 "caseworker reads the run" -- run payroll show "$R" --user caseworker
expect_text "$T/out" "东屯镇" "caseworker sees 东屯镇"
if grep -q "文岩街道" "$T/out"; then fail "caseworker sees another township's section"; else ok; fi
expect_text "$T/out" "控制数核对：相符" "the township's part agrees with its control totals"
expect_exit 0 "auditor reads the run" -- run payroll show "$R" --user auditor
expect_text "$T/out" "文岩街道" "the auditor sees every section"
# the timeline in Beijing time, each step with its counts
AT=$(sql "SELECT at FROM payroll_events WHERE run_id = $R AND action = 'build'")
expect_text "$T/out" "  $(date -u -d "@$(($(date -u -d "$AT" +%s) + 28800))" '+%Y-%m-%d %H:%M:%S')	造册	" "the build's time in Beijing time ($AT)"
if grep -Eq '[0-9]{2}:[0-9]{2}:[0-9]{2}Z' "$T/out"; then fail "payroll show prints UTC times"; else ok; fi
[ "$(sql "SELECT lines FROM payroll_events WHERE run_id = $R AND action = 'build'")" = "$(sql "SELECT lines FROM payroll_runs WHERE id = $R")" ] && ok || fail "the build event counts its lines"
expect_exit 0 "lines" -- run payroll lines "$R" --user auditor
expect_text "$T/out" "共 $WH 行" "lines: every household"
if grep -Eq '4107[0-9]{13}[0-9X]' "$T/out"; then fail "lines show a whole ID number"; else ok; fi
expect_exit 0 "caseworker's lines" -- run payroll lines "$R" --user caseworker
if grep -q "共 $WH 行" "$T/out"; then fail "caseworker sees the other township's lines"; else ok; fi
refuse "caseworker asks for the other township's lines" 1 "不在您的管辖区域内" payroll lines "$R" --user caseworker --township "$TB"

# ---- submitting and approving ----
refuse "approve before any section is in" 3 "须各乡镇全部报送" payroll approve "$R" --user approver
refuse "the payer does not submit" 1 "没有权限编制补贴清册" payroll submit "$R" --user payer --township "$TA"
refuse "a clerk submits another township" 1 "不在您的管辖区域内" payroll submit "$R" --user caseworker --township "$TB"
ok_cmd "东屯镇 submits" payroll submit "$R" --user caseworker --township "$TA"
refuse "submit twice" 3 "已经报送" payroll submit "$R" --user caseworker --township "$TA"
refuse "approve with one township missing" 3 "文岩街道的清册未报送" payroll approve "$R" --user approver
ok_cmd "文岩街道 submits" payroll submit "$R" --user wy.clerk --township "$TB"
refuse "the caseworker does not approve" 1 "没有权限审批发放批次" payroll approve "$R" --user caseworker
ok_cmd "the county approves" payroll approve "$R" --user approver
[ "$(sql "SELECT state, approved_by FROM payroll_runs WHERE id = $R")" = "approved|approver" ] && ok || fail "run approved by approver"
refuse "approve twice" 3 "该批次已审批" payroll approve "$R" --user approver
refuse "rebuild after approval" 3 "不能重新造册" payroll rebuild "$R" --user caseworker --township "$TA"
EV=$(sql "SELECT action FROM payroll_events WHERE run_id = $R ORDER BY id" | tr '\n' ' ')
[ "$EV" = "build submit submit approve " ] && ok || fail "timeline: $EV"

# ---- the next month: send back, rebuild, separation of duties ----
ok_cmd "build 2026-12" payroll run --user wy.clerk --program dibao_urban --period 2026-12
R2=$(sql "SELECT id FROM payroll_runs WHERE period = '2026-12'")
# a line of 东屯镇 loses its bank account in the register: rebuilt, it blocks the submission
HA=$(echo "$HS" | head -1)
sql "UPDATE households SET bank_account = NULL WHERE id = $HA" >/dev/null
ok_cmd "rebuild 东屯镇" payroll rebuild "$R2" --user caseworker --township "$TA"
refuse "a household without an account" 3 "1 户缺少银行账户" payroll submit "$R2" --user caseworker --township "$TA"
sql "UPDATE households SET bank_account = '6217000000000000019' WHERE id = $HA" >/dev/null
ok_cmd "rebuild with the account" payroll rebuild "$R2" --user caseworker --township "$TA"
[ "$(sql "SELECT bank_account FROM payroll_lines WHERE run_id = $R2 AND household_id = $HA")" = 6217000000000000019 ] && ok || fail "the rebuilt line has the new account"
ok_cmd "东屯镇 submits 12月" payroll submit "$R2" --user both --township "$TA"
refuse "send back without a reason" 3 "退回原因" payroll send-back "$R2" --user approver --township "$TA" --reason " "
ok_cmd "send back" payroll send-back "$R2" --user approver --township "$TA" --reason "人数与台账不符"
[ "$(sql "SELECT state, reason FROM payroll_sections WHERE run_id = $R2 AND township_code = '$TA'")" = "sent_back|人数与台账不符" ] && ok || fail "section sent back with its reason"
ok_cmd "resubmit" payroll submit "$R2" --user both --township "$TA"
ok_cmd "文岩街道 submits 12月" payroll submit "$R2" --user wy.clerk --township "$TB"
refuse "who submitted may not approve" 1 "同一人员不能既造册报送又审批" payroll approve "$R2" --user both
# a line changed behind the roster's back: the control totals catch it
L=$(sql "SELECT id FROM payroll_lines WHERE run_id = $R2 AND township_code = '$TB'")
sql "UPDATE payroll_lines SET base_fen = base_fen + 100, total_fen = total_fen + 100 WHERE id = $L" >/dev/null
refuse "a tampered line" 3 "文岩街道的清册与报送时的控制数不符" payroll approve "$R2" --user approver
sql "UPDATE payroll_lines SET base_fen = base_fen - 100, total_fen = total_fen - 100 WHERE id = $L" >/dev/null

# ---- cancelling frees the period ----
refuse "cancel without a reason" 3 "作废原因" payroll cancel "$R2" --user approver
refuse "the clerk does not cancel" 1 "没有权限审批发放批次" payroll cancel "$R2" --user caseworker --reason x
ok_cmd "cancel" payroll cancel "$R2" --user approver --reason "标准调整，重新造册"
# the timeline names each step as the web page does, never by its code
expect_exit 0 "show the cancelled run" -- run payroll show "$R2" --user auditor
STEPS=$(sed -n '/^经过：$/,$p' "$T/out" | awk -F'\t' 'NR > 1 { printf "%s,", $2 }')
[ "$STEPS" = "造册,重新造册,重新造册,乡镇报送,退回乡镇,乡镇报送,乡镇报送,作废," ] && ok || fail "the timeline's steps: $STEPS"
expect_text "$T/out" "	退回乡镇	approver	$TA	人数与台账不符" "the sending back with its township and reason"
if grep -Eq '	(build|submit|rebuild|send_back|approve|cancel)	' "$T/out"; then fail "show prints action codes"; else ok; fi
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R2 AND status <> 'void'")" = 0 ] && ok || fail "a cancelled run's lines are void"
ok_cmd "build 2026-12 again" payroll run --user caseworker --program dibao_urban --period 2026-12
[ "$(sql "SELECT run_no FROM payroll_runs WHERE period = '2026-12' AND state = 'prepared'")" = 41072620261201R02 ] && ok || fail "the second run of the period is R02"
expect_exit 0 "list" -- run payroll list --user auditor
expect_text "$T/out" "已作废" "the list shows the cancelled run"
expect_text "$T/out" "共 3 个批次" "three runs"

# ---- a county that pays rural 低保 by quarter ----
expect_exit 0 "rural by quarter" -- run param set pay.rhythm.dibao_rural quarterly --scope 410726 --from 2026-01-01 --reason "农村低保按季发放"
refuse "a month for a quarterly program" 3 "按季发放的期次写作 2026Q3" payroll run --user caseworker --program dibao_rural --period 2026-10
ok_cmd "build 2026Q4" payroll run --user caseworker --program dibao_rural --period 2026Q4
RQ=$(sql "SELECT id FROM payroll_runs WHERE period = '2026Q4'")
[ "$(sql "SELECT months, first_month, due_on FROM payroll_runs WHERE id = $RQ")" = "3|2026-10-01|2026-10-10" ] && ok || fail "a quarter: 3 months from October, due 10 October: $(sql "SELECT months, first_month, due_on FROM payroll_runs WHERE id = $RQ")"
# each line pays every month of the quarter its entitlements cover
QW=$(sql "SELECT sum(amount_fen * ((CASE WHEN to_month IS NULL OR to_month >= '2026-12-01' THEN 12 ELSE CAST(substr(CAST(to_month AS TEXT), 6, 2) AS INTEGER) END) - (CASE WHEN from_month <= '2026-10-01' THEN 10 ELSE CAST(substr(CAST(from_month AS TEXT), 6, 2) AS INTEGER) END) + 1)) FROM entitlements WHERE program = 'dibao_rural' AND from_month <= '2026-12-01' AND (to_month IS NULL OR to_month >= '2026-10-01')")
[ "$(sql "SELECT total_fen FROM payroll_runs WHERE id = $RQ")" = "$QW" ] && ok || fail "the quarter's total $(sql "SELECT total_fen FROM payroll_runs WHERE id = $RQ"), want $QW"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RQ AND detail LIKE '%2026-12%'")" -ge 1 ] && ok || fail "a quarter's line lists its months"

# ---- never twice, by the database itself ----
before=$(snapshot "$DB")
COLS="county, id, run_id, program, period, kind, slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, status"
if sql "INSERT INTO payroll_lines ($COLS) SELECT county, 999999, run_id, program, period, 'regular', slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, 'pending' FROM payroll_lines WHERE run_id = $R LIMIT 1" >/dev/null 2>&1; then
	fail "the database took a second line for the same household, program, period and kind"
else ok; fi
if sql "INSERT INTO payroll_lines ($COLS) SELECT county, 999998, run_id, program, period, 'reissue', slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, 'paid' FROM payroll_lines WHERE run_id = $R LIMIT 1" >/dev/null 2>&1; then
	fail "the database took a reissue while the original still holds the slot"
else ok; fi
[ "$before" = "$(snapshot "$DB")" ] && ok || fail "the refused inserts changed the database"

finish
