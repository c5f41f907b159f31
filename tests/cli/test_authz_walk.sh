#!/bin/sh
# tests/cli/test_authz_walk.sh DIBAO — the authorisation walk of issue 3:
# every route of the server (read from `dibao serve --routes`, so a new
# route without a row here fails the test) × every role × an object inside
# and outside the user's region. Each role's user sits in township A
# (东屯镇; the village agent in one of its villages); "outside" is township B
# of the same county, and for the county-wide audit log another county.
#
# Allowed means the request succeeds (2xx) — reads return the object,
# writes change it; denied means 403 and nothing written. For lists,
# searches, counts, exports and aggregates "outside" means: an outside
# record never appears (not in items, total, export rows, or stats), and
# asking for an outside region is 403.
#
# The expected permissions below are written from domain.md's roles, not
# read from the implementation (src/svc/authz.c), so the two check each other.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db authzwalk)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo county" -- "$DIBAO" --db "$DB" demo --households 200
# a second county for the county-wide audit log
cat >"$T/fq.csv" <<'EOF'
区划代码,名称,上级代码,城乡分类代码
410727000000,封丘县,410700000000,
410727100000,城关镇,410727000000,
410727100201,城关村,410727100000,220
EOF
expect_exit 0 "second county" -- "$DIBAO" --db "$DB" import regions "$T/fq.csv"

GOOD='Walk#2026a'
NEW='Walk#2026b'
DEMO='Dibao@2026'
TA=410726101000 # 东屯镇, township A (the demo caseworker's)
ROLES="village_agent township_caseworker township_reviewer county_approver payment_officer petition_officer auditor sys_admin security_admin"

# perms ROLE — what the role may do (domain.md, 三员分立), in $P
perms() {
	case $1 in
	village_agent) P="region_read register_read register_write" ;;
	township_caseworker) P="region_read register_read register_write payroll_read payroll_prepare" ;;
	township_reviewer) P="region_read register_read payroll_read payroll_prepare" ;;
	county_approver) P="region_read register_read payroll_read payroll_approve" ;;
	payment_officer) P="region_read register_read payroll_read payroll_pay" ;;
	petition_officer) P="region_read register_read" ;;
	auditor) P="region_read register_read audit_read payroll_read" ;;
	sys_admin) P="region_read region_write user_admin" ;;
	security_admin) P="region_read user_admin" ;;
	esac
}
may() { perms "$1"; case " $P " in *" $2 "*) return 0 ;; esac; return 1; }
# case_may ROLE ACTION — whether ROLE may take ACTION on a case in state
# applied (apply: open one), as docs/internals/workflow.md's table names
# the roles (and domain.md: the auditor and the administrators never act);
# reading cases is register_read, like the register
case_may() {
	case "$2 $1" in
	"apply village_agent" | "apply township_caseworker") return 0 ;;
	"withdraw village_agent" | "withdraw township_caseworker") return 0 ;;
	"request_documents township_caseworker") return 0 ;;
	esac
	return 1
}

. "$(dirname "$0")/lib_api.sh"
start_server
# a fixture that fails ends the walk at once (finish): the server goes too,
# or it would hold the PostgreSQL database the next run drops
trap 'kill "$PID" 2>/dev/null' EXIT

# next_id — the next of a sequence (SEQ, 101–999) and, in ID, an ID number
# 41072619800101 + SEQ with its GB 11643 check digit: 185 is the weighted
# sum of the first fourteen digits (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5),
# the sequence's digits weigh 8 4 2
SEQ=100
next_id() {
	SEQ=$((SEQ + 1))
	s=$(((185 + SEQ / 100 * 8 + SEQ / 10 % 10 * 4 + SEQ % 10 * 2) % 11))
	case $s in 0) k=1 ;; 1) k=0 ;; 2) k=X ;; *) k=$((12 - s)) ;; esac
	ID=41072619800101$SEQ$k
}

# ---- the region fixtures ----
login approver "$DEMO"
req approver towns "$URL/api/v1/regions?parent=410726000000"
TB=$(jq -r --arg a "$TA" '[.children[] | select(.code != $a and .level == 4)][0].code' "$T/towns.body")
req approver villa "$URL/api/v1/regions?parent=$TA"
VA=$(jq -r '[.children[] | select(.level == 5)][0].code' "$T/villa.body")
req approver villb "$URL/api/v1/regions?parent=$TB"
VB=$(jq -r '[.children[] | select(.level == 5)][0].code' "$T/villb.body")
case "$TB$VA$VB" in *null*) fail "region fixtures: TB=$TB VA=$VA VB=$VB"; finish ;; esac

# ---- the users: one per role in township A, writers for the fixtures ----
# The audit log is kept per county, so the auditor sits in the county and
# his "outside" is the other county; every other role sits in township A
# (the village agent in its village) and his "outside" is township B.
home() {
	case $1 in
	village_agent) echo "$VA" ;;
	auditor) echo 410726000000 ;;
	*) echo "$TA" ;;
	esac
}
add_user() { # add_user NAME REGION ROLE
	DIBAO_PASSWORD="$GOOD" expect_exit 0 "add $1" -- "$DIBAO" --db "$DB" user add "$1" --name "$1" --region "$2" --role "$3"
}
for r in $ROLES; do
	add_user "w_$r" "$(home "$r")" "$r"
	session "w_$r" /api/v1/regions
	login "w_$r" "$NEW"
done
add_user fix_a "$VA" township_caseworker # makes the inside objects
add_user fix_b "$TB" township_caseworker # and the outside ones
add_user fix_q 410727100000 township_caseworker # in the other county
for u in fix_a fix_b fix_q; do session "$u" /api/v1/regions; login "$u" "$NEW"; done

# household USER VILLAGE — creates a household with a head and one more
# member; sets HHOUT to "household_id person_id membership_id" of the
# second member
household() {
	next_id; hid=$ID; next_id; mid=$ID
	w "$1" mk POST /api/v1/households "{\"village_code\":\"$2\",\"address\":\"走查路 $SEQ 号\",\"registration\":2,\"head\":{\"id_number\":\"$hid\",\"name\":\"户主$SEQ\"}}"
	[ "$RC" = 201 ] || { fail "fixture household in $2: HTTP $RC"; sed 's/^/    | /' "$T/mk.body" >&2; finish; }
	h=$(jq -r .household.id "$T/mk.body")
	w "$1" mk2 POST "/api/v1/households/$h/members" "{\"id_number\":\"$mid\",\"name\":\"成员$SEQ\",\"relation\":20,\"start_date\":\"2026-01-01\"}"
	[ "$RC" = 201 ] || { fail "fixture member: HTTP $RC"; sed 's/^/    | /' "$T/mk2.body" >&2; finish; }
	HHOUT=$(jq -r --arg id "$mid" '"\(.household.id) \(.members[] | select(.id_number == $id) | "\(.person_id) \(.membership_id)")"' "$T/mk2.body")
}
household fix_a "$VA"; set -- $HHOUT; HA=$1; PA=$2
household fix_a "$VA"; set -- $HHOUT; HA2=$1
household fix_b "$VB"; set -- $HHOUT; HB=$1; PB=$2
household fix_q 410727100201; set -- $HHOUT; HQ=$1; PQ=$2
req fix_a hano "$URL/api/v1/households/$HA"; HANO=$(jq -r .household.hh_no "$T/hano.body")
req fix_b hbno "$URL/api/v1/households/$HB"; HBNO=$(jq -r .household.hh_no "$T/hbno.body")
req fix_q hqno "$URL/api/v1/households/$HQ"; HQNO=$(jq -r .household.hh_no "$T/hqno.body")

# cases: one in each place, opened with a document missing, with its
# one-time notice (the case's first document). case_in USER HOUSEHOLD —
# opens a rural case; prints its id
case_in() {
	w "$1" mkc POST /api/v1/cases "{\"household_id\":$2,\"program\":\"dibao_rural\",\"missing\":[\"promise\"]}"
	[ "$RC" = 201 ] || { fail "fixture case of household $2: HTTP $RC"; sed 's/^/    | /' "$T/mkc.body" >&2; finish; }
	jq -r .case.id "$T/mkc.body"
}
# case_doc USER CASE — issues the one-time notice; prints "document_id case_no"
case_doc() {
	w "$1" mkd POST "/api/v1/cases/$2/actions" '{"action":"request_documents"}'
	[ "$RC" = 200 ] || { fail "fixture document of case $2: HTTP $RC"; sed 's/^/    | /' "$T/mkd.body" >&2; finish; }
	req "$1" mkg "$URL/api/v1/cases/$2"
	echo "$(jq -r .document_id "$T/mkd.body") $(jq -r .case.case_no "$T/mkg.body")"
}
household fix_a "$VA"; set -- $HHOUT; CA=$(case_in fix_a "$1"); set -- $(case_doc fix_a "$CA"); DOCA=$1; CANO=$2
household fix_b "$VB"; set -- $HHOUT; CB=$(case_in fix_b "$1"); set -- $(case_doc fix_b "$CB"); DOCB=$1; CBNO=$2
household fix_q 410727100201; set -- $HHOUT; CQ=$(case_in fix_q "$1"); set -- $(case_doc fix_q "$CQ"); DOCQ=$1; CQNO=$2

# ---- every route must be in the matrix ----
"$DIBAO" serve --routes >"$T/routes"
MATRIX="
GET /healthz public
GET /metrics public
POST /api/v1/session self
GET /api/v1/session self
DELETE /api/v1/session self
POST /api/v1/session/password self
GET /api/v1/regions region_read
GET /api/v1/codes any
GET /api/v1/audit audit_read
GET /api/v1/audit/export audit_read
GET /api/v1/users user_admin
POST /api/v1/users user_admin
PATCH /api/v1/users/{username} user_admin
POST /api/v1/users/{username}/password user_admin
GET /api/v1/households register_read
GET /api/v1/households/export register_read
GET /api/v1/stats/register register_read
POST /api/v1/households register_write
GET /api/v1/households/{id} register_read
PATCH /api/v1/households/{id} register_write
GET /api/v1/households/{id}/history register_read
POST /api/v1/households/{id}/members register_write
PATCH /api/v1/persons/{id} register_write
POST /api/v1/memberships/{id}/end register_write
POST /api/v1/memberships/{id}/move register_write
GET /api/v1/standards region_read
POST /api/v1/standards standard_write
GET /api/v1/params region_read
GET /api/v1/params/{key}/history region_read
PUT /api/v1/params/{key} param_write
GET /api/v1/cases register_read
POST /api/v1/cases case_act
GET /api/v1/cases/{id} register_read
POST /api/v1/cases/{id}/actions case_act
GET /api/v1/case-documents/{id} register_read
GET /api/v1/case-checklist any
GET /api/v1/households/{id}/coverage register_read
POST /api/v1/households/{id}/coverage/changes case_act
GET /api/v1/households/{id}/assessment register_read
GET /api/v1/coverage/reasons any
GET /api/v1/coverage/reviews register_read
POST /api/v1/coverage/reviews/{id}/close case_act
POST /api/v1/persons/{id}/death case_act
POST /api/v1/persons/{id}/work-offers case_act
GET /api/v1/payroll/programs payroll_read
GET /api/v1/payroll/runs payroll_read
POST /api/v1/payroll/runs payroll_prepare
GET /api/v1/payroll/runs/{id} payroll_read
GET /api/v1/payroll/runs/{id}/lines payroll_read
POST /api/v1/payroll/runs/{id}/submit payroll_prepare
POST /api/v1/payroll/runs/{id}/rebuild payroll_prepare
POST /api/v1/payroll/runs/{id}/send-back payroll_approve
POST /api/v1/payroll/runs/{id}/approve payroll_approve
POST /api/v1/payroll/runs/{id}/cancel payroll_approve
GET /api/v1/payroll/templates payroll_read
POST /api/v1/payroll/templates payroll_pay
DELETE /api/v1/payroll/templates/{name} payroll_pay
POST /api/v1/payroll/runs/{id}/export payroll_pay
GET /api/v1/payroll/runs/{id}/bank-file payroll_read
POST /api/v1/payroll/runs/{id}/return payroll_pay
GET /api/v1/payroll/runs/{id}/reconciliation payroll_read
POST /api/v1/payroll/runs/{id}/reconcile payroll_pay
GET /api/v1/payroll/failed payroll_read
POST /api/v1/payroll/reissue payroll_prepare
POST /api/v1/payroll/arrears payroll_prepare
GET /api/v1/payroll/runs/{id}/roster.xlsx payroll_read
GET /api/v1/payroll/runs/{id}/ledger.xlsx payroll_read
GET /api/v1/payroll/overpayments payroll_read
POST /api/v1/payroll/overpayments payroll_approve
GET /api/v1/payroll/overpayments/{id} payroll_read
POST /api/v1/payroll/overpayments/{id}/repayments payroll_pay
POST /api/v1/payroll/overpayments/{id}/plan payroll_approve
POST /api/v1/payroll/overpayments/{id}/waive payroll_approve
GET /api/v1/households/{id}/payments register_read
"
while read -r m p g; do
	if echo "$MATRIX" | awk -v m="$m" -v p="$p" '$1 == m && $2 == p { f = 1 } END { exit !f }'; then ok; else
		fail "route $m $p is not in the authorisation walk's matrix"
	fi
	case "$m $g" in
	"GET "*) ;;
	*" public") [ "$p" = /api/v1/session ] && ok || fail "$m $p is public" ;;
	*) [ "$g" = "session+csrf" ] && ok || fail "$m $p changes state without CSRF" ;;
	esac
done <"$T/routes"
nroutes=$(wc -l <"$T/routes")

# expect USER NAME ALLOWED — 2xx when allowed, 403 (EPERM, Chinese) when
# not; a failure names the user, the request and (sent in a batch) its
# method and path
expect() {
	c=
	read -r c <"$T/$2.code" || :
	x=
	[ -f "$T/$2.what" ] && read -r x <"$T/$2.what"
	if [ "$3" = yes ]; then
		case $c in 2??) ok ;; *) fail "$1: $2 ($x) should be allowed, got HTTP $c"; sed 's/^/    | /' "$T/$2.body" >&2 ;; esac
	else
		b=
		[ "$c" = 403 ] && read -r b <"$T/$2.body"
		if case $b in *'"code":"EPERM"'*) true ;; *) false ;; esac; then ok; else
			fail "$1: $2 ($x) should be 403, got HTTP $c"; sed 's/^/    | /' "$T/$2.body" >&2
		fi
	fi
}
# absent FILE TEXT WHAT — an outside record must not leak into FILE
absent() {
	if grep -qF -- "$2" "$1"; then fail "$3: leaks \"$2\""; else ok; fi
}
# fingerprint — what a refused write must leave unchanged: every write
# appends an audit record, so their count (and the register's) says it all
# (a whole-database snapshot would see sessions' last_seen move)
dbq() {
	case "$DB" in
	sqlite:*) sqlite3 "${DB#sqlite:}" "$1" ;;
	*) psql -tA "$DB" -c "$1" ;;
	esac
}
fingerprint() {
	dbq "SELECT (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM households) || '/' || (SELECT count(*) FROM persons) || '/' || (SELECT count(*) FROM memberships WHERE end_date IS NULL) || '/' || (SELECT sum(health) FROM persons) || '/' || (SELECT count(*) FROM users)"
}

# ---- coverage fixtures ----
# A household covered in township A and one in township B, each confirmed
# through the command line on business dates of October 2026 (paid from
# November, before the server's day), and a death's review outside each
# walker's region: in township B, and for the auditor in the other county.
add_user fix_rb "$TB" township_reviewer
cli() { # cli DATE ARGS… — a fixture command on a business date
	d=$1; shift
	DIB_TODAY=$d "$DIBAO" --db "$DB" "$@" >"$T/cli.out" 2>"$T/cli.err" || {
		fail "fixture: $*"; sed 's/^/    | /' "$T/cli.err" >&2; finish; }
}
covered() { # covered HOUSEHOLD CASEWORKER REVIEWER — confirms a rural case
	cli 2026-10-12 case open --user "$2" --household "$1" --program dibao_rural
	no=$(dbq "SELECT case_no FROM cases WHERE household_id = $1")
	for a in accept "record_visit --visit-date 2026-10-12 --investigators 王五,赵六" request_check "record_check --check passed"; do
		# shellcheck disable=SC2086
		cli 2026-10-12 case act "$no" --user "$2" --action $a
	done
	cli 2026-10-12 case act "$no" --user "$3" --action township_review
	cli 2026-10-12 case act "$no" --user "$2" --action publish
	cli 2026-10-20 case act "$no" --user "$2" --action close_notice
	cli 2026-10-20 case act "$no" --user "$2" --action submit
	cli 2026-10-21 case act "$no" --user approver --action confirm
}
household fix_a "$VA"; set -- $HHOUT; CVA=$1; covered "$CVA" caseworker reviewer
household fix_b "$VB"; set -- $HHOUT; CVB=$1; covered "$CVB" fix_b fix_rb
household fix_b "$VB"; set -- $HHOUT; cli 2026-10-21 coverage death --user fix_b --person "$2" --date 2026-10-01
RVB=$(dbq "SELECT id FROM coverage_reviews WHERE household_id = $1"); RVBNO=$(dbq "SELECT hh_no FROM households WHERE id = $1")
household fix_q 410727100201; set -- $HHOUT; cli 2026-10-21 coverage death --user fix_q --person "$2" --date 2026-10-01
RVQ=$(dbq "SELECT id FROM coverage_reviews WHERE household_id = $1"); RVQNO=$(dbq "SELECT hh_no FROM households WHERE id = $1")
for v in "$CVA" "$CVB" "$RVB" "$RVQ"; do [ -n "$v" ] || { fail "coverage fixtures: \"$CVA\" \"$CVB\" \"$RVB\" \"$RVQ\""; finish; }; done
[ "$(dbq "SELECT count(*) FROM entitlements WHERE household_id IN ($CVA, $CVB) AND to_month IS NULL")" = 2 ] && ok || { fail "coverage fixtures: not covered"; finish; }
# cov_may ROLE WHAT — who may decide a change (decide: the county approver,
# confirmation being the county's by default, domain.md) and who may record
# a death or a job offer and close a review (record: the roles that act on
# cases, case_act)
cov_may() {
	case "$2 $1" in
	"decide county_approver") return 0 ;;
	"record village_agent" | "record township_caseworker" | "record township_reviewer") return 0 ;;
	"record county_approver" | "record petition_officer") return 0 ;;
	esac
	return 1
}

# ---- payroll fixture: November's rural roster of the two covered
# households, one section in each township (built by township A's clerk;
# the walkers, all in township A or in the county, are refused township B's
# section and, sitting below the county, the county's steps)
cli 2026-11-20 payroll run --user fix_a --program dibao_rural --period 2026-11
RUN=$(dbq "SELECT id FROM payroll_runs WHERE period = '2026-11'")
CVBNO=$(dbq "SELECT hh_no FROM households WHERE id = $CVB")
[ "$(dbq "SELECT count(*) FROM payroll_sections WHERE run_id = $RUN")" = 2 ] && ok || { fail "payroll fixture: two sections"; finish; }
# overpayments (应追缴) of the covered household in each township, to
# repay, recorded by the county's approver; one in the other county
cli 2026-11-20 payroll overpayment add --user approver --household "$CVA" --program dibao_rural --period 2026-10 --amount 10 --reason fraud --plan repay --note 走查
OPA=$(dbq "SELECT id FROM overpayments WHERE household_id = $CVA")
cli 2026-11-20 payroll overpayment add --user approver --household "$CVB" --program dibao_rural --period 2026-10 --amount 10 --reason fraud --plan repay --note 走查
OPB=$(dbq "SELECT id FROM overpayments WHERE household_id = $CVB")
# one more inside, for the waiver (核销) that closes it
cli 2026-11-20 payroll overpayment add --user approver --household "$CVA" --program dibao_rural --period 2026-09 --amount 10 --reason other --plan repay --note 走查核销
OPW=$(dbq "SELECT id FROM overpayments WHERE household_id = $CVA AND period = '2026-09'")
dbq "INSERT INTO overpayments (county, id, household_id, program, period, amount_fen, reason, plan, created_at, created_by) VALUES ('410727', 900001, $HQ, 'dibao_rural', '2026-10', 1000, 'fraud', 'repay', '2026-11-20T00:00:00Z', 'walk')" >/dev/null
OPQ=900001

# ---- public and self routes ----
req nobody h "$URL/healthz"; expect_status h 200
req nobody mt "$URL/metrics"; expect_status mt 200

# role_vars ROLE — Y_<permission>, C_<case action> and V_<coverage step>
# = yes|no for ROLE: set once per role, read thousands of times (a $(…)
# costs a fork)
role_vars() {
	for p in region_read region_write register_read register_write audit_read user_admin \
		payroll_read payroll_prepare payroll_approve payroll_pay; do
		if may "$1" "$p"; then eval "Y_$p=yes"; else eval "Y_$p=no"; fi
	done
	for a in apply request_documents withdraw; do
		if case_may "$1" "$a"; then eval "C_$a=yes"; else eval "C_$a=no"; fi
	done
	for a in decide record; do
		if cov_may "$1" "$a"; then eval "V_$a=yes"; else eval "V_$a=no"; fi
	done
}

# Each role's requests go in batches (lib_api.sh: batch … send), one curl
# each: the requests between two points where the walk must look — a
# fixture made, a fingerprint taken, an answer read — are sent together,
# in the order written, and checked one by one after `send`.
for r in $ROLES; do
	u=w_$r
	role_vars "$r"
	if [ "$r" = auditor ]; then AUD=yes; else AUD=no; fi
	if [ "$r" = auditor ]; then
		OT=410727100000; OV=410727100201; OH=$HQ; POUT=$PQ; ONO=$HQNO; PRE=410726; OU=fix_q
	else
		OT=$TB; OV=$VB; OH=$HB; POUT=$PB; ONO=$HBNO; PRE=${TA%000}; OU=fix_b
	fi
	rd=$Y_register_read
	batch "$u"
	breq s "$URL/api/v1/session"
	breq codes "$URL/api/v1/codes"
	# regions
	breq rg_in "$URL/api/v1/regions?parent=$VA"
	breq rg_out "$URL/api/v1/regions?parent=$OT"
	# one household: read
	breq get_in "$URL/api/v1/households/$HA"
	breq get_out "$URL/api/v1/households/$OH"
	breq hist_in "$URL/api/v1/households/$HA/history"
	breq hist_out "$URL/api/v1/households/$OH/history"
	# lists, search, export, stats
	breq ls_in "$URL/api/v1/households?q=$HANO"
	breq ls_out "$URL/api/v1/households?q=$ONO"
	breq ls_all "$URL/api/v1/households?limit=200"
	breq ls_rb "$URL/api/v1/households?region=$OT"
	breq ex_rb "$URL/api/v1/households/export?region=$OT"
	breq st_rb "$URL/api/v1/stats/register?region=$OT"
	breq ex "$URL/api/v1/households/export"
	breq st "$URL/api/v1/stats/register"
	send
	expect "$u" s yes
	expect "$u" codes yes
	expect "$u" rg_in "$Y_region_read"
	expect "$u" rg_out no
	expect "$u" get_in "$rd"
	expect "$u" get_out no
	absent "$T/get_out.body" "$ONO" "$u: /api/v1/households/HH outside"
	expect "$u" hist_in "$rd"
	expect "$u" hist_out no
	absent "$T/hist_out.body" "$ONO" "$u: /api/v1/households/HH/history outside"
	expect "$u" ls_in "$rd"
	expect "$u" ls_rb no
	expect "$u" ex_rb no
	expect "$u" st_rb no
	if [ "$rd" = yes ]; then
		[ "$(jq .total "$T/ls_in.body")" = 1 ] && ok || fail "$u: search for the inside household: total $(jq .total "$T/ls_in.body")"
		expect "$u" ls_out yes
		[ "$(jq .total "$T/ls_out.body")" = 0 ] && ok || fail "$u: search finds the outside household"
		absent "$T/ls_all.body" "$ONO" "$u: household list"
		[ "$(jq '[.items[] | select(.village_code | startswith("'"$PRE"'") | not)] | length' "$T/ls_all.body")" = 0 ] && ok || { fail "$u: list holds households outside $PRE"; jq -c '.items[] | .village_code' "$T/ls_all.body" | head -3 >&2; }
		expect "$u" ex yes
		mkdir -p "$T/x" && rm -rf "$T/x/"* && (cd "$T/x" && unzip -q ../ex.body 2>/dev/null)
		cat "$T"/x/xl/sharedStrings.xml "$T"/x/xl/worksheets/*.xml 2>/dev/null >"$T/ex.txt"
		expect_text "$T/ex.txt" "$HANO" "$u: export holds the inside household"
		absent "$T/ex.txt" "$ONO" "$u: export"
		expect "$u" st yes
		absent "$T/st.body" "\"$OT\"" "$u: stats"
		[ "$(jq '[.by_child[].code | select(startswith("'"$PRE"'") | not)] | length' "$T/st.body")" = 0 ] && ok || { fail "$u: stats by_child outside $PRE"; jq -c '.by_child' "$T/st.body" | head -c 300 >&2; }
	else
		expect "$u" ls_out no; expect "$u" ls_all no; expect "$u" ex no; expect "$u" st no
	fi

	# writes: each on fresh objects, so an allowed write really happens
	wr=$Y_register_write
	household "$OU" "$OV"; set -- $HHOUT; mb=$3
	household fix_a "$VA"; set -- $HHOUT; ma=$3
	[ "$wr" = yes ] && { household fix_a "$VA"; set -- $HHOUT; me=$3; }
	before=$(fingerprint)
	batch "$u"
	next_id; bw c_out POST /api/v1/households "{\"village_code\":\"$OV\",\"address\":\"外\",\"registration\":2,\"head\":{\"id_number\":\"$ID\",\"name\":\"外人\"}}"
	bw p_out PATCH "/api/v1/households/$OH" '{"address":"改"}'
	next_id; bw m_out POST "/api/v1/households/$OH/members" "{\"id_number\":\"$ID\",\"name\":\"新\",\"relation\":20}"
	bw pp_out PATCH "/api/v1/persons/$POUT" '{"health":2}'
	bw e_out POST "/api/v1/memberships/$mb/end" '{"end_date":"2026-11-01","reason":"迁出"}'
	bw mv_out POST "/api/v1/memberships/$mb/move" "{\"household_id\":$HA,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"
	bw mv_to_out POST "/api/v1/memberships/$ma/move" "{\"household_id\":$OH,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"
	if [ "$wr" = no ]; then
		next_id; bw c_in POST /api/v1/households "{\"village_code\":\"$VA\",\"address\":\"内\",\"registration\":2,\"head\":{\"id_number\":\"$ID\",\"name\":\"内人\"}}"
		bw p_in PATCH "/api/v1/households/$HA" '{"address":"改"}'
		next_id; bw m_in POST "/api/v1/households/$HA/members" "{\"id_number\":\"$ID\",\"name\":\"新\",\"relation\":20}"
		bw pp_in PATCH "/api/v1/persons/$PA" '{"health":2}'
		bw e_in POST "/api/v1/memberships/$ma/end" '{"end_date":"2026-11-01","reason":"迁出"}'
		bw mv_in POST "/api/v1/memberships/$ma/move" "{\"household_id\":$HA2,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"
	fi
	send
	for n in c_out p_out m_out pp_out e_out mv_out mv_to_out; do expect "$u" $n no; done
	[ "$wr" = no ] && for n in c_in p_in m_in pp_in e_in mv_in; do expect "$u" $n no; done
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused write changed the database"
	# (sent with the audit log's and the users' reads below)
	batch "$u"
	if [ "$wr" = yes ]; then
		next_id; bw c_in POST /api/v1/households "{\"village_code\":\"$VA\",\"address\":\"内\",\"registration\":2,\"head\":{\"id_number\":\"$ID\",\"name\":\"内人\"}}"
		bw p_in PATCH "/api/v1/households/$HA" "{\"address\":\"走查路 $r\"}"
		next_id; bw m_in POST "/api/v1/households/$HA/members" "{\"id_number\":\"$ID\",\"name\":\"新\",\"relation\":20}"
		bw pp_in PATCH "/api/v1/persons/$PA" '{"health":2}'
		bw mv_in POST "/api/v1/memberships/$ma/move" "{\"household_id\":$HA2,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"
		bw e_in POST "/api/v1/memberships/$me/end" '{"end_date":"2026-11-01","reason":"迁出"}'
	fi

	# audit log: county-wide; the other county's records never appear
	au=$Y_audit_read
	breq au "$URL/api/v1/audit?entity=household&limit=200"
	breq aux "$URL/api/v1/audit/export"
	# users: accounts in township A only
	ua=$Y_user_admin
	breq ul "$URL/api/v1/users"
	send
	[ "$wr" = yes ] && for n in c_in p_in m_in pp_in mv_in e_in; do expect "$u" $n yes; done
	expect "$u" au "$au"
	expect "$u" aux "$au"
	if [ "$au" = yes ]; then
		[ "$(jq '[.items[] | select(.entity == "household" and .entity_id == "'"$HQ"'")] | length' "$T/au.body")" = 0 ] && ok || fail "$u: audit log shows the other county's household"
		[ "$(jq '[.items[] | select(.entity == "household" and .entity_id == "'"$HA"'")] | length' "$T/au.body")" -gt 0 ] && ok || fail "$u: audit log misses township A's household"
	fi
	expect "$u" ul "$ua"
	nu="n_${r}_$SEQ"
	before=$(fingerprint)
	batch "$u"
	bw uc_out POST /api/v1/users "{\"username\":\"o$nu\",\"display_name\":\"外\",\"region_code\":\"$OT\",\"roles\":[\"township_reviewer\"],\"password\":\"$GOOD\"}"
	bw uu_out PATCH /api/v1/users/$OU '{"display_name":"改"}'
	bw up_out POST /api/v1/users/$OU/password "{\"password\":\"$GOOD\"}"
	send
	expect "$u" uc_out no; expect "$u" uu_out no; expect "$u" up_out no
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused user write changed the database"
	batch "$u"
	bw uc_in POST /api/v1/users "{\"username\":\"$nu\",\"display_name\":\"新\",\"region_code\":\"$(home "$r")\",\"roles\":[\"township_reviewer\"],\"password\":\"$GOOD\"}"
	bw uu_in PATCH /api/v1/users/fix_a '{"display_name":"改名"}'
	bw up_in POST /api/v1/users/w_township_reviewer/password "{\"password\":\"$GOOD\"}"

	# standards and parameters: read on the user's line (his county's values
	# govern his work), never another county's. They are set at county level
	# or above (standard_write, param_write: county approvers and system
	# administrators), and every walker sits in township A (the auditor, who
	# sets nothing, in the county), so each write here is refused by role or
	# by region; test_params.sh walks the allowed ones.
	breq sd_in "$URL/api/v1/standards?county=410726"
	breq sd_out "$URL/api/v1/standards?county=410727"
	breq pm_in "$URL/api/v1/params?county=410726"
	breq pm_out "$URL/api/v1/params?county=410727"
	breq ph_in "$URL/api/v1/params/amount.minimum_fen/history?scope=410726"
	breq ph_out "$URL/api/v1/params/amount.minimum_fen/history?scope=410727"
	send
	expect "$u" uc_in "$ua"; expect "$u" uu_in "$ua"; expect "$u" up_in "$ua"
	if [ "$ua" = yes ]; then
		absent "$T/ul.body" '"fix_b"' "$u: user list"
		absent "$T/ul.body" '"fix_q"' "$u: user list"
		expect_text "$T/ul.body" '"fix_a"' "$u: user list holds township A's accounts"
	fi
	expect "$u" sd_in "$Y_region_read"; expect "$u" sd_out no
	expect "$u" pm_in "$Y_region_read"; expect "$u" pm_out no
	expect "$u" ph_in "$Y_region_read"; expect "$u" ph_out no
	before=$(fingerprint)
	batch "$u"
	for cty in 410726 410727; do
		bw sw_$cty POST /api/v1/standards "{\"county\":\"$cty\",\"program\":\"dibao_urban\",\"effective_from\":\"2099-01-01\",\"amount_fen\":60000}"
	done
	for cty in 410726 410727 41; do
		bw pw_$cty PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"$cty\",\"value\":\"10\",\"effective_from\":\"2099-01-01\"}"
	done
	send
	for n in sw_410726 sw_410727 pw_410726 pw_410727 pw_41; do expect "$u" $n no; done
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused standard or parameter write changed the database"

	# cases: read like the register; opened and acted on by the roles the
	# workflow names, inside the region only. The later states' actions
	# (the reviewer's, the approver's, the petition officer's) are walked
	# allowed in test_case_api.sh; here each of them is refused an action
	# of the caseworker's, which the workflow's role check must stop.
	if [ "$r" = auditor ]; then OC=$CQ; OCNO=$CQNO; ODOC=$DOCQ; else OC=$CB; OCNO=$CBNO; ODOC=$DOCB; fi
	batch "$u"
	breq cs_in "$URL/api/v1/cases/$CA"
	breq cs_out "$URL/api/v1/cases/$OC"
	breq cd_in "$URL/api/v1/case-documents/$DOCA"
	breq cd_out "$URL/api/v1/case-documents/$ODOC"
	breq cl_all "$URL/api/v1/cases?limit=500"
	breq cl_rb "$URL/api/v1/cases?region=$OT"
	breq ck "$URL/api/v1/case-checklist"
	send
	expect "$u" cs_in "$rd"; expect "$u" cs_out no
	absent "$T/cs_out.body" "$OCNO" "$u: an outside case"
	expect "$u" cd_in "$rd"; expect "$u" cd_out no
	absent "$T/cd_out.body" "$OCNO" "$u: an outside document"
	expect "$u" cl_rb no
	expect "$u" ck yes
	if [ "$rd" = yes ]; then
		expect "$u" cl_all yes
		expect_text "$T/cl_all.body" "\"$CANO\"" "$u: case list holds the inside case"
		absent "$T/cl_all.body" "$OCNO" "$u: case list"
		[ "$(jq '[.items[] | select(.household.village_code | startswith("'"$PRE"'") | not)] | length' "$T/cl_all.body")" = 0 ] && ok || fail "$u: case list holds cases outside $PRE"
	else
		expect "$u" cl_all no
	fi
	household fix_a "$VA"; set -- $HHOUT; hin=$1
	household fix_a "$VA"; set -- $HHOUT; cin=$(case_in fix_a "$1")
	before=$(fingerprint)
	batch "$u"
	bw co_out POST /api/v1/cases "{\"household_id\":$OH,\"program\":\"dibao_rural\"}"
	bw ca_out POST "/api/v1/cases/$OC/actions" '{"action":"withdraw","reason":"走查"}'
	[ "$C_apply" = no ] && bw co_in POST /api/v1/cases "{\"household_id\":$hin,\"program\":\"dibao_rural\"}"
	[ "$C_request_documents" = no ] && bw rd_in POST "/api/v1/cases/$cin/actions" '{"action":"request_documents"}'
	[ "$C_withdraw" = no ] && bw wd_in POST "/api/v1/cases/$cin/actions" '{"action":"withdraw","reason":"走查"}'
	send
	expect "$u" co_out no; expect "$u" ca_out no
	[ "$C_apply" = no ] && expect "$u" co_in no
	[ "$C_request_documents" = no ] && expect "$u" rd_in no
	[ "$C_withdraw" = no ] && expect "$u" wd_in no
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused case write changed the database"
	batch "$u"
	[ "$C_apply" = yes ] && bw co_in POST /api/v1/cases "{\"household_id\":$hin,\"program\":\"dibao_rural\"}"
	[ "$C_request_documents" = yes ] && bw rd_in POST "/api/v1/cases/$cin/actions" '{"action":"request_documents"}'
	[ "$C_withdraw" = yes ] && bw wd_in POST "/api/v1/cases/$cin/actions" '{"action":"withdraw","reason":"走查"}'

	# coverage: read like the register (the coverage, the assessment, the
	# reviews); changes on a covered household, deaths, job offers and
	# closing a review as cov_may says, inside the region only
	if [ "$r" = auditor ]; then ORV=$RVQ; ORVNO=$RVQNO; else ORV=$RVB; ORVNO=$RVBNO; fi
	breq cv_in "$URL/api/v1/households/$CVA/coverage"
	breq cv_out "$URL/api/v1/households/$OH/coverage"
	breq pay_in "$URL/api/v1/households/$CVA/payments"
	breq pay_out "$URL/api/v1/households/$OH/payments"
	breq as_in "$URL/api/v1/households/$HA/assessment?program=dibao_rural"
	breq as_out "$URL/api/v1/households/$OH/assessment?program=dibao_rural"
	breq cr "$URL/api/v1/coverage/reasons"
	breq rv "$URL/api/v1/coverage/reviews?all=true"
	send
	[ "$C_apply" = yes ] && expect "$u" co_in yes
	[ "$C_request_documents" = yes ] && expect "$u" rd_in yes
	[ "$C_withdraw" = yes ] && expect "$u" wd_in yes
	expect "$u" cv_in "$rd"; expect "$u" cv_out no
	expect "$u" pay_in "$rd"; expect "$u" pay_out no
	expect "$u" as_in "$rd"; expect "$u" as_out no
	absent "$T/as_out.body" "$ONO" "$u: an outside assessment"
	expect "$u" cr yes
	expect "$u" rv "$rd"
	[ "$rd" = yes ] && absent "$T/rv.body" "$ORVNO" "$u: review list"
	household fix_a "$VA"; set -- $HHOUT; pin=$2
	w fix_a mkr POST "/api/v1/persons/$2/death" '{"date":"2026-11-01"}'
	[ "$RC" = 201 ] || { fail "fixture review: HTTP $RC"; sed 's/^/    | /' "$T/mkr.body" >&2; finish; }
	rin=$(jq -r .id "$T/mkr.body")
	household fix_a "$VA"; set -- $HHOUT; pin=$2
	CHB='{"program":"dibao_rural","kind":"reduce","reason":"income_changed","decision_no":"走查","amount_fen":1}'
	before=$(fingerprint)
	batch "$u"
	bw ch_out POST "/api/v1/households/$CVB/coverage/changes" "$CHB"
	bw dt_out POST "/api/v1/persons/$POUT/death" '{"date":"2026-11-01"}'
	bw wo_out POST "/api/v1/persons/$POUT/work-offers" '{"date":"2026-11-01","outcome":"refused"}'
	bw rc_out POST "/api/v1/coverage/reviews/$ORV/close" '{"outcome":"走查"}'
	[ "$V_decide" = no ] && bw ch_in POST "/api/v1/households/$CVA/coverage/changes" "$CHB"
	if [ "$V_record" = no ]; then
		bw dt_in POST "/api/v1/persons/$pin/death" '{"date":"2026-11-01"}'
		bw wo_in POST "/api/v1/persons/$pin/work-offers" '{"date":"2026-11-01","outcome":"refused"}'
		bw rc_in POST "/api/v1/coverage/reviews/$rin/close" '{"outcome":"走查"}'
	fi
	send
	for n in ch_out dt_out wo_out rc_out; do expect "$u" $n no; done
	[ "$V_decide" = no ] && expect "$u" ch_in no
	[ "$V_record" = no ] && for n in dt_in wo_in rc_in; do expect "$u" $n no; done
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused coverage write changed the database"
	batch "$u"
	[ "$V_decide" = yes ] && bw ch_in POST "/api/v1/households/$CVA/coverage/changes" "$CHB"
	if [ "$V_record" = yes ]; then
		bw wo_in POST "/api/v1/persons/$pin/work-offers" '{"date":"2026-11-01","outcome":"refused"}'
		bw dt_in POST "/api/v1/persons/$pin/death" '{"date":"2026-11-01"}'
		bw rc_in POST "/api/v1/coverage/reviews/$rin/close" '{"outcome":"走查"}'
	fi

	# payroll: read with payroll_read (a township's walker sees only its own
	# section and lines); built and rebuilt in township A with
	# payroll_prepare; township B's section and the county's steps refused
	prd=$Y_payroll_read
	breq pg "$URL/api/v1/payroll/programs"
	breq pl "$URL/api/v1/payroll/runs"
	breq pl_out "$URL/api/v1/payroll/runs?county=410727"
	breq pr "$URL/api/v1/payroll/runs/$RUN"
	breq pn "$URL/api/v1/payroll/runs/$RUN/lines"
	[ "$prd" = yes ] && [ "$r" != auditor ] && breq pn_out "$URL/api/v1/payroll/runs/$RUN/lines?township=$TB"
	# the roster as xlsx: payroll_read (a township's own part), masked or not
	# (each an audit record);
	# the finance ledger: the county's
	breq prx "$URL/api/v1/payroll/runs/$RUN/roster.xlsx?masked=1"
	breq plx "$URL/api/v1/payroll/runs/$RUN/ledger.xlsx"
	send
	[ "$V_decide" = yes ] && expect "$u" ch_in yes
	[ "$V_record" = yes ] && for n in wo_in dt_in rc_in; do expect "$u" $n yes; done
	expect "$u" pg "$prd"
	expect "$u" pl "$prd"
	expect "$u" pl_out no
	expect "$u" pr "$prd"
	expect "$u" pn "$prd"
	if [ "$prd" = yes ] && [ "$r" != auditor ]; then
		absent "$T/pr.body" "\"$TB\"" "$u: payroll run shows township B's section"
		absent "$T/pn.body" "$CVBNO" "$u: payroll lines"
		expect "$u" pn_out no
	fi
	[ "$r" = auditor ] && expect_text "$T/pn.body" "$CVBNO" "auditor: every township's lines"
	expect "$u" prx "$prd"
	expect "$u" plx "$AUD"
	before=$(fingerprint)
	batch "$u"
	bw ps_out POST "/api/v1/payroll/runs/$RUN/submit" "{\"township\":\"$TB\"}"
	bw pa POST "/api/v1/payroll/runs/$RUN/approve" '{}'
	bw pc POST "/api/v1/payroll/runs/$RUN/cancel" '{"reason":"走查"}'
	bw pb POST "/api/v1/payroll/runs/$RUN/send-back" "{\"township\":\"$TA\",\"reason\":\"走查\"}"
	# after approval: templates and the failure queue read with payroll_read
	# (a township's own failures); the bank file and the reconciliation are
	# the county's: refused to every walker below it; the payment steps are
	# the county's payment officer's: refused to every walker here
	breq ptl "$URL/api/v1/payroll/templates"
	breq pfq "$URL/api/v1/payroll/failed"
	breq prc "$URL/api/v1/payroll/runs/$RUN/reconciliation"
	[ "$r" != auditor ] && breq pbf "$URL/api/v1/payroll/runs/$RUN/bank-file"
	bw pex POST "/api/v1/payroll/runs/$RUN/export" '{"template":"通用CSV（UTF-8）"}'
	bw prt POST "/api/v1/payroll/runs/$RUN/return" 'x'
	bw prn POST "/api/v1/payroll/runs/$RUN/reconcile" '{}'
	bw pta POST /api/v1/payroll/templates '{"text":"name = 走查"}'
	bw ptd DELETE /api/v1/payroll/templates/%E8%B5%B0%E6%9F%A5
	# arrears: refused without payroll_prepare; with it, November was never
	# sent to the bank (409)
	bw par POST /api/v1/payroll/arrears '{"program":"dibao_rural","from":"2026-11","to":"2026-11"}'
	bw pri POST /api/v1/payroll/reissue '{"program":"dibao_rural"}'
	ppr=$Y_payroll_prepare
	if [ "$ppr" = no ]; then
		bw pbd POST /api/v1/payroll/runs '{"program":"dibao_rural","period":"2026-12"}'
		bw prb POST "/api/v1/payroll/runs/$RUN/rebuild" "{\"township\":\"$TA\"}"
	fi
	send
	for n in ps_out pa pc pb; do expect "$u" $n no; done
	expect "$u" ptl "$prd"
	expect "$u" pfq "$prd"
	expect "$u" prc "$AUD"
	[ "$r" != auditor ] && expect "$u" pbf no
	for n in pex prt prn pta ptd; do expect "$u" $n no; done
	if [ "$Y_payroll_prepare" = yes ]; then
		read -r RC <"$T/par.code" || RC=
		[ "$RC" = 409 ] && ok || fail "$u: arrears of a period not sent: HTTP $RC"
	else expect "$u" par no; fi
	if [ "$Y_payroll_prepare" = yes ]; then
		read -r RC <"$T/pri.code" || RC=
		[ "$RC" = 404 ] && ok || fail "$u: reissue with an empty queue: HTTP $RC"
	else expect "$u" pri no; fi
	[ "$ppr" = no ] && { expect "$u" pbd no; expect "$u" prb no; }
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused payroll write changed the database"
	# overpayments: read with payroll_read (a township's walker: its own
	# township's households; the auditor: the county's); recorded and
	# planned with payroll_approve, repaid with payroll_pay, on the
	# household inside only
	if [ "$r" = auditor ]; then OOP=$OPQ; OCV=$HQ; OCVNO=$HQNO; else OOP=$OPB; OCV=$CVB; OCVNO=$CVBNO; fi
	batch "$u"
	breq ol "$URL/api/v1/payroll/overpayments"
	breq ol_out "$URL/api/v1/payroll/overpayments?county=410727"
	breq oh_out "$URL/api/v1/payroll/overpayments?household=$OCV"
	breq og_in "$URL/api/v1/payroll/overpayments/$OPA"
	breq og_out "$URL/api/v1/payroll/overpayments/$OOP"
	send
	expect "$u" ol "$prd"
	[ "$prd" = yes ] && absent "$T/ol.body" "$OCVNO" "$u: overpayment list"
	[ "$prd" = yes ] && expect_text "$T/ol.body" "\"id\":$OPA," "$u: the overpayment inside"
	expect "$u" ol_out no
	expect "$u" oh_out no
	expect "$u" og_in "$prd"
	expect "$u" og_out no
	absent "$T/og_out.body" "$OCVNO" "$u: an outside overpayment"
	OPBODY="{\"program\":\"dibao_rural\",\"period\":\"2026-10\",\"amount_fen\":5,\"reason\":\"other\",\"plan\":\"repay\",\"note\":\"走查\"}"
	pap=$Y_payroll_approve; ppy=$Y_payroll_pay
	before=$(fingerprint)
	batch "$u"
	bw oa_out POST /api/v1/payroll/overpayments "{\"household_id\":$OCV,${OPBODY#\{}"
	bw or_out POST "/api/v1/payroll/overpayments/$OOP/repayments" "{\"amount_fen\":1,\"receipt_no\":\"走查外-$r\"}"
	bw op_out POST "/api/v1/payroll/overpayments/$OOP/plan" '{"plan":"deduct"}'
	bw ow_out POST "/api/v1/payroll/overpayments/$OOP/waive" '{"reason":"走查","doc_no":"走查"}'
	if [ "$pap" = no ]; then
		bw oa_in POST /api/v1/payroll/overpayments "{\"household_id\":$CVA,${OPBODY#\{}"
		bw op_in POST "/api/v1/payroll/overpayments/$OPA/plan" '{"plan":"deduct"}'
		bw ow_in POST "/api/v1/payroll/overpayments/$OPW/waive" '{"reason":"走查","doc_no":"走查"}'
	fi
	[ "$ppy" = no ] && bw or_in POST "/api/v1/payroll/overpayments/$OPA/repayments" "{\"amount_fen\":1,\"receipt_no\":\"走查-$r\"}"
	send
	for n in oa_out or_out op_out ow_out; do expect "$u" $n no; done
	[ "$pap" = no ] && for n in oa_in op_in ow_in; do expect "$u" $n no; done
	[ "$ppy" = no ] && expect "$u" or_in no
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused overpayment write changed the database"
	batch "$u"
	if [ "$pap" = yes ]; then
		bw oa_in POST /api/v1/payroll/overpayments "{\"household_id\":$CVA,${OPBODY#\{}"
		bw op_in POST "/api/v1/payroll/overpayments/$OPA/plan" '{"plan":"deduct"}'
		bw ow_in POST "/api/v1/payroll/overpayments/$OPW/waive" '{"reason":"走查","doc_no":"走查"}'
	fi
	[ "$ppy" = yes ] && bw or_in POST "/api/v1/payroll/overpayments/$OPA/repayments" "{\"amount_fen\":1,\"receipt_no\":\"走查-$r\"}"
	if [ "$ppr" = yes ]; then
		bw pbd POST /api/v1/payroll/runs '{"program":"dibao_rural","period":"2026-12"}'
		bw prb POST "/api/v1/payroll/runs/$RUN/rebuild" "{\"township\":\"$TA\"}"
	fi
	send
	[ "$pap" = yes ] && for n in oa_in op_in ow_in; do expect "$u" $n yes; done
	[ "$ppy" = yes ] && expect "$u" or_in yes
	[ "$ppr" = yes ] && { expect "$u" pbd yes; expect "$u" prb yes; }
done

echo "    ($nroutes routes × $(echo $ROLES | wc -w) roles × inside/outside)"
kill "$PID"
wait "$PID" 2>/dev/null
finish
