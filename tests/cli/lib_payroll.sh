# tests/cli/lib_payroll.sh — for the payroll tests that need months already
# paid (sourced after lib.sh): a run taken through every step to the bank's
# return with every line paid, and the checks these tests share. Needs the
# test's `run DAY ARGS…` (a dibao command on a business day) and the users
# prep (a clerk at county level, who submits every township's section),
# approver and payer.

# is GOT WANT WHAT — GOT is WANT
is() { [ "$1" = "$2" ] && ok || fail "$3: got \"$1\", want \"$2\""; }
# ok_cmd DAY WHAT ARGS… — succeeds with exactly one audit record
ok_cmd() {
	d=$1; what=$2; shift 2
	before=$(audits)
	expect_exit 0 "$what" -- run "$d" "$@"
	[ "$(audits)" -eq $((before + 1)) ] && ok || fail "$what: audit records $before → $(audits)"
}
# refuse DAY WHAT CODE TEXT ARGS… — refused with TEXT, nothing changed
refuse() {
	d=$1 what=$2 code=$3 text=$4
	shift 4
	refused_cmd "$what" "$code" "$text" -- run "$d" "$@"
}

# steps DAY RUN — RUN submitted by every township, approved and exported
# with the generic CSV template (the bank file in $T/b.csv), all on DAY
steps() {
	for t in $(sql "SELECT township_code FROM payroll_sections WHERE run_id = $2"); do
		run "$1" payroll submit "$2" --user prep --township "$t" >/dev/null 2>&1 || fail "submit $2 $t"
	done
	run "$1" payroll approve "$2" --user approver >/dev/null 2>&1 || fail "approve $2"
	run "$1" payroll export "$2" --user payer --template "通用CSV（UTF-8）" --out "$T/b.csv" >/dev/null 2>&1 || fail "export $2"
}

# pay_run DAY RUN — RUN through steps, then returned by the bank with every
# line paid, on DAY
pay_run() {
	steps "$1" "$2"
	awk -F, 'NR == 1 { print "序号,业务编号,户名,账号,金额,处理状态,失败原因"; next }
		{ printf "%s,%s,%s,%s,%s,成功,\r\n", $1, $2, $7, $8, $9 }' "$T/b.csv" >"$T/r.csv"
	run "$1" payroll return "$2" --user payer --file "$T/r.csv" >/dev/null 2>&1 || fail "return $2"
	if [ "$(sql "SELECT state FROM payroll_runs WHERE id = $2")" = returned ]; then ok; else fail "run $2 not returned"; fi
}
