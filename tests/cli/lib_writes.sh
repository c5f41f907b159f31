# tests/cli/lib_writes.sh — for the API tests that check that a refused
# write leaves the database as it was (sourced after lib_api.sh by those
# tests only: other tests define helpers of the same names their own way).
# Needs the test's own `state` (a fingerprint of the tables it touches) and
# `w` (a write with the user's CSRF token).
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
