/**
 * One change of an account made in Teams (its managers, its people, its locations), the
 * same way for each: read the account fresh, let the rules apply what passes, and commit
 * the account with its audit lines and their notifications in one commit. A conflict with
 * a concurrent write is retried once on a fresh read; a change that applies nothing writes
 * nothing.
 */
import { DomainError, isDomainError, type Result } from '../errors.js';
import type { AccountAuditEntry, MpnId, PartnerAccount, PersonRef } from '../model.js';
import { put, type Store, type WriteOp } from '../store/types.js';
import { visibleText } from '../text.js';

/** What a rule made of one change: the account after it, and the audit line it added. */
export interface AppliedChange<E extends AccountAuditEntry> {
  readonly account: PartnerAccount;
  readonly entry: E;
  readonly auditIndex: number;
}

export interface AccountChangeSpec<C, E extends AccountAuditEntry> {
  readonly store: Store;
  readonly mpnId: MpnId;
  readonly actor: PersonRef;
  readonly now: () => Date;
  /** May the actor see the account at all? If not, they get `hidden` (as for an unknown account). */
  readonly visible: (account: PartnerAccount, actor: PersonRef) => boolean;
  readonly hidden?: (account: PartnerAccount) => DomainError;
  /** The changes asked for (each may already be refused, e.g. an unknown person). */
  readonly plan: (account: PartnerAccount) => Promise<Array<Result<C>>>;
  readonly apply: (account: PartnerAccount, change: C, actor: PersonRef, now: Date) => Result<AppliedChange<E>>;
  /** The notifications of one applied change, written with it. */
  readonly notify: (account: PartnerAccount, auditIndex: number, now: Date) => WriteOp[];
}

export interface AccountChangeOutcome<E extends AccountAuditEntry> {
  /** The account as it now is; undefined when unknown or hidden from the actor. */
  readonly account: PartnerAccount | undefined;
  readonly applied: readonly E[];
  readonly refused: readonly DomainError[];
}

export async function changeAccount<C, E extends AccountAuditEntry>(
  spec: AccountChangeSpec<C, E>,
): Promise<AccountChangeOutcome<E>> {
  const { store, mpnId } = spec;
  const by: PersonRef = {
    aadObjectId: spec.actor.aadObjectId,
    tenantId: spec.actor.tenantId,
    displayName: visibleText(spec.actor.displayName).slice(0, 200),
  };
  for (let attempt = 0; ; attempt += 1) {
    const account = await store.accounts.get(mpnId);
    if (!account) return { account: undefined, applied: [], refused: [new DomainError('unknown-mpn-id', { mpnId })] };
    if (!spec.visible(account, by))
      return {
        account: undefined,
        applied: [],
        refused: [spec.hidden?.(account) ?? new DomainError('unknown-mpn-id', { mpnId })],
      };
    let current = account;
    const applied: Array<AppliedChange<E>> = [];
    const refused: DomainError[] = [];
    const now = spec.now();
    for (const change of await spec.plan(account)) {
      const result = change.ok ? spec.apply(current, change.value, by, now) : change;
      if (!result.ok) {
        refused.push(result.error);
        continue;
      }
      current = result.value.account;
      applied.push(result.value);
    }
    if (applied.length === 0) return { account, applied: [], refused };
    const ops: WriteOp[] = [
      put('account', current, account.version),
      ...applied.flatMap((c) => spec.notify(current, c.auditIndex, now)),
    ];
    try {
      const { records } = await store.commit(ops);
      return { account: records[0] as PartnerAccount, applied: applied.map((c) => c.entry), refused };
    } catch (err: unknown) {
      if (!(isDomainError(err) && err.is('version-conflict')) || attempt > 0) throw err;
    }
  }
}
