/**
 * HTTP surface: `POST /api/messages` (Bot Framework), `GET /healthz`. Bodies are parsed by
 * restify with a size limit; anything that is not a plausible activity is refused with 400
 * before botbuilder sees it. The server tracks in-flight turns so shutdown can drain them.
 */
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotAdapter } from './adapter.js';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../services/loggerPort.js';
import { APP_NAME, APP_VERSION } from './version.js';
import { describeFailure } from './auth.js';

export const MAX_BODY_BYTES = 256 * 1024;

/** Optional fields may be absent or null, but when present they have the type Teams sends. */
const text = (max: number) => z.string().max(max).nullish();
const account = z.looseObject({ id: z.string().max(1024), name: text(1024), aadObjectId: text(128), role: text(64) });
const objectList = z.array(z.looseObject({})).max(256).nullish();

/**
 * The least an activity must have for the adapter to answer it, and the type of every
 * field the bot (or botbuilder on its way) reads: a hostile activity with a number for a
 * locale or a null member is a 400 here, not an exception in a turn.
 */
const ActivityEnvelope = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\//i, 'must be an http(s) URL'),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    tenantId: text(128),
    conversationType: text(64),
    isGroup: z.boolean().nullish(),
    name: text(1024),
  }),
  from: account.optional(),
  recipient: account.optional(),
  id: text(1024),
  name: text(256),
  text: z.string().nullish(),
  textFormat: text(64),
  locale: text(64),
  replyToId: text(1024),
  channelData: z.looseObject({ tenant: z.looseObject({ id: text(128) }).nullish(), eventType: text(128) }).nullish(),
  membersAdded: z.array(account).max(256).nullish(),
  membersRemoved: z.array(account).max(256).nullish(),
  attachments: objectList,
  entities: objectList,
  reactionsAdded: objectList,
  reactionsRemoved: objectList,
});

export interface HealthReport {
  readonly ok: boolean;
  readonly [key: string]: unknown;
}

export interface ServerDeps {
  readonly adapter: BotAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  readonly logger: Logger;
  readonly health: () => Promise<HealthReport>;
}

export interface BotServer {
  readonly server: Server;
  /** Turns being processed right now. */
  inFlight(): number;
  /** Refuse new requests (503) from now on. */
  stopAccepting(): void;
}

export function createServer(deps: ServerDeps): BotServer {
  const { logger } = deps;
  const state: ServerState = { inFlight: 0, accepting: true };

  const server = restify.createServer({ name: APP_NAME, version: APP_VERSION, handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', messagesHandler(deps, state));

  // Clients probe the endpoint before they connect (the Agents Playground waits on a GET/HEAD):
  // answer it instead of logging a refusal every time someone opens a Playground.
  // restify takes async handlers or (req, res, next) ones; these answer at once.
  server.get('/api/messages', (_req: Request, res: Response, next: Next) => {
    sendJson(res, 200, { name: APP_NAME, messages: 'POST Bot Framework activities to this endpoint' });
    next();
  });
  server.head('/api/messages', (_req: Request, res: Response, next: Next) => {
    res.status(200);
    res.end();
    next();
  });

  server.get('/healthz', healthHandler(deps, state));

  // restify reports parse errors (bad JSON, oversize bodies) here; log once, body stays generic.
  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
      logger.warn({ path: req.path(), status: err.statusCode, reason: err.name }, 'request refused');
      callback();
    },
  );

  return {
    server,
    inFlight: () => state.inFlight,
    stopAccepting: () => {
      state.accepting = false;
    },
  };
}

interface ServerState {
  inFlight: number;
  accepting: boolean;
}

/** POST /api/messages: shape, then authentication (every failure a 401), then the turn. */
function messagesHandler(deps: ServerDeps, state: ServerState): (req: Request, res: Response) => Promise<void> {
  const { adapter, logic, logger } = deps;
  return async (req, res) => {
    if (!state.accepting) return sendJson(res, 503, { error: 'ShuttingDown' });
    const parsed = ActivityEnvelope.safeParse(req.body);
    if (!parsed.success) {
      logger.warn(
        { issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'rejected a request that is not an activity',
      );
      return sendJson(res, 400, { error: 'BadRequest', message: 'The body must be a Bot Framework activity.' });
    }
    state.inFlight++;
    try {
      const activity = toActivity(parsed.data);
      // Authenticate first, ourselves: every failure is a 401 and the bot's logic never runs.
      const auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
      if (!auth.ok) {
        // An outage of the signing keys is ours to fix: logged as an error, answered the same.
        logger[auth.ourSide ? 'error' : 'warn'](
          {
            reason: auth.reason,
            channelId: activity.channelId,
            activityType: activity.type,
            remoteAddress: req.socket.remoteAddress,
          },
          'request authentication failed',
        );
        return sendJson(res, 401, { error: 'Unauthorized' });
      }
      // processActivity rather than process(): we decide status codes and bodies ourselves.
      const invokeResponse = await adapter.handleActivity(auth.result, activity, logic);
      if (invokeResponse) {
        sendJson(res, invokeResponse.status, invokeResponse.body);
      } else {
        res.status(200);
        res.end();
      }
    } catch (err: unknown) {
      if (err instanceof AuthenticationError) {
        logger.warn({ reason: describeFailure(err) }, 'request authentication failed');
        sendJson(res, 401, { error: 'Unauthorized' });
      } else {
        logger.error({ err }, 'activity processing failed outside a turn');
        sendJson(res, 500, { error: 'InternalServerError' });
      }
    } finally {
      state.inFlight--;
    }
  };
}

/** GET /healthz: the store's and the queue's health, and whether this instance still accepts requests. */
function healthHandler(deps: ServerDeps, state: ServerState): (req: Request, res: Response) => Promise<void> {
  const { health, logger } = deps;
  return async (_req, res) => {
    try {
      const report = await health();
      sendJson(res, report.ok && state.accepting ? 200 : 503, {
        ...report,
        ok: report.ok && state.accepting,
        accepting: state.accepting,
        name: APP_NAME,
        version: APP_VERSION,
      });
    } catch (err: unknown) {
      logger.error({ err }, 'health check failed');
      sendJson(res, 503, { ok: false, name: APP_NAME, version: APP_VERSION });
    }
  };
}

/** What botbuilder's validateAndFixActivity does: keep raw timestamps, parse them to Dates. */
function toActivity(envelope: z.infer<typeof ActivityEnvelope>): Activity {
  const activity: Record<string, unknown> = { ...envelope };
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = activity[field];
    if (typeof raw === 'string') {
      const rawField = `raw${field[0]!.toUpperCase()}${field.slice(1)}`;
      activity[rawField] = raw;
      const date = new Date(raw);
      activity[field] = Number.isNaN(date.getTime()) ? undefined : date;
    } else if (raw !== undefined) {
      activity[field] = undefined;
    }
  }
  return activity as unknown as Activity;
}

function sendJson(res: Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.status(status);
    res.end();
    return;
  }
  res.status(status);
  res.json(body);
}
