#!/bin/sh
# tests/cli/test_payroll_api.sh DIBAO — a month's 低保 payroll over the API
# (docs/api.md "Payroll (资金发放)", issue 5), through the real server on the
# demo county with its demo users and a clerk of a second township:
#  - the programs paid by roster, with the county's rhythm and the current
#    and next period and their due days;
#  - bad bodies are 400 naming the field, an unknown run 404, a period in
#    the wrong form or to come 400, the approver building 403: nothing
#    changes;
#  - the caseworker builds November (201, control totals = the entitlements'
#    sums); building again is 200 with the same run and changes nothing;
#  - each township sees its own section and lines; the auditor all;
#  - the approver is refused before both sections are in (409), sends one
#    back with a reason, the township rebuilds and resubmits, the approver
#    approves (the timeline names the three people); approving again 409;
#  - to the bank and back: the run tells its template, payer account and
#    file date; the timeline counts the export's lines and a return's paid
#    and failed; the reissue queue's items carry their program; a township
#    asking for the ledger is told 计财台账; a county template shows when
#    and by whom it was added and is deleted (DELETE, never a built-in);
#    the county's payer account (pay.payer_account) set over the API is
#    used from its date on only, and an account given still wins;
#  - a run cancelled with a reason frees its period;
#  - every write adds exactly one audit record, every refusal none.
# On SQLite, or on PostgreSQL when DIB_TEST_DB is its URL (lib.sh).
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DIB_TODAY=2026-10-20 # the demo's cases are confirmed: paid from October or November
export DIB_TODAY
DB=$(fresh_db payapi)
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 200 --cases 27
DIB_TODAY=2026-11-20 # the server's business date
GOOD='Pay#2026a'
NEW='Pay#2026b'
DEMO='Dibao@2026'
TA=410726101000
TB=410726001000

state() {
	sql "SELECT (SELECT count(*) FROM payroll_runs) || '/' || (SELECT count(*) FROM payroll_lines)
	 || '/' || (SELECT count(*) FROM payroll_sections WHERE state = 'submitted')
	 || '/' || (SELECT count(*) FROM payroll_events) || '/' || (SELECT count(*) FROM audit_log)"
}

# one 城市低保 household moves to 文岩街道: two townships, two sections
H2=$(sql "SELECT max(household_id) FROM entitlements WHERE program = 'dibao_urban'")
VB=$(sql "SELECT code FROM regions WHERE parent_code = '$TB' ORDER BY code LIMIT 1")
sql "UPDATE households SET village_code = '$VB' WHERE id = $H2" >/dev/null
H2NO=$(sql "SELECT hh_no FROM households WHERE id = $H2")
WANT=$(sql "SELECT count(DISTINCT household_id) || '/' || sum(amount_fen) FROM entitlements WHERE program = 'dibao_urban' AND from_month <= '2026-11-01' AND (to_month IS NULL OR to_month >= '2026-11-01')")

. "$(dirname "$0")/lib_api.sh"
. "$(dirname "$0")/lib_writes.sh"

is() { # NAME JQ WANT WHAT
	got=$(jq -r "$2" "$T/$1.body")
	[ "$got" = "$3" ] && ok || fail "$4: $2 = \"$got\", expected \"$3\""
}
get() { # USER NAME PATH STATUS
	req "$1" "$2" "$URL$3"
	expect_status "$2" "$4"
}

start_server
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
for u in caseworker approver auditor payer; do login "$u" "$DEMO"; done
DIBAO_PASSWORD="$GOOD" expect_exit 0 "a clerk of 文岩街道" -- "$DIBAO" --db "$DB" user add wy.clerk --name 文岩经办 --region "$TB" --role township_caseworker
session wy.clerk /api/v1/payroll/runs
login wy.clerk "$NEW"
# a clerk of a township the roster holds nothing of
TC=$(sql "SELECT code FROM regions WHERE parent_code = (SELECT parent_code FROM regions WHERE code = '$TA') AND code NOT IN ('$TA', '$TB') ORDER BY code LIMIT 1")
DIBAO_PASSWORD="$GOOD" expect_exit 0 "a clerk of a third township" -- "$DIBAO" --db "$DB" user add tc.clerk --name 第三经办 --region "$TC" --role township_caseworker
session tc.clerk /api/v1/payroll/runs
login tc.clerk "$NEW"

# ---- the programs and their periods ----
get caseworker pg /api/v1/payroll/programs 200
is pg '.items | length' 10 "ten programs paid by roster"
is pg '.items[] | select(.program == "dibao_urban") | .rhythm_name' 按月 "城市低保 monthly by default"
is pg '.items[] | select(.program == "dibao_urban") | .current.period' 2026-11 "the current period"
is pg '.items[] | select(.program == "dibao_urban") | .current.due_on' 2026-11-10 "due the 10th"
is pg '.items[] | select(.program == "dibao_urban") | .next.name' 2026年12月 "the next period's name"
is pg '.items[] | select(.program == "dibao_urban") | .buildable' true "低保 builds"

# ---- refusals ----
refused caseworker b1 400 '缺少字段 \"period\"' POST /api/v1/payroll/runs '{"program":"dibao_urban"}'
refused caseworker b2 400 'extra' POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026-11","extra":1}'
refused caseworker b3 400 '按月发放的期次写作 2026-07' POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026/11"}'
refused caseworker b4 400 '尚未到来' POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2027-03"}'
refused approver b5 403 '没有权限编制补贴清册' POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026-11"}'
refused caseworker b6 400 '不是按期发放的救助项目' POST /api/v1/payroll/runs '{"program":"temp_aid","period":"2026-11"}'
get auditor nf /api/v1/payroll/runs/999999 404
expect_text "$T/nf.body" '发放批次 999999 不存在' "an unknown run"

# ---- building ----
wrote caseworker b 201 payroll.build POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026-11"}'
R=$(jq -r .id "$T/b.body")
got=$(jq -r '"\(.declared.households)/\(.declared.total_fen)"' "$T/b.body")
[ "$got" = "$WANT" ] && ok || fail "control totals $got, want $WANT"
is b .state_name 待乡镇报送 "a built run waits for the townships"
is b .period_name 2026年11月 "the period's name"
is b '.basis.standards[0].month' 2026-11 "the basis: the standard of November"
before=$(state)
w caseworker b2x POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026-11"}'
expect_status b2x 200
is b2x .id "$R" "building again gives the same run"
unchanged "$before" "building again"

# ---- who sees what ----
get caseworker v1 "/api/v1/payroll/runs/$R" 200
is v1 '.sections | length' 1 "the caseworker sees one section"
is v1 '.sections[0].township' "$TA" "his own"
is v1 .totals_ok true "his section adds up"
get tc.clerk v3 "/api/v1/payroll/runs/$R" 200
is v3 '.sections | length' 0 "a township with no household in the roster sees no section"
is v3 .totals_ok true "its nothing adds up to nothing"
is v3 .actual.lines 0 "and it has no line"
get auditor v2 "/api/v1/payroll/runs/$R" 200
is v2 '.sections | length' 2 "the auditor sees both"
is v2 .totals_ok true "the run adds up"
get caseworker l1 "/api/v1/payroll/runs/$R/lines" 200
if grep -q "$H2NO" "$T/l1.body"; then fail "caseworker sees 文岩街道's line"; else ok; fi
get wy.clerk l2 "/api/v1/payroll/runs/$R/lines" 200
is l2 .total 1 "文岩街道 has one line"
is l2 '.items[0].hh_no' "$H2NO" "its household"
get auditor l3 "/api/v1/payroll/runs/$R/lines?limit=1" 200
is l3 '.items | length' 1 "a page of one"
get auditor l4 "/api/v1/payroll/runs/$R/lines?limit=0" 400
get auditor l5 "/api/v1/payroll/runs/$R/lines?q=$H2NO" 200
is l5 .total 1 "search by household number"
is l5 '.items[0].detail[0].month' 2026-11 "a line's months"
is l5 '.items[0].detail | length' 1 "one month"
is l5 '.items[0].detail[0].fen' "$(sql "SELECT base_fen + addon_fen FROM payroll_lines WHERE run_id = $R AND hh_no = '$H2NO'")" "the month's amount"
is l5 '.items[0].detail[0].entitlement' "$(sql "SELECT e.id FROM entitlements e JOIN households h ON h.id = e.household_id WHERE h.hh_no = '$H2NO' AND e.program = 'dibao_urban'")" "the month's entitlement"

# ---- township by township, then the county ----
refused approver a1 409 '须各乡镇全部报送' POST "/api/v1/payroll/runs/$R/approve" '{}'
refused caseworker s0 400 'township' POST "/api/v1/payroll/runs/$R/submit" '{}'
refused caseworker s1 403 '不在您的管辖区域内' POST "/api/v1/payroll/runs/$R/submit" "{\"township\":\"$TB\"}"
wrote caseworker s2 200 payroll.submit POST "/api/v1/payroll/runs/$R/submit" "{\"township\":\"$TA\"}"
is s2 '.sections[0].state_name' 已报送 "submitted"
wrote wy.clerk s3 200 payroll.submit POST "/api/v1/payroll/runs/$R/submit" "{\"township\":\"$TB\"}"
refused approver k0 400 '退回原因' POST "/api/v1/payroll/runs/$R/send-back" "{\"township\":\"$TB\"}"
wrote approver k1 200 payroll.send_back POST "/api/v1/payroll/runs/$R/send-back" "{\"township\":\"$TB\",\"reason\":\"账号待核实\"}"
is k1 ".sections[] | select(.township == \"$TB\") | .reason" 账号待核实 "the reason is shown"
refused approver a2 409 '已退回' POST "/api/v1/payroll/runs/$R/approve" '{}'
wrote wy.clerk r1 200 payroll.rebuild POST "/api/v1/payroll/runs/$R/rebuild" "{\"township\":\"$TB\"}"
wrote wy.clerk s4 200 payroll.submit POST "/api/v1/payroll/runs/$R/submit" "{\"township\":\"$TB\"}"
refused payer a3 403 '没有权限审批发放批次' POST "/api/v1/payroll/runs/$R/approve" '{}'
wrote approver a4 200 payroll.approve POST "/api/v1/payroll/runs/$R/approve" '{}'
is a4 .state_name 已审批 "approved"
is a4 .approved_by approver "by the approver"
is a4 '[.events[].actor] | unique | sort | join(",")' "approver,caseworker,wy.clerk" "the timeline names three people"
is a4 '[.events[].action_name] | join(",")' "造册,乡镇报送,乡镇报送,退回乡镇,重新造册,乡镇报送,县局审批" "the timeline in order"
refused approver a5 409 '该批次已审批' POST "/api/v1/payroll/runs/$R/approve" '{}'
is a4 .template_name null "no template before the export"
is a4 .payer_account null "no payer account before the export"

# ---- to the bank and back ----
refused approver e0 403 '没有权限办理银行代发' POST "/api/v1/payroll/runs/$R/export" '{"template":"通用CSV（UTF-8）"}'
refused payer e1 400 '缺少字段 \"template\"' POST "/api/v1/payroll/runs/$R/export" '{}'
get auditor tl /api/v1/payroll/templates 200
is tl '[.items[] | select(.builtin)] | length' 3 "three built-in templates"
is tl '.items[] | select(.name == "邮储银行定长（GBK）") | .encoding' GBK "the fixed-width sample is GBK"
# the county's payer account from next month: a bad one refused, nothing changed
refused approver pa1 400 '(pay.payer_account) 的值 \"4105 abc\" 不正确，应为 8 至 32 位数字' PUT /api/v1/params/pay.payer_account '{"scope":"410726","value":"4105 abc","effective_from":"2026-12-01"}'
wrote approver pa2 200 param.set PUT /api/v1/params/pay.payer_account '{"scope":"410726","value":"6217 0000 0000 0000 003","effective_from":"2026-12-01"}'
is pa2 .value 6217000000000000003 "the account as stored"
# a template that writes the payer account needs one: the refusal names the
# field and the parameter (the county's account is not in force yet)
refused payer e3 400 '请用 payer_account 给出付款账号，或在参数中设置 pay.payer_account' POST "/api/v1/payroll/runs/$R/export" '{"template":"农商银行TXT（GBK，竖线分隔）"}'
# in force today: an account given still wins
wrote approver pa3 200 param.set PUT /api/v1/params/pay.payer_account '{"scope":"410726","value":"6217000000000000004","effective_from":"2026-11-01"}'
wrote payer e2 200 payroll.export POST "/api/v1/payroll/runs/$R/export" '{"template":"通用CSV（UTF-8）","payer_account":"410500012345"}'
is e2 .state_name 已导出代发文件 "exported"
is e2 .file_name 41072620261101R01.csv "the file's name"
is e2 .template_name "通用CSV（UTF-8）" "the run names the export's template"
is e2 '.template_bank | length > 0' true "and its bank"
is e2 .payer_account 410500012345 "the payer account"
is e2 .file_date 2026-11-20 "the file's date"
is e2 '.events[] | select(.action == "export") | .totals.lines' "$(jq -r .declared.lines "$T/e2.body")" "the export event counts the file's lines"
is e2 '.events[] | select(.action == "export") | .paid' null "an export has no bank outcome"
get caseworker e2c "/api/v1/payroll/runs/$R" 200
is e2c .template_name "通用CSV（UTF-8）" "GET tells the template too"
curl -s -b "$T/auditor.jar" -D "$T/bf.h" -o "$T/bank.csv" "$URL/api/v1/payroll/runs/$R/bank-file"
SHA=$(sha256sum "$T/bank.csv" | cut -d' ' -f1)
[ "$SHA" = "$(jq -r .file_sha256 "$T/e2.body")" ] && ok || fail "the downloaded file is the exported one"
grep -qi "x-checksum-sha256: $SHA" "$T/bf.h" && ok || fail "the download says its checksum"
get caseworker bf2 "/api/v1/payroll/runs/$R/bank-file" 403
N=$(jq -r .declared.lines "$T/e2.body")
# the bank's return, all paid but the first line
awk -F, 'NR == 1 { print "序号,业务编号,户名,账号,金额,处理状态,失败原因"; next }
	{ st = NR == 2 ? "F001" : "成功"; rs = NR == 2 ? "账户已冻结" : ""; printf "%s,%s,%s,%s,%s,%s,%s\r\n", $1, $2, $7, $8, $9, st, rs }' "$T/bank.csv" >"$T/ret.csv"
sed '2s/^1,[0-9]*,/1,424242,/' "$T/ret.csv" >"$T/bad.csv"
before=$(state)
req payer rb -X POST -H 'Content-Type: application/octet-stream' -H "X-CSRF-Token: $(cat "$T/payer.csrf")" --data-binary @"$T/bad.csv" "$URL/api/v1/payroll/runs/$R/return?file_name=bad.csv"
expect_status rb 400
expect_text "$T/rb.body" '回盘文件第 2 行：流水号 424242 不是本批次的发放明细' "a foreign reference"
unchanged "$before" "a refused return"
a0=$(audits)
req payer rg -X POST -H 'Content-Type: application/octet-stream' -H "X-CSRF-Token: $(cat "$T/payer.csrf")" --data-binary @"$T/ret.csv" "$URL/api/v1/payroll/runs/$R/return?file_name=ret.csv"
expect_status rg 200
[ "$(audits)" = $((a0 + 1)) ] && ok || fail "a return: one audit record"
is rg .last_return.failed 1 "one failed"
is rg .state_name 已回盘 "all returned"
is rg '.events[] | select(.action == "return") | "\(.totals.lines)/\(.paid.lines)/\(.failed.lines)/\(.paid.total_fen + .failed.total_fen)"' "$N/$((N - 1))/1/$(jq -r .declared.total_fen "$T/rg.body")" "the return event counts paid and failed"
get auditor rc "/api/v1/payroll/runs/$R/reconciliation" 200
is rc .balanced true "balanced"
is rc .failed.lines 1 "one in the queue"
is rc '.returns[0].file_name' ret.csv "the return file is listed"
get caseworker fq /api/v1/payroll/failed 200
get auditor fq2 /api/v1/payroll/failed 200
is fq2 '.items | length' 1 "the queue holds the failed line"
is fq2 '.items[0].bank_reason' 账户已冻结 "with the bank's reason"
is fq2 '.items[0].program' dibao_urban "the failed line's program"
is fq2 '.items[0].program_name' 城市低保 "and its name"
# the finance ledger is the county's, and a township is told so by its name
get caseworker lgx "/api/v1/payroll/runs/$R/ledger.xlsx" 403
expect_text "$T/lgx.body" '该批次的计财台账不在您的管辖区域内' "the ledger's refusal names it"
wrote payer rcn 200 payroll.reconcile POST "/api/v1/payroll/runs/$R/reconcile" '{}'
is rcn .state_name 已对账 "reconciled"
refused payer rc2 409 '须全部回盘后才能对账' POST "/api/v1/payroll/runs/$R/reconcile" '{}'
FH=$(jq -r '.items[0].township' "$T/fq2.body")
if [ "$FH" = "$TA" ]; then RU=caseworker; else RU=wy.clerk; fi
wrote $RU ri 201 payroll.build POST /api/v1/payroll/reissue '{"program":"dibao_urban"}'
is ri .kind reissue "a reissue run"
is ri .declared.lines 1 "of the one failed line"
refused $RU ri2 404 '没有待重发的发放失败记录' POST /api/v1/payroll/reissue '{"program":"dibao_urban"}'

# ---- a county's own bank template: added, shown with when and who, deleted ----
TPL=$(jq -n '{text: "name = 本县农信社\nbank = 延津县农村信用社\nformat = delimited\nencoding = utf8\nseparator = ,\namount = yuan\ncolumn = reference\ncolumn = account\ncolumn = account_name\ncolumn = amount\nreturn.column = reference\nreturn.column = amount\nreturn.column = status\nreturn.paid = OK\n"}')
wrote payer ta 201 payroll.template_add POST /api/v1/payroll/templates "$TPL"
get auditor tl2 /api/v1/payroll/templates 200
is tl2 '.items[] | select(.name == "本县农信社") | .created_by' payer "who added it"
is tl2 '.items[] | select(.name == "本县农信社") | .created_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")' true "when (UTC)"
is tl2 '[.items[] | select(.builtin) | .created_at] | unique | join(",")' "" "a built-in has no time"
uri() { jq -rn --arg s "$1" '$s | @uri'; }
refused payer td0 409 '是内置样例模板，不能删除' DELETE "/api/v1/payroll/templates/$(uri 通用CSV（UTF-8）)" ''
refused payer td1 404 '本县没有名为“某银行”的代发模板' DELETE "/api/v1/payroll/templates/$(uri 某银行)" ''
refused approver td2 403 '没有权限办理银行代发' DELETE "/api/v1/payroll/templates/$(uri 本县农信社)" ''
wrote payer td 200 payroll.template_delete DELETE "/api/v1/payroll/templates/$(uri 本县农信社)" ''
is td .name 本县农信社 "the deleted template's name"
get auditor tl3 /api/v1/payroll/templates 200
is tl3 '[.items[] | select(.name == "本县农信社")] | length' 0 "a deleted template is not offered"
refused payer td3 404 '本县没有名为“本县农信社”的代发模板' DELETE "/api/v1/payroll/templates/$(uri 本县农信社)" ''

# ---- cancelling ----
wrote wy.clerk b12 201 payroll.build POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026-12"}'
R12=$(jq -r .id "$T/b12.body")
refused approver c0 400 '作废原因' POST "/api/v1/payroll/runs/$R12/cancel" '{"reason":""}'
wrote approver c1 200 payroll.cancel POST "/api/v1/payroll/runs/$R12/cancel" '{"reason":"人员变动较多，重新造册"}'
is c1 .state_name 已作废 "cancelled"
is c1 .closed_reason "人员变动较多，重新造册" "with its reason"
wrote wy.clerk b13 201 payroll.build POST /api/v1/payroll/runs '{"program":"dibao_urban","period":"2026-12"}'
get auditor ls /api/v1/payroll/runs 200
is ls '.items | length' 4 "four runs (with the reissue)"
is ls '[.items[] | select(.state == "cancelled")] | length' 1 "one cancelled"

kill -TERM "$PID"
wait "$PID"
PID=
expect_exit 0 "the audit chain" -- "$DIBAO" --db "$DB" audit verify
finish
