/*
 * import_household.c — households.csv: 户编号, 所属村(社区)代码, 家庭住址,
 * 户籍类别, 开户银行, 银行卡号, 持卡人, 联系电话.
 *
 * A household's village must already be in the region tree (imported
 * first); its county comes from the village code. 户编号 is unique within a
 * county, checked in the file and against the database.
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#include "util/dib.h"
#include "core/bankcard.h"
#include "core/codes.h"
#include "core/region.h"
#include "store/store_register.h"
#include "svc/import_int.h"

enum { H_NO, H_VILLAGE, H_ADDRESS, H_REG, H_BANK, H_ACCOUNT, H_HOLDER, H_PHONE, H_NCOLS };

static const struct import_col cols[H_NCOLS] = {
	[H_NO] = { { "户编号", "户号", "家庭编号", "hh_no", "household_no" }, true },
	[H_VILLAGE] = { { "所属村(社区)代码", "村(社区)代码", "所属村代码", "村代码",
			  "社区代码", "village_code" }, true },
	[H_ADDRESS] = { { "家庭住址", "住址", "地址", "address" }, true },
	[H_REG] = { { "户籍类别", "户籍性质", "户口性质", "registration" }, true },
	[H_BANK] = { { "开户银行", "银行", "bank_name", "bank" }, false },
	[H_ACCOUNT] = { { "银行卡号", "一卡通账号", "卡号", "账号", "bank_account" }, false },
	[H_HOLDER] = { { "持卡人", "户名", "账户名", "account_name" }, false },
	[H_PHONE] = { { "联系电话", "电话", "手机号", "phone" }, false },
};

struct hh {
	size_t row;
	const char *no;
	char village[REGION_LEN + 1];
	char county[REGION_COUNTY_LEN + 1];
	const char *address;
	int reg;
	const char *bank, *account, *holder, *phone; /* NULL when empty */
};

struct hh_state {
	dib_hmap villages; /* village code → 1 (known in the database) */
	dib_hmap nos;      /* county+户编号 → row, duplicates in the file */
	dib_vec rows;
	bool oom; /* loading the region codes ran out of memory */
};

static int load_village(void *ctx, const char *code, int level, const char *name)
{
	(void)name;
	struct import_job *j = ctx;
	struct hh_state *st = j->state;
	if (level != REGION_VILLAGE)
		return 0;
	char *k = import__dup(j, code, strlen(code));
	if (!k || dib_hmap_put(&st->villages, k, strlen(k), 1, NULL) == DIB_ENOMEM) {
		st->oom = true;
		return 1;
	}
	return 0;
}

static dib_code hh_begin(struct import_job *j, dib_err *err)
{
	struct hh_state *st = calloc(1, sizeof *st);
	if (!st)
		return dib_err_nomem(err);
	dib_hmap_init(&st->villages);
	dib_hmap_init(&st->nos);
	dib_vec_init(&st->rows, sizeof(struct hh));
	j->state = st;
	if (dib_hmap_reserve(&st->nos, j->est_rows))
		return dib_err_nomem(err);
	dib_code rc = store_regions_each(j->s, load_village, j, err);
	return !rc && st->oom ? dib_err_nomem(err) : rc;
}

/* Optional text: NULL when empty, else a copy; *oom set on failure. */
static const char *opt(struct import_job *j, const char *p, size_t n, bool *oom)
{
	if (!n)
		return NULL;
	char *c = import__dup(j, p, n);
	if (!c)
		*oom = true;
	return c;
}

static bool phone_ok(const char *p, size_t n)
{
	if (n < 7 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(p[i] >= '0' && p[i] <= '9') && p[i] != '-')
			return false;
	return true;
}

static dib_code hh_row(struct import_job *j, dib_err *err)
{
	struct hh_state *st = j->state;
	struct hh h = { .row = j->row };
	bool ok = true, oom = false;
	const char *p;
	size_t n;
	dib_err e;

	import__field(j, H_NO, &p, &n);
	if (!n || import__chars(p, n) > 32) {
		import__problem(j, j->row, H_NO, p, n, n ? "户编号不能超过 32 个字符" : "户编号不能为空");
		ok = false;
	} else {
		h.no = opt(j, p, n, &oom);
	}

	import__field(j, H_VILLAGE, &p, &n);
	region_code rc;
	dib_err_clear(&e);
	if (!n) {
		import__problem(j, j->row, H_VILLAGE, p, n, "所属村(社区)代码不能为空");
		ok = false;
	} else if (region_parse(p, n, &rc, &e)) {
		import__problem(j, j->row, H_VILLAGE, p, n, "%s", e.msg);
		ok = false;
	} else if (rc.level != REGION_VILLAGE) {
		import__problem(j, j->row, H_VILLAGE, p, n, "区划代码 \"%.*s\" 不是村(社区)级代码",
				(int)n, p);
		ok = false;
	} else if (!dib_hmap_get(&st->villages, rc.code, REGION_LEN, NULL)) {
		import__problem(j, j->row, H_VILLAGE, p, n,
				"村(社区) \"%s\" 不在区划表中，请先导入区划", rc.code);
		ok = false;
	} else {
		memcpy(h.village, rc.code, sizeof h.village);
		region_county(&rc, h.county);
	}

	import__field(j, H_ADDRESS, &p, &n);
	if (!n || import__chars(p, n) > 200) {
		import__problem(j, j->row, H_ADDRESS, p, n,
				n ? "家庭住址不能超过 200 个字" : "家庭住址不能为空");
		ok = false;
	} else {
		h.address = opt(j, p, n, &oom);
	}

	import__field(j, H_REG, &p, &n);
	dib_err_clear(&e);
	if (codes_parse(CODES_REGISTRATION, p, n, CODES_REQUIRED, &h.reg, &e)) {
		import__problem(j, j->row, H_REG, p, n, "%s", e.msg);
		ok = false;
	}

	import__field(j, H_BANK, &p, &n);
	h.bank = opt(j, p, n, &oom);
	import__field(j, H_ACCOUNT, &p, &n);
	if (n) {
		char card[BANKCARD_MAX + 1];
		dib_err_clear(&e);
		if (bankcard_parse(p, n, card, &e)) {
			import__problem(j, j->row, H_ACCOUNT, p, n, "%s", e.msg);
			ok = false;
		} else {
			h.account = opt(j, card, strlen(card), &oom);
		}
	}
	import__field(j, H_HOLDER, &p, &n);
	h.holder = opt(j, p, n, &oom);
	import__field(j, H_PHONE, &p, &n);
	if (n && !phone_ok(p, n)) {
		import__problem(j, j->row, H_PHONE, p, n, "联系电话 \"%.*s\" 不正确", (int)n, p);
		ok = false;
	} else {
		h.phone = opt(j, p, n, &oom);
	}
	if (oom)
		return dib_err_nomem(err);
	if (!ok)
		return DIB_OK;

	/* 户编号 is unique per county: the key is county + number. */
	char *key = dib_arena_printf(&j->arena, "%s|%s", h.county, h.no);
	if (!key)
		return dib_err_nomem(err);
	int64_t first;
	dib_code rc2 = dib_hmap_put(&st->nos, key, strlen(key), (int64_t)j->row, &first);
	if (rc2 == DIB_ENOMEM)
		return dib_err_nomem(err);
	if (rc2 == DIB_ECONFLICT) {
		import__problem(j, j->row, H_NO, h.no, strlen(h.no),
				"户编号 \"%s\" 在文件中重复 (与第 %lld 行相同)", h.no,
				(long long)first);
		return DIB_OK;
	}
	struct hh *slot = dib_vec_push(&st->rows);
	if (!slot)
		return dib_err_nomem(err);
	*slot = h;
	return DIB_OK;
}

struct dup_ctx {
	struct import_job *j;
	struct hh_state *st;
};

static void hh_found(void *ctx, const char *no, int64_t id, const char *county)
{
	(void)id;
	struct dup_ctx *c = ctx;
	char key[128];
	snprintf(key, sizeof key, "%s|%s", county, no);
	int64_t row;
	if (dib_hmap_get(&c->st->nos, key, strlen(key), &row))
		import__problem(c->j, (size_t)row, H_NO, no, strlen(no),
				"户编号 \"%s\" 已存在于数据库", no);
}

static dib_code hh_check(struct import_job *j, dib_err *err)
{
	struct hh_state *st = j->state;
	if (!st->rows.len)
		return DIB_OK;
	bool empty;
	dib_code rc = store_table_empty(j->s, "households", &empty, err);
	if (rc || empty)
		return rc;
	const char **keys = malloc(st->rows.len * sizeof *keys);
	if (!keys)
		return dib_err_nomem(err);
	const struct hh *h = st->rows.items;
	for (size_t i = 0; i < st->rows.len; i++)
		keys[i] = h[i].no;
	struct dup_ctx c = { j, st };
	rc = store_households_find(j->s, keys, st->rows.len, hh_found, &c, err);
	free(keys);
	return rc;
}


static dib_code hh_write(struct import_job *j, uint64_t *written, dib_err *err)
{
	struct hh_state *st = j->state;
	const struct hh *h = st->rows.items;
	size_t good = 0;
	for (size_t i = 0; i < st->rows.len; i++)
		good += !import__is_bad(j, h[i].row);
	*written = 0;
	if (!good)
		return DIB_OK;
	int64_t id;
	dib_code rc = store_ids_reserve(j->s, "household", (int64_t)good, &id, err);
	if (rc)
		return rc;
	static const char *const names[] = { "county", "id", "hh_no", "village_code",
		"address", "registration", "bank_name", "bank_account", "account_name",
		"phone", "created_at", "updated_at" };
	struct import_load load;
	rc = import__load_begin(j, "households", names, (int)DIB_ARRAY_LEN(names),
				(int64_t)good, &load, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < st->rows.len && !rc; i++) {
		if (import__is_bad(j, h[i].row))
			continue;
		char ids[24], reg[4];
		size_t idn = import__itoa(id++, ids);
		size_t regn = import__itoa(h[i].reg, reg);
		const char *v[] = { h[i].county, ids, h[i].no, h[i].village, h[i].address,
				    reg, h[i].bank, h[i].account, h[i].holder, h[i].phone,
				    j->now, j->now };
		size_t l[] = { strlen(h[i].county), idn, strlen(h[i].no), REGION_LEN,
			       strlen(h[i].address), regn,
			       h[i].bank ? strlen(h[i].bank) : 0,
			       h[i].account ? strlen(h[i].account) : 0,
			       h[i].holder ? strlen(h[i].holder) : 0,
			       h[i].phone ? strlen(h[i].phone) : 0,
			       strlen(j->now), strlen(j->now) };
		rc = store_bulk_row(load.bulk, v, l, err);
		*written += !rc;
	}
	return import__load_end(&load, rc, err);
}

static void hh_end(struct import_job *j)
{
	struct hh_state *st = j->state;
	if (!st)
		return;
	dib_hmap_release(&st->villages);
	dib_hmap_release(&st->nos);
	dib_vec_release(&st->rows);
	free(st);
	j->state = NULL;
}

const struct import_ops import_household_ops = {
	.label = "家庭",
	.entity = "households",
	.cols = cols,
	.ncols = H_NCOLS,
	.begin = hh_begin,
	.row = hh_row,
	.check = hh_check,
	.write = hh_write,
	.end = hh_end,
};
