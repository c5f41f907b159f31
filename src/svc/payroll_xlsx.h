/*
 * payroll_xlsx.h — a payroll run as the spreadsheets the county hands on
 * (issue 5; regulations.md §9.2 系统产出物; seed 004): the roster (补贴清册)
 * the townships and the finance bureau check and file, and the finance
 * ledger (计财台账) the finance bureau posts from — "计财台账上的低保信息要
 * 从低保系统中导入，不能出现一个部门两套数据".
 *
 * Both are read from the frozen run (svc/payroll.h) and nothing else: the
 * ledger's per-township rows and total are the same control totals the
 * roster ends with, so the two files cannot disagree. Money is int64 fen
 * in dibao and becomes a number in 元 (2 decimals, format 0.00) only in the
 * cell; every sum is made in fen first.
 *
 * Files are written as <path>.tmp and renamed when complete (a failed
 * export never leaves a half file under the final name), then one audit
 * record (payroll.roster_export / payroll.ledger_export) says who took
 * which run's personal data; the file exists only once that record does.
 * Both print on A4 landscape, fitted to the page width, with the column
 * titles repeated on every page.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#ifndef DIB_SVC_PAYROLL_XLSX_H
#define DIB_SVC_PAYROLL_XLSX_H

#include "util/dib.h"
#include "util/err.h"
#include "svc/authz.h"

struct store;

/* Writes the roster of run run_id to path (xlsx, sheet 补贴清册): a title
 * (county + program + period + 补贴清册, and the run number and state),
 * then township by township, village by village, one row per line — 序号,
 * 区划代码 (the village's 12 digits), 村(社区), 户编号, 领取人, 身份证号,
 * 补贴项目, 保障人数, 保障金, 分类施保金, 扣减, 合计, 开户行, 账号, 发放年月,
 * 状态 — a 村小计 after each village and a 乡镇小计 after each township,
 * then 明细合计 (what the rows add up to), 合计 (the declared control
 * totals) and 控制数核对：相符/不符. Void lines (a cancelled run) are listed
 * but add up to nothing, as store_payroll_lines_sum counts them.
 *
 * who needs payroll_read (NULL: no check, for batch jobs); a township user
 * gets its own township only, its 合计 being its section's control totals.
 * masked (for lists handed to villages): ID numbers as 4101**********1234
 * and account numbers with only their last 4 digits.
 *
 * DIB_EINVAL without a path; DIB_ENOTFOUND, DIB_EPERM as payroll_get;
 * DIB_EIO naming the file when it cannot be written; DIB_EDB. */
dib_code payroll_xlsx_roster(struct store *s, const struct authz_subject *who, int64_t run_id,
			     bool masked, const char *path, dib_err *err);

/* Writes the finance ledger of run run_id to path (xlsx, sheet 计财台账):
 * 一、the townships' declared 户数, 人数, 笔数, 金额 with their state and a
 * check against their lines, and the total (the run's control totals);
 * 二、the bank's outcome: 银行实发, 已转重发, 失败待重发, 尚未回盘 (lines and
 * amounts) and 对账：平衡/未平 as payroll_reconciliation; 三、the return
 * files (name, SHA-256, paid and failed counts and amounts, when, who);
 * 四、the run: built, approved and exported by whom and when, the bank
 * file's name, template and SHA-256. For the county (the rights of
 * payroll_reconciliation: a township user is refused). Errors as
 * payroll_xlsx_roster. */
dib_code payroll_xlsx_ledger(struct store *s, const struct authz_subject *who, int64_t run_id,
			     const char *path, dib_err *err);

#endif
