/*
 * store_payroll_int.h — what the store's payroll files share and no caller
 * sees: how a slim line's detail is read back (schema v14).
 *
 * A line whose detail would say exactly one month — its own period, its
 * base + add-on, one entitlement — comes from its writer (the regular
 * roster, svc/payroll_build.c) with detail NULL and the entitlement in
 * store_payroll_line.entitlement_id, and is stored so. Every SELECT
 * of payroll_lines.detail reads STORE_LINE_DETAIL(alias) instead, which
 * gives the same text back, byte for byte, on both engines; a line with a
 * detail of its own gets it unchanged.
 */
#ifndef DIB_STORE_PAYROLL_INT_H
#define DIB_STORE_PAYROLL_INT_H

/* The detail of a line of table alias a ("l." or ""), as SQL. */
#define STORE_LINE_DETAIL(a)                                                          \
	"coalesce(" a "detail, '[{\"month\":\"' || " a "period || '\",\"fen\":' || (" a \
	"base_fen + " a "addon_fen) || ',\"entitlement\":' || " a "entitlement_id || '}]')"

#endif
