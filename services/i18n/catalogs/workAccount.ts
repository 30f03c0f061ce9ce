import { defineCatalog } from '../catalog.js';

/**
 * Strings of the work-account check (dialog, report, result card). Wording of the rules
 * follows the Partner Center article "Create a work account that links your company to
 * your Partner Center account" (seed 000).
 */
export const workAccount = defineCatalog({
  en: {
    'workAccount.prompt.ask':
      'Which work e-mail address or domain should I check? For example **you@contoso.com** or **contoso.com**. (Type **cancel** to stop.)',
    'workAccount.prompt.invalid':
      '{hint} Please type a work e-mail address such as you@contoso.com, or a domain such as contoso.com.',
    'workAccount.prompt.notText': 'Please type the address or domain as text.',
    'workAccount.prompt.tooManyAttempts':
      "I still couldn't read an e-mail address or domain, so I stopped. Type **check domain** to try again.",

    'workAccount.syntax.empty': 'That was empty.',
    'workAccount.syntax.tooLong': 'That is too long for an e-mail address or domain.',
    'workAccount.syntax.multipleAt': 'An e-mail address has exactly one @.',
    'workAccount.syntax.invalidLocalPart': "The part before the @ isn't valid.",
    'workAccount.syntax.ipAddress': 'That is an IP address; I need a domain name.',
    'workAccount.syntax.singleLabel': 'A domain has at least one dot, like contoso.com.',
    'workAccount.syntax.invalidDomain': "The domain isn't a valid domain name.",
    'workAccount.syntax.email': 'A valid e-mail address; its domain is {domain}.',
    'workAccount.syntax.domain': '{domain} is a valid domain name.',

    'workAccount.consumer.ok': '{domain} is not a known personal mailbox provider.',
    'workAccount.consumer.refused':
      '{provider} is a personal mailbox. Personal e-mail addresses such as Hotmail, Gmail or Yahoo are not work e-mail and cannot be used for your Partner Center account.',
    'workAccount.consumer.microsoftAccount':
      '{domain} is used for personal Microsoft accounts, not for a company tenant. Personal e-mail addresses cannot be used for your Partner Center account.',

    'workAccount.tenant.found': 'Owned by the tenant {tenantName} (tenant ID {tenantId}).',
    'workAccount.tenant.foundId': 'Owned by tenant ID {tenantId} (from the public sign-in metadata).',
    'workAccount.tenant.notFound':
      'No Microsoft Entra tenant owns {domain}, so your company has no work account with this domain yet.',

    'workAccount.ownTenant.verifiedDefault': '{domain} is a verified domain of your tenant, and its default domain.',
    'workAccount.ownTenant.verified': '{domain} is a verified domain of your tenant (default domain: {defaultDomain}).',
    'workAccount.ownTenant.yours': '{domain} belongs to your tenant.',
    'workAccount.ownTenant.unverified':
      '{domain} is added to your tenant but not verified. Verify it under Custom domain names, or use a verified domain ({verified}).',
    'workAccount.ownTenant.otherTenant':
      '{domain} belongs to another tenant ({tenantName}) than the one you are signed in to. Only an admin of that tenant can link it.',

    'workAccount.hq.single': 'No other domains with this name are known.',
    'workAccount.hq.headquarters': '{domain} looks like the headquarters domain (other domains: {siblings}).',
    'workAccount.hq.regional':
      "{domain} looks like a regional domain. Use the headquarters' domain {suggested} instead, as the article advises (contoso.com, not contoso.uk).",
    'workAccount.hq.regionalName':
      'The name {domain} looks regional ({code}). If your company has a headquarters domain, use that one.',
    'workAccount.hq.ambiguous':
      'Your tenant has several regional domains ({siblings}) and no global one. Use the one of your headquarters.',

    'workAccount.role.holdsGlobal': 'You are a Global Administrator of your tenant.',
    'workAccount.role.holdsUser': 'You are a User Administrator of your tenant.',
    'workAccount.roleName.global': 'Global Administrator',
    'workAccount.roleName.user': 'User Administrator',
    'workAccount.role.missing':
      'You are neither Global Administrator nor User Administrator. Linking the work account needs one of these roles.',

    'workAccount.cannot.permission':
      'Could not be checked: the bot lacks the Microsoft Graph permission {permission}. Ask your admin to grant it (with admin consent).',
    'workAccount.cannot.timeout': 'Could not be checked: {source} did not answer in time.',
    'workAccount.cannot.throttled': 'Could not be checked: {source} is busy; try again in a few minutes.',
    'workAccount.cannot.serverError': 'Could not be checked: {source} reported an error.',
    'workAccount.cannot.network': 'Could not be checked: {source} could not be reached.',
    'workAccount.cannot.signIn': 'Could not be checked: {source} did not let the bot sign in just now.',
    'workAccount.cannot.badResponse': 'Could not be checked: {source} gave an unexpected answer.',
    'workAccount.cannot.graphDisabled': 'Not checked: this needs Microsoft Graph, which is not set up for this bot.',
    'workAccount.cannot.consent':
      'Not checked: your organization (tenant {tenantId}) has not given this bot admin consent yet, so it may not read your directory.',
    'workAccount.cannot.noIdentity': 'Not checked: your message did not say who you are or which tenant you are in.',
    'workAccount.cannot.otherTenant':
      "Not checked: the bot's Microsoft Graph access is set up for its own tenant only, and you are in another tenant.",
    'workAccount.cannot.userNotFound': 'Not checked: your account was not found in the directory of your tenant.',

    'workAccount.next.enroll': 'Start Partner Center enrollment and sign in with your work account.',
    'workAccount.next.considerUsers':
      "Before you use an existing work account, consider how many of its users need access to Partner Center. If many don't, consider creating a new work account just for the users who do.",
    'workAccount.next.createDuringEnrollment':
      "Your company doesn't have a work account with this domain yet: you can create one during Partner Center enrollment.",
    'workAccount.next.checkEntra':
      'Not sure? In the Microsoft Entra admin center open Custom domain names: if your domain is listed, your company already has a work account. With an active Azure or Microsoft 365 subscription it has one.',
    'workAccount.next.useWorkAddress': 'Use the e-mail address your company gave you, for example you@yourcompany.com.',
    'workAccount.next.useHeadquarters': 'Check {suggested} instead: type "check {suggested}".',
    'workAccount.next.verifyDomain':
      'Verify {domain} under Custom domain names in the Microsoft Entra admin center, or use one of your verified domains.',
    'workAccount.next.askAdmin':
      'Ask a Global Administrator or User Administrator of your tenant to do the linking, or to give you one of these roles.',
    'workAccount.next.otherTenant':
      'Ask an admin of the tenant {tenantName} to link it, or check the domain your own company uses.',
    'workAccount.next.grantPermission':
      'Ask your admin to grant the bot the Microsoft Graph permission {permission} (with admin consent), then check again.',
    'workAccount.next.tryLater': 'Try again in a few minutes.',
    'workAccount.next.adminConsent':
      "A Global administrator of your organization can grant admin consent with the link below. The bot then reads who owns a domain, your organization's verified domains and whether you hold an admin role (application permissions {permissions}), and nothing else.",
    'workAccount.next.setUpGraph': 'For the domain and role checks, an admin can set up Microsoft Graph for this bot.',

    'workAccount.source.graph': 'Microsoft Graph',
    'workAccount.source.openid': 'Public sign-in metadata',
    'workAccount.source.ownDomains': 'Domains of your tenant',
    'workAccount.source.demo': 'Demo directory (Microsoft Graph is not configured)',
  },
  nl: {
    'workAccount.prompt.ask':
      'Welk werk-e-mailadres of domein moet ik controleren? Bijvoorbeeld **u@contoso.com** of **contoso.com**. (Typ **annuleren** om te stoppen.)',
    'workAccount.prompt.invalid':
      '{hint} Typ een werk-e-mailadres zoals u@contoso.com, of een domein zoals contoso.com.',
    'workAccount.prompt.notText': 'Typ het adres of domein als tekst.',
    'workAccount.prompt.tooManyAttempts':
      'Ik kon nog steeds geen e-mailadres of domein lezen, dus ik ben gestopt. Typ **domein controleren** om het opnieuw te proberen.',

    'workAccount.syntax.empty': 'Dat was leeg.',
    'workAccount.syntax.tooLong': 'Dat is te lang voor een e-mailadres of domein.',
    'workAccount.syntax.multipleAt': 'Een e-mailadres heeft precies één @.',
    'workAccount.syntax.invalidLocalPart': 'Het deel vóór de @ is niet geldig.',
    'workAccount.syntax.ipAddress': 'Dat is een IP-adres; ik heb een domeinnaam nodig.',
    'workAccount.syntax.singleLabel': 'Een domein heeft minstens één punt, zoals contoso.com.',
    'workAccount.syntax.invalidDomain': 'Het domein is geen geldige domeinnaam.',
    'workAccount.syntax.email': 'Een geldig e-mailadres; het domein is {domain}.',
    'workAccount.syntax.domain': '{domain} is een geldige domeinnaam.',

    'workAccount.consumer.ok': '{domain} is geen bekende aanbieder van persoonlijke mailboxen.',
    'workAccount.consumer.refused':
      '{provider} is een persoonlijke mailbox. Persoonlijke e-mailadressen, zoals Hotmail, Gmail of Yahoo, zijn geen werk-e-mail en kunnen niet worden gebruikt voor uw Partner Center-account.',
    'workAccount.consumer.microsoftAccount':
      '{domain} wordt gebruikt voor persoonlijke Microsoft-accounts, niet voor een bedrijfstenant. Persoonlijke e-mailadressen kunnen niet worden gebruikt voor uw Partner Center-account.',

    'workAccount.tenant.found': 'Eigendom van de tenant {tenantName} (tenant-ID {tenantId}).',
    'workAccount.tenant.foundId': 'Eigendom van tenant-ID {tenantId} (uit de openbare aanmeldgegevens).',
    'workAccount.tenant.notFound':
      'Geen Microsoft Entra-tenant bezit {domain}, dus uw bedrijf heeft nog geen werkaccount met dit domein.',

    'workAccount.ownTenant.verifiedDefault':
      '{domain} is een geverifieerd domein van uw tenant, en het standaarddomein.',
    'workAccount.ownTenant.verified':
      '{domain} is een geverifieerd domein van uw tenant (standaarddomein: {defaultDomain}).',
    'workAccount.ownTenant.yours': '{domain} hoort bij uw tenant.',
    'workAccount.ownTenant.unverified':
      '{domain} is aan uw tenant toegevoegd maar niet geverifieerd. Verifieer het onder Aangepaste domeinnamen, of gebruik een geverifieerd domein ({verified}).',
    'workAccount.ownTenant.otherTenant':
      '{domain} hoort bij een andere tenant ({tenantName}) dan die waarin u bent aangemeld. Alleen een beheerder van die tenant kan het koppelen.',

    'workAccount.hq.single': 'Er zijn geen andere domeinen met deze naam bekend.',
    'workAccount.hq.headquarters': '{domain} lijkt het domein van het hoofdkantoor (andere domeinen: {siblings}).',
    'workAccount.hq.regional':
      '{domain} lijkt een regionaal domein. Gebruik in plaats daarvan het domein van het hoofdkantoor, {suggested}, zoals het artikel aanraadt (contoso.com, niet contoso.uk).',
    'workAccount.hq.regionalName':
      'De naam {domain} lijkt regionaal ({code}). Als uw bedrijf een domein voor het hoofdkantoor heeft, gebruik dan dat.',
    'workAccount.hq.ambiguous':
      'Uw tenant heeft meerdere regionale domeinen ({siblings}) en geen algemeen domein. Gebruik het domein van uw hoofdkantoor.',

    'workAccount.role.holdsGlobal': 'U bent globale beheerder van uw tenant.',
    'workAccount.role.holdsUser': 'U bent gebruikersbeheerder van uw tenant.',
    'workAccount.roleName.global': 'Globale beheerder',
    'workAccount.roleName.user': 'Gebruikersbeheerder',
    'workAccount.role.missing':
      'U bent geen globale beheerder en geen gebruikersbeheerder. Voor het koppelen van het werkaccount is een van deze rollen nodig.',

    'workAccount.cannot.permission':
      'Kon niet worden gecontroleerd: de bot mist de Microsoft Graph-machtiging {permission}. Vraag uw beheerder die te verlenen (met beheerderstoestemming).',
    'workAccount.cannot.timeout': 'Kon niet worden gecontroleerd: {source} antwoordde niet op tijd.',
    'workAccount.cannot.throttled':
      'Kon niet worden gecontroleerd: {source} is bezet; probeer het over een paar minuten opnieuw.',
    'workAccount.cannot.serverError': 'Kon niet worden gecontroleerd: {source} meldde een fout.',
    'workAccount.cannot.network': 'Kon niet worden gecontroleerd: {source} was niet bereikbaar.',
    'workAccount.cannot.signIn': 'Kon niet worden gecontroleerd: {source} liet de bot zich zojuist niet aanmelden.',
    'workAccount.cannot.badResponse': 'Kon niet worden gecontroleerd: {source} gaf een onverwacht antwoord.',
    'workAccount.cannot.graphDisabled':
      'Niet gecontroleerd: hiervoor is Microsoft Graph nodig, en dat is voor deze bot niet ingesteld.',
    'workAccount.cannot.consent':
      'Niet gecontroleerd: uw organisatie (tenant {tenantId}) heeft deze bot nog geen beheerderstoestemming gegeven, dus de bot mag uw directory niet lezen.',
    'workAccount.cannot.noIdentity':
      'Niet gecontroleerd: uw bericht vermeldde niet wie u bent of in welke tenant u zit.',
    'workAccount.cannot.otherTenant':
      'Niet gecontroleerd: de Microsoft Graph-toegang van de bot is alleen voor zijn eigen tenant ingesteld, en u zit in een andere tenant.',
    'workAccount.cannot.userNotFound': 'Niet gecontroleerd: uw account is niet gevonden in de directory van uw tenant.',

    'workAccount.next.enroll': 'Start de inschrijving bij Partner Center en meld u aan met uw werkaccount.',
    'workAccount.next.considerUsers':
      'Bedenk voordat u een bestaand werkaccount gebruikt hoeveel gebruikers ervan toegang tot Partner Center nodig hebben. Hebben veel gebruikers geen toegang nodig, overweeg dan een nieuw werkaccount te maken voor alleen de gebruikers die dat wel nodig hebben.',
    'workAccount.next.createDuringEnrollment':
      'Uw bedrijf heeft nog geen werkaccount met dit domein: u kunt er een maken tijdens de inschrijving bij Partner Center.',
    'workAccount.next.checkEntra':
      'Twijfelt u? Open in het Microsoft Entra-beheercentrum Aangepaste domeinnamen: staat uw domein erbij, dan heeft uw bedrijf al een werkaccount. Met een actief Azure- of Microsoft 365-abonnement hebt u er een.',
    'workAccount.next.useWorkAddress':
      'Gebruik het e-mailadres dat u van uw bedrijf hebt gekregen, bijvoorbeeld u@uwbedrijf.com.',
    'workAccount.next.useHeadquarters': 'Controleer in plaats daarvan {suggested}: typ "check {suggested}".',
    'workAccount.next.verifyDomain':
      'Verifieer {domain} onder Aangepaste domeinnamen in het Microsoft Entra-beheercentrum, of gebruik een van uw geverifieerde domeinen.',
    'workAccount.next.askAdmin':
      'Vraag een globale beheerder of gebruikersbeheerder van uw tenant om het koppelen te doen, of om u een van deze rollen te geven.',
    'workAccount.next.otherTenant':
      'Vraag een beheerder van de tenant {tenantName} om het te koppelen, of controleer het domein dat uw eigen bedrijf gebruikt.',
    'workAccount.next.grantPermission':
      'Vraag uw beheerder de bot de Microsoft Graph-machtiging {permission} te verlenen (met beheerderstoestemming) en controleer het daarna opnieuw.',
    'workAccount.next.tryLater': 'Probeer het over een paar minuten opnieuw.',
    'workAccount.next.adminConsent':
      'Een globale beheerder van uw organisatie kan met de koppeling hieronder beheerderstoestemming geven. De bot leest dan wie een domein bezit, de geverifieerde domeinen van uw organisatie en of u een beheerdersrol hebt (toepassingsmachtigingen {permissions}), en verder niets.',
    'workAccount.next.setUpGraph':
      'Voor de domein- en rolcontroles kan een beheerder Microsoft Graph voor deze bot instellen.',

    'workAccount.source.graph': 'Microsoft Graph',
    'workAccount.source.openid': 'Openbare aanmeldgegevens',
    'workAccount.source.ownDomains': 'Domeinen van uw tenant',
    'workAccount.source.demo': 'Demomap (Microsoft Graph is niet ingesteld)',
  },
});

export type WorkAccountMessageKey = keyof typeof workAccount.en;
