#!/bin/sh
# tests/cli/test_payroll_netting.sh DIBAO — an overpayment (应追缴) netted
# by a reversal, and waived (核销) (docs/internals/payroll.md, "Netting and
# waiving"; schema v15):
#  - 城市低保 paid for August to October at 528 元, then a standard of
#    520 元 from August: one overpayment per household and month;
#  - household HA repays part of its September overpayment, HX all of it;
#    the county waives HB's (户主死亡, with its document);
#    refusals (another role, no reason, no document, closed, unknown, the
#    approver who recorded it himself) change nothing;
#  - the reduction undone from September (528 元 again): the recomputation
#    nets the reversal against the open overpayments first — cancelled and
#    closed ("netted"), no arrears for them; only what was already repaid
#    is paid back as arrears (HA: the part, HX: all); HB's waiver becomes
#    netted, not paid; asked again nothing more;
#  - lowered again from October: the netted month is overpaid anew;
#  - 高龄津贴 (paid per person) lowered, then raised back for October:
#    the person's October overpayment netted, no arrears;
#  - a deduction still at the bank keeps a waiver waiting (409);
#  - the API: a waiver (one audit record), 404, 409 closed, 400 without a
#    reason, 403 without the right — each changing nothing; the list, one
#    overpayment and the household's payments show what was netted and
#    waived.
# On SQLite, or on PostgreSQL when DIB_TEST_DB is its URL (lib.sh).
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db netting)
DIB_TODAY=2026-06-20 expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
DIB_TODAY=2026-06-20 expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 300 --covered 30

run() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" "$@"; }
. "$(dirname "$0")/lib_payroll.sh"
yuan() { echo "$1" | awk '{ printf "%d.%02d\n", $1 / 100, $1 % 100 }'; } # below 1,000 元
GOOD='Net#2026a'
DIBAO_PASSWORD=$GOOD expect_exit 0 "add prep" -- "$DIBAO" --db "$DB" user add prep --name 县级造册 --region 410726000000 --role township_caseworker
DIBAO_PASSWORD=$GOOD expect_exit 0 "add approver2" -- "$DIBAO" --db "$DB" user add approver2 --name 县局审批二 --region 410726000000 --role county_approver

pay_month() { # DAY PERIOD — PERIOD's roster on DAY, every line paid
	run "$1" payroll run --user prep --program dibao_urban --period "$2" >/dev/null 2>&1 || fail "build $2"
	pay_run "$1" "$(sql "SELECT id FROM payroll_runs WHERE program = 'dibao_urban' AND period = '$2' AND kind = 'regular' AND state <> 'cancelled'")"
}
# 高龄津贴 (paid per person) for one elder from August
expect_exit 0 "高龄津贴 standard" -- run 2026-07-20 standard set --county 410726 --program elderly_allowance --from 2026-01-01 --amount 100 --decided 2026-07-20 --document 延民〔2026〕9号
HE=$(sql "SELECT h.id FROM households h WHERE h.village_code LIKE '410726101%' AND h.bank_account IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.household_id = h.id) AND (SELECT count(*) FROM memberships m WHERE m.household_id = h.id AND m.end_date IS NULL) >= 1 ORDER BY h.id LIMIT 1")
E=$(sql "SELECT person_id FROM memberships WHERE household_id = $HE AND end_date IS NULL ORDER BY person_id LIMIT 1")
sql "UPDATE persons SET birth_date = '1940-03-01' WHERE id = $E" >/dev/null
expect_exit 0 "高龄津贴 granted" -- run 2026-07-20 benefit grant --user approver --household "$HE" --program elderly_allowance --persons "$E" --decision 延民高〔2026〕7号 --from 2026-07
pay_elder() { # DAY PERIOD
	run "$1" payroll run --user prep --program elderly_allowance --period "$2" >/dev/null 2>&1 || fail "build 高龄津贴 $2"
	pay_run "$1" "$(sql "SELECT id FROM payroll_runs WHERE program = 'elderly_allowance' AND period = '$2' AND kind = 'regular' AND state <> 'cancelled'")"
}
pay_month 2026-08-05 2026-08
pay_elder 2026-08-05 2026-08
pay_elder 2026-09-05 2026-09
pay_elder 2026-10-05 2026-10
is "$(sql "SELECT sum(total_fen) FROM payroll_lines WHERE program = 'elderly_allowance' AND person_id = $E AND status = 'paid'")" 30000 "the elder paid 100 元 for August to October"
pay_month 2026-09-05 2026-09
pay_month 2026-10-05 2026-10
H=$(sql "SELECT count(*) FROM entitlements WHERE program = 'dibao_urban' AND base_fen IS NOT NULL")
P=$(sql "SELECT sum(persons) FROM entitlements WHERE program = 'dibao_urban' AND base_fen IS NOT NULL")
[ "$H" -ge 4 ] && ok || fail "the demo covered too few 城市低保 households: $H"

# ---- a lower standard from August: overpaid ----
expect_exit 0 "a lower standard" -- run 2026-10-20 standard set --county 410726 --program dibao_urban --from 2026-08-01 --amount 520 --decided 2026-10-20 --document 延民〔2026〕20号
ok_cmd 2026-10-20 "recompute August–October" payroll arrears --user prep --program dibao_urban --from 2026-08 --to 2026-10
is "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM overpayments")" "$((3 * H))/$((3 * 800 * P))" "one overpayment per household and month"
HA=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' ORDER BY household_id LIMIT 1")
HX=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' AND household_id > $HA ORDER BY household_id LIMIT 1")
HB=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' AND household_id > $HX ORDER BY household_id LIMIT 1")
op() { sql "SELECT id FROM overpayments WHERE household_id = $1 AND period = '$2' AND reason = 'recompute' ORDER BY id LIMIT 1"; }
OA=$(op "$HA" 2026-09); OX=$(op "$HX" 2026-09); OB=$(op "$HB" 2026-09)
AA=$(sql "SELECT amount_fen FROM overpayments WHERE id = $OA")
AX=$(sql "SELECT amount_fen FROM overpayments WHERE id = $OX")
AB=$(sql "SELECT amount_fen FROM overpayments WHERE id = $OB")
[ "$AA" -gt 300 ] && ok || fail "HA's overpayment $AA fen"

# ---- repaid: HA in part (3 元), HX in full ----
ok_cmd 2026-10-21 "HA repays 3 元" payroll repay --user payer --overpayment "$OA" --amount 3 --receipt 延收〔2026〕101
ok_cmd 2026-10-21 "HX repays all" payroll repay --user payer --overpayment "$OX" --amount "$(yuan "$AX")" --receipt 延收〔2026〕102
is "$(sql "SELECT closed_reason FROM overpayments WHERE id = $OX")" recovered "HX's is recovered"

# ---- the waiver (核销) of HB's September overpayment ----
W="payroll overpayment waive $OB"
refuse 2026-10-22 "the payer does not waive" 1 "没有权限审批发放批次" $W --user payer --reason 户主死亡 --doc 延民核〔2026〕1号
refuse 2026-10-22 "the clerk does not waive" 1 "没有权限审批发放批次" $W --user prep --reason 户主死亡 --doc 延民核〔2026〕1号
refuse 2026-10-22 "no reason" 3 "核销理由" $W --user approver --doc 延民核〔2026〕1号
refuse 2026-10-22 "no document" 3 "核销文号" $W --user approver --reason 户主死亡
refuse 2026-10-22 "an unknown overpayment" 1 "应追缴记录 99999 不存在" payroll overpayment waive 99999 --user approver --reason 户主死亡 --doc 延民核〔2026〕1号
refuse 2026-10-22 "a closed one" 3 "已于 2026-10-21 结清" payroll overpayment waive "$OX" --user approver --reason 户主死亡 --doc 延民核〔2026〕1号
ok_cmd 2026-10-22 "HB's waived" $W --user approver --reason 户主死亡，无遗产可追 --doc 延民核〔2026〕1号
expect_text "$T/out" "已核销 $(yuan "$AB") 元（文号 延民核〔2026〕1号）" "the summary"
is "$(sql "SELECT cancelled_fen || '/' || waived_fen || '/' || closed_on || '/' || closed_reason || '/' || waiver_doc FROM overpayments WHERE id = $OB")" "$AB/$AB/2026-10-22/waived/延民核〔2026〕1号" "cancelled and waived in full, closed"
is "$(sql "SELECT action || ' ' || actor || ' ' || entity_id || ' ' || reason FROM audit_log ORDER BY id DESC LIMIT 1")" "payroll.overpayment_waive approver $OB 户主死亡，无遗产可追" "the audit record"
refuse 2026-10-22 "waived twice" 3 "已于 2026-10-22 结清" $W --user approver --reason 户主死亡 --doc 延民核〔2026〕1号
expect_exit 0 "show the waived" -- run 2026-10-22 payroll overpayment show "$OB" --user auditor
expect_text "$T/out" "核销：" "show names the waiver"
expect_text "$T/out" "已核销" "its state"
# who recorded a debt does not forgive it
ok_cmd 2026-10-22 "a finding by hand" payroll overpayment add --user approver --household "$HA" --program dibao_urban --period 2026-10 --amount 20 --reason fraud --plan repay --note 隐瞒收入
OF=$(sql "SELECT id FROM overpayments WHERE reason = 'fraud'")
refuse 2026-10-22 "the approver who recorded it" 1 "由您登记" payroll overpayment waive "$OF" --user approver --reason 无力偿还 --doc 延民核〔2026〕2号
expect_exit 0 "the open list" -- run 2026-10-22 payroll overpayments --user auditor --household "$HB"
expect_text "$T/out" "$(yuan "$AB")	0.00	调标重算	从后续发放中扣减	已核销" "the list: cancelled, nothing outstanding"

# ---- the reduction undone: 528 元 again from September ----
SO="reason = 'recompute' AND period IN ('2026-09', '2026-10')"
OPEN=$(sql "SELECT count(*) FROM overpayments WHERE $SO AND closed_on IS NULL")
is "$OPEN" $((2 * H - 2)) "open before: all but HX's and HB's"
expect_exit 0 "the standard back" -- run 2026-10-25 standard set --county 410726 --program dibao_urban --from 2026-09-01 --amount 528 --decided 2026-10-25 --document 延民〔2026〕22号
NA0=$(sql "SELECT count(*) FROM payroll_lines WHERE kind = 'arrears'")
ok_cmd 2026-10-25 "recompute again" payroll arrears --user prep --program dibao_urban --from 2026-08 --to 2026-10
expect_text "$T/out" "冲销：$((OPEN + 1)) 笔" "the command says how many it netted"
R2=$(sql "SELECT id FROM payroll_runs WHERE kind = 'arrears' ORDER BY id DESC LIMIT 1")
is "$(sql "SELECT count(*) FROM overpayments WHERE $SO AND closed_on IS NULL")" 0 "every overpayment of September and October closed"
is "$(sql "SELECT count(*) FROM overpayments WHERE closed_on = '2026-10-25' AND closed_reason = 'netted'")" "$OPEN" "the open ones netted on the day"
is "$(sql "SELECT count(*) FROM overpayments WHERE closed_reason = 'netted'")" $((OPEN + 1)) "and HB's waived one"
is "$(sql "SELECT count(*) FROM overpayments WHERE period = '2026-08' AND closed_on IS NULL")" "$H" "August's stay open"
is "$(sql "SELECT count(*) FROM overpayments")" $((3 * H + 1)) "no new overpayment"
is "$(sql "SELECT cancelled_fen || '/' || closed_reason FROM overpayments WHERE id = $OA")" "$((AA - 300))/netted" "HA's: the rest cancelled"
is "$(sql "SELECT cancelled_fen || '/' || waived_fen || '/' || closed_on || '/' || closed_reason FROM overpayments WHERE id = $OB")" "$AB/0/2026-10-22/netted" "HB's waiver is moot: netted (closed when waived)"
is "$(sql "SELECT cancelled_fen || '/' || closed_reason FROM overpayments WHERE id = $OX")" "0/recovered" "HX's recovered stays"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R2")" 2 "arrears only for what was repaid: HA and HX"
is "$(sql "SELECT base_fen FROM payroll_lines WHERE run_id = $R2 AND household_id = $HA")" 300 "HA gets back its 3 元"
is "$(sql "SELECT base_fen || '/' || period FROM payroll_lines WHERE run_id = $R2 AND household_id = $HX")" "$AX/2026-09" "HX gets back all it repaid"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE kind = 'arrears'")" $((NA0 + 2)) "no arrears for the netted part"
is "$(sql "SELECT after_json FROM audit_log ORDER BY id DESC LIMIT 1" | jq -c '[.netted, .netted_fen, .overpayments]')" "[$((OPEN + 1)),$((2 * 800 * P - AX - 300)),0]" "the arrears run's record counts the netting"
refuse 2026-10-25 "asked again: nothing more" 1 "没有需要补发或追缴的金额" payroll arrears --user prep --program dibao_urban --from 2026-08 --to 2026-10
expect_exit 0 "HA's account" -- run 2026-10-25 payroll account --household "$HA" --user auditor
expect_text "$T/out" "尚欠 $(yuan $((AA + 2000))) 元" "HA owes August's and the fraud's 20 元"

# ---- lowered again from October: overpaid anew ----
expect_exit 0 "lower again" -- run 2026-10-26 standard set --county 410726 --program dibao_urban --from 2026-10-01 --amount 520 --decided 2026-10-26 --document 延民〔2026〕23号
ok_cmd 2026-10-26 "recompute October" payroll arrears --user prep --program dibao_urban --from 2026-10 --to 2026-10
is "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM overpayments WHERE closed_on IS NULL AND $SO")" "$H/$((800 * P))" "October overpaid again, once per household"
AO=$(sql "SELECT amount_fen FROM overpayments WHERE household_id = $HA AND period = '2026-10' AND reason = 'recompute' AND closed_on IS NULL")

# ---- a program paid per person: 高龄津贴 lowered from September, raised back from October ----
expect_exit 0 "高龄津贴 lowered" -- run 2026-10-20 standard set --county 410726 --program elderly_allowance --from 2026-09-01 --amount 90 --decided 2026-10-20 --document 延民〔2026〕31号
ok_cmd 2026-10-20 "recompute the elder" payroll arrears --user prep --program elderly_allowance --from 2026-08 --to 2026-10
EO="program = 'elderly_allowance' AND person_id = $E"
is "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM overpayments WHERE $EO")" "2/2000" "September and October overpaid 10 元 each, naming the person"
expect_exit 0 "高龄津贴 raised back" -- run 2026-10-26 standard set --county 410726 --program elderly_allowance --from 2026-10-01 --amount 100 --decided 2026-10-26 --document 延民〔2026〕32号
ok_cmd 2026-10-26 "recompute the elder again" payroll arrears --user prep --program elderly_allowance --from 2026-08 --to 2026-10
is "$(sql "SELECT period || '/' || cancelled_fen || '/' || coalesce(closed_reason, 'open') FROM overpayments WHERE $EO ORDER BY period")" "$(printf '2026-09/0/open\n2026-10/1000/netted')" "October's netted, September's still owed"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE program = 'elderly_allowance' AND kind = 'arrears'")" 0 "no arrears for the person"
refuse 2026-10-26 "the elder asked again: nothing" 1 "没有需要补发或追缴的金额" payroll arrears --user prep --program elderly_allowance --from 2026-08 --to 2026-10

# ---- a deduction at the bank keeps a waiver waiting ----
ok_cmd 2026-11-05 "November" payroll run --user prep --program dibao_urban --period 2026-11
ON=$(op "$HA" 2026-08)
[ "$(sql "SELECT count(*) FROM recoveries WHERE overpayment_id = $ON")" -ge 1 ] && ok || fail "November deducts from HA's"
refuse 2026-11-05 "a deduction at the bank" 3 "尚有在途扣减" payroll overpayment waive "$ON" --user approver --reason 无力偿还 --doc 延民核〔2026〕3号
ok_cmd 2026-11-05 "cancel November" payroll cancel "$(sql "SELECT id FROM payroll_runs WHERE program = 'dibao_urban' AND period = '2026-11'")" --user approver --reason 待核销

# ---- the API ----
DIB_TODAY=2026-11-06
export DIB_TODAY
NEW='Net#2026b'
. "$(dirname "$0")/lib_api.sh"
state() { snapshot "$DB"; }
. "$(dirname "$0")/lib_writes.sh"
start_server
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
for u in approver payer auditor; do login "$u" Dibao@2026; done
session approver2 /api/v1/payroll/overpayments
login approver2 "$NEW"
WB='{"reason":"无力偿还","doc_no":"延民核〔2026〕4号"}'
refused approver2 a404 404 "应追缴记录 99999 不存在" POST /api/v1/payroll/overpayments/99999/waive "$WB"
refused approver2 a409 409 "已于 2026-10-25 结清" POST "/api/v1/payroll/overpayments/$OA/waive" "$WB"
refused approver2 a400 400 "核销理由" POST "/api/v1/payroll/overpayments/$ON/waive" '{"doc_no":"延民核〔2026〕4号"}'
refused approver2 a400d 400 "核销文号" POST "/api/v1/payroll/overpayments/$ON/waive" '{"reason":"无力偿还","doc_no":""}'
refused payer a403 403 "没有权限审批发放批次" POST "/api/v1/payroll/overpayments/$ON/waive" "$WB"
refused approver a403s 403 "由您登记" POST "/api/v1/payroll/overpayments/$OF/waive" "$WB"
AN=$(sql "SELECT amount_fen FROM overpayments WHERE id = $ON")
wrote approver2 aw 200 payroll.overpayment_waive POST "/api/v1/payroll/overpayments/$OF/waive" "$WB"
jis aw '[.open, .closed_reason, .waived_fen, .cancelled_fen, .outstanding_fen, .waiver_doc] | map(tostring) | join("/")' "false/waived/2000/2000/0/延民核〔2026〕4号" "the waived overpayment"
wrote approver aw2 200 payroll.overpayment_waive POST "/api/v1/payroll/overpayments/$ON/waive" "$WB"
jis aw2 '.waived_fen' "$AN" "all of it waived"
req auditor l "$URL/api/v1/payroll/overpayments?household=$HA"; expect_status l 200
jis l "[.items[] | select(.id == $OA)][0] | [.netted_fen, .waived_fen, .recovered_fen, .outstanding_fen] | map(tostring) | join(\"/\")" "$((AA - 300))/0/300/0" "HA's September: netted, repaid, nothing left"
jis l '[.items[] | .outstanding_fen] | add' "$AO" "HA owes October's new one only"
req auditor g "$URL/api/v1/payroll/overpayments/$OB"; expect_status g 200
jis g '[.netted_fen, .waived_fen, .closed_reason] | map(tostring) | join("/")' "$AB/0/netted" "HB's October, netted"
req auditor hp "$URL/api/v1/households/$HA/payments"; expect_status hp 200
jis hp '.accounts[] | select(.program == "dibao_urban") | .totals.outstanding_fen' "$AO" "the household's account: October's new one outstanding"
jis hp "[.overpayments[] | select(.id == $OF)][0].waived_fen" 2000 "the account lists the waiver"
jis hp '.accounts[] | select(.program == "dibao_urban") | .totals.cancelled_fen' "$(sql "SELECT sum(cancelled_fen) FROM overpayments WHERE household_id = $HA AND program = 'dibao_urban'")" "the account's total of what is no longer owed"
kill "$PID"
wait "$PID" 2>/dev/null
PID=

expect_exit 0 "the audit chain" -- "$DIBAO" --db "$DB" audit verify
finish
