/**
 * The Teams app package sources (appPackage/): the manifest and its Dutch language file
 * validate offline against Microsoft's schemas bundled with @microsoft/app-manifest, the
 * bot menu's commands are commands the bot understands in both languages, and the icons
 * are what Teams asks for (192×192 colour, 32×32 white on transparent), as drawn by
 * scripts/icons.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { recognizeIntent, type Intent } from '../../dialogs/intents.js';
import { BRAND_COLOR, ICON_SIZES, colorIcon, outlineIcon } from '../../scripts/icons.js';
import { ROOT, placeholdersIn, schemaProblems } from '../../scripts/package.js';
import { decodePng, readPngHeader } from '../../scripts/png.js';
import { SAMPLE_VALUES } from './fixtures.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const manifestText = read('appPackage/manifest.json');
const dutchText = read('appPackage/nl.json');

const fill = (text: string): Record<string, unknown> =>
  JSON.parse(
    text.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => SAMPLE_VALUES[name] ?? `missing-${name}`),
  ) as Record<string, unknown>;

interface Command {
  readonly title: string;
  readonly description?: string;
}
interface Bot {
  readonly botId: string;
  readonly scopes: readonly string[];
  readonly supportsFiles: boolean;
  readonly isNotificationOnly: boolean;
  readonly commandLists: ReadonlyArray<{ readonly scopes: readonly string[]; readonly commands: readonly Command[] }>;
}
interface Manifest {
  readonly $schema: string;
  readonly manifestVersion: string;
  readonly version: string;
  readonly accentColor: string;
  readonly icons: { readonly color: string; readonly outline: string };
  readonly bots: readonly Bot[];
  readonly validDomains: readonly string[];
  readonly localizationInfo: {
    readonly defaultLanguageTag: string;
    readonly additionalLanguages: ReadonlyArray<{ readonly languageTag: string; readonly file: string }>;
  };
}

const manifest = fill(manifestText) as unknown as Manifest;
const bot = manifest.bots[0]!;

/** What each menu command must start, by position in the personal list. */
const EXPECTED_INTENTS: ReadonlyArray<Intent['kind']> = ['help', 'checkDomain', 'startMerge', 'history', 'managers'];

describe('Teams app manifest', () => {
  it('uses a current schema version, named consistently', () => {
    const version = /\/teams\/v(\d+)\.(\d+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema);
    assert.ok(version, `$schema is a Teams manifest schema URL: ${manifest.$schema}`);
    assert.equal(manifest.manifestVersion, `${version[1]}.${version[2]}`);
    assert.ok(Number(version[1]) === 1 && Number(version[2]) >= 19, 'v1.19 or newer');
  });

  it('is valid against the official schema once filled (offline)', async () => {
    assert.deepEqual(await schemaProblems(manifest as unknown as Record<string, unknown>, 'manifest.json'), []);
  });

  it('has a Dutch language file that is valid too', async () => {
    assert.deepEqual(manifest.localizationInfo.defaultLanguageTag, 'en-us');
    assert.deepEqual(manifest.localizationInfo.additionalLanguages, [{ languageTag: 'nl', file: 'nl.json' }]);
    const dutch = fill(dutchText);
    assert.deepEqual(await schemaProblems(dutch, 'nl.json'), []);
    assert.equal(
      dutch.$schema,
      manifest.$schema.replace('MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json'),
    );
  });

  it('uses only the placeholders the env files define, and the same in both files', () => {
    const used = [...new Set([...placeholdersIn(manifestText), ...placeholdersIn(dutchText)])].sort();
    assert.deepEqual(used, Object.keys(SAMPLE_VALUES).sort());
    for (const env of ['local', 'dev']) {
      const defined = Object.keys(parseDotenv(read(`env/.env.${env}`)));
      assert.deepEqual(
        used.filter((name) => !defined.includes(name)),
        [],
        `env/.env.${env} lists every placeholder`,
      );
    }
  });

  it('declares a conversational bot without files, personal first, with team and group chat', () => {
    assert.equal(bot.botId, SAMPLE_VALUES.BOT_ID);
    assert.equal(bot.supportsFiles, false);
    assert.equal(bot.isNotificationOnly, false);
    assert.deepEqual(bot.scopes, ['personal', 'team', 'groupChat']);
    assert.deepEqual(
      bot.commandLists.map((l) => l.scopes),
      [['personal'], ['team', 'groupChat']],
    );
    assert.deepEqual(manifest.validDomains, [SAMPLE_VALUES.BOT_DOMAIN]);
  });

  it('offers menu commands the bot understands, in English and in Dutch', () => {
    const dutch = JSON.parse(dutchText) as Record<string, string>;
    const [personal, shared] = bot.commandLists;
    assert.deepEqual(
      personal?.commands.map((c) => recognizeIntent(c.title).kind),
      EXPECTED_INTENTS,
    );
    assert.deepEqual(
      shared?.commands.map((c) => recognizeIntent(c.title).kind),
      ['help', 'checkDomain'],
      'merges stay in personal chats',
    );
    bot.commandLists.forEach((list, l) =>
      list.commands.forEach((command, c) => {
        const title = dutch[`bots[0].commandLists[${l}].commands[${c}].title`];
        assert.ok(title, `Dutch title for ${command.title}`);
        assert.equal(
          recognizeIntent(title).kind,
          recognizeIntent(command.title).kind,
          `"${title}" means "${command.title}"`,
        );
        assert.ok(
          dutch[`bots[0].commandLists[${l}].commands[${c}].description`],
          `Dutch description for ${command.title}`,
        );
      }),
    );
    const commandKeys = Object.keys(dutch).filter((k) => k.startsWith('bots['));
    assert.equal(
      commandKeys.length,
      2 * bot.commandLists.reduce((n, l) => n + l.commands.length, 0),
      'no Dutch text for a command that does not exist',
    );
  });

  it('keeps the app version in step with package.json', () => {
    const pkg = JSON.parse(read('package.json')) as { version: string };
    assert.equal(manifest.version, pkg.version);
  });
});

describe('Teams app icons', () => {
  const colorPng = readFileSync(join(ROOT, 'appPackage', manifest.icons.color));
  const outlinePng = readFileSync(join(ROOT, 'appPackage', manifest.icons.outline));

  it('colour icon: 192×192 RGBA, opaque, on the accent colour', () => {
    assert.deepEqual(readPngHeader(colorPng), {
      width: ICON_SIZES.color,
      height: ICON_SIZES.color,
      bitDepth: 8,
      colorType: 6,
      interlace: 0,
    });
    const { rgba } = decodePng(colorPng);
    for (let i = 3; i < rgba.length; i += 4) assert.equal(rgba[i], 255, 'every pixel is opaque');
    const corner = [...rgba.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
    assert.equal(
      `#${corner}`.toUpperCase(),
      manifest.accentColor.toUpperCase(),
      'the background is the manifest accentColor',
    );
    assert.equal(manifest.accentColor, BRAND_COLOR);
    const white = [...Array(rgba.length / 4).keys()].filter(
      (p) => rgba[p * 4] === 255 && rgba[p * 4 + 1] === 255 && rgba[p * 4 + 2] === 255,
    ).length;
    assert.ok(white > 1000, 'there is a white mark on it');
  });

  it('outline icon: 32×32, white on a transparent background', () => {
    assert.deepEqual(readPngHeader(outlinePng), {
      width: ICON_SIZES.outline,
      height: ICON_SIZES.outline,
      bitDepth: 8,
      colorType: 6,
      interlace: 0,
    });
    const { rgba, width } = decodePng(outlinePng);
    let visible = 0;
    for (let p = 0; p < rgba.length / 4; p++) {
      const [r, g, b, a] = [rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2], rgba[p * 4 + 3]];
      if (a === 0) continue;
      visible++;
      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${p % width},${Math.floor(p / width)} is white`);
    }
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ] as const)
      assert.equal(rgba[(y * width + x) * 4 + 3], 0, `corner ${x},${y} is transparent`);
    assert.ok(visible > 100 && visible < 32 * 32 * 0.6, `a mark, not a filled square (${visible} visible pixels)`);
  });

  it('are what scripts/icons.ts draws (run `npm run icons` after changing it)', () => {
    assert.deepEqual(decodePng(colorPng).rgba, colorIcon().rgba);
    assert.deepEqual(decodePng(outlinePng).rgba, outlineIcon().rgba);
  });
});
