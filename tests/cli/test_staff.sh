#!/bin/sh
# tests/cli/test_staff.sh DIBAO — `dibao staff …` (近亲属备案) on the demo
# county: registering a household head and a member who has left his
# household, the check of their households printing each link with its
# kinship and basis (ID numbers masked), a household without links printing
# "未发现", a registration ended and no longer found after its end, bad
# input refused (exit 3 or 2) with nothing changed, one audit record per
# write and an intact chain.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db stf)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 60

audits() { sql "SELECT count(*) FROM audit_log WHERE entity = 'staff'"; }
refuse() { what=$1 code=$2 text=$3; shift 3; refused_cmd "$what" "$code" "$text" "$@"; }
# mask ID — as idcard_mask prints it: first 4 and last 4 kept.
mask() { echo "$1" | sed 's/^\(....\)..........\(....\)$/\1**********\2/'; }

# H1: the first household with a son (20); its head becomes a committee member.
H1=$(sql "SELECT min(household_id) FROM memberships WHERE relation = 20 AND end_date IS NULL")
H1_ROW=$(sql "SELECT p.id_number, p.name, h.village_code, h.hh_no FROM memberships m
  JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = m.household_id
  WHERE m.household_id = $H1 AND m.relation = 1 AND m.end_date IS NULL")
HEAD_ID=$(echo "$H1_ROW" | cut -d'|' -f1)
HEAD_NAME=$(echo "$H1_ROW" | cut -d'|' -f2)
H1_VILLAGE=$(echo "$H1_ROW" | cut -d'|' -f3)
H1_NO=$(echo "$H1_ROW" | cut -d'|' -f4)
SON_NAME=$(sql "SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id
  WHERE m.household_id = $H1 AND m.relation = 20 AND m.end_date IS NULL ORDER BY p.id LIMIT 1")
[ -n "$HEAD_ID" ] && [ -n "$SON_NAME" ] && ok || fail "no demo household with a head and a son"

# H2: another household with a son; the son leaves it (his membership ends)
# and becomes bureau staff: his parent in H2 is his close relative still.
H2=$(sql "SELECT min(household_id) FROM memberships WHERE relation = 20 AND end_date IS NULL AND household_id <> $H1")
H2_ROW=$(sql "SELECT p.id, p.id_number, p.name, h.hh_no FROM memberships m
  JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = m.household_id
  WHERE m.household_id = $H2 AND m.relation = 20 AND m.end_date IS NULL ORDER BY p.id LIMIT 1")
LEFT_PID=$(echo "$H2_ROW" | cut -d'|' -f1)
LEFT_ID=$(echo "$H2_ROW" | cut -d'|' -f2)
LEFT_NAME=$(echo "$H2_ROW" | cut -d'|' -f3)
H2_NO=$(echo "$H2_ROW" | cut -d'|' -f4)
H2_HEAD=$(sql "SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id
  WHERE m.household_id = $H2 AND m.relation = 1 AND m.end_date IS NULL")
sql "UPDATE memberships SET end_date = start_date, end_reason = '分户'
  WHERE person_id = $LEFT_PID AND end_date IS NULL" >/dev/null

# H3: a one-person household that neither touches.
H3=$(sql "SELECT household_id FROM memberships WHERE end_date IS NULL AND household_id <> $H1 AND household_id <> $H2
  GROUP BY household_id HAVING count(*) = 1 ORDER BY household_id LIMIT 1")

expect_exit 0 "add committee member" -- "$DIBAO" --db "$DB" staff add --id-number "$HEAD_ID" \
	--name "$HEAD_NAME" --kind committee --region "$H1_VILLAGE" --position 村委会委员 --from 2024-01-01
expect_text "$T/out" "已备案 $HEAD_NAME (村(居)委会成员)" "add message"
S1=$(sql "SELECT max(id) FROM staff_register")
expect_exit 0 "add bureau staff" -- "$DIBAO" --db "$DB" staff add --id-number "$LEFT_ID" \
	--name "$LEFT_NAME" --kind bureau --region 410726 --position 社会救助股 --from 2025-02-01
S2=$(sql "SELECT max(id) FROM staff_register")
[ "$(audits)" = 2 ] && ok || fail "2 adds: $(audits) audit records"
[ "$(sql "SELECT action FROM audit_log WHERE entity = 'staff' ORDER BY id LIMIT 1")" = staff.add ] && ok ||
	fail "audit action staff.add"

expect_exit 0 "list" -- "$DIBAO" --db "$DB" staff list --region 410726
expect_text "$T/out" "共 2 条备案记录" "list counts both"
expect_text "$T/out" "$(mask "$HEAD_ID")" "list masks ID numbers"
if grep -qF -- "$HEAD_ID" "$T/out"; then fail "list prints a full ID number"; else ok; fi
expect_exit 0 "list of H1's village" -- "$DIBAO" --db "$DB" staff list --region "$H1_VILLAGE"
expect_text "$T/out" "共 1 条备案记录" "village list"

# the head himself, and his son as his child
expect_exit 0 "check H1" -- "$DIBAO" --db "$DB" staff check "$H1" --date 2026-06-01
expect_text "$T/out" "成员 $HEAD_NAME 本人即备案人员 $HEAD_NAME(村(居)委会成员, 村委会委员)" "self link"
expect_text "$T/out" "成员 $SON_NAME 是 $HEAD_NAME(村(居)委会成员, 村委会委员) 的 子女" "son is the head's child"
expect_text "$T/out" "两人现同在户 $H1_NO" "basis names the household"
expect_text "$T/out" "$(mask "$HEAD_ID")" "check masks ID numbers"
if grep -qF -- "$HEAD_ID" "$T/out"; then fail "check prints a full ID number"; else ok; fi
expect_text "$T/out" "须单独登记备案" "summary"

# the son who left: his parent, the head of H2, is found through the old household
expect_exit 0 "check H2" -- "$DIBAO" --db "$DB" staff check "$H2" --date 2026-06-01
expect_text "$T/out" "成员 $H2_HEAD 是 $LEFT_NAME(民政部门工作人员, 社会救助股) 的 父母" "former member's parent"
expect_text "$T/out" "两人曾同在户 $H2_NO" "basis: a former shared household"
# before his registration began, nothing
expect_exit 0 "check H2 before" -- "$DIBAO" --db "$DB" staff check "$H2" --date 2025-01-31
expect_text "$T/out" "未发现" "not in force before from"

expect_exit 0 "check H3" -- "$DIBAO" --db "$DB" staff check "$H3"
expect_text "$T/out" "未发现" "household without links"

# ending a registration: reason required; after the end date no link
refuse "end without reason" 2 "缺少 --to 或 --reason" -- "$DIBAO" --db "$DB" staff end "$S1" --to 2026-03-31
refuse "end with blank reason" 3 "终止理由不能为空" -- "$DIBAO" --db "$DB" staff end "$S1" --to 2026-03-31 --reason " "
refuse "end before start" 3 "早于起始日期" -- "$DIBAO" --db "$DB" staff end "$S1" --to 2023-12-31 --reason 换届
expect_exit 0 "end" -- "$DIBAO" --db "$DB" staff end "$S1" --to 2026-03-31 --reason 换届离任
refuse "end twice" 3 "已于 2026-03-31 终止" -- "$DIBAO" --db "$DB" staff end "$S1" --to 2026-04-30 --reason 换届
refuse "end unknown" 1 "不存在" -- "$DIBAO" --db "$DB" staff end 999 --to 2026-04-30 --reason 换届
[ "$(audits)" = 3 ] && ok || fail "2 adds and 1 end: $(audits) audit records"
[ "$(sql "SELECT reason FROM audit_log WHERE action = 'staff.end'")" = 换届离任 ] && ok || fail "end reason audited"
expect_exit 0 "check H1 after the end" -- "$DIBAO" --db "$DB" staff check "$H1" --date 2026-06-01
expect_text "$T/out" "未发现" "ended registration not found"
expect_exit 0 "check H1 on a date it was in force" -- "$DIBAO" --db "$DB" staff check "$H1" --date 2026-03-31
expect_text "$T/out" "本人即备案人员" "in force on its last day"
expect_exit 0 "list in force" -- "$DIBAO" --db "$DB" staff list --date 2026-06-01
expect_text "$T/out" "共 1 条备案记录" "only S2 in force"

# bad input: nothing written
BAD_ID=$(echo "$HEAD_ID" | sed 's/.$//')
case "$HEAD_ID" in *0) BAD_ID="${BAD_ID}1" ;; *) BAD_ID="${BAD_ID}0" ;; esac
refuse "wrong check digit" 3 "校验位不正确" -- "$DIBAO" --db "$DB" staff add --id-number "$BAD_ID" \
	--name 某 --kind bureau --region 410726
refuse "unknown kind" 3 "人员类别" -- "$DIBAO" --db "$DB" staff add --id-number "$HEAD_ID" \
	--name 某 --kind clerk --region 410726
refuse "committee at county level" 3 "须登记在村(社区)" -- "$DIBAO" --db "$DB" staff add \
	--id-number "$HEAD_ID" --name 某 --kind committee --region 410726
refuse "bureau at province level" 3 "须登记在县或乡镇" -- "$DIBAO" --db "$DB" staff add \
	--id-number "$HEAD_ID" --name 某 --kind bureau --region 41
[ "$(sql "SELECT count(*) FROM regions WHERE code = '410726101399'")" = 0 ] && ok || fail "410726101399 exists"
refuse "region not in the table" 3 "不在区划表中" -- "$DIBAO" --db "$DB" staff add \
	--id-number "$HEAD_ID" --name 某 --kind committee --region 410726101399
refuse "bad from date" 3 "不是有效日期" -- "$DIBAO" --db "$DB" staff add \
	--id-number "$HEAD_ID" --name 某 --kind bureau --region 410726 --from 2026-02-30
refuse "missing name" 2 "缺少" -- "$DIBAO" --db "$DB" staff add --id-number "$HEAD_ID" \
	--kind bureau --region 410726
refuse "unknown option" 2 "未知参数" -- "$DIBAO" --db "$DB" staff add --id-number "$HEAD_ID" \
	--name 某 --kind bureau --region 410726 --colour red
refuse "unknown verb" 2 "dibao staff" -- "$DIBAO" --db "$DB" staff remove 1
refuse "check a bad id" 2 "不是正整数" -- "$DIBAO" --db "$DB" staff check abc
refuse "check a bad date" 2 "日期" -- "$DIBAO" --db "$DB" staff check "$H1" --date 2026-13-01
refuse "check unknown household" 1 "不存在" -- "$DIBAO" --db "$DB" staff check 99999
[ "$(audits)" = 3 ] && ok || fail "refusals audited: $(audits) audit records"

expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify

finish
