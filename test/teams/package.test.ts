/**
 * `npm run package`: fills the manifest's placeholders from env/.env.<env>, refuses to
 * build with a missing or invalid value, and writes a zip that Teams can take: the
 * filled, schema-valid manifest, the Dutch language file and both icons at its root.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackageError, ROOT, buildAppPackage, schemaProblems } from '../../scripts/package.js';
import { readZip, writeZip } from '../../scripts/zip.js';
import { SAMPLE_VALUES } from './fixtures.js';

const envFile = (values: Readonly<Record<string, string>>): string =>
  `# test environment\nTEAMSFX_ENV=ci\n${Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;

describe('app package (npm run package)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'app-package-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const build = (values: Readonly<Record<string, string>>, env = 'ci') =>
    writeFile(join(dir, `.env.${env}`), envFile(values)).then(() =>
      buildAppPackage({ env, envDir: dir, outDir: join(dir, 'build'), environment: {} }),
    );

  it('writes appPackage.<env>.zip with the filled manifest, the Dutch file and both icons', async () => {
    const built = await build(SAMPLE_VALUES);
    assert.equal(built.zipPath, join(dir, 'build', 'appPackage.ci.zip'));
    const entries = readZip(await readFile(built.zipPath));
    assert.deepEqual(
      entries.map((e) => e.name),
      ['manifest.json', 'nl.json', 'color.png', 'outline.png'],
    );

    const files = new Map(entries.map((e) => [e.name, e.data]));
    const manifestText = files.get('manifest.json')!.toString('utf8');
    assert.doesNotMatch(manifestText, /\$\{\{/, 'no placeholder left');
    const manifest = JSON.parse(manifestText) as {
      id: string;
      bots: Array<{ botId: string }>;
      name: { short: string };
      validDomains: string[];
    };
    assert.equal(manifest.id, SAMPLE_VALUES.TEAMS_APP_ID);
    assert.equal(manifest.bots[0]?.botId, SAMPLE_VALUES.BOT_ID);
    assert.equal(manifest.name.short, 'Partner merge-local');
    assert.deepEqual(manifest.validDomains, [SAMPLE_VALUES.BOT_DOMAIN]);
    assert.deepEqual(await schemaProblems(manifest as unknown as Record<string, unknown>, 'manifest.json'), []);

    const dutch = JSON.parse(files.get('nl.json')!.toString('utf8')) as Record<string, unknown>;
    assert.equal(dutch['name.short'], 'Partner samenvoegen-local');
    assert.deepEqual(await schemaProblems(dutch, 'nl.json'), []);

    for (const icon of ['color.png', 'outline.png'])
      assert.ok(
        files.get(icon)!.equals(await readFile(join(ROOT, 'appPackage', icon))),
        `${icon} is the committed icon`,
      );
    assert.equal(
      await readFile(join(dir, 'build', 'manifest.ci.json'), 'utf8'),
      manifestText,
      'the filled manifest is kept next to the zip',
    );
  });

  it('names every placeholder without a value, and writes nothing', async () => {
    const { BOT_ID: _bot, TEAMS_APP_ID: _app, ...rest } = SAMPLE_VALUES;
    await assert.rejects(build({ ...rest, BOT_DOMAIN: '' }), (err: unknown) => {
      assert.ok(err instanceof PackageError);
      assert.match(err.message, /env\/\.env\.ci has no value for:/);
      for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'])
        assert.match(err.message, new RegExp(`\\b${name} \\(used in manifest\\.json\\)`));
      assert.doesNotMatch(err.message, /APP_NAME_SUFFIX|DEVELOPER_NAME/);
      return true;
    });
  });

  it('allows an empty name suffix (production)', async () => {
    const built = await build({ ...SAMPLE_VALUES, APP_NAME_SUFFIX: '' });
    assert.equal((built.manifest.name as { short: string }).short, 'Partner merge');
  });

  it('refuses a value the schema does not accept, saying where', async () => {
    await assert.rejects(
      build({ ...SAMPLE_VALUES, BOT_ID: 'not-a-guid', DEVELOPER_WEBSITE_URL: 'http://' }),
      (err: unknown) => {
        assert.ok(err instanceof PackageError);
        assert.match(err.message, /manifest\.json: \/bots\/0\/botId must match pattern/);
        return true;
      },
    );
  });

  it('escapes values as JSON text', async () => {
    const built = await build({ ...SAMPLE_VALUES, DEVELOPER_NAME: 'Contoso "Partners" \\ NL' });
    assert.equal((built.manifest.developer as { name: string }).name, 'Contoso "Partners" \\ NL');
  });

  it('lets real environment variables win over the env file', async () => {
    await writeFile(join(dir, '.env.ci'), envFile({ ...SAMPLE_VALUES, BOT_ID: '' }));
    const built = await buildAppPackage({
      env: 'ci',
      envDir: dir,
      outDir: join(dir, 'build'),
      environment: { BOT_ID: SAMPLE_VALUES.BOT_ID },
    });
    assert.equal((built.manifest.bots as Array<{ botId: string }>)[0]?.botId, SAMPLE_VALUES.BOT_ID);
  });

  it('says which environments exist when the env file is missing, and refuses odd names', async () => {
    await assert.rejects(
      buildAppPackage({ env: 'nope', envDir: dir, environment: {} }),
      /\.env\.nope not found.*local, dev/,
    );
    await assert.rejects(buildAppPackage({ env: '../etc', environment: {} }), /invalid environment name/);
  });

  it('needs provisioning for the committed environments (the Toolkit writes the ids)', async () => {
    for (const env of ['local', 'dev']) {
      await assert.rejects(buildAppPackage({ env, outDir: join(dir, 'build'), environment: {} }), (err: unknown) => {
        assert.ok(err instanceof PackageError);
        assert.match(err.message, /TEAMS_APP_ID[\s\S]*BOT_ID/);
        return true;
      });
    }
  });
});

describe('zip writer and reader', () => {
  it('round-trips files, stored or deflated, with UTF-8 names', () => {
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"a":"'.padEnd(5000, 'x') + '"}') },
      { name: 'tiny.bin', data: Buffer.from([1, 2, 3]) },
      { name: 'map/één.txt', data: Buffer.from('Samenvoegen', 'utf8') },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const zip = writeZip(entries);
    assert.ok(zip.length < 5000, 'compressible data was deflated');
    assert.deepEqual(
      readZip(zip).map((e) => [e.name, e.data.toString('hex')]),
      entries.map((e) => [e.name, e.data.toString('hex')]),
    );
    assert.ok(writeZip(entries).equals(zip), 'the same input gives the same archive');
  });

  it('detects damage', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello hello hello hello') }]);
    const damaged = Buffer.from(zip);
    damaged[35] = (damaged[35] ?? 0) ^ 0xff;
    assert.throws(() => readZip(damaged));
    assert.throws(() => readZip(Buffer.from('not a zip')), /not a ZIP archive/);
  });
});
