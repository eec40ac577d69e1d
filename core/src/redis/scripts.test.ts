import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScripts, type ScriptName } from './scripts.js';

const luaDir = fileURLToPath(new URL('../lua/', import.meta.url));
const luaFiles = readdirSync(luaDir).filter((f) => f.endsWith('.lua'));

/** Every member of the ScriptName union (the compiler checks this list is complete). */
const SCRIPT_NAMES = Object.keys({
  claimTickets: true,
  reserveOwners: true,
  replaceOwner: true,
  releaseClaim: true,
  storeTicket: true,
  popNext: true,
  peekNext: true,
  listQueue: true,
  countByScore: true,
  readQueued: true,
  takeTicket: true,
  clearQueue: true,
  emitActivity: true,
  reconcileClaim: true,
  retryFailedJob: true,
  overrideUrgency: true,
  // Leased claims.
  claimNext: true,
  ackLease: true,
  releaseLease: true,
  extendLease: true,
  reapLeases: true,
  listLeases: true,
  // Webhook deliveries and escalation.
  queueDelivery: true,
  beginDelivery: true,
  finishDelivery: true,
  takeEscalations: true,
  recordEscalation: true,
} satisfies Record<ScriptName, true>);

/** Lua source without comments (block `--[[ ]]` and line `--`). */
const stripComments = (lua: string) => lua.replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/--[^\n]*/g, '');

const keyIndices = (lua: string) => [...lua.matchAll(/KEYS\[(\d+)\]/g)].map((m) => Number(m[1]));

describe('loadScripts', () => {
  const scripts = loadScripts();

  it('loads one script per .lua file, every file name parsing as <name>-<numberOfKeys>.lua', () => {
    expect(luaFiles.length).toBeGreaterThan(0);
    expect(scripts).toHaveLength(luaFiles.length);
    for (const file of luaFiles) expect(file).toMatch(/^[a-z]+(?:-[a-z]+)*-\d+\.lua$/);
  });

  it('loads exactly the script names of the ScriptName type, each once', () => {
    expect(scripts.map((s) => s.name).sort()).toEqual([...SCRIPT_NAMES].sort());
  });

  it('parses numberOfKeys as a positive integer', () => {
    for (const s of scripts) {
      expect(Number.isInteger(s.numberOfKeys)).toBe(true);
      expect(s.numberOfKeys).toBeGreaterThan(0);
    }
  });

  it('returns the same (cached) scripts on a second call', () => {
    expect(loadScripts()).toBe(scripts);
  });

  describe.each(luaFiles)('%s', (file) => {
    const match = /^(.+)-(\d+)\.lua$/.exec(file)!;
    const name = match[1]!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const script = scripts.find((s) => s.name === name)!;
    const raw = readFileSync(luaDir + file, 'utf8');

    it('is loaded under its camel-cased name with the key count from its file name', () => {
      expect(script).toBeDefined();
      expect(script.numberOfKeys).toBe(Number(match[2]));
    });

    it('has every include expanded', () => {
      expect(script.lua).not.toMatch(/@include/);
      for (const [, include] of raw.matchAll(/^-- @include ([a-z-]+)$/gm)) {
        const body = readFileSync(`${luaDir}includes/${include}.lua`, 'utf8');
        expect(script.lua).toContain(body.trim());
      }
    });

    it('defines every helper it calls before calling it', () => {
      const code = stripComments(script.lua);
      if (!/\bemitActivity\(/.test(code)) return;
      const definedAt = code.indexOf('local function emitActivity(');
      expect(definedAt).toBeGreaterThanOrEqual(0);
      const firstCall = code.search(/(?<!function )emitActivity\(/);
      expect(firstCall).toBeGreaterThan(definedAt);
    });

    it('numberOfKeys equals the highest KEYS[n] index, in the code and in the whole source', () => {
      const inCode = keyIndices(stripComments(script.lua));
      expect(inCode.length).toBeGreaterThan(0);
      expect(Math.max(...inCode)).toBe(script.numberOfKeys);
      expect(Math.max(...keyIndices(script.lua))).toBe(script.numberOfKeys);
    });

    it('uses every key from KEYS[1] to KEYS[numberOfKeys] in its code', () => {
      const used = new Set(keyIndices(stripComments(script.lua)));
      for (let i = 1; i <= script.numberOfKeys; i++) expect(used.has(i)).toBe(true);
    });

    it('never builds key names inside the script (all keys come through KEYS)', () => {
      // A key built from ARGV would bypass the cluster slot check of EVAL. A pub/sub
      // channel is not a key (PUBLISH is not slot-checked), so it may come from ARGV.
      expect(stripComments(script.lua)).not.toMatch(/redis\.call\(\s*'(?!PUBLISH')[A-Z]+'\s*,\s*ARGV/);
    });

    it('takes the event arguments first, in the one order emitActivity reads them, if it records events', () => {
      if (!/\bemitActivity\(/.test(stripComments(raw))) return;
      expect(raw).toMatch(/ARGV\[1\] pub\/sub channel\s+ARGV\[2\] stream cap[^\n]*\s+ARGV\[3\] ts \(ISO-8601\)/);
    });
  });
});
