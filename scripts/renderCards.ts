/**
 * Pictures of every card, for docs/cards.md and the README: `npm run cards:render`.
 *
 * Each card template is rendered with sample data built by the real presenters (the demo
 * accounts, merge requests in several states from test/cards/mergeFixtures.ts, and
 * work-account reports from the real service against the loopback Microsoft cloud of the
 * tests), then drawn by the official `adaptivecards` renderer in headless Chromium with a
 * Teams-like host config, light and dark, to docs/cards/<name>.<light|dark>.png.
 *
 * Teams' markdown subset (bold, italics, links, backslash escapes) is handled by a small
 * processor here, as Teams does; DATE()/TIME() follow the page's locale (en-US or nl-NL)
 * in the Europe/Amsterdam time zone. Emoji need a colour emoji font (Debian:
 * fonts-noto-color-emoji).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { helpCardAttachment } from '../dialogs/helpCard.js';
import type { AdaptiveCardJson } from '../cards/render.js';
import { renderCard } from '../cards/render.js';
import { workAccountResultCard, workAccountResultData } from '../cards/workAccountResult.js';
import { mergePreviewCard } from '../cards/mergePreview.js';
import { mergeRequestCard } from '../cards/mergeRequest.js';
import { mergeHistoryCard } from '../cards/mergeHistory.js';
import { mergeAuditCard } from '../cards/mergeAudit.js';
import { managerNotificationCardFor } from '../cards/managerNotification.js';
import { supersededCard } from '../cards/superseded.js';
import { mergeUnavailableCard } from '../cards/mergeUnavailable.js';
import { watchersCard } from '../cards/watchers.js';
import { watcherWelcomeCard } from '../cards/watcherWelcome.js';
import { contosoWithWatchers } from '../test/cards/watcherFixtures.js';
import { DEMO } from '../services/demo/demoData.js';
import type { MergeHistoryEntry } from '../services/merge/mergeService.js';
import { mergeWorld } from '../test/cards/mergeFixtures.js';
import { verdictSamples } from '../test/workAccount/verdictSamples.js';
import { keepOffline, launchChromium } from './chromium.js';
import { registrationFormCard } from '../cards/registrationForm.js';
import { registrationCard } from '../cards/registration.js';
import { accountPeopleCard } from '../cards/accountPeople.js';
import { notKnownCard, userWelcomeCard } from '../cards/notice.js';
import { contosoPeople, litwareRegistration } from '../test/cards/registrationFixtures.js';
import { parseRegistrationForm } from '../services/accounts/registration.js';

export const CARDS_DIR = fileURLToPath(new URL('../docs/cards/', import.meta.url));
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface CardSample {
  /** File name stem: docs/cards/<name>.<theme>.png. */
  readonly name: string;
  /** The template (cards/<template>.json) it shows. */
  readonly template: string;
  /** Caption in the README. */
  readonly caption: string;
  readonly locale: 'en-US' | 'nl-NL';
  readonly card: AdaptiveCardJson;
}

/** Every sample, built with the real presenters. Needs the loopback Graph for the work-account cards. */
export async function cardSamples(): Promise<CardSample[]> {
  const world = mergeWorld();
  const reports = await verdictSamples();
  const history: MergeHistoryEntry[] = [world.requests.completed, world.requests.rejected].map((request) => ({
    role: 'initiator' as const,
    other: { mpnId: request.invitedMpnId, companyName: request.invitedCompanyName },
    request,
  }));
  const help = (locale: 'en-US' | 'nl-NL'): AdaptiveCardJson =>
    helpCardAttachment(locale, 'Adele Vance').content as AdaptiveCardJson;
  const team = contosoWithWatchers(5);
  const watchers = (admin: boolean, locale: 'en-US' | 'nl-NL'): AdaptiveCardJson =>
    watchersCard({
      account: team,
      viewer: admin ? DEMO.contoso.admin : DEMO.contoso.user,
      canChange: admin,
      isWatcher: false,
      entraManager: false,
      limit: 50,
      locale,
    });
  const workAccount = (key: keyof typeof reports, locale: 'en-US' | 'nl-NL' = 'en-US') =>
    renderCard(workAccountResultCard, workAccountResultData(reports[key], locale));
  return [
    {
      name: 'help',
      template: 'help',
      caption: 'Help: what the bot does, a button per job',
      locale: 'en-US',
      card: help('en-US'),
    },
    {
      name: 'help.nl',
      template: 'help',
      caption: 'Help in Dutch (Teams in Dutch)',
      locale: 'nl-NL',
      card: help('nl-NL'),
    },
    {
      name: 'workAccount-ready',
      template: 'workAccountResult',
      caption: 'Work-account check: the domain can be linked',
      locale: 'en-US',
      card: workAccount('ready'),
    },
    {
      name: 'workAccount-regional',
      template: 'workAccountResult',
      caption: 'Use your headquarters domain: one click checks it instead',
      locale: 'en-US',
      card: workAccount('regional'),
    },
    {
      name: 'workAccount-personal',
      template: 'workAccountResult',
      caption: 'A personal mailbox is refused, with the way to a work account',
      locale: 'en-US',
      card: workAccount('personal'),
    },
    {
      name: 'workAccount-noWorkAccount',
      template: 'workAccountResult',
      caption: 'No tenant owns the domain: one is created during enrollment',
      locale: 'en-US',
      card: workAccount('noWorkAccount'),
    },
    {
      name: 'workAccount-needsRole.nl',
      template: 'workAccountResult',
      caption: 'An admin role is needed (Dutch)',
      locale: 'nl-NL',
      card: workAccount('needsRole', 'nl-NL'),
    },
    {
      name: 'workAccount-consent',
      template: 'workAccountResult',
      caption: "A partner's organization has not connected the app yet: the consent link for it",
      locale: 'en-US',
      card: workAccount('consent'),
    },
    {
      name: 'workAccount-otherTenant',
      template: 'workAccountResult',
      caption: "Another organization's domain",
      locale: 'en-US',
      card: workAccount('otherTenant'),
    },
    {
      name: 'workAccount-unverified',
      template: 'workAccountResult',
      caption: 'A domain added but not verified',
      locale: 'en-US',
      card: workAccount('unverified'),
    },
    {
      name: 'workAccount-unconfirmed',
      template: 'workAccountResult',
      caption: 'Partly checked: Microsoft Graph did not answer, Check again',
      locale: 'en-US',
      card: workAccount('unconfirmed'),
    },
    {
      name: 'workAccount-cannotCheck',
      template: 'workAccountResult',
      caption: 'Nothing could be checked just now',
      locale: 'en-US',
      card: workAccount('cannotCheck'),
    },
    {
      name: 'mergePreview',
      template: 'mergePreview',
      caption: 'Start merge: what the merge will do, before the invitation',
      locale: 'en-US',
      card: mergePreviewCard({ preview: world.preview, locale: 'en-US' }),
    },
    {
      name: 'mergeRequest-invited',
      template: 'mergeRequest',
      caption: 'The invitation, as the invited Account admin sees it',
      locale: 'en-US',
      card: mergeRequestCard(world.input('invited', 'invitedAdmin', 'en-US')),
    },
    {
      name: 'mergeRequest-accepted',
      template: 'mergeRequest',
      caption: 'Approved: the initiator reviews and confirms',
      locale: 'en-US',
      card: mergeRequestCard(world.input('accepted', 'initiatorAdmin', 'en-US')),
    },
    {
      name: 'mergeRequest-rejected',
      template: 'mergeRequest',
      caption: 'Rejected, with the reason',
      locale: 'en-US',
      card: mergeRequestCard(world.input('rejected', 'initiatorAdmin', 'en-US')),
    },
    {
      name: 'mergeRequest-completed',
      template: 'mergeRequest',
      caption: 'Completed: the merged account and what to check next',
      locale: 'en-US',
      card: mergeRequestCard(world.input('completed', 'initiatorAdmin', 'en-US')),
    },
    {
      name: 'mergeRequest-accepted.nl',
      template: 'mergeRequest',
      caption: 'Approved, in Dutch',
      locale: 'nl-NL',
      card: mergeRequestCard(world.input('accepted', 'initiatorAdmin', 'nl-NL')),
    },
    {
      name: 'mergeHistory',
      template: 'mergeHistory',
      caption: 'Merge history of an account',
      locale: 'en-US',
      card: mergeHistoryCard({
        account: { ...world.contoso, audit: team.audit ?? [] },
        entries: history,
        locale: 'en-US',
      }),
    },
    {
      name: 'mergeAudit',
      template: 'mergeAudit',
      caption: 'One merge with its audit trail',
      locale: 'en-US',
      card: mergeAuditCard({ request: world.requests.completed, locale: 'en-US' }),
    },
    {
      name: 'managerNotification',
      template: 'managerNotification',
      caption: 'What a manager is told (here: a rejection)',
      locale: 'en-US',
      card: managerNotificationCardFor(world.requests.rejected, 'en-US'),
    },
    {
      name: 'mergeUnavailable',
      template: 'mergeUnavailable',
      caption: 'A merge someone is not part of: nothing of it is shown',
      locale: 'en-US',
      card: mergeUnavailableCard('en-US'),
    },
    {
      name: 'watchers',
      template: 'watchers',
      caption: 'Managers: who gets the merge notifications, as an Account admin sees it',
      locale: 'en-US',
      card: watchers(true, 'en-US'),
    },
    {
      name: 'watchers-readOnly.nl',
      template: 'watchers',
      caption: 'Managers, read-only for a user without the Account admin role (Dutch)',
      locale: 'nl-NL',
      card: watchers(false, 'nl-NL'),
    },
    {
      name: 'watcherWelcome',
      template: 'watcherWelcome',
      caption: 'What a person added as a manager receives',
      locale: 'en-US',
      card: watcherWelcomeCard({ account: team, watcher: team.watchers[1], locale: 'en-US' }),
    },
    {
      name: 'superseded',
      template: 'superseded',
      caption: 'An earlier card once a newer one about the merge arrived',
      locale: 'en-US',
      card: supersededCard(world.requests.accepted, 'merge', 'en-US'),
    },
    ...joiningSamples(),
  ];
}

/** Companies that join in Teams, and the people of an account. */
function joiningSamples(): CardSample[] {
  const unknown = (locale: 'en-US' | 'nl-NL'): AdaptiveCardJson =>
    helpCardAttachment(locale, 'Allan Deyoung', { member: false, canRegister: true, reviewer: false })
      .content as AdaptiveCardJson;
  const requester = { name: DEMO.litware.admin.displayName, address: DEMO.litware.admin.upn };
  const badForm = {
    globalMpnId: '1111111',
    companyName: 'Litware, Inc.',
    domains: 'litware.com, gmail.com',
    locations: '',
  };
  const parsed = parseRegistrationForm(badForm);
  const problems = parsed.ok ? [] : parsed.problems;
  const people = contosoPeople();
  const registration = (
    status: 'pending' | 'approved' | 'rejected',
    audience: 'requester' | 'reviewer',
    locale: 'en-US' | 'nl-NL' = 'en-US',
  ) => registrationCard({ registration: litwareRegistration(status), audience, locale });
  return [
    {
      name: 'help-unknown',
      template: 'help',
      caption: 'Help for someone whose company the bot does not know: Register your company',
      locale: 'en-US',
      card: unknown('en-US'),
    },
    {
      name: 'notKnown',
      template: 'notice',
      caption: 'A merge asked for by someone the bot does not know',
      locale: 'en-US',
      card: notKnownCard({
        reason: 'You are not an Account admin of a partner account that I know.',
        canRegister: true,
        locale: 'en-US',
      }),
    },
    {
      name: 'registrationForm',
      template: 'registrationForm',
      caption: 'Register your company: Partner ID, name, domains, locations',
      locale: 'en-US',
      card: registrationFormCard({ locale: 'en-US', requester }),
    },
    {
      name: 'registrationForm-problems.nl',
      template: 'registrationForm',
      caption: 'The form again, with every problem at once (Dutch)',
      locale: 'nl-NL',
      card: registrationFormCard({ locale: 'nl-NL', requester, values: badForm, problems }),
    },
    {
      name: 'registration-pending',
      template: 'registration',
      caption: 'Sent: the requester waits for the reviewers',
      locale: 'en-US',
      card: registration('pending', 'requester'),
    },
    {
      name: 'registration-review',
      template: 'registration',
      caption: "A reviewer's card: what the bot checked, what is left to check, Approve or Reject",
      locale: 'en-US',
      card: registration('pending', 'reviewer'),
    },
    {
      name: 'registration-approved',
      template: 'registration',
      caption: 'Approved: the requester is the Account admin, with the next steps',
      locale: 'en-US',
      card: registration('approved', 'requester'),
    },
    {
      name: 'registration-rejected.nl',
      template: 'registration',
      caption: 'Rejected, with the reason (Dutch)',
      locale: 'nl-NL',
      card: registration('rejected', 'requester', 'nl-NL'),
    },
    {
      name: 'accountPeople',
      template: 'accountPeople',
      caption: 'People and locations, as an Account admin sees them',
      locale: 'en-US',
      card: accountPeopleCard({ account: people, viewer: DEMO.contoso.admin, canChange: true, locale: 'en-US' }),
    },
    {
      name: 'accountPeople-readOnly.nl',
      template: 'accountPeople',
      caption: 'People and locations, read-only (Dutch)',
      locale: 'nl-NL',
      card: accountPeopleCard({ account: people, viewer: DEMO.contoso.user, canChange: false, locale: 'nl-NL' }),
    },
    {
      name: 'userWelcome',
      template: 'notice',
      caption: 'What a person added as a user receives',
      locale: 'en-US',
      card: userWelcomeCard({
        account: people,
        user: people.users.at(-1)!,
        addedBy: DEMO.contoso.admin,
        addedAt: '2026-12-01T14:05:00Z',
        locale: 'en-US',
      }),
    },
  ];
}

interface ContainerStyle {
  readonly backgroundColor: string;
  readonly foregroundColors: Readonly<
    Record<
      'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention',
      { default: string; subtle: string }
    >
  >;
}

function containerStyle(
  background: string,
  text: { default: string; subtle: string },
  colors: Readonly<Record<'accent' | 'good' | 'warning' | 'attention', string>>,
): ContainerStyle {
  const pair = (c: string) => ({ default: c, subtle: `${c}B3` });
  return {
    backgroundColor: background,
    foregroundColors: {
      default: text,
      dark: { default: '#242424', subtle: '#616161' },
      light: { default: '#FFFFFF', subtle: '#FFFFFFB3' },
      accent: pair(colors.accent),
      good: pair(colors.good),
      warning: pair(colors.warning),
      attention: pair(colors.attention),
    },
  };
}

/** Close to Teams' own host config (Fluent UI, "Segoe UI"), light and dark. */
export function hostConfig(theme: Theme): Record<string, unknown> {
  const light = theme === 'light';
  const text = light ? { default: '#242424', subtle: '#616161' } : { default: '#FFFFFF', subtle: '#ADADAD' };
  const colors = light
    ? { accent: '#5B5FC7', good: '#0E700E', warning: '#835B00', attention: '#C4314B' }
    : { accent: '#7F85F5', good: '#92C353', warning: '#F8D22A', attention: '#F9526B' };
  const backgrounds = light
    ? {
        default: '#FFFFFF',
        emphasis: '#F5F5F5',
        accent: '#E8EBFA',
        good: '#E7F2DA',
        warning: '#FBF6D9',
        attention: '#FCF4F6',
      }
    : {
        default: '#292929',
        emphasis: '#1F1F1F',
        accent: '#2F2F4A',
        good: '#0D2E0D',
        warning: '#463100',
        attention: '#3E1F25',
      };
  return {
    fontFamily:
      "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: light ? '#E0E0E0' : '#3D3D3D' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: Object.fromEntries(
      Object.entries(backgrounds).map(([style, bg]) => [style, containerStyle(bg, text, colors)]),
    ),
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    adaptiveCard: { allowCustomStyle: true },
    factSet: {
      title: { weight: 'bolder', size: 'default', color: 'default', wrap: true, maxWidth: 160 },
      value: { wrap: true, size: 'default' },
      spacing: 8,
    },
    textBlock: { headingLevel: 2 },
  };
}

/** Teams' buttons and inputs (Fluent UI: semibold 14 px, 32 px high): the card tests measure with them too. */
export const CONTROLS_CSS = (theme: Theme): string => {
  const light = theme === 'light';
  return `
    .ac-pushButton { font: 600 14px 'Segoe UI', 'Liberation Sans', sans-serif; padding: 5px 12px; min-height: 32px; border-radius: 4px; cursor: pointer;
      border: 1px solid ${light ? '#D1D1D1' : '#666666'}; background: ${light ? '#FFFFFF' : '#292929'}; color: ${light ? '#242424' : '#FFFFFF'}; }
    .ac-pushButton.style-positive, .ac-pushButton.primary { background: ${light ? '#5B5FC7' : '#4F52B2'}; border-color: transparent; color: #FFFFFF; }
    .ac-pushButton.style-destructive { color: ${light ? '#C4314B' : '#F9526B'}; }
    .ac-input { font: 14px 'Segoe UI', 'Liberation Sans', sans-serif; padding: 6px 8px; border-radius: 4px; border: 1px solid ${light ? '#D1D1D1' : '#666666'};
      background: ${light ? '#FFFFFF' : '#1F1F1F'}; color: ${light ? '#242424' : '#FFFFFF'}; }
  `;
};

/** The page of a picture: a card bubble at Teams' 512 px card width. */
const PAGE_CSS = (theme: Theme): string => {
  const light = theme === 'light';
  return `
    body { margin: 0; padding: 16px; background: ${light ? '#F5F5F5' : '#1F1F1F'}; width: max-content; }
    #bubble { width: 512px; border-radius: 6px; overflow: hidden; box-shadow: 0 1px 2px rgba(0,0,0,${light ? 0.14 : 0.5}); background: ${light ? '#FFFFFF' : '#292929'}; }
    ${CONTROLS_CSS(theme)}
    a { color: ${light ? '#5B5FC7' : '#7F85F5'}; }
    p { margin: 0; }
  `;
};

/**
 * Runs in the page (plain JavaScript: the TypeScript loader would decorate a serialized
 * function): renders the card into #bubble, with Teams' markdown subset, and resolves
 * once the fonts are in.
 */
/**
 * Teams' markdown subset for a page (plain JavaScript, run with addScriptTag): bold,
 * italics, links and backslash escapes, installed as the renderer's markdown processor.
 */
export const TEAMS_MARKDOWN_IN_PAGE = String.raw`(() => {
  const sdk = window.AdaptiveCards;
  const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const markdown = (text) => {
    const kept = [];
    const keep = (m, c) => '\u0000' + (kept.push(c) - 1) + '\u0000';
    let html = escapeHtml(text).replace(/\\(&lt;|&gt;|[\\\x60*_{}[\]()#+\-.!|~$])/g, keep);
    html = html
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
      .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1<em>$2</em>')
      .replace(/\r?\n/g, '<br>');
    return '<p>' + html.replace(/\u0000(\d+)\u0000/g, (m, i) => kept[Number(i)] ?? '') + '</p>';
  };
  sdk.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
})();`;

const RENDER_IN_PAGE = String.raw`async ({ card, config }) => {
  const sdk = window.AdaptiveCards;
  const adaptiveCard = new sdk.AdaptiveCard();
  adaptiveCard.hostConfig = new sdk.HostConfig(config);
  adaptiveCard.parse(card);
  const element = adaptiveCard.render();
  const bubble = document.getElementById('bubble');
  if (!element || !bubble) throw new Error('the card did not render');
  bubble.replaceChildren(element);
  await document.fonts.ready;
}`;

/** Renders every sample in both themes to `outDir`; returns the files written. */
export async function renderCardPictures(
  samples: readonly CardSample[],
  outDir: string,
  browser?: Browser,
): Promise<string[]> {
  const sdkSource = await readFile(
    createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js'),
    'utf8',
  );
  const owned = browser === undefined;
  const chromium = browser ?? (await launchChromium());
  const written: string[] = [];
  try {
    await mkdir(outDir, { recursive: true });
    for (const locale of ['en-US', 'nl-NL'] as const) {
      const context = await chromium.newContext({
        locale,
        timezoneId: 'Europe/Amsterdam',
        viewport: { width: 560, height: 800 },
        deviceScaleFactor: 1,
      });
      await keepOffline(context);
      const page = await context.newPage();
      for (const theme of THEMES) {
        for (const sample of samples.filter((s) => s.locale === locale)) {
          await page.setContent(
            `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><style>${PAGE_CSS(theme)}</style></head><body><div id="bubble"></div></body></html>`,
          );
          await page.addScriptTag({ content: sdkSource });
          await page.addScriptTag({ content: TEAMS_MARKDOWN_IN_PAGE });
          await page.evaluate(
            `(${RENDER_IN_PAGE})(${JSON.stringify({ card: sample.card, config: hostConfig(theme) })})`,
          );
          const file = join(outDir, `${sample.name}.${theme}.png`);
          await writeFile(file, await page.locator('body').screenshot({ animations: 'disabled' }));
          written.push(file);
        }
      }
      await context.close();
    }
  } finally {
    if (owned) await chromium.close();
  }
  return written;
}

export const GALLERY_FILE = fileURLToPath(new URL('../docs/cards.md', import.meta.url));

/** The sections of the gallery, by the templates they show. */
const GALLERY_SECTIONS: ReadonlyArray<{ readonly title: string; readonly templates: readonly string[] }> = [
  { title: 'Help', templates: ['help'] },
  { title: 'Work-account check', templates: ['workAccountResult'] },
  {
    title: 'Account merge',
    templates: ['mergePreview', 'mergeRequest', 'mergeHistory', 'mergeAudit', 'superseded', 'mergeUnavailable'],
  },
  { title: 'Managers', templates: ['managerNotification', 'watchers', 'watcherWelcome'] },
  {
    title: 'Companies that join, and the people of an account',
    templates: ['registrationForm', 'registration', 'accountPeople', 'notice'],
  },
];

const picture = (sample: CardSample, dir: string): string =>
  `<picture><source media="(prefers-color-scheme: dark)" srcset="${dir}${sample.name}.dark.png"><img alt="${sample.caption}" src="${dir}${sample.name}.light.png" width="400"></picture>`;

/**
 * docs/cards.md: every sample, two to a row, light and dark (the reader's theme picks one). Generated; a test keeps it
 * current.
 */
export function galleryMarkdown(samples: readonly CardSample[]): string {
  const lines = [
    '# The cards',
    '',
    '<!-- Generated by `npm run cards:render` from the card samples (scripts/renderCards.ts); do not edit. -->',
    '',
    "Every card the bot sends, drawn by the official `adaptivecards` renderer at Teams' 512 px card width with a",
    'Teams-like host config, light and dark. Sample data comes from the demo accounts and the real presenters, the',
    "work-account reports from the real service against the tests' loopback Microsoft cloud.",
  ];
  for (const section of GALLERY_SECTIONS) {
    const shown = samples.filter((s) => section.templates.includes(s.template));
    if (shown.length === 0) continue;
    lines.push('', `## ${section.title}`, '', '<table>');
    for (let i = 0; i < shown.length; i += 2) {
      const cells = shown
        .slice(i, i + 2)
        .map((s) => `<td valign="top" width="50%"><b>${s.caption}</b><br>${picture(s, 'cards/')}</td>`);
      lines.push('<tr>', ...cells, '</tr>');
    }
    lines.push('</table>');
  }
  const missing = samples.filter((s) => !GALLERY_SECTIONS.some((section) => section.templates.includes(s.template)));
  if (missing.length > 0) throw new Error(`no gallery section for ${missing.map((s) => s.template).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const samples = await cardSamples();
  const files = await renderCardPictures(samples, CARDS_DIR);
  await writeFile(GALLERY_FILE, galleryMarkdown(samples));
  console.log(`wrote ${files.length} pictures of ${samples.length} cards to docs/cards/, and docs/cards.md`);
}
