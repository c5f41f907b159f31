/*
 * store_audit.h — the audit log: one row per write, who, when, what,
 * before and after, and why (design.md: "every write … writes one audit
 * record"), hash-chained so that alteration, removal or insertion of a
 * record shows.
 *
 * Rows are only ever appended, in the same transaction as the write they
 * describe, so a rolled-back write leaves no audit row and a committed one
 * always has its row.
 *
 * The chain: each row's prev_hash is the hash of the row before it (the one
 * with the next lower id; 64 zeros for the first row) and its hash is
 * BLAKE2b-256, in lower-case hex, over a canonical encoding of prev_hash and
 * every field — id, county, at, actor, action, entity, entity_id,
 * before_json, after_json, reason — each length-prefixed, NULL marked apart
 * from "" (the encoding is documented in store_audit.c). Appends are
 * serialised so the chain never forks: PostgreSQL takes a transaction-level
 * advisory lock before reading the last row; on SQLite the write
 * transaction (BEGIN IMMEDIATE) already excludes other writers.
 *
 * What the chain proves: that the rows form one unbroken sequence as
 * written. Someone who can write to the database and knows this algorithm
 * can rewrite the tail and every hash after it, and removing the last rows
 * leaves a shorter valid chain: compare the last hash with one recorded
 * elsewhere (store_audit_check.last_hash) to catch that.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_AUDIT_H
#define DIB_STORE_AUDIT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "util/digest.h"
#include "store/store.h"

typedef struct store_audit_entry {
	const char *county;      /* 6-digit county code; "" above county level */
	const char *actor;       /* username, or "system" for batch jobs */
	const char *action;      /* "household.create", "case.approve", … */
	const char *entity;      /* "household", "case", … */
	const char *entity_id;   /* may be NULL */
	const char *before_json; /* the entity before the write; NULL for create */
	const char *after_json;  /* after; NULL for delete */
	const char *reason;      /* the clerk's stated reason; may be NULL */
} store_audit_entry;

/* Appends one audit row inside the caller's transaction (DIB_EINTERNAL
 * without one): its id comes from id_blocks ('audit'), `at` is now in UTC
 * ("2026-11-26T08:00:00Z"), prev_hash and hash chain it to the row with the
 * highest id. *id (may be NULL) receives the row's id. DIB_EINTERNAL when
 * county, actor, action or entity is NULL. On PostgreSQL the advisory lock
 * is held until the transaction ends, so keep write transactions short. */
dib_code store_audit_append(struct store *s, const store_audit_entry *e,
			    int64_t *id, dib_err *err);

/* What is wrong with the first broken row. */
enum store_audit_fault {
	STORE_AUDIT_INTACT = 0, /* nothing: the whole chain holds */
	STORE_AUDIT_ALTERED,    /* hash does not match the row's content
				   (a field changed, or the row was forged) */
	STORE_AUDIT_UNLINKED,   /* prev_hash is not the hash of the row before
				   it: a row before it was removed or inserted */
	STORE_AUDIT_UNHASHED,   /* hash or prev_hash is missing */
};

typedef struct store_audit_check {
	int64_t verified;             /* rows found intact, in id order */
	enum store_audit_fault fault; /* STORE_AUDIT_INTACT when all hold */
	/* The first broken row (when fault is not INTACT): */
	int64_t seq;                  /* its position in id order, from 1 */
	int64_t id;
	const char *at;               /* allocated in a; NULL if the column is */
	const char *action;           /* allocated in a; NULL if the column is */
	/* The hash of the last intact row ("" when there is none): written
	 * down elsewhere, it lets a later check see removed tail rows. */
	char last_hash[DIB_BLAKE2B_HEX_SIZE];
} store_audit_check;

/* Walks audit_log in id order, a page at a time (memory does not grow with
 * the log), recomputing each row's hash and checking its link to the row
 * before, and stops at the first broken row. Reads outside any transaction
 * are fine: rows are only appended at the end. *out is filled on success
 * (a broken chain is a result, not an error); DIB_EDB on database errors. */
dib_code store_audit_verify(struct store *s, dib_arena *a,
			    store_audit_check *out, dib_err *err);

/* Which rows store_audit_query returns; every field narrows the answer.
 * Strings are borrowed; NULL or "" means "any". */
typedef struct store_audit_filter {
	/* County scope: rows whose county starts with these digits (a county
	 * code, or a shorter city/province prefix; "" every county)… */
	const char *county_prefix;
	bool countyless;    /* …plus the rows with county "" (system-wide) */
	const char *actor;  /* exact username */
	const char *entity; /* exact entity, "household" … */
	const char *action; /* exact action, "import" … */
	const char *from;   /* "YYYY-MM-DD": at on or after that UTC day */
	const char *to;     /* "YYYY-MM-DD": at on or before that UTC day */
	int64_t before_id;  /* keyset cursor: only ids below it; 0 none */
	int limit;          /* 1–1000 rows at most */
} store_audit_filter;

/* One row as the query returns it (no hashes); strings allocated in the
 * caller's arena, NULL where the column is. */
typedef struct store_audit_row {
	int64_t id;
	const char *at, *actor, *action, *entity, *entity_id, *reason;
	const char *before_json, *after_json;
} store_audit_row;

/* The rows matching f, newest (highest id) first, at most f->limit, into
 * *rows (an array of *n allocated in a; NULL when none). *more (may be
 * NULL) tells whether further rows match below the last one returned, so
 * a caller can page with before_id = the last id. Filters are bound
 * parameters; the SQL text is composed only from fixed fragments.
 * DIB_EINTERNAL for a limit out of range; DIB_EDB on database errors;
 * outputs untouched on error. */
dib_code store_audit_query(struct store *s, const store_audit_filter *f,
			   dib_arena *a, store_audit_row **rows, size_t *n,
			   bool *more, dib_err *err);

#endif
