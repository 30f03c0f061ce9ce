/**
 * What a person added to an account's managers list receives: whose merges they will hear
 * about, who added them and when, and "Stop these notifications". After they stop, the
 * same card says so and has no button.
 */
import template from './watcherWelcome.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { moment, name } from './mergeShared.js';
import { WATCHER_VERBS } from './watchers.js';
import { t } from '../services/i18n/index.js';
import type { PartnerAccount, Watcher } from '../services/model.js';

export interface WatcherWelcomeCardData {
  readonly title: string;
  readonly text: string;
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly showStop: boolean;
  readonly stopVerb: string;
  readonly stopTitle: string;
  readonly accountMpnId: string;
}

export const watcherWelcomeCardDefinition = defineCard<WatcherWelcomeCardData>('watcherWelcome', template);

/**
 * `watcher`: the person's current entry on the list; `undefined` once they are off it
 * (they stopped, or an admin removed them), `stopped` when their own click did it.
 */
export function watcherWelcomeCard(input: {
  readonly account: Pick<PartnerAccount, 'companyName' | 'globalMpnId'>;
  readonly watcher: Watcher | undefined;
  readonly stopped?: boolean;
  readonly locale: string | undefined;
}): AdaptiveCardJson {
  const { account, watcher, locale } = input;
  const company = name(account.companyName);
  const base = {
    facts: [],
    showStop: false,
    stopVerb: WATCHER_VERBS.stop,
    stopTitle: t(locale, 'watchers.welcome.stop'),
    accountMpnId: account.globalMpnId,
  };
  if (!watcher) {
    return renderCard(watcherWelcomeCardDefinition, {
      ...base,
      title: t(locale, 'watchers.welcome.stoppedTitle', { company }),
      text: t(locale, input.stopped ? 'watchers.welcome.stoppedText' : 'watchers.welcome.notWatching', { company }),
    });
  }
  const actor = watcher.addedBy ? name(watcher.addedBy.displayName) : t(locale, 'watchers.card.imported');
  return renderCard(watcherWelcomeCardDefinition, {
    ...base,
    title: t(locale, 'watchers.welcome.title', { company }),
    text: t(locale, 'watchers.welcome.text', { actor, company, mpnId: name(account.globalMpnId) }),
    facts: [
      ...(watcher.addedBy
        ? [{ title: t(locale, 'watchers.welcome.addedBy'), value: name(watcher.addedBy.displayName) }]
        : []),
      ...(watcher.addedAt
        ? [{ title: t(locale, 'watchers.welcome.addedOn'), value: moment(watcher.addedAt).date }]
        : []),
    ],
    showStop: true,
  });
}
