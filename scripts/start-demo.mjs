// npm start: builds the widget bundles and their locale files, then serves the demo page, the Chat REST API,
// the agent console and the admin API from one origin, and prints the URLs.
import { register } from 'tsx/esm/api';
import { buildBundles } from './build-bundles.mjs';
import { buildLocales } from './build-locales.mjs';

await buildBundles();
await buildLocales();
register();
const { startServer } = await import('../server/index.ts');
const port = Number(process.env.PORT ?? 8080);
const server = await startServer({ port, host: process.env.HOST ?? '127.0.0.1', demo: true });
console.log(`
live-chat demo is running
  widget demo     ${server.url}/
  agent console   ${server.url}/console/
  Chat REST API   ${server.url}/chat/rest/
  admin/test API  ${server.url}/api/state
  monitoring      ${server.url}/livechat/agents  (Authorization: Bearer ${server.monitorToken})
Press Ctrl+C to stop.`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
