import { startTcpProxy } from './tcp-proxy.js';

export interface LatencyProxy {
  /** Where clients connect instead of the target, e.g. redis://127.0.0.1:<port>. */
  port: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy to 127.0.0.1:`targetPort` that holds every chunk a client sends for
 * `delayMs` before passing it on (in order); answers come back at once. It stands for a
 * slow network or a loaded host between one service and Redis.
 */
export function startLatencyProxy(targetPort: number, delayMs: number): Promise<LatencyProxy> {
  return startTcpProxy(targetPort, (chunk, { upstream }) => void setTimeout(() => upstream.write(chunk), delayMs));
}
