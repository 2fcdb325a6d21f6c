/**
 * The headless Chromium the report.html tests open pages in: Debian's package, driven by
 * playwright-core. Without /usr/bin/chromium the tests are skipped locally and fail on CI (CI
 * installs it; see .ci/run).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium`);

/** The flags this machine needs (see node.md): no sandbox as root, no background networking. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens the report page `file` in `page` and waits until its draw script has drawn every chart
 * (it sets `data-charts-drawn` on the root element when done; up to 20 s).
 */
export async function openDrawnReport(page: Page, file: string): Promise<void> {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as { document: { documentElement: { hasAttribute(name: string): boolean } } }
      ).document.documentElement.hasAttribute('data-charts-drawn'),
    undefined,
    { timeout: 20_000 },
  );
}
