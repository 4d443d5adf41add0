// npm run test:node [-- files…]: the server's Node tests (node --test through tsx).
import { run } from './run.mjs';
import { serverTestFiles } from './test-files.mjs';

const given = process.argv.slice(2);
const files = given.length ? given : serverTestFiles();
const { code } = await run('node', ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { allowFail: true });
process.exit(code);
