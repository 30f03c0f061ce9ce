/**
 * The card of one registration, in the Approvals style: a title that says what happened,
 * a status pill, the facts that decide, and one next step. The requester sees where their
 * request stands; a reviewer also sees what the bot checked itself and what is left to
 * check in Partner Center, with Approve and Reject (with a reason) while it is pending.
 */
import template from './registration.json' with { type: 'json' };
import { defineCard, renderCard, userText, type AdaptiveCardJson } from './render.js';
import { moment, name, reasonText, type CardFact, type ContainerStyle } from './mergeShared.js';
import { supersededCardDefinition } from './superseded.js';
import { REGISTRATION_VERBS } from './registrationForm.js';
import { t } from '../services/i18n/index.js';
import type { RegistrationRequest, RegistrationStatus } from '../services/model.js';

interface Header {
  readonly title: string;
  readonly subtitle: string;
  readonly status: string;
  readonly style: ContainerStyle;
}

/** The data bound to `registration.json`. */
export interface RegistrationCardData {
  readonly registrationId: string;
  /** The status the card shows, sent back by its refresh: an older card then turns into a note. */
  readonly shown: RegistrationStatus;
  readonly refresh: { readonly verb: string; readonly userIds: readonly string[] };
  readonly header: Header;
  readonly notice: string;
  readonly noticeStyle: ContainerStyle;
  readonly summary: string;
  readonly facts: readonly CardFact[];
  readonly reason: { readonly label: string; readonly text: string };
  readonly checksTitle: string;
  readonly checks: ReadonlyArray<{ readonly text: string }>;
  readonly next: string;
  /** Approve and Reject (a reviewer, while pending). */
  readonly decide: boolean;
  readonly verbs: typeof REGISTRATION_VERBS;
  readonly buttons: {
    readonly approve: string;
    readonly reject: string;
    readonly reasonLabel: string;
    readonly reasonPlaceholder: string;
    readonly rejectSubmit: string;
  };
  /** Next steps that send a command (Start a merge, People, Register again). */
  readonly commands: ReadonlyArray<{ readonly title: string; readonly command: string }>;
}

export const registrationCardDefinition = defineCard<RegistrationCardData>('registration', template);

const PILL_STYLES: Readonly<Record<RegistrationStatus, ContainerStyle>> = {
  pending: 'accent',
  approved: 'good',
  rejected: 'attention',
};

export interface RegistrationCardInput {
  readonly registration: RegistrationRequest;
  /** `reviewer`: the operator's view with the checks and, while pending, the decision. */
  readonly audience: 'requester' | 'reviewer';
  /** Teams user ids (MRIs) whose clients refresh the card when they look at it. */
  readonly refreshUserIds?: readonly string[];
  /** What the last click did (already in the user's language; escaped here). */
  readonly notice?: { readonly text: string; readonly style: 'good' | 'attention' };
  readonly locale: string | undefined;
}

export function registrationCard(input: RegistrationCardInput): AdaptiveCardJson {
  const { registration: r, audience, locale } = input;
  const reviewer = audience === 'reviewer';
  const company = name(r.companyName);
  return renderCard(registrationCardDefinition, {
    registrationId: r.id,
    shown: r.status,
    refresh: {
      verb: reviewer ? REGISTRATION_VERBS.review : REGISTRATION_VERBS.status,
      userIds: input.refreshUserIds ?? [],
    },
    header: {
      title: reviewer
        ? t(locale, 'registration.review.title', { company })
        : t(locale, `registration.card.${r.status}Title`, { company }),
      subtitle: reviewer ? t(locale, 'registration.review.subtitle', { mpnId: r.globalMpnId }) : '',
      status: t(locale, `registration.pill.${r.status}`),
      style: PILL_STYLES[r.status],
    },
    notice: input.notice ? userText(input.notice.text, 600) : '',
    noticeStyle: input.notice?.style ?? 'emphasis',
    summary: reviewer ? '' : summaryOf(r, locale),
    facts: reviewer ? reviewerFacts(r, locale) : requesterFacts(r, locale),
    reason: {
      label: t(locale, 'registration.card.reason'),
      text: r.status === 'rejected' && r.reason ? reasonText(r.reason) : '',
    },
    checksTitle: t(locale, 'registration.review.checksTitle'),
    checks: reviewer ? checksOf(r, locale).map((text) => ({ text })) : [],
    next:
      reviewer && r.status === 'pending'
        ? t(locale, 'registration.review.toCheck', { name: name(r.requester.displayName), mpnId: r.globalMpnId })
        : '',
    decide: reviewer && r.status === 'pending',
    verbs: REGISTRATION_VERBS,
    buttons: {
      approve: t(locale, 'registration.review.approve'),
      reject: t(locale, 'registration.review.reject'),
      reasonLabel: t(locale, 'registration.review.reasonLabel'),
      reasonPlaceholder: t(locale, 'registration.review.reasonPlaceholder'),
      rejectSubmit: t(locale, 'registration.review.rejectSubmit'),
    },
    commands: reviewer ? [] : commandsOf(r, locale),
  });
}

function summaryOf(r: RegistrationRequest, locale: string | undefined): string {
  switch (r.status) {
    case 'pending':
      return t(locale, 'registration.card.pendingText', { mpnId: r.globalMpnId });
    case 'approved':
      return t(locale, 'registration.card.approvedText', { company: name(r.companyName) });
    case 'rejected':
      return t(locale, 'registration.card.rejectedText');
  }
}

function locationsValue(r: RegistrationRequest, locale: string | undefined): string {
  return r.locations.length === 0
    ? t(locale, 'registration.card.noLocations')
    : r.locations.map((l) => `${l.mpnId} ${name(l.name)}`).join(', ');
}

function decidedFact(r: RegistrationRequest, locale: string | undefined): CardFact[] {
  if (!r.decidedBy || !r.decidedAt) return [];
  return [
    {
      title: t(locale, 'registration.card.decidedBy'),
      value: t(locale, 'registration.card.decidedValue', {
        name: name(r.decidedBy.displayName),
        date: moment(r.decidedAt).date,
      }),
    },
  ];
}

function requesterFacts(r: RegistrationRequest, locale: string | undefined): CardFact[] {
  return [
    { title: t(locale, 'registration.card.partnerId'), value: r.globalMpnId },
    { title: t(locale, 'registration.card.domains'), value: r.domains.join(', ') },
    { title: t(locale, 'registration.card.locations'), value: locationsValue(r, locale) },
    ...(r.status === 'pending'
      ? [{ title: t(locale, 'registration.card.sent'), value: moment(r.createdAt).date }]
      : decidedFact(r, locale)),
  ];
}

function reviewerFacts(r: RegistrationRequest, locale: string | undefined): CardFact[] {
  const upn = r.requester.upn ?? '';
  return [
    {
      title: t(locale, 'registration.review.requester'),
      value: t(locale, 'registration.review.requesterValue', { name: name(r.requester.displayName), upn: name(upn) }),
    },
    { title: t(locale, 'registration.card.domains'), value: r.domains.join(', ') },
    { title: t(locale, 'registration.card.locations'), value: locationsValue(r, locale) },
    { title: t(locale, 'registration.review.tenant'), value: r.tenantId },
    ...(r.status === 'pending'
      ? [{ title: t(locale, 'registration.card.sent'), value: moment(r.createdAt).date }]
      : decidedFact(r, locale)),
  ];
}

/** What the bot proved before the request reached the reviewers. */
function checksOf(r: RegistrationRequest, locale: string | undefined): string[] {
  const ids = [r.globalMpnId, ...r.locations.map((l) => l.mpnId)].join(', ');
  return [
    ...r.checks.domains.map((d) =>
      t(locale, 'registration.review.checkDomain', {
        domain: d.domain,
        proof: t(locale, `registration.review.proof.${d.proof}`),
      }),
    ),
    t(locale, 'registration.review.checkPersonal'),
    t(locale, 'registration.review.checkIds', { ids }),
    ...(r.checks.competing.length > 0
      ? [t(locale, 'registration.review.competing', { count: r.checks.competing.length })]
      : []),
  ];
}

function commandsOf(r: RegistrationRequest, locale: string | undefined): Array<{ title: string; command: string }> {
  switch (r.status) {
    case 'pending':
      return [];
    case 'approved':
      return [
        { title: t(locale, 'registration.card.people'), command: t(locale, 'registration.command.people') },
        { title: t(locale, 'registration.card.startMerge'), command: t(locale, 'core.command.startMerge') },
      ];
    case 'rejected':
      return [{ title: t(locale, 'registration.card.again'), command: t(locale, 'registration.command.register') }];
  }
}

/** What the requester's earlier card turns into once the registration was decided (the decision came as a new card). */
export function registrationSupersededCard(r: RegistrationRequest, locale: string | undefined): AdaptiveCardJson {
  const status = t(locale, `registration.pill.${r.status}`);
  return renderCard(supersededCardDefinition, {
    header: {
      title: t(locale, 'registration.review.title', { company: name(r.companyName) }),
      status,
      statusLine: status,
      color: 'Default',
      style: PILL_STYLES[r.status],
    },
    note: t(locale, 'registration.card.superseded', { status: t(locale, `registration.status.${r.status}`) }),
  });
}
