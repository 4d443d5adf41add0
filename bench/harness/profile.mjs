// Attributes main-thread time to source code: runs the CDP sampling profiler around a piece
// of work and sums self time per function, mapped back to src/ through the bundle's source
// map (a small decoder of the standard base64-VLQ "mappings" is below, so no dependency).
import { readFileSync, existsSync } from 'node:fs';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = Object.fromEntries([...B64].map((c, i) => [c, i]));

/** Decodes a source map's mappings into per-generated-line sorted segments [generated column, source index, original line, name index]. */
export function decodeMappings(map) {
  const lines = [];
  let src = 0;
  let line = 0;
  let name = 0; // (original columns are decoded but not needed: lines are enough here)
  for (const text of map.mappings.split(';')) {
    const segs = [];
    let gen = 0;
    for (const seg of text ? text.split(',') : []) {
      const vals = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64_INDEX[ch];
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      gen += vals[0];
      if (vals.length >= 4) {
        src += vals[1];
        line += vals[2];
        if (vals.length >= 5) name += vals[4];
        segs.push([gen, src, line, vals.length >= 5 ? name : -1]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

export class SourceMap {
  constructor(path) {
    this.map = JSON.parse(readFileSync(path, 'utf8'));
    this.lines = decodeMappings(this.map);
  }

  /** Original `{source, line}` (1-based line) for a 0-based generated line/column, or null. */
  lookup(line, column) {
    const segs = this.lines[line];
    if (!segs?.length) return null;
    let lo = 0;
    let hi = segs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid][0] <= column) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return null;
    const [, src, origLine] = segs[best];
    return { source: this.map.sources[src].replace(/^(\.\.\/)+/, ''), line: origLine + 1 };
  }
}

/** Starts the CDP sampling profiler in the page behind `cdp`. */
export async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/**
 * Stops the profiler; returns sampled busy ms, GC ms and the top functions by self time,
 * named `function (src/file.ts:line)` where the bundle's source map knows them.
 */
export async function stopProfile(cdp, { mapPath, bundle = 'live-chat', top = 8 } = {}) {
  const { profile: p } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const map = mapPath && existsSync(mapPath) ? new SourceMap(mapPath) : null;
  const self = new Map();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const name = (cf) => {
    const fn = cf.functionName || '(anonymous)';
    if (map && cf.url.includes(bundle)) {
      const o = map.lookup(cf.lineNumber, cf.columnNumber);
      if (o) return `${fn} (${o.source}:${o.line})`;
    }
    return cf.url ? `${fn} (${cf.url.split('/').pop()})` : fn;
  };
  const totals = new Map();
  let busy = 0;
  let gc = 0;
  for (const [id, t] of self) {
    const n = nodes.get(id);
    const fn = n.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)' || fn === '(root)') continue;
    busy += t;
    if (fn === '(garbage collector)') {
      gc += t;
      continue;
    }
    // builtins (JSON.stringify, setItem, postMessage…) are named with their nearest caller that has a source
    let label = name(n.callFrame);
    if (!n.callFrame.url) {
      let up = parent.get(id);
      while (up && !up.callFrame.url) up = parent.get(up.id);
      if (up) label = `${fn || '(native)'} ← ${name(up.callFrame)}`;
    }
    totals.set(label, (totals.get(label) ?? 0) + t);
  }
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 }));
  return { sampledBusyMs: Math.round(busy * 10) / 10, gcMs: Math.round(gc * 10) / 10, top: rows };
}
