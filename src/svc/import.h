/*
 * import.h — loading the register from the spreadsheets bureaus keep:
 * regions, households, members (CSV: UTF-8 with or without BOM, or GB18030
 * as Excel on Chinese Windows saves it).
 *
 * Headers are matched by name, Chinese or English (身份证号 / id_number …),
 * in any order; unknown columns (序号, 备注 …) are ignored. Every row is
 * validated (ID checksum and birth date, region codes, codes such as
 * 与户主关系, bank card Luhn digit, money) and checked against the rest of
 * the file and the database (duplicates, unknown village, unknown household,
 * a second household head). Each problem is reported with its row, column,
 * value and a Chinese reason.
 *
 * All or nothing by default: a file with any bad row changes nothing — the
 * database is not even written to, as every check runs before the single
 * write transaction. With skip_bad the good rows are imported and the bad
 * ones copied to bad_path with two more columns, 错误原因 and 原行号. The
 * write is one transaction with one audit record.
 *
 * Thread-safety: one import per store connection.
 */
#ifndef DIB_SVC_IMPORT_H
#define DIB_SVC_IMPORT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/progress.h"
#include "core/date.h"
#include "store/store.h"

enum import_kind { IMPORT_REGIONS = 1, IMPORT_HOUSEHOLDS = 2, IMPORT_MEMBERS = 3 };

/* One problem in the input. Strings are borrowed for the callback only. */
struct import_problem {
	size_t row;         /* record number in the file; the header is row 1 */
	const char *column; /* the column's header as written, or NULL (whole row/file) */
	const char *value;  /* the offending value, or NULL */
	const char *reason; /* Chinese */
};

typedef void (*import_problem_fn)(void *ctx, const struct import_problem *p);

struct import_opts {
	enum import_kind kind;
	const char *path;
	bool skip_bad;
	const char *bad_path;  /* with skip_bad: where bad rows go (NULL: nowhere) */
	const char *actor;     /* recorded in the audit log, e.g. "cli:root" */
	dib_date today;        /* births after it are errors; membership start */
	import_problem_fn on_problem; /* may be NULL */
	void *problem_ctx;
	dib_progress *progress;       /* may be NULL */
};

struct import_result {
	uint64_t rows;      /* data rows read (header and blank lines excluded) */
	uint64_t imported;  /* rows written */
	uint64_t rejected;  /* rows with at least one problem */
	uint64_t persons;   /* members import: persons written */
	const char *encoding; /* of the file: "UTF-8", "UTF-8 (BOM)", "GB18030" */
	int64_t read_ms, check_ms, write_ms; /* time of each phase */
};

/* "regions" | "households" | "members" → kind; false when unknown. */
bool import_kind_parse(const char *s, enum import_kind *out);

/* Runs an import. Returns DIB_OK when the data was written (with skip_bad
 * possibly with rejected rows), DIB_EINVAL when rows were rejected and
 * nothing was written (message says how many), or the file/database error.
 * *res is filled in every case. */
dib_code import_run(struct store *s, const struct import_opts *o,
		    struct import_result *res, dib_err *err);

#endif
