// npm run structure — the shape the code must keep (also a step of `npm test`):
// 1. no file in src/ over 450 lines;
// 2. the effect side (src/protocol/) never reads the snapshot back (no `.snapshot(` calls);
// 3. no import cycle among src/ modules (type-only imports included).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const MAX_LINES = 450;
const root = resolve('src');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
})(root);

const problems = [];
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const rel = relative(process.cwd(), file);
  if (lines > MAX_LINES) problems.push(`${rel}: ${lines} lines (at most ${MAX_LINES})`);
  if (rel.startsWith(join('src', 'protocol')) && /\.snapshot\(\s*\)/.test(text)) problems.push(`${rel}: reads the snapshot back (the effect side keeps its own facts)`);
  const deps = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    deps.push(resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
  }
  graph.set(file, deps);
}

// Cycles: depth-first search with colours; each cycle reported once.
const colour = new Map();
const stack = [];
const seen = new Set();
function visit(f) {
  colour.set(f, 'grey');
  stack.push(f);
  for (const d of graph.get(f) ?? []) {
    if (!graph.has(d)) continue;
    if (colour.get(d) === 'grey') {
      const cycle = stack.slice(stack.indexOf(d)).map((x) => relative(process.cwd(), x));
      const key = [...cycle].sort().join('|');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, cycle[0]].join(' → ')}`);
      }
    } else if (!colour.has(d)) visit(d);
  }
  stack.pop();
  colour.set(f, 'black');
}
for (const f of graph.keys()) if (!colour.has(f)) visit(f);

if (problems.length) {
  console.error(problems.map((p) => `structure: ${p}`).join('\n'));
  process.exit(1);
}
console.log(`structure: ${files.length} modules, none over ${MAX_LINES} lines, no snapshot read-back in src/protocol, no import cycle`);
