// vite.config.js — builds the web UI into dist/ (served by `dibao serve` at /).
// `npm run dev` serves the sources on :5173 and forwards the API to a
// running `dibao serve` (default 127.0.0.1:8080, or $DIBAO_API).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const api = process.env.DIBAO_API || 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // the libraries change less often than the app: separate files cache better
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          if (id.includes('node_modules/')) return 'vendor'
        },
      },
    },
  },
})
