/**
 * The preview the start-merge dialog shows BEFORE the invitation is created: what the
 * merge will do (the same sections as the confirm step of the merge request card), the
 * irreversible warning, and "Send invitation" / "Cancel" answered back to the dialog.
 */
import template from './mergePreview.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { companyValue, name, previewSections, type CardFact, type CardSection } from './mergeShared.js';
import { t } from '../services/i18n/index.js';
import type { MergePreview } from '../services/merge/execute.js';

/** The data bound to `mergePreview.json`. */
export interface MergePreviewCardData {
  readonly title: string;
  readonly intro: string;
  /** Non-empty once the preview was answered (e.g. "Not sent"): its buttons are gone. */
  readonly closed: string;
  /** The facts that decide; the full preview is behind "Show details". */
  readonly facts: readonly CardFact[];
  readonly sections: readonly CardSection[];
  readonly warning: string;
  readonly detailsButton: string;
  /** Sends `{ choice: 'confirm' }` to the start-merge dialog's prompt. */
  readonly send: { readonly title: string };
  /** Sends `{ choice: 'cancel' }`. */
  readonly cancel: { readonly title: string };
}

export const mergePreviewCardDefinition = defineCard<MergePreviewCardData>('mergePreview', template);

export interface MergePreviewInput {
  readonly preview: MergePreview;
  readonly locale: string | undefined;
  /** `notSent`: the person cancelled; the card keeps its facts and loses its buttons. */
  readonly state?: 'open' | 'notSent';
}

export function mergePreviewCard(input: MergePreviewInput): AdaptiveCardJson {
  const { preview, locale } = input;
  const companies = { initiator: name(preview.pga.companyName), invited: name(preview.absorbed.companyName) };
  const tenants = preview.tenants
    .flatMap((tenant) => (tenant.domains.length > 0 ? tenant.domains.slice(0, 1) : [tenant.tenantId]))
    .map(name);
  return renderCard(mergePreviewCardDefinition, {
    title: t(locale, 'mergeCards.previewCard.title', companies),
    intro: t(locale, 'mergeCards.previewCard.intro', companies),
    closed: input.state === 'notSent' ? t(locale, 'mergeCards.previewCard.notSent') : '',
    facts: [
      {
        title: t(locale, 'mergeCards.fact.pga'),
        value: companyValue(preview.pga.companyName, preview.pga.globalMpnId, locale),
      },
      {
        title: t(locale, 'mergeCards.fact.becomesLocation'),
        value: companyValue(preview.absorbed.companyName, preview.absorbed.globalMpnId, locale),
      },
      {
        title: t(locale, 'mergeCards.fact.afterMerge'),
        value: t(locale, 'mergeCards.value.afterMerge', {
          company: companies.initiator,
          count: preview.locations.length,
        }),
      },
      {
        title: t(locale, 'mergeCards.fact.tenants'),
        value: t(locale, 'mergeCards.value.tenantsApart', { tenants: tenants.join(', ') }),
      },
    ],
    sections: previewSections(preview, locale),
    warning: t(locale, 'mergeCards.warning.irreversible', companies),
    detailsButton: t(locale, 'mergeCards.action.details'),
    send: { title: t(locale, 'mergeCards.previewCard.send') },
    cancel: { title: t(locale, 'mergeCards.previewCard.cancel') },
  });
}
