/**
 * The live merge request card for every state × viewer × language, built from the real
 * state machine, preview and merge execution, and validated with the adaptivecards SDK.
 */
import assert from 'node:assert/strict';
import { MAX_REFRESH_USERS, MERGE_VERBS, mergeRequestCard, REASON_INPUT_ID } from '../../cards/mergeRequest.js';
import { mergePreviewCard } from '../../cards/mergePreview.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { describeAdvice } from '../../services/merge/describe.js';
import { previewMerge } from '../../services/merge/execute.js';
import { isOpenMerge, type MergeAction } from '../../services/model.js';
import {
  byId,
  DATE_FUNCTION,
  executeActions,
  fact,
  nodes,
  ofType,
  texts,
  TIME_FUNCTION,
  widthProblems,
  type CardNode,
} from './cardQueries.js';
import {
  DEFAULT_REASON,
  MERGE_ID,
  mergeWorld,
  REFRESH_USER_IDS,
  STATUSES,
  VIEWERS,
  type ViewerName,
} from './mergeFixtures.js';
import { validateCard } from './validate.js';

const LOCALES = ['en-US', 'nl-NL'] as const;
const ORDER: readonly MergeAction[] = ['accept', 'reject', 'confirm', 'cancel', 'refresh'];
const DECISIONS: readonly MergeAction[] = ['accept', 'reject', 'confirm', 'cancel'];

const world = mergeWorld();
const render = (
  status: Parameters<typeof world.input>[0],
  viewer: ViewerName,
  locale = 'en-US',
  extra = {},
): AdaptiveCardJson => mergeRequestCard(world.input(status, viewer, locale, extra));
const readOnlyText = (card: AdaptiveCardJson): string | undefined => {
  const block = byId(card, 'readOnly');
  return block === undefined ? undefined : texts(block).join(' ');
};
/** The section containers behind "Show details" (those rendered from `sections`). */
const sectionContainers = (card: AdaptiveCardJson): CardNode[] =>
  ((byId(card, 'details')?.items ?? []) as CardNode[]).filter(
    (n) => n.type === 'Container' && n.id === undefined && n.separator === true,
  );

describe('merge request card', () => {
  describe('every state × viewer × language', () => {
    for (const status of STATUSES) {
      for (const viewer of VIEWERS) {
        for (const locale of LOCALES) {
          it(`${status}, seen by ${viewer}, ${locale}`, () => {
            const input = world.input(status, viewer, locale);
            const card = mergeRequestCard(input);
            assert.deepEqual(validateCard(card), []);
            assert.deepEqual(widthProblems(card), []);

            // Buttons: exactly the allowed actions (no Refresh once finished), each Action.Execute with { mergeId }
            // only.
            const open = isOpenMerge(input.request);
            const buttons = executeActions(card);
            assert.deepEqual(
              buttons.map((b) => b.verb),
              ORDER.filter((a) => input.actions.includes(a) && (a !== 'refresh' || open)).map((a) => MERGE_VERBS[a]),
            );
            for (const b of buttons) assert.deepEqual(b.data, { mergeId: MERGE_ID });

            // Auto-refresh for the given users while the merge can still change.
            if (open) {
              assert.deepEqual(card.refresh, {
                action: { type: 'Action.Execute', verb: 'merge.refresh', data: { mergeId: MERGE_ID } },
                userIds: [...REFRESH_USER_IDS],
              });
            } else assert.equal(card.refresh, undefined);

            // Everything beyond the deciding facts is behind one "Show details" toggle.
            const details = byId(card, 'details');
            assert.equal(details?.isVisible, false);
            const toggle = ofType(card, 'Action.ToggleVisibility');
            assert.deepEqual(
              toggle.map((a) => a.targetElements),
              [['details']],
            );
            assert.ok(
              ofType(card, 'FactSet')[0]!.facts !== undefined &&
                (ofType(card, 'FactSet')[0]!.facts as unknown[]).length <= 5,
              'at most 5 facts up front',
            );
            assert.equal(JSON.stringify(card).includes('"color"'), false, 'no coloured text');

            // Read-only explanation exactly when an open request offers this viewer no decision.
            const decides = input.actions.some((a) => DECISIONS.includes(a));
            const readOnly = readOnlyText(card);
            if (isOpenMerge(input.request) && !decides)
              assert.ok(readOnly !== undefined && readOnly.length > 10, 'read-only reason');
            else assert.equal(readOnly, undefined);

            // The reason input iff reject is allowed.
            const reason = ofType(card, 'Input.Text').find((i) => i.id === REASON_INPUT_ID);
            assert.equal(reason !== undefined, input.actions.includes('reject'));
          });
        }
      }
    }
  });

  it('offers the invited admin Approve and Reject (with a required reason) and the initiator admin Cancel', () => {
    const invited = render('invited', 'invitedAdmin');
    const [approve, reject, refresh] = executeActions(invited);
    assert.equal(approve?.verb, 'merge.accept');
    assert.equal(approve?.associatedInputs, 'none', 'the required reason must not block approval');
    assert.equal(approve?.title, 'Approve');
    assert.equal(reject?.verb, 'merge.reject');
    assert.equal(reject?.associatedInputs, 'auto');
    assert.equal(reject?.style, 'destructive');
    assert.equal(refresh?.verb, 'merge.refresh');

    const showCard = ofType(invited, 'Action.ShowCard')[0];
    assert.equal(showCard?.title, 'Reject…');
    const input = ofType(showCard, 'Input.Text')[0];
    assert.deepEqual(
      { id: input?.id, isMultiline: input?.isMultiline, maxLength: input?.maxLength, isRequired: input?.isRequired },
      { id: 'reason', isMultiline: true, maxLength: 500, isRequired: true },
    );
    assert.equal(input?.label, 'Why are you rejecting? Contoso will see your reason.');
    assert.equal(
      input?.errorMessage,
      'Please give a reason for rejecting the merge. The inviting company will see it.',
    );
    assert.equal(typeof input?.placeholder, 'string');

    assert.deepEqual(
      executeActions(render('invited', 'initiatorAdmin')).map((b) => b.verb),
      ['merge.cancel', 'merge.refresh'],
    );
    // Confirming is two deliberate steps: open "Confirm merge…", tick the acknowledgement, confirm.
    const accepted = render('accepted', 'initiatorAdmin');
    const confirmCard = ofType(accepted, 'Action.ShowCard').find((a) => a.title === 'Confirm merge…');
    assert.ok(confirmCard, 'confirm is inside a show-card');
    const confirm = executeActions(confirmCard as AdaptiveCardJson)[0];
    assert.equal(confirm?.verb, 'merge.confirm');
    assert.equal(confirm?.style, 'destructive');
    assert.equal(confirm?.title, 'Confirm merge');
    assert.equal(confirm?.associatedInputs, 'auto');
    const toggle = ofType(confirmCard, 'Input.Toggle')[0];
    assert.deepEqual(
      {
        id: toggle?.id,
        isRequired: toggle?.isRequired,
        valueOn: toggle?.valueOn,
        value: toggle?.value,
        title: toggle?.title,
      },
      {
        id: 'acknowledge',
        isRequired: true,
        valueOn: 'true',
        value: 'false',
        title: 'I understand this merge cannot be undone',
      },
    );
    assert.match(texts(confirmCard).join(' '), /This merge is irreversible/);
    // Cancel stays apart from confirm, at the top level and not destructive.
    const cancel = (accepted.actions as CardNode[]).find((a) => a.verb === 'merge.cancel');
    assert.equal(cancel?.style, undefined);
  });

  it('titles the card by status and side', () => {
    const titleOf = (card: AdaptiveCardJson) => texts(byId(card, 'header'))[0];
    assert.equal(titleOf(render('invited', 'invitedAdmin')), 'Contoso invites Fabricam to merge partner accounts');
    assert.equal(titleOf(render('invited', 'outsider')), 'Contoso invites Fabricam to merge partner accounts');
    assert.equal(titleOf(render('invited', 'initiatorAdmin')), 'Invitation sent to Fabricam');
    assert.equal(titleOf(render('accepted', 'initiatorAdmin')), 'Fabricam accepted — review and confirm');
    assert.equal(titleOf(render('accepted', 'invitedMember')), 'Fabricam accepted the merge');
    assert.equal(titleOf(render('rejected', 'initiatorAdmin')), 'Fabricam rejected the merge');
    assert.equal(titleOf(render('cancelled', 'invitedAdmin')), 'The merge with Fabricam was cancelled');
    assert.equal(titleOf(render('expired', 'initiatorAdmin')), 'The invitation to Fabricam expired');
    assert.equal(titleOf(render('completed', 'outsider')), 'Accounts merged');
    assert.equal(
      titleOf(render('invited', 'invitedAdmin', 'nl-NL')),
      'Contoso nodigt Fabricam uit om de partneraccounts samen te voegen',
    );
  });

  it('shows the status as a tinted pill with a localized label and default-coloured text', () => {
    const look = (card: AdaptiveCardJson) => {
      const pill = byId(card, 'status');
      return [pill?.style, texts(pill)[0], ofType(pill, 'TextBlock')[0]?.color];
    };
    assert.deepEqual(look(render('invited', 'invitedAdmin')), ['accent', 'Waiting for approval', undefined]);
    assert.deepEqual(look(render('accepted', 'initiatorAdmin')), ['accent', 'Approved', undefined]);
    assert.deepEqual(look(render('rejected', 'initiatorAdmin')), ['attention', 'Rejected', undefined]);
    assert.deepEqual(look(render('completed', 'initiatorAdmin')), ['good', 'Merged', undefined]);
    assert.deepEqual(look(render('expired', 'initiatorAdmin', 'nl-NL')), ['emphasis', 'Verlopen', undefined]);
  });

  it('lists both companies with their global Partner IDs and who did what when', () => {
    const card = render('completed', 'initiatorAdmin');
    assert.equal(fact(card, 'Inviting company'), 'Contoso, global Partner ID 1111111');
    assert.equal(fact(card, 'Invited company'), 'Fabricam, global Partner ID 3333333');
    assert.equal(fact(card, 'After the merge'), 'Contoso with 4 locations');
    assert.equal(fact(card, 'Reference'), undefined, 'no raw id among the facts');
    assert.equal(
      byId(card, 'latest')?.text,
      'Confirmed by Adele Vance; merged on {{DATE(2020-06-03T11:00:00Z, SHORT)}} at {{TIME(2020-06-03T11:00:00Z)}}',
    );
    assert.deepEqual(texts(byId(card, 'timeline')), [
      'Invited by Adele Vance on {{DATE(2020-06-01T09:00:00Z, SHORT)}} at {{TIME(2020-06-01T09:00:00Z)}}',
      'Accepted by Nestor Wilke on {{DATE(2020-06-02T11:00:00Z, SHORT)}} at {{TIME(2020-06-02T11:00:00Z)}}',
      'Confirmed by Adele Vance; merged on {{DATE(2020-06-03T11:00:00Z, SHORT)}} at {{TIME(2020-06-03T11:00:00Z)}}',
    ]);
    assert.deepEqual(texts(byId(render('cancelled', 'invitedAdmin'), 'timeline')).slice(1), [
      'Accepted by Nestor Wilke on {{DATE(2020-06-02T11:00:00Z, SHORT)}} at {{TIME(2020-06-02T11:00:00Z)}}',
      'Cancelled by Adele Vance on {{DATE(2020-06-02T15:00:00Z, SHORT)}} at {{TIME(2020-06-02T15:00:00Z)}}',
    ]);
    assert.deepEqual(texts(byId(render('expired', 'outsider'), 'timeline')).slice(1), [
      'Expired on {{DATE(2020-06-15T09:00:00Z, SHORT)}} at {{TIME(2020-06-15T09:00:00Z)}} without an answer',
    ]);
    // The deadline is a fact of the open invitation, for both sides; the waiting line does not repeat it.
    for (const viewer of ['invitedAdmin', 'initiatorAdmin'] as const) {
      assert.equal(
        fact(render('invited', viewer), 'Answer by'),
        '{{DATE(2020-06-15T09:00:00Z, SHORT)}} at {{TIME(2020-06-15T09:00:00Z)}}',
      );
    }
    assert.deepEqual(texts(byId(render('invited', 'invitedAdmin'), 'timeline')).slice(1), []);
    assert.equal(
      byId(render('invited', 'initiatorAdmin'), 'waiting')?.text,
      'Waiting for an Account admin of Fabricam to answer.',
    );
  });

  it('renders every moment with DATE()/TIME() functions the clients accept, and calendar days per language', () => {
    for (const status of STATUSES) {
      for (const locale of LOCALES) {
        const all = JSON.stringify(render(status, 'initiatorAdmin', locale));
        const functions = all.match(/\{\{[A-Z]+\([^)]*\)\}\}/g) ?? [];
        assert.ok(functions.length >= 2, status);
        for (const f of functions)
          assert.match(f, new RegExp(`^(?:${DATE_FUNCTION.source}|${TIME_FUNCTION.source})$`), f);
      }
    }
    // The demo's 2020 benefit dates are past: they read as past, in the one date format of the language.
    const en = texts(render('accepted', 'initiatorAdmin', 'en-US')).join('\n');
    assert.match(en, /expired on Thu, Oct 1, 2020/);
    assert.match(en, /due to renew as one package on Tue, Dec 1, 2020/);
    assert.doesNotMatch(en, /expires on|are kept until/);
    assert.match(en, /\(October 2020\)/);
    const nl = texts(render('accepted', 'initiatorAdmin', 'nl-NL')).join('\n');
    assert.match(nl, /verlopen op do 1 okt 2020/);
    assert.match(nl, /op di 1 dec 2020 als één pakket/);
    assert.match(nl, /\(oktober 2020\)/);
    // A date still ahead reads as ahead.
    const ahead = texts(
      mergeRequestCard({
        ...world.input('accepted', 'initiatorAdmin', 'en-US'),
        preview: {
          ...world.preview,
          benefitPackages: world.preview.benefitPackages.map((p) => ({ ...p, expiresOn: '2099-10-01' })),
          benefitsRenewOn: '2099-12-01',
        },
      }),
    ).join('\n');
    assert.match(ahead, /expires on Thu, Oct 1, 2099/);
    assert.match(ahead, /renew as one package on Tue, Dec 1, 2099/);
  });

  it('explains why a viewer has no buttons', () => {
    assert.equal(
      readOnlyText(render('invited', 'invitedMember')),
      '🔒 Only an Account admin of Fabricam can approve or reject this invitation.',
    );
    assert.equal(
      readOnlyText(render('invited', 'outsider')),
      '🔒 You are not a member of either account, so you can only view this request.',
    );
    assert.equal(
      readOnlyText(render('accepted', 'outsider')),
      '🔒 You are not a member of either account, so you can only view this request.',
    );
    assert.equal(
      readOnlyText(render('accepted', 'invitedAdmin')),
      '🔒 Waiting for an Account admin of Contoso to review and confirm the merge.',
    );
    assert.equal(
      readOnlyText(render('accepted', 'invitedMember', 'nl-NL')),
      '🔒 Wachten tot een accountbeheerder van Contoso de samenvoeging controleert en bevestigt.',
    );

    // Viewers the fixture does not cover: an initiator member, an admin whose buttons were withheld.
    const member = (status: 'invited' | 'accepted') =>
      readOnlyText(
        render(status, 'initiatorAdmin', 'en-US', {
          actions: ['refresh'],
          viewer: { side: 'initiator', isAccountAdmin: false },
        }),
      );
    assert.equal(member('invited'), '🔒 Only an Account admin of Contoso can cancel this invitation.');
    assert.equal(member('accepted'), '🔒 Only an Account admin of Contoso can confirm or cancel the merge.');
    const withheld = render('invited', 'initiatorAdmin', 'en-US', { actions: ['refresh'] });
    assert.equal(readOnlyText(withheld), '🔒 Waiting for an Account admin of Fabricam to answer.');
    assert.equal(byId(withheld, 'waiting'), undefined, 'said once');
    assert.equal(
      readOnlyText(render('accepted', 'initiatorAdmin', 'en-US', { actions: [] })),
      '🔒 There is nothing for you to decide on this request right now.',
    );
    assert.equal(executeActions(render('accepted', 'initiatorAdmin', 'en-US', { actions: [] })).length, 0);
  });

  it('tells the invited company what to expect (behind Show details), with a short preview', () => {
    const card = render('invited', 'invitedAdmin');
    const all = texts(byId(card, 'details'));
    assert.ok(all.includes('What to expect if you accept'));
    for (const line of [
      '• Your Partner ID(s) and locations will be merged into the partner global account (PGA) of Contoso.',
      '• Your users will be brought into the merged account with their roles intact.',
      '• Existing benefits and competencies are preserved for both companies until renewal.',
      '• At renewal, the accounts are treated as one company and standard renewal rules apply.',
    ]) {
      assert.ok(all.includes(line), line);
    }
    assert.ok(
      all.includes(
        '• Contoso (global Partner ID 1111111) will have 4 location Partner IDs: 2222222, 3333333, 4444444, 5555555.',
      ),
    );
    assert.ok(all.some((t) => t.includes('tenants and CSP accounts are not merged')));
    // Approving is not the irreversible step (the initiator still confirms), so no warning here.
    assert.doesNotMatch(texts(card).join(' '), /irreversible/);
    // Without a preview the expectations still show.
    const { preview: _preview, ...withoutPreview } = world.input('invited', 'invitedAdmin', 'en-US');
    const bare = mergeRequestCard(withoutPreview);
    assert.ok(texts(bare).includes('What to expect if you accept'));
    assert.ok(!texts(bare).some((t) => t.includes('will have 4 location Partner IDs')));
    assert.deepEqual(validateCard(bare), []);
  });

  it('shows the confirming initiator the full preview of the worked example', () => {
    const whole = render('accepted', 'initiatorAdmin');
    const card = byId(whole, 'details') ?? assert.fail('details');
    const all = texts(card);
    assert.equal(fact(card, 'Company'), 'Contoso');
    assert.equal(fact(card, 'Global Partner ID'), '1111111');
    assert.equal(fact(card, 'Becomes a location'), 'Fabricam, global Partner ID 3333333');
    assert.ok(all.includes('Location Partner IDs (4), all preserved'));
    assert.deepEqual(
      ['2222222', '3333333', '4444444', '5555555'].map((id) => fact(card, id)),
      ['Contoso Seattle', 'Fabricam (former global Partner ID)', 'Fabricam Amsterdam', 'Fabricam Brussels'],
    );
    // Tenants side by side, not merged.
    const columns = ofType(card, 'Column').map((c) => texts(c));
    assert.deepEqual(columns, [
      ['Contoso', 'contoso.com'],
      ['Fabricam', 'fabricam.com'],
    ]);
    assert.ok(
      all.some((t) =>
        t.startsWith("Entra ID tenants and CSP accounts are not merged: each company's admins keep managing"),
      ),
    );
    for (const line of ['• Cloud Platform: gold', '• Data Analytics: gold', '• Application Development: gold'])
      assert.ok(all.includes(line), line);
    assert.ok(all.includes('• Contoso: Cloud Platform (gold); expired on Thu, Oct 1, 2020'));
    assert.ok(
      all.includes('• Fabricam: Data Analytics (gold), Application Development (gold); expired on Tue, Dec 1, 2020'),
    );
    assert.ok(all.includes('• Microsoft Action Pack: the latest anniversary date is kept (October 2020).'));
    assert.equal(fact(card, 'Users (roles kept)'), '6 (Contoso 3, Fabricam 3)');
    assert.equal(fact(card, 'Published offers'), '3 (Contoso 1, Fabricam 2)');
    assert.equal(fact(card, 'Co-sell pipeline items'), '8 (Contoso 5, Fabricam 3)');
    assert.equal(fact(card, 'MCP IDs (moved to the PGA)'), '2 (Contoso 1, Fabricam 1)');
    assert.equal(fact(card, 'Advanced specializations'), '2 (Contoso 1, Fabricam 1)');
    assert.equal(fact(card, 'Software Assurance vouchers'), '2 (Contoso 1, Fabricam 1)');
    assert.equal(fact(card, 'Azure Expert MSP benefits'), '1 (Contoso 1, Fabricam 0)');
    // The irreversible warning is part of the confirm step.
    const confirmStep = ofType(whole, 'Action.ShowCard').find((a) => a.title === 'Confirm merge…');
    assert.equal(
      texts(confirmStep)[0],
      '⚠️ **This merge is irreversible.** Once it is confirmed, Fabricam becomes a location of Contoso for good.',
    );
    // Others see the short summary only.
    assert.equal(fact(render('accepted', 'invitedAdmin'), '2222222'), undefined);
    assert.doesNotMatch(texts(render('accepted', 'outsider')).join(' '), /irreversible/);
  });

  it('marks a competency awarded at a higher level than one side had', () => {
    const preview = previewMerge(world.northwind, world.fabricam);
    const card = mergeRequestCard({ ...world.input('accepted', 'initiatorAdmin', 'en-US'), preview });
    assert.ok(texts(card).includes('• Data Analytics: gold (upgraded from silver)'));
    assert.ok(
      texts(mergeRequestCard({ ...world.input('accepted', 'initiatorAdmin', 'nl-NL'), preview })).includes(
        '• Data Analytics: goud (opgewaardeerd van zilver)',
      ),
    );
  });

  it('shares the preview sections with the preview card of the start-merge dialog', () => {
    for (const locale of LOCALES) {
      const request = sectionContainers(render('accepted', 'initiatorAdmin', locale));
      const dialog = sectionContainers(mergePreviewCard({ preview: world.preview, locale }));
      assert.equal(request.length, 6);
      assert.deepEqual(request, dialog);
    }
  });

  it('shows the merged account and the post-merge advice when completed', () => {
    for (const viewer of VIEWERS) {
      const card = render('completed', viewer);
      assert.equal(fact(card, 'Company'), 'Contoso');
      assert.equal(fact(card, 'Global Partner ID'), '1111111');
      assert.equal(fact(card, 'Location Partner IDs'), '2222222, 3333333, 4444444, 5555555');
      assert.equal(fact(card, 'Tenants (domains)'), 'contoso.com, fabricam.com');
      assert.equal(
        fact(card, 'Competencies'),
        'Cloud Platform (gold), Data Analytics (gold), Application Development (gold)',
      );
      const all = texts(card);
      assert.ok(all.includes('• After the merge, check your bank and tax information for accuracy.'));
      assert.ok(all.includes(`• ${describeAdvice('licenses-stay-in-tenant', 'en')}`));
      assert.ok(
        all.includes(
          'The benefit packages were due to renew as one package on Tue, Dec 1, 2020; since then the merged account renews as one company.',
        ),
      );
      assert.doesNotMatch(all.join(' '), /irreversible/);
    }
    const nl = texts(render('completed', 'invitedAdmin', 'nl-NL'));
    assert.ok(nl.includes(`• ${describeAdvice('check-bank-and-tax', 'nl')}`));
    // Without the merged account the card still renders.
    const { mergedAccount: _merged, ...withoutMerged } = world.input('completed', 'invitedAdmin', 'en-US');
    const bare = mergeRequestCard(withoutMerged);
    assert.deepEqual(validateCard(bare), []);
    assert.equal(fact(bare, 'Location Partner IDs'), undefined);
  });

  it('shows the rejection reason, clearly labelled, to everyone', () => {
    for (const viewer of VIEWERS) {
      const rejection = byId(render('rejected', viewer), 'rejection');
      assert.deepEqual(texts(rejection), ['Reason for rejecting', 'We are not ready to merge yet.']);
    }
    assert.deepEqual(texts(byId(render('rejected', 'initiatorAdmin', 'nl-NL'), 'rejection'))[0], 'Reden van afwijzing');
    assert.equal(byId(render('cancelled', 'initiatorAdmin'), 'rejection'), undefined);
    assert.equal(DEFAULT_REASON, 'We are not ready to merge yet.');
  });

  it('puts a notice on top, attention-styled and escaped', () => {
    const card = render('invited', 'invitedAdmin', 'en-US', {
      notice: 'A reason is required to reject. [x](https://evil.example)',
    });
    const notice = byId(card, 'notice');
    assert.equal(notice?.style, 'attention');
    assert.deepEqual(texts(notice), ['A reason is required to reject. \\[x\\](https://evil.example)']);
    assert.equal(
      (card.body as CardNode[]).indexOf(notice ?? assert.fail('notice')),
      2,
      'right below the header and its latest line',
    );
    assert.equal(byId(render('invited', 'invitedAdmin'), 'notice'), undefined);
    assert.deepEqual(validateCard(card), []);
  });

  it('auto-refreshes for at most 60 distinct users, and for everyone when none are given', () => {
    const many = Array.from({ length: 70 }, (_, i) => `29:user-${i % 65}`);
    const capped = render('invited', 'invitedAdmin', 'en-US', { refreshUserIds: many }).refresh as {
      userIds: string[];
    };
    assert.equal(capped.userIds.length, MAX_REFRESH_USERS);
    assert.equal(new Set(capped.userIds).size, MAX_REFRESH_USERS);
    const none = render('invited', 'invitedAdmin', 'en-US', { refreshUserIds: [] });
    assert.deepEqual(none.refresh, {
      action: { type: 'Action.Execute', verb: 'merge.refresh', data: { mergeId: MERGE_ID } },
    });
    assert.deepEqual(validateCard(none), []);
  });

  it('exports the verbs the bot handlers dispatch on', () => {
    assert.deepEqual(MERGE_VERBS, {
      accept: 'merge.accept',
      reject: 'merge.reject',
      confirm: 'merge.confirm',
      cancel: 'merge.cancel',
      refresh: 'merge.refresh',
    });
    // Every verb on any card is one of them.
    const verbs = new Set<unknown>(Object.values(MERGE_VERBS));
    for (const status of STATUSES) {
      for (const n of nodes(render(status, 'initiatorAdmin')))
        if (n.type === 'Action.Execute') assert.ok(verbs.has(n.verb));
    }
  });
});
