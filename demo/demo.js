// Demo page behaviour (an external script, so the page also works under a strict CSP):
// the theme switcher, the language from ?lang=, and sample conversations for the previews.
(() => {
  const root = document.documentElement;
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang');
  const widget = document.querySelector('live-chat');
  if (lang && widget) widget.setAttribute('language', lang);

  for (const input of document.querySelectorAll('#theme-switcher input')) {
    input.addEventListener('change', () => {
      root.classList.remove('theme-default', 'theme-midnight', 'theme-meadow');
      root.classList.add(`theme-${input.value}`);
    });
  }

  const now = Date.now();
  const entry = (i, kind, text, extra) => ({
    id: `demo-${i}`, kind, text, name: kind === 'agent' ? 'Ada L.' : kind === 'visitor' ? 'Sam' : '',
    time: now - (6 - i) * 60_000, sequence: i, ...extra,
  });
  const transcript = Object.freeze([
    entry(0, 'system', 'Ada L. joined the chat', { event: 'connected', params: { name: 'Ada L.' } }),
    entry(1, 'agent', "Hi! I'm Ada. How can I help?"),
    entry(2, 'visitor', 'My order has not arrived yet.', { status: 'sent' }),
    entry(3, 'agent', 'Sorry to hear that! You can track it at https://example.com/orders — or I can check for you.'),
    entry(4, 'visitor', 'Please check, thanks!', { status: 'pending' }),
  ]);
  const snapshot = Object.freeze({
    phase: 'active',
    availability: { online: true, estimatedWaitTime: null },
    invitation: null,
    queue: { position: null, estimatedWaitTime: null },
    agent: { name: 'Ada L.', id: '005DEMO00000001', sneakPeekEnabled: false },
    agentTyping: true,
    transcript,
    sendBlocked: null,
    idleWarning: null,
    ended: null,
    error: null,
    leader: true,
  });
  const previews = document.querySelectorAll('.preview live-chat-transcript, .preview live-chat-composer');
  for (const el of previews) el.snapshot = snapshot;
  // The previews are parts without a <live-chat>, which the script tag's loader does not define:
  // this page loads the widget module itself (the loader will find it already there) and gives
  // the previews the locale (loaded on demand) directly.
  void import('/dist/live-chat.widget.js').then(async (widget) => {
    if (!lang) return;
    const locale = await widget.resolveLocale([lang]);
    for (const el of previews) {
      el.locale = locale;
      el.dir = locale.dir;
    }
  });
})();
