/*
 * kinship.c — the table of kinship.h: what member B is to member A of one
 * household, from both relations to the head. Rows and columns are the
 * relation classes below; each cell is a verdict and a name. Cells marked
 * "presumed" read the register the way a clerk would (two people recorded
 * as the head's parents are a couple; the head's spouse is the parent of
 * the head's children — under 民法典 art. 1072 a step-parent who raised the
 * child counts the same).
 * Thread-safety: constant table.
 */
#include "util/dib.h"
#include "core/kinship.h"
#include "core/codes.h"

enum cls { H, S, C, G, P, GP, B, O, NCLS };

static int cls_of(int relation)
{
	switch (relation) {
	case CODES_REL_HEAD: return H;
	case CODES_REL_SPOUSE: return S;
	case CODES_REL_SON:
	case CODES_REL_DAUGHTER: return C;
	case CODES_REL_GRANDCHILD: return G;
	case CODES_REL_PARENT: return P;
	case CODES_REL_GRANDPARENT: return GP;
	case CODES_REL_SIBLING: return B;
	default: return O; /* 其他亲属, 非亲属, unknown: nothing to derive */
	}
}

#define N_ { KINSHIP_NONE, "" }
#define CL(x) { KINSHIP_CLOSE, x }
#define PO(x) { KINSHIP_POSSIBLE, x }

/* [a][b]: what B is to A. */
static const struct kinship table[NCLS][NCLS] = {
	/*         H            S           C                 G                        P                   GP                         B              O  */
	[H]  = { N_,          CL("配偶"), CL("子女"),       CL("孙子女/外孙子女"),  CL("父母"),         CL("祖父母/外祖父母"),     CL("兄弟姐妹"), N_ },
	/* the head's spouse: children and grandchildren presumed shared;
	 * the head's parents and siblings are in-laws */
	[S]  = { CL("配偶"),  N_,         CL("子女"),       CL("孙子女/外孙子女"),  N_,                 N_,                        N_,             N_ },
	[C]  = { CL("父母"),  CL("父母"), CL("兄弟姐妹"),   PO("子女或侄甥"),       CL("祖父母/外祖父母"), N_,                     N_,             N_ },
	[G]  = { CL("祖父母/外祖父母"), CL("祖父母/外祖父母"), PO("父母或伯叔姑舅姨"), PO("兄弟姐妹或堂表亲"), N_, N_,                  N_,             N_ },
	/* two parents of the head: presumed a couple */
	[P]  = { CL("子女"),  N_,         CL("孙子女/外孙子女"), N_,                 CL("配偶"),         PO("父母或配偶的父母"),    CL("子女"),     N_ },
	[GP] = { CL("孙子女/外孙子女"), N_, N_,             N_,                      PO("子女或子女的配偶"), PO("配偶或亲家"),       CL("孙子女/外孙子女"), N_ },
	[B]  = { CL("兄弟姐妹"), N_,      N_,               N_,                      CL("父母"),         CL("祖父母/外祖父母"),     CL("兄弟姐妹"), N_ },
	[O]  = { N_,          N_,         N_,               N_,                      N_,                 N_,                        N_,             N_ },
};

struct kinship kinship_of(int relation_a, int relation_b)
{
	return table[cls_of(relation_a)][cls_of(relation_b)];
}
