import { defineCatalog } from '../catalog.js';

/**
 * Strings of an account's people and locations: the card, the welcome card of a person
 * added, the note to a person removed, role names, the account's trail lines, and the
 * domain errors (`merge.error.<code>` keys). Dutch addresses the user formally (u).
 */
export const people = defineCatalog({
  en: {
    'merge.error.user-exists': '{name} is already a user of {company}. To give them other roles, use Change roles.',
    'merge.error.user-not-found': 'That person is not a user of {company}. Nothing was changed.',
    'merge.error.user-other-tenant':
      '{name} belongs to another organization: its own admins manage its users. Nothing was changed.',
    'merge.error.roles-required': 'Choose at least one Partner Center role. To take all roles away, use Remove.',
    'merge.error.role-scope-invalid':
      "That location can't be used for this role. Only incentives and referrals roles can be given for one location, and only for a location of this account.",
    'merge.error.last-account-admin':
      '{name} is the only Account admin of {company}: make someone else Account admin first. Nothing was changed.',
    'merge.error.user-limit': '{company} already has {max} users here, the most it can have.',
    'merge.error.location-exists': '{mpnId} is already a Partner ID of {company}.',
    'merge.error.location-limit': '{company} already has {max} locations here, the most it can have.',

    'people.card.title': 'People and locations',
    'people.card.intro': 'Who works in Partner Center for {company}, and in which roles.',
    'people.card.you': '{name} (you)',
    'people.card.more': 'And {count} more, not shown here.',
    'people.card.remove': 'Remove',
    'people.card.add': 'Add people',
    'people.card.picker': 'Pick people in your organization',
    'people.card.address': 'Or type a user name or e-mail address',
    'people.card.addressPlaceholder': 'name@contoso.com',
    'people.card.roles': 'Partner Center roles',
    'people.card.scope': 'Incentives and referrals roles apply to',
    'people.card.scopeAll': 'The whole account',
    'people.card.addSubmit': 'Add',
    'people.card.changeRoles': 'Change roles',
    'people.card.who': 'Person',
    'people.card.saveRoles': 'Save roles',
    'people.card.addLocation': 'Add a location',
    'people.card.location': 'Location Partner ID and name',
    'people.card.locationPlaceholder': '2222222 Contoso Amsterdam',
    'people.card.locationSubmit': 'Add location',
    'people.card.locationsTitle': 'Locations',
    'people.card.noLocations': 'No locations yet.',
    'people.card.location.row': '{mpnId} · {name}',
    'people.card.readOnly': 'Only the Account admins of {company} can change people and locations.',
    'people.card.ownTenant': "Each organization's admins manage their own users.",
    'people.card.noRoles': 'No role',
    'people.notice.added': "Added: {names}. I'm letting them know.",
    'people.notice.addedSelf': 'Added: {names}.',
    'people.notice.removed': 'Removed: {name}.',
    'people.notice.roles': 'Roles of {name}: {roles}.',
    'people.notice.location': 'Location added: {mpnId} ({name}).',
    'people.notice.nobody': 'Pick someone or type an address first.',

    'people.role.account-admin': 'Account admin',
    'people.role.executive-report-viewer': 'Executive report viewer',
    'people.role.incentives-admin': 'Incentives admin',
    'people.role.incentives-user': 'Incentives user',
    'people.role.referrals-admin': 'Referrals admin',
    'people.role.referrals-user': 'Referrals user',
    'people.role.mpn-partner-admin': 'Partner admin',
    'people.role.user-management-admin': 'User management admin',
    'people.role.billing-admin': 'Billing admin',
    'people.role.admin-agent': 'Admin agent',
    'people.role.sales-agent': 'Sales agent',
    'people.role.helpdesk-agent': 'Helpdesk agent',
    'people.role.scoped': '{role} ({location})',

    'people.welcome.title': "You're a user of {company}",
    'people.welcome.text':
      '{actor} added you to {company} ({mpnId}) in this bot. You can see its merges and their history here.',
    'people.welcome.roles': 'Your roles',
    'people.welcome.help': 'What can I do?',
    'people.text.removed': '{actor} removed you from {company} in this bot. You no longer see its merges here.',

    'people.dialog.several': 'Here are the people and locations of each of your accounts.',

    'watchers.audit.user-added': '{actor} added {name} as {roles}',
    'watchers.audit.user-removed': '{actor} removed {name}',
    'watchers.audit.user-roles-changed': '{actor} gave {name} the roles {roles}',
    'watchers.audit.registered': '{actor} approved the registration; {name} became Account admin',
    'watchers.audit.location-added': '{actor} added location {mpnId} ({name})',
  },
  nl: {
    'merge.error.user-exists':
      '{name} is al gebruiker van {company}. Gebruik Rollen wijzigen om andere rollen te geven.',
    'merge.error.user-not-found': 'Die persoon is geen gebruiker van {company}. Er is niets gewijzigd.',
    'merge.error.user-other-tenant':
      '{name} hoort bij een andere organisatie: die beheert haar eigen gebruikers. Er is niets gewijzigd.',
    'merge.error.roles-required':
      'Kies ten minste één Partner Center-rol. Gebruik Verwijderen om alle rollen weg te nemen.',
    'merge.error.role-scope-invalid':
      'Die locatie kan niet voor deze rol. Alleen rollen voor incentives en verwijzingen kunnen voor één locatie gelden, en alleen voor een locatie van dit account.',
    'merge.error.last-account-admin':
      '{name} is de enige accountbeheerder van {company}: maak eerst iemand anders accountbeheerder. Er is niets gewijzigd.',
    'merge.error.user-limit': '{company} heeft hier al {max} gebruikers, het maximum.',
    'merge.error.location-exists': '{mpnId} is al een Partner-ID van {company}.',
    'merge.error.location-limit': '{company} heeft hier al {max} locaties, het maximum.',

    'people.card.title': 'Personen en locaties',
    'people.card.intro': 'Wie er in Partner Center voor {company} werkt, en in welke rollen.',
    'people.card.you': '{name} (u)',
    'people.card.more': 'En nog {count}, hier niet getoond.',
    'people.card.remove': 'Verwijderen',
    'people.card.add': 'Personen toevoegen',
    'people.card.picker': 'Kies personen in uw organisatie',
    'people.card.address': 'Of typ een gebruikersnaam of e-mailadres',
    'people.card.addressPlaceholder': 'naam@contoso.com',
    'people.card.roles': 'Partner Center-rollen',
    'people.card.scope': 'Rollen voor incentives en verwijzingen gelden voor',
    'people.card.scopeAll': 'Het hele account',
    'people.card.addSubmit': 'Toevoegen',
    'people.card.changeRoles': 'Rollen wijzigen',
    'people.card.who': 'Persoon',
    'people.card.saveRoles': 'Rollen opslaan',
    'people.card.addLocation': 'Locatie toevoegen',
    'people.card.location': 'Partner-ID en naam van de locatie',
    'people.card.locationPlaceholder': '2222222 Contoso Amsterdam',
    'people.card.locationSubmit': 'Locatie toevoegen',
    'people.card.locationsTitle': 'Locaties',
    'people.card.noLocations': 'Nog geen locaties.',
    'people.card.location.row': '{mpnId} · {name}',
    'people.card.readOnly': 'Alleen de accountbeheerders van {company} kunnen personen en locaties wijzigen.',
    'people.card.ownTenant': 'De beheerders van elke organisatie beheren hun eigen gebruikers.',
    'people.card.noRoles': 'Geen rol',
    'people.notice.added': 'Toegevoegd: {names}. Ik laat het hun weten.',
    'people.notice.addedSelf': 'Toegevoegd: {names}.',
    'people.notice.removed': 'Verwijderd: {name}.',
    'people.notice.roles': 'Rollen van {name}: {roles}.',
    'people.notice.location': 'Locatie toegevoegd: {mpnId} ({name}).',
    'people.notice.nobody': 'Kies eerst iemand of typ een adres.',

    'people.role.account-admin': 'Accountbeheerder',
    'people.role.executive-report-viewer': 'Lezer van managementrapporten',
    'people.role.incentives-admin': 'Beheerder incentives',
    'people.role.incentives-user': 'Gebruiker incentives',
    'people.role.referrals-admin': 'Beheerder verwijzingen',
    'people.role.referrals-user': 'Gebruiker verwijzingen',
    'people.role.mpn-partner-admin': 'Partnerbeheerder',
    'people.role.user-management-admin': 'Beheerder gebruikersbeheer',
    'people.role.billing-admin': 'Factureringsbeheerder',
    'people.role.admin-agent': 'Beheeragent',
    'people.role.sales-agent': 'Verkoopagent',
    'people.role.helpdesk-agent': 'Helpdeskagent',
    'people.role.scoped': '{role} ({location})',

    'people.welcome.title': 'U bent gebruiker van {company}',
    'people.welcome.text':
      '{actor} heeft u in deze bot toegevoegd aan {company} ({mpnId}). U ziet hier de samenvoegingen en hun geschiedenis.',
    'people.welcome.roles': 'Uw rollen',
    'people.welcome.help': 'Wat kan ik doen?',
    'people.text.removed':
      '{actor} heeft u in deze bot verwijderd uit {company}. U ziet de samenvoegingen hier niet meer.',

    'people.dialog.several': 'Hier zijn de personen en locaties van elk van uw accounts.',

    'watchers.audit.user-added': '{actor} heeft {name} toegevoegd als {roles}',
    'watchers.audit.user-removed': '{actor} heeft {name} verwijderd',
    'watchers.audit.user-roles-changed': '{actor} heeft {name} de rollen {roles} gegeven',
    'watchers.audit.registered': '{actor} heeft de registratie goedgekeurd; {name} werd accountbeheerder',
    'watchers.audit.location-added': '{actor} heeft locatie {mpnId} ({name}) toegevoegd',
  },
});
