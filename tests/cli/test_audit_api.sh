#!/bin/sh
# tests/cli/test_audit_api.sh DIBAO — GET /api/v1/audit as the auditor
# uses it: an auditor rooted at 延津县 sees the import records (county-less)
# and the county's own records, not another county's; filters by action,
# actor and date; limit=1 walks every record via next_cursor; a county
# approver gets a Chinese 403, no session 401, a bad date or limit 400.
# The xlsx export (GET /api/v1/audit/export): the same filters and scope,
# Beijing times, a zip with the 8 columns, the export itself recorded
# once; refused for a non-auditor, a bad filter or over 100 000 records.
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
# a test that dies half-way must not leave the server running
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
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

# ---- the xlsx export ----
exports() { sql "SELECT count(*) FROM audit_log WHERE action = 'audit.export'"; }
# export JAR NAME QUERY — the file in $T/NAME.xlsx, headers in $T/NAME.hdr
export_xlsx() {
	curl -s -b "$T/$1.jar" -D "$T/$2.hdr" -o "$T/$2.xlsx" -w '%{http_code}' "$URL/api/v1/audit/export$3" >"$T/$2.code"
	cp "$T/$2.xlsx" "$T/$2.body"
}
# sheet NAME — the worksheet's XML (strings are inline: constant-memory mode)
sheet() { unzip -p "$T/$1.xlsx" xl/worksheets/sheet1.xml; }
datarows() { sheet "$1" | grep -o '<row ' | wc -l; }

export_xlsx wang.xian x0 ""
expect_status x0 403
expect_text "$T/x0.body" '没有权限查看审计日志' "county approver may not export"
[ "$(exports)" = 0 ] && ok || fail "a refused export was recorded"
export_xlsx nobody x00 ""
expect_status x00 401

before=$(sql "SELECT count(*) FROM audit_log")
want=$(sql "SELECT count(*) FROM audit_log WHERE county IN ('410726', '')")
export_xlsx qian.shen e1 ""
expect_status e1 200
expect_text "$T/e1.hdr" 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "xlsx content type"
expect_text "$T/e1.hdr" "attachment; filename=\"audit-log.xlsx\"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.xlsx" "attachment named 审计日志.xlsx"
expect_text "$T/e1.hdr" 'Cache-Control: no-store' "not cached"
[ "$(head -c 4 "$T/e1.xlsx" | od -An -tx1 | tr -d ' ')" = 504b0304 ] && ok || fail "not a zip file"
unzip -l "$T/e1.xlsx" > "$T/e1.list" 2>&1 && ok || fail "unzip cannot read the export"
expect_text "$T/e1.list" 'xl/workbook.xml' "workbook inside"
sheet e1 > "$T/e1.xml"
unzip -p "$T/e1.xlsx" xl/workbook.xml > "$T/e1.wb"
expect_text "$T/e1.wb" 'name="审计日志"' "sheet named 审计日志"
for col in 时间 操作人 操作 对象 编号 原因 修改前 修改后; do
	expect_text "$T/e1.xml" "<t>$col</t>" "column $col"
done
expect_text "$T/e1.xml" '<t>households</t>' "the household import"
expect_text "$T/e1.xml" '<t>wang.xian</t>' "the county's own user record"
if grep -q 'feng.qiu' "$T/e1.xml"; then fail "another county's record exported"; else ok; fi
if grep -q -e argon2 -e 'hash' "$T/e1.xml"; then fail "hashes exported"; else ok; fi
# every record in the auditor's scope before the export, and the header
n=$(datarows e1)
[ "$n" -eq $((want + 1)) ] && ok || fail "export has $n rows, expected $want records + header"
[ "$(sql "SELECT count(*) FROM audit_log")" = $((before + 1)) ] && ok || fail "export not recorded exactly once"
[ "$(sql "SELECT actor || ' ' || entity || ' ' || county FROM audit_log WHERE action = 'audit.export'")" = 'qian.shen audit 410726' ] && ok || fail "export record: actor, entity, county"
# Beijing time: the first record (the region import) at UTC+8
at=$(sql "SELECT at FROM audit_log WHERE action = 'import' AND entity = 'regions' ORDER BY id LIMIT 1")
bj=$(date -u -d "@$(( $(date -u -d "$at" +%s) + 8 * 3600 ))" '+%Y-%m-%d %H:%M:%S')
expect_text "$T/e1.xml" "<t>$bj</t>" "Beijing time of $at"
if grep -q '<t>20[0-9-]*T[0-9:]*Z</t>' "$T/e1.xml"; then fail "UTC time text in the export"; else ok; fi

# the same filters as the list
export_xlsx qian.shen e2 "?action=import"
expect_status e2 200
[ "$(datarows e2)" -eq 4 ] && ok || fail "action=import: $(datarows e2) rows, expected 3 + header"
if sheet e2 | grep -q '<t>user.login</t>'; then fail "filter lets other actions through"; else ok; fi
[ "$(sql "SELECT after_json FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1")" = '{"filter":{"action":"import"},"rows":3}' ] && ok || fail "export record lacks the filter"
export_xlsx qian.shen e3 "?to=2000-01-01"
expect_status e3 200
[ "$(datarows e3)" -eq 1 ] && ok || fail "empty export: only the header expected"
export_xlsx qian.shen e4 "?action=import&limit=1&cursor=1"
[ "$(datarows e4)" -eq 4 ] && ok || fail "limit and cursor must not narrow an export"

# bad filters: 400, nothing recorded
n0=$(exports)
export_xlsx qian.shen e5 "?from=2026-02-30"
expect_status e5 400
expect_text "$T/e5.body" '不是有效日期' "bad date: Chinese 400"
[ "$(exports)" = "$n0" ] && ok || fail "a refused export was recorded"
req qian.shen e6 -X POST -H "$J" --data '{}' "$URL/api/v1/audit/export"
expect_status e6 405

# over 100 000 records: 400 in Chinese, nothing recorded, no file left
# (rows written straight into the table break the chain, so this is last;
# their own hashes keep the next append's prev_hash unique)
case "$DB" in
sqlite:*) sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001)
	INSERT INTO audit_log (id, county, at, actor, action, entity, prev_hash, hash) SELECT 10000000 + i, '410726', '2026-01-01T00:00:00Z', 'bulk', 'test.bulk', 'test', 'p' || i, 'h' || i FROM n" ;;
*) sql "INSERT INTO audit_log (id, county, at, actor, action, entity, prev_hash, hash) SELECT 10000000 + i, '410726', '2026-01-01T00:00:00Z', 'bulk', 'test.bulk', 'test', 'p' || i, 'h' || i FROM generate_series(1, 100001) i" >/dev/null
	sql "ANALYZE audit_log" >/dev/null ;; # as autovacuum would, soon after
esac
n0=$(exports)
export_xlsx qian.shen big "?action=test.bulk"
expect_status big 400
expect_text "$T/big.body" '超过 100000 条' "over the cap: Chinese 400"
[ "$(exports)" = "$n0" ] && ok || fail "a refused export was recorded"
ls "${TMPDIR:-/tmp}"/dibao-audit-* >/dev/null 2>&1 && fail "temporary export file left behind" || ok
sql "DELETE FROM audit_log WHERE id > 10000000 AND id <= 10000001" >/dev/null
export_xlsx qian.shen big2 "?action=test.bulk"
expect_status big2 200
[ "$(datarows big2)" -eq 100001 ] && ok || fail "100000 records: $(datarows big2) rows"

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
PID=
finish
