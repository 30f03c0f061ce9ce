/** A text message shown as typed: user-provided values inside cannot become markdown. */
import type { Activity } from 'botbuilder';

export function plainMessage(text: string): Partial<Activity> {
  return { type: 'message', text, textFormat: 'plain' };
}
