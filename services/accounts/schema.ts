/** The zod schema of partner accounts as they appear in import/export files. */
import { z } from 'zod';
import { PARTNER_CENTER_ROLES } from '../model.js';
import { isGuid, isMpnId } from './validation.js';

const mpnId = z.string().refine(isMpnId, 'must be an MPN ID: 6 to 10 digits');
const guid = z.string().refine(isGuid, 'must be a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const isoDate = z.iso.date('must be a date like 2020-12-01');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2020-10');
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be a timestamp like 2020-12-01T10:00:00Z' });
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name like contoso.com',
  );
const level = z.enum(['silver', 'gold']);
const origin = { originGlobalMpnId: mpnId.optional() };
const list = <T extends z.ZodType>(item: T) => z.array(item).max(100_000).default([]);

const roleAssignment = z.strictObject({ role: z.enum(PARTNER_CENTER_ROLES), scopeMpnId: mpnId.optional() });

export const partnerUserSchema = z.strictObject({
  aadObjectId: guid,
  tenantId: guid,
  // Empty: unknown (a person picked in Teams with no directory to ask for their user name).
  upn: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be a user name like name@contoso.com')
      .max(320),
  ]),
  displayName: text(256),
  roles: z.array(roleAssignment).max(50).default([]),
});

const personRef = z.strictObject({ aadObjectId: guid, tenantId: guid, displayName: text(256) });

export const watcherSchema = z.strictObject({
  aadObjectId: guid,
  tenantId: guid,
  displayName: text(256),
  upn: z.string().trim().max(320).optional(),
  /** Who added the person in Teams, and when (exports carry it; absent for imported watchers). */
  addedBy: personRef.optional(),
  addedAt: isoDateTime.optional(),
});

/** The account's own trail (registration, people, locations and managers-list changes), kept as exported. */
const trailPerson = personRef.extend({ upn: z.string().trim().max(320).optional() });
const accountAuditSchema = z.discriminatedUnion('action', [
  z.strictObject({
    at: isoDateTime,
    action: z.enum(['watcher-added', 'watcher-removed', 'watcher-stopped']),
    actor: personRef,
    watcher: trailPerson,
  }),
  z.strictObject({
    at: isoDateTime,
    action: z.enum(['user-added', 'user-removed', 'user-roles-changed']),
    actor: personRef,
    user: trailPerson,
    roles: z.array(roleAssignment).max(50),
  }),
  z.strictObject({
    at: isoDateTime,
    action: z.literal('registered'),
    actor: personRef,
    user: trailPerson,
    registrationId: z.string().max(100),
  }),
  z.strictObject({
    at: isoDateTime,
    action: z.literal('location-added'),
    actor: personRef,
    location: z.strictObject({ mpnId, name: text(200) }),
  }),
]);

export const partnerAccountSchema = z.strictObject({
  globalMpnId: mpnId,
  companyName: text(200),
  status: z.enum(['active', 'merged']).default('active'),
  mergedInto: mpnId.optional(),
  mergedAt: isoDateTime.optional(),
  mergedFrom: z.array(mpnId).optional(),
  locations: list(z.strictObject({ mpnId, name: text(200), country: z.string().trim().max(64).optional(), ...origin })),
  tenants: z
    .array(z.strictObject({ tenantId: guid, domains: z.array(domain).min(1, 'needs at least one domain'), ...origin }))
    .min(1, 'needs at least one tenant'),
  users: list(partnerUserSchema),
  competencies: list(z.strictObject({ name: text(200), level, benefitsExpireOn: isoDate })),
  benefitPackages: list(
    z.strictObject({
      originGlobalMpnId: mpnId,
      expiresOn: isoDate,
      competencies: z.array(z.strictObject({ name: text(200), level })),
    }),
  ),
  benefitsRenewOn: isoDate.optional(),
  actionPackAnniversary: isoMonth.optional(),
  actionPacks: list(z.strictObject({ originGlobalMpnId: mpnId, anniversary: isoMonth })),
  azureExpertMsp: list(z.strictObject({ originGlobalMpnId: mpnId, benefitsExpireOn: isoDate.optional() })),
  advancedSpecializations: list(z.strictObject({ name: text(200), ...origin })),
  softwareAssuranceVouchers: list(
    z.strictObject({ voucherId: text(100), product: text(200), expiresOn: isoDate.optional(), ...origin }),
  ),
  mcpIds: list(
    z.strictObject({
      mcpId: z.string().regex(/^[0-9]{1,12}$/, 'must be an MCP ID (digits)'),
      displayName: text(256).optional(),
      associatedMpnId: mpnId,
      ...origin,
    }),
  ),
  offers: list(z.strictObject({ offerId: text(200), name: text(200), ...origin })),
  coSellPipelineCount: z.number().int('must be a whole number').min(0).max(10_000_000).default(0),
  watchers: list(watcherSchema),
  audit: z.array(accountAuditSchema).max(100_000).optional(),
  /** Accepted (exports carry it) and ignored: the store owns versions. */
  version: z.number().int().min(0).optional(),
  updatedAt: isoDateTime.optional(),
});

export const ACCOUNTS_FILE_FORMAT = 'partner-merge-bot/accounts';

export const accountsFileSchema = z.strictObject({
  format: z.literal(ACCOUNTS_FILE_FORMAT).optional(),
  formatVersion: z.literal(1).optional(),
  exportedAt: z.string().optional(),
  accounts: z.array(partnerAccountSchema),
});

export type PartnerAccountInput = z.output<typeof partnerAccountSchema>;
