#!/bin/sh
# tests/cli/test_case_cli.sh DIBAO — `dibao case …`: 低保 applications on
# the demo county, acting as its users (--user), with the business date
# fixed by DIB_TODAY:
#  - a full case from application to confirmation by four different
#    users: the one-time notice (once only) and the survey numbered in the
#    county's style, a one-investigator visit refused naming 两名, the
#    notice not closable before its 7 days are over, the township reviewer
#    refused the confirmation by the separation of duties (in a county
#    that delegates confirmation), the entitlement opened from the month
#    after the decision with the calculated amount;
#  - a refusal with its notice (reason required) and the written notice;
#  - an objection during the notice (re-investigation clears it; one on
#    day 8 is refused) and the 45-day limit it allows;
#  - relatives filing: confirmation refused without a county home visit;
#  - a second application of an open case refused; a caseworker of another
#    township refused; a stale --version refused;
#  - a batch action over a township; the inboxes;
#  - every refused command changes nothing; every write adds one audit
#    record; the audit chain stays intact.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db cas)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 150

audits() { sql "SELECT count(*) FROM audit_log WHERE entity = 'case'"; }
# dc DATE ARGS… — dibao case on business date DATE.
dc() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" case "$@"; }
# act DATE CASE USER ACTION [ARGS…] — one action that must succeed and
# add exactly one audit record.
act() {
	d=$1; c=$2; u=$3; a=$4; shift 4
	before=$(audits)
	expect_exit 0 "$c $a by $u" -- dc "$d" act "$c" --user "$u" --action "$a" "$@"
	[ "$(audits)" -eq $((before + 1)) ] && ok || fail "$c $a: audit records $before → $(audits)"
}
# refuse DATE WHAT CODE TEXT ARGS… — a case command refused with TEXT,
# nothing changed.
refuse() { d=$1 what=$2 code=$3 text=$4; shift 4; refused_cmd "$what" "$code" "$text" -- dc "$d" "$@"; }
state() { sql "SELECT state FROM cases WHERE case_no = '$1'"; }

# Four households of 东屯镇 (the caseworker's and reviewer's township);
# the ones to be confirmed have no income on record.
HH=$(sql "SELECT id FROM households WHERE village_code LIKE '410726101%' ORDER BY id LIMIT 4")
H1=$(echo "$HH" | sed -n 1p); H2=$(echo "$HH" | sed -n 2p)
H3=$(echo "$HH" | sed -n 3p); H4=$(echo "$HH" | sed -n 4p)
[ -n "$H4" ] && ok || fail "fewer than four households in 东屯镇"
sql "DELETE FROM income_items WHERE household_id IN ($H1, $H3, $H4)" >/dev/null
OTHER=$(sql "SELECT id FROM households WHERE village_code LIKE '410726102%' ORDER BY id LIMIT 1")
PERSONS1=$(sql "SELECT count(*) FROM memberships WHERE household_id = $H1 AND end_date IS NULL")

# ---- 1. the full case ----
D0=2026-03-02
expect_exit 0 "open" -- dc $D0 open --user caseworker --household "$H1" --program dibao_urban \
	--missing authorization,promise
C1=$(sql "SELECT case_no FROM cases WHERE household_id = $H1")
[ "$C1" = "410726-2026-000001" ] && ok || fail "case number: $C1"
expect_text "$T/out" "已登记申请 410726-2026-000001" "open prints the case number"
[ "$(state "$C1")" = applied ] && ok || fail "state after open: $(state "$C1")"
refuse $D0 "second application" 3 "该户已有进行中的城市低保申请 410726-2026-000001" \
	open --user caseworker --household "$H1" --program dibao_urban
refuse $D0 "other township" 1 "该家庭不在您的管辖区域内" \
	open --user caseworker --household "$OTHER" --program dibao_urban
refuse $D0 "a village agent outside his village" 1 "该家庭不在您的管辖区域内" \
	open --user agent --household "$H2" --program dibao_urban
refuse $D0 "unknown checklist code" 3 "材料代码 \"passport\" 不在申请材料清单中" \
	open --user caseworker --household "$H2" --program dibao_urban --missing passport
refuse $D0 "not a dibao program" 3 "不是低保项目" \
	open --user caseworker --household "$H2" --program temp_aid
refuse $D0 "accept with missing documents" 3 "申请材料尚缺 2 项" \
	act "$C1" --user caseworker --action accept
refuse $D0 "reviewer may not accept" 1 "须由" act "$C1" --user reviewer --action accept --missing ""
act $D0 "$C1" caseworker request_documents
expect_text "$T/out" "文书 延津民低补〔2026〕1号" "the one-time notice is numbered"
refuse $D0 "second one-time notice" 3 "不能「一次性告知补正」" \
	act "$C1" --user caseworker --action request_documents
act $D0 "$C1" caseworker resubmit --missing ""
act $D0 "$C1" caseworker accept
[ "$(sql "SELECT accepted_on FROM cases WHERE case_no = '$C1'")" = $D0 ] && ok || fail "accepted_on"
refuse $D0 "one investigator" 3 "入户调查需至少两名调查人员，当前 1 名" \
	act "$C1" --user caseworker --action record_visit --visit-date $D0 --investigators 王五
refuse $D0 "visit in the future" 3 "晚于今天" \
	act "$C1" --user caseworker --action record_visit --visit-date 2026-03-05 --investigators 王五,赵六
act $D0 "$C1" caseworker record_visit --visit-date $D0 --investigators 王五,赵六 --findings 家中无劳动力
expect_text "$T/out" "延津民低调〔2026〕1号" "the survey is numbered"
refuse $D0 "review before the check" 3 "信息核对" act "$C1" --user reviewer --action township_review
act $D0 "$C1" caseworker request_check
refuse $D0 "check result missing" 3 "核对结果应为 passed" act "$C1" --user caseworker --action record_check
act $D0 "$C1" caseworker record_check --check passed
refuse $D0 "caseworker may not review" 1 "须由" act "$C1" --user caseworker --action township_review
act 2026-03-03 "$C1" reviewer township_review
AMOUNT=$(sql "SELECT amount_fen FROM cases WHERE case_no = '$C1'")
STD=$(sql "SELECT amount_fen FROM standards WHERE program = 'dibao_urban' ORDER BY effective_from DESC LIMIT 1")
[ "$AMOUNT" -eq $((STD * PERSONS1)) ] && ok || fail "assessed $AMOUNT, expected $STD × $PERSONS1"
act 2026-03-03 "$C1" caseworker publish
expect_text "$T/out" "延津民低公〔2026〕1号" "the notice list is numbered"
refuse 2026-03-10 "notice still running" 3 "公示期未满" act "$C1" --user caseworker --action close_notice
act 2026-03-11 "$C1" caseworker close_notice
act 2026-03-11 "$C1" reviewer submit
refuse 2026-03-12 "stale version" 3 "已被他人修改" \
	act "$C1" --user approver --action confirm --version 3
refuse 2026-03-12 "reviewer has no confirm role" 1 "须由" act "$C1" --user reviewer --action confirm
act 2026-03-12 "$C1" approver confirm
expect_text "$T/out" "已确认，文书 延津民低确〔2026〕1号" "confirmation numbered"
[ "$(state "$C1")" = confirmed ] && ok || fail "state after confirm: $(state "$C1")"
ENT=$(sql "SELECT from_month, amount_fen, persons, decision_no FROM entitlements WHERE household_id = $H1")
[ "$ENT" = "2026-04-01|$AMOUNT|$PERSONS1|延津民低确〔2026〕1号" ] && ok || fail "entitlement: $ENT"
[ "$(sql "SELECT count(*) FROM entitlement_members e JOIN entitlements t ON t.id = e.entitlement_id WHERE t.household_id = $H1")" -eq "$PERSONS1" ] && ok || fail "entitlement members"
refuse 2026-03-12 "apply while covered" 3 "该户正在享受城市低保" \
	open --user caseworker --household "$H1" --program dibao_urban
expect_exit 0 "show" -- dc 2026-03-12 show "$C1" --user auditor
for t in "状态 已确认" "caseworker 提交申请" "reviewer 乡镇初审" "approver 确认同意  文书 延津民低确〔2026〕1号"; do
	expect_text "$T/out" "$t" "show: $t"
done
# the public notice list: name, size and amount, never an ID number
NOTICE=$(sql "SELECT content FROM case_documents WHERE kind = 'notice_list'")
case $NOTICE in *'"entries":[{"amount_fen":'"$AMOUNT"',"name":'*'"persons":'"$PERSONS1"'}]'*) ok ;; *) fail "notice entries: $NOTICE" ;; esac
if echo "$NOTICE" | grep -qE '[0-9]{17}[0-9X]'; then fail "an ID number in the notice list"; else ok; fi

# ---- 2. a refusal ----
expect_exit 0 "open 2" -- dc $D0 open --user caseworker --household "$H2" --program dibao_urban
C2=$(sql "SELECT case_no FROM cases WHERE household_id = $H2")
act $D0 "$C2" caseworker accept
act $D0 "$C2" caseworker request_check
act 2026-03-04 "$C2" caseworker record_check --check failed
expect_text "$T/out" "核对不符合" "a failed check goes to the applicant"
expect_text "$T/out" "延津民低核〔2026〕1号" "with the check result notice"
refuse 2026-03-05 "refusal without reason" 3 "须填写理由" act "$C2" --user approver --action refuse
act 2026-03-05 "$C2" approver refuse --reason "经核对家庭存款超过规定限额"
expect_text "$T/out" "延津民低否〔2026〕1号" "the refusal notice is numbered"
REFUSAL=$(sql "SELECT content FROM case_documents WHERE kind = 'refusal'")
for t in '"reason":"经核对家庭存款超过规定限额"' '六十日内向延津县人民政府申请行政复议' '六个月内依法向人民法院提起行政诉讼'; do
	case $REFUSAL in *"$t"*) ok ;; *) fail "refusal notice lacks $t" ;; esac
done
act 2026-03-06 "$C2" caseworker notify
[ "$(state "$C2")" = refusal_notified ] && ok || fail "after notify: $(state "$C2")"

# ---- 3. an objection during the notice ----
expect_exit 0 "open 3" -- dc $D0 open --user caseworker --household "$H3" --program dibao_rural
C3=$(sql "SELECT case_no FROM cases WHERE household_id = $H3")
act $D0 "$C3" caseworker accept
act $D0 "$C3" caseworker record_visit --visit-date $D0 --investigators 王五,赵六
act $D0 "$C3" caseworker request_check
act $D0 "$C3" caseworker record_check --check passed
act $D0 "$C3" reviewer township_review
act $D0 "$C3" caseworker publish
act 2026-03-05 "$C3" caseworker object --reason "邻居反映其子女在外务工收入较高"
[ "$(sql "SELECT state, objection_open, extension FROM cases WHERE case_no = '$C3'")" = "objected|1|objection" ] && ok || fail "objection recorded"
refuse 2026-03-10 "notice over, objection open" 3 "不能「乡镇初审」" \
	act "$C3" --user reviewer --action township_review
act 2026-03-09 "$C3" caseworker record_visit --visit-date 2026-03-09 --investigators 王五,李四 \
	--findings 经核实子女已分户
refuse 2026-03-10 "objection on day 8" 3 "不能「登记异议」" \
	act "$C3" --user caseworker --action object --reason 再次反映
refuse 2026-03-10 "evaluation without quorum" 3 "不能「登记民主评议」" \
	act "$C3" --user caseworker --action record_evaluation --eval-date 2026-03-10 \
	--attendees 30 --representatives 12 --for 25 --against 3
act 2026-03-10 "$C3" caseworker record_evaluation --eval-date 2026-03-10 --attendees 30 \
	--representatives 21 --for 25 --against 3
act 2026-03-10 "$C3" reviewer township_review
# the "3+1" score combines the measured side with the vote: shown, not deciding
SCORE=$(sql "SELECT assessment FROM cases WHERE case_no = '$C3'")
case $SCORE in *'"score":{'*'"vote_valid":true'*) ok ;; *) fail "no 3+1 score with the evaluation: $SCORE" ;; esac
[ "$(state "$C3")" = ready ] && ok || fail "after the objection was cleared: $(state "$C3")"
expect_exit 0 "show 3" -- dc 2026-03-10 show "$C3" --user caseworker
# accepted 2026-03-02 + 45 working days (the objection allows 45), 清明
# (4-4..4-6) and 劳动节 (5-1..5-5) off: 2026-05-08
expect_text "$T/out" "期限 2026-05-08" "the 45-day limit after an objection"

# ---- 4. relatives filing ----
expect_exit 0 "open 4" -- dc $D0 open --user caseworker --household "$H4" --program dibao_urban --relatives
C4=$(sql "SELECT case_no FROM cases WHERE household_id = $H4")
expect_text "$T/out" "近亲属备案" "open says the case is filed"
for a in accept "record_visit --visit-date $D0 --investigators 王五,赵六" request_check "record_check --check passed"; do
	# shellcheck disable=SC2086
	act $D0 "$C4" caseworker $a
done
act $D0 "$C4" reviewer township_review
act $D0 "$C4" caseworker publish
act 2026-03-10 "$C4" caseworker close_notice
act 2026-03-10 "$C4" caseworker submit
refuse 2026-03-11 "relatives without county visit" 3 "县级" act "$C4" --user approver --action confirm
act 2026-03-11 "$C4" approver county_visit --visit-date 2026-03-11 --investigators 县局甲,县局乙
act 2026-03-11 "$C4" approver confirm

# ---- 5. delegation: the township reviewer confirms, but not his own review ----
expect_exit 0 "delegate" -- env DIB_TODAY=2026-03-01 "$DIBAO" --db "$DB" param set \
	workflow.confirm_authority township --scope 410726 --from 2026-03-01
H5=$(sql "SELECT id FROM households WHERE village_code LIKE '410726101%' AND id NOT IN ($H1, $H2, $H3, $H4) ORDER BY id LIMIT 1")
if [ -n "$H5" ]; then
	sql "DELETE FROM income_items WHERE household_id = $H5" >/dev/null
	expect_exit 0 "open 5" -- dc $D0 open --user caseworker --household "$H5" --program dibao_urban
	C5=$(sql "SELECT case_no FROM cases WHERE household_id = $H5")
	for a in accept "record_visit --visit-date $D0 --investigators 王五,赵六" request_check "record_check --check passed"; do
		# shellcheck disable=SC2086
		act $D0 "$C5" caseworker $a
	done
	act $D0 "$C5" reviewer township_review
	act $D0 "$C5" caseworker publish
	act 2026-03-10 "$C5" caseworker close_notice
	act 2026-03-10 "$C5" caseworker submit
	refuse 2026-03-11 "review and confirm by one user" 1 "同一人员不能既「乡镇初审」又「确认同意」" \
		act "$C5" --user reviewer --action confirm
	act 2026-03-11 "$C5" approver confirm
fi

# ---- 6. a batch over the township, and the inboxes ----
USED="$H1, $H2, $H3, $H4${H5:+, $H5}"
for h in $(sql "SELECT id FROM households WHERE village_code LIKE '410726101%' AND id NOT IN ($USED) ORDER BY id LIMIT 3"); do
	expect_exit 0 "open batch $h" -- dc $D0 open --user caseworker --household "$h" --program dibao_rural
done
NB=$(sql "SELECT count(*) FROM cases WHERE state = 'applied'")
[ "$NB" -eq 3 ] && ok || fail "three applications for the batch, got $NB"
refuse $D0 "batch by a user without the role" 3 "3 件申请未能办理" \
	act --region 410726101 --state applied --user reviewer --action accept
before=$(audits)
expect_exit 0 "batch accept" -- dc $D0 act --region 410726101 --state applied --user caseworker --action accept
expect_text "$T/out" "共办理 3 件，未办理 0 件" "the batch reports its count"
[ "$(audits)" -eq $((before + 3)) ] && ok || fail "batch: one audit record per case"
expect_exit 0 "inbox of the caseworker" -- dc $D0 list --user caseworker --inbox mine
[ "$(grep -c "已受理待调查" "$T/out")" -eq 3 ] && ok || fail "three accepted cases wait for the investigation"
expect_text "$T/out" "$C3" "the case ready to submit is his task too"
expect_text "$T/out" "共 4 件" "and nothing else"
refuse $D0 "inbox of another township" 1 "不在您的管辖区域内" list --user caseworker --inbox mine --region 410726102
expect_exit 0 "overdue on 2026-03-10" -- dc 2026-03-10 list --user caseworker --inbox overdue
expect_text "$T/out" "已逾期" "the investigation not started in 3 working days is overdue"
expect_text "$T/out" "共 3 件" "all three are overdue"
expect_exit 0 "all cases" -- dc $D0 list --user auditor
NC=$(sql "SELECT count(*) FROM cases")
expect_text "$T/out" "共 $NC 件" "the auditor sees every case of the county"

expect_exit 0 "audit verify" -- "$DIBAO" --db "$DB" audit verify

# ---- 7. the demo's applications: every stage, by the rules ----
DB=$(fresh_db casdemo)
expect_exit 0 "demo with cases" -- env DIB_TODAY=2026-06-15 "$DIBAO" --db "$DB" demo --households 300 --cases 9
STATES=$(sql "SELECT state FROM cases ORDER BY id" | tr '\n' ' ')
case $STATES in
"applied docs_pending accepted checking notice submitted "*) ok ;;
*) fail "demo case states: $STATES" ;;
esac
[ "$(sql "SELECT count(*) FROM cases WHERE state IN ('confirmed', 'refusal_notified')")" -eq 3 ] && ok || fail "three demo cases decided"
[ "$(sql "SELECT count(*) FROM entitlements")" -eq "$(sql "SELECT count(*) FROM cases WHERE state = 'confirmed'")" ] && ok || fail "an entitlement per confirmed demo case"
[ "$(sql "SELECT count(DISTINCT actor) FROM case_events")" -eq 3 ] && ok || fail "the demo cases are walked by three users"
expect_exit 0 "demo audit verify" -- "$DIBAO" --db "$DB" audit verify
finish
