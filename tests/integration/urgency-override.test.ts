import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, waitFor, type System } from '@iq/testkit';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let sys: System;
let tmp: string;
beforeAll(async () => {
  sys = await startSystem();
  tmp = mkdtempSync(path.join(tmpdir(), 'iq-overrides-'));
});
afterAll(async () => {
  await sys?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const override = (ticketId: string, body: unknown) => sys.api.post(`/tickets/${encodeURIComponent(ticketId)}/urgency`, body);

const SET_URGENCY = `mutation($id: ID!, $s: Float!, $reason: String) {
  setUrgency(ticketId: $id, urgencyScore: $s, reason: $reason) {
    ticketId urgencyScore isUrgent priorityScore urgencyOverride { previousScore reason overriddenAt }
  }
}`;

/** Submits tickets in this order (their arrival order) and answers the processed queue once all are in it. */
async function submitProcessed(tickets: { ticket_id: string; subject: string; body: string; team?: string }[]): Promise<any[]> {
  expect((await sys.api.post('/tickets/batch', tickets)).status).toBe(202);
  return waitFor(
    async () => {
      const queue = (await sys.api.get('/queue')).body as any[];
      return tickets.every((t) => queue.some((q) => q.ticket_id === t.ticket_id)) && queue;
    },
    { what: 'tickets processed' },
  );
}

/** The ticket ids of the processed queue, in pop order. */
const popOrder = async (): Promise<string[]> => ((await sys.api.get('/queue')).body as any[]).map((t) => t.ticket_id);

/** The ticket of the first REST correction, as corrected (popped later; its example stays). */
let target: any;

describe('POST /tickets/{ticket_id}/urgency', () => {
  const ids = ['uo-1', 'uo 2/é', 'uo-3'];

  it('moves the least urgent of three tickets to the top, keeping the previous S on the ticket', async () => {
    const queue = await submitProcessed([
      { ticket_id: ids[0]!, subject: 'Invoice question', body: 'Could you resend last month’s invoice?' },
      { ticket_id: ids[1]!, subject: 'Password reset', body: 'The reset link does not arrive, please help.' },
      { ticket_id: ids[2]!, subject: 'Thanks', body: 'Great support last week, thank you!' },
    ]);
    const ours = queue.filter((t) => ids.includes(t.ticket_id));
    target = ours.at(-1);
    for (const t of ours) expect(t.urgency_score).toBeLessThan(0.99);
    expect((await popOrder())[0]).not.toBe(target.ticket_id);

    const res = await override(target.ticket_id, { urgency_score: 0.99, reason: 'customer is a hospital' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...target,
      urgency_score: 0.99,
      is_urgent: true,
      priority_score: 10,
      // The lexicon scorer explains nothing; the correction explains itself.
      urgency_explanation: `set by an agent (customer is a hospital): ${target.urgency_score.toFixed(2)} → 0.99`,
      urgency_override: { previous_score: target.urgency_score, reason: 'customer is a hospital', overridden_at: expect.any(String) },
    });
    expect(Number.isNaN(Date.parse(res.body.urgency_override.overridden_at))).toBe(false);
    expect((await sys.api.get('/tickets/peek')).body).toEqual(res.body);
    expect((await popOrder())[0]).toBe(target.ticket_id);
    target = res.body;
  });

  it('records urgency_overridden with the old and new S', async () => {
    const [latest] = await sys.api.events(target.ticket_id);
    expect(latest).toMatchObject({
      type: 'urgency_overridden',
      data: { ticket_id: target.ticket_id, old_score: target.urgency_override.previous_score, new_score: 0.99, reason: 'customer is a hospital' },
    });
  });

  it('pops the corrected ticket first; a popped ticket is not in the queue any more (404)', async () => {
    const popped = await sys.api.get('/tickets/next');
    expect(popped).toEqual({ status: 200, body: target });
    expect(await override(target.ticket_id, { urgency_score: 0.5 })).toEqual({ status: 404, body: { detail: 'Ticket not in queue' } });
  });

  it('answers 404 for an unknown ticket', async () => {
    expect(await override('no-such-ticket', { urgency_score: 0.5 })).toEqual({ status: 404, body: { detail: 'Ticket not in queue' } });
  });

  it.each<[string, Record<string, unknown>, string, string, unknown]>([
    ['urgency_score 1.5', { urgency_score: 1.5 }, 'urgency_score', 'less_than_equal', 1.5],
    ['urgency_score -0.1', { urgency_score: -0.1 }, 'urgency_score', 'greater_than_equal', -0.1],
    ['urgency_score "high"', { urgency_score: 'high' }, 'urgency_score', 'float_parsing', 'high'],
    ['urgency_score null', { urgency_score: null }, 'urgency_score', 'float_type', null],
    ['no urgency_score', { reason: 'x' }, 'urgency_score', 'missing', { reason: 'x' }],
    ['a reason over 500 characters', { urgency_score: 0.5, reason: 'r'.repeat(501) }, 'reason', 'string_too_long', 'r'.repeat(501)],
  ])('answers 422 naming the field for %s, and changes nothing', async (_name, body, field, type, input) => {
    const remaining = (await sys.api.get('/queue')).body as any[];
    const ticket = remaining.find((t) => ids.includes(t.ticket_id));
    const res = await override(ticket.ticket_id, body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([{ type, loc: ['body', field], msg: expect.any(String), input }]);
    expect((await sys.api.get('/queue')).body).toEqual(remaining);
  });

  it('keeps the arrival order among equal S, also across team queues', async () => {
    // In two different teams: the arrival order that breaks the tie is deployment-wide.
    await submitProcessed([
      { ticket_id: 'uo-early/é', subject: 'Export', body: 'How do I export my data?', team: 'legal' },
      { ticket_id: 'uo-late', subject: 'Export too', body: 'Where is the export button?', team: 'billing' },
    ]);
    expect((await override('uo-late', { urgency_score: 0.4242 })).body).toMatchObject({ team: 'billing', urgency_score: 0.4242 });
    expect((await override('uo-early/é', { urgency_score: 0.4242 })).body).toMatchObject({ team: 'legal', urgency_score: 0.4242 });
    const order = (await popOrder()).filter((id) => id === 'uo-early/é' || id === 'uo-late');
    expect(order).toEqual(['uo-early/é', 'uo-late']);
  });
});

describe('Mutation.setUrgency', () => {
  it('corrects a queued ticket like REST, null for an unknown one, BAD_USER_INPUT for S outside [0, 1]', async () => {
    await submitProcessed([{ ticket_id: 'uo-gql', subject: 'Refund', body: 'I would like a refund for the duplicate charge.' }]);
    const before = ((await sys.api.get('/queue')).body as any[]).find((t) => t.ticket_id === 'uo-gql');

    // S = 0 and the latest arrival: last in the queue whatever else is in it.
    const res = await sys.api.gql(SET_URGENCY, { id: 'uo-gql', s: 0 });
    expect(res.errors).toBeUndefined();
    expect(res.data.setUrgency).toEqual({
      ticketId: 'uo-gql',
      urgencyScore: 0,
      isUrgent: false,
      priorityScore: 0,
      urgencyOverride: { previousScore: before.urgency_score, reason: null, overriddenAt: expect.any(String) },
    });
    const queue = (await sys.api.get('/queue')).body as any[];
    expect(queue.find((t) => t.ticket_id === 'uo-gql').urgency_override).toMatchObject({ previous_score: before.urgency_score, reason: null });
    expect(queue.at(-1).ticket_id).toBe('uo-gql');

    expect(await sys.api.gql(SET_URGENCY, { id: 'no-such-ticket', s: 0.5 })).toEqual({ data: { setUrgency: null } });

    const invalid = await sys.api.gql(SET_URGENCY, { id: 'uo-gql', s: 1.5 });
    expect(invalid.data.setUrgency).toBeNull();
    expect(invalid.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors![0].message).toContain('urgencyScore');
  });

  it('answers null for a popped ticket', async () => {
    await sys.api.del('/queue');
    expect(await sys.api.gql(SET_URGENCY, { id: 'uo-gql', s: 0.5, reason: 'x' })).toEqual({ data: { setUrgency: null } });
  });
});

describe('npm run export:overrides', () => {
  it('writes the corrections as labelled training lines, also those of popped tickets', async () => {
    const out = path.join(tmp, 'overrides.jsonl');
    const { stderr } = await promisify(execFile)('npm', ['run', 'export:overrides', '--', '--out', out], {
      cwd: repoRoot,
      env: { ...process.env, REDIS_URL: sys.redis.url, QUEUE_PREFIX: sys.api.services.config.QUEUE_PREFIX },
    });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(stderr).toContain(`Wrote ${lines.length} training examples to ${out}`);
    // The first ticket was popped, the others cleared: their examples stay.
    expect(lines.map((l) => l.id).sort()).toEqual(['uo-early/é', 'uo-gql', 'uo-late', target.ticket_id].sort());
    expect(lines.find((l) => l.id === target.ticket_id)).toEqual({
      id: target.ticket_id,
      subject: target.subject,
      body: target.body,
      urgent: true,
      category: target.category,
      note: 'customer is a hospital',
    });
    expect(lines.find((l) => l.id === 'uo-gql')).toMatchObject({ urgent: false, note: 'agent override' });
  });
});
