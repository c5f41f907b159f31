/*
 * import_member.c — members.csv: 户编号, 姓名, 身份证号, 与户主关系, 健康状况,
 * 劳动能力, 残疾类别, 残疾等级, 残疾证号, 收入类型, 月收入(元).
 *
 * Each row becomes a person, an active membership of an existing household,
 * and optionally a disability record and a declared monthly income item.
 * Sex and birth date come from the ID number. Checks: ID valid and unique
 * (in the file and the database — one person, one active household), the
 * household exists, at most one household head per household.
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "core/idcard.h"
#include "core/money.h"
#include "store/store_register.h"
#include "svc/import_int.h"

enum { M_NO, M_NAME, M_ID, M_REL, M_HEALTH, M_LABOUR, M_DCAT, M_DGRADE, M_DCERT,
       M_IKIND, M_IAMOUNT, M_NCOLS };

static const struct import_col cols[M_NCOLS] = {
	[M_NO] = { { "户编号", "户号", "家庭编号", "hh_no", "household_no" }, true },
	[M_NAME] = { { "姓名", "name" }, true },
	[M_ID] = { { "身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number" }, true },
	[M_REL] = { { "与户主关系", "与户主的关系", "家庭关系", "relation" }, true },
	[M_HEALTH] = { { "健康状况", "health" }, false },
	[M_LABOUR] = { { "劳动能力", "labour", "labor" }, false },
	[M_DCAT] = { { "残疾类别", "disability_category" }, false },
	[M_DGRADE] = { { "残疾等级", "disability_grade" }, false },
	[M_DCERT] = { { "残疾证号", "disability_certificate", "disability_cert" }, false },
	[M_IKIND] = { { "收入类型", "收入类别", "income_kind" }, false },
	[M_IAMOUNT] = { { "月收入(元)", "月收入", "月收入（元）", "monthly_income" }, false },
};

struct mem {
	size_t row;
	const char *no;   /* 户编号 */
	const char *name;
	char id[IDCARD_LEN + 1];
	char birth[DIB_DATE_STR];
	int sex, relation, health, labour;
	int dcat, dgrade;  /* 0 when none */
	const char *dcert;
	int ikind;         /* 0 when none */
	dib_fen income;
	int64_t hh_id;     /* set by the database check */
	char county[8];
};

struct hh_ref {
	int64_t id;
	char county[8];
	size_t head_row; /* first head row in the file, 0 when none */
	bool db_head;
};

struct mem_state {
	dib_hmap ids;        /* ID number → row, duplicates in the file */
	dib_hmap nos;        /* 户编号 → index into refs */
	dib_vec refs;  /* struct hh_ref, one per distinct 户编号 */
	const char **ref_keys;   /* 户编号 of each ref (arena strings) */
	size_t ref_keys_cap;
	dib_vec rows;  /* struct mem */
};

static dib_code mem_begin(struct import_job *j, dib_err *err)
{
	struct mem_state *st = calloc(1, sizeof *st);
	if (!st)
		return dib_err_nomem(err);
	dib_hmap_init(&st->ids);
	dib_hmap_init(&st->nos);
	if (dib_hmap_reserve(&st->ids, j->est_rows)) {
		free(st);
		return dib_err_nomem(err);
	}
	dib_vec_init(&st->refs, sizeof(struct hh_ref));
	dib_vec_init(&st->rows, sizeof(struct mem));
	j->state = st;
	return DIB_OK;
}

/* Parses a coded field of table t; if_empty is stored for an empty field
 * (CODES_REQUIRED makes it an error). */
static bool coded(struct import_job *j, int col, enum codes_table t, int if_empty,
		  int *out)
{
	const char *p;
	size_t n;
	import__field(j, col, &p, &n);
	dib_err e;
	dib_err_clear(&e);
	if (codes_parse(t, p, n, if_empty, out, &e)) {
		import__problem(j, j->row, col, p, n, "%s", e.msg);
		return false;
	}
	return true;
}

/* Finds or adds the household reference of 户编号 no; its index in *idx. */
static dib_code ref_of(struct mem_state *st, const char *no,
		       size_t *idx, dib_err *err)
{
	int64_t v;
	if (dib_hmap_get(&st->nos, no, strlen(no), &v)) {
		*idx = (size_t)v;
		return DIB_OK;
	}
	if (!dib_vec_push(&st->refs))
		return dib_err_nomem(err);
	if (st->refs.len > st->ref_keys_cap) {
		size_t cap = st->ref_keys_cap ? st->ref_keys_cap * 2 : 1024;
		const char **k = realloc(st->ref_keys, cap * sizeof *k);
		if (!k)
			return dib_err_nomem(err);
		st->ref_keys = k;
		st->ref_keys_cap = cap;
	}
	*idx = st->refs.len - 1;
	st->ref_keys[*idx] = no;
	if (dib_hmap_put(&st->nos, no, strlen(no), (int64_t)*idx, NULL) == DIB_ENOMEM)
		return dib_err_nomem(err);
	return DIB_OK;
}

static dib_code mem_row(struct import_job *j, dib_err *err)
{
	struct mem_state *st = j->state;
	struct mem m = { .row = j->row };
	bool ok = true;
	const char *p;
	size_t n;
	dib_err e;

	import__field(j, M_NO, &p, &n);
	if (!n || import__chars(p, n) > 32) {
		import__problem(j, j->row, M_NO, p, n, n ? "户编号不能超过 32 个字符" : "户编号不能为空");
		ok = false;
	} else if (!(m.no = import__dup(j, p, n))) {
		return dib_err_nomem(err);
	}

	import__field(j, M_NAME, &p, &n);
	if (!n || import__chars(p, n) > 30) {
		import__problem(j, j->row, M_NAME, p, n, n ? "姓名不能超过 30 个字" : "姓名不能为空");
		ok = false;
	} else if (!(m.name = import__dup(j, p, n))) {
		return dib_err_nomem(err);
	}

	import__field(j, M_ID, &p, &n);
	idcard id;
	dib_err_clear(&e);
	if (!n) {
		import__problem(j, j->row, M_ID, p, n, "身份证号不能为空");
		ok = false;
	} else if (idcard_parse(p, n, j->o->today, &id, &e)) {
		import__problem(j, j->row, M_ID, p, n, "%s", e.msg);
		ok = false;
	} else {
		memcpy(m.id, id.num, sizeof m.id);
		date_format(id.birth, m.birth);
		m.sex = (int)id.sex;
	}

	ok &= coded(j, M_REL, CODES_RELATION, CODES_REQUIRED, &m.relation);
	ok &= coded(j, M_HEALTH, CODES_HEALTH, CODES_HEALTHY, &m.health);
	ok &= coded(j, M_LABOUR, CODES_LABOUR, CODES_LABOUR_FULL, &m.labour);
	ok &= coded(j, M_DCAT, CODES_DISABILITY_KIND, 0, &m.dcat);
	ok &= coded(j, M_DGRADE, CODES_DISABILITY_GRADE, 0, &m.dgrade);
	if (ok && (m.dcat == 0) != (m.dgrade == 0)) {
		import__field(j, m.dcat ? M_DGRADE : M_DCAT, &p, &n);
		import__problem(j, j->row, m.dcat ? M_DGRADE : M_DCAT, p, n,
				"残疾类别和残疾等级须同时填写");
		ok = false;
	}
	import__field(j, M_DCERT, &p, &n);
	if (n && !m.dcat) {
		import__problem(j, j->row, M_DCERT, p, n, "填写了残疾证号，但没有残疾类别和等级");
		ok = false;
	} else if (n && !(m.dcert = import__dup(j, p, n))) {
		return dib_err_nomem(err);
	}

	ok &= coded(j, M_IKIND, CODES_INCOME_KIND, 0, &m.ikind);
	import__field(j, M_IAMOUNT, &p, &n);
	if (n) {
		dib_err_clear(&e);
		if (money_parse(p, n, false, &m.income, &e)) {
			import__problem(j, j->row, M_IAMOUNT, p, n, "%s", e.msg);
			ok = false;
		} else if (m.income > 0 && !m.ikind) {
			import__problem(j, j->row, M_IKIND, "", 0, "填写了月收入，但没有收入类型");
			ok = false;
		}
	} else if (m.ikind) {
		import__problem(j, j->row, M_IAMOUNT, "", 0, "填写了收入类型，但没有月收入");
		ok = false;
	}
	if (!ok)
		return DIB_OK;

	int64_t first;
	const char *key = import__dup(j, m.id, IDCARD_LEN); /* the map borrows it */
	if (!key)
		return dib_err_nomem(err);
	dib_code rc = dib_hmap_put(&st->ids, key, IDCARD_LEN, (int64_t)j->row, &first);
	if (rc == DIB_ENOMEM)
		return dib_err_nomem(err);
	if (rc == DIB_ECONFLICT) {
		import__problem(j, j->row, M_ID, m.id, IDCARD_LEN,
				"身份证号 \"%s\" 在文件中重复 (与第 %lld 行相同)", m.id,
				(long long)first);
		return DIB_OK;
	}
	struct mem *slot = dib_vec_push(&st->rows);
	if (!slot)
		return dib_err_nomem(err);
	*slot = m;
	return DIB_OK;
}

/* ---- database checks ---- */

struct chk {
	struct import_job *j;
	struct mem_state *st;
	dib_hmap by_id; /* household id (8 bytes of the ref's own id) → ref index */
};

static void found_household(void *ctx, const char *no, int64_t id, const char *county)
{
	struct chk *c = ctx;
	int64_t idx;
	if (!dib_hmap_get(&c->st->nos, no, strlen(no), &idx))
		return;
	struct hh_ref *r = (struct hh_ref *)c->st->refs.items + idx;
	if (r->id) { /* the same 户编号 in two counties: ambiguous */
		r->id = -1;
		return;
	}
	r->id = id;
	snprintf(r->county, sizeof r->county, "%s", county);
}

static void found_person(void *ctx, const char *id_number, const char *hh_no)
{
	struct chk *c = ctx;
	int64_t row;
	if (!dib_hmap_get(&c->st->ids, id_number, strlen(id_number), &row))
		return;
	if (hh_no)
		import__problem(c->j, (size_t)row, M_ID, id_number, strlen(id_number),
				"身份证号 \"%s\" 已登记为户 \"%s\" 的成员", id_number, hh_no);
	else
		import__problem(c->j, (size_t)row, M_ID, id_number, strlen(id_number),
				"身份证号 \"%s\" 已在数据库中登记", id_number);
}

static void found_head(void *ctx, int64_t household_id)
{
	struct chk *c = ctx;
	int64_t idx;
	if (dib_hmap_get(&c->by_id, (const char *)&household_id, sizeof household_id, &idx))
		((struct hh_ref *)c->st->refs.items)[idx].db_head = true;
}

static dib_code mem_check(struct import_job *j, dib_err *err)
{
	struct mem_state *st = j->state;
	struct chk c = { .j = j, .st = st };
	struct mem *m = st->rows.items;

	/* Index the households named by the file (keys are the stashed copies). */
	for (size_t i = 0; i < st->rows.len; i++) {
		size_t idx;
		dib_code rc = ref_of(st, m[i].no, &idx, err);
		if (rc)
			return rc;
	}
	dib_code rc = store_households_find(j->s, st->ref_keys, st->refs.len,
					    found_household, &c, err);
	if (rc)
		return rc;

	bool empty;
	rc = store_table_empty(j->s, "persons", &empty, err);
	if (rc)
		return rc;
	if (!empty) {
		const char **keys = malloc((st->rows.len + 1) * sizeof *keys);
		if (!keys)
			return dib_err_nomem(err);
		for (size_t i = 0; i < st->rows.len; i++)
			keys[i] = m[i].id;
		rc = store_persons_find(j->s, keys, st->rows.len, found_person, &c, err);
		free(keys);
		if (rc)
			return rc;
	}

	/* Heads: at most one per household, counting those already recorded. */
	struct hh_ref *r = st->refs.items;
	if (!empty) {
		int64_t *ids = malloc((st->refs.len + 1) * sizeof *ids);
		if (!ids)
			return dib_err_nomem(err);
		size_t k = 0;
		dib_hmap_init(&c.by_id);
		rc = dib_hmap_reserve(&c.by_id, st->refs.len);
		for (size_t i = 0; !rc && i < st->refs.len; i++) {
			if (r[i].id <= 0)
				continue;
			ids[k++] = r[i].id;
			/* The key is the ref's own id field: refs no longer move. */
			if (dib_hmap_put(&c.by_id, (const char *)&r[i].id, sizeof r[i].id,
					 (int64_t)i, NULL) == DIB_ENOMEM)
				rc = dib_err_nomem(err);
		}
		if (!rc)
			rc = store_households_with_head(j->s, ids, k, found_head, &c, err);
		dib_hmap_release(&c.by_id);
		free(ids);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < st->rows.len; i++) {
		int64_t idx;
		dib_hmap_get(&st->nos, m[i].no, strlen(m[i].no), &idx);
		struct hh_ref *h = &r[idx];
		if (h->id == 0) {
			import__problem(j, m[i].row, M_NO, m[i].no, strlen(m[i].no),
					"户编号 \"%s\" 不存在，请先导入家庭", m[i].no);
			continue;
		}
		if (h->id < 0) {
			import__problem(j, m[i].row, M_NO, m[i].no, strlen(m[i].no),
					"户编号 \"%s\" 在多个县都有，无法确定是哪一户", m[i].no);
			continue;
		}
		m[i].hh_id = h->id;
		memcpy(m[i].county, h->county, sizeof m[i].county);
		if (m[i].relation != CODES_REL_HEAD)
			continue;
		if (h->db_head) {
			import__problem(j, m[i].row, M_REL, "户主", strlen("户主"),
					"户 \"%s\" 在数据库中已有户主", m[i].no);
		} else if (h->head_row) {
			import__problem(j, m[i].row, M_REL, "户主", strlen("户主"),
					"户 \"%s\" 只能有一位户主 (第 %zu 行已是户主)", m[i].no,
					h->head_row);
		} else {
			h->head_row = m[i].row;
		}
	}
	return DIB_OK;
}

/* ---- writing ---- */

/* One row's values for a bulk load: text with lengths, numbers formatted
 * into the row's own buffers. */
#define CELLS_MAX 10
struct cells {
	const char *v[CELLS_MAX];
	size_t l[CELLS_MAX];
	char num[CELLS_MAX][24];
	int n;
};

static void cell(struct cells *c, const char *s)
{
	c->v[c->n] = s;
	c->l[c->n++] = s ? strlen(s) : 0;
}

static void cell_int(struct cells *c, int64_t v)
{
	c->l[c->n] = import__itoa(v, c->num[c->n]);
	c->v[c->n] = c->num[c->n];
	c->n++;
}

/* Where a member row goes: each table's columns, which members have a row
 * there, and the values of that row given its own id and the person's. */
struct mem_table {
	const char *table;
	const char *id_kind; /* id block to reserve; NULL: the person's id */
	const char *const *cols;
	int ncols;
	bool (*wanted)(const struct mem *m);
	void (*values)(const struct import_job *j, const struct mem *m, int64_t id,
		       int64_t person, struct cells *c);
};

static bool every(const struct mem *m)
{
	(void)m;
	return true;
}

static bool disabled(const struct mem *m)
{
	return m->dcat != 0;
}

static bool has_income(const struct mem *m)
{
	return m->ikind != 0;
}

static void person_values(const struct import_job *j, const struct mem *m, int64_t id,
			  int64_t person, struct cells *c)
{
	(void)person;
	cell(c, m->county);
	cell_int(c, id);
	cell(c, m->id);
	cell(c, m->name);
	cell_int(c, m->sex);
	cell(c, m->birth);
	cell_int(c, m->health);
	cell_int(c, m->labour);
	cell(c, j->now);
	cell(c, j->now);
}

static void membership_values(const struct import_job *j, const struct mem *m,
			      int64_t id, int64_t person, struct cells *c)
{
	cell(c, m->county);
	cell_int(c, id);
	cell_int(c, m->hh_id);
	cell_int(c, person);
	cell_int(c, m->relation);
	cell(c, j->today);
}

static void disability_values(const struct import_job *j, const struct mem *m,
			      int64_t id, int64_t person, struct cells *c)
{
	(void)j;
	cell(c, m->county);
	cell_int(c, id);
	cell_int(c, person);
	cell_int(c, m->dcat);
	cell_int(c, m->dgrade);
	cell(c, m->dcert);
}

static void income_values(const struct import_job *j, const struct mem *m, int64_t id,
			  int64_t person, struct cells *c)
{
	cell(c, m->county);
	cell_int(c, id);
	cell_int(c, m->hh_id);
	cell_int(c, person);
	cell_int(c, m->ikind);
	cell(c, codes_name(CODES_INCOME_KIND, m->ikind));
	cell_int(c, m->income);
	cell(c, "declared");
	cell(c, j->today);
}

static const char *const person_cols[] = { "county", "id", "id_number", "name", "sex",
	"birth_date", "health", "labour", "created_at", "updated_at" };
static const char *const membership_cols[] = { "county", "id", "household_id",
	"person_id", "relation", "start_date" };
static const char *const disability_cols[] = { "county", "id", "person_id", "category",
	"grade", "certificate_no" };
static const char *const income_cols[] = { "county", "id", "household_id", "person_id",
	"kind", "item", "monthly_fen", "source", "source_date" };

#define TABLE(name, kind, cols, wanted, values) \
	{ name, kind, cols, (int)DIB_ARRAY_LEN(cols), wanted, values }

/* In this order: every reference points at a table written before it. */
static const struct mem_table mem_tables[] = {
	TABLE("persons", NULL, person_cols, every, person_values),
	TABLE("memberships", "membership", membership_cols, every, membership_values),
	TABLE("disabilities", "disability", disability_cols, disabled, disability_values),
	TABLE("income_items", "income", income_cols, has_income, income_values),
};

/* Loads the good rows' entries of one table; persons are numbered from pid
 * in the order of the good rows. */
static dib_code write_table(struct import_job *j, const struct mem_table *t,
			    int64_t pid, dib_err *err)
{
	struct mem_state *st = j->state;
	const struct mem *m = st->rows.items;
	int64_t n = 0;
	for (size_t i = 0; i < st->rows.len; i++)
		n += !import__is_bad(j, m[i].row) && t->wanted(&m[i]);
	if (!n)
		return DIB_OK;
	int64_t id = 0;
	dib_code rc = t->id_kind ? store_ids_reserve(j->s, t->id_kind, n, &id, err) : DIB_OK;
	struct import_load load;
	if (!rc)
		rc = import__load_begin(j, t->table, t->cols, t->ncols, n, &load, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < st->rows.len && !rc; i++) {
		if (import__is_bad(j, m[i].row))
			continue;
		int64_t person = pid++;
		if (!t->wanted(&m[i]))
			continue;
		struct cells c = { .n = 0 };
		t->values(j, &m[i], t->id_kind ? id++ : person, person, &c);
		rc = store_bulk_row(load.bulk, c.v, c.l, err);
	}
	return import__load_end(&load, rc, err);
}

static dib_code mem_write(struct import_job *j, uint64_t *written, dib_err *err)
{
	struct mem_state *st = j->state;
	const struct mem *m = st->rows.items;
	int64_t good = 0;
	for (size_t i = 0; i < st->rows.len; i++)
		good += !import__is_bad(j, m[i].row);
	*written = 0;
	if (!good)
		return DIB_OK;
	int64_t pid;
	dib_code rc = store_ids_reserve(j->s, "person", good, &pid, err);
	for (size_t t = 0; !rc && t < DIB_ARRAY_LEN(mem_tables); t++)
		rc = write_table(j, &mem_tables[t], pid, err);
	if (!rc) {
		*written = (uint64_t)good;
		j->res->persons = (uint64_t)good;
	}
	return rc;
}

static void mem_end(struct import_job *j)
{
	struct mem_state *st = j->state;
	if (!st)
		return;
	dib_hmap_release(&st->ids);
	dib_hmap_release(&st->nos);
	dib_vec_release(&st->refs);
	dib_vec_release(&st->rows);
	free(st->ref_keys);
	free(st);
	j->state = NULL;
}

const struct import_ops import_member_ops = {
	.label = "成员",
	.entity = "members",
	.cols = cols,
	.ncols = M_NCOLS,
	.begin = mem_begin,
	.row = mem_row,
	.check = mem_check,
	.write = mem_write,
	.end = mem_end,
};
