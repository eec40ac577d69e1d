import { createLexiconScorer, createLogger } from '@iq/core';
import { buildApp } from './app.js';
import { loadServerConfig } from './config.js';
import { createServices } from './services.js';

const config = loadServerConfig();
const log = createLogger({ name: 'api', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const services = await createServices(config, log, createLexiconScorer());
const app = await buildApp(services);
await app.listen({ port: config.PORT, host: config.HOST });
log.info(`REST docs at http://localhost:${config.PORT}/docs · GraphiQL at http://localhost:${config.PORT}/graphql`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  try {
    await app.close();
    await services.close();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
