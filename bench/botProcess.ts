/**
 * The bot under test, in its own process: the real composition root (`createApp`) with
 * the config from the environment (lowdb store pre-seeded by the orchestrator), listening
 * on loopback. Reports readiness and peak RSS over IPC; stops gracefully on SIGTERM.
 */
import { configFrom } from '../bot/config.js';
import { createLogger } from '../bot/pinoLogger.js';
import { createApp } from '../bot/app.js';
import { announceReady, serveUsage } from './child.js';

const config = configFrom(process.env);
const logger = createLogger(config);
const app = await createApp({ config, logger });
const { url } = await app.listen(0, '127.0.0.1');
serveUsage();
announceReady(url);
process.once('SIGTERM', () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
