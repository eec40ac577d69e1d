// Loaded with `node --import` into processes that must never reach the network: any
// fetch() prints a marker the test looks for, then fails.
const marker = 'NETWORK TRIPWIRE';
globalThis.fetch = async (input) => {
  const url = typeof input === 'string' ? input : input?.url ?? String(input);
  process.stderr.write(`${marker}: fetch(${url})\n`);
  throw new Error(`${marker}: fetch(${url})`);
};
