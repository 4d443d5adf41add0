// Agent console behaviour: polls {base}/api/state and acts through the test/agent API.
// Every visitor-supplied string is rendered with textContent, never as HTML; only http(s) URLs
// become links. Dependency-free on purpose; the page is console/index.html, the look console.css.
//
// Offline messages (the Web-to-Case endpoint) and the visitors' ratings have lists of their own
// under "Ended" (renderNotes); the selected chat's files and the visitor's postbacks are listed by
// renderFiles, and the rich-content and file-request actions have a panel of their own.

const base = location.pathname.replace(/\/console\/.*$/, '');
const api = (path) => `${base}/api${path}`;
const $ = (id) => document.getElementById(id);

let state = null;
let agentId = localStorage.getItem('live-chat-console-agent') || '';
let selected = null;
let renderedTranscript = { chatId: null, count: 0 };
const baseTitle = document.title;
const SOUND_KEY = 'live-chat-console-sound';
/** Queued chat ids seen at the last refresh (null before the first one: chats already waiting are not "new"). */
let knownQueue = null;
/** Chats that arrived in the queue while the console was open and have not been opened yet. */
const fresh = new Set();

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
function timeEl(ms) {
  return el('time', clock.format(ms), { datetime: new Date(ms).toISOString() });
}

/** Why a chat ended, as the agent reads it (the raw reason stays in the title). */
const REASONS = {
  client: 'visitor ended',
  agent: 'agent ended',
  timeout: 'timed out',
  duplicateLongPoll: 'second long poll',
  Unavailable: 'no agent available',
};
const reasonText = (reason) => REASONS[reason] || reason || 'ended';

/** The absolute URL when `text` is an http(s) URL, else null (javascript:, data:, garbage). */
function safeHref(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Appends `text` as text nodes, with http(s) URLs (minus trailing punctuation) as links that open apart. */
function appendLinked(parent, text) {
  let from = 0;
  for (const match of text.matchAll(URL_RE)) {
    const url = match[0].replace(/[.,;:!?)\]'}]+$/, '');
    const href = safeHref(url);
    if (!href) continue;
    parent.append(document.createTextNode(text.slice(from, match.index)), link(href, url));
    from = match.index + url.length;
  }
  parent.append(document.createTextNode(text.slice(from)));
}
function link(href, text) {
  return el('a', text, { href, target: '_blank', rel: 'noopener noreferrer nofollow' });
}

// ---- sound: a short two-tone chime through Web Audio, off until the agent turns it on ----
let audio = null;
function audioContext() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return null;
  audio ??= new Ctx();
  if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  return audio;
}
function chime() {
  if (!$('sound').checked) return;
  const ctx = audioContext();
  if (!ctx) return;
  const start = ctx.currentTime;
  [660, 880].forEach((hz, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const t = start + i * 0.15;
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.32);
  });
}

/** Marks chats that just joined the queue, chimes once per refresh that brought any, counts them in the title. */
function noticeQueue(ids) {
  if (knownQueue) {
    const arrived = ids.filter((id) => !knownQueue.has(id));
    for (const id of arrived) fresh.add(id);
    if (arrived.length > 0) chime();
  }
  knownQueue = new Set(ids);
  for (const id of [...fresh]) if (!knownQueue.has(id) || id === selected) fresh.delete(id);
  document.title = fresh.size > 0 ? `(${fresh.size}) ${baseTitle}` : baseTitle;
}

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function showError(message) {
  $('error').textContent = message || '';
}

async function call(method, path, body) {
  const res = await fetch(api(path), {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(text || `HTTP ${res.status}`);
  return text ? JSON.parse(text) : null;
}

async function act(method, path, body) {
  try {
    showError('');
    await call(method, path, body);
    await refresh();
  } catch (e) {
    showError(e.message);
  }
}

// Lists and selects are rebuilt only when their content changes, so focus and open pickers survive polling.
const signatures = new WeakMap();
function changed(node, signature) {
  if (signatures.get(node) === signature) return false;
  signatures.set(node, signature);
  return true;
}

/** The lines of a chat's button in each list: [class, text or time (ms)]. */
function chatLines(chat, list) {
  const lines = [['name', chat.visitorName || 'Visitor']];
  if (list === 'queue') {
    if (fresh.has(chat.id)) lines.push(['badge', 'New']);
    lines.push(['muted', `#${chat.queuePosition} · ${buttonLabel(chat.buttonId)} · waiting since`], ['time', chat.requestedAt]);
  } else if (list === 'mine') {
    lines.push(['muted', chat.visitorTyping ? 'typing…' : `${chat.transcript.length} ${chat.transcript.length === 1 ? 'message' : 'messages'}`]);
  } else {
    lines.push(['muted', `${reasonText(chat.endReason)} ·`], ['time', chat.endedAt ?? chat.requestedAt]);
  }
  return lines;
}

function buttonLabel(id) {
  return state.buttons.find((b) => b.id === id)?.label || id;
}

function renderList(ul, chats, list) {
  const rows = chats.map((c) => [c.id, chatLines(c, list)]);
  if (!changed(ul, JSON.stringify([selected, rows]))) return;
  ul.replaceChildren(
    ...rows.map(([id, lines]) => {
      const li = el('li');
      const b = el('button', null, { type: 'button', class: fresh.has(id) && list === 'queue' ? 'chat new' : 'chat' });
      for (const [cls, value] of lines) b.append(cls === 'time' ? timeEl(value) : el('span', value, { class: cls }));
      if (id === selected) b.setAttribute('aria-current', 'true');
      if (list === 'ended') b.title = `reason: ${chats.find((c) => c.id === id)?.endReason ?? '—'}`;
      b.addEventListener('click', () => {
        selected = id;
        fresh.delete(id);
        render();
      });
      li.append(b);
      return li;
    }),
  );
  if (chats.length === 0) ul.append(el('li', 'None', { class: 'muted' }));
}

function renderDl(dl, pairs) {
  dl.replaceChildren();
  for (const [k, v] of pairs) {
    dl.append(el('dt', k), el('dd', v === undefined || v === null || v === '' ? '—' : v));
  }
}

/** One transcript entry: author, time, then the text with safe links. (Rich messages and file requests would branch here.) */
function renderEntry(entry) {
  const p = el('p', null, { class: `msg ${entry.type}` });
  const meta = el('span', null, { class: 'meta' });
  meta.append(el('strong', entry.name || entry.type), timeEl(entry.timestamp));
  const bubble = el('span', null, { class: 'b' });
  appendLinked(bubble, entry.content);
  p.append(meta, bubble);
  return p;
}

function renderChat(chat) {
  $('empty').hidden = !!chat;
  $('chat').hidden = !chat;
  if (!chat) {
    renderDl($('info'), []);
    renderDl($('prechat'), []);
    $('trail').replaceChildren();
    changed($('trail'), '');
    return;
  }
  const agent = state.agents.find((a) => a.id === chat.agentId);
  $('chat-title').textContent = `${chat.visitorName || 'Visitor'} — ${chat.status}${agent ? ` with ${agent.name}` : ''}`;
  const log = $('transcript');
  if (renderedTranscript.chatId !== chat.id) {
    log.replaceChildren();
    renderedTranscript = { chatId: chat.id, count: 0 };
  }
  // Append only new entries, so assistive tech does not re-announce old ones.
  for (const entry of chat.transcript.slice(renderedTranscript.count)) log.append(renderEntry(entry));
  if (chat.transcript.length > renderedTranscript.count) log.scrollTop = log.scrollHeight;
  renderedTranscript.count = chat.transcript.length;
  $('typing').textContent = chat.visitorTyping ? 'Visitor is typing…' : '';
  // Sneak peek: the visitor's draft, live, when the chat's agent has it on (ChatEstablished says so to the widget).
  const peekOff = chat.status === 'active' && agent && !agent.sneakPeekEnabled;
  $('peek-off').hidden = !peekOff;
  $('peek-off').textContent = peekOff ? `Sneak peek is off for ${agent.name}: the visitor's drafts are not sent.` : '';
  const draft = chat.status === 'ended' ? '' : chat.sneakPeek || '';
  if (changed($('peek'), draft)) {
    $('peek').replaceChildren(...(draft ? [el('span', 'Writing: ', { class: 'muted' }), document.createTextNode(draft)] : []));
  }
  const active = chat.status === 'active';
  $('accept').hidden = chat.status !== 'queued';
  for (const id of ['reply', 'event', 'rich']) $(id).hidden = !active;
  $('request-file').disabled = !active;
  $('cancel-file').disabled = !active || !(chat.fileTransfers || []).some((t) => t.status === 'requested');
  renderFiles(chat);
  $('transfer').disabled = !active;
  $('end').disabled = chat.status === 'ended';
  const select = $('transfer-to');
  const targets = state.agents.filter((a) => a.id !== chat.agentId);
  if (changed(select, JSON.stringify(targets.map((a) => [a.id, a.name, a.status])))) {
    const current = select.value;
    select.replaceChildren(...targets.map((a) => el('option', `${a.name} (${a.status})`, { value: a.id })));
    if (targets.some((a) => a.id === current)) select.value = current;
  }
  renderDl($('info'), [
    ['Name', chat.visitorName],
    ['Language', chat.language],
    ['Screen', chat.screenResolution],
    ['User agent', chat.userAgent],
    ['Button', chat.buttonId],
    ['Visitor id', chat.visitorId],
  ]);
  renderDl(
    $('prechat'),
    (chat.prechatDetails || []).filter((d) => d && d.displayToAgent !== false).map((d) => [d.label, typeof d.value === 'string' ? d.value : JSON.stringify(d.value)]),
  );
  const trail = chat.breadcrumbs || [];
  if (!changed($('trail'), JSON.stringify([chat.id, trail]))) return;
  $('trail').replaceChildren(
    ...trail.map((b) => {
      const li = el('li');
      const href = safeHref(b.location);
      li.append(href ? link(href, b.location) : document.createTextNode(b.location), ' ', timeEl(b.at));
      return li;
    }),
  );
}

/** Offline messages (newest first) and ratings: plain text, rebuilt only when they change. */
function renderNotes() {
  const messages = [...(state.offlineMessages || [])].reverse().slice(0, 20);
  if (changed($('offline'), JSON.stringify(messages))) {
    $('offline').replaceChildren(
      ...messages.map((m) => {
        const li = el('li', null, { class: 'note' });
        const head = el('p', null, { class: 'meta' });
        head.append(el('strong', m.subject || '(no subject)'), el('span', ` · ${m.name || 'Visitor'} <${m.email}> · `, { class: 'muted' }), timeEl(m.at));
        li.append(head, el('p', m.description, { class: 'b' }));
        return li;
      }),
    );
    if (messages.length === 0) $('offline').append(el('li', 'None', { class: 'muted' }));
  }
  const rated = state.chats.filter((c) => c.rating).sort((a, b) => b.rating.at - a.rating.at).slice(0, 20);
  const rows = rated.map((c) => [c.id, c.visitorName || 'Visitor', c.rating.rating, c.rating.comment, c.rating.at]);
  if (changed($('ratings'), JSON.stringify(rows))) {
    $('ratings').replaceChildren(
      ...rows.map(([, name, rating, comment, at]) => {
        const li = el('li', null, { class: 'note' });
        const head = el('p', null, { class: 'meta' });
        head.append(el('strong', rating === 'good' ? '👍 good' : rating === 'bad' ? '👎 bad' : rating), el('span', ` · ${name} · `, { class: 'muted' }), timeEl(at));
        li.append(head);
        if (comment) li.append(el('p', comment, { class: 'b' }));
        return li;
      }),
    );
    if (rows.length === 0) $('ratings').append(el('li', 'None', { class: 'muted' }));
  }
}

/** The visitor's files (download links) and postbacks, rebuilt only when they change. */
function renderFiles(chat) {
  const transfers = chat.fileTransfers || [];
  if (changed($('files'), JSON.stringify([chat.id, transfers]))) {
    $('files').replaceChildren(
      ...transfers.map((t) => {
        const li = el('li');
        if (t.file) {
          const href = api(`/chats/${encodeURIComponent(chat.id)}/files/${encodeURIComponent(t.fileToken)}`);
          li.append(link(href, t.file.name), ` (${t.file.size} bytes, ${t.file.type || 'unknown type'}) `, timeEl(t.file.at));
        } else li.append(`Requested · ${t.status}${t.problem ? ` (${t.problem})` : ''} `, timeEl(t.requestedAt));
        return li;
      }),
    );
    if (transfers.length === 0) $('files').append(el('li', 'None', { class: 'muted' }));
  }
  const postbacks = chat.postbacks || [];
  if (changed($('postbacks'), JSON.stringify([chat.id, postbacks]))) {
    $('postbacks').replaceChildren(
      ...postbacks.map((p) => {
        const li = el('li', typeof p.data === 'object' && p.data ? `${p.data.text} → ${p.data.postback_id}${p.data.value ? ` (${p.data.value})` : ''} ` : `${String(p.data)} `);
        li.append(timeEl(p.at));
        return li;
      }),
    );
    if (postbacks.length === 0) $('postbacks').append(el('li', 'None', { class: 'muted' }));
  }
}

function render() {
  if (!state) return;
  const agentSelect = $('agent');
  if (agentSelect.options.length !== state.agents.length) {
    agentSelect.replaceChildren(...state.agents.map((a) => el('option', a.name, { value: a.id })));
  }
  if (!state.agents.some((a) => a.id === agentId)) agentId = state.agents[0]?.id || '';
  agentSelect.value = agentId;
  const me = state.agents.find((a) => a.id === agentId);
  if (me && document.activeElement !== $('presence')) $('presence').value = me.status;
  $('status').textContent = me ? `${me.name}: ${me.status}, ${me.ongoingChats}/${me.capacity} chats` : 'No agents';
  const mode = $('mode');
  mode.hidden = typeof state.strict !== 'boolean';
  mode.textContent = state.strict ? 'strict' : 'lenient';
  mode.title = state.strict
    ? 'Strict mode: polls without ack get everything again, POSTs without X-LIVEAGENT-SEQUENCE get 400'
    : 'Lenient mode: the server tracks delivery for polls without ack and applies POSTs without X-LIVEAGENT-SEQUENCE in arrival order';
  const queued = state.queue.map((id) => state.chats.find((c) => c.id === id)).filter(Boolean);
  noticeQueue(queued.map((c) => c.id));
  $('queue-count').textContent = `(${queued.length})`;
  renderList($('queue'), queued, 'queue');
  renderList($('mine'), state.chats.filter((c) => c.status === 'active' && c.agentId === agentId), 'mine');
  const ended = state.chats.filter((c) => c.status === 'ended').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  renderList($('ended'), ended.slice(0, 20), 'ended');
  renderNotes();
  renderChat(state.chats.find((c) => c.id === selected) || null);
}

async function refresh() {
  try {
    state = await call('GET', '/state');
    render();
  } catch (e) {
    showError(`Cannot reach the server: ${e.message}`);
  }
}

$('agent').addEventListener('change', (e) => {
  agentId = e.target.value;
  localStorage.setItem('live-chat-console-agent', agentId);
  render();
});
$('sound').checked = localStorage.getItem(SOUND_KEY) === 'on';
$('sound').addEventListener('change', (e) => {
  localStorage.setItem(SOUND_KEY, e.target.checked ? 'on' : 'off');
  // Browsers start audio only after a gesture: this click is one.
  if (e.target.checked) audioContext();
});
$('presence').addEventListener('change', (e) => void act('PUT', `/agents/${encodeURIComponent(agentId)}`, { status: e.target.value }));
$('accept').addEventListener('click', () => void act('POST', `/chats/${encodeURIComponent(selected)}/accept`, { agentId }));
$('end').addEventListener('click', () => void act('POST', `/chats/${encodeURIComponent(selected)}/end`));
$('transfer').addEventListener('click', () => {
  const to = $('transfer-to').value;
  if (to) void act('POST', `/chats/${encodeURIComponent(selected)}/transfer`, { agentId: to });
});

let typingTimer = null;
let typing = false;
$('reply-text').addEventListener('input', () => {
  if (!selected) return;
  if (!typing) {
    typing = true;
    call('POST', `/chats/${encodeURIComponent(selected)}/typing`, { typing: true }).catch(() => undefined);
  }
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    typing = false;
    call('POST', `/chats/${encodeURIComponent(selected)}/typing`, { typing: false }).catch(() => undefined);
  }, 2000);
});
$('reply').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('reply-text');
  const text = input.value.trim();
  if (!text || !selected) return;
  clearTimeout(typingTimer);
  typing = false;
  void act('POST', `/chats/${encodeURIComponent(selected)}/messages`, { text }).then(() => {
    if (!$('error').textContent) input.value = '';
  });
});
$('event').addEventListener('submit', (e) => {
  e.preventDefault();
  const type = $('event-type').value.trim();
  if (!type || !selected) return;
  void act('POST', `/chats/${encodeURIComponent(selected)}/custom-events`, { type, data: $('event-data').value });
});

// Rich content: LiveChat's event data, prefilled per kind and editable, sent as the agent's CustomEvent.
const card = (title, subtitle, n) => ({
  title,
  subtitle,
  image: { url: `https://picsum.photos/seed/live-chat-${n}/320/180`, alternative_text: `${title}: product photo` },
  buttons: [
    { type: 'message', text: `Buy ${title.toLowerCase()}`, value: `buy_${n}`, postback_id: `buy_${n}`, user_ids: [] },
    { type: 'url', text: 'Details', value: 'https://example.com/', user_ids: [] },
  ],
});
const RICH_SAMPLES = {
  cards: { type: 'rich_message', template_id: 'cards', elements: [card('Running shoe', 'Size 42 · 79 €', 1)] },
  carousel: { type: 'rich_message', template_id: 'cards', elements: [card('Running shoe', 'Size 42', 1), card('Hiking boot', 'Size 43', 2), card('Sandal', 'Size 40', 3)] },
  quick_replies: {
    type: 'rich_message',
    template_id: 'quick_replies',
    elements: [{ title: 'What would you like to do?', buttons: ['Track my order', 'Talk to a person'].map((text, i) => ({ type: 'message', text, value: text, postback_id: `qr_${i}`, user_ids: [] })) }],
  },
  sticker: { type: 'rich_message', template_id: 'sticker', elements: [{ image: { url: 'https://picsum.photos/seed/live-chat-sticker/160/160', alternative_text: 'A thumbs-up sticker' } }] },
  image: { type: 'file', name: 'diagram.png', url: 'https://picsum.photos/seed/live-chat-file/640/400', content_type: 'image/png', width: 640, height: 400, alternative_text: 'A wiring diagram' },
  file: { type: 'file', name: 'manual.pdf', url: 'https://example.com/manual.pdf', content_type: 'application/pdf', size: 1843200 },
};
function fillRich() {
  $('rich-json').value = JSON.stringify(RICH_SAMPLES[$('rich-kind').value], null, 1);
}
$('rich-kind').addEventListener('change', fillRich);
fillRich();
$('rich').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!selected) return;
  let data;
  try {
    data = JSON.parse($('rich-json').value);
  } catch (err) {
    showError(`Rich content JSON: ${err.message}`);
    return;
  }
  void act('POST', `/chats/${encodeURIComponent(selected)}/custom-events`, { type: data && data.type === 'file' ? 'file' : 'rich_message', data: JSON.stringify(data) });
});
$('request-file').addEventListener('click', () => void act('POST', `/chats/${encodeURIComponent(selected)}/file-requests`));
$('cancel-file').addEventListener('click', () => void act('POST', `/chats/${encodeURIComponent(selected)}/file-requests/cancel`));

void refresh();
setInterval(() => void refresh(), 1000);
