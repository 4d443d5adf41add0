/**
 * `npm run server -- [--port N] [--host H] [--cors ORIGIN|*] [--config file.json] [--strict] [--quiet] [--demo]`:
 * runs the reference server alone (binds 127.0.0.1 by default) and prints its URL and mode.
 */
import { readFileSync } from 'node:fs';
import { startServer } from './index.js';

function usage(message?: string): never {
  if (message) console.error(`error: ${message}`);
  console.error('usage: npm run server -- [--port N] [--host H] [--cors ORIGIN|*] [--config file.json] [--strict] [--quiet] [--demo]');
  process.exit(2);
}

const args = process.argv.slice(2);
const opts: { port: number; host: string; cors?: string; quiet: boolean; demo: boolean; strict?: boolean; config?: Record<string, unknown> } = {
  port: 8080,
  host: '127.0.0.1',
  quiet: false,
  demo: false,
};
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  const value = (): string => {
    const v = args[++i];
    if (v === undefined) usage(`${arg} needs a value`);
    return v;
  };
  switch (arg) {
    case '--port': {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) usage('--port must be 0-65535');
      opts.port = p;
      break;
    }
    case '--host':
      opts.host = value();
      break;
    case '--cors':
      opts.cors = value();
      break;
    case '--config': {
      const file = value();
      try {
        opts.config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (e) {
        usage(`cannot read config ${file}: ${(e as Error).message}`);
      }
      break;
    }
    case '--quiet':
      opts.quiet = true;
      break;
    case '--strict':
      opts.strict = true;
      break;
    case '--demo':
      opts.demo = true;
      break;
    case '--help':
    case '-h':
      usage();
      break;
    default:
      usage(`unknown option ${arg}`);
  }
}

try {
  const server = await startServer(opts);
  const mode = server.strict
    ? 'strict (Messages without ack = ack -1; Chasitor POSTs without X-LIVEAGENT-SEQUENCE get 400)'
    : 'lenient (Messages without ack: server-tracked delivery; POSTs without X-LIVEAGENT-SEQUENCE: arrival order; --strict to refuse)';
  console.log(`reference server listening on ${server.url}
  mode            ${mode}
  Chat REST API   ${server.url}/chat/rest/
  agent console   ${server.url}/console/
  test/agent API  ${server.url}/api/state
  monitoring      ${server.url}/livechat/agents  (Authorization: Bearer ${server.monitorToken})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
}
