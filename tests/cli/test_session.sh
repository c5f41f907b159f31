#!/bin/sh
# tests/cli/test_session.sh DIBAO — the login session API of `dibao serve`
# as a browser and an attacker see it: a wrong password is a Chinese 401;
# login sets an HttpOnly, SameSite=Strict cookie; the forced change of an
# initial password; state-changing requests without the CSRF token are
# refused with nothing changed; logout; idle expiry after 30 minutes; bad
# JSON bodies; a forged cookie; the lockout. The server's log never holds
# the password or the token.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db sess)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$(dirname "$0")/data/regions.csv"
GOOD='Yanjin#2026'
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add user" -- "$DIBAO" --db "$DB" user add zhang.san --name 张三 --region 410726 --role county_approver
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add victim" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role county_approver


PID=
URL=
"$DIBAO" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/server.log" &
PID=$!
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
if [ -z "$URL" ]; then
	fail "server did not come up"
	sed 's/^/    | /' "$T/server.log" >&2
	kill "$PID" 2>/dev/null
	finish
fi

# req NAME CURL-ARGS… — body in $T/NAME.body, headers in $T/NAME.hdr,
# status in $T/NAME.code; cookies kept in $T/jar.
req() {
	n=$1; shift
	curl -s -b "$T/jar" -c "$T/jar" -D "$T/$n.hdr" -o "$T/$n.body" -w '%{http_code}' "$@" >"$T/$n.code" 2>/dev/null
}
# raw NAME CURL-ARGS… — as req, without the cookie jar (a forged cookie).
raw() {
	n=$1; shift
	curl -s -D "$T/$n.hdr" -o "$T/$n.body" -w '%{http_code}' "$@" >"$T/$n.code" 2>/dev/null
}
expect_status() {
	got=$(cat "$T/$1.code")
	if [ "$got" = "$2" ]; then ok; else
		fail "$1: HTTP $got, expected $2"
		sed 's/^/    | /' "$T/$1.body" >&2
	fi
}
login() { # login NAME USER PASSWORD
	req "$1" -X POST -H 'Content-Type: application/json' \
		--data "{\"username\":\"$2\",\"password\":\"$3\"}" "$URL/api/v1/session"
}
csrf() { sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/$1.body"; }
J='Content-Type: application/json'

# ---- wrong password, then login ----
login wrong zhang.san 'Wrong#2026'
expect_status wrong 401
expect_text "$T/wrong.body" '"code":"EAUTH"' "401 code"
expect_text "$T/wrong.body" '用户名或密码不正确' "401 message in Chinese"
if grep -qi '^set-cookie' "$T/wrong.hdr"; then fail "cookie set on a failed login"; else ok; fi

login login zhang.san "$GOOD"
expect_status login 200
expect_text "$T/login.hdr" 'Set-Cookie: dibao_session=' "cookie set"
expect_text "$T/login.hdr" 'HttpOnly' "cookie HttpOnly"
expect_text "$T/login.hdr" 'SameSite=Strict' "cookie SameSite=Strict"
if grep -q 'Secure' "$T/login.hdr"; then fail "Secure without --secure-cookie"; else ok; fi
expect_text "$T/login.body" '"must_change":true' "initial password must be changed"
expect_text "$T/login.body" '"roles":["county_approver"]' "roles in the body"
expect_text "$T/login.body" '"display_name":"张三"' "display name"
CSRF=$(csrf login)
[ ${#CSRF} = 64 ] && ok || fail "csrf token: '$CSRF'"
TOKEN=$(sed -n 's/.*dibao_session[[:space:]]*\([0-9a-f]*\).*/\1/p' "$T/jar")
[ ${#TOKEN} = 64 ] && ok || fail "session token in the jar: '$TOKEN'"
[ "$(sql "SELECT count(*) FROM sessions WHERE token_hash = '$TOKEN'")" = 0 ] && ok || fail "token stored in clear"
[ "$(sql "SELECT count(*) FROM sessions")" = 1 ] && ok || fail "one session row"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'session.login'")" = 1 ] && ok || fail "login audited once"

req get "$URL/api/v1/session"
expect_status get 200
expect_text "$T/get.body" '"username":"zhang.san"' "session user"
expect_text "$T/get.body" "\"csrf\":\"$CSRF\"" "same csrf"

# ---- CSRF: the password change without / with a wrong token ----
req nocsrf -X POST -H "$J" --data "{\"old_password\":\"$GOOD\",\"new_password\":\"$NEW\"}" "$URL/api/v1/session/password"
expect_status nocsrf 403
expect_text "$T/nocsrf.body" '缺少或无效的 CSRF 令牌' "csrf message"
# the token with its last digit changed (to 1 when it is 0: "replace by 0"
# left one token in sixteen unchanged)
case $CSRF in *0) BAD=${CSRF%?}1 ;; *) BAD=${CSRF%?}0 ;; esac
req badcsrf -X POST -H "$J" -H "X-CSRF-Token: $BAD" --data "{\"old_password\":\"$GOOD\",\"new_password\":\"$NEW\"}" "$URL/api/v1/session/password"
expect_status badcsrf 403
req nodel -X DELETE "$URL/api/v1/session"
expect_status nodel 403
DIBAO_PASSWORD="$GOOD" expect_exit 0 "password unchanged after the refusals" -- "$DIBAO" --db "$DB" user check zhang.san

# ---- bad bodies: 400 each, in Chinese ----
H="X-CSRF-Token: $CSRF"
pw() { req "$1" -X POST -H "$J" -H "$H" --data-binary "$2" "$URL/api/v1/session/password"; }
pw badjson '{"old_password":'
expect_status badjson 400
expect_text "$T/badjson.body" '不是有效的 JSON' "invalid JSON message"
pw unknown "{\"old_password\":\"$GOOD\",\"new_password\":\"$NEW\",\"admin\":\"1\"}"
expect_status unknown 400
expect_text "$T/unknown.body" '未知字段 \"admin\"' "unknown field message"
pw wrongtype "{\"old_password\":\"$GOOD\",\"new_password\":12345678}"
expect_status wrongtype 400
expect_text "$T/wrongtype.body" '应为字符串' "wrong type message"
pw notobj "[\"$GOOD\"]"
expect_status notobj 400
expect_text "$T/notobj.body" 'JSON 对象' "non-object message"
pw dup "{\"old_password\":\"$GOOD\",\"old_password\":\"x\",\"new_password\":\"$NEW\"}"
expect_status dup 400
printf '{"old_password":"%s","new_password":"Ab1#\377\376xyzw"}' "$GOOD" > "$T/bad-utf8.json"
req badutf8 -X POST -H "$J" -H "$H" --data-binary @"$T/bad-utf8.json" "$URL/api/v1/session/password"
expect_status badutf8 400
expect_text "$T/badutf8.body" 'UTF-8' "invalid UTF-8 message"
pw weak "{\"old_password\":\"$GOOD\",\"new_password\":\"short\"}"
expect_status weak 400
expect_text "$T/weak.body" '至少需要 8 个字符' "password rule message"
pw wrongold "{\"old_password\":\"Nope#2026x\",\"new_password\":\"$NEW\"}"
expect_status wrongold 400
expect_text "$T/wrongold.body" '原密码不正确' "wrong old password message"
login badlogin_json zhang.san '"'
expect_status badlogin_json 400
DIBAO_PASSWORD="$GOOD" expect_exit 0 "password still unchanged" -- "$DIBAO" --db "$DB" user check zhang.san

# ---- the change itself ----
pw change "{\"old_password\":\"$GOOD\",\"new_password\":\"$NEW\"}"
expect_status change 200
expect_text "$T/change.body" '"must_change":false' "must_change cleared"
req get2 "$URL/api/v1/session"
expect_status get2 200
expect_text "$T/get2.body" '"must_change":false' "must_change false afterwards"
DIBAO_PASSWORD="$NEW" expect_exit 0 "new password works" -- "$DIBAO" --db "$DB" user check zhang.san

# ---- logout ----
req logout -X DELETE -H "$H" "$URL/api/v1/session"
expect_status logout 204
expect_text "$T/logout.hdr" 'Max-Age=0' "cookie cleared"
[ "$(sql "SELECT count(*) FROM sessions")" = 0 ] && ok || fail "session row left after logout"
raw after -b "dibao_session=$TOKEN" "$URL/api/v1/session"
expect_status after 401
expect_text "$T/after.body" '登录已过期' "expired message"

# ---- idle expiry: last_seen 31 minutes ago ----
login l2 zhang.san "$NEW"
expect_status l2 200
req idle0 "$URL/api/v1/session"
expect_status idle0 200
old=$(date -u -d '-31 minutes' +%Y-%m-%dT%H:%M:%SZ)
sql "UPDATE sessions SET last_seen = '$old'" >/dev/null
req idle "$URL/api/v1/session"
expect_status idle 401
expect_text "$T/idle.body" '登录已过期，请重新登录' "idle message"
# 29 minutes is still fine
login l3 zhang.san "$NEW"
old=$(date -u -d '-29 minutes' +%Y-%m-%dT%H:%M:%SZ)
sql "UPDATE sessions SET last_seen = '$old'" >/dev/null
req notidle "$URL/api/v1/session"
expect_status notidle 200

# ---- forged cookies ----
raw forged -b "dibao_session=$(printf '%064d' 0)" "$URL/api/v1/session"
expect_status forged 401
raw forged2 -b "dibao_session=../../etc" "$URL/api/v1/session"
expect_status forged2 401
rm -f "$T/jar"
req nocookie "$URL/api/v1/session"
expect_status nocookie 401

# ---- before the forced change: the session can be read and ended ----
login mc li.si "$GOOD"
expect_status mc 200
expect_text "$T/mc.body" '"must_change":true' "li.si must change"
req mcget "$URL/api/v1/session"
expect_status mcget 200
req mcdel -X DELETE -H "X-CSRF-Token: $(csrf mc)" "$URL/api/v1/session"
expect_status mcdel 204
req mcafter "$URL/api/v1/session"
expect_status mcafter 401
rm -f "$T/jar"

# ---- lockout: the 5th failure locks ----
for i in 1 2 3 4; do
	login f$i li.si "Wrong#pass$i"
	expect_status f$i 401
done
login f5 li.si 'Wrong#pass5'
expect_status f5 423
expect_text "$T/f5.body" '"code":"ELOCKED"' "lock code"
login f6 li.si "$GOOD"
expect_status f6 423

# ---- a disabled account's session ends ----
rm -f "$T/jar"
login d1 zhang.san "$NEW"
expect_status d1 200
expect_exit 0 "disable" -- "$DIBAO" --db "$DB" user disable zhang.san
req d2 "$URL/api/v1/session"
expect_status d2 401
login d3 zhang.san "$NEW"
expect_status d3 403

# ---- stop; secrets never logged ----
kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
TOKEN2=$(sed -n 's/.*dibao_session[[:space:]]*\([0-9a-f]*\).*/\1/p' "$T/jar")
for secret in "$GOOD" "$NEW" 'Wrong#pass' "$TOKEN" "$CSRF" ${TOKEN2:+"$TOKEN2"}; do
	if grep -qF -- "$secret" "$T/server.log"; then fail "server log holds a secret"; else ok; fi
done
sql "SELECT coalesce(before_json,'') || coalesce(after_json,'') FROM audit_log" > "$T/audit.txt"
if grep -qF -e "$TOKEN" -e "$CSRF" -e "$NEW" "$T/audit.txt"; then fail "audit log holds a secret"; else ok; fi
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify

# ---- --secure-cookie ----
"$DIBAO" --db "$DB" serve --listen 127.0.0.1:0 --threads 1 --secure-cookie 2>"$T/server2.log" &
PID=$!
URL=
i=0
while [ $i -lt 100 ]; do
	port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$T/server2.log")
	if [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
		URL="http://127.0.0.1:$port"; break
	fi
	sleep 0.1; i=$((i + 1))
done
login sec li.si 'Wrong#passX'
expect_status sec 423
expect_exit 0 "enable" -- "$DIBAO" --db "$DB" user enable zhang.san
login sec2 zhang.san "$NEW"
expect_status sec2 200
expect_text "$T/sec2.hdr" 'SameSite=Strict; Secure' "Secure with --secure-cookie"
kill -TERM "$PID"
wait "$PID"

finish
