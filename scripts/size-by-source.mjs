// Attributes the bytes of a built bundle to its sources through the source map:
// `node scripts/size-by-source.mjs [dist/live-chat.iife.js]` prints raw and brotli
// bytes per source file, largest first (brotli per file alone, so the sum is above
// the bundle's: use it to rank, not to add up).
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one VLQ segment of a source map into its numbers. */
function decodeSegment(segment) {
  const values = [];
  let shift = 0;
  let value = 0;
  for (const ch of segment) {
    let digit = B64.indexOf(ch);
    const more = digit & 32;
    digit &= 31;
    value += digit << shift;
    if (more) shift += 5;
    else {
      values.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export function bytesBySource(file) {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = readFileSync(file, 'utf8').split('\n');
  const text = new Map();
  let source = 0;
  map.mappings.split(';').forEach((group, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    const points = [];
    for (const segment of group ? group.split(',') : []) {
      const v = decodeSegment(segment);
      column += v[0];
      if (v.length > 1) source += v[1];
      points.push([column, v.length > 1 ? source : null]);
    }
    points.forEach(([start, src], i) => {
      if (src === null) return;
      const end = i + 1 < points.length ? points[i + 1][0] : line.length;
      const name = map.sources[src].replace(/^(\.\.\/)+/, '');
      text.set(name, (text.get(name) ?? '') + line.slice(start, end));
    });
  });
  return [...text]
    .map(([name, s]) => ({ name, raw: s.length, brotli: brotliCompressSync(Buffer.from(s)).length }))
    .sort((a, b) => b.brotli - a.brotli);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = bytesBySource(process.argv[2] ?? 'dist/live-chat.iife.js');
  console.log(`${'raw'.padStart(7)} ${'brotli'.padStart(7)}  source`);
  for (const r of rows) console.log(`${String(r.raw).padStart(7)} ${String(r.brotli).padStart(7)}  ${r.name}`);
}
