/**
 * The registration card verbs (Universal Actions): the form's Send for review, a
 * reviewer's Approve and Reject, and the refresh of each card. Each click identifies the
 * clicker from the activity and lets the registration service decide on fresh reads;
 * card data is used only for which registration and what was typed. A click by someone
 * who is not a reviewer (a forged one) changes nothing and learns nothing.
 */
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { describeError, DomainError } from '../../services/errors.js';
import { userKey } from '../../services/accounts/validation.js';
import { t } from '../../services/i18n/index.js';
import { isRegistrationId } from '../../services/accounts/registration.js';
import type { RegistrationService, RequestOutcome } from '../../services/accounts/registrationService.js';
import { viewerOf } from '../../services/accounts/activityIdentity.js';
import type { Viewer } from '../../services/merge/viewer.js';
import type { RegistrationRequest } from '../../services/model.js';
import { REGISTRATION_INPUTS, REGISTRATION_VERBS, registrationFormCard } from '../../cards/registrationForm.js';
import { registrationCard, registrationSupersededCard } from '../../cards/registration.js';
import { notKnownCard } from '../../cards/notice.js';
import { cardResponse, errorResponse, type CardActionRegistry, type CardActionRequest } from '../cardActions.js';

export interface RegistrationActionDeps {
  readonly registrations: RegistrationService;
  readonly signInName: (context: TurnContext) => Promise<string | undefined>;
  /** Wakes the outbox: the review cards or the decision were written with the change. */
  readonly changed: () => void;
}

export function registerRegistrationActions(registry: CardActionRegistry, deps: RegistrationActionDeps): void {
  registry.register(REGISTRATION_VERBS.submit, (request) => submit(deps, request));
  registry.register(REGISTRATION_VERBS.approve, (request) => decide(deps, request, 'approve'));
  registry.register(REGISTRATION_VERBS.reject, (request) => decide(deps, request, 'reject'));
  registry.register(REGISTRATION_VERBS.review, (request) => refresh(deps, request, 'reviewer'));
  registry.register(REGISTRATION_VERBS.status, (request) => refresh(deps, request, 'requester'));
}

const text = (data: Readonly<Record<string, unknown>>, key: string, max: number): string => {
  const value = data[key];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

async function submit(deps: RegistrationActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const viewer = viewerOf(request.context.activity);
  if (!viewer) return errorResponse(401, 'Unauthorized', t(request.locale, 'core.cannotIdentify'));
  if (!deps.registrations.open) return cardResponse(notKnownCard({ reason: '', canRegister: false, locale: request.locale }));
  const { data } = request;
  const form = {
    globalMpnId: text(data, REGISTRATION_INPUTS.globalMpnId, 100),
    companyName: text(data, REGISTRATION_INPUTS.companyName, 1000),
    domains: text(data, REGISTRATION_INPUTS.domains, 4000),
    locations: text(data, REGISTRATION_INPUTS.locations, 20_000),
    requesterAddress: text(data, REGISTRATION_INPUTS.requesterAddress, 400),
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
      return registrationCard({ registration: outcome.registration, audience: 'requester', refreshUserIds: viewer.mri ? [viewer.mri] : [], locale });
    case 'problems':
      return registrationFormCard({ locale, values: outcome.form, problems: outcome.problems, ...(requester ? { requester } : {}) });
    case 'refused':
      if (outcome.registration) {
        const notice = { text: describeError(outcome.error, locale), style: 'attention' as const };
        return registrationCard({ registration: outcome.registration, audience: 'requester', notice, locale });
      }
      return notKnownCard({ reason: describeError(outcome.error, locale), canRegister: false, locale });
  }
}

async function decide(deps: RegistrationActionDeps, request: CardActionRequest, type: 'approve' | 'reject'): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const decision = type === 'approve' ? { type } : { type, reason: request.data.reason };
  const outcome = await deps.registrations.decide(click.viewer, click.id, decision);
  if (outcome.kind === 'refused') return refusedDecision(request, click, outcome.error, outcome.registration);
  deps.changed();
  const r = outcome.registration;
  const notice =
    r.status === 'approved'
      ? t(request.locale, 'registration.review.approvedNotice', { company: r.companyName, name: r.requester.displayName })
      : t(request.locale, 'registration.review.rejectedNotice', { name: r.requester.displayName });
  return cardResponse(reviewCard(r, click.viewer, request.locale, { text: notice, style: 'good' }));
}

/** Not a reviewer, or no such registration: the same answer, and nothing changed. */
function refusedDecision(request: CardActionRequest, click: Click, error: DomainError, registration: RegistrationRequest | undefined): AdaptiveCardInvokeResponse {
  if (error.is('not-reviewer') || !registration) {
    request.logger.warn({ verb: request.verb, registrationId: click.id, refused: error.code }, 'registration decision refused');
    return errorResponse(error.is('not-reviewer') ? 403 : 404, error.is('not-reviewer') ? 'Forbidden' : 'NotFound', describeError(error, request.locale));
  }
  request.logger.info({ registrationId: click.id, refused: error.code }, 'registration decision refused');
  return cardResponse(reviewCard(registration, click.viewer, request.locale, { text: describeError(error, request.locale), style: 'attention' }));
}

async function refresh(deps: RegistrationActionDeps, request: CardActionRequest, audience: 'reviewer' | 'requester'): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const registration = await deps.registrations.view(click.id, click.viewer);
  const allowed = registration && (audience === 'reviewer' ? deps.registrations.isReviewer(click.viewer) : userKey(registration.requester) === userKey(click.viewer));
  if (!registration || !allowed) return errorResponse(404, 'NotFound', describeError(notFound(), request.locale));
  if (audience === 'reviewer') return cardResponse(reviewCard(registration, click.viewer, request.locale));
  // The requester's earlier card, once decided: the decision came as a newer card below.
  if (request.data.shown === 'pending' && registration.status !== 'pending') return cardResponse(registrationSupersededCard(registration, request.locale));
  return cardResponse(registrationCard({ registration, audience: 'requester', refreshUserIds: click.viewer.mri ? [click.viewer.mri] : [], locale: request.locale }));
}

type Click = { readonly viewer: Viewer; readonly id: string };

function clicked(request: CardActionRequest): Click | { readonly refusal: AdaptiveCardInvokeResponse } {
  const id = request.data.registrationId;
  if (!isRegistrationId(id)) return { refusal: errorResponse(400, 'BadRequest', t(request.locale, 'core.cardAction.malformed')) };
  const viewer = viewerOf(request.context.activity);
  if (!viewer) return { refusal: errorResponse(401, 'Unauthorized', t(request.locale, 'core.cannotIdentify')) };
  return { viewer, id };
}

function reviewCard(registration: RegistrationRequest, viewer: Viewer, locale: string | undefined, notice?: { text: string; style: 'good' | 'attention' }) {
  return registrationCard({ registration, audience: 'reviewer', refreshUserIds: viewer.mri ? [viewer.mri] : [], locale, ...(notice ? { notice } : {}) });
}

function notFound(): DomainError {
  return new DomainError('registration-not-found', {});
}
