/**
 * The pre-chat form model: the `prechat-fields` JSON (LiveChat form-field model plus
 * Salesforce mapping), its validator, and the mapping of answers to PrechatValues.
 *
 * Owns: field types, `parsePrechatFields` (bad JSON → one clear error), `toPrechatValues`.
 * Leaves to others: rendering (live-chat-prechat.ts), reading the attribute (<live-chat>),
 * putting PrechatValues on the wire (protocol).
 * Pure: no DOM beyond reading a FormData-like object.
 */
import type { PrechatDetail, PrechatEntity, PrechatValues } from '../../protocol/snapshot.js';

export const PRECHAT_FIELD_TYPES = [
  'name',
  'email',
  'subject',
  'question',
  'textarea',
  'select',
  'radio',
  'checkbox',
  'group_chooser',
] as const;
export type PrechatFieldType = (typeof PRECHAT_FIELD_TYPES)[number];

/**
 * A text the owner gives: one string, or one per language (BCP 47 tag → text), e.g.
 * `{"en": "Your question", "ar": "سؤالك"}`. The visitor sees the best fit for their language
 * (`localizedText`); the agent gets the first entry (the owner's own language: `wireText`).
 */
export type LocalizedText = string | { readonly [lang: string]: string };

export interface PrechatOption {
  readonly id: string;
  readonly label: LocalizedText;
  /** group_chooser: the chat button (department) this option routes to. */
  readonly buttonId?: string;
  /** group_chooser: a preferred agent; routed as `agentId_buttonId` (falls back to the button). */
  readonly agentId?: string;
  /** group_chooser: explicit ChasitorInit.buttonOverrides (wins over agentId). */
  readonly buttonOverrides?: readonly string[];
}

export interface PrechatField {
  readonly type: PrechatFieldType;
  /** Unique within the form; the control's name. */
  readonly id: string;
  readonly label: LocalizedText;
  /** Hint inside an empty text control. */
  readonly placeholder?: LocalizedText;
  readonly required?: boolean;
  /**
   * The answer opens the visitor's transcript as their own first line (it is their question).
   * Default: true for the first `question` field, false for every other field.
   */
  readonly firstMessage?: boolean;
  /** select, radio, group_chooser (required); checkbox (optional: without options it is one box). */
  readonly options?: readonly PrechatOption[];
  /** Native maxlength for text fields. */
  readonly maxLength?: number;
  /** Salesforce: transcript fields the value is saved to. */
  readonly transcriptFields?: readonly string[];
  /** Salesforce: show the value to the agent (default true). */
  readonly displayToAgent?: boolean;
  /** Salesforce: prechatDetails[].entityMaps. */
  readonly entityMaps?: PrechatDetail['entityMaps'];
}

export interface ParsedPrechatFields {
  /** The fields to render; empty when there is no form or the input was rejected. */
  readonly fields: readonly PrechatField[];
  /** Top-level `entities`, passed through as prechatEntities. */
  readonly entities: readonly PrechatEntity[];
  /** null when the input was valid (or empty); otherwise every problem found, in English. */
  readonly error: string | null;
}

const WITH_OPTIONS = new Set<string>(['select', 'radio', 'group_chooser']);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isStrArr = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
/** A non-empty string, or a non-empty map of language tags to non-empty strings. */
const isText = (v: unknown): v is LocalizedText =>
  isStr(v) || (isObj(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, t]) => k.trim() !== '' && isStr(t)));

/** The text for `lang`: its exact tag, then its language (`ar` for `ar-EG`), then English, then the first. */
export function localizedText(text: LocalizedText, lang: string): string {
  if (typeof text === 'string') return text;
  const lower = new Map(Object.entries(text).map(([k, v]) => [k.toLowerCase(), v]));
  const want = lang.toLowerCase().replace(/_/g, '-');
  const parts = want.split('-');
  for (let n = parts.length; n > 0; n--) {
    const hit = lower.get(parts.slice(0, n).join('-'));
    if (hit) return hit;
  }
  return lower.get('en') ?? wireText(text);
}

/** What the agent and Salesforce get: the text, or the first entry of a per-language map. */
export function wireText(text: LocalizedText): string {
  return typeof text === 'string' ? text : (Object.values(text)[0] ?? '');
}

/** Checks optional keys against expected primitive types; pushes a problem per mismatch. */
function checkTypes(o: Record<string, unknown>, spec: Record<string, string>, at: string, out: string[]): void {
  for (const [key, want] of Object.entries(spec)) {
    const v = o[key];
    if (v === undefined) continue;
    const ok = want === 'string[]' ? isStrArr(v) : want === 'int' ? Number.isInteger(v) && (v as number) > 0 : typeof v === want;
    if (!ok) out.push(`${at}.${key} must be ${want === 'int' ? 'a positive integer' : `a ${want}`}`);
  }
}

/**
 * Validates the pre-chat form definition: a JSON string (the attribute), an array of
 * fields, or `{fields, entities}`. Empty input (null, '', []) means "no form".
 * Invalid input yields `fields: []` and an `error` listing every problem.
 */
export function parsePrechatFields(json: unknown): ParsedPrechatFields {
  const none = (error: string | null): ParsedPrechatFields => ({ fields: [], entities: [], error });
  let input = json;
  if (input == null || (typeof input === 'string' && input.trim() === '')) return none(null);
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (e) {
      return none(`prechat-fields is not valid JSON: ${(e as Error).message}`);
    }
  }
  const top = isObj(input) ? input : { fields: input };
  const problems: string[] = [];
  if (!Array.isArray(top.fields)) {
    return none('prechat-fields must be an array of fields or an object {"fields": [...], "entities": [...]}');
  }
  const ids = new Set<string>();
  let choosers = 0;
  top.fields.forEach((f: unknown, i: number) => {
    let at = `prechat-fields[${i}]`;
    if (!isObj(f)) return void problems.push(`${at} must be an object`);
    if (!isStr(f.id)) problems.push(`${at}.id must be a non-empty string`);
    else {
      at += ` ("${f.id}")`;
      if (ids.has(f.id)) problems.push(`${at}: duplicate id "${f.id}"`);
      ids.add(f.id);
    }
    if (!PRECHAT_FIELD_TYPES.includes(f.type as PrechatFieldType)) {
      problems.push(`${at}.type ${JSON.stringify(f.type)} is unknown; use one of ${PRECHAT_FIELD_TYPES.join(', ')}`);
    }
    if (!isText(f.label)) problems.push(`${at}.label must be a non-empty string or a map of language tags to non-empty strings`);
    if (f.placeholder !== undefined && !isText(f.placeholder)) problems.push(`${at}.placeholder must be a non-empty string or a map of language tags to non-empty strings`);
    checkTypes(f, { required: 'boolean', displayToAgent: 'boolean', transcriptFields: 'string[]', maxLength: 'int', firstMessage: 'boolean' }, at, problems);
    if (f.type === 'group_chooser' && ++choosers === 2) problems.push(`${at}: only one group_chooser is allowed`);
    if (f.options === undefined) {
      if (WITH_OPTIONS.has(f.type as string)) problems.push(`${at}.options is required for type ${String(f.type)}`);
    } else if (!WITH_OPTIONS.has(f.type as string) && f.type !== 'checkbox') {
      problems.push(`${at}.options is not allowed for type ${String(f.type)}`);
    } else if (!Array.isArray(f.options) || f.options.length === 0) {
      problems.push(`${at}.options must be a non-empty array`);
    } else {
      const optIds = new Set<string>();
      f.options.forEach((o: unknown, j: number) => {
        const oat = `${at}.options[${j}]`;
        if (!isObj(o)) return void problems.push(`${oat} must be an object`);
        if (!isStr(o.id)) problems.push(`${oat}.id must be a non-empty string`);
        else if (optIds.has(o.id)) problems.push(`${oat}: duplicate option id "${o.id}"`);
        else optIds.add(o.id);
        if (!isText(o.label)) problems.push(`${oat}.label must be a non-empty string or a map of language tags to non-empty strings`);
        if (f.type === 'group_chooser' && !isStr(o.buttonId)) problems.push(`${oat}.buttonId must be a non-empty string`);
        checkTypes(o, { buttonId: 'string', agentId: 'string', buttonOverrides: 'string[]' }, oat, problems);
      });
    }
    if (f.entityMaps !== undefined) {
      if (!Array.isArray(f.entityMaps)) problems.push(`${at}.entityMaps must be an array`);
      else
        f.entityMaps.forEach((m: unknown, j: number) => {
          const mat = `${at}.entityMaps[${j}]`;
          if (!isObj(m) || !isStr(m.entityName) || !isStr(m.fieldName)) {
            return void problems.push(`${mat} needs entityName and fieldName strings`);
          }
          checkTypes(m, { isFastFillable: 'boolean', isAutoQueryable: 'boolean', isExactMatchable: 'boolean' }, mat, problems);
        });
    }
  });
  const entities = top.entities ?? [];
  if (!Array.isArray(entities)) problems.push('prechat-fields entities must be an array');
  else
    entities.forEach((e: unknown, i: number) => {
      const at = `prechat-fields entities[${i}]`;
      if (!isObj(e) || !isStr(e.entityName)) return void problems.push(`${at}.entityName must be a non-empty string`);
      checkTypes(
        e,
        { showOnCreate: 'boolean', linkToEntityName: 'string', linkToEntityField: 'string', saveToTranscript: 'string' },
        at,
        problems,
      );
      if (!Array.isArray(e.entityFieldsMaps)) return void problems.push(`${at}.entityFieldsMaps must be an array`);
      e.entityFieldsMaps.forEach((m: unknown, j: number) => {
        const mat = `${at}.entityFieldsMaps[${j}]`;
        if (!isObj(m) || !isStr(m.fieldName) || !isStr(m.label)) {
          return void problems.push(`${mat} needs fieldName and label strings`);
        }
        checkTypes(m, { doFind: 'boolean', isExactMatch: 'boolean', doCreate: 'boolean' }, mat, problems);
        const labels = (top.fields as unknown[]).map((f) => (isObj(f) && isText(f.label) ? wireText(f.label) : undefined));
        if (!labels.includes(m.label)) problems.push(`${mat}.label "${m.label}" matches no field label`);
      });
    });
  if (problems.length) return none(problems.join('; '));
  return { fields: top.fields as PrechatField[], entities: entities as PrechatEntity[], error: null };
}

/** Anything that answers like FormData.getAll, or a plain record of answers. */
export type PrechatAnswers =
  | { getAll(name: string): readonly unknown[] }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function answersFor(data: PrechatAnswers, name: string): string[] {
  if (typeof data.getAll === 'function') {
    return (data as { getAll(n: string): readonly unknown[] }).getAll(name).filter((v): v is string => typeof v === 'string');
  }
  const v = (data as Record<string, string | readonly string[] | undefined>)[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
}

/**
 * Maps the visitor's answers to PrechatValues. Choice fields send the chosen option's
 * label (what the agent reads); several checkbox answers are joined with ", "; a single
 * checkbox sends "true" or "false". Every field becomes a prechatDetail (empty optional
 * answers included, so the agent sees the whole form). The first non-empty `name` field
 * gives visitorName; the group_chooser's option gives buttonId and buttonOverrides.
 */
export function toPrechatValues(
  fields: readonly PrechatField[],
  formData: PrechatAnswers,
  entities: readonly PrechatEntity[] = [],
): PrechatValues {
  const details: PrechatDetail[] = [];
  let visitorName: string | undefined;
  let buttonId: string | undefined;
  let buttonOverrides: readonly string[] | undefined;
  let question: string | undefined;
  const opener = fields.find((f) => f.firstMessage) ?? fields.find((f) => f.type === 'question' && f.firstMessage !== false);
  for (const f of fields) {
    const raw = answersFor(formData, f.id);
    let value: string;
    if (f.type === 'checkbox' && !f.options) {
      value = String(raw.length > 0);
    } else if (f.options) {
      const chosen = f.options.filter((o) => raw.includes(o.id));
      value = chosen.map((o) => wireText(o.label)).join(', ');
      const route = f.type === 'group_chooser' ? chosen[0] : undefined;
      if (route?.buttonId) {
        buttonId = route.buttonId;
        buttonOverrides =
          route.buttonOverrides ?? (route.agentId ? [`${route.agentId}_${route.buttonId}`] : undefined);
      }
    } else {
      value = (raw[0] ?? '').trim();
      if (f.type === 'name' && value && visitorName === undefined) visitorName = value;
    }
    if (f === opener && value) question = value;
    details.push({
      label: wireText(f.label),
      value,
      transcriptFields: f.transcriptFields ?? [],
      displayToAgent: f.displayToAgent ?? true,
      ...(f.entityMaps ? { entityMaps: f.entityMaps } : {}),
    });
  }
  return {
    ...(visitorName !== undefined ? { visitorName } : {}),
    prechatDetails: details,
    ...(entities.length ? { prechatEntities: entities } : {}),
    ...(buttonId !== undefined ? { buttonId } : {}),
    ...(buttonOverrides ? { buttonOverrides } : {}),
    ...(question !== undefined ? { question } : {}),
  };
}
