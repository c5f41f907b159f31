#!/bin/sh
# tests/cli/test_users_api.sh DIBAO — user management over HTTP as the
# administrators' page uses it: a county administrator lists (with region
# names, never a hash), creates, edits (display name, roles, disabled) and
# resets accounts; a new account must change its initial password before
# anything else; disabling ends the account's sessions; a reset clears the
# lock; an administrator cannot disable themself, drop their own
# administrator role or reset their own password; 三员分立 holds; a
# township administrator sees and edits only their township's accounts; a
# caseworker gets 403 on every users route; bad bodies are refused with
# nothing changed; every write is one audit record by the administrator.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db usrapi)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$(dirname "$0")/data/regions.csv"
# a second township of the county, for the scope checks
printf '区划代码,名称,上级代码,城乡分类代码\n410726102000,榆林镇,410726000000,\n410726102201,榆林村,410726102000,220\n' > "$T/yl.csv"
expect_exit 0 "import a second township" -- "$DIBAO" --db "$DB" import regions "$T/yl.csv"
GOOD='Yanjin#2026'
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add admin" -- "$DIBAO" --db "$DB" user add admin --name 管理员 --region 410726 --role sys_admin
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add caseworker" -- "$DIBAO" --db "$DB" user add zhang.san --name 张三 --region 410726101000 --role township_caseworker

counts() { sql "SELECT (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM user_roles)"; }
# unchanged BEFORE DESCRIPTION — audit_log, users and user_roles counts as before
unchanged() {
	if [ "$1" = "$(counts)" ]; then ok; else fail "$2: counts $1 became $(counts)"; fi
}

. "$(dirname "$0")/lib_api.sh"
start_server
# a test that dies half-way must not leave the server running
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
session admin /api/v1/users
CA=$c
session zhang.san /api/v1/users
CZ=$c

# api JAR NAME CSRF METHOD PATH [BODY] — a JSON request with a CSRF token
api() {
	jar=$1; n=$2; tok=$3; m=$4; p=$5
	if [ $# -ge 6 ]; then
		req "$jar" "$n" -X "$m" -H "$J" -H "X-CSRF-Token: $tok" --data-binary "$6" "$URL$p"
	else
		req "$jar" "$n" -X "$m" -H "X-CSRF-Token: $tok" "$URL$p"
	fi
}

# ---- list ----
req admin l1 "$URL/api/v1/users"
expect_status l1 200
expect_text "$T/l1.body" '"username":"admin","display_name":"管理员","region_code":"410726000000","region_name":"延津县","roles":["sys_admin"],"disabled":false,"must_change":false,"failed_logins":0,"locked_until":null' "admin as listed"
expect_text "$T/l1.body" '"username":"zhang.san","display_name":"张三","region_code":"410726101000","region_name":"东屯镇"' "caseworker with the township's name"
if grep -q -e argon2 -e password "$T/l1.body"; then fail "list shows a hash"; else ok; fi

# ---- create; the new account must change its initial password ----
a0=$(counts)
api admin c1 "$CA" POST /api/v1/users "{\"username\":\"li.si\",\"display_name\":\"李四\",\"region_code\":\"410726102000\",\"roles\":[\"township_caseworker\"],\"password\":\"$GOOD\"}"
expect_status c1 201
expect_text "$T/c1.body" '"username":"li.si","display_name":"李四","region_code":"410726102000","region_name":"榆林镇","roles":["township_caseworker"],"disabled":false,"must_change":true' "created user"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.create' AND actor = 'admin' AND entity_id = 'li.si'")" = 1 ] && ok || fail "create not audited by admin"
[ "$(sql "SELECT count(*) FROM audit_log")" = $((${a0%%/*} + 1)) ] && ok || fail "create wrote more than one audit record"
session li.si /api/v1/regions
CL=$c
req li.si li1 "$URL/api/v1/regions"
expect_status li1 200
# a township administrator of 东屯镇, for the scope checks below
api admin c2 "$CA" POST /api/v1/users "{\"username\":\"dongtun.admin\",\"display_name\":\"东屯管理员\",\"region_code\":\"410726101\",\"roles\":[\"security_admin\"],\"password\":\"$GOOD\"}"
expect_status c2 201
expect_text "$T/c2.body" '"region_code":"410726101000","region_name":"东屯镇","roles":["security_admin"]' "short region code padded"

# ---- edit ----
api admin e1 "$CA" PATCH /api/v1/users/li.si '{"display_name":"李四 (榆林)"}'
expect_status e1 200
expect_text "$T/e1.body" '"display_name":"李四 (榆林)"' "display name changed"
[ "$(sql "SELECT display_name FROM users WHERE username = 'li.si'")" = '李四 (榆林)' ] && ok || fail "display name not stored"
api admin e2 "$CA" PATCH /api/v1/users/li.si '{"roles":["village_agent","petition_officer"]}'
expect_status e2 200
expect_text "$T/e2.body" '"roles":["petition_officer","village_agent"]' "roles changed"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.roles' AND actor = 'admin' AND after_json LIKE '%petition_officer%'")" = 1 ] && ok || fail "roles change not audited"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.update' AND actor = 'admin' AND entity_id = 'li.si'")" = 1 ] && ok || fail "display name change not audited"

# ---- disable ends the sessions; enable does not revive them ----
[ "$(sql "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'li.si'")" = 1 ] && ok || fail "li.si has no session"
api admin d1 "$CA" PATCH /api/v1/users/li.si '{"disabled":true}'
expect_status d1 200
expect_text "$T/d1.body" '"disabled":true' "disabled"
[ "$(sql "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'li.si'")" = 0 ] && ok || fail "disable left li.si's session"
req li.si d2 "$URL/api/v1/session"
expect_status d2 401
req li.si d3 -X POST -H "$J" --data "{\"username\":\"li.si\",\"password\":\"$NEW\"}" "$URL/api/v1/session"
expect_status d3 403
expect_text "$T/d3.body" '账户已停用' "disabled login message"
api admin d4 "$CA" PATCH /api/v1/users/li.si '{"disabled":false}'
expect_status d4 200
expect_text "$T/d4.body" '"disabled":false' "enabled"
req li.si d5 "$URL/api/v1/session"
expect_status d5 401
[ "$(sql "SELECT count(*) FROM audit_log WHERE action IN ('user.disable', 'user.enable') AND actor = 'admin'")" = 2 ] && ok || fail "disable/enable not audited"

# ---- reset: an initial password again, the lock cleared ----
for i in 1 2 3 4 5; do
	req nobody f$i -X POST -H "$J" --data "{\"username\":\"li.si\",\"password\":\"Wrong#pass$i\"}" "$URL/api/v1/session"
done
expect_status f5 423
req admin r0 "$URL/api/v1/users"
expect_text "$T/r0.body" '"username":"li.si"' "li.si listed"
if grep -o '"username":"li.si"[^}]*' "$T/r0.body" | grep -q '"locked_until":"20'; then ok; else fail "lock not listed"; fi
api admin r1 "$CA" POST /api/v1/users/li.si/password '{"password":"Chongzhi#2026"}'
expect_status r1 200
expect_text "$T/r1.body" '"must_change":true,"failed_logins":0,"locked_until":null' "reset: initial again, lock cleared"
rm -f "$T/li.si.jar"
req li.si r2 -X POST -H "$J" --data '{"username":"li.si","password":"Chongzhi#2026"}' "$URL/api/v1/session"
expect_status r2 200
expect_text "$T/r2.body" '"must_change":true' "reset password must be changed"
req li.si r3 "$URL/api/v1/regions"
expect_status r3 403
expect_text "$T/r3.body" '请先修改初始密码' "reset forces the change first"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.password_reset' AND actor = 'admin' AND entity_id = 'li.si'")" = 1 ] && ok || fail "reset not audited"
# the reset answers nothing about the old password: the same one again is
# fine; and it ends the session li.si has just opened
api admin r4 "$CA" POST /api/v1/users/li.si/password '{"password":"Chongzhi#2026"}'
expect_status r4 200
req li.si r5 "$URL/api/v1/session"
expect_status r5 401

# ---- the administrator's own account ----
a0=$(counts)
api admin s1 "$CA" PATCH /api/v1/users/admin '{"disabled":true}'
expect_status s1 403
expect_text "$T/s1.body" '不能停用自己的账户' "self-disable message"
api admin s2 "$CA" PATCH /api/v1/users/admin '{"roles":["county_approver"]}'
expect_status s2 403
expect_text "$T/s2.body" '不能撤销自己的管理员角色' "own admin role message"
api admin s3 "$CA" POST /api/v1/users/admin/password "{\"password\":\"Other#2026x\"}"
expect_status s3 403
expect_text "$T/s3.body" '修改密码' "self-reset message"
api admin s4 "$CA" PATCH /api/v1/users/admin '{"roles":["sys_admin","auditor"]}'
expect_status s4 400
expect_text "$T/s4.body" '三员分立' "三员分立 on the own account"
unchanged "$a0" "self-lockout refusals"
req admin s5 "$URL/api/v1/session"
expect_status s5 200
api admin s6 "$CA" PATCH /api/v1/users/admin '{"display_name":"县管理员","roles":["security_admin"]}'
expect_status s6 200
expect_text "$T/s6.body" '"display_name":"县管理员","region_code":"410726000000","region_name":"延津县","roles":["security_admin"]' "own name and admin role swap allowed"

# ---- 三员分立 and the rules on create ----
a0=$(counts)
body() { printf '{"username":"%s","display_name":"%s","region_code":"%s","roles":%s,"password":"%s"}' "$1" "$2" "$3" "$4" "$5"; }
api admin v1 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726 '["sys_admin","county_approver"]' "$GOOD")"
expect_status v1 400
expect_text "$T/v1.body" '三员分立: 系统管理员 (sys_admin) 不能同时担任业务角色' "admin + business role"
api admin v2 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726 '["auditor","security_admin"]' "$GOOD")"
expect_status v2 400
expect_text "$T/v2.body" '三员分立' "auditor + admin"
api admin v3 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726 '["auditor","payment_officer"]' "$GOOD")"
expect_status v3 400
expect_text "$T/v3.body" '审计员 (auditor) 不能同时担任业务角色' "auditor + business role"
api admin v4 "$CA" PATCH /api/v1/users/li.si '{"roles":["village_agent","auditor"]}'
expect_status v4 400
expect_text "$T/v4.body" '三员分立' "三员分立 on edit"
api admin v5 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726 '["village_agent"]' 'short')"
expect_status v5 400
expect_text "$T/v5.body" '至少需要 8 个字符' "weak password"
api admin v6 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726 '["boss"]' "$GOOD")"
expect_status v6 400
expect_text "$T/v6.body" '角色 \"boss\" 不存在' "unknown role"
api admin v7 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726101299 '["village_agent"]' "$GOOD")"
expect_status v7 400
expect_text "$T/v7.body" '不在区划表中' "unknown region"
api admin v8 "$CA" POST /api/v1/users "$(body wang.wu 王五 410727 '["village_agent"]' "$GOOD")"
expect_status v8 403
expect_text "$T/v8.body" '不在您的管辖区域内' "region outside the admin's county"
api admin v9 "$CA" POST /api/v1/users "$(body zhang.san 张三 410726 '["village_agent"]' "$GOOD")"
expect_status v9 409
expect_text "$T/v9.body" '用户名 \"zhang.san\" 已被使用' "duplicate username"
api admin v10 "$CA" POST /api/v1/users "$(body 'Wang Wu' 王五 410726 '["village_agent"]' "$GOOD")"
expect_status v10 400
expect_text "$T/v10.body" '不合规' "bad username"
api admin v11 "$CA" POST /api/v1/users "$(body wang.wu '' 410726 '["village_agent"]' "$GOOD")"
expect_status v11 400
expect_text "$T/v11.body" '显示名不能为空' "empty display name"
api admin v12 "$CA" POST /api/v1/users "$(body wang.wu 王五 410726 '[]' "$GOOD")"
expect_status v12 400
expect_text "$T/v12.body" '至少需要一个角色' "no roles"

# ---- bad bodies ----
api admin b1 "$CA" POST /api/v1/users '{"username":"wang.wu","display_name":"王五","region_code":"410726","roles":["village_agent"]}'
expect_status b1 400
expect_text "$T/b1.body" '缺少字段 \"password\"' "missing field"
api admin b2 "$CA" POST /api/v1/users "{\"username\":\"wang.wu\",\"display_name\":\"王五\",\"region_code\":\"410726\",\"roles\":\"village_agent\",\"password\":\"$GOOD\"}"
expect_status b2 400
expect_text "$T/b2.body" '字段 \"roles\" 应为字符串数组' "roles not an array"
api admin b3 "$CA" POST /api/v1/users "{\"username\":\"wang.wu\",\"display_name\":\"王五\",\"region_code\":\"410726\",\"roles\":[\"village_agent\"],\"password\":\"$GOOD\",\"must_change\":false}"
expect_status b3 400
expect_text "$T/b3.body" '未知字段 \"must_change\"' "unknown field"
api admin b4 "$CA" PATCH /api/v1/users/li.si '{}'
expect_status b4 400
expect_text "$T/b4.body" '没有要修改的内容' "empty change"
api admin b5 "$CA" PATCH /api/v1/users/li.si '{"disabled":"yes"}'
expect_status b5 400
expect_text "$T/b5.body" '字段 \"disabled\" 应为布尔值' "disabled not a bool"
api admin b6 "$CA" PATCH /api/v1/users/li.si '{"username":"x.y"}'
expect_status b6 400
expect_text "$T/b6.body" '未知字段 \"username\"' "username cannot be patched"
api admin b7 "$CA" PATCH /api/v1/users/nobody '{"display_name":"无名"}'
expect_status b7 404
expect_text "$T/b7.body" '用户 \"nobody\" 不存在' "unknown user"
api admin b8 "$CA" POST /api/v1/users/li.si/password '{"password":123456789}'
expect_status b8 400
expect_text "$T/b8.body" '应为字符串' "password not a string"
api admin b9 "$CA" POST /api/v1/users/li.si/password '{"password":"abcdefgh"}'
expect_status b9 400
expect_text "$T/b9.body" '至少 3 类' "weak reset password"
api admin b10 "$CA" PATCH /api/v1/users/li.si '{"roles":["village_agent",7]}'
expect_status b10 400
req admin b11 -X POST -H "$J" --data "$(body wang.wu 王五 410726 '["village_agent"]' "$GOOD")" "$URL/api/v1/users"
expect_status b11 403
expect_text "$T/b11.body" 'CSRF' "no CSRF token"
api admin b12 "$CA" PATCH /api/v1/users/li.si '{"display_name":"李\u0001四"}'
expect_status b12 400
expect_text "$T/b12.body" '不合规' "control character in a display name"
unchanged "$a0" "refused bodies"
[ "$(sql "SELECT count(*) FROM users WHERE username = 'wang.wu'")" = 0 ] && ok || fail "wang.wu created after all"

# ---- a township administrator: only the township's accounts ----
session dongtun.admin /api/v1/users
CD=$c
req dongtun.admin t1 "$URL/api/v1/users"
expect_status t1 200
expect_text "$T/t1.body" '"username":"zhang.san"' "own township's caseworker listed"
expect_text "$T/t1.body" '"username":"dongtun.admin"' "themself listed"
for u in li.si admin; do
	if grep -q "\"username\":\"$u\"" "$T/t1.body"; then fail "township admin sees $u"; else ok; fi
done
a0=$(counts)
api dongtun.admin t2 "$CD" PATCH /api/v1/users/li.si '{"display_name":"改名"}'
expect_status t2 403
expect_text "$T/t2.body" '不在您的管辖区域内' "edit across townships"
api dongtun.admin t3 "$CD" POST /api/v1/users/li.si/password '{"password":"Chongzhi#2027"}'
expect_status t3 403
api dongtun.admin t4 "$CD" PATCH /api/v1/users/admin '{"disabled":true}'
expect_status t4 403
api dongtun.admin t5 "$CD" POST /api/v1/users "$(body wang.wu 王五 410726102201 '["village_agent"]' "$GOOD")"
expect_status t5 403
expect_text "$T/t5.body" '不在您的管辖区域内' "create in another township"
api dongtun.admin t6 "$CD" POST /api/v1/users "$(body wang.wu 王五 410726 '["village_agent"]' "$GOOD")"
expect_status t6 403
unchanged "$a0" "township admin refusals"
api dongtun.admin t7 "$CD" POST /api/v1/users "$(body wang.wu 王五 410726101201 '["village_agent"]' "$GOOD")"
expect_status t7 201
expect_text "$T/t7.body" '"region_name":"王庄村"' "created in own township's village"
api dongtun.admin t8 "$CD" PATCH /api/v1/users/zhang.san '{"display_name":"张三丰"}'
expect_status t8 200

# ---- a caseworker: 403 on every users route, nothing changed ----
a0=$(counts)
req zhang.san w1 "$URL/api/v1/users"
expect_status w1 403
expect_text "$T/w1.body" '没有权限管理用户' "caseworker list"
api zhang.san w2 "$CZ" POST /api/v1/users "$(body wang.liu 王六 410726101201 '["village_agent"]' "$GOOD")"
expect_status w2 403
api zhang.san w3 "$CZ" PATCH /api/v1/users/zhang.san '{"roles":["sys_admin"]}'
expect_status w3 403
api zhang.san w4 "$CZ" PATCH /api/v1/users/wang.wu '{"disabled":true}'
expect_status w4 403
api zhang.san w5 "$CZ" POST /api/v1/users/wang.wu/password '{"password":"Chongzhi#2028"}'
expect_status w5 403
api zhang.san w6 "$CZ" PATCH /api/v1/users/nobody '{"disabled":true}'
expect_status w6 403
for n in w2 w3 w4 w5 w6; do expect_text "$T/$n.body" '"code":"EPERM"' "caseworker $n"; done
unchanged "$a0" "caseworker requests"
req nobody w7 "$URL/api/v1/users"
expect_status w7 401

# ---- stop; the audit log holds no password and the chain holds ----
kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
PID=
for secret in "$GOOD" "$NEW" 'Chongzhi#2026'; do
	if grep -qF -- "$secret" "$T/server.log"; then fail "server log holds a password"; else ok; fi
done
sql "SELECT coalesce(before_json,'') || coalesce(after_json,'') FROM audit_log" > "$T/audit.txt"
if grep -q -e argon2 -e "$GOOD" -e 'Chongzhi#2026' "$T/audit.txt"; then fail "audit log holds a password or hash"; else ok; fi
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify
expect_exit 0 "CLI list still works" -- "$DIBAO" --db "$DB" user list
expect_text "$T/out" "li.si	李四 (榆林)	410726102000	petition_officer,village_agent	正常,须改密码" "CLI sees the API's changes"

finish
