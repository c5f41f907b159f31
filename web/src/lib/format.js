// format.js — how numbers, money, times and masked numbers are shown.

// Integer fen → "1,234.50" yuan, without floating point.
export function yuan(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  let n = BigInt(fen)
  const neg = n < 0n
  if (neg) n = -n
  const y = (n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const f = (n % 100n).toString().padStart(2, '0')
  return `${neg ? '-' : ''}${y}.${f}`
}

export function count(n) {
  if (n === null || n === undefined) return '—'
  return Number(n).toLocaleString('zh-CN')
}

function pad(n) {
  return String(n).padStart(2, '0')
}

// A UTC "YYYY-MM-DDTHH:MM:SSZ" (or "YYYY-MM-DD HH:MM:SS") as local time.
export function localTime(s) {
  if (!s) return ''
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(s) ? s.replace(' ', 'T') + (/[Zz]|[+-]\d\d:?\d\d$/.test(s) ? '' : 'Z') : s
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return s
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function todayStr() {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// A bank card number with all but the last 4 digits hidden.
export function maskCard(s) {
  if (!s) return ''
  const t = String(s).replace(/\s/g, '')
  if (t.length <= 4) return t
  const tail = t.slice(-4)
  return `${'*'.repeat(Math.min(t.length - 4, 12)).replace(/(.{4})/g, '$1 ').trim()} ${tail}`
}
