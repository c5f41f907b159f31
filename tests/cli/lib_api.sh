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

# req JAR NAME CURL-ARGS… — body in $T/NAME.body, status in $T/NAME.code;
# cookies kept in $T/JAR.jar (one per user).
req() {
	jar=$1; n=$2; shift 2
	curl -s -b "$T/$jar.jar" -c "$T/$jar.jar" -o "$T/$n.body" -w '%{http_code}' "$@" >"$T/$n.code" 2>/dev/null
}

expect_status() {
	got=$(cat "$T/$1.code")
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

# Shared by the API tests that check refusals leave the database as it was;
# they need the test's own `state` (a fingerprint of the tables it touches)
# and `w` (a write with the user's CSRF token).
unchanged() {
	now=$(state)
	if [ "$now" = "$1" ]; then ok; else fail "$2: database changed ($1 -> $now)"; fi
}
# refused USER NAME STATUS TEXT METHOD PATH BODY — refused with STATUS and a
# message containing TEXT, nothing changed
refused() {
	before=$(state)
	w "$1" "$2" "$5" "$6" "$7"
	expect_status "$2" "$3"
	expect_text "$T/$2.body" "$4" "$2"
	unchanged "$before" "$2"
}

# an ID number with a valid check digit outside the demo's address codes:
# idn SEQ
idn() {
	echo "$1" | awk '{
		b = sprintf("11010119800101%03d", $1); s = 0
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", wt, " ")
		for (i = 1; i <= 17; i++) s += substr(b, i, 1) * wt[i]
		printf "%s%s\n", b, substr("10X98765432", s % 11 + 1, 1) }'
}
