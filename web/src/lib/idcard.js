// idcard.js — the resident ID number (GB 11643-1999) checked as it is
// typed: length, digits, birth date, check character. The server checks
// again (src/core/idcard.c); this only lets a clerk see a typing mistake at
// once, with the same words.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

// The check character for 17 digits ('0'–'9' or 'X'), or '' if not digits.
export function checkChar(first17) {
  if (!/^\d{17}$/.test(first17)) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]
  return '10X98765432'[sum % 11]
}

// Full-width digits and x, blanks removed: what a clerk pastes from Word.
export function normalize(s) {
  return String(s || '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF38\uFF58x]/g, 'X')
    .replace(/[\s\u3000]/g, '')
}

function pad(n) {
  return String(n).padStart(2, '0')
}

function today() {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function validDate(y, m, d) {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false
  const days = new Date(y, m, 0).getDate()
  return d <= days
}

// Checks s. Returns {state, message, id, birth, sex, age}:
//   state 'empty' (nothing typed), 'typing' (a valid beginning),
//   'error' (message says why), 'ok' (birth 'YYYY-MM-DD', sex 1 男 / 2 女).
export function checkId(s, { now = today() } = {}) {
  const id = normalize(s)
  if (!id) return { state: 'empty', message: '', id }
  for (let i = 0; i < id.length && i < 18; i++) {
    const c = id[i]
    if (i < 17 && !/\d/.test(c)) return { state: 'error', message: `第 ${i + 1} 位应为数字`, id }
    if (i === 17 && !/[\dX]/.test(c)) return { state: 'error', message: '第 18 位应为数字或 X', id }
  }
  if (id.length > 18) return { state: 'error', message: `应为 18 位，已输入 ${id.length} 位`, id }
  // the birth date is checked as soon as its 8 digits are there
  if (id.length >= 14) {
    const y = Number(id.slice(6, 10))
    const m = Number(id.slice(10, 12))
    const d = Number(id.slice(12, 14))
    if (!validDate(y, m, d)) return { state: 'error', message: `出生日期 ${id.slice(6, 14)} 不正确`, id }
    const birth = `${y}-${pad(m)}-${pad(d)}`
    if (birth > now) return { state: 'error', message: `出生日期 ${birth} 晚于今天`, id }
  }
  if (id.length < 18) return { state: 'typing', message: `已输入 ${id.length} 位，应为 18 位`, id }
  const want = checkChar(id.slice(0, 17))
  if (want !== id[17]) return { state: 'error', message: `校验位不正确，应为 ${want}`, id }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const sex = Number(id[16]) % 2 ? 1 : 2
  return { state: 'ok', message: '', id, birth, sex, age: ageOn(birth, now) }
}

export function ageOn(birth, on) {
  const [by, bm, bd] = birth.split('-').map(Number)
  const [y, m, d] = on.split('-').map(Number)
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age--
  return age
}
