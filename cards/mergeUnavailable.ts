/**
 * What someone who may not see a merge gets instead of its card, for a refresh and for
 * every verb: the same for a merge that does not exist, and nothing of the merge in it
 * (no company, person, id or status), so it tells nobody that the merge exists.
 */
import template from './mergeUnavailable.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { t } from '../services/i18n/index.js';

export interface MergeUnavailableCardData {
  readonly title: string;
  readonly why: string;
}

export const mergeUnavailableCardDefinition = defineCard<MergeUnavailableCardData>('mergeUnavailable', template);

export function mergeUnavailableCard(locale: string | undefined): AdaptiveCardJson {
  return renderCard(mergeUnavailableCardDefinition, {
    title: t(locale, 'mergeCards.unavailable.title'),
    why: t(locale, 'mergeCards.unavailable.why'),
  });
}
