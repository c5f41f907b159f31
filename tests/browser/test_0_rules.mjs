// test_0_rules.mjs — the UI's own rules, without a browser: the ID number
// check as it is typed (web/src/lib/idcard.js, the same words as the
// server), fen → yuan without floating point, and the masked card number.
// A table per rule; every row can fail.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { runPlain, check, eq, root, makeId, checkChar } from './lib.mjs'

const lib = (f) => import(pathToFileURL(path.join(root, 'web', 'src', 'lib', f)).href)

await runPlain('rules', async () => {
  const { checkId, normalize } = await lib('idcard.js')
  const { yuan, maskCard } = await lib('format.js')
  const now = '2026-06-30'

  // a number with a known check character, and the same with each wrong one
  const good = '11010519491231002X' // GB 11643 example: check X
  eq(checkChar(good.slice(0, 17)), 'X', 'the helper agrees with the standard\'s example')
  const cases = [
    ['', 'empty', ''],
    ['4107', 'typing', '已输入 4 位，应为 18 位'],
    ['41072619800101', 'typing', '已输入 14 位，应为 18 位'],
    ['4107a6', 'error', '第 5 位应为数字'],
    ['41072619801301', 'error', '出生日期 19801301 不正确'],
    ['41072619800230', 'error', '出生日期 19800230 不正确'],
    ['41072618991231', 'error', '出生日期 18991231 不正确'],
    ['41072619810229', 'error', '出生日期 19810229 不正确'], // not a leap year
    ['41072620000229', 'typing', '已输入 14 位，应为 18 位'], // 2000 is one
    ['41072620270101', 'error', '出生日期 2027-01-01 晚于今天'],
    ['41072619800101123Y', 'error', '第 18 位应为数字或 X'],
    ['4107261980010112345', 'error', '应为 18 位，已输入 19 位'],
    [good, 'ok', ''],
    [good.slice(0, 17) + 'x', 'ok', ''], // lower-case x
    [good.slice(0, 17) + '0', 'error', '校验位不正确，应为 X'],
    ['４１０７２６１９８０', 'typing', '已输入 10 位，应为 18 位'], // full-width digits
  ]
  for (const [input, state, msg] of cases) {
    const r = checkId(input, { now })
    check(r.state === state && (msg === '' || r.message === msg), `checkId(${JSON.stringify(input)}) → ${state} ${msg}`, r)
  }
  // generated numbers: valid, and every other check character is refused naming the right one
  for (let seed = 1; seed < 4000; seed += 397) {
    const id = makeId(seed)
    const r = checkId(id, { now })
    check(r.state === 'ok', `valid generated ${id}`, r)
    const wrongs = '0123456789X'.split('').filter((c) => c !== id[17])
    const bad = wrongs.every((c) => {
      const w = checkId(id.slice(0, 17) + c, { now })
      return w.state === 'error' && w.message === `校验位不正确，应为 ${id[17]}`
    })
    check(bad, `all 10 wrong check characters of ${id} refused`)
  }
  const withCheck = (s17) => s17 + checkChar(s17)
  const r = checkId(withCheck('41072619800229001'), { now }) // leap day, odd 17th digit
  check(r.state === 'ok' && r.birth === '1980-02-29' && r.sex === 1 && r.age === 46, 'birth date, sex and age derived', r)
  const f = checkId(withCheck('41072620000630002'), { now })
  check(f.state === 'ok' && f.sex === 2 && f.age === 26, 'female; 26 on the birthday itself', f)
  eq(normalize(' 4107 2619 8002 2900 1x '), '41072619800229001X', 'blanks removed, x upper-cased')

  // money: integer fen to yuan, no floating point
  const money = [
    [0, '0.00'], [1, '0.01'], [99, '0.99'], [100, '1.00'], [123456, '1,234.56'],
    [-5, '-0.05'], ['900719925474099199', '9,007,199,254,740,991.99'], ['103000', '1,030.00'], [null, ''],
  ]
  for (const [fen, want] of money) eq(yuan(fen), want, `yuan(${fen})`)

  // bank cards: only the last 4 digits visible
  eq(maskCard('6227001209781330369'), '**** **** **** 0369', 'card masked but the last 4')
  eq(maskCard('6227 0012 0978 1330 369'), '**** **** **** 0369', 'card with blanks masked')
  eq(maskCard(''), '', 'no card: empty')
})
