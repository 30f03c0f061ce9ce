/**
 * Managers lists for card tests and pictures: the demo Contoso account with `count`
 * watchers, the first imported, the others added in Teams by its Account admin.
 */
import { DEMO } from '../../services/demo/demoData.js';
import { demoAccounts } from '../../services/demo/demoData.js';
import type { AccountAuditEntry, PartnerAccount, Watcher } from '../../services/model.js';

const NAMES = [
  'Megan Bowen',
  'Patti Fernandez',
  'Johanna Lorenz',
  'Pradeep Gupta',
  'Lee Gu',
  'Alex Wilber',
  'Isaiah Langer',
  'Lynne Robbins',
  'Miriam Graham',
  'Grady Archie',
  'Debra Berger',
  'Henrietta Mueller',
];

export function contosoWithWatchers(count: number, at = '2026-11-30T10:15:00Z'): PartnerAccount {
  const contoso = demoAccounts().find((a) => a.globalMpnId === DEMO.contoso.globalMpnId);
  if (!contoso) throw new Error('the demo data has Contoso');
  const admin = {
    aadObjectId: DEMO.contoso.admin.aadObjectId,
    tenantId: DEMO.contoso.tenantId,
    displayName: DEMO.contoso.admin.displayName,
  };
  const watchers: Watcher[] = Array.from({ length: count }, (_, i) => {
    const displayName = NAMES[i % NAMES.length] ?? `Manager ${i + 1}`;
    const upn = `${displayName.toLowerCase().replace(/\s+/g, '.')}${i >= NAMES.length ? i : ''}@contoso.com`;
    const person = {
      aadObjectId: `c0c0c0c0-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
      tenantId: DEMO.contoso.tenantId,
      displayName,
      upn,
    };
    return i === 0 ? person : { ...person, addedBy: admin, addedAt: at };
  });
  const audit: AccountAuditEntry[] = watchers.slice(1).map((w) => ({
    at,
    action: 'watcher-added',
    actor: admin,
    watcher: {
      aadObjectId: w.aadObjectId,
      tenantId: w.tenantId,
      displayName: w.displayName,
      ...(w.upn ? { upn: w.upn } : {}),
    },
  }));
  return { ...contoso, watchers, audit };
}
