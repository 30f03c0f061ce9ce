import { defineCatalog } from '../catalog.js';

/**
 * The work-account result card, one per verdict in the Approvals style of the merge cards:
 * a title that is the verdict, a status pill, the facts that decide, one next step, and the
 * article's three questions behind "Show details". Seed 000 ("Create a work account that
 * links your company to your Partner Center account") and its current version on Microsoft
 * Learn ("Set up an Azure work account to log into Partner Center") give the wording.
 * A data value (domain, organization, role) appears on a card once.
 */
export const workAccountCard = defineCatalog({
  en: {
    'waCard.title.ready': '{domain} can be linked',
    'waCard.title.regional': 'Use your headquarters domain',
    'waCard.title.otherTenant': '{domain} belongs to another organization',
    'waCard.title.unverified': 'Verify {domain} first',
    'waCard.title.personal': "Personal mailboxes can't be used",
    'waCard.title.noWorkAccount': 'No work account yet',
    'waCard.title.needsRole': 'Ask a Global administrator',
    'waCard.title.consent': "Your organization hasn't connected this app yet",
    'waCard.title.unconfirmed': '{domain} has a work account',
    'waCard.title.cannotCheck': "I couldn't check {domain} just now",
    'waCard.title.invalid': "That isn't an e-mail address or domain",

    'waCard.status.ready': 'Ready',
    'waCard.status.regional': 'Regional domain',
    'waCard.status.otherTenant': 'Not yours',
    'waCard.status.unverified': 'Not verified',
    'waCard.status.personal': 'Not allowed',
    'waCard.status.noWorkAccount': 'None found',
    'waCard.status.needsRole': 'Role needed',
    'waCard.status.consent': 'Consent needed',
    'waCard.status.unconfirmed': 'Partly checked',
    'waCard.status.cannotCheck': 'Try again later',
    'waCard.status.invalid': 'Not checked',

    'waCard.summary.ready': 'Start Partner Center enrollment and sign in with this work account.',
    'waCard.summary.regional': 'Partner Center asks for the domain of your headquarters, not of a regional branch.',
    'waCard.summary.otherTenant':
      'Only an admin of that organization can link it. Check the domain your own company uses.',
    'waCard.summary.unverified':
      'It is added to your organization but not verified yet. Verify it under Custom domain names, or use a verified domain.',
    'waCard.summary.personal':
      'Partner Center needs the work address your company gave you, such as you@yourcompany.com.',
    'waCard.summary.noWorkAccount':
      'No Microsoft Entra tenant owns this domain. You can create a work account during Partner Center enrollment.',
    'waCard.summary.needsRole':
      'Linking a work account needs the Global administrator or User administrator role. Ask someone who has one.',
    'waCard.summary.consent':
      "Until a Global administrator of your organization grants consent, I can't read who owns your domains or who holds admin roles.",
    'waCard.summary.unconfirmed': 'Not everything could be checked.',
    'waCard.summary.cannotCheck': 'Try again in a few minutes.',
    'waCard.summary.invalid': 'Type a work e-mail address such as you@contoso.com, or a domain such as contoso.com.',

    'waCard.fact.youChecked': 'You checked',
    'waCard.fact.domain': 'Domain',
    'waCard.fact.provider': 'Mail provider',
    'waCard.fact.organization': 'Organization',
    'waCard.fact.owner': 'Owned by',
    'waCard.fact.headquarters': 'Headquarters domain',
    'waCard.fact.verifiedDomains': 'Verified domains',
    'waCard.fact.yourRole': 'Your role',
    'waCard.fact.needed': 'Needed',
    'waCard.fact.whoCan': 'Who can grant it',
    'waCard.fact.whatItReads': 'What the app reads',
    'waCard.fact.notChecked': 'Not checked',
    'waCard.fact.workAccount': 'Work account',

    'waCard.value.neededRoles': 'Global administrator or User administrator',
    'waCard.value.noRole': 'neither of the two',
    'waCard.value.globalAdmin': 'a Global administrator',
    'waCard.value.reads': 'who owns a domain, your verified domains, who holds admin roles',
    'waCard.value.noTenant': 'none owns this domain',
    'waCard.value.orgOfDomain': 'the organization that owns {domain}',
    'waCard.value.yourRoleCheck': 'your admin role',
    'waCard.value.hqCheck': 'the headquarters domain',
    'waCard.value.noneVerified': 'none yet',

    'waCard.button.enroll': 'Start enrollment',
    'waCard.button.checkInstead': 'Check {domain} instead',
    'waCard.button.checkAnother': 'Check another',
    'waCard.button.checkAgain': 'Check again',
    'waCard.button.grantConsent': 'Grant admin consent',
    'waCard.button.createWorkAccount': 'How to create a work account',
    'waCard.button.customDomains': 'Custom domain names',
    'waCard.button.findAdmins': 'Find your admins',
    'waCard.button.showDetails': 'Show details',

    'waCard.path.title': 'Your way to a work account',
    'waCard.path.have': '**Do you have a work account?**',
    'waCard.path.signIn': '**How do you sign in to it?**',
    'waCard.path.newOne': '**Do you need a new one?**',
    'waCard.path.have.yes':
      "Yes: your organization's Microsoft Entra tenant. With an active Azure or Microsoft 365 subscription, a company has one.",
    'waCard.path.have.unknown':
      'Probably: a Microsoft Entra tenant owns the domain. With an active Azure or Microsoft 365 subscription, a company has one.',
    'waCard.path.have.no':
      'Not with this domain. In the Microsoft Entra admin center, Custom domain names lists the domains your company has; if yours is not there, one is created during enrollment.',
    'waCard.path.have.personal':
      'If your company uses Microsoft 365 or Azure, it has one: the address you sign in to Teams with.',
    'waCard.path.signIn.work': 'With your work user name and password, the one you use in Teams and Microsoft 365.',
    'waCard.path.signIn.later':
      'With the work account you create: its user names and passwords become your Partner Center sign-ins.',
    'waCard.path.newOne.consider':
      "Only if many of its users don't need Partner Center: then create a separate work account just for those who do.",
    'waCard.path.newOne.create': 'Yes: it is created during Partner Center enrollment.',
    'waCard.path.newOne.ifNone': 'Only if your company has none: one is created during Partner Center enrollment.',

    'waCard.checks.title': 'What I checked',
    'waCard.check.syntax': 'A valid e-mail address or domain',
    'waCard.check.consumer.pass': 'Not a personal mailbox',
    'waCard.check.consumer.fail': 'A personal mailbox provider',
    'waCard.check.tenant.pass': 'A Microsoft Entra tenant owns it',
    'waCard.check.tenant.fail': 'No Microsoft Entra tenant owns it',
    'waCard.check.ownTenant.pass': "It belongs to your organization's tenant",
    'waCard.check.ownTenant.verified': "A verified domain of your organization's tenant",
    'waCard.check.ownTenant.default': "Your organization's verified default domain",
    'waCard.check.ownTenant.fail': "It doesn't belong to your organization's tenant",
    'waCard.check.ownTenant.unverified': 'Added to your tenant, not verified',
    'waCard.check.hq.pass': 'No regional domain',
    'waCard.check.hq.fail': 'A regional domain',
    'waCard.check.hq.warn': 'The name looks regional',
    'waCard.check.role.pass': 'You may link it',
    'waCard.check.role.fail': "You don't hold a role that may link it",
    'waCard.check.unknown': '{what}: not checked ({why})',
    'waCard.why.consent': 'no consent yet',
    'waCard.why.unavailable': 'no answer just now',
    'waCard.why.notSetUp': 'Microsoft Graph is not set up for this bot',
    'waCard.why.noIdentity': 'Teams did not say who you are',
    'waCard.why.otherTenant': "the bot's Graph access is for its own tenant only",
    'waCard.why.other': 'could not be checked',
    'waCard.checkName.tenant': 'Owner of the domain',
    'waCard.checkName.ownTenant': 'Your tenant',
    'waCard.checkName.headquarters': 'Headquarters domain',
    'waCard.checkName.role': 'Your admin role',

    'waCard.reference.tenant': 'Tenant ID {tenantId} · found with {source}',
    'waCard.reference.consent': 'Tenant ID {tenantId} · permissions {permissions}',
  },
  nl: {
    'waCard.title.ready': '{domain} kan worden gekoppeld',
    'waCard.title.regional': 'Gebruik het domein van uw hoofdkantoor',
    'waCard.title.otherTenant': '{domain} hoort bij een andere organisatie',
    'waCard.title.unverified': 'Verifieer eerst {domain}',
    'waCard.title.personal': 'Persoonlijke mailboxen kunnen niet worden gebruikt',
    'waCard.title.noWorkAccount': 'Nog geen werkaccount',
    'waCard.title.needsRole': 'Vraag het een globale beheerder',
    'waCard.title.consent': 'Uw organisatie heeft deze app nog niet gekoppeld',
    'waCard.title.unconfirmed': '{domain} heeft een werkaccount',
    'waCard.title.cannotCheck': 'Ik kon {domain} nu niet controleren',
    'waCard.title.invalid': 'Dat is geen e-mailadres of domein',

    'waCard.status.ready': 'Klaar',
    'waCard.status.regional': 'Regionaal domein',
    'waCard.status.otherTenant': 'Niet van u',
    'waCard.status.unverified': 'Niet geverifieerd',
    'waCard.status.personal': 'Niet toegestaan',
    'waCard.status.noWorkAccount': 'Niet gevonden',
    'waCard.status.needsRole': 'Rol nodig',
    'waCard.status.consent': 'Toestemming nodig',
    'waCard.status.unconfirmed': 'Deels gecontroleerd',
    'waCard.status.cannotCheck': 'Probeer het later',
    'waCard.status.invalid': 'Niet gecontroleerd',

    'waCard.summary.ready': 'Start de inschrijving bij Partner Center en meld u aan met dit werkaccount.',
    'waCard.summary.regional':
      'Partner Center vraagt om het domein van uw hoofdkantoor, niet van een regionale vestiging.',
    'waCard.summary.otherTenant':
      'Alleen een beheerder van die organisatie kan het koppelen. Controleer het domein dat uw eigen bedrijf gebruikt.',
    'waCard.summary.unverified':
      'Het is aan uw organisatie toegevoegd maar nog niet geverifieerd. Verifieer het onder Aangepaste domeinnamen, of gebruik een geverifieerd domein.',
    'waCard.summary.personal':
      'Partner Center heeft het werkadres nodig dat u van uw bedrijf kreeg, zoals u@uwbedrijf.com.',
    'waCard.summary.noWorkAccount':
      'Geen Microsoft Entra-tenant bezit dit domein. U kunt een werkaccount maken tijdens de inschrijving bij Partner Center.',
    'waCard.summary.needsRole':
      'Voor het koppelen van een werkaccount is de rol globale beheerder of gebruikersbeheerder nodig. Vraag het iemand met een van die rollen.',
    'waCard.summary.consent':
      'Zolang een globale beheerder van uw organisatie geen toestemming geeft, kan ik niet lezen wie uw domeinen bezit of wie beheerdersrollen heeft.',
    'waCard.summary.unconfirmed': 'Niet alles kon worden gecontroleerd.',
    'waCard.summary.cannotCheck': 'Probeer het over een paar minuten opnieuw.',
    'waCard.summary.invalid': 'Typ een werk-e-mailadres zoals u@contoso.com, of een domein zoals contoso.com.',

    'waCard.fact.youChecked': 'U controleerde',
    'waCard.fact.domain': 'Domein',
    'waCard.fact.provider': 'E-mailaanbieder',
    'waCard.fact.organization': 'Organisatie',
    'waCard.fact.owner': 'Eigendom van',
    'waCard.fact.headquarters': 'Domein van het hoofdkantoor',
    'waCard.fact.verifiedDomains': 'Geverifieerde domeinen',
    'waCard.fact.yourRole': 'Uw rol',
    'waCard.fact.needed': 'Nodig',
    'waCard.fact.whoCan': 'Wie kan het geven',
    'waCard.fact.whatItReads': 'Wat de app leest',
    'waCard.fact.notChecked': 'Niet gecontroleerd',
    'waCard.fact.workAccount': 'Werkaccount',

    'waCard.value.neededRoles': 'globale beheerder of gebruikersbeheerder',
    'waCard.value.noRole': 'geen van beide',
    'waCard.value.globalAdmin': 'een globale beheerder',
    'waCard.value.reads': 'wie een domein bezit, uw geverifieerde domeinen, wie beheerdersrollen heeft',
    'waCard.value.noTenant': 'geen tenant bezit dit domein',
    'waCard.value.orgOfDomain': 'de organisatie die {domain} bezit',
    'waCard.value.yourRoleCheck': 'uw beheerdersrol',
    'waCard.value.hqCheck': 'het domein van het hoofdkantoor',
    'waCard.value.noneVerified': 'nog geen',

    'waCard.button.enroll': 'Inschrijving starten',
    'waCard.button.checkInstead': 'Controleer {domain}',
    'waCard.button.checkAnother': 'Ander domein',
    'waCard.button.checkAgain': 'Opnieuw controleren',
    'waCard.button.grantConsent': 'Toestemming geven',
    'waCard.button.createWorkAccount': 'Zo maakt u een werkaccount',
    'waCard.button.customDomains': 'Aangepaste domeinnamen',
    'waCard.button.findAdmins': 'Beheerders vinden',
    'waCard.button.showDetails': 'Details tonen',

    'waCard.path.title': 'Uw weg naar een werkaccount',
    'waCard.path.have': '**Hebt u een werkaccount?**',
    'waCard.path.signIn': '**Hoe meldt u zich aan?**',
    'waCard.path.newOne': '**Hebt u een nieuw werkaccount nodig?**',
    'waCard.path.have.yes':
      'Ja: de Microsoft Entra-tenant van uw organisatie. Met een actief Azure- of Microsoft 365-abonnement heeft een bedrijf er een.',
    'waCard.path.have.unknown':
      'Waarschijnlijk: een Microsoft Entra-tenant bezit het domein. Met een actief Azure- of Microsoft 365-abonnement heeft een bedrijf er een.',
    'waCard.path.have.no':
      'Niet met dit domein. In het Microsoft Entra-beheercentrum toont Aangepaste domeinnamen de domeinen van uw bedrijf; staat het uwe er niet bij, dan wordt er een gemaakt tijdens de inschrijving.',
    'waCard.path.have.personal':
      'Als uw bedrijf Microsoft 365 of Azure gebruikt, heeft het er een: het adres waarmee u zich bij Teams aanmeldt.',
    'waCard.path.signIn.work': 'Met uw werkgebruikersnaam en -wachtwoord, dezelfde als in Teams en Microsoft 365.',
    'waCard.path.signIn.later':
      'Met het werkaccount dat u maakt: de gebruikersnamen en wachtwoorden ervan worden uw aanmeldingen bij Partner Center.',
    'waCard.path.newOne.consider':
      'Alleen als veel van de gebruikers geen Partner Center nodig hebben: maak dan een apart werkaccount voor alleen wie het wel nodig heeft.',
    'waCard.path.newOne.create': 'Ja: het wordt gemaakt tijdens de inschrijving bij Partner Center.',
    'waCard.path.newOne.ifNone':
      'Alleen als uw bedrijf er geen heeft: dan wordt er een gemaakt tijdens de inschrijving bij Partner Center.',

    'waCard.checks.title': 'Wat ik heb gecontroleerd',
    'waCard.check.syntax': 'Een geldig e-mailadres of domein',
    'waCard.check.consumer.pass': 'Geen persoonlijke mailbox',
    'waCard.check.consumer.fail': 'Een aanbieder van persoonlijke mailboxen',
    'waCard.check.tenant.pass': 'Een Microsoft Entra-tenant bezit het',
    'waCard.check.tenant.fail': 'Geen Microsoft Entra-tenant bezit het',
    'waCard.check.ownTenant.pass': 'Het hoort bij de tenant van uw organisatie',
    'waCard.check.ownTenant.verified': 'Een geverifieerd domein van de tenant van uw organisatie',
    'waCard.check.ownTenant.default': 'Het geverifieerde standaarddomein van uw organisatie',
    'waCard.check.ownTenant.fail': 'Het hoort niet bij de tenant van uw organisatie',
    'waCard.check.ownTenant.unverified': 'Aan uw tenant toegevoegd, niet geverifieerd',
    'waCard.check.hq.pass': 'Geen regionaal domein',
    'waCard.check.hq.fail': 'Een regionaal domein',
    'waCard.check.hq.warn': 'De naam lijkt regionaal',
    'waCard.check.role.pass': 'U mag het koppelen',
    'waCard.check.role.fail': 'U hebt geen rol die het mag koppelen',
    'waCard.check.unknown': '{what}: niet gecontroleerd ({why})',
    'waCard.why.consent': 'nog geen toestemming',
    'waCard.why.unavailable': 'nu geen antwoord',
    'waCard.why.notSetUp': 'Microsoft Graph is voor deze bot niet ingesteld',
    'waCard.why.noIdentity': 'Teams gaf niet door wie u bent',
    'waCard.why.otherTenant': 'de Graph-toegang van de bot geldt alleen voor zijn eigen tenant',
    'waCard.why.other': 'kon niet worden gecontroleerd',
    'waCard.checkName.tenant': 'Eigenaar van het domein',
    'waCard.checkName.ownTenant': 'Uw tenant',
    'waCard.checkName.headquarters': 'Domein van het hoofdkantoor',
    'waCard.checkName.role': 'Uw beheerdersrol',

    'waCard.reference.tenant': 'Tenant-ID {tenantId} · gevonden met {source}',
    'waCard.reference.consent': 'Tenant-ID {tenantId} · machtigingen {permissions}',
  },
});

export type WorkAccountCardMessageKey = keyof typeof workAccountCard.en;
