/**
 * Sensitive-data rules (from ChatRequestSuccess or a SensitiveDataRules message) applied to the
 * visitor's outgoing text before it leaves the browser.
 *
 * A rule comes from the server and is run on the visitor's page, so it is checked before use: a
 * pattern that does not compile, is longer than MAX_PATTERN_LENGTH, nests unbounded repetition
 * (`(a+)+`, the shape behind catastrophic backtracking), uses a back-reference, or is slow on
 * probe inputs is *refused*. A refused rule masks conservatively instead: every run of nine or
 * more digits (card, account and id numbers) gets its replacement. A rule that still takes longer
 * than SLOW_RULE_MS on a real message is refused from then on.
 *
 * Owns: checking, matching and masking. Leaves to others: reporting (session.ts).
 */
import type { SensitiveDataRule } from './wire.js';

export interface MaskResult {
  text: string;
  /** Rules that matched, in rule order. */
  triggered: SensitiveDataRule[];
}

export const MAX_PATTERN_LENGTH = 1000;
const MAX_REPLACEMENT_LENGTH = 32;
const SLOW_RULE_MS = 50;
/** A probe of a safe pattern takes microseconds; this much, three times over, means backtracking. */
const PROBE_MS = 10;
/** What a refused rule masks instead: runs of nine or more digits, spaces/dashes/dots allowed between. */
const CONSERVATIVE = /\d(?:[ .-]?\d){8,}/g;

interface Compiled {
  rule: SensitiveDataRule;
  re: RegExp;
  replacement: string;
  /** Why it is refused (it then masks conservatively); null when it runs as given. */
  refused: string | null;
}

/** Longest bound that still counts as bounded repetition. */
const BOUNDED = 100;

/**
 * Static check: nested unbounded repetition or a back-reference. Reads the pattern once,
 * tracking for each open group whether it holds an unbounded quantifier.
 */
export function riskyPattern(pattern: string): string | null {
  const stack: boolean[] = [];
  let inner = false;
  let inClass = false;
  let lastGroupUnbounded: boolean | null = null;
  const unboundedAt = (i: number): boolean => {
    const c = pattern[i];
    if (c === '*' || c === '+') return true;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m && m[2] !== undefined) return m[3] === '' || Number(m[3]) > BOUNDED;
    }
    return false;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '') && !inClass) return 'back-reference';
      i++;
      lastGroupUnbounded = null;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroupUnbounded = null;
    } else if (c === '(') {
      stack.push(inner);
      inner = false;
      lastGroupUnbounded = null;
    } else if (c === ')') {
      lastGroupUnbounded = inner;
      inner = (stack.pop() ?? false) || inner;
    } else if (unboundedAt(i)) {
      if (lastGroupUnbounded) return 'nested repetition';
      inner = true;
      lastGroupUnbounded = null;
    } else if (c !== '?' && c !== '{') {
      lastGroupUnbounded = null;
    }
  }
  return null;
}

/**
 * Dynamic check: the pattern must stay fast on growing runs of each common character, each run
 * ending in a character that fails most patterns. Lengths grow slowly, so an exponential pattern
 * is caught after a few milliseconds; the last, long probe catches polynomial blow-up.
 */
function slowOnProbes(re: RegExp): boolean {
  const lengths = [8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 200];
  for (const ch of ['a', '1', ' ', '-', '.', 'A', '_', '@']) {
    for (const n of lengths) if (slowRun(re, ch.repeat(n) + '\u0000!')) return true;
  }
  return false;
}

/**
 * Slow only if every one of three runs is (a busy page or a slow phone can stall one run of a
 * fast pattern; a backtracking pattern is slow every time).
 */
function slowRun(re: RegExp, probe: string): boolean {
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    re.lastIndex = 0;
    re.test(probe);
    if (performance.now() - t0 <= PROBE_MS) return false;
  }
  return true;
}

function compile(rule: SensitiveDataRule): Compiled {
  const replacement = (rule.actionType.toLowerCase() === 'remove' ? '' : rule.replacement).slice(0, MAX_REPLACEMENT_LENGTH);
  const refuse = (why: string): Compiled => ({ rule, re: new RegExp(CONSERVATIVE.source, 'g'), replacement: replacement || '*', refused: why });
  if (typeof rule.pattern !== 'string' || rule.pattern === '') return refuse('empty pattern');
  if (rule.pattern.length > MAX_PATTERN_LENGTH) return refuse(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  const risky = riskyPattern(rule.pattern);
  if (risky) return refuse(risky);
  let re: RegExp;
  try {
    re = new RegExp(rule.pattern, 'g');
  } catch {
    return refuse('pattern does not compile');
  }
  if (slowOnProbes(re)) return refuse('pattern is slow');
  return { rule, re, replacement, refused: null };
}

/** Compiled rules per rules array (rules arrive rarely; messages often). */
const cache = new WeakMap<readonly SensitiveDataRule[], Compiled[]>();

function compiled(rules: readonly SensitiveDataRule[]): Compiled[] {
  let list = cache.get(rules);
  if (!list) {
    list = rules.map(compile);
    cache.set(rules, list);
  }
  return list;
}

/** The rules of `rules` that are refused, with the reason (to be reported once). */
export function refusedRules(rules: readonly SensitiveDataRule[]): { rule: SensitiveDataRule; reason: string }[] {
  return compiled(rules).flatMap((c) => (c.refused ? [{ rule: c.rule, reason: c.refused }] : []));
}

/**
 * What free text the visitor sends outside the chat's messages is masked with when the server gave
 * no rules (a leave-a-message description, a rating comment): runs of nine or more digits.
 */
export const DIGIT_RUNS: readonly SensitiveDataRule[] = [{ id: 'digits', name: 'digits', pattern: CONSERVATIVE.source, replacement: '#', actionType: 'Replace' }];

/** `text` masked by `rules`, or by DIGIT_RUNS when there are none. */
export function maskFreeText(text: string, rules: readonly SensitiveDataRule[] = []): string {
  return applySensitiveDataRules(text, rules.length ? rules : DIGIT_RUNS).text;
}

/** Replaces (or, for actionType "Remove", deletes) every match of every rule. */
export function applySensitiveDataRules(text: string, rules: readonly SensitiveDataRule[]): MaskResult {
  let out = text;
  const triggered: SensitiveDataRule[] = [];
  for (const c of compiled(rules)) {
    const t0 = performance.now();
    c.re.lastIndex = 0;
    const hit = c.re.test(out);
    c.re.lastIndex = 0;
    if (hit) {
      // A function keeps `$` in the replacement literal; white space the match began or ended
      // with stays ("4111 1111 1111 1111 and" → "# and", not "#and").
      out = out.replace(c.re, (m: string) => {
        const lead = /^\s*/.exec(m)![0];
        return lead + c.replacement + (m.length > lead.length ? /\s*$/.exec(m)![0] : '');
      });
      triggered.push(c.rule);
    }
    if (!c.refused && performance.now() - t0 > SLOW_RULE_MS) {
      c.refused = 'pattern is slow';
      c.re = new RegExp(CONSERVATIVE.source, 'g');
      c.replacement ||= '*';
    }
  }
  return { text: out, triggered };
}
