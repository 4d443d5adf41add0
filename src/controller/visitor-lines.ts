/**
 * The visitor's own transcript lines: ids for their entries, and their pre-chat question shown as
 * the first line while they wait. The question travels in ChasitorInit's prechatDetails (the agent
 * sees it there), so it is shown, never sent again as a message.
 *
 * Owns: entry ids; the question entry's two inputs (shown pending; settled once ChasitorInit went
 * through or failed).
 */
import type { ChatInput } from '../protocol/reducer.js';

let idCounter = 0;
/** A transcript id for a visitor entry, unique across tabs and reloads. */
export function newEntryId(): string {
  return `v${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${(idCounter++).toString(36)}`;
}

/** Shows `question` (if any) as the visitor's entry `id`; returns how to settle it. */
export function questionLine(question: string | undefined, name: string, id: string, dispatch: (input: ChatInput) => void): (created: boolean) => void {
  const text = question?.trim();
  if (!text) return () => {};
  dispatch({ type: 'visitor-message', id, text, name, time: Date.now() });
  return (created) => dispatch({ type: 'delivery', ids: [id], status: created ? 'sent' : 'failed' });
}
