#!/bin/sh
# tests/cli/test_household_api.sh DIBAO — one household over the API
# (docs/api.md "One household" and "Writing") through the real server, on
# the demo county 延津县: a create with a wrong ID check digit is a Chinese
# 400 naming the expected digit and saves nothing; bad bodies (unknown,
# missing, wrongly typed fields, invalid JSON) are 400 naming the field and
# change nothing; create, get, patch, add a member, a person already active
# elsewhere is 409 naming the other 户编号, ending without a reason is 400,
# move to another household, change a person, end a membership; the
# history shows every record; SQL meta-characters are stored literally; a
# caseworker of another township gets 403 on every route of the household,
# the auditor reads but may not write, the system administrator may not
# read (三员分立); a missing CSRF token is 403.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db hhapi)
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 60
GOOD='Yanjin#2026'
NEW='Xinmima_2026'
DEMO='Dibao@2026'
TODAY=$(date -u -d '+8 hours' +%Y-%m-%d)  # the server's business date (China Standard Time)
# ID numbers outside the demo's address codes, so they cannot collide
P1=110101198001011232
P2=110101198505050024
P3=11010119900303001X
P4=110101201001010015
BAD=110101198001011230 # P1 with a wrong check digit (should be 2)


# state — every table a register write touches, and the audit log
state() {
	sql "SELECT (SELECT count(*) FROM households) || '/' || (SELECT count(*) FROM persons)
	 || '/' || (SELECT count(*) FROM memberships)
	 || '/' || (SELECT count(*) FROM memberships WHERE end_date IS NULL)
	 || '/' || (SELECT count(*) FROM audit_log)
	 || '/' || (SELECT coalesce(sum(length(address)), 0) FROM households)
	 || '/' || (SELECT coalesce(sum(length(name) + health + labour), 0) FROM persons)"
}


. "$(dirname "$0")/lib_api.sh"
. "$(dirname "$0")/lib_writes.sh"


start_server
login caseworker "$DEMO"
login auditor "$DEMO"
login admin "$DEMO"

# ---- the places: two villages of 东屯镇, another township ----
req caseworker villages "$URL/api/v1/regions?parent=410726101000"
expect_status villages 200
V1=$(grep -o '"code":"410726101[0-9]*"' "$T/villages.body" | sed -n '2p' | cut -d'"' -f4)
V2=$(grep -o '"code":"410726101[0-9]*"' "$T/villages.body" | sed -n '3p' | cut -d'"' -f4)
req auditor towns "$URL/api/v1/regions"
OTHER=$(grep -o '"code":"410726[0-9]*"' "$T/towns.body" | cut -d'"' -f4 | grep -v '^410726000000$' | grep -v '^410726101000$' | head -n 1)
if [ -n "$V1" ] && [ -n "$V2" ] && [ -n "$OTHER" ]; then ok; else fail "regions: V1=$V1 V2=$V2 OTHER=$OTHER"; fi
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add a caseworker of $OTHER" -- "$DIBAO" --db "$DB" user add other.cw --name 其他乡镇经办人 --region "$OTHER" --role township_caseworker
session other.cw /api/v1/households/1
login other.cw "$NEW"

# ---- a wrong check digit: 400 naming the digit, nothing saved ----
HEAD1="\"head\":{\"id_number\":\"$P1\",\"name\":\"张三\",\"health\":2}"
refused caseworker c0 400 "身份证号码 \\\"$BAD\\\" 的校验位不正确，应为 2" POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"王庄村1组\",\"registration\":2,\"head\":{\"id_number\":\"$BAD\",\"name\":\"张三\"}}"

# ---- bad bodies: 400 naming the field, nothing saved ----
refused caseworker c1 400 '未知字段 \"owner\"' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":2,\"owner\":1,$HEAD1}"
refused caseworker c2 400 '字段 \"registration\" 应为整数' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":\"2\",$HEAD1}"
refused caseworker c3 400 '缺少字段 \"address\"' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"registration\":2,$HEAD1}"
refused caseworker c4 400 '缺少字段 \"head.name\"' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":2,\"head\":{\"id_number\":\"$P1\"}}"
refused caseworker c5 400 '未知字段 \"head.sex\"' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":2,\"head\":{\"id_number\":\"$P1\",\"name\":\"张三\",\"sex\":1}}"
refused caseworker c6 400 '字段 \"head\" 应为 JSON 对象' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":2,\"head\":\"$P1\"}"
refused caseworker c7 400 '不是有效的 JSON' POST /api/v1/households '{"village_code":'
refused caseworker c8 400 '户籍类别 \"3\" 不是有效代码' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":3,$HEAD1}"
refused caseworker c9 400 '不是村(社区)级代码' POST /api/v1/households \
	"{\"village_code\":\"410726101000\",\"address\":\"x\",\"registration\":2,$HEAD1}"
refused caseworker c10 403 '不在您的管辖区域内' POST /api/v1/households \
	"{\"village_code\":\"${OTHER%000}201\",\"address\":\"x\",\"registration\":2,$HEAD1}"
refused caseworker c11 400 '银行卡号' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":2,\"bank_account\":\"6228480402564890019\",$HEAD1}"

# ---- create: 201, the household as GET answers it ----
EVIL="'; DROP TABLE households; --"
before=$(state)
w caseworker h1 POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"$EVIL\",\"registration\":2,\"phone\":\"13800001111\",\"bank_account\":\"6228 4804 0256 4890 018\",$HEAD1}"
expect_status h1 201
H1=$(sed -n 's/^{"household":{"id":\([0-9]*\),.*/\1/p' "$T/h1.body")
NO1=$(sed -n 's/^{"household":{"id":[0-9]*,"hh_no":"\([^"]*\)".*/\1/p' "$T/h1.body")
expect_text "$T/h1.body" "\"address\":\"$EVIL\"" "SQL meta-characters stored literally"
expect_text "$T/h1.body" '"bank_account":"6228480402564890018"' "bank card without spaces"
expect_text "$T/h1.body" "\"id_number\":\"$P1\",\"name\":\"张三\",\"sex\":1,\"birth_date\":\"1980-01-01\"" "sex and birth date from the ID"
expect_text "$T/h1.body" '"relation":1,"relation_name":"户主","health":2' "the head"
expect_text "$T/h1.body" '"township_name":"东屯镇"' "region names"
expect_text "$T/h1.body" '"former_members":[],"incomes":[],"assets":[],"disabilities":[]' "empty lists"
case "$NO1" in 410726-[0-9][0-9][0-9][0-9][0-9][0-9][0-9]) ok ;; *) fail "assigned 户编号 \"$NO1\"" ;; esac
n=$(sql "SELECT count(*) FROM audit_log WHERE action = 'household.create' AND entity = 'household' AND entity_id = '$H1' AND actor = 'caseworker'")
if [ "$n" = 1 ]; then ok; else fail "household.create audit records: $n"; fi
n=$(sql "SELECT count(*) FROM households WHERE address = '''; DROP TABLE households; --'")
if [ "$n" = 1 ]; then ok; else fail "address not stored literally"; fi
after=$(state)
if [ "$after" != "$before" ]; then ok; else fail "create changed nothing"; fi

req caseworker g1 "$URL/api/v1/households/$H1"
expect_status g1 200
expect_text "$T/g1.body" "\"hh_no\":\"$NO1\"" "get"
expect_text "$T/g1.body" "\"id_number\":\"$P1\"" "full ID number on the household's page"

# ---- patch ----
w caseworker p1 PATCH "/api/v1/households/$H1" '{"address":"王庄村2组8号","phone":null,"reason":"门牌调整"}'
expect_status p1 200
expect_text "$T/p1.body" '"address":"王庄村2组8号"' "patched address"
expect_text "$T/p1.body" '"phone":null' "cleared phone"
refused caseworker p2 400 '字段 \"address\" 不能为空' PATCH "/api/v1/households/$H1" '{"address":null}'
refused caseworker p3 400 '没有要修改的字段' PATCH "/api/v1/households/$H1" '{"reason":"x"}'
refused caseworker p4 400 '未知字段 \"hh_no\"' PATCH "/api/v1/households/$H1" '{"hh_no":"X1"}'

# ---- members ----
w caseworker m1 POST "/api/v1/households/$H1/members" "{\"id_number\":\"$P2\",\"name\":\"李四\",\"relation\":10}"
expect_status m1 201
expect_text "$T/m1.body" "\"id_number\":\"$P2\",\"name\":\"李四\",\"sex\":2" "member added"
M2=$(grep -o "\"membership_id\":[0-9]*,\"person_id\":[0-9]*,\"id_number\":\"$P2\"" "$T/m1.body" | sed 's/"membership_id":\([0-9]*\),.*/\1/')
PID2=$(grep -o "\"person_id\":[0-9]*,\"id_number\":\"$P2\"" "$T/m1.body" | sed 's/"person_id":\([0-9]*\),.*/\1/')
refused caseworker m2 409 '已有户主' POST "/api/v1/households/$H1/members" "{\"id_number\":\"$P4\",\"name\":\"赵六\",\"relation\":1}"
refused caseworker m3 400 '缺少字段 \"relation\"' POST "/api/v1/households/$H1/members" "{\"id_number\":\"$P4\",\"name\":\"赵六\"}"

w caseworker h2 POST /api/v1/households \
	"{\"hh_no\":\"DT-0002\",\"village_code\":\"$V2\",\"address\":\"二号户\",\"registration\":1,\"head\":{\"id_number\":\"$P3\",\"name\":\"王五\"}}"
expect_status h2 201
H2=$(sed -n 's/^{"household":{"id":\([0-9]*\),.*/\1/p' "$T/h2.body")
refused caseworker m4 409 "该人员已是户 \\\"$NO1\\\" 的成员" POST "/api/v1/households/$H2/members" "{\"id_number\":\"$P2\",\"name\":\"李四\",\"relation\":10}"
refused caseworker h3 409 '户编号 \"DT-0002\" 已存在' POST /api/v1/households \
	"{\"hh_no\":\"DT-0002\",\"village_code\":\"$V2\",\"address\":\"x\",\"registration\":1,\"head\":{\"id_number\":\"$P4\",\"name\":\"赵六\"}}"

# ---- end without a reason; move ----
refused caseworker e1 400 '缺少字段 \"reason\"' POST "/api/v1/memberships/$M2/end" "{\"end_date\":\"$TODAY\"}"
refused caseworker e2 400 '原因不能为空' POST "/api/v1/memberships/$M2/end" "{\"end_date\":\"$TODAY\",\"reason\":\" \"}"
refused caseworker e3 400 '不能晚于今天' POST "/api/v1/memberships/$M2/end" "{\"end_date\":\"2999-01-01\",\"reason\":\"x\"}"
w caseworker mv POST "/api/v1/memberships/$M2/move" "{\"household_id\":$H2,\"relation\":10,\"date\":\"$TODAY\",\"reason\":\"婚迁\"}"
expect_status mv 200
expect_text "$T/mv.body" "\"id\":$H2,\"hh_no\":\"DT-0002\"" "move answers the target"
expect_text "$T/mv.body" "\"id_number\":\"$P2\"" "moved member in the target"
refused caseworker mv2 409 "已于 $TODAY 结束" POST "/api/v1/memberships/$M2/move" "{\"household_id\":$H2,\"relation\":10,\"date\":\"$TODAY\",\"reason\":\"x\"}"
req caseworker g2 "$URL/api/v1/households/$H1"
expect_text "$T/g2.body" "\"end_date\":\"$TODAY\",\"end_reason\":\"婚迁\"" "former member of the source"

# ---- a person ----
refused caseworker pe1 400 '修改姓名须填写原因' PATCH "/api/v1/persons/$PID2" '{"name":"李思"}'
refused caseworker pe2 409 '已登记为其他人员' PATCH "/api/v1/persons/$PID2" "{\"id_number\":\"$P1\",\"reason\":\"更正\"}"
refused caseworker pe3 400 '字段 \"health\" 应为整数' PATCH "/api/v1/persons/$PID2" '{"health":"2"}'
w caseworker pe4 PATCH "/api/v1/persons/$PID2" '{"name":"李思","labour":3,"reason":"户籍更名"}'
expect_status pe4 200
expect_text "$T/pe4.body" "\"id\":$H2," "person patch answers the current household"
expect_text "$T/pe4.body" '"name":"李思"' "renamed"
M2B=$(grep -o "\"membership_id\":[0-9]*,\"person_id\":$PID2," "$T/pe4.body" | sed 's/"membership_id":\([0-9]*\),.*/\1/')
w caseworker e4 POST "/api/v1/memberships/$M2B/end" "{\"end_date\":\"$TODAY\",\"reason\":\"死亡\"}"
expect_status e4 200
expect_text "$T/e4.body" '"end_reason":"死亡"' "ended"

# ---- history ----
req caseworker hi "$URL/api/v1/households/$H1/history"
expect_status hi 200
for a in household.create household.update member.add member.move person.update member.end; do
	expect_text "$T/hi.body" "\"action\":\"$a\"" "history of $H1 has $a"
done
expect_text "$T/hi.body" '"reason":"婚迁"' "history reason"
ids=$(grep -o '"id":[0-9]*,"at"' "$T/hi.body" | cut -d: -f2 | cut -d, -f1)
if [ -n "$ids" ] && [ "$ids" = "$(echo "$ids" | sort -rn)" ]; then ok; else fail "history not newest first: $ids"; fi
req caseworker hi2 "$URL/api/v1/households/$H2/history"
expect_text "$T/hi2.body" '"action":"member.move"' "history of the target has the move"
if grep -q "\"entity\":\"household\",\"entity_id\":\"$H1\"" "$T/hi2.body"; then fail "another household's records in the history"; else ok; fi

# ---- another township's caseworker: 403 on everything of this household ----
req other.cw o1 "$URL/api/v1/households/$H1"
expect_status o1 403
expect_text "$T/o1.body" '不在您的管辖区域内' "other township: get"
req other.cw o2 "$URL/api/v1/households/$H1/history"
expect_status o2 403
refused other.cw o3 403 '不在您的管辖区域内' PATCH "/api/v1/households/$H1" '{"address":"x"}'
refused other.cw o4 403 '不在您的管辖区域内' POST "/api/v1/households/$H1/members" "{\"id_number\":\"$P4\",\"name\":\"赵六\",\"relation\":20}"
refused other.cw o5 403 '不在您的管辖区域内' PATCH "/api/v1/persons/$PID2" '{"health":3}'
M1=$(grep -o "\"membership_id\":[0-9]*,\"person_id\":[0-9]*,\"id_number\":\"$P1\"" "$T/g1.body" | sed 's/"membership_id":\([0-9]*\),.*/\1/')
refused other.cw o6 403 '不在您的管辖区域内' POST "/api/v1/memberships/$M1/end" "{\"end_date\":\"$TODAY\",\"reason\":\"x\"}"
refused other.cw o7 403 '不在您的管辖区域内' POST "/api/v1/memberships/$M1/move" "{\"household_id\":$H2,\"relation\":20,\"date\":\"$TODAY\",\"reason\":\"x\"}"

# ---- the auditor reads, never writes; the system administrator never reads ----
req auditor a1 "$URL/api/v1/households/$H1"
expect_status a1 200
req auditor a2 "$URL/api/v1/households/$H1/history"
expect_status a2 200
refused auditor a3 403 '没有权限' PATCH "/api/v1/households/$H1" '{"address":"x"}'
refused auditor a4 403 '没有权限' POST /api/v1/households \
	"{\"village_code\":\"$V1\",\"address\":\"x\",\"registration\":2,\"head\":{\"id_number\":\"$P4\",\"name\":\"赵六\"}}"
refused auditor a5 403 '没有权限' POST "/api/v1/memberships/$M1/end" "{\"end_date\":\"$TODAY\",\"reason\":\"x\"}"
req admin s1 "$URL/api/v1/households/$H1"
expect_status s1 403
expect_text "$T/s1.body" '没有权限查看救助对象信息' "sys_admin may not read"
req admin s2 "$URL/api/v1/households/$H1/history"
expect_status s2 403

# ---- no CSRF token, no session, unknown ids ----
before=$(state)
req caseworker x1 -X PATCH -H "$J" --data '{"address":"x"}' "$URL/api/v1/households/$H1"
expect_status x1 403
unchanged "$before" "no CSRF token"
req nobody x2 "$URL/api/v1/households/$H1"
expect_status x2 401
req caseworker x3 "$URL/api/v1/households/abc"
expect_status x3 404
req caseworker x4 "$URL/api/v1/households/99999999"
expect_status x4 404
refused caseworker x5 404 '不存在' POST "/api/v1/memberships/99999999/end" "{\"end_date\":\"$TODAY\",\"reason\":\"x\"}"
req caseworker x6 -X DELETE -H "X-CSRF-Token: $(cat "$T/caseworker.csrf")" "$URL/api/v1/households/$H1"
expect_status x6 405

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
if grep -q "$P1" "$T/server.log"; then fail "an ID number in the server log"; else ok; fi
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify
finish
