#!/bin/sh
# tests/cli/test_coverage_cli.sh DIBAO — `dibao coverage …` on a household
# confirmed through a real case (dibao case): a reduction with its notice
# and the entitlement split at the effective month; the rules of
# core/coverage.h refused with their messages (a caseworker deciding, a
# reason that does not allow the kind, a missing decision number, a
# retroactive month, an increase that does not increase, a phase-out of 7
# months); a phase-out whose last month ends the entitlement at once and
# whose automatic stop the daily job records once, with its notice and the
# appeal sentence; a death opening a review due 3 months later (31 January
# → 30 April) that is overdue the day after; three refused job offers
# allowing, and two not allowing, the member's share to be taken away.
# Every refusal changes nothing; every write adds one audit record.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db cov)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 60

run() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" "$@"; }
ok_cmd() {
	d=$1; what=$2; shift 2
	before=$(audits)
	expect_exit 0 "$what" -- run "$d" "$@"
	[ "$(audits)" -eq $((before + 1)) ] && ok || fail "$what: audit records $before → $(audits)"
}
refuse() { d=$1 what=$2 code=$3 text=$4; shift 4; refused_cmd "$what" "$code" "$text" -- run "$d" "$@"; }

# A household of 东屯镇 without income, confirmed on 2026-03-11: paid from April.
H=$(sql "SELECT id FROM households WHERE village_code LIKE '410726101%' ORDER BY id LIMIT 1")
sql "DELETE FROM income_items WHERE household_id = $H" >/dev/null
D=2026-03-02
expect_exit 0 "open" -- run $D case open --user caseworker --household "$H" --program dibao_urban
C=$(sql "SELECT case_no FROM cases WHERE household_id = $H")
for a in accept "record_visit --visit-date $D --investigators 王五,赵六" request_check "record_check --check passed"; do
	# shellcheck disable=SC2086
	expect_exit 0 "case $a" -- run $D case act "$C" --user caseworker --action $a
done
expect_exit 0 "review" -- run $D case act "$C" --user reviewer --action township_review
expect_exit 0 "publish" -- run $D case act "$C" --user caseworker --action publish
expect_exit 0 "close" -- run 2026-03-10 case act "$C" --user caseworker --action close_notice
expect_exit 0 "submit" -- run 2026-03-10 case act "$C" --user caseworker --action submit
expect_exit 0 "confirm" -- run 2026-03-11 case act "$C" --user approver --action confirm
E1=$(sql "SELECT id, amount_fen FROM entitlements WHERE household_id = $H AND to_month IS NULL")
AMT=$(echo "$E1" | cut -d'|' -f2)
[ -n "$AMT" ] && ok || fail "no entitlement after the confirmation"

CH="coverage change --household $H --program dibao_urban"
# ---- refusals ----
# shellcheck disable=SC2086
refuse 2026-05-10 "caseworker decides" 1 "须由县民政局审批人决定" \
	$CH --user caseworker --kind reduce --reason income_changed --decision D1 --amount 100
# shellcheck disable=SC2086
refuse 2026-05-10 "reason not for the kind" 3 "不能用于「渐退」" \
	$CH --user approver --kind phaseout --reason income_above --decision D1 --event 2026-05-01 --months 3
# shellcheck disable=SC2086
refuse 2026-05-10 "no decision number" 3 "须填写决定文书号" \
	$CH --user approver --kind reduce --reason income_changed --amount 100
# shellcheck disable=SC2086
refuse 2026-05-10 "retroactive reduction" 3 "早于" \
	$CH --user approver --kind reduce --reason income_changed --decision D1 --amount 100 --effective 2026-04
# shellcheck disable=SC2086
refuse 2026-05-10 "an increase that does not increase" 3 "不高于现在的" \
	$CH --user approver --kind increase --reason income_changed --decision D1 --amount 100
# shellcheck disable=SC2086
refuse 2026-05-10 "seven months of phase-out" 3 "超过上限 6 个月" \
	$CH --user approver --kind phaseout --reason employed_above --decision D1 --event 2026-05-01 --months 7
refuse 2026-05-10 "not covered" 1 "未在享受农村低保" \
	coverage change --household "$H" --program dibao_rural --user approver --kind stop \
	--reason moved_away --decision D1

# ---- a reduction ----
# shellcheck disable=SC2086
ok_cmd 2026-05-10 "reduce" $CH --user approver --kind reduce --reason income_changed \
	--decision 延民低减〔2026〕1号 --amount 300.50
expect_text "$T/out" "2026-06 起 月发放" "effective from the next month"
expect_text "$T/out" "延津民低减〔2026〕1号" "the reduction notice is numbered"
ROWS=$(sql "SELECT from_month || '|' || coalesce(CAST(to_month AS TEXT), '') || '|' || amount_fen FROM entitlements WHERE household_id = $H ORDER BY from_month")
[ "$ROWS" = "$(printf '2026-04-01|2026-05-01|%s\n2026-06-01||30050' "$AMT")" ] && ok || fail "entitlement rows after the reduction: $ROWS"
NOTICE=$(sql "SELECT content FROM case_documents WHERE kind = 'change_reduce'")
for t in '"title":"减发最低生活保障金告知书"' '"new_amount_fen":30050' '六十日内向延津县人民政府申请行政复议' '"effective_month":"2026-06"'; do
	case $NOTICE in *"$t"*) ok ;; *) fail "reduction notice lacks $t" ;; esac
done

# ---- job offers: two refusals do not allow the reduction, three do ----
P=$(sql "SELECT person_id FROM memberships WHERE household_id = $H AND end_date IS NULL ORDER BY relation LIMIT 1")
ok_cmd 2026-05-11 "offer 1" coverage offer --user caseworker --person "$P" --date 2026-05-11 --outcome refused
ok_cmd 2026-05-20 "offer 2" coverage offer --user caseworker --person "$P" --date 2026-05-20 --outcome refused
expect_text "$T/out" "连续无正当理由拒绝 2 次" "two refusals counted"
# shellcheck disable=SC2086
refuse 2026-05-21 "work refusal with two" 3 "现连续 2 次" \
	$CH --user approver --kind reduce --reason work_refusal --decision D2 --person "$P" --amount 200
ok_cmd 2026-05-25 "offer 3" coverage offer --user caseworker --person "$P" --date 2026-05-25 --outcome refused
expect_text "$T/out" "已满 3 次" "the third refusal is announced"
refuse 2026-05-26 "bad outcome" 3 "应为 accepted" \
	coverage offer --user caseworker --person "$P" --date 2026-05-26 --outcome maybe

# ---- a phase-out and its automatic stop ----
# shellcheck disable=SC2086
ok_cmd 2026-06-10 "phase-out" $CH --user approver --kind phaseout --reason employed_above \
	--decision 延民低渐〔2026〕1号 --event 2026-06-01 --months 2
expect_text "$T/out" "自 2026-08 起自动停发" "the stop month is fixed"
[ "$(sql "SELECT to_month FROM entitlements WHERE household_id = $H AND from_month = '2026-06-01'")" = 2026-07-01 ] && ok || fail "the entitlement ends with the phase-out"
before=$(audits)
expect_exit 0 "run in July" -- run 2026-07-31 coverage run
expect_text "$T/out" "自动停发 0 户" "nothing due in July"
expect_exit 0 "run in August" -- run 2026-08-01 coverage run
expect_text "$T/out" "自动停发 1 户" "the stop is recorded"
expect_exit 0 "run again" -- run 2026-08-02 coverage run
expect_text "$T/out" "自动停发 0 户" "only once"
[ "$(audits)" -eq $((before + 1)) ] && ok || fail "one audit record for the stop"
STOP=$(sql "SELECT content FROM case_documents WHERE kind = 'change_stop'")
for t in '"title":"停发最低生活保障金告知书"' '"reason_name":"渐退期满"' '"effective_month":"2026-08"' '六个月内向延津县人民法院提起行政诉讼'; do
	case $STOP in *"$t"*) ok ;; *) fail "stop notice lacks $t" ;; esac
done
expect_exit 0 "show" -- run 2026-08-02 coverage show "$H" --user auditor
for t in "停发（渐退期满）自 2026-08 起" "渐退（就业后家庭人均收入超过低保标准）自 2026-06 起" "减发（家庭收入变化）自 2026-06 起"; do
	expect_text "$T/out" "$t" "history: $t"
done

# ---- a death and its review ----
ok_cmd 2026-02-10 "death" coverage death --user caseworker --person "$P" --date 2026-01-31
refuse 2026-02-10 "death twice" 3 "该成员已有同类核查" coverage death --user caseworker --person "$P" --date 2026-01-31
expect_exit 0 "reviews on the due day" -- run 2026-04-30 coverage reviews --user approver
expect_text "$T/out" "2026-01-31	2026-04-30	待核查" "due 3 months after 31 January"
expect_exit 0 "reviews the day after" -- run 2026-05-01 coverage reviews --user approver
expect_text "$T/out" "已逾期" "overdue the day after"
R=$(sql "SELECT id FROM coverage_reviews")
refuse 2026-05-02 "close without outcome" 3 "核查结论不能为空" coverage close "$R" --user caseworker --outcome " "
ok_cmd 2026-05-02 "close" coverage close "$R" --user caseworker --outcome 已核实，另行减发
expect_exit 0 "open reviews" -- run 2026-05-02 coverage reviews --user approver
expect_text "$T/out" "共 0 件" "the closed review is gone from the open list"

expect_exit 0 "audit verify" -- "$DIBAO" --db "$DB" audit verify
finish
