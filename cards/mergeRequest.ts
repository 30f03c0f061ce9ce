/**
 * The live card of one merge request, sent to both companies and refreshed with Universal
 * Actions (`Action.Execute`). What it shows depends on the status and on who looks:
 * the invited side sees what to expect, the confirming initiator sees the full preview,
 * everyone sees why they have no buttons, and a completed merge shows the merged account.
 */
import template from './mergeRequest.json' with { type: 'json' };
import { defineCard, renderCard, userText, type AdaptiveCardJson } from './render.js';
import {
  actorName,
  bullets,
  mergedAccountSections,
  moment,
  name,
  POST_MERGE_ADVICE,
  previewSections,
  previewSummarySection,
  REASON_MAX_LENGTH,
  reasonText,
  requestFacts,
  section,
  statusHeader,
  type CardFact,
  type CardLine,
  type CardSection,
  type Locale,
  type StatusHeader,
} from './mergeShared.js';
import { t, type MessageKey } from '../services/i18n/index.js';
import type { MergePreview } from '../services/merge/execute.js';
import {
  isOpenMerge,
  type ActorRef,
  type IsoDateTime,
  type MergeAction,
  type MergeRequest,
  type PartnerAccount,
} from '../services/model.js';

export type MergeViewerSide = 'initiator' | 'invited' | 'none';

export interface MergeCardInput {
  readonly request: MergeRequest;
  /** Buttons for this viewer, from the merge service's allowedActions/actionsFor. */
  readonly actions: readonly MergeAction[];
  readonly viewer: { readonly side: MergeViewerSide; readonly isAccountAdmin: boolean };
  /** Shown while invited (what the invited company should expect) and while accepted (final review before confirm). */
  readonly preview?: MergePreview;
  /** Shown when completed: the merged account. */
  readonly mergedAccount?: PartnerAccount;
  /** Teams user MRIs (`29:...`) whose clients auto-refresh the card (Teams allows at most 60). */
  readonly refreshUserIds: readonly string[];
  /**
   * A one-line localized message at the top (e.g. "A reason is required to reject."), attention-styled. Plain text;
   * escaped here.
   */
  readonly notice?: string;
  readonly locale: string | undefined;
}

/** `Action.Execute` verbs of the card, by merge action. */
export const MERGE_VERBS = {
  accept: 'merge.accept',
  reject: 'merge.reject',
  confirm: 'merge.confirm',
  cancel: 'merge.cancel',
  refresh: 'merge.refresh',
} as const satisfies Readonly<Record<MergeAction, string>>;

export type MergeVerb = (typeof MERGE_VERBS)[MergeAction];

/** The id of the reject reason input; its value arrives in the `merge.reject` invoke's data. */
export const REASON_INPUT_ID = 'reason';

/** Teams refreshes a card automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

interface Button {
  readonly show: boolean;
  readonly verb: MergeVerb;
  readonly title: string;
}

/** The data bound to `mergeRequest.json`. */
export interface MergeRequestCardData {
  readonly mergeId: string;
  /** Open merges refresh themselves for their viewers; finished ones never change. */
  readonly refreshable: boolean;
  readonly refreshUserIds: readonly string[];
  readonly header: StatusHeader;
  /** The newest line of the timeline, under the header. */
  readonly latest: string;
  /** Empty hides the attention band. */
  readonly notice: string;
  /** The 3–4 facts that decide; everything else is behind "Show details". */
  readonly facts: readonly CardFact[];
  /** Who did what when; dates are DATE()/TIME() functions. */
  readonly timeline: readonly CardLine[];
  /** An empty reason hides the block. */
  readonly rejection: { readonly label: string; readonly reason: string };
  /** What the viewer is waiting for; empty hides it. */
  readonly waiting: string;
  /** Why this viewer has no decision buttons; empty when they have some or the request is closed. */
  readonly readOnly: string;
  readonly sections: readonly CardSection[];
  /** The merge reference, small print inside the details (for support). */
  readonly reference: string;
  readonly hasDetails: boolean;
  readonly detailsButton: string;
  readonly buttons: Readonly<Record<MergeAction, Button>>;
  readonly reject: {
    readonly open: string;
    readonly label: string;
    readonly placeholder: string;
    readonly errorMessage: string;
    readonly maxLength: number;
  };
  /** The confirm step: a show-card with the irreversible warning and a required acknowledgement. */
  readonly confirm: {
    readonly open: string;
    readonly warning: string;
    readonly acknowledge: string;
    readonly acknowledgeLabel: string;
    readonly errorMessage: string;
  };
}

export const mergeRequestCardDefinition = defineCard<MergeRequestCardData>('mergeRequest', template);

/** The id of the "I understand this cannot be undone" toggle; `true` arrives in the confirm invoke's data. */
export const ACKNOWLEDGE_INPUT_ID = 'acknowledge';

const DECISIONS: readonly MergeAction[] = ['accept', 'reject', 'confirm', 'cancel'];

/** The card for one viewer of one merge request. */
export function mergeRequestCard(input: MergeCardInput): AdaptiveCardJson {
  const data = mergeRequestCardData(input);
  const card = renderCard(mergeRequestCardDefinition, data);
  if (data.refreshable) return card;
  // A finished merge never changes again: no automatic refresh (templating would leave `null`).
  const { refresh: _never, ...finished } = card;
  return finished;
}

export function mergeRequestCardData(input: MergeCardInput): MergeRequestCardData {
  const { request, locale } = input;
  const companies = { initiator: name(request.initiatorCompanyName), invited: name(request.invitedCompanyName) };
  const open = isOpenMerge(request);
  const waiting = waitingLine(input) ?? '';
  const hasDecision = input.actions.some((a) => DECISIONS.includes(a));
  const readOnly =
    open && !hasDecision ? (permissionLine(input) ?? (waiting || t(locale, 'mergeCards.readOnly.nothingToDo'))) : '';
  const button = (action: MergeAction): Button => ({
    show: input.actions.includes(action),
    verb: MERGE_VERBS[action],
    title: t(locale, `merge.action.${action}`),
  });
  const lines = timeline(input);
  const body = sections(input);
  return {
    mergeId: request.id,
    refreshable: open,
    refreshUserIds: [...new Set(input.refreshUserIds)].slice(0, MAX_REFRESH_USERS),
    header: statusHeader(title(input), request.status, locale),
    latest: lines.at(-1)?.text ?? '',
    notice: input.notice === undefined ? '' : userText(input.notice),
    facts: keyFacts(input),
    timeline: lines,
    rejection: {
      label: t(locale, 'mergeCards.reason.label'),
      reason: request.status === 'rejected' ? reasonText(request.reason) : '',
    },
    // The waiting line doubles as the read-only reason when nothing else explains it.
    waiting: waiting === readOnly ? '' : waiting,
    readOnly,
    sections: body,
    reference: t(locale, 'mergeCards.details.reference', { id: name(request.id) }),
    hasDetails: true,
    detailsButton: t(locale, 'mergeCards.action.details'),
    buttons: {
      accept: button('accept'),
      reject: button('reject'),
      confirm: button('confirm'),
      cancel: button('cancel'),
      // A finished merge never changes again: no Refresh button on it.
      refresh: { ...button('refresh'), show: open && input.actions.includes('refresh') },
    },
    reject: {
      open: t(locale, 'mergeCards.action.rejectOpen'),
      label: t(locale, 'mergeCards.reason.inputLabel', { company: companies.initiator }),
      placeholder: t(locale, 'mergeCards.reason.placeholder'),
      errorMessage: t(locale, 'merge.error.reason-required'),
      maxLength: REASON_MAX_LENGTH,
    },
    confirm: {
      open: t(locale, 'mergeCards.action.confirmOpen'),
      warning: t(locale, 'mergeCards.warning.irreversible', companies),
      acknowledge: t(locale, 'mergeCards.confirm.acknowledge'),
      acknowledgeLabel: t(locale, 'mergeCards.confirm.acknowledgeLabel'),
      errorMessage: t(locale, 'mergeCards.confirm.acknowledgeError'),
    },
  };
}

/** The facts that decide, by status: both companies, then what matters now. */
function keyFacts({ request, preview, mergedAccount, locale }: MergeCardInput): CardFact[] {
  const facts = requestFacts(request, locale);
  switch (request.status) {
    case 'invited':
      return [
        ...facts,
        {
          title: t(locale, 'mergeCards.fact.answerBy'),
          value: t(locale, 'mergeCards.value.moment', moment(request.expiresAt)),
        },
      ];
    case 'accepted':
      return preview === undefined
        ? facts
        : [
            ...facts,
            {
              title: t(locale, 'mergeCards.fact.afterMerge'),
              value: afterMergeValue(preview.pga.companyName, preview.locations.length, locale),
            },
          ];
    case 'completed':
      return mergedAccount === undefined
        ? facts
        : [
            ...facts,
            {
              title: t(locale, 'mergeCards.fact.afterMerge'),
              value: afterMergeValue(mergedAccount.companyName, mergedAccount.locations.length, locale),
            },
          ];
    default:
      return facts;
  }
}

function afterMergeValue(company: string, locations: number, locale: Locale): string {
  return t(locale, 'mergeCards.value.afterMerge', { company: name(company), count: locations });
}

function title({ request, viewer, locale }: MergeCardInput): string {
  const params = { initiator: name(request.initiatorCompanyName), invited: name(request.invitedCompanyName) };
  const keys: Readonly<Record<MergeRequest['status'], MessageKey>> = {
    invited: viewer.side === 'initiator' ? 'mergeCards.title.invitedInitiator' : 'mergeCards.title.invitedInvitee',
    accepted: viewer.side === 'initiator' ? 'mergeCards.title.acceptedInitiator' : 'mergeCards.title.accepted',
    rejected: 'mergeCards.title.rejected',
    cancelled: 'mergeCards.title.cancelled',
    expired: 'mergeCards.title.expired',
    completed: 'mergeCards.title.completed',
  };
  return t(locale, keys[request.status], params);
}

/** Who did what and when, in the order it happened. */
function timeline({ request, locale }: MergeCardInput): CardLine[] {
  const line = (key: MessageKey, at: IsoDateTime, actor?: ActorRef): CardLine => ({
    text: t(locale, key, { ...moment(at), ...(actor === undefined ? {} : { actor: actorName(actor, locale) }) }),
  });
  const lines = [line('mergeCards.when.invited', request.createdAt, request.createdBy)];
  switch (request.status) {
    case 'invited':
      // The expiry is one of the card's facts.
      break;
    case 'accepted':
      lines.push(line('mergeCards.when.accepted', request.acceptedAt, request.acceptedBy));
      break;
    case 'rejected':
      lines.push(line('mergeCards.when.rejected', request.rejectedAt, request.rejectedBy));
      break;
    case 'cancelled':
      if (request.acceptedAt !== undefined && request.acceptedBy !== undefined) {
        lines.push(line('mergeCards.when.accepted', request.acceptedAt, request.acceptedBy));
      }
      lines.push(line('mergeCards.when.cancelled', request.cancelledAt, request.cancelledBy));
      break;
    case 'expired':
      lines.push(line('mergeCards.when.expired', request.expiredAt));
      break;
    case 'completed':
      lines.push(
        line('mergeCards.when.accepted', request.acceptedAt, request.acceptedBy),
        line('mergeCards.when.completed', request.completedAt, request.completedBy),
      );
      break;
  }
  return lines;
}

/** What an open request waits for, told to those who are not the ones to act. */
function waitingLine({ request, viewer, locale }: MergeCardInput): string | undefined {
  if (request.status === 'invited' && viewer.side !== 'invited') {
    return t(locale, 'mergeCards.waiting.answer', { company: name(request.invitedCompanyName) });
  }
  if (request.status === 'accepted' && viewer.side !== 'initiator') {
    return t(locale, 'mergeCards.waiting.confirm', { company: name(request.initiatorCompanyName) });
  }
  return undefined;
}

/** Why a viewer may only look: not a member, or not an Account admin of the side that acts. */
function permissionLine({ request, viewer, locale }: MergeCardInput): string | undefined {
  if (viewer.side === 'none') return t(locale, 'mergeCards.readOnly.outsider');
  if (viewer.isAccountAdmin) return undefined;
  if (viewer.side === 'invited' && request.status === 'invited') {
    return t(locale, 'mergeCards.readOnly.invitedNotAdmin', { company: name(request.invitedCompanyName) });
  }
  if (viewer.side === 'initiator') {
    const key =
      request.status === 'invited'
        ? 'mergeCards.readOnly.initiatorNotAdminInvited'
        : 'mergeCards.readOnly.initiatorNotAdminAccepted';
    return t(locale, key, { company: name(request.initiatorCompanyName) });
  }
  return undefined;
}

/** The body below the facts: expectations, preview or merged account, by status and side. */
function sections({ request, viewer, preview, mergedAccount, locale }: MergeCardInput): CardSection[] {
  if (request.status === 'completed') {
    return mergedAccount === undefined
      ? []
      : mergedAccountSections(mergedAccount, preview?.advice ?? POST_MERGE_ADVICE, locale);
  }
  if (!isOpenMerge(request)) return [];
  const confirming = request.status === 'accepted' && viewer.side === 'initiator';
  const summary =
    preview === undefined
      ? []
      : confirming
        ? previewSections(preview, locale)
        : [previewSummarySection(preview, locale)];
  return request.status === 'invited' && viewer.side === 'invited'
    ? [expectations(request, locale), ...summary]
    : summary;
}

/** The article's "What to expect if you have been invited". */
function expectations(request: MergeRequest, locale: Locale): CardSection {
  const initiator = name(request.initiatorCompanyName);
  return section(t(locale, 'mergeCards.expect.title'), {
    lines: bullets([
      t(locale, 'mergeCards.expect.pga', { initiator }),
      t(locale, 'mergeCards.expect.roles'),
      t(locale, 'mergeCards.expect.benefits'),
      t(locale, 'mergeCards.expect.renewal'),
      t(locale, 'mergeCards.expect.afterAccept', { initiator }),
    ]),
  });
}
