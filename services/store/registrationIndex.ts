/**
 * The registrations' indexes in the in-memory record set (IndexedState): by tenant (one
 * open request per tenant, and how many it sent), the pending ones, and the pending ones
 * by every Partner ID they name, so a new request or a location finds a competitor at once.
 */
import type { MpnId, RegistrationRequest } from '../model.js';
import { addTo, removeFrom } from './setIndex.js';

export class RegistrationIndex {
  private readonly byTenant = new Map<string, Set<string>>();
  private readonly pendingIds = new Set<string>();
  private readonly pendingByMpn = new Map<MpnId, Set<string>>();

  /** `records`: the live registration records by id (owned by the record set). */
  constructor(private readonly records: ReadonlyMap<string, RegistrationRequest>) {}

  add(registration: RegistrationRequest): void {
    addTo(this.byTenant, registration.tenantId.toLowerCase(), registration.id);
    if (registration.status !== 'pending') return;
    this.pendingIds.add(registration.id);
    for (const mpnId of mpnIdsOf(registration)) addTo(this.pendingByMpn, mpnId, registration.id);
  }

  remove(registration: RegistrationRequest): void {
    removeFrom(this.byTenant, registration.tenantId.toLowerCase(), registration.id);
    this.pendingIds.delete(registration.id);
    for (const mpnId of mpnIdsOf(registration)) removeFrom(this.pendingByMpn, mpnId, registration.id);
  }

  forTenant(tenantId: string): RegistrationRequest[] {
    return this.resolve(this.byTenant.get(tenantId.toLowerCase())).sort((a, b) => -oldestFirst(a, b));
  }

  pending(): RegistrationRequest[] {
    return this.resolve(this.pendingIds).sort(oldestFirst);
  }

  pendingByMpnId(mpnId: MpnId): RegistrationRequest[] {
    return this.resolve(this.pendingByMpn.get(mpnId)).sort(oldestFirst);
  }

  private resolve(ids: ReadonlySet<string> | undefined): RegistrationRequest[] {
    return [...(ids ?? [])].flatMap((id) => this.records.get(id) ?? []);
  }
}

export function mpnIdsOf(registration: Pick<RegistrationRequest, 'globalMpnId' | 'locations'>): MpnId[] {
  return [registration.globalMpnId, ...registration.locations.map((l) => l.mpnId)];
}

function oldestFirst(a: RegistrationRequest, b: RegistrationRequest): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
