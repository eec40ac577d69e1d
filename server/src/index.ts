import { createLogger, createScorerOrExit, exitGracefullyOnSignals } from '@iq/core';
import { buildApp } from './app.js';
import { loadServerConfig } from './config.js';
import { createServices } from './services.js';

const config = loadServerConfig();
const log = createLogger({ name: 'api', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
// Its own scorer instance serves /urgency-score and Query.urgencyScore.
const services = await createServices(config, log, await createScorerOrExit(config, log));
const app = await buildApp(services);
await app.listen({ port: config.PORT, host: config.HOST });
log.info(`REST docs at http://localhost:${config.PORT}/docs · GraphiQL at http://localhost:${config.PORT}/graphql`);
exitGracefullyOnSignals(log, 'shutting down', async () => {
  await app.close();
  await services.close();
});
