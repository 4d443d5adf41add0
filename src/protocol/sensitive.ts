/**
 * Sensitive-data rules (from ChatRequestSuccess or a SensitiveDataRules message)
 * applied to the visitor's outgoing text before it leaves the browser.
 *
 * Owns: matching and masking. Leaves to others: reporting SensitiveDataRuleTriggered (loop.ts).
 */
import type { SensitiveDataRule } from './wire.js';

export interface MaskResult {
  text: string;
  /** Rules that matched, in rule order. */
  triggered: SensitiveDataRule[];
}

/** Replaces (or, for actionType "Remove", deletes) every match of every rule. Bad patterns are skipped. */
export function applySensitiveDataRules(text: string, rules: readonly SensitiveDataRule[]): MaskResult {
  let out = text;
  const triggered: SensitiveDataRule[] = [];
  for (const rule of rules) {
    let re: RegExp;
    try {
      re = new RegExp(rule.pattern, 'g');
    } catch {
      continue;
    }
    if (!re.test(out)) continue;
    re.lastIndex = 0;
    const replacement = rule.actionType.toLowerCase() === 'remove' ? '' : rule.replacement;
    // A function keeps `$` in the replacement literal.
    out = out.replace(re, () => replacement);
    triggered.push(rule);
  }
  return { text: out, triggered };
}
