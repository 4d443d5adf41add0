// Property tests of the delivery contract (outbox.ts) against a model of the server's sequence
// rules (the reference server's, and the guide's): random interleavings of typing, sending,
// answers lost before or after the server applied a request, 500s, out-of-sync 409s, refused
// batches and 503 handovers. Invariants: every message is applied exactly once and in order,
// and the server never sees one sequence number with two different bodies.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { nextRequest, noteUnanswered, reconcile, restartNumbering, settleApplied, settleOutOfSync, settleRefused, type SendState } from '../../src/protocol/outbox.js';
import type { OutboxItem } from '../../src/protocol/session-types.js';

type Fault = 'none' | 'drop-before' | 'drop-after' | '500-before' | '500-after' | 'conflict' | 'refuse-batch' | 'handover';

/** The server's side: expected / last processed sequence, what it applied, a number → body log per epoch. */
class ModelServer {
  expected = 1;
  lastProcessed = 0;
  applied: string[] = [];
  bodies = new Map<number, string>();
  violations: string[] = [];

  handover(): void {
    this.expected = 1;
    this.lastProcessed = 0;
    this.bodies.clear();
  }

  /** One request: 'ok' | 'lost' (no answer) | 500 | {expected} (409) | 400 | 503. */
  receive(seq: number, items: readonly OutboxItem[], fault: Fault): 'ok' | 'lost' | 500 | 400 | 503 | { expected: number } {
    if (fault === 'handover') {
      this.handover();
      return 503;
    }
    if (fault === 'drop-before') return 'lost';
    if (fault === '500-before') return 500;
    if (fault === 'conflict') return { expected: this.expected };
    if (fault === 'refuse-batch' && items.length > 1) return 400;
    const body = JSON.stringify(items.map((i) => [i.noun, i.body]));
    if (seq === this.expected) {
      this.bodies.set(seq, body);
      for (const i of items) if (i.noun === 'ChatMessage') this.applied.push(String(i.body.text));
      this.lastProcessed = seq;
      this.expected = seq + 1;
    } else if (seq === this.lastProcessed && seq > 0) {
      if (this.bodies.get(seq) !== body) this.violations.push(`sequence ${seq} repeated with another body`);
    } else {
      return { expected: this.expected };
    }
    if (fault === 'drop-after') return 'lost';
    if (fault === '500-after') return 500;
    return 'ok';
  }

  get visitorCount(): number {
    return this.applied.length;
  }
}

type Op = { type: 'type'; typing: boolean } | { type: 'send'; fault: Fault };

const faults: Fault[] = ['none', 'drop-before', 'drop-after', '500-before', '500-after', 'conflict', 'refuse-batch', 'handover'];
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('type' as const), typing: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('send' as const), fault: fc.constantFrom(...faults) }) },
);

function run(ops: readonly Op[]): { server: ModelServer; typed: string[]; failed: string[]; sent: string[] } {
  const st: SendState = { outbox: [], inflight: null, sequence: 1, delivered: 0 };
  const server = new ModelServer();
  const typed: string[] = [];
  const failed: string[] = [];
  const sent: string[] = [];
  const exchange = (fault: Fault): void => {
    const next = nextRequest(st, () => true);
    if (!next) return;
    const { seq, items } = next.request;
    const answer = server.receive(seq, items, fault);
    if (answer === 'ok') sent.push(...settleApplied(st).flatMap((i) => (i.entryId ? [i.entryId] : [])));
    else if (answer === 'lost' || answer === 500) noteUnanswered(st); // retried as it is
    else if (answer === 400) failed.push(...settleRefused(st).failed.flatMap((i) => (i.entryId ? [i.entryId] : [])));
    else if (answer === 503) {
      restartNumbering(st, true);
      sent.push(...reconcile(st, server.visitorCount).flatMap((i) => (i.entryId ? [i.entryId] : [])));
      st.outbox.unshift({ noun: 'ChasitorResyncState', body: { organizationId: 'o' }, force: true });
    } else if (settleOutOfSync(st, answer.expected) === 'applied') sent.push(...items.flatMap((i) => (i.entryId ? [i.entryId] : [])));
  };
  for (const o of ops) {
    if (o.type === 'type') {
      if (o.typing) st.outbox.push({ noun: 'ChasitorTyping', body: {} });
      else {
        const text = `m${typed.length}`;
        typed.push(text);
        st.outbox.push({ noun: 'ChatMessage', body: { text }, entryId: text });
      }
    } else exchange(o.fault);
  }
  // The network heals: everything left goes.
  for (let i = 0; i < 1000 && (st.inflight || st.outbox.length); i++) exchange('none');
  return { server, typed, failed, sent };
}

describe('outbox: the delivery contract under random faults (fast-check)', () => {
  it('every message is applied exactly once, in order; no number carries two bodies', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const { server, typed, failed, sent } = run(ops);
        expect(server.violations).to.deep.equal([]);
        // A message refused alone fails visibly (never silently); everything else arrives once, in order.
        expect(server.applied).to.deep.equal(typed.filter((t) => !failed.includes(t)));
        expect([...sent].sort()).to.deep.equal(typed.filter((t) => !failed.includes(t)).sort());
      }),
      { numRuns: 400 },
    );
  });

  it('a refused batch is split: each message goes alone, and only a message refused alone fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), (n) => {
        const ops: Op[] = [...Array.from({ length: n }, () => ({ type: 'type' as const, typing: false })), { type: 'send', fault: 'refuse-batch' }];
        const { server, typed, failed } = run(ops);
        expect(failed).to.deep.equal([]);
        expect(server.applied).to.deep.equal(typed);
      }),
    );
  });
});
