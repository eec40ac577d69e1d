import { fileURLToPath } from 'node:url';

/** The tiny DistilBERT-layout fixture model the project builds (scripts/models/build-fixture-model.ts). */
export const FIXTURE_MODEL = fileURLToPath(new URL('../models/fixtures/tiny-sst2', import.meta.url));

/** `NODE_OPTIONS` that load the network trip-wire into a child process. */
export const NETWORK_TRIPWIRE = `--import=${fileURLToPath(new URL('./network-tripwire.mjs', import.meta.url))}`;
export const TRIPWIRE_MARKER = 'NETWORK TRIPWIRE';
