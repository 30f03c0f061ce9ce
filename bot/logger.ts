/**
 * Structured logging (pino): JSON lines in production, pretty in a terminal.
 * Secrets are redacted by path so a careless `log.info({ config })` cannot leak them.
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import type { AppConfig } from './config.js';

export type AppLogger = PinoLogger;

export const REDACTED_PATHS = [
  'password',
  'appPassword',
  'clientSecret',
  'token',
  'accessToken',
  'authorization',
  'connectionString',
  'azureConnectionString',
  '*.password',
  '*.appPassword',
  '*.clientSecret',
  '*.token',
  '*.accessToken',
  '*.authorization',
  '*.connectionString',
  '*.azureConnectionString',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
];

export function createLogger(config: Pick<AppConfig, 'log'>, destination?: DestinationStream): AppLogger {
  const options = {
    level: config.log.level,
    base: { app: 'partner-merge-bot' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (config.log.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' } } });
  }
  return pino(options);
}
