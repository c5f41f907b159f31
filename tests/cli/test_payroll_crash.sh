#!/bin/sh
# tests/cli/test_payroll_crash.sh DIBAO — a crash at any moment of a payroll
# run leaves the database as before the run or as after it, never in
# between. A county of CRASH_HOUSEHOLDS households (SQLite 6 000,
# PostgreSQL 4 000: a run lasts a few tenths of a second) each holding
# an open 城市低保 entitlement; then CRASH_TRIALS times (50), each trial a
# new month: `payroll run` is started and killed with SIGKILL after a random
# delay spread over the run's measured duration, and the database must hold
# either nothing of that month — no run, no line, no section, event or audit
# record — or exactly one run whose declared control totals equal what its
# lines and its sections add up to, with its build event and its audit
# record. The run is then built again (the restart) and its totals must
# equal the entitlements' sums by plain SQL. At least 30 % of the trials must
# have cut a build in the middle (else the delays are wrong and the test
# proves nothing), and the audit chain must be intact at the end.
#
# The delays start at the duration of a whole `payroll run` that finds its
# run already built (connecting, checking, answering: everything a build
# does before its transaction begins) and end with the last whole build
# (which ends after its commit: SQLite checkpoints when it closes), so a
# kill that leaves no run has cut a build, not a process starting up, and
# some kills come after the commit. CRASH_SEED repeats a sequence of delays.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

case "${DIB_TEST_DB:-sqlite}" in
sqlite) N=${CRASH_HOUSEHOLDS:-6000} ;;
*) N=${CRASH_HOUSEHOLDS:-4000} ;;
esac
TRIALS=${CRASH_TRIALS:-50}
SEED=${CRASH_SEED:-$$}
export DIB_TODAY=2030-06-20 # months 2025-01 … 2030-07 may be built: one per trial
PROGRAM=dibao_urban
START=$(date +%s)

DB=$(fresh_db payroll_crash)
build() { "$DIBAO" --db "$DB" payroll run --user caseworker --program "$PROGRAM" --period "$1"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households "$N"
# every household an open entitlement from 2025-01 (the demo's standards
# start then): members × (528 元 − an income of 0–199.99 元), 100 元 分类施保
# for one in five; no income recorded, so the roster pays these amounts
sql "INSERT INTO entitlements (county, id, household_id, program, case_id, from_month, to_month,
  amount_fen, persons, decision_no, created_at, created_by, base_fen, addon_fen)
SELECT h.county, b.next_id - 1 + h.id, h.id, '$PROGRAM', NULL, '2025-01-01', NULL,
  c.n * (52800 - (h.id * 7919) % 20000) + CASE WHEN h.id % 5 = 0 THEN 10000 ELSE 0 END,
  c.n, 'crash', '2024-12-20T00:00:00Z', 'test',
  c.n * (52800 - (h.id * 7919) % 20000), CASE WHEN h.id % 5 = 0 THEN 10000 ELSE 0 END
FROM households h
JOIN (SELECT household_id, count(*) AS n FROM memberships WHERE end_date IS NULL
      GROUP BY household_id) c ON c.household_id = h.id
CROSS JOIN (SELECT next_id FROM id_blocks WHERE kind = 'entitlement') b" >/dev/null
sql "UPDATE id_blocks SET next_id = (SELECT max(id) + 1 FROM entitlements) WHERE kind = 'entitlement'" >/dev/null
[ "$(sql "SELECT count(*) FROM entitlements WHERE program = '$PROGRAM'")" -eq "$N" ] && ok ||
	fail "setup: $N entitlements expected"

# the i-th month from 2025-01 (0: 2025-01)
period() { awk -v i="$1" 'BEGIN { printf "%04d-%02d", 2025 + int(i / 12), i % 12 + 1 }'; }

# look P — month P in one line of space-separated words, read by one query
# (a process per query is what a trial costs most):
#   1 runs of P | its lines (and any line of a run that does not exist:
#     a run's id is reserved in its transaction, so a lost run's lines would
#     name an id past the last) | runs in all | build events in all |
#     payroll.build audit records in all | sections and events whose run
#     does not exist
#   2 what the run of P declares (households|persons|fen|lines), or "none"
#   3 what its lines add up to          4 what its sections add up to
#   5 its build events with the declared totals   6 its payroll.build records
#   last: what the entitlements in force in P add up to (its run must declare it)
look() {
	sql "SELECT (SELECT count(*) FROM payroll_runs WHERE period = '$1')
	  || '|' || ((SELECT count(*) FROM payroll_lines WHERE program = '$PROGRAM' AND period = '$1'
	              AND (status = 'pending' OR status = 'paid'))
	           + (SELECT count(*) FROM payroll_lines
	              WHERE run_id > (SELECT coalesce(max(id), 0) FROM payroll_runs)))
	  || '|' || (SELECT count(*) FROM payroll_runs)
	  || '|' || (SELECT count(*) FROM payroll_events WHERE action = 'build')
	  || '|' || (SELECT count(*) FROM audit_log WHERE action = 'payroll.build')
	  || '|' || ((SELECT count(*) FROM payroll_sections s
	              WHERE NOT EXISTS (SELECT 1 FROM payroll_runs r WHERE r.id = s.run_id))
	           + (SELECT count(*) FROM payroll_events e
	              WHERE NOT EXISTS (SELECT 1 FROM payroll_runs r WHERE r.id = e.run_id)))
	  || ' ' || coalesce((SELECT r.households || '|' || r.persons || '|' || r.total_fen || '|'
	                      || r.lines
	  || ' ' || (SELECT count(DISTINCT household_id) || '|' || coalesce(sum(persons), 0) || '|'
	             || coalesce(sum(total_fen), 0) || '|' || count(*)
	             FROM payroll_lines l WHERE l.run_id = r.id AND l.status <> 'void')
	  || ' ' || (SELECT coalesce(sum(households), 0) || '|' || coalesce(sum(persons), 0) || '|'
	             || coalesce(sum(total_fen), 0) || '|' || coalesce(sum(lines), 0)
	             FROM payroll_sections s WHERE s.run_id = r.id)
	  || ' ' || (SELECT count(*) FROM payroll_events e WHERE e.run_id = r.id AND e.action = 'build'
	             AND e.households = r.households AND e.persons = r.persons
	             AND e.total_fen = r.total_fen)
	  || ' ' || (SELECT count(*) FROM audit_log WHERE action = 'payroll.build'
	             AND entity = 'payroll_run' AND entity_id = CAST(r.id AS TEXT))
	     FROM payroll_runs r WHERE r.period = '$1'), 'none')
	  || ' ' || (SELECT count(DISTINCT household_id) || '|' || sum(persons) || '|'
	             || sum(amount_fen) || '|' || count(*) FROM entitlements
	             WHERE program = '$PROGRAM' AND from_month <= '$1-01'
	             AND (to_month IS NULL OR to_month >= '$1-01'))"
}

# check_run WHAT STATE WORDS… — exactly one run (STATE: the first word that
# look gives), adding up to its lines, its sections and the entitlements,
# with its build event and its audit record, and nothing else new: STATE as
# after the K-th build (K = the runs before it + 1).
check_run() {
	what=$1
	want_state=$2
	shift 2
	if [ "$#" -ne 7 ]; then
		fail "$what: not one run: $*"
	elif [ "$1" != "$want_state" ]; then
		fail "$what: state $1, expected $want_state"
	elif [ "$2" != "$3" ] || [ "$2" != "$4" ]; then
		fail "$what: the run declares $2, its lines add up to $3, its sections to $4"
	elif [ "$5" != 1 ] || [ "$6" != 1 ]; then
		fail "$what: the run has $5 build events with its totals and $6 audit records"
	elif [ "$2" != "$7" ]; then
		fail "$what: the run declares $2, the entitlements add up to $7"
	else
		ok
	fi
}

# ---- how long a run takes here (the first one warms the caches) ----
expect_exit 0 "a first build" -- build "$(period 0)"
check_run "the first build" "1|$N|1|1|1|0" $(look "$(period 0)")
t0=$(now)
expect_exit 0 "a build that finds its run" -- build "$(period 0)"
t1=$(now)
expect_exit 0 "a second build" -- build "$(period 1)"
t2=$(now)
D0=$(secs "$t0" "$t1")
D=$(secs "$t1" "$t2")
check_run "the second build" "1|$N|2|2|2|0" $(look "$(period 1)")
echo "payroll crash [$N households]: a build takes $D s, a run that finds its build $D0 s; seed $SEED"

# ---- the trials ----
CUT=0      # killed with no run left: a build cut in the middle
LATE=0     # killed after its commit: the run is complete
FINISHED=0 # the run ended before the kill
i=0
while [ "$i" -lt "$TRIALS" ]; do
	i=$((i + 1))
	delay=$(awk -v lo="$D0" -v hi="$D" -v seed="$((SEED + i))" \
		'BEGIN { srand(seed); printf "%.3f", lo + rand() * (hi - lo) }')
	P=$(period $((i + 1)))
	# the binary itself in the background, so the kill hits it
	"$DIBAO" --db "$DB" payroll run --user caseworker --program "$PROGRAM" --period "$P" \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	code=$?
	# k runs before this one (the two months above and the i - 1 trials)
	k=$((i + 1))
	set -- $(look "$P")
	if [ "$2" = none ]; then
		# as before: nothing of the month, nothing anywhere else
		[ "$1" = "0|0|$k|$k|$k|0" ] && ok ||
			fail "trial $i ($P, killed after $delay s): state $1, expected 0|0|$k|$k|$k|0"
		[ "$code" -ne 0 ] && ok || fail "trial $i: the run ended well and left nothing"
		CUT=$((CUT + 1))
	else
		k=$((k + 1))
		check_run "trial $i ($P), killed after $delay s" "1|$N|$k|$k|$k|0" "$@"
		if [ "$code" -eq 0 ]; then FINISHED=$((FINISHED + 1)); else LATE=$((LATE + 1)); fi
	fi
	# the restart (after a cut, a whole build: its time is the next D)
	k=$((i + 2))
	t0=$(now)
	expect_exit 0 "trial $i: the restart" -- build "$P"
	[ "$2" = none ] && D=$(secs "$t0" "$(now)")
	check_run "trial $i ($P), restarted" "1|$N|$k|$k|$k|0" $(look "$P")
done

echo "payroll crash: $i trials — $CUT builds cut in the middle, $LATE killed after their commit, $FINISHED finished before the kill ($(($(date +%s) - START)) s)"
[ "$i" -eq "$TRIALS" ] && ok || fail "$i trials of $TRIALS"
[ $((CUT * 10)) -ge $((TRIALS * 3)) ] && ok ||
	fail "only $CUT of $TRIALS trials cut a build in the middle: the delays miss the builds"

expect_exit 0 "audit verify" -- "$DIBAO" --db "$DB" audit verify
expect_text "$T/out" "审计日志完整: 已校验 $(sql "SELECT count(*) FROM audit_log") 条记录" "the audit chain is intact"

finish
