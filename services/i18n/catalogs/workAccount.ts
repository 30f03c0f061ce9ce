import { defineCatalog } from '../catalog.js';

/** Strings of the workAccount area. */
export const workAccount = defineCatalog({
  en: {
    'workAccount.placeholder': '(unused)',
  },
  nl: {
    'workAccount.placeholder': '(ongebruikt)',
  },
});
