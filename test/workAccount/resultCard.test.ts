/**
 * The result card for real reports (one per verdict, from the service against the
 * emulators), in English and Dutch, validated with the adaptivecards SDK.
 */
import assert from 'node:assert/strict';
import { renderCard, type AdaptiveCardJson } from '../../cards/render.js';
import { CHECK_ANOTHER_COMMAND, workAccountResultCard, workAccountResultData } from '../../cards/workAccountResult.js';
import { LINKS, type Verdict, type WorkAccountReport } from '../../services/workAccount/report.js';
import { validateCard } from '../cards/validate.js';
import { FABRIKAM_TENANT, GLOBAL_ADMIN, PLAIN_USER, admin, startWorld, type World } from './fixtures.js';

interface Body {
  readonly type: string;
  readonly style?: string;
  readonly items?: ReadonlyArray<{ readonly text?: string; readonly color?: string }>;
  readonly facts?: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly text?: string;
}
interface Action {
  readonly type: string;
  readonly title: string;
  readonly url?: string;
  readonly data?: { command?: string };
}

const bodyOf = (card: AdaptiveCardJson) => card.body as readonly Body[];
const actionsOf = (card: AdaptiveCardJson) => card.actions as readonly Action[];
const textOf = (card: AdaptiveCardJson) => JSON.stringify(card);

describe('work-account result card', () => {
  let world: World;
  const reports = new Map<Verdict, WorkAccountReport>();

  before(async () => {
    world = await startWorld();
    const service = world.service();
    const cases: ReadonlyArray<readonly [string, { aadObjectId?: string; tenantId?: string }]> = [
      ['contoso.com', admin(GLOBAL_ADMIN)],
      ['contoso.com', {}],
      ['someone@gmail.com', admin(GLOBAL_ADMIN)],
      ['nowhere.example', admin(GLOBAL_ADMIN)],
      ['contoso.uk', admin(GLOBAL_ADMIN)],
      ['contoso.com', admin(PLAIN_USER)],
      ['[click](https://evil.example) *now*', admin(GLOBAL_ADMIN)],
    ];
    for (const [input, who] of cases) {
      const report = await service.checkWorkAccount({ input, admin: who });
      reports.set(report.verdict, report);
    }
    world.graph.fault('findTenantByDomain', { status: 500 });
    world.authority.fault({ status: 500 });
    const down = await service.checkWorkAccount({ input: 'fabrikam.com', admin: { aadObjectId: GLOBAL_ADMIN, tenantId: FABRIKAM_TENANT } });
    reports.set(down.verdict, down);
  });
  after(() => world.close());

  const render = (verdict: Verdict, locale = 'en-US'): AdaptiveCardJson => {
    const report = reports.get(verdict);
    assert.ok(report, `a report with verdict ${verdict}`);
    return renderCard(workAccountResultCard, workAccountResultData(report, locale));
  };

  it('covers every verdict', () => {
    assert.deepEqual([...reports.keys()].sort(), ['cannot-check', 'invalid-input', 'needs-admin-role', 'needs-different-domain', 'no-work-account', 'not-allowed', 'ready', 'unconfirmed']);
  });

  it('renders valid Adaptive Cards 1.5 for every verdict, in English and Dutch', () => {
    for (const verdict of reports.keys()) {
      for (const locale of ['en-US', 'nl-NL']) {
        assert.deepEqual(validateCard(render(verdict, locale)), [], `${verdict} in ${locale}`);
      }
    }
  });

  it('puts the verdict on top, in a band tinted by outcome', () => {
    const expected: Readonly<Record<Verdict, string>> = {
      ready: 'good',
      unconfirmed: 'warning',
      'not-allowed': 'attention',
      'no-work-account': 'warning',
      'needs-different-domain': 'warning',
      'needs-admin-role': 'attention',
      'cannot-check': 'warning',
      'invalid-input': 'attention',
    };
    for (const verdict of reports.keys()) {
      const [band] = bodyOf(render(verdict));
      assert.equal(band?.type, 'Container');
      assert.equal(band?.style, expected[verdict], verdict);
    }
    const [band] = bodyOf(render('ready'));
    assert.equal(band?.items?.[0]?.text, '✅ Ready: this work account can be linked');
    // The band is tinted; the text keeps the default colour (Teams' green text on it fails WCAG contrast).
    assert.equal(band?.items?.[0]?.color, undefined);
  });

  it('lists the facts found and links the next steps to Partner Center and Entra', () => {
    const ready = render('ready');
    const facts = bodyOf(ready).find((b) => b.type === 'FactSet')?.facts ?? [];
    assert.deepEqual(facts.slice(0, 3), [
      { title: 'Checked', value: 'contoso.com' },
      { title: 'Tenant', value: 'Contoso Ltd' },
      { title: 'Tenant ID', value: '6babcaad-604b-40ac-a9d7-9fd97c0b779f' },
    ]);
    assert.ok(facts.some((f) => f.title === 'Your roles' && f.value === 'Global Administrator'));

    const openUrls = (card: AdaptiveCardJson) => actionsOf(card).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url);
    assert.deepEqual(openUrls(ready), [LINKS.partnerCenter]);
    assert.deepEqual(openUrls(render('no-work-account')), [LINKS.partnerCenter, LINKS.entraDomains]);
    assert.equal(LINKS.partnerCenter, 'https://partner.microsoft.com/dashboard/account/v3/enrollment/introduction/partnership');
    assert.equal(LINKS.entraDomains, 'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/DomainsManagement.ReactView');
  });

  it('offers "Check another" as an imBack of the check command', () => {
    for (const verdict of reports.keys()) {
      const last = actionsOf(render(verdict)).at(-1);
      assert.equal(last?.type, 'Action.Submit');
      assert.deepEqual(last?.data, { command: CHECK_ANOTHER_COMMAND });
    }
    assert.equal(actionsOf(render('ready', 'nl-NL')).at(-1)?.title, 'Nog een controleren');
  });

  it('says what could not be checked and why', () => {
    const text = textOf(render('cannot-check'));
    assert.match(text, /Could not be checked: Microsoft Graph reported an error/);
    const unconfirmed = textOf(render('unconfirmed'));
    assert.match(unconfirmed, /Not checked: your message did not say who you are/);
  });

  it('shows the headquarters suggestion for a regional domain', () => {
    const card = render('needs-different-domain');
    const facts = bodyOf(card).find((b) => b.type === 'FactSet')?.facts ?? [];
    assert.ok(facts.some((f) => f.title === 'Headquarters domain' && f.value === 'contoso.com'));
    assert.match(textOf(card), /contoso\.uk looks like a regional domain/);
  });

  it('escapes what the user typed so it cannot become a link or formatting', () => {
    const card = render('invalid-input');
    const facts = bodyOf(card).find((b) => b.type === 'FactSet')?.facts ?? [];
    assert.equal(facts[0]?.value, '\\[click\\](https://evil.example) \\*now\\*');
    assert.doesNotMatch(textOf(card), /\[click\]\(https/);
  });

  it('is in Dutch for nl locales', () => {
    const text = textOf(render('not-allowed', 'nl-NL'));
    assert.match(text, /Niet toegestaan: dit is een persoonlijke mailbox/);
    assert.match(text, /Persoonlijke e-mailadressen, zoals Hotmail, Gmail of Yahoo, zijn geen werk-e-mail/);
  });
});

describe('validateCard', () => {
  it('reports schema problems', () => {
    const problems = validateCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x', color: 'Purple' }, { type: 'Bogus' }, { type: 'TextBlock', text: '${missing}' }],
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
    const card = renderCard(helpCard, { title: 'T', greeting: '', intro: 'I', flows: [{ title: 'a', text: 'b', button: 'c', command: 'd' }], commands: 'x' });
    assert.deepEqual(validateCard(card), []);
  });
});
