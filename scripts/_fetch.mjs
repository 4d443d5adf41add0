import { chromium } from 'playwright';
import { createServer } from 'node:http';
const srv = createServer((q, r) => { r.setHeader('content-type', q.url.startsWith('/p') ? 'text/html' : 'application/json'); r.end(q.url.startsWith('/p') ? '<p>x' : '{"a":1}'); }).listen(0);
const port = srv.address().port;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const kind of ['fetch', 'xhr', 'fetch', 'xhr', 'fetch', 'xhr']) {
  const ctx = await b.newContext(); const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p); await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await p.goto(`http://127.0.0.1:${port}/p`);
  console.log(kind, await p.evaluate((kind) => {
    const t0 = performance.now();
    if (kind === 'fetch') fetch('/x?y=1', { headers: { 'X-A': '49' }, cache: 'no-store' }).catch(() => {});
    else { const x = new XMLHttpRequest(); x.open('GET', '/x?y=1'); x.setRequestHeader('X-A', '49'); x.send(); }
    const t1 = performance.now();
    const u = new URL('Visitor/Settings', new URL('/chat/', location.href)); u.search = new URLSearchParams({ a: '1', b: '[2,3]' }).toString();
    const t2 = performance.now();
    return [Math.round((t1 - t0) * 10) / 10, Math.round((t2 - t1) * 10) / 10];
  }, kind));
  await ctx.close();
}
await b.close(); srv.close();
