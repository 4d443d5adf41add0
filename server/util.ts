/**
 * Small helpers for the reference server: ids, a seeded PRNG, bounded arrays, body reading with
 * a size limit, plain-text errors, and a tiny user-agent summariser for monitoring.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export const uuid = (): string => randomUUID();
export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const shortId = (): string => {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(8);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
};

/** mulberry32: small, fast, deterministic for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pushes and drops the oldest rows beyond max. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Plain-text error response (every error body is a short reason). */
export function textResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  const init: ResponseInit = { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } };
  return new Response(status === 204 ? null : body, init);
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** Reads a request body as text, refusing more than maxBytes (HttpError 413). */
export async function readBody(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new HttpError(413, `Request body too large (limit ${maxBytes} bytes)`);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError(413, `Request body too large (limit ${maxBytes} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; empty bodies are {} when allowEmpty. Throws HttpError 400 with a short reason. */
export function parseJson(text: string, allowEmpty = false): unknown {
  if (text.trim() === '') {
    if (allowEmpty) return {};
    throw new HttpError(400, 'Request body must be JSON');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function asObject(v: unknown, what = 'Request body'): Record<string, unknown> {
  if (!isRecord(v)) throw new HttpError(400, `${what} must be a JSON object`);
  return v;
}

export function reqString(o: Record<string, unknown>, key: string, what = key): string {
  const v = o[key];
  if (v === undefined || v === null) throw new HttpError(400, `Missing required field "${what}"`);
  if (typeof v !== 'string') throw new HttpError(400, `Field "${what}" must be a string`);
  return v;
}

export function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `Field "${key}" must be a string`);
  return v;
}

export function reqBool(o: Record<string, unknown>, key: string): boolean {
  const v = o[key];
  if (v === undefined || v === null) throw new HttpError(400, `Missing required field "${key}"`);
  if (typeof v !== 'boolean') throw new HttpError(400, `Field "${key}" must be a boolean`);
  return v;
}

export function reqArray(o: Record<string, unknown>, key: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) throw new HttpError(400, `Missing required field "${key}"`);
  if (!Array.isArray(v)) throw new HttpError(400, `Field "${key}" must be an array`);
  return v;
}

/** Query arrays as clients send them: "[a,b]", "a,b", or repeated parameters. */
export function parseIdList(values: string[]): string[] {
  const out: string[] = [];
  for (const raw of values) {
    for (const part of raw.replace(/^\[|\]$/g, '').split(',')) {
      const id = part.trim().replace(/^"|"$/g, '');
      if (id) out.push(id);
    }
  }
  return out;
}

/** "Google Chrome 120.0.0.0" / "Windows 10" style summaries for monitoring. */
export function describeUserAgent(ua: string): { browser: string; operatingSystem: string } {
  const pick = (re: RegExp): string | undefined => re.exec(ua)?.[1];
  let browser = 'Unknown';
  let v: string | undefined;
  if ((v = pick(/Edg(?:e|A|iOS)?\/([\d.]+)/))) browser = `Microsoft Edge ${v}`;
  else if ((v = pick(/OPR\/([\d.]+)/))) browser = `Opera ${v}`;
  else if ((v = pick(/Firefox\/([\d.]+)/))) browser = `Mozilla Firefox ${v}`;
  else if ((v = pick(/(?:Chrome|CriOS|Chromium)\/([\d.]+)/))) browser = `Google Chrome ${v}`;
  else if ((v = pick(/Version\/([\d.]+).*Safari\//))) browser = `Safari ${v}`;
  let operatingSystem = 'Unknown';
  if ((v = pick(/Windows NT ([\d.]+)/))) operatingSystem = `Windows ${({ '10.0': '10', '6.3': '8.1', '6.2': '8', '6.1': '7' } as Record<string, string>)[v] ?? v}`;
  else if ((v = pick(/(?:iPhone|CPU) OS ([\d_]+)/))) operatingSystem = `iOS ${v.replace(/_/g, '.')}`;
  else if ((v = pick(/Mac OS X ([\d_.]+)/))) operatingSystem = `Mac OS X ${v.replace(/_/g, '.')}`;
  else if ((v = pick(/Android ([\d.]+)/))) operatingSystem = `Android ${v}`;
  else if (/CrOS/.test(ua)) operatingSystem = 'Chrome OS';
  else if (/Linux/.test(ua)) operatingSystem = 'Linux';
  return { browser, operatingSystem };
}
