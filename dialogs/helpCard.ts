import { t } from '../services/i18n/index.js';
import { buttonRowsOf, helpCard } from '../cards/help.js';
import { renderCard, cardAttachment, userText } from '../cards/render.js';
import type { Attachment } from 'botbuilder';

/** The welcome/help card, in the user's language, with a button for every flow. */
export function helpCardAttachment(locale: string | undefined, userName?: string): Attachment {
  const name = userName?.trim();
  const flows = [
    { title: t(locale, 'core.help.checkDomain.title'), text: t(locale, 'core.help.checkDomain.text'), button: t(locale, 'core.help.button.checkDomain'), command: t(locale, 'core.command.checkDomain') },
    { title: t(locale, 'core.help.startMerge.title'), text: t(locale, 'core.help.startMerge.text'), button: t(locale, 'core.help.button.startMerge'), command: t(locale, 'core.command.startMerge') },
    { title: t(locale, 'core.help.history.title'), text: t(locale, 'core.help.history.text'), button: t(locale, 'core.help.button.history'), command: t(locale, 'core.command.history') },
    { title: t(locale, 'core.help.managers.title'), text: t(locale, 'core.help.managers.text'), button: t(locale, 'core.help.button.managers'), command: t(locale, 'core.command.managers') },
  ];
  return cardAttachment(
    renderCard(helpCard, {
      title: t(locale, 'core.help.title'),
      greeting: name ? t(locale, 'core.help.greeting', { name: userText(name, 80) }) : '',
      intro: t(locale, 'core.help.intro'),
      flows,
      commands: t(locale, 'core.help.commands'),
      buttonRows: buttonRowsOf(flows),
    }),
  );
}
