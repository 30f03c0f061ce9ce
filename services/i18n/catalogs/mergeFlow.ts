import { defineCatalog } from '../catalog.js';

/** Strings of the merge conversation (start-merge dialog, history, card action replies). */
export const mergeFlow = defineCatalog({
  en: {
    'mergeFlow.placeholder': '(unused)',
  },
  nl: {
    'mergeFlow.placeholder': '(ongebruikt)',
  },
});
