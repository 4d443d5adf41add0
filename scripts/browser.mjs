// Finds a Chromium or Chrome for the browser tests, in the README's order:
// $CHROME_PATH, /usr/bin/chromium, then Playwright's own download.
import { existsSync } from 'node:fs';

export const BROWSER_HINT =
  'No Chromium/Chrome found: set CHROME_PATH, or install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere: `npx playwright install chromium`).';

export async function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    const { chromium } = await import('playwright');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* playwright not installed or no download: fall through */
  }
  return null;
}

/** Flags that keep headless Chromium off the network and working as root in containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
