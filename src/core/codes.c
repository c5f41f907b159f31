/*
 * codes.c — the register's code tables as data, and the one lookup that
 * reads clerks' text against any of them (see codes.h), and codes_trim,
 * which the other core parsers share.
 * Thread-safe: constant tables, no state, no allocation.
 */
#include "util/dib.h"
#include "core/codes.h"

/* A code and the text that means it. In a table's `values` each code
 * appears once with its canonical name, in display order; `aliases` holds
 * the other spellings accepted on import. */
struct codes_pair {
	int code;
	const char *text;
};

struct codes_def {
	const char *label;
	const struct codes_pair *values;
	size_t nvalues;
	const struct codes_pair *aliases;
	size_t naliases;
};

/* ---- the tables ---- */

static const struct codes_pair relation_values[] = {
	{1, "户主"}, {10, "配偶"}, {20, "子"}, {30, "女"}, {40, "孙子女"},
	{50, "父母"}, {60, "祖父母"}, {70, "兄弟姐妹"}, {80, "其他亲属"},
	{99, "非亲属"},
};

/* Spellings seen on village registers. Step- and adoptive parents count as
 * parents (民法典 art. 1072, 1111); great-grandchildren, in-laws and
 * collateral kin beyond siblings are 其他亲属, not 近亲属. */
static const struct codes_pair relation_aliases[] = {
	{1, "本人"}, {1, "户主本人"}, {1, "本人(户主)"}, {1, "户主(本人)"},
	{10, "夫"}, {10, "妻"}, {10, "丈夫"}, {10, "妻子"}, {10, "爱人"},
	{20, "儿子"}, {20, "长子"}, {20, "次子"}, {20, "三子"}, {20, "四子"},
	{20, "五子"}, {20, "独生子"}, {20, "养子"}, {20, "继子"},
	{20, "其他儿子"},
	{30, "女儿"}, {30, "长女"}, {30, "次女"}, {30, "三女"}, {30, "四女"},
	{30, "五女"}, {30, "独生女"}, {30, "养女"}, {30, "继女"},
	{30, "其他女儿"},
	{40, "孙子"}, {40, "孙女"}, {40, "外孙子"}, {40, "外孙女"},
	{40, "外孙"}, {40, "外孙子女"},
	{50, "父亲"}, {50, "母亲"}, {50, "父"}, {50, "母"}, {50, "爸爸"},
	{50, "妈妈"}, {50, "养父"}, {50, "养母"}, {50, "继父"}, {50, "继母"},
	{60, "祖父"}, {60, "祖母"}, {60, "外祖父"}, {60, "外祖母"},
	{60, "爷爷"}, {60, "奶奶"}, {60, "外公"}, {60, "外婆"}, {60, "姥爷"},
	{60, "姥姥"}, {60, "外祖父母"},
	{70, "兄"}, {70, "弟"}, {70, "姐"}, {70, "妹"}, {70, "哥哥"},
	{70, "弟弟"}, {70, "姐姐"}, {70, "妹妹"}, {70, "哥"}, {70, "兄弟"},
	{70, "姐妹"},
	{80, "其他"}, {80, "儿媳"}, {80, "儿媳妇"}, {80, "女婿"}, {80, "侄子"},
	{80, "侄女"}, {80, "外甥"}, {80, "外甥女"}, {80, "孙媳妇"},
	{80, "孙女婿"}, {80, "曾孙子"}, {80, "曾孙女"}, {80, "公公"},
	{80, "婆婆"}, {80, "岳父"}, {80, "岳母"}, {80, "嫂子"}, {80, "弟媳"},
	{80, "姐夫"}, {80, "妹夫"}, {80, "伯父"}, {80, "伯母"}, {80, "叔叔"},
	{80, "婶婶"}, {80, "舅舅"}, {80, "舅妈"}, {80, "姑姑"}, {80, "姑父"},
	{80, "姨妈"}, {80, "姨父"}, {80, "其他亲戚"},
	{99, "其他非亲属"}, {99, "无亲属关系"},
};

static const struct codes_pair sex_values[] = {{1, "男"}, {2, "女"}};
static const struct codes_pair sex_aliases[] = {
	{1, "男性"}, {2, "女性"},
};

static const struct codes_pair registration_values[] = {
	{1, "城镇"}, {2, "农村"},
};
static const struct codes_pair registration_aliases[] = {
	{1, "城市"}, {1, "非农业"}, {1, "非农"}, {1, "城镇户口"},
	{1, "城市户口"}, {1, "非农业户口"},
	{2, "农业"}, {2, "农村户口"}, {2, "农业户口"},
};

static const struct codes_pair health_values[] = {
	{1, "健康"}, {2, "慢性病"}, {3, "重病"},
};
static const struct codes_pair health_aliases[] = {
	{1, "良好"}, {2, "一般疾病"}, {2, "患病"}, {3, "重特大疾病"},
	{3, "重大疾病"}, {3, "大病"},
};

static const struct codes_pair labour_values[] = {
	{1, "有劳动能力"}, {2, "部分丧失劳动能力"}, {3, "无劳动能力"},
};
static const struct codes_pair labour_aliases[] = {
	{1, "健全"}, {1, "有"}, {1, "有劳力"}, {2, "部分丧失"}, {2, "部分"},
	{2, "部分劳动能力"}, {3, "丧失"}, {3, "丧失劳动能力"}, {3, "无"},
	{3, "无劳力"},
};

static const struct codes_pair disability_values[] = {
	{1, "视力残疾"}, {2, "听力残疾"}, {3, "言语残疾"}, {4, "肢体残疾"},
	{5, "智力残疾"}, {6, "精神残疾"}, {7, "多重残疾"},
};
static const struct codes_pair disability_aliases[] = {
	{1, "视力"}, {2, "听力"}, {3, "言语"}, {4, "肢体"}, {5, "智力"},
	{6, "精神"}, {7, "多重"},
};

static const struct codes_pair grade_values[] = {
	{1, "一级"}, {2, "二级"}, {3, "三级"}, {4, "四级"},
};
static const struct codes_pair grade_aliases[] = {
	{1, "1级"}, {1, "一"}, {2, "2级"}, {2, "二"}, {3, "3级"}, {3, "三"},
	{4, "4级"}, {4, "四"},
};

static const struct codes_pair income_values[] = {
	{1, "工资性收入"}, {2, "经营净收入"}, {3, "财产净收入"},
	{4, "转移净收入"}, {5, "其他收入"},
};
static const struct codes_pair income_aliases[] = {
	{1, "工资性"}, {1, "工资"}, {1, "工资收入"},
	{2, "经营"}, {2, "经营性"}, {2, "经营性收入"}, {2, "经营收入"},
	{3, "财产"}, {3, "财产性"}, {3, "财产性收入"}, {3, "财产收入"},
	{4, "转移"}, {4, "转移性"}, {4, "转移性收入"}, {4, "转移收入"},
	{5, "其他"},
};

static const struct codes_pair orphan_values[] = {
	{0, "否"}, {1, "孤儿"}, {2, "事实无人抚养儿童"},
};
static const struct codes_pair orphan_aliases[] = {
	{0, "无"}, {0, "不是"}, {0, "非孤儿"}, {2, "事实无人抚养"},
};

#define CODES_DEF(label, v, a) {label, v, DIB_ARRAY_LEN(v), a, DIB_ARRAY_LEN(a)}

/* Indexed by enum codes_table; the order must match it. */
static const struct codes_def codes_defs[CODES_TABLE_COUNT] = {
	[CODES_RELATION] = CODES_DEF("与户主关系", relation_values, relation_aliases),
	[CODES_SEX] = CODES_DEF("性别", sex_values, sex_aliases),
	[CODES_REGISTRATION] = CODES_DEF("户籍类别", registration_values,
					 registration_aliases),
	[CODES_HEALTH] = CODES_DEF("健康状况", health_values, health_aliases),
	[CODES_LABOUR] = CODES_DEF("劳动能力", labour_values, labour_aliases),
	[CODES_DISABILITY_KIND] = CODES_DEF("残疾类别", disability_values,
					    disability_aliases),
	[CODES_DISABILITY_GRADE] = CODES_DEF("残疾等级", grade_values,
					     grade_aliases),
	[CODES_INCOME_KIND] = CODES_DEF("收入类别", income_values, income_aliases),
	[CODES_ORPHAN] = CODES_DEF("孤儿状况", orphan_values, orphan_aliases),
};

/* ---- text helpers ---- */

/* Longest text (after trimming and folding) that can match an entry; longer
 * input is simply unrecognised. The longest alias is well below this. */
#define CODES_TEXT_MAX 64

/* Length of the blank at s[0..n) or 0: ASCII blanks, U+00A0, U+3000. */
static size_t blank_len(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Length of a blank that ends at s[n-1], or 0. */
static size_t blank_len_back(const unsigned char *s, size_t n)
{
	if (n >= 3 && blank_len(s + n - 3, 3) == 3)
		return 3;
	if (n >= 2 && blank_len(s + n - 2, 2) == 2)
		return 2;
	if (n >= 1 && blank_len(s + n - 1, 1) == 1)
		return 1;
	return 0;
}

void codes_trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t len = *n, k;

	while ((k = blank_len(p, len)) > 0) {
		p += k;
		len -= k;
	}
	while ((k = blank_len_back(p, len)) > 0)
		len -= k;
	*s = (const char *)p;
	*n = len;
}

/* Copies s[0..n) into out[CODES_TEXT_MAX], folding full-width ASCII
 * (U+FF01–FF5E) to ASCII. false when the result does not fit. */
static bool fold_width(const char *s, size_t n, char *out, size_t *outn)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;

	while (i < n) {
		if (o + 1 >= CODES_TEXT_MAX)
			return false;
		if (n - i >= 3 && p[i] == 0xEF && (p[i + 1] == 0xBC || p[i + 1] == 0xBD) &&
		    (p[i + 2] & 0xC0) == 0x80) {
			uint32_t cp = 0xF000u | ((uint32_t)(p[i + 1] & 0x3F) << 6) |
				      (p[i + 2] & 0x3F);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				out[o++] = (char)(cp - 0xFEE0);
				i += 3;
				continue;
			}
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	*outn = o;
	return true;
}

/* The numeric code in s[0..n) when it is 1–4 ASCII digits, else -1. */
static int parse_number(const char *s, size_t n)
{
	int v = 0;

	if (n == 0 || n > 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* ---- lookups ---- */

static const struct codes_def *def_of(enum codes_table t)
{
	if ((unsigned)t >= CODES_TABLE_COUNT)
		return NULL;
	return &codes_defs[t];
}

static const struct codes_pair *find_text(const struct codes_pair *v,
					  size_t nv, const char *s, size_t n)
{
	for (size_t i = 0; i < nv; i++)
		if (strlen(v[i].text) == n && memcmp(v[i].text, s, n) == 0)
			return &v[i];
	return NULL;
}

static const struct codes_pair *find_code(const struct codes_def *d, int code)
{
	for (size_t i = 0; i < d->nvalues; i++)
		if (d->values[i].code == code)
			return &d->values[i];
	return NULL;
}

/* Builds the "could not read" message: label, quoted input, then the
 * canonical names joined by "、". Truncation by the message size is
 * harmless; the tables are far smaller. */
static dib_code unrecognised(const struct codes_def *d, const char *s,
			     size_t n, dib_err *err)
{
	char q[DIB_QUOTE_MAX], list[DIB_ERR_MSG_MAX];
	size_t o = 0;

	list[0] = '\0';
	for (size_t i = 0; i < d->nvalues && o < sizeof list; i++) {
		int w = snprintf(list + o, sizeof list - o, "%s%s",
				 i ? "、" : "", d->values[i].text);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	return dib_err_set(err, DIB_EINVAL, "%s \"%s\" 无法识别，可填: %s",
			   d->label, dib_err_quote(s, n, q, sizeof q), list);
}

dib_code codes_parse(enum codes_table t, const char *s, size_t n, int if_empty,
		     int *out, dib_err *err)
{
	const struct codes_def *d = def_of(t);
	const struct codes_pair *hit;
	char text[CODES_TEXT_MAX];
	size_t tn;

	if (!d)
		return dib_err_set(err, DIB_EINTERNAL, NULL);
	codes_trim(&s, &n);
	if (n == 0) {
		if (if_empty == CODES_REQUIRED)
			return dib_err_set(err, DIB_EINVAL, "%s不能为空", d->label);
		*out = if_empty;
		return DIB_OK;
	}
	if (!fold_width(s, n, text, &tn))
		return unrecognised(d, s, n, err);
	hit = find_text(d->values, d->nvalues, text, tn);
	if (!hit)
		hit = find_text(d->aliases, d->naliases, text, tn);
	if (!hit) {
		int num = parse_number(text, tn);
		if (num >= 0)
			hit = find_code(d, num);
	}
	if (!hit)
		return unrecognised(d, s, n, err);
	*out = hit->code;
	return DIB_OK;
}

const char *codes_name(enum codes_table t, int code)
{
	const struct codes_def *d = def_of(t);
	const struct codes_pair *hit = d ? find_code(d, code) : NULL;

	return hit ? hit->text : NULL;
}

const char *codes_label(enum codes_table t)
{
	const struct codes_def *d = def_of(t);

	return d ? d->label : "";
}

bool codes_relation_is_close(int relation)
{
	switch (relation) {
	case CODES_REL_SPOUSE:
	case CODES_REL_SON:
	case CODES_REL_DAUGHTER:
	case CODES_REL_GRANDCHILD:
	case CODES_REL_PARENT:
	case CODES_REL_GRANDPARENT:
	case CODES_REL_SIBLING:
		return true;
	default:
		return false;
	}
}
