// Agent console behaviour: polls {base}/api/state and acts through the test/agent API.
// Every visitor-supplied string is rendered with textContent, never as HTML.
// Dependency-free on purpose; the page is console/index.html.

const base = location.pathname.replace(/\/console\/.*$/, '');
const api = (path) => `${base}/api${path}`;
const $ = (id) => document.getElementById(id);

let state = null;
let agentId = localStorage.getItem('live-chat-console-agent') || '';
let selected = null;
let renderedTranscript = { chatId: null, count: 0 };

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

function chatLabel(chat) {
  const name = chat.visitorName || 'Visitor';
  const extra = chat.status === 'queued' ? ` · #${chat.queuePosition}` : chat.visitorTyping ? ' · typing…' : '';
  return `${name}${extra}`;
}

// Lists and selects are rebuilt only when their content changes, so focus and open pickers survive polling.
const signatures = new WeakMap();
function changed(node, signature) {
  if (signatures.get(node) === signature) return false;
  signatures.set(node, signature);
  return true;
}

function renderList(ul, chats) {
  if (!changed(ul, JSON.stringify([selected, chats.map((c) => [c.id, chatLabel(c)])]))) return;
  ul.replaceChildren(
    ...chats.map((chat) => {
      const li = el('li');
      const b = el('button', chatLabel(chat), { type: 'button', class: 'chat' });
      if (chat.id === selected) b.setAttribute('aria-current', 'true');
      b.addEventListener('click', () => {
        selected = chat.id;
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

function renderChat(chat) {
  $('empty').hidden = !!chat;
  $('chat').hidden = !chat;
  if (!chat) {
    renderDl($('info'), []);
    renderDl($('prechat'), []);
    $('trail').replaceChildren();
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
  for (const entry of chat.transcript.slice(renderedTranscript.count)) {
    const p = el('p', null, { class: entry.type });
    p.append(el('strong', `${entry.name || entry.type}: `), document.createTextNode(entry.content));
    log.append(p);
  }
  if (chat.transcript.length > renderedTranscript.count) log.scrollTop = log.scrollHeight;
  renderedTranscript.count = chat.transcript.length;
  $('typing').textContent = chat.visitorTyping ? 'Visitor is typing…' : '';
  $('peek').textContent = chat.sneakPeek || '';
  const active = chat.status === 'active';
  $('accept').hidden = chat.status !== 'queued';
  for (const id of ['reply', 'event']) $(id).hidden = !active;
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
  $('trail').replaceChildren(...(chat.breadcrumbs || []).map((b) => el('li', b.location)));
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
  const queued = state.queue.map((id) => state.chats.find((c) => c.id === id)).filter(Boolean);
  renderList($('queue'), queued);
  renderList($('mine'), state.chats.filter((c) => c.status === 'active' && c.agentId === agentId));
  renderList($('ended'), state.chats.filter((c) => c.status === 'ended').slice(-10).reverse());
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

void refresh();
setInterval(() => void refresh(), 1000);
