import { defineCatalog } from '../catalog.js';

/** Strings of notifications to managers (merge watchers). */
export const notify = defineCatalog({
  en: {
    'notify.manager.eyebrow': 'Partner account merge — update for managers',
    'notify.manager.title': '{initiator} and {invited}',
    'notify.manager.what.invited': '{actor} invited {invited} to merge its partner account into {initiator}.',
    'notify.manager.what.reminded': 'A reminder was sent to {invited}.',
    'notify.manager.what.accepted':
      '{actor} accepted the invitation for {invited}. {initiator} now reviews and confirms the merge.',
    'notify.manager.what.rejected': '{actor} rejected the invitation for {invited}.',
    'notify.manager.what.cancelled': '{actor} cancelled the merge.',
    'notify.manager.what.expired': 'The invitation expired without an answer.',
    'notify.manager.what.completed': '{actor} confirmed the merge: {invited} is now part of {initiator}.',
    'notify.manager.when': 'On {date} at {time}',
    'notify.manager.fact.actor': 'Done by',
    'notify.manager.reason': 'Reason given',
    'notify.manager.why':
      'You get this because you are registered as a manager (merge watcher) of one of these partner accounts.',
    'notify.manager.history': 'Show merge history',
  },
  nl: {
    'notify.manager.eyebrow': 'Samenvoeging van partneraccounts — update voor managers',
    'notify.manager.title': '{initiator} en {invited}',
    'notify.manager.what.invited':
      '{actor} heeft {invited} uitgenodigd om het partneraccount samen te voegen met {initiator}.',
    'notify.manager.what.reminded': 'Er is een herinnering verstuurd naar {invited}.',
    'notify.manager.what.accepted':
      '{actor} heeft de uitnodiging voor {invited} geaccepteerd. {initiator} controleert en bevestigt nu de samenvoeging.',
    'notify.manager.what.rejected': '{actor} heeft de uitnodiging voor {invited} afgewezen.',
    'notify.manager.what.cancelled': '{actor} heeft de samenvoeging geannuleerd.',
    'notify.manager.what.expired': 'De uitnodiging is zonder antwoord verlopen.',
    'notify.manager.what.completed':
      '{actor} heeft de samenvoeging bevestigd: {invited} maakt nu deel uit van {initiator}.',
    'notify.manager.when': 'Op {date} om {time}',
    'notify.manager.fact.actor': 'Gedaan door',
    'notify.manager.reason': 'Opgegeven reden',
    'notify.manager.why':
      'U ontvangt dit omdat u bent geregistreerd als manager (volger van samenvoegingen) van een van deze partneraccounts.',
    'notify.manager.history': 'Samenvoegingsgeschiedenis tonen',
  },
});
