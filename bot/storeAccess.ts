/**
 * Opening the store the configuration names: the bot (`app.ts`) and the operator commands
 * (`scripts/`) go through here, so `npm run accounts`, `outbox` and `store` reach exactly the
 * store a running instance uses: lowdb, or Azure Storage by connection string or, as in a
 * deployment with shared keys disabled, by URL with an Entra token credential.
 */
import { resolve } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { AppConfig } from './config.js';
import type { Logger } from '../services/loggerPort.js';
import type { Store } from '../services/store/types.js';
import type { AzureServiceAccess } from '../services/store/azure/access.js';
import type { OutboxQueue } from '../services/notify/outboxQueue.js';
import { createMemoryStore } from '../services/store/memoryStore.js';
import { openLowdbStore } from '../services/store/lowdbStore.js';

export type AzureService = 'table' | 'queue' | 'blob';
export type AzureAccess = (service: AzureService) => Promise<AzureServiceAccess>;

/** The scope of an Entra token for Azure Storage (every service of every account). */
export const STORAGE_SCOPE = 'https://storage.azure.com/.default';

/**
 * How to reach one Azure Storage service: the connection string, or its URL with an Entra
 * token credential (DefaultAzureCredential: the App Service managed identity that
 * AZURE_CLIENT_ID names, or the operator's own sign-in: Azure CLI, azd, EnvironmentCredential).
 */
export function azureAccessFor(config: AppConfig, storageCredential?: TokenCredential): AzureAccess {
  let credential: TokenCredential | undefined = storageCredential;
  return async (service) => {
    const { azureConnectionString, azureEndpoints } = config.store;
    if (azureConnectionString !== undefined) return { connectionString: azureConnectionString };
    // config.ts refuses STORE=azure without one of the two.
    if (azureEndpoints === undefined)
      throw new Error('STORE=azure needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_NAME');
    const url =
      service === 'table'
        ? azureEndpoints.tableUrl
        : service === 'queue'
          ? azureEndpoints.queueUrl
          : azureEndpoints.blobUrl;
    // One credential (and token cache) for the three services.
    credential ??= await defaultCredential(azureEndpoints.managedIdentityClientId);
    return { url, credential };
  };
}

async function defaultCredential(managedIdentityClientId: string | undefined): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {});
}

/** The domain store of the configuration (the Azure SDKs load only when used: ~0.3 s of start-up otherwise). */
export async function openConfiguredStore(config: AppConfig, access: AzureAccess, logger?: Logger): Promise<Store> {
  switch (config.store.kind) {
    case 'memory':
      return createMemoryStore();
    case 'azure': {
      const { openAzureStore } = await import('../services/store/azureStore.js');
      return openAzureStore({
        ...(await access('table')),
        tableName: config.store.azureNames.table,
        ...(logger ? { logger } : {}),
      });
    }
    case 'lowdb':
      return openLowdbStore({ path: resolve(config.store.path), ...(logger ? { logger } : {}) });
  }
}

/** The outbox work queue that several instances share (STORE=azure); none otherwise. */
export async function openConfiguredQueue(config: AppConfig, access: AzureAccess): Promise<OutboxQueue | undefined> {
  if (config.store.kind !== 'azure') return undefined;
  const { openAzureQueue } = await import('../services/store/azureQueue.js');
  return openAzureQueue({ ...(await access('queue')), queueName: config.store.azureNames.queue });
}
