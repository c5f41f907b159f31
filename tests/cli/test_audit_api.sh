#!/bin/sh
# tests/cli/test_audit_api.sh DIBAO — GET /api/v1/audit as the auditor
# uses it: an auditor rooted at 延津县 sees the import records (county-less)
# and the county's own records, not another county's; filters by action,
# actor and date; limit=1 walks every record via next_cursor; a county
# approver gets a Chinese 403, no session 401, a bad date or limit 400.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db audapi)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$(dirname "$0")/data/regions.csv"
# another county under the same city, for the scope check
printf '区划代码,名称,上级代码,城乡分类代码\n410727000000,封丘县,410700000000,\n' > "$T/fq.csv"
expect_exit 0 "import another county" -- "$DIBAO" --db "$DB" import regions "$T/fq.csv"
printf '户编号,所属村(社区)代码,家庭住址,户籍类别,开户银行,银行卡号,持卡人,联系电话\n' > "$T/hh.csv"
printf 'H1,410726101201,王庄村1组1号,农村,,,,\n' >> "$T/hh.csv"
printf 'H2,410726101001,东屯社区3号楼,城镇,,,,\n' >> "$T/hh.csv"
expect_exit 0 "import households" -- "$DIBAO" --db "$DB" import households "$T/hh.csv"
GOOD='Yanjin#2026'
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add auditor" -- "$DIBAO" --db "$DB" user add qian.shen --name 钱审 --region 410726000000 --role auditor
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add county approver" -- "$DIBAO" --db "$DB" user add wang.xian --name 王县 --region 410726000000 --role county_approver
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add user in another county" -- "$DIBAO" --db "$DB" user add feng.qiu --name 封丘 --region 410727000000 --role county_approver

. "$(dirname "$0")/lib_api.sh"
start_server
session qian.shen /api/v1/audit
session wang.xian /api/v1/audit

# ---- not logged in ----
req nobody anon "$URL/api/v1/audit"
expect_status anon 401
expect_text "$T/anon.body" '请先登录' "401 message"

# ---- not an auditor ----
req wang.xian x1 "$URL/api/v1/audit"
expect_status x1 403
expect_text "$T/x1.body" '没有权限查看审计日志' "county approver: Chinese 403"

# ---- the auditor ----
req qian.shen a1 "$URL/api/v1/audit"
expect_status a1 200
expect_text "$T/a1.body" '"action":"import","entity":"regions"' "region import record"
expect_text "$T/a1.body" '"action":"import","entity":"households"' "household import record"
expect_text "$T/a1.body" '"entity_id":"wang.xian"' "the county's own user record"
expect_text "$T/a1.body" '"next_cursor":null' "one page holds everything"
if grep -q 'feng.qiu' "$T/a1.body"; then fail "another county's record is visible"; else ok; fi
if grep -q 'hash' "$T/a1.body"; then fail "hashes in the answer"; else ok; fi
# newest first: ids strictly descending
ids=$(grep -o '"id":[0-9]*' "$T/a1.body" | cut -d: -f2)
sorted=$(echo "$ids" | sort -rn)
if [ -n "$ids" ] && [ "$ids" = "$sorted" ]; then ok; else fail "ids not descending: $ids"; fi
total=$(echo "$ids" | wc -l)

req qian.shen a2 "$URL/api/v1/audit?action=import"
expect_status a2 200
n=$(grep -o '"id":' "$T/a2.body" | wc -l)
if [ "$n" -eq 3 ]; then ok; else fail "action=import: $n records, expected 3"; fi
if grep -q '"action":"user\.' "$T/a2.body"; then fail "action filter lets other actions through"; else ok; fi
req qian.shen a3 "$URL/api/v1/audit?action=import&entity=households"
n=$(grep -o '"id":' "$T/a3.body" | wc -l)
if [ "$n" -eq 1 ]; then ok; else fail "action+entity: $n records, expected 1"; fi
req qian.shen a4 "$URL/api/v1/audit?actor=qian.shen"
expect_status a4 200
expect_text "$T/a4.body" '"actor":"qian.shen"' "actor filter finds the auditor's own login"
if grep -q '"actor":"cli:' "$T/a4.body"; then fail "actor filter lets others through"; else ok; fi
today=$(date -u +%Y-%m-%d)
req qian.shen a5 "$URL/api/v1/audit?from=$today&to=$today"
expect_status a5 200
n=$(grep -o '"id":' "$T/a5.body" | wc -l)
if [ "$n" -eq "$total" ]; then ok; else fail "today: $n records, expected $total"; fi
req qian.shen a6 "$URL/api/v1/audit?to=2000-01-01"
expect_text "$T/a6.body" '"items":[]' "nothing before 2000"

# ---- paging: limit=1 walks everything ----
cursor=
walked=
pages=0
while [ $pages -le $((total + 1)) ]; do
	req qian.shen pg "$URL/api/v1/audit?limit=1${cursor:+&cursor=$cursor}"
	expect_status pg 200
	walked="$walked $(grep -o '"id":[0-9]*' "$T/pg.body" | cut -d: -f2)"
	pages=$((pages + 1))
	cursor=$(sed -n 's/.*"next_cursor":\([0-9][0-9]*\).*/\1/p' "$T/pg.body")
	[ -n "$cursor" ] || break
done
if [ "$(echo $walked)" = "$(echo $ids)" ]; then ok; else fail "paging walked [$walked], expected [$(echo $ids)]"; fi
if [ $pages -eq "$total" ]; then ok; else fail "paging took $pages pages for $total records"; fi

# ---- bad parameters ----
req qian.shen b1 "$URL/api/v1/audit?from=2026-02-30"
expect_status b1 400
expect_text "$T/b1.body" '不是有效日期' "bad date: Chinese 400"
req qian.shen b2 "$URL/api/v1/audit?to=yesterday"
expect_status b2 400
req qian.shen b3 "$URL/api/v1/audit?limit=0"
expect_status b3 400
req qian.shen b4 "$URL/api/v1/audit?limit=201"
expect_status b4 400
req qian.shen b5 "$URL/api/v1/audit?limit=200"
expect_status b5 200
req qian.shen b6 "$URL/api/v1/audit?cursor=-1"
expect_status b6 400
req qian.shen b7 -X POST -H "$J" --data '{}' "$URL/api/v1/audit"
expect_status b7 405

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
finish
