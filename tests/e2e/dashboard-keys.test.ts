import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSystem, waitFor, type System } from '@iq/testkit';

// The dashboard against an API that requires keys, in Debian's Chromium: it asks for a
// key, refuses a wrong one, goes live with a right one and keeps it for the session.

const AGENT_KEY = 'agent-key-0123456789abcdef';
const SUBMIT_KEY = 'submit-key-0123456789abcdef';

let sys: System;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sys = await startSystem({ apiEnv: { API_KEYS: `agent:${AGENT_KEY},submit:${SUBMIT_KEY}` } });
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const dialog = () => page.getByRole('dialog', { name: 'API key needed' });

describe('dashboard with API keys', () => {
  it('asks for a key, and refuses an unknown one', async () => {
    await page.goto(sys.api.url);
    await dialog().waitFor();
    await dialog().getByLabel('API key').fill('not-a-key-0123456789');
    await dialog().getByRole('button').click();
    await expect.poll(() => dialog().getByRole('alert').textContent()).toContain('That key was not accepted');
  });

  it('goes live with an agent key and shows tickets submitted meanwhile', async () => {
    await dialog().getByLabel('API key').fill(AGENT_KEY);
    await dialog().getByRole('button').click();
    await dialog().waitFor({ state: 'detached' });
    await waitFor(async () => (await page.getByLabel('Live feed').textContent())?.includes('connected'), { what: 'the live feed' });
    const submitted = await fetch(`${sys.api.url}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SUBMIT_KEY}` },
      body: JSON.stringify({ ticket_id: 'dk-1', subject: 'Checkout broken', body: 'Error 500 everywhere, urgent' }),
    });
    expect(submitted.status).toBe(202);
    await expect.poll(() => page.getByRole('region', { name: 'Queue' }).textContent(), { timeout: 20_000 }).toContain('dk-1');
    // Failed jobs are the admin's: an agent's dashboard does not show the panel at all.
    expect(await page.getByRole('region', { name: 'Failed jobs' }).count()).toBe(0);
  });

  it('keeps the key for the session (a reload does not ask again), never in the URL, and forgets it on request', async () => {
    await page.reload();
    await waitFor(async () => (await page.getByLabel('Live feed').textContent())?.includes('connected'), { what: 'the live feed after reload' });
    expect(await dialog().count()).toBe(0);
    expect(page.url()).not.toContain(AGENT_KEY);
    expect(await page.evaluate(() => sessionStorage.getItem('iq.apiKey'))).toBe('agent-key-0123456789abcdef');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.getByRole('button', { name: 'Forget key' }).click();
    await dialog().waitFor();
  });
});
