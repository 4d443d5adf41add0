// Runs before the widget bundle on the strict-CSP page: ?endpoint=… points the widget at
// another Chat REST endpoint (tests use a fresh sandbox); otherwise it uses this origin's.
// ?language=… sets the widget's language (its locale file then loads under the policy too).
const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint');
if (endpoint) document.querySelector('live-chat')?.setAttribute('endpoint', endpoint);
const language = params.get('language');
if (language) document.querySelector('live-chat')?.setAttribute('language', language);
