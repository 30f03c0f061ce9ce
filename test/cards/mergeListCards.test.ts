/** The preview card of the start-merge dialog, the merge history card and the audit card. */
import assert from 'node:assert/strict';
import { mergeAuditCard } from '../../cards/mergeAudit.js';
import { HISTORY_CARD_LIMIT, historyDetailsCommand, mergeHistoryCard } from '../../cards/mergeHistory.js';
import { mergePreviewCard } from '../../cards/mergePreview.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { seedDemoData, DEMO } from '../../services/demo/demoData.js';
import { describeAuditEntry } from '../../services/merge/describe.js';
import { MergeService, type MergeHistoryEntry } from '../../services/merge/mergeService.js';
import type { MergeRequest } from '../../services/model.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { byId, fact, ofType, texts, widthProblems, type CardNode } from './cardQueries.js';
import { mergeWorld, STATUSES, T0 } from './mergeFixtures.js';
import { validateCard } from './validate.js';

const world = mergeWorld();
const LOCALES = ['en-US', 'nl-NL'] as const;

const assertWellFormed = (card: AdaptiveCardJson): void => {
  assert.deepEqual(validateCard(card), []);
  assert.deepEqual(widthProblems(card), []);
};

/** History entries of Contoso, one per state, newest first. */
function contosoHistory(count = STATUSES.length): MergeHistoryEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const base = world.requests[STATUSES[i % STATUSES.length] ?? 'invited'];
    const request = { ...base, id: `m-${count - i}` } as MergeRequest;
    return {
      role: i % 2 === 0 ? 'initiator' : 'invited',
      other: { mpnId: '3333333', companyName: 'Fabricam' },
      request,
    };
  });
}

const entryContainers = (card: AdaptiveCardJson): CardNode[] =>
  (card.body as CardNode[]).filter((n) => n.type === 'Container' && n.id === undefined);

describe('merge preview card (start-merge dialog)', () => {
  it('is valid in English and Dutch and fits Teams', () => {
    for (const locale of LOCALES) assertWellFormed(mergePreviewCard({ preview: world.preview, locale }));
  });

  it('shows the deciding facts up front, the whole preview and the irreversible warning behind Show details', () => {
    const card = mergePreviewCard({ preview: world.preview, locale: 'en-US' });
    assert.equal(byId(card, 'title')?.text, 'Merge Fabricam into Contoso?');
    assert.deepEqual(
      (byId(card, 'facts')?.facts as Array<{ title: string; value: string }>).map((f) => [f.title, f.value]),
      [
        ['Stays the global account', 'Contoso, global Partner ID 1111111'],
        ['Becomes a location', 'Fabricam, global Partner ID 3333333'],
        ['After the merge', 'Contoso with 4 locations'],
        ['Tenants (domains)', 'contoso.com, fabricam.com, each stays its own tenant'],
      ],
    );
    const details = byId(card, 'details');
    assert.equal(details?.isVisible, false);
    assert.equal(fact(details, '3333333'), 'Fabricam (former global Partner ID)');
    assert.ok(
      texts(details).includes(
        '⚠️ **This merge is irreversible.** Once it is confirmed, Fabricam becomes a location of Contoso for good.',
      ),
    );
  });

  it('keeps its facts and loses its buttons once not sent', () => {
    const card = mergePreviewCard({ preview: world.preview, locale: 'nl-NL', state: 'notSent' });
    assertWellFormed(card);
    assert.deepEqual(texts(byId(card, 'closed')), ['Niet verstuurd. Er is niets gewijzigd.']);
    assert.deepEqual(
      (card.actions as CardNode[]).map((a) => a.type),
      ['Action.ToggleVisibility'],
    );
    assert.equal(byId(card, 'intro'), undefined);
  });

  it('answers the dialog with Send invitation or Cancel as plain card data (no msteams imBack/messageBack)', () => {
    for (const [locale, send, cancel, details] of [
      ['en-US', 'Send invitation', 'Cancel', 'Show details'],
      ['nl-NL', 'Uitnodiging versturen', 'Annuleren', 'Details tonen'],
    ] as const) {
      const actions = mergePreviewCard({ preview: world.preview, locale }).actions as CardNode[];
      assert.deepEqual(
        actions.map((a) => [a.type, a.title]),
        [
          ['Action.Submit', send],
          ['Action.Submit', cancel],
          ['Action.ToggleVisibility', details],
        ],
      );
      assert.deepEqual(actions[0]?.data, { choice: 'confirm' });
      assert.deepEqual(actions[1]?.data, { choice: 'cancel' });
    }
  });
});

describe('merge history card', () => {
  it('lists merges newest first with the other company, role, status label and dates', () => {
    const card = mergeHistoryCard({ account: world.contoso, entries: contosoHistory(), locale: 'en-US' });
    assertWellFormed(card);
    assert.deepEqual(texts(byId(card, 'header')), ['Merge history', 'Contoso, global Partner ID 1111111']);
    const entries = entryContainers(card);
    assert.equal(entries.length, STATUSES.length);
    const [first, second] = entries.map((e) => texts(e));
    assert.deepEqual(first, [
      'Fabricam, global Partner ID 3333333',
      'Invitation sent · Waiting for approval',
      'Created on {{DATE(2020-06-01T09:00:00Z, SHORT)}} · last change on {{DATE(2020-06-01T09:00:00Z, SHORT)}}',
    ]);
    assert.equal(second?.[1], 'Invitation received · Approved');
    // Text is never coloured (Teams' green and yellow text fail WCAG contrast): the label says it.
    assert.deepEqual(
      entries.map((e) => (e.items as CardNode[])[1]?.color),
      ['Default', 'Default', 'Default', 'Default', 'Default', 'Default'],
    );
    assert.deepEqual(
      entries.map((e) => texts(e)[1]?.split(' · ')[1]),
      ['Waiting for approval', 'Approved', 'Rejected', 'Cancelled', 'Expired', 'Merged'],
    );
    // Details per entry, in the given order.
    const details = ofType(card, 'Action.Submit');
    assert.deepEqual(
      details.map((d) => d.data),
      ['m-6', 'm-5', 'm-4', 'm-3', 'm-2', 'm-1'].map((id) => ({ command: `history ${id}` })),
    );
    assert.equal(details[0]?.title, 'Details');
    assert.equal(historyDetailsCommand('abc'), 'history abc');
  });

  it('shows the reason of a rejected merge only', () => {
    const card = mergeHistoryCard({ account: world.contoso, entries: contosoHistory(), locale: 'en-US' });
    const reasons = entryContainers(card).map((e) => texts(e).find((t) => t.startsWith('**Reason')));
    assert.deepEqual(reasons, [
      undefined,
      undefined,
      '**Reason for rejecting:** We are not ready to merge yet.',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('says so when there are no merges', () => {
    for (const [locale, text] of [
      ['en-US', 'No merges yet. Invitations that Contoso sends or receives will be listed here.'],
      ['nl-NL', 'Nog geen samenvoegingen. Uitnodigingen die Contoso verstuurt of ontvangt, worden hier vermeld.'],
    ] as const) {
      const card = mergeHistoryCard({ account: world.contoso, entries: [], locale });
      assertWellFormed(card);
      assert.equal(byId(card, 'empty')?.text, text);
      assert.equal(entryContainers(card).length, 0);
      assert.equal(ofType(card, 'Action.Submit').length, 0);
    }
  });

  it(`shows at most ${HISTORY_CARD_LIMIT} merges and says how many there are`, () => {
    const card = mergeHistoryCard({ account: world.contoso, entries: contosoHistory(25), locale: 'en-US' });
    assertWellFormed(card);
    assert.equal(entryContainers(card).length, 20);
    assert.equal(byId(card, 'showing')?.text, 'Showing the 20 most recent of 25 merges.');
    assert.deepEqual(ofType(card, 'Action.Submit')[0]?.data, { command: 'history m-25' });
    const exactly = mergeHistoryCard({ account: world.contoso, entries: contosoHistory(20), locale: 'nl-NL' });
    assert.equal(byId(exactly, 'showing'), undefined);
    assert.equal(
      byId(mergeHistoryCard({ account: world.contoso, entries: contosoHistory(21), locale: 'nl-NL' }), 'showing')?.text,
      'De 20 meest recente van 21 samenvoegingen worden getoond.',
    );
  });

  it("renders the merge service's history of both accounts", async () => {
    const store = createMemoryStore();
    await seedDemoData(store);
    let now = T0;
    let ids = 0;
    const service = new MergeService({ store, clock: () => now, idFactory: () => `svc-${++ids}` });
    const person = (p: { aadObjectId: string; tenantId: string; displayName: string }) =>
      service.resolveActor(p.aadObjectId, p.tenantId, p.displayName);
    const first = await service.invite(await person(DEMO.contoso.admin), DEMO.fabricam.globalMpnId);
    assert.equal(first.outcome, 'applied');
    now = new Date(T0.getTime() + 3_600_000);
    await service.decide('svc-1', { type: 'reject', reason: 'Not this year' }, await person(DEMO.fabricam.admin));
    now = new Date(T0.getTime() + 7_200_000);
    await service.invite(await person(DEMO.northwind.admin), DEMO.fabricam.globalMpnId);

    const fabricam = await service.history(DEMO.fabricam.globalMpnId);
    const card = mergeHistoryCard({
      account: { companyName: 'Fabricam', globalMpnId: DEMO.fabricam.globalMpnId },
      entries: fabricam,
      locale: 'en-US',
    });
    assertWellFormed(card);
    assert.deepEqual(
      entryContainers(card).map((e) => texts(e).slice(0, 2)),
      [
        ['Northwind Traders, global Partner ID 7777777', 'Invitation received · Waiting for approval'],
        ['Contoso, global Partner ID 1111111', 'Invitation received · Rejected'],
      ],
    );
    const contoso = mergeHistoryCard({
      account: world.contoso,
      entries: await service.history(DEMO.contoso.globalMpnId),
      locale: 'nl-NL',
    });
    assert.deepEqual(texts(entryContainers(contoso)[0]).slice(0, 2), [
      'Fabricam, wereldwijde Partner-ID 3333333',
      'Uitnodiging verstuurd · Afgewezen',
    ]);
  });
});

describe('merge audit card', () => {
  it('is valid for every state in English and Dutch', () => {
    for (const status of STATUSES)
      for (const locale of LOCALES) assertWellFormed(mergeAuditCard({ request: world.requests[status], locale }));
  });

  it("lists the merge's facts and the whole audit trail, oldest first", () => {
    const request = world.requests.completed;
    const card = mergeAuditCard({ request, locale: 'en-US' });
    assert.deepEqual(texts(byId(card, 'header')), ['Merge details', 'Status: Merged']);
    assert.equal(fact(card, 'Inviting company'), 'Contoso, global Partner ID 1111111');
    assert.equal(fact(card, 'Invited company'), 'Fabricam, global Partner ID 3333333');
    const trail = entryContainers(card).map((e) => texts(e));
    assert.deepEqual(trail, [
      ['{{DATE(2020-06-01T09:00:00Z, SHORT)}} {{TIME(2020-06-01T09:00:00Z)}}', 'Adele Vance invited Fabricam to merge'],
      ['{{DATE(2020-06-02T11:00:00Z, SHORT)}} {{TIME(2020-06-02T11:00:00Z)}}', 'Nestor Wilke accepted the merge'],
      [
        '{{DATE(2020-06-03T11:00:00Z, SHORT)}} {{TIME(2020-06-03T11:00:00Z)}}',
        'Adele Vance confirmed; the accounts were merged',
      ],
    ]);
    // Given newest first, still shown oldest first.
    const reversed = mergeAuditCard({ request: { ...request, audit: [...request.audit].reverse() }, locale: 'en-US' });
    assert.deepEqual(
      entryContainers(reversed).map((e) => texts(e)),
      trail,
    );
  });

  it('says who rejected and why, and names the system for an expiry', () => {
    const rejected = mergeAuditCard({ request: world.requests.rejected, locale: 'en-US' });
    assert.equal(
      texts(entryContainers(rejected)[1])[1],
      'Nestor Wilke rejected the merge: We are not ready to merge yet.',
    );
    const expired = world.requests.expired;
    const lines = entryContainers(mergeAuditCard({ request: expired, locale: 'nl-NL' })).map((e) => texts(e)[1]);
    assert.deepEqual(lines, [
      'Adele Vance heeft Fabricam uitgenodigd om samen te voegen',
      'De uitnodiging is verlopen',
    ]);
    const entry = expired.audit[1];
    if (entry === undefined) assert.fail('expiry entry');
    assert.equal(entry.actor.kind, 'system');
    assert.equal(lines[1], describeAuditEntry(entry, expired, 'nl'));
    assert.deepEqual(texts(byId(mergeAuditCard({ request: expired, locale: 'nl-NL' }), 'header')), [
      'Details van de samenvoeging',
      'Status: Verlopen',
    ]);
  });
});
