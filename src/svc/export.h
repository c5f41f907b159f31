/*
 * export.h — the household register as a spreadsheet (`dibao export
 * households`): one row per active member, the household's columns
 * repeated, as CSV or xlsx.
 *
 * Columns: 户编号, 乡镇(街道), 村(社区), 家庭住址, 户籍类别, 姓名, 身份证号,
 * 性别, 出生日期, 与户主关系, 残疾类别, 残疾等级, 开户银行, 银行卡号.
 * Codes are written as their Chinese names (core/codes.h).
 *
 * The full export is for the bureau. With `mask` (lists handed to villages
 * or posted) ID numbers are masked as 4101**********1234, the birth date is
 * cut to the year (with the date the mask would hide almost nothing) and
 * bank card numbers keep only their first 6 and last 4 digits.
 *
 * The file is written as <path>.tmp and renamed when complete, so a failed
 * export never leaves a half file under the final name.
 *
 * Thread-safety: one export per store connection.
 */
#ifndef DIB_SVC_EXPORT_H
#define DIB_SVC_EXPORT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/progress.h"
#include "store/store.h"

enum export_format { EXPORT_CSV = 1, EXPORT_XLSX = 2 };

struct export_opts {
	enum export_format format;
	const char *path;        /* the file to write */
	const char *county;      /* 6 digits, or NULL for every county */
	bool mask;               /* mask personal numbers (see above) */
	dib_progress *progress;  /* may be NULL; advanced per row */
};

struct export_result {
	uint64_t households;
	uint64_t persons;        /* rows written */
	uint64_t sheets;         /* xlsx: worksheets used (1 048 575 rows each) */
};

/* "csv" | "xlsx" → format; false when unknown. */
bool export_format_parse(const char *s, enum export_format *out);

/* Writes the register to o->path. The database must be migrated: a schema
 * version of 0 is DIB_ESCHEMA (数据库尚未初始化，请先运行 dibao init).
 * DIB_EINVAL for a malformed county, DIB_EIO naming the file when it
 * cannot be written, DIB_EDB. *res is filled only on success. */
dib_code export_households(struct store *s, const struct export_opts *o,
			   struct export_result *res, dib_err *err);

#endif
