// main.js — the web UI's entry: Element Plus in Simplified Chinese, the
// router, and the session handlers that send an expired login back to the
// login page.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router.js'
import { setHandlers } from './lib/api.js'
import { clear, session } from './lib/session.js'

setHandlers({
  unauthorized(err) {
    if (!session.user) return
    clear(err.message && err.message.includes('过期') ? err.message : '登录已过期，请重新登录')
    const here = router.currentRoute.value
    router.replace({ name: 'login', query: here.name && here.name !== 'login' ? { next: here.fullPath } : {} })
  },
  mustChange() {
    if (session.user) session.user.must_change = true
    router.replace({ name: 'password' })
  },
})

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
