/**
 * The answer to a person the bot does not know, wherever a flow refuses them for that:
 * the refusal, then what they can do about it. Someone of an unknown organization gets
 * "Register your company" (when the operator named reviewers); someone whose organization
 * is registered is told to ask its Account admin; a registration that waits says so.
 */
import type { Activity } from 'botbuilder';
import type { RegistrationService } from '../services/accounts/registrationService.js';
import { t } from '../services/i18n/index.js';
import { describeError, DomainError } from '../services/errors.js';
import { cardAttachment } from '../cards/render.js';
import { notKnownCard } from '../cards/notice.js';
import { plainMessage } from '../cards/plainMessage.js';
import type { Viewer } from './mergePorts.js';

/** The reply for `viewer`, refused with `reason` (already in their language). */
export type NotKnownReply = (viewer: Viewer, reason: string) => Promise<Partial<Activity>>;

export function notKnownReply(registrations: RegistrationService): NotKnownReply {
  return async (viewer, reason) => {
    const locale = viewer.locale;
    const standing = await registrations.standing(viewer);
    switch (standing.kind) {
      case 'member':
        return plainMessage(reason);
      case 'tenant-known':
        return plainMessage(
          `${reason} ${describeError(new DomainError('tenant-has-account', { company: standing.account.companyName, mpnId: standing.account.globalMpnId }), locale)}`,
        );
      case 'pending':
        return plainMessage(
          `${reason} ${t(locale, 'registration.waiting', { company: standing.registration.companyName, mpnId: standing.registration.globalMpnId })}`,
        );
      case 'unknown':
        return {
          type: 'message',
          attachments: [cardAttachment(notKnownCard({ reason, canRegister: registrations.open, locale }))],
        };
    }
  };
}
