// test_1_caseworker.mjs — a township caseworker registers a household in
// the browser: a wrong ID check digit is shown as it is typed and nothing
// reaches the database; corrected, the household is saved and shown; it is
// found in the list by the last 4 digits of the ID; a member is added and
// the address edited, and both are in the 变更记录; finally a session ended
// on the server sends the browser back to the login page with the
// expiry message, and logging out works.
import { readFileSync } from 'node:fs'
import {
  run, newPage, login, loginOk, logout, shot, settle, check, eq, apiLogin, makeId, breakCheck, freshSeed,
  cascaderPick, tableRows, base,
} from './lib.mjs'

await run('caseworker', async (browser) => {
  const api = await apiLogin('caseworker')
  // an ID no one in the demo county has
  let seed = freshSeed()
  let id = makeId(seed)
  for (let i = 0; i < 20; i++) {
    const r = await api.get(`/households?q=${id}`)
    if (r.status === 200 && r.body.total === 0) break
    seed += 7919
    id = makeId(seed)
  }
  const { wrong, right } = breakCheck(id)
  const name = '测试户主' + String(seed % 1000).padStart(3, '0')

  const page = await newPage(browser)
  // the login page itself, and a wrong password answered in Chinese
  await login(page, 'caseworker', 'not-the-password')
  const err = page.locator('[data-test=login-error]')
  await err.waitFor()
  check((await err.innerText()).includes('用户名或密码不正确'), 'wrong password: the API message is shown in Chinese', await err.innerText())
  await shot(page, 'login-error')

  await loginOk(page, 'caseworker')
  const who = await page.locator('[data-test=who]').innerText()
  check(who.includes('东屯镇') && who.includes('民政经办人'), 'header shows region and role', who)
  const menu = await page.locator('aside').innerText()
  check(menu.includes('家庭档案') && menu.includes('首页'), 'caseworker menu has 首页 and 家庭档案', menu)
  check(!menu.includes('用户管理') && !menu.includes('审计日志'), 'caseworker menu has no 用户管理 / 审计日志', menu)
  await shot(page, 'dashboard')

  await page.locator('aside').getByText('家庭档案').click()
  await page.locator('[data-test=households] .el-table__row').first().waitFor()
  await shot(page, 'households')
  await page.locator('[data-test=new-household]').click()
  await page.locator('input[name=head_id_number]').waitFor()

  // count every attempt to write a household while the ID is wrong
  let posts = 0
  const onReq = (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/households') posts++
  }
  page.on('request', onReq)

  const idInput = page.locator('input[name=head_id_number]')
  await idInput.pressSequentially(wrong.slice(0, 10), { delay: 10 })
  const state = page.locator('[data-test=id-state]').first()
  check((await state.innerText()).includes('已输入 10 位'), 'while typing: how many digits are still missing', await state.innerText())
  await idInput.pressSequentially(wrong.slice(10), { delay: 10 })
  const idErr = page.locator('[data-test=id-error]').first()
  await idErr.waitFor()
  const msg = await idErr.innerText()
  check(msg.includes('校验位不正确') && msg.includes(`应为 ${right}`), `live check: wrong check digit shown with the right one (${right})`, msg)

  await page.locator('input[name=head_name]').fill(name)
  const village = await cascaderPick(page, page.locator('.el-cascader').first(), [0])
  await page.locator('input[name=address]').fill(`${village[0]}测试路 ${seed % 100} 号`)
  await page.locator('input[name=phone]').fill('13800000000')
  await page.locator('[data-test=save]').click()
  await page.waitForTimeout(500)
  await shot(page, 'new-household-wrong-id')
  const formText = await page.locator('main').innerText()
  check(formText.includes(`校验位不正确，应为 ${right}`), 'save with the wrong ID: the error stays at the field', formText.slice(0, 300))
  eq(posts, 0, 'nothing was sent to the server while the ID is wrong')
  check(/\/households\/new$/.test(page.url()), 'still on the form', page.url())

  // the server refuses it as well, and saves nothing
  const regions = await api.get('/regions')
  const vcode = regions.body.children[0].code
  const refused = await api.post('/households', {
    village_code: vcode, address: '测试', registration: 2, head: { id_number: wrong, name },
  })
  eq(refused.status, 400, 'the API refuses the wrong check digit with 400')
  check(/身份证/.test(refused.body?.error?.message || ''), 'the API message names the ID number', refused.body)
  // (a search for an invalid ID number is itself refused with 400)
  const wr = await api.get(`/households?q=${wrong}`)
  check(wr.status === 400 || wr.body?.total === 0, `no household has the wrong ID (search ${wrong})`, wr.body)
  for (const q of [id, name]) {
    const r = await api.get(`/households?q=${encodeURIComponent(q)}`)
    eq(r.body?.total, 0, `no household was saved (search ${q})`)
  }

  // a valid number of a person already in another household: the server
  // refuses (409), its message is shown in the form, nothing is saved
  const demo = (await api.get('/households?limit=1')).body.items[0]
  const taken = (await api.get(`/households/${demo.id}`)).body.members[0]
  const before = (await api.get('/households?limit=1')).body.total
  await idInput.fill(taken.id_number)
  await page.locator('[data-test=save]').click()
  const ferr = page.locator('[data-test=form-error]')
  await ferr.waitFor()
  const ftext = await ferr.innerText()
  check(ftext.includes(demo.hh_no), `server refusal shown in the form, naming the other household ${demo.hh_no}`, ftext)
  check(/\/households\/new$/.test(page.url()), 'still on the form after the refusal')
  eq((await api.get('/households?limit=1')).body.total, before, 'the refused household was not saved (same total)')
  await shot(page, 'new-household-refused')

  // fix the check digit: the form shows what the number says and saves
  await idInput.fill(id)
  const ok = page.locator('[data-test=id-ok]').first()
  await ok.waitFor()
  const okText = await ok.innerText()
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  check(okText.includes(birth) && okText.includes('男'), 'valid ID: 出生日期 and 性别 derived', okText)
  await shot(page, 'new-household-valid-id')
  await page.locator('[data-test=save]').click()
  await page.waitForURL(/\/households\/\d+$/)
  const hid = Number(page.url().match(/\/households\/(\d+)$/)[1])
  eq(posts, 2, 'two POSTs: the refused one and the saved one')
  await page.locator('[data-test=members]').waitFor()
  await settle(page)
  const body = await page.locator('main').innerText()
  check(body.includes(name) && body.includes(id), 'household page shows the head and the full ID number')
  check(body.includes(village[0]), 'household page shows the village name', village[0])
  await shot(page, 'household')

  const got = await api.get(`/households/${hid}`)
  eq(got.status, 200, 'the API has the new household')
  const hhNo = got.body?.household?.hh_no
  check(got.body?.members?.some((m) => m.id_number === id && m.name === name && m.relation === 1), 'the head is its member with relation 户主')

  // add a member in the dialog, with a live ID check there too
  const spouseId = makeId(seed + 1, { sex: 2 })
  await page.locator('[data-test=add-member]').click()
  const dlg = page.locator('.el-dialog').filter({ hasText: '添加成员' })
  await dlg.waitFor()
  const mid = dlg.locator('input[name=member_id_number]')
  await mid.fill(breakCheck(spouseId).wrong)
  check((await dlg.locator('[data-test=id-error]').innerText()).includes('校验位不正确'), 'member dialog: live check digit error')
  await mid.fill(spouseId)
  await dlg.locator('input[name=member_name]').fill('测试配偶')
  await dlg.locator('.el-select').first().click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '配偶' }).click()
  await shot(page, 'add-member')
  await dlg.locator('[data-test=member-save]').click()
  await dlg.waitFor({ state: 'hidden' })
  await settle(page)
  const rows = await tableRows(page, 'members')
  check(rows.some((r) => r.includes('测试配偶') && r.includes('配偶') && r.includes('女')), 'the new member is listed as 配偶, 女', rows)

  // edit the head: a change of name needs a reason, a change of health does not
  await page.locator('[data-test=members] .el-table__row').filter({ hasText: name }).getByRole('button', { name: '编辑' }).click()
  const ed = page.locator('.el-dialog').filter({ hasText: `编辑成员：${name}` })
  await ed.waitFor()
  await ed.locator('input[name=member_name]').fill(name + '甲')
  await ed.locator('[data-test=member-save]').click()
  await page.waitForTimeout(300)
  check((await ed.innerText()).includes('必须填写原因'), 'edit member: a new name asks for the reason first')
  await ed.locator('input[name=member_name]').fill(name)
  await ed.locator('label', { hasText: '慢性病' }).click()
  await ed.locator('[data-test=member-save]').click()
  await ed.waitFor({ state: 'hidden' })
  await settle(page)
  const rowsH = await tableRows(page, 'members')
  check(rowsH.some((r) => r.includes(name) && r.includes('慢性病')), 'edit member: the head is now 慢性病', rowsH)

  // edit the address; the change is in the 变更记录 with before → after
  await page.locator('[data-test=edit-household]').click()
  const addr = page.locator('input[name=address]')
  await addr.waitFor()
  await page.waitForFunction(() => document.querySelector('input[name=address]')?.value !== '')
  const oldAddr = await addr.inputValue()
  const newAddr = `${oldAddr}（已核实）`
  await addr.fill(newAddr)
  await page.locator('textarea').first().fill('入户核实地址')
  await shot(page, 'edit-household')
  await page.locator('[data-test=save]').click()
  await page.waitForURL(new RegExp(`/households/${hid}$`))
  await page.locator('.el-tabs__item', { hasText: '变更记录' }).click()
  await page.locator('[data-test=history] .el-table__row').first().waitFor()
  await settle(page)
  const hist = await tableRows(page, 'history')
  check(hist.some((r) => r.includes('新建家庭') && r.includes('caseworker')), 'history: 新建家庭 by caseworker', hist)
  check(hist.some((r) => r.includes('添加成员')), 'history: 添加成员', hist)
  check(hist.some((r) => r.includes('修改人员信息') && r.includes('健康状况') && r.includes('慢性病')), 'history: 修改人员信息 健康状况 → 慢性病', hist)
  check(hist.some((r) => r.includes('修改家庭信息') && r.includes(oldAddr) && r.includes(newAddr) && r.includes('入户核实地址')),
    'history: 修改家庭信息 with the old and new address and the reason', hist)
  check(!hist.some((r) => /household\.|member\.|person\./.test(r)), 'history shows no untranslated action codes', hist)
  await shot(page, 'household-history')

  // move the spouse to another household of the township (迁出/转户)
  const target = (await api.get('/households?limit=5')).body.items.find((h) => h.id !== hid)
  const spouseRow = page.locator('[data-test=members] .el-table__row').filter({ hasText: '测试配偶' })
  await page.locator('.el-tabs__item', { hasText: '家庭成员' }).click()
  await spouseRow.getByRole('button', { name: '迁出/转户' }).click()
  const mv = page.locator('.el-dialog').filter({ hasText: '迁出 / 转户' })
  await mv.waitFor()
  await mv.locator('[data-test=move-target] input').fill(target.hh_no)
  await page.locator('.el-select-dropdown__item:visible', { hasText: target.hh_no }).first().click()
  await mv.locator('.el-form-item', { hasText: '与新户主关系' }).locator('.el-select').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '其他亲属' }).click()
  await mv.locator('textarea').fill('投靠亲属')
  await shot(page, 'move-member')
  await mv.locator('[data-test=membership-save]').click()
  await mv.waitFor({ state: 'hidden' })
  await settle(page)
  const left = await tableRows(page, 'members')
  check(!left.some((r) => r.includes('测试配偶')), 'moved: the spouse is no longer a member', left)
  const formerRows = await tableRows(page, 'former-members')
  check(formerRows.some((r) => r.includes('测试配偶') && r.includes('投靠亲属')), 'moved: listed as a former member with the reason', formerRows)
  const there = await api.get(`/households/${target.id}`)
  check(there.body?.members?.some((m) => m.id_number === spouseId && m.relation === 80), 'the target household has the spouse as 其他亲属')

  // end a membership (注销) with date and reason
  const childId = makeId(seed + 2)
  const added = await api.post(`/households/${hid}/members`, { id_number: childId, name: '测试子女', relation: 20 })
  eq(added.status, 201, 'setup: a child added through the API')
  await page.reload()
  await page.locator('[data-test=members]').waitFor()
  await page.locator('[data-test=members] .el-table__row').filter({ hasText: '测试子女' }).getByRole('button', { name: '注销' }).click()
  const endDlg = page.locator('.el-dialog').filter({ hasText: '注销成员' })
  await endDlg.waitFor()
  await endDlg.locator('textarea').fill('户口迁出本县')
  await shot(page, 'end-member')
  await endDlg.locator('[data-test=membership-save]').click()
  await endDlg.waitFor({ state: 'hidden' })
  await settle(page)
  const formers2 = await tableRows(page, 'former-members')
  check(formers2.some((r) => r.includes('测试子女') && r.includes('户口迁出本县')), 'ended: the child is a former member with the reason', formers2)

  await page.locator('.el-tabs__item', { hasText: '变更记录' }).click()
  await page.locator('[data-test=history] .el-table__row').first().waitFor()
  await settle(page)
  const hist2 = await tableRows(page, 'history')
  check(hist2.some((r) => r.includes('成员转户') && r.includes('投靠亲属')), 'history: 成员转户 with the reason', hist2.slice(0, 3))
  check(hist2.some((r) => r.includes('注销成员') && r.includes('户口迁出本县')), 'history: 注销成员 with the reason', hist2.slice(0, 3))

  // find it in the list by the last 4 digits of the ID
  await page.locator('aside').getByText('家庭档案').click()
  await page.locator('input[name=q]').fill(id.slice(-4))
  await page.locator('[data-test=search-btn]').click()
  await settle(page)
  const found = await tableRows(page, 'households')
  check(found.some((r) => r.includes(hhNo) && r.includes(name)), `list: found by the last 4 digits ${id.slice(-4)}`, found)
  check(found.every((r) => !r.includes(id)), 'list: ID numbers are masked', found)
  const total = await page.locator('[data-test=total]').innerText()
  check(/共 \d+ 户/.test(total), 'list shows 共 N 户', total)
  await shot(page, 'households-search')

  // the same filter as an Excel file
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()])
  const file = await dl.path()
  const head = file ? readFileSync(file).subarray(0, 2).toString('latin1') : ''
  check(/\.xlsx$/.test(dl.suggestedFilename()) && head === 'PK', 'export: an xlsx file is downloaded', dl.suggestedFilename())

  // a session ended elsewhere: the next request goes back to login with the reason
  const cookies = await page.context().cookies()
  const token = cookies.find((c) => c.name === 'dibao_session')
  check(token && token.httpOnly && token.sameSite === 'Strict', 'session cookie is HttpOnly and SameSite=Strict', token)
  const sess = await page.evaluate(async () => (await fetch('/api/v1/session')).json())
  const del = await fetch(`${base}/api/v1/session`, {
    method: 'DELETE', headers: { Cookie: `dibao_session=${token.value}`, 'X-CSRF-Token': sess.csrf },
  })
  eq(del.status, 204, 'the session was ended on the server')
  await page.locator('aside').getByText('首页').click()
  await page.waitForURL(/\/login/)
  const notice = await page.locator('.el-alert').first().innerText()
  check(notice.includes('登录已过期，请重新登录'), 'expired session: back to login with 登录已过期，请重新登录', notice)
  await shot(page, 'login-expired')

  await loginOk(page, 'caseworker')
  await logout(page)
  check(/\/login/.test(page.url()), 'logged out: the login page')
  const after = await page.evaluate(async () => (await fetch('/api/v1/session')).status)
  eq(after, 401, 'after logout the session is gone')
})
