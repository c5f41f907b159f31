#!/bin/sh
# tests/cli/test_calendar.sh DIBAO — the working-day calendar from the
# command line: init loads the shipped 2025–2026 schedules; a year not
# loaded is an error, never a guess; an administrator loads the next year
# from a file (a bad file changes nothing); deadline arithmetic crosses the
# holidays.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db cal)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_text "$T/out" "已载入 2 个年度" "init loads the shipped schedule"
expect_exit 0 "years" -- "$DIBAO" --db "$DB" calendar years
expect_text "$T/out" "2025 2026" "both years listed"

# National Day 2025: 10-01 … 10-08 off, Saturday 10-11 worked.
expect_exit 0 "add across National Day" -- "$DIBAO" --db "$DB" calendar add 2025-09-29 3
expect_text "$T/out" "2025-10-10" "third working day after 09-29"
expect_exit 0 "count over the holiday" -- "$DIBAO" --db "$DB" calendar count 2025-09-30 2025-10-08
expect_text "$T/out" "共 0 个工作日" "no working day in the holiday week"
expect_exit 0 "adjusted working Saturday" -- "$DIBAO" --db "$DB" calendar workday 2025-10-11
expect_text "$T/out" "是工作日" "2025-10-11 is worked"
expect_exit 1 "a year not loaded" -- "$DIBAO" --db "$DB" calendar workday 2027-01-04
expect_text "$T/err" "节假日表缺少 2027 年" "missing year named"

# A bad file: a date given twice. Nothing changes.
cat > "$T/bad.csv" <<'CSV'
date,kind,name
2027-01-01,holiday,元旦
2027-01-01,workday,重复
CSV
before=$(snapshot "$DB")
expect_exit 3 "duplicate date rejected" -- "$DIBAO" --db "$DB" calendar load "$T/bad.csv"
[ "$before" = "$(snapshot "$DB")" ] && ok || fail "a rejected calendar file changed the database"
printf 'date,kind,name\n2027-13-01,holiday,x\n' > "$T/bad2.csv"
expect_exit 3 "invalid date rejected" -- "$DIBAO" --db "$DB" calendar load "$T/bad2.csv"
expect_text "$T/err" "第 2 行" "row named"

# The next year, as the administrator loads it each November.
cat > "$T/2027.csv" <<'CSV'
date,kind,name
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-14,workday,春节调休上班
2027-02-20,workday,春节调休上班
CSV
expect_exit 0 "load 2027" -- "$DIBAO" --db "$DB" calendar load "$T/2027.csv"
expect_text "$T/out" "已载入 1 个年度的放假安排 (2027，共 13 天)" "load summary"
expect_exit 0 "years after load" -- "$DIBAO" --db "$DB" calendar years
expect_text "$T/out" "2025 2026 2027" "2027 listed"
expect_exit 0 "add across the 2027 Spring Festival" -- "$DIBAO" --db "$DB" calendar add 2027-02-05 1
expect_text "$T/out" "2027-02-14" "first working day after 02-05 is the adjusted Sunday"
expect_exit 0 "a reload replaces the year" -- "$DIBAO" --db "$DB" calendar load "$T/2027.csv"
expect_exit 2 "usage" -- "$DIBAO" --db "$DB" calendar add 2027-02-05
expect_exit 2 "negative days" -- "$DIBAO" --db "$DB" calendar add 2027-02-05 -1

finish
