// The locale files, a build step of their own (run by `npm run build` and `npm start`, or alone):
// each src/i18n/locales/<tag>.ts becomes a standalone ES module dist/locales/<tag>.js (no imports,
// `export default` the table), which the widget loads with a native import() relative to its own
// URL. Kept apart from the main entries on purpose: the bundles must never inline them.
// (lib/i18n/locales/*.js come from tsc with the rest of lib/.)
import { readdirSync } from 'node:fs';
import { build } from 'vite';

const dir = 'src/i18n/locales';

export async function buildLocales() {
  const entry = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [f.slice(0, -3), `${dir}/${f}`]),
  );
  await build({
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: 'dist/locales',
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: { output: { minify: true } },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildLocales();
