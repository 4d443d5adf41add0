/**
 * Every visible string of the widget. English lives here and ships in the main code;
 * every other locale is its own module in ./locales/ (loaded on demand by ./load.ts).
 * Components read strings through `localeContext`; nothing visible is hard-coded in templates.
 * Key namespaces: launcher.*, panel.*, composer.*, transcript.*, system.*, status.*,
 * end.*, error.* (conversation and shell); prechat.*, queue.*, postchat.*, invite.*,
 * unavailable.*, offline.* (leave a message), rating.*, visit.* (waiting, launcher states)
 * (forms and flows); messenger.* (header subtitle, new-messages pill, sound toggle,
 * announcements); rich.* (cards, quick replies, files, uploads). Add a key to `en` first; every locale file must
 * carry every key (the `Strings` type enforces it, test/i18n checks the files).
 *
 * Placeholders: `{name}` style, filled by `format()`. A key whose text depends on a number
 * holds one text per plural category (`Plural`), chosen by `Intl.PluralRules`.
 */
import { createContext } from '@lit/context';

const english = {
  'launcher.open': 'Chat with us',
  'launcher.offline': 'We\'re offline',
  'panel.title': 'Chat',
  'panel.minimize': 'Minimize chat',
  'launcher.unread': { one: '{count} new message', other: '{count} new messages' },
  'panel.withAgent': 'Chatting with {name}',
  'panel.connecting': 'Connecting…',
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
  'composer.left': { one: '{count} character left', other: '{count} characters left' },
  'composer.over': { one: '{count} character too many', other: '{count} characters too many' },
  'composer.blocked.not-started': 'The chat has not started yet.',
  'composer.blocked.waiting-for-agent': 'Waiting for an agent to join…',
  'composer.blocked.reconnecting': 'Your message will be kept.',
  'composer.blocked.ended': 'The chat has ended.',
  'system.connected': '{name} joined the chat',
  'system.transferred': 'You were transferred to {name}',
  'system.agent-disconnected': 'The agent was disconnected',
  'system.reconnecting': 'Connection lost. Reconnecting…',
  'system.reconnected': 'Connected again',
  'system.idle-warning': {
    one: 'Are you still there? The chat ends in {seconds} second.',
    other: 'Are you still there? The chat ends in {seconds} seconds.',
  },
  'system.idle-cleared': 'The chat continues',
  'system.ended-by-agent': 'The agent ended the chat',
  'system.ended-by-visitor': 'You ended the chat',
  'system.ended-idle': 'The chat ended after a period of inactivity',
  'system.ended-error': 'The chat ended because of an error',
  'error.config': 'The chat is not set up correctly.',
  'error.generic': 'Something went wrong. Please try again.',
  // forms and flows (prechat, queue, postchat, unavailable, invite)
  'prechat.title': 'Before we start',
  'prechat.optional': '(optional)',
  'prechat.choose': 'Choose…',
  'prechat.submit': 'Start chat',
  'prechat.cancel': 'Cancel',
  'prechat.error.required': 'Please fill in this field.',
  'prechat.error.choose': 'Please choose an option.',
  'prechat.error.check': 'Please tick this box to continue.',
  'prechat.error.email': 'Enter an email address like name@example.com.',
  'prechat.error.tooLong': { one: 'Use at most {max} character.', other: 'Use at most {max} characters.' },
  'prechat.error.invalid': 'Please check this field.',
  'queue.waiting': 'Waiting for the next available agent…',
  'queue.position': 'You are number {position} in line.',
  'queue.next': 'You are next in line.',
  'queue.wait': 'Estimated wait: about {wait}.',
  'queue.waitShort': 'Estimated wait: less than a minute.',
  'queue.cancel': 'Leave the queue',
  'postchat.ended': 'The chat has ended.',
  'postchat.thanks': 'Thank you for chatting with us.',
  'postchat.download': 'Download transcript',
  'postchat.filename': 'chat-{date}.txt',
  'postchat.restart': 'Start a new chat',
  'postchat.redirect': 'Taking you to the next page…',
  'postchat.continue': 'Continue',
  'unavailable.title': 'No one is available to chat right now.',
  'unavailable.body': 'Please try again later.',
  'unavailable.retry': 'Try again',
  'invite.title': 'Need a hand?',
  'invite.text': 'An agent is online and happy to help.',
  'invite.accept': 'Start chat',
  'invite.decline': 'No, thanks',
  'visit.launcherWaiting': 'Waiting for an agent',
  'visit.launcherInChat': 'Chat in progress',
  'visit.waitingLine': 'Thanks! An agent will be with you soon.',
  'visit.heldNote': 'You can write now: your messages reach the agent when they join.',
  'offline.launcher': 'Leave us a message',
  'offline.intro': 'No one is available to chat right now. Write to us and we will answer by email.',
  'offline.name': 'Name',
  'offline.email': 'Email',
  'offline.subject': 'Subject',
  'offline.description': 'Message',
  'offline.submit': 'Send message',
  'offline.sent': 'Thank you. Your message is on its way; we will answer by email.',
  'offline.failed': 'Your message could not be sent. Check your connection and try again.',
  'rating.question': 'How was this chat?',
  'rating.good': 'Good',
  'rating.bad': 'Bad',
  'rating.comment': 'Comment (optional)',
  'rating.submit': 'Send rating',
  'rating.thanks': 'Thank you for your feedback.',
  // issue 12: messenger transcript
  'messenger.subtitle': "We're here to help",
  'messenger.newMessages': 'New messages',
  'messenger.sound': 'Notification sound',
  'messenger.said': '{name}: {text}',
  'system.file-requested': 'The agent asked you for a file',
  'rich.cards': 'Cards',
  'rich.slide': '{index} of {count}',
  'rich.previous': 'Previous card',
  'rich.next': 'Next card',
  'rich.replies': 'Suggested replies',
  'rich.chosen': 'You chose “{text}”',
  'rich.dismissed': 'Dismissed',
  'rich.newTab': 'opens in a new tab',
  'rich.fileChoose': 'Choose a file',
  'rich.fileDrop': 'Or drop or paste it here (up to {size}).',
  'rich.fileSend': 'Send file',
  'rich.fileOther': 'Choose another',
  'rich.fileCancel': 'Cancel',
  'rich.fileRetry': 'Try again',
  'rich.fileUploading': 'Uploading…',
  'rich.fileTooBig': 'This file is larger than {size}. Nothing was sent.',
  'rich.fileType': 'This type of file cannot be sent. Nothing was sent.',
  'rich.fileEmpty': 'This file is empty. Nothing was sent.',
  'rich.fileFailed': 'The upload failed. Nothing was sent.',
  'rich.fileCancelled': 'Upload cancelled. Nothing was sent.',
  'rich.fileUploaded': 'Uploaded. Waiting for the agent…',
  'rich.fileSuccess': 'The agent received your file.',
  'rich.fileFailure': 'The agent could not receive the file.',
  'rich.fileCanceled': 'The agent no longer needs a file.',
} as const;

/**
 * A text that depends on a number: one form per CLDR plural category the language uses
 * (`Intl.PluralRules(lang).resolvedOptions().pluralCategories`); `other` is always there.
 */
export type Plural = { readonly other: string } & { readonly [C in Exclude<Intl.LDMLPluralRule, 'other'>]?: string };

export type StringKey = keyof typeof english;
/** The keys whose text has plural forms. */
export type PluralKey = { [K in StringKey]: (typeof english)[K] extends string ? never : K }[StringKey];
/** The keys whose text is one plain string. */
export type TextKey = Exclude<StringKey, PluralKey>;
/** A complete strings table (what every locale file exports). */
export type Strings = { readonly [K in StringKey]: K extends PluralKey ? Plural : string };
/** An owner's partial table: any key; a plural key may also be one plain text. */
export type StringOverrides = { readonly [K in StringKey]?: K extends PluralKey ? Plural | string : string };

export const en: Strings = english;

/** Writing systems set right to left (ISO 15924, as `Intl.Locale#maximize()` gives them). */
const rtlScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** Text direction of a BCP 47 tag, from its (likely) script; 'ltr' for tags Intl cannot read. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  try {
    return rtlScripts.has(new Intl.Locale(tag).maximize().script ?? '') ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
/** One formatter per language (a tag Intl rejects gets the default locale's). */
function cached<T>(map: Map<string, T>, lang: string | undefined, make: (lang: string | undefined) => T): T {
  const key = lang ?? '';
  let v = map.get(key);
  if (!v) {
    try {
      v = make(lang);
    } catch {
      v = make(undefined);
    }
    map.set(key, v);
  }
  return v;
}

/** A number written the locale's way ("1,234", "١٬٢٣٤"). */
export const formatNumber = (n: number, lang?: string): string =>
  cached(numberFormats, lang, (l) => new Intl.NumberFormat(l)).format(n);

/** The form of `text` for `n` in `lang` (a plain text is its own only form). */
export function pluralForm(text: Plural | string, n: number, lang?: string): string {
  if (typeof text === 'string') return text;
  return text[cached(pluralRules, lang, (l) => new Intl.PluralRules(l)).select(n)] ?? text.other;
}

/**
 * Fills `{name}` placeholders; unknown placeholders are left as they are. With `lang`, number
 * params are written through `Intl.NumberFormat`, and a `Plural` text takes the form of its
 * first number param through `Intl.PluralRules`.
 */
export function format(template: Plural | string, params: Readonly<Record<string, string | number>> = {}, lang?: string): string {
  const n = Object.values(params).find((v): v is number => typeof v === 'number');
  const text = pluralForm(template, n ?? 0, lang);
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in params)) return whole;
    const v = params[key]!;
    return typeof v === 'number' && lang ? formatNumber(v, lang) : String(v);
  });
}

export interface LocaleInfo {
  readonly strings: Strings;
  /** The BCP 47 tag the text is in (the visitor's own tag when the table is its language). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
}

/**
 * A LocaleInfo for a tag and the table to show in it. Without a table the text is English,
 * marked `en` unless the tag is an English one (other tables load on demand: `resolveLocale`).
 */
export function localeFor(language: string, strings?: Strings): LocaleInfo {
  const english = !strings && language.toLowerCase().split(/[-_]/)[0] !== 'en';
  const lang = english || !language ? 'en' : language;
  return { strings: strings ?? en, lang, dir: directionOf(lang) };
}

/** What a part uses before (or without) a `<live-chat>` providing a locale. */
export const defaultLocale: LocaleInfo = { strings: en, lang: 'en', dir: 'ltr' };

/** Provided by <live-chat> to its subcomponents. */
export const localeContext = createContext<LocaleInfo>(Symbol('live-chat-locale'));
