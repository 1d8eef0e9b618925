import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

/** The `source` condition makes Vite compile @konform/core from its TypeScript sources. */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
