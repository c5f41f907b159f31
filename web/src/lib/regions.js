// regions.js — the region tree below the user's region, read from
// GET /api/v1/regions and cached for the page's life, and the code
// arithmetic of the 12-digit statistical division codes.
import { reactive } from 'vue'
import { api } from './api.js'

const cache = new Map()

// code → name of every region read so far, for showing codes by name
export const regionNames = reactive({})

function remember(r) {
  if (r && r.parent) regionNames[r.parent.code] = r.parent.name
  for (const c of (r && r.children) || []) regionNames[c.code] = c.name
  return r
}

// {parent:{code,name,level}, children:[…]} for a parent ('' = the user's region).
export function children(parent = '') {
  if (!cache.has(parent)) {
    const p = api.get('/regions', parent ? { parent } : undefined, { noRedirect: true }).then(remember).catch((e) => {
      cache.delete(parent)
      throw e
    })
    cache.set(parent, p)
  }
  return cache.get(parent)
}

export function clearRegions() {
  cache.clear()
}

const prefix = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 }

export function levelOf(code) {
  const c = String(code || '').padEnd(12, '0')
  if (c.slice(9) !== '000') return 5
  if (c.slice(6, 9) !== '000') return 4
  if (c.slice(4, 6) !== '00') return 3
  if (c.slice(2, 4) !== '00') return 2
  return 1
}

// The code of code's ancestor at level (12 digits).
export function ancestor(code, level) {
  return String(code).slice(0, prefix[level]).padEnd(12, '0')
}

// The path of codes from just below rootLevel down to code, as the
// cascader wants it; [code] itself when code is the root.
export function pathBelow(code, rootLevel) {
  if (!code) return []
  const lv = levelOf(code)
  if (lv <= rootLevel) return [ancestor(code, lv)]
  const out = []
  for (let l = rootLevel + 1; l <= lv; l++) out.push(ancestor(code, l))
  return out
}

// Reads the names of codes not yet known (their parents' children), as far
// as the user may see them; the rest stay codes.
export async function ensureNames(codes) {
  const parents = new Set()
  for (const c of codes) {
    if (!/^\d{12}$/.test(String(c || '')) || regionNames[c]) continue
    const lv = levelOf(c)
    parents.add(lv > 1 ? ancestor(c, lv - 1) : '')
  }
  for (const p of parents) {
    try {
      await children(p)
    } catch {
      /* outside the user's region: shown as the code */
    }
  }
  if ([...codes].some((c) => /^\d{12}$/.test(String(c || '')) && !regionNames[c])) {
    try {
      await children('') // the user's own region is the parent of the root's children
    } catch {
      /* ignore */
    }
  }
}
