/*
 * gen_names.c — the generator's data tables: surnames by frequency, given
 * names by sex and generation, village and community names, streets, banks
 * with their card BINs, mobile prefixes. Data, not logic: a new name is one
 * more table entry.
 *
 * Surname weights are per-10 000 shares from the 2020 census (top 100,
 * stored cumulatively so a pick is one binary search). Given names follow
 * the fashions of three generations (born before 1960, 1960–1989, 1990 on),
 * so a grandmother is 秀英 and her granddaughter 梓涵.
 *
 * Thread-safety: constant tables and pure functions of the caller's PRNG.
 */
#include "util/dib.h"
#include "svc/gen_int.h"

struct cum_name {
	const char *s;
	uint16_t cum; /* running total of the weights up to and including s */
};

static const struct cum_name surnames[] = {
	{ "王", 712 }, { "李", 1412 }, { "张", 2086 }, { "刘", 2596 }, { "陈", 3057 },
	{ "杨", 3379 }, { "黄", 3624 }, { "赵", 3843 }, { "吴", 4051 }, { "周", 4251 },
	{ "徐", 4396 }, { "孙", 4534 }, { "马", 4663 }, { "朱", 4791 }, { "胡", 4907 },
	{ "郭", 5022 }, { "何", 5128 }, { "林", 5229 }, { "高", 5329 }, { "罗", 5424 },
	{ "郑", 5510 }, { "梁", 5592 }, { "谢", 5664 }, { "宋", 5734 }, { "唐", 5803 },
	{ "许", 5869 }, { "韩", 5934 }, { "冯", 5997 }, { "邓", 6059 }, { "曹", 6121 },
	{ "彭", 6179 }, { "曾", 6236 }, { "肖", 6292 }, { "田", 6347 }, { "董", 6401 },
	{ "袁", 6454 }, { "潘", 6506 }, { "于", 6557 }, { "蒋", 6607 }, { "蔡", 6656 },
	{ "余", 6704 }, { "杜", 6751 }, { "叶", 6797 }, { "程", 6842 }, { "苏", 6886 },
	{ "魏", 6930 }, { "吕", 6973 }, { "丁", 7015 }, { "任", 7056 }, { "沈", 7096 },
	{ "姚", 7135 }, { "卢", 7173 }, { "姜", 7210 }, { "崔", 7246 }, { "钟", 7281 },
	{ "谭", 7315 }, { "陆", 7348 }, { "汪", 7380 }, { "范", 7411 }, { "金", 7441 },
	{ "石", 7471 }, { "廖", 7500 }, { "贾", 7529 }, { "夏", 7557 }, { "韦", 7585 },
	{ "付", 7612 }, { "方", 7639 }, { "白", 7665 }, { "邹", 7691 }, { "孟", 7716 },
	{ "熊", 7741 }, { "秦", 7765 }, { "邱", 7789 }, { "江", 7812 }, { "尹", 7835 },
	{ "薛", 7857 }, { "闫", 7879 }, { "段", 7900 }, { "雷", 7921 }, { "侯", 7941 },
	{ "龙", 7961 }, { "史", 7981 }, { "陶", 8000 }, { "黎", 8019 }, { "贺", 8037 },
	{ "顾", 8055 }, { "毛", 8073 }, { "郝", 8090 }, { "龚", 8107 }, { "邵", 8124 },
	{ "万", 8140 }, { "钱", 8156 }, { "严", 8171 }, { "覃", 8186 }, { "武", 8201 },
	{ "戴", 8215 }, { "莫", 8229 }, { "孔", 8243 }, { "向", 8256 }, { "汤", 8269 },
};
/* The running total after the 40th surname: village names use only these. */
#define VILLAGE_SURNAME_TOTAL 6656

static const char *cum_pick(gen_rng *r, const struct cum_name *t, size_t n,
			    uint32_t total)
{
	uint32_t x = gen__below(r, total);
	size_t lo = 0, hi = n - 1;
	while (lo < hi) { /* first entry whose running total exceeds x */
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].cum > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return t[lo].s;
}

const char *gen__surname(gen_rng *r)
{
	return cum_pick(r, surnames, DIB_ARRAY_LEN(surnames),
			surnames[DIB_ARRAY_LEN(surnames) - 1].cum);
}

const char *gen__village_surname(gen_rng *r)
{
	return cum_pick(r, surnames, DIB_ARRAY_LEN(surnames), VILLAGE_SURNAME_TOTAL);
}

unsigned gen__pick(gen_rng *r, const uint16_t *w, unsigned n, uint32_t total)
{
	uint32_t x = gen__below(r, total);
	for (unsigned i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- given names: whole names, and first × second characters ---- */

struct name_pool {
	const char *const *whole;
	size_t nwhole;
	const char *const *first;
	size_t nfirst;
	const char *const *second;
	size_t nsecond;
};

#define POOL(w, f, s) { w, DIB_ARRAY_LEN(w), f, DIB_ARRAY_LEN(f), s, DIB_ARRAY_LEN(s) }

/* Born before 1960. */
static const char *const old_m_whole[] = {
	"建国", "建军", "国庆", "国强", "振华", "保国", "富贵", "长海", "志刚", "永福",
	"金山", "树林", "春生", "秋生", "德明", "德胜", "福来", "学文", "新民", "长顺",
	"玉林", "宝山", "占军", "铁柱", "庆丰", "满囤", "双喜", "家富", "有才", "根生",
	"忠", "福", "德", "明", "山", "林", "贵", "财", "祥", "顺",
};
static const char *const old_m_first[] = {
	"建", "国", "志", "永", "文", "德", "长", "金", "学", "振",
	"宝", "玉", "春", "秋", "福", "树", "占", "庆", "新", "有",
};
static const char *const old_m_second[] = {
	"军", "华", "民", "林", "生", "福", "成", "山", "海", "才",
	"贵", "祥", "顺", "明", "强", "喜", "安", "田", "水", "堂",
};
static const char *const old_f_whole[] = {
	"秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "淑珍", "玉梅", "秀珍", "翠花",
	"素英", "玉珍", "兰英", "金花", "秀梅", "桂芳", "凤兰", "玉英", "春花", "秀云",
	"桂香", "秀荣", "爱莲", "桂珍", "荣", "英", "兰", "珍", "梅", "凤",
};
static const char *const old_f_first[] = {
	"秀", "桂", "玉", "凤", "淑", "翠", "素", "金", "春", "兰", "月", "荣", "爱",
};
static const char *const old_f_second[] = {
	"英", "兰", "珍", "梅", "花", "芳", "云", "香", "荣", "琴", "芬", "霞", "娥", "莲",
};
/* Born 1960–1989. */
static const char *const mid_m_whole[] = {
	"伟", "勇", "军", "磊", "涛", "强", "刚", "杰", "斌", "波",
	"辉", "超", "鹏", "海涛", "建华", "志强", "红军", "卫东", "永强", "国华",
	"建伟", "晓东", "俊峰", "志勇", "海军", "东升", "学军", "新华", "卫国", "红伟",
	"振宇", "明亮", "亚军", "长江", "建平", "利民", "金龙", "向阳",
};
static const char *const mid_m_first[] = {
	"建", "志", "海", "卫", "红", "晓", "俊", "永", "国", "明",
	"东", "利", "新", "向", "亚", "振", "学", "金", "保", "长",
};
static const char *const mid_m_second[] = {
	"伟", "强", "军", "东", "华", "峰", "勇", "平", "涛", "辉",
	"波", "刚", "杰", "斌", "明", "龙", "宇", "阳", "林", "超",
};
static const char *const mid_f_whole[] = {
	"丽", "娟", "静", "敏", "燕", "艳", "芳", "霞", "红", "丽娟",
	"艳红", "玉霞", "海燕", "秀丽", "春燕", "红梅", "晓丽", "丽华", "美玲", "彩霞",
	"丽萍", "雪梅", "红霞", "晓燕", "小红", "玉凤", "亚楠", "秋菊", "冬梅", "雅琴",
	"慧", "洁", "萍", "玲",
};
static const char *const mid_f_first[] = {
	"丽", "艳", "红", "玉", "海", "秀", "春", "晓", "美", "雪",
	"彩", "冬", "秋", "亚", "雅", "桂", "小", "慧",
};
static const char *const mid_f_second[] = {
	"娟", "红", "霞", "燕", "丽", "梅", "萍", "玲", "芳", "华",
	"琴", "敏", "静", "英", "楠", "菊", "莉", "洁",
};
/* Born 1990 on. */
static const char *const young_m_whole[] = {
	"浩", "宇", "轩", "子豪", "浩然", "宇轩", "一鸣", "俊杰", "博文", "子轩",
	"浩宇", "明轩", "天佑", "家豪", "志豪", "思远", "嘉豪", "梓豪", "宇航", "子墨",
	"睿", "泽", "晨", "鑫", "昊", "阳", "凯", "帅", "鹏飞", "文博",
	"佳乐", "一帆", "梓轩", "皓轩", "奕辰", "俊熙", "铭", "亮",
};
static const char *const young_m_first[] = {
	"子", "浩", "宇", "梓", "俊", "博", "天", "嘉", "一", "明",
	"皓", "奕", "思", "家", "泽", "佳", "文", "睿", "宏", "志",
};
static const char *const young_m_second[] = {
	"豪", "轩", "然", "杰", "文", "宇", "航", "辰", "熙", "鸣",
	"涵", "阳", "博", "泽", "凯", "源", "睿", "晨", "铭", "远",
};
static const char *const young_f_whole[] = {
	"婷", "欣怡", "梓涵", "诗涵", "雨涵", "子涵", "佳怡", "梦瑶", "一诺", "可欣",
	"思雨", "紫涵", "雨欣", "晨曦", "佳琪", "欣妍", "梓萱", "若汐", "雅琪", "佳慧",
	"梦琪", "心怡", "雨桐", "婉婷", "倩", "颖", "悦", "璐", "瑶", "欣",
	"雪", "萌",
};
static const char *const young_f_first[] = {
	"欣", "梓", "诗", "雨", "佳", "梦", "可", "思", "紫", "晨",
	"雅", "心", "婉", "若", "子", "一", "语", "亦", "嘉", "怡",
};
static const char *const young_f_second[] = {
	"怡", "涵", "萱", "琪", "瑶", "欣", "雨", "彤", "妍", "汐",
	"诺", "曦", "桐", "婷", "悦", "冉", "洁", "菲", "然", "宁",
};

static const struct name_pool pools[3][2] = {
	{ POOL(old_m_whole, old_m_first, old_m_second),
	  POOL(old_f_whole, old_f_first, old_f_second) },
	{ POOL(mid_m_whole, mid_m_first, mid_m_second),
	  POOL(mid_f_whole, mid_f_first, mid_f_second) },
	{ POOL(young_m_whole, young_m_first, young_m_second),
	  POOL(young_f_whole, young_f_first, young_f_second) },
};

void gen__given_name(gen_rng *r, int sex, int birth_year, char *out, size_t cap)
{
	int era = birth_year < 1960 ? 0 : birth_year < 1990 ? 1 : 2;
	const struct name_pool *p = &pools[era][sex == 2 ? 1 : 0];
	/* Half the names come from the list of typical names, half are
	 * composed, so a county of a million households does not repeat the
	 * same forty names everywhere. */
	if (gen__chance(r, 500)) {
		snprintf(out, cap, "%s", p->whole[gen__below(r, (uint32_t)p->nwhole)]);
	} else {
		const char *a = p->first[gen__below(r, (uint32_t)p->nfirst)];
		const char *b = p->second[gen__below(r, (uint32_t)p->nsecond)];
		if (!strcmp(a, b)) /* 丽丽 is a name, but 强强 is a nickname */
			b = p->second[(gen__below(r, (uint32_t)p->nsecond - 1) + 1) % p->nsecond];
		snprintf(out, cap, "%s%s", a, b);
	}
}

/* ---- places ---- */

static const char *const village_suffix[] = {
	"庄", "庄", "庄", "庄", "屯", "屯", "营", "营", "寨", "店",
	"集", "楼", "岗", "堤", "湾", "桥", "窑", "园", "口", "寺",
};
static const char *const village_prefix[] = {
	"东", "西", "南", "北", "前", "后", "大", "小", "新", "老", "上", "下", "中",
};
static const char *const village_plain[] = {
	"柳树", "杨树", "枣林", "桑园", "河口", "高寨", "沙堆", "堤头", "石堆", "榆林",
	"槐树", "杏花", "桃园", "梨园", "白马", "青龙", "金堤", "古城", "三合", "四合",
	"五里铺", "八里庄", "十里铺", "双井", "马场", "孟岗", "北大堤", "龙王庙", "关帝庙", "三官庙",
};

void gen__village_name(gen_rng *r, char *out, size_t cap)
{
	uint32_t kind = gen__below(r, 100);
	const char *sfx = village_suffix[gen__below(r, DIB_ARRAY_LEN(village_suffix))];
	if (kind < 60) { /* 王庄村 */
		snprintf(out, cap, "%s%s村", gen__village_surname(r), sfx);
	} else if (kind < 85) { /* 东王庄村 */
		const char *pre = village_prefix[gen__below(r, DIB_ARRAY_LEN(village_prefix))];
		snprintf(out, cap, "%s%s%s村", pre, gen__village_surname(r), sfx);
	} else { /* 枣林村 */
		snprintf(out, cap, "%s村",
			 village_plain[gen__below(r, DIB_ARRAY_LEN(village_plain))]);
	}
}

static const char *const communities[] = {
	"东关", "西关", "南关", "北关", "东街", "西街", "南街", "北街", "人民路", "文化路",
	"建设路", "解放路", "新华", "幸福", "和平", "胜利", "金城", "育才", "健康", "光明",
	"府前", "中心", "花园", "阳光", "滨河", "振兴", "惠民", "安居", "锦绣", "城关",
	"迎宾", "朝阳", "东湖", "龙泉", "瑞丰", "丰收", "长青", "永安", "兴隆", "学府",
	"北苑", "南苑", "广场", "新村", "康宁",
};

unsigned gen__community_count(void)
{
	return (unsigned)DIB_ARRAY_LEN(communities);
}

void gen__community_name(unsigned k, char *out, size_t cap)
{
	if (k < DIB_ARRAY_LEN(communities))
		snprintf(out, cap, "%s社区", communities[k]);
	else
		snprintf(out, cap, "第%u社区", k + 1);
}

static const char *const roads[] = {
	"人民路", "建设路", "文化路", "解放路", "新华路", "胜利路", "和平路", "育才路",
	"东大街", "西大街", "南大街", "北大街", "健康路", "迎宾大道", "金城大道", "城关路",
	"府前街", "振兴路", "长青路", "兴业路",
};

const char *gen__road(gen_rng *r)
{
	return roads[gen__below(r, DIB_ARRAY_LEN(roads))];
}

static const char *const estates[] = {
	"幸福小区", "阳光小区", "金城花园", "和谐家园", "锦绣花园", "兴业小区",
	"惠民小区", "康乐小区", "安居小区", "滨河花园", "书香苑", "东方佳苑",
};

const char *gen__estate(gen_rng *r)
{
	return estates[gen__below(r, DIB_ARRAY_LEN(estates))];
}

/* ---- banks ---- */

/* The banks that pay social assistance in a Henan county (一卡通), with
 * 19-digit debit-card BINs of each. */
static const struct gen_bank banks[] = {
	{ "农村信用社", { "623059", "622991", NULL }, 19 },
	{ "中国邮政储蓄银行", { "621799", "622188", "621098" }, 19 },
	{ "中国农业银行", { "622848", "622845", "622827" }, 19 },
	{ "中国工商银行", { "622202", "621226", "621558" }, 19 },
	{ "中国建设银行", { "621700", "622700", NULL }, 19 },
};
static const uint16_t bank_w_rural[] = { 350, 280, 270, 50, 50 };
static const uint16_t bank_w_urban[] = { 100, 200, 250, 250, 200 };

const struct gen_bank *gen__bank(gen_rng *r, bool urban)
{
	return &banks[gen__pick(r, urban ? bank_w_urban : bank_w_rural,
				DIB_ARRAY_LEN(banks), 1000)];
}

static const char *const mobile[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "155", "156", "157", "158", "159", "166", "173",
	"175", "176", "177", "178", "180", "181", "182", "183", "185", "186",
	"187", "188", "189", "191", "198", "199",
};

const char *gen__mobile_prefix(gen_rng *r)
{
	return mobile[gen__below(r, DIB_ARRAY_LEN(mobile))];
}
