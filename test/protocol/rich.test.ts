// Rich content on the protocol side: the parser (hostile input, unsafe URLs, caps), FileTransfer
// on the wire, and what the reducer makes of both (table-style). No DOM, no network.
import { expect } from '@open-wc/testing';
import { parseRichEvent, postbackData, type RichParse } from '../../src/protocol/rich.js';
import { reduce, reduceAll, type ChatInput } from '../../src/protocol/reducer.js';
import { initialSnapshot, type ChatSnapshot } from '../../src/protocol/snapshot.js';
import { fileRefusal, uploadUrl } from '../../src/protocol/upload.js';
import { parseServerMessage } from '../../src/protocol/wire.js';

const T = 1_700_000_000_000;
const server = (message: Extract<ChatInput, { type: 'server' }>['message']): ChatInput => ({ type: 'server', message, time: T });
const custom = (eventType: string, data: unknown): ChatInput => server({ type: 'CustomEvent', eventType, data: typeof data === 'string' ? data : JSON.stringify(data) });
const run = (inputs: ChatInput[], from: ChatSnapshot) => inputs.reduce(reduce, from);
const active = run(
  [
    { type: 'connecting' },
    server({ type: 'ChatRequestSuccess', queuePosition: 1, estimatedWaitTime: null, postChatUrl: null, visitorId: null, sensitiveDataRules: null }),
    server({ type: 'ChatEstablished', name: 'Ada', userId: '005A', sneakPeekEnabled: false, idleTimeout: null }),
  ],
  initialSnapshot,
);
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const rich = (r: RichParse) => {
  if (r.kind !== 'rich') throw new Error(`expected rich, got ${JSON.stringify(r)}`);
  return r.rich;
};

describe('parseRichEvent', () => {
  it('reads a cards message with image, buttons of every type and keeps hostile text as text', () => {
    const r = rich(
      parseRichEvent(
        'rich_message',
        JSON.stringify({
          type: 'rich_message',
          template_id: 'cards',
          elements: [
            {
              title: HOSTILE,
              subtitle: 'Sub',
              image: { url: 'https://cdn.example.com/a.png', alternative_text: 'A shoe' },
              buttons: [
                { type: 'message', text: 'Yes', value: 'y', postback_id: 'yes', user_ids: [] },
                { type: 'url', text: 'Open', value: 'https://example.com/x' },
                { type: 'webview', text: 'View', value: 'http://example.com/v' },
                { type: 'phone', text: 'Call', value: '+1 (555) 010-0100' },
                { type: 'cancel', text: 'Close' },
                { text: 'No type', postback_id: 'nt' },
                { type: 'launch_rocket', text: 'Unknown' },
              ],
            },
          ],
        }),
      ),
    );
    expect(r.template).to.equal('cards');
    expect(r.elements[0]!.title).to.equal(HOSTILE);
    expect(r.elements[0]!.image).to.deep.equal({ url: 'https://cdn.example.com/a.png', alt: 'A shoe' });
    expect(r.elements[0]!.buttons.map((b) => b.type)).to.deep.equal(['message', 'url', 'webview', 'phone', 'cancel', 'message', 'text']);
    expect(Object.isFrozen(r) && Object.isFrozen(r.elements[0]) && Object.isFrozen(r.elements[0]!.buttons[0])).to.equal(true);
  });

  it('drops javascript:, data: and relative URLs in every field; such link buttons become plain labels', () => {
    const bad = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', '/relative.png', 'vbscript:x', 'not a url'];
    for (const url of bad) {
      const r = rich(
        parseRichEvent(
          'rich_message',
          JSON.stringify({
            template_id: 'cards',
            elements: [{ title: 't', image: { url }, buttons: [{ type: 'url', text: 'Go', value: url }, { type: 'webview', text: 'W', value: url }, { type: 'phone', text: 'P', value: url }] }],
          }),
        ),
      );
      expect(r.elements[0]!.image, url).to.equal(null);
      expect(r.elements[0]!.buttons.map((b) => b.type), url).to.deep.equal(['text', 'text', 'text']);
    }
    const f = parseRichEvent('file', JSON.stringify({ url: 'javascript:alert(1)', name: 'x.pdf' }));
    expect(f.kind).to.equal('bad');
    const thumb = parseRichEvent('file', JSON.stringify({ url: 'https://e.com/a.png', name: 'a.png', content_type: 'image/png', thumbnail_url: 'javascript:alert(1)' }));
    expect(thumb.kind === 'file' && thumb.attachment.thumbnailUrl).to.equal('');
  });

  it('survives wrong types, missing fields and garbage without throwing', () => {
    const inputs = ['', 'null', '[]', '42', '{"template_id":5}', '{"template_id":"cards","elements":"x"}', '{"template_id":"cards","elements":[null,1,"a",{"title":7}]}', '{', '{"template_id":"quick_replies","elements":[{"title":"q"}]}'];
    for (const data of inputs) {
      const r = parseRichEvent('rich_message', data);
      expect(r.kind, data).to.equal('bad');
    }
    expect(parseRichEvent('something_else', '{}').kind).to.equal('none');
  });

  it('caps elements at 10 and buttons at 13, and falls back to the text of an unknown template', () => {
    const el = { title: 'T', buttons: Array.from({ length: 20 }, (_, i) => ({ text: `b${i}` })) };
    const r = rich(parseRichEvent('rich_message', JSON.stringify({ template_id: 'cards', elements: Array.from({ length: 15 }, () => el) })));
    expect(r.elements).to.have.length(10);
    expect(r.elements[0]!.buttons).to.have.length(13);
    const unknown = parseRichEvent('rich_message', JSON.stringify({ template_id: 'list', elements: [{ title: 'Hello', subtitle: 'World' }] }));
    expect(unknown).to.include({ kind: 'bad', text: 'Hello\nWorld' });
  });

  it('reads a file event and writes the postback the visitor sends', () => {
    const f = parseRichEvent('file', JSON.stringify({ url: 'https://e.com/r.pdf', name: 'r.pdf', content_type: 'application/pdf', size: 1234 }));
    expect(f.kind === 'file' && f.attachment).to.include({ name: 'r.pdf', url: 'https://e.com/r.pdf', contentType: 'application/pdf', size: 1234 });
    expect(JSON.parse(postbackData({ type: 'message', text: 'Yes', value: 'y', postbackId: 'yes' }))).to.deep.equal({ postback_id: 'yes', value: 'y', text: 'Yes' });
  });
});

describe('FileTransfer on the wire and uploads', () => {
  it('parses Requested and the outcomes; a Requested without token is malformed', () => {
    expect(parseServerMessage({ type: 'FileTransfer', message: { type: 'Requested', uploadServletUrl: 'https://u/upload', fileToken: 'tok', cdmServletUrl: 'https://u/cdm' } })).to.deep.equal({
      type: 'FileTransfer',
      transfer: 'Requested',
      uploadServletUrl: 'https://u/upload',
      fileToken: 'tok',
      cdmServletUrl: 'https://u/cdm',
    });
    expect(parseServerMessage({ type: 'FileTransfer', message: { type: 'Success' } })).to.include({ transfer: 'Success' });
    expect(parseServerMessage({ type: 'FileTransfer', message: { type: 'Requested' } }).type).to.equal('Malformed');
    expect(parseServerMessage({ type: 'FileTransfer', message: { type: 'Whatever' } }).type).to.equal('Malformed');
  });

  it('builds the servlet URL with chatKey = the session key up to the first "!"', () => {
    const u = new URL(uploadUrl('https://host/upload?x=1', '00D', 'abc-123!1629334776994!Trfo=', 'tok')!);
    expect(u.searchParams.get('orgId')).to.equal('00D');
    expect(u.searchParams.get('chatKey')).to.equal('abc-123');
    expect(u.searchParams.get('fileToken')).to.equal('tok');
    expect(u.searchParams.get('encoding')).to.equal('UTF-8');
    expect(u.searchParams.get('x')).to.equal('1');
    expect(uploadUrl('javascript:alert(1)', 'o', 'k', 't')).to.equal(null);
  });

  it('refuses files over the size, empty files and types outside accept', () => {
    const f = (name: string, type: string, size: number) => ({ name, type, size });
    expect(fileRefusal(f('a.png', 'image/png', 11), 10, '')).to.equal('size');
    expect(fileRefusal(f('a.png', 'image/png', 0), 10, '')).to.equal('empty');
    expect(fileRefusal(f('a.png', 'image/png', 5), 10, 'image/*')).to.equal(null);
    expect(fileRefusal(f('a.PDF', 'application/pdf', 5), 10, 'image/*, .pdf')).to.equal(null);
    expect(fileRefusal(f('a.exe', 'application/x-msdownload', 5), 10, 'image/*,.pdf')).to.equal('type');
  });
});

describe('reducer: rich entries and file requests', () => {
  const cards = { template_id: 'cards', elements: [{ title: 'Shoe', buttons: [{ type: 'message', text: 'Buy', postback_id: 'buy' }] }] };
  const replies = { template_id: 'quick_replies', elements: [{ title: 'Pick one', buttons: [{ text: 'Track my order' }, { text: 'Talk to a person' }] }] };

  it('an agent rich_message becomes one agent entry with frozen rich data and its text fallback', () => {
    const s = reduce(active, custom('rich_message', cards));
    const e = s.transcript.at(-1)!;
    expect(e).to.include({ kind: 'agent', name: 'Ada', text: 'Shoe\nBuy', agentId: '005A' });
    expect(e.rich!.template).to.equal('cards');
    expect(Object.isFrozen(e)).to.equal(true);
    expect(s.error).to.equal(null);
  });

  it('a file event becomes an attachment entry', () => {
    const s = reduce(active, custom('file', { url: 'https://e.com/a.png', name: 'a.png', content_type: 'image/png', alternative_text: 'A cat' }));
    expect(s.transcript.at(-1)!.attachment).to.include({ name: 'a.png', alt: 'A cat' });
  });

  it('malformed content: text fallback or skipped, with error code "content"; other CustomEvents leave the snapshot alone', () => {
    const skipped = reduce(active, custom('rich_message', '{nope'));
    expect(skipped.transcript).to.equal(active.transcript);
    expect(skipped.error).to.include({ code: 'content' });
    const fallback = reduce(active, custom('rich_message', { template_id: 'list', elements: [{ title: 'Only text' }] }));
    expect(fallback.transcript.at(-1)).to.include({ kind: 'agent', text: 'Only text' });
    expect(fallback.transcript.at(-1)!.rich).to.equal(undefined);
    expect(fallback.error).to.include({ code: 'content' });
    expect(reduce(active, custom('my_app_event', '{}'))).to.equal(active);
  });

  it('quick replies close on a choice, on the visitor writing, or when the agent writes again', () => {
    const offered = reduce(active, custom('rich_message', replies));
    const id = offered.transcript.at(-1)!.id;
    const chose = reduce(offered, { type: 'rich-choice', id, element: 0, button: 1 });
    expect(chose.transcript.at(-1)!.rich).to.deep.include({ closed: true, chosen: { element: 0, button: 1 } });
    // A second choice changes nothing.
    expect(reduce(chose, { type: 'rich-choice', id, element: 0, button: 0 })).to.equal(chose);
    const typed = reduce(offered, { type: 'visitor-message', id: 'v1', text: 'hi', name: 'Sam', time: T });
    expect(typed.transcript.find((e) => e.id === id)!.rich!.closed).to.equal(true);
    const agentAgain = reduce(offered, server({ type: 'ChatMessage', name: 'Ada', text: 'More', agentId: null }));
    expect(agentAgain.transcript.find((e) => e.id === id)!.rich!.closed).to.equal(true);
    // Cards stay answerable after later messages.
    const c = reduce(active, custom('rich_message', cards));
    const later = reduce(c, server({ type: 'ChatMessage', name: 'Ada', text: 'More', agentId: null }));
    expect(later.transcript.find((e) => e.rich)!.rich!.closed).to.equal(undefined);
  });

  it('a batch (one poll answer) gives the same result as one by one', () => {
    const inputs = [custom('rich_message', replies), server({ type: 'ChatMessage', name: 'Ada', text: 'x', agentId: null }), custom('rich_message', cards)];
    expect(JSON.stringify(reduceAll(active, inputs))).to.equal(JSON.stringify(run(inputs, active)));
  });

  it('FileTransfer Requested opens a request entry; Success ends it; a new request supersedes an open one', () => {
    const req = (tok: string) => server({ type: 'FileTransfer', transfer: 'Requested', uploadServletUrl: 'https://u/up', fileToken: tok, cdmServletUrl: '' });
    const s1 = reduce(active, req('t1'));
    const e1 = s1.transcript.at(-1)!;
    expect(e1).to.include({ kind: 'system', event: 'file-requested' });
    expect(e1.fileRequest).to.include({ fileToken: 't1', status: 'requested' });
    const s2 = reduce(s1, req('t2'));
    expect(s2.transcript.find((e) => e.fileRequest?.fileToken === 't1')!.fileRequest!.status).to.equal('canceled');
    const s3 = reduce(s2, server({ type: 'FileTransfer', transfer: 'Success', uploadServletUrl: '', fileToken: 't2', cdmServletUrl: '' }));
    expect(s3.transcript.find((e) => e.fileRequest?.fileToken === 't2')!.fileRequest!.status).to.equal('success');
    const s4 = reduce(s3, { type: 'visitor-file', id: 'vf', name: 'Sam', time: T, attachment: { name: 'a.txt', url: '', contentType: 'text/plain', size: 3, width: null, height: null, thumbnailUrl: '', alt: '' } });
    expect(s4.transcript.at(-1)).to.include({ kind: 'visitor', text: 'a.txt', status: 'sent' });
  });

  it('the end of the chat closes an open file request', () => {
    const open = reduce(active, server({ type: 'FileTransfer', transfer: 'Requested', uploadServletUrl: 'https://u/up', fileToken: 't', cdmServletUrl: '' }));
    const ended = reduce(open, server({ type: 'ChatEnded', reason: 'agent', attachedRecords: null }));
    expect(ended.transcript.find((e) => e.fileRequest)!.fileRequest!.status).to.equal('canceled');
  });

  it('after a handover, rich entries do not count as server transcript messages', () => {
    const s = run([server({ type: 'ChatMessage', name: 'Ada', text: 'one', agentId: null }), custom('rich_message', cards)], active);
    const after = reduce(s, server({
      type: 'ChasitorSessionData',
      queuePosition: null,
      sneakPeekEnabled: false,
      postChatUrl: null,
      chatMessages: [
        { type: 'Agent', name: 'Ada', content: 'one', timestamp: T, sequence: 1 },
        { type: 'Agent', name: 'Ada', content: 'two (while away)', timestamp: T, sequence: 2 },
      ],
    }));
    expect(after.transcript.map((e) => e.text)).to.include('two (while away)');
  });
});
