// diff.js — an audit record's before/after (JSON text or objects) read as
// a clerk would: the changed fields of an update, or the entered values of
// a creation grouped by part (家庭, 户主, 成员关系), without internal ids.
import { fieldNames, fieldValue } from './codes.js'

// never worth a clerk's eye: internal keys and bookkeeping times
const internal = new Set(['id', 'household_id', 'person_id', 'membership_id', 'county', 'created_at', 'updated_at'])

export function parse(v) {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'string') {
    try {
      const o = JSON.parse(v)
      return o && typeof o === 'object' && !Array.isArray(o) ? o : { 内容: o }
    } catch {
      return { 内容: v }
    }
  }
  return v
}

// {a:{b:1}} → {"a.b":1}: nested parts (the head of a new household) by path.
export function flatten(o, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(o || {})) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out)
    else out[key] = v
  }
  return out
}

const groupNames = {
  household: '家庭', head: '户主', 'head.person': '户主', 'head.membership': '户主入户', person: '人员',
  membership: '成员关系', user: '用户', filter: '筛选条件', from: '原家庭', to: '新家庭',
}

function groupOf(key) {
  return key.split('.').slice(0, -1).join('.')
}

function groupLabel(g) {
  if (!g) return ''
  return groupNames[g] || g.split('.').map((p) => groupNames[p] || fieldNames[p] || p).join('')
}

function fieldLabel(key) {
  const last = key.split('.').pop()
  return fieldNames[last] || last
}

// {mode:'added'|'changed', groups:[{key,label,rows:[{key,label,after}]}],
//  rows:[{key,label,kind,before,after}]}
export function changes(before, after) {
  const b = flatten(parse(before) || {})
  const a = flatten(parse(after) || {})
  if (!Object.keys(b).length) {
    const groups = new Map()
    for (const [key, v] of Object.entries(a)) {
      const last = key.split('.').pop()
      if (internal.has(last) || v === null || v === undefined || v === '') continue
      const g = groupOf(key)
      if (!groups.has(g)) groups.set(g, { key: g || '_', label: groupLabel(g), rows: [] })
      groups.get(g).rows.push({ key, label: fieldLabel(key), after: fieldValue(last, v) })
    }
    return { mode: 'added', groups: [...groups.values()], rows: [] }
  }
  const rows = []
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const last = key.split('.').pop()
    if (last === 'updated_at') continue
    const inB = key in b
    const inA = key in a
    if (inB && inA && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue
    const kind = inB && inA ? 'changed' : inA ? 'added' : 'removed'
    rows.push({
      key, label: groupLabel(groupOf(key)) + fieldLabel(key), kind,
      before: fieldValue(last, b[key]), after: fieldValue(last, a[key]),
    })
  }
  return { mode: 'changed', groups: [], rows }
}

// One line for a table cell.
export function summary(before, after, max = 4) {
  const c = changes(before, after)
  if (c.mode === 'changed') {
    return c.rows.slice(0, max).map((r) => `${r.label}：${r.before} → ${r.after}`).join('；') || '无字段变化'
  }
  const parts = []
  for (const g of c.groups) for (const r of g.rows) parts.push(`${g.label}${r.label} ${r.after}`)
  return parts.slice(0, max).join('；') + (parts.length > max ? ' …' : '')
}

// The 12-digit region codes named in a record, to look their names up.
export function regionCodes(before, after) {
  const out = new Set()
  for (const o of [flatten(parse(before) || {}), flatten(parse(after) || {})]) {
    for (const [k, v] of Object.entries(o)) {
      if (['village_code', 'township_code', 'region_code', 'region'].includes(k.split('.').pop()) && /^\d{12}$/.test(String(v))) out.add(String(v))
    }
  }
  return out
}
