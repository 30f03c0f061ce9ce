import assert from 'node:assert/strict';
import { z } from 'zod';
import { ofType } from '../cards/cardQueries.js';
import { TestBot, GUEST_USER, cardText } from '../harness/index.js';
import { StateStorage } from '../../bot/stateStorage.js';
import type { StoreItems } from 'botbuilder';
import { DEMO } from '../../services/demo/demoData.js';

const ADELE = {
  aadObjectId: DEMO.contoso.admin.aadObjectId,
  tenantId: DEMO.contoso.tenantId,
  name: DEMO.contoso.admin.displayName,
};

describe('bot over HTTP: turns', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot?.stop();
  });

  it('answers "help" with the help card, one button per flow the person can use', async () => {
    bot = await TestBot.start();
    const res = await bot.message('help');
    assert.equal(res.status, 200);
    const cards = bot.connector.cards();
    assert.equal(cards.length, 1);
    const text = cardText(cards[0]);
    assert.match(text, /Partner merge bot/);
    assert.match(text, /Hello Guest Tester!/);
    // Someone whose company the bot does not know: the check, and registration (reviewers are named in demo mode).
    const buttons = (card: unknown) =>
      ofType(card, 'Action.Submit').map((a) => [a.title, (a.data as { command: string }).command]);
    assert.deepEqual(buttons(cards[0]), [
      ['Check domain', 'check domain'],
      ['Register your company', 'register'],
    ]);
    // A user of a partner account: every flow, two to a row (ActionSets), in their order.
    await bot.message('help', { user: ADELE });
    assert.deepEqual(buttons(bot.connector.cards().at(-1)), [
      ['Check domain', 'check domain'],
      ['Start merge', 'start merge'],
      ['History', 'history'],
      ['Managers', 'managers'],
      ['People', 'people'],
    ]);
    // The reply goes to the user's conversation and answers the message.
    const call = bot.connector.calls.find((c) => c.kind === 'reply');
    assert.ok(call, 'a reply was sent');
    assert.equal(call.conversationId, `a:personal-${GUEST_USER.aadObjectId}`);
  });

  it('greets in Dutch for a Dutch locale', async () => {
    bot = await TestBot.start();
    await bot.message('hallo', { locale: 'nl-NL' });
    const text = cardText(bot.connector.cards()[0]);
    assert.match(text, /Partner-samenvoegbot/);
    assert.match(text, /Hallo Guest Tester!/);
  });

  it('sends the welcome card when installed in a personal chat', async () => {
    bot = await TestBot.start();
    const res = await bot.install();
    assert.equal(res.status, 200);
    assert.equal(bot.connector.cards().length, 1);
    assert.match(cardText(bot.connector.cards()[0]), /Check a work account/);
  });

  it('says it did not understand, and how to get help', async () => {
    bot = await TestBot.start();
    await bot.message('what is the weather');
    assert.deepEqual(bot.connector.texts(), ["I didn't catch that. Type **help** to see what I can do."]);
  });

  it('says there is nothing to cancel when nothing runs', async () => {
    bot = await TestBot.start();
    await bot.message('cancel');
    assert.deepEqual(bot.connector.texts(), ['There is nothing to cancel.']);
  });

  it('escapes a hostile display name in the help card', async () => {
    bot = await TestBot.start();
    await bot.message('help', { user: { ...GUEST_USER, name: '[click](https://evil.example) ${1+1}' } });
    const text = cardText(bot.connector.cards()[0]);
    assert.ok(!text.includes('[click](https://evil.example)'), 'markdown link is neutralized');
    assert.ok(text.includes('\\[click\\](https://evil.example) $\\{1+1\\}'), text);
  });

  it('apologizes with a correlation id when a turn throws, logs once, and keeps serving', async () => {
    let failReads = 1;
    const inner = StateStorage.inMemory();
    const flaky = {
      read: (keys: string[]): Promise<StoreItems> =>
        failReads-- > 0 ? Promise.reject(new Error('disk on fire')) : inner.read(keys),
      write: (changes: StoreItems) => inner.write(changes),
      delete: (keys: string[]) => inner.delete(keys),
    };
    bot = await TestBot.start({ deps: () => ({ stateStorage: flaky }) });
    const res = await bot.message('help');
    assert.equal(res.status, 200);
    const [apology] = bot.connector.texts();
    assert.ok(apology, 'the user got an answer');
    const match =
      /^Sorry, something went wrong on my side\. Please try again in a moment\. \(Reference: ([0-9a-f-]{36})\)$/.exec(
        apology,
      );
    assert.ok(match, `apology without detail: ${apology}`);
    assert.ok(!apology.includes('disk on fire') && !/\bat \S+:\d+/.test(apology), 'no error detail or stack trace');
    const errors = bot.errorLogs();
    assert.equal(errors.length, 1, 'error logged exactly once');
    assert.equal(errors[0]!.correlationId, match[1]);
    assert.equal((errors[0]!.err as { message: string }).message, 'disk on fire');

    bot.connector.clear();
    const again = await bot.message('help');
    assert.equal(again.status, 200);
    assert.equal(bot.connector.cards().length, 1, 'the next turn works');
  });

  it('answers a failing card action with an error invoke response, not a crash', async () => {
    bot = await TestBot.start();
    bot.app.cardActions.route({
      verb: 'test.boom',
      data: z.object({}),
      handle: () => Promise.reject(new Error('handler exploded')),
    });
    const res = await bot.cardAction('test.boom', {});
    assert.equal(res.status, 200);
    const body = res.json as { statusCode: number; type: string; value: { code: string; message: string } };
    assert.equal(body.statusCode, 500);
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.match(body.value.message, /^Sorry, something went wrong on my side/);
    assert.ok(!res.text.includes('handler exploded'));
    assert.equal(bot.errorLogs().length, 1);
    assert.equal(bot.connector.calls.length, 0, 'invoke errors are answered in the HTTP response, not as messages');
  });

  it('refuses unknown and malformed card actions with a 400 card error', async () => {
    bot = await TestBot.start();
    const unknown = await bot.cardAction('nope.nothing', {});
    assert.equal(unknown.status, 200);
    assert.deepEqual((unknown.json as { statusCode: number }).statusCode, 400);
    assert.match(unknown.text, /not supported/);
    const malformed = await bot.post(
      bot.activity('invoke', { extra: { name: 'adaptiveCard/action', value: { action: 'oops' } } }),
    );
    assert.equal((malformed.json as { statusCode: number }).statusCode, 400);
    assert.equal(bot.errorLogs().length, 0);
  });
});
