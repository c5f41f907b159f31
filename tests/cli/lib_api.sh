# tests/cli/lib_api.sh — for the API tests (sourced after lib.sh): start the
# server on a free port, make requests with one cookie jar per user, and log
# a new user in through the forced change of the initial password.
# Needs $DIBAO, $DB, $GOOD (initial password) and $NEW (the new one).

J='Content-Type: application/json'

# start_server — starts `dibao serve` on a free port; sets URL and PID.
start_server() {
	"$DIBAO" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/server.log" &
	PID=$!
	URL=
	i=0
	while [ $i -lt 100 ]; do
		port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$T/server.log")
		if [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
			URL="http://127.0.0.1:$port"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "server did not come up"
	sed 's/^/    | /' "$T/server.log" >&2
	kill "$PID" 2>/dev/null
	finish
}

# req JAR NAME CURL-ARGS… — body in $T/NAME.body, status in $T/NAME.code
# and in $RC; cookies kept in $T/JAR.jar (one per user).
req() {
	jar=$1; n=$2; shift 2
	curl -s -b "$T/$jar.jar" -c "$T/$jar.jar" -o "$T/$n.body" -w '%{http_code}' "$@" >"$T/$n.code" 2>/dev/null
	RC=
	read -r RC <"$T/$n.code" || :
}

# login USER PASSWORD — a session (no forced change pending); its CSRF
# token in $T/USER.csrf
login() {
	req "$1" "$1-login" -X POST -H "$J" --data "{\"username\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/session"
	expect_status "$1-login" 200
	jq -r .csrf "$T/$1-login.body" >"$T/$1.csrf"
}

# w USER NAME METHOD PATH [BODY] — a state-changing request with USER's
# CSRF token (a JSON BODY)
w() {
	tok=
	read -r tok <"$T/$1.csrf" || :
	if [ $# -ge 5 ]; then
		req "$1" "$2" -X "$3" -H "$J" -H "X-CSRF-Token: $tok" --data-binary "$5" "$URL$4"
	else
		req "$1" "$2" -X "$3" -H "X-CSRF-Token: $tok" "$URL$4"
	fi
}

# wrote USER NAME STATUS ACTION METHOD PATH BODY — a write answered STATUS
# that appended exactly one audit record: ACTION by USER (what the record
# says is $AUDIT_SAYS, a test may name more of it)
AUDIT_SAYS="action || ' ' || actor"
wrote() {
	a0=$(audits)
	w "$1" "$2" "$5" "$6" "$7"
	expect_status "$2" "$3"
	got=$(sql "SELECT (SELECT count(*) FROM audit_log) || ' ' || (SELECT $AUDIT_SAYS FROM audit_log ORDER BY id DESC LIMIT 1)")
	if [ "${got%% *}" = $((a0 + 1)) ]; then ok; else fail "$2: $((${got%% *} - a0)) audit records, expected 1"; fi
	if [ "${got#* }" = "$4 $1" ]; then ok; else fail "$2: audit record \"${got#* }\", expected \"$4 $1\""; fi
}

# expect_status NAME CODE — request NAME answered HTTP CODE
expect_status() {
	got=
	read -r got <"$T/$1.code" || :
	if [ "$got" = "$2" ]; then ok; else
		fail "$1: HTTP $got, expected $2"
		sed 's/^/    | /' "$T/$1.body" >&2
	fi
}

# session USER PATH — logs USER in, checks that PATH is refused until the
# initial password is changed (403 请先修改初始密码), then changes it.
session() {
	req "$1" "$1-login" -X POST -H "$J" --data "{\"username\":\"$1\",\"password\":\"$GOOD\"}" "$URL/api/v1/session"
	expect_status "$1-login" 200
	c=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$T/$1-login.body")
	req "$1" "$1-early" "$URL$2"
	expect_status "$1-early" 403
	expect_text "$T/$1-early.body" '请先修改初始密码' "$1: $2 before the forced change"
	req "$1" "$1-pw" -X POST -H "$J" -H "X-CSRF-Token: $c" \
		--data "{\"old_password\":\"$GOOD\",\"new_password\":\"$NEW\"}" "$URL/api/v1/session/password"
	expect_status "$1-pw" 200
}

