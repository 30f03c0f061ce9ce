/** Builders and helpers shared by the services tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  newPartnerAccount,
  type MergeRequest,
  type MergeOutboxEntry,
  type PartnerAccount,
  type PartnerUser,
  type RegistrationRequest,
} from '../../services/model.js';
import { registrationId } from '../../services/accounts/registration.js';
import type { Store } from '../../services/store/types.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';
import { demoAccounts } from '../../services/demo/demoData.js';

export const T0 = new Date('2020-06-01T09:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;

/** The demo accounts by name. */
export function demo(): { contoso: PartnerAccount; fabricam: PartnerAccount; northwind: PartnerAccount } {
  const byId = new Map(demoAccounts().map((a) => [a.globalMpnId, a]));
  const get = (id: string): PartnerAccount => {
    const account = byId.get(id);
    if (account === undefined) throw new Error(`demo account ${id} missing`);
    return account;
  };
  return { contoso: get('1111111'), fabricam: get('3333333'), northwind: get('7777777') };
}

export function tenantGuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function makeUser(n: number, tenantId: string, roles: PartnerUser['roles'] = []): PartnerUser {
  return {
    aadObjectId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tenantId,
    upn: `user${n}@example.com`,
    displayName: `User ${n}`,
    roles,
  };
}

export function makeAccount(globalMpnId: string, overrides: Partial<PartnerAccount> = {}): PartnerAccount {
  return newPartnerAccount({
    globalMpnId,
    companyName: `Company ${globalMpnId}`,
    tenants: [{ tenantId: tenantGuid(Number(globalMpnId.slice(0, 6))), domains: [`c${globalMpnId}.example.com`] }],
    ...overrides,
  });
}

export function makeMerge(
  id: string,
  initiatorMpnId: string,
  invitedMpnId: string,
  createdAt: Date = T0,
  overrides: Partial<MergeRequest> = {},
): MergeRequest {
  const at = createdAt.toISOString();
  return {
    id,
    status: 'invited',
    initiatorMpnId,
    initiatorCompanyName: `Company ${initiatorMpnId}`,
    invitedMpnId,
    invitedCompanyName: `Company ${invitedMpnId}`,
    createdAt: at,
    createdBy: { kind: 'system' },
    updatedAt: at,
    expiresAt: new Date(createdAt.getTime() + 14 * DAY).toISOString(),
    remindAt: new Date(createdAt.getTime() + 11 * DAY).toISOString(),
    audit: [{ at, action: 'invited', actor: { kind: 'system' }, toStatus: 'invited' }],
    version: 0,
    ...overrides,
  } as MergeRequest;
}

export interface StoreHandle {
  readonly store: Store;
  cleanup(): Promise<void>;
  /** Closes and reopens the same data (persistent backends only). */
  reopen?(): Promise<Store>;
}

export interface Backend {
  readonly name: string;
  create(): Promise<StoreHandle>;
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pmb-store-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const memoryBackend: Backend = {
  name: 'memory',
  create: () => {
    const store = createMemoryStore();
    return Promise.resolve({ store, cleanup: () => store.close() });
  },
};

export const lowdbBackend: Backend = {
  name: 'lowdb',
  async create() {
    const tmp = await tempDir();
    let current = await openLowdbStore({ path: tmp.dir });
    return {
      get store() {
        return current;
      },
      async reopen() {
        await current.close();
        current = await openLowdbStore({ path: tmp.dir });
        return current;
      },
      async cleanup() {
        await current.close();
        await tmp.remove();
      },
    };
  },
};

export const BACKENDS: readonly Backend[] = [memoryBackend, lowdbBackend];

/** An outbox entry for one admin of tenant `t`, pending and due now unless overridden. */
export function makeOutboxEntry(id: string, overrides: Partial<MergeOutboxEntry> = {}): MergeOutboxEntry {
  const now = new Date().toISOString();
  return {
    id,
    mergeId: 'm-1',
    auditIndex: 0,
    action: 'invited',
    kind: 'mergeCard',
    recipient: { tenantId: 't', aadObjectId: `u-${id}`, displayName: `Person ${id}`, role: 'admin' },
    status: 'pending',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
    version: 0,
    ...overrides,
  };
}

/** A pending registration of `tenantId`, its `n`-th request (the key is `<tenant>:<n>`). */
export function makeRegistration(
  tenantId: string,
  n: number,
  overrides: Partial<RegistrationRequest> = {},
): RegistrationRequest {
  return {
    id: registrationId(tenantId, n),
    tenantId,
    requester: {
      aadObjectId: tenantId.replace(/^.{8}/, 'eeeeeeee'),
      tenantId,
      displayName: 'Rita Requester',
      upn: 'rita@litware.example',
    },
    globalMpnId: '6000001',
    companyName: 'Litware',
    domains: ['litware.example'],
    locations: [],
    checks: { domains: [{ domain: 'litware.example', proof: 'openid' }], competing: [] },
    status: 'pending',
    createdAt: T0.toISOString(),
    version: 0,
    ...overrides,
  };
}
