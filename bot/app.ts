/**
 * The composition root: every collaborator is built here from the config, so tests can
 * start the whole app in-process (with loopback emulators) and production starts the same
 * graph from `bot/index.ts`.
 */
import { type Storage, type TurnContext } from 'botbuilder';
import { DialogStateStore } from './dialogState.js';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { AppConfig } from './config.js';
import type { Logger } from '../services/loggerPort.js';
import { createAdapter, type BotAdapter } from './adapter.js';
import { federatedCredentialsFactory } from './botCredentials.js';
import { CardActionRegistry } from './cardActions.js';
import { createServer, type BotServer } from './server.js';
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
import { openStores, storeHealth, type Stores } from './appStores.js';
import { withOutboxQueue, type OutboxQueue } from '../services/notify/outboxQueue.js';

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
  /**
   * Spans and metrics (bot/azureMonitorTelemetry.ts when APPLICATIONINSIGHTS_CONNECTION_STRING is set); default none.
   */
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

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, logger } = deps;
  const stores = await openStores(deps);
  const { adapter, conversationState } = adapterFor(deps, stores);
  const telemetry = deps.telemetry ?? NO_TELEMETRY;
  // Late-bound: the store wakes the dispatcher, the dispatcher asks whether the server is busy.
  const kick = (): void => dispatcher.kick();
  const work = workSourceOf(deps, stores, telemetry, kick);
  const domain: Store = work.store;
  telemetry.gauge('outbox.depth', () => stores.domain.outbox.count('pending'));
  const cardActions = new CardActionRegistry();
  const directory = directoryParts(deps);
  const merges = mergeServiceFor(deps, domain);
  const conversations = new ConversationDirectory(domain, deps.clock);
  const views = new MergeViews(merges);
  const sender = notificationSenderFor(deps, {
    domain,
    views,
    conversations,
    adapter,
    telemetry,
    graph: directory.graph,
  });
  const dispatcher = dispatcherFor(deps, work, sender, telemetry, () => http.inFlight() > 0);
  const scheduler = new MergeScheduler({
    merges,
    logger,
    intervalMs: config.notifications.schedulerIntervalMs,
    onChange: kick,
  });
  const delivery = new MergeDelivery({ store: domain, views, conversations, notify: kick, ...clockOf(deps) });
  registerMergeActions(cardActions, { merges, views, delivery, clock: deps.clock ?? (() => new Date()) });
  const watchers = watcherPartsFor(deps, domain, directory.people, cardActions, kick);
  const joining = joiningParts(deps, domain, directory, cardActions, kick);
  const mainDialog = mainDialogFor(deps, {
    workAccount: directory.workAccount,
    merges,
    delivery,
    watchers,
    joining,
    changed: kick,
  });
  const beforeTurn = beforeTurnFor(logger, domain, conversations, dispatcher);
  const bot = new TeamsBot({
    conversationState,
    mainDialog,
    cardActions,
    logger,
    beforeTurn,
    audienceOf: joining.audienceOf,
  });
  const logic = (context: TurnContext): Promise<void> =>
    telemetry.span('turn', turnAttributes(context, cardActions.verbs), () => bot.run(context));
  const setup = setupReport(config, directory.graphUsable);
  const http = createServer({
    adapter,
    logic,
    logger,
    health: async () => ({ ...(await storeHealth(stores.domain, stores.queue)), ...setup }),
  });
  const background = backgroundOf(dispatcher, scheduler);
  let stopping: Promise<void> | undefined;
  return {
    adapter,
    bot,
    http,
    cardActions,
    store: domain,
    merges,
    notifications: dispatcher,
    scheduler,
    listen: (port = config.port, host = config.host) => listen(deps, http, background, port, host),
    stop: () => (stopping ??= stop(deps, http, background, stores)),
  };
}

const clockOf = (deps: AppDeps): { clock?: () => Date } => (deps.clock ? { clock: deps.clock } : {});

function mergeServiceFor(deps: AppDeps, store: Store): MergeService {
  const { config, logger } = deps;
  return new MergeService({
    store,
    notifyActorManager: config.notifications.entraManager,
    logger,
    invitationDays: config.merge.invitationDays,
    reminderDaysBefore: config.merge.reminderDaysBefore,
    ...clockOf(deps),
  });
}

/** The managers lists: the service, and its card verbs. */
function watcherPartsFor(
  deps: AppDeps,
  store: Store,
  people: PeopleDirectory | undefined,
  cardActions: CardActionRegistry,
  changed: () => void,
): WatcherService {
  const watchers = new WatcherService({ store, logger: deps.logger, ...(people ? { people } : {}), ...clockOf(deps) });
  registerWatcherActions(cardActions, { watchers, entraManager: deps.config.notifications.entraManager, changed });
  return watchers;
}

/** What runs besides the requests: the outbox dispatcher and the reminder and expiry scheduler. */
function backgroundOf(dispatcher: OutboxDispatcher, scheduler: MergeScheduler): Background {
  return {
    start: () => {
      dispatcher.start();
      scheduler.start();
    },
    stop: async () => {
      await Promise.all([scheduler.stop(), dispatcher.stop()]);
    },
  };
}

/**
 * The Bot Framework adapter and the dialog state it keeps per conversation (per person in channels and group chats).
 */
function adapterFor(deps: AppDeps, stores: Stores): { adapter: BotAdapter; conversationState: DialogStateStore } {
  const { config, logger } = deps;
  const conversationState = new DialogStateStore(stores.state);
  // Tests bring their own; otherwise federated credentials when configured, else botbuilder's (password or
  // UserAssignedMSI).
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
  return { adapter, conversationState };
}

/**
 * The store every writer uses, and where deliveries come from. Several instances: a commit
 * that queues notifications also sends their queue messages (and wakes this instance's dispatcher).
 */
function workSourceOf(deps: AppDeps, stores: Stores, telemetry: Telemetry, kick: () => void): WorkSource {
  const instrument = <S extends Store>(store: S): S => (deps.telemetry ? instrumentedStore(store, telemetry) : store);
  return stores.queue
    ? { store: instrument(withOutboxQueue(stores.domain, stores.queue, deps.logger, kick)), queue: stores.queue }
    : { store: instrument(stores.domain) };
}

/** The work-account check, Graph (when something needs it), and whom an admin may add by address. */
function directoryParts(deps: AppDeps): {
  workAccount: WorkAccountService;
  graph: GraphService | undefined;
  graphUsable: boolean;
  people: PeopleDirectory | undefined;
} {
  const { config, logger } = deps;
  const n = config.notifications;
  // The demo tenants answer from the demo directory while Graph is off and the demo accounts are loaded.
  const workAccount =
    deps.workAccount ??
    createWorkAccountService({ graph: config.graph, logger, ...(config.store.seedDemoData ? { demoDirectory } : {}) });
  const graphUsable = config.graph.enabled && missingGraphSettings(config.graph).length === 0;
  // Graph for Entra-manager notifications and app installs, when either is switched on.
  const graph =
    n.entraManager || n.teamsAppCatalogId || graphUsable
      ? (deps.graph ?? createGraphService(config.graph, { logger }))
      : undefined;
  // Graph in the admin's tenant when configured, else the demo tenants' directory.
  const people: PeopleDirectory | undefined =
    graph && graphUsable
      ? graphPeople(graph, (tenantId) => adminConsentUrl(config.graph, tenantId))
      : config.store.seedDemoData
        ? demoPeople
        : undefined;
  return { workAccount, graph, graphUsable, people };
}

function notificationSenderFor(
  deps: AppDeps,
  parts: {
    domain: Store;
    views: MergeViews;
    conversations: ConversationDirectory;
    adapter: BotAdapter;
    telemetry: Telemetry;
    graph: GraphService | undefined;
  },
): NotificationSender {
  const { config, logger } = deps;
  const { graph } = parts;
  const n = config.notifications;
  const catalogId = n.teamsAppCatalogId;
  return new NotificationSender({
    store: parts.domain,
    views: parts.views,
    conversations: parts.conversations,
    messenger: new ProactiveMessenger(parts.adapter, config.bot.appId ?? '', parts.telemetry),
    limiter: new RateLimiter({ perThread: parseRateRules(n.perThread), perTenant: parseRateRules(n.perTenant) }),
    logger,
    serviceUrl: n.serviceUrl,
    ...(graph && n.entraManager
      ? {
          managerOf: (person: { tenantId: string; aadObjectId: string }) =>
            graph.getManager(person.aadObjectId, person.tenantId),
        }
      : {}),
    ...(graph && catalogId
      ? {
          installApp: (person: { tenantId: string; aadObjectId: string }) =>
            graph.installAppForUser(person.aadObjectId, catalogId, person.tenantId),
        }
      : {}),
    ...clockOf(deps),
  });
}

function dispatcherFor(
  deps: AppDeps,
  work: WorkSource,
  sender: NotificationSender,
  telemetry: Telemetry,
  busy: () => boolean,
): OutboxDispatcher {
  const n = deps.config.notifications;
  return new OutboxDispatcher({
    ...work,
    sender,
    logger: deps.logger,
    telemetry,
    // Clicks and messages first: deliveries wait for a quiet moment (see DispatcherOptions.yieldMs).
    busy,
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
    ...clockOf(deps),
  });
}

function mainDialogFor(
  deps: AppDeps,
  parts: {
    workAccount: WorkAccountService;
    merges: MergeService;
    delivery: MergeDelivery;
    watchers: WatcherService;
    joining: JoiningParts;
    changed: () => void;
  },
): MainDialog {
  const { logger } = deps;
  const { merges, joining } = parts;
  const { notKnown } = joining;
  return new MainDialog(
    {
      checkDomain: {
        dialog: new CheckDomainDialog({ workAccount: parts.workAccount, logger }),
        options: (intent) => (intent.input ? { initialInput: intent.input } : {}),
      },
      startMerge: {
        dialog: new StartMergeDialog({ merges, cards: parts.delivery, logger, notKnown }),
        options: (intent) => (intent.mpnId ? { mpnId: intent.mpnId } : {}),
      },
      history: {
        dialog: new HistoryDialog({ merges, notKnown }),
        options: (intent) => (intent.mergeId ? { mergeId: intent.mergeId } : {}),
      },
      managers: {
        dialog: new ManagersDialog({
          watchers: parts.watchers,
          entraManager: deps.config.notifications.entraManager,
          changed: parts.changed,
          notKnown,
        }),
        options: (intent) => ({
          action: intent.action,
          ...(intent.address === undefined ? {} : { address: intent.address }),
        }),
      },
      ...joining.routes,
    },
    joining.audienceOf,
  );
}

/**
 * Before each turn: one snapshot of the store for the turn, the conversation remembered, and what waited for a newly
 * reachable person sent.
 */
function beforeTurnFor(
  logger: Logger,
  domain: Store,
  conversations: ConversationDirectory,
  dispatcher: OutboxDispatcher,
): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const log = turnLogger(context, logger);
    const reads = await domain.snapshot();
    setTurnReads(context, reads);
    const outcome = await conversations.remember(context, log, reads);
    const person = viewerOf(context.activity);
    if (outcome === 'created' && person) {
      const requeued = await dispatcher.requeueParked(person);
      if (requeued > 0) log.info({ requeued }, 'requeued parked notifications for a newly reachable person');
    }
  };
}

/** The cloud and how Graph reaches partner tenants, for /healthz; never a credential. */
function setupReport(config: AppConfig, graphUsable: boolean): Record<string, unknown> {
  const graphMode = !graphUsable
    ? 'off'
    : isMultiTenant(config.graph)
      ? 'every partner tenant (organizations)'
      : `one tenant (${config.graph.tenantId ?? ''})`;
  return {
    cloud: config.cloud,
    graph: {
      mode: graphMode,
      ...(graphUsable && config.graph.credential ? { credential: config.graph.credential.kind } : {}),
    },
  };
}

interface Background {
  start(): void;
  stop(): Promise<void>;
}

function listen(
  deps: AppDeps,
  http: BotServer,
  background: Background,
  port: number,
  host: string,
): Promise<{ port: number; url: string }> {
  const { config, logger } = deps;
  return new Promise((resolveListen, reject) => {
    http.server.once('error', reject);
    http.server.listen(port, host, () => {
      const address = http.server.address();
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${shownHost}:${address.port}`;
      logger.info({ url, version: APP_VERSION, store: config.store.kind, anonymous: config.anonymous }, 'listening');
      // Background work starts with serving: pending notifications resume after a restart.
      background.start();
      resolveListen({ port: address.port, url });
    });
  });
}

/** Graceful stop: refuse new requests, let in-flight turns finish (up to the timeout), flush the stores. */
async function stop(deps: AppDeps, http: BotServer, background: Background, stores: Stores): Promise<void> {
  const { config, logger } = deps;
  http.stopAccepting();
  // No new background work from now on; deliveries under way finish, the rest stays in the outbox for the next start.
  const stopped = background.stop();
  const deadline = Date.now() + config.shutdownTimeoutMs;
  while (http.inFlight() > 0 && Date.now() < deadline) await delay(20);
  if (http.inFlight() > 0) logger.warn({ inFlight: http.inFlight() }, 'shutdown timeout: abandoning in-flight turns');
  await stopped;
  await new Promise<void>((done) => {
    http.server.close(() => done());
    // Keep-alive sockets would hold close() open; nothing is in flight any more.
    http.server.server.closeAllConnections();
  });
  await stores.close();
  logger.info('stopped');
}

interface JoiningParts {
  readonly notKnown: NotKnownReply;
  readonly routes: Pick<MainDialogRoutes, 'register' | 'people' | 'review'>;
  readonly audienceOf: HelpAudienceOf;
}

/**
 * Companies that join in Teams and the people of an account: the registration and people
 * services, their card verbs, their chat commands, and who the help card is for.
 */
function joiningParts(
  deps: AppDeps,
  store: Store,
  directory: { readonly workAccount: WorkAccountService; readonly people: PeopleDirectory | undefined },
  cardActions: CardActionRegistry,
  changed: () => void,
): JoiningParts {
  const { config, logger } = deps;
  const parts = { ...directory, cardActions };
  const clock = clockOf(deps);
  const registrations = new RegistrationService({
    store,
    owners: parts.workAccount,
    reviewers: config.registration.reviewers,
    perTenantPerDay: config.registration.perTenantPerDay,
    logger,
    ...clock,
  });
  const people = new PeopleService({ store, logger, ...(parts.people ? { people: parts.people } : {}), ...clock });
  const signInName = signInNameOf(logger);
  registerRegistrationActions(parts.cardActions, { registrations, signInName, changed });
  registerPeopleActions(parts.cardActions, { people, changed });
  const notKnown = notKnownReply(registrations);
  const audienceOf: HelpAudienceOf = async (context) => {
    const viewer = viewerOf(context.activity);
    if (!viewer) return MEMBER_AUDIENCE;
    const standing = await registrations.standing(viewer, turnReads(context) ?? store);
    return {
      member: standing.kind === 'member',
      canRegister: registrations.open && standing.kind === 'unknown',
      reviewer: registrations.isReviewer(viewer),
    };
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
  const verb =
    activity.name === 'adaptiveCard/action' &&
    typeof value?.action?.verb === 'string' &&
    verbs.includes(value.action.verb)
      ? value.action.verb
      : undefined;
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
