/*
 * bankfile_builtin.c — the built-in bank file templates, as template text.
 *
 * There is no national standard for bank payment files (regulations.md
 * §9.2): every paying bank sets its own. These three are realistic samples
 * of the three shapes met in practice — a UTF-8 CSV, a GBK text file with a
 * bar separator and a summary first row, and a GBK fixed-width file with
 * header and trailer records — for a county to copy and adapt to what its
 * bank actually asks for. Each says so in its note. They are kept as text,
 * not structs, so that what the county sees and edits is exactly what
 * dibao parses (the tests parse every one).
 *
 * Thread-safety: constant data.
 */
#include "util/dib.h"
#include "core/bankfile.h"

static const struct bankfile_builtin BUILTINS[] = {
	{"通用CSV（UTF-8）",
	 "# 通用 CSV 样例：逗号分隔、UTF-8、首行为中文列名、没有表尾\n"
	 "name = 通用CSV（UTF-8）\n"
	 "bank = 通用（样例）\n"
	 "note = 样例格式，不是国家标准（代发文件没有国家标准）；使用前请与代发银行核对列的顺序和格式\n"
	 "format = delimited\n"
	 "encoding = utf8\n"
	 "separator = ,\n"
	 "line_end = crlf\n"
	 "amount = yuan            # 金额以元为单位，两位小数：1234.56\n"
	 "date_format = yyyy-mm-dd\n"
	 "period_format = yyyy-mm\n"
	 "bom = no\n"
	 "end_separator = no\n"
	 "header = titles          # 首行：各列的中文列名\n"
	 "column = seq\n"
	 "column = reference\n"
	 "column = village_code\n"
	 "column = village_name\n"
	 "column = name\n"
	 "column = id_number\n"
	 "column = account_name\n"
	 "column = account\n"
	 "column = amount\n"
	 "column = program\n"
	 "column = period\n"
	 "column = memo\n"
	 "# 回盘文件：同样的 CSV，列为序号、业务编号、户名、账号、金额、处理状态、失败原因\n"
	 "return.header = titles\n"
	 "return.column = seq\n"
	 "return.column = reference\n"
	 "return.column = account_name\n"
	 "return.column = account\n"
	 "return.column = amount\n"
	 "return.column = status\n"
	 "return.column = reason\n"
	 "return.paid = 成功 0000\n"},
	{"农商银行TXT（GBK，竖线分隔）",
	 "# 农商银行 TXT 样例：竖线分隔、GBK、行尾带竖线、首行为汇总、没有表尾\n"
	 "name = 农商银行TXT（GBK，竖线分隔）\n"
	 "bank = 农村商业银行（样例）\n"
	 "note = 样例格式，不是国家标准（代发文件没有国家标准）；首行为批次号|付款账号|总笔数|总金额|文件日期；使用前请与代发银行核对\n"
	 "format = delimited\n"
	 "encoding = gbk\n"
	 "separator = |\n"
	 "line_end = crlf\n"
	 "amount = yuan\n"
	 "date_format = yyyymmdd\n"
	 "period_format = yyyymm\n"
	 "bom = no\n"
	 "end_separator = yes      # 每行以竖线结尾\n"
	 "header = batch_no\n"
	 "header = payer_account\n"
	 "header = count\n"
	 "header = total\n"
	 "header = file_date\n"
	 "column = seq\n"
	 "column = reference\n"
	 "column = account\n"
	 "column = account_name\n"
	 "column = amount\n"
	 "column = id_number\n"
	 "column = period\n"
	 "column = memo\n"
	 "# 回盘文件：首行为批次号|总笔数|总金额|成功笔数|成功金额|失败笔数|失败金额\n"
	 "return.header = batch_no\n"
	 "return.header = count\n"
	 "return.header = total\n"
	 "return.header = paid_count\n"
	 "return.header = paid_total\n"
	 "return.header = failed_count\n"
	 "return.header = failed_total\n"
	 "return.column = seq\n"
	 "return.column = reference\n"
	 "return.column = account\n"
	 "return.column = account_name\n"
	 "return.column = amount\n"
	 "return.column = status\n"
	 "return.column = reason\n"
	 "return.paid = 0000       # 0000 为成功，其他代码为失败\n"},
	{"邮储银行定长（GBK）",
	 "# 邮储银行定长样例：GBK、每项按字节定长、金额以分为单位补零、H 表头和 T 表尾\n"
	 "name = 邮储银行定长（GBK）\n"
	 "bank = 中国邮政储蓄银行（样例）\n"
	 "note = 样例格式，不是国家标准（代发文件没有国家标准）；宽度按 GBK 字节计（汉字 2 字节）；使用前请与代发银行核对\n"
	 "format = fixed\n"
	 "encoding = gbk\n"
	 "line_end = crlf\n"
	 "amount = fen             # 金额以分为单位：123456 即 1234.56 元\n"
	 "date_format = yyyymmdd\n"
	 "period_format = yyyymm\n"
	 "bom = no\n"
	 "header = \"H\" 1\n"
	 "header = batch_no 20 left\n"
	 "header = payer_account 19 left\n"
	 "header = file_date 8 left\n"
	 "header = count 8 zero\n"
	 "header = total 15 zero\n"
	 "column = \"D\" 1\n"
	 "column = seq 6 zero\n"
	 "column = reference 16 zero\n"
	 "column = account 19 left\n"
	 "column = account_name 40 left\n"
	 "column = amount 12 zero\n"
	 "column = id_number 18 left\n"
	 "column = period 6 left\n"
	 "column = memo 30 left\n"
	 "trailer = \"T\" 1\n"
	 "trailer = count 8 zero\n"
	 "trailer = total 15 zero\n"
	 "# 回盘文件：H 表头，D 明细带处理状态（4 位）和失败原因，T 表尾带成功笔数和金额\n"
	 "return.header = \"H\" 1\n"
	 "return.header = batch_no 20 left\n"
	 "return.header = file_date 8 left\n"
	 "return.column = \"D\" 1\n"
	 "return.column = seq 6 zero\n"
	 "return.column = reference 16 zero\n"
	 "return.column = account 19 left\n"
	 "return.column = amount 12 zero\n"
	 "return.column = status 4 left\n"
	 "return.column = reason 40 left\n"
	 "return.trailer = \"T\" 1\n"
	 "return.trailer = count 8 zero\n"
	 "return.trailer = total 15 zero\n"
	 "return.trailer = paid_count 8 zero\n"
	 "return.trailer = paid_total 15 zero\n"
	 "return.paid = 0000\n"},
};

size_t bankfile_builtin_count(void)
{
	return DIB_ARRAY_LEN(BUILTINS);
}

const struct bankfile_builtin *bankfile_builtin(size_t i)
{
	return i < DIB_ARRAY_LEN(BUILTINS) ? &BUILTINS[i] : NULL;
}

const struct bankfile_builtin *bankfile_builtin_find(const char *name)
{
	for (size_t i = 0; name && i < DIB_ARRAY_LEN(BUILTINS); i++)
		if (!strcmp(BUILTINS[i].name, name))
			return &BUILTINS[i];
	return NULL;
}
