/**
 * What one decision click costs the store, over HTTP with the whole app: the decision, its
 * notifications and the clicked card are one commit, and the card shown afterwards needs
 * no further read (lowdb); on Azure Table storage, one `~gen` read and one transaction
 * when nothing else changed. The outbox and the scheduler are stopped so only the click
 * is counted.
 */
import assert from 'node:assert/strict';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { TestBot, inviteThroughChat, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';
import { openAzureStore } from '../../services/store/azureStore.js';
import type { Store, StoreReads } from '../../services/store/types.js';
import { tempDir } from '../services/fixtures.js';
import { freshTableName, startAzurite, type Azurite } from '../azure/azurite.js';

const adele: TeamsUser = {
  aadObjectId: DEMO.contoso.admin.aadObjectId,
  tenantId: DEMO.contoso.tenantId,
  name: 'Adele Vance',
};
const nestor: TeamsUser = {
  aadObjectId: DEMO.fabricam.admin.aadObjectId,
  tenantId: DEMO.fabricam.tenantId,
  name: 'Nestor Wilke',
};

/** The store with every read and commit counted, and whether a read came after a commit. */
function counted(store: Store): {
  store: Store;
  counts: { reads: number; commits: number; readsAfterCommit: number };
  reset: () => void;
} {
  const counts = { reads: 0, commits: 0, readsAfterCommit: 0 };
  const wrap = <T extends object>(repo: T): T =>
    Object.fromEntries(
      Object.entries(repo).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          counts.reads += 1;
          if (counts.commits > 0) counts.readsAfterCommit += 1;
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    ) as T;
  const reads = (r: StoreReads): StoreReads => ({
    accounts: wrap(r.accounts),
    merges: wrap(r.merges),
    conversations: wrap(r.conversations),
    sentCards: wrap(r.sentCards),
    outbox: wrap(r.outbox),
    registrations: wrap(r.registrations),
  });
  return {
    store: {
      ...store,
      ...reads(store),
      snapshot: async () => reads(await store.snapshot()),
      commit: (ops) => {
        counts.commits += 1;
        return store.commit(ops);
      },
    },
    counts,
    reset: () => {
      counts.reads = 0;
      counts.commits = 0;
      counts.readsAfterCommit = 0;
    },
  };
}

/** The click under test: Nestor approves on the invitation card delivered to him. */
async function approveOnCard(bot: TestBot, mergeId: string): Promise<void> {
  const res = await bot.cardAction(
    'merge.accept',
    { mergeId },
    { user: nestor, replyToId: 'invitation-activity', conversationId: personalConversationId(nestor) },
  );
  assert.equal(res.status, 200);
  assert.equal((res.json as { statusCode: number }).statusCode, 200);
}

describe('one decision click, counted', function () {
  this.timeout(60_000);

  it('lowdb: one commit (decision, notifications, clicked card) and no read after it', async () => {
    const dir = await tempDir();
    const inner = await openLowdbStore({ path: dir.dir });
    const { store, counts, reset } = counted(inner);
    const bot = await TestBot.start({ deps: () => ({ store }) });
    try {
      // Nestor has the app, as someone who got the invitation card does.
      await bot.install({ user: nestor });
      const mergeId = await inviteThroughChat(bot, adele);
      await Promise.all([bot.app.notifications.stop(), bot.app.scheduler.stop()]);
      reset();
      await approveOnCard(bot, mergeId);
      assert.equal(counts.commits, 1, 'one commit');
      assert.equal(counts.readsAfterCommit, 0, 'the card was built from what the decision returned');
      const sent = await inner.sentCards.listForMerge(mergeId);
      assert.ok(
        sent.some((c) => c.activityId === 'invitation-activity'),
        'the clicked card was recorded in that commit',
      );
      assert.equal((await inner.merges.get(mergeId))?.status, 'accepted');
    } finally {
      await bot.stop();
      await dir.remove();
    }
  });

  describe('Azure Table storage (Azurite)', () => {
    let azurite: Azurite;
    before(async () => {
      azurite = await startAzurite();
    });
    after(async () => {
      await azurite.stop();
    });

    it('at most one ~gen read and one transaction', async () => {
      const requests: string[] = [];
      const policy: PipelinePolicy = {
        name: 'count-requests',
        sendRequest: (request, next) => {
          requests.push(`${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`);
          return next(request);
        },
      };
      const store = await openAzureStore({
        ...azurite.access('table'),
        tableName: freshTableName('click'),
        clientOptions: { additionalPolicies: [{ policy, position: 'perCall' }] },
      });
      const bot = await TestBot.start({ deps: () => ({ store }) });
      try {
        await bot.install({ user: nestor });
        const mergeId = await inviteThroughChat(bot, adele);
        await Promise.all([bot.app.notifications.stop(), bot.app.scheduler.stop()]);
        // The view is current: what follows is the click alone.
        await store.snapshot();
        requests.length = 0;
        await approveOnCard(bot, mergeId);
        const genReads = requests.filter((r) => r.startsWith('GET') && r.includes("RowKey='~gen'"));
        const transactions = requests.filter((r) => r.startsWith('POST') && r.includes('$batch'));
        assert.ok(genReads.length <= 1, `~gen reads: ${requests.join('\n')}`);
        assert.equal(transactions.length, 1, requests.join('\n'));
        assert.equal(requests.length, genReads.length + transactions.length, `nothing else:\n${requests.join('\n')}`);
      } finally {
        await bot.stop();
      }
    });
  });
});
