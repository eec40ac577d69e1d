import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import { launchChromium, startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer, refusingScorer } from '@iq/testkit';

// bull-board at /admin/queues: the job-level view, for the admin role only, with a key
// given as HTTP Basic's password (a browser page cannot send a Bearer header). Each team
// queue is a board queue of its own, named `<team>-tickets`; the tickets here are billing's.

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const AGENT_KEY = 'agent-key-0123456789abcdef';
const basic = (key: string) => `Basic ${Buffer.from(`anyone:${key}`).toString('base64')}`;

/** The lexicon scorer, refusing texts that mention "poison" until the test mends it. */
const poison = refusingScorer();

let redis: RedisServer;
let open: Api;
let keyed: Api;
let worker: TicketWorker;
let failedJobId: string;

const TEAM = 'billing';
/** The board's name of billing's triage queue. */
const BOARD_QUEUE = `${TEAM}-tickets`;
const submit = (api: Api, ticket: { ticket_id: string; subject: string; body: string }) => api.post('/tickets', { ...ticket, team: TEAM });

beforeAll(async () => {
  redis = await startRedisServer();
  open = await startApi(redis.url, { JOB_ATTEMPTS: '1' });
  keyed = await startApi(redis.url, { API_KEYS: `admin:${ADMIN_KEY},agent:${AGENT_KEY}` });
  worker = await startWorker(redis.url, { LOG_LEVEL: 'silent' }, poison.scorer);
  const res = await submit(open, { ticket_id: 'poisoned-1', subject: 'poison', body: 'This one fails.' });
  failedJobId = res.body.job_id;
  await waitFor(async () => (await open.jobState(failedJobId)) === 'failed', { what: 'the job failed for good' });
});
afterAll(async () => {
  await worker?.close();
  await keyed?.close();
  await open?.close();
  await redis?.stop();
});

describe('bull-board at /admin/queues', () => {
  it("lists every team's triage queue and the webhook queue, and shows a failed job with its error and stack", async () => {
    const res = await fetch(`${open.url}/admin/queues/api/queues?activeQueue=${BOARD_QUEUE}&status=failed&page=1&jobsPerPage=10`);
    expect(res.status).toBe(200);
    const { queues } = (await res.json()) as { queues: { name: string; readOnlyMode: boolean; jobs: { id: string; failedReason: string; stacktrace: string[]; data: unknown }[] }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(['billing-tickets', 'general-tickets', 'legal-tickets', 'technical-tickets', 'webhooks']);
    for (const q of queues) expect(q.readOnlyMode, q.name).toBe(q.name === 'webhooks');
    const tickets = queues.find((q) => q.name === BOARD_QUEUE)!;
    const failed = tickets.jobs.find((j) => j.id === failedJobId)!;
    expect(failed.failedReason).toBe('scorer refused a poisoned text');
    expect(failed.stacktrace.join('\n')).toContain('scorer refused a poisoned text');
    expect(failed.data).toEqual({ ticket_id: 'poisoned-1' });
    expect(tickets.readOnlyMode).toBe(false);
    expect(queues.find((q) => q.name === 'webhooks')!.readOnlyMode).toBe(true);
  });

  it('refuses every action but retry and clean, and changes nothing', async () => {
    const board = `${open.url}/admin/queues/api/queues`;
    for (const [method, path] of [
      ['POST', `/${BOARD_QUEUE}/add`],
      ['PUT', `/${BOARD_QUEUE}/empty`],
      ['PUT', `/${BOARD_QUEUE}/obliterate`],
      ['PUT', `/${BOARD_QUEUE}/pause`],
      ['PUT', `/${BOARD_QUEUE}/${encodeURIComponent(failedJobId)}/update-data`],
      ['PUT', `/${BOARD_QUEUE}/retry/completed`],
      ['PUT', `/${BOARD_QUEUE}/clean/wait`],
    ] as const) {
      const res = await fetch(board + path, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, `${method} ${path}`).toBe(405);
    }
    expect(await open.jobState(failedJobId)).toBe('failed');
  });

  it('retries a failed job, which claims its ticket again and processes the content kept when it failed', async () => {
    poison.refusing = false;
    try {
      const res = await fetch(`${open.url}/admin/queues/api/queues/${BOARD_QUEUE}/${encodeURIComponent(failedJobId)}/retry`, { method: 'PUT' });
      expect(res.status).toBeLessThan(300);
      await waitFor(async () => (await open.get('/queue/tickets/poisoned-1')).status === 200, { what: 'the retried ticket in the queue' });
      const queued = (await open.get('/queue/tickets/poisoned-1')).body;
      expect(queued).toMatchObject({ job_id: failedJobId, subject: 'poison', body: 'This one fails.', team: TEAM });
      const types = (await open.events('poisoned-1')).map((e) => e.type);
      expect(types.slice(0, 3)).toEqual(['ticket_processed', 'ticket_retried', 'ticket_failed']);
      // A second submission of the id is a duplicate of the queued one: the claim is back.
      expect((await submit(open, { ticket_id: 'poisoned-1', subject: 'again', body: 'again' })).body).toMatchObject({ duplicate: true, job_id: failedJobId });
    } finally {
      poison.refusing = true;
    }
  });

  it('cleans a failed job', async () => {
    const res = await submit(open, { ticket_id: 'poisoned-2', subject: 'poison', body: 'This one fails too.' });
    const jobId = res.body.job_id as string;
    await waitFor(async () => (await open.jobState(jobId)) === 'failed', { what: 'the second job failed' });
    // ("Clean all" spares jobs younger than bull-board's 5 s grace: one job at a time here.)
    expect((await fetch(`${open.url}/admin/queues/api/queues/${BOARD_QUEUE}/${encodeURIComponent(jobId)}/clean`, { method: 'PUT' })).status).toBeLessThan(300);
    expect(await open.jobState(jobId)).toBeUndefined();
    // Its id was released when it failed: a new submission is a new ticket.
    expect((await submit(open, { ticket_id: 'poisoned-2', subject: 'fine now', body: 'ok' })).body.duplicate).toBe(false);
  });

  it('asks a browser for the admin key (HTTP Basic) and refuses every other role', async () => {
    const none = await fetch(`${keyed.url}/admin/queues/api/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="Intelligent Queue admin"/);
    expect((await none.json()).detail).toContain("the password of the browser's prompt");
    // An agent's key typed into the prompt: asked again (401 + challenge), not locked out with a 403.
    const agent = await fetch(`${keyed.url}/admin/queues/api/queues`, { headers: { authorization: basic(AGENT_KEY) } });
    expect(agent.status).toBe(401);
    expect(agent.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await agent.json()).detail).toContain('enter an admin key');
    expect((await fetch(`${keyed.url}/admin/queues/`, { headers: { authorization: basic(AGENT_KEY) } })).status).toBe(401);
    // A client that sends its Bearer key gets the plain answer.
    expect((await fetch(`${keyed.url}/admin/queues/`, { headers: { authorization: `Bearer ${AGENT_KEY}` } })).status).toBe(403);
    expect((await fetch(`${keyed.url}/admin/queues/api/queues`, { headers: { authorization: basic(ADMIN_KEY) } })).status).toBe(200);
    expect((await fetch(`${keyed.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status).toBe(200);
    // Basic is taken only here: the rest of the API still wants a Bearer key.
    expect((await fetch(`${keyed.url}/queue/size`, { headers: { authorization: basic(ADMIN_KEY) } })).status).toBe(401);
  });

  it('renders in Chromium, under the API security headers, with the failed job listed', async () => {
    // The first failed job was retried above: the page is shown one that failed now.
    const failedNow = (await submit(open, { ticket_id: 'poisoned-3', subject: 'poison', body: 'Fails for the page.' })).body.job_id as string;
    await waitFor(async () => (await open.jobState(failedNow)) === 'failed', { what: 'a job failed for the page' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (error) => scriptErrors.push(String(error)));
      await page.goto(`${open.url}/admin/queues/queue/${BOARD_QUEUE}?status=failed`);
      await page.getByText(failedNow).first().waitFor({ timeout: 20_000 });
      await page.getByText('webhooks').first().waitFor();
      expect(scriptErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
