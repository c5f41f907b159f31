// test_11_payroll_bank.mjs — a month's 低保 money from the roster to
// reconciled in the browser (issue 5: the bank steps), on the real server
// with its business date fixed (restartServer), three people with separate
// duties, each in a window of his own:
//  - set-up through the API: three new one-person rural households of
//    东屯镇 (made by the demo caseworker, cases with the demo reviewer) and
//    one of a second township (a clerk and a reviewer made by the
//    administrator) apply on 2026-09-07 and are confirmed on 2026-09-15,
//    paid from October; a county clerk "both" who prepares and is also a
//    payment officer;
//  - the township caseworker builds October and submits 东屯镇; "both"
//    submits the other townships' sections (API); before approval the page
//    offers the caseworker only his township's roster;
//  - the county approver approves: no 导出银行文件 for him (the API says
//    没有权限办理银行代发), but the county's ledger;
//  - "both" tries to export and the server's separation of duties
//    (同一人员不能既造册报送又导出同一批次) is shown in the dialog;
//  - the payment officer exports with the 通用CSV template: the file name
//    and SHA-256 shown are the API's, the downloaded bytes have that
//    SHA-256, the xlsx roster and ledger download; a return file with a
//    wrong amount is refused naming its line, changing nothing; the return
//    (written here from the exported file, as a bank would) marks one line
//    failed with 账户已销户: 成功 n−1, 失败 1 with the reason, 已回盘, and the
//    reconciliation declared = paid + failed + reissued, 平衡;
//  - the caseworker sees the failed line in 发放失败与重发, corrects the
//    account on the household (a wrong check digit stopped by the form;
//    the card number's message follows what is typed, never a number no
//    longer in the field),
//    makes the reissue run (…F01, the corrected account) and submits it;
//    the approver approves it; the payment officer exports it, uploads its
//    return and reconciles it, then sees the original run's 已转重发 1 笔,
//    平衡, and reconciles it too;
//  - the household's 资金发放 tab shows October due, paid and the two lines;
//    another's an overpayment recorded by hand and partly repaid (when the
//    recovery API answers); its 核销 (waiver): the approver who recorded
//    it is refused in the dialog, changing nothing; a second county
//    approver's empty form is stopped, then the waiver closes it
//    (已核销, the rest shown as waived); the township's clerk has no 核销;
//  - 补发 for October finds nothing (the server's words in the dialog);
//  - the payment officer adds a fixed-width GBK template with header and
//    trailer from the form; a broken one is refused naming its line.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  run, newPage, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows, base, restartServer, pickOption, root, makeId, freshSeed,
  makeUser, confirmAll, onDate, loginToPayroll, buildRun, openRun, textOf, openStep, submitStep,
} from './lib.mjs'

const bk = await import(pathToFileURL(path.join(root, 'web', 'src', 'lib', 'payroll_bank.js')).href)

// The pure rules of web/src/lib/payroll_bank.js.
function pureRules() {
  const payer = { perms: ['payroll_read', 'payroll_pay'], township: '' }
  const town = { perms: ['payroll_read', 'payroll_prepare'], township: '410726101000' }
  const on = (o) => Object.keys(o).filter((k) => o[k]).sort().join(',')
  eq(on(bk.bankActions({ state: 'approved' }, payer)), 'export,ledger,roster', 'bankActions: an approved run, the payment officer')
  eq(on(bk.bankActions({ state: 'exported', file_sha256: 'ab' }, payer)), 'bankFile,ledger,recon,roster,upload', '… exported: upload the return')
  eq(on(bk.bankActions({ state: 'returned', file_sha256: 'ab' }, payer)), 'bankFile,ledger,recon,reconcile,roster', '… returned: reconcile')
  eq(on(bk.bankActions({ state: 'returned', file_sha256: 'ab' }, town)), 'roster', 'a township: its roster only')
  eq(on(bk.bankActions({ state: 'cancelled' }, payer)), '', 'a cancelled run: nothing')
  const rc = { declared: { lines: 21, total_fen: 1938746 }, paid: { lines: 20, total_fen: 1899776 }, failed: { lines: 1, total_fen: 38970 },
    reissued: { lines: 0, total_fen: 0 }, pending: { lines: 0, total_fen: 0 }, balanced: true }
  eq(bk.reconEquation(rc).text, '19,387.46 = 18,997.76 + 389.70 + 0.00', 'reconEquation in 元')
  eq(bk.reconVerdict(rc).name, '平衡', 'reconVerdict: balanced')
  const pend = { ...rc, paid: { lines: 0, total_fen: 0 }, failed: { lines: 0, total_fen: 0 }, pending: { lines: 21, total_fen: 1938746 }, balanced: false }
  check(bk.reconVerdict(pend).name === '未平' && bk.reconVerdict(pend).type === 'warning' && bk.reconVerdict(pend).why.includes('21 笔未回盘'), 'reconVerdict: still at the bank')
  const off = { ...rc, paid: { lines: 20, total_fen: 1899775 }, balanced: false }
  check(bk.reconVerdict(off).type === 'danger' && bk.reconVerdict(off).why.includes('相差 0.01 元'), 'reconVerdict: one fen off', bk.reconVerdict(off))
  eq(bk.partText({ lines: 1234, total_fen: 5 }), '1,234 笔 0.05 元', 'partText')
  eq(bk.returnText({ paid: 20, paid_fen: 1899776, failed: 1, failed_fen: 38970, pending: 0 }), '成功 20 笔 18,997.76 元，失败 1 笔 389.70 元，尚未回盘 0 笔', 'returnText')
  check(bk.returnText({ paid: 1, paid_fen: 1, failed: 0, failed_fen: 0, pending: 0, overpayments_closed: 2 }).endsWith('2 笔应追缴已全部追回'), 'returnText: overpayments closed')
  eq(bk.accountProblem('6217 0068 0605 2634 183'), '', 'accountProblem: a valid card with spaces')
  check(bk.accountProblem('6217006806052634184').includes('校验位不正确'), 'accountProblem: a wrong Luhn digit')
  check(bk.accountProblem('62170068').includes('16 至 19 位'), 'accountProblem: too short')
  const acc = { months: [{ month: '2026-10', due_fen: 100, paid_fen: 0, pending_fen: 0, failed_fen: 0, owed_fen: 100 }], totals: {} }
  eq(bk.accountColumns(acc).map((c) => c.name).join(','), '应发,已发,银行处理中,发放失败,欠发', 'accountColumns: the five')
  acc.months[0].overpaid_fen = 0
  acc.months[0].recovered_fen = 0
  eq(bk.accountColumns(acc).map((c) => c.name).join(','), '应发,已发,银行处理中,发放失败,欠发', 'accountColumns: recovery fields all zero are left out')
  acc.months[0].recovered_fen = 200
  acc.totals.outstanding_fen = 500
  eq(bk.accountColumns(acc).map((c) => c.name).join(','), '应发,已发,银行处理中,发放失败,欠发,已追回,待追回', 'accountColumns: recovery when the answer has it')
  eq(bk.owedText(-1250), '多发 12.50', 'owedText: overpaid')
  eq(bk.owedText(1250), '12.50', 'owedText: owed')
  const t = bk.templateText({ name: '某行', format: 'fixed', encoding: 'gbk', amount: 'fen', header: 'summary', trailer: 'summary', columns: ['seq', 'account', 'amount'], paid: '0000' })
  check(t.includes('format = fixed') && t.includes('column = account 19 left') && t.includes('column = amount 12 zero') && t.includes('return.trailer = total 15 zero') &&
    t.includes('return.paid = 0000') && !t.includes('separator'), 'templateText: fixed width with widths, header and trailer', t)
  const d = bk.templateText({ name: '某行', format: 'delimited', encoding: 'utf8', separator: ',', header: 'titles', trailer: 'none', columns: [], paid: '成功' })
  check(d.includes('separator = ,') && d.includes('header = titles') && d.includes('return.header = titles') && d.includes('column = reference') && !/\d+ (left|zero)/.test(d),
    'templateText: delimited, titles, default columns, no widths', d)
}

const D0 = '2026-09-07' // a Monday: applications and their public notice
const D1 = '2026-09-15' // confirmed, paid from October; October built, approved, exported
const D2 = '2026-10-12' // the bank's return, the reissue
const PERIOD = '2026-10'
const TOWN = '410726101000' // 东屯镇
const PW2 = 'Pay#2026bk'
const CSV = '通用CSV（UTF-8）'

function yuanOf(fen) {
  const n = BigInt(fen)
  const neg = n < 0n
  const a = neg ? -n : n
  return `${neg ? '-' : ''}${(a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(a % 100n).toString().padStart(2, '0')}`
}

function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex')
}

// A 19-digit card number with a valid Luhn digit, unique per run.
function cardNo(seed) {
  const body = `621700${String(seed).padStart(12, '0').slice(-12)}`
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return body + String((10 - (sum % 10)) % 10)
}

// ---- set-up through the API (as test_10_payroll does) ----------------------------

// A new one-person rural household of the user's township (its first
// village) with a bank account: the test takes nothing from the demo's
// few households without income, which test_8 and test_9 (run after this
// one) need.
async function newHousehold(api, name, seed) {
  const village = (await api.get('/regions')).body?.children?.[0]?.code
  if (!village) throw new Error('no village for a new household')
  const account = cardNo(seed)
  const r = await api.post('/households', {
    village_code: village, address: `${name}家 ${seed % 100} 号`, registration: 2,
    bank_name: '中国农业银行', bank_account: account, account_name: name, head: { id_number: makeId(seed), name },
  })
  if (r.status !== 201) throw new Error(`household of ${name}: ${r.status} ${r.text}`)
  return { id: r.body.household.id, hh_no: r.body.household.hh_no, account }
}

async function setUp() {
  const admin = await apiLogin('admin')
  const cw = await apiLogin('caseworker')
  const rv = await apiLogin('reviewer')
  const ap = await apiLogin('approver')
  const pay = await apiLogin('payer')
  const program = 'dibao_rural'
  const towns = ((await admin.get('/regions')).body?.children || []).filter((t) => t.level === 4 && t.code !== TOWN)
  const B = towns[0]
  if (!B) throw new Error('no second township')
  const stamp = Date.now() % 100000
  const cwB = await makeUser(admin, `pb${stamp}c`, `${B.name}经办人`, B.code, ['township_caseworker'], PW2)
  const rvB = await makeUser(admin, `pb${stamp}r`, `${B.name}审核人`, B.code, ['township_reviewer'], PW2)
  const bothName = `pb${stamp}x`
  const both = await makeUser(admin, bothName, '县级造册兼发放', '410726000000', ['township_caseworker', 'payment_officer'], PW2)
  const seed = freshSeed()
  const mine = []
  for (const [i, name] of ['郑秀兰', '冯建国', '韩玉梅'].entries()) mine.push(await newHousehold(cw, name, seed + i * 7919))
  const theirs = [await newHousehold(cwB, '何志刚', seed + 4 * 7919)]
  await confirmAll(ap, program, D0, D1, [...mine.map((h) => [cw, rv, h]), [cwB, rvB, theirs[0]]])
  console.log(`  (${program}: 东屯镇 ${mine.map((h) => h.hh_no).join(' ')}; ${B.name} ${theirs[0].hh_no}; ${bothName})`)
  return { cw, ap, pay, both, bothName, B, mine, program, stamp }
}

// ---- the UI -------------------------------------------------------------------

// Takes a run's step that asks for nothing: its dialog, opened by its
// button, submitted at once.
async function step(page, button) {
  await submitStep(page, await openStep(page, button))
}

// Clicks what starts a download; the download's name and bytes.
async function downloadOf(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click()])
  const file = await dl.path()
  return { name: dl.suggestedFilename(), bytes: readFileSync(file) }
}

// The bank's return file for a 通用CSV pay file: 序号,业务编号,户名,账号,金额,
// 处理状态,失败原因; the line whose 业务编号 is in fails failed with reason.
function returnCsv(payFile, fails = {}, amountOf = {}) {
  const rows = payFile.toString('utf8').split(/\r?\n/).filter((l) => l.trim())
  const out = ['序号,业务编号,户名,账号,金额,处理状态,失败原因']
  for (const l of rows.slice(1)) {
    const c = l.split(',')
    const ref = c[1]
    const failed = fails[ref]
    out.push([c[0], ref, c[6], c[7], amountOf[ref] || c[8], failed ? 'F001' : '成功', failed || ''].join(','))
  }
  return Buffer.from(`${out.join('\r\n')}\r\n`, 'utf8')
}

// Uploads a return file in the dialog; the dialog.
async function uploadReturn(page, name, buffer) {
  await page.locator('button[data-test=bank-return]').click()
  const dlg = page.locator('.el-dialog[data-test=return-dialog]')
  await dlg.waitFor()
  await settle(page)
  await dlg.locator('[data-test=return-upload] input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer })
  await dlg.locator('[data-test=return-file]').waitFor()
  await dlg.locator('[data-test=return-submit]').click()
  await dlg.locator('[data-test=return-result], [data-test=return-error]').first().waitFor()
  await settle(page)
  return dlg
}

// Exports with a template in the dialog, as the payment officer; the dialog.
async function exportWith(page, template, payer) {
  await page.locator('button[data-test=bank-export]').click()
  const dlg = page.locator('.el-dialog[data-test=export-dialog]')
  await dlg.waitFor()
  await settle(page)
  await pickOption(page, dlg.locator('[data-test=export-template]'), template)
  if (payer) await dlg.locator('input[name=payer_account]').fill(payer)
  await dlg.locator('[data-test=export-submit]').click()
  await dlg.locator('[data-test=export-result], [data-test=export-error]').first().waitFor()
  await settle(page)
  return dlg
}

async function confirmBox(page, button) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  const t = (await box.innerText()).replace(/\s+/g, ' ')
  await box.locator('.el-message-box__btns button', { hasText: button }).click()
  await box.waitFor({ state: 'hidden' })
  await settle(page)
  return t
}

// the time each part took, printed at the end
const t0 = Date.now()
const marks = []
function mark(what) {
  marks.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)}`)
}

await run('payroll_bank', async (browser) => {
  pureRules()
  await onDate(D0, () => body(browser))
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s: ${marks.join(', ')})`)
})

async function body(browser) {
  const { cw, ap, pay, both, bothName, mine, program, stamp } = await setUp()
  const H2 = mine[1]

  mark('set-up')
  // ==== the caseworker builds October and submits 东屯镇 =========================
  const pageC = await newPage(browser)
  await loginToPayroll(pageC, 'caseworker')
  const runId = await buildRun(pageC, program)
  let dlg
  await openRun(pageC, runId)
  let R = (await ap.get(`/payroll/runs/${runId}`)).body
  eq(R.period, PERIOD, 'the caseworker built October')
  eq(await pageC.locator('button[data-test=roster-download]').count(), 1, 'before approval the caseworker may download his roster')
  eq(await pageC.locator('[data-test=ledger-download], [data-test=bank-export], [data-test=bank-download]').count(), 0,
    '… but no ledger, bank file or export')
  await step(pageC, `sec-submit-${TOWN}`)
  await pageC.locator(`[data-test=sec-state-${TOWN}]`, { hasText: '已报送' }).waitFor()
  check(true, '东屯镇 submitted by the caseworker')
  // every other township's section: the county clerk "both" (API)
  for (const s of R.sections.filter((x) => x.township !== TOWN)) {
    const r = await both.post(`/payroll/runs/${runId}/submit`, { township: s.township })
    eq(r.status, 200, `${s.township_name} submitted by ${bothName} (API)`)
  }

  mark('built')
  // ==== the approver approves ========================================================
  const pageA = await newPage(browser)
  await loginOk(pageA, 'approver')
  await openRun(pageA, runId)
  await step(pageA, 'act-approve')
  await pageA.locator('[data-test=run-state]', { hasText: '已审批' }).waitFor()
  check(true, 'the approver approves')
  eq(await pageA.locator('button[data-test=bank-export]').count(), 0, 'the approver is offered no 导出银行文件')
  check((await textOf(pageA, 'bank-waiting')).includes('等待资金发放员导出'), 'the page says the payment officer exports')
  eq(await pageA.locator('button[data-test=ledger-download]').count(), 1, 'the approver may download the ledger')
  let r = await ap.post(`/payroll/runs/${runId}/export`, { template: CSV })
  check(r.status === 403 && r.body.error.message.includes('没有权限办理银行代发'), 'the approver exporting through the API: 没有权限办理银行代发', r.body)

  mark('approved')
  // ==== "both" submitted a section: the server refuses his export ====================
  const pageX = await newPage(browser)
  await loginOk(pageX, bothName, PW2)
  await openRun(pageX, runId)
  dlg = await exportWith(pageX, CSV, '')
  const sep = (await dlg.locator('[data-test=export-error]').innerText()).trim()
  check(sep.includes('同一人员不能既造册报送又导出同一批次'), 'separation of duties: the server\'s refusal shown in the export dialog', sep)
  await shot(pageX, 'export-refused')
  eq((await ap.get(`/payroll/runs/${runId}`)).body.state, 'approved', 'nothing exported')
  await pageX.context().close()

  mark('refused')
  // ==== the payment officer exports ================================================
  const pageP = await newPage(browser)
  await loginOk(pageP, 'payer')
  await openRun(pageP, runId)
  dlg = await exportWith(pageP, CSV, '410500012345')
  R = (await ap.get(`/payroll/runs/${runId}`)).body
  eq(R.state, 'exported', 'the payment officer exports (API: exported)')
  eq(await textOf(pageP, 'export-file-name'), R.file_name, `the dialog shows the file name ${R.file_name}`)
  eq(await textOf(pageP, 'export-sha'), R.file_sha256, 'the dialog shows the recorded SHA-256')
  await shot(pageP, 'exported')
  const bank = await downloadOf(pageP, () => dlg.locator('[data-test=export-download]').click())
  eq(bank.name, R.file_name, 'the bank file downloads under its name')
  eq(sha256(bank.bytes), R.file_sha256, 'the downloaded bytes have the recorded SHA-256')
  await dlg.locator('.el-dialog__footer button', { hasText: '关闭' }).click()
  await dlg.waitFor({ state: 'hidden' })
  check((await textOf(pageP, 'bank-checked')).includes('SHA-256 与导出时记录的一致'), 'the page says the download matches the recorded checksum')
  eq(await textOf(pageP, 'bank-sha'), R.file_sha256, 'the run shows the file\'s SHA-256')
  eq(await textOf(pageP, 'run-state'), '已导出代发文件', 'the run is 已导出代发文件')
  const nRows = bank.bytes.toString('utf8').split(/\r?\n/).filter((l) => l.trim()).length - 1
  eq(nRows, R.declared.lines, 'one row per line in the bank file')
  // the xlsx roster and the ledger
  await pageP.locator('[data-test=roster-download]').click()
  const roster = await downloadOf(pageP, () => pageP.locator('.el-dropdown-menu__item:visible', { hasText: '完整清册' }).click())
  check(roster.name === `补贴清册_${R.run_no}.xlsx` && roster.bytes.subarray(0, 2).toString() === 'PK', `the roster downloads as ${roster.name} (xlsx)`, roster.name)
  const ledger = await downloadOf(pageP, () => pageP.locator('[data-test=ledger-download]').click())
  check(ledger.name === `计财台账_${R.run_no}.xlsx` && ledger.bytes.subarray(0, 2).toString() === 'PK', `the ledger downloads as ${ledger.name} (xlsx)`, ledger.name)
  await shot(pageP, 'bank-panel')

  mark('exported')
  // ==== the bank's return ============================================================
  await restartServer(D2)
  const lineH2 = (await ap.get(`/payroll/runs/${runId}/lines?q=${H2.hh_no}`)).body.items[0]
  const firstRef = bank.bytes.toString('utf8').split(/\r?\n/)[1].split(',')[1]
  await openRun(pageP, runId)
  dlg = await uploadReturn(pageP, 'bad_amount.csv', returnCsv(bank.bytes, {}, { [firstRef]: '1.00' }))
  const bad = (await dlg.locator('[data-test=return-error]').innerText()).trim()
  check(bad.includes('回盘文件第 2 行') && bad.includes('金额 1.00 元与清册'), 'a wrong amount: the server names the file\'s line', bad)
  check(bad.includes('没有任何改变'), '… and the dialog says nothing changed')
  await shot(pageP, 'return-refused')
  eq((await ap.get(`/payroll/runs/${runId}`)).body.state, 'exported', 'the refused file changed nothing')
  await dlg.locator('[data-test=return-upload] input[type=file]').setInputFiles({
    name: 'return_1012.csv', mimeType: 'text/csv', buffer: returnCsv(bank.bytes, { [String(lineH2.id)]: '账户已销户' }),
  })
  await dlg.locator('[data-test=return-submit]').click()
  await dlg.locator('[data-test=return-result]').waitFor()
  await dlg.locator('[data-test=return-reasons]').waitFor()
  await settle(pageP)
  eq(await textOf(pageP, 'return-paid'), String(R.declared.lines - 1), `成功 ${R.declared.lines - 1} 笔`)
  eq(await textOf(pageP, 'return-failed'), '1', '失败 1 笔')
  eq(await textOf(pageP, 'return-pending'), '0', '尚未回盘 0 笔')
  const reasons = await tableRows(pageP, 'return-reasons')
  check(reasons.length === 1 && reasons[0].includes(H2.hh_no) && reasons[0].includes('账户已销户') && reasons[0].includes(yuanOf(lineH2.total_fen)),
    'the failed line with the bank\'s reason', reasons)
  await shot(pageP, 'return-recorded')
  await dlg.locator('[data-test=return-close]').click()
  await dlg.waitFor({ state: 'hidden' })
  await pageP.locator('[data-test=run-state]', { hasText: '已回盘' }).waitFor()
  check(true, 'the run is 已回盘')
  let rc = (await pay.get(`/payroll/runs/${runId}/reconciliation`)).body
  await pageP.locator('[data-test=recon-verdict]').waitFor()
  await settle(pageP)
  eq(await textOf(pageP, 'recon-verdict'), '平衡', 'the reconciliation balances with the failed line counted')
  check((await textOf(pageP, 'recon-paid')).includes(`${rc.paid.lines} 笔 ${yuanOf(rc.paid.total_fen)} 元`), '实发 as the API')
  check((await textOf(pageP, 'recon-failed')).includes(`1 笔 ${yuanOf(lineH2.total_fen)} 元`), '失败待重发 1 笔')
  eq(await textOf(pageP, 'recon-sum'), `${yuanOf(R.declared.total_fen)} = ${yuanOf(rc.paid.total_fen)} + ${yuanOf(lineH2.total_fen)} + 0.00`,
    'declared = paid + failed + reissued, in 元')
  eq((await tableRows(pageP, 'recon-returns')).length, 1, 'one return file recorded (the refused one is not)')
  const rq = await tableRows(pageP, 'reissue-lines')
  check(rq.length === 1 && rq[0].includes(H2.hh_no) && rq[0].includes('待重发') && rq[0].includes('账户未更正'), 'the failed line waits for its reissue', rq)
  await pageP.locator('[data-test=reissue-panel]').scrollIntoViewIfNeeded()
  await shot(pageP, 'reconciliation-failed')

  mark('returned')
  // ==== the caseworker corrects the account and makes the reissue =====================
  await openRun(pageC, runId)
  eq(await pageC.locator('[data-test=recon-panel]').count(), 0, 'the township has no reconciliation (the county\'s)')
  let rows = await tableRows(pageC, 'reissue-lines')
  check(rows.length === 1 && rows[0].includes('账户已销户') && /4107\*{10}[\dX]{4}/.test(rows[0]), 'the caseworker sees the failed line, ID masked', rows)
  await pageC.locator(`[data-test=reissue-fix-${H2.hh_no}]`).click()
  dlg = pageC.locator('.el-dialog[data-test=account-dialog]')
  await dlg.waitFor()
  await settle(pageC)
  const NEW = cardNo(stamp * 7 + 13)
  const wrong = NEW.slice(0, 18) + String((Number(NEW[18]) + 1) % 10)
  await dlg.locator('input[name=fix_bank_account]').fill(wrong)
  await dlg.locator('input[name=fix_bank_name]').fill('中国农业银行延津县支行')
  await dlg.locator('[data-test=account-save]').click()
  await pageC.waitForTimeout(300)
  check((await dlg.locator('.el-form-item__error').allInnerTexts()).some((e) => e.includes('校验位不正确')), 'a wrong check digit is stopped by the form')
  // the card number's message follows the field while it is edited (the
  // rule runs on blur): another wrong number is named as it is typed, the
  // right one clears the message before the field is left
  const card = dlg.locator('input[name=fix_bank_account]')
  const cardMsg = dlg.locator('.el-form-item', { has: pageC.locator('input[name=fix_bank_account]') }).locator('.el-form-item__error')
  const wrong2 = NEW.slice(0, 18) + String((Number(NEW[18]) + 2) % 10)
  await card.fill(wrong2)
  await settle(pageC)
  const said = (await cardMsg.allInnerTexts()).join(' ')
  check(said.includes(wrong2) && !said.includes(wrong), 'retyped, the message names the number in the field, not the one before', { wrong, wrong2, said })
  await card.fill(NEW)
  await cardMsg.waitFor({ state: 'detached', timeout: 3000 }).catch(() => {})
  eq((await cardMsg.allInnerTexts()).join(' '), '', 'corrected, no message is left about a number no longer in the field')
  eq(await card.inputValue(), NEW, 'the field holds the corrected number')
  await shot(pageC, 'account-fix')
  await dlg.locator('[data-test=account-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await pageC.locator(`[data-test=reissue-changed-${H2.hh_no}]`, { hasText: '账户已更正' }).waitFor()
  check((await pageC.locator('[data-test=reissue-current]').first().innerText()).includes(NEW.slice(-4)), 'the queue shows the corrected account')
  eq((await cw.get(`/households/${H2.id}`)).body.household.bank_account, NEW, 'the register holds the new account')
  await pageC.locator('button[data-test=reissue-make]').click()
  const ask = await confirmBox(pageC, '生成')
  check(ask.includes('1 笔'), 'the confirmation counts the queue', ask)
  await pageC.waitForURL((u) => /\/payroll\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${runId}`))
  const reId = Number(pageC.url().split('/').pop())
  await openRun(pageC, reId)
  let RE = (await ap.get(`/payroll/runs/${reId}`)).body
  eq(RE.kind, 'reissue', 'a reissue run')
  check((await textOf(pageC, 'run-fields')).includes('重发'), 'the page says 重发')
  let lines = await tableRows(pageC, 'lines')
  check(lines.length === 1 && lines[0].includes(H2.hh_no) && lines[0].includes(NEW.slice(-4)) && lines[0].includes(yuanOf(lineH2.total_fen)),
    'the reissue pays the failed line to the corrected account', lines)
  await shot(pageC, 'reissue-built')
  for (const s of RE.sections) {
    if (s.township === TOWN) await step(pageC, `sec-submit-${TOWN}`)
    else eq((await both.post(`/payroll/runs/${reId}/submit`, { township: s.township })).status, 200, 'another township\'s reissue submitted (API)')
  }
  await openRun(pageA, reId)
  await step(pageA, 'act-approve')
  await pageA.locator('[data-test=run-state]', { hasText: '已审批' }).waitFor()
  check(true, 'the approver approves the reissue')

  mark('reissue approved')
  // ==== the payment officer pays the reissue and reconciles both =======================
  await openRun(pageP, reId)
  dlg = await exportWith(pageP, CSV, '')
  RE = (await ap.get(`/payroll/runs/${reId}`)).body
  const bank2 = await downloadOf(pageP, () => dlg.locator('[data-test=export-download]').click())
  eq(sha256(bank2.bytes), RE.file_sha256, 'the reissue\'s file has its recorded SHA-256')
  check(bank2.bytes.toString('utf8').includes(NEW), 'the reissue file carries the corrected account')
  await dlg.locator('.el-dialog__footer button', { hasText: '关闭' }).click()
  await dlg.waitFor({ state: 'hidden' })
  dlg = await uploadReturn(pageP, 'return_reissue.csv', returnCsv(bank2.bytes))
  eq(await textOf(pageP, 'return-paid'), '1', 'the reissue\'s return: 成功 1 笔')
  await dlg.locator('[data-test=return-close]').click()
  await dlg.waitFor({ state: 'hidden' })
  await pageP.locator('[data-test=recon-verdict]', { hasText: '平衡' }).waitFor()
  await pageP.locator('button[data-test=recon-do]').click()
  await confirmBox(pageP, '对账')
  await pageP.locator('[data-test=run-state]', { hasText: '已对账' }).waitFor()
  check(true, 'the reissue run is reconciled')

  await openRun(pageP, runId)
  await pageP.locator('[data-test=recon-verdict]').waitFor()
  await settle(pageP)
  rc = (await pay.get(`/payroll/runs/${runId}/reconciliation`)).body
  eq(rc.reissued.lines, 1, 'the API has the failed line reissued')
  check((await textOf(pageP, 'recon-reissued')).includes(`1 笔 ${yuanOf(lineH2.total_fen)} 元`), 'the original run: 已转重发 1 笔')
  check((await textOf(pageP, 'recon-failed')).includes('0 笔'), '… 失败待重发 0 笔')
  eq(await textOf(pageP, 'recon-verdict'), '平衡', '… 平衡')
  rows = await tableRows(pageP, 'reissue-lines')
  check(rows.length === 1 && rows[0].includes('已转重发'), 'the failed line is marked 已转重发', rows)
  await pageP.locator('button[data-test=recon-do]').click()
  const recText = await confirmBox(pageP, '对账')
  check(recText.includes('已转重发 1 笔'), 'the confirmation restates the figures', recText)
  await pageP.locator('[data-test=run-state]', { hasText: '已对账' }).waitFor()
  eq((await ap.get(`/payroll/runs/${runId}`)).body.state, 'reconciled', 'the month is reconciled (API)')
  eq(await pageP.locator('button[data-test=recon-do], button[data-test=bank-return]').count(), 0, 'nothing left to do on it')
  const tl = await textOf(pageP, 'timeline')
  check(['导出代发文件', '登记回盘', '对账'].every((a) => tl.includes(a)) && tl.includes('payer'), 'the timeline has the bank steps by the payment officer', tl)
  await pageP.locator('[data-test=recon-panel]').scrollIntoViewIfNeeded()
  await shot(pageP, 'reconciled')
  // the list: the reissue run with its kind
  await pageP.locator('[data-test=menu-payroll]').click()
  await pageP.locator('[data-test=runs] .el-table__row').first().waitFor()
  await settle(pageP)
  const list = await tableRows(pageP, 'runs')
  check(list.some((x) => x.includes(RE.run_no) && x.includes('重发') && x.includes('已对账')) && list.some((x) => x.includes(R.run_no) && x.includes('正常') && x.includes('已对账')),
    'the list: the month and its reissue, both 已对账', list)
  eq(await pageP.locator('[data-test=reissue-panel]:visible').count(), 0, 'the reissue queue is empty, not shown')
  await shot(pageP, 'runs-reconciled')

  mark('reconciled')
  // ==== the household's account ===================================================
  const acc = (await cw.get(`/households/${H2.id}/payments`)).body
  const a = acc.accounts.find((x) => x.program === program)
  const oct = a?.months.find((m) => m.month === PERIOD)
  await pageC.goto(`${base}/households/${H2.id}?tab=payments`)
  await pageC.locator(`[data-test=payments-months-${program}]`).waitFor()
  await settle(pageC)
  const months = await tableRows(pageC, `payments-months-${program}`)
  const octRow = months.find((x) => x.startsWith('2026年10月')) || ''
  check(oct && octRow.includes(yuanOf(oct.due_fen)) && BigInt(oct.paid_fen) === BigInt(lineH2.total_fen), 'October: due and paid as the API, paid in full after the reissue', { octRow, oct })
  const plines = await tableRows(pageC, 'payments-lines')
  check(plines.some((x) => x.includes(R.run_no) && x.includes('发放失败') && x.includes('账户已销户') && x.includes('已转重发')) &&
    plines.some((x) => x.includes(RE.run_no) && x.includes('重发') && x.includes('已发放')), 'the lines: the failed one reissued, the reissue paid', plines)
  await shot(pageC, 'household-payments')
  // an overpayment recorded by hand and partly repaid (the recovery API,
  // still being written: checked only when it answers)
  const H1 = mine[0]
  const op = await ap.post('/payroll/overpayments', { household_id: H1.id, program, period: PERIOD, amount_fen: 5000, reason: 'fraud', plan: 'repay', note: '隐瞒务工收入' })
  if (op.status === 201) {
    const rp = await pay.post(`/payroll/overpayments/${op.body.id}/repayments`, { amount_fen: 2000, receipt_no: `豫财收〔2026〕${stamp}号` })
    eq(rp.status, 201, 'setup: 20.00 元 repaid (API)')
    await pageC.goto(`${base}/households/${H1.id}?tab=payments`)
    await pageC.locator(`[data-test=payments-overpayments-${program}]`).waitFor()
    await settle(pageC)
    const ov = await tableRows(pageC, `payments-overpayments-${program}`)
    check(ov.length === 1 && ov[0].includes('50.00') && ov[0].includes('20.00') && ov[0].includes('30.00') && ov[0].includes('隐瞒务工收入'),
      'the household tab lists the overpayment: 应追缴 50.00, 已追回 20.00, 待追回 30.00', ov)
    const head = (await pageC.locator(`[data-test=payments-months-${program}] thead`).innerText()).replace(/\s+/g, ' ')
    check(head.includes('已追回') && head.includes('待追回'), 'the months show the recovery columns the answer carries', head)
    await shot(pageC, 'household-overpayment')
    eq(await pageC.locator(`[data-test=waive-${op.body.id}]`).count(), 0, 'the township clerk has no 核销')
    // 核销: the approver who recorded it is refused by the server
    const waive = async (page) => {
      await page.goto(`${base}/households/${H1.id}?tab=payments`)
      await page.locator(`[data-test=payments-overpayments-${program}]`).waitFor()
      await settle(page)
      await page.locator(`button[data-test=waive-${op.body.id}]`).click()
      const d = page.locator('.el-dialog[data-test=waive-dialog]')
      await d.waitFor()
      await settle(page)
      return d
    }
    let wd = await waive(pageA)
    eq(await wd.locator('[data-test=waive-amount]').innerText(), '30.00 元', 'the dialog waives what is outstanding')
    await wd.locator('textarea[name=waive_reason]').fill('户主已死亡，无遗产可供追缴')
    await wd.locator('input[name=waive_doc]').fill(`延民核〔2026〕${stamp}号`)
    await wd.locator('[data-test=waive-save]').click()
    await wd.locator('[data-test=waive-error]').waitFor()
    const selfErr = (await wd.locator('[data-test=waive-error]').innerText()).trim()
    check(selfErr.includes('由您登记'), 'who recorded it may not waive it: the server\'s words in the dialog', selfErr)
    eq((await ap.get(`/payroll/overpayments/${op.body.id}`)).body.open, true, 'the refused waiver changed nothing (API)')
    await pageA.keyboard.press('Escape')
    const ap2Name = `pb${stamp}a`
    await makeUser(await apiLogin('admin'), ap2Name, '县局审批二', '410726000000', ['county_approver'], PW2)
    const pageW = await newPage(browser)
    await loginOk(pageW, ap2Name, PW2)
    wd = await waive(pageW)
    await wd.locator('[data-test=waive-save]').click()
    await wd.locator('.el-form-item__error', { hasText: '请填写核销理由' }).waitFor()
    check(true, 'an empty waiver is stopped by the form')
    await wd.locator('textarea[name=waive_reason]').fill('户主已死亡，无遗产可供追缴')
    await wd.locator('input[name=waive_doc]').fill(`延民核〔2026〕${stamp}号`)
    // the messages follow what is typed, not the last click
    await wd.locator('.el-form-item__error').first().waitFor({ state: 'detached' })
    eq(await wd.locator('.el-form-item__error').count(), 0, 'the form\'s messages go once both are filled')
    await shot(pageW, 'waive-dialog')
    await wd.locator('[data-test=waive-save]').click()
    await wd.waitFor({ state: 'hidden' })
    await settle(pageW)
    const wv = await tableRows(pageW, `payments-overpayments-${program}`)
    check(wv.length === 1 && wv[0].includes('已核销') && wv[0].includes('核销 30.00') && wv[0].includes(`延民核〔2026〕${stamp}号`),
      'the household tab: 已核销, 30.00 waived, with its document', wv)
    eq(await pageW.locator(`[data-test=waive-${op.body.id}]`).count(), 0, 'nothing left to waive')
    const wg = (await ap.get(`/payroll/overpayments/${op.body.id}`)).body
    eq(`${wg.closed_reason}/${wg.waived_fen}/${wg.outstanding_fen}`, 'waived/3000/0', 'the API: waived 30.00, nothing outstanding')
    await shot(pageW, 'household-waived')
    await pageW.context().close()
  } else {
    console.log(`  (no overpayment recorded by hand: ${op.status} ${op.text.slice(0, 120)})`)
  }

  mark('household')
  // ==== 补发: nothing to pay for October ==================================================
  await pageC.locator('[data-test=menu-payroll]').click()
  await pageC.locator('[data-test=runs] .el-table__row').first().waitFor()
  await pageC.locator('button[data-test=arrears-open]').click()
  dlg = pageC.locator('.el-dialog[data-test=arrears-dialog]')
  await dlg.waitFor()
  await settle(pageC)
  await pickOption(pageC, dlg.locator('[data-test=arrears-program]'), program === 'dibao_rural' ? '农村低保' : '城市低保')
  check((await dlg.locator('[data-test=arrears-from]').innerText()).includes('2026年10月'), 'the arrears dialog offers October, sent to the bank')
  await dlg.locator('[data-test=arrears-submit]').click()
  await dlg.locator('[data-test=arrears-error]').waitFor()
  const none = (await dlg.locator('[data-test=arrears-error]').innerText()).trim()
  check(none.includes('没有需要补发或追缴的金额'), 'arrears for October: the server finds nothing to pay or recover', none)
  await shot(pageC, 'arrears-none')
  await pageC.context().close()

  mark('arrears')
  // ==== templates ======================================================================
  await pageP.locator('button[data-test=templates-open]').click()
  await pageP.locator('[data-test=templates] .el-table__row').first().waitFor()
  await settle(pageP)
  const before = await tableRows(pageP, 'templates')
  check(before.filter((x) => x.includes('内置样例')).length === 3, 'the three built-in samples', before)
  await pageP.locator('button[data-test=template-add]').click()
  dlg = pageP.locator('.el-dialog[data-test=template-dialog]')
  await dlg.waitFor()
  await settle(pageP)
  const TNAME = `延津农商行定长${stamp}`
  await dlg.locator('input[name=tpl_name]').fill(TNAME)
  await dlg.locator('input[name=tpl_bank]').fill('延津县农村商业银行')
  await dlg.locator('[data-test=tpl-fixed]').click()
  await dlg.locator('[data-test=tpl-gbk]').click()
  await dlg.locator('[data-test=tpl-header-summary]').click()
  await dlg.locator('[data-test=tpl-trailer-summary]').click()
  await shot(pageP, 'template-form')
  await dlg.locator('.el-tabs__item', { hasText: '模板文本' }).click()
  const txt = await dlg.locator('textarea[name=tpl_text]').inputValue()
  check(txt.includes('format = fixed') && txt.includes('encoding = gbk') && txt.includes('header = batch_no 20 left') && txt.includes('trailer = total 15 zero'),
    'the form writes a fixed-width GBK template with header and trailer', txt)
  await dlg.locator('[data-test=template-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await settle(pageP)
  const after = await tableRows(pageP, 'templates')
  check(after.some((x) => x.includes(TNAME) && x.includes('定长') && x.includes('GBK') && x.includes('payer')), 'the new template is listed', after)
  // a broken one
  await pageP.locator('button[data-test=template-add]').click()
  await dlg.waitFor()
  await dlg.locator('.el-tabs__item', { hasText: '模板文本' }).click()
  await dlg.locator('textarea[name=tpl_text]').fill('name = 坏模板\nformat = sideways\n')
  await dlg.locator('[data-test=template-save]').click()
  await dlg.locator('[data-test=template-error]').waitFor()
  const terr = (await dlg.locator('[data-test=template-error]').innerText()).trim()
  check(terr.includes('模板第 2 行'), 'a broken template: the server names its line', terr)
  await shot(pageP, 'template-refused')
  await dlg.locator('.el-dialog__footer button', { hasText: '取消' }).click()
  await logout(pageP)
  // the approver reads the templates but adds none
  await pageA.goto(`${base}/payroll/templates`)
  await pageA.locator('[data-test=templates] .el-table__row').first().waitFor()
  eq(await pageA.locator('button[data-test=template-add]').count(), 0, 'the approver adds no template')
  r = await ap.post('/payroll/templates', { text: 'name = x\n' })
  check(r.status === 403, 'the approver adding a template through the API: 403', r.body)
}
