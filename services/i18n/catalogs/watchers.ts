import { defineCatalog } from '../catalog.js';

/**
 * Strings of the managers list (who gets an account's merge notifications): its card, the
 * welcome card, the typed commands and their answers. Its domain errors keep the
 * `merge.error.<code>` keys every error uses. Dutch addresses the user formally (u).
 */
export const watchers = defineCatalog({
  en: {
    'merge.error.watcher-exists': '{name} already gets the merge notifications of {company}. Nothing was changed.',
    'merge.error.watcher-limit':
      '{company} already has {max} people on its notification list, the most it can have. Remove someone first.',
    'merge.error.watcher-not-found': 'That person is not on the notification list of {company}. Nothing was changed.',
    'merge.error.not-watching':
      'You are not on the notification list of {company} (any more), so there is nothing to stop.',
    'merge.error.invalid-person-address':
      '"{input}" is not a user name or e-mail address. Type one like name@contoso.com, or pick the person on the card.',
    'merge.error.person-not-found':
      "I couldn't find {address} among the users of {company} or in your organization's directory. Check the spelling, or pick the person on the card. Nothing was changed.",
    'merge.error.people-lookup-unavailable':
      "I couldn't look up {address} right now: your organization's directory did not answer. Nothing was changed; please try again in a moment.",
    'merge.error.people-lookup-consent':
      'I may not look up {address}: your organization has not given this bot admin consent to read its users (User.Read.All). Pick the person on the card instead, or ask a Global administrator to grant consent at {consentUrl}. Nothing was changed.',

    'watchers.card.title': 'Merge notifications',
    'watchers.card.intro': 'These people hear about every merge of {company}.',
    'watchers.card.readOnly': 'Only an Account admin of {company} can change this list.',
    'watchers.card.empty': 'Nobody gets the merge notifications of {company} yet.',
    'watchers.card.count': '{count} of at most {max} people.',
    'watchers.card.addedToggle': 'Who added them',
    'watchers.card.addedBy': 'Added by {name}, {date}',
    'watchers.card.imported': 'Added by the operator',
    'watchers.card.you': '{name} (you)',
    'watchers.card.remove': 'Remove',
    'watchers.card.more':
      'And {count} more, not shown here. To remove one of them, type "remove manager" and their address.',
    'watchers.card.add': 'Add people',
    'watchers.card.picker': 'Pick people in your organization',
    'watchers.card.address': 'Or type a user name or e-mail address',
    'watchers.card.addressPlaceholder': 'name@contoso.com',
    'watchers.card.addSubmit': 'Add',
    'watchers.card.stop': 'Stop my notifications',
    'watchers.card.entraManagerOn': "The Entra manager of the admin who acts is told too (set by the bot's operator).",
    'watchers.card.entraManagerOff': "Entra managers are not told (set by the bot's operator).",
    'watchers.notice.added': "Added: {names}. I'm sending them a short welcome message.",
    'watchers.notice.addedSelf': 'Added: {names}.',
    'watchers.notice.removed': 'Removed: {names}.',
    'watchers.notice.stopped': 'You no longer get the merge notifications of {company}.',
    'watchers.notice.nobody': 'Pick someone or type an address first.',

    'watchers.welcome.title': "You'll hear about merges of {company}",
    'watchers.welcome.text':
      "{actor} added you to the people who are told about partner account merges of {company} ({mpnId}): the invitation, the answer and the completed merge. You don't need to do anything.",
    'watchers.welcome.addedBy': 'Added by',
    'watchers.welcome.addedOn': 'Added on',
    'watchers.welcome.stop': 'Stop these notifications',
    'watchers.welcome.stoppedTitle': 'Merge notifications of {company} stopped',
    'watchers.welcome.stoppedText':
      'You no longer get the merge notifications of {company}. Its Account admins were told.',
    'watchers.welcome.notWatching': 'You are no longer on the notification list of {company}.',

    'watchers.text.removed':
      "{actor} removed you from the people who are told about merges of {company}. You won't get these notifications any more.",
    'watchers.text.stopped':
      '{name} stopped the merge notifications of {company} and is no longer on its notification list. Type "managers" to see the list.',

    'watchers.dialog.noAccount':
      'You are not a user or manager of a partner account that I know, so there is no notification list to show.',
    'watchers.dialog.several':
      'You are an Account admin of more than one partner account ({accounts}). Type "managers" and use Add or Remove on that account\'s card.',
    'watchers.dialog.askAdd': 'Whom should I add? Type their user name or e-mail address, like name@contoso.com.',
    'watchers.dialog.askRemove': 'Whom should I remove? Type their user name or e-mail address.',
    'watchers.dialog.added': 'Done: {name} now gets the merge notifications of {company}.',
    'watchers.dialog.addedWelcome':
      "Done: {name} now gets the merge notifications of {company}. I'm sending them a short welcome message.",
    'watchers.dialog.removed': 'Done: {name} no longer gets the merge notifications of {company}.',

    'watchers.audit.watcher-added': '{actor} added {name} to the notification list',
    'watchers.audit.watcher-removed': '{actor} removed {name} from the notification list',
    'watchers.audit.watcher-stopped': '{name} stopped the notifications',
    'watchers.history.title': 'Account changes',
    'watchers.history.more': 'and {count} earlier changes',
  },
  nl: {
    'merge.error.watcher-exists':
      '{name} krijgt de meldingen over samenvoegingen van {company} al. Er is niets gewijzigd.',
    'merge.error.watcher-limit':
      '{company} heeft al {max} personen op de meldingenlijst, het maximum. Verwijder eerst iemand.',
    'merge.error.watcher-not-found':
      'Die persoon staat niet op de meldingenlijst van {company}. Er is niets gewijzigd.',
    'merge.error.not-watching': 'U staat niet (meer) op de meldingenlijst van {company}, dus er is niets te stoppen.',
    'merge.error.invalid-person-address':
      '"{input}" is geen gebruikersnaam of e-mailadres. Typ er een als naam@contoso.com, of kies de persoon op de kaart.',
    'merge.error.person-not-found':
      'Ik kon {address} niet vinden bij de gebruikers van {company} of in de directory van uw organisatie. Controleer de spelling, of kies de persoon op de kaart. Er is niets gewijzigd.',
    'merge.error.people-lookup-unavailable':
      'Ik kon {address} nu niet opzoeken: de directory van uw organisatie gaf geen antwoord. Er is niets gewijzigd; probeer het zo nog eens.',
    'merge.error.people-lookup-consent':
      'Ik mag {address} niet opzoeken: uw organisatie heeft deze bot geen beheerderstoestemming gegeven om gebruikers te lezen (User.Read.All). Kies de persoon op de kaart, of vraag een globale beheerder toestemming te geven via {consentUrl}. Er is niets gewijzigd.',

    'watchers.card.title': 'Meldingen over samenvoegingen',
    'watchers.card.intro': 'Deze personen horen over elke samenvoeging van {company}.',
    'watchers.card.readOnly': 'Alleen een accountbeheerder van {company} kan deze lijst wijzigen.',
    'watchers.card.empty': 'Nog niemand krijgt de meldingen over samenvoegingen van {company}.',
    'watchers.card.count': '{count} van maximaal {max} personen.',
    'watchers.card.addedToggle': 'Wie ze heeft toegevoegd',
    'watchers.card.addedBy': 'Toegevoegd door {name}, {date}',
    'watchers.card.imported': 'Toegevoegd door de beheerder van de bot',
    'watchers.card.you': '{name} (u)',
    'watchers.card.remove': 'Verwijderen',
    'watchers.card.more':
      'En nog {count}, hier niet getoond. Om een van hen te verwijderen typt u "manager verwijderen" en het adres.',
    'watchers.card.add': 'Personen toevoegen',
    'watchers.card.picker': 'Kies personen in uw organisatie',
    'watchers.card.address': 'Of typ een gebruikersnaam of e-mailadres',
    'watchers.card.addressPlaceholder': 'naam@contoso.com',
    'watchers.card.addSubmit': 'Toevoegen',
    'watchers.card.stop': 'Mijn meldingen stoppen',
    'watchers.card.entraManagerOn':
      'De Entra-manager van de beheerder die handelt, hoort het ook (ingesteld door de beheerder van de bot).',
    'watchers.card.entraManagerOff': 'Entra-managers horen het niet (ingesteld door de beheerder van de bot).',
    'watchers.notice.added': 'Toegevoegd: {names}. Ik stuur hun een kort welkomstbericht.',
    'watchers.notice.addedSelf': 'Toegevoegd: {names}.',
    'watchers.notice.removed': 'Verwijderd: {names}.',
    'watchers.notice.stopped': 'U krijgt de meldingen over samenvoegingen van {company} niet meer.',
    'watchers.notice.nobody': 'Kies eerst iemand of typ een adres.',

    'watchers.welcome.title': 'U hoort over samenvoegingen van {company}',
    'watchers.welcome.text':
      '{actor} heeft u toegevoegd aan de personen die horen over samenvoegingen van partneraccounts van {company} ({mpnId}): de uitnodiging, het antwoord en de voltooide samenvoeging. U hoeft niets te doen.',
    'watchers.welcome.addedBy': 'Toegevoegd door',
    'watchers.welcome.addedOn': 'Toegevoegd op',
    'watchers.welcome.stop': 'Deze meldingen stoppen',
    'watchers.welcome.stoppedTitle': 'Meldingen over samenvoegingen van {company} gestopt',
    'watchers.welcome.stoppedText':
      'U krijgt de meldingen over samenvoegingen van {company} niet meer. De accountbeheerders zijn op de hoogte gebracht.',
    'watchers.welcome.notWatching': 'U staat niet meer op de meldingenlijst van {company}.',

    'watchers.text.removed':
      '{actor} heeft u verwijderd uit de personen die horen over samenvoegingen van {company}. U krijgt deze meldingen niet meer.',
    'watchers.text.stopped':
      '{name} heeft de meldingen over samenvoegingen van {company} gestopt en staat niet meer op de meldingenlijst. Typ "managers" om de lijst te zien.',

    'watchers.dialog.noAccount':
      'U bent geen gebruiker of manager van een partneraccount dat ik ken, dus er is geen meldingenlijst om te tonen.',
    'watchers.dialog.several':
      'U bent accountbeheerder van meer dan één partneraccount ({accounts}). Typ "managers" en gebruik Toevoegen of Verwijderen op de kaart van dat account.',
    'watchers.dialog.askAdd':
      'Wie moet ik toevoegen? Typ de gebruikersnaam of het e-mailadres, zoals naam@contoso.com.',
    'watchers.dialog.askRemove': 'Wie moet ik verwijderen? Typ de gebruikersnaam of het e-mailadres.',
    'watchers.dialog.added': 'Gedaan: {name} krijgt nu de meldingen over samenvoegingen van {company}.',
    'watchers.dialog.addedWelcome':
      'Gedaan: {name} krijgt nu de meldingen over samenvoegingen van {company}. Ik stuur een kort welkomstbericht.',
    'watchers.dialog.removed': 'Gedaan: {name} krijgt de meldingen over samenvoegingen van {company} niet meer.',

    'watchers.audit.watcher-added': '{actor} heeft {name} aan de meldingenlijst toegevoegd',
    'watchers.audit.watcher-removed': '{actor} heeft {name} van de meldingenlijst verwijderd',
    'watchers.audit.watcher-stopped': '{name} heeft de meldingen gestopt',
    'watchers.history.title': 'Wijzigingen in het account',
    'watchers.history.more': 'en {count} eerdere wijzigingen',
  },
});
