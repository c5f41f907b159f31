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


# ---- batches: many requests of one user in one curl process ----
# A curl costs tens of milliseconds to start; a walk of hundreds of
# requests spends most of its time there. A batch queues one user's
# requests in a curl config file and sends them with one curl, one after
# the other (--next, never in parallel) in the order queued, so writes
# that depend on each other stay ordered. Each request keeps its own
# $T/NAME.body and $T/NAME.code as req leaves them (both emptied when
# queued: a request that did not happen leaves no stale answer), and its
# method and path in $T/NAME.what for failure messages; checks read them
# after `send`. The session is the user's cookie jar, read and not
# rewritten (only a login sets a cookie); the CSRF token his $T/USER.csrf.
# Queueing is shell builtins only: one process a batch.
#
#   batch USER                   starts a batch of USER's requests
#   breq NAME URL                queues a GET of URL (as req)
#   bw NAME METHOD PATH [BODY]   queues a state-changing request (as w)
#   send                         sends the batch; RC is the last answer's code

batch() {
	B_USER=$1
	B_N=0
	B_TOK=
	read -r B_TOK <"$T/$1.csrf" 2>/dev/null || :
	: >"$T/batch.cfg"
}

# b_queue NAME METHOD URL — the config lines of one request (a config
# file's quoted value takes \" and \\, which no URL or path here holds)
b_queue() {
	[ "$B_N" -gt 0 ] && echo next >>"$T/batch.cfg"
	B_N=$((B_N + 1))
	: >"$T/$1.body"
	: >"$T/$1.code"
	echo "$2 ${3#"$URL"}" >"$T/$1.what"
	printf 'silent\ncookie = "%s"\noutput = "%s"\nwrite-out = "%%{http_code} %s\\n"\nrequest = "%s"\nurl = "%s"\n' \
		"$T/$B_USER.jar" "$T/$1.body" "$1" "$2" "$3" >>"$T/batch.cfg"
}

breq() {
	b_queue "$1" GET "$2"
}

bw() {
	b_queue "$1" "$2" "$URL$3"
	printf 'header = "X-CSRF-Token: %s"\n' "$B_TOK" >>"$T/batch.cfg"
	if [ $# -ge 4 ]; then
		printf '%s' "$4" >"$T/$1.req"
		printf 'header = "%s"\ndata-binary = "@%s"\n' "$J" "$T/$1.req" >>"$T/batch.cfg"
	fi
}

send() {
	RC=
	[ "$B_N" -gt 0 ] || return 0
	curl -K "$T/batch.cfg" >"$T/batch.out" 2>/dev/null
	while read -r c n; do
		echo "$c" >"$T/$n.code"
		RC=$c
	done <"$T/batch.out"
	B_N=0
	: >"$T/batch.cfg"
}

# jis NAME JQ WANT WHAT — the answer NAME's JQ is WANT
jis() { got=$(jq -r "$2" "$T/$1.body"); [ "$got" = "$3" ] && ok || fail "$4: $2 = \"$got\", want \"$3\""; }
