// Runs before the widget bundle on the strict-CSP page: ?endpoint=… points the widget at
// another Chat REST endpoint (tests use a fresh sandbox); otherwise it uses this origin's.
const endpoint = new URLSearchParams(location.search).get('endpoint');
if (endpoint) document.querySelector('live-chat')?.setAttribute('endpoint', endpoint);
