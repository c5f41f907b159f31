#!/bin/sh
# tests/cli/test_payroll_recover.sh DIBAO — recovering overpayments (应追缴,
# issue 5 item 6; docs/internals/payroll.md "Recovering overpayments"):
#  - 城市低保 paid for September and October at 528 元, then a standard of
#    520 元 decided on 20 October with effect from September: the arrears
#    run records one overpayment per household and month, to deduct; asked
#    again it records nothing more (never twice);
#  - overpayments recorded by hand (a fraud finding): one to deduct, one to
#    repay (never deducted); refusals change nothing;
#  - the county sets its share at 25 % (pay.recovery_max_bp from November);
#    November's roster deducts from each line min(outstanding, floor(gross
#    × 25 %)), oldest overpayment first, to the fen; the control totals are
#    of what is paid; nothing counts as recovered until the bank's return;
#  - the return pays every line but one: the overpayments its paid lines
#    recover in full are closed with it; the failed line's deduction does
#    not count, and its reissue carries the same deduction again;
#  - a repayment with its receipt: more than is outstanding refused,
#    changing nothing; the same receipt twice refused; paid in full closes it;
#  - a program paid per person (高龄津贴): an overpayment of one person is
#    deducted from that person's line;
#  - cancelling a roster removes its deductions; rebuilding a section
#    writes them again, once;
#  - the household's account shows what was overpaid and recovered;
#  - the API: the list, one overpayment with its recoveries, recording one,
#    a repayment and a change of plan, each one audit record; the
#    household's payments with the new columns.
# On SQLite, or on PostgreSQL when DIB_TEST_DB is its URL (lib.sh).
DIBAO=$1
. "$(dirname "$0")/lib.sh"

DB=$(fresh_db recover)
DIB_TODAY=2026-06-20 expect_exit 0 "init" -- "$DIBAO" --db "$DB" init
DIB_TODAY=2026-06-20 expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 300 --covered 30

run() { d=$1; shift; DIB_TODAY=$d "$DIBAO" --db "$DB" "$@"; }
. "$(dirname "$0")/lib_payroll.sh"
# yuan FEN — as money_format writes it: 2,866.18
yuan() { echo "$1" | awk '{ s = sprintf("%d", int($1 / 100)); o = ""
	while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
	printf "%s%s.%02d\n", s, o, $1 % 100 }'; }
DIBAO_PASSWORD='Rec#2026a' expect_exit 0 "add prep" -- "$DIBAO" --db "$DB" user add prep --name 县级造册 --region 410726000000 --role township_caseworker

run_of() { sql "SELECT id FROM payroll_runs WHERE program = '$1' AND period = '$2' AND kind = '${3:-regular}' AND state <> 'cancelled'"; }
# bank_return DAY RUN [FAILED_LINE] — the bank pays every line of the file but FAILED_LINE
bank_return() {
	awk -F, -v bad="${3:-0}" 'NR == 1 { print "序号,业务编号,户名,账号,金额,处理状态,失败原因"; next }
		{ st = "成功"; rs = ""; if ($2 == bad) { st = "F001"; rs = "账户已冻结" }
		  printf "%s,%s,%s,%s,%s,%s,%s\r\n", $1, $2, $7, $8, $9, st, rs }' "$T/b.csv" >"$T/r.csv"
	run "$1" payroll return "$2" --user payer --file "$T/r.csv" >"$T/ret.out" 2>&1 || { fail "return $2"; cat "$T/ret.out" >&2; }
}
pay_month() { # DAY PERIOD — November's steps for PERIOD on DAY, every line paid
	run "$1" payroll run --user prep --program dibao_urban --period "$2" >/dev/null 2>&1 || fail "build $2"
	r=$(run_of dibao_urban "$2")
	steps "$1" "$r"
	bank_return "$1" "$r"
}
pay_month 2026-09-05 2026-09
pay_month 2026-10-05 2026-10
H=$(sql "SELECT count(*) FROM entitlements WHERE program = 'dibao_urban' AND base_fen IS NOT NULL")
P=$(sql "SELECT sum(persons) FROM entitlements WHERE program = 'dibao_urban' AND base_fen IS NOT NULL")
[ "$H" -ge 3 ] && ok || fail "the demo covered too few 城市低保 households: $H"
[ "$(sql "SELECT CASE WHEN max(income_fen) < 52000 THEN 1 ELSE 0 END FROM entitlements WHERE program = 'dibao_urban'")" = 1 ] && ok || fail "an income above the new standard"

# ---- a lower standard from September: overpaid ----
expect_exit 0 "a lower standard" -- run 2026-10-20 standard set --county 410726 --program dibao_urban --from 2026-09-01 --amount 520 --decided 2026-10-20 --document 延民〔2026〕20号
expect_exit 0 "recompute September–October" -- run 2026-10-20 payroll arrears --user prep --program dibao_urban --from 2026-09 --to 2026-10
OVER=$((2 * 800 * P))
is "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM overpayments")" "$((2 * H))/$OVER" "one overpayment per household and month, 8 元 a person"
is "$(sql "SELECT DISTINCT plan || '/' || reason FROM overpayments")" deduct/recompute "found by the recomputation, to deduct"
refuse 2026-10-20 "asked again: nothing more overpaid" 1 "没有需要补发或追缴的金额" payroll arrears --user prep --program dibao_urban --from 2026-09 --to 2026-10

# two households, the first with two persons or more
HX=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' AND persons >= 2 ORDER BY household_id LIMIT 1")
HY=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' AND household_id <> $HX ORDER BY household_id LIMIT 1")
HZ=$(sql "SELECT household_id FROM entitlements WHERE program = 'dibao_urban' AND household_id NOT IN ($HX, $HY) ORDER BY household_id LIMIT 1")

# ---- by hand: a fraud finding ----
refuse 2026-10-21 "the payer does not record overpayments" 1 "没有权限审批发放批次" payroll overpayment add --user payer --household "$HX" --program dibao_urban --period 2026-10 --amount 3000 --reason fraud --plan deduct --note 隐瞒收入
refuse 2026-10-21 "an unknown reason" 3 "追缴原因“guess”不正确" payroll overpayment add --user approver --household "$HX" --program dibao_urban --period 2026-10 --amount 3000 --reason guess --plan deduct --note 隐瞒收入
refuse 2026-10-21 "a period to come" 3 "多发的期次 2026-12 尚未到来" payroll overpayment add --user approver --household "$HX" --program dibao_urban --period 2026-12 --amount 3000 --reason fraud --plan deduct --note 隐瞒收入
refuse 2026-10-21 "a person for 低保" 3 "低保按户发放" payroll overpayment add --user approver --household "$HX" --person 5 --program dibao_urban --period 2026-10 --amount 3000 --reason fraud --plan deduct --note 隐瞒收入
refuse 2026-10-21 "no note" 3 "追缴事由" payroll overpayment add --user approver --household "$HX" --program dibao_urban --period 2026-10 --amount 3000 --reason fraud --plan deduct
refuse 2026-10-21 "a negative amount" 3 "" payroll overpayment add --user approver --household "$HX" --program dibao_urban --period 2026-10 --amount -5 --reason fraud --plan deduct --note x
ok_cmd 2026-10-21 "fraud, to deduct" payroll overpayment add --user approver --household "$HX" --program dibao_urban --period 2026-10 --amount 3000 --reason fraud --plan deduct --note 隐瞒经营收入
expect_text "$T/out" "3,000.00 元（骗取套取，从后续发放中扣减）" "the summary"
OX=$(sql "SELECT id FROM overpayments WHERE household_id = $HX AND reason = 'fraud'")
ok_cmd 2026-10-21 "fraud, to repay" payroll overpayment add --user approver --household "$HY" --program dibao_urban --period 2026-09 --amount 100 --reason fraud --plan repay --note 隐瞒就业
OY=$(sql "SELECT id FROM overpayments WHERE household_id = $HY AND reason = 'fraud'")
ok_cmd 2026-10-21 "another, to repay" payroll overpayment add --user approver --household "$HZ" --program dibao_urban --period 2026-10 --amount 50 --reason other --plan repay --note 重复领取
OZ=$(sql "SELECT id FROM overpayments WHERE household_id = $HZ AND reason = 'other'")
refuse 2026-10-21 "the payer does not change a plan" 1 "没有权限审批发放批次" payroll overpayment plan "$OZ" --user payer --plan deduct
refuse 2026-10-21 "the same plan" 3 "已是“责令退还”" payroll overpayment plan "$OZ" --user approver --plan repay
ok_cmd 2026-10-21 "a plan changed" payroll overpayment plan "$OZ" --user approver --plan deduct
ok_cmd 2026-10-21 "and back" payroll overpayment plan "$OZ" --user approver --plan repay

# ---- the county's share: 25 % from November ----
expect_exit 0 "recovery share" -- run 2026-10-21 param set pay.recovery_max_bp 25% --scope 410726 --from 2026-11-01 --reason 县局决定

# ---- November: each line deducts at most 25 % of itself ----
ok_cmd 2026-11-05 "November" payroll run --user prep --program dibao_urban --period 2026-11
RN=$(run_of dibao_urban 2026-11)
# what each household has to deduct: its overpayments with plan deduct
DED="SELECT coalesce(sum(o.amount_fen), 0) FROM overpayments o WHERE o.household_id = l.household_id AND o.plan = 'deduct'"
CAP="(l.base_fen + l.addon_fen) * 2500 / 10000"
is "$(sql "SELECT count(*) FROM payroll_lines l WHERE run_id = $RN AND deduction_fen <> CASE WHEN ($DED) < $CAP THEN ($DED) ELSE $CAP END")" 0 "every line deducts min(outstanding, floor(gross × 25 %))"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RN AND total_fen <> base_fen + addon_fen - deduction_fen")" 0 "total = base + add-on − deduction"
GX=$(sql "SELECT base_fen + addon_fen FROM payroll_lines WHERE run_id = $RN AND household_id = $HX")
DX=$((GX * 2500 / 10000))
LX=$(sql "SELECT id FROM payroll_lines WHERE run_id = $RN AND household_id = $HX")
is "$(sql "SELECT deduction_fen FROM payroll_lines WHERE id = $LX")" "$DX" "HX's line deducts 25 % of $GX fen, to the fen"
# oldest first: September's and October's recomputations in full, the rest from the fraud
RX=$(sql "SELECT sum(amount_fen) FROM overpayments WHERE household_id = $HX AND reason = 'recompute'")
is "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM recoveries WHERE line_id = $LX")" "3/$DX" "HX's deduction: three recoveries"
is "$(sql "SELECT amount_fen FROM recoveries WHERE line_id = $LX AND overpayment_id = $OX")" "$((DX - RX))" "the fraud takes what the recomputations left of the cap"
LY=$(sql "SELECT id FROM payroll_lines WHERE run_id = $RN AND household_id = $HY")
is "$(sql "SELECT deduction_fen FROM payroll_lines WHERE id = $LY")" "$(sql "SELECT sum(amount_fen) FROM overpayments WHERE household_id = $HY AND plan = 'deduct'")" "HY deducts its recomputations only"
is "$(sql "SELECT count(*) FROM recoveries WHERE overpayment_id IN ($OY, $OZ)")" 0 "an overpayment to repay is never deducted"
# the control totals are of what is paid
is "$(sql "SELECT total_fen FROM payroll_runs WHERE id = $RN")" "$(sql "SELECT sum(base_fen + addon_fen - deduction_fen) FROM payroll_lines WHERE run_id = $RN")" "declared = Σ (base + add-on − deduction)"
is "$(sql "SELECT sum(total_fen) FROM payroll_sections WHERE run_id = $RN")" "$(sql "SELECT total_fen FROM payroll_runs WHERE id = $RN")" "the sections add up"
ND=$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RN AND deduction_fen > 0")
is "$(sql "SELECT count(DISTINCT line_id) FROM recoveries r JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $RN")" "$ND" "one or more recoveries per line deducting"
is "$(sql "SELECT sum(amount_fen) FROM recoveries r JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $RN")" "$(sql "SELECT sum(deduction_fen) FROM payroll_lines WHERE run_id = $RN")" "the recoveries are the lines' deductions"
# not recovered before the bank pays
expect_exit 0 "the open overpayments" -- run 2026-11-05 payroll overpayments --user auditor --household "$HX" --open
expect_text "$T/out" "共 3 笔" "HX has three open overpayments"
[ "$(sql "SELECT count(*) FROM overpayments WHERE closed_on IS NOT NULL")" = 0 ] && ok || fail "closed before the bank paid"
expect_exit 0 "show the fraud" -- run 2026-11-05 payroll overpayment show "$OX" --user auditor
expect_text "$T/out" "待银行处理，未计入" "a pending deduction does not count yet"
# when it was recorded, in Beijing time (the database keeps UTC)
AT=$(sql "SELECT created_at FROM overpayments WHERE id = $OX")
expect_text "$T/out" "登记：$(date -u -d "@$(($(date -u -d "$AT" +%s) + 28800))" '+%Y-%m-%d %H:%M:%S') " "the overpayment's time in Beijing time ($AT)"
if grep -Eq '[0-9]{2}:[0-9]{2}:[0-9]{2}Z' "$T/out"; then fail "overpayment show prints UTC times"; else ok; fi

# ---- the bank pays every line but HX's ----
steps 2026-11-06 "$RN"
bank_return 2026-11-08 "$RN" "$LX"
expect_text "$T/ret.out" "失败 1 笔" "one failed"
is "$(sql "SELECT count(*) FROM overpayments WHERE closed_on = '2026-11-08' AND closed_reason = 'recovered'")" "$((2 * H - 2))" "the paid lines' overpayments recovered in full are closed by the return"
is "$(sql "SELECT count(*) FROM overpayments WHERE household_id = $HX AND closed_on IS NULL")" 3 "HX's failed line recovered nothing"
is "$(sql "SELECT count(*) FROM overpayments WHERE id = $OY AND closed_on IS NULL")" 1 "HY's repayment still open"
is "$(sql "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")" payroll.return "the closing is the return's own record"
expect_exit 0 "show the fraud after the return" -- run 2026-11-08 payroll overpayment show "$OX" --user auditor
expect_text "$T/out" "未发放，不计入" "a failed line's deduction does not count"
expect_text "$T/out" "3,000.00	0.00	0.00	0.00	3,000.00" "all 3000 元 outstanding again"

# ---- the reissue carries the same deduction ----
ok_cmd 2026-11-10 "reissue" payroll reissue --user prep --program dibao_urban
RF=$(sql "SELECT id FROM payroll_runs WHERE kind = 'reissue'")
LF=$(sql "SELECT id FROM payroll_lines WHERE run_id = $RF AND household_id = $HX")
is "$(sql "SELECT deduction_fen || '/' || total_fen FROM payroll_lines WHERE id = $LF")" "$DX/$((GX - DX))" "the reissue deducts as the failed line did"
is "$(sql "SELECT count(*) || '/' || sum(amount_fen) FROM recoveries WHERE line_id = $LF")" "3/$DX" "with the same recoveries"
is "$(sql "SELECT count(*) FROM recoveries WHERE line_id = $LX")" 3 "the failed line's stay, counted for nothing"
steps 2026-11-11 "$RF"
bank_return 2026-11-12 "$RF"
is "$(sql "SELECT count(*) FROM overpayments WHERE household_id = $HX AND closed_on = '2026-11-12'")" 2 "HX's recomputations recovered by the reissue"
LEFT=$((300000 - (DX - RX)))
expect_exit 0 "HX's overpayments" -- run 2026-11-12 payroll overpayments --user auditor --household "$HX" --open
expect_text "$T/out" "尚欠合计 $(yuan "$LEFT") 元" "what the fraud still owes"

# ---- a repayment with its receipt ----
refuse 2026-11-15 "more than is outstanding" 3 "退款 150.00 元超过尚未追回的 100.00 元" payroll repay --user payer --overpayment "$OY" --amount 150 --receipt 豫财收〔2026〕001
refuse 2026-11-15 "the approver does not record repayments" 1 "没有权限办理银行代发" payroll repay --user approver --overpayment "$OY" --amount 40 --receipt 豫财收〔2026〕001
refuse 2026-11-15 "no receipt" 3 "收据号" payroll repay --user payer --overpayment "$OY" --amount 40
refuse 2026-11-15 "a receipt dated tomorrow" 3 "晚于今天" payroll repay --user payer --overpayment "$OY" --amount 40 --receipt R --date 2026-11-16
ok_cmd 2026-11-15 "a repayment" payroll repay --user payer --overpayment "$OY" --amount 40 --receipt 豫财收〔2026〕001 --date 2026-11-14
expect_text "$T/out" "尚欠 60.00 元" "60 元 left"
is "$(sql "SELECT kind || '/' || amount_fen || '/' || paid_on || '/' || actor FROM recoveries WHERE overpayment_id = $OY")" "repayment/4000/2026-11-14/payer" "the repayment as recorded"
refuse 2026-11-15 "the same receipt twice" 3 "已经登记过" payroll repay --user payer --overpayment "$OY" --amount 10 --receipt 豫财收〔2026〕001
ok_cmd 2026-11-16 "the rest" payroll repay --user payer --overpayment "$OY" --amount 60 --receipt 豫财收〔2026〕002
expect_text "$T/out" "已结清" "repaid in full"
is "$(sql "SELECT closed_on || '/' || closed_reason FROM overpayments WHERE id = $OY")" 2026-11-16/recovered "closed the day of the repayment"
refuse 2026-11-16 "a closed overpayment" 3 "已于 2026-11-16 结清" payroll repay --user payer --overpayment "$OY" --amount 1 --receipt 豫财收〔2026〕003
refuse 2026-11-16 "an unknown overpayment" 1 "应追缴记录 99999 不存在" payroll repay --user payer --overpayment 99999 --amount 1 --receipt x

# ---- a program paid per person: 高龄津贴 ----
expect_exit 0 "高龄津贴 standard" -- run 2026-10-20 standard set --county 410726 --program elderly_allowance --from 2026-01-01 --amount 100
HE=$(sql "SELECT h.id FROM households h WHERE h.village_code LIKE '410726101%' AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.household_id = h.id) AND (SELECT count(*) FROM memberships m WHERE m.household_id = h.id AND m.end_date IS NULL) >= 1 ORDER BY h.id LIMIT 1")
E=$(sql "SELECT person_id FROM memberships WHERE household_id = $HE AND end_date IS NULL ORDER BY person_id LIMIT 1")
sql "UPDATE persons SET birth_date = '1940-03-01' WHERE id = $E" >/dev/null
expect_exit 0 "高龄津贴 granted" -- run 2026-10-20 benefit grant --user approver --household "$HE" --program elderly_allowance --persons "$E" --decision 延民高〔2026〕7号
refuse 2026-11-01 "a program paid per person needs the person" 3 "该项目按人发放" payroll overpayment add --user approver --household "$HE" --program elderly_allowance --period 2026-10 --amount 50 --reason fraud --plan deduct --note 冒领
refuse 2026-11-01 "a person of another household" 3 "不是该家庭的成员" payroll overpayment add --user approver --household "$HE" --person 1 --program elderly_allowance --period 2026-10 --amount 50 --reason fraud --plan deduct --note 冒领
ok_cmd 2026-11-01 "an elder's overpayment" payroll overpayment add --user approver --household "$HE" --person "$E" --program elderly_allowance --period 2026-10 --amount 50 --reason fraud --plan deduct --note 冒领
expect_exit 0 "高龄津贴 November" -- run 2026-11-05 payroll run --user prep --program elderly_allowance --period 2026-11
RE=$(run_of elderly_allowance 2026-11)
is "$(sql "SELECT base_fen || '/' || deduction_fen || '/' || total_fen FROM payroll_lines WHERE run_id = $RE AND person_id = $E")" "10000/2500/7500" "the elder's line deducts 25 % of 100 元"
is "$(sql "SELECT count(*) FROM payroll_lines WHERE run_id = $RE AND deduction_fen > 0")" 1 "and no one else's"

# ---- cancelling a roster removes its deductions; a rebuild writes them once ----
OUT_BEFORE=$(run 2026-12-05 payroll overpayments --user auditor --household "$HX" --open | tail -1)
ok_cmd 2026-12-05 "December" payroll run --user prep --program dibao_urban --period 2026-12
RD=$(run_of dibao_urban 2026-12)
NRD=$(sql "SELECT count(*) FROM recoveries r JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $RD")
is "$(sql "SELECT count(*) FROM recoveries r JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $RD AND l.household_id = $HX")" 1 "December deducts from HX's fraud"
TX=$(sql "SELECT township_code FROM payroll_lines WHERE id = $LX")
ok_cmd 2026-12-05 "rebuild HX's township" payroll rebuild "$RD" --user prep --township "$TX"
is "$(sql "SELECT count(*) FROM recoveries r JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $RD")" "$NRD" "a rebuild deducts once, as before"
is "$(sql "SELECT count(*) FROM recoveries r LEFT JOIN payroll_lines l ON l.id = r.line_id WHERE r.kind = 'deduction' AND l.id IS NULL")" 0 "no deduction without its line"
ok_cmd 2026-12-05 "cancel December" payroll cancel "$RD" --user approver --reason 标准有误
is "$(sql "SELECT count(*) FROM recoveries r JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $RD")" 0 "the cancelled roster's deductions are gone"
is "$(run 2026-12-05 payroll overpayments --user auditor --household "$HX" --open | tail -1)" "$OUT_BEFORE" "outstanding as before the roster"

# ---- the household's account ----
expect_exit 0 "HX's account" -- run 2026-11-20 payroll account --household "$HX" --user auditor
expect_text "$T/out" "应追缴 $(yuan $((RX + 300000))) 元，已追回 $(yuan "$DX") 元，在途扣减 0.00 元，尚欠 $(yuan "$LEFT") 元" "the account's recovery"
RXO=$(sql "SELECT amount_fen FROM overpayments WHERE household_id = $HX AND period = '2026-10' AND reason = 'recompute'")
expect_text "$T/out" "$(printf '2026-11\t')" "November in the account"
grep "^2026-11	" "$T/out" | grep -q "	$(yuan "$DX")\$" && ok || { fail "November recovered $(yuan "$DX")"; cat "$T/out" >&2; }
grep "^2026-10	" "$T/out" | grep -q "	$(yuan $((RXO + 300000)))	0.00\$" && ok || { fail "October overpaid"; cat "$T/out" >&2; }
expect_exit 0 "HY's account" -- run 2026-11-20 payroll account --household "$HY" --user auditor
expect_text "$T/out" "尚欠 0.00 元" "HY owes nothing"

# ---- the API ----
DIB_TODAY=2026-11-20
export DIB_TODAY
GOOD='Rec#2026a'
NEW='Rec#2026b'
. "$(dirname "$0")/lib_api.sh"
state() { snapshot "$DB"; }
. "$(dirname "$0")/lib_writes.sh"
start_server
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
for u in approver payer auditor caseworker; do login "$u" Dibao@2026; done
req auditor l "$URL/api/v1/payroll/overpayments?household=$HX"; expect_status l 200
jis l '.total' 3 "HX's three overpayments"
jis l "[.items[] | select(.id == $OX)][0].outstanding_fen" "$LEFT" "the fraud's outstanding"
jis l "[.items[] | select(.id == $OX)][0].reason_name" 骗取套取 "its reason in Chinese"
req auditor lo "$URL/api/v1/payroll/overpayments?open=1&limit=1000"; expect_status lo 200
jis lo '[.items[] | select(.open | not)] | length' 0 "open only"
req auditor g "$URL/api/v1/payroll/overpayments/$OX"; expect_status g 200
jis g '.recoveries | length' 2 "the fraud's two deductions: the failed line's and the reissue's"
jis g '[.recoveries[] | select(.counted)] | length' 1 "one counted"
jis g '[.recoveries[] | select(.counted)][0].amount_fen' "$((DX - RX))" "the reissue's"
req auditor nf "$URL/api/v1/payroll/overpayments/99999"; expect_status nf 404
# a township's clerk: the households of his township only
CWT=$(sql "SELECT substr(region_code, 1, 9) FROM users WHERE username = 'caseworker'")
req caseworker cw "$URL/api/v1/payroll/overpayments?limit=1000"; expect_status cw 200
jis cw "[.items[] | select(.village_code | startswith(\"$CWT\") | not)] | length" 0 "only his township's"
jis cw '.total' "$(sql "SELECT count(*) FROM overpayments o JOIN households h ON h.id = o.household_id WHERE h.village_code LIKE '$CWT%'")" "all of his township's"
OUTH=$(sql "SELECT o.household_id FROM overpayments o JOIN households h ON h.id = o.household_id WHERE h.village_code NOT LIKE '$CWT%' LIMIT 1")
req caseworker cwx "$URL/api/v1/payroll/overpayments?household=$OUTH"; expect_status cwx 403
refused payer p1 403 "没有权限审批发放批次" POST /api/v1/payroll/overpayments "{\"household_id\":$HZ,\"program\":\"dibao_urban\",\"period\":\"2026-11\",\"amount_fen\":1000,\"reason\":\"fraud\",\"plan\":\"repay\",\"note\":\"冒领\"}"
refused approver p2 400 'amount_fen' POST /api/v1/payroll/overpayments "{\"household_id\":$HZ,\"program\":\"dibao_urban\",\"period\":\"2026-11\",\"amount_fen\":\"10\",\"reason\":\"fraud\",\"plan\":\"repay\",\"note\":\"冒领\"}"
wrote approver p3 201 payroll.overpayment_add POST /api/v1/payroll/overpayments "{\"household_id\":$HZ,\"program\":\"dibao_urban\",\"period\":\"2026-11\",\"amount_fen\":1000,\"reason\":\"fraud\",\"plan\":\"repay\",\"note\":\"冒领\"}"
O3=$(jq -r .id "$T/p3.body")
jis p3 .outstanding_fen 1000 "a new one owes all"
jis p3 .plan_name 责令退还 "to repay"
refused payer r1 409 "超过尚未追回的 10.00 元" POST "/api/v1/payroll/overpayments/$O3/repayments" '{"amount_fen":1001,"receipt_no":"R-9"}'
refused approver r2 403 "没有权限办理银行代发" POST "/api/v1/payroll/overpayments/$O3/repayments" '{"amount_fen":100,"receipt_no":"R-9"}'
wrote payer r3 201 payroll.repay POST "/api/v1/payroll/overpayments/$O3/repayments" '{"amount_fen":400,"receipt_no":"R-9","paid_on":"2026-11-19"}'
jis r3 .outstanding_fen 600 "600 fen left"
jis r3 '.recoveries[0].paid_on' 2026-11-19 "the receipt's day"
wrote approver pl 200 payroll.overpayment_plan POST "/api/v1/payroll/overpayments/$O3/plan" '{"plan":"deduct"}'
jis pl .plan deduct "now deducted"
wrote payer r4 201 payroll.repay POST "/api/v1/payroll/overpayments/$O3/repayments" '{"amount_fen":600,"receipt_no":"R-10"}'
jis r4 .open false "repaid in full"
jis r4 .closed_reason recovered "recovered"
req auditor hp "$URL/api/v1/households/$HX/payments"; expect_status hp 200
jis hp '.accounts[] | select(.program == "dibao_urban") | .totals.recovered_fen' "$DX" "the household's account: recovered"
jis hp '.accounts[] | select(.program == "dibao_urban") | .totals.outstanding_fen' "$LEFT" "and outstanding"
jis hp '.accounts[] | select(.program == "dibao_urban") | .months[] | select(.month == "2026-11") | .recovered_fen' "$DX" "November's recovered"
jis hp '.overpayments | length' 3 "its overpayments"
kill "$PID"
wait "$PID" 2>/dev/null
PID=

expect_exit 0 "the audit chain" -- "$DIBAO" --db "$DB" audit verify
finish
