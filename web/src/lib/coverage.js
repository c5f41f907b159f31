// coverage.js — what the 在保 pages share (issue 4 item 6): the kinds of
// change and their tag colours, the outcomes of a job offer, the reasons'
// table (GET /coverage/reasons, read once) and which reasons a form offers
// for a kind, which fields a reason asks for, who may decide a change (a
// county approver; a township reviewer too where the county's parameter
// workflow.confirm_authority delegates confirmation to the township), the
// periods of the entitlements, and the counts of open and overdue reviews
// that the menu shows. The rules themselves are core/coverage.h's, decided
// again by the server; nothing here is a second copy of the reasons' table.
import { reactive } from 'vue'
import { api } from './api.js'
import { session } from './session.js'

// The kinds (the API's codes), with the names the API also answers and the
// colour of their tag.
export const kinds = [
  { code: 'increase', name: '增发', type: 'success' },
  { code: 'reduce', name: '减发', type: 'warning' },
  { code: 'stop', name: '停发', type: 'danger' },
  { code: 'phaseout', name: '渐退', type: 'primary' },
]

export function kindName(code, given) {
  return given || kinds.find((k) => k.code === code)?.name || code || ''
}

export function kindType(code) {
  return kinds.find((k) => k.code === code)?.type || 'info'
}

// The outcomes of a job offer (svc/coverage.h coverage_offer).
export const outcomes = [
  { code: 'accepted', name: '接受' },
  { code: 'refused', name: '无正当理由拒绝' },
  { code: 'refused_justified', name: '有正当理由拒绝' },
  { code: 'unsuitable', name: '不相适应' },
]

export function outcomeName(code, given) {
  return given || outcomes.find((o) => o.code === code)?.name || code || ''
}

// The document kinds a change issues, by code (the notice's own title is
// in its content).
export const noticeKinds = {
  change_increase: '增发最低生活保障金通知书',
  change_reduce: '减发最低生活保障金告知书',
  change_stop: '停发最低生活保障金告知书',
  change_phaseout: '最低生活保障渐退告知书',
}

// ---- the reasons --------------------------------------------------------------

let reasonsP = null

// {kinds, items} of GET /coverage/reasons, read once per page load.
export function loadReasons() {
  if (!reasonsP) {
    reasonsP = api.get('/coverage/reasons').then((r) => ({ kinds: r.kinds || [], items: r.items || [] })).catch((e) => {
      reasonsP = null
      throw e
    })
  }
  return reasonsP
}

// The reasons a clerk may choose for kind: those that allow it, without
// the ones dibao produces itself (the end of a phase-out).
export function reasonsFor(items, kind) {
  return (items || []).filter((r) => !r.automatic && (r.kinds || []).includes(kind))
}

// The sources the reasons' articles cite by code (shared/docs/regulations.md).
const sources = {
  S1: '《最低生活保障审核确认办法》',
  S2: '《最低生活保障审核审批办法（试行）》',
  S3: '《特困人员认定办法》',
  S5: '《社会救助暂行办法》',
  S7: '《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》',
}

// An article as the table gives it ("S1 第三十一条；S5 第十三条") with the
// sources named, for a clerk: "《最低生活保障审核确认办法》第三十一条；…".
export function articleText(a) {
  return String(a || '').replace(/\bS(\d+)\s*/g, (m, n) => sources[`S${n}`] || m)
}

// Which fields the change form shows for reason r and kind: the member
// (member reasons), the event date (required where the reason has one, and
// for every phase-out: the month income first exceeded the standard;
// offered where the event lets the change go back, as for fraud), the new
// amount (increase and reduce only: empty means reassessed), the months of
// a phase-out, and whether the decision number is required.
export function fieldsOf(r, kind) {
  const phaseout = kind === 'phaseout'
  const retro = !!r && (r.retro_kinds || []).includes(kind)
  const event = !!r && !!r.event_name && (r.needs_event || phaseout || retro)
  return {
    member: !!r && !!r.member,
    event,
    eventRequired: !!r && (r.needs_event || phaseout),
    eventMonth: phaseout, // a month is what counts: its first day is sent
    // the table's "收入首次超过标准的月份" is too long for a label
    eventName: phaseout ? '首次超标月份' : (r && r.event_name) || '事件日期',
    amount: kind === 'increase' || kind === 'reduce',
    months: phaseout,
    effective: !phaseout && !(r && r.follows_event),
    decisionNo: !!r && !!r.needs_decision_no,
    retro,
  }
}

// What the form says about the effective month left empty.
export function effectiveHint(r, kind, today) {
  const next = nextMonth(today)
  if (kind === 'phaseout') return '渐退期自首次超标月份起算（以本县参数为准），停发月份由渐退月数确定，提交后显示'
  if (r && r.follows_event) return `按${r.event_name || '事件日期'}所在月生效`
  let s = `不填则按规定自决定次月（${next || '下月'}）起生效`
  if (r && (r.retro_kinds || []).includes(kind)) {
    s += r.retro_from === 'month_after_event'
      ? `；可追溯至${r.event_name || '事件日期'}的次月`
      : `；可追溯至${r.event_name || '事件日期'}所在月`
  }
  return s
}

// "YYYY-MM" of the month after day ("YYYY-MM-DD"); '' for none.
export function nextMonth(day) {
  const m = /^(\d{4})-(\d{2})/.exec(String(day || ''))
  if (!m) return ''
  const y = Number(m[1])
  const mo = Number(m[2])
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
}

// "YYYY-MM" of the month before month ("YYYY-MM"); '' for none.
export function prevMonth(month) {
  const m = /^(\d{4})-(\d{2})/.exec(String(month || ''))
  if (!m) return ''
  const y = Number(m[1])
  const mo = Number(m[2])
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`
}

// ---- who may decide -----------------------------------------------------------

// Whether roles may decide a change: a county approver, or a township
// reviewer where confirmation is delegated (svc/coverage.c).
export function canDecideRole(roles, delegated = false) {
  return (roles || []).some((r) => r === 'county_approver' || (delegated && r === 'township_reviewer'))
}

let delegatedP = null
let delegatedUser = ''

// Whether the user's county delegates confirmation to the townships (the
// parameter workflow.confirm_authority = township, GET /params); false
// when it cannot be read — the server decides anyway.
export function loadDelegated() {
  const user = session.user?.username || ''
  if (!delegatedP || delegatedUser !== user) {
    delegatedUser = user
    delegatedP = api.get('/params', undefined, { noRedirect: true }).then((r) => {
      const p = (r.items || []).find((x) => x.key === 'workflow.confirm_authority')
      return !!p && p.value === 'township'
    }).catch(() => false)
  }
  return delegatedP
}

// ---- entitlements -------------------------------------------------------------

// "2026-07 至 2026-07", "2026-08 起".
export function periodText(e) {
  if (!e) return ''
  return e.to_month ? `${e.from_month} 至 ${e.to_month}` : `${e.from_month} 起`
}

// The entitlement in force for each program: the open rows ({program →
// row}); a household whose rows all ended has none.
export function openEntitlements(ents) {
  const out = {}
  for (const e of ents || []) if (!e.to_month && !out[e.program]) out[e.program] = e
  return out
}

// The phase-outs still running (a stop month, not yet stopped), by program.
export function runningPhaseouts(changes) {
  const out = {}
  for (const c of changes || []) {
    if (c.kind === 'phaseout' && c.stop_month && !c.stopped_by && !out[c.program]) out[c.program] = c
  }
  return out
}

// ---- the reviews (menu badge) -------------------------------------------------

export const reviewCount = reactive({ open: null, overdue: null, loadedAt: 0, user: '' })

let counting = null

// Reads how many reviews are open and overdue in the user's scope. Called
// by the layout on navigation and after a review is opened or closed;
// calls within 5 s share one reading unless forced or another user logged in.
export function refreshReviews(force = false) {
  const user = session.user?.username || ''
  if (reviewCount.user !== user) {
    Object.assign(reviewCount, { open: null, overdue: null, loadedAt: 0, user })
    force = true
  }
  if (counting && !force) return counting
  if (!force && Date.now() - reviewCount.loadedAt < 5000) return Promise.resolve()
  const mine = counting = api.get('/coverage/reviews', undefined, { noRedirect: true }).then((r) => {
    if (reviewCount.user !== user) return
    reviewCount.open = r.total ?? null
    reviewCount.overdue = r.overdue ?? null
    reviewCount.loadedAt = Date.now()
  }).catch(() => {
    /* the badge stays as it was */
  }).finally(() => {
    if (counting === mine) counting = null
  })
  return mine
}
