/*
 * store_export.c — the household register query behind `dibao export`.
 * One statement, one pass, rows handed to the caller as they come.
 *
 * The disability join goes through ROW_NUMBER() so a person with two
 * certificates (UNIQUE is per person and category) still gives one row;
 * both SQLite (3.25+) and PostgreSQL have window functions.
 * Thread-safety: as store.h.
 */
#include "util/dib.h"
#include "store/store_export.h"

/* Everything up to the filter of the disability subquery. */
#define EXPORT_HEAD \
	"SELECT h.id, h.hh_no, h.county, t.name, v.name, h.address, h.registration," \
	" p.name, p.id_number, p.sex, p.birth_date, m.relation," \
	" d.category, d.grade, h.bank_name, h.bank_account" \
	" FROM households h" \
	" JOIN regions v ON v.code = h.village_code" \
	" LEFT JOIN regions t ON t.code = v.parent_code" \
	" JOIN memberships m ON m.household_id = h.id AND m.end_date IS NULL" \
	" JOIN persons p ON p.id = m.person_id" \
	" LEFT JOIN (SELECT person_id, category, grade, ROW_NUMBER() OVER" \
	" (PARTITION BY person_id ORDER BY grade, category) AS rn" \
	" FROM disabilities"
#define EXPORT_JOIN ") d ON d.person_id = p.id AND d.rn = 1"
/* Relation codes put the head (1) first, then spouse, children, … */
/* By id, not 户编号: text order depends on the PostgreSQL collation, and
 * both engines must write the same file. Ids follow the import order. */
#define EXPORT_ORDER " ORDER BY h.county, h.id, m.relation, m.id"

/* Both filters name the county so the query stays inside one county's
 * partition when the tables are partitioned by it (design.md). */
static const char sql_county[] =
	EXPORT_HEAD " WHERE county = $1" EXPORT_JOIN " WHERE h.county = $1" EXPORT_ORDER;
static const char sql_all[] = EXPORT_HEAD EXPORT_JOIN EXPORT_ORDER;

dib_code store_export_households(struct store *s, const char *county,
				 store_export_fn fn, void *ctx, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, county ? sql_county : sql_all, &st, err);
	if (rc)
		return rc;
	if (county)
		rc = store_bind_text(st, 1, county, -1, err);
	bool row = false;
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		struct store_export_row r = {
			.household_id = store_col_int64(st, 0),
			.hh_no = store_col_text(st, 1),
			.county = store_col_text(st, 2),
			.town_name = store_col_text(st, 3),
			.village_name = store_col_text(st, 4),
			.address = store_col_text(st, 5),
			.registration = (int)store_col_int64(st, 6),
			.name = store_col_text(st, 7),
			.id_number = store_col_text(st, 8),
			.sex = (int)store_col_int64(st, 9),
			.birth_date = store_col_text(st, 10),
			.relation = (int)store_col_int64(st, 11),
			.dis_kind = (int)store_col_int64(st, 12),  /* NULL reads as 0 */
			.dis_grade = (int)store_col_int64(st, 13),
			.bank_name = store_col_text(st, 14),
			.bank_account = store_col_text(st, 15),
		};
		rc = fn(ctx, &r, err);
	}
	store_finalize(st);
	return rc;
}
