import { defineConfig } from 'vite';

// `vite web` serves the page with live reload; the API comes from `inpaint serve` on its default port.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
