// Node 20's --test takes no globs: this lists test/server/**/*.test.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function serverTestFiles() {
  return readdirSync('test/server', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join('test/server', f));
}
