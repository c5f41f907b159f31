#!/bin/sh
# tests/cli/test_user.sh DIBAO — `dibao user …`: adding accounts with the
# password rule, unknown regions and roles, duplicates and 三员分立 refused
# with nothing changed; list without hashes; disable/enable, passwd, roles;
# `user check` with the lockout (5 failures lock for 15 minutes); one audit
# record per write and never a hash or password in the audit log.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db usr)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
cat > "$T/regions.csv" <<'CSV'
区划代码,名称,上级代码,城乡分类代码
410000000000,河南省,,
410700000000,新乡市,410000000000,
410726000000,延津县,410700000000,
410726101000,东屯镇,410726000000,
410726101201,王庄村,410726101000,220
CSV
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$T/regions.csv"

audits() { sql "SELECT count(*) FROM audit_log WHERE entity = 'user'"; }
# refuse DESCRIPTION EXIT TEXT -- command: must fail and leave the database alone
refuse() { what=$1 code=$2 text=$3; shift 3; refused_cmd "$what" "$code" "$text" "$@"; }

GOOD='Yanjin#2026'
export DIBAO_PASSWORD="$GOOD"
expect_exit 0 "add caseworker" -- "$DIBAO" --db "$DB" user add zhang.san --name 张三 --region 410726101000 --role township_caseworker,township_reviewer
expect_text "$T/out" "已添加用户 zhang.san" "add message"
expect_exit 0 "add sys_admin (short region code)" -- "$DIBAO" --db "$DB" user add admin --name 管理员 --region 410726 --role sys_admin
expect_exit 0 "add auditor" -- "$DIBAO" --db "$DB" user add shenji_1 --name 审计 --region 410726 --role auditor
[ "$(audits)" = 3 ] && ok || fail "3 adds: $(audits) audit records"

# ---- refused, nothing changed ----
DIBAO_PASSWORD='Ab1!xyz' refuse "password of 7 characters" 3 "至少需要 8 个字符" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role village_agent
DIBAO_PASSWORD='abcdefgh123' refuse "password of 2 classes" 3 "至少 3 类" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role village_agent
refuse "unknown region" 3 "不在区划表中" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726101299 --role village_agent
refuse "malformed region" 3 "410x" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410x --role village_agent
refuse "unknown role" 3 "角色 \"boss\" 不存在" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role boss
refuse "duplicate username" 3 "用户名 \"zhang.san\" 已被使用" -- "$DIBAO" --db "$DB" user add zhang.san --name 张三 --region 410726 --role village_agent
refuse "bad username" 3 "用户名 \"Li Si\" 不合规" -- "$DIBAO" --db "$DB" user add "Li Si" --name 李四 --region 410726 --role village_agent
refuse "username too short" 3 "不合规" -- "$DIBAO" --db "$DB" user add ab --name 李四 --region 410726 --role village_agent
refuse "repeated role" 3 "重复" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role village_agent,village_agent
refuse "三员分立: sys_admin + auditor" 3 "三员分立: 系统管理员 (sys_admin) 与 审计员 (auditor)" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role sys_admin,auditor
refuse "三员分立: security_admin + sys_admin" 3 "三员分立" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role security_admin,sys_admin
refuse "三员分立: auditor + business role" 3 "审计员 (auditor) 不能同时担任业务角色 \"county_approver\"" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role county_approver,auditor
refuse "三员分立 on roles change" 3 "三员分立" -- "$DIBAO" --db "$DB" user roles admin sys_admin,payment_officer
refuse "missing --role" 2 "缺少" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726
DIBAO_PASSWORD= refuse "empty password" 3 "至少需要 8 个字符" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role village_agent
(unset DIBAO_PASSWORD; refuse "no password source" 2 "DIBAO_PASSWORD" -- "$DIBAO" --db "$DB" user add li.si --name 李四 --region 410726 --role village_agent </dev/null)
refuse "disable unknown user" 1 "用户 \"nobody\" 不存在" -- "$DIBAO" --db "$DB" user disable nobody
[ "$(audits)" = 3 ] && ok || fail "refusals wrote audit records: $(audits)"

# ---- list: everything but the hash ----
expect_exit 0 "list" -- "$DIBAO" --db "$DB" user list
expect_text "$T/out" "zhang.san	张三	410726101000	township_caseworker,township_reviewer	正常,须改密码" "list row"
expect_text "$T/out" "共 3 个用户" "list count"
if grep -q 'argon2' "$T/out" "$T/err"; then fail "list shows a hash"; else ok; fi

# ---- disable / enable / roles ----
expect_exit 0 "disable" -- "$DIBAO" --db "$DB" user disable zhang.san
expect_exit 0 "list after disable" -- "$DIBAO" --db "$DB" user list
expect_text "$T/out" "zhang.san	张三	410726101000	township_caseworker,township_reviewer	已停用" "disabled shows"
expect_exit 1 "disabled user cannot log in" -- "$DIBAO" --db "$DB" user check zhang.san
expect_text "$T/err" "账户已停用" "disabled message"
expect_exit 0 "enable" -- "$DIBAO" --db "$DB" user enable zhang.san
expect_exit 0 "roles change" -- "$DIBAO" --db "$DB" user roles zhang.san county_approver
expect_exit 0 "list after roles" -- "$DIBAO" --db "$DB" user list
expect_text "$T/out" "zhang.san	张三	410726101000	county_approver	正常" "new roles listed"

# ---- passwd ----
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" refuse "passwd: same as before" 3 "新密码不能与原密码相同" -- "$DIBAO" --db "$DB" user passwd zhang.san
DIBAO_PASSWORD=short refuse "passwd: too short" 3 "至少需要 8 个字符" -- "$DIBAO" --db "$DB" user passwd zhang.san
DIBAO_PASSWORD="$NEW" expect_exit 0 "passwd (admin reset)" -- "$DIBAO" --db "$DB" user passwd zhang.san
expect_text "$T/out" "已重置" "reset message"
DIBAO_PASSWORD="$GOOD" expect_exit 1 "old password no longer works" -- "$DIBAO" --db "$DB" user check zhang.san
expect_text "$T/err" "用户名或密码不正确" "wrong password message"
DIBAO_PASSWORD="$NEW" expect_exit 0 "new password works" -- "$DIBAO" --db "$DB" user check zhang.san
expect_text "$T/out" "登录后须先修改密码" "reset forces a change"
DIBAO_OLD_PASSWORD=wrongWRONG1 DIBAO_PASSWORD='Mine#2026x' refuse "own change with a wrong old password" 1 "原密码不正确" -- "$DIBAO" --db "$DB" user passwd zhang.san --old
DIBAO_OLD_PASSWORD="$NEW" DIBAO_PASSWORD='Mine#2026x' expect_exit 0 "own change" -- "$DIBAO" --db "$DB" user passwd zhang.san --old
DIBAO_PASSWORD='Mine#2026x' expect_exit 0 "after own change" -- "$DIBAO" --db "$DB" user check zhang.san
if grep -q "须先修改密码" "$T/out"; then fail "own change left must_change set"; else ok; fi

# ---- lockout ----
DIBAO_PASSWORD="$GOOD" expect_exit 1 "unknown user" -- "$DIBAO" --db "$DB" user check nobody
expect_text "$T/err" "用户名或密码不正确" "unknown user gets the same message"
for i in 1 2 3 4; do
	DIBAO_PASSWORD="Wrong#pass$i" expect_exit 1 "wrong password $i" -- "$DIBAO" --db "$DB" user check shenji_1
	expect_text "$T/err" "用户名或密码不正确" "failure $i message"
done
DIBAO_PASSWORD="Wrong#pass5" expect_exit 1 "wrong password 5 locks" -- "$DIBAO" --db "$DB" user check shenji_1
expect_text "$T/err" "账户已锁定" "5th failure locks"
DIBAO_PASSWORD="$GOOD" expect_exit 1 "right password while locked" -- "$DIBAO" --db "$DB" user check shenji_1
expect_text "$T/err" "账户已锁定" "locked message"
expect_exit 0 "list shows the lock" -- "$DIBAO" --db "$DB" user list
expect_text "$T/out" "锁定至 " "lock listed"
sql "UPDATE users SET locked_until = '2020-01-01T00:00:00Z' WHERE username = 'shenji_1'" >/dev/null
DIBAO_PASSWORD="$GOOD" expect_exit 0 "login after the lock expired" -- "$DIBAO" --db "$DB" user check shenji_1
[ "$(sql "SELECT failed_logins FROM users WHERE username = 'shenji_1'")" = 0 ] && ok || fail "success did not reset failed_logins"
# Success resets the count: 4 failures, a success, 4 failures do not lock.
for i in 1 2 3 4; do DIBAO_PASSWORD=x "$DIBAO" --db "$DB" user check admin >/dev/null 2>&1; done
DIBAO_PASSWORD="$GOOD" expect_exit 0 "success after 4 failures" -- "$DIBAO" --db "$DB" user check admin
for i in 1 2 3 4; do DIBAO_PASSWORD=x "$DIBAO" --db "$DB" user check admin >/dev/null 2>&1; done
DIBAO_PASSWORD="$GOOD" expect_exit 0 "4 more failures do not lock" -- "$DIBAO" --db "$DB" user check admin

# ---- the audit log: one record per write, no secrets ----
# 3 adds, disable, enable, roles, reset, own change = 8; logins on existing
# accounts: 1 (disabled) + 1 + 1 + 1 (zhang.san) + 5 + 1 + 1 (shenji_1) + 10 (admin) = 21.
[ "$(audits)" = 29 ] && ok || fail "expected 29 user audit records, got $(audits)"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.login' AND after_json LIKE '%locked_now%'")" = 1 ] && ok || fail "locking not audited"
sql "SELECT coalesce(before_json,'') || coalesce(after_json,'') FROM audit_log" > "$T/audit.txt"
if grep -q -e argon2 -e "$GOOD" -e "$NEW" -e 'Mine#2026x' -e 'Wrong#pass' "$T/audit.txt"; then
	fail "audit log holds a password or hash"; else ok; fi
expect_text "$T/audit.txt" '"roles":["county_approver"]' "roles change audited with the new roles"
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify

finish
