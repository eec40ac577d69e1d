import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

const luaDir = fileURLToPath(new URL('../lua/', import.meta.url));

type EventArgs = [channel: string, maxlen: number, ts: string];
/** A conditional pop's refusal (includes/expect-head.lua): the team's head now, or `['']` when it is empty. */
export type HeadRefusal = [''] | ['', headId: string, score: string];
type Keys<N extends number, Acc extends string[] = []> = Acc['length'] extends N ? Acc : Keys<N, [...Acc, string]>;

/**
 * Every script's call, typed: its keys (as many as the file name says), its arguments in
 * order and what it answers. Scripts that record an activity event take the event
 * arguments first (see lua/includes/emit-activity.lua). The file's header comment is the
 * documentation; this is what the type checker holds callers to.
 */
export interface ScriptSignatures {
  claimTickets: { keys: Keys<8>; args: [...EventArgs, nowMs: number, ...ticketIdJsonAndSeq: string[]]; result: (string | number)[] };
  reserveOwners: { keys: Keys<2>; args: string[]; result: string[] };
  replaceOwner: { keys: Keys<1>; args: [ticketId: string, expectedStart: string, replacement: string, minAgeMs: number]; result: number };
  releaseClaim: {
    keys: Keys<8>;
    args: [...EventArgs, ticketId: string, jobId: string, type: string, data: string, keep: 0 | 1, nowMs: number, keepMs: number, keepCount: number];
    result: number;
  };
  storeTicket: {
    keys: Keys<6>;
    args: [...EventArgs, ticketId: string, jobId: string, queueScore: number, ticketJson: string, data: string];
    result: number;
  };
  popNext: { keys: Keys<4>; args: [...EventArgs, expectedHead: string, floor: string]; result: string | HeadRefusal | null };
  peekNext: { keys: Keys<2>; args: []; result: string | null };
  listQueue: {
    keys: Keys<2>;
    args: [offset: number, limit: number, category: string, needle: string, sort: string, seqSpace: number];
    result: [size: number, matching: number, ...ticketJson: string[]];
  };
  countByScore: { keys: Keys<1>; args: string[]; result: number[] };
  readQueued: { keys: Keys<2>; args: [ticketId: string]; result: [ticketJson: string, rank: number] | null };
  takeTicket: { keys: Keys<4>; args: [...EventArgs, ticketId: string, type: 'ticket_popped' | 'ticket_removed']; result: string | null };
  clearQueue: { keys: Keys<4>; args: EventArgs; result: number };
  emitActivity: { keys: Keys<1>; args: [...EventArgs, type: string, data: string]; result: string };
  reconcileClaim: {
    keys: Keys<10>;
    args: [...EventArgs, nowMs: number, graceMs: number, jobId: string, recheckMs: number, keepMs: number, keepCount: number];
    result: string | null;
  };
  retryFailedJob: { keys: Keys<9>; args: [...EventArgs, ticketId: string, jobId: string, nowMs: number, data: string, requireFailed: 0 | 1]; result: number };
  overrideUrgency: {
    keys: Keys<4>;
    args: [...EventArgs, ticketId: string, readJson: string, correctedJson: string, queueScore: number, exampleJson: string, data: string];
    result: number;
  };
  // Leased claims (claim, ack, release, extend, reap) below.
  claimNext: { keys: Keys<6>; args: [...EventArgs, claimId: string, agent: string, deadlineMs: number, deadlineIso: string, expectedHead: string, floor: string]; result: [ticketJson: string, leaseJson: string] | HeadRefusal | null };
  ackLease: { keys: Keys<7>; args: [...EventArgs, ticketId: string, claimId: string, nowMs: number, endedRetentionMs: number, endedMax: number]; result: string[] };
  releaseLease: { keys: Keys<6>; args: [...EventArgs, ticketId: string, claimId: string, nowMs: number, endedRetentionMs: number, endedMax: number]; result: string[] };
  extendLease: {
    keys: Keys<6>;
    args: [...EventArgs, ticketId: string, claimId: string, nowMs: number, endedRetentionMs: number, endedMax: number, deadlineMs: number, deadlineIso: string];
    result: string[];
  };
  reapLeases: { keys: Keys<6>; args: [...EventArgs, nowMs: number, endedRetentionMs: number, endedMax: number, limit: number]; result: string[] };
  listLeases: { keys: Keys<3>; args: [offset: number, limit: number]; result: [size: number, ...ticketAndLeaseJson: string[]] };

  // Webhook deliveries and escalation below.
  queueDelivery: { keys: Keys<3>; args: [deliveryId: string, entryJson: string, logSize: number]; result: number };
  beginDelivery: {
    keys: Keys<3>;
    args: [deliveryId: string, attempt: number, entryJson: string, logSize: number, patchJson: string, stateTtlMs: number];
    result: string;
  };
  finishDelivery: {
    keys: Keys<3>;
    args: [...EventArgs, deliveryId: string, patchJson: string, state: string, stateTtlMs: number, eventType: string, data: string];
    result: number;
  };
  takeEscalations: { keys: Keys<3>; args: [nowMs: number, limit: number, minUrgency: number, leaseUntilMs: number]; result: string[] };
  recordEscalation: { keys: Keys<2>; args: [...EventArgs, ticketId: string, leaseUntilMs: number, data: string]; result: number };
}

/** Script names, from the files `lua/<name>-<numberOfKeys>.lua`. */
export type ScriptName = keyof ScriptSignatures;

interface ScriptSource {
  name: ScriptName;
  numberOfKeys: number;
  lua: string;
}

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Replaces `-- @include <name>` lines with `lua/includes/<name>.lua`. */
function expandIncludes(lua: string): string {
  return lua.replace(/^-- @include ([a-z-]+)$/gm, (_, name: string) =>
    readFileSync(`${luaDir}includes/${name}.lua`, 'utf8'),
  );
}

let cached: ScriptSource[] | undefined;

/** Reads every script once per process; the `.lua` files are the source of truth. */
export function loadScripts(): ScriptSource[] {
  cached ??= readdirSync(luaDir)
    .filter((file) => file.endsWith('.lua'))
    .map((file) => {
      const match = /^(.+)-(\d+)\.lua$/.exec(file);
      if (!match) throw new Error(`Lua script ${file} must be named <name>-<numberOfKeys>.lua`);
      return {
        name: camel(match[1]!) as ScriptName,
        numberOfKeys: Number(match[2]),
        lua: expandIncludes(readFileSync(luaDir + file, 'utf8')),
      };
    });
  return cached;
}

export type ScriptArg = string | number;
export type RunScript = <N extends ScriptName>(
  name: N,
  keys: ScriptSignatures[N]['keys'],
  args: ScriptSignatures[N]['args'],
) => Promise<ScriptSignatures[N]['result']>;

const registered = new WeakSet<Redis>();

/**
 * Registers the scripts on a connection (EVALSHA with EVAL fallback, via ioredis'
 * defineCommand) and returns a typed runner.
 */
export function scriptRunner(redis: Redis): RunScript {
  if (!registered.has(redis)) {
    for (const script of loadScripts()) {
      redis.defineCommand(script.name, { numberOfKeys: script.numberOfKeys, lua: script.lua });
    }
    registered.add(redis);
  }
  const commands = redis as unknown as Record<ScriptName, (...a: ScriptArg[]) => Promise<never>>;
  // Lua's false (reconcileClaim's "nothing to enqueue") arrives as null, like nil.
  return (name, keys, args) => commands[name](...keys, ...args);
}
