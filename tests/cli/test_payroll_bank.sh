#!/bin/sh
# tests/cli/test_payroll_bank.sh DIBAO — a month's 低保 money from the
# approved roster to reconciled, through `dibao payroll`: the payment
# officer exports the bank file (CSV in UTF-8, and the GBK bar-separated
# sample for 农村低保), whose SHA-256 is recorded and checked again at every
# download (a line changed afterwards makes the download refused); nobody
# who prepared or approved the run may export it; the bank's return files
# (written here as a bank would, not by dibao) mark lines paid or failed —
# a line that is not the run's, a wrong amount or a result given twice is
# refused naming the file's line, changing nothing; the failed lines wait
# in the reissue queue, one account is corrected in the register, the
# reissue run pays them, and both runs reconcile: declared = paid +
# reissued + failed. A county template is added (its encoding also
# written UTF-8, as the list shows it); a broken one is refused;
# it shows when and by whom it was added, and is deleted (never a
# built-in). `payroll show` tells the export's template, payer account and
# file date, its timeline in Beijing time with each step's counts (the
# export's lines, a return's paid and failed); a template that writes the
# payer account is refused without --payer, saying so and naming the
# parameter pay.payer_account; once the county sets that parameter (a bad
# one refused, nothing changed) an export without --payer writes it, and
# an explicit --payer still wins; the finance ledger refused to a township
# names 计财台账.
# Every step adds one audit record; the audit chain verifies.
DIBAO=$1
. "$(dirname "$0")/lib.sh"

export DIB_TODAY=2026-11-26
DB=$(fresh_db paybank)
expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 400 --covered 40

run() { "$DIBAO" --db "$DB" "$@"; }
ok_cmd() {
	what=$1; shift
	before=$(audits)
	expect_exit 0 "$what" -- run "$@"
	[ "$(audits)" -eq $((before + 1)) ] && ok || fail "$what: audit records $before → $(audits)"
}
refuse() { what=$1 code=$2 text=$3; shift 3; refused_cmd "$what" "$code" "$text" -- run "$@"; }
state() { sql "SELECT state FROM payroll_runs WHERE id = $1"; }

# the demo gives every township holding a paid household a clerk (jb and
# its three digits) but 东屯镇, whose clerk is "caseworker"
want=$(sql "SELECT count(DISTINCT substr(h.village_code, 1, 9)) FROM entitlements e JOIN households h ON h.id = e.household_id WHERE substr(h.village_code, 1, 9) <> '410726101'")
got=$(sql "SELECT count(*) FROM users WHERE username LIKE 'jb%' AND region_code = '410726' || substr(username, 3, 3) || '000'")
[ "$want" -gt 0 ] && [ "$got" = "$want" ] && ok || fail "the demo's township clerks: $got, want $want"
# 东屯镇 is passed over because it has a township caseworker already (the
# demo's "caseworker"), not by its code
[ "$(sql "SELECT count(*) FROM users WHERE username = 'jb101'")" = 0 ] && ok || fail "东屯镇, which has a caseworker, got a clerk"
T1=$(sql "SELECT min(substr(h.village_code, 1, 9)) FROM entitlements e JOIN households h ON h.id = e.household_id WHERE substr(h.village_code, 1, 9) <> '410726101'")
expect_exit 0 "user list" -- run user list
expect_text "$T/out" "jb${T1#410726}	" "the clerk of $T1 is listed"

# a county clerk who prepares every township's part, and one who also pays
DIBAO_PASSWORD='Bank#2026a' expect_exit 0 "add prep" -- "$DIBAO" --db "$DB" user add prep --name 县级造册 --region 410726000000 --role township_caseworker
DIBAO_PASSWORD='Bank#2026a' expect_exit 0 "add both" -- "$DIBAO" --db "$DB" user add both --name 兼岗 --region 410726000000 --role township_caseworker,payment_officer

# prepared and approved: one township submitted by "both"
approved() { # PROGRAM — builds, submits and approves November's run; prints its id
	run payroll run --user prep --program "$1" --period 2026-11 >/dev/null 2>&1
	r=$(sql "SELECT id FROM payroll_runs WHERE program = '$1' AND kind = 'regular'")
	first=1
	for t in $(sql "SELECT township_code FROM payroll_sections WHERE run_id = $r ORDER BY township_code"); do
		u=prep; [ $first = 1 ] && u=both; first=0
		run payroll submit "$r" --user $u --township "$t" >/dev/null 2>&1 || fail "submit $t"
	done
	run payroll approve "$r" --user approver >/dev/null 2>&1 || fail "approve $r"
	echo "$r"
}
R=$(approved dibao_urban)
[ "$(state "$R")" = approved ] && ok || fail "urban run approved"
N=$(sql "SELECT lines FROM payroll_runs WHERE id = $R")
TOTAL=$(sql "SELECT total_fen FROM payroll_runs WHERE id = $R")

# ---- export ----
CSV="通用CSV（UTF-8）"
GBK="农商银行TXT（GBK，竖线分隔）"
# the GBK sample writes the payer account in its first row: without one
# given or set for the county the refusal says how to give it
refuse "a template that needs a payer account, without one" 3 "请用 --payer 给出付款账号，或在参数中设置 pay.payer_account" payroll export "$R" --user payer --template "$GBK" --out "$T/x"
# the county's payer account, set once (a bad one refused, nothing changed)
refuse "a payer account parameter with letters" 3 "(pay.payer_account) 的值 \"4105-0001\" 不正确，应为 8 至 32 位数字" param set pay.payer_account 4105-0001 --scope 410726 --from 2026-11-01
refuse "a payer account parameter too long" 3 "应为 8 至 32 位数字" param set pay.payer_account 123456789012345678901234567890123 --scope 410726 --from 2026-11-01
ok_cmd "set the county's payer account" param set pay.payer_account "0410 5000 9876 5432" --scope 410726 --from 2026-11-01
refuse "the approver does not export" 1 "没有权限办理银行代发" payroll export "$R" --user approver --template "$CSV" --out "$T/x"
refuse "who submitted does not export" 1 "同一人员不能既造册报送又导出" payroll export "$R" --user both --template "$CSV" --out "$T/x"
refuse "an unknown template" 3 "没有名为“某银行”的代发模板" payroll export "$R" --user payer --template 某银行 --out "$T/x"
refuse "a payer account with letters" 3 "付款账号只能是数字" payroll export "$R" --user payer --template "$CSV" --payer 41-05 --out "$T/x"
refuse "no file for a run not exported" 1 "尚未导出代发文件" payroll bank-file "$R" --user auditor --out "$T/x"
# one given wins over the county's
ok_cmd "export" payroll export "$R" --user payer --template "$CSV" --payer 410500012345 --out "$T/bank.csv"
[ "$(state "$R")" = exported ] && ok || fail "exported"
SHA=$(sha256sum "$T/bank.csv" | cut -d' ' -f1)
[ "$(sql "SELECT file_sha256 FROM payroll_runs WHERE id = $R")" = "$SHA" ] && ok || fail "the recorded checksum is the file's"
[ "$(($(wc -l <"$T/bank.csv") - 1))" = "$N" ] && ok || fail "one row per line"
SUM=$(awk -F, 'NR > 1 { s += $9 * 100 } END { printf "%.0f", s }' "$T/bank.csv")
[ "$SUM" = "$TOTAL" ] && ok || fail "the file's amounts add up to the run: $SUM vs $TOTAL"
if grep -q "$(sql "SELECT payee_id_number FROM payroll_lines WHERE run_id = $R LIMIT 1")" "$T/bank.csv"; then ok; else fail "the bank file carries the payee's ID number"; fi
expect_exit 0 "download again" -- run payroll bank-file "$R" --user auditor --out "$T/again.csv"
cmp -s "$T/bank.csv" "$T/again.csv" && ok || fail "the download differs from the export"
# the run tells how it was exported: template, payer account, file date;
# its times in Beijing time; the export event counts the file's lines
expect_exit 0 "show the exported run" -- run payroll show "$R" --user auditor
expect_text "$T/out" "（模板 $CSV，" "show names the export's template"
expect_text "$T/out" "付款账号 410500012345；文件日期 2026-11-26；" "show gives the payer account (the one given) and the file's date"
if grep -Eq '[0-9]{2}:[0-9]{2}:[0-9]{2}Z' "$T/out"; then fail "show prints UTC times"; else ok; fi
AT=$(sql "SELECT at FROM payroll_events WHERE run_id = $R AND action = 'export'")
BJ=$(date -u -d "@$(($(date -u -d "$AT" +%s) + 28800))" '+%Y-%m-%d %H:%M:%S')
expect_text "$T/out" "  $BJ	导出代发文件	payer	" "the export's time in Beijing time ($AT)"
HH=$(sql "SELECT households FROM payroll_runs WHERE id = $R")
[ "$(sql "SELECT households || '/' || lines || '/' || total_fen FROM payroll_events WHERE run_id = $R AND action = 'export'")" = "$HH/$N/$TOTAL" ] && ok || fail "the export event counts the file's lines"
expect_text "$T/out" "导出代发文件	payer			$HH 户 " "show prints the export's counts"
refuse "a township's clerk may not download the county's file" 1 "不在您的管辖区域内" payroll bank-file "$R" --user caseworker --out "$T/x"
refuse "export twice" 3 "代发文件已导出" payroll export "$R" --user payer --template "$CSV" --out "$T/x"
refuse "cancel after export" 3 "导出代发文件后只能以补发、重发更正" payroll cancel "$R" --user approver --reason 错
# a line changed behind the file's back: the download is refused
L1=$(sql "SELECT id FROM payroll_lines WHERE run_id = $R ORDER BY id LIMIT 1")
ACC=$(sql "SELECT bank_account FROM payroll_lines WHERE id = $L1")
sql "UPDATE payroll_lines SET bank_account = '6217000000000000001' WHERE id = $L1" >/dev/null
expect_exit 1 "a tampered roster" -- run payroll bank-file "$R" --user auditor --out "$T/x"
expect_text "$T/err" "校验值不符" "the tampered download is refused"
sql "UPDATE payroll_lines SET bank_account = '$ACC' WHERE id = $L1" >/dev/null

# ---- the bank's return, as the bank writes it ----
# ret FROM TO FAILS — rows FROM..TO of the bank file (1-based, header not
# counted) as a return CSV; rows whose sequence is in FAILS failed
ret() {
	awk -F, -v from="$1" -v to="$2" -v fails=",$3," 'NR == 1 { print "序号,业务编号,户名,账号,金额,处理状态,失败原因"; next }
		NR - 1 >= from && NR - 1 <= to {
			st = "成功"; rs = ""
			if (index(fails, "," $1 ",")) { st = "F001"; rs = "账户已销户" }
			printf "%s,%s,%s,%s,%s,%s,%s\r\n", $1, $2, $7, $8, $9, st, rs }' "$T/bank.csv"
}
ret 1 "$N" "" | sed '2s/^1,[0-9]*,/1,999999,/' >"$T/bad_ref.csv"
refuse "a reference not in the run" 3 "回盘文件第 2 行：流水号 999999 不是本批次的发放明细" payroll return "$R" --user payer --file "$T/bad_ref.csv"
ret 1 "$N" "" | awk -F, 'BEGIN { OFS = "," } NR == 3 { $5 = "1.00" } { print }' >"$T/bad_amount.csv"
refuse "a wrong amount" 3 "回盘文件第 3 行：金额 1.00 元与清册" payroll return "$R" --user payer --file "$T/bad_amount.csv"
refuse "the approver does not record returns" 1 "没有权限办理银行代发" payroll return "$R" --user approver --file "$T/bad_amount.csv"
# the first half comes back first, with line 2 failed
H=$((N / 2))
ret 1 "$H" 2 >"$T/ret1.csv"
ok_cmd "first return" payroll return "$R" --user payer --file "$T/ret1.csv"
expect_text "$T/out" "尚未回盘 $((N - H)) 笔" "the rest is pending"
[ "$(state "$R")" = exported ] && ok || fail "a partial return leaves the run exported"
refuse "the same return twice" 3 "的发放结果已登记过" payroll return "$R" --user payer --file "$T/ret1.csv"
refuse "reconcile before the whole return" 3 "须全部回盘后才能对账" payroll reconcile "$R" --user payer
ret $((H + 1)) "$N" "$N" >"$T/ret2.csv"
ok_cmd "second return" payroll return "$R" --user payer --file "$T/ret2.csv"
[ "$(state "$R")" = returned ] && ok || fail "all returned: $(state "$R")"
[ "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $R AND status = 'failed'")" = 2 ] && ok || fail "two failed lines"
[ "$(sql "SELECT bank_reason FROM payroll_lines WHERE run_id = $R AND status = 'failed' LIMIT 1")" = 账户已销户 ] && ok || fail "the bank's reason is kept"
[ "$(sql "SELECT count(*) FROM payroll_returns WHERE run_id = $R")" = 2 ] && ok || fail "two return files recorded"
# each return event counts the lines its file reported, paid and failed
refs() { awk -F, 'NR > 1 { printf "%s%s", s, $2; s = "," }' "$1"; }
[ "$(sql "SELECT lines || '/' || paid || '/' || failed || '/' || households || '/' || persons FROM payroll_events WHERE run_id = $R AND action = 'return' ORDER BY id LIMIT 1")" = "$H/$((H - 1))/1/$(sql "SELECT count(DISTINCT household_id) || '/' || sum(persons) FROM payroll_lines WHERE id IN ($(refs "$T/ret1.csv"))")" ] && ok || fail "the first return's event counts"
[ "$(sql "SELECT lines || '/' || paid || '/' || failed || '/' || (paid_fen + failed_fen) FROM payroll_events WHERE run_id = $R AND action = 'return' ORDER BY id DESC LIMIT 1")" = "$((N - H))/$((N - H - 1))/1/$(sql "SELECT sum(total_fen) FROM payroll_lines WHERE id IN ($(refs "$T/ret2.csv"))")" ] && ok || fail "the second return's event counts"
expect_exit 0 "show the returned run" -- run payroll show "$R" --user auditor
expect_text "$T/out" "成功 $((N - H - 1)) 笔 " "show prints what the return paid"
# the finance ledger is the county's: a township's clerk is told so by its name
refuse "a township's clerk may not have the ledger" 1 "该批次的计财台账不在您的管辖区域内" payroll ledger "$R" --user caseworker --out "$T/x.xlsx"

# ---- the reissue queue ----
expect_exit 0 "the queue" -- run payroll failed --user auditor
expect_text "$T/out" "共 2 笔待重发" "two lines wait"
F1=$(sql "SELECT household_id FROM payroll_lines WHERE run_id = $R AND status = 'failed' ORDER BY id LIMIT 1")
sql "UPDATE households SET bank_account = '6217000000000000019' WHERE id = $F1" >/dev/null # corrected by the clerk
refuse "the payer does not build a reissue" 1 "没有权限编制补贴清册" payroll reissue --user payer --program dibao_urban
ok_cmd "reissue" payroll reissue --user prep --program dibao_urban
RF=$(sql "SELECT id FROM payroll_runs WHERE kind = 'reissue'")
[ "$(sql "SELECT count(*) || '/' || sum(total_fen) FROM payroll_lines WHERE run_id = $RF")" = "$(sql "SELECT count(*) || '/' || sum(total_fen) FROM payroll_lines WHERE run_id = $R AND status = 'failed'")" ] && ok || fail "the reissue pays exactly the failed lines"
[ "$(sql "SELECT bank_account FROM payroll_lines WHERE run_id = $RF AND household_id = $F1")" = 6217000000000000019 ] && ok || fail "the reissue uses the corrected account"
[ "$(sql "SELECT due_on FROM payroll_runs WHERE id = $RF")" = 2026-11-26 ] && ok || fail "a reissue is due when made"
refuse "an empty queue" 1 "没有待重发的发放失败记录" payroll reissue --user prep --program dibao_urban
# never twice: the failed original gave its slot to the reissue, nobody else may take it
COLS="county, id, run_id, program, period, kind, slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, status"
if sql "INSERT INTO payroll_lines ($COLS) SELECT county, 999999, run_id, program, period, 'reissue', slot, household_id, person_id, township_code, village_code, village_name, hh_no, payee_name, payee_id_number, persons, base_fen, addon_fen, total_fen, 'pending' FROM payroll_lines WHERE run_id = $RF LIMIT 1" >/dev/null 2>&1; then
	fail "a second reissue of the same month was accepted"
else ok; fi
for t in $(sql "SELECT township_code FROM payroll_sections WHERE run_id = $RF"); do
	expect_exit 0 "submit the reissue $t" -- run payroll submit "$RF" --user prep --township "$t"
done
expect_exit 0 "approve the reissue" -- run payroll approve "$RF" --user approver
expect_exit 0 "export the reissue" -- run payroll export "$RF" --user payer --template "$CSV" --out "$T/bank.csv"
ret 1 99 "" >"$T/retf.csv"
expect_exit 0 "return of the reissue" -- run payroll return "$RF" --user payer --file "$T/retf.csv"
ok_cmd "reconcile the reissue" payroll reconcile "$RF" --user payer
expect_exit 0 "reconciliation" -- run payroll recon "$R" --user auditor
expect_text "$T/out" "已转重发 2 笔" "the original shows its reissued lines"
expect_text "$T/out" "对账：平衡" "and balances"
P=$(sql "SELECT sum(total_fen) FROM payroll_lines WHERE run_id = $R AND status = 'paid'")
X=$(sql "SELECT sum(total_fen) FROM payroll_lines WHERE run_id = $R AND status = 'failed'")
[ $((P + X)) = "$TOTAL" ] && ok || fail "declared $TOTAL = paid $P + reissued $X"
ok_cmd "reconcile" payroll reconcile "$R" --user payer
[ "$(state "$R")" = reconciled ] && ok || fail "reconciled"

# ---- 农村低保 in the GBK bar-separated sample, with the bank's summary row ----
RR=$(approved dibao_rural)
# no --payer: the county's payer account, leading zero and all
ok_cmd "export GBK" payroll export "$RR" --user payer --template "$GBK" --out "$T/bank.txt"
iconv -f GBK -t UTF-8 "$T/bank.txt" >"$T/bank.utf8" && ok || fail "the file is GBK"
head -1 "$T/bank.utf8" | grep -q "|0410500098765432|" && ok || fail "the summary row carries the county's payer account: $(head -1 "$T/bank.utf8")"
[ "$(sql "SELECT payer_account FROM payroll_runs WHERE id = $RR")" = 0410500098765432 ] && ok || fail "the run records the county's payer account"
expect_exit 0 "show the GBK run" -- run payroll show "$RR" --user auditor
expect_text "$T/out" "付款账号 0410500098765432；" "show gives the county's payer account"
NAME=$(sql "SELECT payee_name FROM payroll_lines WHERE run_id = $RR ORDER BY id LIMIT 1")
expect_text "$T/bank.utf8" "$NAME" "the payee's name, in GBK"
if grep -q "$NAME" "$T/bank.txt"; then fail "the file holds UTF-8 text"; else ok; fi
NR_=$(sql "SELECT lines FROM payroll_runs WHERE id = $RR")
head -1 "$T/bank.utf8" | grep -q "|$NR_|" && ok || fail "the summary row counts the lines: $(head -1 "$T/bank.utf8")"
# the return: summary row, then seq|reference|account|name|amount|status|reason| — the first line failed
gbk_ret() { # TOTAL_OVERRIDE
	awk -F'|' -v over="$1" 'NR == 1 { batch = $1; next }
		{ n++; amt = $5; st = "0000"; rs = ""; if (n == 1) { st = "E102"; rs = "户名与账号不符" }
		  t += amt; if (st == "0000") { pc++; pt += amt } else { fc++; ft += amt }
		  row[n] = $1 "|" $2 "|" $3 "|" $4 "|" $5 "|" st "|" rs "|" }
		END { tt = over != "" ? over : sprintf("%.2f", t)
		      printf "%s|%d|%s|%d|%.2f|%d|%.2f|\r\n", batch, n, tt, pc, pt, fc, ft
		      for (i = 1; i <= n; i++) printf "%s\r\n", row[i] }' "$T/bank.utf8" | iconv -f UTF-8 -t GBK
}
gbk_ret 1.00 >"$T/gbk_bad.txt"
refuse "a summary row that disagrees" 3 "回盘文件第 1 行" payroll return "$RR" --user payer --file "$T/gbk_bad.txt"
gbk_ret "" >"$T/gbk_ret.txt"
ok_cmd "GBK return" payroll return "$RR" --user payer --file "$T/gbk_ret.txt"
[ "$(sql "SELECT bank_reason FROM payroll_lines WHERE run_id = $RR AND status = 'failed'")" = 户名与账号不符 ] && ok || fail "the GBK reason, read as UTF-8"

# ---- templates ----
expect_exit 0 "templates" -- run payroll templates --user payer
expect_text "$T/out" "邮储银行定长（GBK）" "the built-ins are offered"
sed -e 's/^name = .*/name = 本县农信社/' -e 's/^bank = .*/bank = 延津县农村信用社/' >"$T/own.tpl" <<'EOF'
name = x
bank = x
format = delimited
encoding = utf8
separator = ,
amount = yuan
column = reference
column = account
column = account_name
column = amount
return.column = reference
return.column = amount
return.column = status
return.paid = OK
EOF
ok_cmd "add a template" payroll template-add --user payer --file "$T/own.tpl"
expect_exit 0 "templates again" -- run payroll templates --user auditor
expect_text "$T/out" "本县农信社" "the county's own template is offered"
refuse "the same name again" 3 "已有名为“本县农信社”的代发模板" payroll template-add --user payer --file "$T/own.tpl"
# the encoding as the template list shows it (UTF-8, GBK) is read too
sed -e 's/^name = .*/name = 延津农信二号/' -e 's/^encoding = utf8/encoding = UTF-8/' "$T/own.tpl" >"$T/own2.tpl"
ok_cmd "a template with encoding = UTF-8" payroll template-add --user payer --file "$T/own2.tpl"
expect_exit 0 "templates with encoding = UTF-8" -- run payroll templates --user auditor
grep -q "^延津农信二号	本县	延津县农村信用社	UTF-8	分隔符	" "$T/out" && ok || fail "the UTF-8 template listed: $(grep 延津农信二号 "$T/out")"
sed -e 's/^name = .*/name = 延津农信三号/' -e 's/^encoding = utf8/encoding = UTF-16/' "$T/own.tpl" >"$T/own3.tpl"
refuse "an encoding dibao does not write" 3 "模板第 4 行：encoding 的值 \"UTF-16\" 不正确，应为 utf8（UTF-8）或 gbk（GBK）" payroll template-add --user payer --file "$T/own3.tpl"
printf 'name = 坏模板\nformat = sideways\n' >"$T/bad.tpl"
refuse "a broken template" 3 "模板第 2 行" payroll template-add --user payer --file "$T/bad.tpl"
refuse "the clerk does not add templates" 1 "没有权限办理银行代发" payroll template-add --user caseworker --file "$T/own.tpl"
# the county's own template: when and by whom it was added; deleting it
# (never a built-in) takes payroll_pay, one audit record keeping its text
expect_exit 0 "templates with the county's own" -- run payroll templates --user auditor
grep -Eq "^本县农信社	本县	延津县农村信用社	UTF-8	分隔符	[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}	payer\$" "$T/out" && ok || fail "the county's template with its time and author: $(grep 本县农信社 "$T/out")"
refuse "a built-in is not deleted" 3 "“$CSV”是内置样例模板，不能删除" payroll template-delete "$CSV" --user payer
refuse "no such template to delete" 1 "本县没有名为“某银行”的代发模板" payroll template-delete 某银行 --user payer
refuse "the clerk does not delete templates" 1 "没有权限办理银行代发" payroll template-delete 本县农信社 --user caseworker
refuse "the approver does not delete templates" 1 "没有权限办理银行代发" payroll template-delete 本县农信社 --user approver
ok_cmd "delete the county's template" payroll template-delete 本县农信社 --user payer
expect_text "$T/out" "代发模板“本县农信社”已删除" "the deletion is told"
[ "$(sql "SELECT count(*) FROM bank_templates WHERE name = '本县农信社'")" = 0 ] && ok || fail "the template is gone"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'payroll.template_delete' AND entity_id = '本县农信社' AND before_json LIKE '%延津县农村信用社%'")" = 1 ] && ok || fail "the audit record keeps the deleted text"
expect_exit 0 "templates after the deletion" -- run payroll templates --user auditor
if grep -q "本县农信社" "$T/out"; then fail "a deleted template is offered"; else ok; fi
refuse "deleted twice" 1 "本县没有名为“本县农信社”的代发模板" payroll template-delete 本县农信社 --user payer

expect_exit 0 "the audit chain" -- run audit verify
finish
