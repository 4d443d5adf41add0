// Host pages for the benchmarks: one plain article page, and the same page with live-chat's
// script tag and element, or with deep-chat. Generated per request so the widget can be pointed
// at a fresh sandbox through the query string. Owns only the markup of these pages.

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ARTICLE = `
    <header><h1>Acme Outdoor Supply</h1><nav><a href="#a">Tents</a> · <a href="#b">Boots</a> · <a href="#c">Help</a></nav></header>
    <main>
      <h2 id="a">Choosing a three-season tent</h2>
      ${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1}. A tent for spring, summer and autumn trades weight for
      ventilation: mesh inner walls keep condensation down, a full-coverage fly keeps the rain out, and two doors save
      arguments at night. Check the packed size, the pole material and how the fly is pitched before you buy.</p>`).join('\n      ')}
      <h2 id="b">Boots</h2>
      <ul>${Array.from({ length: 12 }, (_, i) => `<li>Model ${i + 1}: leather upper, rubber sole, ${400 + i * 20} g</li>`).join('')}</ul>
    </main>
    <footer id="c"><p>Questions? Our team is online 9–17 on weekdays.</p></footer>`;

const HEAD = `<meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Host page</title>
    <style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#222}</style>`;

/** HTML of the page `name`, or null for an unknown page. */
export function renderPage(name, params) {
  const cfg = {
    endpoint: params.get('endpoint') ?? '',
    org: params.get('org') ?? '',
    deployment: params.get('deployment') ?? '',
    button: params.get('button') ?? '',
    // script=defer: the loader's tag with `defer` instead of the README's `async`
    script: params.get('script') === 'defer' ? 'defer' : 'async',
    // prechat=1: opening shows a pre-chat form (nothing starts, nothing is stored)
    prechat: params.get('prechat') === '1' ? ` prechat-fields='${esc(JSON.stringify([{ type: 'name', id: 'name', label: 'Your name', required: true }]))}'` : '',
  };
  switch (name) {
    case 'blank':
      return `<!doctype html>
<html lang="en">
  <head>
    ${HEAD}
  </head>
  <body>${ARTICLE}
  </body>
</html>`;
    case 'live-chat':
      return `<!doctype html>
<html lang="en">
  <head>
    ${HEAD}
    <script src="/dist/live-chat.iife.js" ${cfg.script}></script>
  </head>
  <body>${ARTICLE}
    <live-chat endpoint="${esc(cfg.endpoint)}" org-id="${esc(cfg.org)}" deployment-id="${esc(cfg.deployment)}" button-id="${esc(cfg.button)}"${cfg.prechat}></live-chat>
  </body>
</html>`;
    case 'deep-chat':
      return `<!doctype html>
<html lang="en">
  <head>
    ${HEAD}
    <script type="module" src="/peers/deep-chat/deepChat.bundle.js"></script>
  </head>
  <body>${ARTICLE}
    <deep-chat demo="true" style="position:fixed;right:1rem;bottom:1rem"></deep-chat>
  </body>
</html>`;
    default:
      return null;
  }
}

/** Query string that points the live-chat page at a sandbox (from AgentApi.sandbox()). */
export function sandboxQuery(sb, buttonIndex = 0) {
  return new URLSearchParams({
    endpoint: sb.endpoint,
    org: sb.orgId,
    deployment: sb.deploymentId,
    button: sb.buttons[buttonIndex].id,
  }).toString();
}
