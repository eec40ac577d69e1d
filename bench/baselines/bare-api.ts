/**
 * The project's API reduced to its own parts: node:http + BullMQ `queue.add` (same queue,
 * prefix and job options as the project, passed in by the benchmark) + the project's own
 * pop-next Lua through ioredis. No validation, no framework, no GraphQL engine: the floor
 * the project is measured against. Deliberately imports nothing from @iq/core.
 *
 *   POST /tickets         → queue.add            202 {ticket_id, job_id, duplicate}
 *   POST /tickets/batch   → queue.addBulk        202 [...]
 *   POST /graphql         → the same, for submitTicket / submitBatch bodies
 *   GET  /tickets/next    → pop-next Lua         200 ticket | 404
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const jobName = env('BENCH_JOB_NAME');
const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const queue = new Queue(env('BENCH_QUEUE'), { connection, prefix: env('BENCH_BULL_PREFIX'), defaultJobOptions: JSON.parse(env('BENCH_JOB_OPTIONS')) as JobsOptions });
const popKeys = JSON.parse(env('BENCH_POP_KEYS')) as string[];
const [channel, maxlen] = JSON.parse(env('BENCH_POP_ARGS')) as [string, number];
const popTail = JSON.parse(env('BENCH_POP_TAIL')) as string[];
connection.defineCommand('popNext', { numberOfKeys: popKeys.length, lua: readFileSync(env('BENCH_POP_LUA'), 'utf8') });
const popNext = () => (connection as unknown as { popNext(...a: (string | number)[]): Promise<string | null> }).popNext(...popKeys, channel, maxlen, new Date().toISOString(), ...popTail);

interface Input {
  ticket_id?: string;
  ticketId?: string;
}
const submitOne = async (input: Input) => {
  const ticketId = input.ticket_id ?? input.ticketId ?? randomUUID();
  const job = await queue.add(jobName, { ticket_id: ticketId }, { jobId: `b-${ticketId}` });
  return { ticket_id: ticketId, job_id: job.id, duplicate: false };
};
const submitMany = async (inputs: Input[]) => {
  const ids = inputs.map((i) => i.ticket_id ?? i.ticketId ?? randomUUID());
  const jobs = await queue.addBulk(ids.map((id) => ({ name: jobName, data: { ticket_id: id }, opts: { jobId: `b-${id}` } })));
  return jobs.map((job, i) => ({ ticket_id: ids[i], job_id: job.id, duplicate: false }));
};

const read = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const send = (res: http.ServerResponse, status: number, body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const server = http.createServer((req, res) => {
  void (async () => {
    try {
      if (req.method === 'POST' && req.url === '/tickets') return send(res, 202, await submitOne(JSON.parse(await read(req)) as Input));
      if (req.method === 'POST' && req.url === '/tickets/batch') return send(res, 202, await submitMany(JSON.parse(await read(req)) as Input[]));
      if (req.method === 'POST' && req.url === '/graphql') {
        const { query, variables } = JSON.parse(await read(req)) as { query: string; variables: { input: Input | Input[] } };
        if (query.includes('submitBatch')) return send(res, 200, { data: { submitBatch: await submitMany(variables.input as Input[]) } });
        return send(res, 200, { data: { submitTicket: await submitOne(variables.input as Input) } });
      }
      if (req.method === 'GET' && req.url === '/tickets/next') {
        const json = await popNext();
        return json == null ? send(res, 404, { detail: 'Queue is empty' }) : send(res, 200, json);
      }
      send(res, 404, { detail: 'Not found' });
    } catch (error) {
      send(res, 500, { detail: String(error) });
    }
  })();
});
// The project's HTTP settings that matter under load: keep-alive like Fastify's default.
server.keepAliveTimeout = 5_000;

await queue.waitUntilReady();
server.listen(Number(env('PORT')), '127.0.0.1', () => console.log('bare api ready'));
const shutdown = () => {
  server.close();
  void queue.close().then(() => {
    connection.disconnect();
    process.exit(0);
  });
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
