// lib.mjs — what the browser tests share: Debian's chromium driven by
// playwright-core (from web/node_modules; never a downloaded browser), the
// checks that count and can fail, an API client of its own (cookie + CSRF)
// to set up and verify through the server (users made by the
// administrator, cases taken to their notice and confirmed), the server's
// business date, the steps of the payroll pages, GB 11643 ID numbers, and
// the screenshots that scripts/screenshots collects.
//
// Environment: DIB_BASE_URL (the server, set by tests/browser/run),
// DIB_SCREENSHOTS (a directory: save a PNG of every page visited),
// DIB_HEADED=1 (watch the browser), DIB_SLOWMO (ms between actions);
// restartServer uses the DIB_SERVER_* variables run exports.
import { createRequire } from 'node:module'
import { spawn } from 'node:child_process'
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const root = path.resolve(here, '..', '..')
const require = createRequire(path.join(root, 'web', 'package.json'))
const { chromium } = require('playwright-core')

export const base = (process.env.DIB_BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
export const PASSWORD = 'Dibao@2026'
const shotDir = process.env.DIB_SCREENSHOTS || ''

// ---- checks -------------------------------------------------------------

let passed = 0
let failed = 0
let testName = path.basename(process.argv[1] || 'test', '.mjs')

export function check(cond, what, detail) {
  if (cond) {
    passed++
    console.log(`  ok   ${what}`)
  } else {
    failed++
    console.log(`  FAIL ${what}${detail !== undefined ? ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`)
  }
  return !!cond
}

export function eq(actual, expected, what) {
  return check(actual === expected, what, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

// Runs the test body with a fresh browser; prints the tally line that
// tests/browser/run adds up, and exits non-zero on any failure (an
// exception counts as one).
export async function run(name, body) {
  testName = name
  console.log(`# ${name}`)
  const browser = await chromium.launch({
    executablePath: process.env.DIB_CHROMIUM || '/usr/bin/chromium',
    headless: process.env.DIB_HEADED !== '1',
    slowMo: Number(process.env.DIB_SLOWMO || 0),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  })
  try {
    await body(browser)
  } catch (e) {
    failed++
    console.log(`  FAIL exception: ${e && e.stack ? e.stack : e}`)
  } finally {
    await browser.close().catch(() => {})
  }
  console.log(`checks: ${passed} passed, ${failed} failed (${name})`)
  process.exit(failed ? 1 : 0)
}

// The same tally for a test without a browser (the UI's pure rules).
export async function runPlain(name, body) {
  testName = name
  console.log(`# ${name}`)
  try {
    await body()
  } catch (e) {
    failed++
    console.log(`  FAIL exception: ${e && e.stack ? e.stack : e}`)
  }
  console.log(`checks: ${passed} passed, ${failed} failed (${name})`)
  process.exit(failed ? 1 : 0)
}

// A new browser window of 1440×900 in Chinese, with its own cookies.
export async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  page.on('pageerror', (e) => console.log(`  (page error: ${e.message})`))
  // requests in flight, for settle()
  page.inflight = 0
  page.on('request', () => { page.inflight++ })
  for (const ev of ['requestfinished', 'requestfailed']) page.on(ev, () => { page.inflight = Math.max(0, page.inflight - 1) })
  return page
}

// ---- screenshots ----------------------------------------------------------

let shotNo = 0

// Saves DIB_SCREENSHOTS/<test>-<nn>-<name>.png when screenshots are asked for.
export async function shot(page, name) {
  if (!shotDir) return
  mkdirSync(shotDir, { recursive: true })
  await settle(page)
  shotNo++
  const file = path.join(shotDir, `${testName}-${String(shotNo).padStart(2, '0')}-${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
}

// Waits until no request has been in flight for 150 ms and Element Plus
// transitions (about 300 ms) are over.
export async function settle(page) {
  const until = Date.now() + 10000
  let quiet = 0
  while (Date.now() < until && quiet < 3) {
    await page.waitForTimeout(50)
    quiet = page.inflight ? 0 : quiet + 1
  }
  await page.waitForTimeout(shotDir ? 350 : 200)
}

// ---- the server's business date -----------------------------------------------

// The business date the server was started with by tests/browser/run
// (usually none: the real day).
export const startDate = process.env.DIB_TODAY || ''

async function health() {
  try {
    const r = await fetch(`${base}/healthz`)
    return r.ok ? await r.json() : null
  } catch {
    return null
  }
}

// Restarts the server of tests/browser/run on the same database and port
// with the business date fixed to today ("YYYY-MM-DD"; '' for the real
// day), as a clerk's server would be on a later day: a graceful stop
// (SIGTERM), then the same command line with DIB_TODAY, until /healthz
// answers with that date. Browser sessions live in the database and
// survive it. Returns what /healthz answers.
export async function restartServer(today) {
  const { DIB_SERVER_BIN: bin, DIB_DB_URL: db, DIB_SERVER_LISTEN: listen, DIB_WEB_DIR: web,
    DIB_SERVER_LOG: log, DIB_SERVER_PIDFILE: pidfile } = process.env
  if (!bin || !db || !listen || !pidfile) throw new Error('restartServer: run the test through tests/browser/run')
  const old = Number(readFileSync(pidfile, 'utf8').trim())
  if (old > 0) {
    try {
      process.kill(old, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
  // stopped when it no longer answers (the pid may linger as a zombie of run)
  const until = Date.now() + 10000
  while ((await health()) && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
  if (await health()) throw new Error(`restartServer: the server ${old} does not stop`)
  const env = { ...process.env }
  if (today) env.DIB_TODAY = today
  else delete env.DIB_TODAY
  const out = openSync(log || '/dev/null', 'a')
  const child = spawn(bin, ['--db', db, 'serve', '--listen', listen, '--web', web], {
    env, detached: true, stdio: ['ignore', out, out],
  })
  closeSync(out)
  child.unref()
  writeFileSync(pidfile, `${child.pid}\n`)
  let h = null
  for (let i = 0; i < 150 && !h; i++) {
    await new Promise((r) => setTimeout(r, 100))
    h = await health()
  }
  if (!h) throw new Error('restartServer: the server did not start (see its log)')
  if ((h.business_date_fixed || '') !== (today || '')) throw new Error(`restartServer: business date ${h.business_date_fixed}, wanted ${today}`)
  return h
}

// Runs fn with the server's business date fixed to today, then gives the
// server back the date tests/browser/run started it with, also when fn
// fails (a failure to restore is only said).
export async function onDate(today, fn) {
  await restartServer(today)
  try {
    return await fn()
  } finally {
    await restartServer(startDate).catch((e) => console.log(`  (could not restore the server's date: ${e.message})`))
  }
}

// ---- the UI -----------------------------------------------------------------

export async function login(page, username, password = PASSWORD) {
  await page.goto(`${base}/login`)
  await page.locator('input[name=username]').fill(username)
  await page.locator('input[name=password]').fill(password)
  await page.locator('[data-test=login-submit]').click()
}

// Logs in and waits until the layout shows the user's name.
export async function loginOk(page, username, password = PASSWORD) {
  await login(page, username, password)
  await page.locator('[data-test=who]').waitFor()
  await settle(page)
}

export async function logout(page) {
  await page.locator('[data-test=logout]').click()
  await page.locator('[data-test=login-submit]').waitFor()
}

// The texts of an Element Plus table's body rows: one string per row, the
// cells' texts joined by tabs.
export async function tableRows(page, test) {
  const t = page.locator(`[data-test=${test}]`)
  await t.waitFor()
  return t.locator('.el-table__body-wrapper tr.el-table__row').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim()).join('\t')))
}

// ---- the payroll pages ----------------------------------------------------------

// Logs in and opens 资金发放 at its list of programs.
export async function loginToPayroll(page, username, password = PASSWORD) {
  await loginOk(page, username, password)
  await page.locator('[data-test=menu-payroll]').click()
  await page.locator('[data-test=programs] .el-table__row').first().waitFor()
  await settle(page)
}

// At 资金发放: 造册 of program for its next period, and the run's page
// (its URL matches url). Returns the run's id.
export async function buildRun(page, program, url = /\/payroll\/\d+$/) {
  await page.locator(`button[data-test=build-${program}]`).click()
  const dlg = page.locator('.el-dialog[data-test=build-dialog]')
  await dlg.waitFor()
  await dlg.locator('[data-test=period-next]').click()
  await dlg.locator('[data-test=build-save]').click()
  await page.waitForURL(url)
  return Number(page.url().split('/').pop())
}

// Opens a payroll run's page and waits for its state and lines.
export async function openRun(page, id) {
  await page.goto(`${base}/payroll/${id}`)
  await page.locator('[data-test=run-state]').waitFor()
  await page.locator('[data-test=lines] .el-table__body-wrapper').waitFor()
  await settle(page)
}

// The trimmed text of the first element with that data-test.
export async function textOf(page, test) {
  return (await page.locator(`[data-test=${test}]`).first().innerText()).trim()
}

// Opens a run's step dialog by its button; the dialog.
export async function openStep(page, button) {
  await page.locator(`button[data-test=${button}]`).click()
  const dlg = page.locator('.el-dialog[data-test=step-dialog]')
  await dlg.waitFor()
  await settle(page)
  return dlg
}

// Submits the step's dialog and waits until it closes.
export async function submitStep(page, dlg) {
  await dlg.locator('[data-test=step-submit]').click()
  await dlg.waitFor({ state: 'hidden' })
  await settle(page)
}

// ---- the API ----------------------------------------------------------------

// A logged-in API client with its own cookie: {get, post, patch, raw}.
export async function apiLogin(username, password = PASSWORD) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const body = await res.json()
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`)
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0]
  const csrf = body.csrf
  async function raw(method, p, data) {
    const headers = { Cookie: cookie }
    if (data !== undefined) headers['Content-Type'] = 'application/json'
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf
    const r = await fetch(`${base}/api/v1${p}`, { method, headers, body: data === undefined ? undefined : JSON.stringify(data) })
    const text = await r.text()
    let json = null
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    return { status: r.status, body: json, text }
  }
  return {
    session: body,
    raw,
    get: (p) => raw('GET', p),
    post: (p, d) => raw('POST', p, d ?? {}),
    patch: (p, d) => raw('PATCH', p, d ?? {}),
  }
}

// ---- set-up through the API: users and cases ---------------------------------

// A user made by the administrator (an apiLogin client), its initial
// password changed to password: an API client logged in as the new user.
export async function makeUser(admin, username, name, region, roles, password) {
  const initial = 'Init#2026pw'
  const r = await admin.post('/users', { username, display_name: name, region_code: region, roles, password: initial })
  if (r.status !== 201) throw new Error(`user ${username}: ${r.status} ${r.text}`)
  const first = await apiLogin(username, initial)
  const c = await first.post('/session/password', { old_password: initial, new_password: password })
  if (c.status !== 200) throw new Error(`password of ${username}: ${c.status} ${c.text}`)
  return apiLogin(username, password)
}

// A home visit on date that every rule accepts.
export function visitOn(date) {
  return { date, investigators: ['王明', '李华'], form: true, staff_signed: true, family_signed: true, findings: '家中无劳动力，无存款' }
}

// One step of a case (POST /cases/{id}/actions) that must succeed; the case.
export async function caseAct(api, id, body) {
  const r = await api.post(`/cases/${id}/actions`, body)
  if (r.status !== 200) throw new Error(`${body.action} on ${id}: ${r.status} ${r.text}`)
  return r.body
}

// Household h applies for program and its case is taken to its public
// notice on the server's date today (the visit's date): the caseworker cw
// and the township reviewer rv. Returns the case's id.
export async function toNotice(cw, rv, h, program, today) {
  const r = await cw.post('/cases', { household_id: h.id, program })
  if (r.status !== 201) throw new Error(`open ${h.hh_no}: ${r.status} ${r.text}`)
  const id = r.body.case.id
  await caseAct(cw, id, { action: 'accept' })
  await caseAct(cw, id, { action: 'record_visit', visit: visitOn(today) })
  await caseAct(cw, id, { action: 'request_check' })
  await caseAct(cw, id, { action: 'record_check', check_result: 'passed' })
  await caseAct(rv, id, { action: 'township_review' })
  await caseAct(cw, id, { action: 'publish' })
  return id
}

// After its notice: cw closes it and submits, the county approver ap
// confirms. Returns the case; throws unless it is confirmed.
export async function confirmCase(cw, ap, id) {
  await caseAct(cw, id, { action: 'close_notice' })
  await caseAct(cw, id, { action: 'submit' })
  const r = await caseAct(ap, id, { action: 'confirm' })
  if (r.state !== 'confirmed') throw new Error(`case ${id}: ${r.state}`)
  return r
}

// Households in payment: each of applicants ([cw, rv, h]) applies for
// program on the server's date today and reaches its notice; the server
// then moves to day (after the notices) and ap confirms every case.
export async function confirmAll(ap, program, today, day, applicants) {
  const ids = []
  for (const [cw, rv, h] of applicants) ids.push([cw, await toNotice(cw, rv, h, program, today)])
  await restartServer(day)
  for (const [cw, id] of ids) await confirmCase(cw, ap, id)
}

// ---- ID numbers -------------------------------------------------------------

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

export function checkChar(first17) {
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i]
  return '10X98765432'[s % 11]
}

// A valid 18-character ID of the demo county 410726, unique per run: the
// birth date and sequence come from seed.
export function makeId(seed, { county = '410726', sex = 1 } = {}) {
  const n = Math.abs(Number(seed)) || 1
  const year = 1950 + (n % 50)
  const month = 1 + (Math.floor(n / 50) % 12)
  const day = 1 + (Math.floor(n / 600) % 28)
  let seq = Math.floor(n / 16800) % 500
  seq = seq * 2 + (sex === 1 ? 1 : 0) // odd 17th digit = male
  const first17 = `${county}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`
  return first17 + checkChar(first17)
}

// The same number with a wrong check character (and the right one).
export function breakCheck(id) {
  const right = id[17]
  const wrong = right === '0' ? '1' : right === 'X' ? '0' : String((Number(right) + 1) % 10)
  return { wrong: id.slice(0, 17) + wrong, right }
}

// A seed no earlier run used (the IDs must not exist in the database).
export function freshSeed() {
  return Math.floor(Date.now() / 1000) * 7 + Math.floor(Math.random() * 1000)
}

// ---- Element Plus widgets ---------------------------------------------------

// Opens a cascader and clicks one node per level: a label text or an index.
// Returns the labels clicked.
export async function cascaderPick(page, trigger, steps) {
  await trigger.click()
  const dd = page.locator('.el-cascader__dropdown').filter({ has: page.locator('.el-cascader-menu') }).last()
  await dd.waitFor({ state: 'visible' })
  const picked = []
  for (let i = 0; i < steps.length; i++) {
    const menu = dd.locator('.el-cascader-menu').nth(i)
    await menu.locator('.el-cascader-node').first().waitFor()
    const s = steps[i]
    const node = typeof s === 'number'
      ? menu.locator('.el-cascader-node').nth(s)
      : menu.locator('.el-cascader-node', { hasText: s }).first()
    picked.push((await node.locator('.el-cascader-node__label').innerText()).trim())
    await node.click()
  }
  await page.waitForTimeout(300)
  // a cascader that may stop above the leaves stays open: close it
  if (await dd.isVisible()) {
    await page.keyboard.press('Escape')
    await dd.waitFor({ state: 'hidden' }).catch(() => {})
  }
  return picked
}

// The text of the visible page body without the header and menu.
export async function mainText(page) {
  return page.locator('main').innerText()
}

// Types a date ("YYYY-MM-DD") or month ("YYYY-MM") into an Element Plus
// date picker (by its input's name, inside scope) and confirms it with
// Enter, as a clerk may do instead of clicking the panel. Returns what the
// input then shows.
export async function typeDate(page, scope, name, value) {
  const inp = scope.locator(`input[name=${name}]`)
  await inp.click()
  await inp.fill(value)
  await inp.press('Enter')
  await page.waitForTimeout(250)
  // the panel closes on Enter; wait until it is gone before the next field
  await page.locator('.el-picker__popper:visible').first().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {})
  return inp.inputValue()
}

// Opens an Element Plus select (its trigger locator) and clicks the
// visible option containing text.
export async function pickOption(page, trigger, text) {
  await trigger.click()
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  await item.waitFor()
  await item.click()
  await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {})
}
