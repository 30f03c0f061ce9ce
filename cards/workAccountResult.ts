import template from './workAccountResult.json' with { type: 'json' };
import { defineCard, userText } from './render.js';
import { t, type MessageKey } from '../services/i18n/index.js';
import type { WorkAccountMessageKey } from '../services/i18n/catalogs/workAccount.js';
import { LINKS, type AdminRole, type CheckId, type CheckStatus, type LinkId, type ReportMessage, type Verdict, type WorkAccountReport } from '../services/workAccount/report.js';

/** Result of the work-account check: verdict on top, facts, what was checked, next steps. */
export interface WorkAccountResultCardData {
  readonly verdict: {
    readonly icon: string;
    readonly title: string;
    readonly summary: string;
    /** Container style of the verdict band. */
    readonly style: 'good' | 'attention' | 'warning';
  };
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly checksTitle: string;
  readonly checks: ReadonlyArray<{ readonly text: string }>;
  readonly nextStepsTitle: string;
  readonly steps: ReadonlyArray<{ readonly text: string }>;
  readonly links: ReadonlyArray<{ readonly title: string; readonly url: string }>;
  readonly checkAnother: { readonly title: string; readonly command: string };
}

export const workAccountResultCard = defineCard<WorkAccountResultCardData>('workAccountResult', template);

/** The command the "Check another" button sends in English (understood by the main dialog; Dutch: "domein controleren"). */
export const CHECK_ANOTHER_COMMAND = 'check domain';

const VERDICTS: Readonly<Record<Verdict, { key: WorkAccountMessageKey; icon: string; style: WorkAccountResultCardData['verdict']['style'] }>> = {
  ready: { key: 'workAccount.verdict.ready', icon: '✅', style: 'good' },
  unconfirmed: { key: 'workAccount.verdict.unconfirmed', icon: '⚠️', style: 'warning' },
  'not-allowed': { key: 'workAccount.verdict.notAllowed', icon: '⛔', style: 'attention' },
  'no-work-account': { key: 'workAccount.verdict.noWorkAccount', icon: 'ℹ️', style: 'warning' },
  'needs-different-domain': { key: 'workAccount.verdict.needsDifferentDomain', icon: '↪️', style: 'warning' },
  'needs-admin-role': { key: 'workAccount.verdict.needsAdminRole', icon: '🔒', style: 'attention' },
  'cannot-check': { key: 'workAccount.verdict.cannotCheck', icon: '❔', style: 'warning' },
  'invalid-input': { key: 'workAccount.verdict.invalidInput', icon: '❌', style: 'attention' },
};


const STATUS_ICONS: Readonly<Record<CheckStatus, string>> = { pass: '✅', fail: '❌', warn: '⚠️', unknown: '❔', skipped: '➖' };

const CHECK_LABELS: Readonly<Record<CheckId, WorkAccountMessageKey>> = {
  syntax: 'workAccount.check.syntax',
  consumer: 'workAccount.check.consumer',
  tenant: 'workAccount.check.tenant',
  ownTenant: 'workAccount.check.ownTenant',
  headquarters: 'workAccount.check.headquarters',
  role: 'workAccount.check.role',
};

const LINK_TITLES: Readonly<Record<LinkId, WorkAccountMessageKey>> = {
  partnerCenter: 'workAccount.card.openPartnerCenter',
  entraDomains: 'workAccount.card.openEntraDomains',
  adminConsent: 'workAccount.card.openAdminConsent',
};

const ROLE_NAMES: Readonly<Record<AdminRole, WorkAccountMessageKey>> = {
  globalAdministrator: 'workAccount.roleName.global',
  userAdministrator: 'workAccount.roleName.user',
};

/** Parameters are domains, tenant names and the like: always escaped. */
function render(locale: string | undefined, message: ReportMessage): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = typeof value === 'string' ? userText(value) : value;
  return t(locale, message.key, params);
}

function facts(report: WorkAccountReport, locale: string | undefined): Array<{ title: string; value: string }> {
  const f = report.facts;
  const label = (key: MessageKey): string => t(locale, key);
  const yesNo = (value: boolean): string => label(value ? 'workAccount.value.yes' : 'workAccount.value.no');
  const rows: Array<{ title: string; value: string } | undefined> = [
    { title: label('workAccount.fact.checked'), value: userText(f.input, 120) },
    f.domain !== undefined && f.domain !== f.input ? { title: label('workAccount.fact.domain'), value: userText(f.domain) } : undefined,
    f.unicodeDomain !== undefined ? { title: label('workAccount.fact.unicodeDomain'), value: userText(f.unicodeDomain) } : undefined,
    f.consumerProvider !== undefined ? { title: label('workAccount.fact.provider'), value: userText(f.consumerProvider) } : undefined,
    f.tenant?.displayName !== undefined ? { title: label('workAccount.fact.tenantName'), value: userText(f.tenant.displayName) } : undefined,
    f.tenant !== undefined ? { title: label('workAccount.fact.tenantId'), value: userText(f.tenant.tenantId) } : undefined,
    f.tenant?.defaultDomainName !== undefined ? { title: label('workAccount.fact.defaultDomain'), value: userText(f.tenant.defaultDomainName) } : undefined,
    f.tenant !== undefined ? { title: label('workAccount.fact.source'), value: label(`workAccount.source.${f.tenant.source}`) } : undefined,
    f.ownTenant !== undefined && f.ownTenant.listed ? { title: label('workAccount.fact.verified'), value: yesNo(f.ownTenant.verified) } : undefined,
    f.ownTenant !== undefined
      ? {
          title: label('workAccount.fact.otherDomains'),
          value: f.ownTenant.otherVerifiedDomains.length > 0 ? userText(f.ownTenant.otherVerifiedDomains.join(', ')) : label('workAccount.value.none'),
        }
      : undefined,
    f.headquarters?.kind === 'regional' ? { title: label('workAccount.fact.suggested'), value: userText(f.headquarters.suggested) } : undefined,
    f.role !== undefined
      ? {
          title: label('workAccount.fact.roles'),
          value: f.role.roles.length > 0 ? f.role.roles.map((r) => label(ROLE_NAMES[r])).join(', ') : label('workAccount.value.noRole'),
        }
      : undefined,
  ];
  return rows.filter((row): row is { title: string; value: string } => row !== undefined);
}

/** The verdict's one-line reason: the first failed check, else the first unknown, else the tenant. */
function summaryOf(report: WorkAccountReport): ReportMessage | undefined {
  const by = (status: CheckStatus) => report.checks.find((c) => c.status === status);
  return (by('fail') ?? by('unknown') ?? report.checks.find((c) => c.id === 'tenant') ?? report.checks[0])?.message;
}

export function workAccountResultData(report: WorkAccountReport, locale: string | undefined): WorkAccountResultCardData {
  const verdict = VERDICTS[report.verdict];
  const summary = summaryOf(report);
  // Fixed links once each; a case-specific one (admin consent for a tenant) with its own address.
  const all = [...new Map(report.nextSteps.flatMap((s) => (s.link === undefined ? [] : [[s.link, s.link === 'adminConsent' ? s.url : LINKS[s.link]] as const]))).entries()].filter(
    (entry): entry is [LinkId, string] => entry[1] !== undefined,
  );
  // Consent comes first: enrollment is for after a full check, and three buttons overflow at 512 px.
  const links = all.some(([link]) => link === 'adminConsent') ? all.filter(([link]) => link !== 'partnerCenter') : all;
  return {
    verdict: {
      icon: verdict.icon,
      title: t(locale, verdict.key),
      summary: summary ? render(locale, summary) : '',
      style: verdict.style,
    },
    facts: facts(report, locale),
    checksTitle: t(locale, 'workAccount.card.checks'),
    checks: report.checks.map((c) => ({ text: `${STATUS_ICONS[c.status]} **${t(locale, CHECK_LABELS[c.id])}**: ${render(locale, c.message)}` })),
    nextStepsTitle: t(locale, 'workAccount.card.nextSteps'),
    steps: report.nextSteps.map((s, i) => ({ text: `${i + 1}. ${render(locale, s.message)}` })),
    links: links.map(([link, url]) => ({ title: t(locale, LINK_TITLES[link]), url })),
    checkAnother: { title: t(locale, 'workAccount.card.checkAnother'), command: t(locale, 'core.command.checkDomain') },
  };
}
