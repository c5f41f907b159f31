// test_10_payroll.mjs — a month's 低保 payroll in the browser (issue 5:
// 资金发放), on the real server with its business date fixed
// (restartServer), with different users at each step. The demo loaded by
// tests/browser/run has no one in payment, so the set-up confirms
// households through the API first: three of 东屯镇 (the demo caseworker
// and reviewer) and one of a second township (a clerk and a reviewer made
// by the administrator) apply on 2026-03-02 and are confirmed on
// 2026-03-10, paid from April, the month after; the payroll of April is
// built that same day (a period may be built from the month before it)
// and one 东屯镇 household has lost its bank account:
//  - the caseworker finds 资金发放 in the menu, the programs with their
//    rhythm and periods (any not yet paid by roster greyed out, 尚未开通),
//    builds April (period picker: 本期 2026年3月 / 下期 2026年4月) and lands
//    on the run: state, period, control totals in 元 equal to the API's,
//    only his own township's section although the run has two, the lines
//    with masked ID (first 4 + last 4) and account (last 4) numbers, the
//    household without an account in red, a line opening to its month;
//  - his 报送 is refused by the server (a household without an account)
//    and the refusal stays in the dialog; the account is restored, 重新造册,
//    报送: 已报送, and his buttons are gone; 造册 again says 本期已有批次
//    and opens the same run; the list shows the run with its totals;
//  - the approver sees both sections, 审批 greyed out while the second
//    township has not submitted (its reason as a tooltip), filters the
//    lines by township and by 户编号, sends 东屯镇 back — an empty reason
//    stopped by the form, nothing sent — with a reason;
//  - the second township submits through the API; the caseworker sees the
//    reason on his section and in the timeline, rebuilds and resubmits;
//  - the approver approves (the timeline names the steps and the people);
//  - the auditor and the payment officer read the run with no step to take.
// The caseworker and the approver keep a window each. The pure rules of
// web/src/lib/payroll.js come first (tests/browser/test_0_rules.mjs ends
// the process when its body is done: checks appended to it would never run).
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import {
  run, newPage, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows, base, root, pickOption,
  makeUser, confirmAll, onDate, loginToPayroll, buildRun, openRun, textOf, openStep, submitStep,
} from './lib.mjs'

const pay = await import(pathToFileURL(path.join(root, 'web', 'src', 'lib', 'payroll.js')).href)

function pureRules() {
  for (const [code, want] of [
    ['2026-07', '2026年7月'], ['2026-11', '2026年11月'], ['2026Q1', '2026年第一季度'], ['2026Q3', '2026年第三季度'],
    ['2026H1', '2026年上半年'], ['2026H2', '2026年下半年'], ['2026', '2026年度'], ['2026-13', '2026-13'], ['', ''],
  ]) eq(pay.periodName(code), want, `periodName(${JSON.stringify(code)})`)
  eq(pay.monthName('2026-04'), '2026年4月', 'monthName')
  for (const [r, want] of [['monthly', '按月'], ['quarterly', '按季'], ['half_yearly', '按半年'], ['yearly', '按年']]) eq(pay.rhythmName(r), want, `rhythmName(${r})`)
  eq(pay.rhythmName('monthly', '每月'), '每月', 'rhythmName: the API\'s own name first')
  eq(pay.totalsText({ households: 1234, persons: 3, total_fen: 133100 }), '1,234 户 3 人 1,331.00 元', 'totalsText in 元 from fen')
  eq(pay.totalsText(null), '—', 'totalsText of nothing')
  check(pay.sameTotals({ households: 2, persons: 5, total_fen: 100, lines: 2 }, { households: 2, persons: 5, total_fen: 100, lines: 0 }),
    'sameTotals: an event without lines agrees')
  check(!pay.sameTotals({ households: 2, persons: 5, total_fen: 100 }, { households: 2, persons: 5, total_fen: 101 }), 'sameTotals: one fen differs')
  eq(pay.maskId('410726195001010011'), '4107**********0011', 'maskId: first 4 and last 4')
  eq(pay.maskId('41072619500101001X'), '4107**********001X', 'maskId keeps a final X')
  eq(pay.maskId(''), '', 'maskId of nothing')
  eq(pay.maskAccount('6227001209781330369'), '**** **** **** 0369', 'maskAccount: last 4')
  eq(pay.townshipOf('410726101000'), '410726101000', 'townshipOf a township')
  eq(pay.townshipOf('410726101201'), '410726101000', 'townshipOf a village')
  eq(pay.townshipOf('410726000000'), '', 'townshipOf a county: none')
  eq(pay.runTag('prepared').type, 'warning', 'a run waiting for the townships is orange')
  eq(pay.runTag('approved', '已审批').name, '已审批', 'runTag: the API\'s name')
  eq(pay.sectionTag('sent_back').name, '已退回', 'sectionTag: sent back')
  eq(pay.sectionTag('sent_back').type, 'danger', 'a section sent back is red')
  eq(pay.lineTag('failed').name, '发放失败', 'lineTag: failed')
  const prog = { current: { period: '2026-04', name: '2026年4月', due_on: '2026-04-10' }, next: { period: '2026-05', name: '2026年5月', due_on: '2026-05-10' } }
  eq(pay.buildChoices(prog).map((c) => `${c.which}:${c.period}`).join(','), 'current:2026-04,next:2026-05', 'buildChoices: the current and next period')
  eq(pay.buildChoices(null).length, 0, 'buildChoices of no program')
  const runP = { state: 'prepared', built_by: 'caseworker' }
  const built = { township: 'T1', state: 'built' }
  const sent = { township: 'T1', state: 'submitted', submitted_by: 'caseworker' }
  const other = { township: 'T2', township_name: '文岩街道', state: 'built' }
  const cw = { perms: ['payroll_read', 'payroll_prepare'], township: 'T1' }
  const ap = { perms: ['payroll_read', 'payroll_approve'], township: '', username: 'approver' }
  eq(pay.sectionActions(runP, built, cw).join(','), 'submit,rebuild', 'the township submits or rebuilds its own section')
  eq(pay.sectionActions(runP, { ...built, state: 'sent_back' }, cw).join(','), 'submit,rebuild', '… also when sent back')
  eq(pay.sectionActions(runP, other, cw).length, 0, '… never another township\'s')
  eq(pay.sectionActions(runP, sent, cw).length, 0, '… nor a submitted one')
  eq(pay.sectionActions(runP, sent, ap).join(','), 'send_back', 'the approver sends back a submitted section')
  eq(pay.sectionActions(runP, built, ap).length, 0, '… not one still being built')
  eq(pay.sectionActions({ state: 'approved' }, sent, ap).length, 0, 'no section step once approved')
  eq(pay.sectionActions(runP, sent, { perms: ['payroll_read', 'audit_read'] }).length, 0, 'a reader has no step')
  let ra = pay.runActions(runP, [sent, other], ap)
  check(ra[0].action === 'approve' && ra[0].blocked.includes('文岩街道') && ra[0].blocked.includes('须各乡镇全部报送'), 'approve blocked by a section not submitted', ra)
  ra = pay.runActions(runP, [sent, { ...other, state: 'submitted', submitted_by: 'wy' }], ap)
  check(ra[0].action === 'approve' && !ra[0].blocked && ra[1].action === 'cancel', 'approve and cancel open when all are in', ra)
  ra = pay.runActions({ ...runP, built_by: 'approver' }, [sent], ap)
  check(ra[0].blocked.includes('同一人员'), 'approve blocked for whoever built', ra)
  eq(pay.runActions({ state: 'approved' }, [sent], ap).map((a) => a.action).join(','), 'cancel', 'an approved run can still be cancelled')
  eq(pay.runActions({ state: 'exported' }, [sent], ap).length, 0, 'nothing once exported')
  eq(pay.runActions(runP, [sent], cw).length, 0, 'the township has no run step')
}

const D0 = '2026-03-02' // applications and their public notice (a Monday)
const D1 = '2026-03-10' // the day after the notice: confirmed, paid from April; April built
const PERIOD = '2026-04'
const TOWN = '410726101000' // 东屯镇
const PW2 = 'Pay#2026wb'

function yuanOf(fen) {
  const n = BigInt(fen)
  return `${(n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(n % 100n).toString().padStart(2, '0')}`
}

function totalsOf(t) {
  return `${t.households.toLocaleString('zh-CN')} 户 ${t.persons.toLocaleString('zh-CN')} 人 ${yuanOf(t.total_fen)} 元`
}

// One SQL statement on the test's database (sqlite3 or psql), as a bank
// file or a careless hand might change a line behind the application.
function sql(statement) {
  const url = process.env.DIB_DB_URL || ''
  if (url.startsWith('sqlite:')) return execFileSync('sqlite3', ['-cmd', '.timeout 5000', url.slice(7), statement], { encoding: 'utf8' })
  return execFileSync('psql', ['-qtA', url, '-c', statement], { encoding: 'utf8' })
}

// ---- set-up through the API ---------------------------------------------------

// n households of a township with 1–5 members, a bank account, the given
// 户籍性质, and no incomes, assets or case.
async function pickHouseholds(api, town, n, registration) {
  const out = []
  let cursor = ''
  for (let pg = 0; pg < 20 && out.length < n; pg++) {
    const r = await api.get(`/households?region=${town}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    if (r.status !== 200) throw new Error(`households: ${r.status} ${r.text}`)
    for (const h of r.body.items) {
      if (out.length >= n) break
      if (!h.members || h.members > 5) continue
      const d = await api.get(`/households/${h.id}`)
      const hh = d.body?.household
      if (d.status !== 200 || d.body.incomes.length || d.body.assets.length || !d.body.members.length) continue
      if (Number(hh.registration) !== registration || !hh.bank_account) continue
      const c = await api.get(`/cases?household_id=${h.id}`)
      if (c.status !== 200 || c.body.total) continue
      out.push({ id: h.id, hh_no: h.hh_no, account: hh.bank_account, members: d.body.members.length })
    }
    cursor = r.body.next_cursor
    if (!cursor) break
  }
  return out
}

// The data: 3 households of 东屯镇 and 1 of a second township in payment
// from April; the users; the program.
async function setUp() {
  const admin = await apiLogin('admin')
  const cw = await apiLogin('caseworker')
  const rv = await apiLogin('reviewer')
  const ap = await apiLogin('approver')
  const au = await apiLogin('auditor')
  let registration = 2 // 农村: most of the demo county
  let mine = await pickHouseholds(cw, TOWN, 3, registration)
  if (mine.length < 3) {
    registration = 1
    mine = await pickHouseholds(cw, TOWN, 3, registration)
  }
  if (mine.length < 3) throw new Error('not 3 eligible households in 东屯镇')
  const program = registration === 1 ? 'dibao_urban' : 'dibao_rural'
  const towns = ((await admin.get('/regions')).body?.children || []).filter((t) => t.level === 4 && t.code !== TOWN)
  let B = null
  let theirs = []
  for (const t of towns) {
    theirs = await pickHouseholds(au, t.code, 1, registration)
    if (theirs.length) {
      B = t
      break
    }
  }
  if (!B) throw new Error('no second township with an eligible household')
  const stamp = Date.now() % 100000
  const cwB = await makeUser(admin, `pay${stamp}c`, `${B.name}经办人`, B.code, ['township_caseworker'], PW2)
  const rvB = await makeUser(admin, `pay${stamp}r`, `${B.name}审核人`, B.code, ['township_reviewer'], PW2)
  await confirmAll(ap, program, D0, D1, [...mine.map((h) => [cw, rv, h]), [cwB, rvB, theirs[0]]])
  console.log(`  (${program}: 东屯镇 ${mine.map((h) => h.hh_no).join(' ')}; ${B.name} ${theirs[0].hh_no})`)
  return { cw, ap, cwB, B, mine, theirs, program, bUser: `pay${stamp}c` }
}

// ---- the UI -------------------------------------------------------------------

// The text of the tooltip shown on hovering loc.
async function tooltipOf(page, loc) {
  await loc.hover()
  const tip = page.locator('.el-popper.is-dark:visible').last()
  await tip.waitFor({ timeout: 3000 }).catch(() => {})
  const t = (await tip.count()) ? (await tip.innerText()).trim() : ''
  await page.mouse.move(5, 5)
  return t
}

const MASKED_ID = /^\d{4}\*{10}[\dX]{4}$/
const MASKED_CARD = /^(\*{4} ){3}\d{4}$/

await run('payroll', async (browser) => {
  pureRules()
  const t0 = Date.now()
  await onDate(D0, () => body(browser))
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
})

async function body(browser) {
  const { cw, ap, cwB, B, mine, theirs, program } = await setUp()
  const [H1] = mine
  // H1's account is gone from the register before the payroll is built
  let r = await cw.patch(`/households/${H1.id}`, { bank_account: null, reason: '账户销户，待补录' })
  eq(r.status, 200, 'setup: H1 has no bank account now')

  // ==== the caseworker builds April =============================================
  const page = await newPage(browser) // the caseworker's window
  const pageA = await newPage(browser) // the approver's
  await loginToPayroll(page, 'caseworker')
  const progRows = await tableRows(page, 'programs')
  const rowOf = (name) => progRows.find((x) => x.startsWith(name)) || ''
  const progName = program === 'dibao_rural' ? '农村低保' : '城市低保'
  check(rowOf(progName).includes('按月') && rowOf(progName).includes('2026年3月') && rowOf(progName).includes('2026年4月') && rowOf(progName).includes('未造册'),
    `the programs: ${progName} monthly, this period 2026年3月, next 2026年4月, not built`, rowOf(progName))
  // a program the county does not pay by roster yet (buildable false), if any
  const progs = (await cw.get('/payroll/programs')).body.items
  const closed = progs.find((p) => !p.buildable)
  if (closed) {
    check(await page.locator(`button[data-test=build-${closed.program}]`).isDisabled(), `${closed.program_name}, not paid by roster here, cannot be built`)
    const tip = await tooltipOf(page, page.locator(`button[data-test=build-${closed.program}]`).locator('xpath=..'))
    eq(tip, '尚未开通', 'its tooltip says 尚未开通')
  } else {
    console.log('  (every program is paid by roster: no 尚未开通 to show)')
    let open = 0
    for (const p of progs) open += (await page.locator(`button[data-test=build-${p.program}]`).isEnabled()) ? 1 : 0
    eq(open, progs.length, 'every program paid by roster can be built')
  }
  eq((await tableRows(page, 'runs')).length, 0, 'no runs yet')

  await page.locator(`button[data-test=build-${program}]`).click()
  let dlg = page.locator('.el-dialog[data-test=build-dialog]')
  await dlg.waitFor()
  await settle(page)
  check((await dlg.locator('[data-test=period-current]').getAttribute('class')).includes('is-checked'), 'the build dialog offers this period first')
  check((await dlg.locator('[data-test=period-current]').innerText()).includes('2026年3月') && (await dlg.locator('[data-test=period-next]').innerText()).includes('2026年4月'),
    'the periods offered: 本期 2026年3月, 下期 2026年4月')
  if (closed) {
    await dlg.locator('[data-test=build-program]').click()
    const opt = page.locator('.el-select-dropdown__item:visible', { hasText: closed.program_name })
    check((await opt.getAttribute('class')).includes('is-disabled') && (await opt.innerText()).includes('尚未开通'), `the program picker greys out ${closed.program_name} (尚未开通)`)
    await page.keyboard.press('Escape')
  }
  await dlg.locator('[data-test=period-next]').click()
  await shot(page, 'build-dialog')
  await dlg.locator('[data-test=build-save]').click()
  await page.waitForURL(/\/payroll\/\d+$/)
  const runId = Number(page.url().split('/').pop())
  await openRun(page, runId)
  let R = (await ap.get(`/payroll/runs/${runId}`)).body
  eq(R.period, PERIOD, 'the API has the run of April')
  eq(R.sections.length, 2, 'the run has two townships\' sections')
  const mySec = () => R.sections.find((s) => s.township === TOWN)
  eq(await textOf(page, 'run-state'), '待乡镇报送', 'the run waits for the townships')
  eq(await textOf(page, 'run-period'), '2026年4月', 'its period')
  eq(await textOf(page, 'run-no'), R.run_no, 'its 批次号')
  eq(await textOf(page, 'run-due'), '2026-04-10', 'due on the 10th')
  eq(await textOf(page, 'run-declared'), totalsOf(R.declared), `the control totals in 元 are the API's (${totalsOf(R.declared)})`)
  eq(await textOf(page, 'run-actual'), totalsOf(mySec().declared), 'his own section\'s lines add up to its totals')
  eq(await textOf(page, 'totals-ok'), '与控制数相符', 'the control check agrees')
  let secRows = await tableRows(page, 'sections')
  check(secRows.length === 1 && secRows[0].startsWith('东屯镇') && secRows[0].includes('未报送'), 'the caseworker sees only 东屯镇\'s section', secRows)
  eq(await textOf(page, `sec-amount-${TOWN}`), yuanOf(mySec().declared.total_fen), 'its amount in 元')
  let lines = await tableRows(page, 'lines')
  eq(lines.length, mySec().declared.households, 'his lines: one per household of 东屯镇')
  check(!lines.some((l) => l.includes(theirs[0].hh_no)), 'no line of the other township')
  const ids = await page.locator('[data-test=line-id]').allInnerTexts()
  check(ids.length === lines.length && ids.every((x) => MASKED_ID.test(x.trim())), 'ID numbers masked: first 4 and last 4', ids)
  const accounts = await page.locator('[data-test=line-account]').allInnerTexts()
  check(accounts.filter((x) => MASKED_CARD.test(x.trim())).length === lines.length - 1, 'accounts masked but the last 4', accounts)
  check(lines.find((l) => l.includes(H1.hh_no))?.includes('缺少账户'), 'H1 without an account is flagged 缺少账户', lines)
  const H2 = mine[1]
  check(lines.find((l) => l.includes(H2.hh_no))?.includes(H2.account.slice(-4)), 'H2\'s account ends as in the register')
  // a line opens to its months
  const l2 = (await cw.get(`/payroll/runs/${runId}/lines?q=${H2.hh_no}`)).body.items[0]
  await page.locator('[data-test=lines] tr.el-table__row', { hasText: H2.hh_no }).locator('.el-table__expand-icon').click()
  const det = page.locator(`[data-test=detail-${H2.hh_no}]`)
  await det.waitFor()
  const detText = await det.innerText()
  check(detText.includes('2026年4月') && detText.includes(yuanOf(l2.total_fen)), 'the line\'s month and amount', detText)
  const tl0 = await textOf(page, 'timeline')
  check(tl0.includes('造册') && tl0.includes('caseworker'), 'the timeline starts with 造册 by the caseworker', tl0)
  await shot(page, 'run-built')

  // 报送 refused by the server: H1 has no account
  let posts = 0
  for (const p of [page, pageA]) {
    p.on('request', (q) => {
      if (q.method() === 'POST' && /\/payroll\/runs\/\d+\//.test(q.url())) posts++
    })
  }
  dlg = await openStep(page, `sec-submit-${TOWN}`)
  eq(await textOf(page, 'step-totals'), totalsOf(mySec().declared), 'the submit dialog shows the section\'s totals')
  await dlg.locator('[data-test=step-submit]').click()
  const err = dlg.locator('[data-test=step-error]')
  await err.waitFor()
  const errText = (await err.innerText()).trim()
  check(errText.includes('缺少银行账户'), 'the server\'s refusal is shown in the dialog', errText)
  await shot(page, 'submit-refused')
  await dlg.locator('button', { hasText: '取消' }).click()
  await dlg.waitFor({ state: 'hidden' })
  eq(await textOf(page, `sec-state-${TOWN}`), '未报送', 'nothing submitted')

  // the account back in the register; 重新造册, 报送
  r = await cw.patch(`/households/${H1.id}`, { bank_account: H1.account, reason: '补录银行账户' })
  eq(r.status, 200, 'setup: H1\'s account restored')
  dlg = await openStep(page, `sec-rebuild-${TOWN}`)
  await submitStep(page, dlg)
  await page.locator('[data-test=timeline] tr.event-rebuild').waitFor()
  await settle(page)
  lines = await tableRows(page, 'lines')
  check(lines.find((l) => l.includes(H1.hh_no))?.includes(H1.account.slice(-4)), 'after 重新造册 H1\'s line has its account', lines)
  dlg = await openStep(page, `sec-submit-${TOWN}`)
  await submitStep(page, dlg)
  await page.locator(`[data-test=sec-state-${TOWN}]`, { hasText: '已报送' }).waitFor()
  eq(await page.locator(`button[data-test^=sec-]`).count(), 0, 'a submitted section offers the township nothing')
  check((await textOf(page, 'read-only')).includes('没有可办理'), 'the page says there is nothing to do')
  eq(await page.locator('button[data-test=act-approve]').count(), 0, 'no 审批 for the caseworker')

  // 造册 again: the period has its run
  await page.locator('[data-test=menu-payroll]').click()
  await page.locator('[data-test=runs] .el-table__row').first().waitFor()
  await settle(page)
  R = (await ap.get(`/payroll/runs/${runId}`)).body
  let runRows = await tableRows(page, 'runs')
  check(runRows.length === 1 && runRows[0].includes('2026年4月') && runRows[0].includes(R.run_no) && runRows[0].includes('待乡镇报送') &&
    runRows[0].includes(yuanOf(R.declared.total_fen)), 'the list: the run with its period, 批次号, state and amount', runRows)
  check(runRows[0].includes(`\t${R.declared.households}\t${R.declared.persons}\t`), 'the list: its households and persons', runRows[0])
  await shot(page, 'runs-list')
  await buildRun(page, program, new RegExp(`/payroll/${runId}$`))
  const msg = page.locator('.el-message', { hasText: '本期已有批次' })
  check(await msg.waitFor({ timeout: 5000 }).then(() => true, () => false), '造册 again says 本期已有批次 and opens the same run',
    await page.locator('.el-message').allInnerTexts())
  eq((await ap.get('/payroll/runs')).body.items.length, 1, 'still one run')

  // ==== the approver: both sections, 审批 not yet, sends 东屯镇 back ===================
  await loginOk(pageA, 'approver')
  await openRun(pageA, runId)
  secRows = await tableRows(pageA, 'sections')
  check(secRows.length === 2 && secRows.some((s) => s.startsWith('东屯镇') && s.includes('已报送')) && secRows.some((s) => s.startsWith(B.name) && s.includes('未报送')),
    'the approver sees both sections', secRows)
  eq(await textOf(pageA, 'run-actual'), totalsOf(R.declared), 'the whole run\'s lines add up')
  check(await pageA.locator('button[data-test=act-approve]').isDisabled(), '审批 is greyed out while a township has not submitted')
  const why = await tooltipOf(pageA, pageA.locator('[data-test=blocked-approve]'))
  check(why.includes(B.name) && why.includes('须各乡镇全部报送后才能审批'), 'its tooltip names the township', why)
  eq(await pageA.locator(`button[data-test=sec-send_back-${B.code}]`).count(), 0, 'no 退回 for a section not submitted')
  eq(await pageA.locator(`button[data-test^=sec-submit]`).count(), 0, 'no 报送 for the approver')
  lines = await tableRows(pageA, 'lines')
  eq(lines.length, R.declared.households, 'the approver sees every line')
  await pickOption(pageA, pageA.locator('[data-test=lines-township]'), B.name)
  await pageA.waitForTimeout(300)
  await settle(pageA)
  lines = await tableRows(pageA, 'lines')
  check(lines.length === 1 && lines[0].includes(theirs[0].hh_no), `filtered by township: ${B.name}'s line`, lines)
  check((await textOf(pageA, 'lines-sum')).includes(`${B.name}清册合计`), 'the foot sums that section')
  await pageA.locator('.lines-panel, [data-test=lines-panel]').locator('button', { hasText: '重置' }).click()
  await pageA.locator('input[name=lines_q]').fill(H2.hh_no)
  await pageA.locator('[data-test=lines-search]').click()
  await pageA.waitForTimeout(300)
  await settle(pageA)
  lines = await tableRows(pageA, 'lines')
  check(lines.length === 1 && lines[0].includes(H2.hh_no), 'search by 户编号', lines)
  check((await textOf(pageA, 'lines-sum')).includes('全部乡镇清册合计') && (await textOf(pageA, 'lines-sum')).includes('不随'), 'the foot says its totals ignore the search')

  dlg = await openStep(pageA, `sec-send_back-${TOWN}`)
  const before = posts
  await dlg.locator('[data-test=step-submit]').click()
  await pageA.waitForTimeout(300)
  check((await dlg.locator('.el-form-item__error').allInnerTexts()).some((e) => e.includes('请填写退回原因')), 'an empty reason is stopped by the form')
  eq(posts, before, 'nothing was sent')
  const REASON = `${H2.hh_no} 人数与在保名册不符，请核实后重新造册`
  await dlg.locator('textarea[name=step_reason]').fill(REASON)
  await pageA.mouse.move(5, 5)
  await shot(pageA, 'send-back-dialog')
  await submitStep(pageA, dlg)
  await pageA.locator(`[data-test=sec-state-${TOWN}]`, { hasText: '已退回' }).waitFor()
  eq(await textOf(pageA, `sec-reason-${TOWN}`), REASON, 'the section shows the reason')

  // the second township submits (API)
  r = await cwB.post(`/payroll/runs/${runId}/submit`, { township: B.code })
  eq(r.status, 200, `${B.name} submits its section (API)`)
  eq((await cwB.get(`/payroll/runs/${runId}`)).body.sections.length, 1, `${B.name}'s clerk sees only its section (API)`)

  // ==== the caseworker sees why, rebuilds and resubmits ============================
  await openRun(page, runId)
  eq(await textOf(page, `sec-state-${TOWN}`), '已退回', 'the caseworker sees his section sent back')
  eq(await textOf(page, `sec-reason-${TOWN}`), REASON, '… with the reason')
  const sb = (await page.locator('[data-test=timeline] tr.event-send_back').innerText()).replace(/\s+/g, ' ')
  check(sb.includes(REASON) && sb.includes('退回乡镇') && sb.includes('approver'), 'the timeline has 退回乡镇 by the approver with the reason', sb)
  const tlC = await textOf(page, 'timeline')
  check(tlC.includes('其他乡镇') && !tlC.includes(B.code) && !tlC.includes(B.name), 'another township\'s step is 其他乡镇 to him', tlC)
  dlg = await openStep(page, `sec-rebuild-${TOWN}`)
  await submitStep(page, dlg)
  dlg = await openStep(page, `sec-submit-${TOWN}`)
  await submitStep(page, dlg)
  await page.locator(`[data-test=sec-state-${TOWN}]`, { hasText: '已报送' }).waitFor()
  await page.context().close()

  // ==== the approver approves ========================================================
  await openRun(pageA, runId)
  check(!(await pageA.locator('button[data-test=act-approve]').isDisabled()), '审批 is open once both townships are in')
  dlg = await openStep(pageA, 'act-approve')
  R = (await ap.get(`/payroll/runs/${runId}`)).body
  eq(await textOf(pageA, 'step-totals'), totalsOf(R.declared), 'the approve dialog shows the control totals')
  await submitStep(pageA, dlg)
  await pageA.locator('[data-test=run-state]', { hasText: '已审批' }).waitFor()
  eq(await pageA.locator('button[data-test=act-approve]').count(), 0, '审批 is gone once approved')
  eq(await pageA.locator('button[data-test^=sec-]').count(), 0, 'no section step once approved')
  const tl = await textOf(pageA, 'timeline')
  const order = ['造册', '重新造册', '乡镇报送', '退回乡镇', '乡镇报送', '重新造册', '乡镇报送', '县局审批']
  let at = -1
  check(order.every((a) => (at = tl.indexOf(a, at + 1)) >= 0), 'the timeline: the steps in order', tl)
  check(['caseworker', 'approver'].every((u) => tl.includes(u)) && tl.includes(B.name), 'the timeline names the people and the township', tl)
  await shot(pageA, 'run-approved')
  await pageA.context().close()
  R = (await ap.get(`/payroll/runs/${runId}`)).body
  eq(R.state, 'approved', 'the API has it approved')

  // ==== read-only users ============================================================
  const pageR = await newPage(browser)
  for (const u of ['auditor', 'payer']) {
    await loginOk(pageR, u)
    check((await pageR.locator('aside').innerText()).includes('资金发放'), `${u}: the menu has 资金发放`)
    await pageR.locator('[data-test=menu-payroll]').click()
    await pageR.locator('[data-test=runs] .el-table__row').first().waitFor()
    eq(await pageR.locator('[data-test=build-open]').count(), 0, `${u}: no 造册`)
    await openRun(pageR, runId)
    eq(await textOf(pageR, 'run-state'), '已审批', `${u}: reads the approved run`)
    eq(await textOf(pageR, 'run-declared'), totalsOf(R.declared), `${u}: the control totals`)
    eq(await pageR.locator('button[data-test=act-approve], button[data-test=act-cancel]').count(), 0, `${u}: no 审批 or 作废`)
    eq(await pageR.locator('button[data-test^=sec-]').count(), 0, `${u}: no section step`)
    check((await textOf(pageR, 'read-only')).includes('已审批'), `${u}: the page says the townships' and county's work is over`)
    lines = await tableRows(pageR, 'lines')
    eq(lines.length, R.declared.households, `${u}: every line`)
    if (u === 'auditor') {
      await shot(pageR, 'run-auditor')
      // a line changed behind the application: the control check shows it
      sql(`UPDATE payroll_lines SET base_fen = base_fen + 100, total_fen = total_fen + 100 WHERE run_id = ${runId} AND household_id = ${H2.id}`)
      try {
        await openRun(pageR, runId)
        const alert = await textOf(pageR, 'totals-mismatch')
        check(alert.includes('控制数不符') && alert.includes(yuanOf(BigInt(R.declared.total_fen) + 100n)) && alert.includes(yuanOf(R.declared.total_fen)),
          'a line changed behind the application: 控制数不符 with both sums', alert)
        eq(await textOf(pageR, 'totals-ok'), '控制数不符', 'the control tag is red')
        await shot(pageR, 'totals-mismatch')
      } finally {
        sql(`UPDATE payroll_lines SET base_fen = base_fen - 100, total_fen = total_fen - 100 WHERE run_id = ${runId} AND household_id = ${H2.id}`)
      }
      // a run that does not exist: the server's words
      await pageR.goto(`${base}/payroll/999999`)
      await pageR.locator('[data-test=notfound]').waitFor()
      check((await pageR.locator('main').innerText()).includes('发放批次 999999 不存在'), 'an unknown run: 页面不存在 with the server\'s message')
    }
    await logout(pageR)
  }
  await pageR.context().close()
}
