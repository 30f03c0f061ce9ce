/**
 * Short cards that tell a person one thing and offer the next step as a button that sends
 * a command: "I don't know your company yet" (Register your company), and the welcome of
 * a person an Account admin added (What can I do?).
 */
import template from './notice.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { moment, name, type CardFact } from './mergeShared.js';
import { rolesText } from './roleNames.js';
import { t } from '../services/i18n/index.js';
import type { PartnerAccount, PartnerUser, PersonRef } from '../services/model.js';

export interface NoticeCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: readonly CardFact[];
  readonly commands: ReadonlyArray<{
    readonly title: string;
    readonly command: string;
    readonly style: 'positive' | 'default';
  }>;
}

export const noticeCardDefinition = defineCard<NoticeCardData>('notice', template);

/**
 * For a person the bot does not know: why (`reason`, already in their language) and, when
 * registrations are open, the Register your company button.
 */
export function notKnownCard(input: {
  readonly reason: string;
  readonly canRegister: boolean;
  readonly locale: string | undefined;
}): AdaptiveCardJson {
  const { locale } = input;
  return renderCard(noticeCardDefinition, {
    title: t(locale, 'registration.notKnownTitle'),
    text: [input.reason, t(locale, input.canRegister ? 'registration.notKnown' : 'registration.closed')]
      .filter((s) => s !== '')
      .join(' '),
    facts: [],
    commands: input.canRegister
      ? [
          {
            title: t(locale, 'registration.help.register.button'),
            command: t(locale, 'registration.command.register'),
            style: 'positive',
          },
        ]
      : [],
  });
}

/** What a person an Account admin added as a user receives, once. */
export function userWelcomeCard(input: {
  readonly account: Pick<PartnerAccount, 'companyName' | 'globalMpnId' | 'locations'>;
  readonly user: PartnerUser;
  readonly addedBy: PersonRef;
  readonly addedAt: string;
  readonly locale: string | undefined;
}): AdaptiveCardJson {
  const { account, locale } = input;
  const company = name(account.companyName);
  return renderCard(noticeCardDefinition, {
    title: t(locale, 'people.welcome.title', { company }),
    text: t(locale, 'people.welcome.text', {
      actor: name(input.addedBy.displayName),
      company,
      mpnId: account.globalMpnId,
    }),
    facts: [
      { title: t(locale, 'people.welcome.roles'), value: rolesText(input.user.roles, account.locations, locale) },
      { title: t(locale, 'watchers.welcome.addedBy'), value: name(input.addedBy.displayName) },
      { title: t(locale, 'watchers.welcome.addedOn'), value: moment(input.addedAt).date },
    ],
    commands: [{ title: t(locale, 'people.welcome.help'), command: t(locale, 'core.command.help'), style: 'default' }],
  });
}
