import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser build). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * How long a click on `button` takes to show its answer, as the person clicking sees it:
 * from the click's input timestamp (so a main thread too busy to take the click counts)
 * to the first frame after the element matching `answerSelector` shows new content.
 * Measured inside the page; Playwright's own waits (actionability checks, polling) are
 * not part of it. Rejects after `timeoutMs` without an answer.
 */
export async function clickToAnswerMs(button: Locator, answerSelector: string, timeoutMs = 60_000): Promise<number> {
  await button.evaluate((el) => el.setAttribute('data-click-probe', ''));
  // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
  const measured = button.page().evaluate(`new Promise((resolve, reject) => {
    const target = document.querySelector('[data-click-probe]');
    const selector = ${JSON.stringify(answerSelector)};
    const before = document.querySelector(selector)?.textContent ?? null;
    let clickedAt = null;
    function onClick(event) {
      if (event.target instanceof Node && target.contains(event.target)) clickedAt = event.timeStamp;
    }
    function done(result) {
      observer.disconnect();
      document.removeEventListener('click', onClick, true);
      target.removeAttribute('data-click-probe');
      clearTimeout(timer);
      if (result instanceof Error) reject(result);
      else resolve(result);
    }
    document.addEventListener('click', onClick, true);
    const observer = new MutationObserver(() => {
      const text = document.querySelector(selector)?.textContent ?? null;
      if (clickedAt === null || text === null || text === before) return;
      const from = clickedAt;
      requestAnimationFrame(() => done(performance.now() - from));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => done(new Error('no answer within ${timeoutMs} ms')), ${timeoutMs});
  })`);
  await button.click({ timeout: timeoutMs });
  return Math.round((await measured) as number);
}

/**
 * Opens the dashboard served at `url` in a new page of `browser` and resolves once its
 * live feed says "connected", so a test starts from a page that receives live events.
 * `timeoutMs` also becomes the page's default timeout.
 */
export async function openDashboard(browser: Browser, url: string, opts: { viewport?: { width: number; height: number }; timeoutMs?: number } = {}): Promise<Page> {
  const page = await browser.newPage(opts.viewport ? { viewport: opts.viewport } : {});
  if (opts.timeoutMs !== undefined) page.setDefaultTimeout(opts.timeoutMs);
  await page.goto(url);
  await page.getByRole('status', { name: 'Live feed' }).filter({ hasText: 'connected' }).waitFor({ timeout: opts.timeoutMs ?? 30_000 });
  return page;
}
