/*
 * kinship.h — whether two members of one household are close relatives
 * (近亲属, 民法典 art. 1045: spouse, parents, children, siblings,
 * grandparents, grandchildren), derived from what the register records:
 * each member's relation to the household head (core/codes.h).
 *
 * Why: 低保 applications by relatives of civil-affairs staff and village
 * committee members must be filed and checked separately (最低生活保障审核
 * 确认办法 art. 11, regulations.md §1.5). The register never records the
 * relation between two members directly, so a bureau employee who once
 * lived in the applicant's household (as the head's son, say) is found by
 * deriving it from both relations to the head.
 *
 * The derivation is deliberately cautious: where the register cannot tell
 * (two grandchildren of the head may be siblings or cousins), the answer is
 * KINSHIP_POSSIBLE, for a clerk to confirm; in-laws (姻亲) are not close
 * relatives under art. 1045 and are KINSHIP_NONE.
 *
 * Thread-safety: pure functions over a constant table.
 */
#ifndef DIB_CORE_KINSHIP_H
#define DIB_CORE_KINSHIP_H

#include "util/dib.h"

enum kinship_verdict {
	KINSHIP_NONE = 0,   /* not close relatives (or the same person) */
	KINSHIP_CLOSE,      /* close relatives by art. 1045 */
	KINSHIP_POSSIBLE,   /* may be close relatives: the register cannot tell */
};

struct kinship {
	enum kinship_verdict verdict;
	/* what B is to A, e.g. "配偶", "子女", "兄弟姐妹", "祖父母/外祖父母",
	 * or for KINSHIP_POSSIBLE what it may be ("兄弟姐妹或堂表亲");
	 * "" for KINSHIP_NONE. Static storage. */
	const char *name;
};

/* The kinship of two members of one household from their relations to its
 * head (codes of CODES_RELATION: 1 户主, 10 配偶, 20 子, 30 女, 40 孙子女,
 * 50 父母, 60 祖父母, 70 兄弟姐妹, 80 其他亲属, 99 非亲属). Symmetric in
 * the verdict. An unknown code gives KINSHIP_NONE. */
struct kinship kinship_of(int relation_a, int relation_b);

#endif
