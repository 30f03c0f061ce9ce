/**
 * The work-account result card for real reports (one per situation, from the service
 * against the loopback Microsoft cloud), in English and Dutch, validated with the
 * adaptivecards SDK: the verdict as title with a status pill, the facts that decide, one
 * primary next step, details behind "Show details", and no value shown twice.
 */
import assert from 'node:assert/strict';
import { renderCard, type AdaptiveCardJson } from '../../cards/render.js';
import { CHECK_ANOTHER_COMMAND, workAccountResultCard, workAccountResultData } from '../../cards/workAccountResult.js';
import { LINKS } from '../../services/workAccount/report.js';
import type { Situation } from '../../services/workAccount/situation.js';
import { validateCard } from '../cards/validate.js';
import { verdictSamples, type VerdictSamples } from './verdictSamples.js';
import { bodyTexts } from '../cards/cardQueries.js';

interface Action {
  readonly type: string;
  readonly title: string;
  readonly url?: string;
  readonly style?: string;
  readonly data?: { command?: string };
  readonly targetElements?: readonly string[];
}
interface Element {
  readonly type: string;
  readonly id?: string;
  readonly isVisible?: boolean;
  readonly style?: string;
  readonly facts?: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly items?: readonly Element[];
  readonly columns?: ReadonlyArray<{ readonly items: readonly Element[] }>;
  readonly text?: string;
}

const SITUATIONS: readonly Situation[] = [
  'ready',
  'regional',
  'otherTenant',
  'unverified',
  'personal',
  'noWorkAccount',
  'needsRole',
  'consent',
  'unconfirmed',
  'cannotCheck',
  'invalid',
];
const actionsOf = (card: AdaptiveCardJson) => card.actions as readonly Action[];
const bodyOf = (card: AdaptiveCardJson) => card.body as readonly Element[];
const factsOf = (card: AdaptiveCardJson) => bodyOf(card).find((b) => b.type === 'FactSet')?.facts ?? [];
const headerOf = (
  card: AdaptiveCardJson,
): { title: string | undefined; status: string | undefined; style: string | undefined } => {
  const [title, pill] = bodyOf(card)[0]?.columns ?? [];
  const container = pill?.items[0];
  return { title: title?.items[0]?.text, status: container?.items?.[0]?.text, style: container?.style };
};

describe('work-account result card', function () {
  this.timeout(30_000);
  let samples: VerdictSamples;
  before(async () => {
    samples = await verdictSamples();
  });

  const render = (situation: Situation, locale = 'en-US'): AdaptiveCardJson =>
    renderCard(workAccountResultCard, workAccountResultData(samples[situation], locale));

  it('renders a valid Adaptive Card 1.5 for every situation, in English and Dutch', () => {
    for (const situation of SITUATIONS) {
      for (const locale of ['en-US', 'nl-NL'])
        assert.deepEqual(validateCard(render(situation, locale)), [], `${situation} in ${locale}`);
    }
  });

  it('titles each card with its verdict and a status pill', () => {
    const expected: Readonly<Record<Situation, readonly [string, string, string]>> = {
      ready: ['contoso.com can be linked', 'Ready', 'good'],
      regional: ['Use your headquarters domain', 'Regional domain', 'warning'],
      otherTenant: ['fabrikam.com belongs to another organization', 'Not yours', 'attention'],
      unverified: ['Verify pending.example first', 'Not verified', 'warning'],
      personal: ["Personal mailboxes can't be used", 'Not allowed', 'attention'],
      noWorkAccount: ['No work account yet', 'None found', 'warning'],
      needsRole: ['Ask a Global administrator', 'Role needed', 'attention'],
      consent: ["Your organization hasn't connected this app yet", 'Consent needed', 'warning'],
      unconfirmed: ['contoso.com has a work account', 'Partly checked', 'warning'],
      cannotCheck: ["I couldn't check fabrikam.onmicrosoft.com just now", 'Try again later', 'warning'],
      invalid: ["That isn't an e-mail address or domain", 'Not checked', 'attention'],
    };
    for (const situation of SITUATIONS) {
      const [title, status, style] = expected[situation];
      assert.deepEqual(headerOf(render(situation)), { title, status, style }, situation);
    }
    assert.deepEqual(headerOf(render('ready', 'nl-NL')), {
      title: 'contoso.com kan worden gekoppeld',
      status: 'Klaar',
      style: 'good',
    });
  });

  it('offers one primary next step, the right one for each situation', () => {
    const primary = (situation: Situation) => actionsOf(render(situation))[0];
    const link = (situation: Situation) => ({
      type: primary(situation)?.type,
      title: primary(situation)?.title,
      url: primary(situation)?.url,
    });
    const command = (situation: Situation) => ({
      type: primary(situation)?.type,
      title: primary(situation)?.title,
      command: primary(situation)?.data?.command,
    });
    assert.deepEqual(link('ready'), { type: 'Action.OpenUrl', title: 'Start enrollment', url: LINKS.partnerCenter });
    assert.deepEqual(command('regional'), {
      type: 'Action.Submit',
      title: 'Check contoso.com instead',
      command: 'check contoso.com',
    });
    assert.deepEqual(command('otherTenant'), {
      type: 'Action.Submit',
      title: 'Check another',
      command: CHECK_ANOTHER_COMMAND,
    });
    assert.deepEqual(link('unverified'), {
      type: 'Action.OpenUrl',
      title: 'Custom domain names',
      url: LINKS.entraDomains,
    });
    assert.deepEqual(link('personal'), {
      type: 'Action.OpenUrl',
      title: 'How to create a work account',
      url: LINKS.createWorkAccount,
    });
    assert.deepEqual(link('noWorkAccount'), {
      type: 'Action.OpenUrl',
      title: 'How to create a work account',
      url: LINKS.createWorkAccount,
    });
    assert.deepEqual(link('needsRole'), { type: 'Action.OpenUrl', title: 'Find your admins', url: LINKS.entraRoles });
    assert.deepEqual(link('consent'), {
      type: 'Action.OpenUrl',
      title: 'Grant admin consent',
      url: samples.consent.consent?.url,
    });
    assert.deepEqual(command('unconfirmed'), {
      type: 'Action.Submit',
      title: 'Check again',
      command: 'check contoso.com',
    });
    assert.deepEqual(command('cannotCheck'), {
      type: 'Action.Submit',
      title: 'Check again',
      command: 'check fabrikam.onmicrosoft.com',
    });
    assert.deepEqual(command('invalid'), {
      type: 'Action.Submit',
      title: 'Check another',
      command: CHECK_ANOTHER_COMMAND,
    });
    for (const situation of SITUATIONS) {
      const actions = actionsOf(render(situation));
      assert.equal(actions[0]?.style, 'positive', `${situation}: the next step is the one positive button`);
      assert.equal(actions.filter((a) => a.style === 'positive').length, 1, situation);
      assert.deepEqual(
        actions[1],
        { type: 'Action.ToggleVisibility', title: 'Show details', targetElements: ['details'] },
        situation,
      );
      assert.ok(actions.length <= 3, `${situation}: at most three buttons`);
    }
  });

  it('after consent, "Check again" checks the same address without retyping', () => {
    const again = actionsOf(render('consent')).find((a) => a.title === 'Check again');
    assert.deepEqual(again?.data, { command: 'check jane@contoso.com' });
  });

  it('shows the 2–4 facts that decide, and the rest only behind "Show details"', () => {
    for (const situation of SITUATIONS) {
      const card = render(situation);
      const facts = factsOf(card);
      assert.ok(facts.length <= 4, `${situation}: ${facts.length} facts`);
      const details = bodyOf(card).find((b) => b.id === 'details');
      assert.equal(details?.isVisible, false, `${situation}: details start collapsed`);
    }
    assert.deepEqual(factsOf(render('ready')), [
      { title: 'Organization', value: 'Contoso Ltd' },
      { title: 'Your role', value: 'Global Administrator' },
    ]);
    assert.deepEqual(factsOf(render('regional')), [
      { title: 'You checked', value: 'contoso.uk' },
      { title: 'Headquarters domain', value: 'contoso.com' },
      { title: 'Organization', value: 'Contoso Ltd' },
    ]);
    assert.deepEqual(factsOf(render('consent')), [
      { title: 'Organization', value: 'Contoso Ltd' },
      { title: 'Who can grant it', value: 'a Global administrator' },
      { title: 'What the app reads', value: 'who owns a domain, your verified domains, who holds admin roles' },
    ]);
  });

  it('names no value twice on one card: domain, organization, tenant id, role', () => {
    for (const situation of SITUATIONS) {
      for (const locale of ['en-US', 'nl-NL']) {
        const report = samples[situation];
        const texts = bodyTexts(render(situation, locale));
        const values = [
          report.facts.domain,
          report.facts.tenant?.displayName,
          report.facts.tenant?.tenantId,
          report.consent?.organization,
          report.consent?.tenantId,
        ].filter((v): v is string => v !== undefined && v !== '');
        for (const value of new Set(values)) {
          // The value itself, not a longer name that contains it (contoso.com in contoso.com.au).
          const alone = new RegExp(`(?<![\\w.-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`, 'i');
          const holding = texts.filter((text) => alone.test(text));
          assert.ok(
            holding.length <= 1,
            `${situation} (${locale}): "${value}" in ${holding.length} texts: ${holding.join(' | ')}`,
          );
        }
        assert.equal(new Set(texts).size, texts.length, `${situation} (${locale}): a text repeated`);
      }
    }
  });

  it('asks the article\'s three questions behind "Show details"', () => {
    const questions = [
      '**Do you have a work account?**',
      '**How do you sign in to it?**',
      '**Do you need a new one?**',
    ];
    const answers = (situation: Situation) =>
      bodyTexts(render(situation)).filter((t) => questions.some((q) => t.startsWith(q)));
    assert.match(
      answers('noWorkAccount').join('\n'),
      /Do you have a work account\?\*\* Not with this domain[\s\S]*Do you need a new one\?\*\* Yes: it is created during Partner Center enrollment/,
    );
    assert.match(
      answers('ready').join('\n'),
      /Do you need a new one\?\*\* Only if many of its users don't need Partner Center: then create a separate work account/,
    );
    assert.match(answers('personal').join('\n'), /If your company uses Microsoft 365 or Azure, it has one/);
    for (const situation of [
      'ready',
      'regional',
      'unverified',
      'personal',
      'noWorkAccount',
      'needsRole',
      'consent',
      'unconfirmed',
    ] as const)
      assert.equal(answers(situation).length, 3, situation);
  });

  it('says in the details what it checked, in a few words each', () => {
    assert.deepEqual(
      bodyTexts(render('ready')).filter((t) => /^(✅|❌|❔|⚠️)/.test(t)),
      [
        '✅ A valid e-mail address or domain',
        '✅ Not a personal mailbox',
        '✅ A Microsoft Entra tenant owns it',
        "✅ Your organization's verified default domain",
        '✅ No regional domain',
        '✅ You may link it',
      ],
    );
    assert.ok(bodyTexts(render('consent')).includes('❔ Your admin role: not checked (no consent yet)'));
    assert.ok(bodyTexts(render('unconfirmed')).includes('❔ Your admin role: not checked (no answer just now)'));
  });

  it('escapes what the user typed so it cannot become a link or formatting', () => {
    const card = render('invalid');
    assert.equal(factsOf(card)[0]?.value, '\\[click\\](https://evil.example) \\*now\\*');
    assert.doesNotMatch(JSON.stringify(card), /\[click\]\(https/);
  });

  it('is in Dutch for nl locales', () => {
    const card = render('personal', 'nl-NL');
    assert.deepEqual(headerOf(card), {
      title: 'Persoonlijke mailboxen kunnen niet worden gebruikt',
      status: 'Niet toegestaan',
      style: 'attention',
    });
    assert.deepEqual(
      actionsOf(card).map((a) => a.title),
      ['Zo maakt u een werkaccount', 'Details tonen', 'Ander domein'],
    );
    assert.deepEqual(
      factsOf(render('consent', 'nl-NL')).map((f) => f.title),
      ['Organisatie', 'Wie kan het geven', 'Wat de app leest'],
    );
  });
});

describe('validateCard', () => {
  it('reports schema problems', () => {
    const problems = validateCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'x', color: 'Purple' },
        { type: 'Bogus' },
        { type: 'TextBlock', text: '${missing}' },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'no url' }],
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('unbound template expressions: ${missing}')));
    assert.ok(problems.some((p) => p.includes('"Purple"')));
    assert.ok(problems.some((p) => p.includes('Bogus')));
    assert.ok(problems.some((p) => p.includes('url')));
  });

  it('accepts the help card', async () => {
    const { helpCard } = await import('../../cards/help.js');
    const card = renderCard(helpCard, {
      title: 'T',
      greeting: '',
      intro: 'I',
      flows: [{ title: 'a', text: 'b', button: 'c', command: 'd' }],
      commands: 'x',
      buttonRows: [{ buttons: [{ title: 'c', command: 'd' }] }],
    });
    assert.deepEqual(validateCard(card), []);
  });
});
