/*
 * bankfile_fields.c — the fields a bank file's template may name: each
 * one's key in the template, its title (the column heading and the word in
 * messages), whether it is a number, and where it may appear (pay or
 * return file, detail column or header/trailer row).
 *
 * Thread-safe: a constant table.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"

#define PC BANKFILE__PAY_COL
#define PS BANKFILE__PAY_SUM
#define RC BANKFILE__RET_COL
#define RS BANKFILE__RET_SUM

static const struct bankfile__fieldinfo FIELDS[BANKFILE_F__COUNT] = {
	[BANKFILE_F_TEXT] = {"", "固定文字", false, PC | PS | RC | RS},
	[BANKFILE_F_SEQ] = {"seq", "序号", true, PC | RC},
	[BANKFILE_F_REFERENCE] = {"reference", "业务编号", true, PC | RC},
	[BANKFILE_F_ACCOUNT] = {"account", "账号", false, PC | RC},
	[BANKFILE_F_ACCOUNT_NAME] = {"account_name", "户名", false, PC | RC},
	[BANKFILE_F_AMOUNT] = {"amount", "金额", true, PC | RC},
	[BANKFILE_F_ID_NUMBER] = {"id_number", "身份证号", false, PC | RC},
	[BANKFILE_F_NAME] = {"name", "姓名", false, PC | RC},
	[BANKFILE_F_PROGRAM] = {"program", "项目", false, PC | PS | RC | RS},
	[BANKFILE_F_PERIOD] = {"period", "发放年月", false, PC | PS | RC | RS},
	[BANKFILE_F_VILLAGE_CODE] = {"village_code", "区划代码", false, PC | RC},
	[BANKFILE_F_VILLAGE_NAME] = {"village_name", "村（社区）", false, PC | RC},
	[BANKFILE_F_MEMO] = {"memo", "备注", false, PC | RC},
	[BANKFILE_F_BATCH_NO] = {"batch_no", "批次号", false, PS | RS},
	[BANKFILE_F_PAYER_ACCOUNT] = {"payer_account", "付款账号", false, PS | RS},
	[BANKFILE_F_FILE_DATE] = {"file_date", "文件日期", false, PS | RS},
	[BANKFILE_F_COUNT] = {"count", "总笔数", true, PS | RS},
	[BANKFILE_F_TOTAL] = {"total", "总金额", true, PS | RS},
	[BANKFILE_F_TITLES] = {"titles", "列标题", false, PS | RS},
	[BANKFILE_F_STATUS] = {"status", "处理状态", false, RC},
	[BANKFILE_F_REASON] = {"reason", "失败原因", false, RC},
	[BANKFILE_F_PAID_COUNT] = {"paid_count", "成功笔数", true, RS},
	[BANKFILE_F_PAID_TOTAL] = {"paid_total", "成功金额", true, RS},
	[BANKFILE_F_FAILED_COUNT] = {"failed_count", "失败笔数", true, RS},
	[BANKFILE_F_FAILED_TOTAL] = {"failed_total", "失败金额", true, RS},
	[BANKFILE_F_SKIP] = {"skip", "忽略", false, RC | RS},
};

const struct bankfile__fieldinfo *bankfile__field(enum bankfile_field f)
{
	return &FIELDS[(unsigned)f < BANKFILE_F__COUNT ? f : BANKFILE_F_SKIP];
}
