/**
 * The card pictures in docs/cards (npm run cards:render): one sample per card template at
 * least, each in light and dark, all shown in the README; and the renderer itself works
 * (one card drawn in headless Chromium, where Chromium is installed).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumInstalled } from '../../scripts/chromium.js';
import {
  CARDS_DIR,
  GALLERY_FILE,
  THEMES,
  cardSamples,
  galleryMarkdown,
  renderCardPictures,
  type CardSample,
} from '../../scripts/renderCards.js';
import { ROOT } from '../../scripts/package.js';
import { readPngHeader } from '../../scripts/png.js';
import { validateCard } from '../cards/validate.js';

describe('card pictures (docs/cards)', function () {
  this.timeout(60_000);
  let samples: CardSample[];
  before(async () => {
    samples = await cardSamples();
  });

  it('has a sample of every card template, each a valid card', () => {
    const templates = readdirSync(join(ROOT, 'cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    assert.deepEqual([...new Set(samples.map((s) => s.template))].sort(), templates);
    for (const sample of samples) assert.deepEqual(validateCard(sample.card), [], sample.name);
    assert.ok(
      samples.some((s) => s.locale === 'nl-NL'),
      'Dutch cards are shown too',
    );
  });

  it('has a light and a dark picture of every sample', () => {
    for (const sample of samples) {
      for (const theme of THEMES) {
        const file = join(CARDS_DIR, `${sample.name}.${theme}.png`);
        assert.ok(existsSync(file), `${file} exists (npm run cards:render)`);
        const { width, height } = readPngHeader(readFileSync(file));
        assert.ok(
          width >= 480 && height >= 100,
          `${sample.name}.${theme}.png is a card-sized picture (${width}×${height})`,
        );
      }
    }
  });

  it('shows every picture in docs/cards.md, dark ones for dark mode, and docs/cards.md is current', () => {
    const gallery = readFileSync(GALLERY_FILE, 'utf8');
    assert.equal(gallery, galleryMarkdown(samples), 'docs/cards.md is stale: run `npm run cards:render`');
    for (const sample of samples) {
      assert.ok(gallery.includes(`cards/${sample.name}.light.png`), `docs/cards.md shows ${sample.name}`);
      assert.ok(gallery.includes(`cards/${sample.name}.dark.png`), `docs/cards.md shows ${sample.name} in dark mode`);
    }
  });

  it('shows a few cards in the README, pictures that exist, and links the gallery', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, /\(docs\/cards\.md\)/);
    const shown = [...readme.matchAll(/src="docs\/cards\/([^"]+)\.light\.png"/g)].map((m) => m[1] ?? '');
    assert.ok(shown.length >= 2 && shown.length <= 4, `${shown.length} pictures in the README`);
    for (const name of shown) {
      assert.ok(
        samples.some((s) => s.name === name),
        `${name} is a current sample`,
      );
      assert.ok(readme.includes(`docs/cards/${name}.dark.png`), `${name} has its dark picture in the README`);
    }
    assert.ok(
      shown.some((name) => name.startsWith('workAccount-')),
      'a work-account verdict',
    );
  });

  it('renders a card in Chromium with the Teams-like host config', async function () {
    if (!chromiumInstalled()) {
      if (!process.env.CI) this.skip();
      assert.fail('Chromium is required in CI (apt-get install -y chromium)');
    }
    const dir = await mkdtemp(join(tmpdir(), 'card-pictures-'));
    try {
      const help = samples.find((s) => s.name === 'help');
      assert.ok(help);
      const files = await renderCardPictures([help], dir);
      assert.deepEqual(files.map((f) => f.slice(dir.length + 1)).sort(), ['help.dark.png', 'help.light.png']);
      for (const file of files) {
        const { width, height } = readPngHeader(await readFile(file));
        assert.ok(width >= 480 && height > 200, `${file}: ${width}×${height}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
