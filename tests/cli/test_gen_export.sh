#!/bin/sh
# tests/cli/test_gen_export.sh DIBAO — `dibao gen` end to end (files,
# summary, the same seed gives the same bytes, bad arguments refused with
# a usage exit), then, when this build has `dibao import`, the generated
# files imported and `dibao export households` as CSV and xlsx, full and
# masked.
DIBAO=${1:?usage: test_gen_export.sh path/to/dibao}
. "$(dirname "$0")/lib.sh"

N=300
HEADER_HH='户编号,所属村(社区)代码,家庭住址,户籍类别,开户银行,银行卡号,持卡人,联系电话'
HEADER_MEM='户编号,姓名,身份证号,与户主关系,健康状况,劳动能力,残疾类别,残疾等级,残疾证号,收入类型,月收入(元)'

# ---- gen ----
expect_exit 0 "gen" -- "$DIBAO" gen --households $N --seed 7 --out "$T/g1"
expect_text "$T/out" "已生成: 1 个县, 17 个乡镇," "gen summary"
expect_text "$T/out" "$N 户" "gen summary counts households"
if [ -s "$T/err" ]; then fail "gen wrote to stderr without a terminal"; else ok; fi
for f in regions households members; do
	if [ -s "$T/g1/$f.csv" ]; then ok; else fail "gen: $f.csv missing or empty"; fi
	if [ -e "$T/g1/$f.csv.tmp" ]; then fail "gen left $f.csv.tmp"; else ok; fi
done
[ "$(head -n 1 "$T/g1/households.csv")" = "$HEADER_HH" ] && ok || fail "households.csv header"
[ "$(head -n 1 "$T/g1/members.csv")" = "$HEADER_MEM" ] && ok || fail "members.csv header"
[ "$(head -n 1 "$T/g1/regions.csv")" = "区划代码,名称,上级代码,城乡分类代码" ] && ok || fail "regions.csv header"
lines=$(wc -l < "$T/g1/households.csv")
[ "$lines" -eq $((N + 1)) ] && ok || fail "households.csv has $lines lines, expected $((N + 1))"
persons=$(($(wc -l < "$T/g1/members.csv") - 1))
expect_text "$T/out" "$persons 人" "gen summary counts persons"
expect_text "$T/g1/regions.csv" "410726001000,文岩街道,410726000000," "real township in regions.csv"

expect_exit 0 "gen again, same seed" -- "$DIBAO" gen --households=$N --seed=7 --out="$T/g2"
for f in regions households members; do
	if cmp -s "$T/g1/$f.csv" "$T/g2/$f.csv"; then ok; else fail "same seed: $f.csv differs"; fi
done
expect_exit 0 "gen, other seed" -- "$DIBAO" gen --households $N --seed 8 --out "$T/g3"
if cmp -s "$T/g1/members.csv" "$T/g3/members.csv"; then fail "seed 8 gave seed 7's members"; else ok; fi

expect_exit 0 "gen creates nested directories" -- "$DIBAO" gen --households 5 --out "$T/deep/er/dir"
[ -s "$T/deep/er/dir/members.csv" ] && ok || fail "nested output directory"
expect_exit 0 "gen another county" -- "$DIBAO" gen --households 5 --seed 1 --county 410727 --out "$T/fq"
expect_text "$T/fq/regions.csv" "410727000000,封丘县,410700000000," "封丘县 in regions.csv"
expect_exit 0 "gen zero households" -- "$DIBAO" gen --households 0 --out "$T/zero"
[ "$(wc -l < "$T/zero/members.csv")" -eq 1 ] && ok || fail "zero households: members.csv not header-only"

# Bad arguments: usage errors (exit 2) with a message.
expect_exit 2 "missing --out" -- "$DIBAO" gen --households 10
expect_text "$T/err" "--out" "missing --out message"
expect_exit 2 "missing --households" -- "$DIBAO" gen --out "$T/x"
expect_exit 2 "N not a number" -- "$DIBAO" gen --households abc --out "$T/x"
expect_text "$T/err" "户数 \"abc\"" "N not a number message"
expect_exit 2 "negative N" -- "$DIBAO" gen --households -5 --out "$T/x"
expect_exit 2 "N with exponent" -- "$DIBAO" gen --households 1e3 --out "$T/x"
expect_exit 2 "N too large" -- "$DIBAO" gen --households 10000000 --out "$T/x"
expect_exit 2 "seed not a number" -- "$DIBAO" gen --households 1 --seed x1 --out "$T/x"
expect_exit 2 "option without value" -- "$DIBAO" gen --households 1 --out
expect_exit 2 "unknown option" -- "$DIBAO" gen --households 1 --out "$T/x" --colour
if [ -e "$T/x" ]; then fail "a refused gen created its output directory"; else ok; fi
expect_exit 3 "unknown county" -- "$DIBAO" gen --households 1 --county 999999 --out "$T/x"
expect_text "$T/err" "999999" "unknown county message"
: > "$T/plainfile"
expect_exit 1 "output is a file" -- "$DIBAO" gen --households 1 --out "$T/plainfile"
expect_text "$T/err" "dibao: " "unwritable output message"
expect_exit 1 "output under a file" -- "$DIBAO" gen --households 1 --out "$T/plainfile/sub"

# ---- export (needs `dibao init` and `dibao import`) ----
"$DIBAO" import >/dev/null 2>"$T/err"
if grep -qF "未知命令" "$T/err"; then
	echo "$(basename "$0"): dibao import missing, export part skipped"
	finish
	exit 0
fi

DB=$(fresh_db genexp)
expect_exit 1 "export before init" -- "$DIBAO" --db "$DB" export households --out "$T/e.csv"
expect_text "$T/err" "数据库尚未初始化，请先运行 dibao init" "export before init message"
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
for f in regions households members; do
	expect_exit 0 "import $f" -- "$DIBAO" --db "$DB" import $f "$T/g1/$f.csv"
done

expect_exit 0 "export csv" -- "$DIBAO" --db "$DB" export households --format csv --out "$T/e.csv"
expect_text "$T/out" "已导出 $N 户 $persons 人 → $T/e.csv" "export summary"
[ -e "$T/e.csv.tmp" ] && fail "export left e.csv.tmp" || ok
[ "$(head -c 3 "$T/e.csv" | od -An -tx1 | tr -d ' \n')" = "efbbbf" ] && ok || fail "export csv has no BOM"
rows=$(($(wc -l < "$T/e.csv") - 1))
[ "$rows" -eq "$persons" ] && ok || fail "export csv has $rows rows, expected $persons"
expect_text "$T/e.csv" "户编号,乡镇(街道),村(社区),家庭住址,户籍类别,姓名,身份证号,性别,出生日期,与户主关系,残疾类别,残疾等级,开户银行,银行卡号" "export csv header"
# Every generated ID number is exported, in full, exactly once.
tail -n +2 "$T/g1/members.csv" | cut -d, -f3 | sort > "$T/ids.gen"
tail -n +2 "$T/e.csv" | tr -d '\r\t' | cut -d, -f7 | sort > "$T/ids.exp"
if cmp -s "$T/ids.gen" "$T/ids.exp"; then ok; else fail "exported ID numbers differ from members.csv"; fi
# Digit columns start with a tab, so Excel keeps all 18 digits as text.
if tail -n +2 "$T/e.csv" | cut -d, -f7 | grep -qv "$(printf '^\t')"; then
	fail "an ID number in the CSV export is not protected from Excel's number conversion"
else ok; fi
# The head comes first in each household.
first=$(sed -n 2p "$T/e.csv" | cut -d, -f10)
[ "$first" = "户主" ] && ok || fail "first exported member is \"$first\", not 户主"

expect_exit 0 "export masked" -- "$DIBAO" --db "$DB" export households --out "$T/m.csv" --mask
tail -n +2 "$T/m.csv" | tr -d '\r\t' | cut -d, -f7 > "$T/ids.masked"
if grep -qvE '^[0-9]{4}\*{10}[0-9]{3}[0-9X]$' "$T/ids.masked"; then
	fail "masked export has an unmasked ID number"
	head -n 3 "$T/ids.masked" >&2
else
	ok
fi
if grep -qF -f "$T/ids.gen" "$T/m.csv"; then fail "masked export contains a full ID number"; else ok; fi

expect_exit 0 "export xlsx" -- "$DIBAO" --db "$DB" export households --format xlsx --out "$T/e.xlsx"
expect_text "$T/out" "已导出 $N 户 $persons 人" "xlsx summary"
[ "$(head -c 2 "$T/e.xlsx")" = "PK" ] && ok || fail "e.xlsx is not a zip file"
if command -v python3 >/dev/null 2>&1; then
	one=$(head -n 1 "$T/ids.gen")
	if python3 - "$T/e.xlsx" "$one" "$persons" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
assert "身份证号" in sheet, "header missing"
assert sys.argv[2] in sheet, "an ID number is missing"
assert "<pane" in sheet and 'state="frozen"' in sheet, "header row not frozen"
assert sheet.count("<row ") == int(sys.argv[3]) + 1, "row count"
PY
	then ok; else fail "e.xlsx content"; fi
fi
expect_exit 0 "export by extension" -- "$DIBAO" --db "$DB" export households --out "$T/f.xlsx"
[ "$(head -c 2 "$T/f.xlsx")" = "PK" ] && ok || fail "--out x.xlsx without --format is not xlsx"

expect_exit 0 "export other county" -- "$DIBAO" --db "$DB" export households --county 410727 --out "$T/none.csv"
expect_text "$T/out" "已导出 0 户 0 人" "export of an empty county"
expect_exit 0 "export this county" -- "$DIBAO" --db "$DB" export households --county 410726 --out "$T/c.csv"
if cmp -s "$T/c.csv" "$T/e.csv"; then ok; else fail "--county 410726 differs from the full export"; fi

expect_exit 2 "export bad format" -- "$DIBAO" --db "$DB" export households --format pdf --out "$T/x.pdf"
expect_exit 2 "export without --out" -- "$DIBAO" --db "$DB" export households
expect_exit 2 "export unknown what" -- "$DIBAO" --db "$DB" export persons --out "$T/x.csv"
expect_exit 3 "export bad county" -- "$DIBAO" --db "$DB" export households --county 41 --out "$T/x.csv"
expect_exit 1 "export unwritable" -- "$DIBAO" --db "$DB" export households --out "$T/plainfile/x.csv"
[ -e "$T/x.csv" ] && fail "a refused export wrote a file" || ok

finish
