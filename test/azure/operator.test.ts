/**
 * The operator commands against the store a deployment uses (STORE=azure on Azurite), as an
 * operator runs them: `npm run accounts -- import|export`, `npm run outbox -- list|retry`
 * while two bot instances run, `npm run store -- migrate`. With the key (a connection
 * string) here, and again with no key at all, Entra tokens only (test/azure/oauth.test.ts
 * runs this file with Azurite on HTTPS with `--oauth basic` and a loopback identity endpoint).
 * Without any credential each command says what is missing and writes nothing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { ConnectorEmulator, personalConversationId, teamsActivity, type TeamsUser } from '../harness/index.js';
import { spawnBot, type BotProcess } from '../harness/process.js';
import { DEMO, seedDemoData } from '../../services/demo/demoData.js';
import { exportAccounts } from '../../services/accounts/importExport.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { openLowdbStore } from '../../services/store/lowdbStore.js';
import { openAzureStore } from '../../services/store/azureStore.js';
import type { Store } from '../../services/store/types.js';
import { tempDir } from '../services/fixtures.js';
import { until } from '../support/wait.js';
import { freshTableName, startAzurite, type Azurite } from './azurite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const [adele, nestor] = [DEMO.contoso.admin, DEMO.fabricam.admin].map((p): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
})) as [TeamsUser, TeamsUser];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run <script> -- args` with exactly `env` (no developer .env or shell settings leak in). */
function npmRun(script: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        HOME: process.env.HOME ?? ROOT,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `format`/`exportedAt` aside, the accounts of an export. */
const accountsOf = (json: string): unknown => (JSON.parse(json) as { accounts: unknown }).accounts;

describe('operator commands on STORE=azure (Azurite), beside running instances', function () {
  this.timeout(180_000);
  let azurite: Azurite;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const names = {
    table: freshTableName('op'),
    queue: `op-${process.pid}-${Date.now().toString(36)}`,
    container: `op-${process.pid}`,
  };
  /** What a deployment's operator sets: the store, its names, and (keyless) the URLs with an Entra sign-in. */
  let env: Record<string, string>;
  /** The same without any credential: no key, no identity endpoint, no sign-in. */
  let unsigned: Record<string, string>;

  before(async () => {
    azurite = await startAzurite();
    tmp = await tempDir();
    const tables = {
      STORE: 'azure',
      AZURE_TABLE_NAME: names.table,
      AZURE_QUEUE_NAME: names.queue,
      AZURE_BLOB_CONTAINER: names.container,
    };
    env = { ...tables, ...azurite.botEnv() };
    unsigned = {
      ...tables,
      AZURE_STORAGE_TABLE_URL: azurite.urls.table,
      AZURE_STORAGE_QUEUE_URL: azurite.urls.queue,
      AZURE_STORAGE_BLOB_URL: azurite.urls.blob,
      ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
    };
  });
  after(async () => {
    await tmp?.remove();
    await azurite?.stop();
  });

  /** Entities in a table, read with the key (Azurite takes it in both modes): what a command wrote. */
  const entities = async (table: string): Promise<number> => {
    const client = TableClient.fromConnectionString(azurite.connectionString, table, {
      allowInsecureConnection: !azurite.oauth,
    });
    let n = 0;
    try {
      for await (const _ of client.listEntities()) n++;
    } catch (err: unknown) {
      if ((err as { statusCode?: number }).statusCode === 404) return -1; // no such table
      throw err;
    }
    return n;
  };

  it('accounts: import then export round-trips the demo accounts', async () => {
    const demo = createMemoryStore();
    await seedDemoData(demo);
    const file = join(tmp.dir, 'demo-accounts.json');
    const exported = await exportAccounts(demo);
    await writeFile(file, exported);
    const imported = await npmRun('accounts', ['import', file], env);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stderr, /Imported 3 new and 0 updated account\(s\)\. Store: azure /);
    const out = join(tmp.dir, 'exported.json');
    const again = await npmRun('accounts', ['export', out], env);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(accountsOf(await readFile(out, 'utf8')), accountsOf(exported));
  });

  it('outbox: list and retry while two bot instances run; a running instance sends what was retried', async () => {
    const connector = await new ConnectorEmulator().start();
    const bots: BotProcess[] = [];
    let store: Store | undefined;
    try {
      const botEnv = { ...env, NOTIFY_SERVICE_URL: connector.url, OUTBOX_POLL_MS: '200', SHUTDOWN_TIMEOUT_MS: '2000' };
      bots.push(spawnBot(botEnv), spawnBot(botEnv));
      const [a, b] = await Promise.all(bots.map((bot) => bot.ready));
      const post = async (url: string | undefined, body: unknown): Promise<number> =>
        (
          await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status;
      for (const user of [adele, nestor])
        assert.equal(
          await post(
            a,
            teamsActivity(connector.url, 'conversationUpdate', { user, extra: { membersAdded: [{ id: '28:bot' }] } }),
          ),
          200,
        );
      // Nestor's chat is gone for now (404): his invitation fails for good until an operator retries it.
      connector.failNext(
        (c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === personalConversationId(nestor),
        { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } },
      );
      const say = (url: string | undefined, text: string, extra: Record<string, unknown> = {}): Promise<number> =>
        post(
          url,
          teamsActivity(connector.url, 'message', { user: adele, extra: { text, textFormat: 'plain', ...extra } }),
        );
      assert.equal(await say(a, 'start merge'), 200);
      assert.equal(await say(b, '3333333'), 200);
      assert.equal(await say(a, 'yes', { value: { choice: 'confirm' } }), 200);
      store = await openAzureStore({ ...azurite.access('table'), tableName: names.table });
      const opened = store;
      await until("Nestor's invitation to fail", async () => (await opened.outbox.count('failed')) === 1, 20_000);

      const listed = await npmRun('outbox', ['list'], env);
      assert.equal(listed.status, 0, listed.stderr);
      const [failed] = await store.outbox.listByStatus('failed');
      assert.ok(failed);
      assert.match(listed.stdout, /failed: 1/);
      assert.match(listed.stdout, /work queue: \d+ message\(s\) {2}poison queue: 0/);
      assert.match(listed.stdout, new RegExp(`^failed +${failed.id} +mergeCard +Nestor Wilke \\(admin\\)`, 'm'));

      const retried = await npmRun('outbox', ['retry', '--status', 'failed'], env);
      assert.equal(retried.status, 0, retried.stderr);
      assert.match(retried.stdout, /requeued 1 entry/);
      await until(
        'a running instance to deliver the retried invitation',
        async () => (await opened.outbox.get(failed.id))?.status === 'delivered',
        20_000,
      );
      assert.equal(connector.cards(personalConversationId(nestor)).length, 1, 'Nestor has his invitation');
    } finally {
      for (const bot of bots) {
        bot.child.kill('SIGTERM');
        await bot.exited;
      }
      await store?.close();
      await connector.stop();
    }
  });

  it("store migrate: a lowdb store into the account's table, once", async () => {
    const dir = join(tmp.dir, 'lowdb');
    const source = await openLowdbStore({ path: dir });
    await seedDemoData(source);
    await source.close();
    const table = freshTableName('opmig');
    const first = await npmRun('store', ['migrate', '--from', dir, '--to', 'azure', '--table', table], env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /account +source=3 +created=3 +already there=0/);
    const second = await npmRun('store', ['migrate', '--from', dir, '--to', 'azure', '--table', table], env);
    assert.match(second.stdout, /account +source=3 +created=0 +already there=3/);
    const target = await openAzureStore({ ...azurite.access('table'), tableName: table });
    assert.equal(await target.accounts.count(), 3);
    await target.close();
  });

  it('without a credential each command says what is missing and writes nothing', async () => {
    const before = await entities(names.table);
    const file = join(tmp.dir, 'one-more.json');
    await writeFile(file, (await readFile(join(tmp.dir, 'demo-accounts.json'), 'utf8')).replace(/1111111/g, '8888888'));
    const migrated = freshTableName('nocred');
    const runs = await Promise.all([
      npmRun('accounts', ['import', file], unsigned),
      npmRun('accounts', ['export'], unsigned),
      npmRun('outbox', ['retry', '--status', 'delivered'], unsigned),
      npmRun('outbox', ['list'], unsigned),
      npmRun('store', ['migrate', '--from', join(tmp.dir, 'lowdb'), '--to', 'azure', '--table', migrated], unsigned),
    ]);
    for (const run of runs) {
      assert.equal(run.status, 1, run.stderr);
      assert.match(
        run.stderr,
        /no Azure sign-in for https?:\/\/127\.0\.0\.1:\d+\/devstoreaccount1: sign in with `az login`/,
      );
      assert.match(run.stderr, /Nothing was read or written/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(run.stdout, '');
    }
    assert.equal(await entities(names.table), before, 'the table is as it was');
    assert.equal(await entities(migrated), -1, 'no table was created');
  });
});
