/**
 * The load generator: autocannon in a process of its own (so it never shares an event loop
 * with what it measures). Reads its options as JSON from stdin, prints one JSON line.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './loadgen.js';

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const opts = JSON.parse(input) as LoadOptions;
const started = performance.now();
let lastResponse = started;
const instance = autocannon({
  // autocannon takes several URLs too (its typings say one).
  url: opts.url as string,
  connections: opts.connections,
  ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationS }),
  method: opts.method,
  headers: opts.body === undefined ? {} : { 'content-type': 'application/json' },
  ...(opts.body === undefined ? {} : { body: opts.body }),
  timeout: 30,
}) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>; // without a callback: both
// autocannon ends a run on its one-second tick: time the run to its last answer instead.
instance.on('response', () => (lastResponse = performance.now()));
const result = await instance;
const elapsedS = (lastResponse - started) / 1000;
const ok = result['2xx'];
const out: LoadResult = {
  requests: result.requests.total,
  ok,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  elapsedS,
  rate: ok / elapsedS,
  p50: result.latency.p50,
  p99: result.latency.p99,
};
console.log(JSON.stringify(out));
