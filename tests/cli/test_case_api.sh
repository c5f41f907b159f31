#!/bin/sh
# tests/cli/test_case_api.sh DIBAO — 低保 cases over the API (docs/api.md
# "Cases (低保申请)", issue 4) through the real server, on the demo county
# 延津县 with its demo users, the business date fixed with DIB_TODAY (the
# server reads it at start, so moving the date is a restart):
#  - case A from application to confirmation: opened by the village agent
#    with two documents missing; accepting is refused while they are
#    missing; the one-time notice is issued with a number and cannot be
#    issued twice; resubmitted and accepted (a stale version is 409); a home
#    visit by one investigator is refused naming 两名, by two it is
#    recorded; the data check passes; the township review is the
#    reviewer's (the caseworker is refused) and keeps the assessment with
#    the amount; published; closing the notice is refused while it runs
#    and allowed the day after it ends; submitted; the reviewer, given the
#    approver's role, may still not confirm a case he reviewed (separation
#    of duties); the approver confirms, with the confirmation's number and
#    the entitlement from the next month;
#  - case B: an objection during the notice (the 45-day limit recorded), a
#    democratic evaluation (a bad body, no record, a quorum short of 2/3
#    refused) that resolves it, the review after the notice, a refusal
#    without a reason refused and with one issuing the refusal notice with
#    its number, then notified;
#  - case C: declared relatives filed, a second open case refused, a
#    special circumstance only with a reason, a failed data check with its
#    notice, the applicant's objection refused without evidence and taken
#    with it;
#  - the list and inboxes (filters, paging, "my tasks" following the
#    state), a deadline the calendar cannot give (2027 not loaded) shown as
#    unknown, never guessed, the checklist, a document for printing, the timeline and the
#    actions open to each reader with what blocks them;
#  - bad bodies and ids are 400/404 naming the field; a caseworker of
#    another township gets 403 on every case route and changes nothing;
#    the auditor reads but may not act; no CSRF token is 403;
#  - every successful write adds exactly one audit record (case.<action>)
#    and one event; every refused one changes nothing; the audit chain
#    verifies.
# On SQLite, or on PostgreSQL when DIB_TEST_DB is its URL (lib.sh).
DIBAO=$1
. "$(dirname "$0")/lib.sh"

D0=2026-06-01 # a Monday: the application, the acceptance and the notice
D1=2026-06-09 # the day after the notice's last day (06-01 + 7 = 06-08, a Monday)
DIB_TODAY=$D0
export DIB_TODAY

DB=$(fresh_db caseapi)
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 30
GOOD='Case#2026a'
NEW='Case#2026b'
DEMO='Dibao@2026'

# the county's rural standard for the assessment: 4800 元 a person and
# year, 400 元 a month (retroactive from January, decided before today)
expect_exit 0 "rural standard" -- "$DIBAO" --db "$DB" standard set --county 410726 --program dibao_rural --from 2026-01-01 --amount 4800 --decided 2026-01-05 --document 延民〔2026〕1号
expect_exit 0 "case deadline" -- "$DIBAO" --db "$DB" calendar add "$D0" 30
CASE_DUE=$(grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$T/out" | tail -n 1)

# state — everything a case write touches
state() {
	sql "SELECT (SELECT count(*) FROM cases) || '/' || (SELECT coalesce(sum(version), 0) FROM cases)
	 || '/' || (SELECT count(*) FROM case_events) || '/' || (SELECT count(*) FROM case_documents)
	 || '/' || (SELECT count(*) FROM entitlements) || '/' || (SELECT count(*) FROM audit_log)"
}
events() { sql "SELECT count(*) FROM case_events"; }
last_audit() { sql "SELECT action || ' ' || entity || ' ' || entity_id || ' ' || actor FROM audit_log ORDER BY id DESC LIMIT 1"; }


. "$(dirname "$0")/lib_api.sh"
. "$(dirname "$0")/lib_writes.sh"

# act USER NAME CASE STATE BODY — an action that is taken: 200, the new
# state, exactly one audit record case.<action> by USER and one event more
act() {
	a0=$(audits); e0=$(events)
	w "$1" "$2" POST "/api/v1/cases/$3/actions" "$5"
	expect_status "$2" 200
	got=$(jq -r .state "$T/$2.body")
	[ "$got" = "$4" ] && ok || { fail "$2: state $got, expected $4"; sed 's/^/    | /' "$T/$2.body" >&2; }
	[ "$(audits)" = $((a0 + 1)) ] && ok || fail "$2: $(($(audits) - a0)) audit records, expected 1"
	[ "$(events)" = $((e0 + 1)) ] && ok || fail "$2: $(($(events) - e0)) events, expected 1"
	want="case.$(echo "$5" | jq -r .action) case $3 $1"
	[ "$(last_audit)" = "$want" ] && ok || fail "$2: audit record \"$(last_audit)\", expected \"$want\""
}
# deny USER NAME STATUS TEXT CASE BODY — an action refused, nothing changed
deny() { refused "$1" "$2" "$3" "$4" POST "/api/v1/cases/$5/actions" "$6"; }
# field NAME JQ — a value of an answer
field() { jq -r "$2" "$T/$1.body"; }
# is NAME JQ WANT WHAT — the value of an answer is WANT
is() {
	got=$(jq -r "$2" "$T/$1.body")
	[ "$got" = "$3" ] && ok || fail "$4: $2 = \"$got\", expected \"$3\""
}
getcase() { req "$1" "$2" "$URL/api/v1/cases/$3"; expect_status "$2" 200; }

start_server
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
for u in agent caseworker reviewer approver petition auditor; do login "$u" "$DEMO"; done
AV=$(jq -r .user.region_code "$T/agent-login.body") # the agent's village, in 东屯镇
case $AV in 410726101[0-9][0-9][0-9]) ok ;; *) fail "agent's village $AV" ;; esac
req approver towns "$URL/api/v1/regions?parent=410726000000"
OTHER=$(jq -r '[.children[] | select(.code != "410726101000" and .level == 4)][0].code' "$T/towns.body")
DIBAO_PASSWORD="$GOOD" expect_exit 0 "a caseworker of $OTHER" -- "$DIBAO" --db "$DB" user add other.cw --name 其他乡镇经办人 --region "$OTHER" --role township_caseworker
session other.cw /api/v1/cases
login other.cw "$NEW"

# household N — the agent registers a rural household of two (the head and
# his wife, no income) in his village; its id in $H
household() {
	w agent "hh$1" POST /api/v1/households "{\"village_code\":\"$AV\",\"address\":\"桑园路 $1 号\",\"registration\":2,\"head\":{\"id_number\":\"$(idn "$1")\",\"name\":\"户主$1\"}}"
	expect_status "hh$1" 201
	H=$(jq -r .household.id "$T/hh$1.body")
	w agent "hm$1" POST "/api/v1/households/$H/members" "{\"id_number\":\"$(idn $(($1 * 2 + 500)))\",\"name\":\"配偶$1\",\"relation\":10}"
	expect_status "hm$1" 201
}
household 1; HA=$H
household 2; HB=$H
household 3; HC=$H

# ---- the checklist ----
req agent cl "$URL/api/v1/case-checklist"
expect_status cl 200
is cl '.items[] | select(.code == "id_documents") | .conditional' false "checklist"
is cl '[.items[] | select(.conditional)] | length > 0' true "conditional items"
req nobody cl2 "$URL/api/v1/case-checklist"
expect_status cl2 401

# ---- opening: bad bodies, then case A with two documents missing ----
refused agent o1 400 '缺少字段 \"program\"' POST /api/v1/cases "{\"household_id\":$HA}"
refused agent o2 400 '未知字段 \"owner\"' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\",\"owner\":1}"
refused agent o3 400 '字段 \"household_id\" 应为整数' POST /api/v1/cases "{\"household_id\":\"$HA\",\"program\":\"dibao_rural\"}"
refused agent o4 400 '字段 \"missing\" 应为字符串数组' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\",\"missing\":[1]}"
refused agent o5 400 'dibao_rural' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"tekun\"}"
refused agent o6 400 '不在申请材料清单中' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\",\"missing\":[\"passport\"]}"
refused agent o7 400 '不是有效的 JSON' POST /api/v1/cases '{"household_id":'
refused agent o8 404 '不存在' POST /api/v1/cases '{"household_id":99999999,"program":"dibao_rural"}'
refused reviewer o9 403 '须由' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\"}"
refused other.cw o10 403 '不在您的管辖区域内' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\"}"
refused auditor o11 403 '没有权限' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\"}"

a0=$(audits); e0=$(events)
w agent oa POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\",\"missing\":[\"id_documents\",\"promise\"],\"note\":\"因病致贫\"}"
expect_status oa 201
A=$(field oa .case.id)
ANO=$(field oa .case.case_no)
case $ANO in 410726-2026-[0-9][0-9][0-9][0-9][0-9][0-9]) ok ;; *) fail "case number \"$ANO\"" ;; esac
[ "$(audits)" = $((a0 + 1)) ] && ok || fail "open: $(($(audits) - a0)) audit records"
[ "$(events)" = $((e0 + 1)) ] && ok || fail "open: $(($(events) - e0)) events"
[ "$(last_audit)" = "case.apply case $A agent" ] && ok || fail "open: audit record $(last_audit)"
is oa .case.state applied "open"
is oa .case.state_name 已申请待受理 "open: state name"
is oa .case.applied_on "$D0" "applied today"
is oa .case.accepted_on null "not yet accepted"
is oa .case.household.id "$HA" "the household"
is oa .case.household.head_name 户主1 "the head's name"
is oa .case.household.township_name 东屯镇 "the township"
is oa .case.program_name 农村低保 "program name"
is oa '[.case.missing[].code] | join(",")' id_documents,promise "missing documents"
is oa '.case.missing[0].name | length > 0' true "missing documents' names"
is oa .case.note 因病致贫 "note"
is oa .case.version 1 "version"
is oa '.timeline | length' 1 "one event"
is oa '.timeline[0] | "\(.action) \(.from_state) \(.to_state) \(.actor) \(.on_date)"' "apply draft applied agent $D0" "the apply event"
is oa .timeline[0].to_state_name 已申请待受理 "event state name"
is oa '.actions | map(.action) | index("withdraw") != null' true "the agent may withdraw"
is oa '.actions[] | select(.action == "withdraw") | .needs_reason' true "withdrawal needs a reason"
is oa '.actions | map(.action) | index("accept")' null "the agent may not accept"

refused agent o12 409 '已有进行中的农村低保申请' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\"}"

# the caseworker's page: accepting is blocked by the missing documents
getcase caseworker ga "$A"
is ga '.actions[] | select(.action == "request_documents") | "\(.allowed) \(.document)"' "true 一次性告知书" "request_documents open"
# (accept is offered: the documents may come with it, "missing":[])
is ga '.actions[] | select(.action == "accept") | "\(.allowed) \(.needs_reason)"' "true false" "accept offered"
is ga '.actions | map(.action) | index("township_review")' null "nothing of later states"
deny caseworker acc0 409 '2 项' "$A" '{"action":"accept"}'

# ---- the one-time notice ----
act caseworker rd "$A" docs_pending '{"action":"request_documents"}'
RD_DOC=$(field rd .document_id)
RD_NO=$(field rd .doc_no)
[ "$RD_DOC" != null ] && [ -n "$RD_NO" ] && [ "$RD_NO" != null ] && ok || fail "the one-time notice has no number"
is rd .from_state applied "from"
is rd .state_name 待补正材料 "state name"
is rd .version 2 "version"
req caseworker doc1 "$URL/api/v1/case-documents/$RD_DOC"
expect_status doc1 200
is doc1 .doc_no "$RD_NO" "the document's number"
is doc1 .case_id "$A" "the document's case"
is doc1 '"\(.kind) \(.kind_name)"' "missing_list 一次性告知书" "the document's kind"
is doc1 '.content | type' object "the frozen content"
is doc1 .issued_on "$D0" "issued today"
sql "SELECT count(*) FROM case_documents WHERE doc_no = '$RD_NO' AND case_id = $A" | grep -qx 1 && ok || fail "the notice is stored"
act agent rs "$A" applied '{"action":"resubmit","missing":[]}'
deny caseworker rd2 409 '一次性告知书' "$A" '{"action":"request_documents","missing":["promise"]}'

# ---- acceptance with a version ----
getcase caseworker ga2 "$A"
V=$(field ga2 .case.version)
case $V in [0-9]*) ok ;; *) fail "version \"$V\""; V=1 ;; esac
deny caseworker acc1 409 '已被他人修改' "$A" "{\"action\":\"accept\",\"version\":$((V - 1))}"
deny caseworker acc2 400 '字段 \"version\" 应为整数' "$A" '{"action":"accept","version":"3"}'
act caseworker acc "$A" accepted "{\"action\":\"accept\",\"version\":$V}"
is acc .version $((V + 1)) "the new version"
getcase caseworker ga3 "$A"
is ga3 .case.accepted_on "$D0" "accepted today"
is ga3 .case.deadlines.case "$CASE_DUE" "30 working days from acceptance"
# the investigation must start within 3 working days (S1 art. 15): due soon
is ga3 .case.deadlines.step 2026-06-04 "the investigation's start"
is ga3 .case.deadlines.due 2026-06-04 "the earlier deadline governs"
is ga3 .case.urgency due_soon "due soon"
is ga3 .case.urgency_name 即将到期 "due soon: name"
is ga3 .case.days_left 3 "three working days left"
is ga3 .case.due_unknown false "the calendar knows the year"

# ---- the home visit: two investigators ----
VISIT1='{"date":"2026-06-01","investigators":["王明"],"form":true,"staff_signed":true,"family_signed":true}'
VISIT2='{"date":"2026-06-01","investigators":["王明","李华"],"form":true,"staff_signed":true,"family_signed":true,"findings":"家中无劳动力，无存款"}'
deny caseworker v1 409 '两名' "$A" "{\"action\":\"record_visit\",\"visit\":$VISIT1}"
deny caseworker v2 400 '缺少字段 \"visit.form\"' "$A" '{"action":"record_visit","visit":{"date":"2026-06-01","investigators":["王明","李华"],"staff_signed":true,"family_signed":true}}'
deny caseworker v3 400 '未知字段 \"visit.photos\"' "$A" '{"action":"record_visit","visit":{"date":"2026-06-01","investigators":["王明","李华"],"form":true,"staff_signed":true,"family_signed":true,"photos":[]}}'
deny caseworker v4 400 '操作 \"visit\" 不存在' "$A" '{"action":"visit"}'
act caseworker v5 "$A" investigating "{\"action\":\"record_visit\",\"visit\":$VISIT2}"
[ "$(field v5 .doc_no)" != null ] && ok || fail "the survey form has no number"

# ---- the data check; "my tasks" follow the state ----
act caseworker rc "$A" checking '{"action":"request_check"}'
req reviewer in1 "$URL/api/v1/cases?inbox=mine"
expect_status in1 200
is in1 "[.items[].id] | index($A)" null "not the reviewer's task while checking"
act caseworker rc2 "$A" investigating '{"action":"record_check","check_result":"passed"}'
req reviewer in2 "$URL/api/v1/cases?inbox=mine"
is in2 "[.items[].id] | index($A) != null" true "the reviewer's task once investigated"

# ---- the township review is the reviewer's ----
deny caseworker tr1 403 '须由' "$A" '{"action":"township_review"}'
act reviewer tr "$A" reviewed '{"action":"township_review"}'
getcase caseworker ga4 "$A"
is ga4 '.case.assessment | type' object "the assessment kept with the case"
is ga4 .case.persons 2 "persons assessed"
is ga4 .case.amount_fen 80000 "2 persons × 400 元, no income"

# ---- the public notice ----
act caseworker pub "$A" notice '{"action":"publish"}'
[ "$(field pub .doc_no)" != null ] && ok || fail "the notice list has no number"
getcase caseworker ga5 "$A"
is ga5 .case.deadlines.notice_last 2026-06-08 "the notice's last day"
is ga5 .case.notice_start "$D0" "published today"
is ga5 '.actions[] | select(.action == "close_notice") | .allowed' false "close_notice blocked"
is ga5 '.actions[] | select(.action == "close_notice") | .blocked' "公示期至 2026-06-08，2026-06-09 起方可办理" "blocked by the running notice"
deny caseworker cn1 409 '公示期未满' "$A" '{"action":"close_notice"}'

# ---- case B up to its notice, then an objection ----
a0=$(audits)
w caseworker ob POST /api/v1/cases "{\"household_id\":$HB,\"program\":\"dibao_rural\"}"
expect_status ob 201
B=$(field ob .case.id)
[ "$(audits)" = $((a0 + 1)) ] && ok || fail "open B: audit records"
act caseworker b1 "$B" accepted '{"action":"accept"}'
act caseworker b2 "$B" investigating "{\"action\":\"record_visit\",\"visit\":$VISIT2}"
act caseworker b3 "$B" checking '{"action":"request_check"}'
act approver b4 "$B" investigating '{"action":"record_check","check_result":"passed"}'
act reviewer b5 "$B" reviewed '{"action":"township_review"}'
act caseworker b6 "$B" notice '{"action":"publish"}'
deny agent b7 400 '字段 \"objector\" 应为字符串' "$B" '{"action":"object","objector":1}'
act agent b8 "$B" objected '{"action":"object","objector":"村民代表","reason":"该户有经营性收入"}'
getcase caseworker gb "$B"
is gb .case.objection_open true "the objection is open"
is gb '.timeline[-1] | "\(.action) \(.actor) \(.reason)"' "object agent 该户有经营性收入" "the objection in the timeline"
deny caseworker b9 409 '不能' "$B" '{"action":"close_notice"}'
# the objection is answered by a democratic evaluation (S1 art. 19(2))
deny caseworker b10a 400 '字段 \"eval.attendees\" 应为整数' "$B" '{"action":"record_evaluation","eval":{"date":"2026-06-01","attendees":"9","representatives":5,"votes_for":9,"votes_against":0,"signed_all":true}}'
deny caseworker b10b 400 '须填写民主评议记录 (eval)' "$B" '{"action":"record_evaluation"}'
deny caseworker b10c 409 '2/3' "$B" '{"action":"record_evaluation","eval":{"date":"2026-06-01","attendees":9,"representatives":5,"votes_for":9,"votes_against":0,"signed_all":true}}'
act caseworker b10 "$B" objected '{"action":"record_evaluation","eval":{"date":"2026-06-01","attendees":9,"representatives":7,"votes_for":8,"votes_against":1,"signed_all":true,"minutes":"多数代表认为该户经营收入不稳定"}}'
[ "$(field b10 .doc_no)" != null ] && ok || fail "the evaluation record has no number"
getcase caseworker gb2 "$B"
is gb2 .case.objection_open false "the evaluation resolves the objection"
is gb2 .case.eval_done true "an evaluation on record"
is gb2 .case.extension objection "an objection allows 45 working days"
is gb2 '.timeline[-1].data.evaluation.representatives' 7 "the evaluation's record in the timeline"
deny reviewer b11 409 '公示期未满' "$B" '{"action":"township_review"}'

# ---- lists ----
req caseworker l1 "$URL/api/v1/cases?state=notice"
expect_status l1 200
is l1 "[.items[].id] | index($A) != null" true "A in notice"
is l1 '[.items[] | select(.state != "notice")] | length' 0 "only notices"
req caseworker l2 "$URL/api/v1/cases?household_id=$HB"
is l2 '[.items[].id] | join(",")' "$B" "by household"
is l2 .total 1 "by household: total"
is l2 .next_cursor null "a single page"
req caseworker l3 "$URL/api/v1/cases?limit=1"
is l3 '.items | length' 1 "a page of one"
is l3 .total 2 "total over the pages"
CUR=$(field l3 .next_cursor)
[ "$CUR" != null ] && ok || fail "no cursor after the first page"
req caseworker l4 "$URL/api/v1/cases?limit=1&cursor=$CUR"
expect_status l4 200
[ "$(field l4 '.items[0].id')" != "$(field l3 '.items[0].id')" ] && ok || fail "the second page repeats the first"
is l3 '.items[0] | "\(.household.hh_no | length > 0) \(.state_name | length > 0) \(.urgency)"' "true true on_time" "a list item"
req caseworker l5 "$URL/api/v1/cases?inbox=bogus"
expect_status l5 400
expect_text "$T/l5.body" '收件箱 \"bogus\" 不存在' "bad inbox"
req caseworker l6 "$URL/api/v1/cases?limit=0"
expect_status l6 400
req caseworker l7 "$URL/api/v1/cases?region=$OTHER"
expect_status l7 403
req caseworker l8 "$URL/api/v1/cases?inbox=overdue"
expect_status l8 200
is l8 .total 0 "nothing overdue"

# ---- another township, the auditor, no CSRF token ----
req other.cw x1 "$URL/api/v1/cases/$A"
expect_status x1 403
expect_text "$T/x1.body" '不在您的管辖区域内' "other township: get"
req other.cw x2 "$URL/api/v1/case-documents/$RD_DOC"
expect_status x2 403
req other.cw x3 "$URL/api/v1/cases"
expect_status x3 200
is x3 .total 0 "other township: no cases listed"
deny other.cw x4 403 '不在您的管辖区域内' "$A" '{"action":"terminate","reason":"x"}'
req auditor x5 "$URL/api/v1/cases/$A"
expect_status x5 200
deny auditor x6 403 '没有权限' "$A" '{"action":"terminate","reason":"x"}'
before=$(state)
req caseworker x7 -X POST -H "$J" --data '{"action":"close_notice"}' "$URL/api/v1/cases/$A/actions"
expect_status x7 403
unchanged "$before" "no CSRF token"
req caseworker x8 "$URL/api/v1/cases/abc"
expect_status x8 404
req caseworker x9 "$URL/api/v1/cases/99999999"
expect_status x9 404
req caseworker x10 "$URL/api/v1/case-documents/99999999"
expect_status x10 404
deny caseworker x11 404 '不存在' 99999999 '{"action":"accept"}'
req nobody x12 "$URL/api/v1/cases"
expect_status x12 401

# ---- the day after the notice: restart the server on D1 ----
kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
DIB_TODAY=$D1
start_server

act caseworker cn "$A" ready '{"action":"close_notice"}'
act caseworker sub "$A" submitted '{"action":"submit"}'

# separation of duties: the reviewer who reviewed A, given the approver's role
expect_exit 0 "the reviewer becomes an approver too" -- "$DIBAO" --db "$DB" user roles reviewer township_reviewer,county_approver
login reviewer "$DEMO"
getcase reviewer gsod "$A"
is gsod '.actions[] | select(.action == "confirm") | "\(.allowed) \(.blocked)"' "false 您已办理「乡镇初审」，不能再办理「确认同意」" "the reviewer's page shows why"
deny reviewer sod 403 '同一人员不能既「乡镇初审」又「确认同意」同一申请：reviewer 已于 2026-06-01 办理「乡镇初审」' "$A" '{"action":"confirm"}'
act approver conf "$A" confirmed '{"action":"confirm"}'
CONF_NO=$(field conf .doc_no)
[ "$CONF_NO" != null ] && [ "$CONF_NO" != "$RD_NO" ] && ok || fail "the confirmation's number \"$CONF_NO\""
getcase approver ga6 "$A"
is ga6 .case.decided_on "$D1" "decided today"
is ga6 .case.state_name 已确认 "confirmed"
is ga6 '.actions | length' 0 "nothing open on a final case"
is ga6 '[.timeline[].action] | join(",")' "apply,request_documents,resubmit,accept,record_visit,request_check,record_check,township_review,publish,close_notice,submit,confirm" "the whole timeline"
is ga6 '[.timeline[].seq] | join(",")' "1,2,3,4,5,6,7,8,9,10,11,12" "events numbered"
is ga6 '[.timeline[] | select(.doc_no != null)] | length' 4 "four steps issued a document"
is ga6 '.documents | length' 4 "four documents"
is ga6 '.timeline[] | select(.action == "record_visit") | .data.visit.investigators // .data.investigators | length' 2 "the visit's record in the timeline"
n=$(sql "SELECT count(*) FROM entitlements WHERE case_id = $A AND from_month = '2026-07-01' AND to_month IS NULL AND persons = 2 AND amount_fen = 80000")
[ "$n" = 1 ] && ok || fail "the entitlement from next month: $n"
refused agent o13 409 '正在享受' POST /api/v1/cases "{\"household_id\":$HA,\"program\":\"dibao_rural\"}"

# ---- B: review after the notice, refusal with its notice ----
act reviewer b12 "$B" ready '{"action":"township_review"}'
act caseworker b13 "$B" submitted '{"action":"submit"}'
deny approver b14 400 '须填写理由' "$B" '{"action":"refuse"}'
act approver b15 "$B" refused '{"action":"refuse","reason":"家庭人均收入高于当地低保标准"}'
REF_DOC=$(field b15 .document_id)
REF_NO=$(field b15 .doc_no)
[ "$REF_NO" != null ] && [ "$REF_NO" != "$CONF_NO" ] && ok || fail "the refusal's number \"$REF_NO\""
req caseworker doc2 "$URL/api/v1/case-documents/$REF_DOC"
expect_status doc2 200
is doc2 .kind_name 不予确认通知书 "the refusal notice"
is doc2 .doc_no "$REF_NO" "its number"
expect_text "$T/doc2.body" '家庭人均收入高于当地低保标准' "the reason in the refusal notice"
act caseworker b16 "$B" refusal_notified '{"action":"notify"}'

# ---- a stale version, a closed case, C open twice ----
w caseworker oc POST /api/v1/cases "{\"household_id\":$HC,\"program\":\"dibao_rural\",\"applied_on\":\"2026-06-05\",\"relatives_declared\":true}"
expect_status oc 201
C=$(field oc .case.id)
is oc .case.relatives_declared true "declared relatives"
is oc .case.relatives_filed true "filed"
refused caseworker oc2 409 '已有进行中的' POST /api/v1/cases "{\"household_id\":$HC,\"program\":\"dibao_rural\"}"
refused caseworker oc3 400 '申请日期' POST /api/v1/cases "{\"household_id\":$HC,\"program\":\"dibao_urban\",\"applied_on\":\"2999-01-01\"}"
act caseworker c1 "$C" accepted '{"action":"accept","version":1}'
deny caseworker c2 409 '已被他人修改' "$C" '{"action":"request_check","version":1}'
# a special circumstance, then a failed data check and the applicant's objection
deny caseworker c2a 400 '须填写理由' "$C" '{"action":"request_check","extension":"hard_survey"}'
act caseworker c2b "$C" checking '{"action":"request_check","version":2,"extension":"hard_survey","reason":"家庭成员长期在外务工，收入难以核实"}'
getcase caseworker gc "$C"
is gc '"\(.case.extension) \(.case.extension_name) \(.case.extension_reason)"' "hard_survey 家庭经济状况调查难度较大 家庭成员长期在外务工，收入难以核实" "the special circumstance"
deny caseworker c2c 400 'passed' "$C" '{"action":"record_check","check_result":"maybe"}'
act caseworker c2d "$C" check_failed '{"action":"record_check","check_result":"failed"}'
[ "$(field c2d .doc_no)" != null ] && ok || fail "the check-result notice has no number"
deny agent c2e 409 '佐证' "$C" '{"action":"object","objector":"申请人"}'
act agent c2f "$C" investigating '{"action":"object","objector":"申请人","objection_evidence":true,"reason":"工资流水已补交"}'
deny caseworker c3 409 '不能' "$A" '{"action":"accept"}'

# ---- a deadline the calendar cannot give: 2027 is not loaded ----
kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
DIB_TODAY=2026-12-21
start_server
household 4; HD=$H
w caseworker od POST /api/v1/cases "{\"household_id\":$HD,\"program\":\"dibao_rural\"}"
expect_status od 201
act caseworker d1 "$(field od .case.id)" accepted '{"action":"accept"}'
getcase caseworker gd "$(field od .case.id)"
is gd '"\(.case.due_unknown) \(.case.deadlines.case) \(.case.urgency) \(.case.days_left)"' "true null none null" "an unknown deadline is not guessed"
req caseworker ld "$URL/api/v1/cases?household_id=$HD"
is ld '.items[0].due_unknown' true "unknown in the list too"

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
if grep -q "$(idn 1)" "$T/server.log"; then fail "an ID number in the server log"; else ok; fi
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify
finish
