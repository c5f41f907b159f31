// payroll_bank.js — the 资金发放 steps after approval (issue 5, docs/api.md
// "Payroll (资金发放)"): the bank templates, the export of the bank file and
// its download checked against the recorded SHA-256, the xlsx roster
// (补贴清册) and finance ledger (计财台账), the bank's return file, the
// reconciliation (declared = paid + failed + reissued), the reissue queue
// with the account corrected on the household, the arrears run (补发) and a
// household's account month by month. Which of these a page offers a user
// is decided here (bankActions); the server decides every right and rule
// again, and its refusals — separation of duties included — are shown in
// its own words. Money is integer fen, shown in 元 (format.js yuan).
import { api, fetchFile, saveBlob, upload } from './api.js'
import { yuan, count } from './format.js'

// ---- who may do what on a run -------------------------------------------------

const SENT = ['exported', 'returned', 'reconciled']

// What the bank part of a run's page offers: who = {perms, township}
// (township '' for a county user). The bank file, the ledger and the
// reconciliation are the county's (they hold every township's accounts);
// a township's user downloads its own part of the roster only.
export function bankActions(run, who) {
  const perms = who?.perms || []
  const county = !who?.township
  const st = run?.state || ''
  const pay = perms.includes('payroll_pay')
  return {
    export: pay && st === 'approved',
    bankFile: county && SENT.includes(st) && !!run?.file_sha256,
    upload: pay && st === 'exported',
    reconcile: pay && st === 'returned',
    recon: county && SENT.includes(st),
    ledger: county && st !== '' && st !== 'cancelled',
    roster: st !== '' && st !== 'cancelled',
  }
}

// Whether a run has gone to the bank (its lines may be paid or failed).
export function sentToBank(run) {
  return SENT.includes(run?.state || '')
}

// ---- the reconciliation ---------------------------------------------------------

// The parts of declared = paid + failed + reissued, and what is still at
// the bank, with their Chinese names as the ledger has them.
export const reconParts = [
  { key: 'paid', name: '实发', type: 'success' },
  { key: 'failed', name: '失败待重发', type: 'danger' },
  { key: 'reissued', name: '已转重发', type: 'warning' },
  { key: 'pending', name: '尚未回盘', type: 'info' },
]

function fenOf(p) {
  return BigInt(p?.total_fen ?? 0)
}

// {lines, total_fen} → "20 笔 18,997.76 元".
export function partText(p) {
  if (!p) return '—'
  return `${count(p.lines ?? 0)} 笔 ${yuan(p.total_fen ?? 0)} 元`
}

// The reconciliation as one line of arithmetic in 元:
// "19,387.46 = 18,997.76 + 389.70 + 0.00", and what the right side misses
// (declared − paid − failed − reissued, in fen; pending counts as missing).
export function reconEquation(r) {
  if (!r || !r.declared) return { text: '—', gap: 0n }
  const right = fenOf(r.paid) + fenOf(r.failed) + fenOf(r.reissued)
  const text = `${yuan(r.declared.total_fen)} = ${yuan(fenOf(r.paid))} + ${yuan(fenOf(r.failed))} + ${yuan(fenOf(r.reissued))}`
  return { text, gap: BigInt(r.declared.total_fen ?? 0) - right }
}

// 平衡 / 未平 as the API decides it (balanced), with why when not.
export function reconVerdict(r) {
  if (!r) return { name: '', type: 'info', why: '' }
  if (r.balanced) return { name: '平衡', type: 'success', why: '' }
  const pend = Number(r.pending?.lines ?? 0)
  const { gap } = reconEquation(r)
  // money still at the bank is not yet a discrepancy: orange, not red
  if (pend) return { name: '未平', type: 'warning', why: `尚有 ${count(pend)} 笔未回盘（${yuan(r.pending.total_fen)} 元）` }
  const why = gap !== 0n ? `批次合计与实发、失败、重发合计相差 ${yuan(gap)} 元` : '笔数不符'
  return { name: '未平', type: 'danger', why }
}

// A return file's outcome (the answer's last_return or a returns row):
// "成功 20 笔 18,997.76 元，失败 1 笔 389.70 元".
export function returnText(x) {
  if (!x) return ''
  let s = `成功 ${count(x.paid ?? 0)} 笔 ${yuan(x.paid_fen ?? 0)} 元，失败 ${count(x.failed ?? 0)} 笔 ${yuan(x.failed_fen ?? 0)} 元`
  if (x.pending !== undefined) s += `，尚未回盘 ${count(x.pending)} 笔`
  // deductions the bank has now paid may close overpayments
  if (Number(x.overpayments_closed)) s += `；${count(x.overpayments_closed)} 笔应追缴已全部追回`
  return s
}

// ---- checksums ----------------------------------------------------------------------

// The SHA-256 of a blob as 64 hex digits; '' where the browser offers no
// digest (crypto.subtle exists only on https and localhost pages).
export async function sha256Hex(blob) {
  const subtle = globalThis.crypto?.subtle
  if (!subtle || !blob) return ''
  const buf = await subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

// ---- bank accounts ---------------------------------------------------------------------

// The form's own check of a bank card number before it is sent (the
// server checks again, core/bankcard.c): 16–19 digits and the Luhn check
// digit. '' when it passes.
export function accountProblem(s) {
  const t = String(s ?? '').replace(/\s/g, '')
  if (!t) return '请填写银行卡号'
  if (!/^\d{16,19}$/.test(t)) return `银行卡号 "${t}" 应为 16 至 19 位数字`
  let sum = 0
  for (let i = 0; i < t.length; i++) {
    let d = Number(t[t.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0 ? '' : `银行卡号 "${t}" 校验位不正确`
}

// ---- a household's account ------------------------------------------------------------

// The columns of a household's month-by-month account: the five the API
// has always given, then the recovery of overpayments — 多发, 已追回,
// 追缴中 (deducted on lines still at the bank), 待追回 — when the answer
// carries them and any is not zero (a household never overpaid keeps the
// plain five).
const accountCols = [
  { key: 'due_fen', name: '应发' },
  { key: 'paid_fen', name: '已发' },
  { key: 'pending_fen', name: '银行处理中' },
  { key: 'failed_fen', name: '发放失败' },
  { key: 'owed_fen', name: '欠发' },
  { key: 'overpaid_fen', name: '多发', optional: true },
  { key: 'recovered_fen', name: '已追回', optional: true },
  { key: 'recovering_fen', name: '追缴中', optional: true },
  { key: 'outstanding_fen', name: '待追回', optional: true },
]

export function accountColumns(account) {
  const rows = [...(account?.months || []), account?.totals || {}]
  const shown = (m, k) => m && m[k] !== undefined && m[k] !== null && String(m[k]) !== '0'
  return accountCols.filter((c) => !c.optional || rows.some((m) => shown(m, c.key)))
}

// owed < 0 is money paid over what was due (多发).
export function owedText(fen) {
  if (fen === null || fen === undefined) return '—'
  const n = BigInt(fen)
  return n < 0n ? `多发 ${yuan(-n)}` : yuan(n)
}

// ---- bank templates ------------------------------------------------------------------

// The fields of a template's items (docs/internals/bankfile.md) with their
// Chinese names and, for a fixed-width layout, a default width in bytes.
export const templateFields = [
  { code: 'seq', name: '序号', width: 6 },
  { code: 'reference', name: '业务编号', width: 16 },
  { code: 'account', name: '账号', width: 19 },
  { code: 'account_name', name: '户名', width: 40 },
  { code: 'amount', name: '金额', width: 12 },
  { code: 'name', name: '姓名', width: 20 },
  { code: 'id_number', name: '身份证号', width: 18 },
  { code: 'village_code', name: '区划代码', width: 12 },
  { code: 'village_name', name: '村（社区）', width: 30 },
  { code: 'program', name: '项目', width: 20 },
  { code: 'period', name: '发放年月', width: 6 },
  { code: 'memo', name: '备注', width: 30 },
]

export const summaryFields = [
  { code: 'batch_no', name: '批次号', width: 20 },
  { code: 'payer_account', name: '付款账号', width: 19 },
  { code: 'file_date', name: '文件日期', width: 8 },
  { code: 'count', name: '总笔数', width: 8 },
  { code: 'total', name: '总金额', width: 15 },
]

const widthOf = (code) => [...templateFields, ...summaryFields].find((f) => f.code === code)?.width || 10
const numeric = new Set(['seq', 'reference', 'amount', 'count', 'total', 'paid_count', 'paid_total', 'failed_count', 'failed_total'])

export const separators = [
  { code: ',', name: '逗号 ,' },
  { code: '|', name: '竖线 |' },
  { code: 'tab', name: '制表符' },
  { code: ';', name: '分号 ;' },
]

// A new template as the form describes it:
//   {name, bank, note, format: 'delimited'|'fixed', encoding: 'gbk'|'utf8',
//    separator, amount: 'yuan'|'fen', header: 'none'|'titles'|'summary',
//    trailer: 'none'|'summary', columns: [codes], paid: '成功 0000'}
// → the template text of core/bankfile.h (one `key = value` a line). The
// return file has the pay file's layout with 处理状态 and 失败原因: 序号,
// 业务编号, 账号, 金额, 处理状态, 失败原因 (a fixed layout with widths).
export function templateText(f) {
  const fixed = f.format === 'fixed'
  const item = (code, w) => (fixed ? `${code} ${w ?? widthOf(code)} ${numeric.has(code) ? 'zero' : 'left'}` : code)
  const lit = (s, w) => (fixed ? `"${s}" ${w}` : `"${s}"`)
  const out = []
  const put = (k, v) => out.push(`${k} = ${v}`)
  put('name', String(f.name || '').trim())
  if (String(f.bank || '').trim()) put('bank', String(f.bank).trim())
  if (String(f.note || '').trim()) put('note', String(f.note).trim())
  put('format', fixed ? 'fixed' : 'delimited')
  put('encoding', f.encoding === 'gbk' ? 'gbk' : 'utf8')
  if (!fixed) put('separator', f.separator || ',')
  put('line_end', 'crlf')
  put('amount', f.amount === 'fen' ? 'fen' : 'yuan')
  const header = fixed && f.header === 'titles' ? 'none' : f.header
  if (header === 'titles') put('header', 'titles')
  if (header === 'summary') {
    if (fixed) put('header', lit('H', 1))
    for (const c of ['batch_no', 'payer_account', 'file_date', 'count', 'total']) put('header', item(c))
  }
  const cols = (f.columns || []).length ? f.columns : ['seq', 'reference', 'account', 'account_name', 'amount']
  if (fixed && (header === 'summary' || f.trailer === 'summary')) put('column', lit('D', 1))
  for (const c of cols) put('column', item(c))
  if (f.trailer === 'summary') {
    if (fixed) put('trailer', lit('T', 1))
    for (const c of ['count', 'total']) put('trailer', item(c))
  }
  // the bank's return file: the same summary rows (count and total checked)
  if (header === 'titles') put('return.header', 'titles')
  if (header === 'summary') {
    if (fixed) put('return.header', lit('H', 1))
    for (const c of ['batch_no', 'count', 'total']) put('return.header', item(c))
  }
  if (fixed && (header === 'summary' || f.trailer === 'summary')) put('return.column', lit('D', 1))
  for (const c of ['seq', 'reference', 'account', 'amount']) put('return.column', item(c))
  put('return.column', fixed ? 'status 4 left' : 'status')
  put('return.column', fixed ? 'reason 40 left' : 'reason')
  if (f.trailer === 'summary') {
    if (fixed) put('return.trailer', lit('T', 1))
    for (const c of ['count', 'total']) put('return.trailer', item(c))
  }
  put('return.paid', String(f.paid || '').trim() || '0000')
  return `${out.join('\n')}\n`
}

// The format of a template as the list shows it.
export function templateKind(t) {
  return `${t.fixed ? '定长' : '分隔符'} · ${t.encoding || ''}`
}

// ---- the API -----------------------------------------------------------------------

export async function listTemplates() {
  return (await api.get('/payroll/templates')).items || []
}

export function addTemplate(text) {
  return api.post('/payroll/templates', { text })
}

// The run after its export (with file_name, file_sha256, file_bytes).
export function exportRun(id, template, payerAccount) {
  const body = { template }
  if (String(payerAccount || '').trim()) body.payer_account = String(payerAccount).trim()
  return api.post(`/payroll/runs/${id}/export`, body)
}

// Downloads the bank file and checks it: the server's checksum header and
// the bytes' own SHA-256 (where the browser can compute it) against the
// one recorded at export. {name, bytes, recorded, header, computed, ok}.
export async function downloadBankFile(run) {
  const { blob, name, headers } = await fetchFile(`/payroll/runs/${run.id}/bank-file`, undefined, run.file_name || `${run.run_no}.txt`)
  const header = (headers.get('x-checksum-sha256') || '').toLowerCase()
  const computed = await sha256Hex(blob).catch(() => '')
  const recorded = String(run.file_sha256 || '').toLowerCase()
  const ok = (!header || header === recorded) && (!computed || computed === recorded)
  if (ok) saveBlob(blob, name)
  return { name, bytes: blob.size, recorded, header, computed, ok }
}

export function uploadReturn(id, file) {
  return upload(`/payroll/runs/${id}/return`, { file_name: file.name }, file)
}

export function getRecon(id) {
  return api.get(`/payroll/runs/${id}/reconciliation`)
}

export function reconcileRun(id) {
  return api.post(`/payroll/runs/${id}/reconcile`, {})
}

// The reissue queue (a township: its own lines).
export async function listFailed(program) {
  return (await api.get('/payroll/failed', { program })).items || []
}

export function makeReissue(program) {
  return api.post('/payroll/reissue', { program })
}

export function buildArrears(program, from, to) {
  return api.post('/payroll/arrears', { program, from, to })
}

// The roster's file name: the batch number in it, as clerks keep them.
export function rosterName(run, masked) {
  return `补贴清册_${run.run_no}${masked ? '_脱敏' : ''}.xlsx`
}

// Downloads a file answer and saves it under name (the server's own name
// is generic: 补贴清册.xlsx). Returns the name.
export async function saveFile(path, params, name) {
  const { blob } = await fetchFile(path, params, name)
  saveBlob(blob, name)
  return name
}
