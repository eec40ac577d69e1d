import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

const luaDir = fileURLToPath(new URL('../lua/', import.meta.url));

/** Script names, from the files `lua/<name>-<numberOfKeys>.lua`. */
export type ScriptName =
  | 'claimTickets'
  | 'releaseClaim'
  | 'storeTicket'
  | 'popNext'
  | 'peekNext'
  | 'listPage'
  | 'clearQueue'
  | 'emitActivity'
  | 'reconcileClaim'
  | 'overrideUrgency';

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
export type RunScript = (name: ScriptName, keys: string[], args: ScriptArg[]) => Promise<unknown>;

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
  const commands = redis as unknown as Record<ScriptName, (...a: ScriptArg[]) => Promise<unknown>>;
  return (name, keys, args) => commands[name](...keys, ...args);
}
