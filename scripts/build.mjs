// npm run build: the script-tag bundles (Vite), the locale files next to them,
// the npm library (tsc → lib/, locales included as lib/i18n/locales/*.js),
// and custom-elements.json (custom-elements-manifest analyzer).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { run } from './run.mjs';

await run('npx', ['vite', 'build', '--logLevel', 'warn']);
await buildLocales();
await run('npx', ['tsc', '-p', 'tsconfig.build.json']);
await run('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--exclude', 'src/components/**/*.styles.ts', '--outdir', '.', '--quiet']);
// The analyzer lists modules in file-system walk order, which varies between runs:
// sort them so the manifest is the same for the same code (CI compares it with the committed one).
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log('built dist/live-chat.iife.js, dist/live-chat.js, dist/locales/, lib/ and custom-elements.json');

/**
 * Locale files: each src/i18n/locales/<tag>.ts becomes a standalone ES module
 * dist/locales/<tag>.js (no imports, `export default` the table), which the widget loads
 * with a native import() relative to its own URL. Separate from the main entries on purpose:
 * the bundles must never inline them.
 */
async function buildLocales() {
  const { build } = await import('vite');
  const dir = 'src/i18n/locales';
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
