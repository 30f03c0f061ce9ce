/**
 * The default deployment's races, as an operator would meet them: two bot processes on one
 * Azurite, ten pairs of companies merging at once, every request sent to either instance,
 * Teams-style refreshes (a card is refreshed whenever its user looks at it) hitting both
 * instances during the decisions, and the connector answering each send and update after a
 * random short delay so deliveries overlap. Optionally one instance is killed right after
 * the decisions. What each person's chat finally shows is read from the connector (each
 * message's last content), per person and merge:
 *
 * - exactly one live merge card (Account admins) and one live manager card (managers), every
 *   earlier card of that merge turned into the one-line "newer card below" note;
 * - the live card shows the merge's final state: no decision button on a finished merge;
 * - each manager heard of each event once;
 * - a refresh of a superseded card answers with the note, of the live card with the card.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { ConnectorEmulator, personalConversationId, teamsActivity, type TeamsUser } from '../harness/index.js';
import { killAll, spawnBot, type BotProcess } from '../harness/process.js';
import { newPartnerAccount, type PartnerAccount } from '../../services/model.js';
import { openAzureStore } from '../../services/store/azureStore.js';
import { put, type Store } from '../../services/store/types.js';
import { startAzurite, freshTableName, type Azurite } from './azurite.js';
import { until } from '../support/wait.js';

const PAIRS = 10;
const LEASE_MS = 3000;

interface Person extends TeamsUser {
  readonly upn: string;
}
interface Pair {
  readonly initiator: { account: PartnerAccount; admin: Person; manager: Person };
  readonly invited: { account: PartnerAccount; admin: Person; manager: Person };
}

const guid = (pair: number, side: number, n: number): string =>
  `${String(pair).padStart(2, '0')}${side}0c0de-0000-4000-8000-${String(n).padStart(12, '0')}`;

function company(pair: number, side: 1 | 2): { account: PartnerAccount; admin: Person; manager: Person } {
  const name = `${side === 1 ? 'Alpha' : 'Beta'} ${String(pair).padStart(2, '0')}`;
  const tenantId = guid(pair, side, 0);
  const domain = `${name.toLowerCase().replace(' ', '')}.example`;
  const person = (n: number, first: string): Person => ({
    aadObjectId: guid(pair, side, n),
    tenantId,
    name: `${first} ${name}`,
    upn: `${first.toLowerCase()}@${domain}`,
  });
  const admin = person(1, 'Admin');
  const manager = person(2, 'Manager');
  const account = newPartnerAccount({
    globalMpnId: `6${String(pair).padStart(2, '0')}${side}000`,
    companyName: name,
    locations: [{ mpnId: `6${String(pair).padStart(2, '0')}${side}001`, name: `${name} HQ`, country: 'NL' }],
    tenants: [{ tenantId, domains: [domain] }],
    users: [
      {
        aadObjectId: admin.aadObjectId,
        tenantId,
        upn: admin.upn,
        displayName: admin.name,
        roles: [{ role: 'account-admin' }],
      },
    ],
    competencies: [],
    watchers: [{ aadObjectId: manager.aadObjectId, tenantId, displayName: manager.name, upn: manager.upn }],
  });
  return { account, admin, manager };
}

const PAIRS_DATA: readonly Pair[] = Array.from({ length: PAIRS }, (_, i) => ({
  initiator: company(i, 1),
  invited: company(i, 2),
}));

/** What a person's chat shows in the end: each message's last content. */
interface Shown {
  readonly activityId: string;
  readonly card: string;
}

function finalCards(connector: ConnectorEmulator, person: TeamsUser): Shown[] {
  const conversation = personalConversationId(person);
  const shown = new Map<string, string>();
  for (const call of connector.calls) {
    if (call.conversationId !== conversation || call.status >= 300 || !call.activityId) continue;
    if (call.kind !== 'send' && call.kind !== 'reply' && call.kind !== 'update') continue;
    const attachments = (call.body as { attachments?: Array<{ content?: unknown }> }).attachments ?? [];
    const content = attachments[0]?.content;
    if (content === undefined) continue;
    if (call.kind !== 'update' || shown.has(call.activityId)) shown.set(call.activityId, JSON.stringify(content));
  }
  return [...shown].map(([activityId, card]) => ({ activityId, card }));
}

const isNote = (card: string): boolean => card.includes('"id":"note"');
const isMergeCard = (card: string): boolean => card.includes('"id":"header"') && !isNote(card);
const isManagerCard = (card: string): boolean => !isNote(card) && !isMergeCard(card);
const aboutPair = (card: string, pair: Pair): boolean =>
  card.includes(pair.initiator.account.companyName) && card.includes(pair.invited.account.companyName);
const DECISION_VERBS = /"verb":"merge\.(approve|reject|confirm|cancel)"/;

for (const kill of [false, true]) {
  describe(`ten merges at once through two instances on Azurite${kill ? ', one instance killed after the decisions' : ''}`, function () {
    this.timeout(240_000);
    let azurite: Azurite;
    let connector: ConnectorEmulator;
    let store: Store;
    const bots: BotProcess[] = [];
    const urls: string[] = [];

    before(async () => {
      azurite = await startAzurite();
      connector = await new ConnectorEmulator().start();
      // Every send and update answers after up to 250 ms: deliveries of the two instances overlap.
      connector.delayEach((kind) => (kind === 'send' || kind === 'reply' || kind === 'update' ? randomInt(0, 250) : 0));
      const names = {
        AZURE_TABLE_NAME: freshTableName('race'),
        AZURE_QUEUE_NAME: `race-${process.pid}-${kill ? 'k' : 'n'}`,
        AZURE_BLOB_CONTAINER: `race-${process.pid}-${kill ? 'k' : 'n'}`,
      };
      store = await openAzureStore({ ...azurite.access('table'), tableName: names.AZURE_TABLE_NAME });
      await store.commit(
        PAIRS_DATA.flatMap((p) => [put('account', p.initiator.account, 0), put('account', p.invited.account, 0)]),
      );
      for (let i = 0; i < 2; i++) {
        const bot = spawnBot({
          STORE: 'azure',
          ...azurite.botEnv(),
          ...names,
          NOTIFY_SERVICE_URL: connector.url,
          OUTBOX_CONCURRENCY: '4',
          OUTBOX_POLL_MS: '200',
          OUTBOX_LEASE_MS: String(LEASE_MS),
          SHUTDOWN_TIMEOUT_MS: '2000',
          SEED_DEMO_DATA: 'false',
        });
        bots.push(bot);
      }
      urls.push(...(await Promise.all(bots.map((b) => b.ready))));
    });
    after(async () => {
      await killAll(bots);
      await store?.close();
      await connector?.stop();
      await azurite?.stop();
    });

    const anyInstance = (): string => {
      const alive = urls.filter((_, i) => bots[i]?.child.exitCode === null && bots[i]?.child.signalCode === null);
      return alive[randomInt(0, alive.length)] ?? urls[0] ?? '';
    };
    const post = async (body: unknown, url = anyInstance()): Promise<{ status: number; body: unknown }> => {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    };
    const say = (user: TeamsUser, text: string, extra: Record<string, unknown> = {}) =>
      post(teamsActivity(connector.url, 'message', { user, extra: { text, textFormat: 'plain', ...extra } }));
    const invoke = (
      user: TeamsUser,
      verb: string,
      data: Record<string, unknown>,
      extra: Record<string, unknown> = {},
    ) =>
      post(
        teamsActivity(connector.url, 'invoke', {
          user,
          extra: {
            name: 'adaptiveCard/action',
            value: {
              action: { type: 'Action.Execute', verb, data },
              trigger: extra.replyToId ? 'automatic' : 'manual',
            },
            ...extra,
          },
        }),
      );
    const everyone = PAIRS_DATA.flatMap((p) => [
      p.initiator.admin,
      p.initiator.manager,
      p.invited.admin,
      p.invited.manager,
    ]);
    const settled = async (): Promise<boolean> => {
      const open = (await store.outbox.count('pending')) + (await store.outbox.count('sending'));
      return open === 0;
    };

    it('leaves every person one live card per merge, current, each manager event once', async () => {
      for (const user of everyone)
        assert.equal(
          (
            await post(
              teamsActivity(connector.url, 'conversationUpdate', { user, extra: { membersAdded: [{ id: '28:bot' }] } }),
            )
          ).status,
          200,
        );
      // Each initiator invites its partner through the dialog, turns on either instance.
      await Promise.all(
        PAIRS_DATA.map(async (p) => {
          assert.equal((await say(p.initiator.admin, 'start merge')).status, 200);
          assert.equal((await say(p.initiator.admin, p.invited.account.globalMpnId)).status, 200);
          assert.equal((await say(p.initiator.admin, 'yes', { value: { choice: 'confirm' } })).status, 200);
        }),
      );
      const mergeIds = new Map<Pair, string>();
      for (const p of PAIRS_DATA) {
        const merge = await store.merges.findOpenForAccount(p.initiator.account.globalMpnId);
        assert.ok(merge, `${p.initiator.account.companyName} invited ${p.invited.account.companyName}`);
        mergeIds.set(p, merge.id);
      }
      // Looking at cards while deciding: Teams refreshes every card its user has on screen.
      let refreshing = true;
      const refreshes = (async () => {
        while (refreshing) {
          const p = PAIRS_DATA[randomInt(0, PAIRS)];
          const person = p ? [p.initiator.admin, p.invited.admin][randomInt(0, 2)] : undefined;
          const mergeId = p ? mergeIds.get(p) : undefined;
          const cards = person ? finalCards(connector, person) : [];
          const card = cards[randomInt(0, Math.max(1, cards.length))];
          if (person && mergeId && card) {
            const res = await invoke(person, 'merge.refresh', { mergeId }, { replyToId: card.activityId });
            assert.ok(res.status < 500, `refresh answered ${res.status}`);
          }
          await new Promise((done) => setTimeout(done, 20));
        }
      })();
      // Approve and confirm, each pair on its own, all at once.
      await Promise.all(
        PAIRS_DATA.map(async (p) => {
          const mergeId = mergeIds.get(p) ?? '';
          await until(
            `${p.invited.admin.name}'s invitation`,
            () => finalCards(connector, p.invited.admin).some((c) => isMergeCard(c.card) && aboutPair(c.card, p)),
            30_000,
          );
          const approved = await invoke(p.invited.admin, 'merge.accept', { mergeId });
          assert.equal(approved.status, 200);
          const confirmed = await invoke(p.initiator.admin, 'merge.confirm', { mergeId, acknowledge: 'true' });
          assert.equal(confirmed.status, 200);
        }),
      );
      refreshing = false;
      await refreshes;
      if (kill) {
        // One instance dies with deliveries in flight; the other finishes them after the lease.
        bots[0]?.child.kill('SIGKILL');
        await bots[0]?.exited;
      }
      await until('every notification to be settled', settled, 120_000, 100);
      // Late redraws (a retry after a conflict) land within moments.
      await new Promise((done) => setTimeout(done, 1500));
      assert.ok(await settled());

      // A send in flight when its instance died is sent again by the other (at-least-once): the
      // first copy, when it was not recorded before the kill, is a card the bot never learns of.
      const delivered = await store.outbox.listByStatus('delivered', 10_000);
      const redelivered = (mergeId: string, person: TeamsUser): number =>
        delivered.filter(
          (e) => e.mergeId === mergeId && e.recipient?.aadObjectId === person.aadObjectId && e.attempts > 1,
        ).length;
      let orphans = 0;
      for (const p of PAIRS_DATA) {
        const mergeId = mergeIds.get(p) ?? '';
        assert.equal(
          (await store.merges.get(mergeId))?.status,
          'completed',
          `${p.initiator.account.companyName} + ${p.invited.account.companyName}`,
        );
        const recorded = new Set((await store.sentCards.listForMerge(mergeId)).map((c) => c.activityId));
        for (const admin of [p.initiator.admin, p.invited.admin]) {
          const mine = finalCards(connector, admin).filter((c) => aboutPair(c.card, p));
          const live = mine.filter((c) => isMergeCard(c.card) && recorded.has(c.activityId));
          const unknown = mine.filter((c) => !recorded.has(c.activityId) && !isNote(c.card));
          assert.equal(live.length, 1, `${admin.name}: one live merge card, not ${live.length} (${mine.length} cards)`);
          assert.ok(
            unknown.length <= (kill ? redelivered(mergeId, admin) : 0),
            `${admin.name}: ${unknown.length} card(s) the bot never recorded`,
          );
          orphans += unknown.length;
          assert.doesNotMatch(
            live[0]?.card ?? '',
            DECISION_VERBS,
            `${admin.name}: no decision button on the completed merge`,
          );
          assert.ok(
            mine.filter((c) => c !== live[0] && recorded.has(c.activityId)).every((c) => isNote(c.card)),
            `${admin.name}: every earlier card is the note`,
          );
          // Teams refreshes what the person looks at: the live card answers with the card, an earlier one with the
          // note.
          for (const card of mine.filter((c) => recorded.has(c.activityId))) {
            const res = await invoke(admin, 'merge.refresh', { mergeId }, { replyToId: card.activityId });
            const shown = JSON.stringify((res.body as { value?: unknown }).value);
            assert.equal(
              isNote(shown),
              card !== live[0],
              `${admin.name}: refresh of ${card === live[0] ? 'the live card' : 'an earlier card'}`,
            );
          }
        }
        for (const manager of [p.initiator.manager, p.invited.manager]) {
          const mine = finalCards(connector, manager).filter((c) => aboutPair(c.card, p));
          const sent = connector.calls.filter(
            (c) =>
              c.conversationId === personalConversationId(manager) &&
              (c.kind === 'send' || c.kind === 'reply') &&
              c.status < 300 &&
              aboutPair(JSON.stringify(c.body), p),
          );
          const again = kill ? redelivered(mergeId, manager) : 0;
          const detail = (): string =>
            JSON.stringify({
              sends: sent.map((c) => ({
                at: c.at,
                id: c.activityId,
                text: JSON.stringify(c.body)
                  .match(/"text":"([^"]{0,60})/g)
                  ?.slice(1, 3),
              })),
              entries: delivered
                .filter((e) => e.mergeId === mergeId && e.recipient?.aadObjectId === manager.aadObjectId)
                .map((e) => [e.id, e.attempts]),
            });
          assert.ok(
            sent.length >= 3 && sent.length <= 3 + again,
            `${manager.name} heard of invited, accepted and completed once each (${sent.length} sends, ${again} redelivered): ${sent.length > 3 + again ? detail() : ''}`,
          );
          const liveRecorded = mine.filter((c) => isManagerCard(c.card) && recorded.has(c.activityId));
          assert.equal(liveRecorded.length, 1, `${manager.name}: one live manager card`);
          assert.ok(
            mine.filter((c) => recorded.has(c.activityId) && c !== liveRecorded[0]).every((c) => isNote(c.card)),
            `${manager.name}: the earlier ones are notes`,
          );
          const unknown = mine.filter((c) => !recorded.has(c.activityId) && !isNote(c.card));
          assert.ok(unknown.length <= again, `${manager.name}: ${unknown.length} card(s) the bot never recorded`);
          orphans += unknown.length;
        }
      }
      if (kill) console.log(`      cards sent by the killed instance and never recorded: ${orphans}`);
    });
  });
}
