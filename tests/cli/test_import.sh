#!/bin/sh
# tests/cli/test_import.sh DIBAO — `dibao init` and `dibao import` as a
# clerk uses them: good files (UTF-8, BOM, GB18030, English headers) are
# imported; every kind of bad file gets its row and reason and leaves the
# database exactly as it was; --skip-bad imports the good rows and writes
# the bad ones to a file.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db imp)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_text "$T/out" "已创建到 v" "init reports the schema version"
expect_exit 0 "init again is a no-op" -- "$DIBAO" --db "$DB" init
expect_text "$T/out" "已是最新版本" "rerun says up to date"

cp "$(dirname "$0")/data/regions.csv" "$T/regions.csv" # 延津县, 东屯镇, one village, one community
expect_exit 0 "import regions" -- "$DIBAO" --db "$DB" import regions "$T/regions.csv"
expect_text "$T/out" "导入 6 行，拒绝 0 行" "regions summary"

# Households with a BOM and CRLF line ends, as Excel writes "CSV UTF-8".
printf '\357\273\277户编号,所属村(社区)代码,家庭住址,户籍类别,开户银行,银行卡号,持卡人,联系电话\r\n' > "$T/hh.csv"
printf 'H1,410726101201,王庄村1组1号,农村,中国农业银行,6228480402564890018,张三,13800000001\r\n' >> "$T/hh.csv"
printf 'H2,410726101201,"王庄村1组2号, 东院",农村,,,,\r\n' >> "$T/hh.csv"
printf 'H3,410726101001,东屯社区3号楼,城镇,,,,\r\n' >> "$T/hh.csv"
expect_exit 0 "import households (BOM, CRLF, quoted comma)" -- "$DIBAO" --db "$DB" import households "$T/hh.csv"
expect_text "$T/out" "导入 3 行，拒绝 0 行" "households summary"
expect_text "$T/out" "UTF-8 (BOM)" "households encoding detected"

# Members in GB18030, as Excel on Chinese Windows saves "CSV (逗号分隔)".
cat > "$T/mem.utf8.csv" <<'CSV'
户编号,姓名,身份证号,与户主关系,健康状况,劳动能力,残疾类别,残疾等级,残疾证号,收入类型,月收入(元)
H1,张三,11010519491231002X,户主,健康,有劳动能力,,,,工资性收入,"1,200.50"
H1,李四,440524188001010014,配偶,重病,无劳动能力,肢体,二级,44052418800101001442,,
H2,王五,34052419800101001x,户主,,,,,,,
CSV
iconv -f UTF-8 -t GB18030 "$T/mem.utf8.csv" > "$T/mem.gb.csv"
expect_exit 0 "import members (GB18030, lower-case x)" -- "$DIBAO" --db "$DB" import members "$T/mem.gb.csv"
expect_text "$T/out" "导入 3 行，拒绝 0 行" "members summary"
expect_text "$T/out" "GB18030" "members encoding detected"

# English headers, columns in another order.
cat > "$T/mem.en.csv" <<'CSV'
relation,id_number,name,hh_no
户主,110101199003074477,赵六,H3
CSV
expect_exit 0 "import members (English headers)" -- "$DIBAO" --db "$DB" import members "$T/mem.en.csv"

# ---- bad files: each names its row and reason and changes nothing ----
bad() { # NAME KIND EXPECTED-TEXT — file $T/NAME.csv must be rejected
	before=$(snapshot "$DB")
	expect_exit 3 "$1 rejected" -- "$DIBAO" --db "$DB" import "$2" "$T/$1.csv"
	expect_text "$T/err" "$3" "$1 message"
	after=$(snapshot "$DB")
	if [ "$before" = "$after" ]; then ok; else fail "$1: database changed"; fi
}

printf '户编号,姓名,身份证号,与户主关系\nH3,"钱七,110101199003074477,子\n' > "$T/unclosed.csv"
bad unclosed members "第 2 行"
printf '户编号,姓名,身份证号,与户主关系\nH3,钱七,110101199003071234\n' > "$T/columns.csv"
bad columns members "第 2 行: 列数应为 4，实际为 3"
printf '户编号,姓名,身份证号,与户主关系\nH3,\377\376,110101199003078419,子\n' > "$T/utf8.csv"
bad utf8 members "第 2 行"
printf '户编号,姓名,身份证号,与户主关系\nH3,钱七,110101199003074478,子\n' > "$T/checksum.csv"
bad checksum members "校验码"
printf '户编号,姓名,身份证号,与户主关系\nH3,钱七,110101199003077037,子\nH3,孙八,110101199003077037,女\n' > "$T/dupfile.csv"
bad dupfile members "第 3 行 [身份证号]"
printf '户编号,姓名,身份证号,与户主关系\nH3,钱七,11010519491231002X,子\n' > "$T/dupdb.csv"
bad dupdb members "已登记为户 \"H1\" 的成员"
printf '户编号,所属村(社区)代码,家庭住址,户籍类别\nH9,410726101299,某村,农村\n' > "$T/village.csv"
bad village households "不在区划表中"
: > "$T/empty.csv"
bad empty households "是空的"
printf '户编号,姓名,身份证号,与户主关系\nH1,钱七,110101199003070150,户主\n' > "$T/head.csv"
bad head members "已有户主"
printf '户编号,姓名,身份证号,与户主关系\nH404,钱七,110101199003070150,子\n' > "$T/nohh.csv"
bad nohh members "不存在，请先导入家庭"
printf '户编号,姓名\nH1,钱七\n' > "$T/missingcol.csv"
bad missingcol members "缺少必需的列: 身份证号、与户主关系"
printf '户编号,所属村(社区)代码,家庭住址,户籍类别\nH1,410726101201,重复,农村\n' > "$T/duphh.csv"
bad duphh households "户编号 \"H1\" 已存在于数据库"

# A mixed file fails as a whole by default ...
printf '户编号,姓名,身份证号,与户主关系\nH3,钱七,110101199003070150,子\nH3,孙八,110101199003070154,女\nH3,周九,110101199003079999,兄弟姐妹\n' > "$T/mixed.csv"
bad mixed members "1 行有错误，未导入任何数据"
expect_text "$T/out" "导入 0 行，拒绝 1 行 (共 3 行" "mixed summary"
# ... and with --skip-bad imports the good rows and keeps the bad ones.
expect_exit 3 "skip-bad" -- "$DIBAO" --db "$DB" import members "$T/mixed.csv" --skip-bad --bad-out "$T/bad.csv" --report "$T/report.csv"
expect_text "$T/out" "导入 2 行，拒绝 1 行" "skip-bad summary"
expect_text "$T/bad.csv" "110101199003070154" "bad row copied"
expect_text "$T/bad.csv" "错误原因,原行号" "bad file header names the added columns"
expect_text "$T/bad.csv" "校验码不正确\",3" "bad row carries its reason and row number"
expect_text "$T/report.csv" "校验码" "report lists the reason"
if grep -q 110101199003070150 "$T/bad.csv"; then fail "good row in bad file"; else ok; fi
expect_exit 3 "the good rows are now duplicates" -- "$DIBAO" --db "$DB" import members "$T/mixed.csv"
expect_text "$T/err" "已登记为户 \"H3\" 的成员" "second run finds them"

# A failure in the middle of the write (the database refuses the income
# rows, after persons and memberships were written) leaves nothing behind.
case "$DB" in
sqlite:*) sqlite3 "${DB#sqlite:}" "CREATE TRIGGER boom BEFORE INSERT ON income_items
		BEGIN SELECT RAISE(ABORT, 'injected failure'); END;" ;;
*) psql -q "$DB" -c "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS
		\$\$BEGIN RAISE EXCEPTION 'injected failure'; END\$\$" \
	-c "CREATE TRIGGER boom BEFORE INSERT ON income_items FOR EACH ROW EXECUTE FUNCTION boom()" ;;
esac
printf '户编号,姓名,身份证号,与户主关系,收入类型,月收入(元)\nH3,吴十,110101199003070011,配偶,工资性收入,800\n' > "$T/boom.csv"
before=$(snapshot "$DB")
expect_exit 1 "write failure" -- "$DIBAO" --db "$DB" import members "$T/boom.csv"
[ "$before" = "$(snapshot "$DB")" ] && ok || fail "a failed write left rows behind"
case "$DB" in
sqlite:*) sqlite3 "${DB#sqlite:}" "DROP TRIGGER boom" ;;
*) psql -q "$DB" -c "DROP TRIGGER boom ON income_items" -c "DROP FUNCTION boom()" ;;
esac
expect_exit 0 "the same file once the database accepts it" -- "$DIBAO" --db "$DB" import members "$T/boom.csv"

# Usage errors.
expect_exit 2 "unknown kind" -- "$DIBAO" --db "$DB" import people "$T/mixed.csv"
expect_exit 1 "missing file" -- "$DIBAO" --db "$DB" import members "$T/nope.csv"
expect_text "$T/err" "nope.csv" "missing file named"
NEW=$(fresh_db uninit)
expect_exit 1 "uninitialised database" -- "$DIBAO" --db "$NEW" import regions "$T/regions.csv"
expect_text "$T/err" "dibao init" "tells to run init"

finish
