// Builds the two script bundles users load without a build step of their own:
// dist/live-chat.iife.js (classic <script>) and dist/live-chat.js (ES module).
// Both register every tag and bundle lit. The npm library (lib/) is built by tsc.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    // ES2022: native class fields and #private members (the minifier shortens #names; es2021 would
    // lower them to WeakMap helpers). Every evergreen browser has supported it since 2022.
    target: 'es2022',
    lib: {
      entry: 'src/bundle.ts',
      name: 'LiveChat',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'live-chat.js' : 'live-chat.iife.js'),
    },
    // Vite keeps whitespace in library-mode ES output; the script-tag module
    // is loaded as-is by browsers, so minify it fully like the IIFE.
    // `import.meta` is empty in the IIFE on purpose: src/i18n/load.ts then finds the locale
    // files from the running <script> (document.currentScript) instead.
    rolldownOptions: { output: { minify: true }, checks: { emptyImportMeta: false } },
  },
});
