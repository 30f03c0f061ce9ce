/**
 * The first ten minutes, by clicking, in English and in Dutch: a bot process started the
 * way `npm start` starts it (no configuration: anonymous mode, demo accounts, Graph off),
 * two Agents Playgrounds (Adele Vance of Contoso, Nestor Wilke of Fabricam) speaking the
 * language, headless Chromium. Every flow is done with the cards' buttons: help, both
 * work-account checks (the demo directory's Ready verdict, a personal mailbox), start merge
 * → preview → details → cancel, send, reject with a reason, approve, the deliberate
 * confirm, history and details, cancelling an invitation. Screenshots go to
 * test-results/e2e/<language>/. Afterwards the bot's log is read: apart from the
 * anonymous-mode banner it has no warning and no error.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { spawnBot, type BotProcess } from '../harness/process.js';
import { t, type MessageKey } from '../../services/i18n/index.js';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.js';
import { startPlayground, type PlaygroundPerson, type RunningPlayground } from '../../scripts/playground.js';
import { closePlaygrounds, PlaygroundChat, reportFailure, SCREENSHOTS_DIR, shown } from './playgroundChat.js';
import { freePort } from '../support/freePort.js';
import { startLocaleRelay, type LocaleRelay } from './localeRelay.js';

const LANGUAGES = [
  { locale: 'en-US', lang: 'en', reason: 'We are not ready to merge yet: our roles are being reorganised.' },
  { locale: 'nl-NL', lang: 'nl', reason: 'We zijn nog niet klaar om samen te voegen: onze rollen worden herzien.' },
] as const;

for (const { locale, lang, reason } of LANGUAGES) {
  describe(`the first ten minutes by clicking, ${locale} (npm start defaults, two Playgrounds, Chromium)`, function () {
    this.timeout(60_000);
    const say = (key: MessageKey, params: Parameters<typeof t>[2] = {}): string => shown(t(lang, key, params));
    let bot: BotProcess | undefined;
    let relay: LocaleRelay | undefined;
    const playgrounds: RunningPlayground[] = [];
    let browser: Browser | undefined;
    let adele: PlaygroundChat;
    let nestor: PlaygroundChat;
    let shots = 0;
    const snap = async (chat: PlaygroundChat, name: string): Promise<void> => {
      await chat.screenshot(name, ++shots, lang);
    };
    const openHelp = async (): Promise<Locator> => {
      await adele.say(t(lang, 'core.command.help'));
      return adele.waitForCard(say('core.help.greeting', { name: 'Adele Vance' }));
    };
    const invite = async (mpnId: string): Promise<void> => {
      await adele.click(await openHelp(), say('core.help.button.startMerge'));
      await adele.waitForText(
        say('mergeFlow.start.askMpnId', { company: 'Contoso', mpnId: '1111111' }).split('. ')[0] ?? '',
      );
      await adele.say(mpnId);
    };

    before(async function () {
      this.timeout(180_000);
      if (!chromiumInstalled()) {
        if (!process.env.CI) this.skip();
        throw new Error(`CI needs Chromium at ${CHROMIUM_PATH} for the Agents Playground tests (.ci/run installs it)`);
      }
      for (const file of await readdir(join(SCREENSHOTS_DIR, lang)).catch(() => []))
        if (file.endsWith('.png')) await rm(join(SCREENSHOTS_DIR, lang, file), { force: true });
      // Exactly what `npm start` runs with no configuration, except an in-memory store and a free port.
      bot = spawnBot({ STORE: 'memory', HOST: '', LOG_LEVEL: 'info' });
      const url = await bot.ready;
      // The Playground always says en-US; for Dutch a loopback relay says nl-NL, as Teams in Dutch does.
      relay = lang === 'en' ? undefined : await startLocaleRelay(`${url}/api/messages`, locale);
      const endpoint = relay?.endpoint ?? `${url}/api/messages`;
      const start = async (who: PlaygroundPerson): Promise<RunningPlayground> => {
        const playground = await startPlayground({
          who,
          botEndpoint: endpoint,
          port: await freePort(),
          openBrowser: false,
          logFile: join(SCREENSHOTS_DIR, lang, `playground-${who}.log`),
        });
        playgrounds.push(playground);
        return playground;
      };
      const [contoso, fabricam] = await Promise.all([start('contoso'), start('fabricam')]);
      browser = await launchChromium();
      nestor = await PlaygroundChat.open(browser, fabricam.url, 'nestor', locale);
      adele = await PlaygroundChat.open(browser, contoso.url, 'adele', locale);
    });

    after(async function () {
      this.timeout(30_000);
      await closePlaygrounds([adele, nestor], browser, playgrounds);
      await relay?.close();
      if (bot) {
        bot.child.kill('SIGTERM');
        await bot.exited;
      }
    });

    afterEach(function () {
      reportFailure(this.currentTest, [adele, nestor], bot?.logs);
    });

    it('help, then both work-account checks by clicking: the demo directory says Ready, a personal mailbox is refused', async () => {
      // Nestor says hello once, so the bot knows his chat (as after installing it in Teams).
      await nestor.say(t(lang, 'core.command.help'));
      await nestor.waitForCard(say('core.help.greeting', { name: 'Nestor Wilke' }));
      const help = await openHelp();
      assert.deepEqual(await adele.buttonsOf(help), [
        say('core.help.button.checkDomain'),
        say('core.help.button.startMerge'),
        say('core.help.button.history'),
        say('core.help.button.managers'),
        say('registration.help.people.button'),
      ]);
      await snap(adele, 'help');
      await adele.click(help, say('core.help.button.checkDomain'));
      await adele.waitForText(say('workAccount.prompt.ask'));
      await adele.say('adele.vance@contoso.com');
      const ready = await adele.waitForCard(
        say('waCard.title.ready', { domain: 'contoso.com' }),
        say('waCard.status.ready'),
      );
      // Where the answer came from is behind Show details, with what was checked.
      assert.doesNotMatch(await ready.innerText(), new RegExp(say('workAccount.source.demo').replace(/[()]/g, '\\$&')));
      await adele.click(ready, say('waCard.button.showDetails'));
      assert.match(await ready.innerText(), new RegExp(say('workAccount.source.demo').replace(/[()]/g, '\\$&')));
      await snap(adele, 'check-ready-demo-directory');
      await adele.click(ready, say('waCard.button.checkAnother'));
      await adele.waitForText(say('workAccount.prompt.ask'));
      await adele.say('someone@gmail.com');
      await adele.waitForCard(say('waCard.title.personal'), say('waCard.button.createWorkAccount'));
      await snap(adele, 'check-personal-mailbox');
    });

    it('start merge from the help card: preview, Show details, Cancel leaves a preview without buttons', async () => {
      await invite('3333333');
      const preview = await adele.waitForCard(say('mergeCards.previewCard.send'), say('mergeCards.fact.afterMerge'));
      await adele.click(preview, say('mergeCards.action.details'));
      await preview.getByText('5555555').first().waitFor();
      await snap(adele, 'preview-details');
      await adele.click(preview, say('mergeCards.previewCard.cancel'));
      await adele.waitForCard(say('mergeCards.previewCard.notSent'));
      assert.deepEqual(await adele.buttonsOf(adele.card(say('mergeCards.previewCard.notSent'))), [
        say('mergeCards.action.details'),
      ]);
      await snap(adele, 'preview-not-sent');
    });

    it('Send invitation; Nestor rejects with a reason; Adele reads it', async () => {
      await invite('3333333');
      await adele.click(
        await adele.waitForCard(say('mergeCards.previewCard.send'), say('mergeCards.fact.afterMerge')),
        say('mergeCards.previewCard.send'),
      );
      await adele.waitForCard(
        say('mergeCards.title.invitedInitiator', { invited: 'Fabricam' }),
        say('mergeCards.pill.invited'),
      );
      await snap(adele, 'invitation-sent');
      const invitation = await nestor.waitForCard(
        say('mergeCards.title.invitedInvitee', { initiator: 'Contoso', invited: 'Fabricam' }),
        say('merge.action.accept'),
      );
      await snap(nestor, 'invitation-received');
      await nestor.click(invitation, say('mergeCards.action.rejectOpen'));
      await invitation.locator('textarea').fill(reason);
      await nestor.click(invitation, say('merge.action.reject'));
      await nestor.waitForCard(say('mergeCards.title.rejected', { invited: 'Fabricam' }), reason);
      await snap(nestor, 'rejected');
      await adele.waitForCard(say('mergeCards.title.rejected', { invited: 'Fabricam' }), reason);
      await snap(adele, 'rejection-received');
    });

    it('invite again; Nestor approves; Adele confirms deliberately; both see the merged account once', async () => {
      await invite('3333333');
      await adele.click(
        await adele.waitForCard(say('mergeCards.previewCard.send'), say('mergeCards.fact.afterMerge')),
        say('mergeCards.previewCard.send'),
      );
      const invitation = await nestor.waitForCard(
        say('mergeCards.title.invitedInvitee', { initiator: 'Contoso', invited: 'Fabricam' }),
        say('merge.action.accept'),
      );
      await nestor.click(invitation, say('merge.action.accept'));
      await nestor.waitForCard(
        say('mergeCards.title.accepted', { invited: 'Fabricam' }),
        say('mergeCards.pill.accepted'),
      );
      await snap(nestor, 'approved');

      const review = await adele.waitForCard(
        say('mergeCards.title.acceptedInitiator', { invited: 'Fabricam' }),
        say('mergeCards.action.confirmOpen'),
      );
      await snap(adele, 'review-and-confirm');
      await adele.click(review, say('mergeCards.action.confirmOpen'));
      await adele.tick(review, say('mergeCards.confirm.acknowledge'));
      await adele.click(review, say('merge.action.confirm'));
      const merged = await adele.waitForCard(say('mergeCards.title.completed'), say('mergeCards.pill.completed'));
      await adele.click(merged, say('mergeCards.action.details'));
      await merged.getByText(say('mergeCards.merged.adviceTitle')).waitFor();
      await snap(adele, 'merged');
      await nestor.waitForCard(say('mergeCards.title.completed'), say('mergeCards.pill.completed'));
      await snap(nestor, 'merged');
      // One card per thing: each chat shows the merged account on one card only.
      for (const chat of [adele, nestor]) {
        const full = chat.page
          .locator('.ac-preview-panel > .ac-adaptiveCard')
          .filter({ hasText: say('mergeCards.title.completed') });
        assert.equal(await full.count(), 1, `${chat.person} sees one "merged" card`);
      }
    });

    it('history and Details by clicking; an invitation to Northwind Traders cancelled by clicking', async () => {
      await adele.click(await openHelp(), say('core.help.button.history'));
      const history = await adele.waitForCard(say('mergeCards.history.title'), say('mergeCards.pill.completed'));
      await snap(adele, 'history');
      await adele.click(history, say('mergeCards.history.details'), 'first');
      await adele.waitForCard(say('mergeCards.audit.title'), say('merge.audit.accepted', { actor: 'Nestor Wilke' }));
      await snap(adele, 'audit-trail');

      // 3333333 is Contoso's own location now, and says so.
      await invite('3333333');
      await adele.waitForText(/3333333 (is already a location of your account|is al een locatie van uw account)/);
      await adele.say('7777777');
      await adele.click(
        await adele.waitForCard(say('mergeCards.previewCard.send'), 'Northwind Traders'),
        say('mergeCards.previewCard.send'),
      );
      const open = await adele.waitForCard(
        say('mergeCards.title.invitedInitiator', { invited: 'Northwind Traders' }),
        say('merge.action.cancel'),
      );
      await adele.click(open, say('merge.action.cancel'));
      await adele.waitForCard(
        say('mergeCards.title.cancelled', { invited: 'Northwind Traders' }),
        say('mergeCards.pill.cancelled'),
      );
      await snap(adele, 'invitation-cancelled');
    });

    it('kept a quiet log: no warning or error apart from the anonymous-mode banner, and no page error', () => {
      // The bot's log of the run, next to the screenshots, for a person to read.
      writeFileSync(
        join(SCREENSHOTS_DIR, lang, 'bot.log.jsonl'),
        (bot?.logs ?? []).map((l) => JSON.stringify(l)).join('\n'),
      );
      assert.ok(shots >= 15, `${shots} screenshots`);
      assert.deepEqual([...adele.errors, ...nestor.errors], []);
      const noisy = (bot?.logs ?? []).filter(
        (l) => typeof l.level === 'number' && l.level >= 40 && !String(l.msg).startsWith('ANONYMOUS LOCAL MODE'),
      );
      assert.deepEqual(
        noisy.map((l) => ({ level: l.level, msg: l.msg, ...(l.error ? { error: l.error } : {}) })),
        [],
      );
      assert.ok(
        (bot?.logs ?? []).some((l) => String(l.msg).startsWith('ANONYMOUS LOCAL MODE')),
        'the banner is there',
      );
      // Quiet means no delivery churn either: nothing retried, nothing dead-lettered.
      const churn = (bot?.logs ?? []).filter((l) =>
        /will be retried|dead-lettered|refused for good/.test(String(l.msg)),
      );
      assert.deepEqual(
        churn.map((l) => `${String(l.msg)}: ${String(l.error)}`),
        [],
      );
      // The managers never opened the bot: each is parked once, with one line.
      const parked = (bot?.logs ?? []).filter((l) => String(l.msg).startsWith('recipient not reachable yet'));
      assert.ok(parked.length <= 2, `${parked.length} parked lines for two managers`);
    });
  });
}
