import { describe, expect, it } from 'vitest';
import { createMetrics, type QueueSnapshot } from './metrics.js';

const snapshot: QueueSnapshot = { size: 4, oldestAgeSeconds: 12.5, jobs: { waiting: 1, delayed: 0, active: 2, completed: 3, failed: 1 } };

describe('createMetrics', () => {
  it('keeps each registry apart, so several processes can live in one (tests)', async () => {
    const a = createMetrics({ process: 'api', defaultMetrics: false });
    const b = createMetrics({ process: 'api', defaultMetrics: false });
    a.ticketsAccepted.inc(3);
    expect((await a.scrape()).body).toContain('iq_tickets_accepted_total{process="api"} 3');
    expect((await b.scrape()).body).toContain('iq_tickets_accepted_total{process="api"} 0');
  });

  it('reads the queue gauges once per scrape, one series per team, and leaves them out when the read fails', async () => {
    const m = createMetrics({ process: 'worker', defaultMetrics: false });
    let reads = 0;
    let fail = false;
    const errors: unknown[] = [];
    m.addQueueGauges(async () => {
      reads++;
      if (fail) throw new Error('redis away');
      return [
        { team: 'billing', snapshot },
        { team: 'legal', snapshot: { ...snapshot, size: 0, oldestAgeSeconds: 0 } },
      ];
    }, (e) => errors.push(e));
    const { body, contentType } = await m.scrape();
    expect(contentType).toContain('text/plain');
    expect(reads).toBe(1);
    expect(body).toContain('iq_queue_size{team="billing",process="worker"} 4');
    expect(body).toContain('iq_queue_size{team="legal",process="worker"} 0');
    expect(body).toContain('iq_queue_oldest_age_seconds{team="billing",process="worker"} 12.5');
    expect(body).toContain('iq_jobs{team="billing",state="active",process="worker"} 2');
    expect(body).toContain('iq_jobs{team="legal",state="active",process="worker"} 2');
    // No series without a team.
    expect(body).not.toMatch(/^iq_queue_size\{process=/m);

    fail = true;
    const failed = await m.scrape();
    expect(errors).toHaveLength(1);
    expect(reads).toBe(2);
    expect(failed.body).not.toMatch(/^iq_queue_size\{/m);
    expect(failed.body).not.toMatch(/^iq_queue_oldest_age_seconds\{/m);
    expect(failed.body).not.toMatch(/^iq_jobs\{/m);
    // The rest of the scrape is served.
    expect(failed.body).toContain('iq_tickets_processed_total');
    // An API's metrics are not a worker's.
    expect(failed.body).not.toContain('iq_tickets_accepted_total');
  });

  it('shows only the teams read: a team whose read failed is left out, the others stay', async () => {
    const m = createMetrics({ process: 'api', defaultMetrics: false });
    let teams = ['billing', 'legal'];
    m.addQueueGauges(async () => teams.map((team) => ({ team, snapshot })));
    expect((await m.scrape()).body).toContain('iq_queue_size{team="legal",process="api"} 4');
    teams = ['billing'];
    const body = (await m.scrape()).body;
    expect(body).toContain('iq_queue_size{team="billing",process="api"} 4');
    expect(body).not.toContain('team="legal"');
  });

  it('labels popped, processed and failed tickets by team, and shows the teams given at 0 from the start', async () => {
    const api = createMetrics({ process: 'api', defaultMetrics: false, teams: ['billing', 'legal'] });
    api.ticketsPopped.inc({ team: 'legal' });
    const apiBody = (await api.scrape()).body;
    expect(apiBody).toContain('iq_tickets_popped_total{team="billing",process="api"} 0');
    expect(apiBody).toContain('iq_tickets_popped_total{team="legal",process="api"} 1');

    const worker = createMetrics({ process: 'worker', defaultMetrics: false, teams: ['billing'] });
    worker.ticketsProcessed.inc({ category: 'Billing', team: 'billing' });
    const workerBody = (await worker.scrape()).body;
    expect(workerBody).toContain('iq_tickets_failed_total{team="billing",process="worker"} 0');
    expect(workerBody).toContain('iq_tickets_processed_total{category="Billing",team="billing",process="worker"} 1');
  });

  it("includes Node's default metrics unless told not to", async () => {
    expect((await createMetrics({ process: 'api' }).scrape()).body).toContain('process_cpu_user_seconds_total');
  });
});
