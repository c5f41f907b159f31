// test_3_region.mjs — a user of township A (made by the administrator
// through the API, with an initial password changed on the forced-change
// page) cannot open a household of township B by its URL: the page says
// 没有权限 and shows nothing of the household; nor does a search find it.
import { run, newPage, login, shot, settle, check, eq, apiLogin, tableRows } from './lib.mjs'

await run('region', async (browser) => {
  const admin = await apiLogin('admin')
  const county = await admin.get('/regions')
  eq(county.status, 200, 'admin reads the region tree')
  const towns = (county.body?.children || []).filter((t) => t.level === 4)
  check(towns.length >= 2, 'the demo county has townships', towns.length)
  // B: a township with households (the auditor sees the whole county)
  const au = await apiLogin('auditor')
  let A = null
  let B = null
  let victim = null
  for (const t of towns) {
    const r = await au.get(`/households?region=${t.code}&limit=1`)
    if (r.body?.items?.length) {
      if (!B) {
        B = t
        victim = r.body.items[0]
      } else if (!A) A = t
    }
  }
  check(A && B && victim, 'two townships with households', { A, B })

  const username = `town${Date.now() % 100000}`
  const initial = 'Init#2026ab'
  const made = await admin.post('/users', {
    username, display_name: `${A.name}测试经办人`, region_code: A.code, roles: ['township_caseworker'], password: initial,
  })
  eq(made.status, 201, `admin created ${username} in ${A.name}`)

  const page = await newPage(browser)
  await login(page, username, initial)
  await page.waitForURL(/\/password$/)
  const pw = await page.locator('main, .pw-box').first().innerText()
  check(pw.includes('首次登录') && pw.includes('至少 8 个字符') && pw.includes('至少 3 类'), 'forced change page explains why and the rule', pw)
  // a weak password is refused before it is sent
  await page.locator('input[name=old_password]').fill(initial)
  await page.locator('input[name=new_password]').fill('abcdefgh')
  await page.locator('input[name=new_password2]').fill('abcdefgh')
  await page.locator('[data-test=pw-submit]').click()
  await page.waitForTimeout(300)
  check((await page.locator('.pw-box').innerText()).includes('至少 3 类'), 'a weak new password is explained')
  await shot(page, 'forced-change')
  const fresh = 'Neu#Pass2026'
  await page.locator('input[name=new_password]').fill(fresh)
  await page.locator('input[name=new_password2]').fill(fresh)
  await page.locator('[data-test=pw-submit]').click()
  await page.locator('[data-test=who]').waitFor()
  const who = await page.locator('[data-test=who]').innerText()
  check(who.includes(A.name), `after the change: logged in, region ${A.name} in the header`, who)
  await settle(page)

  // township B's household by URL
  let leaked = false
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname === `/api/v1/households/${victim.id}` && r.status() === 200) leaked = true
  })
  await page.goto(`${new URL(page.url()).origin}/households/${victim.id}`)
  await page.locator('[data-test=forbidden]').waitFor()
  await settle(page)
  const text = await page.locator('main').innerText()
  check(text.includes('没有权限'), 'the page says 没有权限', text)
  check(!text.includes(victim.hh_no) && !text.includes(victim.head_name) && !text.includes(victim.address),
    'no data of the household is shown (户编号, 户主, 地址)', text)
  check(!leaked, 'the API never answered the household to this user')
  await shot(page, 'forbidden')

  // nor by search
  await page.goto(`${new URL(page.url()).origin}/households?q=${encodeURIComponent(victim.hh_no)}`)
  await page.locator('[data-test=households]').waitFor()
  await settle(page)
  const rows = await tableRows(page, 'households')
  eq(rows.length, 0, `search for B's 户编号 finds nothing in ${A.name}`)
  const mine = await apiLogin(username, fresh)
  const direct = await mine.get(`/households/${victim.id}`)
  eq(direct.status, 403, 'the API answers 403 for the household of township B')
})
