/*
 * payroll_xlsx_int.h — what the roster (svc/payroll_xlsx.c) and the ledger
 * (svc/payroll_xlsx_ledger.c) share: their heading, the time as printed and
 * the audit record of an export.
 * Thread-safety: as struct store — one connection per thread.
 */
#ifndef DIB_SVC_PAYROLL_XLSX_INT_H
#define DIB_SVC_PAYROLL_XLSX_INT_H

#include "svc/payroll_int.h"
#include "svc/payroll_xlsx.h"
#include "svc/xlsx_book.h"

/* The title "延津县东屯镇农村低保2026年11月<what>（重发）" (place: a
 * township's name or "") and the line under it "批次号：…　状态：…　应发日期
 * ：…　制表时间：…<note>" (note may be NULL), allocated in a. */
dib_code payroll__xlsx_heading(struct store *s, const struct payroll_view *v, const char *place,
			       const char *what, const char *note, dib_arena *a,
			       const char **title, const char **info, dib_err *err);

/* A stored UTC time as Beijing time "2026-11-26 18:00:00" into out[cap]
 * (32 bytes suffice); NULL: now. Returns out. */
char *payroll__xlsx_time(const char *utc, char *out, size_t cap);

/* The audit record of an export of run in its own transaction: action
 * ("payroll.roster_export" …), after (consumed; NULL is DIB_ENOMEM, from
 * a failed json_pack) what was written; actor who's username or "system". */
dib_code payroll__xlsx_record(struct store *s, const struct authz_subject *who,
			      const store_payroll_run *run, const char *action, json_t *after,
			      dib_err *err);

#endif
