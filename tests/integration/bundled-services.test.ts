import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  repoRoot,
  spawnApi,
  spawnWorker,
  startRedisServer,
  waitFor,
  type ApiProcess,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// `npm start` runs the API and the worker as bundles (scripts/bundle.ts), not through tsx.
// The rest of the suite runs the sources; this runs what users run, end to end: the
// bundles find their Lua scripts, the VADER lexicon and the dashboard beside the sources,
// and the transformer scorer stays a chunk of its own that the lexicon never loads.

let redis: RedisServer;
let api: ApiProcess;
let worker: WorkerProcess;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts'], { cwd: repoRoot });
  redis = await startRedisServer();
  api = await spawnApi(redis.url, await freePort(), {}, 'server/dist/index.mjs');
  worker = await spawnWorker(redis.url, {}, 'worker/dist/index.mjs');
}, 60_000);

afterAll(async () => {
  await worker?.kill();
  await api?.kill();
  await redis?.stop();
});

describe('the bundled API and worker', () => {
  it('accept, process and hand out a ticket', async () => {
    const submitted = await fetch(`${api.url}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket_id: 'bundle-1', subject: 'Cannot log in', body: 'The login page shows error 500 every time. Urgent!' }),
    });
    expect(submitted.status).toBe(202);

    const next = await waitFor(async () => {
      const response = await fetch(`${api.url}/tickets/next`);
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
    });
    expect(next.ticket_id).toBe('bundle-1');
    expect(next.category).toBe('Technical');
    expect(next.urgency_score).toBeGreaterThan(0);
  });

  it('serve the dashboard and the GraphQL API', async () => {
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const gql = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ queueSize }' }),
    });
    expect(await gql.json()).toEqual({ data: { queueSize: 0 } });
  });

  it('keep the transformer scorer in a chunk of its own', () => {
    // esbuild hoists a bundle's external imports to its top: had the transformer scorer been
    // inlined, index.mjs would import @huggingface/transformers (and onnxruntime) in every
    // process, whatever URGENCY_SCORER says.
    const importsTransformers = (file: string) => /^import[^;]*from "@huggingface\/transformers"/m.test(readFileSync(file, 'utf8'));
    for (const service of ['server', 'worker']) {
      const dir = `${repoRoot}/${service}/dist`;
      const files = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
      expect(importsTransformers(`${dir}/index.mjs`)).toBe(false);
      expect(files.filter((f) => importsTransformers(`${dir}/${f}`))).toEqual([expect.stringMatching(/^transformer-scorer-.*\.mjs$/)]);
    }
  });
});
