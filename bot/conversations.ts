/**
 * Conversation references, kept in the store (never only in memory) so proactive messages
 * reach people after a restart. Captured from every personal-chat activity; written only
 * when something that matters for delivery changed, so ordinary turns cost no write.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import { tenantOf } from '../services/accounts/activityIdentity.js';
import { userKey } from '../services/accounts/validation.js';
import { isDomainError } from '../services/errors.js';
import type { ConversationRecord } from '../services/model.js';
import { put, type Store, type StoreReads } from '../services/store/types.js';
import type { Logger } from '../services/loggerPort.js';

export interface Person {
  readonly tenantId: string;
  readonly aadObjectId: string;
}

export class ConversationDirectory {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Remembers where to reach the sender (personal chats only: that is where cards go), and
   * forgets it when they uninstall the bot (installationUpdate remove, or the bot removed
   * from the chat): sending there would only fail.
   */
  /** `reads`: the turn's look at the store, when it has one. */
  async remember(
    context: TurnContext,
    logger: Logger,
    reads: Pick<StoreReads, 'conversations'> = this.store,
  ): Promise<'created' | 'updated' | 'unchanged' | 'removed' | 'skipped'> {
    const { activity } = context;
    const aadObjectId = activity.from?.aadObjectId;
    const tenantId = tenantOf(activity);
    if (!aadObjectId || !tenantId || activity.conversation?.conversationType !== 'personal') return 'skipped';
    const existing = await reads.conversations.get(tenantId, aadObjectId);
    if (isUninstall(context)) {
      if (!existing) return 'skipped';
      try {
        await this.store.commit([
          { op: 'delete', kind: 'conversation', key: existing.key, expectedVersion: existing.version },
        ]);
        logger.info({ tenantId, aadObjectId }, 'bot uninstalled: conversation reference removed');
      } catch (err: unknown) {
        if (!(isDomainError(err) && err.code === 'version-conflict')) throw err;
      }
      return 'removed';
    }
    const reference = TurnContext.getConversationReference(activity);
    if (existing && sameDelivery(existing.reference, reference)) return 'unchanged';
    const record: ConversationRecord = {
      key: userKey({ tenantId, aadObjectId }),
      aadObjectId,
      tenantId,
      ...(activity.from.name ? { displayName: activity.from.name } : {}),
      reference: toPlain(reference),
      updatedAt: this.clock().toISOString(),
      version: existing?.version ?? 0,
    };
    try {
      await this.store.commit([put('conversation', record, existing?.version ?? 0)]);
      logger.debug({ tenantId, aadObjectId }, 'conversation reference stored');
      return existing ? 'updated' : 'created';
    } catch (err: unknown) {
      // Two turns of the same user raced; the other one stored an equally good reference.
      if (isDomainError(err) && err.code === 'version-conflict') return 'unchanged';
      throw err;
    }
  }

  /** Stores a reference obtained outside a turn (a conversation the bot created). */
  async save(
    person: Person & { readonly displayName?: string },
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    const existing = await this.store.conversations.get(person.tenantId, person.aadObjectId);
    const record: ConversationRecord = {
      key: userKey(person),
      aadObjectId: person.aadObjectId,
      tenantId: person.tenantId,
      ...(person.displayName ? { displayName: person.displayName } : {}),
      reference: toPlain(reference),
      updatedAt: this.clock().toISOString(),
      version: existing?.version ?? 0,
    };
    try {
      await this.store.commit([put('conversation', record, existing?.version ?? 0)]);
    } catch (err: unknown) {
      if (!(isDomainError(err) && err.code === 'version-conflict')) throw err;
    }
  }

  /** `reads`: a snapshot already taken (a delivery looks at the store once). */
  async referenceFor(
    person: Person,
    reads: Pick<StoreReads, 'conversations'> = this.store,
  ): Promise<Partial<ConversationReference> | undefined> {
    const record = await reads.conversations.get(person.tenantId, person.aadObjectId);
    return record ? record.reference : undefined;
  }
}

function isUninstall(context: TurnContext): boolean {
  const { activity } = context;
  if (activity.type === 'installationUpdate')
    return typeof activity.action === 'string' && activity.action.startsWith('remove');
  const botId = activity.recipient?.id;
  return activity.type === 'conversationUpdate' && (activity.membersRemoved ?? []).some((m) => m.id === botId);
}

function sameDelivery(stored: Readonly<Record<string, unknown>>, next: Partial<ConversationReference>): boolean {
  const s = stored as Partial<ConversationReference>;
  return (
    s.conversation?.id === next.conversation?.id &&
    s.serviceUrl === next.serviceUrl &&
    s.locale === next.locale &&
    s.user?.id === next.user?.id &&
    s.user?.name === next.user?.name
  );
}

/** Only plain JSON goes into the store. */
function toPlain(reference: Partial<ConversationReference>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
}
