import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createScorerFromEnv } from '@iq/core';
import { spawnWorker, startApi, startRedisServer, waitFor, type Api, type RedisServer, type ServiceProcess } from '@iq/testkit';

// The default scorer end to end: a worker process with URGENCY_SCORER=auto (the urgency
// model, tone from VADER), the API scoring with the same model.

const log = createLogger({ name: 'test', level: 'warn', format: 'json' });

describe('the urgency model as the default scorer', () => {
  let redis: RedisServer;
  let api: Api;
  let worker: ServiceProcess;

  beforeAll(async () => {
    redis = await startRedisServer();
    api = await startApi(redis.url, {}, await createScorerFromEnv({ URGENCY_SCORER: 'auto' }, log));
    worker = await spawnWorker(redis.url, { URGENCY_SCORER: 'auto' });
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await redis?.stop();
  });

  it('puts a calm outage before an angry complaint about a font, and explains both', async () => {
    const accepted = await api.post('/tickets/batch', [
      { ticket_id: 'um-font', subject: 'YOUR NEW FONT IS AWFUL', body: 'I HATE the new invoice font. It is UGLY. Change it!!!' },
      { ticket_id: 'um-outage', subject: 'Checkout unavailable', body: 'Hi team, since 9am none of our customers can pay at checkout. Thanks for looking.' },
    ]);
    expect(accepted.status).toBe(202);
    await waitFor(async () => (await api.get('/queue/size')).body.size === 2);
    const queue = (await api.get('/queue')).body as any[];
    expect(queue.map((t) => t.ticket_id)).toEqual(['um-outage', 'um-font']);
    for (const ticket of queue) {
      expect(ticket.model).toBe('urgency-v1 (tone: vader-lexicon)');
      expect(ticket.urgency_explanation).toMatch(/tone \d\.\d\d [+−]\d\.\d/);
      expect(ticket.urgency_override).toBeNull();
    }
    const gql = await api.gql('{ queue { ticketId urgencyExplanation model } }');
    expect(gql.data.queue[0]).toMatchObject({ ticketId: 'um-outage', urgencyExplanation: queue[0].urgency_explanation });
  });

  it('explains /urgency-score and Query.urgencyScore, reading the first line as the subject', async () => {
    const rest = await api.post('/urgency-score', { text: 'Outage\nThe whole company is locked out, please help today' });
    expect(rest.status).toBe(200);
    expect(rest.body.is_urgent).toBe(true);
    expect(rest.body.urgency_explanation).toContain('subject “outage”');
    const gql = await api.gql('{ urgencyScore(text: "Question\\nHow do I change my logo? No rush.") { urgencyScore isUrgent explanation } }');
    expect(gql.data.urgencyScore.isUrgent).toBe(false);
    expect(gql.data.urgencyScore.explanation).toMatch(/no rush −/);
  });

  it('says which scorer and which tone produced S in /health/details and Query.health', async () => {
    const details = (await api.get('/health/details')).body;
    expect(details.scorer).toMatchObject({ kind: 'model', model: 'urgency-v1 (tone: vader-lexicon)' });
    expect(details.scorer.reason).toContain('tone weights fitted on vader-lexicon');
    await waitFor(async () => (await api.get('/health/details')).body.workers.models.includes('urgency-v1 (tone: vader-lexicon)'));
  });
});
