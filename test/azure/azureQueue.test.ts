import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openAzureStore } from '../../services/store/azureStore.js';
import { put } from '../../services/store/types.js';
import { makeOutboxEntry } from '../services/fixtures.js';
import { openAzureQueue } from '../../services/store/azureQueue.js';
import { runQueueConformance } from '../services/queueConformance.js';
import { freshTableName, startAzurite, type Azurite } from './azurite.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('azure outbox queue (Azurite)', function () {
  let azurite: Azurite;
  before(async function () {
    this.timeout(30_000);
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
  });

  runQueueConformance('azure (Azurite)', async () => {
    // Queue names: lowercase letters, digits and dashes.
    const queueName = freshTableName('q').toLowerCase();
    const queue = await openAzureQueue({ ...azurite.access('queue'), queueName });
    const service = azurite.queueService();
    return {
      queue,
      sendRaw: async (text: string) => {
        await service.getQueueClient(queueName).sendMessage(text);
      },
      cleanup: async () => {
        await Promise.all([
          service.getQueueClient(queueName).deleteIfExists(),
          service.getQueueClient(`${queueName}-poison`).deleteIfExists(),
        ]);
      },
    };
  });

  it('npm run outbox works beside running instances: lists the queues, and a retry queues the entry', async function () {
    this.timeout(30_000);
    const table = freshTableName('cli');
    const queueName = freshTableName('cliq').toLowerCase();
    const store = await openAzureStore({ ...azurite.access('table'), tableName: table });
    const dead = makeOutboxEntry('d1', { status: 'dead', attempts: 8, lastError: '503 unavailable' });
    await store.commit([put('outbox', dead, 0)]);
    const queue = await openAzureQueue({ ...azurite.access('queue'), queueName });
    await queue.send([{ outboxId: 'x1', visibleAt: new Date() }]);
    const [message] = await queue.receive(1, 30_000);
    assert.ok(message);
    await queue.poison(message, 'received 11 times without being handled');
    // The operator tool takes the connection string (Azurite accepts the key with OAuth on too).
    const env = {
      PATH: process.env.PATH ?? '',
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_TABLE_NAME: table,
      AZURE_QUEUE_NAME: queueName,
      ...(azurite.oauth ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '' } : {}),
    };
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/outbox.ts', ...args], { cwd: ROOT, env });
    const list = await cli('list', '--status', 'dead');
    assert.match(list.stdout, /dead: 1/);
    assert.match(list.stdout, /work queue: 0 message\(s\) {2}poison queue: 1/);
    assert.match(list.stdout, /poison +x1 {2}received 1 times .* received 11 times without being handled/);
    const retried = await cli('retry', 'd1');
    assert.match(retried.stdout, /requeued 1 entry/);
    assert.equal((await store.outbox.get('d1'))?.status, 'pending');
    assert.deepEqual(
      (await queue.receive(32, 30_000)).map((m) => m.outboxId),
      ['d1'],
      'a running instance would receive it now',
    );
    await store.close();
  });
});
