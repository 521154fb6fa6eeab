// Vite configuration of the Passerelle web shell.
// The C++ server serves web/dist under a strict Content-Security-Policy (script-src 'self'; style-src 'self'):
// the build must emit no inline script or style, hence modulePreload.polyfill off (it would be inlined otherwise).
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // `npm run dev` proxies API calls to a running passerelle server (PASSERELLE_URL, default port 8080).
  const env = loadEnv(mode, '.', 'PASSERELLE_');
  const target = env.PASSERELLE_URL || 'http://127.0.0.1:8080';
  return {
    base: '/',
    // Vite 8 transforms TS/TSX with Oxc: compile JSX with Preact's automatic runtime (preact/jsx-runtime).
    oxc: {
      jsx: { runtime: 'automatic', importSource: 'preact' },
    },
    build: {
      outDir: 'dist',
      assetsDir: 'assets',
      emptyOutDir: true,
      sourcemap: false,
      cssCodeSplit: false,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      // The dashboards' chunk (SteeringDashboard, loaded only on /pilotage) holds Apache ECharts: its core alone is
      // about 450 kB minified even with only the line and bar charts imported. The other chunks stay far below.
      chunkSizeWarningLimit: 600,
    },
    server: {
      proxy: {
        '/api': target,
        '/healthz': target,
      },
    },
    preview: {
      proxy: {
        '/api': target,
        '/healthz': target,
      },
    },
  };
});
