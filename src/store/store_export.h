/*
 * store_export.h — the register read out for exports: one row per active
 * member of each household, with the household's columns repeated, in
 * household number order (head first, then by relation code).
 *
 * Rows are streamed to a callback straight from the statement, so an export
 * of millions of persons holds one row in memory.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_EXPORT_H
#define DIB_STORE_EXPORT_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"

/* One exported row. Strings are borrowed until the callback returns; NULL
 * where the database has NULL. Codes are the stored SMALLINTs (core/codes.h);
 * 0 where there is none. */
struct store_export_row {
	int64_t household_id;
	const char *hh_no;        /* 户编号 */
	const char *county;       /* 6 digits */
	const char *town_name;    /* 乡镇(街道) */
	const char *village_name; /* 村(社区) */
	const char *address;
	int registration;         /* 1 城镇 2 农村 */
	const char *name;
	const char *id_number;
	int sex;                  /* 1 男 2 女 */
	const char *birth_date;   /* YYYY-MM-DD */
	int relation;             /* 与户主关系 */
	int dis_kind;             /* the most severe disability: category 1–7, or 0 */
	int dis_grade;            /* its grade 1–4, or 0 */
	const char *bank_name;
	const char *bank_account;
};

/* Returns DIB_OK to go on; any other code stops the export and is
 * returned by store_export_households (the callback fills err). */
typedef dib_code (*store_export_fn)(void *ctx, const struct store_export_row *row,
				    dib_err *err);

/* Calls fn for every active member of every household of county (6 digits),
 * or of all counties when county is NULL, ordered by county, 户编号,
 * relation and membership. A person with several disabilities is exported
 * once, with the most severe (lowest grade, then lowest category).
 * DIB_EDB on a database error, or the callback's code. */
dib_code store_export_households(struct store *s, const char *county,
				 store_export_fn fn, void *ctx, dib_err *err);

#endif
