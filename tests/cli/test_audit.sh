#!/bin/sh
# tests/cli/test_audit.sh DIBAO — `dibao audit verify`: a database written
# only by dibao verifies; altering, removing or forging an audit record
# directly in the database (sqlite3 / psql, as an intruder would) is found
# and the first broken record named, with exit 1.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

# sql URL STATEMENT — runs one statement on the database behind URL.
sql() {
	case "$1" in
	sqlite:*) sqlite3 "${1#sqlite:}" "$2" ;;
	*) psql -q -X -v ON_ERROR_STOP=1 "$1" -c "$2" >/dev/null ;;
	esac
}

cp "$(dirname "$0")/data/regions.csv" "$T/regions.csv" # 延津县, 东屯镇, one village, one community
cat > "$T/hh.csv" <<'CSV'
户编号,所属村(社区)代码,家庭住址,户籍类别
H1,410726101201,王庄村1组1号,农村
CSV

# new_db NAME — a fresh database with three audit records: the holiday
# schedule loaded by init, then two imports.
new_db() {
	db=$(fresh_db "$1")
	"$DIBAO" --db "$db" init >/dev/null 2>&1 || fail "$1: init"
	"$DIBAO" --db "$db" import regions "$T/regions.csv" >/dev/null 2>&1 || fail "$1: import regions"
	"$DIBAO" --db "$db" import households "$T/hh.csv" >/dev/null 2>&1 || fail "$1: import households"
	echo "$db"
}

expect_exit 2 "audit without verb" -- "$DIBAO" --db "sqlite:$T/none.db" audit
expect_text "$T/err" "audit verify" "usage names the verb"
EMPTY=$(fresh_db audnone)
expect_exit 1 "verify before init" -- "$DIBAO" --db "$EMPTY" audit verify
expect_text "$T/err" "尚未初始化" "uninitialised database"

DB=$(new_db audok)
expect_exit 0 "verify intact" -- "$DIBAO" --db "$DB" audit verify
expect_text "$T/out" "审计日志完整: 已校验 3 条记录" "intact summary"
expect_text "$T/out" "末条记录哈希: " "last hash printed"

# A field of the second record altered.
sql "$DB" "UPDATE audit_log SET actor = 'someone' WHERE id = 2"
expect_exit 1 "altered record" -- "$DIBAO" --db "$DB" audit verify
expect_text "$T/err" "审计日志第 2 条 (id=2, 20" "altered record named"
expect_text "$T/err" "操作 import) 被篡改: 内容与哈希不符" "altered: what is wrong"
expect_text "$T/err" "此前 1 条记录完好" "altered: count before"

# The second record removed: the third no longer links.
DB=$(new_db auddel)
sql "$DB" "DELETE FROM audit_log WHERE id = 2"
expect_exit 1 "removed record" -- "$DIBAO" --db "$DB" audit verify
expect_text "$T/err" "审计日志第 2 条 (id=3," "record after the gap named"
expect_text "$T/err" "哈希不衔接" "removed: what is wrong"

# A forged record slipped in at the end, copying the last one's hashes.
DB=$(new_db audins)
sql "$DB" "DROP INDEX audit_log_prev_hash; INSERT INTO audit_log (id, county, at, actor, action, entity, prev_hash, hash) SELECT id + 1, county, at, actor, 'household.delete', entity, hash, hash FROM audit_log WHERE id = 3"
expect_exit 1 "forged record" -- "$DIBAO" --db "$DB" audit verify
expect_text "$T/err" "审计日志第 4 条 (id=4," "forged record named"
expect_text "$T/err" "操作 household.delete) 被篡改" "forged: its action shown"

finish
