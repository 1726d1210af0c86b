// Debian's headless Chromium driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.VPROP_CHROMIUM ?? '/usr/bin/chromium';

/** @param {string[]} extra more Chromium flags (e.g. --host-resolver-rules for the DNS-rebinding test) */
export async function launch(extra = []) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (install/deps/web.apt)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extra], // playwright gives each launch a fresh temporary profile
  });
}
