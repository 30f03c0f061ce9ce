import { defineCatalog } from '../catalog.js';

/** Strings of the bot shell: greeting, help, errors, generic prompts. */
export const core = defineCatalog({
  en: {
    'core.apology':
      'Sorry, something went wrong on my side. Please try again in a moment. (Reference: {correlationId})',
    'core.notUnderstood': "I didn't catch that. Type **help** to see what I can do.",
    'core.cancelled': 'Cancelled. Nothing was changed.',
    'core.nothingToCancel': 'There is nothing to cancel.',
    'core.help.title': 'Partner merge bot',
    'core.help.intro':
      'I help Microsoft partners with two Partner Center jobs: checking the work account (Microsoft Entra tenant) your company links to Partner Center, and merging your partner account with another partner account.',
    'core.help.greeting': 'Hello {name}!',
    'core.help.checkDomain.title': 'Check a work account',
    'core.help.checkDomain.text': 'Is your e-mail domain a work account? Does a tenant own it, and may you link it?',
    'core.help.startMerge.title': 'Start an account merge',
    'core.help.startMerge.text': 'Account admins invite another partner by its global Partner ID (MPN ID).',
    'core.help.history.title': 'Merge history',
    'core.help.history.text': 'All merges of your account, initiated and received.',
    'core.help.managers.title': 'Merge notifications',
    'core.help.managers.text': "Who hears about your account's merges: Account admins add and remove people.",
    'core.help.commands':
      'You can also type: help, check domain, start merge, history, managers, add manager you@contoso.com, people, cancel.',
    'core.help.button.checkDomain': 'Check domain',
    'core.help.button.startMerge': 'Start merge',
    'core.help.button.history': 'History',
    'core.help.button.managers': 'Managers',
    // What a card button "types" for the user (an imBack, shown in the chat as their message).
    'core.command.help': 'help',
    'core.command.checkDomain': 'check domain',
    'core.command.startMerge': 'start merge',
    'core.command.history': 'history',
    'core.command.managers': 'managers',
    'core.command.cancel': 'cancel',
    'core.personalOnly':
      'Merges, merge history and who gets merge notifications are for the people of your partner account, not for everyone here. Ask me in a personal chat (Chat → Partner merge).',
    'core.notAllowedTenant': 'Sorry, this bot is not available for your organization.',
    'core.cardAction.malformed': 'That button sent something I could not read. Please refresh the card and try again.',
    'core.cardAction.unknownVerb': 'That button is not supported (any more). Please refresh the card.',
    'core.featureUnavailable':
      'That part of the bot is not available on this installation yet. Type **help** to see what I can do.',
    'core.cannotIdentify':
      'I could not tell who you are (no Microsoft Entra user id on this message), so I cannot act on your behalf.',
  },
  nl: {
    'core.apology': 'Sorry, er ging bij mij iets mis. Probeer het zo nog eens. (Referentie: {correlationId})',
    'core.notUnderstood': 'Dat begreep ik niet. Typ **help** om te zien wat ik kan doen.',
    'core.cancelled': 'Geannuleerd. Er is niets gewijzigd.',
    'core.nothingToCancel': 'Er is niets om te annuleren.',
    'core.help.title': 'Partner-samenvoegbot',
    'core.help.intro':
      'Ik help Microsoft-partners met twee taken in Partner Center: het werkaccount (Microsoft Entra-tenant) controleren dat uw bedrijf aan Partner Center koppelt, en uw partneraccount samenvoegen met een ander partneraccount.',
    'core.help.greeting': 'Hallo {name}!',
    'core.help.checkDomain.title': 'Een werkaccount controleren',
    'core.help.checkDomain.text':
      'Is uw e-maildomein een werkaccount? Is er een tenant die het bezit, en mag u het koppelen?',
    'core.help.startMerge.title': 'Een accountsamenvoeging starten',
    'core.help.startMerge.text': 'Accountbeheerders nodigen een andere partner uit met diens wereldwijde Partner-ID.',
    'core.help.history.title': 'Samenvoegingsgeschiedenis',
    'core.help.history.text': 'Alle samenvoegingen van uw account, gestart en ontvangen.',
    'core.help.managers.title': 'Meldingen over samenvoegingen',
    'core.help.managers.text':
      'Wie hoort over de samenvoegingen van uw account: accountbeheerders voegen personen toe en verwijderen ze.',
    'core.help.commands':
      'U kunt ook typen: help, domein controleren, samenvoegen starten, geschiedenis, managers, manager toevoegen u@contoso.com, mensen, annuleren.',
    'core.help.button.checkDomain': 'Domein controleren',
    'core.help.button.startMerge': 'Samenvoegen starten',
    'core.help.button.history': 'Geschiedenis',
    'core.help.button.managers': 'Managers',
    'core.command.help': 'hulp',
    'core.command.checkDomain': 'domein controleren',
    'core.command.startMerge': 'samenvoegen',
    'core.command.history': 'geschiedenis',
    'core.command.managers': 'managers tonen',
    'core.command.cancel': 'annuleren',
    'core.personalOnly':
      'Samenvoegingen, hun geschiedenis en wie er meldingen over krijgt, zijn voor de mensen van uw partneraccount, niet voor iedereen hier. Vraag het me in een persoonlijke chat (Chat → Partner samenvoegen).',
    'core.notAllowedTenant': 'Sorry, deze bot is niet beschikbaar voor uw organisatie.',
    'core.cardAction.malformed':
      'Die knop stuurde iets wat ik niet kon lezen. Vernieuw de kaart en probeer het opnieuw.',
    'core.cardAction.unknownVerb': 'Die knop wordt niet (meer) ondersteund. Vernieuw de kaart.',
    'core.featureUnavailable':
      'Dat deel van de bot is op deze installatie nog niet beschikbaar. Typ **help** om te zien wat ik kan doen.',
    'core.cannotIdentify':
      'Ik kon niet vaststellen wie u bent (dit bericht heeft geen Microsoft Entra-gebruikers-id), dus ik kan niet namens u handelen.',
  },
});
