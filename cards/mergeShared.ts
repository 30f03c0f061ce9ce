/**
 * Building blocks shared by the merge cards: the generic "section" shape that the
 * templates render (heading, facts, bullet lines, side-by-side columns, a note), the
 * preview and merged-account sections, status colours and date rendering.
 *
 * Dates: moments (created, accepted, expires, …) are rendered with the Adaptive Card
 * DATE()/TIME() functions so each Teams client shows them in the viewer's time zone and
 * language; calendar days and months (benefit expiry, Action Pack anniversary) have no
 * time zone and are formatted here in the card's language.
 */
import { userText } from './render.js';
import { REASON_MAX_LENGTH } from '../services/accounts/validation.js';
import { formatDay, languageOf, t, type MessageKey } from '../services/i18n/index.js';
import { describeAdvice } from '../services/merge/describe.js';
import type { MergeAdvice, MergePreview, MergeSide, SideCounts } from '../services/merge/execute.js';
import type {
  ActorRef,
  CompetencyLevel,
  IsoDate,
  IsoDateTime,
  IsoMonth,
  MergeRequest,
  MergeStatus,
  MpnId,
  PartnerAccount,
} from '../services/model.js';

export type Locale = string | undefined;

/** Longest company, person, location or competency name shown (longer is cut with …). */
export const NAME_MAX_LENGTH = 120;
/** Longest rejection reason: what the state machine accepts, shown in full. */
export { REASON_MAX_LENGTH };

export interface CardFact {
  readonly title: string;
  readonly value: string;
}
export interface CardLine {
  readonly text: string;
}
export interface CardColumn {
  readonly title: string;
  readonly lines: readonly CardLine[];
}
/** One titled block of a card; empty parts are left out by the templates. */
export interface CardSection {
  readonly title: string;
  readonly facts: readonly CardFact[];
  readonly lines: readonly CardLine[];
  /** Rendered side by side (at most 3, for Teams' width). */
  readonly columns: readonly CardColumn[];
  /** Small print below the section; empty hides it. */
  readonly note: string;
}

export function section(title: string, parts: Partial<Omit<CardSection, 'title'>>): CardSection {
  return { title, facts: [], lines: [], columns: [], note: '', ...parts };
}

export const bullets = (texts: readonly string[]): CardLine[] => texts.map((text) => ({ text: `• ${text}` }));

/**
 * Long lists stay readable and within Teams' ~28 KB message limit: the first `max` items,
 * then "and N more" (the full lists are in the merge history and the account export).
 */
export const LIST_MAX = 12;
export function capped<T>(
  items: readonly T[],
  max: number = LIST_MAX,
): { readonly shown: readonly T[]; readonly more: number } {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}
const moreText = (more: number, locale: Locale): string => t(locale, 'mergeCards.more', { count: more });
/** Names joined with ", ", capped, with "and N more". */
export function joinedCapped(names: readonly string[], locale: Locale, max: number = LIST_MAX): string {
  const { shown, more } = capped(names, max);
  return more > 0 ? `${shown.join(', ')} ${moreText(more, locale)}` : shown.join(', ');
}

/** User text (names) for a card: escaped, newlines flattened, length capped. */
export const name = (value: string): string => userText(value, NAME_MAX_LENGTH);

/** A rejection reason for a card: escaped, shown in full (the state machine caps it at 500). */
export const reasonText = (reason: string): string => userText(reason, REASON_MAX_LENGTH);

export type TextColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type ContainerStyle = 'emphasis' | 'accent' | 'good' | 'warning' | 'attention';

export interface StatusLook {
  readonly label: string;
  readonly color: TextColor;
  readonly style: ContainerStyle;
}

/*
 * Status is told by a tinted pill with default-coloured text: Teams' own palette puts
 * "good" green and "warning" yellow text far below WCAG AA on light backgrounds, and
 * coloured text on a container of the same colour is unreadable, so text is never coloured.
 */
const STATUS_STYLES: Readonly<Record<MergeStatus, ContainerStyle>> = {
  invited: 'accent',
  accepted: 'accent',
  rejected: 'attention',
  cancelled: 'emphasis',
  expired: 'emphasis',
  completed: 'good',
};

export function statusLook(status: MergeStatus, locale: Locale): StatusLook {
  return { label: t(locale, `mergeCards.pill.${status}`), color: 'Default', style: STATUS_STYLES[status] };
}

/** The title of a card about one merge request and its status pill. */
export interface StatusHeader {
  readonly title: string;
  /** The localized status label shown in the pill ("Waiting for approval"). */
  readonly status: string;
  /** The same as a line: "Status: Waiting for approval". */
  readonly statusLine: string;
  readonly color: TextColor;
  readonly style: ContainerStyle;
}

export function statusHeader(title: string, status: MergeStatus, locale: Locale): StatusHeader {
  const look = statusLook(status, locale);
  return {
    title,
    status: look.label,
    statusLine: t(locale, 'mergeCards.statusLine', { status: look.label }),
    color: look.color,
    style: look.style,
  };
}

/** Both companies with their global MPN IDs, and the request's reference. */
export function requestFacts(request: MergeRequest, locale: Locale): CardFact[] {
  return [
    {
      title: t(locale, 'mergeCards.fact.initiator'),
      value: companyValue(request.initiatorCompanyName, request.initiatorMpnId, locale),
    },
    {
      title: t(locale, 'mergeCards.fact.invited'),
      value: companyValue(request.invitedCompanyName, request.invitedMpnId, locale),
    },
  ];
}

/*
 * No card sets `lang`: the adaptivecards JS renderer validates it with a global RegExp
 * whose lastIndex survives between cards, so every other card would lose it. DATE() and
 * TIME() therefore follow the Teams client's language, like the rest of Teams.
 */

/** Adaptive Card DATE()/TIME() functions need strict RFC 3339 without milliseconds. */
export function moment(at: IsoDateTime): { readonly date: string; readonly time: string } {
  const stamp = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { date: `{{DATE(${stamp}, SHORT)}}`, time: `{{TIME(${stamp})}}` };
}

/** A calendar day such as a benefits expiry, in the one date format of the language ("Tue, Dec 1, 2020"). */
export function calendarDay(day: IsoDate, locale: Locale): string {
  return formatDay(day, locale);
}

/** Whether a calendar day is over (the demo's 2020 benefit dates are), so it reads as past. */
const isPast = (day: IsoDate, now: Date): boolean => `${day}T23:59:59Z` < now.toISOString();

/** A calendar month such as the Action Pack anniversary, e.g. "October 2020" / "oktober 2020". */
export function calendarMonth(month: IsoMonth, locale: Locale): string {
  return new Intl.DateTimeFormat(languageOf(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

export function companyValue(company: string, mpnId: MpnId, locale: Locale): string {
  return t(locale, 'mergeCards.value.company', { company: name(company), mpnId: name(mpnId) });
}

/** Who did something: the escaped display name, or "System" for the scheduler. */
export function actorName(actor: ActorRef, locale: Locale): string {
  return actor.kind === 'user' ? name(actor.displayName) : t(locale, 'merge.audit.system');
}

export function levelName(level: CompetencyLevel, locale: Locale): string {
  return t(locale, `mergeCards.level.${level}`);
}

/* ------------------------------------------------------------- the preview */

const RETAINED: ReadonlyArray<readonly [keyof MergePreview['retained'], MessageKey]> = [
  ['offers', 'mergeCards.retained.offers'],
  ['coSellPipeline', 'mergeCards.retained.coSellPipeline'],
  ['mcpIds', 'mergeCards.retained.mcpIds'],
  ['advancedSpecializations', 'mergeCards.retained.advancedSpecializations'],
  ['softwareAssuranceVouchers', 'mergeCards.retained.softwareAssuranceVouchers'],
  ['azureExpertMsp', 'mergeCards.retained.azureExpertMsp'],
];

function sideNames(preview: MergePreview): Readonly<Record<MergeSide, string>> {
  return { initiator: name(preview.pga.companyName), invited: name(preview.absorbed.companyName) };
}

/** "3 (Contoso 1, Fabricam 2)". */
function countValue(counts: SideCounts, sides: Readonly<Record<MergeSide, string>>): string {
  return `${counts.total} (${sides.initiator} ${counts.initiator}, ${sides.invited} ${counts.invited})`;
}

function locationsSection(preview: MergePreview, locale: Locale): CardSection {
  const { shown, more } = capped(preview.locations);
  return section(t(locale, 'mergeCards.preview.locationsTitle', { count: preview.locations.length }), {
    facts: shown.map((l) => ({
      title: name(l.mpnId),
      value: l.formerGlobal ? t(locale, 'mergeCards.preview.formerGlobal', { name: name(l.name) }) : name(l.name),
    })),
    note: more > 0 ? moreText(more, locale) : '',
  });
}

function tenantsSection(preview: MergePreview, locale: Locale): CardSection {
  const sides = sideNames(preview);
  const columns = (['initiator', 'invited'] as const)
    .map((side) => ({
      title: sides[side],
      lines: preview.tenants
        .filter((tenant) => tenant.side === side)
        .map((tenant) => ({
          text: (tenant.domains.length > 0 ? tenant.domains : [tenant.tenantId]).map(name).join(', '),
        })),
    }))
    .filter((column) => column.lines.length > 0);
  return section(t(locale, 'mergeCards.preview.tenantsTitle'), {
    columns,
    note: t(locale, 'merge.preview.tenantsNotMerged'),
  });
}

function competenciesSection(preview: MergePreview, locale: Locale): CardSection {
  const lines = preview.competencies.map((c) => {
    const params = { name: name(c.name), level: levelName(c.level, locale) };
    const lower = c.levels.find((l) => l.level !== c.level);
    return c.upgraded && lower !== undefined
      ? t(locale, 'mergeCards.preview.competencyUpgraded', { ...params, from: levelName(lower.level, locale) })
      : t(locale, 'mergeCards.preview.competency', params);
  });
  const { shown, more } = capped(lines);
  return section(t(locale, 'mergeCards.preview.competenciesTitle'), {
    lines: bullets(lines.length > 0 ? shown : [t(locale, 'mergeCards.preview.noCompetencies')]),
    note: more > 0 ? moreText(more, locale) : '',
  });
}

function benefitsSection(preview: MergePreview, locale: Locale, now: Date): CardSection | undefined {
  const sides = sideNames(preview);
  const packages = preview.benefitPackages.map((p) =>
    t(locale, isPast(p.expiresOn, now) ? 'mergeCards.preview.packageExpired' : 'mergeCards.preview.package', {
      company: sides[p.side],
      competencies: joinedCapped(
        p.competencies.map((c) => `${name(c.name)} (${levelName(c.level, locale)})`),
        locale,
        6,
      ),
      date: calendarDay(p.expiresOn, locale),
    }),
  );
  const kept = preview.actionPack.kept;
  const actionPack =
    kept === undefined ? [] : [t(locale, 'mergeCards.preview.actionPack', { month: calendarMonth(kept, locale) })];
  if (packages.length === 0 && actionPack.length === 0) return undefined;
  const renewOn = preview.benefitsRenewOn;
  const note =
    renewOn === undefined
      ? ''
      : isPast(renewOn, now)
        ? t(locale, 'merge.preview.renewedOn', { date: calendarDay(renewOn, locale) })
        : `${t(locale, 'merge.preview.benefitsUntilRenewal', { date: calendarDay(renewOn, locale) })} ${t(locale, 'merge.preview.renewal', { date: calendarDay(renewOn, locale) })}`;
  return section(t(locale, 'mergeCards.preview.benefitsTitle'), { lines: bullets([...packages, ...actionPack]), note });
}

function retainedSection(preview: MergePreview, locale: Locale): CardSection {
  const sides = sideNames(preview);
  return section(t(locale, 'mergeCards.preview.retainedTitle'), {
    facts: [
      { title: t(locale, 'mergeCards.retained.users'), value: countValue(preview.users, sides) },
      ...RETAINED.map(([key, label]) => ({ title: t(locale, label), value: countValue(preview.retained[key], sides) })),
    ],
  });
}

/**
 * What a merge will do, for the final review (confirm step and the start-merge dialog):
 * the resulting PGA, every location MPN ID, tenants side by side, competencies, benefit
 * packages with the single renewal date, Action Pack, and what is carried over.
 */
export function previewSections(preview: MergePreview, locale: Locale, now: Date = new Date()): CardSection[] {
  const pga = section(t(locale, 'mergeCards.preview.pgaTitle'), {
    facts: [
      { title: t(locale, 'mergeCards.fact.company'), value: name(preview.pga.companyName) },
      { title: t(locale, 'mergeCards.fact.globalMpnId'), value: name(preview.pga.globalMpnId) },
      {
        title: t(locale, 'mergeCards.fact.becomesLocation'),
        value: companyValue(preview.absorbed.companyName, preview.absorbed.globalMpnId, locale),
      },
    ],
  });
  const benefits = benefitsSection(preview, locale, now);
  return [
    pga,
    locationsSection(preview, locale),
    tenantsSection(preview, locale),
    competenciesSection(preview, locale),
    ...(benefits === undefined ? [] : [benefits]),
    retainedSection(preview, locale),
  ];
}

/** The compact summary for everyone but the confirming initiator: locations, tenants. */
export function previewSummarySection(preview: MergePreview, locale: Locale): CardSection {
  return section(t(locale, 'mergeCards.preview.summaryTitle'), {
    lines: bullets([
      t(locale, 'mergeCards.preview.locationsSummary', {
        company: name(preview.pga.companyName),
        mpnId: name(preview.pga.globalMpnId),
        count: preview.locations.length,
        ids: joinedCapped(
          preview.locations.map((l) => name(l.mpnId)),
          locale,
        ),
      }),
      t(locale, 'merge.preview.tenantsNotMerged'),
    ]),
  });
}

/* -------------------------------------------------------- after the merge */

/** Every advice code, in the order shown (a new code is a compile error until listed here). */
const ADVICE: Readonly<Record<MergeAdvice, true>> = { 'check-bank-and-tax': true, 'licenses-stay-in-tenant': true };
export const POST_MERGE_ADVICE: readonly MergeAdvice[] = Object.keys(ADVICE) as MergeAdvice[];

/** The merged account and the post-merge advice (check bank and tax information, …). */
export function mergedAccountSections(
  account: PartnerAccount,
  advice: readonly MergeAdvice[],
  locale: Locale,
  now: Date = new Date(),
): CardSection[] {
  const competencies = joinedCapped(
    account.competencies.map((c) => `${name(c.name)} (${levelName(c.level, locale)})`),
    locale,
  );
  const renewOn = account.benefitsRenewOn;
  const merged = section(t(locale, 'mergeCards.merged.title'), {
    facts: [
      { title: t(locale, 'mergeCards.fact.company'), value: name(account.companyName) },
      { title: t(locale, 'mergeCards.fact.globalMpnId'), value: name(account.globalMpnId) },
      {
        title: t(locale, 'mergeCards.fact.locations'),
        value: joinedCapped(
          account.locations.map((l) => name(l.mpnId)),
          locale,
        ),
      },
      {
        title: t(locale, 'mergeCards.fact.tenants'),
        value: joinedCapped(
          account.tenants.flatMap((tenant) => tenant.domains.map(name)),
          locale,
        ),
      },
      {
        title: t(locale, 'mergeCards.fact.competencies'),
        value: competencies || t(locale, 'mergeCards.preview.noCompetencies'),
      },
    ],
    note:
      renewOn === undefined
        ? ''
        : t(locale, isPast(renewOn, now) ? 'merge.preview.renewedOn' : 'merge.preview.benefitsUntilRenewal', {
            date: calendarDay(renewOn, locale),
          }),
  });
  const next = section(t(locale, 'mergeCards.merged.adviceTitle'), {
    lines: bullets(advice.map((code) => describeAdvice(code, locale))),
  });
  return advice.length > 0 ? [merged, next] : [merged];
}
