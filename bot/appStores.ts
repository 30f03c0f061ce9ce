/**
 * The stores the app opens from its config: the domain store, the outbox work queue when
 * several instances deliver, and the dialog state; and what /healthz says about them.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Storage } from 'botbuilder';
import type { AppDeps } from './app.js';
import type { HealthReport } from './server.js';
import { StateStorage } from './stateStorage.js';
import { azureAccessFor, openConfiguredQueue, openConfiguredStore } from './storeAccess.js';
import type { OutboxQueue } from '../services/notify/outboxQueue.js';
import type { Store } from '../services/store/types.js';
import { seedDemoData } from '../services/demo/demoData.js';

export interface Stores {
  readonly domain: Store;
  /** The outbox work queue when several instances deliver (STORE=azure). */
  readonly queue: OutboxQueue | undefined;
  readonly state: Storage & { flush?(): Promise<void> };
  close(): Promise<void>;
}

export async function openStores(deps: AppDeps): Promise<Stores> {
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
      state =
        'connectionString' in blobs
          ? new BlobsStorage(blobs.connectionString, container)
          : new BlobsStorage('', container, {}, `${blobs.url}/${container}`, blobs.credential);
    } else {
      state = StateStorage.inMemory();
    }
    if (config.store.seedDemoData) {
      const seeded = await seedDemoData(domain);
      if (seeded > 0)
        logger.info(
          { accounts: seeded },
          'empty store: loaded the demo partner accounts (Contoso, Fabricam, Northwind)',
        );
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

export async function storeHealth(store: Store, queue: OutboxQueue | undefined): Promise<HealthReport> {
  const info = store.info();
  const ping = await store.ping();
  const report = {
    ok: ping.ok,
    store: {
      kind: info.kind,
      schemaVersion: info.schemaVersion,
      ok: ping.ok,
      ...(ping.detail ? { detail: ping.detail } : {}),
    },
  };
  if (!queue) return report;
  try {
    return { ...report, outboxQueue: { ok: true, depth: await queue.depth() } };
  } catch (err: unknown) {
    return {
      ...report,
      ok: false,
      outboxQueue: { ok: false, detail: `queue not reachable: ${err instanceof Error ? err.message : String(err)}` },
    };
  }
}
