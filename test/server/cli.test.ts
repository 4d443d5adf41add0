// `npm run server` (server/cli.ts): prints its URL, binds 127.0.0.1, reads --config, refuses bad
// options. Each test starts the CLI as a child process and stops it by its pid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = new URL('../../server/cli.ts', import.meta.url).pathname;

function run(args: string[]): { url: Promise<string>; exit: Promise<number | null>; stop(): void; output(): string } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => reject(new Error(`exited before listening: ${out}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { url, exit, stop: () => child.kill('SIGTERM'), output: () => out };
}

test('prints its URL on 127.0.0.1 and serves the Chat REST API with the --config file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'live-chat-cli-'));
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ clientPollTimeout: 9, orgId: '00DCLI0000000001' }));
  const proc = run(['--port', '0', '--quiet', '--config', config, '--cors', '*']);
  try {
    const url = await proc.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/chat/rest/System/SessionId`, { headers: { 'X-LIVEAGENT-API-VERSION': '56', 'X-LIVEAGENT-AFFINITY': 'null', Origin: 'http://x' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(((await res.json()) as { clientPollTimeout: number }).clientPollTimeout, 9);
    const state = (await (await fetch(`${url}/api/sandboxes`, { method: 'POST', body: '{}' })).json()) as { orgId: string };
    assert.equal(state.orgId, '00DCLI0000000001');
  } finally {
    proc.stop();
    await proc.exit;
  }
});

test('refuses unknown options and bad config with a message and a non-zero exit', async () => {
  const bad = run(['--bogus']);
  assert.equal(await bad.exit, 2);
  assert.match(bad.output(), /unknown option --bogus/);
  const dir = await mkdtemp(join(tmpdir(), 'live-chat-cli-'));
  const config = join(dir, 'bad.json');
  await writeFile(config, JSON.stringify({ clientPollTimeout: 'x' }));
  const badConfig = run(['--port', '0', '--config', config]);
  assert.equal(await badConfig.exit, 1);
  assert.match(badConfig.output(), /clientPollTimeout/);
});

test('lenient by default, --strict on request: the banner says which, and sandboxes inherit it', async () => {
  for (const [args, strict] of [[[], false], [['--strict'], true]] as const) {
    const proc = run(['--port', '0', ...args]);
    try {
      const url = await proc.url;
      await new Promise((r) => setTimeout(r, 50));
      assert.match(proc.output(), strict ? /mode\s+strict/ : /mode\s+lenient/);
      const sb = (await (await fetch(`${url}/api/sandboxes`, { method: 'POST', body: '{}' })).json()) as { strict: boolean };
      assert.equal(sb.strict, strict);
      // The default sandbox: a Messages poll without ack is logged with the mode it met.
      const session = (await (await fetch(`${url}/chat/rest/System/SessionId`, { headers: { 'X-LIVEAGENT-API-VERSION': '56', 'X-LIVEAGENT-AFFINITY': 'null' } })).json()) as { key: string; affinityToken: string };
      const post = await fetch(`${url}/chat/rest/Chasitor/ChasitorTyping`, {
        method: 'POST',
        headers: { 'X-LIVEAGENT-API-VERSION': '56', 'X-LIVEAGENT-AFFINITY': session.affinityToken, 'X-LIVEAGENT-SESSION-KEY': session.key },
        body: '{}',
      });
      // Without a sequence: strict refuses the header's absence (400); lenient lets it through to the next check (500, no chat yet).
      assert.equal(post.status, strict ? 400 : 500);
      const rows = (await (await fetch(`${url}/api/requests`)).json()) as { mode: string }[];
      assert.ok(rows.length > 0 && rows.every((r) => r.mode === (strict ? 'strict' : 'lenient')));
      // The printed request log says what lenient mode tolerated.
      const pattern = /POST \/chat\/rest\/Chasitor\/ChasitorTyping .*/;
      for (let i = 0; i < 100 && !pattern.test(proc.output()); i++) await new Promise((r) => setTimeout(r, 20));
      const line = pattern.exec(proc.output())?.[0] ?? '';
      assert.ok(line, 'the request was printed');
      if (strict) assert.doesNotMatch(line, /lenient/);
      else assert.match(line, /\(lenient: no X-LIVEAGENT-SEQUENCE/);
    } finally {
      proc.stop();
      await proc.exit;
    }
  }
});
