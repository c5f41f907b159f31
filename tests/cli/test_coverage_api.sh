#!/bin/sh
# tests/cli/test_coverage_api.sh DIBAO — a household while it is covered,
# over the API (docs/api.md "Coverage (在保管理)", issue 4 item 6), through
# the real server on the demo county 延津县 with its demo users; the
# business date is fixed with DIB_TODAY (read at start: moving it is a
# restart):
#  - a household is confirmed through the cases API (2026-06-09: paid from
#    July); its coverage shows the one entitlement;
#  - bad bodies are 400 naming the field, an unknown or malformed id 404;
#    a caseworker may not decide (403), another township's caseworker may
#    not read or decide (403), a household not covered is 404: each
#    changes nothing;
#  - the approver reduces the amount: 201 with the effective month, the
#    amounts and the notice, whose number and content read at
#    /case-documents/{id} for a reader in scope and 403 for one outside;
#    the entitlement is split at the effective month;
#  - the reasons' table, with the kinds each allows;
#  - three refused job offers: the run counts 1, 2, 3 and the share is lost
#    at the third; a bad outcome is 400;
#  - a death opens a review due 3 months later, listed, overdue the day
#    after its due day, closed (twice is 409), then only in ?all=true;
#  - a phase-out fixes its stop month; the daily job records the stop,
#    which the coverage shows with the phase-out it ended;
#  - the assessment of a household before it applies;
#  - every write adds exactly one audit record, every refusal none; the
#    audit chain verifies.
# On SQLite, or on PostgreSQL when DIB_TEST_DB is its URL (lib.sh).
DIBAO=$1
. "$(dirname "$0")/lib.sh"

D0=2026-06-01 # a Monday: the application and the notice
D1=2026-06-09 # the day after the notice's last day: confirmed, paid from July
D2=2026-07-10 # decisions on the covered household
D3=2026-07-16 # the day after the review's due day (a death on 04-15 → 07-15)
DIB_TODAY=$D0
export DIB_TODAY

DB=$(fresh_db covapi)
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 30
GOOD='Cov#2026a'
NEW='Cov#2026b'
DEMO='Dibao@2026'

# the county's rural standard: 4800 元 a person and year, 400 元 a month
expect_exit 0 "rural standard" -- "$DIBAO" --db "$DB" standard set --county 410726 --program dibao_rural --from 2026-01-01 --amount 4800 --decided 2026-01-05 --document 延民〔2026〕1号

# state — everything a coverage write touches
state() {
	sql "SELECT (SELECT count(*) FROM entitlements) || '/' || (SELECT count(*) FROM entitlements WHERE to_month IS NULL)
	 || '/' || (SELECT count(*) FROM entitlement_changes) || '/' || (SELECT count(*) FROM case_documents)
	 || '/' || (SELECT count(*) FROM coverage_reviews) || '/' || (SELECT count(*) FROM coverage_reviews WHERE closed_on IS NULL)
	 || '/' || (SELECT count(*) FROM work_offers) || '/' || (SELECT count(*) FROM audit_log)"
}
. "$(dirname "$0")/lib_api.sh"
. "$(dirname "$0")/lib_writes.sh"
# wrote's ACTION names the entity too: "coverage.change entitlement"
AUDIT_SAYS="action || ' ' || entity || ' ' || actor"

act() { # USER NAME CASE BODY — a case action that is taken
	w "$1" "$2" POST "/api/v1/cases/$3/actions" "$4"
	expect_status "$2" 200
}
is() { # NAME JQ WANT WHAT — the value of an answer is WANT
	got=$(jq -r "$2" "$T/$1.body")
	[ "$got" = "$3" ] && ok || fail "$4: $2 = \"$got\", expected \"$3\""
}
field() { jq -r "$2" "$T/$1.body"; }
get() { # USER NAME PATH STATUS
	req "$1" "$2" "$URL$3"
	expect_status "$2" "$4"
}
restart() { # DATE — the server again on another business date
	kill -TERM "$PID"
	wait "$PID" && ok || fail "server exit status"
	DIB_TODAY=$1
	start_server
}

start_server
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
for u in agent caseworker reviewer approver auditor; do login "$u" "$DEMO"; done
AV=$(jq -r .user.region_code "$T/agent-login.body") # the agent's village, in 东屯镇
req approver towns "$URL/api/v1/regions?parent=410726000000"
OTHER=$(jq -r '[.children[] | select(.code != "410726101000" and .level == 4)][0].code' "$T/towns.body")
DIBAO_PASSWORD="$GOOD" expect_exit 0 "a caseworker of $OTHER" -- "$DIBAO" --db "$DB" user add other.cw --name 其他乡镇经办人 --region "$OTHER" --role township_caseworker
session other.cw /api/v1/regions
login other.cw "$NEW"

# household N — a rural household of two (the head and his wife, no
# income) in the agent's village; its id in $H, the wife's person id in $P
household() {
	w agent "hh$1" POST /api/v1/households "{\"village_code\":\"$AV\",\"address\":\"桑园路 $1 号\",\"registration\":2,\"head\":{\"id_number\":\"$(idn "$1")\",\"name\":\"户主$1\"}}"
	expect_status "hh$1" 201
	H=$(jq -r .household.id "$T/hh$1.body")
	w agent "hm$1" POST "/api/v1/households/$H/members" "{\"id_number\":\"$(idn $(($1 * 2 + 500)))\",\"name\":\"配偶$1\",\"relation\":10,\"start_date\":\"2020-01-01\"}"
	expect_status "hm$1" 201
	P=$(jq -r '.members[] | select(.relation == 10) | .person_id' "$T/hm$1.body")
}
household 1; HA=$H; PA=$P
HEAD=$(jq -r '.members[] | select(.relation == 1) | .person_id' "$T/hm1.body")
household 2; HB=$H; PB=$P

# ---- household A confirmed through the cases API ----
w agent oa POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\"}"
expect_status oa 201
A=$(field oa .case.id)
VISIT='{"date":"2026-06-01","investigators":["王明","李华"],"form":true,"staff_signed":true,"family_signed":true}'
act caseworker c1 "$A" '{"action":"accept"}'
act caseworker c2 "$A" "{\"action\":\"record_visit\",\"visit\":$VISIT}"
act caseworker c3 "$A" '{"action":"request_check"}'
act caseworker c4 "$A" '{"action":"record_check","check_result":"passed"}'
act reviewer c5 "$A" '{"action":"township_review"}'
act caseworker c6 "$A" '{"action":"publish"}'
restart $D1
act caseworker c7 "$A" '{"action":"close_notice"}'
act caseworker c8 "$A" '{"action":"submit"}'
act approver c9 "$A" '{"action":"confirm"}'
is c9 .state confirmed "the case is confirmed"
CONF_NO=$(field c9 .doc_no)

get caseworker g1 "/api/v1/households/$HA/coverage" 200
is g1 .household_id "$HA" "coverage: the household"
is g1 '.entitlements | length' 1 "one entitlement"
is g1 '.entitlements[0] | "\(.program) \(.program_name) \(.from_month) \(.to_month) \(.amount_fen) \(.persons) \(.case_id)"' "dibao_rural 农村低保 2026-07 null 80000 2 $A" "the entitlement from next month"
is g1 '.entitlements[0].decision_no' "$CONF_NO" "opened by the confirmation"
is g1 '.changes | length' 0 "no change yet"
get auditor g2 "/api/v1/households/$HA/coverage" 200
get other.cw g3 "/api/v1/households/$HA/coverage" 403
expect_text "$T/g3.body" '该家庭不在您的管辖区域内' "other township: coverage"
get caseworker g4 /api/v1/households/99999999/coverage 404
get caseworker g5 /api/v1/households/abc/coverage 404
expect_text "$T/g5.body" '户 \"abc\" 不存在' "malformed id"
get nobody g6 "/api/v1/households/$HA/coverage" 401

# ---- the reasons ----
get caseworker rs /api/v1/coverage/reasons 200
is rs '.kinds | map("\(.code) \(.name)") | join(",")' "increase 增发,reduce 减发,stop 停发,phaseout 渐退" "the kinds"
is rs '.kinds[] | select(.code == "reduce") | .notice_title' 减发最低生活保障金告知书 "a kind's notice"
is rs '.items | length' 16 "sixteen reasons"
is rs '.items[] | select(.code == "income_changed") | "\(.name) \(.kinds | join("/")) \(.needs_decision_no) \(.member) \(.retro_kinds | length)"' "家庭收入变化 increase/reduce true false 0" "income_changed"
is rs '.items[] | select(.code == "member_died") | "\(.member) \(.event_name) \(.retro_kinds | join("/")) \(.retro_from)"' "true 死亡日期 reduce month_after_event" "member_died"
is rs '.items[] | select(.code == "employed_above") | .kinds | join("/")' "stop/phaseout" "employed_above"
is rs '.items[] | select(.code == "phaseout_ended") | "\(.automatic) \(.needs_decision_no)"' "true false" "the automatic stop"
is rs '.items[] | select(.code == "fraud") | "\(.recover) \(.article | length > 0)"' "true true" "fraud"
get nobody rs2 /api/v1/coverage/reasons 401

# ---- decisions: bad bodies, refusals ----
restart $D2
CH="/api/v1/households/$HA/coverage/changes"
RED='"program":"dibao_rural","kind":"reduce","reason":"income_changed","decision_no":"延民低减〔2026〕1号"'
refused approver b1 400 '缺少字段 \"program\"' POST "$CH" '{"kind":"reduce","reason":"income_changed","decision_no":"D1","amount_fen":60000}'
refused approver b2 400 '未知字段 \"amount\"' POST "$CH" "{$RED,\"amount\":600}"
refused approver b3 400 '字段 \"amount_fen\" 应为整数' POST "$CH" "{$RED,\"amount_fen\":\"60000\"}"
refused approver b4 400 '字段 \"person_id\" 应为正整数' POST "$CH" "{$RED,\"amount_fen\":60000,\"person_id\":0}"
refused approver b5 400 '渐退须填写渐退月数' POST "$CH" '{"program":"dibao_rural","kind":"phaseout","reason":"employed_above","decision_no":"D1","event_date":"2026-07-01"}'
refused approver b6 400 '只有渐退需要填写渐退月数' POST "$CH" "{$RED,\"amount_fen\":60000,\"phaseout_months\":2}"
refused approver b7 400 '变更类型 \"lower\"' POST "$CH" '{"program":"dibao_rural","kind":"lower","reason":"income_changed","decision_no":"D1"}'
refused approver b8 400 '须填写决定文书号' POST "$CH" '{"program":"dibao_rural","kind":"reduce","reason":"income_changed","amount_fen":60000}'
refused approver b9 400 '不能用于' POST "$CH" '{"program":"dibao_rural","kind":"reduce","reason":"income_above","decision_no":"D1","amount_fen":60000}'
refused approver b10 400 '早于' POST "$CH" "{$RED,\"amount_fen\":60000,\"effective\":\"2026-07\"}"
refused approver b11 400 '生效年月 \"2026-13\" 应为 YYYY-MM' POST "$CH" "{$RED,\"amount_fen\":60000,\"effective\":\"2026-13\"}"
refused approver b12 409 '不低于现在的' POST "$CH" "{$RED,\"amount_fen\":90000}"
refused approver b13 400 '不是有效的 JSON' POST "$CH" '{"program":'
refused approver b14 404 '未在享受农村低保' POST "/api/v1/households/$HB/coverage/changes" "{$RED,\"amount_fen\":60000}"
refused approver b15 404 '户 \"x1\" 不存在' POST /api/v1/households/x1/coverage/changes "{$RED,\"amount_fen\":60000}"
refused caseworker b16 403 '须由县民政局审批人决定' POST "$CH" "{$RED,\"amount_fen\":60000}"
refused other.cw b17 403 '该家庭不在您的管辖区域内' POST "$CH" "{$RED,\"amount_fen\":60000}"
refused auditor b18 403 '没有权限' POST "$CH" "{$RED,\"amount_fen\":60000}"
before=$(state)
req approver b19 -X POST -H "$J" --data "{$RED,\"amount_fen\":60000}" "$URL$CH"
expect_status b19 403
unchanged "$before" "no CSRF token"

# ---- a reduction with its notice ----
wrote approver red 201 "entitlement.reduce entitlement_change" POST "$CH" "{$RED,\"amount_fen\":60000,\"note\":\"妻子务工收入增加\"}"
is red '"\(.household_id) \(.program_name) \(.kind) \(.kind_name) \(.reason) \(.reason_name)"' "$HA 农村低保 reduce 减发 income_changed 家庭收入变化" "the change"
is red '"\(.effective_month) \(.old_amount_fen) \(.new_amount_fen) \(.stop_month)"' "2026-08 80000 60000 null" "from the next month"
RED_ID=$(field red .change_id)
RED_DOC=$(field red .document_id)
RED_NO=$(field red .doc_no)
case $RED_NO in *减〔2026〕*号) ok ;; *) fail "the reduction notice's number \"$RED_NO\"" ;; esac
[ "$(field red .entitlement_id)" != null ] && ok || fail "no new entitlement row"
get caseworker d1 "/api/v1/case-documents/$RED_DOC" 200
is d1 '"\(.kind) \(.kind_name) \(.case_id) \(.doc_no) \(.issued_on)"' "change_reduce 减发最低生活保障金告知书 null $RED_NO $D2" "the notice"
is d1 '.content | "\(.title) \(.new_amount_fen) \(.old_amount_fen) \(.effective_month) \(.reason_name) \(.decision_no)"' "减发最低生活保障金告知书 60000 80000 2026-08 家庭收入变化 延民低减〔2026〕1号" "the notice's content"
expect_text "$T/d1.body" '六十日内向延津县人民政府申请行政复议' "the notice says how to appeal"
expect_text "$T/d1.body" '妻子务工收入增加' "the note in the notice"
get auditor d2 "/api/v1/case-documents/$RED_DOC" 200
get other.cw d3 "/api/v1/case-documents/$RED_DOC" 403
expect_text "$T/d3.body" '该文书不在您的管辖区域内' "other township: the notice"
if grep -qF "$RED_NO" "$T/d3.body"; then fail "the notice leaks to another township"; else ok; fi

get caseworker g7 "/api/v1/households/$HA/coverage" 200
is g7 '[.entitlements[] | "\(.from_month)-\(.to_month) \(.amount_fen)"] | join(",")' "2026-08-null 60000,2026-07-2026-07 80000" "split at the effective month"
is g7 '.entitlements[0] | "\(.decision_no) \(.case_id) \(.persons)"' "延民低减〔2026〕1号 $A 2" "the new row's decision"
is g7 '.changes | length' 1 "one change"
is g7 ".changes[0] | \"\(.id) \(.kind_name) \(.reason_name) \(.decided_on) \(.effective_month) \(.event_date) \(.person_id) \(.phaseout_months) \(.document_id) \(.doc_no)\"" "$RED_ID 减发 家庭收入变化 $D2 2026-08 null null null $RED_DOC $RED_NO" "the change in the history"
is g7 '.changes[0] | "\(.created_by) \(.note)"' "approver 妻子务工收入增加" "who decided, the note"
refused approver b20 409 '不晚于现行待遇的起始月' POST "$CH" "{$RED,\"amount_fen\":50000,\"effective\":\"2026-08\"}"

# ---- job offers: three refusals in a row ----
OF="/api/v1/persons/$PA/work-offers"
refused caseworker o1 400 '应为 accepted' POST "$OF" '{"date":"2026-07-01","outcome":"maybe"}'
refused caseworker o2 400 '缺少字段 \"outcome\"' POST "$OF" '{"date":"2026-07-01"}'
refused caseworker o3 400 '不能晚于今天' POST "$OF" '{"date":"2026-12-01","outcome":"refused"}'
refused caseworker o4 404 '不是任何在册家庭的成员' POST /api/v1/persons/99999999/work-offers '{"date":"2026-07-01","outcome":"refused"}'
refused other.cw o5 403 '不在您的管辖区域内' POST "$OF" '{"date":"2026-07-01","outcome":"refused"}'
refused auditor o6 403 '没有权限' POST "$OF" '{"date":"2026-07-01","outcome":"refused"}'
k=0 # (not n: req uses it)
for d in 2026-07-01 2026-07-03 2026-07-08; do
	k=$((k + 1))
	wrote caseworker of$k 201 "work_offer.add work_offer" POST "$OF" "{\"date\":\"$d\",\"outcome\":\"refused\",\"description\":\"县人社局介绍保洁岗位\"}"
	is of$k '"\(.person_id) \(.offered_on) \(.outcome) \(.outcome_name) \(.run)"' "$PA $d refused 无正当理由拒绝 $k" "offer $k"
done
is of1 '"\(.lost) \(.lost_from)"' "false null" "one refusal costs nothing"
is of2 .lost false "two refusals cost nothing"
is of3 '"\(.lost) \(.lost_from)"' "true 2026-08" "the third refusal in a row costs his share"

# ---- a death and its review ----
refused caseworker x1 400 '缺少字段 \"date\"' POST "/api/v1/persons/$HEAD/death" '{}'
refused caseworker x2 400 '死亡日期 \"2026-02-30\" 不是有效日期' POST "/api/v1/persons/$HEAD/death" '{"date":"2026-02-30"}'
refused caseworker x3 400 '不能晚于今天' POST "/api/v1/persons/$HEAD/death" '{"date":"2026-07-11"}'
refused other.cw x4 403 '不在您的管辖区域内' POST "/api/v1/persons/$HEAD/death" '{"date":"2026-04-15"}'
refused caseworker x5 404 '人员 \"0\" 不存在' POST /api/v1/persons/0/death '{"date":"2026-04-15"}'
wrote caseworker dth 201 "review.open review" POST "/api/v1/persons/$HEAD/death" '{"date":"2026-04-15"}'
R=$(field dth .id)
is dth '"\(.household_id) \(.person_id) \(.person_name) \(.kind) \(.kind_name) \(.event_date) \(.due_on) \(.opened_on) \(.closed_on) \(.overdue)"' "$HA $HEAD 户主1 death 成员死亡核查 2026-04-15 2026-07-15 $D2 null false" "the review, due 3 months after the death"
refused caseworker x6 409 '该成员已有同类核查' POST "/api/v1/persons/$HEAD/death" '{"date":"2026-04-15"}'
get approver rv1 /api/v1/coverage/reviews 200
is rv1 "[.items[] | select(.id == $R) | .overdue] | join(\",\")" false "listed, not overdue before its due day"
is rv1 '"\(.next_cursor) \(.overdue)"' "null 0" "the list's shape"
get other.cw rv2 /api/v1/coverage/reviews 200
is rv2 .total 0 "another township sees no review"
get approver rv3 '/api/v1/coverage/reviews?all=maybe' 400
expect_text "$T/rv3.body" '参数 all \"maybe\" 应为 true 或 false' "bad all"

# ---- the assessment of a household before it applies ----
get caseworker as1 "/api/v1/households/$HB/assessment?program=dibao_rural" 200
is as1 '"\(.household_id) \(.program) \(.program_name) \(.eligible) \(.amount_fen) \(.covered)"' "$HB dibao_rural 农村低保 true 80000 2" "the assessment: 2 × 400 元"
is as1 '.sheet | length > 0' true "with its calculation sheet"
get caseworker as2 "/api/v1/households/$HB/assessment" 400
expect_text "$T/as2.body" 'dibao_rural' "no program"
get caseworker as3 "/api/v1/households/$HB/assessment?program=tekun" 400
get other.cw as4 "/api/v1/households/$HB/assessment?program=dibao_rural" 403
get caseworker as5 "/api/v1/households/99999999/assessment?program=dibao_rural" 404
get auditor as6 "/api/v1/households/$HB/assessment?program=dibao_rural" 200

# ---- the day after the due day: overdue, closed ----
restart $D3
get approver rv4 /api/v1/coverage/reviews 200
is rv4 "[.items[] | select(.id == $R) | .overdue] | join(\",\")" true "overdue the day after its due day"
is rv4 .overdue 1 "one overdue"
refused caseworker cl1 400 '核查结论不能为空' POST "/api/v1/coverage/reviews/$R/close" '{"outcome":" "}'
refused caseworker cl2 400 '缺少字段 \"outcome\"' POST "/api/v1/coverage/reviews/$R/close" '{}'
refused caseworker cl3 404 '核查' POST /api/v1/coverage/reviews/99999999/close '{"outcome":"x"}'
refused other.cw cl4 403 '不在您的管辖区域内' POST "/api/v1/coverage/reviews/$R/close" '{"outcome":"x"}'
refused auditor cl5 403 '没有权限' POST "/api/v1/coverage/reviews/$R/close" '{"outcome":"x"}'
wrote caseworker cl 200 "review.close review" POST "/api/v1/coverage/reviews/$R/close" '{"outcome":"已核实，另行减发"}'
is cl '"\(.id) \(.closed_on) \(.outcome) \(.closed_by) \(.overdue)"' "$R $D3 已核实，另行减发 caseworker false" "closed"
refused caseworker cl6 409 '已办结' POST "/api/v1/coverage/reviews/$R/close" '{"outcome":"再次"}'
get approver rv5 /api/v1/coverage/reviews 200
is rv5 "[.items[] | select(.id == $R)] | length" 0 "no longer open"
get approver rv6 '/api/v1/coverage/reviews?all=true' 200
is rv6 "[.items[] | select(.id == $R) | .closed_on] | join(\",\")" "$D3" "still in the whole list"

# ---- a phase-out, its stop month and the automatic stop ----
PH='"program":"dibao_rural","kind":"phaseout","reason":"employed_above","decision_no":"延民低渐〔2026〕1号","event_date":"2026-07-01"'
refused approver p1 400 '超过上限 6 个月' POST "$CH" "{$PH,\"phaseout_months\":7}"
refused approver p2 400 '字段 \"phaseout_months\" 超出范围' POST "$CH" "{$PH,\"phaseout_months\":4294967296}"
wrote approver ph 201 "entitlement.phaseout entitlement_change" POST "$CH" "{$PH,\"phaseout_months\":2}"
is ph '"\(.kind_name) \(.reason_name) \(.stop_month) \(.old_amount_fen)"' "渐退 就业后家庭人均收入超过低保标准 2026-09 60000" "stopped from September"
PH_ID=$(field ph .change_id)
get caseworker d4 "/api/v1/case-documents/$(field ph .document_id)" 200
is d4 '"\(.kind) \(.content.title) \(.content.stop_month)"' "change_phaseout 最低生活保障渐退告知书 2026-09" "the phase-out notice"
get caseworker g8 "/api/v1/households/$HA/coverage" 200
is g8 '.entitlements[0] | "\(.from_month)-\(.to_month)"' "2026-08-2026-08" "paid to August"
is g8 ".changes[0] | \"\(.id) \(.phaseout_months) \(.stop_month) \(.event_date) \(.stopped_by)\"" "$PH_ID 2 2026-09 2026-07-01 null" "the phase-out in the history"
a0=$(audits)
DIB_TODAY=2026-09-01 expect_exit 0 "the daily job" -- "$DIBAO" --db "$DB" coverage run
[ "$(audits)" = $((a0 + 1)) ] && ok || fail "the automatic stop: $(($(audits) - a0)) audit records"
get caseworker g9 "/api/v1/households/$HA/coverage" 200
is g9 '.changes[0] | "\(.kind) \(.kind_name) \(.reason) \(.reason_name) \(.effective_month) \(.new_amount_fen) \(.created_by)"' "stop 停发 phaseout_ended 渐退期满 2026-09 0 system" "the automatic stop"
STOP_ID=$(field g9 '.changes[0].id')
is g9 ".changes[] | select(.id == $PH_ID) | .stopped_by" "$STOP_ID" "the phase-out names the stop that ended it"
is g9 '.changes | length' 3 "three changes"
refused approver p3 404 '未在享受农村低保' POST "$CH" "{$RED,\"amount_fen\":50000}"

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
if grep -q "$(idn 1)" "$T/server.log"; then fail "an ID number in the server log"; else ok; fi
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify
finish
