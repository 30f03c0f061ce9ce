import assert from 'node:assert/strict';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { put } from '../../services/store/types.js';
import { makeAccount, memoryBackend } from './fixtures.js';
import { runStoreConformance } from './storeConformance.js';

runStoreConformance('memory', () => memoryBackend.create());

describe('memory store', () => {
  it('starts from initial records as given', async () => {
    const store = createMemoryStore({ account: [{ ...makeAccount('1000001'), version: 3 }] });
    assert.equal((await store.accounts.get('1000001'))?.version, 3);
    const { records } = await store.commit([put('account', makeAccount('1000001'), 3)]);
    assert.equal(records[0]?.version, 4);
  });
});
