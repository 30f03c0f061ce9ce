/**
 * The composition root: every collaborator is built here from the config, so tests can
 * start the whole app in-process (with loopback emulators) and production starts the same
 * graph from `bot/index.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Storage, type TurnContext } from 'botbuilder';
import { DialogStateStore } from './dialogState.js';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { AppConfig } from './config.js';
import type { Logger } from '../services/loggerPort.js';
import { createAdapter, type BotAdapter } from './adapter.js';
import { federatedCredentialsFactory } from './botCredentials.js';
import { CardActionRegistry } from './cardActions.js';
import { createServer, type BotServer, type HealthReport } from './server.js';
import { StateStorage } from './stateStorage.js';
import { TeamsBot } from './teamsBot.js';
import { MainDialog, type HelpAudienceOf, type MainDialogRoutes } from '../dialogs/mainDialog.js';
import { MEMBER_AUDIENCE } from '../dialogs/helpCard.js';
import { notKnownReply, type NotKnownReply } from '../dialogs/notKnown.js';
import { RegisterDialog } from '../dialogs/registerDialog.js';
import { PeopleDialog } from '../dialogs/peopleDialog.js';
import { ReviewDialog } from '../dialogs/reviewDialog.js';
import { RegistrationService } from '../services/accounts/registrationService.js';
import { PeopleService } from '../services/accounts/peopleService.js';
import { registerRegistrationActions } from './registration/registrationActions.js';
import { registerPeopleActions } from './people/peopleActions.js';
import { signInNameOf } from './signInName.js';
import { CheckDomainDialog } from '../dialogs/checkDomainDialog.js';
import { StartMergeDialog } from '../dialogs/startMergeDialog.js';
import { HistoryDialog } from '../dialogs/historyDialog.js';
import { ManagersDialog } from '../dialogs/managersDialog.js';
import { WatcherService } from '../services/accounts/watcherService.js';
import { registerWatcherActions } from './watchers/watcherActions.js';
import { graphPeople } from '../services/people/graphPeople.js';
import type { PeopleDirectory } from '../services/people/directory.js';
import { tenantOf, viewerOf } from '../services/accounts/activityIdentity.js';
import { MergeService } from '../services/merge/mergeService.js';
import { ConversationDirectory } from './conversations.js';
import { ProactiveMessenger } from './proactive.js';
import { MergeViews } from './merge/mergeViews.js';
import { MergeDelivery } from './merge/mergeDelivery.js';
import { OutboxDispatcher, type WorkSource } from './notify/dispatcher.js';
import { NotificationSender } from './notify/notificationSender.js';
import { RateLimiter, parseRateRules } from './notify/rateLimiter.js';
import { MergeScheduler } from './notify/scheduler.js';
import { registerMergeActions } from './merge/mergeActions.js';
import { correlationIdOf, setTurnReads, turnLogger, turnReads } from './turnContext.js';
import { NO_TELEMETRY, type Telemetry, type TelemetryAttributes } from '../services/telemetryPort.js';
import { instrumentedStore } from '../services/store/instrumented.js';
import { createWorkAccountService, type WorkAccountService } from '../services/workAccount/workAccountService.js';
import { demoDirectory, demoPeople } from '../services/demo/demoDirectory.js';
import { createGraphService, missingGraphSettings, type GraphService } from '../services/graph/graphService.js';
import { adminConsentUrl, isMultiTenant } from '../services/graph/config.js';
import { APP_VERSION } from './version.js';
import type { Store } from '../services/store/types.js';
import type { TokenCredential } from '@azure/identity';
import { azureAccessFor, openConfiguredQueue, openConfiguredStore } from './storeAccess.js';
import { withOutboxQueue, type OutboxQueue } from '../services/notify/outboxQueue.js';
import { seedDemoData } from '../services/demo/demoData.js';

export interface AppDeps {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** Replaces the configured dialog-state storage (tests). */
  readonly stateStorage?: Storage & { flush?(): Promise<void> };
  /** Replaces the configured domain store (tests, tools). */
  readonly store?: Store;
  /** Replaces the work-account service built from the Graph config (tests: loopback Graph). */
  readonly workAccount?: WorkAccountService;
  /** Replaces the Graph service used for Entra-manager lookups (tests: loopback Graph). */
  readonly graph?: GraphService;
  /** The clock of the merge rules (tests move time to reach expiry). */
  readonly clock?: () => Date;
  /** Extra botbuilder auth configuration (loopback OpenID/JWKS endpoints in tests). */
  readonly authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Replaces the configured outbox work queue (tests: the in-process queue); STORE=azure opens the Azure queue. */
  readonly queue?: OutboxQueue;
  /** Spans and metrics (bot/azureMonitorTelemetry.ts when APPLICATIONINSIGHTS_CONNECTION_STRING is set); default none. */
  readonly telemetry?: Telemetry;
  /** The Entra credential for Azure Storage without a connection string (tests); default DefaultAzureCredential. */
  readonly storageCredential?: TokenCredential;
  /** Outbound Bot Framework credentials (tests: MSAL against a loopback authority); default from the config. */
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
}

export interface App {
  readonly adapter: BotAdapter;
  readonly bot: TeamsBot;
  readonly http: BotServer;
  readonly cardActions: CardActionRegistry;
  readonly store: Store;
  readonly merges: MergeService;
  readonly notifications: OutboxDispatcher;
  readonly scheduler: MergeScheduler;
  /** Starts listening; port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Graceful stop: refuse new requests, drain in-flight turns, flush stores. Idempotent. */
  stop(): Promise<void>;
}

interface Stores {
  readonly domain: Store;
  /** The outbox work queue when several instances deliver (STORE=azure). */
  readonly queue: OutboxQueue | undefined;
  readonly state: Storage & { flush?(): Promise<void> };
  close(): Promise<void>;
}

async function openStores(deps: AppDeps): Promise<Stores> {
  const { config, logger } = deps;
  let state: Storage & { flush?(): Promise<void> };
  let queue: OutboxQueue | undefined;
  const azureAccess = azureAccessFor(config, deps.storageCredential);
  const domain = deps.store ?? (await openConfiguredStore(config, azureAccess, logger));
  try {
    if (deps.queue) queue = deps.queue;
    else if (!deps.store) queue = await openConfiguredQueue(config, azureAccess);
    if (deps.stateStorage) {
      state = deps.stateStorage;
    } else if (config.store.kind === 'lowdb') {
      const dir = resolve(config.store.path);
      await mkdir(dir, { recursive: true });
      state = await StateStorage.open(join(dir, 'bot-state.json'));
    } else if (config.store.kind === 'azure') {
      // Dialog state shared by every instance: botbuilder's own Blob storage (eTags).
      const { BlobsStorage } = await import('botbuilder-azure-blobs');
      const blobs = await azureAccess('blob');
      const container = config.store.azureNames.container;
      state = 'connectionString' in blobs ? new BlobsStorage(blobs.connectionString, container) : new BlobsStorage('', container, {}, `${blobs.url}/${container}`, blobs.credential);
    } else {
      state = StateStorage.inMemory();
    }
    if (config.store.seedDemoData) {
      const seeded = await seedDemoData(domain);
      if (seeded > 0) logger.info({ accounts: seeded }, 'empty store: loaded the demo partner accounts (Contoso, Fabricam, Northwind)');
    }
  } catch (err: unknown) {
    await domain.close();
    throw err;
  }
  return {
    domain,
    queue,
    state,
    close: async () => {
      await state.flush?.();
      await domain.close();
    },
  };
}

async function storeHealth(store: Store, queue: OutboxQueue | undefined): Promise<HealthReport> {
  const info = store.info();
  const ping = await store.ping();
  const report = { ok: ping.ok, store: { kind: info.kind, schemaVersion: info.schemaVersion, ok: ping.ok, ...(ping.detail ? { detail: ping.detail } : {}) } };
  if (!queue) return report;
  try {
    return { ...report, outboxQueue: { ok: true, depth: await queue.depth() } };
  } catch (err: unknown) {
    return { ...report, ok: false, outboxQueue: { ok: false, detail: `queue not reachable: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, logger } = deps;
  const stores = await openStores(deps);
  // Per conversation in personal chats, per person in channels and group chats.
  const conversationState = new DialogStateStore(stores.state);
  // Tests bring their own; otherwise federated credentials when configured, else botbuilder's (password or UserAssignedMSI).
  const credentialsFactory = deps.credentialsFactory ?? federatedCredentialsFactory(config.bot);
  const adapter = createAdapter({
    auth: config.bot,
    logger,
    conversationState,
    allowedTenants: config.security.allowedTenants,
    // The cloud's botbuilder keys (MICROSOFT_CLOUD and explicit variables); tests may add loopback ones.
    authOverrides: { ...config.bot.channel, ...deps.authOverrides },
    ...(credentialsFactory ? { credentialsFactory } : {}),
  });

  // Several instances: a commit that queues notifications also sends their queue messages
  // (and wakes this instance's dispatcher); every writer below goes through it.
  const telemetry = deps.telemetry ?? NO_TELEMETRY;
  const instrument = <S extends Store>(store: S): S => (deps.telemetry ? instrumentedStore(store, telemetry) : store);
  const work: WorkSource = stores.queue
    ? { store: instrument(withOutboxQueue(stores.domain, stores.queue, logger, () => dispatcher.kick())), queue: stores.queue }
    : { store: instrument(stores.domain) };
  const domain: Store = work.store;
  telemetry.gauge('outbox.depth', () => stores.domain.outbox.count('pending'));
  const cardActions = new CardActionRegistry();
  // The demo tenants answer from the demo directory while Graph is off and the demo accounts are loaded.
  const workAccount = deps.workAccount ?? createWorkAccountService({ graph: config.graph, logger, ...(config.store.seedDemoData ? { demoDirectory } : {}) });
  const n = config.notifications;
  // Graph for Entra-manager notifications and app installs, when either is switched on.
  const graphUsable = config.graph.enabled && missingGraphSettings(config.graph).length === 0;
  const graph = n.entraManager || n.teamsAppCatalogId || graphUsable ? (deps.graph ?? createGraphService(config.graph, { logger })) : undefined;
  // Whom an admin may add as a manager: Graph in their tenant when configured, else the demo tenants' directory.
  const people: PeopleDirectory | undefined = graph && graphUsable ? graphPeople(graph, (tenantId) => adminConsentUrl(config.graph, tenantId)) : config.store.seedDemoData ? demoPeople : undefined;
  const catalogId = n.teamsAppCatalogId;
  const merges = new MergeService({
    store: domain,
    notifyActorManager: n.entraManager,
    logger,
    invitationDays: config.merge.invitationDays,
    reminderDaysBefore: config.merge.reminderDaysBefore,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const conversations = new ConversationDirectory(domain, deps.clock);
  const views = new MergeViews(merges);
  const dispatcher = new OutboxDispatcher({
    ...work,
    sender: new NotificationSender({
      store: domain,
      views,
      conversations,
      messenger: new ProactiveMessenger(adapter, config.bot.appId ?? '', telemetry),
      limiter: new RateLimiter({ perThread: parseRateRules(n.perThread), perTenant: parseRateRules(n.perTenant) }),
      logger,
      serviceUrl: n.serviceUrl,
      ...(graph && n.entraManager ? { managerOf: (person: { tenantId: string; aadObjectId: string }) => graph.getManager(person.aadObjectId, person.tenantId) } : {}),
      ...(graph && catalogId ? { installApp: (person: { tenantId: string; aadObjectId: string }) => graph.installAppForUser(person.aadObjectId, catalogId, person.tenantId) } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
    }),
    logger,
    telemetry,
    // Clicks and messages first: deliveries wait for a quiet moment (see DispatcherOptions.yieldMs).
    busy: () => http.inFlight() > 0,
    options: {
      maxAttempts: n.maxAttempts,
      baseDelayMs: n.baseDelayMs,
      maxDelayMs: n.maxDelayMs,
      concurrency: n.concurrency,
      pollIntervalMs: n.pollIntervalMs,
      leaseMs: n.leaseMs,
      maxDequeue: n.maxDequeue,
      sweepIntervalMs: n.sweepIntervalMs,
      yieldMs: n.yieldMs,
    },
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const scheduler = new MergeScheduler({ merges, logger, intervalMs: n.schedulerIntervalMs, onChange: () => dispatcher.kick() });
  const delivery = new MergeDelivery({ store: domain, views, conversations, notify: () => dispatcher.kick(), ...(deps.clock ? { clock: deps.clock } : {}) });
  registerMergeActions(cardActions, { merges, views, delivery, clock: deps.clock ?? (() => new Date()) });
  const watchers = new WatcherService({ store: domain, logger, ...(people ? { people } : {}), ...(deps.clock ? { clock: deps.clock } : {}) });
  registerWatcherActions(cardActions, { watchers, entraManager: n.entraManager, changed: () => dispatcher.kick() });
  const joining = joiningParts({ config, logger, store: domain, workAccount, people, clock: deps.clock, cardActions, changed: () => dispatcher.kick() });
  const { notKnown } = joining;

  const mainDialog = new MainDialog({
    checkDomain: { dialog: new CheckDomainDialog({ workAccount, logger }), options: (intent) => (intent.input ? { initialInput: intent.input } : {}) },
    startMerge: { dialog: new StartMergeDialog({ merges, cards: delivery, logger, notKnown }), options: (intent) => (intent.mpnId ? { mpnId: intent.mpnId } : {}) },
    history: { dialog: new HistoryDialog({ merges, notKnown }), options: (intent) => (intent.mergeId ? { mergeId: intent.mergeId } : {}) },
    managers: {
      dialog: new ManagersDialog({ watchers, entraManager: n.entraManager, changed: () => dispatcher.kick(), notKnown }),
      options: (intent) => ({ action: intent.action, ...(intent.address === undefined ? {} : { address: intent.address }) }),
    },
    ...joining.routes,
  }, joining.audienceOf);
  const beforeTurn = async (context: TurnContext): Promise<void> => {
    const log = turnLogger(context, logger);
    const reads = await domain.snapshot();
    setTurnReads(context, reads);
    const outcome = await conversations.remember(context, log, reads);
    const person = viewerOf(context.activity);
    // Someone we could not reach before: what waited for them goes out now.
    if (outcome === 'created' && person) {
      const requeued = await dispatcher.requeueParked(person);
      if (requeued > 0) log.info({ requeued }, 'requeued parked notifications for a newly reachable person');
    }
  };
  const bot = new TeamsBot({ conversationState, mainDialog, cardActions, logger, beforeTurn, audienceOf: joining.audienceOf });
  // The cloud and how Graph reaches partner tenants, never a credential.
  const graphMode = !graphUsable ? 'off' : isMultiTenant(config.graph) ? 'every partner tenant (organizations)' : `one tenant (${config.graph.tenantId ?? ''})`;
  const setup = { cloud: config.cloud, graph: { mode: graphMode, ...(graphUsable && config.graph.credential ? { credential: config.graph.credential.kind } : {}) } };
  const logic = (context: TurnContext): Promise<void> => telemetry.span('turn', turnAttributes(context, cardActions.verbs), () => bot.run(context));
  const http = createServer({ adapter, logic, logger, health: async () => ({ ...(await storeHealth(stores.domain, stores.queue)), ...setup }) });

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    http.stopAccepting();
    // No new background work from now on; deliveries under way finish, the rest stays in
    // the outbox for the next start.
    const background = Promise.all([scheduler.stop(), dispatcher.stop()]);
    const deadline = Date.now() + config.shutdownTimeoutMs;
    while (http.inFlight() > 0 && Date.now() < deadline) await delay(20);
    if (http.inFlight() > 0) logger.warn({ inFlight: http.inFlight() }, 'shutdown timeout: abandoning in-flight turns');
    await background;
    await new Promise<void>((done) => {
      http.server.close(() => done());
      // Keep-alive sockets would hold close() open; nothing is in flight any more.
      http.server.server.closeAllConnections();
    });
    await stores.close();
    logger.info('stopped');
  };

  return {
    adapter,
    bot,
    http,
    cardActions,
    store: domain,
    merges,
    notifications: dispatcher,
    scheduler,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolveListen, reject) => {
        http.server.once('error', reject);
        http.server.listen(port, host, () => {
          const address = http.server.address();
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          const url = `http://${shownHost}:${address.port}`;
          logger.info({ url, version: APP_VERSION, store: config.store.kind, anonymous: config.anonymous }, 'listening');
          // Background work starts with serving: pending notifications resume after a restart.
          dispatcher.start();
          scheduler.start();
          resolveListen({ port: address.port, url });
        });
      }),
    stop: () => (stopping ??= stop()),
  };
}

/**
 * Companies that join in Teams and the people of an account: the registration and people
 * services, their card verbs, their chat commands, and who the help card is for.
 */
function joiningParts(parts: {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly store: Store;
  readonly workAccount: WorkAccountService;
  readonly people: PeopleDirectory | undefined;
  readonly clock: (() => Date) | undefined;
  readonly cardActions: CardActionRegistry;
  readonly changed: () => void;
}): { notKnown: NotKnownReply; routes: Pick<MainDialogRoutes, 'register' | 'people' | 'review'>; audienceOf: HelpAudienceOf } {
  const { config, logger, store, changed } = parts;
  const clock = parts.clock ? { clock: parts.clock } : {};
  const registrations = new RegistrationService({ store, owners: parts.workAccount, reviewers: config.registration.reviewers, perTenantPerDay: config.registration.perTenantPerDay, logger, ...clock });
  const people = new PeopleService({ store, logger, ...(parts.people ? { people: parts.people } : {}), ...clock });
  const signInName = signInNameOf(logger);
  registerRegistrationActions(parts.cardActions, { registrations, signInName, changed });
  registerPeopleActions(parts.cardActions, { people, changed });
  const notKnown = notKnownReply(registrations);
  const audienceOf: HelpAudienceOf = async (context) => {
    const viewer = viewerOf(context.activity);
    if (!viewer) return MEMBER_AUDIENCE;
    const standing = await registrations.standing(viewer, turnReads(context) ?? store);
    return { member: standing.kind === 'member', canRegister: registrations.open && standing.kind === 'unknown', reviewer: registrations.isReviewer(viewer) };
  };
  return {
    notKnown,
    audienceOf,
    routes: {
      register: { dialog: new RegisterDialog({ registrations, signInName }), options: () => ({}) },
      people: { dialog: new PeopleDialog({ people, notKnown }), options: () => ({}) },
      review: { dialog: new ReviewDialog({ registrations }), options: () => ({}) },
    },
  };
}

/** What a turn's span says: kinds and ids only (a card verb only if it is one of ours), never text. */
function turnAttributes(context: TurnContext, verbs: readonly string[]): TelemetryAttributes {
  const { activity } = context;
  const value = activity.value as { action?: { verb?: unknown } } | undefined;
  const verb = activity.name === 'adaptiveCard/action' && typeof value?.action?.verb === 'string' && verbs.includes(value.action.verb) ? value.action.verb : undefined;
  const name = typeof activity.name === 'string' && /^[\w/.-]{1,100}$/.test(activity.name) ? activity.name : undefined;
  return {
    'activity.type': typeof activity.type === 'string' ? activity.type.slice(0, 40) : 'unknown',
    ...(name ? { 'activity.name': name } : {}),
    ...(verb ? { 'card.verb': verb } : {}),
    'tenant.id': tenantOf(activity) ?? '',
    'correlation.id': correlationIdOf(context),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
