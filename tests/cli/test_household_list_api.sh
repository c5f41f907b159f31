#!/bin/sh
# tests/cli/test_household_list_api.sh DIBAO — the household list, search,
# xlsx export, dashboard figures, code tables and the session's menus over
# HTTP, on the demo county 延津县:
#  - search by full ID, by its last 6, 5 and 4 characters, by a member's
#    name, by 户编号 and by part of the address; '%', '_' and "'" in q match
#    themselves;
#  - a township caseworker of 东屯镇 and one of 丰庄镇 (added here) each see
#    only their township: list, total, search hits, export rows and stats
#    agree with the database, and nothing of the other township shows;
#  - a region outside the user's subtree is 403 (list, export, stats); the
#    三员分立 administrators get 403; no session 401; bad parameters 400;
#  - keyset pages walk every household once and their count is total;
#  - the export is a valid xlsx with masked ID numbers only, and leaves one
#    audit record household.export with its filter.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db hlapi)
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 1200 --work "$T/demo"
# two households whose addresses hold LIKE meta-characters
printf '户编号,所属村(社区)代码,家庭住址,户籍类别,开户银行,银行卡号,持卡人,联系电话\n' > "$T/hh.csv"
printf 'T-PCT,410726101201,东屯镇试验100%%路1号,农村,,,,\n' >> "$T/hh.csv"
printf 'T-UND,410726101201,东屯镇试验下划_路2号,农村,,,,\n' >> "$T/hh.csv"
expect_exit 0 "import two households" -- "$DIBAO" --db "$DB" import households "$T/hh.csv"
GOOD='Fengzhuang#2026'
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add a 丰庄镇 caseworker" -- "$DIBAO" --db "$DB" user add wang.feng --name 王丰 --region 410726102000 --role township_caseworker


. "$(dirname "$0")/lib_api.sh"
start_server
PW='Dibao@2026'
# login USER — a demo user (no forced password change)
login() {
	req "$1" "$1-login" -X POST -H "$J" --data "{\"username\":\"$1\",\"password\":\"$PW\"}" "$URL/api/v1/session"
	expect_status "$1-login" 200
}
for u in caseworker approver auditor admin security agent; do login $u; done
session wang.feng /api/v1/households

# get USER NAME PATH-AND-QUERY — a GET; q values are passed with -G so that
# curl encodes them
get() {
	u=$1; n=$2; shift 2
	req "$u" "$n" "$@"
}
# jqv NAME FILTER — a value from a JSON answer
jqv() { jq -r "$2" "$T/$1.body"; }

DT='410726101'   # 东屯镇
FZ='410726102'   # 丰庄镇
n_dt=$(sql "SELECT count(*) FROM households WHERE village_code LIKE '${DT}%'")
n_fz=$(sql "SELECT count(*) FROM households WHERE village_code LIKE '${FZ}%'")
n_all=$(sql "SELECT count(*) FROM households")
[ "$n_dt" -gt 20 ] && [ "$n_fz" -gt 20 ] && ok || fail "demo townships too small: $n_dt, $n_fz"

# ---- no session, administrators ----
req nobody anon "$URL/api/v1/households"
expect_status anon 401
for u in admin security; do
	for p in households households/export stats/register; do
		get $u adm "$URL/api/v1/$p"
		expect_status adm 403
		expect_text "$T/adm.body" '没有权限查看救助对象信息' "$u: $p"
	done
done

# ---- the session's menus and the code tables ----
get caseworker s1 "$URL/api/v1/session"
expect_status s1 200
[ "$(jqv s1 .user.region_name)" = "东屯镇" ] && ok || fail "caseworker region_name: $(jqv s1 .user.region_name)"
[ "$(jqv s1 '.user.permissions|join(",")')" = "region_read,register_read,register_write,case_act,payroll_read,payroll_prepare" ] && ok || fail "caseworker permissions: $(jqv s1 .user.permissions)"
get admin s2 "$URL/api/v1/session"
[ "$(jqv s2 '.user.permissions|join(",")')" = "region_read,region_write,user_admin,standard_write,param_write" ] && ok || fail "admin permissions: $(jqv s2 .user.permissions)"
[ "$(jqv caseworker-login .user.region_name)" = "东屯镇" ] && ok || fail "the login answer lacks region_name"
get caseworker c1 "$URL/api/v1/codes"
expect_status c1 200
[ "$(jqv c1 '.relation[0].name')" = "户主" ] && ok || fail "relation 1"
[ "$(jqv c1 '[.relation[].code]|join(",")')" = "1,10,20,30,40,50,60,70,80,99" ] && ok || fail "relation codes"
[ "$(jqv c1 '.registration|map("\(.code)\(.name)")|join(",")')" = "1城镇,2农村" ] && ok || fail "registration codes"
[ "$(jqv c1 '.health|length') $(jqv c1 '.labour|length') $(jqv c1 '.sex|length')" = "3 3 2" ] && ok || fail "health, labour, sex"
[ "$(jqv c1 '.roles[0].code') $(jqv c1 '.roles|length')" = "village_agent 9" ] && ok || fail "roles: $(jqv c1 .roles)"
[ "$(jqv c1 '.disability_kind|length') $(jqv c1 '.disability_grade|length') $(jqv c1 '.income_kind|length')" = "7 4 5" ] && ok || fail "disability and income kinds"
[ "$(jqv c1 '.disability_kind[0].name') $(jqv c1 '.income_kind[0].name') $(jqv c1 '.orphan|map(.name)|join(",")')" = "视力残疾 工资性收入 否,孤儿,事实无人抚养儿童" ] && ok || fail "code names: $(jqv c1 .orphan)"
expect_text "$T/c1.body" '"name":"县民政局审批人"' "role names"

# ---- the caseworker's list: only 东屯镇, walked page by page ----
get caseworker l1 "$URL/api/v1/households"
expect_status l1 200
[ "$(jqv l1 .total)" = "$n_dt" ] && ok || fail "caseworker total $(jqv l1 .total), 东屯镇 has $n_dt"
[ "$(jqv l1 '.items|length')" = 50 ] && ok || fail "default page of 50"
if jqv l1 '.items[].village_code' | grep -v "^$DT" >/dev/null; then fail "a household outside 东屯镇 listed"; else ok; fi
jqv l1 '.items[0].head_id_number' | grep -Eq '^[0-9]{4}\*{10}[0-9]{3}[0-9X]$' && ok || fail "head ID not masked: $(jqv l1 '.items[0].head_id_number')"
[ "$(jqv l1 '.items[0]|keys|join(",")')" = "address,county,head_id_number,head_name,hh_no,id,members,registration,township_name,village_code,village_name" ] && ok || fail "item fields: $(jqv l1 '.items[0]|keys')"
[ "$(jqv l1 '.items[0].township_name')" = "东屯镇" ] && ok || fail "township name"
cursor=
pages=0
: > "$T/walked"
while [ $pages -le 40 ]; do
	get caseworker pg -G --data-urlencode "limit=7" ${cursor:+--data-urlencode "cursor=$cursor"} "$URL/api/v1/households"
	expect_status pg 200
	jqv pg '.items[].id' >> "$T/walked"
	[ "$(jqv pg .total)" = "$n_dt" ] || fail "total changes between pages"
	pages=$((pages + 1))
	cursor=$(jqv pg '.next_cursor // empty')
	[ -n "$cursor" ] || break
done
sql "SELECT id FROM households WHERE village_code LIKE '${DT}%' ORDER BY id" > "$T/want"
if cmp -s "$T/walked" "$T/want"; then ok; else fail "pages walked $(wc -l < "$T/walked") ids, not the $n_dt of 东屯镇 in order"; fi
[ $pages -eq $(((n_dt + 6) / 7)) ] && ok || fail "$pages pages of 7 for $n_dt households"
# a cursor only moves the start: the filter holds
fz_id=$(sql "SELECT min(id) FROM households WHERE village_code LIKE '${FZ}%'")
get caseworker l2 "$URL/api/v1/households?cursor=$((fz_id - 1))&limit=200"
if jqv l2 '.items[].village_code' | grep -v "^$DT" >/dev/null; then fail "a cursor let 丰庄镇 in"; else ok; fi

# ---- filters: region inside and outside, registration ----
vil=$(sql "SELECT village_code FROM households WHERE village_code LIKE '${DT}2%' ORDER BY id LIMIT 1")
n_vil=$(sql "SELECT count(*) FROM households WHERE village_code = '$vil'")
get caseworker f1 "$URL/api/v1/households?region=$vil&limit=200"
expect_status f1 200
[ "$(jqv f1 .total)" = "$n_vil" ] && ok || fail "village filter total"
[ "$(jqv f1 '[.items[].village_code]|unique|join(",")')" = "$vil" ] && ok || fail "village filter items"
for p in households households/export stats/register; do
	for r in 410726102000 410726000000 410727000000; do
		get caseworker f2 "$URL/api/v1/$p?region=$r"
		expect_status f2 403
		expect_text "$T/f2.body" '不在您的管辖区域内' "caseworker $p region=$r"
	done
done
get caseworker f3 "$URL/api/v1/households?registration=1"
get caseworker f4 "$URL/api/v1/households?registration=2"
[ $(($(jqv f3 .total) + $(jqv f4 .total))) -eq "$n_dt" ] && ok || fail "urban + rural != all"
[ "$(jqv f3 '[.items[].registration]|unique|join(",")')" = "1" ] && ok || fail "registration=1 items"
get agent f5 "$URL/api/v1/households?limit=200"
agent_vil=$(jqv agent-login .user.region_code)
[ "$(jqv f5 .total)" = "$(sql "SELECT count(*) FROM households WHERE village_code = '$agent_vil'")" ] && ok || fail "village agent total"
[ "$(jqv f5 '[.items[].village_code]|unique|join(",")')" = "$agent_vil" ] && ok || fail "village agent sees another village"

# ---- search: every shape of q ----
# a non-head member of a 东屯镇 household, and the household's head
row=$(sql "SELECT p.id_number || '|' || h.id || '|' || h.hh_no FROM persons p JOIN memberships m ON m.person_id = p.id AND m.end_date IS NULL AND m.relation <> 1 JOIN households h ON h.id = m.household_id WHERE h.village_code LIKE '${DT}%' ORDER BY p.id LIMIT 1")
idn=${row%%|*}; rest=${row#*|}; hid=${rest%%|*}; hhno=${rest#*|}
head=$(sql "SELECT p.name FROM persons p JOIN memberships m ON m.person_id = p.id AND m.end_date IS NULL AND m.relation = 1 WHERE m.household_id = $hid")
addr_part=$(sql "SELECT substr(address, 7, 12) FROM households WHERE id = $hid")
# search Q NAME — the caseworker's search; $T/NAME.body
search() { get "${3:-caseworker}" "$2" -G --data-urlencode "q=$1" --data-urlencode "limit=200" "$URL/api/v1/households"; }
has() { jqv "$1" '.items[].id' | grep -qx "$2"; }
for q in "$idn" "$(echo "$idn" | cut -c 13-18)" "$(echo "$idn" | cut -c 14-18)" "$(echo "$idn" | cut -c 15-18)" "$head" "$hhno" "$addr_part"; do
	search "$q" sq
	expect_status sq 200
	has sq "$hid" && ok || fail "q=$q does not find household $hid"
	if jqv sq '.items[].village_code' | grep -v "^$DT" >/dev/null; then fail "q=$q: a hit outside 东屯镇"; else ok; fi
	[ "$(jqv sq .total)" = "$(jqv sq '.items|length')" ] && ok || fail "q=$q: total is not the hits"
done
search "$idn" sq
[ "$(jqv sq .total)" = 1 ] && ok || fail "full ID: $(jqv sq .total) hits"
# the tail hits are exactly the database's
tail4=$(echo "$idn" | cut -c 15-18)
search "$tail4" sq
n_tail=$(sql "SELECT count(DISTINCT m.household_id) FROM persons p JOIN memberships m ON m.person_id = p.id AND m.end_date IS NULL JOIN households h ON h.id = m.household_id WHERE h.village_code LIKE '${DT}%' AND substr(p.id_number, 15, 4) = '$tail4'")
[ "$(jqv sq .total)" = "$n_tail" ] && ok || fail "last 4 = $tail4: $(jqv sq .total) hits, database $n_tail"
# lower-case x and a 15-digit form are read as ID shapes too
search "$(echo "$idn" | cut -c 15-17)x" sq
expect_status sq 200
case $idn in *0) bad=${idn%?}1 ;; *) bad=${idn%?}0 ;; esac
search "$bad" sq
expect_status sq 400
expect_text "$T/sq.body" '校验码不正确' "a changed check digit"
# LIKE meta-characters and quotes are themselves
search '%' sq
[ "$(jqv sq '[.items[].hh_no]|join(",")')" = "T-PCT" ] && ok || fail "q=%: $(jqv sq '[.items[].hh_no]')"
search '_' sq
[ "$(jqv sq '[.items[].hh_no]|join(",")')" = "T-UND" ] && ok || fail "q=_: $(jqv sq '[.items[].hh_no]')"
search '%路' sq
[ "$(jqv sq '[.items[].hh_no]|join(",")')" = "T-PCT" ] && ok || fail "q=%路 is a pattern: $(jqv sq '[.items[].hh_no]')"
search "东屯镇试验" sq
[ "$(jqv sq '[.items[].hh_no]|join(",")')" = "T-PCT,T-UND" ] && ok || fail "address part"
search "'" sq
expect_status sq 200
[ "$(jqv sq .total)" = 0 ] && ok || fail "q=' finds something"
search "x' OR '1'='1" sq
expect_status sq 200
[ "$(jqv sq .total)" = 0 ] && ok || fail "an injection finds something"

# ---- the other township's caseworker sees none of it ----
get wang.feng o1 "$URL/api/v1/households?limit=200"
expect_status o1 200
[ "$(jqv o1 .total)" = "$n_fz" ] && ok || fail "丰庄镇 total $(jqv o1 .total), want $n_fz"
if jqv o1 '.items[].village_code' | grep -v "^$FZ" >/dev/null; then fail "丰庄镇 caseworker sees another township"; else ok; fi
for q in "$idn" "$(echo "$idn" | cut -c 13-18)" "$head" "$hhno" "东屯镇试验" '%'; do
	search "$q" o2 wang.feng
	expect_status o2 200
	has o2 "$hid" && fail "丰庄镇 finds 东屯镇's household by q=$q" || ok
	if jqv o2 '.items[].village_code' | grep -v "^$FZ" >/dev/null; then fail "q=$q: a hit outside 丰庄镇"; else ok; fi
done
search "$idn" o3 wang.feng
[ "$(jqv o3 .total)" = 0 ] && ok || fail "full ID counted across the boundary"
get wang.feng o4 "$URL/api/v1/stats/register"
[ "$(jqv o4 .households)" = "$n_fz" ] && ok || fail "丰庄镇 stats"
[ "$(jqv o4 .region.name)" = "丰庄镇" ] && ok || fail "丰庄镇 stats region"
get wang.feng o5 "$URL/api/v1/households?region=${DT}000"
expect_status o5 403

# ---- dashboard ----
get approver d1 "$URL/api/v1/stats/register"
expect_status d1 200
[ "$(jqv d1 .households)" = "$n_all" ] && ok || fail "county households $(jqv d1 .households), want $n_all"
n_pers=$(sql "SELECT count(*) FROM memberships WHERE end_date IS NULL")
[ "$(jqv d1 .persons)" = "$n_pers" ] && ok || fail "county persons $(jqv d1 .persons), want $n_pers"
[ "$(jqv d1 '.region|"\(.code) \(.name) \(.level)"')" = "410726000000 延津县 3" ] && ok || fail "county region"
[ "$(jqv d1 '.by_child|length')" = 17 ] && ok || fail "17 townships"
[ "$(jqv d1 '[.by_child[].households]|add')" = "$n_all" ] && ok || fail "townships add up"
[ "$(jqv d1 '[.by_child[].persons]|add')" = "$n_pers" ] && ok || fail "township persons add up"
[ "$(jqv d1 '[.by_registration[].households]|add')" = "$n_all" ] && ok || fail "registrations add up"
[ "$(jqv d1 '[.by_registration[].registration]|join(",")')" = "1,2" ] && ok || fail "registrations 1, 2"
[ "$(jqv d1 ".by_child[]|select(.code==\"${DT}000\")|.households")" = "$n_dt" ] && ok || fail "东屯镇 among the townships"
[ "$(jqv d1 ".by_child[]|select(.code==\"${DT}000\")|.name")" = "东屯镇" ] && ok || fail "township names"
get approver l3 "$URL/api/v1/households?limit=1"
[ "$(jqv l3 .total)" = "$n_all" ] && ok || fail "county list total"
get caseworker d2 "$URL/api/v1/stats/register"
[ "$(jqv d2 .households)" = "$n_dt" ] && ok || fail "东屯镇 stats $(jqv d2 .households), want $n_dt"
[ "$(jqv d2 '.by_child[0].code|.[0:9]')" = "$DT" ] && ok || fail "东屯镇's villages"
[ "$(jqv d2 '[.by_child[].households]|add')" = "$n_dt" ] && ok || fail "villages add up"
get caseworker d3 "$URL/api/v1/stats/register?region=$vil"
[ "$(jqv d3 .households) $(jqv d3 '.by_child|length')" = "$n_vil 0" ] && ok || fail "village stats"
get caseworker d4 "$URL/api/v1/stats/register?region=4107261019"
expect_status d4 400
get approver d5 "$URL/api/v1/stats/register?region=410726199000"
expect_status d5 404

# ---- export ----
req caseworker x1 -D "$T/x1.head" "$URL/api/v1/households/export"
expect_status x1 200
grep -qi '^Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "$T/x1.head" && ok || fail "xlsx content type"
grep -qi "^Content-Disposition: attachment;.*filename\*=UTF-8''%E5%AE%B6%E5%BA%AD%E6%A1%A3%E6%A1%88.xlsx" "$T/x1.head" && ok || fail "Content-Disposition: $(grep -i disposition "$T/x1.head")"
[ "$(head -c 2 "$T/x1.body")" = "PK" ] && ok || fail "not a zip file"
unzip -tq "$T/x1.body" >/dev/null 2>&1 && ok || fail "the xlsx does not unzip"
unzip -p "$T/x1.body" xl/worksheets/sheet1.xml > "$T/sheet.xml"
rows=$(grep -o '<row ' "$T/sheet.xml" | wc -l)
[ "$rows" -eq $((n_dt + 1)) ] && ok || fail "export rows $rows, want $n_dt + header"
expect_text "$T/sheet.xml" '户主身份证号' "the header"
expect_text "$T/sheet.xml" "$hhno" "a household of 东屯镇"
if grep -Eq '[0-9]{17}[0-9X]' "$T/sheet.xml"; then fail "a full ID number in the export"; else ok; fi
grep -Eq '[0-9]{4}\*{10}[0-9]{3}[0-9X]' "$T/sheet.xml" && ok || fail "no masked ID in the export"
if grep -q "$(sql "SELECT hh_no FROM households WHERE village_code LIKE '${FZ}%' LIMIT 1")<" "$T/sheet.xml"; then fail "丰庄镇 in 东屯镇's export"; else ok; fi
ls /tmp/dibao-export-* >/dev/null 2>&1 && fail "the export's temporary file is left" || ok
# a filtered export, and the other township's
req caseworker x2 -G --data-urlencode "q=$head" "$URL/api/v1/households/export"
expect_status x2 200
req wang.feng x3 "$URL/api/v1/households/export"
expect_status x3 200
unzip -p "$T/x3.body" xl/worksheets/sheet1.xml > "$T/sheet3.xml"
[ "$(grep -o '<row ' "$T/sheet3.xml" | wc -l)" -eq $((n_fz + 1)) ] && ok || fail "丰庄镇 export rows"
if grep -q "$hhno<" "$T/sheet3.xml"; then fail "东屯镇 in 丰庄镇's export"; else ok; fi
req caseworker x4 "$URL/api/v1/households/export?region=410726102000"
expect_status x4 403
# the audit log holds each export with its filter
get auditor a1 "$URL/api/v1/audit?action=household.export"
expect_status a1 200
[ "$(jqv a1 '.items|length')" = 3 ] && ok || fail "$(jqv a1 '.items|length') export records, want 3"
[ "$(jqv a1 '.items[-1].actor')" = caseworker ] && ok || fail "first export's actor"
[ "$(jqv a1 '.items[-1].after|fromjson|.rows')" = "$n_dt" ] && ok || fail "export record rows"
[ "$(jqv a1 '.items[1].after|fromjson|.filter.q')" = "$head" ] && ok || fail "export record filter: $(jqv a1 '.items[1].after')"

# ---- bad parameters ----
for qs in "limit=0" "limit=201" "limit=x" "cursor=abc" "cursor=-1" "registration=3" "region=4107261"; do
	get caseworker b "$URL/api/v1/households?$qs"
	expect_status b 400
done
get caseworker b "$URL/api/v1/households?q=%FF%FE"
expect_status b 400
expect_text "$T/b.body" 'UTF-8' "invalid UTF-8 in q"
get caseworker b -X POST -H "$J" --data '{}' "$URL/api/v1/households/export"
expect_status b 405

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
finish
