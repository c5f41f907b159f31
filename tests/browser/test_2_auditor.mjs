// test_2_auditor.mjs — the auditor (三员分立: reads everything, changes
// nothing) opens the audit log, finds the household.create record of a
// household the caseworker just created, sees its before → after, and is
// offered no write button anywhere in the register.
import { readFileSync } from 'node:fs'
import { run, newPage, loginOk, shot, settle, check, eq, apiLogin, makeId, freshSeed, tableRows } from './lib.mjs'

await run('auditor', async (browser) => {
  // the caseworker creates a household through the API
  const cw = await apiLogin('caseworker')
  const regions = await cw.get('/regions')
  let seed = freshSeed() + 31
  let id = makeId(seed)
  for (let i = 0; i < 20 && (await cw.get(`/households?q=${id}`)).body?.total !== 0; i++) id = makeId((seed += 7919))
  const name = '审计测试' + String(seed % 1000).padStart(3, '0')
  const made = await cw.post('/households', {
    village_code: regions.body.children[1].code, address: '审计测试地址 1 号', registration: 1, head: { id_number: id, name },
  })
  eq(made.status, 201, 'setup: the caseworker created a household')
  const hid = made.body?.household?.id
  const hhNo = made.body?.household?.hh_no

  const au0 = await apiLogin('auditor')
  const page = await newPage(browser)
  await loginOk(page, 'auditor')
  const menu = await page.locator('aside').innerText()
  check(menu.includes('审计日志'), 'auditor menu has 审计日志', menu)
  check(!menu.includes('用户管理'), 'auditor menu has no 用户管理', menu)
  await shot(page, 'dashboard')

  await page.locator('aside').getByText('审计日志').click()
  await page.locator('[data-test=audit] .el-table__row').first().waitFor()
  await settle(page)
  await shot(page, 'audit')
  // the newest records first: the household.create of the caseworker is there
  let rows = await tableRows(page, 'audit')
  const mine = (r) => r.includes('新建家庭') && r.includes('caseworker') && r.includes(String(hid))
  check(rows.some(mine), 'audit log lists 新建家庭 by caseworker with the household id', rows.slice(0, 5))

  // filter by action and user
  await page.locator('input[name=actor]').fill('caseworker')
  await page.locator('[data-test=audit-action]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '新建家庭' }).first().click()
  await page.getByRole('button', { name: '查询' }).click()
  await settle(page)
  rows = await tableRows(page, 'audit')
  check(rows.length > 0 && rows.every((r) => r.includes('新建家庭') && r.includes('caseworker')), 'filtered: only 新建家庭 by caseworker', rows.slice(0, 5))
  check(rows.some(mine), 'filtered: the new household is there')

  // open the record: the entered values in Chinese
  const row = page.locator('[data-test=audit] .el-table__row').filter({ hasText: String(hid) }).first()
  await row.locator('.el-table__expand-icon').click()
  await settle(page)
  const detail = await page.locator('[data-test=audit] .el-table__expanded-cell').first().innerText()
  check(detail.includes(name) && detail.includes('审计测试地址'), 'expanded record shows the new household\'s values', detail.slice(0, 400))
  check(detail.includes('地址'), 'field names are in Chinese', detail.slice(0, 400))
  await shot(page, 'audit-record')

  // the filtered log as an Excel file; the export itself is recorded
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=audit-export]').click()])
  const file = await dl.path()
  check(/\.xlsx$/.test(dl.suggestedFilename()) && file && readFileSync(file).subarray(0, 2).toString('latin1') === 'PK',
    'audit export: an xlsx file is downloaded', dl.suggestedFilename())
  const logged = await au0.get('/audit?action=audit.export&actor=auditor&limit=5')
  check(logged.body?.items?.length > 0, 'the export is itself in the audit log (audit.export)', logged.body)

  // the register, read-only
  await page.locator('aside').getByText('家庭档案').click()
  await page.locator('[data-test=households] .el-table__row').first().waitFor()
  eq(await page.locator('[data-test=new-household]').count(), 0, 'no 新增家庭 button for the auditor')
  await page.goto(`${page.url().split('/households')[0]}/households/${hid}`)
  await page.locator('[data-test=members]').waitFor()
  await settle(page)
  const text = await page.locator('main').innerText()
  check(text.includes(hhNo) && text.includes(name), 'auditor reads the household')
  eq(await page.locator('[data-test=edit-household]').count(), 0, 'no 编辑家庭 button')
  eq(await page.locator('[data-test=add-member]').count(), 0, 'no 添加成员 button')
  check(!/编辑|注销|迁出/.test(await page.locator('[data-test=members]').innerText()), 'no member actions (编辑/迁出/注销)')
  await shot(page, 'household-readonly')

  // a demo household with incomes: money in fen shown as yuan with two decimals
  let withIncome = null
  const some = await au0.get('/households?limit=40')
  for (const h of some.body?.items || []) {
    const d = await au0.get(`/households/${h.id}`)
    if (d.body?.incomes?.length) {
      withIncome = d.body
      if (d.body.disabilities?.length) break
    }
  }
  check(withIncome, 'setup: a demo household with incomes')
  if (withIncome) {
    await page.goto(`${new URL(page.url()).origin}/households/${withIncome.household.id}`)
    await page.locator('[data-test=members]').waitFor()
    await page.locator('.el-tabs__item', { hasText: '收入' }).click()
    await settle(page)
    const inc = await tableRows(page, 'incomes')
    const fen = withIncome.incomes[0].monthly_fen
    const yuan = `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`
    check(inc.some((r) => r.includes(yuan)), `income ${fen} fen shown as ${yuan} 元`, inc)
    await shot(page, 'household-incomes')
    if (withIncome.disabilities.length) {
      await page.locator('.el-tabs__item', { hasText: '残疾' }).click()
      await settle(page)
      const dis = await tableRows(page, 'disabilities')
      check(dis.length === withIncome.disabilities.length && dis.every((r) => /残疾/.test(r) && /级/.test(r)), 'disabilities by category and grade names', dis)
    }
  }

  // and the server agrees: a write by the auditor is refused
  const au = await apiLogin('auditor')
  const w = await au.patch(`/households/${hid}`, { address: '不应保存' })
  eq(w.status, 403, 'the API refuses a write by the auditor (403)')
})
