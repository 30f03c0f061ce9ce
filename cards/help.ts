import template from './help.json' with { type: 'json' };
import { defineCard } from './render.js';

/** Welcome/help card: one section and one button per flow. */
export interface HelpCardData {
  readonly title: string;
  /** Empty string hides the greeting line. Escaped user display name otherwise. */
  readonly greeting: string;
  readonly intro: string;
  readonly flows: ReadonlyArray<{
    readonly title: string;
    readonly text: string;
    readonly button: string;
    readonly command: string;
  }>;
  readonly commands: string;
  /** The flows' buttons, two to a row: a single row of four or five is cut off at Teams' card width. */
  readonly buttonRows: ReadonlyArray<{
    readonly buttons: ReadonlyArray<{ readonly title: string; readonly command: string }>;
  }>;
}

/** Two buttons to a row, in the order of the flows. */
export function buttonRowsOf(flows: HelpCardData['flows']): HelpCardData['buttonRows'] {
  const rows: Array<{ buttons: Array<{ title: string; command: string }> }> = [];
  for (const [i, flow] of flows.entries()) {
    if (i % 2 === 0) rows.push({ buttons: [] });
    rows.at(-1)?.buttons.push({ title: flow.button, command: flow.command });
  }
  return rows;
}

export const helpCard = defineCard<HelpCardData>('help', template);
