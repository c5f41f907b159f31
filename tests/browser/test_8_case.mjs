// test_8_case.mjs — 低保 cases in the browser (issue 4), with the server's
// business date fixed (restartServer: 2026-06-01, then 2026-06-09, the day
// after the 7-day public notice; the real day again at the end) and
// different users at each step:
//  - case A from application to confirmation: the caseworker applies from
//    the household page with a document missing, issues the one-time
//    notice, takes the resubmission and accepts; a visit with one
//    investigator is stopped by the form (nothing sent), one without the
//    family's signature is refused by the server with its message in the
//    open dialog, then recorded; the data check passes; the reviewer finds
//    it in 我的待办 and reviews it (the assessment and its calculation
//    sheet appear); the caseworker publishes it — closing the notice is
//    greyed out with the reason — and the notice list prints on A4 with
//    name, size and amount and no ID number; on 06-09 the notice is
//    closed and the case submitted; the approver confirms it: four
//    numbered documents, the whole timeline, the confirmation printed with
//    its calculation sheet;
//  - case B: a failed data check (its notice) and a refusal without a
//    reason stopped, with one issued; the refusal notice prints the reason,
//    the basis and the appeal sentence; on 06-09 the written notice is
//    overdue (已逾期 badge and tab) until the caseworker records it;
//  - case C: an objection during the notice taken while the page is stale
//    (the server's 已被他人修改 in the dialog), taken again after 刷新, the
//    45-day limit, the re-investigation that resolves it, an evaluation
//    short of its quorum refused and a valid one recorded, and the
//    township review after the notice;
//  - the inboxes (tabs, counts, filters), the menu's badges, the
//    household's 低保申请 tab, and a read-only auditor.
// The households are picked through the API: 东屯镇 households without
// income or assets (eligible for any standard) and without a case. The
// pure rules of web/src/lib/cases.js (days left, sheet amounts, dates,
// the record of an event, each action's form) come first.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  run, newPage, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows, base, restartServer, root, visitOn, onDate,
} from './lib.mjs'

const cases = await import(pathToFileURL(path.join(root, 'web', 'src', 'lib', 'cases.js')).href)

function pureRules() {
  for (const [row, want] of [
    [{ urgency: 'on_time', days_left: 12 }, '剩余 12 个工作日'], [{ urgency: 'due_soon', days_left: 0 }, '今日到期'],
    [{ urgency: 'overdue', days_left: -3 }, '逾期 3 个工作日'], [{ urgency: 'overdue', days_left: 0 }, '已逾期'],
    [{ urgency: 'none', days_left: null }, '—'],
    [{ urgency: 'none', days_left: null, due_unknown: true }, '待定'],
  ]) eq(cases.daysText(row), want, `daysText ${JSON.stringify(row)}`)
  eq(cases.sheetAmount({ label: '核算期', formula: '2025-06-01 至 2026-05-31', fen: 0 }), '—', 'a fact line has no amount')
  eq(cases.sheetAmount({ label: '家庭月人均收入', formula: '… 见收入核算', fen: 0 }), '0.00', 'a zero income is 0.00')
  eq(cases.sheetAmount({ label: '月发放合计', formula: '…', fen: 143668 }), '1,436.68', 'fen shown as 元 with two decimals')
  eq(cases.cnDate('2026-06-09'), '2026年6月9日', 'cnDate of a day')
  eq(cases.cnDate('2026-07'), '2026年7月', 'cnDate of a month')
  const lines = cases.eventLines({
    action: 'record_visit',
    data: { visit: { date: '2026-06-01', investigators: ['王明', '李华'], form: true, staff_signed: true, family_signed: false, findings: '无存款' } },
  })
  check(lines.some(([k, v]) => k === '入户调查' && v.includes('王明、李华')) && lines.some(([, v]) => v.includes('家庭成员未签字')),
    'eventLines: a visit with its investigators and signatures', lines)
  const miss = cases.eventLines({ action: 'apply', data: { missing: ['id_documents'] } }, { id_documents: '居民身份证和户口簿' })
  eq(miss[0] && miss[0][1], '居民身份证和户口簿', 'eventLines: missing documents by name')
  eq(cases.eventLines({ action: 'object', data: { objector: '村民甲' } })[0].join(' '), '异议人 村民甲', 'eventLines: the objector')
  check(cases.formOf('accept').missing && cases.formOf('county_visit').visit && cases.formOf('record_check').check &&
    cases.formOf('object', 'check_failed').evidence && !cases.formOf('object', 'notice').evidence && !Object.keys(cases.formOf('confirm')).length,
  'formOf: each action asks for its own record')
  check(cases.canApplyRole(['village_agent']) && cases.canApplyRole(['township_caseworker']) && !cases.canApplyRole(['county_approver', 'township_reviewer']),
    'canApplyRole: agents and caseworkers apply')
  eq(cases.stateName('objected'), '公示有异议', 'stateName from the copy of the table')
  eq(cases.urgencyTag('overdue').type, 'danger', 'overdue is red')
}

const D0 = '2026-06-01' // a Monday: application, acceptance, the notice published
const D1 = '2026-06-09' // the day after the notice's last day (06-01 + 7 = 06-08)
const TOWN = '410726101000' // 东屯镇
const ID_RE = /\d{17}[\dXx]|\d{4}\*{6,}\d{3}[\dXx]/ // a full or masked ID number

// ---- set-up through the API ---------------------------------------------------

// n households of 东屯镇 without incomes, assets or any case.
async function pickHouseholds(api, n) {
  const out = []
  let cursor = ''
  for (let page = 0; page < 20 && out.length < n; page++) {
    const r = await api.get(`/households?region=${TOWN}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    if (r.status !== 200) throw new Error(`households: ${r.status} ${r.text}`)
    for (const h of r.body.items) {
      if (out.length >= n) break
      if (!h.members || h.members > 5) continue
      const d = await api.get(`/households/${h.id}`)
      if (d.status !== 200 || d.body.incomes.length || d.body.assets.length || !d.body.members.length) continue
      const c = await api.get(`/cases?household_id=${h.id}`)
      if (c.status !== 200 || c.body.total) continue
      out.push({ id: h.id, hh_no: h.hh_no, head: h.head_name, registration: d.body.household.registration, members: d.body.members.length })
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

const VISIT = visitOn(D0)

// An action through the API that must succeed; the answer's body.
async function act(api, id, body, state) {
  const r = await api.post(`/cases/${id}/actions`, body)
  if (r.status !== 200 || (state && r.body.state !== state)) throw new Error(`${body.action} on ${id}: ${r.status} ${r.text}`)
  return r.body
}

async function openViaApi(api, h) {
  const r = await api.post('/cases', { household_id: h.id, program: programOf(h) })
  if (r.status !== 201) throw new Error(`open ${h.hh_no}: ${r.status} ${r.text}`)
  return r.body.case
}

// ---- the UI -------------------------------------------------------------------

async function openCase(page, id) {
  await page.goto(`${base}/cases/${id}`)
  await page.locator('[data-test=case-state]').waitFor()
  await settle(page)
}

async function stateText(page) {
  return (await page.locator('[data-test=case-state]').innerText()).trim()
}

// The dialog of an action, opened by its button.
async function openAction(page, action) {
  await page.locator(`button[data-test=act-${action}]`).click()
  const dlg = page.locator('.el-dialog').filter({ has: page.locator('[data-test=action-submit]') })
  await dlg.waitFor()
  await settle(page)
  return dlg
}

// Submits the open dialog and waits for the case to reach state.
async function submitAction(page, dlg, state) {
  await dlg.locator('[data-test=action-submit]').click()
  await dlg.waitFor({ state: 'hidden' })
  await page.locator('[data-test=case-state]', { hasText: state }).waitFor()
  await settle(page)
  return stateText(page)
}

async function timelineText(page) {
  return page.locator('[data-test=timeline]').innerText()
}

async function isChecked(loc) {
  return (await loc.getAttribute('class') || '').includes('is-checked')
}

async function documents(api, id) {
  return (await api.get(`/cases/${id}`)).body.documents
}

// The A4 page of a document: the sheet's text, checked on screen and as
// printed (no bar, the sheet alone, A4 from @page).
async function printPage(page, docId) {
  await page.goto(`${base}/print/documents/${docId}`)
  const sheet = page.locator('[data-test=print-sheet]')
  await sheet.waitFor()
  await settle(page)
  const text = await sheet.innerText()
  const onScreen = await page.locator('[data-test=print]').isVisible()
  await page.emulateMedia({ media: 'print' })
  const printed = {
    bar: await page.locator('[data-test=print]').isVisible(),
    menu: await page.locator('aside').count(),
    sheet: await sheet.isVisible(),
    pageRule: await page.evaluate(() => {
      for (const ss of document.styleSheets) {
        let rules
        try {
          rules = ss.cssRules
        } catch {
          continue
        }
        for (const r of rules) if (r.type === CSSRule.PAGE_RULE) return r.style.getPropertyValue('size')
      }
      return ''
    }),
  }
  let pdfBox = ''
  let pages = 0
  try {
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
    pdfBox = (/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf) || []).slice(1).join(' ')
    pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) || []).length
  } catch (e) {
    pdfBox = `(no pdf: ${e.message.split('\n')[0]})`
  }
  await page.emulateMedia({ media: 'screen' })
  return { text, onScreen, printed, pdfBox, pages }
}

// Back from a print page (no frame) to the inbox, where the header is.
async function leavePrint(page) {
  await page.goto(`${base}/cases`)
  await page.locator('[data-test=who]').waitFor()
  await settle(page)
}

function isA4(box) {
  const [w, h] = box.split(' ').map(Number)
  return Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2
}

await run('case', async (browser) => {
  pureRules()
  await onDate(D0, () => body(browser))
})

async function body(browser) {
  const cw = await apiLogin('caseworker')
  const rv = await apiLogin('reviewer')
  const ap = await apiLogin('approver')
  const [HA, HB, HC] = await pickHouseholds(cw, 3)
  console.log(`  (households ${HA.hh_no}, ${HB.hh_no}, ${HC.hh_no})`)

  // B up to the check, C up to its public notice (through the API)
  const B = await openViaApi(cw, HB)
  await act(cw, B.id, { action: 'accept' }, 'accepted')
  await act(cw, B.id, { action: 'record_visit', visit: VISIT }, 'investigating')
  await act(cw, B.id, { action: 'request_check' }, 'checking')
  const C = await openViaApi(cw, HC)
  await act(cw, C.id, { action: 'accept' }, 'accepted')
  await act(cw, C.id, { action: 'record_visit', visit: VISIT }, 'investigating')
  await act(cw, C.id, { action: 'request_check' }, 'checking')
  await act(cw, C.id, { action: 'record_check', check_result: 'passed' }, 'investigating')
  await act(rv, C.id, { action: 'township_review' }, 'reviewed')
  await act(cw, C.id, { action: 'publish' }, 'notice')

  // ==== A: the caseworker applies from the household page ====================
  const page = await newPage(browser)
  await loginOk(page, 'caseworker')
  const menu = await page.locator('aside').innerText()
  check(menu.includes('待办'), 'the menu has 待办', menu)
  await page.goto(`${base}/households/${HA.id}`)
  await page.locator('[data-test=apply-case]').click()
  const apply = page.locator('.el-dialog').filter({ has: page.locator('[data-test=apply-save]') })
  await apply.waitFor()
  await apply.locator('[data-test=apply-missing-id_documents]').waitFor()
  await settle(page)
  check(await isChecked(apply.locator(`[data-test=program-${programOf(HA)}]`)), `the program follows the household's 户籍性质 (${programOf(HA)})`)
  eq(await apply.locator('input[name=applied_on]').inputValue(), D0, 'the application date is the server\'s business date')
  await apply.locator('[data-test=apply-missing-id_documents]').click()
  await apply.locator('textarea[name=apply_note]').fill('因病致贫，浏览器测试')
  await shot(page, 'apply-dialog')
  await apply.locator('[data-test=apply-save]').click()
  await page.waitForURL(/\/cases\/\d+$/)
  const A = { id: Number(page.url().split('/').pop()) }
  await page.locator('[data-test=case-state]').waitFor()
  await settle(page)
  const title = await page.locator('[data-test=case-title]').innerText()
  A.no = (/410726-2026-\d{6}/.exec(title) || [''])[0]
  check(!!A.no, 'the new case page shows its number', title)
  eq(await stateText(page), '已申请待受理', 'A: applied')
  check((await page.locator('[data-test=case-missing]').innerText()).includes('居民身份证'), 'A: the missing document is shown')
  check((await page.locator('[data-test=case-household]').innerText()).includes(HA.hh_no), 'A: the household link')
  check((await timelineText(page)).includes('提交申请'), 'A: the timeline starts with 提交申请')
  await shot(page, 'case-applied')

  // the one-time notice: the checklist comes with what is missing ticked
  let dlg = await openAction(page, 'request_documents')
  check(await isChecked(dlg.locator('[data-test=missing-id_documents]')), 'one-time notice: the missing document is ticked')
  check(!(await isChecked(dlg.locator('[data-test=missing-application]'))), 'one-time notice: the others are not')
  check((await dlg.innerText()).includes('一次性告知书'), 'the dialog says which document it issues')
  await shot(page, 'action-request-documents')
  eq(await submitAction(page, dlg, '待补正材料'), '待补正材料', 'A: documents requested')
  let tl = await timelineText(page)
  check(/一次性告知书 延津民低补〔2026〕\d+号/.test(tl), 'the timeline links the numbered 一次性告知书', tl.slice(-300))

  dlg = await openAction(page, 'resubmit')
  await dlg.locator('[data-test=missing-id_documents]').click()
  eq(await submitAction(page, dlg, '已申请待受理'), '已申请待受理', 'A: resubmitted complete')
  eq((await page.locator('[data-test=case-missing]').innerText()).trim(), '无', 'A: nothing missing any more')
  dlg = await openAction(page, 'accept')
  eq(await submitAction(page, dlg, '已受理待调查'), '已受理待调查', 'A: accepted')
  check(/\d{4}-\d{2}-\d{2}/.test(await page.locator('[data-test=due-case]').innerText()), 'A: the whole case has its due day')

  // the home visit: the form needs two names; the server the signatures
  let posts = 0
  const onReq = (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/cases\/\d+\/actions$/.test(new URL(r.url()).pathname)) posts++
  }
  page.on('request', onReq)
  dlg = await openAction(page, 'record_visit')
  eq(await dlg.locator('input[name=visit_date]').inputValue(), D0, 'the visit date starts at the business date')
  await dlg.locator('input[name=investigator_0]').fill('王明')
  await dlg.locator('[data-test=action-submit]').click()
  await page.waitForTimeout(300)
  const itemErr = await dlg.locator('.el-form-item__error').allInnerTexts()
  check(itemErr.some((t) => t.includes('至少两名调查人员')), 'one investigator: the form says two are needed', itemErr)
  eq(posts, 0, 'nothing was sent with one investigator')
  await dlg.locator('input[name=investigator_1]').fill('李华')
  await dlg.locator('textarea[name=findings]').fill('家中无劳动力，无存款，住房简陋')
  await dlg.locator('[data-test=visit-form]').click()
  await dlg.locator('[data-test=visit-staff-signed]').click()
  await dlg.locator('[data-test=action-submit]').click()
  const actErr = dlg.locator('[data-test=action-error]')
  await actErr.waitFor()
  const serverMsg = await actErr.innerText()
  check(serverMsg.includes('不能「登记入户调查」') && serverMsg.includes('家庭成员签字'), 'without the family\'s signature: the server\'s message in the dialog', serverMsg)
  check(await dlg.isVisible(), 'the dialog stays open on a refusal')
  eq(posts, 1, 'one request was sent and refused')
  await shot(page, 'action-visit-refused')
  await dlg.locator('[data-test=visit-family-signed]').click()
  eq(await submitAction(page, dlg, '调查中'), '调查中', 'A: visit recorded')
  page.off('request', onReq)
  tl = await timelineText(page)
  check(tl.includes('王明、李华') && tl.includes('住房简陋') && /入户调查表 延津民低调〔2026〕\d+号/.test(tl),
    'the timeline shows the investigators, the findings and the survey form\'s number', tl.slice(-400))

  dlg = await openAction(page, 'request_check')
  eq(await submitAction(page, dlg, '信息核对中'), '信息核对中', 'A: check requested')
  dlg = await openAction(page, 'record_check')
  await dlg.locator('[data-test=check-passed]').click()
  eq(await submitAction(page, dlg, '调查中'), '调查中', 'A: check passed')
  eq(await page.locator('button[data-test=act-township_review]').count(), 0, 'the caseworker has no 乡镇初审 button')

  // ---- B: the failed check and its notice (caseworker) ----
  await openCase(page, B.id)
  // with a special circumstance: the reason is required, the limit is 45 days
  dlg = await openAction(page, 'record_check')
  await dlg.locator('[data-test=check-failed]').click()
  await dlg.locator('[data-test=extend]').click()
  await dlg.locator('[data-test=extension]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '人户分离' }).click()
  await dlg.locator('[data-test=action-submit]').click()
  await page.waitForTimeout(300)
  const extErr = await dlg.locator('.el-form-item__error').allInnerTexts()
  check(extErr.some((t) => t.includes('延长办理时限须填写理由')), 'an extension needs its reason', extErr)
  await dlg.locator('textarea[name=reason]').fill('申请人长期在外地务工，户籍与居住地分离')
  await shot(page, 'action-check-extension')
  eq(await submitAction(page, dlg, '核对不符合'), '核对不符合（已告知）', 'B: the check failed')
  check((await page.locator('[data-test=case-extension]').innerText()).includes('人户分离'), 'B: extended to 45 working days for 人户分离')
  check(/核对结果告知书 延津民低核〔2026〕\d+号/.test(await timelineText(page)), 'B: the check result notice is numbered')
  await logout(page)

  // ==== the reviewer: 我的待办, the township review ============================
  await loginOk(page, 'reviewer')
  await page.locator('aside').getByText('待办').click()
  await page.waitForURL(/\/cases(\?|$)/)
  let rows = await tableRows(page, 'cases')
  check(rows.some((r) => r.includes(A.no) && r.includes('调查中')), 'reviewer: A is in 我的待办', rows)
  check(!rows.some((r) => r.includes('核对不符合')), 'reviewer: B (not his task) is not', rows)
  check(Number(await page.locator('[data-test=badge-mine]').innerText()) >= 1, 'the menu badge counts my tasks')
  await shot(page, 'inbox-reviewer')
  await page.locator('[data-test=cases] .el-table__row', { hasText: A.no }).click()
  await page.locator('[data-test=case-state]').waitFor()
  await settle(page)
  dlg = await openAction(page, 'township_review')
  eq(await submitAction(page, dlg, '初审完成待公示'), '初审完成待公示', 'A: reviewed by the reviewer')
  const conclusion = await page.locator('[data-test=assessment-conclusion]').innerText()
  check(conclusion.includes('符合低保条件'), 'the assessment is shown with its conclusion', conclusion)
  eq((await page.locator('[data-test=per-capita]').innerText()).trim(), '0.00 元', 'per-capita income 0.00 元')
  const amountText = (await page.locator('[data-test=case-amount]').innerText()).trim()
  const amount = amountText.replace(/ 元\/月$/, '')
  check(/^[\d,]+\.\d\d$/.test(amount) && amount !== '0.00', 'A: an amount in 元 with two decimals', amountText)
  const sheet = await tableRows(page, 'calc-sheet')
  check(sheet.some((r) => r.includes('月发放合计') && r.endsWith(amount)), 'the calculation sheet ends in the amount', sheet)
  check(sheet.some((r) => r.includes('家庭月人均收入')) && sheet.some((r) => r.includes('低保标准')), 'the sheet has income and standard lines', sheet)
  await shot(page, 'case-reviewed')
  await logout(page)

  // ==== the caseworker publishes ==============================================
  await loginOk(page, 'caseworker')
  await openCase(page, A.id)
  dlg = await openAction(page, 'publish')
  eq(await submitAction(page, dlg, '公示中'), '公示中', 'A: published')
  eq((await page.locator('[data-test=notice-last]').innerText()).trim(), '2026-06-08', 'the notice runs to 2026-06-08')
  check(await page.locator('button[data-test=act-close_notice]').isDisabled(), '结束公示 is greyed out during the notice')
  await page.locator('[data-test=blocked-close_notice]').hover()
  const tip = page.locator('.el-popper.is-dark:visible').last()
  await tip.waitFor()
  const tipText = await tip.innerText()
  check(tipText.includes('公示') && tipText.includes('2026-06-08'), 'its tooltip says why', tipText)
  await shot(page, 'case-notice')
  await page.mouse.move(5, 5)
  rows = await tableRows(page, 'documents')
  eq(rows.length, 3, 'A: three documents so far')
  const docsA = await documents(cw, A.id)
  const noticeDoc = docsA.find((d) => d.kind === 'notice_list')
  check(!!noticeDoc && /延津民低公〔2026〕\d+号/.test(noticeDoc.doc_no), 'the notice list is numbered', noticeDoc)

  // the printed notice list: name, size, amount — never an ID number
  let pr = await printPage(page, noticeDoc.id)
  check(pr.text.includes('公示名单') && pr.text.includes(noticeDoc.doc_no) && pr.text.includes('延津县民政局'), 'notice list: title, number and issuer', pr.text.slice(0, 200))
  check(pr.text.includes(HA.head) && pr.text.includes(amount), 'notice list: the head\'s name and the amount in 元', pr.text)
  const entryRows = await page.locator('[data-test=print-entries] tbody tr').allInnerTexts()
  eq(entryRows.length, 1, 'notice list: one household')
  check(entryRows[0].replace(/\s+/g, ' ').includes(`${HA.head} ${HA.members} ${amount}`), 'notice list row: name, size, amount', entryRows[0])
  check(!ID_RE.test(pr.text), 'notice list: no ID number, not even masked', pr.text)
  check(!pr.text.includes(HA.hh_no), 'notice list: no household number either')
  check(pr.onScreen, 'the 打印 button is on the screen')
  check(!pr.printed.bar && pr.printed.sheet && pr.printed.menu === 0, 'printed: the sheet alone, no buttons, no menu', pr.printed)
  check(/a4/i.test(pr.printed.pageRule), '@page size A4', pr.printed.pageRule)
  check(isA4(pr.pdfBox), `printed to PDF on A4 (595×842 pt): ${pr.pdfBox}`, pr.pdfBox)
  eq(pr.pages, 1, 'the notice list prints on one page')
  check(/2026年6月1日/.test(pr.text) && pr.text.includes('印章'), 'the date and the seal at the bottom', pr.text.slice(-120))
  await shot(page, 'print-notice-list')

  // ---- C: an objection while the page is stale -----------------------------
  await openCase(page, C.id)
  eq(await stateText(page), '公示中', 'C: in its notice')
  await act(cw, C.id, { action: 'object', objector: '村民甲', reason: '该户有经营性收入' }, 'objected')
  dlg = await openAction(page, 'object')
  await dlg.locator('input[name=objector]').fill('村民乙')
  await dlg.locator('textarea[name=reason]').fill('该户家中有小型农用车')
  await dlg.locator('[data-test=action-submit]').click()
  await dlg.locator('[data-test=action-error]').waitFor()
  const stale = await dlg.locator('[data-test=action-error]').innerText()
  check(stale.includes('已被他人修改'), 'a stale page: the server\'s 已被他人修改 in the dialog', stale)
  check(await dlg.isVisible(), 'the dialog stays open')
  await shot(page, 'action-stale')
  await dlg.getByRole('button', { name: '取消' }).click()
  await dlg.waitFor({ state: 'hidden' })
  await page.locator('[data-test=case-refresh]').click()
  await page.locator('[data-test=case-state]', { hasText: '公示有异议' }).waitFor()
  await settle(page)
  check((await page.locator('[data-test=case-extension]').innerText()).includes('公示有异议'), 'C: the objection extends the case to 45 working days')
  dlg = await openAction(page, 'object')
  await dlg.locator('input[name=objector]').fill('村民乙')
  await dlg.locator('textarea[name=reason]').fill('该户家中有小型农用车')
  eq(await submitAction(page, dlg, '公示有异议'), '公示有异议', 'C: the second objection taken after 刷新')
  tl = await timelineText(page)
  check(tl.includes('村民甲') && tl.includes('该户有经营性收入') && tl.includes('村民乙') && tl.includes('小型农用车'),
    'C: both objections with who raised them and what', tl.slice(-500))
  check((await page.locator('[data-test=case-fields]').innerText()).includes('异议待处理'), 'C: the objection is open')
  // the re-investigation resolves it
  dlg = await openAction(page, 'record_visit')
  await dlg.locator('input[name=investigator_0]').fill('王明')
  await dlg.locator('input[name=investigator_1]').fill('赵强')
  await dlg.locator('textarea[name=findings]').fill('农用车已于去年报废，无经营收入')
  await dlg.locator('[data-test=visit-form]').click()
  await dlg.locator('[data-test=visit-staff-signed]').click()
  await dlg.locator('[data-test=visit-family-signed]').click()
  eq(await submitAction(page, dlg, '公示有异议'), '公示有异议', 'C: re-investigated')
  check(!(await page.locator('[data-test=case-fields]').innerText()).includes('异议待处理'), 'C: the re-investigation resolves the objection')
  check((await timelineText(page)).includes('农用车已于去年报废'), 'C: the new findings in the timeline')
  // a democratic evaluation: short of its quorum, then valid
  dlg = await openAction(page, 'record_evaluation')
  for (const [n, v] of [['eval_attendees', '9'], ['eval_representatives', '5'], ['eval_votes_for', '7'], ['eval_votes_against', '2']]) {
    await dlg.locator(`input[name=${n}]`).fill(v)
    await dlg.locator(`input[name=${n}]`).press('Tab')
  }
  await dlg.locator('[data-test=eval-signed]').click()
  await dlg.locator('textarea[name=eval_minutes]').fill('评议认为该户符合条件')
  check((await dlg.locator('[data-test=eval-share]').innerText()).includes('55.6%'), 'the form shows the representatives\' share')
  await shot(page, 'action-evaluation')
  await dlg.locator('[data-test=action-submit]').click()
  await dlg.locator('[data-test=action-error]').waitFor()
  const quorum = await dlg.locator('[data-test=action-error]').innerText()
  check(quorum.includes('代表') && quorum.includes('5') && quorum.includes('9'), 'evaluation short of its quorum: the server says so', quorum)
  await dlg.locator('input[name=eval_representatives]').fill('7')
  await dlg.locator('input[name=eval_representatives]').press('Tab')
  eq(await submitAction(page, dlg, '公示有异议'), '公示有异议', 'C: evaluation recorded')
  tl = await timelineText(page)
  check(/民主评议记录 延津民低评〔2026〕\d+号/.test(tl) && tl.includes('赞成 7 票'), 'C: the evaluation and its record\'s number', tl.slice(-400))
  await shot(page, 'case-objected')
  await logout(page)

  // ==== B refused by the approver ==============================================
  await loginOk(page, 'approver')
  await openCase(page, B.id)
  dlg = await openAction(page, 'refuse')
  await dlg.locator('[data-test=action-submit]').click()
  await page.waitForTimeout(300)
  const refErr = await dlg.locator('.el-form-item__error').allInnerTexts()
  check(refErr.some((t) => t.includes('请填写不予确认理由')), 'a refusal needs its reason', refErr)
  await dlg.locator('textarea[name=reason]').fill('经信息核对，家庭人均收入高于当地低保标准')
  eq(await submitAction(page, dlg, '不予确认待告知'), '不予确认待告知', 'B: refused')
  const refDoc = (await documents(ap, B.id)).find((d) => d.kind === 'refusal')
  check(!!refDoc && /延津民低否〔2026〕\d+号/.test(refDoc.doc_no), 'the refusal notice is numbered', refDoc)
  pr = await printPage(page, refDoc.id)
  check(pr.text.includes('不予确认最低生活保障通知书') && pr.text.includes(refDoc.doc_no), 'refusal notice: title and number', pr.text.slice(0, 200))
  check(pr.text.includes('经信息核对，家庭人均收入高于当地低保标准'), 'refusal notice: the reason', pr.text)
  check(pr.text.includes('第二十一条'), 'refusal notice: the basis')
  check(pr.text.includes('行政复议') && pr.text.includes('行政诉讼') && pr.text.includes('六十日'), 'refusal notice: the appeal sentence')
  check(pr.text.includes(HB.head), 'refusal notice: addressed to the head')
  check(isA4(pr.pdfBox), 'refusal notice on A4', pr.pdfBox)
  eq(pr.pages, 1, 'the refusal notice prints on one page')
  await shot(page, 'print-refusal')
  await leavePrint(page)
  await logout(page)

  // ==== 2026-06-09: the day after the notice ===================================
  await restartServer(D1)
  await loginOk(page, 'caseworker')
  await page.locator('[data-test=badge-overdue]').waitFor()
  const overdueBadge = Number(await page.locator('[data-test=badge-overdue]').innerText())
  check(overdueBadge >= 1, 'caseworker: the 已逾期 badge (B\'s written notice was due 3 working days after the refusal)', overdueBadge)
  await page.goto(`${base}/cases?tab=overdue`)
  rows = await tableRows(page, 'cases')
  const bRow = rows.find((r) => r.includes(HB.hh_no))
  check(!!bRow && bRow.includes('已逾期') && /逾期 \d+ 个工作日/.test(bRow) && bRow.includes('不予确认待告知'), 'B in 已逾期 with its state and days', rows)
  check((await page.locator('[data-test=tab-overdue]').innerText()).includes(String(overdueBadge)), 'the tab counts the same')
  await shot(page, 'inbox-overdue')
  // the filters: all cases in their notice or after an objection
  await page.locator('[data-test=tab-all]').click()
  await page.locator('[data-test=cases] .el-table__row').first().waitFor()
  await page.locator('[data-test=filter-state]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '公示中' }).click()
  await page.waitForURL(/state=notice/)
  await settle(page)
  rows = await tableRows(page, 'cases')
  check(rows.length >= 1 && rows.every((r) => r.includes('公示中')) && rows.some((r) => r.includes(A.no)), 'filter 公示中: A and only notices', rows)
  await page.locator('[data-test=cases] .el-table__row', { hasText: A.no }).click()
  await page.locator('[data-test=case-state]').waitFor()
  await settle(page)
  check(!(await page.locator('button[data-test=act-close_notice]').isDisabled()), '06-09: 结束公示 is open')
  dlg = await openAction(page, 'close_notice')
  eq(await submitAction(page, dlg, '待报送审核确认'), '待报送审核确认', 'A: notice closed')
  dlg = await openAction(page, 'submit')
  eq(await submitAction(page, dlg, '审核确认中'), '审核确认中', 'A: submitted to the county')
  // B's written notice
  await openCase(page, B.id)
  eq((await page.locator('[data-test=case-urgency]').innerText()).trim(), '已逾期', 'B: overdue on its page')
  dlg = await openAction(page, 'notify')
  eq(await submitAction(page, dlg, '不予确认已告知'), '不予确认已告知', 'B: the refusal notified')
  await page.goto(`${base}/cases?tab=overdue`)
  await page.locator('[data-test=cases]').waitFor()
  await settle(page)
  rows = await tableRows(page, 'cases')
  check(!rows.some((r) => r.includes(HB.hh_no)), 'B has left 已逾期', rows)
  const badgeNow = await page.locator('[data-test=badge-overdue]').count() ? Number(await page.locator('[data-test=badge-overdue]').innerText()) : 0
  eq(badgeNow, overdueBadge - 1, 'the 已逾期 badge went down by one')
  await logout(page)

  // C: the township review after the notice
  await loginOk(page, 'reviewer')
  await openCase(page, C.id)
  dlg = await openAction(page, 'township_review')
  eq(await submitAction(page, dlg, '待报送审核确认'), '待报送审核确认', 'C: reviewed after the objection, ready for the county')
  await logout(page)

  // ==== the approver confirms A ================================================
  await loginOk(page, 'approver')
  await page.locator('aside').getByText('待办').click()
  rows = await tableRows(page, 'cases')
  check(rows.some((r) => r.includes(A.no) && r.includes('审核确认中')), 'approver: A is in 我的待办', rows)
  await openCase(page, A.id)
  dlg = await openAction(page, 'confirm')
  check((await dlg.innerText()).includes('确认通知书'), 'confirm issues the confirmation notice')
  eq(await submitAction(page, dlg, '已确认'), '已确认', 'A: confirmed by the approver')
  check((await page.locator('[data-test=no-actions]').innerText()).includes('已办结'), 'A: nothing left to do')
  rows = await tableRows(page, 'documents')
  eq(rows.length, 4, 'A: four documents')
  const kinds = ['一次性告知书', '入户调查表', '公示名单', '确认通知书']
  check(kinds.every((k) => rows.some((r) => r.includes(k))), 'A: the four kinds', rows)
  const numbers = rows.map((r) => (/延津民低.〔2026〕\d+号/.exec(r) || [''])[0])
  check(numbers.every(Boolean) && new Set(numbers).size === 4, 'A: four distinct numbers', numbers)
  const events = await page.locator('[data-test=timeline] .el-timeline-item').count()
  eq(events, 12, 'A: twelve events in the timeline')
  tl = await timelineText(page)
  check(['caseworker', 'reviewer', 'approver'].every((u) => tl.includes(u)), 'A: three different users in the timeline')
  const order = ['提交申请', '一次性告知补正', '补正后重新提交', '受理', '登记入户调查', '提请信息核对', '登记核对结果', '乡镇初审', '发布公示', '结束公示', '报送审核确认', '确认同意']
  let at = -1
  check(order.every((a) => (at = tl.indexOf(a, at + 1)) >= 0), 'A: the steps in order', tl)
  check(tl.includes(D0) && tl.includes(D1), 'A: the business dates of the steps')
  await shot(page, 'case-confirmed')
  const confDoc = (await documents(ap, A.id)).find((d) => d.kind === 'confirmation')
  pr = await printPage(page, confDoc.id)
  check(pr.text.includes('确认通知书') && pr.text.includes(confDoc.doc_no), 'confirmation: title and number')
  eq((await page.locator('[data-test=print-amount]').innerText()).trim(), `${amount} 元`, 'confirmation: the amount in 元')
  eq((await page.locator('[data-test=print-persons]').innerText()).trim(), `${HA.members} 人`, 'confirmation: the persons')
  check(pr.text.includes('2026年7月起'), 'confirmation: paid from the next month')
  const lines = await page.locator('[data-test=print-sheet-lines] tbody tr').allInnerTexts()
  check(lines.length >= 5 && lines.some((l) => l.includes('月发放合计') && l.includes(amount)), 'confirmation: the calculation sheet', lines)
  check(/2026年6月9日/.test(pr.text), 'confirmation: dated the decision day')
  check(isA4(pr.pdfBox), 'confirmation on A4', pr.pdfBox)
  await shot(page, 'print-confirmation')
  await leavePrint(page)

  // the household's applications
  await page.goto(`${base}/households/${HA.id}?tab=cases`)
  rows = await tableRows(page, 'household-cases')
  check(rows.length === 1 && rows[0].includes(A.no) && rows[0].includes('已确认') && rows[0].includes(amount), 'the household page lists its case', rows)
  await shot(page, 'household-cases')
  await logout(page)

  // a read-only auditor
  await loginOk(page, 'auditor')
  await openCase(page, C.id)
  check((await page.locator('[data-test=no-actions]').innerText()).includes('没有您可以办理'), 'auditor: reads, no actions')
  await page.goto(`${base}/households/${HC.id}`)
  await page.locator('[data-test=household-fields]').waitFor()
  eq(await page.locator('[data-test=apply-case]').count(), 0, 'auditor: no 申请低保 button')
  await page.context().close()
}
