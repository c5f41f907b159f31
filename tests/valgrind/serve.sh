#!/bin/sh
# tests/valgrind/serve.sh DIBAO TMPDIR — `dibao serve` under valgrind: a
# demo county, then a short session of real requests (login, dashboard,
# search, a household created and read, both xlsx exports, the audit log,
# logout) and a SIGTERM; valgrind must report no invalid access and no
# definite or indirect leak (exit 99 otherwise), and the server must stop
# cleanly. Run by scripts/test-all.
set -eu
DIBAO=$1
T=$2
DB="sqlite:$T/vgserve.db"
VG="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
J='Content-Type: application/json'

rm -f "$T/vgserve.db" "$T/vgserve.db-wal" "$T/vgserve.db-shm"
"$DIBAO" --db "$DB" init >/dev/null
"$DIBAO" --db "$DB" demo --households 50 >/dev/null
$VG "$DIBAO" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 2>"$T/vgserve.log" &
PID=$!
URL=
i=0
while [ $i -lt 300 ]; do # valgrind starts slowly
	port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$T/vgserve.log")
	if [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
		URL="http://127.0.0.1:$port"
		break
	fi
	sleep 0.2
	i=$((i + 1))
done
[ -n "$URL" ] || { kill "$PID"; cat "$T/vgserve.log" >&2; echo "valgrind serve: server did not come up" >&2; exit 1; }

c() { curl -s -o /dev/null -w '%{http_code}' -b "$T/vg.jar" -c "$T/vg.jar" "$@"; }
want() { [ "$1" = "$2" ] || { echo "valgrind serve: $3: HTTP $1, expected $2" >&2; FAILED=1; }; }
FAILED=0
body=$(curl -s -c "$T/vg.jar" -H "$J" -d '{"username":"caseworker","password":"Dibao@2026"}' "$URL/api/v1/session")
csrf=$(echo "$body" | jq -r .csrf)
want "$(c "$URL/api/v1/stats/register")" 200 stats
want "$(c "$URL/api/v1/households?q=1234")" 200 search
village=$(curl -s -b "$T/vg.jar" "$URL/api/v1/regions?parent=410726101000" | jq -r '[.children[] | select(.level == 5)][0].code')
hid=$(curl -s -b "$T/vg.jar" -X POST -H "$J" -H "X-CSRF-Token: $csrf" -d "{\"village_code\":\"$village\",\"address\":\"测试路 1 号\",\"registration\":2,\"head\":{\"id_number\":\"410726198001011233\",\"name\":\"张三\"}}" "$URL/api/v1/households" | jq -r .household.id)
case $hid in [1-9]*) ;; *) echo "valgrind serve: create failed" >&2; FAILED=1 ;; esac
want "$(c -X POST -H "$J" -H "X-CSRF-Token: $csrf" -d '{"bad":1}' "$URL/api/v1/households")" 400 "bad body"
want "$(c "$URL/api/v1/households/$hid")" 200 get
want "$(c "$URL/api/v1/households/$hid/history")" 200 history
want "$(c "$URL/api/v1/households/export")" 200 export
want "$(c -X DELETE -H "X-CSRF-Token: $csrf" "$URL/api/v1/session")" 204 logout
rm -f "$T/vg.jar"
curl -s -c "$T/vg.jar" -H "$J" -d '{"username":"auditor","password":"Dibao@2026"}' "$URL/api/v1/session" >/dev/null
want "$(c "$URL/api/v1/audit?limit=20")" 200 audit
want "$(c "$URL/api/v1/audit/export")" 200 "audit export"
want "$(c "$URL/metrics")" 200 metrics
kill -TERM "$PID"
rc=0
wait "$PID" || rc=$?
if [ "$rc" -ne 0 ]; then
	sed 's/^/    | /' "$T/vgserve.log" >&2
	echo "valgrind serve: exit $rc (99: valgrind found errors)" >&2
	exit 1
fi
[ "$FAILED" = 0 ] || exit 1
echo "valgrind serve: clean (13 requests, SIGTERM)"
