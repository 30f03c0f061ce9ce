import template from './workAccountResult.json' with { type: 'json' };
import { defineCard, userText } from './render.js';
import { t, type MessageKey } from '../services/i18n/index.js';
import type { WorkAccountCardMessageKey } from '../services/i18n/catalogs/workAccountCard.js';
import {
  LINKS,
  type CheckOutcome,
  type ReportMessage,
  type WorkAccountReport,
} from '../services/workAccount/report.js';
import { situationOf, type Situation } from '../services/workAccount/situation.js';

/**
 * The work-account result, one card per situation in the Approvals style of the merge cards:
 * the verdict as title with a status pill, one line on what it means, the 2–4 facts that
 * decide, one primary button for the next step; the article's three questions, what was
 * checked and the tenant's reference behind "Show details". A value appears once per card.
 */
export interface WorkAccountResultCardData {
  readonly header: {
    readonly title: string;
    readonly status: string;
    readonly style: 'good' | 'attention' | 'warning';
  };
  readonly summary: string;
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /** A link (`url`) or a command the bot understands (`command`); the other is ''. */
  readonly primary: Button;
  /** '' command: no second button. */
  readonly secondary: Pick<Button, 'title' | 'command'>;
  readonly detailsButton: string;
  readonly details: {
    readonly pathTitle: string;
    readonly path: ReadonlyArray<{ readonly question: string; readonly answer: string }>;
    readonly checksTitle: string;
    readonly checks: ReadonlyArray<{ readonly text: string }>;
    readonly reference: string;
  };
}

interface Button {
  readonly title: string;
  readonly url: string;
  readonly command: string;
}

export const workAccountResultCard = defineCard<WorkAccountResultCardData>('workAccountResult', template);

/** The command the "Check another" button sends (understood in both languages). */
export const CHECK_ANOTHER_COMMAND = 'check domain';

type Key = WorkAccountCardMessageKey;
type Fact = { readonly title: string; readonly value: string };
type PathAnswers = readonly [Key, Key, Key] | undefined;

/** What differs per situation; the rest of the card is built the same way for all. */
interface Spec {
  readonly facts: ReadonlyArray<Fact | undefined>;
  readonly primary: Button;
  readonly secondary?: Pick<Button, 'title' | 'command'>;
  readonly path: PathAnswers;
  /** A summary of the card's own (a reason, a hint) instead of the situation's text. */
  readonly summary?: string;
}

const STYLES: Readonly<Record<Situation, WorkAccountResultCardData['header']['style']>> = {
  ready: 'good',
  regional: 'warning',
  otherTenant: 'attention',
  unverified: 'warning',
  personal: 'attention',
  noWorkAccount: 'warning',
  needsRole: 'attention',
  consent: 'warning',
  unconfirmed: 'warning',
  cannotCheck: 'warning',
  invalid: 'attention',
};

const HAS_TENANT: PathAnswers = ['waCard.path.have.yes', 'waCard.path.signIn.work', 'waCard.path.newOne.consider'];

class CardText {
  constructor(
    readonly report: WorkAccountReport,
    readonly locale: string | undefined,
  ) {}

  say(key: Key | MessageKey, params: Record<string, string | number> = {}): string {
    return t(this.locale, key, params);
  }

  /** A report message with its values (domains, names) escaped. */
  render(message: ReportMessage): string {
    const params = Object.fromEntries(
      Object.entries(message.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? userText(v) : v]),
    );
    return t(this.locale, message.key, params);
  }

  get domain(): string {
    const f = this.report.facts;
    return userText(f.unicodeDomain ?? f.domain ?? f.input, 120);
  }

  get organization(): string | undefined {
    const name = this.report.facts.tenant?.displayName ?? this.report.consent?.organization;
    return name === undefined ? undefined : userText(name, 120);
  }

  fact(title: Key, value: string | undefined): Fact | undefined {
    return value === undefined || value === '' ? undefined : { title: this.say(title), value };
  }

  link(title: Key, url: string): Button {
    return { title: this.say(title), url, command: '' };
  }

  command(title: Key, command: string, params: Record<string, string> = {}): Button {
    return { title: this.say(title, params), url: '', command };
  }

  /** Checks the same address or domain again, as typed (after consent, or later). */
  get checkAgain(): Button {
    return this.command('waCard.button.checkAgain', `check ${this.report.facts.input}`);
  }

  get checkAnother(): Button {
    return this.command('waCard.button.checkAnother', CHECK_ANOTHER_COMMAND);
  }
}

function specFor(situation: Situation, c: CardText): Spec {
  const { facts } = c.report;
  const org = c.fact('waCard.fact.organization', c.organization);
  switch (situation) {
    case 'ready':
      return {
        facts: [org, c.fact('waCard.fact.yourRole', roles(c))],
        primary: c.link('waCard.button.enroll', LINKS.partnerCenter),
        secondary: c.checkAnother,
        path: HAS_TENANT,
      };
    case 'regional':
      return regionalSpec(c, org);
    case 'otherTenant':
      return {
        facts: [c.fact('waCard.fact.owner', c.organization ?? userText(facts.tenant?.tenantId ?? ''))],
        primary: c.checkAnother,
        path: undefined,
      };
    case 'unverified':
      return unverifiedSpec(c, org);
    case 'personal':
      return {
        facts: [
          c.fact('waCard.fact.youChecked', userText(facts.input, 120)),
          c.fact('waCard.fact.provider', userText(facts.consumerProvider ?? '')),
        ],
        primary: c.link('waCard.button.createWorkAccount', LINKS.createWorkAccount),
        secondary: c.checkAnother,
        path: ['waCard.path.have.personal', 'waCard.path.signIn.work', 'waCard.path.newOne.ifNone'],
      };
    case 'noWorkAccount':
      return {
        facts: [c.fact('waCard.fact.youChecked', userText(facts.input, 120))],
        primary: c.link('waCard.button.createWorkAccount', LINKS.createWorkAccount),
        secondary: c.checkAnother,
        path: ['waCard.path.have.no', 'waCard.path.signIn.later', 'waCard.path.newOne.create'],
      };
    case 'needsRole':
      return {
        facts: [
          org,
          c.fact('waCard.fact.yourRole', c.say('waCard.value.noRole')),
          c.fact('waCard.fact.needed', c.say('waCard.value.neededRoles')),
        ],
        primary: c.link('waCard.button.findAdmins', LINKS.entraRoles),
        secondary: c.checkAnother,
        path: HAS_TENANT,
      };
    case 'consent':
      return consentSpec(c);
    case 'unconfirmed':
      return unconfirmedSpec(c, org);
    case 'cannotCheck':
      return {
        facts: [],
        primary: c.checkAgain,
        secondary: c.checkAnother,
        path: undefined,
        summary: `${firstUnknownReason(c)} ${c.say('waCard.summary.cannotCheck')}`,
      };
    case 'invalid': {
      const hint = c.render(c.report.checks[0]?.message ?? { key: 'workAccount.syntax.invalidDomain' });
      return {
        facts: [c.fact('waCard.fact.youChecked', userText(facts.input, 120))],
        primary: c.checkAnother,
        path: undefined,
        summary: `${hint} ${c.say('waCard.summary.invalid')}`,
      };
    }
  }
}

/** A regional domain: the headquarters domain is the one to check instead. */
function regionalSpec(c: CardText, org: Fact | undefined): Spec {
  const { facts } = c.report;
  const suggested = facts.headquarters?.kind === 'regional' ? facts.headquarters.suggested : '';
  return {
    facts: [c.fact('waCard.fact.youChecked', c.domain), c.fact('waCard.fact.headquarters', userText(suggested)), org],
    // The one button besides the details: it checks a domain itself, and a long one needs the room.
    primary: c.command('waCard.button.checkInstead', `check ${suggested}`, { domain: userText(suggested) }),
    path: HAS_TENANT,
  };
}

/** The domain is in the admin's tenant but not verified there. */
function unverifiedSpec(c: CardText, org: Fact | undefined): Spec {
  const { facts } = c.report;
  const verified = facts.ownTenant?.otherVerifiedDomains ?? [];
  return {
    facts: [
      org,
      c.fact(
        'waCard.fact.verifiedDomains',
        verified.length > 0 ? userText(verified.join(', ')) : c.say('waCard.value.noneVerified'),
      ),
    ],
    primary: c.link('waCard.button.customDomains', LINKS.entraDomains),
    secondary: c.checkAnother,
    path: HAS_TENANT,
  };
}

function consentSpec(c: CardText): Spec {
  const organization = c.organization ?? c.say('waCard.value.orgOfDomain', { domain: c.domain });
  return {
    facts: [
      c.fact('waCard.fact.organization', organization),
      c.fact('waCard.fact.whoCan', c.say('waCard.value.globalAdmin')),
      c.fact('waCard.fact.whatItReads', c.say('waCard.value.reads')),
    ],
    primary: c.link('waCard.button.grantConsent', c.report.consent?.url ?? ''),
    secondary: c.checkAgain,
    path: c.report.facts.tenant ? HAS_TENANT : undefined,
  };
}

function unconfirmedSpec(c: CardText, org: Fact | undefined): Spec {
  const unknown = c.report.checks.filter(
    (check) => check.status === 'unknown' && (check.id === 'role' || check.id === 'headquarters'),
  );
  const names = unknown
    .map((check) => c.say(check.id === 'role' ? 'waCard.value.yourRoleCheck' : 'waCard.value.hqCheck'))
    .join(', ');
  return {
    facts: [org, c.fact('waCard.fact.notChecked', names)],
    primary: c.report.retryLater ? c.checkAgain : c.link('waCard.button.enroll', LINKS.partnerCenter),
    secondary: c.checkAnother,
    path: HAS_TENANT,
    summary: c.report.retryLater
      ? `${firstUnknownReason(c)} ${c.say('waCard.summary.cannotCheck')}`
      : firstUnknownReason(c),
  };
}

function firstUnknownReason(c: CardText): string {
  const unknown = c.report.checks.find((check) => check.status === 'unknown');
  return unknown ? c.render(unknown.message) : '';
}

function roles(c: CardText): string | undefined {
  const held = c.report.facts.role?.roles ?? [];
  return held.length > 0
    ? held
        .map((r) => c.say(r === 'globalAdministrator' ? 'workAccount.roleName.global' : 'workAccount.roleName.user'))
        .join(', ')
    : undefined;
}

const LINES: Readonly<Record<Exclude<CheckOutcome['id'], 'ownTenant'>, Partial<Record<CheckOutcome['status'], Key>>>> =
  {
    syntax: { pass: 'waCard.check.syntax' },
    consumer: { pass: 'waCard.check.consumer.pass', fail: 'waCard.check.consumer.fail' },
    tenant: { pass: 'waCard.check.tenant.pass', fail: 'waCard.check.tenant.fail' },
    headquarters: { pass: 'waCard.check.hq.pass', fail: 'waCard.check.hq.fail', warn: 'waCard.check.hq.warn' },
    role: { pass: 'waCard.check.role.pass', fail: 'waCard.check.role.fail' },
  };

/** Which of the tenant outcomes it was, by the report's message. */
const OWN_TENANT_LINES: Readonly<Partial<Record<string, Key>>> = {
  'workAccount.ownTenant.verifiedDefault': 'waCard.check.ownTenant.default',
  'workAccount.ownTenant.verified': 'waCard.check.ownTenant.verified',
  'workAccount.ownTenant.yours': 'waCard.check.ownTenant.pass',
  'workAccount.ownTenant.otherTenant': 'waCard.check.ownTenant.fail',
  'workAccount.ownTenant.unverified': 'waCard.check.ownTenant.unverified',
};

const CHECK_NAMES: Readonly<Record<Exclude<CheckOutcome['id'], 'syntax' | 'consumer'>, Key>> = {
  tenant: 'waCard.checkName.tenant',
  ownTenant: 'waCard.checkName.ownTenant',
  headquarters: 'waCard.checkName.headquarters',
  role: 'waCard.checkName.role',
};

/** Why a check could not be made, in a few words (the summary or facts say the rest). */
function whyKey(message: ReportMessage): Key {
  if (message.key === 'workAccount.cannot.consent' || message.key === 'workAccount.cannot.permission')
    return 'waCard.why.consent';
  if (message.key === 'workAccount.cannot.graphDisabled') return 'waCard.why.notSetUp';
  if (message.key === 'workAccount.cannot.noIdentity') return 'waCard.why.noIdentity';
  if (message.key === 'workAccount.cannot.otherTenant') return 'waCard.why.otherTenant';
  return /^workAccount\.cannot\.(timeout|network|throttled|serverError|signIn|auth|badResponse)$/.test(message.key)
    ? 'waCard.why.unavailable'
    : 'waCard.why.other';
}

/** One short line per check, without the values the facts and title show. */
function checkLine(check: CheckOutcome, c: CardText): string | undefined {
  const icon = { pass: '✅', fail: '❌', warn: '⚠️', unknown: '❔', skipped: '➖' }[check.status];
  if (check.status === 'unknown' && check.id !== 'syntax' && check.id !== 'consumer') {
    return `${icon} ${c.say('waCard.check.unknown', { what: c.say(CHECK_NAMES[check.id]), why: c.say(whyKey(check.message)) })}`;
  }
  const key = check.id === 'ownTenant' ? OWN_TENANT_LINES[check.message.key] : LINES[check.id][check.status];
  return key === undefined ? undefined : `${icon} ${c.say(key)}`;
}

function reference(situation: Situation, c: CardText, facts: ReadonlyArray<Fact>): string {
  const consent = c.report.consent;
  if (situation === 'consent' && consent)
    return c.say('waCard.reference.consent', {
      tenantId: consent.tenantId,
      permissions: consent.permissions.join(', '),
    });
  const tenant = c.report.facts.tenant;
  // The tenant id once: not when a fact already shows it.
  if (!tenant || facts.some((f) => f.value === userText(tenant.tenantId))) return '';
  return c.say('waCard.reference.tenant', {
    tenantId: tenant.tenantId,
    source: c.say(`workAccount.source.${tenant.source}`),
  });
}

export function workAccountResultData(
  report: WorkAccountReport,
  locale: string | undefined,
): WorkAccountResultCardData {
  const situation = situationOf(report);
  const c = new CardText(report, locale);
  const spec = specFor(situation, c);
  const facts = spec.facts.filter((f): f is Fact => f !== undefined);
  const [have, signIn, newOne] = spec.path ?? [];
  return {
    header: {
      title: c.say(`waCard.title.${situation}`, { domain: c.domain }),
      status: c.say(`waCard.status.${situation}`),
      style: STYLES[situation],
    },
    summary: spec.summary ?? c.say(`waCard.summary.${situation}`),
    facts,
    primary: spec.primary,
    secondary: spec.secondary ?? { title: '', command: '' },
    detailsButton: c.say('waCard.button.showDetails'),
    details: {
      pathTitle: c.say('waCard.path.title'),
      path:
        have && signIn && newOne
          ? [
              { question: c.say('waCard.path.have'), answer: c.say(have) },
              { question: c.say('waCard.path.signIn'), answer: c.say(signIn) },
              { question: c.say('waCard.path.newOne'), answer: c.say(newOne) },
            ]
          : [],
      checksTitle: c.say('waCard.checks.title'),
      checks: report.checks.flatMap((check) => {
        const line = checkLine(check, c);
        return line === undefined ? [] : [{ text: line }];
      }),
      reference: reference(situation, c, facts),
    },
  };
}
