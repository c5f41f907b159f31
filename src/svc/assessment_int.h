/*
 * assessment_int.h — what the files of the assessment share (assessment.c
 * runs the rules, assessment_input.c turns the register into their inputs,
 * assessment_json.c renders the result); svc/assessment*.c only.
 * Thread-safety: as assessment.h.
 */
#ifndef DIB_SVC_ASSESSMENT_INT_H
#define DIB_SVC_ASSESSMENT_INT_H

#include "util/dib.h"
#include "store/store_household.h"
#include "svc/assessment.h"

#define ASSESSMENT__S1 "《最低生活保障审核确认办法》"
#define ASSESSMENT__S7 "《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》"

/* The register household as the core rules take it. Arrays in the arena
 * of the run, one entry per active member (register order) or per item
 * that entered the assessment. */
struct assessment_input {
	size_t n;                          /* active members */
	const char **names;                /* for the sheet */
	amount_member *members;            /* cover set from the options */
	struct assessment_person *persons;
	bool *grade3_mental;               /* a grade 3 intellectual or mental disability */
	int single;                        /* index of the 单人保 person; -1 none */
	dib_date period_from, period_to;   /* the accounting period */
	int months;
	assess_income_item *incomes;
	size_t nincomes;
	size_t left_out;                   /* income items left out */
	assess_asset_item *assets;
	int64_t *asset_ids;                /* the register id of each asset */
	size_t nassets;
};

/* Fills *in from the household d for the date on under rules and opts
 * (may be NULL), writing the period line and a line for each item left out
 * to sheet. DIB_EINVAL for an id in opts that is not the household's;
 * DIB_EDB for an unreadable date in a row; DIB_ENOMEM. */
dib_code assessment__input(const store_household_detail *d, const struct case_rules *rules,
			   dib_date on, const struct assessment_opts *opts, amount_sheet *sheet,
			   struct assessment_input *in, dib_err *err);

#endif
