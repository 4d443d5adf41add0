/**
 * The visitor's file upload for Salesforce's FileTransfer: the servlet URL, the limits, and one
 * multipart POST (field `file`) with upload progress. XMLHttpRequest, because fetch reports no
 * upload progress. Runs beside the long poll and the outbox, never through them.
 *
 * Owns: the URL (`uploadServletUrl?orgId&chatKey&fileToken&encoding=UTF-8`, chatKey = the
 * session key up to the first "!"), the size/type checks, the request.
 * Leaves to others: when to upload and what the transcript shows (controller, components/rich/).
 * Loaded lazily (the controller and the rich view import() it): it imports nothing, so the
 * bundler keeps it out of the main file.
 */

/** An upload that did not go through (refused by a limit or the servlet, or the network failed). */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Where one file goes; null when `servlet` is not an http(s) URL. */
export function uploadUrl(servlet: string, orgId: string, sessionKey: string, fileToken: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(servlet, base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.searchParams.set('orgId', orgId);
  u.searchParams.set('chatKey', sessionKey.split('!')[0]!);
  u.searchParams.set('fileToken', fileToken);
  u.searchParams.set('encoding', 'UTF-8');
  return u.href;
}

/**
 * Why `file` may not be sent ('size', 'empty' or 'type'), or null. `accept` is the file input's
 * list: extensions (`.pdf`), MIME types (`image/png`) and wildcards (`image/*`).
 */
export function fileRefusal(file: { name: string; type: string; size: number }, maxBytes: number, accept: string): 'size' | 'empty' | 'type' | null {
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  const list = accept.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
  if (!list.length) return null;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  const ok = list.some((a) => (a.startsWith('.') ? name.endsWith(a) : a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : type === a));
  return ok ? null : 'type';
}

export interface UploadOptions {
  signal: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
}

/** POSTs `file` as multipart field `file`. Rejects with an UploadError, or an AbortError when cancelled. */
export function uploadFile(url: string, file: Blob & { name?: string }, { signal, onProgress }: UploadOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = new XMLHttpRequest();
    const body = new FormData();
    body.append('file', file, file.name ?? 'file');
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    const done = (error?: unknown) => {
      signal.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve();
    };
    if (onProgress) xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.addEventListener('load', () =>
      xhr.status >= 200 && xhr.status < 300 ? done() : done(new UploadError(`Upload refused: ${xhr.status} ${xhr.responseText.slice(0, 200)}`, xhr.status)),
    );
    xhr.addEventListener('error', () => done(new UploadError('Upload failed: network error')));
    xhr.addEventListener('abort', () => done(new DOMException('Upload cancelled', 'AbortError')));
    xhr.open('POST', url);
    xhr.send(body);
  });
}
