/**
 * Crash consistency of the lowdb backend, with the real process: a stream of merge decisions
 * (approve, reject, confirm, cancel as card clicks over HTTP) while the bot is killed with
 * SIGKILL at seeded random moments, then restarted on the same folder. After every kill the
 * file opens, every decision the bot acknowledged (HTTP 200 with a card) is in it exactly
 * once, and no merge is half-applied: `completed` if and only if the two accounts are merged.
 * Each restart takes over the dead process's lock.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MergeService } from '../../services/merge/mergeService.js';
import { newPartnerAccount, type AuditAction, type PartnerAccount, type PartnerUser } from '../../services/model.js';
import { openLowdbStore, storeFilePath } from '../../services/store/lowdbStore.js';
import { put, type Store } from '../../services/store/types.js';
import { MERGE_VERBS } from '../../cards/mergeRequest.js';
import { ConnectorEmulator, teamsActivity } from '../harness/index.js';
import { spawnBot, type BotProcess } from '../harness/process.js';

const PAIRS = 24;
const KILL_ROUNDS = 4;
const IN_FLIGHT = 3;
const SEED = 0xc0ffee;

type Step = 'accept' | 'reject' | 'confirm' | 'cancel';
/** Who clicks, and the audit entry the click adds. */
const STEP: Readonly<Record<Step, { readonly by: 'initiator' | 'invited'; readonly audit: AuditAction }>> = {
  accept: { by: 'invited', audit: 'accepted' },
  reject: { by: 'invited', audit: 'rejected' },
  confirm: { by: 'initiator', audit: 'completed' },
  cancel: { by: 'initiator', audit: 'cancelled' },
};
const PLANS: readonly (readonly Step[])[] = [
  ['accept', 'confirm'],
  ['accept', 'confirm'],
  ['reject'],
  ['accept', 'cancel'],
  ['cancel'],
];

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pair {
  readonly initiator: PartnerAccount;
  readonly invited: PartnerAccount;
  readonly admins: Readonly<Record<'initiator' | 'invited', PartnerUser>>;
  readonly plan: readonly Step[];
  mergeId: string;
  /** Index of the next step to send. */
  next: number;
}

interface Acknowledged {
  readonly mergeId: string;
  readonly step: Step;
}

function admin(n: number, tenantId: string): PartnerUser {
  return {
    aadObjectId: `c7a50000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tenantId,
    upn: `admin${n}@example.com`,
    displayName: `Admin ${n}`,
    roles: [{ role: 'account-admin' }],
  };
}

function account(n: number, user: PartnerUser): PartnerAccount {
  return newPartnerAccount({
    globalMpnId: String(5_000_000 + n),
    companyName: `Company ${n}`,
    tenants: [{ tenantId: user.tenantId, domains: [`company${n}.example.com`] }],
    locations: [{ mpnId: String(6_000_000 + n), name: `Company ${n} HQ` }],
    users: [user],
  });
}

/** Accounts and one open invitation per pair, written through the real merge service. */
async function seed(dir: string, random: () => number): Promise<Pair[]> {
  const store = await openLowdbStore({ path: dir });
  const pairs: Pair[] = [];
  try {
    const merges = new MergeService({ store });
    for (let i = 0; i < PAIRS; i++) {
      const tenant = (n: number): string => `7e7a0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const admins = { initiator: admin(2 * i, tenant(2 * i)), invited: admin(2 * i + 1, tenant(2 * i + 1)) };
      const initiator = account(2 * i, admins.initiator);
      const invited = account(2 * i + 1, admins.invited);
      await store.commit([put('account', initiator, 0), put('account', invited, 0)]);
      const result = await merges.invite(
        {
          kind: 'user',
          aadObjectId: admins.initiator.aadObjectId,
          tenantId: admins.initiator.tenantId,
          displayName: admins.initiator.displayName,
        },
        invited.globalMpnId,
      );
      assert.equal(result.outcome, 'applied', `invitation ${i}`);
      pairs.push({
        initiator,
        invited,
        admins,
        plan: PLANS[Math.floor(random() * PLANS.length)]!,
        mergeId: result.outcome === 'applied' ? result.request.id : '',
        next: 0,
      });
    }
  } finally {
    await store.close();
  }
  return pairs;
}

/** Opens a copy of the store file (the live one may be locked) and checks every invariant. */
async function verify(
  dir: string,
  pairs: readonly Pair[],
  acknowledged: readonly Acknowledged[],
  label: string,
): Promise<void> {
  const copyDir = await mkdtemp(join(tmpdir(), 'pmb-crash-copy-'));
  try {
    await copyFile(storeFilePath(dir), storeFilePath(copyDir));
    let store: Store;
    try {
      store = await openLowdbStore({ path: copyDir });
    } catch (err: unknown) {
      throw new Error(`${label}: the store file does not open: ${String(err)}`, { cause: err });
    }
    try {
      for (const pair of pairs) {
        const merge = await store.merges.get(pair.mergeId);
        assert.ok(merge, `${label}: merge ${pair.mergeId} exists`);
        const actions = merge.audit.map((e) => e.action);
        assert.equal(new Set(actions).size, actions.length, `${label}: no transition twice (${actions.join(', ')})`);
        const initiator = await store.accounts.get(pair.initiator.globalMpnId);
        const invited = await store.accounts.get(pair.invited.globalMpnId);
        assert.ok(initiator && invited, `${label}: both accounts exist`);
        const merged =
          invited.status === 'merged' &&
          invited.mergedInto === initiator.globalMpnId &&
          (initiator.mergedFrom ?? []).includes(invited.globalMpnId);
        const untouched = invited.status === 'active' && !(initiator.mergedFrom ?? []).includes(invited.globalMpnId);
        if (merge.status === 'completed')
          assert.ok(merged, `${label}: completed merge ${merge.id} has its merged accounts`);
        else assert.ok(untouched, `${label}: merge ${merge.id} is ${merge.status}, and its accounts are not merged`);
      }
      for (const ack of acknowledged) {
        const merge = await store.merges.get(ack.mergeId);
        assert.ok(
          merge?.audit.some((e) => e.action === STEP[ack.step].audit),
          `${label}: acknowledged ${ack.step} of ${ack.mergeId} is in the file`,
        );
      }
    } finally {
      await store.close();
    }
  } finally {
    await rm(copyDir, { recursive: true, force: true });
  }
}

function clickBody(serviceUrl: string, pair: Pair, step: Step): string {
  const user = pair.admins[STEP[step].by];
  return JSON.stringify(
    teamsActivity(serviceUrl, 'invoke', {
      user: { aadObjectId: user.aadObjectId, tenantId: user.tenantId, name: user.displayName },
      extra: {
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: MERGE_VERBS[step],
            data: { mergeId: pair.mergeId, reason: 'Not now', acknowledge: 'true' },
          },
          trigger: 'manual',
        },
      },
    }),
  );
}

/** Sends the pairs' next steps, `IN_FLIGHT` at a time, until all are done or the bot dies. */
async function drive(
  url: string,
  serviceUrl: string,
  pairs: Pair[],
  acknowledged: Acknowledged[],
  random: () => number,
  onAcknowledged: (countThisRun: number) => void = () => undefined,
): Promise<{ interrupted: number }> {
  const pending = (): Pair[] => pairs.filter((p) => p.next < p.plan.length);
  const busy = new Set<Pair>();
  let dead = false;
  let interrupted = 0;
  let acked = 0;
  const worker = async (): Promise<void> => {
    while (!dead) {
      const ready = pending().filter((p) => !busy.has(p));
      if (ready.length === 0) return;
      const pair = ready[Math.floor(random() * ready.length)]!;
      const step = pair.plan[pair.next]!;
      busy.add(pair);
      try {
        const res = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: clickBody(serviceUrl, pair, step),
        });
        const body = (await res.json()) as { statusCode?: number; type?: string };
        if (res.status === 200 && body.statusCode === 200 && body.type === 'application/vnd.microsoft.card.adaptive') {
          acknowledged.push({ mergeId: pair.mergeId, step });
          pair.next++;
          onAcknowledged(++acked);
        }
      } catch {
        // Killed mid-request: not acknowledged; the step is sent again after the restart.
        dead = true;
        interrupted++;
      } finally {
        busy.delete(pair);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { interrupted };
}

describe('security: crash consistency (kill -9 during merge decisions, lowdb)', function () {
  this.timeout(120_000);
  let dir: string;
  let connector: ConnectorEmulator;
  let bot: BotProcess | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pmb-crash-'));
    connector = await new ConnectorEmulator().start();
  });
  after(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<string> => {
    // Notifications go to the loopback connector too: nothing leaves the machine.
    bot = spawnBot({
      STORE: 'lowdb',
      STORE_PATH: dir,
      SEED_DEMO_DATA: 'false',
      NODE_ENV: 'production',
      SHUTDOWN_TIMEOUT_MS: '5000',
      NOTIFY_SERVICE_URL: connector.url,
    });
    return bot.ready;
  };

  it('keeps every acknowledged decision and never half-applies a merge', async () => {
    const random = rng(SEED);
    const pairs = await seed(dir, random);
    const acknowledged: Acknowledged[] = [];
    let kills = 0;
    let interrupted = 0;
    const perRound: number[] = [];

    for (let round = 0; round < KILL_ROUNDS; round++) {
      const url = await start();
      const running = bot!;
      if (round > 0)
        assert.ok(
          running.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('Taking over a stale store lock')),
          `round ${round}: the stale lock was taken over`,
        );
      // Kill at a random moment once the stream is flowing: after a few acknowledged
      // decisions, plus up to one decision's time, so requests are cut off mid-turn.
      const afterAcks = 1 + Math.floor(random() * 6);
      const delayMs = Math.floor(random() * 60);
      let killed: Promise<void> | undefined;
      const kill = (): Promise<void> =>
        (killed ??= new Promise<void>((done) =>
          setTimeout(() => {
            running.child.kill('SIGKILL');
            kills++;
            done();
          }, delayMs),
        ));
      const before = acknowledged.length;
      interrupted += (
        await drive(url, connector.url, pairs, acknowledged, random, (n) => n >= afterAcks && void kill())
      ).interrupted;
      perRound.push(acknowledged.length - before);
      await kill();
      assert.equal(await running.exited, 'SIGKILL');
      await verify(dir, pairs, acknowledged, `after kill ${round + 1} (${afterAcks} decisions + ${delayMs} ms)`);
    }

    // A last, clean run finishes what is left, then stops gracefully.
    const url = await start();
    await drive(url, connector.url, pairs, acknowledged, random);
    bot!.child.kill('SIGTERM');
    assert.equal(await bot!.exited, 0);
    await verify(dir, pairs, acknowledged, 'at the end');

    const completed = pairs.filter((p) => p.plan.at(-1) === 'confirm').length;
    const store = await openLowdbStore({ path: dir });
    try {
      const statuses = await Promise.all(pairs.map(async (p) => (await store.merges.get(p.mergeId))?.status));
      assert.equal(
        statuses.filter((s) => s === 'completed').length,
        completed,
        'every planned merge completed exactly once',
      );
      assert.ok(
        statuses.every((s) => s !== 'invited' && s !== 'accepted'),
        'every merge reached its planned end',
      );
    } finally {
      await store.close();
    }
    console.log(
      `      crash: ${KILL_ROUNDS} rounds, ${kills} kills (${interrupted} requests cut off), ${acknowledged.length} acknowledged decisions ` +
        `(per round ${perRound.join('/')}, rest in the final run) verified after every kill; ${completed} merges completed`,
    );
    assert.equal(
      acknowledged.length,
      pairs.reduce((n, p) => n + p.plan.length, 0),
      'every step was acknowledged once',
    );
  });
});
