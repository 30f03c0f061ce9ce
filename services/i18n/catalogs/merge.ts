import { defineCatalog } from '../catalog.js';

/**
 * Strings of the merge area: domain error messages (`merge.error.<code>`), status, action
 * and audit labels, and the preview's advice. Dutch uses Partner Center's Dutch terms
 * (Accountbeheerder, wereldwijde MPN-ID, locatie-MPN-ID).
 */
export const merge = defineCatalog({
  en: {
    'merge.error.invalid-mpn-id':
      '"{input}" is not a valid Partner ID. A Partner ID (MPN ID) is a number of 6 to 10 digits; you find it in the Partner profile in Partner Center.',
    'merge.error.unknown-mpn-id':
      "I don't know a partner account with Partner ID {mpnId}. Check the global Partner ID (MPN ID) in the other company's Partner profile.",
    'merge.error.location-mpn-id':
      '{mpnId} is a location Partner ID of {company}. A merge needs the global Partner ID (MPN ID): use {globalMpnId}.',
    'merge.error.self-merge':
      "You can't merge your account with itself ({mpnId}). Enter the global Partner ID (MPN ID) of the other company.",
    'merge.error.open-merge-exists':
      '{company} ({mpnId}) already has an open merge. An account can be in only one open merge at a time; finish or cancel that one first.',
    'merge.error.not-account-admin': 'Only an Account admin of {company} ({mpnId}) can do this.',
    'merge.error.no-admin-account':
      'Only an Account admin can start a merge, and you are not an Account admin of any partner account I know.',
    'merge.error.multiple-admin-accounts':
      'You are an Account admin of more than one partner account ({accounts}). Say which account should invite.',
    'merge.error.not-authorized': 'You are not allowed to do this ({action}).',
    'merge.error.reason-required': 'Please give a reason for rejecting the merge. The inviting company will see it.',
    'merge.error.reason-too-long': 'The reason is too long ({length} characters). Please keep it to {max} characters.',
    'merge.error.already-decided': 'This merge request is already {status}. Nothing was changed.',
    'merge.error.acknowledgement-required':
      'To confirm, tick "I understand this merge cannot be undone" first. Nothing was changed.',
    'merge.error.all-zero-mpn-id':
      '"{input}" is not a Partner ID: a Partner ID (MPN ID) is never all zeros. You find yours in the Partner profile in Partner Center.',
    'merge.error.own-location':
      '{mpnId} is already a location of your account {company} (merged on {mergedOn}). Enter the global Partner ID (MPN ID) of another company.',
    'merge.error.not-accepted-yet':
      'The invited company has not accepted the merge yet. You can confirm once they accept.',
    'merge.error.invitation-expired':
      'This invitation expired on {expiresAt}. Nothing was changed; the inviting company can send a new invitation.',
    'merge.error.not-due': 'This merge request is not due for that yet ({action}).',
    'merge.error.account-not-active': 'Account {mpnId} has already been merged into {mergedInto}.',
    'merge.error.version-conflict': 'Someone else changed this at the same moment. Please refresh and try again.',
    'merge.error.merge-not-found': "I can't find merge request {mergeId}.",
    'merge.error.invalid-import': 'The import file has {problems} problem(s). Nothing was imported.',

    'merge.status.invited': 'invited',
    'merge.status.accepted': 'accepted',
    'merge.status.rejected': 'rejected',
    'merge.status.cancelled': 'cancelled',
    'merge.status.expired': 'expired',
    'merge.status.completed': 'completed',

    'merge.action.accept': 'Approve',
    'merge.action.reject': 'Reject',
    'merge.action.confirm': 'Confirm merge',
    'merge.action.cancel': 'Cancel merge',
    'merge.action.refresh': 'Refresh',

    'merge.audit.invited': '{actor} invited {company} to merge',
    'merge.audit.accepted': '{actor} accepted the merge',
    'merge.audit.rejected': '{actor} rejected the merge: {reason}',
    'merge.audit.cancelled': '{actor} cancelled the merge',
    'merge.audit.expired': 'The invitation expired',
    'merge.audit.completed': '{actor} confirmed; the accounts were merged',
    'merge.audit.reminded': 'A reminder was sent',
    'merge.audit.system': 'System',

    'merge.preview.irreversible': "A merge can't be reversed.",
    'merge.advice.check-bank-and-tax': 'After the merge, check your bank and tax information for accuracy.',
    'merge.advice.licenses-stay-in-tenant':
      "Benefits follow the MPN benefits usage guide: an activated Office 365 E3 token works for 12 months after activation, and its licenses can't be moved to another tenant.",
    'merge.preview.renewal':
      'At renewal on {date} the merged account is one company: one Action Pack and one core benefits package for your highest attainment, plus the competency benefits you qualify for.',
    'merge.preview.tenantsNotMerged':
      "Entra ID tenants and CSP accounts are not merged: each company's admins keep managing the Partner Center roles of their own tenant's users.",
    'merge.preview.benefitsUntilRenewal': 'Both benefit packages are kept until they renew as one package on {date}.',
    'merge.preview.renewedOn':
      'The benefit packages were due to renew as one package on {date}; since then the merged account renews as one company.',
  },
  nl: {
    'merge.error.invalid-mpn-id':
      '"{input}" is geen geldige Partner-ID. Een Partner-ID is een getal van 6 tot 10 cijfers; u vindt het in het partnerprofiel in Partner Center.',
    'merge.error.unknown-mpn-id':
      'Ik ken geen partneraccount met Partner-ID {mpnId}. Controleer de wereldwijde Partner-ID (MPN-ID) in het partnerprofiel van het andere bedrijf.',
    'merge.error.location-mpn-id':
      '{mpnId} is een locatie-Partner-ID van {company}. Voor samenvoegen is de wereldwijde Partner-ID (MPN-ID) nodig: gebruik {globalMpnId}.',
    'merge.error.self-merge':
      'U kunt uw account niet met zichzelf samenvoegen ({mpnId}). Voer de wereldwijde Partner-ID van het andere bedrijf in.',
    'merge.error.open-merge-exists':
      '{company} ({mpnId}) heeft al een openstaande samenvoeging. Een account kan maar in één openstaande samenvoeging tegelijk zitten; rond die eerst af of annuleer die.',
    'merge.error.not-account-admin': 'Alleen een accountbeheerder van {company} ({mpnId}) kan dit doen.',
    'merge.error.no-admin-account':
      'Alleen een accountbeheerder kan een samenvoeging starten, en u bent geen accountbeheerder van een partneraccount dat ik ken.',
    'merge.error.multiple-admin-accounts':
      'U bent accountbeheerder van meer dan één partneraccount ({accounts}). Geef aan welk account de uitnodiging stuurt.',
    'merge.error.not-authorized': 'U mag dit niet doen ({action}).',
    'merge.error.reason-required':
      'Geef een reden op voor het afwijzen van de samenvoeging. Het uitnodigende bedrijf ziet deze reden.',
    'merge.error.reason-too-long': 'De reden is te lang ({length} tekens). Gebruik maximaal {max} tekens.',
    'merge.error.already-decided': 'Deze samenvoegingsaanvraag is al {status}. Er is niets gewijzigd.',
    'merge.error.acknowledgement-required':
      'Vink eerst "Ik begrijp dat deze samenvoeging niet ongedaan kan worden gemaakt" aan om te bevestigen. Er is niets gewijzigd.',
    'merge.error.all-zero-mpn-id':
      '"{input}" is geen Partner-ID: een Partner-ID (MPN-ID) bestaat nooit uit alleen nullen. U vindt de uwe in het partnerprofiel in Partner Center.',
    'merge.error.own-location':
      '{mpnId} is al een locatie van uw account {company} (samengevoegd op {mergedOn}). Voer de wereldwijde Partner-ID (MPN-ID) van een ander bedrijf in.',
    'merge.error.not-accepted-yet':
      'Het uitgenodigde bedrijf heeft de samenvoeging nog niet geaccepteerd. U kunt bevestigen zodra het accepteert.',
    'merge.error.invitation-expired':
      'Deze uitnodiging is verlopen op {expiresAt}. Er is niets gewijzigd; het uitnodigende bedrijf kan een nieuwe uitnodiging sturen.',
    'merge.error.not-due': 'Deze samenvoegingsaanvraag is daar nog niet aan toe ({action}).',
    'merge.error.account-not-active': 'Account {mpnId} is al samengevoegd met {mergedInto}.',
    'merge.error.version-conflict':
      'Iemand anders heeft dit op hetzelfde moment gewijzigd. Vernieuw en probeer het opnieuw.',
    'merge.error.merge-not-found': 'Ik kan samenvoegingsaanvraag {mergeId} niet vinden.',
    'merge.error.invalid-import': 'Het importbestand bevat {problems} probleem/problemen. Er is niets geïmporteerd.',

    'merge.status.invited': 'uitgenodigd',
    'merge.status.accepted': 'geaccepteerd',
    'merge.status.rejected': 'afgewezen',
    'merge.status.cancelled': 'geannuleerd',
    'merge.status.expired': 'verlopen',
    'merge.status.completed': 'voltooid',

    'merge.action.accept': 'Goedkeuren',
    'merge.action.reject': 'Afwijzen',
    'merge.action.confirm': 'Samenvoeging bevestigen',
    'merge.action.cancel': 'Annuleren',
    'merge.action.refresh': 'Vernieuwen',

    'merge.audit.invited': '{actor} heeft {company} uitgenodigd om samen te voegen',
    'merge.audit.accepted': '{actor} heeft de samenvoeging geaccepteerd',
    'merge.audit.rejected': '{actor} heeft de samenvoeging afgewezen: {reason}',
    'merge.audit.cancelled': '{actor} heeft de samenvoeging geannuleerd',
    'merge.audit.expired': 'De uitnodiging is verlopen',
    'merge.audit.completed': '{actor} heeft bevestigd; de accounts zijn samengevoegd',
    'merge.audit.reminded': 'Er is een herinnering verstuurd',
    'merge.audit.system': 'Systeem',

    'merge.preview.irreversible': 'Een samenvoeging kan niet ongedaan worden gemaakt.',
    'merge.advice.check-bank-and-tax': 'Controleer na de samenvoeging of uw bank- en belastinggegevens kloppen.',
    'merge.advice.licenses-stay-in-tenant':
      'Voordelen volgen de gebruiksgids voor MPN-voordelen: een geactiveerd Office 365 E3-token werkt 12 maanden na activering, en de licenties ervan kunnen niet naar een andere tenant worden verplaatst.',
    'merge.preview.renewal':
      'Bij de verlenging op {date} is het samengevoegde account één bedrijf: één Action Pack en één pakket kernvoordelen voor uw hoogste niveau, plus de competentievoordelen waarvoor u in aanmerking komt.',
    'merge.preview.tenantsNotMerged':
      'Entra ID-tenants en CSP-accounts worden niet samengevoegd: de beheerders van elk bedrijf blijven de Partner Center-rollen van de gebruikers in hun eigen tenant beheren.',
    'merge.preview.benefitsUntilRenewal':
      'Beide voordelenpakketten blijven behouden tot ze op {date} als één pakket worden verlengd.',
    'merge.preview.renewedOn':
      'De voordelenpakketten zouden op {date} als één pakket worden verlengd; sindsdien wordt het samengevoegde account als één bedrijf verlengd.',
  },
});
