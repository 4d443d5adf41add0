// Runs first on the strict-CSP page: counts Content-Security-Policy violations (shown on
// the page, and read by test/e2e/csp.test.ts as window.__cspViolations).
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  const out = document.getElementById('violations');
  if (out) out.textContent = String(window.__cspViolations.length);
});
