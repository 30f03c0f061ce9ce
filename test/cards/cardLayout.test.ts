/**
 * The cards as a person sees them: drawn by the official `adaptivecards` renderer in
 * headless Chromium at Teams' 512 px card width, under Teams' light, dark and high-contrast
 * host configs and the Agents Playground's own. Measured on the rendered page:
 *
 * - heights with "Show details" collapsed (invitation, preview, review-and-confirm ≤ 640 px,
 *   English and Dutch);
 * - WCAG contrast of every visible text against the background it is painted on (≥ 4.5:1);
 * - size of the whole activity for very large accounts (Teams' limit is about 28 KB).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { chromiumInstalled, keepOffline, launchChromium } from '../../scripts/chromium.js';
import { cardSamples, CONTROLS_CSS, TEAMS_MARKDOWN_IN_PAGE, type CardSample } from '../../scripts/renderCards.js';
import { cardAttachment, type AdaptiveCardJson } from '../../cards/render.js';
import { mergeRequestCard } from '../../cards/mergeRequest.js';
import { mergePreviewCard } from '../../cards/mergePreview.js';
import { mergeAuditCard } from '../../cards/mergeAudit.js';
import { mergeHistoryCard } from '../../cards/mergeHistory.js';
import { managerNotificationCardFor } from '../../cards/managerNotification.js';
import { previewMerge } from '../../services/merge/execute.js';
import type { PartnerAccount } from '../../services/model.js';
import { mergeWorld } from './mergeFixtures.js';
import { byId, texts } from './cardQueries.js';
import { watchersCard } from '../../cards/watchers.js';
import { contosoWithWatchers } from './watcherFixtures.js';
import { DEMO } from '../../services/demo/demoData.js';
import { validateCard } from './validate.js';
import { catalogKeys, t, type MessageKey } from '../../services/i18n/index.js';
import { renderCard } from '../../cards/render.js';
import { workAccountResultCard, workAccountResultData } from '../../cards/workAccountResult.js';
import { verdictSamples } from '../workAccount/verdictSamples.js';

const require = createRequire(import.meta.url);
const hostConfig = (file: string): object =>
  JSON.parse(readFileSync(new URL(`./hostConfigs/${file}`, import.meta.url), 'utf8')) as object;

/** The host config the installed Agents Playground renders cards with (its bundle's JSON.parse('…') literal). */
function playgroundHostConfig(): object {
  const bundleDir = require
    .resolve('@microsoft/m365agentsplayground/package.json')
    .replace(/package\.json$/, 'dist/client/static/js/');
  for (const file of readdirSync(bundleDir).filter((f) => /^main\..*\.js$/.test(f))) {
    const source = readFileSync(bundleDir + file, 'utf8');
    const match = /JSON\.parse\('(\{"choiceSetInputValueSeparator".*?)'\)/.exec(source);
    if (match?.[1]) return JSON.parse(match[1].replace(/\\'/g, "'")) as object;
  }
  throw new Error('the Agents Playground bundle has no host config literal (a new Playground version?)');
}

const HOSTS: ReadonlyArray<{ readonly name: string; readonly config: () => object; readonly page: string }> = [
  { name: 'Teams light', config: () => hostConfig('microsoft-teams-light.json'), page: '#FFFFFF' },
  { name: 'Teams dark', config: () => hostConfig('microsoft-teams-dark.json'), page: '#2D2C2C' },
  { name: 'Teams high contrast', config: () => hostConfig('microsoft-teams-high-contrast.json'), page: '#000000' },
  { name: 'Agents Playground', config: playgroundHostConfig, page: '#FFFFFF' },
];

interface Measured {
  readonly height: number;
  /** Visible texts whose contrast is below 4.5:1, with what was measured. */
  readonly lowContrast: ReadonlyArray<{
    readonly text: string;
    readonly ratio: number;
    readonly color: string;
    readonly background: string;
  }>;
  readonly texts: number;
  /** The visible texts, each element's own, in document order (buttons left out). */
  readonly visible: readonly string[];
  /** Buttons of the card's action row that do not fit in its width (cut off at 512 px). */
  readonly clipped: readonly string[];
}

/**
 * Runs in the page (plain JavaScript): renders the card into #card at 512 px, then measures
 * its height and the contrast of every visible text element against its painted background.
 */
const MEASURE_IN_PAGE = String.raw`async ({ card, config, page }) => {
  const sdk = window.AdaptiveCards;
  const adaptiveCard = new sdk.AdaptiveCard();
  adaptiveCard.hostConfig = new sdk.HostConfig(config);
  adaptiveCard.parse(card);
  const element = adaptiveCard.render();
  const host = document.getElementById('card');
  host.replaceChildren(element);
  await document.fonts.ready;
  const parse = (css) => { const m = css.match(/rgba?\(([^)]+)\)/); if (!m) return [0, 0, 0, 0]; const p = m[1].split(',').map((x) => parseFloat(x)); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1]; };
  const hex = page.replace('#', '');
  const pageColor = [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16), 1];
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
    }
    return layers.reverse().reduce((acc, layer) => over(layer, acc), pageColor);
  };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const low = [];
  const visible = [];
  let count = 0;
  // Every element that paints text itself (a direct text node): the colour is the one it is drawn in.
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
  for (const el of host.querySelectorAll('*')) {
    if (el.closest('button') || !ownText(el) || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    count++;
    visible.push(el.textContent.trim());
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) low.push({ text: el.textContent.trim().slice(0, 60), ratio: Math.round(ratio * 100) / 100, color: getComputedStyle(el).color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')' });
  }
  const box = element.getBoundingClientRect();
  // A button sticks out of the card, or its title is cut off inside it (the row squeezes buttons that do not fit).
  const clipped = [...host.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0 && (b.getBoundingClientRect().right > box.right - 1 || b.scrollWidth > b.clientWidth + 1 || [...b.querySelectorAll('*')].some((c) => c.scrollWidth > c.clientWidth + 1))).map((b) => b.textContent.trim());
  return { height: Math.round(box.height), lowContrast: low, texts: count, visible, clipped };
}`;

async function measure(page: Page, card: AdaptiveCardJson, config: object, pageColor: string): Promise<Measured> {
  return page.evaluate<Measured>(`(${MEASURE_IN_PAGE})(${JSON.stringify({ card, config, page: pageColor })})`);
}

/** An account with `locations` locations, `competencies` competencies and `users` users, built from a demo account. */
function large(
  account: PartnerAccount,
  seed: number,
  sizes: { locations: number; competencies: number; users: number },
): PartnerAccount {
  return {
    ...account,
    locations: Array.from({ length: sizes.locations }, (_, i) => ({
      mpnId: String(seed * 1_000_000 + i + 1),
      name: `${account.companyName} office ${i + 1} with a long location name`,
    })),
    competencies: Array.from({ length: sizes.competencies }, (_, i) => ({
      name: `Competency ${i + 1} of ${account.companyName}`,
      level: i % 2 === 0 ? ('gold' as const) : ('silver' as const),
      benefitsExpireOn: `2027-0${(i % 9) + 1}-01`,
    })),
    users: Array.from({ length: sizes.users }, (_, i) => ({
      aadObjectId: `00000000-0000-4000-8000-${String(seed * 100_000 + i).padStart(12, '0')}`,
      tenantId: account.tenants[0]?.tenantId ?? '',
      displayName: `User ${i + 1}`,
      upn: `user${i + 1}@example.com`,
      roles: [],
    })),
  };
}

describe('cards as rendered (Chromium, 512 px, Teams and Playground host configs)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page: Page;
  let samples: CardSample[];
  const world = mergeWorld();

  before(async function () {
    if (!chromiumInstalled()) {
      if (!process.env.CI) this.skip();
      assert.fail('Chromium is required in CI (apt-get install -y chromium)');
    }
    samples = await cardSamples();
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 600, height: 900 },
      deviceScaleFactor: 1,
      locale: 'en-US',
    });
    await keepOffline(context);
    page = await context.newPage();
    // Teams' own buttons (Fluent UI), so a row of buttons that would not fit in Teams does not fit here either.
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0} #card{width:512px} ${CONTROLS_CSS('light')}</style></head><body><div id="card"></div></body></html>`,
    );
    await page.addScriptTag({
      content: await readFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8'),
    });
    await page.addScriptTag({ content: TEAMS_MARKDOWN_IN_PAGE });
  });

  after(async () => {
    await browser?.close();
  });

  it('keeps the invitation, the preview and the review-and-confirm card within 640 px, in English and Dutch', async () => {
    const teams = hostConfig('microsoft-teams-light.json');
    const heights: string[] = [];
    for (const locale of ['en-US', 'nl-NL'] as const) {
      const cards = {
        invitation: mergeRequestCard(world.input('invited', 'invitedAdmin', locale)),
        preview: mergePreviewCard({ preview: world.preview, locale }),
        reviewAndConfirm: mergeRequestCard(world.input('accepted', 'initiatorAdmin', locale)),
      };
      for (const [name, card] of Object.entries(cards)) {
        const { height } = await measure(page, card, teams, '#FFFFFF');
        heights.push(`${name} ${locale}: ${height} px`);
        assert.ok(height > 150 && height <= 640, `${name} (${locale}) is ${height} px tall`);
      }
    }
    console.log(`      ${heights.join(', ')}`);
  });

  it('keeps every work-account verdict card within 360 px with details collapsed, no value shown twice, in English and Dutch', async () => {
    const teams = hostConfig('microsoft-teams-light.json');
    const reports = await verdictSamples();
    const heights: string[] = [];
    for (const [situation, report] of Object.entries(reports)) {
      for (const locale of ['en-US', 'nl-NL'] as const) {
        const card = renderCard(workAccountResultCard, workAccountResultData(report, locale));
        const { height, visible, clipped } = await measure(page, card, teams, '#FFFFFF');
        heights.push(`${situation} ${locale === 'en-US' ? 'en' : 'nl'}: ${height}`);
        assert.ok(height > 100 && height <= 360, `${situation} (${locale}) is ${height} px tall`);
        assert.deepEqual(clipped, [], `${situation} (${locale}): every button fits`);
        assert.equal(
          new Set(visible).size,
          visible.length,
          `${situation} (${locale}) shows a text twice: ${visible.join(' | ')}`,
        );
        for (const value of new Set(
          [
            report.facts.domain,
            report.facts.tenant?.displayName,
            report.facts.tenant?.tenantId,
            report.consent?.organization,
          ].filter((v): v is string => !!v),
        )) {
          const alone = new RegExp(`(?<![\\w.-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`, 'i');
          assert.ok(
            visible.filter((text) => alone.test(text)).length <= 1,
            `${situation} (${locale}) shows "${value}" twice: ${visible.join(' | ')}`,
          );
        }
      }
    }
    console.log(`      px at 512 px, Teams light: ${heights.join(', ')}`);
  });

  it("fits every button of every card in the width of a Teams card (512 px, Teams' buttons)", async () => {
    const teams = hostConfig('microsoft-teams-light.json');
    for (const sample of samples) {
      const { clipped } = await measure(page, sample.card, teams, '#FFFFFF');
      assert.deepEqual(clipped, [], `${sample.name}: buttons cut off`);
    }
  });

  it('keeps the managers list of 10 people within 640 px, for an admin and read-only, in English and Dutch', async () => {
    const teams = hostConfig('microsoft-teams-light.json');
    const account = contosoWithWatchers(10);
    const heights: string[] = [];
    for (const locale of ['en-US', 'nl-NL'] as const) {
      for (const admin of [true, false]) {
        const card = watchersCard({
          account,
          viewer: admin ? DEMO.contoso.admin : DEMO.contoso.user,
          canChange: admin,
          isWatcher: false,
          entraManager: true,
          limit: 50,
          notice: admin ? t(locale, 'watchers.notice.added', { names: 'Patti Fernandez' }) : '',
          locale,
        });
        assert.deepEqual(validateCard(card), []);
        const { height } = await measure(page, card, teams, '#FFFFFF');
        heights.push(`${admin ? 'admin' : 'read-only'} ${locale}: ${height} px`);
        assert.ok(
          height > 300 && height <= 640,
          `managers list (${admin ? 'admin' : 'read-only'}, ${locale}) is ${height} px tall`,
        );
      }
    }
    console.log(`      ${heights.join(', ')}`);
  });

  it('keeps every registration and people card within 640 px and valid, in English and Dutch', async () => {
    const teams = hostConfig('microsoft-teams-light.json');
    const heights: string[] = [];
    for (const sample of samples.filter((s) =>
      ['registrationForm', 'registration', 'accountPeople', 'notice'].includes(s.template),
    )) {
      assert.deepEqual(validateCard(sample.card), [], sample.name);
      const { height, clipped } = await measure(page, sample.card, teams, '#FFFFFF');
      heights.push(`${sample.name}: ${height}`);
      assert.ok(height > 80 && height <= 640, `${sample.name} is ${height} px tall`);
      assert.deepEqual(clipped, [], `${sample.name}: every button fits`);
    }
    console.log(`      px at 512 px, Teams light: ${heights.join(', ')}`);
  });

  for (const host of HOSTS) {
    it(`meets WCAG AA contrast (4.5:1) for every visible text under ${host.name}`, async () => {
      const config = host.config();
      let measured = 0;
      for (const sample of samples) {
        const result = await measure(page, sample.card, config, host.page);
        measured += result.texts;
        assert.deepEqual(result.lowContrast, [], `${sample.name} under ${host.name}`);
      }
      assert.ok(measured > 100, `measured ${measured} texts`);
    });
  }

  it('shows hostile user text as typed: no link, bold, italics or code from it, and no stray backslash', async () => {
    const hostile = [
      '[x](https://evil.example)',
      '**bold**',
      '_it_',
      '`code`',
      '<b>html</b>',
      '# heading',
      '- item',
      '1. first',
      '~~gone~~',
      '{{DATE(2020-01-01T00:00:00Z)}}',
      'a\\b',
      'Dots. Dashes - and (parens)!',
    ];
    const reason = hostile.join(' ');
    const world = mergeWorld({
      reason,
      invitedName: 'Fabricam *Ltd*',
      displayName: (n: string) => `${n} [me](https://evil.example)`,
    });
    const card = mergeRequestCard(world.input('rejected', 'initiatorAdmin', 'en-US'));
    await measure(page, card, hostConfig('microsoft-teams-light.json'), '#FFFFFF');
    const rendered = await page.evaluate<{ text: string; markup: number }>(
      "({ text: document.getElementById('card').innerText, markup: document.querySelectorAll('#card a, #card strong, #card em, #card code, #card b, #card h1').length })",
    );
    assert.equal(rendered.markup, 0, 'no markup came from user text');
    assert.ok(rendered.text.includes(reason), `the reason reads as typed: ${rendered.text}`);
    assert.ok(rendered.text.includes('Fabricam *Ltd*'));
    assert.ok(rendered.text.includes('Nestor Wilke [me](https://evil.example)'));
    assert.doesNotMatch(rendered.text, /\\[.\-!()#+*_[\]]/, 'no stray backslash before punctuation');
  });

  it('writes every catalog text and every card without a backslash of its own', () => {
    // The cards of the samples carry only the bot's own texts and ordinary names.
    for (const sample of samples)
      assert.doesNotMatch(JSON.stringify(sample.card).replace(/\\\\n/g, ''), /\\\\[^"\\u]/, sample.name);
    // Catalog texts that reach a card as a notice (the one place the bot's own text is escaped, for the names in it).
    for (const lang of ['en', 'nl'] as const) {
      for (const key of catalogKeys()[lang].filter(
        (k) => k.startsWith('merge.error.') || k.startsWith('mergeFlow.card.'),
      )) {
        const notice = t(lang, key as MessageKey, {
          status: 'invited',
          mpnId: '3333333',
          company: 'Fabricam',
          mergeId: 'm-1',
          expiresAt: 'Mon, Jun 15, 2020',
          input: 'abc',
          action: 'accept',
          accounts: '1',
          length: 1,
          max: 1,
          kind: 'merge',
          id: 'm-1',
          expected: 1,
          actual: 2,
          mergedInto: '1',
          globalMpnId: '3',
          problems: 1,
          side: 'invited',
          mergedOn: 'Mon, Jun 15, 2020',
        });
        const card = mergeRequestCard(
          world.input('invited', 'invitedAdmin', lang === 'en' ? 'en-US' : 'nl-NL', { notice }),
        );
        const shown = texts(byId(card, 'notice')).join(' ');
        assert.doesNotMatch(shown, /\\[.\-!()#+,:;?]/, `${lang} ${key}: ${shown}`);
      }
    }
  });

  it('keeps every card of very large accounts under Teams’ message size and height limits', async () => {
    const sizes = { locations: 500, competencies: 40, users: 300 };
    const big = { ...world, contoso: large(world.contoso, 1, sizes), fabricam: large(world.fabricam, 2, sizes) };
    const preview = previewMerge(big.contoso, big.fabricam);
    const mergedAccount = {
      ...big.contoso,
      locations: preview.locations.map((l) => ({ mpnId: l.mpnId, name: l.name })),
    };
    const cards: Record<string, AdaptiveCardJson> = {
      preview: mergePreviewCard({ preview, locale: 'nl-NL' }),
      invitation: mergeRequestCard({ ...world.input('invited', 'invitedAdmin', 'nl-NL'), preview }),
      reviewAndConfirm: mergeRequestCard({ ...world.input('accepted', 'initiatorAdmin', 'nl-NL'), preview }),
      completed: mergeRequestCard({ ...world.input('completed', 'invitedAdmin', 'nl-NL'), preview, mergedAccount }),
      audit: mergeAuditCard({ request: world.requests.completed, locale: 'nl-NL' }),
      history: mergeHistoryCard({ account: big.contoso, entries: [], locale: 'nl-NL' }),
      manager: managerNotificationCardFor(world.requests.completed, 'nl-NL'),
    };
    const teams = hostConfig('microsoft-teams-light.json');
    const measured: string[] = [];
    for (const [name, card] of Object.entries(cards)) {
      const activity = { type: 'message', attachments: [cardAttachment(card)] };
      const bytes = Buffer.byteLength(JSON.stringify(activity));
      assert.ok(bytes < 28_000, `${name}: ${bytes} bytes`);
      const { height } = await measure(page, card, teams, '#FFFFFF');
      assert.ok(height <= 800, `${name}: ${height} px with details collapsed`);
      measured.push(`${name} ${Math.round(bytes / 100) / 10} KB ${height} px`);
    }
    console.log(`      ${measured.join(', ')}`);
  });
});
