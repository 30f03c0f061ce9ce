/**
 * The people and locations of one partner account: each user with their Partner Center
 * roles, and the account's location Partner IDs. An Account admin gets Remove per user of
 * their own organization, and Add people, Change roles and Add a location; everyone else
 * with a role reads it.
 */
import template from './accountPeople.json' with { type: 'json' };
import { defineCard, renderCard, userText, type AdaptiveCardJson } from './render.js';
import { companyValue, name } from './mergeShared.js';
import { rolesText } from './roleNames.js';
import { t } from '../services/i18n/index.js';
import { userKey } from '../services/accounts/validation.js';
import { hasAccountRole } from '../services/accounts/roles.js';
import { PARTNER_CENTER_ROLES, type PartnerAccount, type PartnerUser } from '../services/model.js';

export const PEOPLE_VERBS = {
  add: 'people.add',
  roles: 'people.roles',
  remove: 'people.remove',
  addLocation: 'people.addLocation',
} as const;

/** Input ids of the card's forms; their values arrive in the invoke's data. */
export const PEOPLE_INPUTS = {
  people: 'people',
  address: 'address',
  addRoles: 'addRoles',
  addScope: 'addScope',
  who: 'who',
  setRoles: 'setRoles',
  setScope: 'setScope',
  location: 'location',
} as const;

/** The scope choice that means "the whole account". */
export const WHOLE_ACCOUNT = 'account';

/** The card lists this many users; the rest are counted. */
export const PEOPLE_SHOWN = 15;

interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface PeopleRow {
  readonly name: string;
  readonly upn: string;
  readonly roles: string;
  readonly removable: boolean;
  readonly removeTooltip: string;
  readonly aadObjectId: string;
  readonly tenantId: string;
}

/** The data bound to `accountPeople.json`. */
export interface AccountPeopleCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly notice: string;
  readonly noticeStyle: 'good' | 'attention';
  readonly intro: string;
  readonly users: readonly PeopleRow[];
  readonly more: string;
  readonly locationsTitle: string;
  readonly locations: string;
  readonly footer: string;
  readonly accountMpnId: string;
  readonly canChange: boolean;
  readonly verbs: typeof PEOPLE_VERBS;
  readonly inputs: typeof PEOPLE_INPUTS;
  readonly removeTitle: string;
  readonly rolesLabel: string;
  readonly roleChoices: readonly Choice[];
  readonly scopeLabel: string;
  readonly scopeChoices: readonly Choice[];
  readonly whoChoices: readonly Choice[];
  readonly add: {
    readonly title: string;
    readonly picker: string;
    readonly address: string;
    readonly addressPlaceholder: string;
    readonly submit: string;
  };
  readonly roles: { readonly title: string; readonly who: string; readonly submit: string };
  readonly location: {
    readonly title: string;
    readonly label: string;
    readonly placeholder: string;
    readonly submit: string;
  };
}

export const accountPeopleCardDefinition = defineCard<AccountPeopleCardData>('accountPeople', template);

export interface AccountPeopleCardInput {
  readonly account: PartnerAccount;
  readonly viewer: { readonly aadObjectId: string; readonly tenantId: string };
  readonly canChange: boolean;
  /** What the last click did (already in the user's language; escaped here). */
  readonly notice?: { readonly text: string; readonly style: 'good' | 'attention' };
  readonly locale: string | undefined;
}

export function accountPeopleCard(input: AccountPeopleCardInput): AdaptiveCardJson {
  const { account, locale, canChange, viewer } = input;
  const company = name(account.companyName);
  const shown = account.users.slice(0, PEOPLE_SHOWN);
  const more = account.users.length - shown.length;
  // Admins manage the users of their own organization only (tenants are never merged), and the
  // only Account admin stays (the bot would refuse; no button offers it).
  const own = (u: PartnerUser): boolean => u.tenantId.toLowerCase() === viewer.tenantId.toLowerCase();
  const admins = account.users.filter((u) => hasAccountRole(u, 'account-admin'));
  const removable = (u: PartnerUser): boolean => canChange && own(u) && !(admins.length === 1 && admins[0] === u);
  return renderCard(accountPeopleCardDefinition, {
    title: t(locale, 'people.card.title'),
    subtitle: companyValue(account.companyName, account.globalMpnId, locale),
    notice: input.notice ? userText(input.notice.text, 600) : '',
    noticeStyle: input.notice?.style ?? 'good',
    intro: t(locale, 'people.card.intro', { company }),
    users: shown.map((u) => row(u, input, removable(u))),
    more: more > 0 ? t(locale, 'people.card.more', { count: more }) : '',
    locationsTitle: t(locale, 'people.card.locationsTitle'),
    locations:
      account.locations.length === 0
        ? t(locale, 'people.card.noLocations')
        : account.locations
            .map((l) => t(locale, 'people.card.location.row', { mpnId: l.mpnId, name: name(l.name) }))
            .join('\n\n'),
    footer: [canChange ? '' : t(locale, 'people.card.readOnly', { company }), t(locale, 'people.card.ownTenant')]
      .filter((s) => s !== '')
      .join(' '),
    accountMpnId: account.globalMpnId,
    canChange,
    verbs: PEOPLE_VERBS,
    inputs: PEOPLE_INPUTS,
    removeTitle: t(locale, 'people.card.remove'),
    rolesLabel: t(locale, 'people.card.roles'),
    roleChoices: PARTNER_CENTER_ROLES.map((role) => ({ title: t(locale, `people.role.${role}`), value: role })),
    scopeLabel: t(locale, 'people.card.scope'),
    scopeChoices: [
      { title: t(locale, 'people.card.scopeAll'), value: WHOLE_ACCOUNT },
      ...account.locations.map((l) => ({ title: `${name(l.name)} (${l.mpnId})`, value: l.mpnId })),
    ],
    whoChoices: account.users
      .filter(own)
      .map((u) => ({ title: name(u.displayName), value: `${u.tenantId}|${u.aadObjectId}` })),
    add: {
      title: t(locale, 'people.card.add'),
      picker: t(locale, 'people.card.picker'),
      address: t(locale, 'people.card.address'),
      addressPlaceholder: t(locale, 'people.card.addressPlaceholder'),
      submit: t(locale, 'people.card.addSubmit'),
    },
    roles: {
      title: t(locale, 'people.card.changeRoles'),
      who: t(locale, 'people.card.who'),
      submit: t(locale, 'people.card.saveRoles'),
    },
    location: {
      title: t(locale, 'people.card.addLocation'),
      label: t(locale, 'people.card.location'),
      placeholder: t(locale, 'people.card.locationPlaceholder'),
      submit: t(locale, 'people.card.locationSubmit'),
    },
  });
}

function row(user: PartnerUser, input: AccountPeopleCardInput, removable: boolean): PeopleRow {
  const { locale, account } = input;
  const shownName = name(user.displayName);
  const isViewer = userKey(user) === userKey(input.viewer);
  return {
    name: isViewer ? t(locale, 'people.card.you', { name: shownName }) : shownName,
    upn: user.upn ? name(user.upn) : '',
    roles: rolesText(user.roles, account.locations, locale),
    removable,
    removeTooltip: `${t(locale, 'people.card.remove')}: ${user.displayName.slice(0, 100)}`,
    aadObjectId: user.aadObjectId,
    tenantId: user.tenantId,
  };
}
