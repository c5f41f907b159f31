# tests/cli/lib.sh — shared by the command-line tests (sourced, not run);
# tests/cli/data/ holds their small fixture files.
# Environment: DIB_TEST_DB = "sqlite" or a PostgreSQL URL (a throwaway server
# started by scripts/test-all); DIB_TEST_TMP = a scratch directory.
# $DIBAO must be set by the test to the binary under test.

T=${DIB_TEST_TMP:-/tmp}/cli.$$.$(basename "$0" .sh)
mkdir -p "$T"
FAILS=0
CHECKS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
ok() { CHECKS=$((CHECKS + 1)); }

# The tests are bound by process starts (a fork costs several ms on this
# kind of machine, a curl or psql tens): helpers read files with the shell's
# own `read` and set variables rather than print into $(…).

# psql — the server's own client, not Debian's /usr/bin/psql (a Perl
# wrapper that costs about 100 ms a call; the PostgreSQL tests make
# thousands of calls).
for PSQL_BIN in /usr/lib/postgresql/*/bin/psql; do :; done
[ -x "$PSQL_BIN" ] || PSQL_BIN=$(command -v psql || echo psql)
psql() { "$PSQL_BIN" "$@"; }

# sql QUERY — runs QUERY on the test's database $DB; prints the rows
# (columns separated by |).
sql() {
	case "$DB" in
	sqlite:*) sqlite3 "${DB#sqlite:}" "$1" ;;
	*) psql -qtAX "$DB" -c "$1" ;;
	esac
}
audits() { sql "SELECT count(*) FROM audit_log"; }

# fresh_db NAME — prints the URL of a new, empty database.
fresh_db() {
	case "${DIB_TEST_DB:-sqlite}" in
	sqlite)
		rm -f "$T/$1.db" "$T/$1.db-wal" "$T/$1.db-shm"
		echo "sqlite:$T/$1.db" ;;
	*)
		psql -q "$DIB_TEST_DB" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
		echo "$DIB_TEST_DB" | sed "s|/dibao?|/$1?|" ;;
	esac
}

# snapshot URL — prints a fingerprint of everything in the database: for
# SQLite the bytes of the files themselves, for PostgreSQL every table's
# rows (sorted) and every sequence's position, read by one psql (pg_dump
# costs twice as long, and the PostgreSQL tests take hundreds of these).
snapshot() {
	case "$1" in
	sqlite:*)
		f=${1#sqlite:}
		cat "$f" "$f-wal" 2>/dev/null | sha256sum ;;
	*)
		psql -qtAX "$1" 2>&1 <<'SQL' | sha256sum
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) FROM %I.%I t',
	c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
\gexec
SELECT format('SELECT %L, last_value, is_called FROM %I.%I', c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname
\gexec
SQL
		;;
	esac
}

# expect_exit CODE DESCRIPTION -- command … : runs it, output in $T/out, $T/err.
expect_exit() {
	want=$1; what=$2; shift 3
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, expected $want"
		sed 's/^/    | /' "$T/err" "$T/out" >&2
	else
		ok
	fi
}

# expect_text FILE TEXT DESCRIPTION — FILE contains TEXT (fixed string).
expect_text() {
	if grep -qF -- "$2" "$1"; then ok; else
		fail "$3: \"$2\" not found in $(basename "$1")"
		sed 's/^/    | /' "$1" >&2
	fi
}

# refused_cmd WHAT CODE TEXT -- COMMAND … — the command exits with CODE and
# says TEXT on stderr, and the database $DB is as it was.
refused_cmd() {
	what=$1 code=$2 text=$3
	shift 4
	before=$(snapshot "$DB")
	expect_exit "$code" "$what" -- "$@"
	expect_text "$T/err" "$text" "$what message"
	if [ "$before" = "$(snapshot "$DB")" ]; then ok; else fail "$what: database changed"; fi
}

finish() {
	rm -rf "$T"
	if [ "$FAILS" -ne 0 ]; then
		echo "$(basename "$0"): $FAILS of $((CHECKS + FAILS)) checks failed" >&2
		exit 1
	fi
	echo "$(basename "$0"): $CHECKS checks passed"
}
