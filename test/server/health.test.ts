import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../server/index.js';

test('the reference server starts on a free port and answers', async () => {
  const server = await startServer({ port: 0 });
  try {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'ok');
  } finally {
    await server.close();
  }
});
