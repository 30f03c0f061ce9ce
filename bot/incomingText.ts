/**
 * The text a message stands for, made uniform before the dialogs read it:
 *
 * - In a team channel or group chat people address the bot with an @mention; Teams puts
 *   `<at>Partner merge</at>` into the text. The bot's own mention is removed.
 * - Card buttons that stand for a command are plain `Action.Submit`s with data
 *   `{ command: "check domain" }` (no `msteams` imBack/messageBack, which the Agents
 *   Playground, Web Chat and the Emulator do not implement). Every client sends that data
 *   as the message's `value` without text; the click then reads as the typed command, so
 *   one router (the main dialog's intents) serves typing and clicking alike, and a forged
 *   `command` can do no more than typing it would.
 * - Cards already delivered with the earlier `msteams` imBack/messageBack data still work.
 */
import type { Activity } from 'botbuilder';

const MAX_COMMAND_LENGTH = 1000;

const asCommand = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.slice(0, MAX_COMMAND_LENGTH) : undefined;

/** The command a text-less card submit stands for: `value.command`, or legacy msteams data. */
export function submittedCommand(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message' || (typeof activity.text === 'string' && activity.text.trim() !== ''))
    return undefined;
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { command, msteams } = value as { command?: unknown; msteams?: unknown };
  const direct = asCommand(command);
  if (direct !== undefined) return direct;
  if (typeof msteams !== 'object' || msteams === null) return undefined;
  const { type, value: imBack, text } = msteams as { type?: unknown; value?: unknown; text?: unknown };
  return asCommand(type === 'imBack' ? imBack : type === 'messageBack' ? text : undefined);
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
    const {
      type,
      mentioned,
      text: mentionText,
    } = (entity ?? {}) as { type?: unknown; mentioned?: { id?: unknown } | null; text?: unknown };
    if (
      typeof type === 'string' &&
      type.toLowerCase() === 'mention' &&
      mentioned?.id === botId &&
      typeof mentionText === 'string' &&
      mentionText
    ) {
      out = out.split(mentionText).join(' ');
    }
  }
  return out === text ? text : out.replace(/\s+/g, ' ').trim();
}

/** Rewrites `activity.text` in place: without the bot's @mention, or the clicked command. */
export function normalizeIncomingText(activity: Partial<Activity>): void {
  if (activity.type !== 'message') return;
  const text = withoutBotMention(activity);
  if (text !== undefined && text !== activity.text) activity.text = text;
  const command = submittedCommand(activity);
  if (command !== undefined) activity.text = command;
}
