// Runs a command with inherited stdio, or captures its output while echoing it.
import { spawn } from 'node:child_process';

export function run(cmd, args, { capture = false, allowFail = false, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    let output = '';
    if (capture) {
      for (const stream of [child.stdout, child.stderr]) {
        stream.on('data', (chunk) => {
          output += chunk;
          (stream === child.stderr ? process.stderr : process.stdout).write(chunk);
        });
      }
    }
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && !allowFail) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
      else resolve({ code: code ?? 1, output });
    });
  });
}
