// Small statistics helpers for the benchmark harness (bench/). Pure functions, no I/O.

/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty list. */
export function percentile(values, p) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return NaN;
  const rank = Math.ceil((p / 100) * xs.length);
  return xs[Math.min(xs.length - 1, Math.max(0, rank - 1))];
}

/** Median (average of the two middle values for an even count). */
export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return NaN;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** p50/p95/p99/min/max/count summary, rounded to `digits`. */
export function summary(values, digits = 1) {
  const xs = values.filter((v) => Number.isFinite(v));
  return {
    n: xs.length,
    p50: round(percentile(xs, 50), digits),
    p95: round(percentile(xs, 95), digits),
    p99: round(percentile(xs, 99), digits),
    min: round(xs.length ? Math.min(...xs) : NaN, digits),
    max: round(xs.length ? Math.max(...xs) : NaN, digits),
    median: round(median(xs), digits),
  };
}

export function round(v, digits = 1) {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** a / b rounded, or null when it cannot be computed. */
export function ratio(a, b, digits = 2) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return round(a / b, digits);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
