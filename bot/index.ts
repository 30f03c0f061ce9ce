/**
 * Process entry point: load and validate config (fail fast), start the app, stop it
 * gracefully on SIGTERM/SIGINT. Nothing else here: composition lives in app.ts.
 */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './pinoLogger.js';
import { createApp } from './app.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      // No logger yet: the config decides how to log. Plain stderr, no stack.
      process.stderr.write(`partner-merge-bot: ${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
  // Telemetry first, so every log line inside a span carries its trace id; loaded only when configured.
  const started = config.telemetry.connectionString
    ? (await import('./azureMonitorTelemetry.js')).startTelemetry({
        connectionString: config.telemetry.connectionString,
      })
    : undefined;
  const logger = createLogger(config, undefined, started?.logFields);
  if (config.anonymous) {
    const reach = isLoopback(config.host)
      ? `listening on ${config.host} only (this machine)`
      : `listening on ${config.host}: REACHABLE FROM THE NETWORK`;
    logger.warn(
      `ANONYMOUS LOCAL MODE: MicrosoftAppId is not set, so incoming requests are NOT authenticated; ${reach}. ` +
        'Use this only with the Bot Framework Emulator or the Agents Playground on your own machine.',
    );
  }
  const app = await createApp({ config, logger, ...(started ? { telemetry: started.telemetry } : {}) });
  const { url } = await app.listen();
  logger.info(`partner-merge-bot ready: messaging endpoint ${url}/api/messages`);

  return new Promise<number>((resolveExit) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'shutting down');
      // Telemetry flushes after the last turn and notification.
      const stopped = app
        .stop()
        .then(() => started?.shutdown())
        .then((flushError) => {
          if (flushError) logger.warn({ err: flushError }, 'telemetry could not be flushed at shutdown');
        });
      stopped.then(
        () => resolveExit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          resolveExit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

main().then(
  (code) => {
    // Let pino flush its transport before exiting.
    setImmediate(() => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`partner-merge-bot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
