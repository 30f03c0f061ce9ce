import { defineCatalog } from '../catalog.js';

/** Strings of the merge conversation (start-merge dialog, history, card action replies). */
export const mergeFlow = defineCatalog({
  en: {
    'mergeFlow.start.askMpnId':
      'You are starting a merge as an Account admin of {company} ({mpnId}). {company} will become the partner global account (PGA). Which **global Partner ID (MPN ID)** do you want to invite? (Type **cancel** to stop.)',
    'mergeFlow.start.retryMpnId':
      'Please type the global Partner ID (MPN ID) of the company to invite (6 to 10 digits), or **cancel**.',
    'mergeFlow.start.findGlobalId':
      'The other company finds its global Partner ID (MPN ID) in Partner Center under Settings → Account settings → Partner profile; a location Partner ID cannot be used.',
    'mergeFlow.start.tooManyAttempts':
      'I could not use any of those Partner IDs, so I stopped. Nothing was changed. Type **start merge** to try again.',
    'mergeFlow.start.confirmRetry':
      'Please choose **Send invitation** or **Cancel** on the card (or type yes or cancel).',
    'mergeFlow.start.sentTo': 'Invitation sent to {company}, for {people}.',
    'mergeFlow.start.sentNobodyYet':
      'Invitation created for {company}. None of its Account admins has the bot installed yet; each will get the invitation as soon as they open the bot.',
    'mergeFlow.card.badMergeId':
      'This card does not refer to a valid merge request. Type **history** to see your merges.',
    'mergeFlow.notify.cancelled': '{initiator} cancelled the invitation to merge with {invited}. Nothing was changed.',
    'mergeFlow.notify.expired':
      'The invitation from {initiator} to merge with {invited} expired without an answer. Nothing was changed.',
    'mergeFlow.history.noAccount':
      'You are not a user of any partner account I know, so there is no merge history to show.',
    'mergeFlow.history.notFound':
      'I cannot find that merge in the history of your account. Type **history** to see your merges.',
  },
  nl: {
    'mergeFlow.start.askMpnId':
      'U start een samenvoeging als accountbeheerder van {company} ({mpnId}). {company} wordt het wereldwijde partneraccount (PGA). Welke **wereldwijde Partner-ID (MPN-ID)** wilt u uitnodigen? (Typ **annuleren** om te stoppen.)',
    'mergeFlow.start.retryMpnId':
      'Typ de wereldwijde Partner-ID van het bedrijf dat u wilt uitnodigen (6 tot 10 cijfers), of **annuleren**.',
    'mergeFlow.start.findGlobalId':
      'Het andere bedrijf vindt zijn wereldwijde Partner-ID in Partner Center onder Instellingen → Accountinstellingen → Partnerprofiel; een locatie-Partner-ID kan niet worden gebruikt.',
    'mergeFlow.start.tooManyAttempts':
      "Ik kon geen van die Partner-ID's gebruiken, dus ik ben gestopt. Er is niets gewijzigd. Typ **samenvoegen starten** om het opnieuw te proberen.",
    'mergeFlow.start.confirmRetry':
      'Kies **Uitnodiging versturen** of **Annuleren** op de kaart (of typ ja of annuleren).',
    'mergeFlow.start.sentTo': 'Uitnodiging verstuurd naar {company}, voor {people}.',
    'mergeFlow.start.sentNobodyYet':
      'Uitnodiging aangemaakt voor {company}. Nog geen van de accountbeheerders heeft de bot geïnstalleerd; ieder krijgt de uitnodiging zodra hij of zij de bot opent.',
    'mergeFlow.card.badMergeId':
      'Deze kaart verwijst niet naar een geldige samenvoegingsaanvraag. Typ **geschiedenis** om uw samenvoegingen te zien.',
    'mergeFlow.notify.cancelled':
      '{initiator} heeft de uitnodiging om samen te voegen met {invited} geannuleerd. Er is niets gewijzigd.',
    'mergeFlow.notify.expired':
      'De uitnodiging van {initiator} om samen te voegen met {invited} is zonder antwoord verlopen. Er is niets gewijzigd.',
    'mergeFlow.history.noAccount':
      'U bent geen gebruiker van een partneraccount dat ik ken, dus er is geen samenvoegingsgeschiedenis om te tonen.',
    'mergeFlow.history.notFound':
      'Ik kan die samenvoeging niet vinden in de geschiedenis van uw account. Typ **geschiedenis** om uw samenvoegingen te zien.',
  },
});
