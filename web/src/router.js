// router.js — the pages and who may open them. History mode: the server
// answers index.html for any path without a file extension
// (src/http/h_static.c), so /households/42 can be reloaded and bookmarked.
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadSession, can } from './lib/session.js'

const Layout = () => import('./views/Layout.vue')

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/Login.vue'), meta: { public: true, title: '登录' } },
  { path: '/password', name: 'password', component: () => import('./views/ChangePassword.vue'), meta: { title: '修改密码', anyState: true } },
  // a document on A4 for printing: no menu, no frame
  { path: '/print/documents/:id(\\d+)', name: 'print-document', component: () => import('./views/PrintDocument.vue'), meta: { title: '打印文书', perm: 'register_read' } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: () => import('./views/NoPages.vue'), meta: { title: '首页' } },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue'), meta: { title: '首页', perm: 'register_read' } },
      { path: 'households', name: 'households', component: () => import('./views/Households.vue'), meta: { title: '家庭档案', perm: 'register_read' } },
      { path: 'households/new', name: 'household-new', component: () => import('./views/HouseholdForm.vue'), meta: { title: '新增家庭', perm: 'register_write', menu: 'households' } },
      { path: 'households/:id(\\d+)', name: 'household', component: () => import('./views/Household.vue'), meta: { title: '家庭详情', perm: 'register_read', menu: 'households' } },
      { path: 'households/:id(\\d+)/edit', name: 'household-edit', component: () => import('./views/HouseholdForm.vue'), meta: { title: '编辑家庭', perm: 'register_write', menu: 'households' } },
      { path: 'cases', name: 'cases', component: () => import('./views/Cases.vue'), meta: { title: '待办', perm: 'register_read' } },
      { path: 'cases/:id(\\d+)', name: 'case', component: () => import('./views/Case.vue'), meta: { title: '低保申请', perm: 'register_read', menu: 'cases' } },
      { path: 'coverage/reviews', name: 'coverage-reviews', component: () => import('./views/CoverageReviews.vue'), meta: { title: '在保核查', perm: 'register_read' } },
      { path: 'payroll', name: 'payroll', component: () => import('./views/PayrollRuns.vue'), meta: { title: '资金发放', perm: 'payroll_read' } },
      { path: 'payroll/templates', name: 'payroll-templates', component: () => import('./views/PayrollTemplates.vue'), meta: { title: '代发模板', perm: 'payroll_read', menu: 'payroll' } },
      { path: 'payroll/:id(\\d+)', name: 'payroll-run', component: () => import('./views/PayrollRun.vue'), meta: { title: '发放批次', perm: 'payroll_read', menu: 'payroll' } },
      { path: 'users', name: 'users', component: () => import('./views/Users.vue'), meta: { title: '用户管理', perm: 'user_admin' } },
      { path: 'standards', name: 'standards', component: () => import('./views/Standards.vue'), meta: { title: '保障标准', perm: 'region_read' } },
      { path: 'params', name: 'params', component: () => import('./views/Params.vue'), meta: { title: '地方参数', perm: 'region_read' } },
      { path: 'audit', name: 'audit', component: () => import('./views/Audit.vue'), meta: { title: '审计日志', perm: 'audit_read' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/Forbidden.vue'), meta: { title: '没有权限' } },
      { path: ':rest(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadSession()
    } catch {
      /* server unreachable: the login page says so when used */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user && !session.user.must_change) return { name: 'home' }
    return true
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (session.user.must_change && to.name !== 'password') return { name: 'password' }
  if (to.name === 'home') {
    const first = landing()
    if (first) return { name: first }
  }
  if (to.meta.perm && !can(to.meta.perm)) return { name: 'forbidden', query: { from: to.fullPath } }
  return true
})

// The first page a user may open: the register for its workers, users for
// the administrators, the log for an auditor without register rights.
function landing() {
  if (can('register_read')) return 'dashboard'
  if (can('user_admin')) return 'users'
  if (can('audit_read')) return 'audit'
  if (can('payroll_read')) return 'payroll'
  return ''
}

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 低保信息系统` : '低保信息系统'
})
