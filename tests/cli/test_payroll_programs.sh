#!/bin/sh
# tests/cli/test_payroll_programs.sh DIBAO — the programs paid per person
# (`dibao benefit grant|list`, `dibao payroll run --program …`): grants
# refused for a person the rule finds ineligible in the first month, with
# the rule's own message, changing nothing (under 80 for 高龄津贴; in 特困
# for both disability subsidies; no long-term care; not the county's
# approver); 高龄津贴 by age band — the band of 90 paid from the birthday
# month (benefit.elderly_from_birthday_month true), and from the month
# after once the county sets it false; two persons of one household, two
# lines; 特困 = basic + care by self-care grade, the care part as addon;
# 重度残疾人护理补贴 paid by quarter (pay.rhythm.disab_care quarterly),
# three months per line: grade 1 the standard, grade 2 its share, and a
# person who enters 特困 paid nothing from that month; an orphan in a 低保
# household topped up (补差) and paid through the head as guardian; the
# run's and the sections' control totals equal to the lines; a township
# rebuilt to the same totals; and the database refusing a second line for
# the same person, program and period.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db programs)
export DIB_TODAY=2026-10-20
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 200 --cases 27

run() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" "$@"; }
ok_cmd() {
	d=$1; what=$2; shift 2
	before=$(audits)
	expect_exit 0 "$what" -- run "$d" "$@"
	[ "$(audits)" -eq $((before + 1)) ] && ok || fail "$what: audit records $before → $(audits)"
}
refuse() { d=$1 what=$2 code=$3 text=$4; shift 4; refused_cmd "$what" "$code" "$text" -- run "$d" "$@"; }
is() { [ "$1" = "$2" ] && ok || fail "$3: got \"$1\", want \"$2\""; }
# line RUN PERSON — "total|base|addon" of the person's line in the run
line() { sql "SELECT total_fen, base_fen, addon_fen FROM payroll_lines WHERE run_id = $1 AND person_id = $2"; }
run_of() { sql "SELECT id FROM payroll_runs WHERE program = '$1' AND period = '$2' AND state <> 'cancelled'"; }
# totals RUN — the run's declared totals, then what its lines add up to
declared() { sql "SELECT households, persons, total_fen, lines FROM payroll_runs WHERE id = $1"; }
actual() { sql "SELECT count(DISTINCT household_id), sum(persons), sum(total_fen), count(*) FROM payroll_lines WHERE run_id = $1 AND status <> 'void'"; }
sections() { sql "SELECT sum(households), sum(persons), sum(total_fen), sum(lines) FROM payroll_sections WHERE run_id = $1"; }
controls() {
	is "$(declared "$1")" "$(actual "$1")" "$2: declared totals = the lines"
	is "$(sections "$1")" "$(actual "$1")" "$2: sections add up to the lines"
}

# ---- the county's standards and parameters ----
std() { expect_exit 0 "standard $1" -- run 2026-10-20 standard set --county 410726 --program "$1" --from 2026-01-01 --amount "$2"; }
std elderly_allowance 100
std disab_living 80
std disab_care 120
std tekun_dispersed 7200
std orphan_scattered 1000
par() { expect_exit 0 "param $1" -- run 2026-10-20 param set "$1" "$2" --scope 410726 --from "${3:-2026-01-01}" --reason 测试; }
par benefit.elderly_band2_min_age 90
par benefit.elderly_band2_fen 200
par benefit.tekun_care_full_fen 300
par benefit.disab_care_grade2_bp 50%
par benefit.orphan_topup true
par pay.rhythm.disab_care quarterly
par benefit.elderly_from_birthday_month false 2027-01-01

# ---- the people: households of 东屯镇 with two members and no entitlement ----
FREE=$(sql "SELECT h.id FROM households h WHERE h.village_code LIKE '410726101%' AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.household_id = h.id) AND (SELECT count(*) FROM memberships m WHERE m.household_id = h.id AND m.end_date IS NULL) >= 2 ORDER BY h.id")
[ "$(echo "$FREE" | wc -l)" -ge 5 ] && ok || fail "fewer than 5 free households in 东屯镇: $FREE"
HE=$(echo "$FREE" | sed -n 1p); HT=$(echo "$FREE" | sed -n 2p); HD=$(echo "$FREE" | sed -n 3p)
HD2=$(echo "$FREE" | sed -n 4p); HY=$(echo "$FREE" | sed -n 5p)
member() { sql "SELECT person_id FROM memberships WHERE household_id = $1 AND end_date IS NULL ORDER BY person_id" | sed -n "$2p"; }
E1=$(member "$HE" 1); E3=$(member "$HE" 2)
T1=$(member "$HT" 1); T2=$(member "$HT" 2)
D1=$(member "$HD" 1); D2=$(member "$HD2" 1); Y=$(member "$HY" 1)
# 90 in December 2026, and in January 2027
sql "UPDATE persons SET birth_date = '1936-12-15' WHERE id = $E1" >/dev/null
sql "UPDATE persons SET birth_date = '1937-01-10' WHERE id = $E3" >/dev/null
sql "UPDATE persons SET birth_date = '1990-05-05' WHERE id = $Y" >/dev/null
# card-holding disabled persons: grade 1 (D1, T1, T2), grade 2 (D2)
dis() { sql "INSERT INTO disabilities (county, id, person_id, category, grade, certificate_no) VALUES ('410726', $1, $2, 4, $3, '4107261990$1')" >/dev/null; }
dis 90001 "$D1" 1; dis 90002 "$D2" 2; dis 90003 "$T1" 1; dis 90004 "$T2" 1

# ---- refusals: the rule's reason, nothing changed ----
refuse 2026-10-20 "高龄津贴 under 80" 3 "未满 80 周岁" benefit grant --user approver --household "$HY" --program elderly_allowance --persons "$Y" --decision 延民高〔2026〕9号
refuse 2026-10-20 "not the approver" 1 "须由县民政局审批人决定" benefit grant --user caseworker --household "$HE" --program elderly_allowance --persons "$E1" --decision 延民高〔2026〕1号
refuse 2026-10-20 "not a member of the household" 3 "不是户" benefit grant --user approver --household "$HE" --program elderly_allowance --persons "$Y" --decision 延民高〔2026〕1号
refuse 2026-10-20 "no decision number" 3 "决定文号" benefit grant --user approver --household "$HE" --program elderly_allowance --persons "$E1"
refuse 2026-10-20 "护理补贴 without long-term care" 3 "不需要长期照护" benefit grant --user approver --household "$HD" --program disab_care --persons "$D1" --decision 延残护〔2026〕1号 --from 2026-10
refuse 2026-10-20 "not a program paid per person" 3 "不是按人发放的救助项目" benefit grant --user approver --household "$HE" --program dibao_urban --persons "$E1" --decision x

# ---- grants ----
ok_cmd 2026-10-20 "高龄津贴 for two" benefit grant --user approver --household "$HE" --program elderly_allowance --persons "$E1,$E3" --decision 延民高〔2026〕1号
expect_text "$T/out" "自 2026-11 起" "高龄津贴 pays from the month after the decision"
is "$(sql "SELECT count(*) FROM entitlement_members em JOIN entitlements e ON e.id = em.entitlement_id WHERE e.household_id = $HE AND e.program = 'elderly_allowance'")" 2 "one decision covers both"
ok_cmd 2026-10-20 "特困 for two" benefit grant --user approver --household "$HT" --program tekun_dispersed --persons "$T1,$T2" --selfcare-missing 5,0 --decision 延民特〔2026〕1号
is "$(sql "SELECT self_care_unmet FROM benefit_facts WHERE person_id = $T1")" 5 "the self-care count is stored"
refuse 2026-10-20 "the same program twice" 3 "该户已在享受同一项目的待遇" benefit grant --user approver --household "$HT" --program tekun_dispersed --persons "$T1" --decision x
ok_cmd 2026-10-20 "护理补贴 grade 1 from October" benefit grant --user approver --household "$HD" --program disab_care --persons "$D1" --decision 延残护〔2026〕1号 --from 2026-10 --long-term-care
expect_text "$T/out" "自 2026-10 起" "护理补贴 pays from the month of application"
ok_cmd 2026-10-20 "护理补贴 grade 2" benefit grant --user approver --household "$HD2" --program disab_care --persons "$D2" --decision 延残护〔2026〕2号 --from 2026-10 --long-term-care
expect_text "$T/out" "首月 60.00 元" "grade 2 gets 50 % of the standard"
# in 特困 from November: neither subsidy
refuse 2026-11-20 "护理补贴 in 特困" 3 "纳入特困供养，两项补贴均不享受" benefit grant --user approver --household "$HT" --program disab_care --persons "$T2" --decision x --from 2026-11 --long-term-care
refuse 2026-11-20 "生活补贴 in 特困" 3 "纳入特困供养，两项补贴均不享受" benefit grant --user approver --household "$HT" --program disab_living --persons "$T2" --decision x --from 2026-11
# applied in October, before 特困 began: paid for October only
ok_cmd 2026-11-20 "护理补贴 applied before 特困" benefit grant --user approver --household "$HT" --program disab_care --persons "$T1" --decision 延残护〔2026〕3号 --from 2026-10 --long-term-care
expect_exit 0 "list" -- run 2026-11-20 benefit list --household "$HT" --user auditor
expect_text "$T/out" "重度残疾人护理补贴" "the list shows the care subsidy"
expect_text "$T/out" "自理指标未达 5 项" "the list shows the facts"

# an orphan covered by its household's 低保 (two persons, urban)
HO=$(sql "SELECT e.household_id FROM entitlements e WHERE e.program = 'dibao_urban' AND e.to_month IS NULL AND e.persons >= 2 AND e.from_month <= '2026-11-01' ORDER BY e.household_id LIMIT 1")
O=$(sql "SELECT em.person_id FROM entitlement_members em JOIN entitlements e ON e.id = em.entitlement_id JOIN memberships m ON m.person_id = em.person_id AND m.household_id = e.household_id AND m.end_date IS NULL WHERE e.household_id = $HO AND e.program = 'dibao_urban' AND m.relation <> 1 ORDER BY em.person_id LIMIT 1")
[ -n "$O" ] && ok || fail "no non-head member of a 城市低保 household"
sql "UPDATE persons SET orphan = 1, birth_date = '2015-05-01' WHERE id = $O" >/dev/null
PERCAP=$(sql "SELECT (2 * amount_fen + persons) / (2 * persons) FROM entitlements WHERE household_id = $HO AND program = 'dibao_urban' AND to_month IS NULL")
HEAD=$(sql "SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id WHERE m.household_id = $HO AND m.relation = 1 AND m.end_date IS NULL")
ok_cmd 2026-10-20 "散居孤儿" benefit grant --user approver --household "$HO" --program orphan_scattered --persons "$O" --decision 延民孤〔2026〕1号

# ---- 高龄津贴: the band of 90 from the birthday month ----
ok_cmd 2026-11-20 "高龄津贴 2026-11" payroll run --user caseworker --program elderly_allowance --period 2026-11
R11=$(run_of elderly_allowance 2026-11)
is "$(line "$R11" "$E1")" "10000|10000|0" "E1 at 89 in November: band 1"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R11 AND household_id = $HE")" 2 "two persons of one household, two lines"
is "$(sql "SELECT payee_name FROM payroll_lines WHERE run_id = $R11 AND person_id = $E1")" "$(sql "SELECT name FROM persons WHERE id = $E1")" "an elder is paid as himself"
controls "$R11" "高龄 2026-11"
ok_cmd 2026-11-20 "高龄津贴 2026-12" payroll run --user caseworker --program elderly_allowance --period 2026-12
R12=$(run_of elderly_allowance 2026-12)
is "$(line "$R12" "$E1")" "20000|20000|0" "E1 turns 90 in December: the 90 band that month"
is "$(line "$R12" "$E3")" "10000|10000|0" "E3 is 89 in December"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R12 AND person_id = $E1 AND detail LIKE '%年满 90 周岁当月起按 90 周岁以上档%'")" = 1 ] && ok || fail "the line says why: $(sql "SELECT detail FROM payroll_lines WHERE run_id = $R12 AND person_id = $E1")"
# from 2027 the county pays a new band from the month after the birthday
ok_cmd 2027-01-15 "高龄津贴 2027-01" payroll run --user caseworker --program elderly_allowance --period 2027-01
is "$(line "$(run_of elderly_allowance 2027-01)" "$E3")" "10000|10000|0" "E3 turns 90 in January: band 1 still (次月起)"
ok_cmd 2027-02-10 "高龄津贴 2027-02" payroll run --user caseworker --program elderly_allowance --period 2027-02
R2=$(run_of elderly_allowance 2027-02)
is "$(line "$R2" "$E3")" "20000|20000|0" "E3's 90 band from February"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R2 AND person_id = $E3 AND detail LIKE '%次月起按 90 周岁以上档%'")" = 1 ] && ok || fail "the line says 次月起"

# ---- 特困: basic living + care by grade ----
ok_cmd 2026-11-20 "特困 2026-11" payroll run --user caseworker --program tekun_dispersed --period 2026-11
RT=$(run_of tekun_dispersed 2026-11)
is "$(line "$RT" "$T1")" "90000|60000|30000" "全护理: 600 basic + 300 care (addon)"
is "$(line "$RT" "$T2")" "60000|60000|0" "全自理: the basic standard"
controls "$RT" "特困 2026-11"

# ---- 护理补贴 by quarter ----
ok_cmd 2026-11-20 "护理补贴 2026Q4" payroll run --user caseworker --program disab_care --period 2026Q4
RQ=$(run_of disab_care 2026Q4)
is "$(sql "SELECT months, first_month FROM payroll_runs WHERE id = $RQ")" "3|2026-10-01" "a quarter from October"
is "$(line "$RQ" "$D1")" "36000|36000|0" "grade 1: three months of the standard"
is "$(line "$RQ" "$D2")" "18000|18000|0" "grade 2: three months of half"
is "$(line "$RQ" "$T1")" "12000|12000|0" "in 特困 from November: October only"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RQ AND person_id = $T1 AND detail LIKE '%\"reason\":\"tekun\"%'")" = 1 ] && ok || fail "the 特困 months give their reason"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RQ AND person_id = $D1 AND detail LIKE '%2026-10%' AND detail LIKE '%2026-11%' AND detail LIKE '%2026-12%'")" = 1 ] && ok || fail "the quarter's line lists its three months"
controls "$RQ" "护理 2026Q4"
# a township rebuilt gives the same roster
was=$(declared "$RQ")
ok_cmd 2026-11-20 "rebuild 东屯镇" payroll rebuild "$RQ" --user caseworker --township 410726101000
is "$(declared "$RQ")" "$was" "the rebuilt run declares the same totals"
controls "$RQ" "护理 2026Q4 rebuilt"

# ---- 孤儿: topped up against the 低保 it receives, paid to the guardian ----
ok_cmd 2026-11-20 "孤儿 2026-11" payroll run --user caseworker --program orphan_scattered --period 2026-11
RO=$(run_of orphan_scattered 2026-11)
is "$(line "$RO" "$O")" "$((100000 - PERCAP))|$((100000 - PERCAP))|0" "补差: 1000 元 less the 低保 per person"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RO AND person_id = $O AND detail LIKE '%\"reason\":\"topup\"%'")" = 1 ] && ok || fail "the line says 补差"
is "$(sql "SELECT payee_name FROM payroll_lines WHERE run_id = $RO AND person_id = $O")" "$HEAD" "a child is paid through the head as guardian"

# ---- never twice, by the database itself ----
COLS="county, id, run_id, program, period, kind, slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, status"
before=$(snapshot "$DB")
if sql "INSERT INTO payroll_lines ($COLS) SELECT county, 999999, run_id, program, period, 'regular', slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, 'pending' FROM payroll_lines WHERE run_id = $R11 AND person_id = $E1" >/dev/null 2>&1; then
	fail "the database took a second line for the same person, program and period"
else ok; fi
[ "$before" = "$(snapshot "$DB")" ] && ok || fail "the refused insert changed the database"
# … while another person of the same household holds a slot of its own
if sql "INSERT INTO payroll_lines ($COLS) SELECT county, 999998, run_id, program, period, 'regular', slot, household_id, 999999, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, 'pending' FROM payroll_lines WHERE run_id = $R11 AND person_id = $E1" >/dev/null 2>&1; then
	ok
else fail "the index refused a line of another person"; fi
sql "DELETE FROM payroll_lines WHERE id = 999998" >/dev/null

finish
