// session.js — who is logged in: the answer of GET /api/v1/session kept in
// one reactive object, the menus' permissions, and the region's name. The
// server decides every permission again on each request; this only decides
// what the UI offers.
import { reactive } from 'vue'
import { api, setCsrf } from './api.js'
import { roleName } from './codes.js'

// Mirrors the role × action table of src/svc/authz.c, for a server that
// does not send "permissions" with the session.
const rolePermissions = {
  village_agent: ['region_read', 'register_read', 'register_write', 'case_act'],
  township_caseworker: ['region_read', 'register_read', 'register_write', 'case_act', 'payroll_read', 'payroll_prepare'],
  township_reviewer: ['region_read', 'register_read', 'case_act', 'payroll_read', 'payroll_prepare'],
  county_approver: ['region_read', 'register_read', 'standard_write', 'param_write', 'case_act', 'payroll_read', 'payroll_approve'],
  payment_officer: ['region_read', 'register_read', 'payroll_read', 'payroll_pay'],
  petition_officer: ['region_read', 'register_read', 'case_act'],
  auditor: ['region_read', 'register_read', 'audit_read', 'payroll_read'],
  sys_admin: ['region_read', 'region_write', 'user_admin', 'standard_write', 'param_write'],
  security_admin: ['region_read', 'user_admin'],
}

export function permissionsOf(roles) {
  const set = new Set()
  for (const r of roles || []) for (const p of rolePermissions[r] || []) set.add(p)
  return [...set]
}

export const session = reactive({
  loaded: false,
  user: null, // {username, display_name, region_code, roles, must_change}
  regionName: '',
  regionLevel: 0,
  permissions: [],
  notice: '', // shown on the login page (e.g. session expired)
})

export function can(perm) {
  return session.permissions.includes(perm)
}

export function roleNames() {
  return (session.user?.roles || []).map(roleName)
}

async function apply(body) {
  const u = body.user || {}
  session.user = u
  setCsrf(body.csrf)
  const perms = Array.isArray(u.permissions) ? u.permissions
    : Array.isArray(body.permissions) ? body.permissions : permissionsOf(u.roles)
  session.permissions = perms
  session.regionName = u.region_name || body.region_name || ''
  session.regionLevel = 0
  if (!u.must_change) {
    // the region's own name and level, for the header and the cascaders
    try {
      const r = await api.get('/regions', undefined, { noRedirect: true })
      if (r && r.parent) {
        session.regionName = session.regionName || r.parent.name
        session.regionLevel = r.parent.level
      }
    } catch {
      /* the header shows the code instead */
    }
  }
  session.loaded = true
}

export function clear(notice = '') {
  session.user = null
  session.permissions = []
  session.regionName = ''
  session.regionLevel = 0
  session.notice = notice
  setCsrf('')
}

// Reads the session from the server; false when not logged in.
export async function loadSession() {
  try {
    const body = await api.get('/session', undefined, { noRedirect: true })
    await apply(body)
    return true
  } catch (e) {
    session.loaded = true
    if (e.status === 401) {
      clear(session.notice)
      return false
    }
    throw e
  }
}

export async function login(username, password) {
  await api.post('/session', { username, password }, { noRedirect: true })
  // the GET answer carries the permissions and the region name too
  await loadSession()
  session.notice = ''
}

export async function logout() {
  try {
    await api.del('/session', { noRedirect: true })
  } catch {
    /* the session may be gone already: the user is logged out either way */
  }
  clear('')
}

export async function changePassword(oldPassword, newPassword) {
  const body = await api.post('/session/password', { old_password: oldPassword, new_password: newPassword })
  await apply(body)
  if (!session.regionName) await loadSession()
}
