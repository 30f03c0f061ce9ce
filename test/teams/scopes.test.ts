/**
 * What the manifest's scopes and buttons promise: in a team or group chat people
 * @mention the bot, and merges stay out of shared conversations; a card button that sends
 * a command works whether the client expands it into text (Teams) or sends only the card
 * data (the Agents Playground).
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { TestBot, BOT_ID, cardText, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { t } from '../../services/i18n/index.js';
import { normalizeIncomingText, submittedCommand, withoutBotMention } from '../../bot/incomingText.js';

const adele: TeamsUser = {
  aadObjectId: DEMO.contoso.admin.aadObjectId,
  tenantId: DEMO.contoso.tenantId,
  name: DEMO.contoso.admin.displayName,
};
const GROUP = '19:group-chat-contoso@thread.v2';
const mention = (text: string) => ({
  text: `<at>Partner merge</at> ${text}`,
  entities: [{ type: 'mention', text: '<at>Partner merge</at>', mentioned: { id: BOT_ID, name: 'Partner merge' } }],
});

describe('incoming text', () => {
  const message = (extra: Record<string, unknown>): Partial<Activity> => ({
    type: 'message',
    recipient: { id: BOT_ID, name: 'Partner merge' },
    ...extra,
  });

  it("removes the bot's own @mention, keeps other people's", () => {
    assert.equal(withoutBotMention(message(mention('help'))), 'help');
    const other = { type: 'mention', text: '<at>Nestor</at>', mentioned: { id: '29:nestor' } };
    assert.equal(withoutBotMention(message({ text: 'ask <at>Nestor</at>', entities: [other] })), 'ask <at>Nestor</at>');
  });

  it('ignores entities that are not shaped like mentions', () => {
    const hostile = [
      null,
      7,
      { type: 3 },
      { type: 'mention' },
      { type: 'mention', mentioned: null, text: 'x' },
      { type: 'mention', mentioned: { id: BOT_ID }, text: '' },
    ];
    assert.equal(withoutBotMention(message({ text: 'help', entities: hostile })), 'help');
  });

  it('reads a text-less card submit as the command it stands for', () => {
    assert.equal(submittedCommand(message({ value: { command: 'history' } })), 'history');
    assert.equal(submittedCommand(message({ value: { choice: 'confirm', command: 'yes' } })), 'yes');
    assert.equal(
      submittedCommand(message({ text: 'typed', value: { command: 'history' } })),
      undefined,
      'typed text wins',
    );
    for (const value of [{ command: 42 }, { command: '  ' }, { command: null }]) {
      assert.equal(submittedCommand(message({ value })), undefined, JSON.stringify(value));
    }
    assert.equal(
      submittedCommand(message({ value: { command: 'x'.repeat(5000) } }))?.length,
      1000,
      'capped like typed text',
    );
    // Cards delivered before the change carried msteams imBack/messageBack data.
    assert.equal(submittedCommand(message({ value: { msteams: { type: 'imBack', value: 'history' } } })), 'history');
    assert.equal(
      submittedCommand(
        message({ value: { choice: 'confirm', msteams: { type: 'messageBack', text: 'yes', displayText: 'Send' } } }),
      ),
      'yes',
    );
    assert.equal(
      submittedCommand(message({ text: 'typed', value: { msteams: { type: 'imBack', value: 'history' } } })),
      undefined,
      'Teams already expanded it',
    );
    for (const value of [
      undefined,
      'history',
      { msteams: 'imBack' },
      { msteams: { type: 'imBack', value: 42 } },
      { msteams: { type: 'invoke', value: 'x' } },
    ]) {
      assert.equal(submittedCommand(message({ value })), undefined, JSON.stringify(value));
    }
  });

  it('rewrites the activity in place', () => {
    const activity = message({ value: { command: 'check domain' } });
    normalizeIncomingText(activity);
    assert.equal(activity.text, 'check domain');
  });
});

describe('team and group chat scopes, card clicks without text (over HTTP)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await TestBot.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const inGroup = (text: string, locale = 'en-US') =>
    bot.message(mention(text).text, {
      user: adele,
      locale,
      conversationId: GROUP,
      extra: {
        entities: mention(text).entities,
        conversation: { id: GROUP, conversationType: 'groupChat', tenantId: adele.tenantId, isGroup: true },
      },
    });

  it('answers an @mention in a group chat', async () => {
    await inGroup('help');
    assert.match(cardText(bot.connector.cards(GROUP).at(-1)), /Partner merge bot/);
  });

  it('keeps merges and merge history to personal chats, in the user’s language', async () => {
    await inGroup('start merge');
    await inGroup('history');
    await inGroup('geschiedenis', 'nl-NL');
    assert.deepEqual(bot.connector.texts(GROUP), [
      t('en', 'core.personalOnly'),
      t('en', 'core.personalOnly'),
      t('nl', 'core.personalOnly'),
    ]);
    assert.equal(await bot.app.store.merges.findOpenForAccount(DEMO.contoso.globalMpnId), undefined);
  });

  it('checks a domain in a group chat too', async () => {
    await inGroup('check domain');
    assert.equal(bot.connector.texts(GROUP).at(-1), t('en', 'workAccount.prompt.ask'));
  });

  it('follows a help-card button sent as card data only (Agents Playground)', async () => {
    await bot.post(bot.activity('message', { user: adele, extra: { value: { command: 'history' } } }));
    assert.match(cardText(bot.connector.cards().at(-1)), /Merge history/);
  });
});

describe('start merge with the Partner ID named', () => {
  it('reads "start merge with Partner ID 3333333" and "merge MPN ID 3333333" as the ID', async () => {
    const { recognizeIntent } = await import('../../dialogs/intents.js');
    for (const typed of [
      'start merge with Partner ID 3333333',
      'merge MPN ID 3333333',
      'samenvoegen met Partner-ID 3333333',
      'start merge 3333333',
    ]) {
      assert.deepEqual(recognizeIntent(typed), { kind: 'startMerge', mpnId: '3333333' }, typed);
    }
  });
});

describe('one dialog per person in channels and group chats (over HTTP)', () => {
  let bot: TestBot;
  const CHANNEL = '19:general-contoso@thread.tacv2';
  const pradeep: TeamsUser = {
    aadObjectId: DEMO.contoso.user.aadObjectId,
    tenantId: DEMO.contoso.tenantId,
    name: DEMO.contoso.user.displayName,
  };
  beforeEach(async () => {
    bot = await TestBot.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const inChannel = (user: TeamsUser, text: string, conversationType = 'channel', conversationId = CHANNEL) =>
    bot.message(mention(text).text, {
      user,
      conversationId,
      extra: {
        entities: mention(text).entities,
        conversation: { id: conversationId, conversationType, tenantId: user.tenantId, isGroup: true },
      },
    });
  const answers = (conversationId = CHANNEL) =>
    bot.connector.calls
      .filter((c) => c.conversationId === conversationId && (c.kind === 'send' || c.kind === 'reply') && c.status < 300)
      .map((c) => c.body as { text?: string; attachments?: Array<{ content: unknown }> });

  for (const [scope, conversationId] of [
    ['channel', CHANNEL],
    ['groupChat', GROUP],
  ] as const) {
    it(`lets two people each finish their own check domain with messages interleaved (${scope})`, async () => {
      await inChannel(adele, 'check domain', scope, conversationId);
      // Pradeep's message is not Adele's answer: it is his own command.
      await inChannel(pradeep, 'check domain', scope, conversationId);
      await inChannel(adele, 'adele.vance@contoso.com', scope, conversationId);
      await inChannel(pradeep, 'someone@gmail.com', scope, conversationId);
      const sent = answers(conversationId);
      const texts = sent.map((b) => b.text).filter((x) => x !== undefined);
      assert.deepEqual(
        texts,
        [t('en', 'workAccount.prompt.ask'), t('en', 'workAccount.prompt.ask')],
        'each was asked once',
      );
      const cards = sent.flatMap((b) => (b.attachments ?? []).map((a) => cardText(a.content)));
      assert.equal(cards.length, 2, 'two result cards');
      assert.match(
        cards[0] ?? '',
        new RegExp(`^${t('en', 'waCard.title.ready', { domain: 'contoso\\.com' })}$`, 'm'),
        "Adele's address, answered for her",
      );
      assert.match(cards[1] ?? '', /^someone@gmail\.com$/m, "Pradeep's address, answered for him");
      assert.match(cards[1] ?? '', new RegExp(`^${t('en', 'waCard.title.personal')}$`, 'm'));
    });
  }

  it('keeps the personal chat key unchanged', async () => {
    const { dialogStateKey } = await import('../../bot/dialogState.js');
    const context = (conversation: Record<string, unknown>) =>
      ({
        activity: { channelId: 'msteams', conversation, from: { id: '29:a', aadObjectId: 'AAD-1' } },
      }) as unknown as Parameters<typeof dialogStateKey>[0];
    assert.equal(dialogStateKey(context({ id: 'a:1', conversationType: 'personal' })), 'msteams/conversations/a:1');
    assert.equal(dialogStateKey(context({ id: 'a:1' })), 'msteams/conversations/a:1');
    assert.equal(
      dialogStateKey(context({ id: '19:c', conversationType: 'channel' })),
      'msteams/conversations/19:c/people/AAD-1',
    );
  });
});
