import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: resolve(import.meta.dirname, 'src/main/index.ts') } },
  },
  // A sandboxed renderer loads its preload as a classic script: it must be CommonJS.
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: resolve(import.meta.dirname, 'src/preload/index.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    define: { __COSTBOOK_HOST__: JSON.stringify('desktop') },
    worker: { format: 'es' },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      target: 'es2022',
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
