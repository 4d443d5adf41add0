/**
 * The leave-a-message POST: Salesforce Web-to-Case's shape (`orgid` plus `name`, `email`,
 * `subject`, `description`, form-encoded). Web-to-Case answers without CORS headers, so the
 * request is a simple no-cors form POST: a cross-origin answer is opaque (sent is all we can
 * know); a same-origin one (a proxy) is read, and a non-2xx status is an error.
 * The description passes the sensitive-data rules first (card and account numbers when no
 * rules are known). Owns the request only; the form and its state live in components/offline.
 */
import { maskFreeText } from './sensitive.js';
import type { SensitiveDataRule } from './wire.js';

export const OFFLINE_FIELDS = ['name', 'email', 'subject', 'description'] as const;
export type OfflineField = (typeof OFFLINE_FIELDS)[number];
export type OfflineFields = Readonly<Record<OfflineField, string>>;
/** Nothing typed yet. */
export const emptyOfflineFields: OfflineFields = { name: '', email: '', subject: '', description: '' };

/** The fields as they leave the browser: trimmed, the description masked. */
export function outgoingFields(fields: OfflineFields, rules: readonly SensitiveDataRule[] = []): OfflineFields {
  const out = Object.fromEntries(OFFLINE_FIELDS.map((k) => [k, fields[k].trim()])) as Record<OfflineField, string>;
  out.description = maskFreeText(out.description, rules);
  return out;
}

/**
 * Posts the message: `orgid` then the fields as URLSearchParams (sent as
 * application/x-www-form-urlencoded). Rejects on a network failure or a readable non-2xx answer.
 */
export async function postWebToCase(action: string, orgId: string, fields: OfflineFields, signal?: AbortSignal): Promise<void> {
  const body = new URLSearchParams({ orgid: orgId, ...fields });
  const res = await fetch(action, { method: 'POST', mode: 'no-cors', body, signal });
  if (res.type !== 'opaque' && !res.ok) throw new Error(`The message endpoint answered ${res.status}`);
}
