/**
 * Merge execution (pure): turns the initiating and the invited account into the merged
 * account exactly as the Partner Center article describes, and previews that outcome.
 *
 * - The initiator becomes the partner global account (PGA); the invited PGA becomes a
 *   location; all its locations move under the PGA; every MPN ID is kept.
 * - Users keep their roles (location-scoped roles included); tenants sit side by side.
 * - Competencies: highest level awarded; every benefit package kept until renewal, then
 *   one package renewing on the latest expiry date.
 * - Action Pack: latest anniversary kept; each purchase retained until renewal.
 * - Offers, co-sell pipeline, MCP IDs (re-associated to the PGA), advanced
 *   specializations, software assurance vouchers and Azure Expert MSP are retained.
 */
import { DomainError } from '../errors.js';
import { userKey } from '../accounts/validation.js';
import type {
  ActionPackPurchase,
  BenefitPackage,
  Competency,
  CompetencyLevel,
  FromOrigin,
  IsoDate,
  IsoMonth,
  MpnId,
  PartnerAccount,
  PartnerUser,
  RoleAssignment,
} from '../model.js';

const LEVEL_RANK: Readonly<Record<CompetencyLevel, number>> = { silver: 1, gold: 2 };

/** Which of the two accounts an item came from. */
export type MergeSide = 'initiator' | 'invited';

export interface SideCounts {
  readonly initiator: number;
  readonly invited: number;
  readonly total: number;
}

export type MergeAdvice = 'check-bank-and-tax' | 'licenses-stay-in-tenant';

export interface RenewalOutlook {
  /** When all benefit packages renew as one (latest expiry); undefined without packages. */
  readonly on: IsoDate | undefined;
  /** One Action Pack per partner global account. */
  readonly actionPacks: 0 | 1;
  readonly actionPackAnniversary: IsoMonth | undefined;
  /** One core benefits package, tied to the highest attainment. */
  readonly coreBenefitsPackages: 0 | 1;
  readonly highestLevel: CompetencyLevel | undefined;
  /** Competencies kept, each with its competency-specific benefits. */
  readonly competencies: readonly string[];
}

/** After renewal the accounts are one company (standard renewal rules). */
export function renewalOutlook(account: PartnerAccount): RenewalOutlook {
  const packages = packagesOf(account);
  const levels = account.competencies.map((c) => c.level);
  return {
    on: latest(packages.map((p) => p.expiresOn)),
    actionPacks: account.actionPacks.length > 0 || account.actionPackAnniversary !== undefined ? 1 : 0,
    actionPackAnniversary: account.actionPackAnniversary ?? latest(account.actionPacks.map((p) => p.anniversary)),
    coreBenefitsPackages: packages.length > 0 ? 1 : 0,
    highestLevel: levels.includes('gold') ? 'gold' : levels.includes('silver') ? 'silver' : undefined,
    competencies: account.competencies.map((c) => c.name),
  };
}

export interface MergePreview {
  readonly pga: { readonly globalMpnId: MpnId; readonly companyName: string };
  readonly absorbed: { readonly globalMpnId: MpnId; readonly companyName: string };
  readonly irreversible: true;
  /** Every location of the merged account; the absorbed PGA shows as `formerGlobal`. */
  readonly locations: readonly {
    readonly mpnId: MpnId;
    readonly name: string;
    readonly side: MergeSide;
    readonly formerGlobal: boolean;
  }[];
  /** Tenants are not merged: both keep access, each managing its own users. */
  readonly tenants: readonly {
    readonly tenantId: string;
    readonly domains: readonly string[];
    readonly side: MergeSide;
  }[];
  readonly competencies: readonly {
    readonly name: string;
    readonly level: CompetencyLevel;
    readonly levels: readonly { readonly side: MergeSide; readonly level: CompetencyLevel }[];
    /** Awarded at a higher level than one side had. */
    readonly upgraded: boolean;
  }[];
  readonly benefitPackages: readonly (BenefitPackage & { readonly side: MergeSide })[];
  /** The single package renewal date (latest expiry), if any packages exist. */
  readonly benefitsRenewOn: IsoDate | undefined;
  readonly actionPack: {
    readonly kept: IsoMonth | undefined;
    readonly initiator: IsoMonth | undefined;
    readonly invited: IsoMonth | undefined;
  };
  /** Users are carried over with their roles intact. */
  readonly users: SideCounts;
  readonly retained: {
    readonly offers: SideCounts;
    readonly coSellPipeline: SideCounts;
    readonly mcpIds: SideCounts;
    readonly advancedSpecializations: SideCounts;
    readonly softwareAssuranceVouchers: SideCounts;
    readonly azureExpertMsp: SideCounts;
  };
  /** What happens at the next renewal, when the accounts are treated as one company. */
  readonly renewal: RenewalOutlook;
  /** Advice codes; text in the merge catalog as `merge.advice.<code>`. */
  readonly advice: readonly MergeAdvice[];
  /** The account as it will look (version and timestamps aside). */
  readonly result: PartnerAccount;
}

function assertMergeable(initiator: PartnerAccount, invited: PartnerAccount): void {
  for (const account of [initiator, invited]) {
    if (account.status !== 'active') {
      throw new DomainError('account-not-active', { mpnId: account.globalMpnId, mergedInto: account.mergedInto ?? '' });
    }
  }
  if (initiator.globalMpnId === invited.globalMpnId)
    throw new DomainError('self-merge', { mpnId: invited.globalMpnId });
}

/** The merged account. Throws a DomainError for inactive accounts or a self-merge. */
export function executeMerge(initiator: PartnerAccount, invited: PartnerAccount, now: Date): PartnerAccount {
  assertMergeable(initiator, invited);
  return { ...combine(initiator, invited), updatedAt: now.toISOString() };
}

/** The invited account after the merge: kept for history, no longer resolvable by MPN ID. */
export function markAbsorbed(invited: PartnerAccount, pga: PartnerAccount, now: Date): PartnerAccount {
  return {
    ...invited,
    status: 'merged',
    mergedInto: pga.globalMpnId,
    mergedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function previewMerge(initiator: PartnerAccount, invited: PartnerAccount): MergePreview {
  assertMergeable(initiator, invited);
  const result = combine(initiator, invited);
  const sideOf = sideResolver(initiator, invited);
  const count = <T>(pick: (a: PartnerAccount) => readonly T[] | number): SideCounts => {
    const n = (a: PartnerAccount): number => {
      const v = pick(a);
      return typeof v === 'number' ? v : v.length;
    };
    return { initiator: n(initiator), invited: n(invited), total: n(result) };
  };
  const levelsByName = new Map<string, { side: MergeSide; level: CompetencyLevel }[]>();
  for (const [side, account] of [
    ['initiator', initiator],
    ['invited', invited],
  ] as const) {
    for (const c of account.competencies) {
      const key = competencyKey(c.name);
      levelsByName.set(key, [...(levelsByName.get(key) ?? []), { side, level: c.level }]);
    }
  }
  return {
    pga: { globalMpnId: initiator.globalMpnId, companyName: initiator.companyName },
    absorbed: { globalMpnId: invited.globalMpnId, companyName: invited.companyName },
    irreversible: true,
    locations: result.locations.map((l) => ({
      mpnId: l.mpnId,
      name: l.name,
      side: sideOf(l),
      formerGlobal: l.mpnId === invited.globalMpnId,
    })),
    tenants: result.tenants.map((t) => ({ tenantId: t.tenantId, domains: t.domains, side: sideOf(t) })),
    competencies: result.competencies.map((c) => {
      const levels = levelsByName.get(competencyKey(c.name)) ?? [];
      return {
        name: c.name,
        level: c.level,
        levels,
        upgraded: levels.some((l) => LEVEL_RANK[l.level] < LEVEL_RANK[c.level]),
      };
    }),
    benefitPackages: result.benefitPackages.map((p) => ({ ...p, side: sideOf(p) })),
    benefitsRenewOn: result.benefitsRenewOn,
    actionPack: {
      kept: result.actionPackAnniversary,
      initiator: initiator.actionPackAnniversary,
      invited: invited.actionPackAnniversary,
    },
    users: count((a) => a.users),
    retained: {
      offers: count((a) => a.offers),
      coSellPipeline: count((a) => a.coSellPipelineCount),
      mcpIds: count((a) => a.mcpIds),
      advancedSpecializations: count((a) => a.advancedSpecializations),
      softwareAssuranceVouchers: count((a) => a.softwareAssuranceVouchers),
      azureExpertMsp: count((a) => a.azureExpertMsp),
    },
    renewal: renewalOutlook(result),
    advice: ['check-bank-and-tax', 'licenses-stay-in-tenant'],
    result,
  };
}

/** Items stamped with an origin belong to the invited side iff the origin is not the initiator's. */
function sideResolver(initiator: PartnerAccount, invited: PartnerAccount): (item: FromOrigin) => MergeSide {
  const initiatorOrigins = new Set<string>([initiator.globalMpnId, ...(initiator.mergedFrom ?? [])]);
  const invitedOrigins = new Set<string>([invited.globalMpnId, ...(invited.mergedFrom ?? [])]);
  return (item) => {
    const origin = item.originGlobalMpnId;
    if (origin !== undefined && invitedOrigins.has(origin) && !initiatorOrigins.has(origin)) return 'invited';
    return 'initiator';
  };
}

function combine(initiator: PartnerAccount, invited: PartnerAccount): PartnerAccount {
  const pgaId = initiator.globalMpnId;
  const invitedId = invited.globalMpnId;
  const packages = [...packagesOf(initiator), ...packagesOf(invited)];
  const actionPacks = [...actionPacksOf(initiator), ...actionPacksOf(invited)];
  return {
    globalMpnId: pgaId,
    companyName: initiator.companyName,
    status: 'active',
    mergedFrom: [...(initiator.mergedFrom ?? []), invitedId, ...(invited.mergedFrom ?? [])],
    locations: uniqueBy(
      [
        ...stamp(initiator.locations, pgaId),
        { mpnId: invitedId, name: invited.companyName, originGlobalMpnId: invitedId },
        ...stamp(invited.locations, invitedId),
      ],
      (l) => l.mpnId,
    ),
    tenants: mergeTenants(stamp(initiator.tenants, pgaId), stamp(invited.tenants, invitedId)),
    users: mergeUsers(initiator.users, invited.users),
    competencies: highestCompetencies([...initiator.competencies, ...invited.competencies]),
    benefitPackages: packages,
    ...optional('benefitsRenewOn', latest(packages.map((p) => p.expiresOn))),
    ...optional('actionPackAnniversary', latest(actionPacks.map((p) => p.anniversary))),
    actionPacks,
    azureExpertMsp: [...initiator.azureExpertMsp, ...invited.azureExpertMsp],
    advancedSpecializations: uniqueBy(
      [...stamp(initiator.advancedSpecializations, pgaId), ...stamp(invited.advancedSpecializations, invitedId)],
      (s) => `${s.originGlobalMpnId ?? ''}|${s.name}`,
    ),
    softwareAssuranceVouchers: uniqueBy(
      [...stamp(initiator.softwareAssuranceVouchers, pgaId), ...stamp(invited.softwareAssuranceVouchers, invitedId)],
      (v) => v.voucherId,
    ),
    mcpIds: uniqueBy(
      [...stamp(initiator.mcpIds, pgaId), ...stamp(invited.mcpIds, invitedId)].map((m) => ({
        ...m,
        associatedMpnId: pgaId,
      })),
      (m) => m.mcpId,
    ),
    offers: uniqueBy([...stamp(initiator.offers, pgaId), ...stamp(invited.offers, invitedId)], (o) => o.offerId),
    coSellPipelineCount: initiator.coSellPipelineCount + invited.coSellPipelineCount,
    watchers: uniqueBy([...initiator.watchers, ...invited.watchers], userKey),
    version: initiator.version,
  };
}

/** An account that never merged has one package per competency expiry date. */
export function packagesOf(account: PartnerAccount): BenefitPackage[] {
  if (account.benefitPackages.length > 0) return [...account.benefitPackages];
  const byExpiry = new Map<string, BenefitPackage>();
  for (const c of account.competencies) {
    const existing = byExpiry.get(c.benefitsExpireOn);
    const entry = { name: c.name, level: c.level };
    byExpiry.set(c.benefitsExpireOn, {
      originGlobalMpnId: account.globalMpnId,
      expiresOn: c.benefitsExpireOn,
      competencies: [...(existing?.competencies ?? []), entry],
    });
  }
  return [...byExpiry.values()].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
}

function actionPacksOf(account: PartnerAccount): ActionPackPurchase[] {
  if (account.actionPacks.length > 0) return [...account.actionPacks];
  return account.actionPackAnniversary === undefined
    ? []
    : [{ originGlobalMpnId: account.globalMpnId, anniversary: account.actionPackAnniversary }];
}

function competencyKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Same competency on both sides: the highest level wins (ties: the later benefits expiry). */
function highestCompetencies(all: readonly Competency[]): Competency[] {
  const best = new Map<string, Competency>();
  for (const c of all) {
    const key = competencyKey(c.name);
    const current = best.get(key);
    const better =
      current === undefined ||
      LEVEL_RANK[c.level] > LEVEL_RANK[current.level] ||
      (c.level === current.level && c.benefitsExpireOn > current.benefitsExpireOn);
    if (better) best.set(key, c);
  }
  return [...best.values()];
}

function mergeTenants<T extends { tenantId: string; domains: readonly string[] }>(
  a: readonly T[],
  b: readonly T[],
): T[] {
  const byId = new Map<string, T>();
  for (const tenant of [...a, ...b]) {
    const key = tenant.tenantId.toLowerCase();
    const existing = byId.get(key);
    byId.set(
      key,
      existing === undefined ? tenant : { ...existing, domains: unique([...existing.domains, ...tenant.domains]) },
    );
  }
  return [...byId.values()];
}

/** Users keep every role; a person present on both sides ends up with the union. */
function mergeUsers(a: readonly PartnerUser[], b: readonly PartnerUser[]): PartnerUser[] {
  const byKey = new Map<string, PartnerUser>();
  for (const user of [...a, ...b]) {
    const key = userKey(user);
    const existing = byKey.get(key);
    byKey.set(
      key,
      existing === undefined
        ? user
        : {
            ...existing,
            roles: uniqueBy<RoleAssignment>(
              [...existing.roles, ...user.roles],
              (r) => `${r.role}|${r.scopeMpnId ?? ''}`,
            ),
          },
    );
  }
  return [...byKey.values()];
}

function stamp<T extends FromOrigin>(items: readonly T[], origin: MpnId): T[] {
  return items.map((item) => (item.originGlobalMpnId === undefined ? { ...item, originGlobalMpnId: origin } : item));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Latest of ISO dates/months (they sort lexicographically). */
function latest(values: readonly string[]): string | undefined {
  return values.reduce<string | undefined>((max, v) => (max === undefined || v > max ? v : max), undefined);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
