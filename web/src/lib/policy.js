// policy.js — the pure rules of the 保障标准 and 地方参数 pages: money
// typed in yuan read into integer fen without floating point, the monthly
// preview of a yearly standard (the server's rounding rule, so the form
// shows what will be stored), the catalogue's groups by key prefix, and
// how a parameter's value is shown and typed. The server decides every
// value again; these only make the forms say the same thing first.

// The units of a standard (programs.unit) as the pages name them.
export const unitNames = {
  person_month: '元/人·月',
  person_year: '元/人·年',
  once: '元/人·次',
}

// Reads what a clerk typed as an amount in yuan ("560", "359.17",
// "¥1,200", "4310元", full-width digits) into {fen} or {error}. Only the
// format is checked here; the range (above 0, at most 100,000 元) is the
// server's rule and its message is shown as it comes.
export function parseYuan(text) {
  let t = String(text ?? '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String(c.charCodeAt(0) - 0xFF10))
    .replace(/[．。]/g, '.')
    .replace(/[\s\u3000,，¥￥]/g, '')
    .replace(/元$/, '')
  if (!t) return { error: '请输入金额' }
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(t)) return { error: `金额 "${String(text).trim()}" 格式不正确，应为数字，至多两位小数（如 560 或 359.17）` }
  if (t.endsWith('.')) t = t.slice(0, -1)
  const [y, f = ''] = t.split('.')
  return { fen: Number(y) * 100 + Number((f + '00').slice(0, 2)) }
}

const roundUnitFen = { fen: 1, jiao: 10, yuan: 100 }

// The monthly amount of a yearly amount: a twelfth rounded to unit
// ("fen"/"jiao"/"yuan") by mode ("half_up"/"up"/"down"), as the server's
// money_div does for standard.rural_monthly_rounding_unit/_mode. null for
// an unknown rule.
export function monthlyOf(yearFen, unit = 'fen', mode = 'half_up') {
  const u = roundUnitFen[unit]
  if (!u || !Number.isSafeInteger(yearFen) || yearFen < 0) return null
  const q = 12 * u
  let n = Math.floor(yearFen / q)
  const r = yearFen % q
  if (mode === 'up') n += r > 0 ? 1 : 0
  else if (mode === 'half_up') n += 2 * r >= q ? 1 : 0
  else if (mode !== 'down') return null
  return n * u
}

// The catalogue's subjects, by the first part of the key, in the order
// the pages show them.
export const paramGroups = [
  { code: 'asset', name: '资产', hint: '家庭财产状况的认定标准', prefixes: ['asset'] },
  { code: 'income', name: '收入', hint: '家庭收入的核算与扣减', prefixes: ['income'] },
  { code: 'amount', name: '计算方法', hint: '低保金的计算、最低发放额与取整', prefixes: ['amount', 'standard'] },
  { code: 'addon', name: '分类施保', hint: '老年人、未成年人、重度残疾人、重病患者的加发与农村分类', prefixes: ['addon', 'dibao'] },
  { code: 'edge', name: '低保边缘', hint: '低保边缘家庭的认定', prefixes: ['edge'] },
  { code: 'review', name: '核查', hint: '入户抽查与定期核查', prefixes: ['review'] },
  { code: 'workflow', name: '审核确认', hint: '审核确认的权限', prefixes: ['workflow'] },
  { code: 'limit', name: '时限', hint: '办理各环节的时限与到期提醒', prefixes: ['limit', 'inbox'] },
  { code: 'phaseout', name: '渐退', hint: '收入超标后的渐退期', prefixes: ['phaseout'] },
  { code: 'coverage', name: '在保变更', hint: '增发、减发、停发的生效月份与渐退发放', prefixes: ['coverage'] },
  { code: 'benefit', name: '其他救助项目', hint: '残疾人两项补贴、特困供养、孤儿与高龄津贴的计发', prefixes: ['benefit'] },
  { code: 'pay', name: '资金发放', hint: '各项目的发放周期、到户日期与追缴扣减比例', prefixes: ['pay'] },
]

export function groupOf(key) {
  const head = String(key || '').split('.')[0]
  return paramGroups.find((g) => g.prefixes.includes(head))?.code || 'other'
}

// The parameters of a list answer in groups: [{code, name, hint, items}],
// empty groups left out, unknown prefixes under 其他 at the end.
export function groupParams(items) {
  const groups = [...paramGroups, { code: 'other', name: '其他', hint: '', prefixes: [] }]
    .map((g) => ({ ...g, items: [] }))
  for (const p of items || []) groups.find((g) => g.code === groupOf(p.key)).items.push(p)
  return groups.filter((g) => g.items.length)
}

// A value of parameter p (its catalogue side: type, unit, choices) in the
// server's shown form ("30%", "1,000.00", "true", "half_up", "12") as a
// clerk reads it: "30%", "¥1,000.00", "是", "四舍五入", "12 个月".
export function showValue(p, value) {
  if (value === null || value === undefined || value === '') return '—'
  switch (p.type) {
    case 'bool':
      return value === 'true' ? '是' : value === 'false' ? '否' : value
    case 'enum':
      return (p.choices || []).find((c) => c.code === value)?.name || value
    case 'fen':
      return `¥${value}`
    case 'bp':
      return value
    default:
      return p.unit ? `${value} ${p.unit}` : String(value)
  }
}

// The unit shown after the input of a value: 元, %, 个月 …
export function inputUnit(p) {
  if (p.type === 'fen') return '元'
  if (p.type === 'bp') return '%'
  return p.unit || ''
}

// The value as the edit form starts it: the number without "%" or
// thousands separators, a bool or enum code as it is.
export function editText(p, value) {
  if (value === null || value === undefined) return ''
  if (p.type === 'fen') return String(value).replace(/,/g, '')
  if (p.type === 'bp') return String(value).replace(/%$/, '')
  return String(value)
}

// Checks what was typed for p and gives the text to send ({value}) or a
// message ({error}). Only the form is checked (a number, a choice); range
// and allowed values are the server's rules, its message names them.
export function typedValue(p, text) {
  const t = String(text ?? '').trim()
  if (!t) return { error: p.type === 'enum' || p.type === 'bool' ? '请选择取值' : '请输入取值' }
  switch (p.type) {
    case 'bool':
      return t === 'true' || t === 'false' ? { value: t } : { error: '请选择“是”或“否”' }
    case 'enum':
      return { value: t }
    case 'fen': {
      const m = parseYuan(t)
      return m.error ? { error: m.error } : { value: t.replace(/[\s,，¥￥元]/g, '') }
    }
    case 'bp': {
      const n = t.replace(/[%％\s]/g, '')
      return /^\d{1,5}(\.\d{1,2})?$/.test(n) ? { value: `${n}%` } : { error: `"${t}" 不是有效的百分比，应为数字，至多两位小数（如 30 或 12.5）` }
    }
    default:
      return /^\d{1,6}$/.test(t) ? { value: t } : { error: `"${t}" 不是有效的整数` }
  }
}

const originTag = { default: 'info', province: 'warning', city: 'primary', county: 'success' }

// The tag type of an origin (国家默认 grey, 省 orange, 市 blue, 县 green).
export function originType(origin) {
  return originTag[origin] || 'info'
}

// "YYYY-MM-01" of the month after day ("YYYY-MM-DD").
export function nextMonthStart(day) {
  const [y, m] = String(day).split('-').map(Number)
  const ny = m === 12 ? y + 1 : y
  const nm = m === 12 ? 1 : m + 1
  return `${ny}-${String(nm).padStart(2, '0')}-01`
}
