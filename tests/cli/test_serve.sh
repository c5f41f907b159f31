#!/bin/sh
# tests/cli/test_serve.sh DIBAO — `dibao serve` as a load balancer, a
# monitoring system, a browser and an attacker see it: /healthz answers
# JSON after a database check; /metrics counts the requests made; an unknown
# API path is a JSON 404 in Chinese; a body over the cap is a JSON 413; path
# traversal (plain, percent-encoded, via a symlink) never leaves the web
# root; without a built web UI / says so in Chinese; SIGTERM stops the
# server with exit 0 within 5 s. The port is chosen by the kernel
# (--listen 127.0.0.1:0) and read from the start-up line.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db srv)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init

PID=
URL=
# start_server NAME ARGS… — starts dibao serve in the background, sets PID
# and URL, waits until /healthz answers (at most 10 s).
start_server() {
	name=$1; shift
	"$DIBAO" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 "$@" 2>"$T/$name.log" &
	PID=$!
	URL=
	i=0
	while [ $i -lt 100 ]; do
		port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$T/$name.log")
		if [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
			URL="http://127.0.0.1:$port"
			ok
			return 0
		fi
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	fail "$name: server did not come up"
	sed 's/^/    | /' "$T/$name.log" >&2
	return 1
}

# stop_server NAME — SIGTERM; the process must exit 0 within 5 s.
stop_server() {
	kill -TERM "$PID"
	i=0
	while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$PID" 2>/dev/null; then
		fail "$1: still running 5 s after SIGTERM"
		kill -KILL "$PID"
	fi
	wait "$PID"
	rc=$?
	if [ "$rc" -eq 0 ]; then ok; else fail "$1: exit $rc after SIGTERM"; fi
	expect_text "$T/$1.log" "已停止" "$1: one-line stop message"
}

# get NAME CURL-ARGS… — body in $T/NAME.body, status in $T/NAME.code.
get() {
	n=$1; shift
	curl -s -o "$T/$n.body" -w '%{http_code}' "$@" >"$T/$n.code" 2>/dev/null
}

# expect_status NAME CODE
expect_status() {
	got=$(cat "$T/$1.code")
	if [ "$got" = "$2" ]; then ok; else
		fail "$1: HTTP $got, expected $2"
		sed 's/^/    | /' "$T/$1.body" >&2
	fi
}

# ---- a built web UI with a symlink pointing out of it ----
mkdir -p "$T/web/assets" "$T/outside"
echo '<!doctype html><title>网页</title>APP-INDEX' > "$T/web/index.html"
echo 'console.log("APP-JS")' > "$T/web/assets/app.js"
echo 'SECRET-OUTSIDE' > "$T/outside/secret.txt"
ln -s "$T/outside/secret.txt" "$T/web/leak.txt"
ln -s "$T/outside" "$T/web/out"

# the machine's time zone 12 hours behind UTC: the business date stays Beijing's
export TZ=AOE12
start_server main --web "$T/web"
up=$?
unset TZ
if [ $up -eq 0 ]; then
	get health "$URL/healthz"
	expect_status health 200
	expect_text "$T/health.body" '"status":"ok"' "healthz status"
	expect_text "$T/health.body" "\"business_date\":\"$(date -u -d '+8 hours' +%F)\"" \
		"healthz: the business date is China Standard Time's, whatever TZ says"
	db=sqlite; case "$DB" in postgresql*) db=postgresql ;; esac
	expect_text "$T/health.body" "\"db\":\"$db\"" "healthz names the engine"

	get notfound "$URL/api/v1/x"
	expect_status notfound 404
	expect_text "$T/notfound.body" '"code":"ENOTFOUND"' "404 error code"
	expect_text "$T/notfound.body" '不存在' "404 message in Chinese"

	head -c 1100000 /dev/zero | tr '\0' 'a' > "$T/big"
	get big -X POST -H 'Content-Type: application/json' --data-binary @"$T/big" "$URL/api/v1/x"
	expect_status big 413
	expect_text "$T/big.body" '"code":"ETOOBIG"' "413 error code"
	expect_text "$T/big.body" '上限' "413 message in Chinese"
	# the same without Content-Length (chunked): cut while reading
	get chunked -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$T/big" "$URL/api/v1/x"
	expect_status chunked 413

	get wrongm -X POST "$URL/healthz"
	expect_status wrongm 405

	for p in '/../etc/passwd' '/%2e%2e/etc/passwd' '/..%2fetc/passwd' '/%2E%2E%2Fetc%2Fpasswd' \
		 '/assets/../../etc/passwd'; do
		get trav --path-as-is "$URL$p"
		expect_status trav 400
		if grep -q 'root:' "$T/trav.body"; then fail "traversal $p leaked a file"; else ok; fi
	done
	get leak "$URL/leak.txt"
	expect_status leak 404
	get leakdir "$URL/out/secret.txt"
	expect_status leakdir 404
	if grep -q SECRET "$T/leak.body" "$T/leakdir.body"; then fail "symlink escape"; else ok; fi

	get index "$URL/"
	expect_status index 200
	expect_text "$T/index.body" 'APP-INDEX' "index.html at /"
	get js "$URL/assets/app.js"
	expect_status js 200
	expect_text "$T/js.body" 'APP-JS' "asset served"
	get spa "$URL/households/42"
	expect_status spa 200
	expect_text "$T/spa.body" 'APP-INDEX' "client-side route gets index.html"
	get missing "$URL/assets/none.js"
	expect_status missing 404

	get metrics "$URL/metrics"
	expect_status metrics 200
	expect_text "$T/metrics.body" 'dibao_http_requests_total{route="/healthz",method="GET",status="200"}' "healthz counted"
	expect_text "$T/metrics.body" 'dibao_http_requests_total{route="unmatched",method="GET",status="404"} 1' "404 counted"
	expect_text "$T/metrics.body" 'dibao_http_requests_total{route="unmatched",method="POST",status="413"} 2' "413s counted"
	expect_text "$T/metrics.body" 'dibao_http_requests_total{route="bad_request",method="GET",status="400"} 5' "400s counted"
	expect_text "$T/metrics.body" 'dibao_http_request_duration_seconds_bucket{route="/healthz",le="+Inf"}' "latency histogram"
	expect_text "$T/metrics.body" 'dibao_db_seconds_total ' "db seconds"
	if grep -q 'etc/passwd\|households/42' "$T/metrics.body" "$T/main.log"; then
		fail "raw paths in metrics or log"; else ok; fi
	expect_text "$T/main.log" 'http GET /healthz 200' "access log line"
	stop_server main
fi

# ---- no web UI built: / explains it in Chinese ----
if start_server noweb --web "$T/no-such-dir"; then
	get nw "$URL/"
	expect_status nw 200
	expect_text "$T/nw.body" '网页界面尚未构建' "not-built page"
	stop_server noweb
fi

# ---- refusals at start ----
expect_exit 2 "bad --listen" -- "$DIBAO" --db "$DB" serve --listen nonsense
expect_exit 2 "bad --threads" -- "$DIBAO" --db "$DB" serve --threads 0
NEW=$(fresh_db srvnew)
case "$NEW" in sqlite:*) : > "${NEW#sqlite:}" ;; esac
expect_exit 1 "uninitialised database" -- "$DIBAO" --db "$NEW" serve --listen 127.0.0.1:0
expect_text "$T/err" "dibao init" "tells to run init"

finish
