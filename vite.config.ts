// Builds the script-tag files users load without a build step of their own, in two passes
// (scripts/build-bundles.mjs runs both):
//   --mode widget: dist/live-chat.widget.js, the widget itself (every element, the protocol
//     engine, lit), an ES module that the loader imports when the chat is needed;
//   --mode loader (the default): dist/live-chat.iife.js (classic <script>) and
//     dist/live-chat.js (ES module), the small loader that defines <live-chat>, shows the
//     launcher and imports live-chat.widget.js from its own directory on intent.
// The loader shares no chunk with the widget (a classic script cannot import one), so
// each pass bundles what it needs. The npm library (lib/) is built by tsc.
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const widget = mode === 'widget';
  return {
    publicDir: false,
    build: {
      outDir: 'dist',
      // The widget pass runs first and starts from an empty dist/.
      emptyOutDir: widget,
      sourcemap: true,
      minify: true,
      // ES2022: native class fields and #private members (the minifier shortens #names; es2021 would
      // lower them to WeakMap helpers). Every evergreen browser has supported it since 2022.
      target: 'es2022',
      lib: widget
        ? { entry: 'src/bundle.ts', formats: ['es'], fileName: () => 'live-chat.widget.js' }
        : {
            entry: 'src/loader.ts',
            name: 'LiveChatLoader',
            formats: ['es', 'iife'],
            fileName: (format) => (format === 'es' ? 'live-chat.js' : 'live-chat.iife.js'),
          },
      // Vite keeps whitespace in library-mode ES output; these modules are loaded as-is by
      // browsers, so minify them fully like the IIFE.
      rolldownOptions: {
        // The widget's lazily imported parts (rich content: src/components/rich/entry-body.ts) sit beside it.
        output: { minify: true, chunkFileNames: 'live-chat.[name].js' },
        // The leave-a-message form's chunk (src/components/offline/offline-form.ts) uses lit and code
        // the widget has: the widget may export them to it. With the default ('strict', the entry's
        // exports exactly) the bundler moved everything the two share into a third file.
        preserveEntrySignatures: widget ? 'allow-extension' : undefined,
        // The loader reads its own URL from document.currentScript in the IIFE, where import.meta
        // is empty; only the ES module reaches import.meta.url (src/loader.ts `base`).
        onLog(level, log, handler) {
          if (!widget && log.code === 'EMPTY_IMPORT_META') return;
          handler(level, log);
        },
      },
    },
  };
});
