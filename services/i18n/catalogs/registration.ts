import { defineCatalog } from '../catalog.js';

/**
 * Strings of a company's registration: the form, the requester's status card, the
 * reviewers' card, the help card's entries for people the bot does not know yet, and the
 * domain errors (which keep the `merge.error.<code>` keys every error uses). Dutch
 * addresses the user formally (u).
 */
export const registration = defineCatalog({
  en: {
    'merge.error.company-name-required': "Type your company's name.",
    'merge.error.company-name-too-long': 'The company name can be at most {max} characters.',
    'merge.error.domains-required': 'Type at least one work-account domain, like litware.com.',
    'merge.error.domain-invalid': '"{input}" is not a domain. Type one like litware.com.',
    'merge.error.too-many-domains': 'Type at most {max} domains.',
    'merge.error.personal-domain':
      '{domain} is a personal mailbox domain ({provider}); a company registers with the domains of its work account.',
    'merge.error.domain-other-tenant':
      "{domain} belongs to another organization's Microsoft Entra tenant, not to yours. Register only your own organization's domains.",
    'merge.error.domain-no-tenant':
      'No Microsoft Entra tenant has verified {domain}. Use a domain your organization has verified, or check it with "check {domain}".',
    'merge.error.domain-unverifiable':
      "I couldn't find out right now who owns {domain}. Nothing was sent; please try again in a moment.",
    'merge.error.location-line-invalid':
      '"{input}" is not a location: put its Partner ID first, then its name, like 2222222 Litware Amsterdam.',
    'merge.error.location-name-required': 'Give location {mpnId} a name too, like {mpnId} Litware Amsterdam.',
    'merge.error.too-many-locations': 'Type at most {max} locations; add more later on the People and locations card.',
    'merge.error.duplicate-mpn-id': 'Partner ID {mpnId} is there twice.',
    'merge.error.mpn-id-taken':
      "Partner ID {mpnId} already belongs to an account here. If it is yours, ask that account's Account admin.",
    'merge.error.requester-address-invalid':
      '"{input}" is not an e-mail address. Type your work e-mail, like name@litware.com.',
    'merge.error.requester-address-domain':
      'Your work e-mail {address} is not at one of the domains you register ({domains}). Add its domain too.',
    'merge.error.tenant-has-account':
      'Your organization is already registered here as {company} ({mpnId}). Ask one of its Account admins to add you: they type "people".',
    'merge.error.registration-waiting':
      "Your organization's registration of {company} ({mpnId}) has been waiting for review since {createdAt}. I'll tell you when the reviewers decide.",
    'merge.error.registration-limit':
      'Your organization sent too many registrations lately (at most {max} a day). Try again after {retryAt}.',
    'merge.error.registration-not-found': "I can't find that registration.",
    'merge.error.registration-decided':
      'This registration is already {status} (by {by}, {decidedAt}). Nothing was changed.',
    'merge.error.not-reviewer':
      "Only the operator's reviewers can approve or reject registrations. Nothing was changed.",
    'merge.error.registration-reason-required':
      'Give a reason for rejecting the registration: the requester sees it. Nothing was changed.',

    'registration.status.pending': 'waiting for review',
    'registration.status.approved': 'approved',
    'registration.status.rejected': 'rejected',
    'registration.pill.pending': 'Waiting for review',
    'registration.pill.approved': 'Approved',
    'registration.pill.rejected': 'Rejected',

    'registration.form.title': 'Register your company',
    'registration.form.intro':
      "I check what I can: every domain must belong to your organization's Microsoft Entra tenant, and no Partner ID may be taken. The operator's reviewers then confirm in Partner Center that you are its Account admin.",
    'registration.form.problems': 'Please fix this first:',
    'registration.form.mpnLabel': 'Global Partner ID (MPN ID)',
    'registration.form.mpnPlaceholder': '1234567',
    'registration.form.nameLabel': 'Company name',
    'registration.form.namePlaceholder': 'Litware, Inc.',
    'registration.form.domainsLabel': 'Work-account domains (separate several with commas)',
    'registration.form.domainsPlaceholder': 'litware.com',
    'registration.form.addressLabel': 'Your work e-mail',
    'registration.form.addressPlaceholder': 'name@litware.com',
    'registration.form.you': 'Requested by {name} ({address})',
    'registration.form.locationsLabel': 'Location Partner IDs (optional): one per line, with its name',
    'registration.form.locationsPlaceholder': '2222222 Litware Amsterdam',
    'registration.form.submit': 'Send for review',

    'registration.card.pendingTitle': 'Registration sent: {company}',
    'registration.card.approvedTitle': '{company} is registered',
    'registration.card.rejectedTitle': 'Registration of {company} not approved',
    'registration.card.pendingText':
      "The operator's reviewers check in Partner Center that you are the Account admin of {mpnId}. I'll tell you here when they decide.",
    'registration.card.approvedText':
      'You are the Account admin of {company} here. Add your colleagues and managers, then start a merge.',
    'registration.card.rejectedText': 'You can register again with corrected details.',
    'registration.card.partnerId': 'Partner ID',
    'registration.card.company': 'Company',
    'registration.card.domains': 'Domains',
    'registration.card.locations': 'Locations',
    'registration.card.noLocations': 'None',
    'registration.card.sent': 'Sent',
    'registration.card.decidedBy': 'Decided by',
    'registration.card.decidedValue': '{name}, {date}',
    'registration.card.reason': 'Reason',
    'registration.card.people': 'People and roles',
    'registration.card.startMerge': 'Start a merge',
    'registration.card.again': 'Register again',
    'registration.card.superseded': 'This registration was decided: {status}. The newer message below says more.',

    'registration.review.title': 'Registration: {company}',
    'registration.review.subtitle': 'Partner ID {mpnId}',
    'registration.review.requester': 'Requested by',
    'registration.review.requesterValue': '{name} ({upn})',
    'registration.review.tenant': 'Tenant',
    'registration.review.checksTitle': 'What I checked',
    'registration.review.checkDomain': "✓ {domain} belongs to the requester's tenant ({proof}).",
    'registration.review.checkIds': '✓ No account here uses {ids}.',
    'registration.review.checkPersonal': '✓ No personal mailbox domain.',
    'registration.review.competing':
      '⚠ {count} other registration(s) from another organization name the same Partner ID. Approve only the one Partner Center confirms.',
    'registration.review.toCheck':
      'Before you approve: check in Partner Center that {name} is the Account admin of {mpnId}.',
    'registration.review.proof.openid': 'Microsoft Entra sign-in metadata',
    'registration.review.proof.graph': 'Microsoft Graph',
    'registration.review.proof.ownDomains': "the tenant's verified domains",
    'registration.review.proof.demo': 'demo directory',
    'registration.review.approve': 'Approve',
    'registration.review.reject': 'Reject',
    'registration.review.reasonLabel': 'Reason (the requester sees it)',
    'registration.review.reasonPlaceholder': 'For example: Partner Center shows another Account admin.',
    'registration.review.rejectSubmit': 'Reject registration',
    'registration.review.approvedNotice':
      "Approved: {company} now exists with {name} as its Account admin. I'm telling them.",
    'registration.review.rejectedNotice': "Rejected: I'm telling {name} why.",
    'registration.review.none': 'No registrations are waiting for review.',
    'registration.review.notReviewer': "Only the operator's reviewers can review registrations.",

    'registration.help.register.title': 'Register your company',
    'registration.help.register.text':
      "Your company isn't set up here yet. Register it with its Partner ID: once the operator's reviewers approve, you are its Account admin.",
    'registration.help.register.button': 'Register your company',
    'registration.help.people.title': 'People and locations',
    'registration.help.people.text':
      'Who works in Partner Center for your company: Account admins add people, roles and locations.',
    'registration.help.people.button': 'People',
    'registration.help.review.title': 'Registrations to review',
    'registration.help.review.text': 'Companies that wait for you to approve or reject their registration.',
    'registration.help.review.button': 'Review',
    'registration.help.commands': 'You can also type: help, check domain, register, cancel.',
    'registration.command.register': 'register',
    'registration.command.people': 'people',
    'registration.command.review': 'registrations',

    'registration.notKnown':
      "If your company is a Microsoft partner, register it here: the operator's reviewers approve it, and you become its Account admin.",
    'registration.notKnownTitle': "I don't know your company yet",
    'registration.closed':
      "Registering a company isn't open in this bot: its operator has not named reviewers. Ask the operator to add your company.",
    'registration.waiting': "Your organization's registration of {company} ({mpnId}) is waiting for review.",
  },
  nl: {
    'merge.error.company-name-required': 'Typ de naam van uw bedrijf.',
    'merge.error.company-name-too-long': 'De bedrijfsnaam mag hoogstens {max} tekens lang zijn.',
    'merge.error.domains-required': 'Typ ten minste één domein van het werkaccount, zoals litware.com.',
    'merge.error.domain-invalid': '"{input}" is geen domein. Typ er een als litware.com.',
    'merge.error.too-many-domains': 'Typ hoogstens {max} domeinen.',
    'merge.error.personal-domain':
      '{domain} is een domein voor persoonlijke mailboxen ({provider}); een bedrijf registreert zich met de domeinen van zijn werkaccount.',
    'merge.error.domain-other-tenant':
      '{domain} hoort bij de Microsoft Entra-tenant van een andere organisatie, niet bij de uwe. Registreer alleen de domeinen van uw eigen organisatie.',
    'merge.error.domain-no-tenant':
      'Geen Microsoft Entra-tenant heeft {domain} geverifieerd. Gebruik een domein dat uw organisatie heeft geverifieerd, of controleer het met "controleer {domain}".',
    'merge.error.domain-unverifiable':
      'Ik kon nu niet nagaan van wie {domain} is. Er is niets verstuurd; probeer het zo nog eens.',
    'merge.error.location-line-invalid':
      '"{input}" is geen locatie: zet eerst de Partner-ID, dan de naam, zoals 2222222 Litware Amsterdam.',
    'merge.error.location-name-required': 'Geef locatie {mpnId} ook een naam, zoals {mpnId} Litware Amsterdam.',
    'merge.error.too-many-locations':
      'Typ hoogstens {max} locaties; voeg er later meer toe op de kaart Personen en locaties.',
    'merge.error.duplicate-mpn-id': 'Partner-ID {mpnId} staat er twee keer.',
    'merge.error.mpn-id-taken':
      'Partner-ID {mpnId} hoort al bij een account hier. Is het de uwe, vraag het dan aan de accountbeheerder van dat account.',
    'merge.error.requester-address-invalid':
      '"{input}" is geen e-mailadres. Typ uw zakelijke e-mailadres, zoals naam@litware.com.',
    'merge.error.requester-address-domain':
      'Uw zakelijke e-mailadres {address} valt niet onder de domeinen die u registreert ({domains}). Voeg dat domein ook toe.',
    'merge.error.tenant-has-account':
      'Uw organisatie is hier al geregistreerd als {company} ({mpnId}). Vraag een van de accountbeheerders om u toe te voegen: zij typen "mensen".',
    'merge.error.registration-waiting':
      'De registratie van {company} ({mpnId}) door uw organisatie wacht sinds {createdAt} op beoordeling. Ik laat het u weten zodra de beoordelaars beslissen.',
    'merge.error.registration-limit':
      'Uw organisatie heeft de laatste tijd te veel registraties verstuurd (hoogstens {max} per dag). Probeer het opnieuw na {retryAt}.',
    'merge.error.registration-not-found': 'Ik kan die registratie niet vinden.',
    'merge.error.registration-decided':
      'Deze registratie is al {status} (door {by}, {decidedAt}). Er is niets gewijzigd.',
    'merge.error.not-reviewer':
      'Alleen de beoordelaars van de beheerder kunnen registraties goedkeuren of afwijzen. Er is niets gewijzigd.',
    'merge.error.registration-reason-required':
      'Geef een reden op voor het afwijzen van de registratie: de aanvrager ziet deze. Er is niets gewijzigd.',

    'registration.status.pending': 'in afwachting van beoordeling',
    'registration.status.approved': 'goedgekeurd',
    'registration.status.rejected': 'afgewezen',
    'registration.pill.pending': 'Wacht op beoordeling',
    'registration.pill.approved': 'Goedgekeurd',
    'registration.pill.rejected': 'Afgewezen',

    'registration.form.title': 'Uw bedrijf registreren',
    'registration.form.intro':
      'Ik controleer wat ik kan: elk domein moet bij de Microsoft Entra-tenant van uw organisatie horen, en geen Partner-ID mag al in gebruik zijn. De beoordelaars van de beheerder bevestigen daarna in Partner Center dat u de accountbeheerder bent.',
    'registration.form.problems': 'Pas eerst dit aan:',
    'registration.form.mpnLabel': 'Wereldwijde Partner-ID (MPN-ID)',
    'registration.form.mpnPlaceholder': '1234567',
    'registration.form.nameLabel': 'Bedrijfsnaam',
    'registration.form.namePlaceholder': 'Litware B.V.',
    'registration.form.domainsLabel': "Domeinen van het werkaccount (meerdere met komma's scheiden)",
    'registration.form.domainsPlaceholder': 'litware.nl',
    'registration.form.addressLabel': 'Uw zakelijke e-mailadres',
    'registration.form.addressPlaceholder': 'naam@litware.nl',
    'registration.form.you': 'Aangevraagd door {name} ({address})',
    'registration.form.locationsLabel': "Locatie-Partner-ID's (optioneel): één per regel, met de naam",
    'registration.form.locationsPlaceholder': '2222222 Litware Amsterdam',
    'registration.form.submit': 'Ter beoordeling versturen',

    'registration.card.pendingTitle': 'Registratie verstuurd: {company}',
    'registration.card.approvedTitle': '{company} is geregistreerd',
    'registration.card.rejectedTitle': 'Registratie van {company} niet goedgekeurd',
    'registration.card.pendingText':
      'De beoordelaars van de beheerder controleren in Partner Center dat u de accountbeheerder van {mpnId} bent. Ik laat het u hier weten zodra zij beslissen.',
    'registration.card.approvedText':
      "U bent hier de accountbeheerder van {company}. Voeg uw collega's en managers toe en start daarna een samenvoeging.",
    'registration.card.rejectedText': 'U kunt zich opnieuw registreren met verbeterde gegevens.',
    'registration.card.partnerId': 'Partner-ID',
    'registration.card.company': 'Bedrijf',
    'registration.card.domains': 'Domeinen',
    'registration.card.locations': 'Locaties',
    'registration.card.noLocations': 'Geen',
    'registration.card.sent': 'Verstuurd',
    'registration.card.decidedBy': 'Beslist door',
    'registration.card.decidedValue': '{name}, {date}',
    'registration.card.reason': 'Reden',
    'registration.card.people': 'Personen en rollen',
    'registration.card.startMerge': 'Samenvoeging starten',
    'registration.card.again': 'Opnieuw registreren',
    'registration.card.superseded':
      'Over deze registratie is beslist: {status}. Het nieuwere bericht hieronder zegt meer.',

    'registration.review.title': 'Registratie: {company}',
    'registration.review.subtitle': 'Partner-ID {mpnId}',
    'registration.review.requester': 'Aangevraagd door',
    'registration.review.requesterValue': '{name} ({upn})',
    'registration.review.tenant': 'Tenant',
    'registration.review.checksTitle': 'Wat ik heb gecontroleerd',
    'registration.review.checkDomain': '✓ {domain} hoort bij de tenant van de aanvrager ({proof}).',
    'registration.review.checkIds': '✓ Geen account hier gebruikt {ids}.',
    'registration.review.checkPersonal': '✓ Geen domein voor persoonlijke mailboxen.',
    'registration.review.competing':
      '⚠ {count} andere registratie(s) van een andere organisatie noemen dezelfde Partner-ID. Keur alleen die goed die Partner Center bevestigt.',
    'registration.review.toCheck':
      'Voordat u goedkeurt: controleer in Partner Center dat {name} de accountbeheerder van {mpnId} is.',
    'registration.review.proof.openid': 'aanmeldgegevens van Microsoft Entra',
    'registration.review.proof.graph': 'Microsoft Graph',
    'registration.review.proof.ownDomains': 'de geverifieerde domeinen van de tenant',
    'registration.review.proof.demo': 'demodirectory',
    'registration.review.approve': 'Goedkeuren',
    'registration.review.reject': 'Afwijzen',
    'registration.review.reasonLabel': 'Reden (de aanvrager ziet deze)',
    'registration.review.reasonPlaceholder': 'Bijvoorbeeld: Partner Center toont een andere accountbeheerder.',
    'registration.review.rejectSubmit': 'Registratie afwijzen',
    'registration.review.approvedNotice':
      'Goedgekeurd: {company} bestaat nu met {name} als accountbeheerder. Ik laat het hun weten.',
    'registration.review.rejectedNotice': 'Afgewezen: ik laat {name} weten waarom.',
    'registration.review.none': 'Er wachten geen registraties op beoordeling.',
    'registration.review.notReviewer': 'Alleen de beoordelaars van de beheerder kunnen registraties beoordelen.',

    'registration.help.register.title': 'Uw bedrijf registreren',
    'registration.help.register.text':
      'Uw bedrijf is hier nog niet bekend. Registreer het met de Partner-ID: zodra de beoordelaars van de beheerder goedkeuren, bent u de accountbeheerder.',
    'registration.help.register.button': 'Bedrijf registreren',
    'registration.help.people.title': 'Personen en locaties',
    'registration.help.people.text':
      'Wie er in Partner Center voor uw bedrijf werkt: accountbeheerders voegen personen, rollen en locaties toe.',
    'registration.help.people.button': 'Personen',
    'registration.help.review.title': 'Te beoordelen registraties',
    'registration.help.review.text': 'Bedrijven die wachten tot u hun registratie goedkeurt of afwijst.',
    'registration.help.review.button': 'Beoordelen',
    'registration.help.commands': 'U kunt ook typen: help, domein controleren, registreren, annuleren.',
    'registration.command.register': 'registreren',
    'registration.command.people': 'mensen',
    'registration.command.review': 'registraties',

    'registration.notKnown':
      'Is uw bedrijf een Microsoft-partner, registreer het dan hier: de beoordelaars van de beheerder keuren het goed, en u wordt de accountbeheerder.',
    'registration.notKnownTitle': 'Ik ken uw bedrijf nog niet',
    'registration.closed':
      'Een bedrijf registreren kan niet in deze bot: de beheerder heeft geen beoordelaars aangewezen. Vraag de beheerder om uw bedrijf toe te voegen.',
    'registration.waiting': 'De registratie van {company} ({mpnId}) door uw organisatie wacht op beoordeling.',
  },
});
