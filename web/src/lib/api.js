// api.js — every call to the dibao API goes through here: same-origin
// cookies, the CSRF header on every state-changing request, and errors as
// ApiError carrying the server's Chinese message. A 401 anywhere but the
// login itself means the session is gone: the handler set by the app sends
// the user back to the login page. Files come down through fetch (a
// refusal stays a message) and go up as the request body itself (upload).

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message)
    this.status = status
    this.code = code || ''
    this.body = body
  }
}

const statusText = {
  0: '无法连接服务器，请检查网络后重试',
  400: '提交的内容有误',
  401: '登录已过期，请重新登录',
  403: '没有权限',
  404: '记录不存在',
  409: '与已有记录冲突',
  413: '提交的内容过大',
  423: '账号已锁定，请稍后再试',
  500: '服务器内部错误，请稍后再试或联系管理员',
  502: '服务器暂时无法访问，请稍后再试',
  503: '服务器繁忙，请稍后再试',
}

function fallbackMessage(status) {
  return statusText[status] || `请求失败（${status}）`
}

let csrfToken = ''
let handlers = { unauthorized: null, mustChange: null }

export function setCsrf(token) {
  csrfToken = token || ''
}

export function setHandlers(h) {
  handlers = { ...handlers, ...h }
}

// "?a=1&b=x" from an object, leaving out empty values.
export function qs(params) {
  const u = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue
    u.append(k, String(v))
  }
  const s = u.toString()
  return s ? `?${s}` : ''
}

async function errorOf(res) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = body && body.error
  return new ApiError(res.status, e && e.code, (e && e.message) || fallbackMessage(res.status), body)
}

async function send(method, path, body, opts) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, 'ENET', fallbackMessage(0))
  }
  if (!res.ok) {
    const err = await errorOf(res)
    if (res.status === 401 && !opts.noRedirect && handlers.unauthorized) handlers.unauthorized(err)
    if (res.status === 403 && err.message === '请先修改初始密码' && handlers.mustChange) handlers.mustChange(err)
    throw err
  }
  return res
}

async function call(method, path, body, opts = {}) {
  const res = await send(method, path, body, opts)
  if (res.status === 204) return null
  const ct = res.headers.get('content-type') || ''
  if (!ct.includes('json')) return null
  return res.json()
}

export const api = {
  get: (path, params, opts) => call('GET', path + qs(params), undefined, opts),
  post: (path, body, opts) => call('POST', path, body ?? {}, opts),
  patch: (path, body, opts) => call('PATCH', path, body ?? {}, opts),
  put: (path, body, opts) => call('PUT', path, body ?? {}, opts),
  del: (path, opts) => call('DELETE', path, undefined, opts),
}

// The file name from Content-Disposition (filename*=UTF-8''… first).
function fileName(res, fallback) {
  const cd = res.headers.get('content-disposition') || ''
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd)
  return plain ? plain[1].trim() : fallback
}

// Saves a blob as a download named name (an <a download> click).
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

// A file answer read whole: {blob, name, headers}; a refusal is an ApiError.
export async function fetchFile(path, params, fallbackName) {
  const res = await send('GET', path + qs(params), undefined, {})
  const blob = await res.blob()
  return { blob, name: fileName(res, fallbackName), headers: res.headers }
}

// Downloads a file answer (the xlsx exports) through fetch, so that a
// refusal (too many rows, no permission) is shown as a message instead of
// a page of JSON.
export async function download(path, params, fallbackName) {
  const { blob, name } = await fetchFile(path, params, fallbackName)
  saveBlob(blob, name)
  return name
}

// Posts a file as the request body itself (application/octet-stream, as
// the bank's return file is sent) and reads the JSON answer.
export async function upload(path, params, file) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/octet-stream' }
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(`/api/v1${path}${qs(params)}`, { method: 'POST', headers, body: file, credentials: 'same-origin', cache: 'no-store' })
  } catch {
    throw new ApiError(0, 'ENET', fallbackMessage(0))
  }
  if (!res.ok) {
    const err = await errorOf(res)
    if (res.status === 401 && handlers.unauthorized) handlers.unauthorized(err)
    throw err
  }
  return res.json()
}
