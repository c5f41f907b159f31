#!/bin/sh
# tests/cli/test_bad_input.sh DIBAO — bad input at the HTTP edge, end to
# end on the users and session routes: a body over the cap, invalid JSON,
# invalid UTF-8, unknown and missing fields, wrong types, SQL
# meta-characters (stored literally, read back identically), traversal on
# static paths (plain and percent-encoded), a forged and an expired
# session, a missing and a wrong CSRF token. Each answer is checked for its
# status and a JSON error with a Chinese message, and each refusal for
# changing nothing: the rows of audit_log and of the target table are
# counted before and after.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db badin)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$(dirname "$0")/data/regions.csv"
GOOD='Yanjin#2026'
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add admin" -- "$DIBAO" --db "$DB" user add admin --name 管理员 --region 410726 --role sys_admin
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add caseworker" -- "$DIBAO" --db "$DB" user add zhang.san --name 张三 --region 410726101000 --role township_caseworker
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add auditor" -- "$DIBAO" --db "$DB" user add qian.shen --name 钱审 --region 410726 --role auditor

# counts TABLE — rows of audit_log and of TABLE, and a fingerprint of TABLE
counts() {
	case "$1" in
	users) fp="SELECT coalesce(sum(length(display_name)), 0) || ':' || coalesce(sum(disabled), 0) || ':' || coalesce(sum(must_change), 0) || ':' || coalesce(sum(failed_logins), 0) FROM users" ;;
	sessions) fp="SELECT coalesce(max(last_seen), '') || ':' || coalesce(min(expires_at), '') FROM sessions" ;;
	esac
	sql "SELECT (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM $1) || '/' || ($fp)"
}
# refused NAME STATUS TEXT TABLE BEFORE — the answer NAME has STATUS, a
# JSON error whose message holds TEXT (and Chinese), and TABLE is unchanged
refused() {
	expect_status "$1" "$2"
	# the error shape, and a CJK character (UTF-8 lead byte E4–E9) in it
	if LC_ALL=C grep -q '^{"error":{"code":"E[A-Z]*","message":".*"}}$' "$T/$1.body" &&
	   LC_ALL=C grep -q "$(printf '"message":"[^"]*[\344-\351]')" "$T/$1.body"; then ok; else
		fail "$1: not a JSON error with a Chinese message"; sed 's/^/    | /' "$T/$1.body" >&2
	fi
	expect_text "$T/$1.body" "$3" "$1 message"
	if [ "$5" = "$(counts "$4")" ]; then ok; else fail "$1: $4 changed ($5 became $(counts "$4"))"; fi
}

# a built web UI, and a secret beside (outside) it
mkdir -p "$T/web/assets" "$T/outside"
echo '<!doctype html><title>低保</title>' > "$T/web/index.html"
echo 'console.log(1)' > "$T/web/assets/app.js"
echo 'SECRET-OUTSIDE' > "$T/outside/secret.txt"
echo 'SECRET-BESIDE' > "$T/secret.txt"

"$DIBAO" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 --web "$T/web" 2>"$T/server.log" &
PID=$!
URL=
i=0
while [ $i -lt 100 ]; do
	port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$T/server.log")
	if [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
		URL="http://127.0.0.1:$port"
		break
	fi
	sleep 0.1
	i=$((i + 1))
done
# a test that dies half-way must not leave the server running
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
if [ -z "$URL" ]; then
	fail "server did not come up"
	sed 's/^/    | /' "$T/server.log" >&2
	kill "$PID" 2>/dev/null
	finish
fi
. "$(dirname "$0")/lib_api.sh"
session qian.shen /api/v1/audit
session admin /api/v1/users
CA=$c
H="X-CSRF-Token: $CA"
# post NAME METHOD PATH BODY-FILE — as admin, with the CSRF token
send() { req admin "$1" -X "$2" -H "$J" -H "$H" --data-binary @"$4" "$URL$3"; }
body() { printf '%s' "$2" > "$T/$1.json"; echo "$T/$1.json"; }

# ---- a body over the cap (1 MiB) ----
head -c 1100000 /dev/zero | tr '\0' 'a' | sed 's/^/{"display_name":"/; s/$/"}/' > "$T/big.json"
b=$(counts users)
send big1 PATCH /api/v1/users/zhang.san "$T/big.json"
refused big1 413 '请求内容超过 1048576 字节的上限' users "$b"
# without Content-Length (chunked): cut while reading
req admin big2 -X PATCH -H "$J" -H "$H" -H 'Transfer-Encoding: chunked' --data-binary @"$T/big.json" "$URL/api/v1/users/zhang.san"
refused big2 413 '请求内容超过' users "$b"
b=$(counts sessions)
req nobody big3 -X POST -H "$J" --data-binary @"$T/big.json" "$URL/api/v1/session"
refused big3 413 '请求内容超过' sessions "$b"

# ---- malformed bodies ----
b=$(counts users)
send j1 PATCH /api/v1/users/zhang.san "$(body j1 '{"display_name":"李四"')"
refused j1 400 '请求内容不是有效的 JSON' users "$b"
send j2 PATCH /api/v1/users/zhang.san "$(body j2 '')"
refused j2 400 '不是有效的 JSON' users "$b"
send j3 POST /api/v1/users "$(body j3 "{'username':'x'}")"
refused j3 400 '不是有效的 JSON' users "$b"
printf '{"display_name":"\344\270\211\377\376"}' > "$T/u1.json"
send u1 PATCH /api/v1/users/zhang.san "$T/u1.json"
refused u1 400 '请求内容不是有效的 UTF-8 文本' users "$b"
# an overlong encoding of '/' and a lone surrogate escape
printf '{"display_name":"\300\257"}' > "$T/u2.json"
send u2 PATCH /api/v1/users/zhang.san "$T/u2.json"
refused u2 400 'UTF-8' users "$b"
send u3 PATCH /api/v1/users/zhang.san "$(body u3 '{"display_name":"\ud800"}')"
refused u3 400 '有效' users "$b"
send u4 PATCH /api/v1/users/zhang.san "$(body u4 '{"display_name":"a\u0000b"}')"
refused u4 400 '有效的 JSON' users "$b"
send f1 PATCH /api/v1/users/zhang.san "$(body f1 '{"display_name":"李四","is_admin":true}')"
refused f1 400 '未知字段 \"is_admin\"' users "$b"
send f2 POST /api/v1/users "$(body f2 "{\"username\":\"li.si\",\"display_name\":\"李四\",\"roles\":[\"village_agent\"],\"password\":\"$GOOD\"}")"
refused f2 400 '缺少字段 \"region_code\"' users "$b"
send f3 PATCH /api/v1/users/zhang.san "$(body f3 '{"display_name":"李四","display_name":"王五"}')"
refused f3 400 '重复的字段' users "$b"
# wrong types: number for a string, string for a boolean, object for an
# array, array for the object, null for a value
send t1 PATCH /api/v1/users/zhang.san "$(body t1 '{"display_name":42}')"
refused t1 400 '字段 \"display_name\" 应为字符串' users "$b"
send t2 PATCH /api/v1/users/zhang.san "$(body t2 '{"disabled":"true"}')"
refused t2 400 '字段 \"disabled\" 应为布尔值' users "$b"
send t3 PATCH /api/v1/users/zhang.san "$(body t3 '{"disabled":1}')"
refused t3 400 '应为布尔值' users "$b"
send t4 PATCH /api/v1/users/zhang.san "$(body t4 '{"roles":{"0":"village_agent"}}')"
refused t4 400 '字段 \"roles\" 应为字符串数组' users "$b"
send t5 PATCH /api/v1/users/zhang.san "$(body t5 '[{"display_name":"李四"}]')"
refused t5 400 '请求内容应为 JSON 对象' users "$b"
send t6 PATCH /api/v1/users/zhang.san "$(body t6 '{"display_name":null}')"
refused t6 400 '字段 \"display_name\" 不能为空' users "$b"
send t7 POST /api/v1/users/zhang.san/password "$(body t7 '{"password":["Chongzhi#2026"]}')"
refused t7 400 '应为字符串' users "$b"
send t8 PATCH /api/v1/users/zhang.san "$(body t8 '"李四"')"
refused t8 400 '不是有效的 JSON' users "$b"
# a string where a number belongs (a query parameter)
b=$(counts users)
req qian.shen t9 "$URL/api/v1/audit?limit=ten"
refused t9 400 '条数 limit \"ten\" 应为 1 至 200 之间的整数' users "$b"
b=$(counts sessions)
req nobody t10 -X POST -H "$J" --data-binary '{"username":"admin","password":12345678}' "$URL/api/v1/session"
refused t10 400 '字段 \"password\" 应为字符串' sessions "$b"

# ---- SQL meta-characters: stored literally, read back identically ----
NASTY="O'Brien\\\"; DROP TABLE users;-- %_\\\\ 张"
printf '{"display_name":"%s"}' "$NASTY" > "$T/sq.json"
send sq1 PATCH /api/v1/users/zhang.san "$T/sq.json"
expect_status sq1 200
STORED="O'Brien\"; DROP TABLE users;-- %_\\ 张"
[ "$(sql "SELECT display_name FROM users WHERE username = 'zhang.san'")" = "$STORED" ] && ok || fail "display name not stored literally: $(sql "SELECT display_name FROM users WHERE username = 'zhang.san'")"
req admin sq2 "$URL/api/v1/users"
expect_text "$T/sq2.body" "\"display_name\":\"$NASTY\"" "read back identically"
[ "$(sql "SELECT count(*) FROM users")" = 3 ] && ok || fail "users table damaged"
b=$(counts users)
req admin sq3 -X PATCH -H "$J" -H "$H" --data '{"disabled":true}' "$URL/api/v1/users/x'%20OR%20'1'='1"
refused sq3 404 "用户 \\\"x' OR '1'='1\\\" 不存在" users "$b"
req admin sq4 -X PATCH -H "$J" -H "$H" --data '{"display_name":"x"}' "$URL/api/v1/users/%25"
refused sq4 404 '用户 \"%\" 不存在' users "$b"
send sq5 POST /api/v1/users "$(body sq5 "{\"username\":\"a'--\",\"display_name\":\"x\",\"region_code\":\"410726\",\"roles\":[\"village_agent\"],\"password\":\"$GOOD\"}")"
refused sq5 400 '不合规' users "$b"
send sq6 POST /api/v1/users "$(body sq6 "{\"username\":\"li.si\",\"display_name\":\"x\",\"region_code\":\"410726' OR 1=1--\",\"roles\":[\"village_agent\"],\"password\":\"$GOOD\"}")"
refused sq6 400 '区划代码' users "$b"

# ---- traversal on static paths: nothing outside the web root ----
req nobody st0 "$URL/assets/app.js"
expect_status st0 200
b=$(counts users)
k=0
for p in '/../secret.txt' '/../outside/secret.txt' '/assets/../../secret.txt' \
	 '/%2e%2e/secret.txt' '/%2E%2E/outside/secret.txt' '/..%2fsecret.txt' \
	 '/assets/%2e%2e%2f%2e%2e%2fsecret.txt' '/%2e%2e%5csecret.txt' '/assets%2f..%2f..%2fsecret.txt' \
	 '/..\secret.txt' '/.%2e/secret.txt' '/%252e%252e/secret.txt' '/index.html%00.js'; do
	k=$((k + 1))
	req nobody tr$k --path-as-is "$URL$p"
	if grep -q SECRET "$T/tr$k.body"; then fail "traversal $p served a file outside the web root"; else ok; fi
	case $(cat "$T/tr$k.code") in
	400) refused tr$k 400 '请求路径不正确' users "$b" ;;
	404) refused tr$k 404 '不存在' users "$b" ;;
	*) fail "traversal $p: HTTP $(cat "$T/tr$k.code")" ;;
	esac
done
# all but the doubly encoded one are refused as such, before any file is
# looked at; that one is a file name with percent signs: not found
for k in 1 2 3 4 5 6 7 8 9 10 11 13; do expect_status tr$k 400; done
expect_status tr12 404

# ---- sessions: forged, expired ----
b=$(counts users)
req nobody s1 -b "dibao_session=$(printf '%064d' 7)" "$URL/api/v1/users"
refused s1 401 '登录已过期，请重新登录' users "$b"
req nobody s2 -b "dibao_session=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" -X PATCH -H "$J" -H "$H" --data '{"disabled":true}' "$URL/api/v1/users/zhang.san"
refused s2 401 '登录已过期' users "$b"
req nobody s3 -b "dibao_session=' OR 1=1 --" "$URL/api/v1/users"
refused s3 401 '登录已过期' users "$b"
req nobody s4 "$URL/api/v1/users"
refused s4 401 '请先登录' users "$b"
# the admin's session idles out: last_seen 31 minutes ago
old=$(date -u -d '-31 minutes' +%Y-%m-%dT%H:%M:%SZ)
sql "UPDATE sessions SET last_seen = '$old'" >/dev/null
b=$(counts users)
bs=$(counts sessions)
req admin s5 -X PATCH -H "$J" -H "$H" --data '{"disabled":true}' "$URL/api/v1/users/zhang.san"
refused s5 401 '登录已过期，请重新登录' users "$b"
req admin s6 "$URL/api/v1/users"
refused s6 401 '登录已过期' sessions "$bs"
# past the absolute lifetime, however recently used
rm -f "$T/admin.jar"
req admin l2 -X POST -H "$J" --data "{\"username\":\"admin\",\"password\":\"$NEW\"}" "$URL/api/v1/session"
expect_status l2 200
CA=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/l2.body")
H="X-CSRF-Token: $CA"
sql "UPDATE sessions SET expires_at = '$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)'" >/dev/null
b=$(counts users)
req admin s7 -X PATCH -H "$J" -H "$H" --data '{"disabled":true}' "$URL/api/v1/users/zhang.san"
refused s7 401 '登录已过期' users "$b"

# ---- CSRF: missing, wrong, another session's ----
rm -f "$T/admin.jar"
req admin l3 -X POST -H "$J" --data "{\"username\":\"admin\",\"password\":\"$NEW\"}" "$URL/api/v1/session"
expect_status l3 200
CA=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/l3.body")
b=$(counts users)
req admin c1 -X PATCH -H "$J" --data '{"disabled":true}' "$URL/api/v1/users/zhang.san"
refused c1 403 '缺少或无效的 CSRF 令牌' users "$b"
req admin c2 -X PATCH -H "$J" -H "X-CSRF-Token: $(printf '%064d' 0)" --data '{"disabled":true}' "$URL/api/v1/users/zhang.san"
refused c2 403 'CSRF' users "$b"
req admin c3 -X PATCH -H "$J" -H "X-CSRF-Token: ${CA%?}" --data '{"disabled":true}' "$URL/api/v1/users/zhang.san"
refused c3 403 'CSRF' users "$b"
req admin c4 -X POST -H "$J" -H "X-CSRF-Token: " --data "{\"username\":\"li.si\",\"display_name\":\"李四\",\"region_code\":\"410726\",\"roles\":[\"village_agent\"],\"password\":\"$GOOD\"}" "$URL/api/v1/users"
refused c4 403 'CSRF' users "$b"
req admin c5 -X POST -H "$J" -H "X-CSRF-Token: $(cat "$T/l2.body" | sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')" --data '{"password":"Chongzhi#2026"}' "$URL/api/v1/users/zhang.san/password"
refused c5 403 'CSRF' users "$b"
bs=$(counts sessions)
req admin c6 -X DELETE "$URL/api/v1/session"
refused c6 403 'CSRF' sessions "$bs"
# and with the right token it all works
req admin ok1 -X PATCH -H "$J" -H "X-CSRF-Token: $CA" --data '{"display_name":"张三"}' "$URL/api/v1/users/zhang.san"
expect_status ok1 200

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
PID=
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify
finish
