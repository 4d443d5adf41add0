// npm run build: the script-tag bundles (Vite), the npm library (tsc → lib/),
// and custom-elements.json (custom-elements-manifest analyzer).
import { run } from './run.mjs';

await run('npx', ['vite', 'build', '--logLevel', 'warn']);
await run('npx', ['tsc', '-p', 'tsconfig.build.json']);
await run('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--exclude', 'src/components/**/*.styles.ts', '--outdir', '.', '--quiet']);
console.log('built dist/live-chat.iife.js, dist/live-chat.js, lib/ and custom-elements.json');
