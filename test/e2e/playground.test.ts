/**
 * End to end in a real client: two Microsoft 365 Agents Playground instances, one per
 * person, in headless Chromium (Debian's package), against the whole bot.
 *
 * - Adele Vance, Account admin of Contoso (1111111), in Contoso's tenant: the Playground
 *   configured by .m365agentsplayground.yml.
 * - Nestor Wilke, Account admin of Fabricam (3333333), in Fabricam's tenant: the one
 *   configured by playground/fabricam.m365agentsplayground.yml.
 *
 * The bot runs in-process (the test harness: in-memory store with the demo accounts, the
 * loopback Microsoft Graph of the work-account tests, where Adele is a Global
 * Administrator of contoso.com). Each Playground is the Bot Connector for its person, so
 * the invitation Adele sends reaches Nestor's Playground as a proactive message, and
 * Nestor's answer updates Adele's cards, as in Teams. Everything is typed and clicked in
 * the Playground's UI; screenshots go to test-results/e2e/.
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH). Without it the suite is skipped locally;
 * in CI (CI set) it fails instead.
 */
import assert from 'node:assert/strict';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TestBot } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { ROLE_TEMPLATE_IDS } from '../../services/graph/graphService.js';
import { t } from '../../services/i18n/index.js';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from '../../scripts/chromium.js';
import { startPlayground, type PlaygroundPerson, type RunningPlayground } from '../../scripts/playground.js';
import { startWorld, type World } from '../workAccount/fixtures.js';
import { closePlaygrounds, PlaygroundChat, reportFailure, SCREENSHOTS_DIR, shown } from './playgroundChat.js';
import { freePort } from '../support/freePort.js';

const en = (key: Parameters<typeof t>[1], params: Parameters<typeof t>[2] = {}): string => shown(t('en', key, params));
const REASON = 'We are not ready to merge yet: our Partner Center roles are being reorganised.';
/** The first sentence of Adele's start-merge prompt. */
const ASK_MPN_ID = en('mergeFlow.start.askMpnId', { company: 'Contoso', mpnId: '1111111' }).split('. ')[0] ?? '';

/**
 * The loopback Microsoft cloud, where contoso.com belongs to Adele's (demo) tenant and she is a Global Administrator.
 */
async function contosoCloud(): Promise<World> {
  const world = await startWorld({ env: { GRAPH_TENANT_ID: DEMO.contoso.tenantId } });
  const tenant = { tenantId: DEMO.contoso.tenantId, displayName: 'Contoso', defaultDomainName: DEMO.contoso.domain };
  world.graph
    .addTenant(tenant, [DEMO.contoso.domain, 'contoso.onmicrosoft.com'])
    .setDomains(DEMO.contoso.tenantId, [
      { id: DEMO.contoso.domain, isDefault: true, isVerified: true },
      { id: 'contoso.onmicrosoft.com', isInitial: true, isVerified: true },
    ])
    .setDirectoryRoles(DEMO.contoso.tenantId, DEMO.contoso.admin.aadObjectId, [
      { displayName: 'Global Administrator', roleTemplateId: ROLE_TEMPLATE_IDS.globalAdministrator },
    ]);
  world.authority.addDomain(DEMO.contoso.domain, DEMO.contoso.tenantId);
  return world;
}

describe('Agents Playground end to end (two people, headless Chromium)', function () {
  this.timeout(60_000);
  let world: World | undefined;
  let bot: TestBot | undefined;
  const playgrounds: RunningPlayground[] = [];
  let browser: Browser | undefined;
  let adele: PlaygroundChat;
  let nestor: PlaygroundChat;
  const screenshots: string[] = [];
  const snap = async (chat: PlaygroundChat, name: string): Promise<void> => {
    screenshots.push(await chat.screenshot(name, screenshots.length + 1));
  };

  before(async function () {
    this.timeout(180_000);
    if (!chromiumInstalled()) {
      if (!process.env.CI) {
        console.log(
          `    (skipped: no Chromium at ${CHROMIUM_PATH}; install it with apt-get install -y chromium, or set CHROMIUM_PATH)`,
        );
        this.skip();
      }
      throw new Error(`CI needs Chromium at ${CHROMIUM_PATH} for the Agents Playground tests (.ci/run installs it)`);
    }
    // Screenshots of an earlier run would mislead.
    for (const file of await readdir(SCREENSHOTS_DIR).catch(() => []))
      if (file.endsWith('.png')) await rm(join(SCREENSHOTS_DIR, file), { force: true });
    world = await contosoCloud();
    const cloud = world;
    bot = await TestBot.start({ env: { LOG_LEVEL: 'info' }, deps: () => ({ workAccount: cloud.service() }) });
    const endpoint = `${bot.url}/api/messages`;
    const start = async (who: PlaygroundPerson): Promise<RunningPlayground> => {
      const playground = await startPlayground({
        who,
        botEndpoint: endpoint,
        port: await freePort(),
        openBrowser: false,
        logFile: join(SCREENSHOTS_DIR, `playground-${who}.log`),
      });
      playgrounds.push(playground);
      return playground;
    };
    const [contoso, fabricam] = await Promise.all([start('contoso'), start('fabricam')]);
    browser = await launchChromium();
    // Nestor opens the bot first, so the invitation can reach him; then Adele.
    nestor = await PlaygroundChat.open(browser, fabricam.url, 'nestor');
    adele = await PlaygroundChat.open(browser, contoso.url, 'adele');
  });

  after(async function () {
    this.timeout(30_000);
    await closePlaygrounds([adele, nestor], browser, playgrounds);
    await bot?.stop();
    await world?.close();
  });

  afterEach(function () {
    // What went wrong in the page is part of the failure report.
    reportFailure(this.currentTest, [adele, nestor]);
  });

  it('welcomes Adele and shows the help card with a button per job', async () => {
    await adele.say('help');
    const help = await adele.waitForCard(en('core.help.greeting', { name: 'Adele Vance' }));
    for (const title of [
      'core.help.checkDomain.title',
      'core.help.startMerge.title',
      'core.help.history.title',
    ] as const)
      assert.ok(await help.getByText(en(title)).isVisible(), en(title));
    assert.deepEqual(await adele.buttonsOf(help), [
      en('core.help.button.checkDomain'),
      en('core.help.button.startMerge'),
      en('core.help.button.history'),
      en('core.help.button.managers'),
      en('registration.help.people.button'),
    ]);
    await snap(adele, 'help');
  });

  it('refuses a personal mailbox as work account', async () => {
    await adele.click(
      adele.card(en('core.help.greeting', { name: 'Adele Vance' })),
      en('core.help.button.checkDomain'),
    );
    await adele.waitForText(en('workAccount.prompt.ask'));
    await adele.say('someone@gmail.com');
    const result = await adele.waitForCard(en('waCard.title.personal'));
    assert.match(await result.innerText(), /gmail\.com/);
    await snap(adele, 'check-personal-address');
  });

  it('accepts the business domain of her own tenant, where she is a Global Administrator', async () => {
    await adele.say('check adele.vance@contoso.com');
    const result = await adele.waitForCard(en('waCard.title.ready', { domain: 'contoso.com' }));
    const text = await result.innerText();
    assert.match(text, /Global Administrator/);
    assert.match(text, /contoso\.com/);
    await snap(adele, 'check-business-domain');
  });

  it("Adele chooses who hears about Contoso's merges, by typing and by clicking", async () => {
    await adele.say('add manager patti.fernandez@contoso.com');
    await adele.waitForText(en('watchers.dialog.addedWelcome', { name: 'Patti Fernandez', company: 'Contoso' }));
    await adele.click(adele.card(en('core.help.greeting', { name: 'Adele Vance' })), en('core.help.button.managers'));
    const list = await adele.waitForCard(en('watchers.card.title'), 'Megan Bowen', 'Patti Fernandez');
    assert.deepEqual(await adele.buttonsOf(list), [
      en('watchers.card.remove'),
      en('watchers.card.remove'),
      en('watchers.card.addedToggle'),
      en('watchers.card.add'),
    ]);
    await snap(adele, 'managers');
    // Megan is the first row: her Remove button.
    await adele.click(list, en('watchers.card.remove'), 'first');
    const removed = await adele.waitForCard(en('watchers.notice.removed', { names: 'Megan Bowen' }));
    assert.doesNotMatch(await removed.innerText(), /megan\.bowen@contoso\.com/);
    // The card's own form: the Playground has no people picker, so type the address.
    await adele.click(removed, en('watchers.card.add'));
    await removed.getByLabel(en('watchers.card.address')).fill('johanna.lorenz@contoso.com');
    await snap(adele, 'managers-add');
    await adele.click(removed, en('watchers.card.addSubmit'));
    const added = await adele.waitForCard(
      en('watchers.notice.added', { names: 'Johanna Lorenz' }),
      'johanna.lorenz@contoso.com',
    );
    await snap(adele, 'managers-added');
    assert.match(await added.innerText(), /patti\.fernandez@contoso\.com/);
    await adele.say('remove manager johanna.lorenz@contoso.com');
    await adele.waitForText(en('watchers.dialog.removed', { name: 'Johanna Lorenz', company: 'Contoso' }));
    const contoso = await bot?.app.store.accounts.get(DEMO.contoso.globalMpnId);
    assert.deepEqual(
      contoso?.watchers.map((w) => w.displayName),
      ['Patti Fernandez'],
    );
  });

  it('starts a merge: asks for the MPN ID, previews it, sends the invitation to Nestor', async () => {
    await adele.click(adele.card(en('core.help.greeting', { name: 'Adele Vance' })), en('core.help.button.startMerge'));
    await adele.waitForText(ASK_MPN_ID);
    await adele.say('3333333');
    const preview = await adele.waitForCard(en('mergeCards.previewCard.send'), en('mergeCards.fact.afterMerge'));
    assert.match(await preview.innerText(), /Contoso with 4 locations/);
    await snap(adele, 'merge-preview');
    await adele.click(preview, en('mergeCards.action.details'));
    await preview.getByText(/This merge is irreversible/).waitFor();
    for (const location of ['2222222', '3333333', '4444444', '5555555'])
      assert.match(await preview.innerText(), new RegExp(location));
    await snap(adele, 'merge-preview-details');

    await adele.click(preview, en('mergeCards.previewCard.send'));
    await adele.waitForText(en('mergeFlow.start.sentTo', { company: 'Fabricam', people: 'Nestor Wilke' }));
    // The preview itself became the live card: no used preview with a live "Send invitation" is left.
    const status = await adele.waitForCard(
      en('mergeCards.title.invitedInitiator', { invited: 'Fabricam' }),
      en('mergeCards.pill.invited'),
    );
    assert.ok((await adele.buttonsOf(status)).includes(en('merge.action.cancel')));
    assert.equal(
      await adele.page.getByRole('button', { name: en('mergeCards.previewCard.send'), exact: true }).count(),
      0,
    );
    await snap(adele, 'invitation-sent');

    const invitation = await nestor.waitForCard(
      en('mergeCards.title.invitedInvitee', { initiator: 'Contoso', invited: 'Fabricam' }),
    );
    assert.deepEqual(
      (await nestor.buttonsOf(invitation)).filter((b) => b !== en('merge.action.refresh')),
      [en('merge.action.accept'), en('mergeCards.action.rejectOpen'), en('mergeCards.action.details')],
    );
    await snap(nestor, 'invitation-received');
  });

  it('Nestor rejects with a reason; Adele sees it', async () => {
    const invitation = nestor.card(
      en('mergeCards.title.invitedInvitee', { initiator: 'Contoso', invited: 'Fabricam' }),
    );
    await nestor.click(invitation, en('mergeCards.action.rejectOpen'));
    await invitation.locator('textarea').fill(REASON);
    await snap(nestor, 'reject-with-reason');
    await nestor.click(invitation, en('merge.action.reject'));
    const rejected = await nestor.waitForCard(en('mergeCards.title.rejected', { invited: 'Fabricam' }), REASON);
    assert.deepEqual(
      await nestor.buttonsOf(rejected),
      [en('mergeCards.action.details')],
      'nothing left to decide, and no Refresh on a finished merge',
    );
    await snap(nestor, 'rejected');

    const told = await adele.waitForCard(en('mergeCards.title.rejected', { invited: 'Fabricam' }), REASON);
    assert.match(await told.innerText(), new RegExp(en('mergeCards.reason.label')));
    await snap(adele, 'rejection-received');
  });

  it('Adele invites again, Nestor approves, Adele confirms: the accounts are merged', async () => {
    await adele.say('start merge');
    await adele.waitForText(ASK_MPN_ID);
    await adele.say('3333333');
    await adele.click(
      await adele.waitForCard(en('mergeCards.previewCard.send'), en('mergeCards.fact.afterMerge')),
      en('mergeCards.previewCard.send'),
    );
    await adele.waitForCard(
      en('mergeCards.title.invitedInitiator', { invited: 'Fabricam' }),
      en('mergeCards.pill.invited'),
    );

    const invitation = await nestor.waitForCard(
      en('mergeCards.title.invitedInvitee', { initiator: 'Contoso', invited: 'Fabricam' }),
      en('merge.action.accept'),
    );
    await nestor.click(invitation, en('merge.action.accept'));
    await nestor.waitForCard(en('mergeCards.title.accepted', { invited: 'Fabricam' }));
    await snap(nestor, 'approved');

    const review = await adele.waitForCard(
      en('mergeCards.title.acceptedInitiator', { invited: 'Fabricam' }),
      en('mergeCards.action.confirmOpen'),
    );
    assert.deepEqual(
      (await adele.buttonsOf(review)).filter((b) => b !== en('merge.action.refresh')),
      [en('mergeCards.action.confirmOpen'), en('merge.action.cancel'), en('mergeCards.action.details')],
    );
    await snap(adele, 'review-and-confirm');
    // The irreversible step is deliberate: open it, read the warning, tick that it cannot be undone, confirm.
    await adele.click(review, en('mergeCards.action.confirmOpen'));
    await review.getByText(/This merge is irreversible/).waitFor();
    await adele.tick(review, en('mergeCards.confirm.acknowledge'));
    await snap(adele, 'confirm-acknowledged');
    await adele.click(review, en('merge.action.confirm'));

    const merged = await adele.waitForCard(en('mergeCards.title.completed'), en('mergeCards.pill.completed'));
    await adele.click(merged, en('mergeCards.action.details'));
    await merged.getByText(en('mergeCards.merged.adviceTitle')).waitFor();
    const text = await merged.innerText();
    for (const id of ['1111111', '2222222', '3333333', '4444444', '5555555']) assert.match(text, new RegExp(id));
    assert.match(text, /bank and tax/i);
    await snap(adele, 'merged');

    await nestor.waitForCard(en('mergeCards.title.completed'));
    await snap(nestor, 'merged');
  });

  it('shows the history, and one merge with its audit trail', async () => {
    await adele.say('history');
    const history = await adele.waitForCard(
      en('mergeCards.history.title'),
      en('mergeCards.pill.completed'),
      en('mergeCards.pill.rejected'),
    );
    assert.match(await history.innerText(), new RegExp(REASON.slice(0, 30)));
    await snap(adele, 'history');

    await adele.click(history, en('mergeCards.history.details'), 'first'); // newest first: the completed merge
    const audit = await adele.waitForCard(
      en('mergeCards.audit.title'),
      en('merge.audit.accepted', { actor: 'Nestor Wilke' }),
    );
    assert.match(
      await audit.innerText(),
      new RegExp(en('merge.audit.invited', { actor: 'Adele Vance', company: 'Fabricam' })),
    );
    await snap(adele, 'audit-trail');
    assert.deepEqual(bot?.errorLogs() ?? [], [], 'no errors in the bot');
  });

  it('saved the screenshots, and no page had an error', async () => {
    assert.equal(screenshots.length, 20);
    for (const file of screenshots) assert.ok((await stat(file)).size > 10_000, `${file} was written`);
    assert.deepEqual([...adele.errors, ...nestor.errors], []);
  });
});
