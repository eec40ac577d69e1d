import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';

/** One request the receiver got. */
export interface ReceivedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** How to answer a request: an HTTP status, a status after a delay, or 'hang' to never answer. */
export type Answer = number | 'hang' | { status: number; afterMs: number };

export interface HttpReceiver {
  /** Base URL, e.g. http://127.0.0.1:54321 (append any path). */
  url: string;
  /** Every request received so far, in arrival order (recorded before answering). */
  requests: ReceivedRequest[];
  /** Decides the answer to each request; may be replaced at any time. */
  respond: (request: ReceivedRequest) => Answer;
  /** Requests not answered yet (hanging, or waiting for their delay). */
  hanging(): number;
  /** Closes every connection (hung ones included) and the server. */
  close(): Promise<void>;
}

/**
 * Answers by path unless `respond` is replaced: `/hang...` never answers,
 * `/status/<code>...` answers `<code>`, anything else 200.
 */
export const answerByPath = (request: ReceivedRequest): Answer => {
  if (request.url.startsWith('/hang')) return 'hang';
  const status = /^\/status\/(\d{3})/.exec(request.url);
  return status ? Number(status[1]) : 200;
};

/**
 * Scripted answers: the n-th request (counted apart for each `key`, e.g. a delivery id
 * header) gets `answers[n]`, and the last answer every time after that. So `[500, 200]`
 * fails each delivery's first try and lets its second through.
 */
export function answerInTurn(answers: readonly Answer[], key: (request: ReceivedRequest) => string = () => ''): (request: ReceivedRequest) => Answer {
  if (answers.length === 0) throw new Error('answerInTurn needs at least one answer');
  const seen = new Map<string, number>();
  return (request) => {
    const k = key(request);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return answers[Math.min(n, answers.length - 1)]!;
  };
}

/** A local HTTP server (127.0.0.1, free port) that records requests, e.g. a webhook target. */
export async function startHttpReceiver(respond: (request: ReceivedRequest) => Answer = answerByPath): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const held = new Set<ServerResponse>();
  const receiver: HttpReceiver = {
    url: '',
    requests,
    respond,
    hanging: () => held.size,
    close: async () => {
      for (const response of held) response.destroy();
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const request: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body, json };
      requests.push(request);
      const answer = receiver.respond(request);
      if (answer === 'hang') {
        held.add(res);
        res.once('close', () => held.delete(res));
        return;
      }
      const { status, afterMs } = typeof answer === 'number' ? { status: answer, afterMs: 0 } : answer;
      held.add(res);
      res.once('close', () => held.delete(res));
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: status < 400 }));
      }, afterMs);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('receiver did not bind a port');
  receiver.url = `http://127.0.0.1:${address.port}`;
  return receiver;
}
