/**
 * Every visible string of the widget, one table per locale. Components read
 * strings through `stringsContext`; nothing visible is hard-coded in templates.
 * Key namespaces: launcher.*, panel.*, composer.*, transcript.*, system.*, status.*,
 * end.*, error.* (conversation and shell); prechat.*, queue.*, postchat.*, invite.*,
 * unavailable.* (forms and flows). Add a key to `en` first; the other tables must
 * carry every key (the type checker enforces it).
 *
 * Placeholders: `{name}` style, filled by `format()`.
 */
import { createContext } from '@lit/context';

export const en = {
  'launcher.open': 'Chat with us',
  'launcher.offline': 'Leave us a message',
  'panel.title': 'Chat',
  'panel.minimize': 'Minimize chat',
  'launcher.unread': '{count} new messages',
  'panel.withAgent': 'Chatting with {name}',
  'panel.connecting': 'Connecting…',
  'panel.reconnecting': 'Connection lost. Reconnecting…',
  'panel.reconnected': 'Connected again',
  'end.button': 'End chat',
  'end.confirm': 'End this chat?',
  'end.yes': 'Yes, end it',
  'end.no': 'Keep chatting',
  'transcript.label': 'Conversation',
  'transcript.you': 'You',
  'transcript.agent': 'Agent',
  'transcript.pending': 'Sending…',
  'transcript.sent': 'Sent',
  'transcript.failed': 'Not sent',
  'transcript.retry': 'Retry',
  'transcript.typing': '{name} is typing…',
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.send': 'Send',
  'composer.left': '{count} characters left',
  'composer.over': '{count} characters too many',
  'composer.blocked.not-started': 'The chat has not started yet.',
  'composer.blocked.waiting-for-agent': 'Waiting for an agent to join…',
  'composer.blocked.reconnecting': 'Reconnecting… your message will be kept.',
  'composer.blocked.ended': 'The chat has ended.',
  'system.connected': '{name} joined the chat',
  'system.transferred': 'You were transferred to {name}',
  'system.agent-disconnected': 'The agent was disconnected',
  'system.reconnecting': 'Connection lost. Reconnecting…',
  'system.reconnected': 'Connected again',
  'system.idle-warning': 'Are you still there? The chat ends in {seconds} seconds.',
  'system.idle-cleared': 'The chat continues',
  'system.ended-by-agent': 'The agent ended the chat',
  'system.ended-by-visitor': 'You ended the chat',
  'system.ended-idle': 'The chat ended after a period of inactivity',
  'system.ended-error': 'The chat ended because of an error',
  'error.config': 'The chat is not set up correctly.',
  'error.generic': 'Something went wrong. Please try again.',
};

export type StringKey = keyof typeof en;
export type Strings = Readonly<Record<StringKey, string>>;

export const ar: Strings = {
  'launcher.open': 'تحدث معنا',
  'launcher.offline': 'اترك لنا رسالة',
  'panel.title': 'الدردشة',
  'panel.minimize': 'تصغير الدردشة',
  'launcher.unread': '{count} رسائل جديدة',
  'panel.withAgent': 'تتحدث مع {name}',
  'panel.connecting': 'جارٍ الاتصال…',
  'panel.reconnecting': 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  'panel.reconnected': 'تم الاتصال مجددًا',
  'end.button': 'إنهاء الدردشة',
  'end.confirm': 'هل تريد إنهاء هذه الدردشة؟',
  'end.yes': 'نعم، إنهاء',
  'end.no': 'متابعة الدردشة',
  'transcript.label': 'المحادثة',
  'transcript.you': 'أنت',
  'transcript.agent': 'الموظف',
  'transcript.pending': 'جارٍ الإرسال…',
  'transcript.sent': 'تم الإرسال',
  'transcript.failed': 'لم يتم الإرسال',
  'transcript.retry': 'إعادة المحاولة',
  'transcript.typing': '{name} يكتب…',
  'composer.label': 'الرسالة',
  'composer.placeholder': 'اكتب رسالة…',
  'composer.send': 'إرسال',
  'composer.left': 'متبقٍ {count} حرف',
  'composer.over': 'زيادة {count} حرف',
  'composer.blocked.not-started': 'لم تبدأ الدردشة بعد.',
  'composer.blocked.waiting-for-agent': 'في انتظار انضمام موظف…',
  'composer.blocked.reconnecting': 'جارٍ إعادة الاتصال… سيتم الاحتفاظ برسالتك.',
  'composer.blocked.ended': 'انتهت الدردشة.',
  'system.connected': 'انضم {name} إلى الدردشة',
  'system.transferred': 'تم تحويلك إلى {name}',
  'system.agent-disconnected': 'انقطع اتصال الموظف',
  'system.reconnecting': 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  'system.reconnected': 'تم الاتصال مجددًا',
  'system.idle-warning': 'هل ما زلت هنا؟ ستنتهي الدردشة خلال {seconds} ثانية.',
  'system.idle-cleared': 'الدردشة مستمرة',
  'system.ended-by-agent': 'أنهى الموظف الدردشة',
  'system.ended-by-visitor': 'لقد أنهيت الدردشة',
  'system.ended-idle': 'انتهت الدردشة بسبب عدم النشاط',
  'system.ended-error': 'انتهت الدردشة بسبب خطأ',
  'error.config': 'لم يتم إعداد الدردشة بشكل صحيح.',
  'error.generic': 'حدث خطأ ما. يرجى المحاولة مرة أخرى.',
};

export const de: Strings = {
  'launcher.open': 'Chatten Sie mit uns',
  'launcher.offline': 'Hinterlassen Sie uns eine Nachricht',
  'panel.title': 'Chat',
  'panel.minimize': 'Chat minimieren',
  'launcher.unread': '{count} neue Nachrichten',
  'panel.withAgent': 'Chat mit {name}',
  'panel.connecting': 'Verbindung wird aufgebaut…',
  'panel.reconnecting': 'Verbindung unterbrochen. Neuer Versuch…',
  'panel.reconnected': 'Wieder verbunden',
  'end.button': 'Chat beenden',
  'end.confirm': 'Diesen Chat beenden?',
  'end.yes': 'Ja, beenden',
  'end.no': 'Weiter chatten',
  'transcript.label': 'Unterhaltung',
  'transcript.you': 'Sie',
  'transcript.agent': 'Mitarbeiter',
  'transcript.pending': 'Wird gesendet…',
  'transcript.sent': 'Gesendet',
  'transcript.failed': 'Nicht gesendet',
  'transcript.retry': 'Erneut senden',
  'transcript.typing': '{name} schreibt…',
  'composer.label': 'Nachricht',
  'composer.placeholder': 'Nachricht schreiben…',
  'composer.send': 'Senden',
  'composer.left': 'Noch {count} Zeichen',
  'composer.over': '{count} Zeichen zu viel',
  'composer.blocked.not-started': 'Der Chat hat noch nicht begonnen.',
  'composer.blocked.waiting-for-agent': 'Warten auf einen Mitarbeiter…',
  'composer.blocked.reconnecting': 'Neuer Verbindungsversuch… Ihre Nachricht bleibt erhalten.',
  'composer.blocked.ended': 'Der Chat ist beendet.',
  'system.connected': '{name} ist dem Chat beigetreten',
  'system.transferred': 'Sie wurden an {name} weitergeleitet',
  'system.agent-disconnected': 'Die Verbindung zum Mitarbeiter wurde getrennt',
  'system.reconnecting': 'Verbindung unterbrochen. Neuer Versuch…',
  'system.reconnected': 'Wieder verbunden',
  'system.idle-warning': 'Sind Sie noch da? Der Chat endet in {seconds} Sekunden.',
  'system.idle-cleared': 'Der Chat geht weiter',
  'system.ended-by-agent': 'Der Mitarbeiter hat den Chat beendet',
  'system.ended-by-visitor': 'Sie haben den Chat beendet',
  'system.ended-idle': 'Der Chat wurde wegen Inaktivität beendet',
  'system.ended-error': 'Der Chat wurde wegen eines Fehlers beendet',
  'error.config': 'Der Chat ist nicht richtig eingerichtet.',
  'error.generic': 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};

const tables: Readonly<Record<string, Strings>> = { en, ar, de };
const rtl = new Set(['ar', 'he', 'fa', 'ur']);

/** The table for a BCP 47 tag: exact language subtag, else English. */
export function stringsFor(language: string): Strings {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return tables[primary] ?? en;
}

/** Writing direction for a BCP 47 tag. */
export function dirFor(language: string): 'ltr' | 'rtl' {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return rtl.has(primary) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export interface LocaleInfo {
  readonly strings: Strings;
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
}

/** Provided by <live-chat> to its subcomponents. */
export const localeContext = createContext<LocaleInfo>(Symbol('live-chat-locale'));
