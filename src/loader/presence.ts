/**
 * The loader's one presence check: `Visitor/Settings` for the configured button (and the
 * invitation's), asked the way the widget asks it, with the few platform calls it needs (a
 * page's first `URLSearchParams` is one more first-use cost on a slow phone, so the query is
 * built as a string). Owns the request and reading its answer; the launcher's words and the
 * phase belong to the loader, and the widget reads the kept body again (controller/loader-settings.ts).
 */

export interface PresenceQuery {
  endpoint: string;
  orgId: string;
  deploymentId: string;
  /** The launcher's button first, then the invitation's, if any. */
  buttons: readonly string[];
}

/** The Settings URL for `q`, or null when the endpoint is no URL (the widget reports that). */
export function settingsUrl(q: PresenceQuery): string | null {
  let url: string;
  try {
    url = new URL(`${q.endpoint.replace(/\/?$/, '/')}Visitor/Settings`, location.href).href;
  } catch {
    return null;
  }
  const e = encodeURIComponent;
  return `${url}?org_id=${e(q.orgId)}&deployment_id=${e(q.deploymentId)}&Settings.buttonIds=${e(`[${q.buttons.join(',')}]`)}&Settings.needEstimatedWaitTime=1`;
}

/**
 * Which of the asked buttons are available (`isAvailable` true, spelled as a boolean or a
 * string), or null when the answer is unknown: a network fault, an error status, or a body
 * with no `buttons` list (bare Settings, or inside the `messages` envelope).
 * `keep` gets the body of any 2xx answer as received, read or not (the widget reads it again its own way).
 */
export async function presence(url: string, apiVersion: string, keep?: (text: string) => void): Promise<Set<string> | null> {
  try {
    const r = await fetch(url, { headers: { 'X-LIVEAGENT-API-VERSION': apiVersion || '49' }, cache: 'no-store' });
    if (!r.ok) return null;
    const text = await r.text();
    keep?.(text);
    const body = JSON.parse(text) as { messages?: { type?: string; message?: unknown }[]; buttons?: unknown } | null;
    const settings = (Array.isArray(body?.messages) ? body.messages.find((m) => m?.type === 'Settings')?.message : body) as { buttons?: unknown } | null;
    const buttons = settings?.buttons;
    if (!Array.isArray(buttons)) return null;
    return new Set(buttons.filter((b: { id?: unknown; isAvailable?: unknown }) => typeof b?.id === 'string' && String(b.isAvailable) === 'true').map((b: { id: string }) => b.id));
  } catch {
    return null;
  }
}
