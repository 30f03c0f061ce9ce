/** The managers-list and welcome cards: valid Adaptive Cards 1.5, right buttons per viewer, user text inert. */
import assert from 'node:assert/strict';
import { watchersCard, WATCHER_VERBS } from '../../cards/watchers.js';
import { watcherWelcomeCard } from '../../cards/watcherWelcome.js';
import { DEMO } from '../../services/demo/demoData.js';
import { validateCard } from './validate.js';
import { contosoWithWatchers } from './watcherFixtures.js';

const verbs = (card: unknown): string[] =>
  [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1] ?? '');
const base = { viewer: DEMO.contoso.admin, isWatcher: false, entraManager: false, limit: 50, locale: 'en-US' };

describe('managers list cards', () => {
  it('validate against Adaptive Cards 1.5 for every kind of viewer, in English and Dutch', () => {
    const account = contosoWithWatchers(12);
    for (const locale of ['en-US', 'nl-NL']) {
      for (const [canChange, isWatcher] of [
        [true, false],
        [false, false],
        [false, true],
      ] as const) {
        assert.deepEqual(validateCard(watchersCard({ ...base, account, canChange, isWatcher, locale })), []);
      }
      assert.deepEqual(
        validateCard(watchersCard({ ...base, account: { ...account, watchers: [] }, canChange: true, locale })),
        [],
      );
      assert.deepEqual(validateCard(watcherWelcomeCard({ account, watcher: account.watchers[1], locale })), []);
      assert.deepEqual(validateCard(watcherWelcomeCard({ account, watcher: undefined, stopped: true, locale })), []);
    }
  });

  it('offers Remove and Add to an admin, Stop to a watcher, nothing to a reader', () => {
    const account = contosoWithWatchers(3);
    assert.deepEqual(verbs(watchersCard({ ...base, account, canChange: true })), [
      WATCHER_VERBS.remove,
      WATCHER_VERBS.remove,
      WATCHER_VERBS.remove,
      WATCHER_VERBS.add,
    ]);
    assert.deepEqual(verbs(watchersCard({ ...base, account, canChange: false, isWatcher: true })), [
      WATCHER_VERBS.stop,
    ]);
    assert.deepEqual(verbs(watchersCard({ ...base, account, canChange: false })), []);
  });

  it('shows names, addresses and notices as typed: no markdown from them', () => {
    const account = contosoWithWatchers(1);
    const hostile = {
      ...account,
      watchers: [
        { ...account.watchers[0]!, displayName: 'Eve [me](https://evil.example) **x**', upn: 'eve_*x*@contoso.com' },
      ],
    };
    const json = JSON.stringify(
      watchersCard({ ...base, account: hostile, canChange: true, notice: 'Added: [x](https://evil.example)' }),
    );
    assert.ok(json.includes('Eve \\\\[me\\\\](https://evil.example) \\\\*\\\\*x\\\\*\\\\*'), json);
    assert.ok(json.includes('eve\\\\_\\\\*x\\\\*@contoso.com'));
    assert.ok(json.includes('Added: \\\\[x\\\\](https://evil.example)'));
  });
});

describe('card validation (Teams people picker allowance)', () => {
  const card = (element: object) => ({ type: 'AdaptiveCard', version: '1.5', body: [element] });
  it("accepts Teams' people picker and nothing more", () => {
    const picker = {
      type: 'Input.ChoiceSet',
      id: 'p',
      isMultiSelect: true,
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    };
    assert.deepEqual(validateCard(card(picker)), []);
    // Another dataset, an empty choice set without a query, or a second 1.6 property still fail.
    assert.notDeepEqual(
      validateCard(card({ ...picker, 'choices.data': { type: 'Data.Query', dataset: 'example.com/things' } })),
      [],
    );
    assert.notDeepEqual(validateCard(card({ type: 'Input.ChoiceSet', id: 'q', choices: [] })), []);
    assert.notDeepEqual(
      validateCard({ ...card(picker), body: [picker, { type: 'Input.ChoiceSet', id: 'q', choices: [] }] }),
      [],
    );
  });
});
