// cases.js — what the 低保 case pages share: the workflow's state names
// and tag colours (a copy of core/workflow.h for the filter's choices; the
// API's own state_name is shown wherever an answer carries one), the
// urgency tags, the document kinds by code, what each action's dialog
// asks for, the application checklist (GET /case-checklist, once), the
// server's business date (DIB_TODAY in tests), and the counts of the
// inboxes the menu shows as badges. The server decides every rule again.
import { reactive } from 'vue'
import { api } from './api.js'
import { todayStr, yuan } from './format.js'
import { session } from './session.js'

// The states of core/workflow.h in workflow order, with the colour of
// their tag: blue while the township works, orange while someone must
// act on the applicant's side or a notice runs, green confirmed, red
// refused, grey closed otherwise.
export const states = [
  { code: 'draft', name: '草稿', type: 'info' },
  { code: 'applied', name: '已申请待受理', type: 'warning' },
  { code: 'docs_pending', name: '待补正材料', type: 'warning' },
  { code: 'accepted', name: '已受理待调查', type: 'primary' },
  { code: 'investigating', name: '调查中', type: 'primary' },
  { code: 'checking', name: '信息核对中', type: 'primary' },
  { code: 'check_failed', name: '核对不符合（已告知）', type: 'danger' },
  { code: 'reviewed', name: '初审完成待公示', type: 'primary' },
  { code: 'notice', name: '公示中', type: 'warning' },
  { code: 'objected', name: '公示有异议', type: 'danger' },
  { code: 'ready', name: '待报送审核确认', type: 'primary' },
  { code: 'submitted', name: '审核确认中', type: 'primary' },
  { code: 'confirmed', name: '已确认', type: 'success' },
  { code: 'refused', name: '不予确认待告知', type: 'danger' },
  { code: 'refusal_notified', name: '不予确认已告知', type: 'info' },
  { code: 'terminated', name: '已终止审核确认', type: 'info' },
  { code: 'withdrawn', name: '已撤回', type: 'info' },
]

export function stateName(code, given) {
  return given || states.find((s) => s.code === code)?.name || code || ''
}

export function stateType(code) {
  return states.find((s) => s.code === code)?.type || 'info'
}

export const programs = [
  { code: 'dibao_urban', name: '城市低保' },
  { code: 'dibao_rural', name: '农村低保' },
]

export function programName(code, given) {
  return given || programs.find((p) => p.code === code)?.name || code || ''
}

// The program a household applies for by its 户籍性质 (1 城镇, 2 农村).
export function programOf(registration) {
  return Number(registration) === 1 ? 'dibao_urban' : 'dibao_rural'
}

// Whether roles include one that may lodge an application (the "apply"
// row of core/workflow.h: village agents and township caseworkers).
export function canApplyRole(roles) {
  return (roles || []).some((r) => r === 'village_agent' || r === 'township_caseworker')
}

// Urgency (the API's codes) as a tag.
const urgencies = {
  on_time: { name: '正常', type: 'success' },
  due_soon: { name: '即将到期', type: 'warning' },
  overdue: { name: '已逾期', type: 'danger' },
}

export function urgencyTag(code, given) {
  const u = urgencies[code]
  return u ? { name: given || u.name, type: u.type } : null
}

// "剩余 3 个工作日", "今日到期", "逾期 2 个工作日".
export function daysText(row) {
  if (row && row.due_unknown) return '待定'
  if (!row || row.days_left === null || row.days_left === undefined || row.urgency === 'none') return '—'
  const n = Number(row.days_left)
  if (row.urgency === 'overdue') return n < 0 ? `逾期 ${-n} 个工作日` : '已逾期'
  if (n === 0) return '今日到期'
  return `剩余 ${n} 个工作日`
}

// The documents a case issues (svc/case_doc.c kinds), by code.
export const docKinds = {
  missing_list: '一次性告知书',
  survey: '入户调查表',
  check_result: '核对结果告知书',
  evaluation: '民主评议记录',
  notice_list: '公示名单',
  confirmation: '确认通知书（低保证）',
  refusal: '不予确认通知书',
  termination: '终止审核确认告知书',
}

export function docKindName(kind, given) {
  return given || docKinds[kind] || kind || ''
}

// The special circumstances that allow the 45-working-day limit (S7 四(一)).
export const extensions = [
  { code: 'separated', name: '人户分离' },
  { code: 'nonlocal', name: '异地申办' },
  { code: 'hard_survey', name: '家庭经济状况调查难度较大' },
  { code: 'objection', name: '公示有异议' },
  { code: 'other', name: '其他特殊情况' },
]

// What the dialog of each action asks for beyond the reason:
// missing — the checklist of what is still missing; visit — a home visit;
// eval — a democratic evaluation; check — the data check's result;
// objector — who objects or complains; evidence — the evidence of an
// objection to a failed check (S1 art. 18(2)).
export function formOf(action, state) {
  switch (action) {
    case 'request_documents':
    case 'resubmit':
    case 'accept':
      return { missing: true }
    case 'record_visit':
    case 'county_visit':
      return { visit: true }
    case 'record_evaluation':
      return { eval: true }
    case 'record_check':
      return { check: true }
    case 'object':
      return { objector: true, evidence: state === 'check_failed' }
    case 'complain':
      return { objector: true }
    default:
      return {}
  }
}

// The label of the reason field for an action: what the text is; a
// required one is a 理由, an optional one a 说明.
export function reasonLabel(action, required = false) {
  return {
    object: '异议内容',
    complain: '投诉举报内容',
    refuse: '不予确认理由',
    terminate: '终止理由',
    withdraw: '撤回理由',
    send_back: '退回理由',
  }[action] || (required ? '理由' : '说明')
}

// Actions that decide against the applicant or end the case: their button
// is red.
export const dangerActions = new Set(['refuse', 'terminate', 'withdraw', 'send_back'])

// The lines of the calculation sheet that state a fact without money (the
// sheet gives them fen 0; core/amount.h has no flag for it).
const factLines = new Set(['核算期', '财产核查'])

// The amount of a calculation-sheet line ({label, formula, basis, fen}) in
// yuan; "—" for a fact line.
export function sheetAmount(line) {
  if (!line || line.fen === null || line.fen === undefined) return '—'
  if (!Number(line.fen) && factLines.has(line.label)) return '—'
  return yuan(line.fen)
}

// The record entered with an event (its "data": a visit, an evaluation,
// a check result, the missing documents, an objection, an extension) as
// lines of [label, text] for the timeline. names: checklist code → name.
export function eventLines(ev, names = {}) {
  const d = ev && ev.data
  const out = []
  if (!d || typeof d !== 'object') return out
  const yes = (b) => (b ? '已签字' : '未签字')
  if (d.visit) {
    const v = d.visit
    out.push(['入户调查', `${v.date || ''}，调查人员 ${(v.investigators || []).join('、')}`])
    if (v.findings) out.push(['调查情况', v.findings])
    out.push(['调查表', `${v.form ? '已填写' : '未填写'}；调查人员${yes(v.staff_signed)}；家庭成员${yes(v.family_signed)}`])
  }
  if (d.evaluation) {
    const e = d.evaluation
    out.push(['民主评议', `${e.date || ''}，参会 ${e.attendees} 人（村(居)民代表 ${e.representatives} 人），赞成 ${e.votes_for} 票、反对 ${e.votes_against} 票；${e.signed_all ? '参会人员均已签字' : '签字不全'}`])
    if (e.minutes) out.push(['会议记录', e.minutes])
  }
  if (d.check_result) out.push(['核对结果', d.check_result === 'passed' ? '符合' : d.check_result === 'failed' ? '不符合' : d.check_result])
  if (Array.isArray(d.missing)) {
    out.push(['缺少材料', d.missing.length ? d.missing.map((c) => names[c] || c).join('；') : '材料齐全'])
  }
  if (d.relatives_declared) out.push(['近亲属', '申请人声明有近亲属为民政工作人员或村(居)委会成员'])
  if (Array.isArray(d.relatives_found) && d.relatives_found.length) out.push(['近亲属比对', d.relatives_found.join('；')])
  if (d.objector) out.push([ev.action === 'complain' ? '投诉举报人' : '异议人', d.objector])
  if (d.objection_evidence) out.push(['佐证材料', '已提供'])
  if (d.extension) out.push(['延长时限', extensions.find((x) => x.code === d.extension)?.name || d.extension])
  return out
}

// ---- the checklist -----------------------------------------------------------

let checklistP = null

// [{code, name, conditional}] of GET /case-checklist, read once.
export function loadChecklist() {
  if (!checklistP) {
    checklistP = api.get('/case-checklist').then((r) => r.items || []).catch((e) => {
      checklistP = null
      throw e
    })
  }
  return checklistP
}

// ---- the business date -------------------------------------------------------

// The server's business date (GET /healthz: China Standard Time, or the
// day DIB_TODAY fixes), else the browser's own day. Forms offer it and
// refuse later days, as the server does.
export async function serverToday() {
  try {
    const r = await fetch('/healthz', { cache: 'no-store' })
    const b = await r.json()
    if (b && /^\d{4}-\d{2}-\d{2}$/.test(b.business_date || '')) return b.business_date
  } catch {
    /* the browser's day */
  }
  return todayStr()
}

// "2026-06-09" → "2026年6月9日"; "2026-07" → "2026年7月".
export function cnDate(s) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(String(s || ''))
  if (!m) return s || ''
  return m[3] ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}年${Number(m[2])}月`
}

// ---- the inbox counts (menu badges) -------------------------------------------

export const inbox = reactive({ mine: null, overdue: null, loadedAt: 0, user: '' })

let counting = null

// Reads the totals of 我的待办 and 已逾期 (limit 1: only the totals are
// wanted). Called by the layout on navigation and after every action;
// calls within 2 s share one reading unless forced or another user logged in.
export function refreshInbox(force = false) {
  const user = session.user?.username || ''
  if (inbox.user !== user) {
    Object.assign(inbox, { mine: null, overdue: null, loadedAt: 0, user })
    force = true
  }
  if (counting && !force) return counting
  if (!force && Date.now() - inbox.loadedAt < 2000) return Promise.resolve()
  const mine = counting = Promise.all([
    api.get('/cases', { inbox: 'mine', limit: 1 }, { noRedirect: true }),
    api.get('/cases', { inbox: 'overdue', limit: 1 }, { noRedirect: true }),
  ]).then(([m, o]) => {
    if (inbox.user !== user) return // another user meanwhile
    inbox.mine = m.total ?? null
    inbox.overdue = o.total ?? null
    inbox.loadedAt = Date.now()
  }).catch(() => {
    /* the badges stay as they were */
  }).finally(() => {
    if (counting === mine) counting = null
  })
  return mine
}
