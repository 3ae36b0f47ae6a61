import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist and served by `vigil serve`. No inline script or style is emitted, so the
// server's Content-Security-Policy can forbid 'unsafe-inline'.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
