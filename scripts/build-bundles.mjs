// The script-tag files (vite.config.ts): the widget first (it empties dist/), then the loader.
import { run } from './run.mjs';

export async function buildBundles() {
  await run('npx', ['vite', 'build', '--mode', 'widget', '--logLevel', 'warn']);
  await run('npx', ['vite', 'build', '--mode', 'loader', '--logLevel', 'warn']);
}
