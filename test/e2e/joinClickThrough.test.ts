/**
 * A company joins by clicking: a bot process started the way `npm start` starts it
 * (anonymous mode, demo accounts, Graph off: the demo directory proves the domain, and the
 * demo's reviewer is Allan Deyoung of Litware), and two Agents Playgrounds: Allan
 * (`npm run playground -- reviewer`) and Adele Vance of Contoso. Allan registers Litware
 * from the help card, approves it as the reviewer, adds Christie Cline as Incentives admin
 * on the People card, and starts a merge with Contoso, which Adele approves and Allan
 * confirms. Screenshots go to test-results/e2e/join/; the bot's log stays quiet.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { spawnBot, type BotProcess } from '../harness/process.js';
import { t, type MessageKey } from '../../services/i18n/index.js';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.js';
import { startPlayground, type PlaygroundPerson, type RunningPlayground } from '../../scripts/playground.js';
import { closePlaygrounds, PlaygroundChat, reportFailure, SCREENSHOTS_DIR, shown } from './playgroundChat.js';
import { freePort } from '../support/freePort.js';

const say = (key: MessageKey, params: Parameters<typeof t>[2] = {}): string => shown(t('en', key, params));

describe('a company joins by clicking (npm start defaults, two Playgrounds, Chromium)', function () {
  this.timeout(60_000);
  let bot: BotProcess | undefined;
  const playgrounds: RunningPlayground[] = [];
  let browser: Browser | undefined;
  let allan: PlaygroundChat;
  let adele: PlaygroundChat;
  let shots = 0;
  const snap = (chat: PlaygroundChat, name: string): Promise<string> => chat.screenshot(name, ++shots, 'join');

  before(async function () {
    this.timeout(180_000);
    if (!chromiumInstalled()) {
      if (!process.env.CI) this.skip();
      throw new Error(`CI needs Chromium at ${CHROMIUM_PATH} for the Agents Playground tests (.ci/run installs it)`);
    }
    bot = spawnBot({ STORE: 'memory', HOST: '', LOG_LEVEL: 'info' });
    const url = await bot.ready;
    const start = async (who: PlaygroundPerson): Promise<RunningPlayground> => {
      const playground = await startPlayground({
        who,
        botEndpoint: `${url}/api/messages`,
        port: await freePort(),
        openBrowser: false,
        logFile: join(SCREENSHOTS_DIR, 'join', `playground-${who}.log`),
      });
      playgrounds.push(playground);
      return playground;
    };
    const [reviewer, contoso] = await Promise.all([start('reviewer'), start('contoso')]);
    browser = await launchChromium();
    adele = await PlaygroundChat.open(browser, contoso.url, 'adele');
    allan = await PlaygroundChat.open(browser, reviewer.url, 'allan');
  });

  after(async function () {
    this.timeout(30_000);
    await closePlaygrounds([allan, adele], browser, playgrounds);
    if (bot) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
  });

  afterEach(function () {
    reportFailure(this.currentTest, [allan, adele], bot?.logs);
  });

  it('registers Litware from the help card and approves it as the reviewer', async () => {
    // Adele says hello once, so the bot knows her chat (as after installing it in Teams).
    await adele.say(t('en', 'core.command.help'));
    await adele.waitForCard(say('core.help.greeting', { name: 'Adele Vance' }));
    await allan.say(t('en', 'core.command.help'));
    const help = await allan.waitForCard(say('core.help.greeting', { name: 'Allan Deyoung' }));
    assert.deepEqual(await allan.buttonsOf(help), [
      say('core.help.button.checkDomain'),
      say('registration.help.register.button'),
      say('registration.help.review.button'),
    ]);
    await snap(allan, 'help-unknown-company');
    await allan.click(help, say('registration.help.register.button'));
    const form = await allan.waitForCard(say('registration.form.title'), say('registration.form.submit'));
    await form.getByLabel(say('registration.form.mpnLabel')).fill('6666666');
    await form.getByLabel(say('registration.form.nameLabel')).fill('Litware, Inc.');
    await form.getByLabel(say('registration.form.domainsLabel')).fill('litware.com, gmail.com');
    const address = form.getByLabel(say('registration.form.addressLabel'));
    if (await address.count()) await address.fill('allan.deyoung@litware.com');
    await form.getByLabel(say('registration.form.locationsLabel')).fill('6666667 Litware Utrecht');
    await snap(allan, 'registration-form');
    await allan.click(form, say('registration.form.submit'));
    // A personal mailbox domain: the same form comes back with the reason and what was typed.
    const fix = await allan.waitForCard(say('registration.form.problems'), /gmail\.com/);
    await snap(allan, 'registration-problem');
    await fix.getByLabel(say('registration.form.domainsLabel')).fill('litware.com');
    await allan.click(fix, say('registration.form.submit'));
    await allan.waitForCard(
      say('registration.card.pendingTitle', { company: 'Litware, Inc.' }),
      say('registration.pill.pending'),
    );
    await snap(allan, 'registration-sent');

    // Allan is the demo's reviewer: the review card arrives in his chat.
    const review = await allan.waitForCard(
      say('registration.review.title', { company: 'Litware, Inc.' }),
      say('registration.review.approve'),
    );
    await snap(allan, 'registration-review');
    await allan.click(review, say('registration.review.approve'));
    await allan.waitForCard(
      say('registration.review.approvedNotice', { company: 'Litware, Inc.', name: 'Allan Deyoung' }),
    );
    await allan.waitForCard(
      say('registration.card.approvedTitle', { company: 'Litware, Inc.' }),
      say('registration.card.people'),
    );
    await snap(allan, 'registration-approved');
  });

  it('adds Christie Cline as Incentives admin on the People card', async () => {
    const approved = allan.card(say('registration.card.approvedTitle', { company: 'Litware, Inc.' }));
    await allan.click(approved, say('registration.card.people'));
    const people = await allan.waitForCard(say('people.card.title'), say('people.card.add'));
    await allan.click(people, say('people.card.add'));
    await people.getByLabel(say('people.card.address')).fill('christie.cline@litware.com');
    await snap(allan, 'people-add-open');
    await allan.choose(people, say('people.card.roles'), say('people.role.incentives-admin'));
    await snap(allan, 'people-add');
    await allan.click(people, say('people.card.addSubmit'));
    const after = await allan.waitForCard(say('people.notice.added', { names: 'Christie Cline' }));
    assert.match(await after.innerText(), /Christie Cline[\s\S]*Incentives admin/);
    await snap(allan, 'people-added');
  });

  it('starts a merge with Contoso: Adele approves, Allan confirms, both see the merged account', async () => {
    await allan.say(t('en', 'core.command.help'));
    const help = await allan.waitForCard(
      say('core.help.greeting', { name: 'Allan Deyoung' }),
      say('core.help.button.startMerge'),
    );
    await allan.click(help, say('core.help.button.startMerge'));
    await allan.waitForText(
      say('mergeFlow.start.askMpnId', { company: 'Litware, Inc.', mpnId: '6666666' }).split('. ')[0] ?? '',
    );
    await allan.say('1111111');
    await allan.click(
      await allan.waitForCard(say('mergeCards.previewCard.send'), say('mergeCards.fact.afterMerge')),
      say('mergeCards.previewCard.send'),
    );
    const invitation = await adele.waitForCard(
      say('mergeCards.title.invitedInvitee', { initiator: 'Litware, Inc.', invited: 'Contoso' }),
      say('merge.action.accept'),
    );
    await adele.click(invitation, say('merge.action.accept'));
    const review = await allan.waitForCard(
      say('mergeCards.title.acceptedInitiator', { invited: 'Contoso' }),
      say('mergeCards.action.confirmOpen'),
    );
    await allan.click(review, say('mergeCards.action.confirmOpen'));
    await allan.tick(review, say('mergeCards.confirm.acknowledge'));
    await allan.click(review, say('merge.action.confirm'));
    await allan.waitForCard(say('mergeCards.title.completed'), say('mergeCards.pill.completed'));
    await snap(allan, 'merged');
    await adele.waitForCard(say('mergeCards.title.completed'), say('mergeCards.pill.completed'));
    await snap(adele, 'merged');
  });

  it('kept a quiet log and no page error', () => {
    writeFileSync(
      join(SCREENSHOTS_DIR, 'join', 'bot.log.jsonl'),
      (bot?.logs ?? []).map((l) => JSON.stringify(l)).join('\n'),
    );
    assert.deepEqual([...allan.errors, ...adele.errors], []);
    const noisy = (bot?.logs ?? []).filter(
      (l) => typeof l.level === 'number' && l.level >= 40 && !String(l.msg).startsWith('ANONYMOUS LOCAL MODE'),
    );
    assert.deepEqual(
      noisy.map((l) => ({ level: l.level, msg: l.msg })),
      [],
    );
    const churn = (bot?.logs ?? []).filter((l) => /will be retried|dead-lettered|refused for good/.test(String(l.msg)));
    assert.deepEqual(
      churn.map((l) => String(l.msg)),
      [],
    );
  });
});
