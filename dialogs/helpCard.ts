import { t, type MessageKey } from '../services/i18n/index.js';
import { buttonRowsOf, helpCard } from '../cards/help.js';
import { renderCard, cardAttachment, userText } from '../cards/render.js';
import type { Attachment } from 'botbuilder';

/**
 * Who the help card is for: a user of a partner account gets the merge flows; a person the
 * bot does not know gets the work-account check and, when registrations are open,
 * Register your company; the operator's reviewers also get Review.
 */
export interface HelpAudience {
  readonly member: boolean;
  readonly canRegister: boolean;
  readonly reviewer: boolean;
}

/** Before the bot knows who is asking (e.g. no identity): every member flow, as before. */
export const MEMBER_AUDIENCE: HelpAudience = { member: true, canRegister: false, reviewer: false };

type Flow = { readonly title: string; readonly text: string; readonly button: string; readonly command: string };

const flow = (
  locale: string | undefined,
  title: MessageKey,
  text: MessageKey,
  button: MessageKey,
  command: MessageKey,
): Flow => ({
  title: t(locale, title),
  text: t(locale, text),
  button: t(locale, button),
  command: t(locale, command),
});

function flowsFor(locale: string | undefined, audience: HelpAudience): Flow[] {
  const check = flow(
    locale,
    'core.help.checkDomain.title',
    'core.help.checkDomain.text',
    'core.help.button.checkDomain',
    'core.command.checkDomain',
  );
  const review = flow(
    locale,
    'registration.help.review.title',
    'registration.help.review.text',
    'registration.help.review.button',
    'registration.command.review',
  );
  if (!audience.member) {
    const register = flow(
      locale,
      'registration.help.register.title',
      'registration.help.register.text',
      'registration.help.register.button',
      'registration.command.register',
    );
    return [check, ...(audience.canRegister ? [register] : []), ...(audience.reviewer ? [review] : [])];
  }
  return [
    check,
    flow(
      locale,
      'core.help.startMerge.title',
      'core.help.startMerge.text',
      'core.help.button.startMerge',
      'core.command.startMerge',
    ),
    flow(
      locale,
      'core.help.history.title',
      'core.help.history.text',
      'core.help.button.history',
      'core.command.history',
    ),
    flow(
      locale,
      'core.help.managers.title',
      'core.help.managers.text',
      'core.help.button.managers',
      'core.command.managers',
    ),
    flow(
      locale,
      'registration.help.people.title',
      'registration.help.people.text',
      'registration.help.people.button',
      'registration.command.people',
    ),
    ...(audience.reviewer ? [review] : []),
  ];
}

/** The welcome/help card, in the user's language, with a button for every flow the person can use. */
export function helpCardAttachment(
  locale: string | undefined,
  userName?: string,
  audience: HelpAudience = MEMBER_AUDIENCE,
): Attachment {
  const name = userName?.trim();
  const flows = flowsFor(locale, audience);
  return cardAttachment(
    renderCard(helpCard, {
      title: t(locale, 'core.help.title'),
      greeting: name ? t(locale, 'core.help.greeting', { name: userText(name, 80) }) : '',
      intro: t(locale, 'core.help.intro'),
      flows,
      commands: t(locale, audience.member ? 'core.help.commands' : 'registration.help.commands'),
      buttonRows: buttonRowsOf(flows),
    }),
  );
}
