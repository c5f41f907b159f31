// test_5_dashboard.mjs — the dashboard's numbers are the server's: total
// households and persons, every township's row, and 城镇/农村, compared
// with GET /api/v1/stats/register for a county user and a township user.
import { run, newPage, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows } from './lib.mjs'

const digits = (s) => Number(String(s).replace(/[^\d]/g, ''))

async function compare(page, username) {
  const api = await apiLogin(username)
  const st = await api.get('/stats/register')
  eq(st.status, 200, `${username}: GET /stats/register`)
  const s = st.body
  await loginOk(page, username)
  check(/\/dashboard$/.test(page.url()), `${username}: lands on 首页`, page.url())
  await page.locator('[data-test=stat-households]').waitFor()
  await settle(page)
  eq(digits(await page.locator('[data-test=stat-households] .value').innerText().then((t) => t.split('户')[0])), s.households,
    `${username}: 登记家庭 = API households (${s.households})`)
  eq(digits(await page.locator('[data-test=stat-persons] .value').innerText().then((t) => t.split('人')[0])), s.persons,
    `${username}: 登记人口 = API persons (${s.persons})`)
  const rows = await tableRows(page, 'by-child')
  eq(rows.length, s.by_child.length, `${username}: one row per child region`)
  let same = true
  for (const c of s.by_child) {
    const r = rows.find((x) => x.split('\t')[1] === c.name)
    const cells = r ? r.split('\t') : []
    if (!r || digits(cells[2]) !== c.households || digits(cells[3]) !== c.persons) {
      same = false
      console.log(`    ${c.name}: api ${c.households}/${c.persons}, page ${r}`)
    }
  }
  check(same, `${username}: every child row has the API's households and persons`)
  const sumH = s.by_child.reduce((a, c) => a + c.households, 0)
  check(sumH <= s.households, `${username}: children add up to no more than the total`, { sumH, total: s.households })
  const text = await page.locator('main').innerText()
  for (const r of s.by_registration) {
    const label = r.registration === 1 ? '城镇家庭' : '农村家庭'
    check(text.includes(`${label}\n${r.households.toLocaleString('zh-CN')}`), `${username}: ${label} ${r.households}`, text.slice(0, 300))
  }
  eq(await page.locator('main canvas').count() >= 2, true, `${username}: two charts drawn`)
  await shot(page, `dashboard-${username}`)
  return s
}

// From the dashboard to the list: the region filter, 户籍性质 and the
// keyset pages agree with the same numbers.
async function listing(page, s) {
  const first = s.by_child.find((c) => c.households > 20) || s.by_child[0]
  await page.locator('[data-test=by-child] .el-table__row').filter({ hasText: first.name }).getByRole('button', { name: '查看家庭' }).click()
  await page.waitForURL(/\/households\?region=/)
  await page.locator('[data-test=households] .el-table__row').first().waitFor()
  await settle(page)
  const total = digits(await page.locator('[data-test=total]').innerText().then((t) => t.split('户')[0]))
  eq(total, first.households, `list of ${first.name}: 共 N 户 = its households on the dashboard`)
  let rows = await tableRows(page, 'households')
  check(rows.length > 0 && rows.every((r) => r.includes(first.name)), `every row is in ${first.name}`, rows.slice(0, 2))
  await shot(page, 'households-township')

  // pages: 下一页 shows other households, 上一页 the first ones again
  const page1 = rows.map((r) => r.split('\t')[0])
  await page.locator('[data-test=next]').click()
  await settle(page)
  const page2 = (await tableRows(page, 'households')).map((r) => r.split('\t')[0])
  check(page2.length > 0 && page2.every((h) => !page1.includes(h)), 'the next page has other households', { page1, page2 })
  check((await page.locator('[data-test=total]').innerText()).includes('第 2 /'), 'the pager says 第 2 页')
  await page.locator('[data-test=prev]').click()
  await settle(page)
  const back = (await tableRows(page, 'households')).map((r) => r.split('\t')[0])
  eq(back.join(), page1.join(), '上一页 shows the first page again')

  // 户籍性质 城镇 over the whole region
  await page.getByRole('button', { name: '重置' }).click()
  await settle(page)
  await page.locator('.el-select', { hasText: '户籍性质' }).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '城镇' }).click()
  await settle(page)
  const urban = s.by_registration.find((r) => r.registration === 1)
  const t2 = digits(await page.locator('[data-test=total]').innerText().then((t) => t.split('户')[0]))
  eq(t2, urban.households, '户籍性质 城镇: 共 N 户 = the dashboard\'s urban households')
  rows = await tableRows(page, 'households')
  check(rows.every((r) => r.includes('城镇')), 'every row is 城镇')
}

await run('dashboard', async (browser) => {
  const page = await newPage(browser)
  const s = await compare(page, 'approver')
  await listing(page, s)
  await logout(page)
  await compare(page, 'caseworker')
  await logout(page)
})
