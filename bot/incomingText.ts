/**
 * The text a message stands for, made uniform before the dialogs read it:
 *
 * - In a team channel or group chat people address the bot with an @mention; Teams puts
 *   `<at>Partner merge</at>` into the text. The bot's own mention is removed.
 * - Card buttons that send a command (`Action.Submit` with `msteams` imBack/messageBack
 *   data): Teams turns the click into a message whose text is the command. Clients that
 *   do not (the Microsoft 365 Agents Playground sends the card data as `value` with no
 *   text) get the same treatment here, so a click always reads as the typed command.
 */
import type { Activity } from 'botbuilder';

const MAX_COMMAND_LENGTH = 1000;

/** The command a text-less card submit stands for, if its data says imBack/messageBack. */
export function submittedCommand(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message' || (typeof activity.text === 'string' && activity.text.trim() !== '')) return undefined;
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const msteams: unknown = (value as { msteams?: unknown }).msteams;
  if (typeof msteams !== 'object' || msteams === null) return undefined;
  const { type, value: imBack, text } = msteams as { type?: unknown; value?: unknown; text?: unknown };
  const command = type === 'imBack' ? imBack : type === 'messageBack' ? text : undefined;
  return typeof command === 'string' && command.trim() !== '' ? command.slice(0, MAX_COMMAND_LENGTH) : undefined;
}

/**
 * The text without the bot's own @mentions (`<at>…</at>` of mention entities naming the
 * recipient). Entities come from the client: anything not shaped like a mention is ignored.
 */
export function withoutBotMention(activity: Partial<Activity>): string | undefined {
  const { text, entities } = activity;
  const botId = activity.recipient?.id;
  if (typeof text !== 'string' || !botId || !Array.isArray(entities)) return text;
  let out = text;
  for (const entity of entities as unknown[]) {
    const { type, mentioned, text: mentionText } = (entity ?? {}) as { type?: unknown; mentioned?: { id?: unknown } | null; text?: unknown };
    if (typeof type === 'string' && type.toLowerCase() === 'mention' && mentioned?.id === botId && typeof mentionText === 'string' && mentionText) {
      out = out.split(mentionText).join(' ');
    }
  }
  return out === text ? text : out.replace(/\s+/g, ' ').trim();
}

/** Rewrites `activity.text` in place: without the bot's @mention, or the clicked command. */
export function normalizeIncomingText(activity: Partial<Activity>): void {
  if (activity.type !== 'message') return;
  const text = withoutBotMention(activity);
  if (text !== activity.text) activity.text = text;
  const command = submittedCommand(activity);
  if (command !== undefined) activity.text = command;
}
