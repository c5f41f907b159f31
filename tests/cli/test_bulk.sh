#!/bin/sh
# tests/cli/test_bulk.sh DIBAO — a county-sized initial load: enough rows
# that the importer rebuilds the tables' indexes (and, on PostgreSQL,
# foreign keys) once at the end instead of row by row. Afterwards every
# index is back and enforcing, and the data is all there.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

indexes() { # URL — number of indexes on the register's tables
	case "$1" in
	sqlite:*) sqlite3 "${1#sqlite:}" "SELECT count(*) FROM sqlite_master WHERE type = 'index'
		AND tbl_name IN ('households', 'persons', 'memberships', 'income_items', 'disabilities')" ;;
	*) psql -tA "$1" -c "SELECT count(*) FROM pg_indexes WHERE tablename IN
		('households', 'persons', 'memberships', 'income_items', 'disabilities')" ;;
	esac
}
fks() { # URL — number of foreign keys (PostgreSQL; SQLite keeps them in the table)
	case "$1" in
	sqlite:*) echo 0 ;;
	*) psql -tA "$1" -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f'" ;;
	esac
}

expect_exit 0 "gen" -- "$DIBAO" gen --households 6000 --seed 11 --out "$T/data"
MEMBERS=$(($(wc -l < "$T/data/members.csv") - 1))
[ "$MEMBERS" -ge 12000 ] && ok || fail "expected a members file over the rebuild threshold, got $MEMBERS"

DB=$(fresh_db bulk)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
IDX=$(indexes "$DB")
FK=$(fks "$DB")
for k in regions households members; do
	expect_exit 0 "import $k" -- "$DIBAO" --db "$DB" import $k "$T/data/$k.csv"
done
expect_text "$T/out" "导入 $MEMBERS 行，拒绝 0 行" "all members imported"
[ "$(indexes "$DB")" = "$IDX" ] && ok || fail "indexes after the load: $(indexes "$DB"), before: $IDX"
[ "$(fks "$DB")" = "$FK" ] && ok || fail "foreign keys after the load: $(fks "$DB"), before: $FK"

expect_exit 0 "export" -- "$DIBAO" --db "$DB" export households --format csv --out "$T/all.csv"
ROWS=$(($(wc -l < "$T/all.csv") - 1))
[ "$ROWS" = "$MEMBERS" ] && ok || fail "export has $ROWS persons, imported $MEMBERS"

# The same file again: every row is a duplicate, nothing changes.
before=$(snapshot "$DB")
expect_exit 3 "second import rejected" -- "$DIBAO" --db "$DB" import members "$T/data/members.csv"
expect_text "$T/out" "拒绝 $MEMBERS 行" "every row rejected"
[ "$before" = "$(snapshot "$DB")" ] && ok || fail "database changed by a rejected import"

finish
