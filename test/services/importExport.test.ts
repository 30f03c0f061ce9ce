import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  exportAccounts,
  formatIssues,
  importAccounts,
  parseAccountsFile,
} from '../../services/accounts/importExport.js';
import { describeError } from '../../services/errors.js';
import { DEMO, demoAccounts } from '../../services/demo/demoData.js';
import { WatcherService } from '../../services/accounts/watcherService.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { put } from '../../services/store/types.js';
import type { PartnerAccount } from '../../services/model.js';
import { makeAccount, tempDir } from './fixtures.js';

const TENANT = '0f8fad5b-d9cb-469f-a165-70867728950e';
const USER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A small valid file; line numbers below refer to it. */
const VALID = `{
  "accounts": [
    {
      "globalMpnId": "1234567",
      "companyName": "Woodgrove",
      "locations": [{ "mpnId": "1234568", "name": "Woodgrove Utrecht" }],
      "tenants": [{ "tenantId": "${TENANT}", "domains": ["woodgrove.com"] }],
      "users": [
        {
          "aadObjectId": "${USER}",
          "tenantId": "${TENANT}",
          "upn": "kim@woodgrove.com",
          "displayName": "Kim Akers",
          "roles": [{ "role": "account-admin" }, { "role": "incentives-admin", "scopeMpnId": "1234568" }]
        }
      ],
      "competencies": [{ "name": "Security", "level": "gold", "benefitsExpireOn": "2021-01-01" }],
      "actionPackAnniversary": "2020-11"
    }
  ]
}
`;

function issuesOf(text: string): string[] {
  const r = parseAccountsFile(text);
  assert.ok(!r.ok, 'expected problems');
  return r.issues.map((i) => `${i.line}:${i.column} ${i.path} ${i.message}`);
}

describe('account import/export', () => {
  it('parses a valid file and fills defaults', () => {
    const r = parseAccountsFile(VALID);
    assert.ok(r.ok);
    const [account] = r.accounts;
    assert.equal(account?.status, 'active');
    assert.deepEqual(account?.offers, []);
    assert.equal(account?.coSellPipelineCount, 0);
    assert.equal(account?.users[0]?.roles.length, 2);
  });

  it('reports JSON syntax errors with line and column', () => {
    const broken = VALID.replace('"companyName": "Woodgrove",', '"companyName": "Woodgrove"');
    assert.deepEqual(issuesOf(broken), ['6:7  JSON syntax error: CommaExpected']);
    assert.deepEqual(issuesOf(''), ['1:1  JSON syntax error: ValueExpected']);
    assert.deepEqual(issuesOf('{"accounts": [] // note\n}'), ['1:17  JSON syntax error: InvalidCommentToken']);
  });

  it('reports schema errors at the offending value, key or object', () => {
    const bad = VALID.replace('"globalMpnId": "1234567"', '"globalMpnId": "12ab"')
      .replace('"level": "gold"', '"level": "platinum"')
      .replace('"upn": "kim@woodgrove.com",', '"upn": "kim@woodgrove.com", "nickname": "K",')
      .replace('"name": "Woodgrove Utrecht" ', '"nam": "Woodgrove Utrecht" ');
    assert.deepEqual(issuesOf(bad), [
      '4:22 accounts[0].globalMpnId must be an MPN ID: 6 to 10 digits',
      '6:21 accounts[0].locations[0].name Invalid input: expected string, received undefined',
      '6:43 accounts[0].locations[0].nam unknown field "nam"',
      '12:39 accounts[0].users[0].nickname unknown field "nickname"',
      '17:55 accounts[0].competencies[0].level Invalid option: expected one of "silver"|"gold"',
    ]);
  });

  it("checks consistency: unique MPN IDs, users in the account's tenants, role scopes are locations", () => {
    const bad = VALID.replace('"mpnId": "1234568"', '"mpnId": "1234567"').replace(
      `"tenantId": "${TENANT}",\n          "upn"`,
      `"tenantId": "${USER}",\n          "upn"`,
    );
    assert.deepEqual(issuesOf(bad), [
      '6:32 accounts[0].locations[0].mpnId MPN ID 1234567 is already used by account 1234567 (Woodgrove)',
      "11:23 accounts[0].users[0].tenantId tenant 7c9e6679-7425-40de-944b-e07fc1f90ae7 is not one of the account's tenants",
      '14:94 accounts[0].users[0].roles[1].scopeMpnId 1234568 is not a location MPN ID of this account',
    ]);
  });

  it('imports all-or-nothing, refusing MPN IDs owned by another account in the store', async () => {
    const store = createMemoryStore();
    await store.commit([
      put('account', makeAccount('7654321', { locations: [{ mpnId: '1234568', name: 'Taken' }] }), 0),
    ]);
    const r = await importAccounts(store, VALID);
    assert.ok(!r.ok);
    assert.equal(describeError(r.error, 'en'), 'The import file has 1 problem(s). Nothing was imported.');
    assert.equal(
      formatIssues('woodgrove.json', r.issues),
      'woodgrove.json:6:32  accounts[0].locations[0].mpnId  MPN ID 1234568 is already used by account 7654321 (Company 7654321) in the store',
    );
    assert.equal(await store.accounts.count(), 1);
  });

  it('creates, then updates with a new version, and refuses to change a merged account', async () => {
    const store = createMemoryStore();
    assert.deepEqual(await importAccounts(store, VALID), { ok: true, created: ['1234567'], updated: [] });
    assert.deepEqual(await importAccounts(store, VALID.replace('"Woodgrove"', '"Woodgrove Bank"')), {
      ok: true,
      created: [],
      updated: ['1234567'],
    });
    const stored = await store.accounts.get('1234567');
    assert.equal(stored?.companyName, 'Woodgrove Bank');
    assert.equal(stored?.version, 2);
    assert.ok(stored);
    await store.commit([put('account', { ...stored, status: 'merged', mergedInto: '1111111' })]);
    const r = await importAccounts(store, VALID);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => i.message),
      ['account 1234567 was merged into 1111111 and can no longer be changed'],
    );
  });

  it('exports what it imports (round trip of the demo accounts)', async () => {
    const source = createMemoryStore();
    await source.commit(demoAccounts().map((a) => put('account', a, 0)));
    const json = await exportAccounts(source, new Date('2020-07-01T00:00:00Z'));
    assert.match(json, /"format": "partner-merge-bot\/accounts"/);
    const target = createMemoryStore();
    const r = await importAccounts(target, json);
    assert.ok(r.ok);
    assert.deepEqual(await target.accounts.list(), await source.accounts.list());
  });

  it("round-trips watchers with who added them, and the account's trail", async () => {
    const source = createMemoryStore();
    await source.commit(demoAccounts().map((a) => put('account', a, 0)));
    const { admin, user } = DEMO.contoso;
    const watchers = new WatcherService({ store: source, clock: () => new Date('2026-12-01T09:00:00Z') });
    await watchers.add(admin, DEMO.contoso.globalMpnId, [{ address: user.upn }]);
    await watchers.remove(admin, DEMO.contoso.globalMpnId, DEMO.contoso.manager);
    const json = await exportAccounts(source, new Date('2026-12-02T00:00:00Z'));
    const target = createMemoryStore();
    const r = await importAccounts(target, json);
    assert.ok(r.ok, JSON.stringify(r));
    const contoso = await target.accounts.get(DEMO.contoso.globalMpnId);
    assert.deepEqual(contoso?.watchers, [
      {
        aadObjectId: user.aadObjectId,
        tenantId: user.tenantId,
        displayName: user.displayName,
        upn: user.upn,
        addedBy: { aadObjectId: admin.aadObjectId, tenantId: admin.tenantId, displayName: admin.displayName },
        addedAt: '2026-12-01T09:00:00.000Z',
      },
    ]);
    assert.deepEqual(
      contoso?.audit?.map((e) => e.action),
      ['watcher-added', 'watcher-removed'],
    );
    // The store owns versions; everything else is as exported.
    const unversioned = (accounts: readonly PartnerAccount[]) => accounts.map(({ version: _version, ...rest }) => rest);
    assert.deepEqual(unversioned(await target.accounts.list()), unversioned(await source.accounts.list()));
  });

  describe('npm run accounts', function () {
    // Each run starts a TypeScript process: about 2 s alone, several times that on a busy two-core machine.
    this.timeout(90_000);
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/accounts.ts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, STORE_PATH: '' },
      });

    it('imports a good file, exports it, and rejects a bad file with line numbers writing nothing', async () => {
      const tmp = await tempDir();
      try {
        const good = join(tmp.dir, 'good.json');
        const bad = join(tmp.dir, 'bad.json');
        await writeFile(good, VALID);
        await writeFile(bad, VALID.replace('"2021-01-01"', '"2021-13-01"'));
        const storePath = join(tmp.dir, 'data');

        const imported = run(['import', good, '--store-path', storePath]);
        assert.equal(imported.status, 0, imported.stderr);
        assert.match(imported.stderr, /Imported 1 new and 0 updated account\(s\)\./);

        const refused = run(['import', bad, '--store-path', storePath]);
        assert.equal(refused.status, 1);
        assert.match(
          refused.stderr,
          /bad\.json:17:83 {2}accounts\[0\]\.competencies\[0\]\.benefitsExpireOn {2}must be a date like 2020-12-01/,
        );
        assert.match(refused.stderr, /Nothing was imported\./);

        const out = join(tmp.dir, 'out.json');
        const exported = run(['export', out, '--store-path', storePath]);
        assert.equal(exported.status, 0, exported.stderr);
        const data = JSON.parse(await readFile(out, 'utf8')) as {
          accounts: { competencies: { benefitsExpireOn: string }[] }[];
        };
        assert.equal(data.accounts[0]?.competencies[0]?.benefitsExpireOn, '2021-01-01', 'the bad file changed nothing');

        const usage = run(['frobnicate']);
        assert.equal(usage.status, 2);
        assert.match(usage.stderr, /Usage: npm run accounts/);
      } finally {
        await tmp.remove();
      }
    });
  });
});
