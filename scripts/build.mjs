// npm run build: the script-tag files (Vite: the loader and the widget it loads), the locale
// files next to the widget, the npm library (tsc → lib/, locales included as lib/i18n/locales/*.js),
// and custom-elements.json (custom-elements-manifest analyzer).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildLocales } from './build-locales.mjs';
import { run } from './run.mjs';
import { buildBundles } from './build-bundles.mjs';

await buildBundles();
await buildLocales();
// A clean lib/: files left by an older build (a deleted module, old declaration maps) would be packed.
rmSync('lib', { recursive: true, force: true });
await run('npx', ['tsc', '-p', 'tsconfig.build.json']);
await run('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--exclude', 'src/components/**/*.styles.ts', '--outdir', '.', '--quiet']);
// The analyzer lists modules in file-system walk order, which varies between runs:
// sort them so the manifest is the same for the same code (CI compares it with the committed one).
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log('built dist/live-chat.iife.js, dist/live-chat.js (loaders), dist/live-chat.widget.js, dist/locales/, lib/ and custom-elements.json');
