#!/bin/sh
# tests/cli/test_regions_api.sh DIBAO — GET /api/v1/regions?parent=CODE as
# users of two levels see it: the children of a region, limited to the
# user's subtree (decided in svc/authz): a county user sees the county's
# townships; a township user sees its own township and below, and gets a
# Chinese 403 for the county above or a township beside it; no session is
# 401; a malformed or unknown parent is 400 / 404.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db regapi)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$(dirname "$0")/data/regions.csv"
GOOD='Yanjin#2026'
NEW='Xinmima_2026'
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add county user" -- "$DIBAO" --db "$DB" user add wang.xian --name 王县 --region 410726000000 --role county_approver
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add township user" -- "$DIBAO" --db "$DB" user add zhao.zhen --name 赵镇 --region 410726101000 --role township_caseworker

. "$(dirname "$0")/lib_api.sh"
start_server
session wang.xian /api/v1/regions
session zhao.zhen /api/v1/regions

# ---- not logged in ----
req nobody anon "$URL/api/v1/regions?parent=410726000000"
expect_status anon 401
expect_text "$T/anon.body" '请先登录' "401 message"

# ---- the county user ----
req wang.xian c1 "$URL/api/v1/regions?parent=410726000000"
expect_status c1 200
expect_text "$T/c1.body" '"parent":{"code":"410726000000","name":"延津县","level":3}' "county parent"
expect_text "$T/c1.body" '{"code":"410726101000","name":"东屯镇","level":4}' "东屯镇 among the county's children"
req wang.xian c2 "$URL/api/v1/regions"
expect_status c2 200
if cmp -s "$T/c1.body" "$T/c2.body"; then ok; else fail "default parent is not the user's root"; fi
req wang.xian c3 "$URL/api/v1/regions?parent=410726101000"
expect_status c3 200
expect_text "$T/c3.body" '"410726101001"' "community under the township"
expect_text "$T/c3.body" '"410726101201"' "village under the township"
req wang.xian c4 "$URL/api/v1/regions?parent=410700000000"
expect_status c4 403
expect_text "$T/c4.body" '不在您的管辖区域内' "city above the county: 403 in Chinese"
if grep -q '延津县\|新乡市' "$T/c4.body"; then fail "403 names regions outside the subtree"; else ok; fi
req wang.xian c5 "$URL/api/v1/regions?parent=410726"
expect_status c5 200
req wang.xian c6 "$URL/api/v1/regions?parent=41072x"
expect_status c6 400
req wang.xian c7 "$URL/api/v1/regions?parent=410726199000"
expect_status c7 404

# ---- the township user ----
req zhao.zhen t1 "$URL/api/v1/regions?parent=410726000000"
expect_status t1 403
expect_text "$T/t1.body" '"code":"EPERM"' "township user: county is EPERM"
expect_text "$T/t1.body" '区划 410726000000 不在您的管辖区域内' "township user: Chinese 403"
req zhao.zhen t2 "$URL/api/v1/regions?parent=410726101000"
expect_status t2 200
expect_text "$T/t2.body" '"parent":{"code":"410726101000","name":"东屯镇","level":4}' "own township"
expect_text "$T/t2.body" '{"code":"410726101201","name":"王庄村","level":5}' "village of the township"
req zhao.zhen t3 "$URL/api/v1/regions"
expect_status t3 200
if cmp -s "$T/t2.body" "$T/t3.body"; then ok; else fail "township default parent"; fi
req zhao.zhen t4 "$URL/api/v1/regions?parent=410726102000"
expect_status t4 403  # a township beside it, whether or not it exists
req zhao.zhen t5 "$URL/api/v1/regions?parent=410726101201"
expect_status t5 200
expect_text "$T/t5.body" '"children":[]' "a village has no children"
req zhao.zhen t6 -X POST -H "$J" --data '{}' "$URL/api/v1/regions"
expect_status t6 405

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
finish
