/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core: for the
 * card pictures (scripts/renderCards.ts) and the Agents Playground end-to-end tests. The
 * machine may be offline, so every request that leaves the loopback interface (the
 * Playground's web fonts on a CDN, telemetry) is answered locally instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere (another distribution, a Mac). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 60_000 });
}

const LOOPBACK = /^(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//i;

/** Answers every non-loopback request with an empty 200 (fonts fall back, nothing waits). */
export async function keepOffline(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !LOOPBACK.test(url.href) && url.protocol !== 'data:' && url.protocol !== 'about:',
    (route) => route.fulfill({ status: 200, body: '' }),
  );
}
