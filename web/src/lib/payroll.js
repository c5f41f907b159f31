// payroll.js — what the 资金发放 pages share (issue 5): the calls of the
// payroll API (docs/api.md "Payroll (资金发放)"), the states of a run, of a
// township's section and of a line with the colours of their tags, the
// names of the pay periods and rhythms (core/payperiod.h), totals in 元
// from fen, the masked ID and account numbers of the roster, and which
// steps the page offers a user on a run or a section. The server decides
// every right and rule again; the answers' own *_name fields are shown
// wherever they are given, the tables here only fill in when they are not.
import { api } from './api.js'
import { yuan, count, maskCard } from './format.js'

// ---- states -------------------------------------------------------------------

// A run (svc/payroll.h): orange while the townships work on it, blue while
// the county and the bank have it, green when reconciled, grey cancelled.
export const runStates = [
  { code: 'prepared', name: '待乡镇报送', type: 'warning' },
  { code: 'approved', name: '已审批', type: 'primary' },
  { code: 'exported', name: '已导出代发文件', type: 'primary' },
  { code: 'returned', name: '已回盘', type: 'primary' },
  { code: 'reconciled', name: '已对账', type: 'success' },
  { code: 'cancelled', name: '已作废', type: 'info' },
]

// A township's section: orange until submitted, green submitted, red sent back.
export const sectionStates = [
  { code: 'built', name: '未报送', type: 'warning' },
  { code: 'submitted', name: '已报送', type: 'success' },
  { code: 'sent_back', name: '已退回', type: 'danger' },
]

// A line of the roster (the API gives no name for these).
export const lineStatuses = [
  { code: 'pending', name: '待发放', type: 'info' },
  { code: 'paid', name: '已发放', type: 'success' },
  { code: 'failed', name: '发放失败', type: 'danger' },
  { code: 'void', name: '已作废', type: 'info' },
]

function tagOf(table, code, given) {
  const s = table.find((x) => x.code === code)
  return { name: given || s?.name || code || '', type: s?.type || 'info' }
}

export function runTag(code, given) {
  return tagOf(runStates, code, given)
}

export function sectionTag(code, given) {
  return tagOf(sectionStates, code, given)
}

export function lineTag(code) {
  return tagOf(lineStatuses, code)
}

// ---- periods --------------------------------------------------------------------

export const rhythmNames = { monthly: '按月', quarterly: '按季', half_yearly: '按半年', yearly: '按年' }

export function rhythmName(code, given) {
  return given || rhythmNames[code] || code || ''
}

const quarters = ['一', '二', '三', '四']

// A period's code as core/payperiod.c names it: "2026-07" → 2026年7月,
// "2026Q3" → 2026年第三季度, "2026H2" → 2026年下半年, "2026" → 2026年度;
// anything else as it is.
export function periodName(code) {
  const s = String(code ?? '')
  let m = /^(\d{4})-(\d{2})$/.exec(s)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${Number(m[1])}年${Number(m[2])}月`
  m = /^(\d{4})Q([1-4])$/.exec(s)
  if (m) return `${Number(m[1])}年第${quarters[Number(m[2]) - 1]}季度`
  m = /^(\d{4})H([12])$/.exec(s)
  if (m) return `${Number(m[1])}年${m[2] === '1' ? '上' : '下'}半年`
  if (/^\d{4}$/.test(s)) return `${Number(s)}年度`
  return s
}

// "2026-11" → 2026年11月 (a month of a line's detail).
export function monthName(code) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(code ?? ''))
  return m ? `${Number(m[1])}年${Number(m[2])}月` : String(code ?? '')
}

// The periods a clerk may build for a program of GET /payroll/programs:
// its current and next period, with their names and due days.
export function buildChoices(program) {
  if (!program) return []
  const out = []
  for (const which of ['current', 'next']) {
    const p = program[which]
    if (p && p.period) out.push({ which, period: p.period, name: p.name || periodName(p.period), due_on: p.due_on || '' })
  }
  return out
}

// ---- totals, money and masks ------------------------------------------------------

// {households, persons, total_fen} → "12 户 30 人 12,345.00 元"; "—" without.
export function totalsText(t) {
  if (!t || typeof t !== 'object') return '—'
  return `${count(t.households ?? 0)} 户 ${count(t.persons ?? 0)} 人 ${yuan(t.total_fen ?? 0)} 元`
}

// Whether two totals agree on households, persons and money (and on lines
// when both count them: an event's totals may not).
export function sameTotals(a, b) {
  if (!a || !b) return false
  const num = (v) => Number(v ?? 0)
  if (num(a.households) !== num(b.households) || num(a.persons) !== num(b.persons)) return false
  if (String(a.total_fen ?? 0) !== String(b.total_fen ?? 0)) return false
  return !(a.lines && b.lines) || num(a.lines) === num(b.lines)
}

// An ID number as lists show it (docs/api.md): the first 4 and the last 4
// characters, the rest starred — "4107**********1234".
export function maskId(s) {
  const t = String(s ?? '').replace(/\s/g, '')
  if (t.length <= 8) return t
  return `${t.slice(0, 4)}${'*'.repeat(t.length - 8)}${t.slice(-4)}`
}

// An account number: only the last 4 digits (format.js maskCard).
export function maskAccount(s) {
  return maskCard(s)
}

// ---- who may do what ----------------------------------------------------------------

// The township (12 digits) a user's region is in, '' for a county or above:
// a township's user sees and prepares only its own section.
export function townshipOf(regionCode) {
  const c = String(regionCode || '')
  if (!/^\d{12}$/.test(c) || c.slice(6, 9) === '000') return ''
  return `${c.slice(0, 9)}000`
}

// The steps: their button, whether a reason is required and its label, and
// the last part of the API path.
export const steps = {
  submit: { name: '报送', path: 'submit', reason: false, type: 'primary' },
  rebuild: { name: '重新造册', path: 'rebuild', reason: false, type: 'primary', plain: true },
  send_back: { name: '退回', path: 'send-back', reason: true, label: '退回原因', type: 'danger' },
  approve: { name: '审批', path: 'approve', reason: false, type: 'success' },
  cancel: { name: '作废', path: 'cancel', reason: true, label: '作废原因', type: 'danger', plain: true },
}

// The steps offered on a section: 报送 and 重新造册 to its own township's
// preparers while it is not submitted (or was sent back), 退回 to the
// county's approvers once it is submitted — all only while the run waits
// for the townships. who: {perms: [..], township: '' | code}.
export function sectionActions(run, section, who) {
  if (!run || !section || run.state !== 'prepared') return []
  const perms = who?.perms || []
  const out = []
  const own = !who?.township || who.township === section.township
  if (perms.includes('payroll_prepare') && own && (section.state === 'built' || section.state === 'sent_back')) {
    out.push('submit', 'rebuild')
  }
  if (perms.includes('payroll_approve') && section.state === 'submitted') out.push('send_back')
  return out
}

// The run's own steps for the county's approvers: 审批 while it waits for
// the townships — with what stands in the way (a section not submitted, the
// approver having built or submitted it) as `blocked` — and 作废 before
// the bank file goes out. who: {perms, username}.
export function runActions(run, sections, who) {
  const perms = who?.perms || []
  if (!run || !perms.includes('payroll_approve')) return []
  const out = []
  if (run.state === 'prepared') {
    const open = (sections || []).filter((s) => s.state !== 'submitted')
    let blocked = ''
    if (!(sections || []).length) blocked = '没有乡镇清册'
    else if (open.length) blocked = `${open.map((s) => s.township_name || s.township).join('、')}的清册未报送，须各乡镇全部报送后才能审批`
    else if (who?.username && (run.built_by === who.username || sections.some((s) => s.submitted_by === who.username))) {
      blocked = '同一人员不能既造册报送又审批同一批次'
    }
    out.push({ action: 'approve', blocked })
  }
  if (run.state === 'prepared' || run.state === 'approved') out.push({ action: 'cancel', blocked: '' })
  return out
}

// ---- the API ---------------------------------------------------------------------

// [{program, program_name, rhythm, rhythm_name, current, next, buildable}]
export async function loadPrograms() {
  return (await api.get('/payroll/programs')).items || []
}

export async function listRuns(program) {
  return (await api.get('/payroll/runs', { program })).items || []
}

// Builds a period: the run (201 new, 200 the one the period already has).
export function buildRun(program, period) {
  return api.post('/payroll/runs', { program, period })
}

export function getRun(id) {
  return api.get(`/payroll/runs/${id}`)
}

// A page of lines: {items, total, limit, offset}.
export function getLines(id, filter, offset = 0, limit = 100) {
  return api.get(`/payroll/runs/${id}/lines`, { ...filter, offset, limit })
}

// Takes a step (steps[action]); body {township?, reason?}. The run after it.
export function takeStep(id, action, body) {
  return api.post(`/payroll/runs/${id}/${steps[action].path}`, body || {})
}
