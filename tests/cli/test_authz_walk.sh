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

# expect USER NAME ALLOWED — 2xx when allowed, 403 (EPERM, Chinese) when not
expect() {
	c=
	read -r c <"$T/$2.code" || :
	if [ "$3" = yes ]; then
		case $c in 2??) ok ;; *) fail "$1: $2 should be allowed, got HTTP $c"; sed 's/^/    | /' "$T/$2.body" >&2 ;; esac
	else
		b=
		[ "$c" = 403 ] && read -r b <"$T/$2.body"
		if case $b in *'"code":"EPERM"'*) true ;; *) false ;; esac; then ok; else
			fail "$1: $2 should be 403, got HTTP $c"; sed 's/^/    | /' "$T/$2.body" >&2
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

for r in $ROLES; do
	u=w_$r
	role_vars "$r"
	if [ "$r" = auditor ]; then AUD=yes; else AUD=no; fi
	if [ "$r" = auditor ]; then
		OT=410727100000; OV=410727100201; OH=$HQ; POUT=$PQ; ONO=$HQNO; PRE=410726; OU=fix_q
	else
		OT=$TB; OV=$VB; OH=$HB; POUT=$PB; ONO=$HBNO; PRE=${TA%000}; OU=fix_b
	fi
	req "$u" s "$URL/api/v1/session"; expect "$u" s yes
	req "$u" codes "$URL/api/v1/codes"; expect "$u" codes yes

	# regions
	req "$u" rg_in "$URL/api/v1/regions?parent=$VA"; expect "$u" rg_in "$Y_region_read"
	req "$u" rg_out "$URL/api/v1/regions?parent=$OT"; expect "$u" rg_out no

	# one household: read
	rd=$Y_register_read
	for path in "/api/v1/households/HH" "/api/v1/households/HH/history"; do
		req "$u" get_in "$URL${path%%HH*}$HA${path#*HH}"; expect "$u" get_in "$rd"
		req "$u" get_out "$URL${path%%HH*}$OH${path#*HH}"; expect "$u" get_out no
		absent "$T/get_out.body" "$ONO" "$u: $path outside"
	done

	# lists, search, export, stats
	req "$u" ls_in "$URL/api/v1/households?q=$HANO"; expect "$u" ls_in "$rd"
	req "$u" ls_out "$URL/api/v1/households?q=$ONO"
	req "$u" ls_all "$URL/api/v1/households?limit=200"
	req "$u" ls_rb "$URL/api/v1/households?region=$OT"; expect "$u" ls_rb no
	req "$u" ex_rb "$URL/api/v1/households/export?region=$OT"; expect "$u" ex_rb no
	req "$u" st_rb "$URL/api/v1/stats/register?region=$OT"; expect "$u" st_rb no
	req "$u" ex "$URL/api/v1/households/export"
	req "$u" st "$URL/api/v1/stats/register"
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
	before=$(fingerprint)
	next_id; w "$u" c_out POST /api/v1/households "{\"village_code\":\"$OV\",\"address\":\"外\",\"registration\":2,\"head\":{\"id_number\":\"$ID\",\"name\":\"外人\"}}"
	expect "$u" c_out no
	w "$u" p_out PATCH "/api/v1/households/$OH" '{"address":"改"}'; expect "$u" p_out no
	next_id; w "$u" m_out POST "/api/v1/households/$OH/members" "{\"id_number\":\"$ID\",\"name\":\"新\",\"relation\":20}"; expect "$u" m_out no
	w "$u" pp_out PATCH "/api/v1/persons/$POUT" '{"health":2}'; expect "$u" pp_out no
	w "$u" e_out POST "/api/v1/memberships/$mb/end" '{"end_date":"2026-11-01","reason":"迁出"}'; expect "$u" e_out no
	w "$u" mv_out POST "/api/v1/memberships/$mb/move" "{\"household_id\":$HA,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"; expect "$u" mv_out no
	w "$u" mv_to_out POST "/api/v1/memberships/$ma/move" "{\"household_id\":$OH,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"; expect "$u" mv_to_out no
	if [ "$wr" = no ]; then
		next_id; w "$u" c_in POST /api/v1/households "{\"village_code\":\"$VA\",\"address\":\"内\",\"registration\":2,\"head\":{\"id_number\":\"$ID\",\"name\":\"内人\"}}"
		w "$u" p_in PATCH "/api/v1/households/$HA" '{"address":"改"}'
		next_id; w "$u" m_in POST "/api/v1/households/$HA/members" "{\"id_number\":\"$ID\",\"name\":\"新\",\"relation\":20}"
		w "$u" pp_in PATCH "/api/v1/persons/$PA" '{"health":2}'
		w "$u" e_in POST "/api/v1/memberships/$ma/end" '{"end_date":"2026-11-01","reason":"迁出"}'
		w "$u" mv_in POST "/api/v1/memberships/$ma/move" "{\"household_id\":$HA2,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"
		for n in c_in p_in m_in pp_in e_in mv_in; do expect "$u" $n no; done
	fi
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused write changed the database"
	if [ "$wr" = yes ]; then
		next_id; w "$u" c_in POST /api/v1/households "{\"village_code\":\"$VA\",\"address\":\"内\",\"registration\":2,\"head\":{\"id_number\":\"$ID\",\"name\":\"内人\"}}"; expect "$u" c_in yes
		w "$u" p_in PATCH "/api/v1/households/$HA" "{\"address\":\"走查路 $r\"}"; expect "$u" p_in yes
		next_id; w "$u" m_in POST "/api/v1/households/$HA/members" "{\"id_number\":\"$ID\",\"name\":\"新\",\"relation\":20}"; expect "$u" m_in yes
		w "$u" pp_in PATCH "/api/v1/persons/$PA" '{"health":2}'; expect "$u" pp_in yes
		w "$u" mv_in POST "/api/v1/memberships/$ma/move" "{\"household_id\":$HA2,\"relation\":80,\"date\":\"2026-11-01\",\"reason\":\"投亲\"}"; expect "$u" mv_in yes
		household fix_a "$VA"; set -- $HHOUT
		w "$u" e_in POST "/api/v1/memberships/$3/end" '{"end_date":"2026-11-01","reason":"迁出"}'; expect "$u" e_in yes
	fi

	# audit log: county-wide; the other county's records never appear
	au=$Y_audit_read
	req "$u" au "$URL/api/v1/audit?entity=household&limit=200"; expect "$u" au "$au"
	req "$u" aux "$URL/api/v1/audit/export"; expect "$u" aux "$au"
	if [ "$au" = yes ]; then
		[ "$(jq '[.items[] | select(.entity == "household" and .entity_id == "'"$HQ"'")] | length' "$T/au.body")" = 0 ] && ok || fail "$u: audit log shows the other county's household"
		[ "$(jq '[.items[] | select(.entity == "household" and .entity_id == "'"$HA"'")] | length' "$T/au.body")" -gt 0 ] && ok || fail "$u: audit log misses township A's household"
	fi

	# users: accounts in township A only
	ua=$Y_user_admin
	req "$u" ul "$URL/api/v1/users"; expect "$u" ul "$ua"
	nu="n_${r}_$SEQ"
	before=$(fingerprint)
	w "$u" uc_out POST /api/v1/users "{\"username\":\"o$nu\",\"display_name\":\"外\",\"region_code\":\"$OT\",\"roles\":[\"township_reviewer\"],\"password\":\"$GOOD\"}"; expect "$u" uc_out no
	w "$u" uu_out PATCH /api/v1/users/$OU '{"display_name":"改"}'; expect "$u" uu_out no
	w "$u" up_out POST /api/v1/users/$OU/password "{\"password\":\"$GOOD\"}"; expect "$u" up_out no
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused user write changed the database"
	w "$u" uc_in POST /api/v1/users "{\"username\":\"$nu\",\"display_name\":\"新\",\"region_code\":\"$(home "$r")\",\"roles\":[\"township_reviewer\"],\"password\":\"$GOOD\"}"; expect "$u" uc_in "$ua"
	w "$u" uu_in PATCH /api/v1/users/fix_a '{"display_name":"改名"}'; expect "$u" uu_in "$ua"
	w "$u" up_in POST /api/v1/users/w_township_reviewer/password "{\"password\":\"$GOOD\"}"; expect "$u" up_in "$ua"
	if [ "$ua" = yes ]; then
		absent "$T/ul.body" '"fix_b"' "$u: user list"
		absent "$T/ul.body" '"fix_q"' "$u: user list"
		expect_text "$T/ul.body" '"fix_a"' "$u: user list holds township A's accounts"
	fi

	# standards and parameters: read on the user's line (his county's values
	# govern his work), never another county's. They are set at county level
	# or above (standard_write, param_write: county approvers and system
	# administrators), and every walker sits in township A (the auditor, who
	# sets nothing, in the county), so each write here is refused by role or
	# by region; test_params.sh walks the allowed ones.
	req "$u" sd_in "$URL/api/v1/standards?county=410726"; expect "$u" sd_in "$Y_region_read"
	req "$u" sd_out "$URL/api/v1/standards?county=410727"; expect "$u" sd_out no
	req "$u" pm_in "$URL/api/v1/params?county=410726"; expect "$u" pm_in "$Y_region_read"
	req "$u" pm_out "$URL/api/v1/params?county=410727"; expect "$u" pm_out no
	req "$u" ph_in "$URL/api/v1/params/amount.minimum_fen/history?scope=410726"; expect "$u" ph_in "$Y_region_read"
	req "$u" ph_out "$URL/api/v1/params/amount.minimum_fen/history?scope=410727"; expect "$u" ph_out no
	before=$(fingerprint)
	for cty in 410726 410727; do
		w "$u" sw_$cty POST /api/v1/standards "{\"county\":\"$cty\",\"program\":\"dibao_urban\",\"effective_from\":\"2099-01-01\",\"amount_fen\":60000}"; expect "$u" sw_$cty no
	done
	for cty in 410726 410727 41; do
		w "$u" pw_$cty PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"$cty\",\"value\":\"10\",\"effective_from\":\"2099-01-01\"}"; expect "$u" pw_$cty no
	done
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused standard or parameter write changed the database"

	# cases: read like the register; opened and acted on by the roles the
	# workflow names, inside the region only. The later states' actions
	# (the reviewer's, the approver's, the petition officer's) are walked
	# allowed in test_case_api.sh; here each of them is refused an action
	# of the caseworker's, which the workflow's role check must stop.
	if [ "$r" = auditor ]; then OC=$CQ; OCNO=$CQNO; ODOC=$DOCQ; else OC=$CB; OCNO=$CBNO; ODOC=$DOCB; fi
	req "$u" cs_in "$URL/api/v1/cases/$CA"; expect "$u" cs_in "$rd"
	req "$u" cs_out "$URL/api/v1/cases/$OC"; expect "$u" cs_out no
	absent "$T/cs_out.body" "$OCNO" "$u: an outside case"
	req "$u" cd_in "$URL/api/v1/case-documents/$DOCA"; expect "$u" cd_in "$rd"
	req "$u" cd_out "$URL/api/v1/case-documents/$ODOC"; expect "$u" cd_out no
	absent "$T/cd_out.body" "$OCNO" "$u: an outside document"
	req "$u" cl_all "$URL/api/v1/cases?limit=500"
	req "$u" cl_rb "$URL/api/v1/cases?region=$OT"; expect "$u" cl_rb no
	req "$u" ck "$URL/api/v1/case-checklist"; expect "$u" ck yes
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
	w "$u" co_out POST /api/v1/cases "{\"household_id\":$OH,\"program\":\"dibao_rural\"}"; expect "$u" co_out no
	w "$u" ca_out POST "/api/v1/cases/$OC/actions" '{"action":"withdraw","reason":"走查"}'; expect "$u" ca_out no
	[ "$C_apply" = no ] && { w "$u" co_in POST /api/v1/cases "{\"household_id\":$hin,\"program\":\"dibao_rural\"}"; expect "$u" co_in no; }
	[ "$C_request_documents" = no ] && { w "$u" rd_in POST "/api/v1/cases/$cin/actions" '{"action":"request_documents"}'; expect "$u" rd_in no; }
	[ "$C_withdraw" = no ] && { w "$u" wd_in POST "/api/v1/cases/$cin/actions" '{"action":"withdraw","reason":"走查"}'; expect "$u" wd_in no; }
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused case write changed the database"
	[ "$C_apply" = yes ] && { w "$u" co_in POST /api/v1/cases "{\"household_id\":$hin,\"program\":\"dibao_rural\"}"; expect "$u" co_in yes; }
	[ "$C_request_documents" = yes ] && { w "$u" rd_in POST "/api/v1/cases/$cin/actions" '{"action":"request_documents"}'; expect "$u" rd_in yes; }
	[ "$C_withdraw" = yes ] && { w "$u" wd_in POST "/api/v1/cases/$cin/actions" '{"action":"withdraw","reason":"走查"}'; expect "$u" wd_in yes; }

	# coverage: read like the register (the coverage, the assessment, the
	# reviews); changes on a covered household, deaths, job offers and
	# closing a review as cov_may says, inside the region only
	if [ "$r" = auditor ]; then ORV=$RVQ; ORVNO=$RVQNO; else ORV=$RVB; ORVNO=$RVBNO; fi
	req "$u" cv_in "$URL/api/v1/households/$CVA/coverage"; expect "$u" cv_in "$rd"
	req "$u" cv_out "$URL/api/v1/households/$OH/coverage"; expect "$u" cv_out no
	req "$u" pay_in "$URL/api/v1/households/$CVA/payments"; expect "$u" pay_in "$rd"
	req "$u" pay_out "$URL/api/v1/households/$OH/payments"; expect "$u" pay_out no
	req "$u" as_in "$URL/api/v1/households/$HA/assessment?program=dibao_rural"; expect "$u" as_in "$rd"
	req "$u" as_out "$URL/api/v1/households/$OH/assessment?program=dibao_rural"; expect "$u" as_out no
	absent "$T/as_out.body" "$ONO" "$u: an outside assessment"
	req "$u" cr "$URL/api/v1/coverage/reasons"; expect "$u" cr yes
	req "$u" rv "$URL/api/v1/coverage/reviews?all=true"; expect "$u" rv "$rd"
	[ "$rd" = yes ] && absent "$T/rv.body" "$ORVNO" "$u: review list"
	household fix_a "$VA"; set -- $HHOUT; pin=$2
	w fix_a mkr POST "/api/v1/persons/$2/death" '{"date":"2026-11-01"}'
	[ "$RC" = 201 ] || { fail "fixture review: HTTP $RC"; sed 's/^/    | /' "$T/mkr.body" >&2; finish; }
	rin=$(jq -r .id "$T/mkr.body")
	household fix_a "$VA"; set -- $HHOUT; pin=$2
	CHB='{"program":"dibao_rural","kind":"reduce","reason":"income_changed","decision_no":"走查","amount_fen":1}'
	before=$(fingerprint)
	w "$u" ch_out POST "/api/v1/households/$CVB/coverage/changes" "$CHB"; expect "$u" ch_out no
	w "$u" dt_out POST "/api/v1/persons/$POUT/death" '{"date":"2026-11-01"}'; expect "$u" dt_out no
	w "$u" wo_out POST "/api/v1/persons/$POUT/work-offers" '{"date":"2026-11-01","outcome":"refused"}'; expect "$u" wo_out no
	w "$u" rc_out POST "/api/v1/coverage/reviews/$ORV/close" '{"outcome":"走查"}'; expect "$u" rc_out no
	[ "$V_decide" = no ] && { w "$u" ch_in POST "/api/v1/households/$CVA/coverage/changes" "$CHB"; expect "$u" ch_in no; }
	if [ "$V_record" = no ]; then
		w "$u" dt_in POST "/api/v1/persons/$pin/death" '{"date":"2026-11-01"}'; expect "$u" dt_in no
		w "$u" wo_in POST "/api/v1/persons/$pin/work-offers" '{"date":"2026-11-01","outcome":"refused"}'; expect "$u" wo_in no
		w "$u" rc_in POST "/api/v1/coverage/reviews/$rin/close" '{"outcome":"走查"}'; expect "$u" rc_in no
	fi
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused coverage write changed the database"
	[ "$V_decide" = yes ] && { w "$u" ch_in POST "/api/v1/households/$CVA/coverage/changes" "$CHB"; expect "$u" ch_in yes; }
	if [ "$V_record" = yes ]; then
		w "$u" wo_in POST "/api/v1/persons/$pin/work-offers" '{"date":"2026-11-01","outcome":"refused"}'; expect "$u" wo_in yes
		w "$u" dt_in POST "/api/v1/persons/$pin/death" '{"date":"2026-11-01"}'; expect "$u" dt_in yes
		w "$u" rc_in POST "/api/v1/coverage/reviews/$rin/close" '{"outcome":"走查"}'; expect "$u" rc_in yes
	fi

	# payroll: read with payroll_read (a township's walker sees only its own
	# section and lines); built and rebuilt in township A with
	# payroll_prepare; township B's section and the county's steps refused
	prd=$Y_payroll_read
	req "$u" pg "$URL/api/v1/payroll/programs"; expect "$u" pg "$prd"
	req "$u" pl "$URL/api/v1/payroll/runs"; expect "$u" pl "$prd"
	req "$u" pl_out "$URL/api/v1/payroll/runs?county=410727"; expect "$u" pl_out no
	req "$u" pr "$URL/api/v1/payroll/runs/$RUN"; expect "$u" pr "$prd"
	req "$u" pn "$URL/api/v1/payroll/runs/$RUN/lines"; expect "$u" pn "$prd"
	if [ "$prd" = yes ] && [ "$r" != auditor ]; then
		absent "$T/pr.body" "\"$TB\"" "$u: payroll run shows township B's section"
		absent "$T/pn.body" "$CVBNO" "$u: payroll lines"
		req "$u" pn_out "$URL/api/v1/payroll/runs/$RUN/lines?township=$TB"; expect "$u" pn_out no
	fi
	[ "$r" = auditor ] && expect_text "$T/pn.body" "$CVBNO" "auditor: every township's lines"
	# the roster as xlsx: payroll_read (a township's own part), masked or not
	# (each an audit record);
	# the finance ledger: the county's
	req "$u" prx "$URL/api/v1/payroll/runs/$RUN/roster.xlsx?masked=1"; expect "$u" prx "$prd"
	req "$u" plx "$URL/api/v1/payroll/runs/$RUN/ledger.xlsx"; expect "$u" plx "$AUD"
	before=$(fingerprint)
	w "$u" ps_out POST "/api/v1/payroll/runs/$RUN/submit" "{\"township\":\"$TB\"}"; expect "$u" ps_out no
	w "$u" pa POST "/api/v1/payroll/runs/$RUN/approve" '{}'; expect "$u" pa no
	w "$u" pc POST "/api/v1/payroll/runs/$RUN/cancel" '{"reason":"走查"}'; expect "$u" pc no
	w "$u" pb POST "/api/v1/payroll/runs/$RUN/send-back" "{\"township\":\"$TA\",\"reason\":\"走查\"}"; expect "$u" pb no
	# after approval: templates and the failure queue read with payroll_read
	# (a township's own failures); the bank file and the reconciliation are
	# the county's: refused to every walker below it; the payment steps are
	# the county's payment officer's: refused to every walker here
	req "$u" ptl "$URL/api/v1/payroll/templates"; expect "$u" ptl "$prd"
	req "$u" pfq "$URL/api/v1/payroll/failed"; expect "$u" pfq "$prd"
	req "$u" prc "$URL/api/v1/payroll/runs/$RUN/reconciliation"; expect "$u" prc "$AUD"
	if [ "$r" != auditor ]; then req "$u" pbf "$URL/api/v1/payroll/runs/$RUN/bank-file"; expect "$u" pbf no; fi
	w "$u" pex POST "/api/v1/payroll/runs/$RUN/export" '{"template":"通用CSV（UTF-8）"}'; expect "$u" pex no
	w "$u" prt POST "/api/v1/payroll/runs/$RUN/return" 'x'; expect "$u" prt no
	w "$u" prn POST "/api/v1/payroll/runs/$RUN/reconcile" '{}'; expect "$u" prn no
	w "$u" pta POST /api/v1/payroll/templates '{"text":"name = 走查"}'; expect "$u" pta no
	w "$u" ptd DELETE /api/v1/payroll/templates/%E8%B5%B0%E6%9F%A5; expect "$u" ptd no
	# arrears: refused without payroll_prepare; with it, November was never
	# sent to the bank (409)
	w "$u" par POST /api/v1/payroll/arrears '{"program":"dibao_rural","from":"2026-11","to":"2026-11"}'
	if [ "$Y_payroll_prepare" = yes ]; then
		[ "$RC" = 409 ] && ok || fail "$u: arrears of a period not sent: HTTP $RC"
	else expect "$u" par no; fi
	w "$u" pri POST /api/v1/payroll/reissue '{"program":"dibao_rural"}'
	if [ "$Y_payroll_prepare" = yes ]; then
		[ "$RC" = 404 ] && ok || fail "$u: reissue with an empty queue: HTTP $RC"
	else expect "$u" pri no; fi
	ppr=$Y_payroll_prepare
	if [ "$ppr" = no ]; then
		w "$u" pbd POST /api/v1/payroll/runs '{"program":"dibao_rural","period":"2026-12"}'; expect "$u" pbd no
		w "$u" prb POST "/api/v1/payroll/runs/$RUN/rebuild" "{\"township\":\"$TA\"}"; expect "$u" prb no
	fi
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused payroll write changed the database"
	# overpayments: read with payroll_read (a township's walker: its own
	# township's households; the auditor: the county's); recorded and
	# planned with payroll_approve, repaid with payroll_pay, on the
	# household inside only
	if [ "$r" = auditor ]; then OOP=$OPQ; OCV=$HQ; OCVNO=$HQNO; else OOP=$OPB; OCV=$CVB; OCVNO=$CVBNO; fi
	req "$u" ol "$URL/api/v1/payroll/overpayments"; expect "$u" ol "$prd"
	[ "$prd" = yes ] && absent "$T/ol.body" "$OCVNO" "$u: overpayment list"
	[ "$prd" = yes ] && expect_text "$T/ol.body" "\"id\":$OPA," "$u: the overpayment inside"
	req "$u" ol_out "$URL/api/v1/payroll/overpayments?county=410727"; expect "$u" ol_out no
	req "$u" oh_out "$URL/api/v1/payroll/overpayments?household=$OCV"; expect "$u" oh_out no
	req "$u" og_in "$URL/api/v1/payroll/overpayments/$OPA"; expect "$u" og_in "$prd"
	req "$u" og_out "$URL/api/v1/payroll/overpayments/$OOP"; expect "$u" og_out no
	absent "$T/og_out.body" "$OCVNO" "$u: an outside overpayment"
	OPBODY="{\"program\":\"dibao_rural\",\"period\":\"2026-10\",\"amount_fen\":5,\"reason\":\"other\",\"plan\":\"repay\",\"note\":\"走查\"}"
	before=$(fingerprint)
	w "$u" oa_out POST /api/v1/payroll/overpayments "{\"household_id\":$OCV,${OPBODY#\{}"; expect "$u" oa_out no
	w "$u" or_out POST "/api/v1/payroll/overpayments/$OOP/repayments" "{\"amount_fen\":1,\"receipt_no\":\"走查外-$r\"}"; expect "$u" or_out no
	w "$u" op_out POST "/api/v1/payroll/overpayments/$OOP/plan" '{"plan":"deduct"}'; expect "$u" op_out no
	pap=$Y_payroll_approve; ppy=$Y_payroll_pay
	if [ "$pap" = no ]; then
		w "$u" oa_in POST /api/v1/payroll/overpayments "{\"household_id\":$CVA,${OPBODY#\{}"; expect "$u" oa_in no
		w "$u" op_in POST "/api/v1/payroll/overpayments/$OPA/plan" '{"plan":"deduct"}'; expect "$u" op_in no
	fi
	[ "$ppy" = no ] && { w "$u" or_in POST "/api/v1/payroll/overpayments/$OPA/repayments" "{\"amount_fen\":1,\"receipt_no\":\"走查-$r\"}"; expect "$u" or_in no; }
	[ "$(fingerprint)" = "$before" ] && ok || fail "$u: a refused overpayment write changed the database"
	if [ "$pap" = yes ]; then
		w "$u" oa_in POST /api/v1/payroll/overpayments "{\"household_id\":$CVA,${OPBODY#\{}"; expect "$u" oa_in yes
		w "$u" op_in POST "/api/v1/payroll/overpayments/$OPA/plan" '{"plan":"deduct"}'; expect "$u" op_in yes
	fi
	[ "$ppy" = yes ] && { w "$u" or_in POST "/api/v1/payroll/overpayments/$OPA/repayments" "{\"amount_fen\":1,\"receipt_no\":\"走查-$r\"}"; expect "$u" or_in yes; }
	if [ "$ppr" = yes ]; then
		w "$u" pbd POST /api/v1/payroll/runs '{"program":"dibao_rural","period":"2026-12"}'; expect "$u" pbd yes
		w "$u" prb POST "/api/v1/payroll/runs/$RUN/rebuild" "{\"township\":\"$TA\"}"; expect "$u" prb yes
	fi
done

echo "    ($nroutes routes × $(echo $ROLES | wc -w) roles × inside/outside)"
kill "$PID"
wait "$PID" 2>/dev/null
finish
