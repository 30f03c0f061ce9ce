/**
 * Authorization inputs: the tenant allow-list (`ALLOWED_TENANTS`) and identity. Activities
 * from other tenants are refused politely and logged, before any of the bot's logic runs;
 * decisions use (tenant id, Entra object id) only, never names; no object id, no action.
 */
import assert from 'node:assert/strict';
import { TurnContext } from 'botbuilder';
import { configFrom, ConfigError } from '../../bot/config.js';
import { t } from '../../services/i18n/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { GUEST_USER, TestBot, type TeamsUser } from '../harness/index.js';
import { asUser, seedInvitation } from './support.js';

const contosoAdmin = asUser(DEMO.contoso.admin);
const fabricamAdmin = asUser(DEMO.fabricam.admin);
const REFUSED_LOG = 'refused an activity from a tenant that is not allowed';

interface CardInvokeBody {
  readonly statusCode: number;
  readonly type: string;
  readonly value: { readonly code?: string; readonly message?: string };
}

describe('security: ALLOWED_TENANTS configuration', () => {
  it('is empty (every tenant) by default and when blank', () => {
    assert.deepEqual(configFrom({}).security.allowedTenants, []);
    assert.deepEqual(configFrom({ ALLOWED_TENANTS: ' ' }).security.allowedTenants, []);
  });

  it('reads a comma-separated list of GUIDs, trimmed, lower-cased, without duplicates', () => {
    const config = configFrom({
      ALLOWED_TENANTS: ` ${DEMO.contoso.tenantId.toUpperCase()} ,${DEMO.fabricam.tenantId},${DEMO.contoso.tenantId},`,
    });
    assert.deepEqual(config.security.allowedTenants, [DEMO.contoso.tenantId, DEMO.fabricam.tenantId]);
  });

  it('fails fast naming the variable and the bad entry', () => {
    assert.throws(
      () => configFrom({ ALLOWED_TENANTS: `${DEMO.contoso.tenantId},contoso.com` }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.length === 1 &&
        /^ALLOWED_TENANTS: .*"contoso\.com" is not one/.test(err.problems[0] ?? ''),
    );
  });
});

describe('security: tenant allow-list', () => {
  let bot: TestBot;
  let mergeId: string;
  // One bot for the suite: every test here is refused, so none changes what the next sees.
  before(async () => {
    // Contoso and the guest's tenant are served; Fabricam and Northwind are not.
    bot = await TestBot.start({ env: { ALLOWED_TENANTS: `${DEMO.contoso.tenantId},${GUEST_USER.tenantId}` } });
    mergeId = await seedInvitation(bot);
  });
  beforeEach(() => {
    bot.connector.clear();
    bot.logs.length = 0;
  });
  after(async () => {
    await bot.stop();
  });

  const refusals = () => bot.logs.filter((l) => l.msg === REFUSED_LOG);

  it('serves an allowed tenant as usual', async () => {
    const res = await bot.message('help', { user: contosoAdmin });
    assert.equal(res.status, 200);
    assert.equal(bot.connector.cards().length, 1);
    assert.equal(refusals().length, 0);
  });

  it('answers a message from another tenant with a polite, localized refusal, logs it, and remembers nothing', async () => {
    const conversationsBefore = await bot.app.store.conversations.count();
    const res = await bot.message('start merge', { user: fabricamAdmin });
    assert.equal(res.status, 200);
    assert.deepEqual(bot.connector.texts(), [t('en-US', 'core.notAllowedTenant')]);
    assert.equal(bot.connector.cards().length, 0);

    await bot.message('help', { user: fabricamAdmin, locale: 'nl-NL' });
    assert.equal(bot.connector.texts().at(-1), t('nl-NL', 'core.notAllowedTenant'));

    const logged = refusals();
    assert.equal(logged.length, 2);
    assert.deepEqual(logged[0]?.tenantIds, [DEMO.fabricam.tenantId, DEMO.fabricam.tenantId]);
    assert.equal(typeof logged[0]?.correlationId, 'string', "the refusal is logged with the turn's correlation id");
    assert.equal(
      await bot.app.store.conversations.count(),
      conversationsBefore,
      'no conversation reference was stored',
    );
  });

  it('refuses a card click from another tenant with an error invoke response; the merge does not move', async () => {
    const res = await bot.cardAction('merge.accept', { mergeId }, { user: fabricamAdmin });
    assert.equal(res.status, 200);
    const body = res.json as CardInvokeBody;
    assert.equal(body.statusCode, 403);
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.deepEqual(body.value, { code: 'Forbidden', message: t('en-US', 'core.notAllowedTenant') });
    assert.equal((await bot.app.store.merges.get(mergeId))?.status, 'invited');
    assert.equal(bot.connector.calls.length, 0);
    assert.equal(refusals().length, 1);
  });

  it('answers other invokes from another tenant with 403', async () => {
    const res = await bot.post(
      bot.activity('invoke', {
        user: fabricamAdmin,
        extra: { name: 'composeExtension/query', value: { commandId: 'x' } },
      }),
    );
    assert.equal(res.status, 403);
    assert.deepEqual(res.json, { error: 'Forbidden', message: t('en-US', 'core.notAllowedTenant') });
  });

  it('says so once when another organization installs the bot, and ignores its other events', async () => {
    await bot.install({ user: fabricamAdmin });
    assert.deepEqual(bot.connector.texts(), [t('en-US', 'core.notAllowedTenant')]);
    const typing = await bot.post(bot.activity('typing', { user: fabricamAdmin }));
    assert.equal(typing.status, 200);
    assert.equal(bot.connector.calls.length, 1);
  });

  it('refuses activities that name no tenant, or an allowed and a refused one', async () => {
    const noTenant = bot.activity('message', {
      user: contosoAdmin,
      extra: { text: 'help', channelData: {}, conversation: { id: 'a:no-tenant', conversationType: 'personal' } },
    });
    assert.equal((await bot.post(noTenant)).status, 200);
    const mixed = bot.activity('message', {
      user: contosoAdmin,
      extra: { text: 'help', channelData: { tenant: { id: DEMO.fabricam.tenantId } } },
    });
    assert.equal((await bot.post(mixed)).status, 200);
    assert.equal(bot.connector.cards().length, 0, 'no help card: the bot did not serve either');
    assert.equal(refusals().length, 2);
  });

  it('checks what arrives, not the proactive turns the bot starts itself', async () => {
    const reference = TurnContext.getConversationReference(bot.activity('message', { user: fabricamAdmin }));
    let ran = false;
    await bot.app.adapter.continueConversationAsync(bot.config.bot.appId ?? '', reference, () => {
      ran = true;
      return Promise.resolve();
    });
    assert.ok(ran);
    assert.equal(refusals().length, 0);
  });

  it('still refuses politely when the connector cannot take the refusal', async () => {
    bot.connector.failNext(() => true, { status: 403 });
    const res = await bot.message('help', { user: fabricamAdmin });
    assert.equal(res.status, 200);
    assert.ok(bot.logs.some((l) => l.msg === 'could not tell the user that their tenant is not allowed'));
    assert.equal(bot.errorLogs().length, 0);
  });
});

describe('security: identity is (tenant, Entra object id), nothing else', () => {
  let bot: TestBot;
  let mergeId: string;
  before(async () => {
    bot = await TestBot.start();
    mergeId = await seedInvitation(bot);
  });
  beforeEach(() => bot.connector.clear());
  after(async () => {
    await bot.stop();
  });

  /** The invited admin's own name and Teams id, but no Entra object id. */
  const withoutObjectId = { extra: { from: { id: `29:${fabricamAdmin.aadObjectId}`, name: fabricamAdmin.name } } };

  it('cannot act on a card without an Entra object id', async () => {
    const res = await bot.cardAction('merge.accept', { mergeId }, { user: fabricamAdmin, ...withoutObjectId });
    const body = res.json as CardInvokeBody;
    assert.equal(body.statusCode, 401);
    assert.equal(body.value.message, t('en-US', 'core.cannotIdentify'));
    assert.equal((await bot.app.store.merges.get(mergeId))?.status, 'invited');
  });

  it('cannot start a merge or read history without an Entra object id', async () => {
    for (const text of ['start merge', 'history']) {
      bot.connector.clear();
      await bot.message(text, {
        user: contosoAdmin,
        extra: { text, from: { id: `29:${contosoAdmin.aadObjectId}`, name: contosoAdmin.name } },
      });
      assert.deepEqual(bot.connector.texts(), [t('en-US', 'core.cannotIdentify')], text);
    }
  });

  it("ignores names: a stranger called like the admin, or the admin's object id in another tenant, cannot decide", async () => {
    const impostors: TeamsUser[] = [
      {
        aadObjectId: '0f0f0f0f-0000-4000-8000-00000000dead',
        tenantId: fabricamAdmin.tenantId,
        name: fabricamAdmin.name,
      },
      { aadObjectId: fabricamAdmin.aadObjectId, tenantId: DEMO.northwind.tenantId, name: fabricamAdmin.name },
    ];
    for (const user of impostors) {
      for (const verb of ['merge.accept', 'merge.reject', 'merge.cancel']) {
        const res = await bot.cardAction(verb, { mergeId, reason: 'no' }, { user });
        assert.equal(res.status, 200);
      }
    }
    const merge = await bot.app.store.merges.get(mergeId);
    assert.equal(merge?.status, 'invited');
    assert.equal(merge?.audit.length, 1, 'only the invitation is in the audit trail');
  });
});
