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

  it('reads the queue gauges once per scrape, and leaves them out when the read fails', async () => {
    const m = createMetrics({ process: 'worker', defaultMetrics: false });
    let reads = 0;
    let fail = false;
    const errors: unknown[] = [];
    m.addQueueGauges(async () => {
      reads++;
      if (fail) throw new Error('redis away');
      return snapshot;
    }, (e) => errors.push(e));
    const { body, contentType } = await m.scrape();
    expect(contentType).toContain('text/plain');
    expect(reads).toBe(1);
    expect(body).toContain('iq_queue_size{process="worker"} 4');
    expect(body).toContain('iq_queue_oldest_age_seconds{process="worker"} 12.5');
    expect(body).toContain('iq_jobs{state="active",process="worker"} 2');

    fail = true;
    const failed = await m.scrape();
    expect(errors).toHaveLength(1);
    expect(reads).toBe(2);
    expect(failed.body).not.toMatch(/^iq_queue_size\{/m);
    expect(failed.body).not.toMatch(/^iq_jobs\{/m);
    // The rest of the scrape is served.
    expect(failed.body).toContain('iq_tickets_processed_total');
    // An API's metrics are not a worker's.
    expect(failed.body).not.toContain('iq_tickets_accepted_total');
  });

  it("includes Node's default metrics unless told not to", async () => {
    expect((await createMetrics({ process: 'api' }).scrape()).body).toContain('process_cpu_user_seconds_total');
  });
});
