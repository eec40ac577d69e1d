import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSystem, waitFor, type System } from '@iq/testkit';

// The pages the API serves — the dashboard, GraphiQL and Swagger UI — work under the
// Content-Security-Policy it sends: Chromium reports no violation and each page renders.

let sys: System;
let browser: Browser;

beforeAll(async () => {
  sys = await startSystem();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

async function openWatched(path: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  if (process.env.DEBUG_CSP) page.on('console', (m) => console.log('CONSOLE', m.text()));
  const response = await page.goto(sys.api.url + path);
  expect(response?.headers()['content-security-policy']).toBeTruthy();
  return { page, violations };
}

describe('pages under the Content-Security-Policy', () => {
  it('the dashboard connects its live feed', async () => {
    const { page, violations } = await openWatched('/');
    await waitFor(async () => (await page.getByLabel('Live feed').textContent())?.includes('connected'), { what: 'the live feed' });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('GraphiQL renders its editor', async () => {
    const { page, violations } = await openWatched('/graphql');
    await page.locator('.graphiql-container').first().waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('Swagger UI renders the operations', async () => {
    const { page, violations } = await openWatched('/docs');
    await page.locator('.opblock').first().waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });
});
