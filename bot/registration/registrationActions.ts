/**
 * The registration card verbs (Universal Actions): the form's Send for review, a
 * reviewer's Approve and Reject, and the refresh of each card. Each click identifies the
 * clicker from the activity and lets the registration service decide on fresh reads;
 * card data is used only for which registration and what was typed. A click by someone
 * who is not a reviewer (a forged one) changes nothing and learns nothing.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { describeError, DomainError } from '../../services/errors.js';
import { userKey } from '../../services/accounts/validation.js';
import { t } from '../../services/i18n/index.js';
import { isRegistrationId } from '../../services/accounts/registration.js';
import type { RegistrationService, RequestOutcome } from '../../services/accounts/registrationService.js';
import type { RegistrationDecision } from '../../services/accounts/registration.js';
import type { Viewer } from '../../services/merge/viewer.js';
import type { RegistrationRequest } from '../../services/model.js';
import { REGISTRATION_INPUTS, REGISTRATION_VERBS, registrationFormCard } from '../../cards/registrationForm.js';
import { registrationCard, registrationSupersededCard } from '../../cards/registration.js';
import { notKnownCard } from '../../cards/notice.js';
import {
  cardData,
  cardResponse,
  type CardActionRegistry,
  type CardActionRequest,
  type CardActionResult,
} from '../cardActions.js';

export interface RegistrationActionDeps {
  readonly registrations: RegistrationService;
  readonly signInName: (context: TurnContext) => Promise<string | undefined>;
  /** Wakes the outbox: the review cards or the decision were written with the change. */
  readonly changed: () => void;
}

const FormData = z.object({
  [REGISTRATION_INPUTS.globalMpnId]: cardData.text(100),
  [REGISTRATION_INPUTS.companyName]: cardData.text(1000),
  [REGISTRATION_INPUTS.domains]: cardData.text(4000),
  [REGISTRATION_INPUTS.locations]: cardData.text(20_000),
  [REGISTRATION_INPUTS.requesterAddress]: cardData.text(400),
});
const RegistrationData = z.object({ registrationId: cardData.id(isRegistrationId), shown: z.string().optional() });
/** The service checks the reason (required, trimmed, bounded). */
const RejectData = RegistrationData.extend({ reason: z.unknown().optional() });

export function registerRegistrationActions(registry: CardActionRegistry, deps: RegistrationActionDeps): void {
  registry.route({ verb: REGISTRATION_VERBS.submit, data: FormData, handle: (request) => submit(deps, request) });
  registry.route({
    verb: REGISTRATION_VERBS.approve,
    data: RegistrationData,
    handle: (request) => decide(deps, request, { type: 'approve' }),
  });
  registry.route({
    verb: REGISTRATION_VERBS.reject,
    data: RejectData,
    handle: (request) => decide(deps, request, { type: 'reject', reason: request.data.reason }),
  });
  registry.route({
    verb: REGISTRATION_VERBS.review,
    data: RegistrationData,
    handle: (request) => refresh(deps, request, 'reviewer'),
  });
  registry.route({
    verb: REGISTRATION_VERBS.status,
    data: RegistrationData,
    handle: (request) => refresh(deps, request, 'requester'),
  });
}

type Request<S extends z.ZodType> = CardActionRequest<z.output<S>>;

async function submit(deps: RegistrationActionDeps, request: Request<typeof FormData>): Promise<CardActionResult> {
  const { viewer, data } = request;
  if (!deps.registrations.open)
    return cardResponse(notKnownCard({ reason: '', canRegister: false, locale: request.locale }));
  const form = {
    globalMpnId: data[REGISTRATION_INPUTS.globalMpnId],
    companyName: data[REGISTRATION_INPUTS.companyName],
    domains: data[REGISTRATION_INPUTS.domains],
    locations: data[REGISTRATION_INPUTS.locations],
    requesterAddress: data[REGISTRATION_INPUTS.requesterAddress],
  };
  const upn = await deps.signInName(request.context);
  const outcome = await deps.registrations.request({ ...viewer, ...(upn ? { upn } : {}) }, form);
  if (outcome.kind === 'sent') deps.changed();
  return cardResponse(submitAnswer(outcome, viewer, upn, request.locale));
}

function submitAnswer(outcome: RequestOutcome, viewer: Viewer, upn: string | undefined, locale: string | undefined) {
  const requester = upn ? { name: viewer.displayName, address: upn } : undefined;
  switch (outcome.kind) {
    case 'sent':
      return registrationCard({
        registration: outcome.registration,
        audience: 'requester',
        refreshUserIds: viewer.mri ? [viewer.mri] : [],
        locale,
      });
    case 'problems':
      return registrationFormCard({
        locale,
        values: outcome.form,
        problems: outcome.problems,
        ...(requester ? { requester } : {}),
      });
    case 'refused':
      if (outcome.registration) {
        const notice = { text: describeError(outcome.error, locale), style: 'attention' as const };
        return registrationCard({ registration: outcome.registration, audience: 'requester', notice, locale });
      }
      return notKnownCard({ reason: describeError(outcome.error, locale), canRegister: false, locale });
  }
}

async function decide(
  deps: RegistrationActionDeps,
  request: Request<typeof RegistrationData>,
  decision: RegistrationDecision,
): Promise<CardActionResult> {
  const { viewer } = request;
  const id = request.data.registrationId;
  const outcome = await deps.registrations.decide(viewer, id, decision);
  if (outcome.kind === 'refused') return refusedDecision(request, outcome.error, outcome.registration);
  deps.changed();
  const r = outcome.registration;
  const notice =
    r.status === 'approved'
      ? t(request.locale, 'registration.review.approvedNotice', {
          company: r.companyName,
          name: r.requester.displayName,
        })
      : t(request.locale, 'registration.review.rejectedNotice', { name: r.requester.displayName });
  return cardResponse(reviewCard(r, viewer, request.locale, { text: notice, style: 'good' }));
}

/** Not a reviewer, or no such registration: the same kind of answer, and nothing changed. */
function refusedDecision(
  request: Request<typeof RegistrationData>,
  error: DomainError,
  registration: RegistrationRequest | undefined,
): CardActionResult {
  const registrationId = request.data.registrationId;
  if (error.is('not-reviewer') || !registration) {
    const refuse = error.is('not-reviewer') ? 'forbidden' : 'not-found';
    return {
      refuse,
      message: describeError(error, request.locale),
      log: { msg: 'registration decision refused', registrationId, refused: error.code },
    };
  }
  request.logger.info({ registrationId, refused: error.code }, 'registration decision refused');
  return cardResponse(
    reviewCard(registration, request.viewer, request.locale, {
      text: describeError(error, request.locale),
      style: 'attention',
    }),
  );
}

async function refresh(
  deps: RegistrationActionDeps,
  request: Request<typeof RegistrationData>,
  audience: 'reviewer' | 'requester',
): Promise<CardActionResult> {
  const { viewer } = request;
  const registration = await deps.registrations.view(request.data.registrationId, viewer);
  const allowed =
    registration &&
    (audience === 'reviewer'
      ? deps.registrations.isReviewer(viewer)
      : userKey(registration.requester) === userKey(viewer));
  if (!registration || !allowed) {
    const log = {
      msg: 'registration not shown: the clicker is not part of it',
      registrationId: request.data.registrationId,
    };
    return {
      refuse: 'not-found',
      message: describeError(new DomainError('registration-not-found', {}), request.locale),
      log,
    };
  }
  if (audience === 'reviewer') return cardResponse(reviewCard(registration, viewer, request.locale));
  // The requester's earlier card, once decided: the decision came as a newer card below.
  if (request.data.shown === 'pending' && registration.status !== 'pending')
    return cardResponse(registrationSupersededCard(registration, request.locale));
  return cardResponse(
    registrationCard({
      registration,
      audience: 'requester',
      refreshUserIds: viewer.mri ? [viewer.mri] : [],
      locale: request.locale,
    }),
  );
}

function reviewCard(
  registration: RegistrationRequest,
  viewer: Viewer,
  locale: string | undefined,
  notice?: { text: string; style: 'good' | 'attention' },
) {
  return registrationCard({
    registration,
    audience: 'reviewer',
    refreshUserIds: viewer.mri ? [viewer.mri] : [],
    locale,
    ...(notice ? { notice } : {}),
  });
}
