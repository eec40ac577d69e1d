import { ConfigError, createLogger, createScorerOrExit, exitGracefullyOnSignals, startOrExit } from '@iq/core';
import { resolveAccess, type AccessSetup } from './access/access-setup.js';
import { loadServerConfig } from './config.js';
import { startServer } from './start-server.js';

const config = loadServerConfig();
const log = createLogger({ name: 'api', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
let access: AccessSetup;
try {
  access = resolveAccess(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const { policy } = access;
if (policy.mode === 'keys') log.info(`API keys required (${access.ring.size} keys)`);
else log[policy.notice.level](policy.notice.message);
if (!access.required && config.CORS_ORIGINS.includes('*')) {
  log.warn('CORS_ORIGINS=* without API keys: any web page an agent opens may act on the queue');
}
// Its own scorer instance serves /urgency-score and Query.urgencyScore.
const server = await startOrExit(startServer({ config, log, scorer: await createScorerOrExit(config, log), access }), log);
log.info(`REST docs at http://localhost:${config.PORT}/docs · GraphiQL at http://localhost:${config.PORT}/graphql`);
exitGracefullyOnSignals(log, 'shutting down', () => server.close());
