// test_6_session.mjs — the login's refusals in Chinese (a locked account
// after 5 failures, a disabled account), and the 404 pages for an unknown
// path and an unknown household.
import { run, newPage, login, loginOk, shot, settle, check, eq, apiLogin, base } from './lib.mjs'

await run('session', async (browser) => {
  const admin = await apiLogin('admin')
  const county = (await admin.get('/regions')).body
  const stamp = Date.now() % 100000
  const initial = 'Init#2026ab'
  const locked = `lock${stamp}`
  const off = `off${stamp}`
  for (const u of [locked, off]) {
    const r = await admin.post('/users', { username: u, display_name: '锁定测试', region_code: county.parent.code, roles: ['county_approver'], password: initial })
    eq(r.status, 201, `setup: user ${u}`)
  }
  for (let i = 0; i < 5; i++) {
    await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: locked, password: 'wrong' }) })
  }
  const page = await newPage(browser)
  await login(page, locked, initial)
  const err = page.locator('[data-test=login-error]')
  await err.waitFor()
  const msg = await err.innerText()
  check(msg.includes('锁定'), 'locked account (423): the lock message, even with the right password', msg)
  await shot(page, 'login-locked')

  const d = await admin.patch(`/users/${off}`, { disabled: true })
  eq(d.status, 200, 'setup: user disabled')
  await login(page, off, initial)
  await page.waitForFunction((m) => !document.querySelector('[data-test=login-error]')?.innerText.includes(m), msg)
  const msg2 = await page.locator('[data-test=login-error]').innerText()
  check(/停用|禁用/.test(msg2), 'disabled account: the API message', msg2)

  await loginOk(page, 'approver')
  await page.goto(`${base}/no/such/page`)
  await page.locator('[data-test=notfound]').waitFor()
  check((await page.locator('main').innerText()).includes('页面不存在'), 'unknown path: 页面不存在')
  await shot(page, 'notfound')
  await page.goto(`${base}/households/987654321`)
  await page.locator('[data-test=notfound]').waitFor()
  check(true, 'unknown household: 页面不存在')
  await settle(page)
})
