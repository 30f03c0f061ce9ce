import { defineCatalog } from '../catalog.js';

/** Strings of the merge area. */
export const merge = defineCatalog({
  en: {
    'merge.placeholder': '(unused)',
  },
  nl: {
    'merge.placeholder': '(ongebruikt)',
  },
});
