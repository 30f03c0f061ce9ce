/**
 * The work-account check as a Teams user lives it: real HTTP to /api/messages, the whole
 * app, the real Graph client against the loopback Graph/token/authority emulators, and the
 * answers read from the Bot Connector emulator.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, type TeamsUser } from '../harness/index.js';
import { CONTOSO_TENANT, GLOBAL_ADMIN, PLAIN_USER, startWorld, type World } from './fixtures.js';

const admin: TeamsUser = { aadObjectId: GLOBAL_ADMIN, tenantId: CONTOSO_TENANT, name: 'Grace Admin' };
const plainUser: TeamsUser = { aadObjectId: PLAIN_USER, tenantId: CONTOSO_TENANT, name: 'Paul User' };

describe('check domain over HTTP', () => {
  let world: World;
  let bot: TestBot;
  beforeEach(async () => {
    world = await startWorld();
    bot = await TestBot.start({ deps: () => ({ workAccount: world.service() }) });
  });
  afterEach(async () => {
    await bot.stop();
    await world.close();
  });

  const lastCardText = (): string => cardText(bot.connector.cards().at(-1));

  it('refuses a personal address', async () => {
    await bot.message('check someone@gmail.com', { user: admin });
    assert.match(lastCardText(), /Personal mailboxes can't be used\nNot allowed/);
    assert.equal(world.graph.requests.length, 0, 'decided without calling Graph');
  });

  it('is ready for a business domain whose tenant exists, for a Global Administrator', async () => {
    await bot.message('check jane@contoso.com', { user: admin });
    const text = lastCardText();
    assert.match(text, /^contoso\.com can be linked\nReady$/m);
    assert.match(text, /Contoso Ltd/);
    assert.ok(world.graph.requests.length > 0, 'Graph was asked');
  });

  it('says there is no work account yet when no tenant owns the domain', async () => {
    await bot.message('check info@nowhere.example', { user: admin });
    assert.match(lastCardText(), /^No work account yet\nNone found$/m);
  });

  it('suggests the headquarters domain for a regional one', async () => {
    await bot.message('check contoso.uk', { user: admin });
    const text = lastCardText();
    assert.match(text, /^Use your headquarters domain\nRegional domain$/m);
    assert.match(text, /contoso\\?\.com/);
  });

  it('tells an admin without the required role', async () => {
    await bot.message('check contoso.com', { user: plainUser });
    assert.match(lastCardText(), /^Ask a Global administrator\nRole needed$/m);
  });

  it('with Graph down, says what could not be checked and does not hang', async () => {
    world.graph
      .fault('findTenantByDomain', { status: 500 })
      .fault('domains', { status: 500 })
      .fault('directoryRoles', { status: 500 });
    const res = await bot.message('check contoso.com', { user: admin });
    assert.equal(res.status, 200);
    const text = lastCardText();
    assert.ok(bot.connector.cards().length === 1, 'one result card');
    assert.doesNotMatch(text, /^Ready/);
    assert.match(text, /could not|couldn't|not checked/i);
  });

  it('asks for the address, re-prompts on garbage with a hint, and gives up politely', async () => {
    await bot.message('check domain', { user: admin });
    assert.match(bot.connector.texts().at(-1)!, /Which work e-mail address or domain should I check\?/);
    for (const garbage of ['!!!', 'not an address at all', '@@']) {
      bot.connector.clear();
      await bot.message(garbage, { user: admin });
      assert.equal(bot.connector.cards().length, 0, `no result for ${garbage}`);
      assert.ok(bot.connector.texts().length > 0, `an answer for ${garbage}`);
    }
    assert.match(bot.connector.texts().join('\n'), /I still couldn't read an e-mail address or domain, so I stopped/);
    bot.connector.clear();
    await bot.message('help', { user: admin });
    assert.equal(bot.connector.cards().length, 1, 'the conversation is free again');
  });

  it('cancels mid-way and changes nothing', async () => {
    await bot.message('check domain', { user: admin });
    bot.connector.clear();
    await bot.message('cancel', { user: admin });
    assert.deepEqual(bot.connector.texts(), ['Cancelled. Nothing was changed.']);
    bot.connector.clear();
    await bot.message('contoso.com', { user: admin });
    assert.equal(bot.connector.cards().length, 0, 'the prompt is gone: the input is not taken as an answer');
  });

  it('continues with the address typed at the prompt, in Dutch', async () => {
    await bot.message('domein controleren', { user: admin, locale: 'nl-NL' });
    assert.match(bot.connector.texts().at(-1)!, /Welk werk-e-mailadres of domein moet ik controleren\?/);
    await bot.message('iemand@hotmail.nl', { user: admin, locale: 'nl-NL' });
    assert.match(lastCardText(), /^Persoonlijke mailboxen kunnen niet worden gebruikt\nNiet toegestaan$/m);
  });

  it('switches to another command typed at the prompt', async () => {
    await bot.message('check domain', { user: admin });
    bot.connector.clear();
    await bot.message('check someone@yahoo.co.uk', { user: admin });
    assert.match(lastCardText(), /^Personal mailboxes can't be used\nNot allowed$/m);
  });
});
