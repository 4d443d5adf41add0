/**
 * The few texts the script-tag loader's launcher shows before the widget's code has
 * arrived. `open` and `offline` are the widget's own `launcher.open` and
 * `launcher.offline` (a test keeps them equal, so the launcher does not change its words
 * at the handover); `loading` and `failed` exist only here. Languages without an entry
 * use English, as the widget does.
 */
export interface LoaderStrings {
  open: string;
  offline: string;
  /** The visitor clicked and the chat's code is still on its way. */
  loading: string;
  /** The chat's code could not be loaded; the next click tries again. */
  failed: string;
}

export const loaderStrings: Readonly<Record<string, LoaderStrings>> = {
  en: { open: 'Chat with us', offline: 'Leave us a message', loading: 'Opening the chat…', failed: 'The chat could not load. Try again' },
  de: {
    open: 'Chatten Sie mit uns',
    offline: 'Hinterlassen Sie uns eine Nachricht',
    loading: 'Der Chat wird geöffnet …',
    failed: 'Der Chat konnte nicht geladen werden. Erneut versuchen',
  },
  ar: { open: 'تحدث معنا', offline: 'اترك لنا رسالة', loading: 'جارٍ فتح الدردشة…', failed: 'تعذّر تحميل الدردشة. حاول مرة أخرى' },
};

/** Right-to-left languages (the widget's list). */
export const RTL = ['ar', 'he', 'fa', 'ur'];
