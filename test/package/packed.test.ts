/**
 * The package as users get it: `npm pack` the built project, unpack the tarball into
 * node_modules/live-chat of a temporary app (as npm does), link the app's other dependencies
 * (lit, react, vue and what they need) from this project's node_modules — no network — and
 * type-check small user files against it with `skipLibCheck: false`: a React 19 TSX file, a
 * plain .ts file that imports only `live-chat/define`, a Vue SFC (vue-tsc), and negative files
 * that must fail exactly on their marked lines. Also checks the tarball's export targets and
 * source maps. Needs `npm run build` first (npm test runs it before this file).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'test/package/fixtures');
const projectModules = join(root, 'node_modules');

interface Run {
  code: number;
  output: string;
}

function exec(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** The package names a set of packages needs, transitively, as npm would hoist them (project's copies). */
function closure(names: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    const manifest = join(projectModules, name, 'package.json');
    if (!existsSync(manifest)) continue; // an optional peer this project does not have
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>;
    queue.push(...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}));
  }
  return seen;
}

/** `path(line,col): error TSxxxx` → "file:line TSxxxx", file relative to the app. */
function errorsOf(output: string, app: string): string[] {
  const found = new Set<string>();
  for (const m of output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+)/gm)) {
    found.add(`${relative(app, resolve(app, m[1]!))}:${m[2]} ${m[3]}`);
  }
  return [...found].sort();
}

/** The `fails: TSxxxx` markers of a fixture, in the same shape as errorsOf. */
function expectedErrors(file: string): string[] {
  return readFileSync(join(fixtures, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => [...line.matchAll(/fails: (TS\d+)/g)].map((m) => `src/${file}:${i + 1} ${m[1]}`))
    .sort();
}

let tmp = '';
let app = '';
let tarball = '';
let packed: string[] = [];
const checks = new Map<string, Promise<Run>>();

function writeConfig(name: string, files: string[], extra: Record<string, unknown> = {}) {
  const compilerOptions = {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: false, // the package's declarations and React's/Vue's are all checked…
    skipDefaultLibCheck: true, // …but not TypeScript's own lib.*.d.ts (half the time, none of it ours)
    noEmit: true,
    types: [],
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  const list = files.length ? { files: files.map((f) => `src/${f}`) } : {};
  writeFileSync(join(app, name), JSON.stringify({ compilerOptions, ...list, ...extra }, null, 2));
}

before(async () => {
  assert.ok(existsSync(join(root, 'lib/index.d.ts')), 'lib/ is missing: run `npm run build` first');
  tmp = mkdtempSync(join(tmpdir(), 'live-chat-pack-'));
  app = join(tmp, 'app');
  const pack = await exec('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], root);
  assert.equal(pack.code, 0, pack.output);
  const [info] = JSON.parse(pack.output.slice(pack.output.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(tmp, info!.filename);
  packed = info!.files.map((f) => f.path).sort();

  const target = join(app, 'node_modules/live-chat');
  mkdirSync(target, { recursive: true });
  const untar = await exec('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], tmp);
  assert.equal(untar.code, 0, untar.output);

  const ours = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of closure([...Object.keys(ours.dependencies), 'react', 'react-dom', '@types/react', '@types/react-dom', 'vue'])) {
    const link = join(app, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(projectModules, name), link, 'dir');
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  cpSync(fixtures, join(app, 'src'), { recursive: true });

  // Three programs, started at once (each takes a few seconds); the tests below await their own.
  // React and the negative files share one program: the positive file must add no error of its own.
  writeConfig('tsconfig.react.json', ['react-app.tsx', 'negative.ts', 'negative-react.tsx']);
  // Alone, so nothing but `live-chat/define` can bring the global augmentations.
  writeConfig('tsconfig.define.json', ['define-only.ts']);
  writeConfig('tsconfig.vue.json', [], { include: ['src/App.vue', 'src/Negative.vue'] });
  const tsc = join(projectModules, 'typescript/bin/tsc');
  const vueTsc = join(projectModules, 'vue-tsc/bin/vue-tsc.js');
  for (const name of ['react', 'define']) {
    checks.set(name, exec(process.execPath, [tsc, '-p', `tsconfig.${name}.json`, '--pretty', 'false'], app));
  }
  checks.set('vue', exec(process.execPath, [vueTsc, '-p', 'tsconfig.vue.json', '--pretty', 'false'], app));
});

after(() => {
  if (process.env.KEEP_PACK_TEST) return console.error(`kept ${tmp}`);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed package', () => {
  test('every export target is in the tarball, with a declaration file for each typed entry', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types?: string; default: string }>;
    };
    for (const [entry, target] of Object.entries(pkg.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(packed.includes(file.replace(/^\.\//, '')), `${entry} → ${file} is not in the tarball`);
      }
    }
    for (const entry of ['.', './define', './react', './vue']) {
      assert.equal(typeof pkg.exports[entry], 'object', `${entry} has no types condition`);
    }
  });

  test('every source map in the tarball carries its sources (nothing points at a missing src/)', () => {
    const maps = packed.filter((f) => f.endsWith('.map'));
    assert.ok(maps.length > 10, `expected the library's source maps, found ${maps.length}`);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(app, 'node_modules/live-chat', file), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      assert.equal(map.sourcesContent?.length, map.sources.length, `${file} has no sourcesContent`);
      map.sourcesContent!.forEach((text, i) => assert.equal(typeof text, 'string', `${file}: no content for ${map.sources[i]}`));
    }
    assert.deepEqual(
      packed.filter((f) => f.endsWith('.d.ts.map')),
      [],
      'declaration maps point at src/, which is not shipped',
    );
  });

  test('a React 19 TSX file type-checks with attributes, prechatFields and onlive-chat-* (skipLibCheck: false)', async () => {
    const { output } = await checks.get('react')!;
    // Anything but the negative files: the React file itself, or the package's and React's declarations.
    assert.deepEqual(errorsOf(output, app).filter((e) => !e.startsWith('src/negative')), [], output);
    assert.match(output, /negative\.ts/, 'the negative files were not checked in the same program');
  });

  test('wrong types fail exactly where marked: details, properties and JSX props are typed, not any', async () => {
    const { code, output } = await checks.get('react')!;
    assert.notEqual(code, 0);
    const expected = [...expectedErrors('negative.ts'), ...expectedErrors('negative-react.tsx')].sort();
    assert.ok(expected.length >= 8, 'the negative fixtures lost their markers');
    assert.deepEqual(errorsOf(output, app), expected, output);
  });

  test('a plain .ts file that only imports live-chat/define gets the tag map and typed events', async () => {
    const { code, output } = await checks.get('define')!;
    assert.equal(code, 0, output);
  });

  test('a Vue SFC type-checks with vue-tsc, and wrong types fail in a template exactly where marked', async () => {
    const { code, output } = await checks.get('vue')!;
    assert.notEqual(code, 0);
    const expected = expectedErrors('Negative.vue');
    assert.ok(expected.length >= 2, 'the negative fixture lost its markers');
    assert.deepEqual(errorsOf(output, app), expected, output);
  });

  test('the package carries the files its README and docs name', () => {
    for (const file of ['README.md', 'LICENSE', 'custom-elements.json', 'dist/live-chat.iife.js', 'lib/define.js']) {
      assert.ok(packed.includes(file), `${file} is not packed`);
    }
    assert.deepEqual(
      packed.filter((f) => f.startsWith('src/') || f.startsWith('test/')),
      [],
      'sources or tests are packed',
    );
    assert.ok(readdirSync(join(app, 'node_modules/live-chat/lib')).includes('react.d.ts'));
  });
});
