// test_7_standards.mjs — 保障标准 and 地方参数 as a county approver walks
// them: the standards in force and their history, a new 城市低保 standard
// from a future month (a malformed amount refused by the form, a zero one
// by the server, both changing nothing), its correction with a reason;
// a parameter set in the county (origin 县, its history), a value out of
// range refused with the server's message, a future value corrected and
// struck through in the history, the "as of" date showing it; the payer
// account (a text parameter) edited as digits typed in groups, dashes
// refused by the form and a short one by the server; and a township
// caseworker reading both pages without any way to change them.
// The pure rules of web/src/lib/policy.js (yuan typed → fen, the monthly
// amount of a yearly standard, groups, typed values) come first.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { run, newPage, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows, root } from './lib.mjs'

const policy = await import(pathToFileURL(path.join(root, 'web', 'src', 'lib', 'policy.js')).href)

// Types a date into an Element Plus date picker (by its input's name) and
// confirms it with Enter, as a clerk may do instead of clicking the panel.
async function typeDate(page, scope, name, value) {
  const inp = scope.locator(`input[name=${name}]`)
  await inp.click()
  await inp.fill(value)
  await inp.press('Enter')
  await page.waitForTimeout(250)
  // the panel closes on Enter; wait until it is gone before the next field
  await page.locator('.el-picker__popper:visible').first().waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {})
  return inp.inputValue()
}

function addMonths(ymd, n) {
  const [y, m] = ymd.split('-').map(Number)
  const t = y * 12 + (m - 1) + n
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`
}

function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

await run('standards', async (browser) => {
  // ---- the pure rules -----------------------------------------------------------
  const yuanCases = [
    ['560', 56000], ['359.17', 35917], ['¥1,200', 120000], ['4310元', 431000], ['０.５', 50],
    [' 12.3 ', 1230], ['0', 0], ['', 'error'], ['abc', 'error'], ['1.234', 'error'], ['-5', 'error'], ['12..5', 'error'],
  ]
  for (const [text, want] of yuanCases) {
    const r = policy.parseYuan(text)
    check(want === 'error' ? !!r.error && r.fen === undefined : r.fen === want, `parseYuan(${JSON.stringify(text)}) → ${want}`, r)
  }
  const monthly = [
    [431000, 'fen', 'half_up', 35917], [431000, 'jiao', 'half_up', 35920], [431000, 'yuan', 'up', 36000],
    [431000, 'yuan', 'down', 35900], [315000, 'fen', 'half_up', 26250], [450000, 'fen', 'down', 37500],
    [100, 'fen', 'half_up', 8], [102, 'fen', 'half_up', 9], [101, 'fen', 'down', 8], [101, 'fen', 'up', 9],
    [431000, 'li', 'half_up', null],
  ]
  for (const [fen, unit, mode, want] of monthly) eq(policy.monthlyOf(fen, unit, mode), want, `monthlyOf(${fen}, ${unit}, ${mode})`)
  for (const [key, g] of [['asset.vehicle_allowed', 'asset'], ['standard.rural_monthly_rounding_unit', 'amount'], ['addon.ill.fixed_fen', 'addon'],
    ['dibao.rural_grades', 'addon'], ['inbox.due_soon_workdays', 'limit'], ['review.spot_check_bp', 'review'], ['new.thing', 'other']]) {
    eq(policy.groupOf(key), g, `groupOf(${key})`)
  }
  const bp = { type: 'bp', unit: '%' }
  const fen = { type: 'fen', unit: '元' }
  const months = { type: 'months', unit: '个月' }
  eq(policy.typedValue(bp, '35').value, '35%', 'typed 35 for a share → "35%"')
  eq(policy.typedValue(bp, '12.5%').value, '12.5%', 'typed 12.5% → "12.5%"')
  check(!!policy.typedValue(bp, 'abc').error, 'typed abc for a share → a message')
  eq(policy.typedValue(fen, '¥1,000').value, '1000', 'typed ¥1,000 for money → "1000"')
  check(!!policy.typedValue(months, '6.5').error, 'typed 6.5 months → a message')
  eq(policy.showValue({ type: 'bool' }, 'true'), '是', 'a bool is shown 是')
  eq(policy.showValue({ type: 'enum', choices: [{ code: 'gap', name: '差额法' }] }, 'gap'), '差额法', 'an enum is shown by name')
  eq(policy.showValue(months, '12'), '12 个月', 'months are shown with the unit')

  // ---- standards: what is in force, and its history --------------------------
  const api = await apiLogin('approver')
  const page = await newPage(browser)
  await loginOk(page, 'approver')
  const menu = await page.locator('aside').innerText()
  check(menu.includes('保障标准') && menu.includes('地方参数'), 'approver menu has 保障标准 and 地方参数', menu)
  await page.locator('aside').getByText('保障标准').click()
  await page.waitForURL(/\/standards$/)
  const urban = page.locator('[data-test=standard-dibao_urban]')
  const rural = page.locator('[data-test=standard-dibao_rural]')
  await urban.locator('[data-test=standard-current]').waitFor()
  await settle(page)
  const urbanNow = await urban.locator('[data-test=standard-current]').innerText()
  check(urbanNow.includes('¥528.00') && urbanNow.includes('元/人·月') && urbanNow.includes('2025-07-01') && urbanNow.includes('延民〔2025〕18号'),
    '城市低保 in force: ¥528.00 元/人·月 since 2025-07-01, 延民〔2025〕18号', urbanNow)
  const ruralNow = await rural.locator('[data-test=standard-current]').innerText()
  check(ruralNow.includes('¥4,310.00') && ruralNow.includes('元/人·年') && ruralNow.includes('¥359.17'),
    '农村低保 in force: ¥4,310.00 元/人·年, ¥359.17 a month', ruralNow)
  let rows = await tableRows(page, 'standard-history-dibao_urban')
  check(rows.length === 2 && rows[1].includes('2025-01-01') && rows[1].includes('¥480.00') && rows[1].includes('2024-12-20') &&
    rows[1].includes('延民〔2024〕31号') && rows[1].includes('已调整') && rows[0].includes('执行中'), '城市低保 history: both rows, newest first', rows)
  const ruralRows = await tableRows(page, 'standard-history-dibao_rural')
  check(ruralRows.some((r) => r.includes('¥3,150.00') && r.includes('¥262.50')), '农村低保 history shows each year\'s monthly amount', ruralRows)
  await shot(page, 'standards')

  // a free future month for the new standard
  const before = await api.get('/standards?program=dibao_urban')
  const today = before.body.date
  let from = addMonths(today, 3)
  while (before.body.items.some((s) => s.effective_from === from)) from = addMonths(from, 1)
  const count = before.body.items.length

  await urban.locator('[data-test=standard-add]').click()
  const dlg = page.locator('.el-dialog').filter({ hasText: '保障标准：城市低保' })
  await dlg.waitFor()
  eq(await dlg.locator('input[name=effective_month]').inputValue(), addMonths(today, 1).slice(0, 7), 'the form offers next month')
  eq(await typeDate(page, dlg, 'effective_month', from.slice(0, 7)), from.slice(0, 7), 'the month is typed')

  // a malformed amount: the form says so, nothing is sent
  await dlg.locator('input[name=amount]').fill('5六0')
  await dlg.locator('[data-test=standard-save]').click()
  const itemErr = dlg.locator('.el-form-item__error')
  await itemErr.first().waitFor()
  check((await itemErr.first().innerText()).includes('格式不正确'), 'malformed amount: 金额格式不正确', await itemErr.first().innerText())
  // zero: the server's rule, its message in the form
  await dlg.locator('input[name=amount]').fill('0')
  await dlg.locator('[data-test=standard-save]').click()
  const serr = dlg.locator('[data-test=standard-error]')
  await serr.waitFor()
  check((await serr.innerText()).includes('应大于 0 元'), 'zero amount: the server\'s 保障标准金额应大于 0 元', await serr.innerText())
  await dlg.locator('input[name=amount]').fill('200000')
  await dlg.locator('[data-test=standard-save]').click()
  await page.waitForFunction(() => /超过 100,000.00 元/.test(document.querySelector('[data-test=standard-error]')?.innerText || ''))
  check(true, 'too large an amount: 超过 100,000.00 元')
  await shot(page, 'standard-refused')
  eq((await api.get('/standards?program=dibao_urban')).body.items.length, count, 'refused amounts changed nothing')

  // the new standard
  await dlg.locator('input[name=amount]').fill('560')
  await settle(page)
  check((await dlg.innerText()).includes('上调 ¥32.00'), 'the form shows the rise over the standard it follows', await dlg.innerText())
  await typeDate(page, dlg, 'decided_on', today)
  await dlg.locator('input[name=document]').fill('延民〔2026〕7号')
  await shot(page, 'standard-set')
  await dlg.locator('[data-test=standard-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await settle(page)
  rows = await tableRows(page, 'standard-history-dibao_urban')
  check(rows[0].includes(from) && rows[0].includes('¥560.00') && rows[0].includes('延民〔2026〕7号') && rows[0].includes('待生效') && rows[0].includes(today),
    'the new standard heads the history as 待生效', rows[0])
  check((await urban.innerText()).includes(`自 ${from} 起调整为 ¥560.00`), 'the panel announces the coming rise')
  check((await urban.locator('[data-test=standard-current]').innerText()).includes('¥528.00'), 'today the old standard stays in force')
  let after = (await api.get('/standards?program=dibao_urban')).body.items.find((s) => s.effective_from === from)
  check(after && after.amount_fen === 56000 && after.document === '延民〔2026〕7号' && after.decided_on === today, 'the API has the new standard in fen', after)
  await shot(page, 'standard-added')

  // correcting it before it takes effect needs a reason
  await urban.locator('tr.el-table__row').filter({ hasText: from }).locator('[data-test=standard-correct]').click()
  const cdlg = page.locator('.el-dialog').filter({ hasText: '更正保障标准：城市低保' })
  await cdlg.waitFor()
  check(await cdlg.locator('[data-test=standard-correction]').isVisible(), 'correction: the form says it corrects the coming standard')
  eq(await cdlg.locator('input[name=document]').inputValue(), '延民〔2026〕7号', 'correction: the document is kept')
  await cdlg.locator('input[name=amount]').fill('565')
  await cdlg.locator('[data-test=standard-save]').click()
  await cdlg.locator('.el-form-item__error', { hasText: '原因' }).waitFor()
  check(true, 'correction without a reason: 须填写原因')
  await cdlg.locator('textarea[name=reason]').fill('金额录入错误，按文件更正')
  await shot(page, 'standard-correct')
  await cdlg.locator('[data-test=standard-save]').click()
  await cdlg.waitFor({ state: 'hidden' })
  await settle(page)
  rows = await tableRows(page, 'standard-history-dibao_urban')
  check(rows[0].includes(from) && rows[0].includes('¥565.00'), 'the corrected amount is listed', rows[0])
  after = (await api.get('/standards?program=dibao_urban')).body.items.find((s) => s.effective_from === from)
  eq(after?.amount_fen, 56500, 'the API has the corrected amount')
  eq((await api.get('/standards?program=dibao_urban')).body.items.length, count + 1, 'a correction adds no row')

  // the rural form previews the monthly amount by the county's rounding
  await rural.locator('[data-test=standard-add]').click()
  const rdlg = page.locator('.el-dialog').filter({ hasText: '保障标准：农村低保' })
  await rdlg.waitFor()
  await rdlg.locator('input[name=amount]').fill('4500')
  await settle(page)
  eq(await rdlg.locator('[data-test=standard-monthly-preview]').innerText(), '¥375.00', 'rural: 4500 a year previews ¥375.00 a month')
  await rdlg.locator('input[name=amount]').fill('4310')
  await settle(page)
  eq(await rdlg.locator('[data-test=standard-monthly-preview]').innerText(), '¥359.17', 'rural: 4310 a year previews ¥359.17 (to the fen, half up)')
  await shot(page, 'standard-rural-preview')
  await rdlg.getByRole('button', { name: '取消' }).click()
  await rdlg.waitFor({ state: 'hidden' })

  // as of the new month, the corrected standard is the one in force
  await typeDate(page, page, 'as_of', from)
  await settle(page)
  check((await urban.locator('[data-test=standard-current]').innerText()).includes('¥565.00'), `as of ${from}: ¥565.00 in force`)
  await shot(page, 'standards-as-of')

  // ---- parameters -----------------------------------------------------------------
  await page.locator('aside').getByText('地方参数').click()
  await page.waitForURL(/\/params$/)
  const spot = () => page.locator('[data-test=params-review] tr.el-table__row').filter({ hasText: 'review.spot_check_bp' })
  await spot().waitFor()
  await settle(page)
  const groups = await page.locator('.panel-title').allInnerTexts()
  check(['资产', '收入', '计算方法', '分类施保', '边缘', '核查', '时限'].every((g) => groups.some((t) => t.includes(g))), 'the catalogue is grouped by subject', groups)
  let spotText = await spot().innerText()
  check(spotText.includes('县级入户抽查比例') && spotText.includes('30%') && spotText.includes('国家默认') && spotText.includes('不低于 30%'),
    'spot check: 30%, 国家默认, with its legal basis', spotText)
  const period = page.locator('tr.el-table__row').filter({ hasText: 'income.period_months' })
  check((await period.innerText()).includes('12 个月'), 'months are shown with their unit', await period.innerText())
  await shot(page, 'params')

  // out of range: the server's message, nothing changed
  await spot().locator('[data-test=param-edit]').click()
  const pdlg = page.locator('.el-dialog').filter({ hasText: '参数：县级入户抽查比例' })
  await pdlg.waitFor()
  eq(await pdlg.locator('input[name=param_value]').inputValue(), '30', 'the dialog starts from the value in force')
  await pdlg.locator('input[name=param_value]').fill('abc')
  await typeDate(page, pdlg, 'effective_from', today)
  await pdlg.locator('[data-test=param-save]').click()
  await pdlg.locator('.el-form-item__error', { hasText: '百分比' }).waitFor()
  check(true, 'abc for a share: the form asks for a percentage')
  await pdlg.locator('input[name=param_value]').fill('150')
  await pdlg.locator('[data-test=param-save]').click()
  const perr = pdlg.locator('[data-test=param-error]')
  await perr.waitFor()
  check((await perr.innerText()).includes('超出范围 0%–100%') && (await perr.innerText()).includes('县级入户抽查比例'),
    '150%: the server\'s message names the parameter and the range', await perr.innerText())
  await shot(page, 'param-refused')
  let pv = (await api.get('/params')).body.items.find((p) => p.key === 'review.spot_check_bp')
  check(pv.value === '30%' && pv.origin === 'default', 'the refused value changed nothing', pv)

  // 35% from today: in force at once, from the county
  await pdlg.locator('input[name=param_value]').fill('35')
  await typeDate(page, pdlg, 'decided_on', today)
  await pdlg.locator('input[name=document]').fill('延民〔2026〕8号')
  await pdlg.locator('[data-test=param-save]').click()
  await pdlg.waitFor({ state: 'hidden' })
  await settle(page)
  spotText = await spot().innerText()
  check(spotText.includes('35%') && spotText.includes('县') && spotText.includes(today) && spotText.includes('延民〔2026〕8号') && spotText.includes('国家默认 30%'),
    'spot check now 35% from 县 since today, with the 文件号 and the default', spotText)
  pv = (await api.get('/params')).body.items.find((p) => p.key === 'review.spot_check_bp')
  check(pv.value === '35%' && pv.number === 3500 && pv.origin === 'county' && pv.origin_name === '县', 'the API resolves 35% from the county', pv)

  // a future value, then its correction: the history keeps both
  const later = addDays(today, 40)
  await spot().locator('[data-test=param-edit]').click()
  await pdlg.waitFor()
  await pdlg.locator('input[name=param_value]').fill('40')
  await typeDate(page, pdlg, 'effective_from', later)
  await pdlg.locator('[data-test=param-save]').click()
  await pdlg.waitFor({ state: 'hidden' })
  await settle(page)
  await spot().locator('[data-test=param-edit]').click()
  await pdlg.waitFor()
  await pdlg.locator('input[name=param_value]').fill('45')
  await typeDate(page, pdlg, 'effective_from', later)
  await pdlg.locator('[data-test=param-correction]').waitFor()
  check(true, 'the same date again: the dialog says it is a correction')
  await pdlg.locator('[data-test=param-save]').click()
  await pdlg.locator('.el-form-item__error', { hasText: '原因' }).waitFor()
  check(true, 'a correction without a reason: 须填写原因')
  await pdlg.locator('textarea[name=reason]').fill('会议纪要为 45%')
  await shot(page, 'param-correct')
  await pdlg.locator('[data-test=param-save]').click()
  await pdlg.waitFor({ state: 'hidden' })
  await settle(page)

  await spot().locator('[data-test=param-history]').click()
  const drawer = page.locator('.el-drawer').filter({ hasText: '参数历史：县级入户抽查比例' })
  await drawer.locator('[data-test=param-history-3] tr.el-table__row').first().waitFor()
  await settle(page)
  const hrows = await drawer.locator('[data-test=param-history-3] tr.el-table__row').evaluateAll((trs) =>
    trs.map((tr) => ({ text: tr.innerText.replace(/\s+/g, ' '), struck: tr.classList.contains('superseded') })))
  check(hrows.length === 3, 'history: three records in the county', hrows)
  check(hrows.some((r) => r.text.includes('40%') && r.text.includes('已更正') && r.struck), 'history: 40% struck through as 已更正', hrows)
  check(hrows.some((r) => r.text.includes('45%') && r.text.includes('会议纪要为 45%') && !r.struck), 'history: 45% with its reason', hrows)
  check(hrows.some((r) => r.text.includes('35%') && r.text.includes('延民〔2026〕8号') && r.text.includes('approver')), 'history: 35% with 文件号 and who', hrows)
  check((await drawer.innerText()).includes('不低于 30%'), 'the drawer shows the legal basis')
  await shot(page, 'param-history')
  const hist = await api.get('/params/review.spot_check_bp/history?scope=410726')
  check(hist.body.items.filter((r) => r.superseded).length === 1 && hist.body.items.length === 3, 'the API keeps all three records, one superseded', hist.body.items)
  await drawer.locator('.el-drawer__close-btn').click()
  await drawer.waitFor({ state: 'hidden' })

  // an enum of numbers is chosen from a list
  await period.locator('[data-test=param-edit]').click()
  const mdlg = page.locator('.el-dialog').filter({ hasText: '参数：收入核算期' })
  await mdlg.waitFor()
  await mdlg.locator('[data-test=param-choice]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '6 个月' }).click()
  await typeDate(page, mdlg, 'effective_from', later)
  await mdlg.locator('[data-test=param-save]').click()
  await mdlg.waitFor({ state: 'hidden' })
  const ph = await api.get('/params/income.period_months/history?scope=410726')
  check(ph.body.items.some((r) => r.value === '6' && r.effective_from === later), 'income.period_months 6 from the later date', ph.body.items)

  // as of the later date: 45% from the county
  await typeDate(page, page, 'as_of', later)
  await settle(page)
  await page.locator('[data-test=params-as-of]').waitFor()
  spotText = await spot().innerText()
  check(spotText.includes('45%') && spotText.includes(later), `as of ${later}: 45% since ${later}`, spotText)
  check((await period.innerText()).includes('6 个月'), `as of ${later}: 收入核算期 6 个月`)
  await shot(page, 'params-as-of')
  // only the values set locally: the two of the county
  await page.locator('[data-test=params-local-only]').click()
  await settle(page)
  const localRows = await page.locator('.groups tr.el-table__row').allInnerTexts()
  check(localRows.length === 2 && localRows.some((r) => r.includes('review.spot_check_bp')) && localRows.some((r) => r.includes('income.period_months')),
    '只看本地设置的: the two county values', localRows)
  check((await page.locator('[data-test=params-jump]').innerText()).includes('核查（3，本地 1）'), 'the jump bar counts the local values per group',
    await page.locator('[data-test=params-jump]').innerText())
  await shot(page, 'params-local-only')
  await page.locator('[data-test=params-local-only]').click()

  // a text parameter: the payer account, kept as its digits
  const payer = () => page.locator('[data-test=params-pay] tr.el-table__row').filter({ hasText: 'pay.payer_account' })
  await payer().waitFor()
  check((await payer().locator('[data-test=param-value]').innerText()).trim() === '—', 'no payer account yet', await payer().innerText())
  await payer().locator('[data-test=param-edit]').click()
  const adlg = page.locator('.el-dialog').filter({ hasText: '参数：代发付款账号' })
  await adlg.waitFor()
  eq(await adlg.locator('input[name=param_value]').inputValue(), '', 'no account to start from')
  check((await adlg.innerText()).includes('8–32 位数字'), 'the dialog says what an account looks like', await adlg.innerText())
  await adlg.locator('input[name=param_value]').fill('4105-0001')
  await typeDate(page, adlg, 'effective_from', today)
  await adlg.locator('[data-test=param-save]').click()
  await adlg.locator('.el-form-item__error', { hasText: '只能是数字' }).waitFor()
  check(true, 'an account with dashes: the form asks for digits')
  await adlg.locator('input[name=param_value]').fill('1234 567')
  await adlg.locator('[data-test=param-save]').click()
  const aerr = adlg.locator('[data-test=param-error]')
  await aerr.waitFor()
  check((await aerr.innerText()).includes('"1234567" 不正确，应为 8 至 32 位数字'), 'a short account: the server\'s message', await aerr.innerText())
  let acc = (await api.get('/params')).body.items.find((p) => p.key === 'pay.payer_account')
  check(acc.value === '' && acc.origin === 'default', 'the refused account changed nothing', acc)
  await adlg.locator('input[name=param_value]').fill('0410 5000 1234 5678')
  await adlg.locator('[data-test=param-save]').click()
  await adlg.waitFor({ state: 'hidden' })
  await settle(page)
  const accText = await payer().innerText()
  check(accText.includes('0410500012345678') && accText.includes('县'), 'the account from 县, with its leading zero', accText)
  acc = (await api.get('/params')).body.items.find((p) => p.key === 'pay.payer_account')
  check(acc.type === 'text' && acc.value === '0410500012345678' && acc.number === null && acc.origin === 'county', 'the API has the account as text', acc)
  // the dialog starts from the account in force
  await payer().locator('[data-test=param-edit]').click()
  await adlg.waitFor()
  eq(await adlg.locator('input[name=param_value]').inputValue(), '0410500012345678', 'the dialog starts from the account')
  await adlg.locator('.el-dialog__footer button', { hasText: '取消' }).click()
  await adlg.waitFor({ state: 'hidden' })

  // ---- a township caseworker reads, and may change nothing ----------------------
  await logout(page)
  await loginOk(page, 'caseworker')
  const cmenu = await page.locator('aside').innerText()
  check(cmenu.includes('保障标准') && cmenu.includes('地方参数'), 'caseworker menu has 保障标准 and 地方参数', cmenu)
  await page.locator('aside').getByText('保障标准').click()
  await urban.locator('[data-test=standard-current]').waitFor()
  await settle(page)
  eq(await page.locator('[data-test=standard-add]').count(), 0, 'caseworker: no 设置新标准')
  eq(await page.locator('[data-test=standard-correct]').count(), 0, 'caseworker: no 更正')
  rows = await tableRows(page, 'standard-history-dibao_urban')
  check(rows.some((r) => r.includes(from) && r.includes('¥565.00')), 'caseworker sees the coming standard', rows)
  check((await page.locator('.page-head').innerText()).includes('只读'), 'caseworker: the page says 只读')
  await shot(page, 'standards-caseworker')
  await page.locator('aside').getByText('地方参数').click()
  await spot().waitFor()
  await settle(page)
  eq(await page.locator('[data-test=param-edit]').count(), 0, 'caseworker: no 设置 buttons')
  check((await spot().innerText()).includes('35%'), 'caseworker sees 35% in force')
  await spot().locator('[data-test=param-history]').click()
  await drawer.locator('[data-test=param-history-3] tr.el-table__row').first().waitFor()
  check(true, 'caseworker may open the history')
  await shot(page, 'params-caseworker')
  const capi = await apiLogin('caseworker')
  const refused = await capi.raw('PUT', '/params/review.spot_check_bp', { scope: '410726', value: '50%', effective_from: later })
  eq(refused.status, 403, 'the API refuses the caseworker a parameter (403)')
  const refusedStd = await capi.post('/standards', { county: '410726', program: 'dibao_urban', effective_from: addMonths(from, 1), amount_fen: 60000 })
  eq(refusedStd.status, 403, 'the API refuses the caseworker a standard (403)')
})
