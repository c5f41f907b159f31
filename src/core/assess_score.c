/*
 * assess_score.c — the "3+1" weighted score (seed 004): the measured side
 * (户籍, 收入, 财产 from the home visit and the data checks) set beside the
 * democratic evaluation (民主评议 / 评审团票决), as decision support.
 *
 * The score never decides. It is a number with its reasons, and the
 * parameters are checked (assess_params_check) so that one side at its
 * best and the other at its worst always lands between the two lean lines:
 * "既不能唯收入论，也不能唯评议结果论" is an invariant, not a hope.
 * Integer permille throughout, each division rounded down.
 *
 * Thread-safe: pure functions; memory only from the caller's arena.
 */
#include "util/dib.h"
#include "core/assess.h"

#define MAX_REASONS 10

typedef struct reasons {
	dib_arena *a;
	const char **v;
	size_t n;
	bool failed;
} reasons;

static void reason(reasons *r, const char *fmt, ...) DIB_PRINTF(2, 3);

static void reason(reasons *r, const char *fmt, ...)
{
	va_list ap;
	char tmp[512];
	char *s;

	if (r->failed || r->n == MAX_REASONS)
		return;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	s = dib_arena_strdup(r->a, tmp);
	if (!s)
		r->failed = true;
	else
		r->v[r->n++] = s;
}

/* The measured score from income alone (see assess.h). */
static int income_score(dib_fen income, dib_fen standard, dib_fen edge)
{
	if (income < standard)
		return 500 + (int)(500 * (standard - income) / standard);
	if (income < edge)
		return (int)(499 * (edge - income) / (edge - standard));
	return 0;
}

static dib_code vote_check(const assess_vote *v, dib_err *err)
{
	if (v->attendees <= 0 || v->representatives < 0 || v->votes_for < 0 ||
	    v->votes_against < 0 || v->abstentions < 0)
		return dib_err_set(err, DIB_EINVAL, "民主评议的人数和票数不能为负数，参会人数应大于 0");
	if (v->attendees > 100000)
		return dib_err_set(err, DIB_EINVAL, "民主评议参会人数 %d 不正确", v->attendees);
	if (v->representatives > v->attendees)
		return dib_err_set(err, DIB_EINVAL, "村（居）民代表 %d 人多于参会总人数 %d 人",
				   v->representatives, v->attendees);
	int64_t cast = (int64_t)v->votes_for + v->votes_against + v->abstentions;
	if (cast > v->attendees)
		return dib_err_set(err, DIB_EINVAL, "票数合计 %lld 多于参会总人数 %d 人",
				   (long long)cast, v->attendees);
	if (cast == 0)
		return dib_err_set(err, DIB_EINVAL, "民主评议没有有效票");
	return DIB_OK;
}

static const char *lean_text(enum assess_lean l)
{
	return l == ASSESS_LEAN_SUPPORT ? "倾向支持" : l == ASSESS_LEAN_OPPOSE ? "倾向不支持"
									   : "需综合研判";
}

/* The measured side: income, then the hard conditions and 辅助评估. */
static int measured_side(const assess_params *p, const assess_score_input *in,
			 reasons *rs)
{
	char a[MONEY_STR], b[MONEY_STR];
	dib_fen edge = assess_edge_line(p, in->standard_fen);
	int m = income_score(in->per_capita_fen, in->standard_fen, edge);

	if (in->per_capita_fen < in->standard_fen)
		reason(rs, "测算：月人均收入 %s 元，低于低保标准 %s 元，收入得分 %d‰",
		       money_format(in->per_capita_fen, a), money_format(in->standard_fen, b), m);
	else if (in->per_capita_fen < edge)
		reason(rs, "测算：月人均收入 %s 元，不低于低保标准、低于低保边缘线 %s 元，收入得分 %d‰",
		       money_format(in->per_capita_fen, a), money_format(edge, b), m);
	else
		reason(rs, "测算：月人均收入 %s 元，不低于低保边缘线 %s 元，收入得分 0‰",
		       money_format(in->per_capita_fen, a), money_format(edge, b));
	if (!in->registration_ok && m > p->hard_fail_cap) {
		m = p->hard_fail_cap;
		reason(rs, "户籍状况不符合，测算分降至 %d‰", m);
	} else if (!in->registration_ok) {
		reason(rs, "户籍状况不符合");
	}
	if (in->asset_failures > 0) {
		if (m > p->hard_fail_cap)
			m = p->hard_fail_cap;
		reason(rs, "财产状况有 %zu 项不符合，测算分降至 %d‰", in->asset_failures, m);
	}
	if (in->aux_findings > 0) {
		int64_t pen = (int64_t)p->aux_penalty * in->aux_findings;
		m = pen >= m ? 0 : m - (int)pen;
		reason(rs, "入户调查有 %d 项辅助评估异常（水电燃气通讯支出、高收费学校、出国旅游等，"
			   "《最低生活保障审核确认办法》第十七条第二款），每项扣 %d‰",
		       in->aux_findings, p->aux_penalty);
	}
	return m;
}

dib_code assess_score(const assess_params *p, const assess_score_input *in,
		      dib_arena *a, assess_score_result *out, dib_err *err)
{
	assess_score_result r;
	reasons rs = {a, NULL, 0, false};
	const assess_vote *v = in->vote && in->vote->held ? in->vote : NULL;
	char pm[AMOUNT_BP_STR], pv[AMOUNT_BP_STR];
	dib_code rc;

	if ((rc = assess_params_check(p, err)))
		return rc;
	if (in->standard_fen <= 0 || in->standard_fen > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "低保标准 %lld 分不正确",
				   (long long)in->standard_fen);
	if (in->per_capita_fen < 0 || in->per_capita_fen > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "月人均收入 %lld 分不正确",
				   (long long)in->per_capita_fen);
	if (in->aux_findings < 0 || in->aux_findings > 1000)
		return dib_err_set(err, DIB_EINVAL, "辅助评估异常项数 %d 不正确", in->aux_findings);
	if (v && (rc = vote_check(v, err)))
		return rc;
	rs.v = dib_arena_alloc(a, MAX_REASONS * sizeof *rs.v);
	if (!rs.v)
		return dib_err_nomem(err);
	memset(&r, 0, sizeof r);

	r.measured = measured_side(p, in, &rs);
	r.vote = -1;
	if (!v) {
		reason(&rs, "未开展民主评议（公示无异议的可不评议，《最低生活保障审核确认办法》"
			    "第十九条），综合分仅依测算");
	} else if ((int64_t)v->representatives * p->rep_share_den <
		   (int64_t)v->attendees * p->rep_share_num) {
		reason(&rs, "民主评议无效：村（居）民代表 %d 人，不足参会总人数 %d 人的 %d/%d"
			    "（《最低生活保障审核审批办法（试行）》第二十二条），综合分仅依测算",
		       v->representatives, v->attendees, p->rep_share_num, p->rep_share_den);
	} else {
		int cast = v->votes_for + v->votes_against + v->abstentions;
		r.vote_valid = true;
		r.vote = (int)((int64_t)1000 * v->votes_for / cast);
		reason(&rs, "民主评议：参会 %d 人（村（居）民代表 %d 人），赞成 %d、反对 %d、弃权 %d，"
			    "评议分 %d‰",
		       v->attendees, v->representatives, v->votes_for, v->votes_against,
		       v->abstentions, r.vote);
	}
	if (r.vote_valid) {
		int32_t w = p->measured_weight_bp;
		r.score = (int)(((int64_t)r.measured * w + (int64_t)r.vote * (10000 - w)) / 10000);
		r.disagree = (r.measured >= 500) != (r.vote >= 500) ||
			     abs(r.measured - r.vote) >= p->disagree_gap;
	} else {
		r.score = r.measured;
	}
	r.lean = r.score >= p->support_at    ? ASSESS_LEAN_SUPPORT
		 : r.score < p->oppose_below ? ASSESS_LEAN_OPPOSE
					     : ASSESS_LEAN_OPEN;
	if (r.vote_valid)
		reason(&rs, "综合分 = 测算分 %d × %s + 评议分 %d × %s = %d‰，%s", r.measured,
		       amount_bp_text(p->measured_weight_bp, pm), r.vote,
		       amount_bp_text(10000 - p->measured_weight_bp, pv), r.score,
		       lean_text(r.lean));
	else
		reason(&rs, "综合分 = 测算分 %d‰，%s", r.score, lean_text(r.lean));
	if (r.disagree)
		reason(&rs, "测算（%d‰）与评议（%d‰）结论不一致，请审核人结合入户调查情况综合考量",
		       r.measured, r.vote);
	reason(&rs, "本结果仅供审核参考，不是认定决定：既不能唯收入论，也不能唯评议结果论"
		    "（“3+1”综合测评）");
	if (rs.failed)
		return dib_err_nomem(err);
	r.reasons = rs.v;
	r.nreasons = rs.n;
	*out = r;
	return DIB_OK;
}
