/**
 * The preview the start-merge dialog shows BEFORE the invitation is created: what the
 * merge will do (the same sections as the confirm step of the merge request card), the
 * irreversible warning, and "Send invitation" / "Cancel" answered back to the dialog.
 */
import template from './mergePreview.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { name, previewSections, type CardSection } from './mergeShared.js';
import { t } from '../services/i18n/index.js';
import type { MergePreview } from '../services/merge/execute.js';

/** The data bound to `mergePreview.json`. */
export interface MergePreviewCardData {
  readonly title: string;
  readonly intro: string;
  readonly sections: readonly CardSection[];
  readonly warning: string;
  /** Sends `{ choice: 'confirm' }` as a messageBack with text "yes". */
  readonly send: { readonly title: string };
  /** Sends `{ choice: 'cancel' }` as an imBack of the cancel command ("cancel" / "annuleren"). */
  readonly cancel: { readonly title: string; readonly command: string };
}

export const mergePreviewCardDefinition = defineCard<MergePreviewCardData>('mergePreview', template);

export function mergePreviewCard(input: { readonly preview: MergePreview; readonly locale: string | undefined }): AdaptiveCardJson {
  const { preview, locale } = input;
  const companies = { initiator: name(preview.pga.companyName), invited: name(preview.absorbed.companyName) };
  return renderCard(mergePreviewCardDefinition, {
    title: t(locale, 'mergeCards.previewCard.title', companies),
    intro: t(locale, 'mergeCards.previewCard.intro', companies),
    sections: previewSections(preview, locale),
    warning: t(locale, 'mergeCards.warning.irreversible', companies),
    send: { title: t(locale, 'mergeCards.previewCard.send') },
    cancel: { title: t(locale, 'mergeCards.previewCard.cancel'), command: t(locale, 'core.command.cancel') },
  });
}
