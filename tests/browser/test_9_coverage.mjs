// test_9_coverage.mjs — a household while it is covered (issue 4 item 6)
// in the browser, with the server's business date fixed (restartServer:
// 2026-06-01 and 2026-06-09 to confirm two households through the API,
// then 2026-07-10 for the decisions; the real day again at the end):
//  - the approver reduces household A from the 待遇与变更 tab: the form
//    asks for the decision number before sending anything, a "reduction"
//    above the amount is refused by the server with its message in the
//    open dialog, then the reduction is decided: the entitlement splits
//    at 2026-08 into two periods, the change lists old → new amount, the
//    decision number and the numbered notice, whose A4 page prints title,
//    household, reason, basis, amounts, effective month and appeal;
//  - a township caseworker sees the tab without 变更待遇 (the server's 403
//    says why), records three refused job offers for A's head (1, 2, then
//    the warning that his own share may be reduced) and a death in A,
//    whose review shows on the tab with its due day;
//  - in 在保核查 (menu with badges): A's review due 3 months after the
//    death and another household's overdue one; 办结 needs a conclusion,
//    then the review leaves the open list and shows with 显示已办结;
//  - the approver sees the refusal warning after a fourth refusal, opens
//    减发其本人份额 prefilled (reduce, 连续3次拒绝, the member), and the
//    server's refusal (the row in force began in 2026-08) stays in the
//    dialog;
//  - the approver puts household B in a 2-month phase-out from July: the
//    tab shows 渐退期 and 2026-09 起停发, the notice prints the stop month;
//  - 申请低保 on a third household previews the assessment of the chosen
//    program (conclusion, per-capita income, standard, amount) and
//    follows a change of program.
// The pure rules of web/src/lib/coverage.js come first.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  run, newPage, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows, base, restartServer, root,
  typeDate, pickOption, toNotice, confirmCase, onDate,
} from './lib.mjs'

const cov = await import(pathToFileURL(path.join(root, 'web', 'src', 'lib', 'coverage.js')).href)

function pureRules() {
  const died = { code: 'member_died', member: true, needs_event: true, event_name: '死亡日期', needs_decision_no: true, retro_kinds: ['reduce'], retro_from: 'month_after_event', kinds: ['increase', 'reduce', 'stop'] }
  const income = { code: 'income_changed', member: false, needs_event: false, event_name: null, needs_decision_no: true, retro_kinds: [], kinds: ['increase', 'reduce'] }
  const employed = { code: 'employed_above', member: false, needs_event: false, event_name: '收入首次超过标准的月份', needs_decision_no: true, retro_kinds: [], kinds: ['stop', 'phaseout'] }
  const fraud = { code: 'fraud', member: false, needs_event: false, event_name: '骗取开始日期', needs_decision_no: true, retro_kinds: ['stop'], retro_from: 'event_month', kinds: ['stop'] }
  const standard = { code: 'standard_changed', needs_event: true, event_name: '新标准执行日期', follows_event: true, needs_decision_no: false, retro_kinds: ['increase'], kinds: ['increase', 'reduce'] }
  const ended = { code: 'phaseout_ended', automatic: true, kinds: ['stop'] }
  let f = cov.fieldsOf(died, 'reduce')
  check(f.member && f.event && f.eventRequired && !f.eventMonth && f.amount && !f.months && f.decisionNo && f.retro && f.effective,
    'fieldsOf: a death asks for the member, its date and the amount', f)
  f = cov.fieldsOf(income, 'reduce')
  check(!f.member && !f.event && f.amount && f.decisionNo, 'fieldsOf: an income change asks for no event', f)
  f = cov.fieldsOf(employed, 'phaseout')
  check(f.event && f.eventRequired && f.eventMonth && f.months && !f.amount && !f.effective && f.eventName === '首次超标月份',
    'fieldsOf: a phase-out asks for the month and months', f)
  f = cov.fieldsOf(employed, 'stop')
  check(!f.event && !f.months && !f.amount, 'fieldsOf: a stop for the same reason asks for neither', f)
  f = cov.fieldsOf(fraud, 'stop')
  check(f.event && !f.eventRequired, 'fieldsOf: fraud offers its first month, not required', f)
  f = cov.fieldsOf(standard, 'increase')
  check(f.event && !f.effective && !f.decisionNo, 'fieldsOf: a new standard follows its date, no decision number', f)
  eq(cov.reasonsFor([died, income, employed, ended], 'stop').map((r) => r.code).join(','), 'member_died,employed_above', 'reasonsFor: the automatic stop is never offered')
  eq(cov.reasonsFor([died, income, employed], 'increase').map((r) => r.code).join(','), 'member_died,income_changed', 'reasonsFor: by kind')
  for (const [d, want] of [['2026-07-10', '2026-08'], ['2026-12-31', '2027-01'], ['', '']]) eq(cov.nextMonth(d), want, `nextMonth(${d})`)
  for (const [m, want] of [['2026-09', '2026-08'], ['2027-01', '2026-12']]) eq(cov.prevMonth(m), want, `prevMonth(${m})`)
  check(cov.canDecideRole(['county_approver']) && !cov.canDecideRole(['township_reviewer']) && cov.canDecideRole(['township_reviewer'], true) &&
    !cov.canDecideRole(['township_caseworker'], true), 'canDecideRole: approvers; reviewers only where delegated')
  eq(cov.periodText({ from_month: '2026-07', to_month: '2026-07' }), '2026-07 至 2026-07', 'periodText closed')
  eq(cov.periodText({ from_month: '2026-08', to_month: null }), '2026-08 起', 'periodText open')
  check(cov.effectiveHint(died, 'reduce', '2026-07-10').includes('2026-08') && cov.effectiveHint(died, 'reduce', '2026-07-10').includes('死亡日期的次月'),
    'effectiveHint: the default month and how far back', cov.effectiveHint(died, 'reduce', '2026-07-10'))
  eq(cov.articleText('S7 一（三）；S1 第三十二条；S5 第十三条'), '《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》一（三）；《最低生活保障审核确认办法》第三十二条；《社会救助暂行办法》第十三条',
    'articleText names the sources')
  eq(cov.articleText('S9 第一条'), 'S9 第一条', 'articleText leaves an unknown code')
  eq(cov.runningPhaseouts([{ kind: 'phaseout', program: 'p', stop_month: '2026-09', stopped_by: null }]).p.stop_month, '2026-09', 'runningPhaseouts')
  eq(Object.keys(cov.runningPhaseouts([{ kind: 'phaseout', program: 'p', stop_month: '2026-09', stopped_by: 7 }])).length, 0, 'a stopped phase-out is not running')
}

const D0 = '2026-06-01' // application, acceptance, the notice published
const D1 = '2026-06-09' // the day after the notice: confirmed, paid from July
const D2 = '2026-07-10' // the decisions on the covered households
const DEATH = '2026-06-16' // a Tuesday: the review is due on 2026-09-16, a Wednesday
const OLD_DEATH = '2026-04-08' // due 2026-07-08: overdue on D2
const TOWN = '410726101000' // 东屯镇

// ---- set-up through the API ---------------------------------------------------

// n households of 东屯镇 with two to five members, no incomes, assets or case.
async function pickHouseholds(api, n) {
  const out = []
  let cursor = ''
  for (let pg = 0; pg < 20 && out.length < n; pg++) {
    const r = await api.get(`/households?region=${TOWN}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    if (r.status !== 200) throw new Error(`households: ${r.status} ${r.text}`)
    for (const h of r.body.items) {
      if (out.length >= n) break
      if (!h.members || h.members < 2 || h.members > 5) continue
      const d = await api.get(`/households/${h.id}`)
      if (d.status !== 200 || d.body.incomes.length || d.body.assets.length || d.body.members.length < 2) continue
      const c = await api.get(`/cases?household_id=${h.id}`)
      if (c.status !== 200 || c.body.total) continue
      const members = d.body.members
      const head = members.find((m) => Number(m.relation) === 1) || members[0]
      out.push({ id: h.id, hh_no: h.hh_no, registration: d.body.household.registration, members, head, other: members.find((m) => m !== head) })
    }
    cursor = r.body.next_cursor
    if (!cursor) break
  }
  if (out.length < n) throw new Error(`only ${out.length} eligible households in 东屯镇`)
  return out
}

function programOf(h) {
  return Number(h.registration) === 1 ? 'dibao_urban' : 'dibao_rural'
}

// ---- the UI -------------------------------------------------------------------

async function openCoverage(page, h) {
  await page.goto(`${base}/households/${h.id}?tab=coverage`)
  await page.locator('[data-test=coverage]').waitFor()
  await page.locator('[data-test=entitlements] .el-table__body-wrapper').waitFor()
  await settle(page)
}

function dialog(page, test) {
  return page.locator(`.el-dialog[data-test=${test}]`)
}

async function openChange(page) {
  await page.locator('[data-test=change-open]').click()
  const dlg = dialog(page, 'change-dialog')
  await dlg.waitFor()
  await dlg.locator('[data-test=change-kind-reduce]').waitFor()
  await settle(page)
  return dlg
}

async function formErrors(dlg) {
  return dlg.locator('.el-form-item__error').allInnerTexts()
}

// The A4 page of a notice: its text and its PDF's page box.
async function printPage(page, docId) {
  await page.goto(`${base}/print/documents/${docId}`)
  const sheet = page.locator('[data-test=print-sheet]')
  await sheet.waitFor()
  await settle(page)
  const text = await sheet.innerText()
  let pdfBox = ''
  let pages = 0
  try {
    await page.emulateMedia({ media: 'print' })
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
    pdfBox = (/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf) || []).slice(1).join(' ')
    pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) || []).length
  } catch (e) {
    pdfBox = `(no pdf: ${e.message.split('\n')[0]})`
  } finally {
    await page.emulateMedia({ media: 'screen' })
  }
  return { text, pdfBox, pages }
}

function isA4(box) {
  const [w, h] = box.split(' ').map(Number)
  return Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2
}

function yuanOf(fen) {
  const n = BigInt(fen)
  return `${(n / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(n % 100n).toString().padStart(2, '0')}`
}

await run('coverage', async (browser) => {
  pureRules()
  await onDate(D0, () => body(browser))
})

async function body(browser) {
  const cw = await apiLogin('caseworker')
  const rv = await apiLogin('reviewer')
  const ap = await apiLogin('approver')
  const [HA, HB, HC, HD] = await pickHouseholds(cw, 4)
  console.log(`  (households ${HA.hh_no}, ${HB.hh_no}, ${HC.hh_no}, ${HD.hh_no})`)
  const caseA = await toNotice(cw, rv, HA, programOf(HA), D0)
  const caseB = await toNotice(cw, rv, HB, programOf(HB), D0)
  await restartServer(D1)
  await confirmCase(cw, ap, caseA)
  await confirmCase(cw, ap, caseB)
  await restartServer(D2)
  const covA = (await cw.get(`/households/${HA.id}/coverage`)).body
  const entA = covA.entitlements[0]
  check(covA.entitlements.length === 1 && entA.from_month === '2026-07' && !entA.to_month, 'set-up: A is paid from July', covA)
  const amountA = yuanOf(entA.amount_fen)
  // a reduction to about two thirds, in whole yuan
  const newFen = Math.floor((entA.amount_fen * 2) / 300) * 100
  const newA = yuanOf(newFen)

  // ==== the approver reduces A ================================================
  const page = await newPage(browser)
  await loginOk(page, 'approver')
  await openCoverage(page, HA)
  let status = await page.locator('[data-test=coverage-status]').innerText()
  check(status.includes('在保') && status.includes(amountA), 'the tab says A is covered and its amount', status)
  let rows = await tableRows(page, 'entitlements')
  check(rows.length === 1 && rows[0].includes('2026-07 起') && rows[0].includes(amountA) && rows[0].includes('执行中'), 'one period from 2026-07', rows)
  await shot(page, 'coverage-confirmed')

  let dlg = await openChange(page)
  check((await dlg.locator('[data-test=change-current]').innerText()).includes(amountA), 'the dialog shows the amount in force')
  await dlg.locator('[data-test=change-kind-reduce]').click()
  await pickOption(page, dlg.locator('[data-test=change-reason]'), '家庭收入变化')
  check((await dlg.locator('[data-test=change-article]').innerText()).includes('第三十一条'), 'the reason shows its article')
  check((await dlg.locator('[data-test=change-article]').innerText()).includes('减发最低生活保障金告知书'), 'and the notice it issues')
  let posts = 0
  const onReq = (r) => {
    if (r.method() === 'POST' && /\/coverage\/changes$/.test(new URL(r.url()).pathname)) posts++
  }
  page.on('request', onReq)
  await dlg.locator('[data-test=change-save]').click()
  await page.waitForTimeout(300)
  let errs = await formErrors(dlg)
  check(errs.some((t) => t.includes('须填写决定文书号')), 'no decision number: the form says it is needed', errs)
  eq(posts, 0, 'nothing was sent without a decision number')
  await dlg.locator('input[name=decision_no]').fill('延民低减〔2026〕21号')
  // a "reduction" above the amount in force: the server refuses it
  const above = yuanOf(entA.amount_fen + 10000)
  await dlg.locator('input[name=amount]').fill(above)
  check((await dlg.locator('[data-test=change-diff]').innerText()).includes('较现行增加 100.00 元'), 'the form shows the difference')
  await dlg.locator('[data-test=change-save]').click()
  const err = dlg.locator('[data-test=change-error]')
  await err.waitFor()
  const msg = await err.innerText()
  check(msg.includes('不低于现在的'), 'a reduction that does not reduce: the server\'s message in the dialog', msg)
  check(await dlg.isVisible(), 'the dialog stays open')
  eq(posts, 1, 'one request, refused')
  await shot(page, 'change-refused')
  await dlg.locator('input[name=amount]').fill(newA)
  await dlg.locator('textarea[name=change_note]').fill('儿子外出务工，家庭收入增加')
  check((await dlg.locator('[data-test=change-diff]').innerText()).includes('较现行减少'), 'now a reduction')
  await shot(page, 'change-dialog')
  await dlg.locator('[data-test=change-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  page.off('request', onReq)
  await page.locator('[data-test=entitlements] .el-table__row').nth(1).waitFor()
  await settle(page)
  rows = await tableRows(page, 'entitlements')
  check(rows.length === 2, 'the entitlement split in two periods', rows)
  check(rows[0].includes('2026-08 起') && rows[0].includes(newA) && rows[0].includes('延民低减〔2026〕21号') && rows[0].includes('执行中'),
    'the new period from 2026-08 at the new amount with the decision number', rows[0])
  check(rows[1].includes('2026-07 至 2026-07') && rows[1].includes(amountA), 'the old period ends in July', rows[1])
  const changes = await tableRows(page, 'changes')
  check(changes.length === 1 && changes[0].includes(D2) && changes[0].includes('减发') && changes[0].includes('家庭收入变化') &&
    changes[0].includes('2026-08') && changes[0].includes(`${amountA} → ${newA}`) && changes[0].includes('延民低减〔2026〕21号') &&
    changes[0].includes('儿子外出务工'), 'the change: date, kind, reason, month, old → new, decision, note', changes)
  const noticeNo = (/延津民低减〔2026〕\d+号/.exec(changes[0]) || [''])[0]
  check(!!noticeNo && changes[0].includes('打印'), 'the notice is numbered, with 打印', changes[0])
  await shot(page, 'coverage-reduced')
  const redChange = (await ap.get(`/households/${HA.id}/coverage`)).body.changes[0]
  eq(await page.locator(`[data-test=notice-${redChange.id}]`).getAttribute('href'), `/print/documents/${redChange.document_id}`, '打印 opens the notice\'s print page')
  let pr = await printPage(page, redChange.document_id)
  check(pr.text.includes('减发最低生活保障金告知书') && pr.text.includes(noticeNo) && pr.text.includes('延津县民政局'), 'notice: title, number, issuer', pr.text.slice(0, 200))
  check(pr.text.includes(HA.head.name) && pr.text.includes(HA.hh_no), 'notice: addressed to the head with the household number')
  check(pr.text.includes('经核查') && pr.text.includes('《最低生活保障审核确认办法》第三十一条'), 'notice: the reason and the basis')
  check(pr.text.includes(`决定自2026年8月起，将你家庭的`) && pr.text.includes(`由 ${amountA} 元 减少为 ${newA} 元`), 'notice: the decision with both amounts', pr.text)
  eq((await page.locator('[data-test=print-effective]').innerText()).trim(), '2026年8月', 'notice: the effective month')
  check(pr.text.includes('儿子外出务工') && pr.text.includes('延民低减〔2026〕21号'), 'notice: the note and the decision number')
  check(pr.text.includes('六十日内向延津县人民政府申请行政复议') && pr.text.includes('行政诉讼'), 'notice: how to appeal')
  check(/2026年7月10日/.test(pr.text) && pr.text.includes('印章'), 'notice: the date and the seal')
  check(isA4(pr.pdfBox), `notice on A4: ${pr.pdfBox}`, pr.pdfBox)
  eq(pr.pages, 1, 'the notice prints on one page')
  await shot(page, 'print-reduce')
  await page.goto(`${base}/households`)
  await page.locator('[data-test=who]').waitFor()
  await logout(page)

  // ==== the caseworker: no decisions; job offers; a death =======================
  const denied = await cw.post(`/households/${HA.id}/coverage/changes`, { program: programOf(HA), kind: 'reduce', reason: 'income_changed', decision_no: 'X1', amount_fen: 100 })
  check(denied.status === 403 && denied.body.error.message.includes('须由县民政局审批人决定'), 'a caseworker\'s decision: 403 with its reason', denied.body)
  await loginOk(page, 'caseworker')
  await openCoverage(page, HA)
  eq(await page.locator('[data-test=change-open]').count(), 0, 'caseworker: no 变更待遇 button')
  check(await page.locator('[data-test=add-offer]').isVisible() && await page.locator('[data-test=add-death]').isVisible(), 'caseworker: 登记介绍工作 and 登记死亡')
  const offerDates = ['2026-07-01', '2026-07-03', '2026-07-08']
  for (let i = 0; i < 3; i++) {
    await page.locator('[data-test=add-offer]').click()
    dlg = dialog(page, 'offer-dialog')
    await dlg.waitFor()
    await settle(page)
    await pickOption(page, dlg.locator('[data-test=offer-member]'), HA.head.name)
    eq(await typeDate(page, dlg, 'offer_date', offerDates[i]), offerDates[i], `offer ${i + 1}: the date`)
    await dlg.locator('[data-test=outcome-refused]').click()
    await dlg.locator('textarea[name=offer_description]').fill('县人社局介绍保洁岗位')
    if (i === 0) await shot(page, 'offer-dialog')
    await dlg.locator('[data-test=offer-save]').click()
    await dlg.waitFor({ state: 'hidden' })
    await settle(page)
    if (i < 2) {
      const note = await page.locator('[data-test=refusal-run]').innerText()
      check(note.includes(`已连续 ${i + 1} 次`) && note.includes(`再无正当理由拒绝 ${2 - i} 次`), `offer ${i + 1}: ${i + 1} refusal(s) in a row`, note)
    }
  }
  const warn = await page.locator('[data-test=refusal-warning]').innerText()
  check(warn.includes(`${HA.head.name} 已连续 3 次无正当理由拒绝介绍的工作`) && warn.includes('减发或者停发其本人的低保金') && warn.includes('2026-08'),
    'the third refusal: the warning that his own share may be reduced', warn)
  eq(await page.locator('[data-test=refusal-reduce]').count(), 0, 'caseworker: no 减发 button in the warning')
  await shot(page, 'refusal-warning')

  // a death: the review opens, due 3 months later
  await page.locator('[data-test=add-death]').click()
  dlg = dialog(page, 'death-dialog')
  await dlg.waitFor()
  await settle(page)
  await dlg.locator('[data-test=death-save]').click()
  await page.waitForTimeout(300)
  errs = await formErrors(dlg)
  check(errs.includes('请选择成员') && errs.includes('请选择日期'), 'a death needs the member and the date', errs)
  await pickOption(page, dlg.locator('[data-test=death-member]'), HA.other.name)
  await typeDate(page, dlg, 'death_date', DEATH)
  await shot(page, 'death-dialog')
  await dlg.locator('[data-test=death-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await page.locator('[data-test=household-reviews]').waitFor()
  await settle(page)
  rows = await tableRows(page, 'household-reviews')
  check(rows.length === 1 && rows[0].includes(HA.other.name) && rows[0].includes(DEATH) && rows[0].includes('2026-09-16') && rows[0].includes('核查中'),
    'the review on the tab: member, death, due 2026-09-16', rows)
  await shot(page, 'coverage-death')

  // another household's older death, overdue (through the API)
  const old = await cw.post(`/persons/${HC.head.person_id}/death`, { date: OLD_DEATH })
  check(old.status === 201 && old.body.due_on === '2026-07-08' && old.body.overdue === true, 'set-up: an overdue review', old.body)

  // ==== 在保核查 ===================================================================
  await page.locator('aside').getByText('在保核查').click()
  await page.waitForURL(/\/coverage\/reviews/)
  await page.locator('[data-test=reviews] .el-table__row').first().waitFor()
  await settle(page)
  rows = await tableRows(page, 'reviews')
  const rowA = rows.find((r) => r.includes(HA.hh_no))
  const rowC = rows.find((r) => r.includes(HC.hh_no))
  check(!!rowA && rowA.includes(HA.other.name) && rowA.includes(DEATH) && rowA.includes('2026-09-16') && rowA.includes('核查中') && rowA.includes('办结'),
    'A\'s review: member, death, due day, 核查中, 办结', rows)
  check(!!rowC && rowC.includes('2026-07-08') && rowC.includes('已逾期'), 'C\'s review is overdue', rowC)
  check(rows.indexOf(rowC) < rows.indexOf(rowA), 'by due day', rows)
  check((await page.locator('[data-test=reviews-summary]').innerText()).includes('已逾期'), 'the summary counts the overdue ones')
  check(Number(await page.locator('[data-test=badge-reviews-overdue]').innerText()) >= 1, 'the menu badge counts overdue reviews')
  await shot(page, 'reviews')
  const reviewA = (await cw.get('/coverage/reviews')).body.items.find((x) => x.household_id === HA.id)
  await page.locator(`[data-test=close-${reviewA.id}]`).click()
  dlg = dialog(page, 'close-dialog')
  await dlg.waitFor()
  await settle(page)
  await dlg.locator('[data-test=close-save]').click()
  await page.waitForTimeout(300)
  errs = await formErrors(dlg)
  check(errs.includes('请填写核查结论'), 'closing needs a conclusion', errs)
  await dlg.locator('textarea[name=review_outcome]').fill('已核实成员死亡，另行报县局减发')
  await shot(page, 'review-close')
  await dlg.locator('[data-test=close-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await settle(page)
  rows = await tableRows(page, 'reviews')
  check(!rows.some((r) => r.includes(HA.hh_no)), 'closed: no longer in the open list', rows)
  await page.locator('[data-test=reviews-all]').click()
  await page.waitForURL(/all=true/)
  await settle(page)
  rows = await tableRows(page, 'reviews')
  const closedA = rows.find((r) => r.includes(HA.hh_no))
  check(!!closedA && closedA.includes('已办结') && closedA.includes('已核实成员死亡') && closedA.includes(D2),
    '显示已办结: the closed review with its conclusion and day', closedA)
  eq(await page.locator(`[data-test=close-${reviewA.id}]`).count(), 0, 'a closed review has no 办结')
  await shot(page, 'reviews-all')
  await logout(page)

  // ==== the approver: the warning's 减发 and a phase-out ========================
  await loginOk(page, 'approver')
  await openCoverage(page, HA)
  await page.locator('[data-test=add-offer]').click()
  dlg = dialog(page, 'offer-dialog')
  await dlg.waitFor()
  await settle(page)
  await pickOption(page, dlg.locator('[data-test=offer-member]'), HA.head.name)
  await dlg.locator('[data-test=outcome-refused]').click()
  await dlg.locator('[data-test=offer-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await page.locator('[data-test=refusal-warning]').waitFor()
  const warn4 = await page.locator('[data-test=refusal-warning]').innerText()
  check(warn4.includes('已连续 3 次') && warn4.includes('减发或者停发其本人的低保金'), 'a fourth refusal: still the warning (the run counts to 3)', warn4)
  await page.locator('[data-test=refusal-reduce]').click()
  dlg = dialog(page, 'change-dialog')
  await dlg.waitFor()
  await settle(page)
  const picked = await dlg.locator('[data-test=change-reason]').innerText()
  const member = await dlg.locator('[data-test=change-member]').innerText()
  check((await dlg.locator('[data-test=change-kind-reduce]').getAttribute('class')).includes('is-active'), '减发其本人份额: the kind is 减发')
  check(picked.includes('连续3次拒绝'), 'the reason is the refusal of work', picked)
  check(member.includes(HA.head.name), 'the member is the one who refused', member)
  await dlg.locator('input[name=decision_no]').fill('延民低减〔2026〕22号')
  await dlg.locator('input[name=amount]').fill(yuanOf(newFen - 10000))
  await dlg.locator('[data-test=change-save]').click()
  await dlg.locator('[data-test=change-error]').waitFor()
  const late = await dlg.locator('[data-test=change-error]').innerText()
  check(late.includes('不晚于现行待遇的起始月'), 'the server\'s refusal stays in the dialog', late)
  await shot(page, 'refusal-reduce-refused')
  await dlg.getByRole('button', { name: '取消' }).click()
  await dlg.waitFor({ state: 'hidden' })

  // B: a phase-out of 2 months from July
  await openCoverage(page, HB)
  dlg = await openChange(page)
  await dlg.locator('[data-test=change-kind-phaseout]').click()
  await pickOption(page, dlg.locator('[data-test=change-reason]'), '就业后家庭人均收入超过低保标准')
  check(await dlg.locator('input[name=event_month]').isVisible() && await dlg.locator('input[name=phaseout_months]').isVisible(), 'a phase-out asks for the month and the months')
  eq(await dlg.locator('input[name=amount]').count(), 0, 'and for no amount')
  await dlg.locator('[data-test=change-save]').click()
  await page.waitForTimeout(300)
  errs = await formErrors(dlg)
  check(errs.includes('请选择家庭月人均收入首次超过低保标准的月份') && errs.includes('请填写渐退月数'), 'the form asks for both', errs)
  await typeDate(page, dlg, 'event_month', '2026-07')
  await dlg.locator('input[name=phaseout_months]').fill('2')
  await dlg.locator('input[name=phaseout_months]').press('Tab')
  await dlg.locator('input[name=decision_no]').fill('延民低渐〔2026〕5号')
  await shot(page, 'phaseout-dialog')
  await dlg.locator('[data-test=change-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await page.locator('[data-test=phaseout-stop]').waitFor()
  await settle(page)
  status = await page.locator('[data-test=coverage-status]').innerText()
  check(status.includes('渐退期') && status.includes('发放至 2026-08') && status.includes('2026-09 起停发'), 'B: in its phase-out, stopped from 2026-09', status)
  eq((await page.locator('[data-test=phaseout-stop]').innerText()).replace(/\s+/g, ' ').trim(), '渐退 2 个月，2026-09 起停发', 'the change shows the stop month')
  rows = await tableRows(page, 'entitlements')
  check(rows.length === 1 && rows[0].includes('2026-07 至 2026-08') && rows[0].includes('发放至 2026-08'), 'B: paid to August', rows)
  await shot(page, 'coverage-phaseout')
  const ph = (await ap.get(`/households/${HB.id}/coverage`)).body.changes[0]
  pr = await printPage(page, ph.document_id)
  check(pr.text.includes('最低生活保障渐退告知书') && pr.text.includes(ph.doc_no), 'phase-out notice: title and number', pr.text.slice(0, 200))
  eq((await page.locator('[data-test=print-stop]').innerText()).trim(), '2026年9月起', 'phase-out notice: the stop month')
  eq((await page.locator('[data-test=print-effective]').innerText()).trim(), '2026年7月至2026年8月', 'phase-out notice: the phase-out months')
  check(pr.text.includes('自2026年9月起停止发放最低生活保障金') && pr.text.includes('行政复议'), 'phase-out notice: the stop and the appeal')
  eq(pr.pages, 1, 'the phase-out notice prints on one page')
  await shot(page, 'print-phaseout')
  await page.goto(`${base}/households`)
  await page.locator('[data-test=who]').waitFor()
  await logout(page)

  // ==== 申请低保 with the preview assessment =====================================
  await loginOk(page, 'caseworker')
  await page.goto(`${base}/households/${HD.id}`)
  await page.locator('[data-test=apply-case]').click()
  dlg = page.locator('.el-dialog').filter({ has: page.locator('[data-test=apply-save]') })
  await dlg.waitFor()
  await dlg.locator('[data-test=apply-preview-conclusion]').waitFor()
  await settle(page)
  const want = (await cw.get(`/households/${HD.id}/assessment?program=${programOf(HD)}`)).body
  const prev = await dlg.locator('[data-test=apply-preview]').innerText()
  check(prev.includes(want.class_name) && prev.includes(want.conclusion), 'the preview: class and conclusion', prev)
  eq((await dlg.locator('[data-test=apply-preview-income]').innerText()).trim(), yuanOf(want.per_capita_income_fen), 'the preview: per-capita income')
  eq((await dlg.locator('[data-test=apply-preview-standard]').innerText()).trim(), yuanOf(want.standard_fen), 'the preview: the standard')
  eq((await dlg.locator('[data-test=apply-preview-amount]').innerText()).trim(), yuanOf(want.amount_fen), 'the preview: the amount')
  await shot(page, 'apply-preview')
  const other = programOf(HD) === 'dibao_rural' ? 'dibao_urban' : 'dibao_rural'
  const want2 = (await cw.get(`/households/${HD.id}/assessment?program=${other}`)).body
  await dlg.locator(`[data-test=program-${other}]`).click()
  await dlg.locator('[data-test=apply-preview-standard]', { hasText: yuanOf(want2.standard_fen) }).waitFor()
  check(want2.standard_fen !== want.standard_fen, 'the other program has another standard', [want.standard_fen, want2.standard_fen])
  eq((await dlg.locator('[data-test=apply-preview-amount]').innerText()).trim(), yuanOf(want2.amount_fen), 'the preview follows the program')
  await dlg.getByRole('button', { name: '取消' }).click()
  await dlg.waitFor({ state: 'hidden' })
  const none = await cw.get(`/cases?household_id=${HD.id}`)
  eq(none.body.total, 0, 'previewing applies for nothing')
  await page.context().close()
}
