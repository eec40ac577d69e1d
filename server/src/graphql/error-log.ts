import type { ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin, type YogaLogger } from 'graphql-yoga';
import type { Logger } from '@iq/core';
import type { RequestContext } from '../request-context.js';

/** How an error is logged: `undefined` for one that reaches the client as it is (an answer, not a failure). */
export type ErrorLevel = (error: unknown) => 'warn' | 'error' | undefined;

/**
 * yoga logs every error it masks, but its logger knows nothing of the request. This
 * plugin logs those errors during the operation, where the request is known, with the
 * request id (as `reqId`, the key of Fastify's request lines, so one search finds both);
 * yoga's own line for an error logged here is skipped. Errors raised before there is an
 * operation (no context yet) keep yoga's line.
 */
export function createGraphQLErrorLog(log: Logger, levelOf: ErrorLevel): { plugin: Plugin; logger: YogaLogger } {
  const logged = new WeakSet<object>();
  const logErrors = ({ result, args }: { result: ExecutionResult; args: { contextValue: unknown } }) => {
    const { requestContext } = args.contextValue as { requestContext?: RequestContext };
    for (const error of result.errors ?? []) {
      const level = levelOf(error);
      if (!level) continue;
      logged.add(error);
      log[level]({ reqId: requestContext?.id, transport: requestContext?.transport, path: error.path?.join('.'), err: error }, 'GraphQL operation failed');
    }
  };
  // Parse and validation errors are answers (never masked); resolvers' errors come out of
  // execution, and of each event of a subscription.
  const plugin: Plugin = {
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, logErrors) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, logErrors) }),
  };
  const line = (args: unknown[]) => args.map(String).join(' ');
  const logger: YogaLogger = {
    debug: (...args) => log.debug(line(args)),
    info: (...args) => log.info(line(args)),
    warn: (...args) => log.warn(line(args)),
    error: (...args) => {
      const err = args.find((a): a is Error => a instanceof Error);
      if (err && logged.has(err)) return;
      log.error({ err }, line(args));
    },
  };
  return { plugin, logger };
}
