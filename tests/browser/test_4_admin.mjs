// test_4_admin.mjs — the system administrator (三员分立: users and
// regions, never a beneficiary record) sees 用户管理 and not 家庭档案,
// is refused the register by URL, and creates a user in the UI, who must
// then change the initial password at the first login.
import { run, newPage, login, loginOk, logout, shot, settle, check, eq, apiLogin, tableRows, cascaderPick } from './lib.mjs'

await run('admin', async (browser) => {
  const page = await newPage(browser)
  await loginOk(page, 'admin')
  check(/\/users$/.test(page.url()), 'admin lands on 用户管理', page.url())
  const menu = await page.locator('aside').innerText()
  check(menu.includes('用户管理'), 'menu has 用户管理', menu)
  check(!menu.includes('家庭档案') && !menu.includes('首页'), 'menu has no 家庭档案 / 首页', menu)
  check(!menu.includes('审计日志'), 'menu has no 审计日志', menu)
  await page.locator('[data-test=users] .el-table__row').first().waitFor()
  await settle(page)
  let rows = await tableRows(page, 'users')
  check(rows.some((r) => r.includes('caseworker') && r.includes('民政经办人') && r.includes('正常')), 'users table: caseworker with role name and 正常', rows.slice(0, 3))
  check(rows.every((r) => !/township_caseworker|sys_admin|auditor\b.*auditor/.test(r)), 'role codes are shown by Chinese name', rows.slice(0, 3))
  await shot(page, 'users')

  // the register by URL: 没有权限, and the API agrees
  await page.goto(`${new URL(page.url()).origin}/households`)
  await page.locator('[data-test=forbidden]').waitFor()
  check((await page.locator('main').innerText()).includes('没有权限'), '/households by URL: 没有权限')
  await shot(page, 'households-forbidden')
  const api = await apiLogin('admin')
  eq((await api.get('/households')).status, 403, 'the API refuses the register to the admin (403)')

  // a new user through the dialog
  await page.locator('aside').getByText('用户管理').click()
  await page.locator('[data-test=add-user]').click()
  const dlg = page.locator('.el-dialog').filter({ hasText: '新增用户' })
  await dlg.waitFor()
  const username = `ui${Date.now() % 100000}`
  await dlg.locator('input[name=new_username]').fill(username)
  await dlg.locator('input[name=display_name]').fill('界面新建经办人')
  const town = await cascaderPick(page, dlg.locator('.el-cascader'), [1])
  await dlg.locator('.el-checkbox', { hasText: '民政经办人' }).click()
  const password = await dlg.locator('input[name=initial_password]').inputValue()
  check(password.length >= 8, 'a random initial password is offered', password)
  await shot(page, 'add-user')
  await dlg.locator('[data-test=user-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await settle(page)
  rows = await tableRows(page, 'users')
  const row = rows.find((r) => r.includes(username))
  check(row && row.includes('界面新建经办人') && row.includes(town[0].replace('（本级）', '')) && row.includes('民政经办人'),
    'the new user is listed with name, region and role', row)
  check(row && /需改密码|是/.test(row), 'the new user must change the password', row)
  const listed = await api.get('/users')
  const u = listed.body?.items?.find((x) => x.username === username)
  check(u && u.must_change && u.roles.includes('township_caseworker'), 'the API has the user with must_change', u)

  // a second user with the same name is refused, the message shown in the dialog
  await page.locator('[data-test=add-user]').click()
  await dlg.waitFor()
  await dlg.locator('input[name=new_username]').fill(username)
  await dlg.locator('input[name=display_name]').fill('重复')
  await cascaderPick(page, dlg.locator('.el-cascader'), [1])
  await dlg.locator('.el-checkbox', { hasText: '民政经办人' }).click()
  await dlg.locator('[data-test=user-save]').click()
  const uerr = dlg.locator('[data-test=user-error]')
  await uerr.waitFor()
  check((await uerr.innerText()).length > 0 && /[\u4e00-\u9fff]/.test(await uerr.innerText()), 'duplicate user: the server message in Chinese', await uerr.innerText())
  await shot(page, 'add-user-duplicate')
  await dlg.getByRole('button', { name: '取消' }).click()

  // edit the name, reset the password, disable and enable again
  const userRow = () => page.locator('[data-test=users] .el-table__row').filter({ hasText: username })
  await userRow().getByRole('button', { name: '修改' }).click()
  const edit = page.locator('.el-dialog').filter({ hasText: `修改用户：${username}` })
  await edit.waitFor()
  await edit.locator('input[name=display_name]').fill('界面改名经办人')
  await shot(page, 'edit-user')
  await edit.locator('[data-test=user-save]').click()
  await edit.waitFor({ state: 'hidden' })
  await settle(page)
  check((await userRow().innerText()).includes('界面改名经办人'), 'edit: the new name is listed')
  const after = (await api.get('/users')).body.items.find((x) => x.username === username)
  eq(after?.display_name, '界面改名经办人', 'edit: the API has the new name')

  await userRow().getByRole('button', { name: '重置密码' }).click()
  const rs = page.locator('.el-dialog').filter({ hasText: `重置密码：${username}` })
  await rs.waitFor()
  const resetPw = await rs.locator('input[name=reset_password]').inputValue()
  await shot(page, 'reset-password')
  await rs.getByRole('button', { name: '重置', exact: true }).click()
  await rs.waitFor({ state: 'hidden' })
  await settle(page)

  await userRow().getByRole('button', { name: '停用' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '停用' }).click()
  await settle(page)
  check((await userRow().innerText()).includes('已停用'), 'disable: the row says 已停用')
  eq((await api.get('/users')).body.items.find((x) => x.username === username)?.disabled, true, 'disable: the API has it disabled')
  await shot(page, 'user-disabled')
  await userRow().getByRole('button', { name: '启用' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '启用' }).click()
  await settle(page)
  check((await userRow().innerText()).includes('正常'), 'enable: the row says 正常 again')
  // the admin may not disable themself: the button is off
  check(await page.locator('[data-test=users] .el-table__row').filter({ hasText: /^admin/ }).first().getByRole('button', { name: '停用' }).isDisabled(),
    'the admin\'s own 停用 button is disabled')

  // the new user's first login (with the reset password) goes to the forced change
  await logout(page)
  await login(page, username, resetPw)
  await page.waitForURL(/\/password$/)
  check(true, 'the new user is sent to 修改密码 at the first login')
})
