/**
 * One typed route per card verb: what does not fit a verb's data, or comes from no one the
 * bot can identify, is refused once, by the registry, in the clicker's language, before any
 * handler runs; and what a handler refuses as not found or forbidden is answered the same way.
 */
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { TestBot } from '../harness/index.js';
import { CardActionRegistry, cardResponse } from '../../bot/cardActions.js';
import { t } from '../../services/i18n/index.js';
import { PEOPLE_INPUTS } from '../../cards/accountPeople.js';
import { REGISTRATION_INPUTS } from '../../cards/registrationForm.js';
import { WATCHER_INPUTS } from '../../cards/watchers.js';
import { ACKNOWLEDGE_INPUT_ID } from '../../cards/mergeRequest.js';
import type { Logger } from '../../services/loggerPort.js';
import { storeState } from '../registration/joinScenario.js';

/** Every key any card sends, each with a value no card sends (a number where a card sends text). */
const MALFORMED: Record<string, unknown> = Object.fromEntries(
  [
    'mergeId',
    'accountMpnId',
    'registrationId',
    'aadObjectId',
    'tenantId',
    'reason',
    'from',
    'shown',
    ACKNOWLEDGE_INPUT_ID,
    ...Object.values(PEOPLE_INPUTS),
    ...Object.values(REGISTRATION_INPUTS),
    ...Object.values(WATCHER_INPUTS),
  ].map((key) => [key, 42]),
);

describe('card verbs: one typed route each', function () {
  this.timeout(30_000);
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('refuses data that does not fit, for every verb, once in the registry, in English and Dutch, changing nothing', async () => {
    bot = await TestBot.start();
    const verbs = bot.app.cardActions.verbs;
    assert.ok(verbs.length >= 17, verbs.join(', '));
    const before = await storeState(bot.app.store);
    for (const locale of ['en-US', 'nl-NL']) {
      for (const verb of verbs) {
        bot.logs.length = 0;
        const res = await bot.cardAction(verb, MALFORMED, { locale });
        const body = res.json as { statusCode: number; value: { message: string } };
        assert.equal(body.statusCode, 400, `${verb} (${locale})`);
        const expected = verb.startsWith('merge.')
          ? t(locale, 'mergeFlow.card.badMergeId')
          : t(locale, 'core.cardAction.malformed');
        assert.equal(body.value.message, expected.replace(/\*\*([^*]+)\*\*/g, '$1'), verb);
        const refusals: Array<Record<string, unknown>> = bot.logs.filter(
          (l) => l.msg === 'card action data does not fit its verb',
        );
        assert.equal(refusals.length, 1, `${verb}: refused once`);
        assert.equal(refusals[0]!.verb, verb);
      }
    }
    assert.equal(await storeState(bot.app.store), before);
    assert.deepEqual(bot.errorLogs(), []);
  });
});

describe('the card action registry', () => {
  const quiet: Logger = {
    fatal: () => undefined,
    error: () => undefined,
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    child: () => quiet,
  };
  const context = (
    value: unknown,
    from: Record<string, unknown> = { id: 'u1', aadObjectId: '00000000-0000-4000-8000-000000000001' },
  ): TurnContext =>
    ({
      activity: {
        type: 'invoke',
        name: 'adaptiveCard/action',
        locale: 'nl-NL',
        value,
        from,
        conversation: { id: 'c', tenantId: '00000000-0000-4000-8000-0000000000aa' },
        channelData: { tenant: { id: '00000000-0000-4000-8000-0000000000aa' } },
      },
    }) as unknown as TurnContext;
  const invoke = (verb: string, data: unknown) => ({ action: { type: 'Action.Execute', verb, data } });

  it('gives the handler parsed, typed data and the clicker; answers its refusals as 404 and 403', async () => {
    const registry = new CardActionRegistry();
    const seen: Array<{ count: number; who: string }> = [];
    registry.route({
      verb: 'test.count',
      data: z.object({ count: z.coerce.number().int().min(1) }),
      handle: ({ data, viewer }) => {
        seen.push({ count: data.count, who: viewer.aadObjectId });
        if (data.count === 404)
          return Promise.resolve({ refuse: 'not-found' as const, message: 'gone', log: { msg: 'test refusal' } });
        if (data.count === 403)
          return Promise.resolve({ refuse: 'forbidden' as const, message: 'not yours', log: { msg: 'test refusal' } });
        return Promise.resolve(cardResponse({ type: 'AdaptiveCard', version: '1.5', body: [] }));
      },
    });
    assert.equal((await registry.handle(context(invoke('test.count', { count: '3' })), quiet)).statusCode, 200);
    assert.deepEqual(seen, [{ count: 3, who: '00000000-0000-4000-8000-000000000001' }]);
    assert.deepEqual(await registry.handle(context(invoke('test.count', { count: 404 })), quiet), {
      statusCode: 404,
      type: 'application/vnd.microsoft.error',
      value: { code: 'NotFound', message: 'gone' },
    });
    assert.equal((await registry.handle(context(invoke('test.count', { count: 403 })), quiet)).statusCode, 403);
    const bad = await registry.handle(context(invoke('test.count', { count: 'many' })), quiet);
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (bad.value as { message: string }).message,
      t('nl-NL', 'core.cardAction.malformed').replace(/\*\*([^*]+)\*\*/g, '$1'),
    );
    const anonymous = await registry.handle(context(invoke('test.count', { count: 1 }), { id: 'u1' }), quiet);
    assert.equal(anonymous.statusCode, 401);
    assert.equal(seen.length, 3, 'no handler ran for the malformed or anonymous click');
    assert.throws(
      () => registry.route({ verb: 'test.count', data: z.object({}), handle: () => Promise.reject(new Error('x')) }),
      /registered twice/,
    );
  });
});
