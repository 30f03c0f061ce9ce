import { defineCatalog } from '../catalog.js';

/**
 * Strings of the merge cards (live merge request card, preview before inviting, merge
 * history, audit trail). Parameters named company/actor/reason/name are user text and
 * arrive escaped; {date}/{time} are Adaptive Card DATE()/TIME() functions that the Teams
 * client localizes. Status, action, audit and advice labels come from the merge catalog.
 * The "what to expect" lines follow the Partner Center article (seed 003).
 */
export const mergeCards = defineCatalog({
  en: {
    'mergeCards.title.invitedInvitee': '{initiator} invites {invited} to merge partner accounts',
    'mergeCards.title.invitedInitiator': 'Invitation sent to {invited}',
    'mergeCards.title.acceptedInitiator': '{invited} accepted — review and confirm',
    'mergeCards.title.accepted': '{invited} accepted the merge',
    'mergeCards.title.rejected': '{invited} rejected the merge',
    'mergeCards.title.cancelled': 'The merge with {invited} was cancelled',
    'mergeCards.title.expired': 'The invitation to {invited} expired',
    'mergeCards.title.completed': 'Accounts merged',
    'mergeCards.statusLine': 'Status: {status}',

    'mergeCards.fact.initiator': 'Inviting company',
    'mergeCards.fact.invited': 'Invited company',
    'mergeCards.fact.status': 'Status',
    'mergeCards.fact.reference': 'Reference',
    'mergeCards.fact.company': 'Company',
    'mergeCards.fact.globalMpnId': 'Global Partner ID',
    'mergeCards.fact.becomesLocation': 'Becomes a location',
    'mergeCards.fact.locations': 'Location Partner IDs',
    'mergeCards.fact.tenants': 'Tenants (domains)',
    'mergeCards.fact.competencies': 'Competencies',
    'mergeCards.value.company': '{company}, global Partner ID {mpnId}',

    'mergeCards.when.invited': 'Invited by {actor} on {date} at {time}',
    'mergeCards.when.accepted': 'Accepted by {actor} on {date} at {time}',
    'mergeCards.when.rejected': 'Rejected by {actor} on {date} at {time}',
    'mergeCards.when.cancelled': 'Cancelled by {actor} on {date} at {time}',
    'mergeCards.when.expired': 'Expired on {date} at {time} without an answer',
    'mergeCards.when.completed': 'Confirmed by {actor}; merged on {date} at {time}',

    'mergeCards.reason.label': 'Reason for rejecting',
    'mergeCards.reason.inputLabel': 'Why are you rejecting? {company} will see your reason.',
    'mergeCards.reason.placeholder': 'For example: we are not ready to merge yet',
    'mergeCards.action.rejectOpen': 'Reject…',

    'mergeCards.readOnly.outsider': 'You are not a member of either account, so you can only view this request.',
    'mergeCards.readOnly.invitedNotAdmin': 'Only an Account admin of {company} can approve or reject this invitation.',
    'mergeCards.readOnly.initiatorNotAdminInvited': 'Only an Account admin of {company} can cancel this invitation.',
    'mergeCards.readOnly.initiatorNotAdminAccepted':
      'Only an Account admin of {company} can confirm or cancel the merge.',
    'mergeCards.readOnly.nothingToDo': 'There is nothing for you to decide on this request right now.',
    'mergeCards.waiting.answer': 'Waiting for an Account admin of {company} to answer.',
    'mergeCards.waiting.confirm': 'Waiting for an Account admin of {company} to review and confirm the merge.',

    'mergeCards.expect.title': 'What to expect if you accept',
    'mergeCards.expect.pga':
      'Your Partner ID(s) and locations will be merged into the partner global account (PGA) of {initiator}.',
    'mergeCards.expect.roles': 'Your users will be brought into the merged account with their roles intact.',
    'mergeCards.expect.benefits': 'Existing benefits and competencies are preserved for both companies until renewal.',
    'mergeCards.expect.renewal':
      'At renewal, the accounts are treated as one company and standard renewal rules apply.',
    'mergeCards.expect.afterAccept': 'After you accept, {initiator} reviews the details and confirms the merge.',

    'mergeCards.preview.summaryTitle': 'After the merge',
    'mergeCards.preview.locationsSummary':
      '{company} (global Partner ID {mpnId}) will have {count} location Partner IDs: {ids}.',
    'mergeCards.preview.pgaTitle': 'Partner global account (PGA)',
    'mergeCards.preview.locationsTitle': 'Location Partner IDs ({count}), all preserved',
    'mergeCards.preview.formerGlobal': '{name} (former global Partner ID)',
    'mergeCards.preview.tenantsTitle': 'Tenants stay side by side (not merged)',
    'mergeCards.preview.competenciesTitle': 'Competencies (highest level awarded)',
    'mergeCards.preview.competency': '{name}: {level}',
    'mergeCards.preview.competencyUpgraded': '{name}: {level} (upgraded from {from})',
    'mergeCards.preview.benefitsTitle': 'Benefit packages',
    'mergeCards.preview.package': '{company}: {competencies}; expires on {date}',
    'mergeCards.preview.packageExpired': '{company}: {competencies}; expired on {date}',
    'mergeCards.preview.actionPack': 'Microsoft Action Pack: the latest anniversary date is kept ({month}).',
    'mergeCards.preview.retainedTitle': 'Carried over to the merged account',
    'mergeCards.preview.noCompetencies': 'No competencies',
    'mergeCards.level.gold': 'gold',
    'mergeCards.level.silver': 'silver',

    'mergeCards.retained.users': 'Users (roles kept)',
    'mergeCards.retained.offers': 'Published offers',
    'mergeCards.retained.coSellPipeline': 'Co-sell pipeline items',
    'mergeCards.retained.mcpIds': 'MCP IDs (moved to the PGA)',
    'mergeCards.retained.advancedSpecializations': 'Advanced specializations',
    'mergeCards.retained.softwareAssuranceVouchers': 'Software Assurance vouchers',
    'mergeCards.retained.azureExpertMsp': 'Azure Expert MSP benefits',

    'mergeCards.warning.irreversible':
      '**This merge is irreversible.** Once it is confirmed, {invited} becomes a location of {initiator} for good.',

    'mergeCards.merged.title': 'The merged account',
    'mergeCards.merged.adviceTitle': 'Next steps',

    'mergeCards.previewCard.title': 'Merge {invited} into {initiator}?',
    'mergeCards.previewCard.intro': 'Nothing is merged yet: {invited} approves or rejects first, then you confirm.',
    'mergeCards.previewCard.send': 'Send invitation',
    'mergeCards.previewCard.cancel': 'Cancel',

    'mergeCards.pill.invited': 'Waiting for approval',
    'mergeCards.pill.accepted': 'Approved',
    'mergeCards.pill.rejected': 'Rejected',
    'mergeCards.pill.cancelled': 'Cancelled',
    'mergeCards.pill.expired': 'Expired',
    'mergeCards.pill.completed': 'Merged',
    'mergeCards.fact.answerBy': 'Answer by',
    'mergeCards.fact.pga': 'Stays the global account',
    'mergeCards.value.tenantsApart': '{tenants}, each stays its own tenant',
    'mergeCards.fact.afterMerge': 'After the merge',
    'mergeCards.value.moment': '{date} at {time}',
    'mergeCards.value.afterMerge': '{company} with {count} locations',
    'mergeCards.details.reference': 'Merge reference {id}',
    'mergeCards.action.details': 'Show details',
    'mergeCards.action.confirmOpen': 'Confirm merge…',
    'mergeCards.confirm.acknowledge': 'I understand this merge cannot be undone',
    'mergeCards.confirm.acknowledgeLabel': 'Irreversible',
    'mergeCards.confirm.acknowledgeError': 'Tick the box to show you understand the merge cannot be undone.',
    'mergeCards.superseded.title': 'Merge of {invited} into {initiator}',
    'mergeCards.more': 'and {count} more (all of them in the merge history)',
    'mergeCards.unavailable.title': 'This merge is not available to you.',
    'mergeCards.unavailable.why':
      'Merges are shown to the people of the two partner accounts and to the managers they chose. If you expected to see it, ask an Account admin of your company.',
    'mergeCards.superseded.merge': 'A newer card about this merge is below.',
    'mergeCards.superseded.manager': 'A newer update about this merge is below.',
    'mergeCards.previewCard.notSent': 'Not sent. Nothing was changed.',

    'mergeCards.history.title': 'Merge history',
    'mergeCards.history.empty': 'No merges yet. Invitations that {company} sends or receives will be listed here.',
    'mergeCards.history.initiated': 'Invitation sent',
    'mergeCards.history.received': 'Invitation received',
    'mergeCards.history.dates': 'Created on {created} · last change on {updated}',
    'mergeCards.history.details': 'Details',
    'mergeCards.history.showing': 'Showing the {shown} most recent of {total} merges.',

    'mergeCards.audit.title': 'Merge details',
    'mergeCards.audit.trailTitle': 'Audit trail (oldest first)',
  },
  nl: {
    'mergeCards.title.invitedInvitee': '{initiator} nodigt {invited} uit om de partneraccounts samen te voegen',
    'mergeCards.title.invitedInitiator': 'Uitnodiging verstuurd naar {invited}',
    'mergeCards.title.acceptedInitiator': '{invited} heeft geaccepteerd — controleer en bevestig',
    'mergeCards.title.accepted': '{invited} heeft de samenvoeging geaccepteerd',
    'mergeCards.title.rejected': '{invited} heeft de samenvoeging afgewezen',
    'mergeCards.title.cancelled': 'De samenvoeging met {invited} is geannuleerd',
    'mergeCards.title.expired': 'De uitnodiging aan {invited} is verlopen',
    'mergeCards.title.completed': 'Accounts samengevoegd',
    'mergeCards.statusLine': 'Status: {status}',

    'mergeCards.fact.initiator': 'Uitnodigend bedrijf',
    'mergeCards.fact.invited': 'Uitgenodigd bedrijf',
    'mergeCards.fact.status': 'Status',
    'mergeCards.fact.reference': 'Referentie',
    'mergeCards.fact.company': 'Bedrijf',
    'mergeCards.fact.globalMpnId': 'Wereldwijde Partner-ID',
    'mergeCards.fact.becomesLocation': 'Wordt een locatie',
    'mergeCards.fact.locations': "Locatie-Partner-ID's",
    'mergeCards.fact.tenants': 'Tenants (domeinen)',
    'mergeCards.fact.competencies': 'Competenties',
    'mergeCards.value.company': '{company}, wereldwijde Partner-ID {mpnId}',

    'mergeCards.when.invited': 'Uitgenodigd door {actor} op {date} om {time}',
    'mergeCards.when.accepted': 'Geaccepteerd door {actor} op {date} om {time}',
    'mergeCards.when.rejected': 'Afgewezen door {actor} op {date} om {time}',
    'mergeCards.when.cancelled': 'Geannuleerd door {actor} op {date} om {time}',
    'mergeCards.when.expired': 'Verlopen op {date} om {time} zonder antwoord',
    'mergeCards.when.completed': 'Bevestigd door {actor}; samengevoegd op {date} om {time}',

    'mergeCards.reason.label': 'Reden van afwijzing',
    'mergeCards.reason.inputLabel': 'Waarom wijst u af? {company} ziet uw reden.',
    'mergeCards.reason.placeholder': 'Bijvoorbeeld: we zijn nog niet klaar om samen te voegen',
    'mergeCards.action.rejectOpen': 'Afwijzen…',

    'mergeCards.readOnly.outsider':
      'U bent geen lid van een van beide accounts, dus u kunt deze aanvraag alleen bekijken.',
    'mergeCards.readOnly.invitedNotAdmin':
      'Alleen een accountbeheerder van {company} kan deze uitnodiging goedkeuren of afwijzen.',
    'mergeCards.readOnly.initiatorNotAdminInvited':
      'Alleen een accountbeheerder van {company} kan deze uitnodiging annuleren.',
    'mergeCards.readOnly.initiatorNotAdminAccepted':
      'Alleen een accountbeheerder van {company} kan de samenvoeging bevestigen of annuleren.',
    'mergeCards.readOnly.nothingToDo': 'Er valt voor u op dit moment niets te beslissen over deze aanvraag.',
    'mergeCards.waiting.answer': 'Wachten op het antwoord van een accountbeheerder van {company}.',
    'mergeCards.waiting.confirm':
      'Wachten tot een accountbeheerder van {company} de samenvoeging controleert en bevestigt.',

    'mergeCards.expect.title': 'Wat u kunt verwachten als u accepteert',
    'mergeCards.expect.pga':
      "Uw Partner-ID('s) en locaties worden samengevoegd in het wereldwijde partneraccount (PGA) van {initiator}.",
    'mergeCards.expect.roles':
      'Uw gebruikers worden met behoud van hun rollen overgebracht naar het samengevoegde account.',
    'mergeCards.expect.benefits':
      'Bestaande voordelen en competenties blijven voor beide bedrijven behouden tot de verlenging.',
    'mergeCards.expect.renewal':
      'Bij de verlenging worden de accounts als één bedrijf behandeld en gelden de standaardregels voor verlenging.',
    'mergeCards.expect.afterAccept':
      'Nadat u hebt geaccepteerd, controleert {initiator} de details en bevestigt de samenvoeging.',

    'mergeCards.preview.summaryTitle': 'Na de samenvoeging',
    'mergeCards.preview.locationsSummary':
      "{company} (wereldwijde Partner-ID {mpnId}) krijgt {count} locatie-Partner-ID's: {ids}.",
    'mergeCards.preview.pgaTitle': 'Wereldwijd partneraccount (PGA)',
    'mergeCards.preview.locationsTitle': "Locatie-Partner-ID's ({count}), allemaal behouden",
    'mergeCards.preview.formerGlobal': '{name} (voormalige wereldwijde Partner-ID)',
    'mergeCards.preview.tenantsTitle': 'Tenants blijven naast elkaar bestaan (niet samengevoegd)',
    'mergeCards.preview.competenciesTitle': 'Competenties (hoogste niveau toegekend)',
    'mergeCards.preview.competency': '{name}: {level}',
    'mergeCards.preview.competencyUpgraded': '{name}: {level} (opgewaardeerd van {from})',
    'mergeCards.preview.benefitsTitle': 'Voordelenpakketten',
    'mergeCards.preview.package': '{company}: {competencies}; verloopt op {date}',
    'mergeCards.preview.packageExpired': '{company}: {competencies}; verlopen op {date}',
    'mergeCards.preview.actionPack': 'Microsoft Action Pack: de laatste jubileumdatum blijft behouden ({month}).',
    'mergeCards.preview.retainedTitle': 'Wat naar het samengevoegde account gaat',
    'mergeCards.preview.noCompetencies': 'Geen competenties',
    'mergeCards.level.gold': 'goud',
    'mergeCards.level.silver': 'zilver',

    'mergeCards.retained.users': 'Gebruikers (rollen blijven)',
    'mergeCards.retained.offers': 'Gepubliceerde aanbiedingen',
    'mergeCards.retained.coSellPipeline': 'Items in co-sell-pijplijn',
    'mergeCards.retained.mcpIds': "MCP-ID's (naar de PGA)",
    'mergeCards.retained.advancedSpecializations': 'Geavanceerde specialisaties',
    'mergeCards.retained.softwareAssuranceVouchers': 'Software Assurance-vouchers',
    'mergeCards.retained.azureExpertMsp': 'Azure Expert MSP-voordelen',

    'mergeCards.warning.irreversible':
      '**Deze samenvoeging is onomkeerbaar.** Zodra ze is bevestigd, wordt {invited} definitief een locatie van {initiator}.',

    'mergeCards.merged.title': 'Het samengevoegde account',
    'mergeCards.merged.adviceTitle': 'Volgende stappen',

    'mergeCards.previewCard.title': '{invited} samenvoegen met {initiator}?',
    'mergeCards.previewCard.intro':
      'Er wordt nog niets samengevoegd: eerst keurt {invited} goed of af, daarna bevestigt u.',
    'mergeCards.previewCard.send': 'Uitnodiging versturen',
    'mergeCards.previewCard.cancel': 'Annuleren',

    'mergeCards.pill.invited': 'Wacht op goedkeuring',
    'mergeCards.pill.accepted': 'Goedgekeurd',
    'mergeCards.pill.rejected': 'Afgewezen',
    'mergeCards.pill.cancelled': 'Geannuleerd',
    'mergeCards.pill.expired': 'Verlopen',
    'mergeCards.pill.completed': 'Samengevoegd',
    'mergeCards.fact.answerBy': 'Antwoord vóór',
    'mergeCards.fact.pga': 'Blijft het wereldwijde account',
    'mergeCards.value.tenantsApart': '{tenants}, elk blijft een eigen tenant',
    'mergeCards.fact.afterMerge': 'Na de samenvoeging',
    'mergeCards.value.moment': '{date} om {time}',
    'mergeCards.value.afterMerge': '{company} met {count} locaties',
    'mergeCards.details.reference': 'Referentie van de samenvoeging {id}',
    'mergeCards.action.details': 'Details tonen',
    'mergeCards.action.confirmOpen': 'Bevestigen…',
    'mergeCards.confirm.acknowledge': 'Ik begrijp dat deze samenvoeging niet ongedaan kan worden gemaakt',
    'mergeCards.confirm.acknowledgeLabel': 'Onomkeerbaar',
    'mergeCards.confirm.acknowledgeError':
      'Vink het vakje aan om te laten zien dat u begrijpt dat de samenvoeging niet ongedaan kan worden gemaakt.',
    'mergeCards.superseded.title': 'Samenvoeging van {invited} met {initiator}',
    'mergeCards.more': 'en nog {count} (allemaal in de samenvoeggeschiedenis)',
    'mergeCards.unavailable.title': 'Deze samenvoeging is niet voor u beschikbaar.',
    'mergeCards.unavailable.why':
      'Samenvoegingen worden getoond aan de mensen van de twee partneraccounts en aan de managers die zij hebben gekozen. Verwachtte u haar te zien, vraag het dan een accountbeheerder van uw bedrijf.',
    'mergeCards.superseded.merge': 'Hieronder staat een nieuwere kaart over deze samenvoeging.',
    'mergeCards.superseded.manager': 'Hieronder staat een nieuwere melding over deze samenvoeging.',
    'mergeCards.previewCard.notSent': 'Niet verstuurd. Er is niets gewijzigd.',

    'mergeCards.history.title': 'Samenvoeggeschiedenis',
    'mergeCards.history.empty':
      'Nog geen samenvoegingen. Uitnodigingen die {company} verstuurt of ontvangt, worden hier vermeld.',
    'mergeCards.history.initiated': 'Uitnodiging verstuurd',
    'mergeCards.history.received': 'Uitnodiging ontvangen',
    'mergeCards.history.dates': 'Aangemaakt op {created} · laatst gewijzigd op {updated}',
    'mergeCards.history.details': 'Details bekijken',
    'mergeCards.history.showing': 'De {shown} meest recente van {total} samenvoegingen worden getoond.',

    'mergeCards.audit.title': 'Details van de samenvoeging',
    'mergeCards.audit.trailTitle': 'Audittrail (oudste eerst)',
  },
});
