// codes.js — the code tables of the register and the Chinese names of
// roles, audit actions and fields. GET /api/v1/codes is the source; the
// built-in copies (the values of docs/api.md and src/core/codes.c) keep
// the pages readable if that route cannot be reached.
import { reactive } from 'vue'
import { api } from './api.js'
import { regionNames } from './regions.js'
import { localTime } from './format.js'

const builtin = {
  relation: [
    [1, '户主'], [10, '配偶'], [20, '子'], [30, '女'], [40, '孙子女'], [50, '父母'],
    [60, '祖父母'], [70, '兄弟姐妹'], [80, '其他亲属'], [99, '非亲属'],
  ],
  sex: [[1, '男'], [2, '女']],
  registration: [[1, '城镇'], [2, '农村']],
  health: [[1, '健康'], [2, '慢性病'], [3, '重病']],
  labour: [[1, '有劳动能力'], [2, '部分丧失劳动能力'], [3, '无劳动能力']],
  disability_category: [
    [1, '视力残疾'], [2, '听力残疾'], [3, '言语残疾'], [4, '肢体残疾'], [5, '智力残疾'],
    [6, '精神残疾'], [7, '多重残疾'],
  ],
  disability_grade: [[1, '一级'], [2, '二级'], [3, '三级'], [4, '四级']],
  income_kind: [[1, '工资性收入'], [2, '经营净收入'], [3, '财产净收入'], [4, '转移净收入'], [5, '其他收入']],
  asset_kind: [
    ['deposit', '存款'], ['securities', '有价证券'], ['vehicle', '车辆'], ['house', '房产'],
    ['business', '工商登记'], ['other', '其他'],
  ],
  source: [['declared', '申报'], ['verified', '核实']],
  roles: [
    ['village_agent', '村(社区)代办员'],
    ['township_caseworker', '乡镇民政经办人'],
    ['township_reviewer', '乡镇审核人'],
    ['county_approver', '县民政局审批人'],
    ['payment_officer', '资金发放员'],
    ['petition_officer', '信访工作人员'],
    ['auditor', '审计员'],
    ['sys_admin', '系统管理员'],
    ['security_admin', '安全管理员'],
  ],
}

function table(pairs) {
  return pairs.map(([code, name]) => ({ code, name }))
}

export const codes = reactive(Object.fromEntries(Object.entries(builtin).map(([k, v]) => [k, table(v)])))

let loading = null

// Loads the server's tables once; the built-in ones stay where the server
// has none.
export function loadCodes() {
  if (!loading) {
    loading = api.get('/codes', undefined, { noRedirect: true }).then((body) => {
      for (const [k, v] of Object.entries(body || {})) {
        if (Array.isArray(v) && v.length && v.every((x) => x && 'code' in x && 'name' in x)) codes[k] = v
      }
    }).catch(() => {
      loading = null // try again on the next page
    })
  }
  return loading
}

export function codeName(tableName, code) {
  if (code === null || code === undefined || code === '') return ''
  const t = codes[tableName] || []
  const hit = t.find((x) => String(x.code) === String(code))
  return hit ? hit.name : String(code)
}

export function roleName(role) {
  return codeName('roles', role)
}

export const actionNames = {
  'household.create': '新建家庭',
  'household.update': '修改家庭信息',
  'household.export': '导出家庭档案',
  'member.add': '添加成员',
  'member.end': '注销成员',
  'member.move': '成员转户',
  'person.update': '修改人员信息',
  'user.create': '新建用户',
  'user.add': '新建用户',
  'user.update': '修改用户',
  'user.roles': '修改用户角色',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.passwd': '修改密码',
  'user.password': '修改密码',
  'user.password_reset': '重置密码',
  'user.reset_password': '重置密码',
  'user.password_change': '修改本人密码',
  'user.login': '登录验证',
  'user.lock': '账号锁定',
  'user.unlock': '解除锁定',
  'session.revoke': '会话失效',
  'calendar.load': '载入节假日安排',
  'demo.create': '创建演示数据',
  import: '批量导入',
  export: '批量导出',
  'session.login': '登录',
  'session.login_failed': '登录失败',
  'session.logout': '退出登录',
  'session.password': '修改密码',
  'audit.export': '导出审计日志',
  'region.create': '新建区划',
  'region.update': '修改区划',
  'import.regions': '导入区划',
  'import.households': '导入家庭',
  'import.members': '导入成员',
  'export.households': '导出家庭档案',
}

export const entityNames = {
  household: '家庭',
  person: '人员',
  member: '家庭成员',
  membership: '家庭成员',
  user: '用户',
  session: '登录会话',
  region: '区划',
  audit: '审计日志',
  import: '导入',
  export: '导出',
  households: '家庭',
  members: '家庭成员',
  regions: '区划',
  county: '县(区)',
  calendar: '节假日安排',
}

export function actionName(a) {
  if (!a) return ''
  if (actionNames[a]) return actionNames[a]
  const [ent, verb] = a.split('.')
  const verbs = {
    create: '新建', add: '新建', update: '修改', delete: '删除', end: '注销', move: '转移',
    export: '导出', import: '导入', login: '登录', logout: '退出', disable: '停用', enable: '启用',
  }
  if (entityNames[ent] && verbs[verb]) return verbs[verb] + entityNames[ent]
  return a
}

export function entityName(e) {
  return entityNames[e] || e || ''
}

// Field labels for the before → after view of a change.
export const fieldNames = {
  hh_no: '户编号',
  county: '县(区)',
  village_code: '村(社区)',
  village_name: '村(社区)',
  township_code: '乡镇(街道)',
  township_name: '乡镇(街道)',
  address: '地址',
  registration: '户籍性质',
  bank_name: '开户银行',
  bank_account: '一卡通账号',
  account_name: '持卡人',
  phone: '联系电话',
  id_number: '身份证号',
  name: '姓名',
  sex: '性别',
  birth_date: '出生日期',
  health: '健康状况',
  labour: '劳动能力',
  relation: '与户主关系',
  start_date: '入户日期',
  end_date: '注销日期',
  end_reason: '注销原因',
  household_id: '家庭',
  person_id: '人员',
  membership_id: '成员关系',
  date: '日期',
  reason: '原因',
  username: '用户名',
  display_name: '姓名',
  region_code: '区划',
  roles: '角色',
  disabled: '已停用',
  must_change: '需改密码',
  orphan: '孤儿状况',
  staff_relative: '干部职工近亲属',
  schooling: '在校情况',
  veteran: '优抚类别',
  created_at: '创建时间',
  updated_at: '修改时间',
  filter: '筛选条件',
  rows: '行数',
  q: '查询',
  region: '区划',
  actor: '操作人',
  entity: '对象类型',
  action: '操作',
  from: '开始日期',
  to: '结束日期',
  result: '结果',
  outcome: '结果',
  expires_at: '会话到期',
  encoding: '编码',
  imported: '导入行数',
  rejected: '拒绝行数',
  years: '年份',
  days: '天数',
  standards: '低保标准',
  users: '用户数',
  failed_logins: '连续失败次数',
  locked_until: '锁定至',
  rows_ok: '成功行数',
  file: '文件',
}

const outcomes = {
  ok: '成功', bad_password: '密码错误', locked: '账号锁定中', locked_now: '连续失败，账号已锁定', disabled: '账号已停用',
}

const regionFields = new Set(['village_code', 'township_code', 'region_code', 'region', 'county'])
const timeFields = new Set(['expires_at', 'locked_until', 'created_at', 'updated_at', 'at'])

const valueTables = {
  registration: 'registration', sex: 'sex', health: 'health', labour: 'labour', relation: 'relation',
}

// A field's value as a clerk reads it: codes by name, booleans as 是/否,
// role lists by name.
export function fieldValue(field, v) {
  if (v === null || v === undefined || v === '') return '（空）'
  if (field === 'outcome' && outcomes[v]) return outcomes[v]
  if (regionFields.has(field) && typeof v === 'string') {
    const code = v.length === 6 ? v.padEnd(12, '0') : v
    return regionNames[code] || v
  }
  if (timeFields.has(field) && typeof v === 'string' && /T\d\d:/.test(v)) return localTime(v)
  if (valueTables[field] && (typeof v === 'number' || /^\d+$/.test(String(v)))) return codeName(valueTables[field], v)
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (field === 'roles' && Array.isArray(v)) return v.map(roleName).join('、') || '（无）'
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}
