import { defineCatalog } from '../catalog.js';

/** Strings of the merge cards (invitation, status, confirmation, result, history). */
export const mergeCards = defineCatalog({
  en: {
    'mergeCards.placeholder': '(unused)',
  },
  nl: {
    'mergeCards.placeholder': '(ongebruikt)',
  },
});
