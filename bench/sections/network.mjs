// Section 5, network economy: Chat REST requests (from the reference server's request log)
// with a chat open and nobody writing, at the server's real default long-poll timeout, and
// while the visitor types into the composer at a steady 5 characters a second (Playwright
// keyboard.type, 200 ms between keys) with a sneak-peek-enabled agent. Typing and sneak-peek
// nouns are counted from what the server received (MultiNoun batches expanded).
import { installHelpers, startChat } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { ratio, round, sleep } from '../harness/stats.mjs';

const SNEAK_PEEK_AGENT = '005DEMO00000001'; // Ada L. in the default config: sneakPeekEnabled
const SENTENCE = 'I ordered the blue tent last week and the poles arrived bent, can you send replacements ';

const resourceOf = (row) => row.resource ?? row.path.replace(/^.*\/chat\/rest\//, '');

function countBy(list, key) {
  const out = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

async function openChat(browser, server, sbOverrides) {
  const sb = await server.api.sandbox(sbOverrides);
  const context = await browser.newContext();
  await installHelpers(context);
  const page = await context.newPage();
  const chatId = await startChat(page, server.url, sb, sandboxQuery(sb), { agentId: SNEAK_PEEK_AGENT });
  await sleep(2000); // whatever follows the start (acks, first polls) settles
  return { sb, context, page, chatId };
}

async function idleWindow(chat, seconds, pollTimeout) {
  const { sb } = chat;
  const mark = (await sb.requests()).at(-1)?.n ?? 0;
  await sleep(seconds * 1000);
  const rows = await sb.requests(mark);
  const byResource = countBy(rows, resourceOf);
  return {
    seconds,
    clientPollTimeoutS: pollTimeout,
    requests: rows.length,
    requestsPerMinute: round((rows.length * 60) / seconds, 2),
    byResource,
    // a long poll answers 204 about one second before the poll timeout
    expectedPollsPerMinute: round(60 / (pollTimeout - 1), 2),
  };
}

async function typingWindow(chat, seconds) {
  const { sb, page, chatId } = chat;
  const keys = Math.round(seconds * 5);
  const text = SENTENCE.repeat(Math.ceil(keys / SENTENCE.length)).slice(0, keys);
  const input = page.locator('[part~="composer-input"]');
  await input.click();
  const mark = (await sb.requests()).at(-1)?.n ?? 0;
  const received0 = (await sb.received(chatId)).length;
  const t0 = Date.now();
  await page.keyboard.type(text, { delay: 200 });
  const typedMs = Date.now() - t0;
  await sleep(4000); // the trailing NotTyping (3 s pause) and the last sneak peek
  const rows = await sb.requests(mark);
  const nouns = (await sb.received(chatId)).slice(received0);
  const byResource = countBy(rows, resourceOf);
  const byNoun = countBy(nouns, (r) => r.noun);
  const chasitorRequests = rows.filter((r) => r.method === 'POST').length;
  const draft = await input.inputValue();
  return {
    keystrokes: keys,
    typedSeconds: round(typedMs / 1000, 1),
    charsPerSecond: round(keys / (typedMs / 1000), 2),
    draftKept: draft === text,
    requests: rows.length,
    postRequests: chasitorRequests,
    byResource,
    byNoun,
    typingNouns: (byNoun.ChasitorTyping ?? 0) + (byNoun.ChasitorNotTyping ?? 0),
    sneakPeekNouns: byNoun.ChasitorSneakPeek ?? 0,
    postRequestsPerKeystroke: ratio(chasitorRequests, keys, 3),
    sneakPeeksPerKeystroke: ratio(byNoun.ChasitorSneakPeek ?? 0, keys, 3),
    postRequestsPerSecondTyping: ratio(chasitorRequests, typedMs / 1000, 2),
  };
}

export async function runNetwork({ browser, server, quick, log }) {
  const seconds = quick ? 15 : 60;
  const idleChat = await openChat(browser, server, {});
  const typingChat = await openChat(browser, server, {});
  try {
    const pollTimeout = 40; // the reference server's (and Salesforce's) default
    // both windows run at once, in separate sandboxes, to keep the bench short
    const [idle, typing] = await Promise.all([idleWindow(idleChat, seconds, pollTimeout), typingWindow(typingChat, seconds)]);
    log(`  idle: ${idle.requestsPerMinute} requests/min ${JSON.stringify(idle.byResource)}`);
    log(`  typing ${typing.keystrokes} keys in ${typing.typedSeconds} s: ${typing.postRequests} POSTs (${typing.postRequestsPerKeystroke}/key), typing nouns ${typing.typingNouns}, sneak peeks ${typing.sneakPeekNouns}`);
    return { idle, typing };
  } finally {
    for (const c of [idleChat, typingChat]) {
      await c.context.close();
      await c.sb.remove();
    }
  }
}
