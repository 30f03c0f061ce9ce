/**
 * Where a conversation's dialog state is kept. In a personal chat it is the conversation's
 * (botbuilder's ConversationState key, unchanged). In a team channel or group chat several
 * people talk at once, so each person gets their own dialog: the key adds the person's
 * Entra object id (or, without one, their channel id), and one person's prompt never
 * takes another person's message as its answer.
 */
import { BotState, type Storage, type TurnContext } from 'botbuilder';

/** botbuilder's ConversationState key: `<channel>/conversations/<conversation id>`. */
function conversationKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  if (!channelId || !conversation?.id)
    throw new Error('dialog state needs activity.channelId and activity.conversation.id');
  return `${channelId}/conversations/${conversation.id}`;
}

const isPersonal = (context: TurnContext): boolean => {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
};

export function dialogStateKey(context: TurnContext): string {
  const key = conversationKey(context);
  if (isPersonal(context)) return key;
  const person = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
  return `${key}/people/${encodeURIComponent(person)}`;
}

export class DialogStateStore extends BotState {
  constructor(storage: Storage) {
    super(storage, (context) => Promise.resolve(dialogStateKey(context)));
  }
}
