/**
 * Keeps the delivered cards of a merge converged, whatever the interleaving of deliveries,
 * redraws, refreshes and clicks across instances:
 *
 * - one live card per person and kind (merge card, manager card): the newest by when it was
 *   recorded (then by activity id); every earlier one is marked superseded, and drawn as the
 *   one-line note once;
 * - a live merge card shows the merge's current version.
 *
 * Every decision is made on a fresh read of the store, never on a delivery's snapshot, so a
 * card another instance recorded meanwhile is seen. Superseding is version-checked and tried
 * again on a conflict; whoever records the last card sees all the earlier ones. A drawing is
 * fenced by the sent-card record: the record is read before the update and written after it
 * at that version; if anyone changed it meanwhile (a newer drawing, a click, a supersede),
 * this drawing may have landed after theirs, so it draws again from what is current.
 */
import type { ConversationReference } from 'botbuilder';
import { userKey } from '../../services/accounts/validation.js';
import { cardKindOf, type MergeRequest, type SentCardRecord } from '../../services/model.js';
import { isDomainError } from '../../services/errors.js';
import type { Logger } from '../../services/loggerPort.js';
import { put, type Store, type StoreReads } from '../../services/store/types.js';
import type { Viewer } from '../../services/merge/viewer.js';
import { cardAttachment } from '../../cards/render.js';
import { supersededCard } from '../../cards/superseded.js';
import type { ProactiveMessenger } from '../proactive.js';
import type { MergeViews } from '../merge/mergeViews.js';
import { outcomeOf, type SendOutcome } from './sendOutcome.js';

export interface CardKeeperDeps {
  readonly store: Store;
  readonly views: MergeViews;
  readonly messenger: ProactiveMessenger;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Waits for a rate-limit slot of the conversation. */
  readonly paced: (reference: Partial<ConversationReference>) => Promise<void>;
}

/** Which cards a pass looks at: all of a merge, or one person's of one kind. */
type Scope = (card: SentCardRecord) => boolean;

const ATTEMPTS = 6;
const person = (who: { tenantId: string; aadObjectId: string }, kind: 'merge' | 'manager'): Scope => {
  const key = userKey(who);
  return (card) => cardKindOf(card) === kind && userKey(card) === key;
};

/**
 * Later recorded first; within one millisecond the later message (Teams' message ids grow
 * with time), compared as numbers where they are numbers, the same way on every instance.
 */
const newerFirst = (a: SentCardRecord, b: SentCardRecord): number =>
  a.sentAt === b.sentAt
    ? b.activityId.localeCompare(a.activityId, 'en', { numeric: true })
    : b.sentAt.localeCompare(a.sentAt);

/** Whether a card shows something other than it should: a note not drawn yet, or an earlier state of the merge. */
export function needsDrawing(card: SentCardRecord, merge: MergeRequest): boolean {
  if (card.supersededAt !== undefined) return card.notedAt === undefined;
  return cardKindOf(card) === 'merge' && card.shows !== merge.version;
}

export function viewerOfCard(card: SentCardRecord): Viewer {
  const reference = card.reference as Partial<ConversationReference>;
  return {
    tenantId: card.tenantId,
    aadObjectId: card.aadObjectId,
    displayName: reference.user?.name ?? '',
    ...(reference.user?.id ? { mri: reference.user.id } : {}),
    locale: reference.locale,
  };
}

export class CardKeeper {
  /**
   * Per merge, this instance settles one thing at a time: deliveries to many people run in
   * parallel, but two of them drawing the same card here would draw it twice. (Across
   * instances the fence keeps the result right; an update may then be drawn twice.)
   */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: CardKeeperDeps) {}

  /** After a card to a person was recorded: their earlier cards of that kind become the note. */
  settlePerson(
    mergeId: string,
    who: { tenantId: string; aadObjectId: string },
    kind: 'merge' | 'manager',
  ): Promise<SendOutcome> {
    return this.inTurn(mergeId, () => this.settle(mergeId, person(who, kind)));
  }

  /** Every card of the merge: one live card per person and kind, each drawn as it should be. */
  settleMerge(mergeId: string): Promise<SendOutcome> {
    return this.inTurn(mergeId, () => this.settle(mergeId, () => true));
  }

  /** Draws one card as it should be now (a card sent from a state a decision has since changed). */
  catchUp(mergeId: string, key: string): Promise<SendOutcome> {
    return this.inTurn(mergeId, () => this.draw(mergeId, key));
  }

  private inTurn<T>(mergeId: string, work: () => Promise<T>): Promise<T> {
    const turn = (this.turns.get(mergeId) ?? Promise.resolve()).then(work);
    const settled = turn.catch(() => undefined);
    this.turns.set(mergeId, settled);
    void settled.then(() => {
      if (this.turns.get(mergeId) === settled) this.turns.delete(mergeId);
    });
    return turn;
  }

  private async settle(mergeId: string, scope: Scope): Promise<SendOutcome> {
    await this.supersedeEarlier(mergeId, scope);
    const reads = await this.deps.store.snapshot();
    const merge = await reads.merges.get(mergeId);
    if (!merge) return { kind: 'delivered' };
    for (const card of (await reads.sentCards.listForMerge(mergeId)).filter(scope)) {
      if (!needsDrawing(card, merge)) continue;
      const outcome = await this.draw(mergeId, card.key);
      if (outcome.kind === 'retry') return outcome;
    }
    return { kind: 'delivered' };
  }

  /** Marks all but the newest live card of each person and kind superseded, on fresh reads, until no conflict. */
  private async supersedeEarlier(mergeId: string, scope: Scope): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const cards = (await (await this.deps.store.snapshot()).sentCards.listForMerge(mergeId)).filter(
        (c) => scope(c) && c.supersededAt === undefined,
      );
      const groups = new Map<string, SentCardRecord[]>();
      for (const card of cards) {
        const group = `${cardKindOf(card)}|${userKey(card)}`;
        groups.set(group, [...(groups.get(group) ?? []), card]);
      }
      const earlier = [...groups.values()].flatMap((group) => group.sort(newerFirst).slice(1));
      if (earlier.length === 0) return;
      const at = this.deps.clock().toISOString();
      try {
        await this.deps.store.commit(
          earlier.map((c) => put('sentCard', { ...c, supersededAt: at, updatedAt: at }, c.version)),
        );
        return;
      } catch (err: unknown) {
        if (!isConflict(err)) throw err;
      }
    }
    this.deps.logger.warn(
      { mergeId },
      'delivered cards kept changing while being superseded; the next change of the merge settles them',
    );
  }

  /** Draws one card as it should be, fenced by its record's version (see the module comment). */
  private async draw(mergeId: string, key: string): Promise<SendOutcome> {
    let force = false;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const reads = await this.deps.store.snapshot();
      const merge = await reads.merges.get(mergeId);
      const card = (await reads.sentCards.listForMerge(mergeId)).find((c) => c.key === key);
      if (!merge || !card) return { kind: 'delivered' };
      if (!force && !needsDrawing(card, merge)) return { kind: 'delivered' };
      // A manager's live card is a message about one event: it never changes.
      if (card.supersededAt === undefined && cardKindOf(card) === 'manager') return { kind: 'delivered' };
      const outcome = await this.update(reads, merge, card);
      if (outcome.kind !== 'delivered') return outcome;
      const at = this.deps.clock().toISOString();
      const drawn = card.supersededAt !== undefined ? { notedAt: at } : { shows: merge.version };
      try {
        await this.deps.store.commit([put('sentCard', { ...card, ...drawn, updatedAt: at }, card.version)]);
        return { kind: 'delivered' };
      } catch (err: unknown) {
        if (!isConflict(err)) throw err;
        // Changed while this was drawn: this drawing may have landed after a newer one.
        force = true;
      }
    }
    this.deps.logger.warn(
      { mergeId, key },
      'a delivered card kept changing while being drawn; the next change of the merge draws it again',
    );
    return { kind: 'delivered' };
  }

  private async update(reads: StoreReads, merge: MergeRequest, card: SentCardRecord): Promise<SendOutcome> {
    const reference = card.reference as Partial<ConversationReference>;
    const viewer = viewerOfCard(card);
    try {
      // Only notes and live merge cards are drawn (see draw).
      const content =
        card.supersededAt !== undefined
          ? supersededCard(merge, cardKindOf(card), viewer.locale)
          : await this.deps.views.cardFor(merge, viewer, undefined, reads);
      await this.deps.paced(reference);
      await this.deps.messenger.update(reference, card.activityId, { attachments: [cardAttachment(content)] });
      return { kind: 'delivered' };
    } catch (err: unknown) {
      const outcome = outcomeOf(err);
      if (outcome.kind === 'failed') await this.forget(merge, card, outcome.error);
      return outcome;
    }
  }

  /** The message or conversation is gone: stop keeping that card up to date. */
  private async forget(merge: MergeRequest, card: SentCardRecord, error: string): Promise<void> {
    this.deps.logger.info(
      { mergeId: merge.id, activityId: card.activityId, error },
      'delivered card can no longer be updated; forgetting it',
    );
    await this.deps.store
      .commit([{ op: 'delete', kind: 'sentCard', key: card.key, expectedVersion: card.version }])
      .catch((err: unknown) => {
        // Changed meanwhile (superseded, or forgotten by another instance): nothing left to forget.
        this.deps.logger.debug(
          { err, mergeId: merge.id, activityId: card.activityId },
          'could not forget the delivered card',
        );
      });
  }
}

function isConflict(err: unknown): boolean {
  return isDomainError(err) && err.is('version-conflict');
}
