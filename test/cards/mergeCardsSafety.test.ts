/**
 * Hostile user text (company names, display names, reasons) in every merge card: it is
 * shown as text, never as links, formatting, template expressions or extra elements.
 * And the Dutch cards contain no English sentences from the catalogs.
 */
import assert from 'node:assert/strict';
import { mergeAuditCard } from '../../cards/mergeAudit.js';
import { mergeHistoryCard } from '../../cards/mergeHistory.js';
import { mergePreviewCard } from '../../cards/mergePreview.js';
import { mergeRequestCard } from '../../cards/mergeRequest.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { merge } from '../../services/i18n/catalogs/merge.js';
import { mergeCards } from '../../services/i18n/catalogs/mergeCards.js';
import type { MergeStatus } from '../../services/model.js';
import { byId, shape, strings, texts, widthProblems } from './cardQueries.js';
import { mergeWorld, STATUSES, VIEWERS, type MergeWorld, type WorldOptions } from './mergeFixtures.js';
import { validateCard } from './validate.js';

const HOSTILE = [
  '[x](https://evil.example)',
  '${$root.secret}',
  '**bold**',
  '<b>html</b>',
  'first line\nsecond line\r\n- a list',
  '{{DATE(2020-01-01T00:00:00Z)}}',
  '"},{"type":"Action.OpenUrl","url":"https://evil.example"}',
  '![pixel](https://evil.example/p.png) _i_ `code` # h ~s~ |t|',
];
const HOSTILE_TEXT = HOSTILE.join(' ');
const LONG_REASON = `${HOSTILE_TEXT} ${'x'.repeat(500)}`.slice(0, 500);

/** Every card of a world, by name: the request card for each state and viewer, and the others. */
function allCards(world: MergeWorld, locale: string): Map<string, AdaptiveCardJson> {
  const cards = new Map<string, AdaptiveCardJson>();
  for (const status of STATUSES) {
    for (const viewer of VIEWERS)
      cards.set(`request ${status} ${viewer}`, mergeRequestCard(world.input(status, viewer, locale)));
    cards.set(`audit ${status}`, mergeAuditCard({ request: world.requests[status], locale }));
  }
  cards.set('preview', mergePreviewCard({ preview: world.preview, locale }));
  const history = STATUSES.map((status: MergeStatus) => ({
    role: 'initiator' as const,
    other: { mpnId: world.fabricam.globalMpnId, companyName: world.fabricam.companyName },
    request: world.requests[status],
  }));
  cards.set('history', mergeHistoryCard({ account: world.contoso, entries: history, locale }));
  cards.set('empty history', mergeHistoryCard({ account: world.contoso, entries: [], locale }));
  return cards;
}

/** Markdown or template syntax that is not backslash-escaped. */
const UNESCAPED = [
  { name: 'link', pattern: /(?<!\\)\]\s*(?<!\\)\(/ },
  { name: 'template expression', pattern: /(?<!\\)\$(?<!\\)\{/ },
  { name: 'bold', pattern: /(?<!\\)\*(?<!\\)\*bold/ },
  { name: 'html', pattern: /<b>/ },
  { name: 'injected date', pattern: /\{\{DATE\(2020-01-01/ },
  { name: 'newline', pattern: /[\r\n]/ },
];

describe('merge cards with hostile user text', () => {
  const options: WorldOptions = {
    initiatorName: `Contoso ${HOSTILE_TEXT}`,
    invitedName: `Fabricam ${HOSTILE[0] ?? ''}${HOSTILE[1] ?? ''}`,
    displayName: (n) => `${n} ${HOSTILE_TEXT}`,
    reason: LONG_REASON,
  };
  const hostile = mergeWorld(options);
  const benign = mergeWorld();

  for (const locale of ['en-US', 'nl-NL']) {
    it(`keeps user text inert in every card (${locale})`, () => {
      const safe = allCards(benign, locale);
      for (const [name, card] of allCards(hostile, locale)) {
        assert.deepEqual(validateCard(card), [], name);
        assert.deepEqual(widthProblems(card), [], name);
        // Same elements, actions and ids as with ordinary names: nothing injected.
        assert.deepEqual(shape(card), shape(safe.get(name)), `${name}: structure changed`);
        for (const s of strings(card)) {
          for (const { name: what, pattern } of UNESCAPED)
            assert.doesNotMatch(s, pattern, `${name}: unescaped ${what} in ${JSON.stringify(s.slice(0, 80))}`);
        }
      }
    });
  }

  it('shows the hostile text literally (escaped), not evaluated', () => {
    const card = mergeRequestCard(hostile.input('rejected', 'initiatorAdmin', 'en-US'));
    const all = JSON.stringify(card);
    assert.ok(
      texts(card).some((t) => t.includes('$\\{$root.secret\\}')),
      'the expression is shown as text',
    );
    assert.ok(!all.includes('"secret"'));
    assert.ok(texts(card).some((t) => t.includes('\\[x\\](https://evil.example)')));
    assert.ok(
      texts(card).some((t) => t.includes('Adele Vance \\[x\\]')),
      'display names are escaped too',
    );
  });

  it('shows a 500-character reason in full, escaped, in the request, history and audit cards', () => {
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    const flat = LONG_REASON.replace(/\r?\n/g, ' ');
    const shown =
      texts(byId(mergeRequestCard(hostile.input('rejected', 'invitedMember', 'en-US')), 'rejection'))[1] ?? '';
    assert.equal(unescape(shown), flat);
    const history = mergeHistoryCard({
      account: hostile.contoso,
      entries: [
        {
          role: 'initiator',
          other: { mpnId: '3333333', companyName: hostile.fabricam.companyName },
          request: hostile.requests.rejected,
        },
      ],
      locale: 'en-US',
    });
    assert.ok(texts(history).some((t) => unescape(t).endsWith(flat)));
    assert.ok(
      texts(mergeAuditCard({ request: hostile.requests.rejected, locale: 'en-US' })).some((t) =>
        unescape(t).endsWith(flat),
      ),
    );
  });

  it('cuts very long names', () => {
    const long = mergeWorld({ invitedName: 'F'.repeat(400) });
    const card = mergeRequestCard(long.input('invited', 'invitedAdmin', 'en-US'));
    assert.deepEqual(validateCard(card), []);
    const title = texts(byId(card, 'header'))[0] ?? '';
    assert.ok(title.includes(`${'F'.repeat(119)}…`) && !title.includes('F'.repeat(120)), title.slice(0, 40));
  });
});

describe('merge cards in Dutch', () => {
  /** Sentence fragments of the English catalogs that the Dutch catalogs do not share. */
  const dutch = [...Object.values(mergeCards.nl), ...Object.values(merge.nl)].join('\n');
  const englishFragments = [...Object.values(mergeCards.en), ...Object.values(merge.en)]
    .flatMap((text) => text.split(/\{\w+\}/))
    .map((fragment) => fragment.replace(/\*\*/g, '').trim())
    .filter((fragment) => fragment.length >= 8 && !dutch.includes(fragment));

  it('contain no English text from the catalogs', () => {
    assert.ok(englishFragments.length > 80);
    // The reason is user text: written in Dutch here, as a Dutch admin would.
    for (const [name, card] of allCards(mergeWorld({ reason: 'Wij zijn er nog niet klaar voor.' }), 'nl-NL')) {
      const text = strings(card).join('\n');
      for (const fragment of englishFragments) assert.ok(!text.includes(fragment), `${name}: English "${fragment}"`);
    }
  });

  it('and the English cards none of the Dutch-only text', () => {
    const english = [...Object.values(mergeCards.en), ...Object.values(merge.en)].join('\n');
    const dutchFragments = [...Object.values(mergeCards.nl)]
      .flatMap((text) => text.split(/\{\w+\}/))
      .map((fragment) => fragment.replace(/\*\*/g, '').trim())
      .filter((fragment) => fragment.length >= 8 && !english.includes(fragment));
    for (const [name, card] of allCards(mergeWorld(), 'en-US')) {
      const text = strings(card).join('\n');
      for (const fragment of dutchFragments) assert.ok(!text.includes(fragment), `${name}: Dutch "${fragment}"`);
    }
  });
});
