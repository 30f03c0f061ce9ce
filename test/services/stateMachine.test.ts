import assert from 'node:assert/strict';
import { describeError, type DomainError } from '../../services/errors.js';
import { demoAccounts, DEMO } from '../../services/demo/demoData.js';
import { allowedActions, createInvitation, transition } from '../../services/merge/stateMachine.js';
import type { Actor, MergeEvent, MergeRequest, PartnerAccount } from '../../services/model.js';
import { DAY, T0 } from './fixtures.js';

const [contoso, fabricam] = demoAccounts() as [PartnerAccount, PartnerAccount, PartnerAccount];
const userActor = (p: { aadObjectId: string; tenantId: string; displayName: string }, adminOf: string[]): Actor => ({
  kind: 'user',
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  displayName: p.displayName,
  accountAdminOf: adminOf,
});
const contosoAdmin = userActor(DEMO.contoso.admin, ['1111111']);
const fabricamAdmin = userActor(DEMO.fabricam.admin, ['3333333']);
const fabricamUser = userActor(DEMO.fabricam.user, []);
const system: Actor = { kind: 'system' };
const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

function invited(): MergeRequest {
  const r = createInvitation({
    id: 'm-1',
    initiator: contoso,
    invited: fabricam,
    actor: contosoAdmin,
    now: T0,
    invitationDays: 14,
    reminderDaysBefore: 3,
  });
  assert.ok(r.ok);
  return r.value;
}

function apply(request: MergeRequest, event: MergeEvent, actor: Actor, now = at(1)): MergeRequest {
  const r = transition(request, event, actor, now);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.request;
}

const accepted = (): MergeRequest => apply(invited(), { type: 'accept' }, fabricamAdmin);

/** Asserts a refusal, that nothing changed, and returns the English message. */
function refused(request: MergeRequest, event: MergeEvent, actor: Actor, now = at(1)): DomainError {
  const before = structuredClone(request);
  const r = transition(request, event, actor, now);
  assert.ok(!r.ok, `expected ${event.type} to be refused`);
  assert.deepEqual(request, before);
  return r.error;
}

const english = (err: DomainError): string => describeError(err, 'en');

describe('merge state machine', () => {
  describe('invitation', () => {
    it('creates an invited request with expiry, reminder point and one audit entry', () => {
      const r = invited();
      assert.equal(r.status, 'invited');
      assert.equal(r.initiatorMpnId, '1111111');
      assert.equal(r.invitedMpnId, '3333333');
      assert.equal(r.expiresAt, '2020-06-15T09:00:00.000Z');
      assert.equal(r.remindAt, '2020-06-12T09:00:00.000Z');
      assert.deepEqual(r.audit, [
        {
          at: T0.toISOString(),
          action: 'invited',
          actor: {
            kind: 'user',
            aadObjectId: DEMO.contoso.admin.aadObjectId,
            tenantId: DEMO.contoso.tenantId,
            displayName: 'Adele Vance',
          },
          toStatus: 'invited',
        },
      ]);
    });

    it('refuses an actor who is not an Account admin of the initiating account', () => {
      const r = createInvitation({
        id: 'm',
        initiator: contoso,
        invited: fabricam,
        actor: fabricamAdmin,
        now: T0,
        invitationDays: 14,
        reminderDaysBefore: 3,
      });
      assert.ok(!r.ok);
      assert.equal(english(r.error), 'Only an Account admin of Contoso (1111111) can do this.');
    });

    it('refuses the system, a self-merge and an absorbed account', () => {
      const base = { id: 'm', now: T0, invitationDays: 14, reminderDaysBefore: 3 };
      const bySystem = createInvitation({ ...base, initiator: contoso, invited: fabricam, actor: system });
      assert.ok(!bySystem.ok && bySystem.error.code === 'not-authorized');
      const self = createInvitation({ ...base, initiator: contoso, invited: contoso, actor: contosoAdmin });
      assert.ok(!self.ok);
      assert.equal(
        english(self.error),
        "You can't merge your account with itself (1111111). Enter the global Partner ID (MPN ID) of the other company.",
      );
      const gone = createInvitation({
        ...base,
        initiator: contoso,
        invited: { ...fabricam, status: 'merged', mergedInto: '7777777' },
        actor: contosoAdmin,
      });
      assert.ok(!gone.ok);
      assert.equal(english(gone.error), 'Account 3333333 has already been merged into 7777777.');
    });
  });

  describe('allowed transitions', () => {
    it('invited → accepted by an Account admin of the invited account', () => {
      const r = transition(invited(), { type: 'accept' }, fabricamAdmin, at(2));
      assert.ok(r.ok);
      assert.equal(r.request.status, 'accepted');
      assert.ok(r.request.status === 'accepted');
      assert.equal(r.request.acceptedAt, at(2).toISOString());
      assert.equal(r.request.audit.length, 2);
      assert.deepEqual(r.entry, {
        at: at(2).toISOString(),
        action: 'accepted',
        actor: {
          kind: 'user',
          aadObjectId: DEMO.fabricam.admin.aadObjectId,
          tenantId: DEMO.fabricam.tenantId,
          displayName: 'Nestor Wilke',
        },
        fromStatus: 'invited',
        toStatus: 'accepted',
      });
    });

    it('invited → rejected with the trimmed reason recorded for the initiator', () => {
      const r = apply(invited(), { type: 'reject', reason: '  We are not ready yet.  ' }, fabricamAdmin);
      assert.ok(r.status === 'rejected');
      assert.equal(r.reason, 'We are not ready yet.');
      assert.equal(r.audit.at(-1)?.reason, 'We are not ready yet.');
    });

    it('invited → cancelled by the initiator', () => {
      const r = apply(invited(), { type: 'cancel' }, contosoAdmin);
      assert.ok(r.status === 'cancelled');
      assert.equal(r.cancelledFrom, 'invited');
      assert.equal(r.audit.at(-1)?.action, 'cancelled');
    });

    it('invited → expired by the system once the expiry moment is reached', () => {
      const r = apply(invited(), { type: 'expire' }, system, at(14));
      assert.ok(r.status === 'expired');
      assert.deepEqual(r.audit.at(-1), {
        at: at(14).toISOString(),
        action: 'expired',
        actor: { kind: 'system' },
        fromStatus: 'invited',
        toStatus: 'expired',
      });
    });

    it('invited stays invited on a reminder, which is recorded once', () => {
      const r = apply(invited(), { type: 'remind' }, system, at(11));
      assert.equal(r.status, 'invited');
      assert.equal(r.reminderSentAt, at(11).toISOString());
      assert.equal(r.audit.at(-1)?.action, 'reminded');
      assert.equal(refused(r, { type: 'remind' }, system, at(12)).code, 'not-due');
    });

    it('accepted → completed when the initiator confirms, keeping who accepted', () => {
      const r = apply(accepted(), { type: 'confirm', acknowledged: true }, contosoAdmin, at(3));
      assert.ok(r.status === 'completed');
      assert.equal(r.acceptedAt, at(1).toISOString());
      assert.equal(r.completedAt, at(3).toISOString());
      assert.deepEqual(
        r.audit.map((e) => e.action),
        ['invited', 'accepted', 'completed'],
      );
    });

    it('accepted → cancelled by the initiator', () => {
      const r = apply(accepted(), { type: 'cancel' }, contosoAdmin, at(3));
      assert.ok(r.status === 'cancelled');
      assert.equal(r.cancelledFrom, 'accepted');
      assert.equal(r.acceptedAt, at(1).toISOString());
    });

    it('an accepted request does not expire', () => {
      assert.equal(refused(accepted(), { type: 'expire' }, system, at(30)).code, 'already-decided');
    });
  });

  describe('refusals, with the reason a user reads', () => {
    it("only the invited account's admins accept or reject", () => {
      for (const actor of [contosoAdmin, fabricamUser]) {
        assert.equal(
          english(refused(invited(), { type: 'accept' }, actor)),
          'Only an Account admin of Fabricam (3333333) can do this.',
        );
        assert.equal(
          english(refused(invited(), { type: 'reject', reason: 'x' }, actor)),
          'Only an Account admin of Fabricam (3333333) can do this.',
        );
      }
    });

    it("only the initiator's admins confirm or cancel", () => {
      assert.equal(
        english(refused(accepted(), { type: 'confirm', acknowledged: true }, fabricamAdmin)),
        'Only an Account admin of Contoso (1111111) can do this.',
      );
      assert.equal(
        english(refused(accepted(), { type: 'cancel' }, fabricamAdmin)),
        'Only an Account admin of Contoso (1111111) can do this.',
      );
      assert.equal(
        english(refused(invited(), { type: 'cancel' }, fabricamUser)),
        'Only an Account admin of Contoso (1111111) can do this.',
      );
    });

    it('users cannot expire or remind, the system cannot decide', () => {
      assert.equal(
        english(refused(invited(), { type: 'expire' }, contosoAdmin, at(20))),
        'You are not allowed to do this (expire).',
      );
      assert.equal(refused(invited(), { type: 'remind' }, fabricamAdmin, at(12)).code, 'not-authorized');
      assert.equal(english(refused(invited(), { type: 'accept' }, system)), 'You are not allowed to do this (accept).');
    });

    it('confirming before acceptance is "not yet"', () => {
      assert.equal(
        english(refused(invited(), { type: 'confirm', acknowledged: true }, contosoAdmin)),
        'The invited company has not accepted the merge yet. You can confirm once they accept.',
      );
    });

    it('a second decision on an accepted request is "already decided"', () => {
      assert.equal(
        english(refused(accepted(), { type: 'accept' }, fabricamAdmin)),
        'This merge request is already accepted. Nothing was changed.',
      );
      assert.equal(refused(accepted(), { type: 'reject', reason: 'late' }, fabricamAdmin).code, 'already-decided');
    });

    it('terminal states allow nothing', () => {
      const terminal: MergeRequest[] = [
        apply(invited(), { type: 'reject', reason: 'no' }, fabricamAdmin),
        apply(invited(), { type: 'cancel' }, contosoAdmin),
        apply(invited(), { type: 'expire' }, system, at(14)),
        apply(accepted(), { type: 'confirm', acknowledged: true }, contosoAdmin),
      ];
      const attempts: [MergeEvent, Actor][] = [
        [{ type: 'accept' }, fabricamAdmin],
        [{ type: 'reject', reason: 'x' }, fabricamAdmin],
        [{ type: 'confirm', acknowledged: true }, contosoAdmin],
        [{ type: 'cancel' }, contosoAdmin],
        [{ type: 'expire' }, system],
        [{ type: 'remind' }, system],
      ];
      for (const request of terminal) {
        for (const [event, actor] of attempts) {
          const err = refused(request, event, actor, at(40));
          assert.equal(err.code, 'already-decided', `${request.status} + ${event.type}`);
          assert.deepEqual(err.params, { status: request.status, mergeId: 'm-1' });
        }
        assert.deepEqual(allowedActions(request, contosoAdmin), ['refresh']);
        assert.deepEqual(allowedActions(request, fabricamAdmin), ['refresh']);
      }
      assert.equal(
        english(refused(terminal[0]!, { type: 'cancel' }, contosoAdmin)),
        'This merge request is already rejected. Nothing was changed.',
      );
    });

    it('a reject needs a reason of 1 to 500 characters after trimming', () => {
      for (const reason of ['', '   ', '\n\t']) {
        assert.equal(
          english(refused(invited(), { type: 'reject', reason }, fabricamAdmin)),
          'Please give a reason for rejecting the merge. The inviting company will see it.',
        );
      }
      assert.equal(
        english(refused(invited(), { type: 'reject', reason: 'x'.repeat(501) }, fabricamAdmin)),
        'The reason is too long (501 characters). Please keep it to 500 characters.',
      );
      const max = apply(invited(), { type: 'reject', reason: ` ${'x'.repeat(500)} ` }, fabricamAdmin);
      assert.ok(max.status === 'rejected' && max.reason.length === 500);
      // Characters, not UTF-16 units: a word and 499 emoji are fine (1,000 UTF-16 units).
      assert.equal(
        apply(invited(), { type: 'reject', reason: `a${'🙂'.repeat(499)}` }, fabricamAdmin).status,
        'rejected',
      );
    });

    it('an invitation past its expiry can no longer be answered or cancelled', () => {
      const message =
        'This invitation expired on Mon, Jun 15, 2020. Nothing was changed; the inviting company can send a new invitation.';
      assert.equal(english(refused(invited(), { type: 'accept' }, fabricamAdmin, at(14))), message);
      assert.equal(english(refused(invited(), { type: 'reject', reason: 'x' }, fabricamAdmin, at(15))), message);
      assert.equal(refused(invited(), { type: 'cancel' }, contosoAdmin, at(15)).code, 'invitation-expired');
      // One millisecond before the expiry moment it still works.
      assert.equal(
        apply(invited(), { type: 'accept' }, fabricamAdmin, new Date(at(14).getTime() - 1)).status,
        'accepted',
      );
    });

    it('expiry and reminders only when due', () => {
      assert.equal(
        english(refused(invited(), { type: 'expire' }, system, at(13))),
        'This merge request is not due for that yet (expire).',
      );
      assert.equal(refused(invited(), { type: 'remind' }, system, at(10)).code, 'not-due');
      assert.equal(refused(invited(), { type: 'remind' }, system, at(14)).code, 'not-due', 'no reminder once expired');
    });
  });

  describe('allowedActions', () => {
    it('offers approve/reject to invited admins and cancel to initiator admins while invited', () => {
      const r = invited();
      assert.deepEqual(allowedActions(r, fabricamAdmin), ['accept', 'reject', 'refresh']);
      assert.deepEqual(allowedActions(r, contosoAdmin), ['cancel', 'refresh']);
      assert.deepEqual(allowedActions(r, fabricamUser), ['refresh']);
      assert.deepEqual(allowedActions(r, system), []);
    });

    it('offers confirm/cancel to initiator admins once accepted', () => {
      const r = accepted();
      assert.deepEqual(allowedActions(r, contosoAdmin), ['confirm', 'cancel', 'refresh']);
      assert.deepEqual(allowedActions(r, fabricamAdmin), ['refresh']);
    });
  });
});
