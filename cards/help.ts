import template from './help.json' with { type: 'json' };
import { defineCard } from './render.js';

/** Welcome/help card: one section and one button per flow. */
export interface HelpCardData {
  readonly title: string;
  /** Empty string hides the greeting line. Escaped user display name otherwise. */
  readonly greeting: string;
  readonly intro: string;
  readonly flows: ReadonlyArray<{ readonly title: string; readonly text: string; readonly button: string; readonly command: string }>;
  readonly commands: string;
}

export const helpCard = defineCard<HelpCardData>('help', template);
