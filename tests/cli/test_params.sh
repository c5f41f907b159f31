#!/bin/sh
# tests/cli/test_params.sh DIBAO — standards and local parameters (issue 4
# item 1) on the demo county 延津县, from the command line and over the API:
# a value set for the province, the city and the county resolves county >
# city > province > national default, each from its own date; list, get
# and history show where a value comes from; a future value may be
# corrected with a reason (a new revision, the old one kept), a value in
# force may not; bad values, keys, scopes and dates are refused in Chinese
# with nothing changed; standards take effect on the first of a month, a
# future one may be corrected with a reason, one in force may not; a rural
# (yearly) standard's monthly amount follows the county's rounding
# parameters; over the API a township caseworker reads but may not set,
# a county approver may not set the province's values, a province user
# may set the province's and the county's, a missing CSRF token is 403;
# every write leaves one audit record and `dibao audit verify` passes.
# A text parameter, the payer account (pay.payer_account): none by
# default; typed in groups, kept with its leading zero; letters, a wrong
# length or nothing refused naming it; a future account corrected with a
# reason, the one in force not; over the API its type, lengths and a null
# number, a bad value 400 with nothing changed.
DIBAO=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_api.sh"
. "$(dirname "$0")/lib_writes.sh"

DB=$(fresh_db params)
expect_exit 0 "demo" -- "$DIBAO" --db "$DB" demo --households 30
GOOD='Params#2026a'
NEW='Params#2026b'
DEMO='Dibao@2026'
Y=$(date +%Y)
NEXT=$((Y + 1))    # a year whose dates are all still to come
FUT="$NEXT-01-01"  # a future first of the month
FUT2="$NEXT-03-01"

# state — what any write here would change
state() {
	sql "SELECT (SELECT count(*) FROM params) || '/' || (SELECT count(*) FROM standards)
	 || '/' || (SELECT coalesce(sum(amount_fen), 0) FROM standards)
	 || '/' || (SELECT count(*) FROM audit_log)"
}
audits() { sql "SELECT count(*) FROM audit_log WHERE action = '$1'"; }
P() { "$DIBAO" --db "$DB" "$@"; }

# cli_refused CODE TEXT DESCRIPTION -- command…: refused with exit CODE, a
# Chinese message containing TEXT, and nothing changed
cli_refused() {
	want=$1; text=$2; what=$3; shift 4
	before=$(state)
	expect_exit "$want" "$what" -- "$@"
	expect_text "$T/err" "$text" "$what"
	unchanged "$before" "$what"
}

# ---- resolution: county > city > province > national default ----
expect_exit 0 "province edge line" -- P param set edge.income_bp 140% --scope 41 --from 2025-01-01 --document 豫民〔2024〕9号
expect_text "$T/out" "区划 410000000000 自 2025-01-01 起为 140%" "province set"
expect_exit 0 "city edge line" -- P param set edge.income_bp 145 --scope 4107 --from 2025-06-01
expect_exit 0 "county edge line" -- P param set edge.income_bp 150% --scope 410726 --from 2026-01-01 --decided 2025-12-20 --document 延民〔2025〕40号
expect_exit 0 "province changes later" -- P param set edge.income_bp 160% --scope 41 --from 2026-06-01
get_edge() { # DATE WANT ORIGIN
	expect_exit 0 "get on $1" -- P param get edge.income_bp --county 410726 --date "$1"
	expect_text "$T/out" "= $2" "edge line on $1"
	expect_text "$T/out" "来源: $3" "edge line origin on $1"
}
get_edge 2024-12-31 "150%" "国家默认"
get_edge 2025-01-01 "140%" "省 410000000000 自 2025-01-01 起 (豫民〔2024〕9号)"
get_edge 2025-05-31 "140%" "省 410000000000"
get_edge 2025-06-01 "145%" "市 410700000000 自 2025-06-01 起"
get_edge 2026-01-01 "150%" "县 410726000000 自 2026-01-01 起 (延民〔2025〕40号)"
get_edge 2026-07-01 "150%" "县 410726000000" # the county's value keeps winning
# a village code means its county; another county of the city gets the city's
expect_exit 0 "get for a village" -- P param get edge.income_bp --county 410726101201 --date 2026-07-01
expect_text "$T/out" "来源: 县 410726000000" "a village resolves to its county"
expect_exit 0 "get for another county" -- P param get edge.income_bp --county 410727 --date 2026-07-01
expect_text "$T/out" "= 145%" "another county of the city"
expect_exit 0 "list" -- P param list --county 410726 --date 2026-07-01
expect_text "$T/out" "edge.income_bp	低保边缘家庭收入线 (低保标准的百分比)	150%	县 410726000000 自 2026-01-01 起" "list shows the county's value"
expect_text "$T/out" "review.spot_check_bp	县级入户抽查比例	30%	国家默认" "list shows the default"
expect_text "$T/out" "limit.case_workdays	审核确认总时限 (自受理之日起)	30 个工作日	国家默认" "a time limit"
expect_text "$T/out" "其中 1 个为地方设置" "one local value"
n=$(grep -c '	' "$T/out")
[ "$n" -ge 40 ] && ok || fail "list has $n lines"

# ---- corrections: future with a reason, never one in force ----
expect_exit 0 "future minimum" -- P param set amount.minimum_fen 10 --scope 410726 --from "$FUT"
cli_refused 3 "须填写原因" "correction without a reason" -- P param set amount.minimum_fen 12 --scope 410726 --from "$FUT"
expect_exit 0 "correction with a reason" -- P param set amount.minimum_fen 12.5 --scope 410726 --from "$FUT" --reason 文件金额录入错误
expect_text "$T/out" "已更正参数" "correction said"
cli_refused 3 "已生效，不能更正" "correction of a value in force" -- P param set edge.income_bp 155% --scope 410726 --from 2026-01-01 --reason x
expect_exit 0 "history" -- P param history amount.minimum_fen --scope 410726
expect_text "$T/out" "$FUT	0	10.00 (已更正)	-	-	-	cli:" "the corrected revision is kept"
expect_text "$T/out" "$FUT	1	12.50	-	-	文件金额录入错误	cli:" "the correction with its reason"
expect_exit 0 "get the corrected value" -- P param get amount.minimum_fen --county 410726 --date "$FUT"
expect_text "$T/out" "= 12.50 元" "the latest revision is in force"

# ---- bad input: Chinese messages, nothing changed ----
cli_refused 3 "的值 \"abc\" 不正确，应为金额" "bad money" -- P param set amount.minimum_fen abc --scope 410726 --from "$FUT2"
cli_refused 3 "超出范围 0–6 个月" "phase-out over 6 months" -- P param set phaseout.max_months 7 --scope 410726 --from "$FUT2"
cli_refused 3 "只能是 6、12 个月" "accounting period of 9 months" -- P param set income.period_months 9 --scope 41 --from "$FUT2"
cli_refused 3 "不是可选值，可选: fen (分)、jiao (角)、yuan (元)" "bad enum" -- P param set amount.rounding_unit cent --scope 410726 --from "$FUT2"
cli_refused 3 "未知参数 \"no.such\"" "unknown key" -- P param set no.such 1 --scope 410726 --from "$FUT2"
cli_refused 3 "参数只能按省、市、县设置" "township scope" -- P param set amount.minimum_fen 5 --scope 410726101000 --from "$FUT2"
cli_refused 3 "生效日期 \"2026-02-30\" 不是有效日期" "bad date" -- P param set amount.minimum_fen 5 --scope 410726 --from 2026-02-30
cli_refused 3 "不能晚于今天" "decision in the future" -- P param set amount.minimum_fen 5 --scope 410726 --from "$FUT2" --decided "$FUT"
cli_refused 3 "不在区划表中" "scope not in the regions table" -- P param set amount.minimum_fen 5 --scope 419900 --from "$FUT2"
cli_refused 2 "用法" "missing --from" -- P param set amount.minimum_fen 5 --scope 410726

# ---- standards ----
expect_exit 0 "standard list" -- P standard list --county 410726 --date 2026-01-01
expect_text "$T/out" "410726	城市低保	2025-07-01	528.00	元/人·月	528.00	2025-10-15	延民〔2025〕18号	执行中" "urban standard in force"
expect_text "$T/out" "410726	农村低保	2025-07-01	4,310.00	元/人·年	359.17	2025-10-15	延民〔2025〕18号	执行中" "rural monthly by fen half-up"
expect_text "$T/out" "410726	城市低保	2025-01-01	480.00	元/人·月	480.00	2024-12-20	延民〔2024〕31号	" "history kept"
expect_exit 0 "future urban standard" -- P standard set --county 410726 --program dibao_urban --from "$FUT" --amount 560 --decided 2025-12-01 --document 延民〔2025〕50号
expect_text "$T/out" "已设置" "new standard"
cli_refused 3 "须填写原因" "standard correction without a reason" -- P standard set --county 410726 --program dibao_urban --from "$FUT" --amount 565
expect_exit 0 "standard correction" -- P standard set --county 410726 --program dibao_urban --from "$FUT" --amount ¥565.00 --reason 按市局批复调整
expect_text "$T/out" "已更正" "corrected standard"
cli_refused 3 "没有需要更正的内容" "correction that changes nothing" -- P standard set --county 410726 --program dibao_urban --from "$FUT" --amount 565 --reason x
cli_refused 3 "已生效，不能更正" "correction of a standard in force" -- P standard set --county 410726 --program dibao_urban --from 2025-07-01 --amount 530 --reason x
cli_refused 3 "应为某月 1 日" "mid-month standard" -- P standard set --county 410726 --program dibao_urban --from "$NEXT-02-15" --amount 570
cli_refused 3 "应大于 0 元" "zero standard" -- P standard set --county 410726 --program dibao_urban --from "$FUT2" --amount 0
cli_refused 3 "请核对" "a slipped zero" -- P standard set --county 410726 --program dibao_urban --from "$FUT2" --amount 5600000
cli_refused 3 "救助项目 \"dibao_town\" 不存在" "unknown program" -- P standard set --county 410726 --program dibao_town --from "$FUT2" --amount 560
cli_refused 3 "不是县级区划代码" "a township" -- P standard set --county 410726101000 --program dibao_urban --from "$FUT2" --amount 560
cli_refused 3 "最多两位小数" "amount with three decimals" -- P standard set --county 410726 --program dibao_urban --from "$FUT2" --amount 560.005
# a retroactive new standard (arrears) is allowed
expect_exit 0 "retroactive rural standard" -- P standard set --county 410726 --program dibao_rural --from 2026-01-01 --amount 4500 --decided 2026-03-10 --document 延民〔2026〕8号
# the county rounds its rural monthly amount to the yuan, upwards
expect_exit 0 "rural rounding unit" -- P param set standard.rural_monthly_rounding_unit 元 --scope 410726 --from 2026-01-01
expect_exit 0 "rural rounding mode" -- P param set standard.rural_monthly_rounding_mode up --scope 410726 --from 2026-01-01
expect_exit 0 "standard list after" -- P standard list --county 410726 --program dibao_rural --date 2026-06-01
expect_text "$T/out" "410726	农村低保	2026-01-01	4,500.00	元/人·年	375.00	2026-03-10	延民〔2026〕8号	执行中" "4500/12 = 375 exactly"
expect_text "$T/out" "410726	农村低保	2025-07-01	4,310.00	元/人·年	359.17	" "an old row keeps the rounding of its own date"
expect_exit 0 "rural 4310 rounded up" -- P param set standard.rural_monthly_rounding_unit jiao --scope 410726 --from 2025-07-01
expect_exit 0 "standard list on an old date" -- P standard list --county 410726 --program dibao_rural --date 2025-08-01
expect_text "$T/out" "4,310.00	元/人·年	359.20	" "4310/12 to the jiao, half-up (the mode from 2026 only)"
expect_exit 0 "all counties" -- P standard list
expect_text "$T/out" "共 6 条保障标准" "every standard"

# ---- audit records of the command line ----
[ "$(audits param.set)" = 8 ] && ok || fail "param.set records: $(audits param.set)"
[ "$(audits param.correct)" = 1 ] && ok || fail "param.correct records: $(audits param.correct)"
[ "$(audits standard.set)" = 2 ] && ok || fail "standard.set records: $(audits standard.set)"
[ "$(audits standard.correct)" = 1 ] && ok || fail "standard.correct records: $(audits standard.correct)"
n=$(sql "SELECT count(*) FROM audit_log WHERE action = 'param.correct' AND reason = '文件金额录入错误' AND entity = 'param' AND entity_id = '410726000000/amount.minimum_fen/$FUT' AND before_json LIKE '%\"value\":\"10.00\"%' AND after_json LIKE '%\"value\":\"12.50\"%' AND county = '410726'")
[ "$n" = 1 ] && ok || fail "the correction's audit record (before, after, reason)"
n=$(sql "SELECT count(*) FROM audit_log WHERE action = 'standard.correct' AND entity_id = '410726/dibao_urban/$FUT' AND before_json LIKE '%\"amount_fen\":56000%' AND after_json LIKE '%\"amount_fen\":56500%' AND reason = '按市局批复调整'")
[ "$n" = 1 ] && ok || fail "the standard correction's audit record"
n=$(sql "SELECT count(*) FROM audit_log WHERE action = 'param.set' AND county = '' AND entity_id LIKE '410000000000/%'")
[ "$n" = 2 ] && ok || fail "province settings are audited without a county: $n"

# ---- a text parameter: the payer account (付款账号) ----
expect_exit 0 "no payer account" -- P param get pay.payer_account --county 410726
expect_text "$T/out" "(pay.payer_account) = （未设置）；来源: 国家默认" "no payer account by default"
cli_refused 3 "参数 \"代发付款账号 (资金专户，导出代发文件未给出时使用)\" (pay.payer_account) 的值 \"4105-0001-2345\" 不正确，应为 8 至 32 位数字" "an account with dashes" -- P param set pay.payer_account 4105-0001-2345 --scope 410726 --from 2026-01-01
cli_refused 3 "的值 \"1234567\" 不正确，应为 8 至 32 位数字" "an account too short" -- P param set pay.payer_account 1234567 --scope 410726 --from 2026-01-01
cli_refused 3 "(pay.payer_account) 的值不能为空" "no account" -- P param set pay.payer_account "　" --scope 410726 --from 2026-01-01
expect_exit 0 "set the payer account" -- P param set pay.payer_account "0410 5000 1234 5678" --scope 410726 --from 2026-01-01 --document 延财〔2026〕1号
expect_text "$T/out" "(pay.payer_account): 区划 410726000000 自 2026-01-01 起为 0410500012345678" "typed in groups, kept with its leading zero"
expect_exit 0 "get the payer account" -- P param get pay.payer_account --county 410726101201
expect_text "$T/out" "= 0410500012345678；来源: 县 410726000000 自 2026-01-01 起 (延财〔2026〕1号)" "a village's county account"
expect_exit 0 "a new account from next year" -- P param set pay.payer_account 6228480000000000001 --scope 410726 --from "$FUT"
cli_refused 3 "须填写原因" "an account corrected without a reason" -- P param set pay.payer_account 6228480000000000002 --scope 410726 --from "$FUT"
expect_exit 0 "the future account corrected" -- P param set pay.payer_account 6228480000000000002 --scope 410726 --from "$FUT" --reason 账号抄错
cli_refused 3 "已生效，不能更正" "the account in force is not corrected" -- P param set pay.payer_account 12345678 --scope 410726 --from 2026-01-01 --reason x
expect_exit 0 "payer history" -- P param history pay.payer_account --scope 410726
expect_text "$T/out" "2026-01-01	0	0410500012345678	-	延财〔2026〕1号	-	cli:" "the first account"
expect_text "$T/out" "$FUT	0	6228480000000000001 (已更正)	" "the corrected account is kept"
expect_text "$T/out" "$FUT	1	6228480000000000002	-	-	账号抄错	" "the correction"
expect_exit 0 "payer next year" -- P param get pay.payer_account --county 410726 --date "$FUT"
expect_text "$T/out" "= 6228480000000000002；" "next year's account"
expect_exit 0 "list with the account" -- P param list --county 410726
expect_text "$T/out" "pay.payer_account	代发付款账号 (资金专户，导出代发文件未给出时使用)	0410500012345678	县 410726000000 自 2026-01-01 起 (延财〔2026〕1号)" "the list shows the account"
n=$(sql "SELECT count(*) FROM audit_log WHERE action = 'param.set' AND entity_id = '410726000000/pay.payer_account/2026-01-01' AND after_json LIKE '%\"value\":\"0410500012345678\"%' AND after_json LIKE '%\"stored\":\"0410500012345678\"%'")
[ "$n" = 1 ] && ok || fail "the account's audit record"
[ "$(sql "SELECT count(*) FROM params WHERE key = 'pay.payer_account'")" = 3 ] && ok || fail "three rows of the account"

# ---- the API ----
start_server
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null' EXIT
login approver "$DEMO"
login caseworker "$DEMO"
login admin "$DEMO"
DIBAO_PASSWORD="$GOOD" expect_exit 0 "add a province user" -- "$DIBAO" --db "$DB" user add prov --name 省厅 --region 410000000000 --role county_approver
session prov /api/v1/params
login prov "$NEW"

req approver g1 "$URL/api/v1/params?county=410726&date=2026-07-01"
expect_status g1 200
expect_text "$T/g1.body" '"key":"edge.income_bp","name":"低保边缘家庭收入线 (低保标准的百分比)","type":"bp","unit":"%"' "the catalogue side"
expect_text "$T/g1.body" '"default":"150%","min":"100%","max":"300%","choices":null,"origin":"county","origin_name":"县","scope":"410726000000","effective_from":"2026-01-01","revision":0,"decided_on":"2025-12-20","document":"延民〔2025〕40号","value":"150%","number":15000' "the county's value with its provenance"
expect_text "$T/g1.body" '"choices":[{"code":"fen","name":"分"},{"code":"jiao","name":"角"},{"code":"yuan","name":"元"}]' "enum choices"
expect_text "$T/g1.body" '"choices":[6,12]' "allowed months"
expect_text "$T/g1.body" '"origin":"default","origin_name":"国家默认","scope":null,"effective_from":null' "a default"
[ "$(jq '.items | length' "$T/g1.body")" -ge 40 ] && ok || fail "params list length"
# the caseworker reads his county's values (no county: his own); not another county's
req caseworker g2 "$URL/api/v1/params?date=2026-07-01"
expect_status g2 200
expect_text "$T/g2.body" '"county":"410726000000"' "the caseworker's county by default"
req caseworker g3 "$URL/api/v1/params?county=410727"
expect_status g3 403
expect_text "$T/g3.body" '不在您的管辖区域内' "another county"
req caseworker g4 "$URL/api/v1/params/edge.income_bp/history?scope=41"
expect_status g4 200
expect_text "$T/g4.body" '"effective_from":"2025-01-01","revision":0,"decided_on":null,"document":"豫民〔2024〕9号","reason":null' "province history"
expect_text "$T/g4.body" '"value":"160%","number":16000' "the province's later value"
req caseworker g5 "$URL/api/v1/params/amount.minimum_fen/history?scope=410726"
expect_text "$T/g5.body" '"superseded":true,"value":"10.00","number":1000' "the corrected revision"
expect_text "$T/g5.body" '"reason":"文件金额录入错误"' "the correction's reason"
req caseworker g6 "$URL/api/v1/params/no.such/history?scope=410726"
expect_status g6 400
req prov g7 "$URL/api/v1/params?date=2026-07-01"
expect_status g7 200
expect_text "$T/g7.body" '"county":"410000000000"' "a province user's own province by default"
[ "$(jq -r '.items[] | select(.key == "edge.income_bp") | "\(.value) \(.origin)"' "$T/g7.body")" = "160% province" ] && ok || fail "the province's own edge line"

# writes: a township caseworker may not, a county approver not the province's
refused caseworker p1 403 '没有权限设置地方参数' PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410726\",\"value\":\"20\",\"effective_from\":\"$FUT2\"}"
refused approver p2 403 '不在您的管辖区域内' PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"41\",\"value\":\"20\",\"effective_from\":\"$FUT2\"}"
refused approver p3 403 '不在您的管辖区域内' PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410727\",\"value\":\"20\",\"effective_from\":\"$FUT2\"}"
refused approver p4 400 '超出范围 0.00–1,000.00 元' PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410726\",\"value\":\"1200\",\"effective_from\":\"$FUT2\"}"
refused approver p5 400 '未知字段' PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410726\",\"value\":\"12\",\"effective_from\":\"$FUT2\",\"by\":\"x\"}"
refused approver p6 400 '应为字符串' PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410726\",\"value\":12,\"effective_from\":\"$FUT2\"}"
refused approver p7 400 '未知参数' PUT /api/v1/params/no.such "{\"scope\":\"410726\",\"value\":\"1\",\"effective_from\":\"$FUT2\"}"
refused approver p8 409 '已生效，不能更正' PUT /api/v1/params/edge.income_bp "{\"scope\":\"410726\",\"value\":\"155%\",\"effective_from\":\"2026-01-01\",\"reason\":\"x\"}"
before=$(state)
req approver p9 -X PUT -H "$J" --data "{\"scope\":\"410726\",\"value\":\"20\",\"effective_from\":\"$FUT2\"}" "$URL/api/v1/params/amount.minimum_fen"
expect_status p9 403
unchanged "$before" "no CSRF token"
w approver p10 PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410726\",\"value\":\"20\",\"effective_from\":\"$FUT2\",\"decided_on\":null,\"document\":\"延民〔2026〕2号\"}"
expect_status p10 200
expect_text "$T/p10.body" "{\"key\":\"amount.minimum_fen\",\"scope\":\"410726000000\",\"effective_from\":\"$FUT2\",\"revision\":0,\"corrected\":false,\"value\":\"20.00\",\"number\":2000}" "set answer"
w approver p11 PUT /api/v1/params/amount.minimum_fen "{\"scope\":\"410726\",\"value\":\"22\",\"effective_from\":\"$FUT2\",\"reason\":\"更正\"}"
expect_text "$T/p11.body" '"revision":1,"corrected":true' "correction answer"
w prov p12 PUT /api/v1/params/review.spot_check_bp "{\"scope\":\"41\",\"value\":\"40%\",\"effective_from\":\"2026-01-01\"}"
expect_status p12 200
w prov p13 PUT /api/v1/params/review.spot_check_bp "{\"scope\":\"410726\",\"value\":\"50%\",\"effective_from\":\"$FUT\"}"
expect_status p13 200
w admin p14 PUT /api/v1/params/inbox.due_soon_workdays "{\"scope\":\"410726\",\"value\":\"5\",\"effective_from\":\"2026-01-01\"}"
expect_status p14 200
# the payer account over the API: a text with its lengths and no number
req approver g9 "$URL/api/v1/params?county=410726"
[ "$(jq -r '.items[] | select(.key == "pay.payer_account") | "\(.type) \(.value) \(.number) \(.min) \(.max) \(.min_length) \(.max_length) \(.default) \(.origin)"' "$T/g9.body")" = "text 0410500012345678 null null null 8 32  county" ] && ok || fail "the account in the list: $(jq -c '.items[] | select(.key == "pay.payer_account")' "$T/g9.body")"
refused approver p15 400 '(pay.payer_account) 的值 \"4105abc\" 不正确，应为 8 至 32 位数字' PUT /api/v1/params/pay.payer_account "{\"scope\":\"410726\",\"value\":\"4105abc\",\"effective_from\":\"$FUT2\"}"
w approver p16 PUT /api/v1/params/pay.payer_account "{\"scope\":\"410726\",\"value\":\"6217 0000 0000 0000 003\",\"effective_from\":\"$FUT2\"}"
expect_status p16 200
expect_text "$T/p16.body" "\"corrected\":false,\"value\":\"6217000000000000003\",\"number\":null" "the account set over the API"
req approver g10 "$URL/api/v1/params/pay.payer_account/history?scope=410726"
[ "$(jq -r '[.items[].value] | join(",")' "$T/g10.body")" = "0410500012345678,6228480000000000001,6228480000000000002,6217000000000000003" ] && ok || fail "the account's history: $(jq -c '[.items[].value]' "$T/g10.body")"
n=$(sql "SELECT count(*) FROM audit_log WHERE action LIKE 'param.%' AND actor = 'prov'")
[ "$n" = 2 ] && ok || fail "the province user's audit records: $n"
req approver g8 "$URL/api/v1/params?county=410726&date=2026-07-01"
[ "$(jq -r '.items[] | select(.key == "review.spot_check_bp") | "\(.value) \(.origin)"' "$T/g8.body")" = "40% province" ] && ok || fail "the province's spot-check share"

# standards over the API
req caseworker s1 "$URL/api/v1/standards?date=2026-07-01"
expect_status s1 200
expect_text "$T/s1.body" '"county":"410726","program":"dibao_rural","program_name":"农村低保","unit":"person_year","effective_from":"2026-01-01","amount_fen":450000,"monthly_fen":37500,"decided_on":"2026-03-10","document":"延民〔2026〕8号"' "rural standard"
expect_text "$T/s1.body" '"programs":[' "the programs for the form"
[ "$(jq '[.items[] | select(.in_force)] | length' "$T/s1.body")" = 2 ] && ok || fail "two standards in force"
req caseworker s2 "$URL/api/v1/standards?county=410727"
expect_status s2 403
refused caseworker s3 403 '没有权限设置保障标准' POST /api/v1/standards "{\"county\":\"410726\",\"program\":\"dibao_urban\",\"effective_from\":\"$FUT2\",\"amount_fen\":57000}"
refused approver s4 400 '应为整数' POST /api/v1/standards "{\"county\":\"410726\",\"program\":\"dibao_urban\",\"effective_from\":\"$FUT2\",\"amount_fen\":\"570\"}"
refused approver s5 400 '缺少字段' POST /api/v1/standards "{\"county\":\"410726\",\"program\":\"dibao_urban\",\"amount_fen\":57000}"
refused approver s6 403 '不在您的管辖区域内' POST /api/v1/standards "{\"county\":\"410727\",\"program\":\"dibao_urban\",\"effective_from\":\"$FUT2\",\"amount_fen\":57000}"
w approver s7 POST /api/v1/standards "{\"county\":\"410726\",\"program\":\"dibao_urban\",\"effective_from\":\"$FUT2\",\"amount_fen\":57000,\"document\":\"延民〔2026〕3号\"}"
expect_status s7 201
expect_text "$T/s7.body" "\"effective_from\":\"$FUT2\",\"amount_fen\":57000,\"monthly_fen\":57000" "new standard answer"
expect_text "$T/s7.body" '"corrected":false' "not a correction"
w approver s8 POST /api/v1/standards "{\"county\":\"410726\",\"program\":\"dibao_urban\",\"effective_from\":\"$FUT2\",\"amount_fen\":57500,\"reason\":\"复核\"}"
expect_status s8 200
expect_text "$T/s8.body" '"corrected":true' "a correction"
refused approver s9 409 '已生效，不能更正' POST /api/v1/standards "{\"county\":\"410726\",\"program\":\"dibao_urban\",\"effective_from\":\"2025-07-01\",\"amount_fen\":53000,\"reason\":\"x\"}"
n=$(sql "SELECT count(*) FROM audit_log WHERE action LIKE 'standard.%' AND actor = 'approver'")
[ "$n" = 2 ] && ok || fail "the approver's standard audit records: $n"
n=$(sql "SELECT amount_fen FROM standards WHERE county = '410726' AND program = 'dibao_urban' AND effective_from = '$FUT2'")
[ "$n" = 57500 ] && ok || fail "the corrected standard: $n"

kill -TERM "$PID"
wait "$PID" && ok || fail "server exit status"
PID=
expect_exit 0 "audit chain intact" -- "$DIBAO" --db "$DB" audit verify
finish
