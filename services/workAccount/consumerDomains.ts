/**
 * Personal (consumer) mailbox providers. The article names Hotmail, Gmail and Yahoo; the
 * product keeps a maintained list of the others. Families are matched on the registered
 * label under any suffix, so country variants (`hotmail.nl`, `yahoo.co.uk`,
 * `outlook.com.br`) are covered without listing each one.
 *
 * Maintenance: add a provider to FAMILIES when it sells personal mailboxes under many
 * country domains, to EXACT otherwise. Keep entries lower-case ASCII.
 */
import { registrableDomain, splitDomain } from './domainParts.js';

/** Registered label → provider name shown to the admin; matched under every suffix. */
const FAMILIES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    hotmail: 'Outlook.com (Hotmail)',
    outlook: 'Outlook.com',
    live: 'Outlook.com (Live)',
    windowslive: 'Outlook.com (Windows Live)',
    msn: 'Outlook.com (MSN)',
    gmail: 'Gmail',
    googlemail: 'Gmail',
    yahoo: 'Yahoo Mail',
    ymail: 'Yahoo Mail',
    rocketmail: 'Yahoo Mail',
    aol: 'AOL Mail',
    gmx: 'GMX',
    yandex: 'Yandex Mail',
    protonmail: 'Proton Mail',
    proton: 'Proton Mail',
    tutanota: 'Tuta',
    icloud: 'iCloud Mail',
    tiscali: 'Tiscali',
  }),
);

/** Exact registrable domains → provider name. */
const EXACT: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'me.com': 'iCloud Mail',
    'mac.com': 'iCloud Mail',
    'passport.com': 'Outlook.com',
    'aim.com': 'AOL Mail',
    'pm.me': 'Proton Mail',
    'tuta.io': 'Tuta',
    'tutamail.com': 'Tuta',
    'web.de': 'WEB.DE',
    't-online.de': 'T-Online',
    'freenet.de': 'freenet',
    'arcor.de': 'Arcor',
    'posteo.de': 'Posteo',
    'posteo.net': 'Posteo',
    'mailbox.org': 'mailbox.org',
    'mail.ru': 'Mail.ru',
    'inbox.ru': 'Mail.ru',
    'list.ru': 'Mail.ru',
    'bk.ru': 'Mail.ru',
    'ya.ru': 'Yandex Mail',
    'rambler.ru': 'Rambler',
    'qq.com': 'QQ Mail',
    'foxmail.com': 'QQ Mail',
    '163.com': 'NetEase Mail',
    '126.com': 'NetEase Mail',
    'yeah.net': 'NetEase Mail',
    'sina.com': 'Sina Mail',
    'sina.cn': 'Sina Mail',
    'sohu.com': 'Sohu Mail',
    'aliyun.com': 'Aliyun Mail',
    '139.com': 'China Mobile Mail',
    'naver.com': 'Naver Mail',
    'daum.net': 'Daum Mail',
    'hanmail.net': 'Daum Mail',
    'rediffmail.com': 'Rediffmail',
    'mail.com': 'mail.com',
    'email.com': 'mail.com',
    'usa.com': 'mail.com',
    'zohomail.com': 'Zoho Mail (personal)',
    'fastmail.com': 'Fastmail',
    'fastmail.fm': 'Fastmail',
    'hushmail.com': 'Hushmail',
    'hey.com': 'HEY',
    'lycos.com': 'Lycos Mail',
    'inbox.com': 'Inbox.com',
    'juno.com': 'Juno',
    'netzero.net': 'NetZero',
    'laposte.net': 'La Poste',
    'orange.fr': 'Orange',
    'wanadoo.fr': 'Orange',
    'free.fr': 'Free',
    'sfr.fr': 'SFR',
    'neuf.fr': 'SFR',
    'libero.it': 'Libero',
    'virgilio.it': 'Virgilio',
    'alice.it': 'TIM',
    'seznam.cz': 'Seznam',
    'centrum.cz': 'Centrum',
    'wp.pl': 'WP Poczta',
    'o2.pl': 'o2',
    'onet.pl': 'Onet',
    'interia.pl': 'Interia',
    'bluewin.ch': 'Bluewin',
    'ziggo.nl': 'Ziggo',
    'kpnmail.nl': 'KPN',
    'kpnplanet.nl': 'KPN',
    'planet.nl': 'KPN',
    'hetnet.nl': 'KPN',
    'home.nl': 'Ziggo',
    'chello.nl': 'Ziggo',
    'casema.nl': 'Ziggo',
    'xs4all.nl': 'XS4ALL',
    'zeelandnet.nl': 'Zeelandnet',
    'telenet.be': 'Telenet',
    'skynet.be': 'Proximus',
    'proximus.be': 'Proximus',
    'btinternet.com': 'BT',
    'sky.com': 'Sky',
    'virginmedia.com': 'Virgin Media',
    'ntlworld.com': 'Virgin Media',
    'talktalk.net': 'TalkTalk',
    'comcast.net': 'Xfinity',
    'verizon.net': 'Verizon',
    'att.net': 'AT&T',
    'sbcglobal.net': 'AT&T',
    'bellsouth.net': 'AT&T',
    'cox.net': 'Cox',
    'charter.net': 'Spectrum',
    'earthlink.net': 'EarthLink',
    'optonline.net': 'Optimum',
    'shaw.ca': 'Shaw',
    'rogers.com': 'Rogers',
    'sympatico.ca': 'Bell',
    'bigpond.com': 'Telstra',
    'bigpond.net.au': 'Telstra',
    'optusnet.com.au': 'Optus',
    'uol.com.br': 'UOL',
    'bol.com.br': 'BOL',
    'terra.com.br': 'Terra',
  }),
);

/** The provider name if `domain` (lower-case ASCII) is a personal mailbox domain. */
export function consumerProviderOf(domain: string): string | undefined {
  const parts = splitDomain(domain);
  return EXACT.get(registrableDomain(parts)) ?? EXACT.get(domain) ?? FAMILIES.get(parts.label);
}

/** For tests: the exact domains and family labels of the list. */
export function consumerListEntries(): { readonly exact: readonly string[]; readonly families: readonly string[] } {
  return { exact: [...EXACT.keys()], families: [...FAMILIES.keys()] };
}
