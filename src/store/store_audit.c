/*
 * store_audit.c — appending to audit_log (store_audit.h).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store_audit.h"
#include "store/store_int.h"

dib_code store_audit_append(struct store *s, const store_audit_entry *e,
			    int64_t *id, dib_err *err)
{
	if (!e->county || !e->actor || !e->action || !e->entity)
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 审计记录缺少必填项");
	int64_t new_id = 0;
	dib_code rc = store_ids_reserve(s, "audit", 1, &new_id, err);
	if (rc)
		return rc;
	char at[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(at, sizeof at);
	struct store_stmt *st = NULL;
	rc = store_prepare(s, "INSERT INTO audit_log (id, county, at, actor, "
			      "action, entity, entity_id, before_json, "
			      "after_json, reason) VALUES ($1, $2, $3, $4, $5, "
			      "$6, $7, $8, $9, $10)", &st, err);
	if (rc)
		return rc;
	const char *text[] = {
		e->county, at, e->actor, e->action, e->entity, e->entity_id,
		e->before_json, e->after_json, e->reason,
	};
	bool row;
	rc = store_bind_int64(st, 1, new_id, err);
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(text); i++)
		rc = store_bind_text(st, (int)i + 2, text[i], -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (!rc && id)
		*id = new_id;
	return rc;
}
