/**
 * When the leave-a-message form's code arrives: `loadOfflineForm()` imports it (./offline-form.ts, a
 * chunk of its own in the script-tag build) the first time the view that shows it renders. It is
 * rare (nobody available and `offline-form-action` set), so the widget does not carry it.
 * Until it is defined, <live-chat-offline-form> is an empty element holding the properties the
 * view set (`.values`, what the visitor typed, kept by ChatEdges): lit applies them on upgrade, so
 * nothing typed is lost. A failed import is reported on the console and tried again on the next render.
 */
let loading: Promise<boolean> | null = null;

/** Imports and registers the form once (again after a failure); resolves to whether it is defined. */
export function loadOfflineForm(): Promise<boolean> {
  if (customElements.get('live-chat-offline-form')) return Promise.resolve(true);
  loading ??= import('./offline-form.js').then(
    (m) => (m.defineOfflineForm(), true),
    (e: unknown) => {
      console.warn(`<live-chat>: could not load the leave-a-message form (${String(e)}).`);
      loading = null;
      return false;
    },
  );
  return loading;
}
