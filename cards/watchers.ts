/**
 * The managers list of one partner account: who gets its merge notifications, who added
 * each and when. An Account admin sees a Remove button per person and "Add people" (Teams'
 * people picker, or a typed address for clients without it); everyone else who may see
 * the list reads it, and a person on the list may stop their own notifications.
 */
import template from './watchers.json' with { type: 'json' };
import { defineCard, renderCard, userText, type AdaptiveCardJson } from './render.js';
import { companyValue, moment, name } from './mergeShared.js';
import { t } from '../services/i18n/index.js';
import { userKey } from '../services/accounts/validation.js';
import type { PartnerAccount, Watcher } from '../services/model.js';

/** Card verbs of the managers list (Universal Actions). */
export const WATCHER_VERBS = {
  add: 'watchers.add',
  remove: 'watchers.remove',
  stop: 'watchers.stop',
} as const;

/** Input ids of the add form; their values arrive in the `watchers.add` invoke's data. */
export const WATCHER_INPUTS = { people: 'people', address: 'address' } as const;

/** The card lists this many people; the rest are counted ("and 3 more"). */
export const WATCHERS_SHOWN = 25;

export interface WatcherRow {
  readonly name: string;
  /** Empty when unknown (picked in Teams without a directory to ask). */
  readonly upn: string;
  /** "Added by Adele Vance, Mon, Nov 30, 2026", shown with "Who added them". */
  readonly added: string;
  readonly addedId: string;
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly removeTooltip: string;
}

/** The data bound to `watchers.json`. */
export interface WatchersCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly notice: string;
  readonly intro: string;
  readonly empty: string;
  readonly watchers: readonly WatcherRow[];
  readonly more: string;
  readonly footer: string;
  readonly addedToggle: string;
  readonly addedIds: readonly string[];
  readonly accountMpnId: string;
  readonly canChange: boolean;
  readonly isWatcher: boolean;
  readonly verbs: typeof WATCHER_VERBS;
  readonly inputs: typeof WATCHER_INPUTS;
  readonly removeTitle: string;
  readonly addTitle: string;
  readonly pickerLabel: string;
  readonly addressLabel: string;
  readonly addressPlaceholder: string;
  readonly addSubmit: string;
  readonly stopTitle: string;
}

export const watchersCardDefinition = defineCard<WatchersCardData>('watchers', template);

export interface WatchersCardInput {
  readonly account: PartnerAccount;
  readonly viewer: { readonly aadObjectId: string; readonly tenantId: string };
  readonly canChange: boolean;
  readonly isWatcher: boolean;
  /** Whether the operator switched on notifications to the acting admin's Entra manager. */
  readonly entraManager: boolean;
  readonly limit: number;
  /** What the last click did (already in the user's language; escaped here). */
  readonly notice?: string;
  readonly locale: string | undefined;
}

export function watchersCard(input: WatchersCardInput): AdaptiveCardJson {
  const { account, locale, canChange } = input;
  const company = name(account.companyName);
  const shown = account.watchers.slice(0, WATCHERS_SHOWN);
  const more = account.watchers.length - shown.length;
  const rules = [
    t(locale, 'watchers.card.count', { count: account.watchers.length, max: input.limit }),
    ...(canChange ? [] : [t(locale, 'watchers.card.readOnly', { company })]),
    t(locale, input.entraManager ? 'watchers.card.entraManagerOn' : 'watchers.card.entraManagerOff'),
  ];
  return renderCard(watchersCardDefinition, {
    title: t(locale, 'watchers.card.title'),
    subtitle: companyValue(account.companyName, account.globalMpnId, locale),
    notice: input.notice ? userText(input.notice, 600) : '',
    intro: t(locale, 'watchers.card.intro', { company }),
    empty: account.watchers.length === 0 ? t(locale, 'watchers.card.empty', { company }) : '',
    watchers: shown.map((w, i) => row(w, i, input)),
    addedToggle: t(locale, 'watchers.card.addedToggle'),
    addedIds: shown.map((_, i) => addedId(i)),
    more: more > 0 ? t(locale, 'watchers.card.more', { count: more }) : '',
    footer: rules.join(' '),
    accountMpnId: account.globalMpnId,
    canChange,
    isWatcher: input.isWatcher,
    verbs: WATCHER_VERBS,
    inputs: WATCHER_INPUTS,
    removeTitle: t(locale, 'watchers.card.remove'),
    addTitle: t(locale, 'watchers.card.add'),
    pickerLabel: t(locale, 'watchers.card.picker'),
    addressLabel: t(locale, 'watchers.card.address'),
    addressPlaceholder: t(locale, 'watchers.card.addressPlaceholder'),
    addSubmit: t(locale, 'watchers.card.addSubmit'),
    stopTitle: t(locale, 'watchers.card.stop'),
  });
}

const addedId = (index: number): string => `added-${index}`;

function row(watcher: Watcher, index: number, input: WatchersCardInput): WatcherRow {
  const { locale } = input;
  const shownName = name(watcher.displayName);
  const isViewer = userKey(watcher) === userKey(input.viewer);
  const added = watcher.addedBy
    ? t(locale, 'watchers.card.addedBy', {
        name: name(watcher.addedBy.displayName),
        date: watcher.addedAt ? moment(watcher.addedAt).date : '',
      })
    : t(locale, 'watchers.card.imported');
  return {
    name: isViewer ? t(locale, 'watchers.card.you', { name: shownName }) : shownName,
    upn: watcher.upn ? name(watcher.upn) : '',
    added,
    addedId: addedId(index),
    aadObjectId: watcher.aadObjectId,
    tenantId: watcher.tenantId,
    removeTooltip: `${t(locale, 'watchers.card.remove')}: ${watcher.displayName.slice(0, 100)}`,
  };
}
