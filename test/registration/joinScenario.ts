/**
 * A company joins in Teams and merges, over real HTTP on one store backend: Litware (its own
 * tenant, no account) registers, the operator's reviewer approves, Litware's Account admin
 * adds a colleague as Incentives admin and a manager, and starts a merge with Contoso (the
 * worked example's 1111111 invited); Contoso approves, Litware confirms. Domains are proven
 * by the real work-account service against the loopback Graph and OpenID authority. Every
 * refusal along the way (bad input, a forged click, a second click) leaves the store as it was.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import type { Store } from '../../services/store/types.js';
import { exportAccounts, importAccounts } from '../../services/accounts/importExport.js';
import { createMemoryStore } from '../../services/store/memoryStore.js';
import { startWorld, type World } from '../workAccount/fixtures.js';

export const asUser = (p: { aadObjectId: string; tenantId: string; displayName: string }): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
});

/** The operator's reviewer: in the operator's own tenant, not a partner. */
export const REVIEWER: TeamsUser = {
  aadObjectId: '0be0be00-0000-4000-8000-0000000000e1',
  tenantId: '0be0be00-0000-4000-8000-000000000001',
  name: 'Rhea Reviewer',
};
export const allan = asUser(DEMO.litware.admin);
export const christie = asUser(DEMO.litware.incentivesAdmin);
export const lidia = asUser(DEMO.litware.manager);
export const adele = asUser(DEMO.contoso.admin);

export interface JoinWorld {
  readonly bot: TestBot;
  readonly world: World;
}

/** The loopback cloud knows Litware's tenant and domain (and nothing of the demo directory). */
export async function startJoinWorld(
  store: Store | undefined,
  env: Readonly<Record<string, string>> = {},
): Promise<JoinWorld> {
  const world = await startWorld();
  world.graph.addTenant(
    { tenantId: DEMO.litware.tenantId, displayName: 'Litware, Inc.', defaultDomainName: 'litware.com' },
    ['litware.com'],
  );
  world.authority.addDomain('litware.com', DEMO.litware.tenantId);
  const bot = await TestBot.start({
    env: { REGISTRATION_REVIEWERS: `${REVIEWER.tenantId}/${REVIEWER.aadObjectId}`, ...env },
    deps: () => ({ workAccount: world.service(), ...(store ? { store } : {}) }),
  });
  // Teams tells the bot who Allan is (TeamsInfo.getMember).
  bot.connector.addMember(personalConversationId(allan), {
    id: `29:${allan.aadObjectId}`,
    aadObjectId: allan.aadObjectId,
    name: allan.name,
    userPrincipalName: DEMO.litware.admin.upn,
  });
  return { bot, world };
}

export async function stopJoinWorld(w: JoinWorld | undefined): Promise<void> {
  await w?.bot.stop();
  await w?.world.close();
}

interface ExecuteAction {
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Every Action.Execute on a card (ShowCard sub-cards included, refresh not). */
export function executeActions(card: unknown): ExecuteAction[] {
  const out: ExecuteAction[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && key !== 'refresh' && typeof o.verb === 'string')
      out.push({ verb: o.verb, data: (o.data ?? {}) as Record<string, unknown> });
    for (const [k, v] of Object.entries(o)) if (k !== 'refresh') walk(v, k);
  };
  walk(card);
  return out;
}

/** The commands of a card's Action.Submit buttons. */
export function commandsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    const data = o.data as { command?: unknown } | undefined;
    if (o.type === 'Action.Submit' && typeof data?.command === 'string') out.push(data.command);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export const cardOf = (result: { json: unknown }): unknown => (result.json as { value?: unknown }).value;
export const errorOf = (result: { json: unknown }): { statusCode: number; message: string } => {
  const body = result.json as { statusCode: number; value: { message: string } };
  return { statusCode: body.statusCode, message: body.value.message };
};

/** Everything a store holds, to prove a refusal changed nothing. */
export async function storeState(store: Store): Promise<string> {
  const accounts = await store.accounts.list();
  const registrations = [
    ...(await store.registrations.listPending()),
    ...(await store.registrations.listForTenant(DEMO.litware.tenantId)),
  ];
  const outbox = await store.outbox.count();
  return JSON.stringify({ accounts, registrations: registrations.map((r) => [r.id, r.status, r.version]), outbox });
}

export const LITWARE_FORM = {
  globalMpnId: '6666666',
  companyName: 'Litware, Inc.',
  domains: 'litware.com',
  locations: '6666667 Litware Utrecht',
};

/** The whole story; `store` is the app's own (whatever backend it is on). */
export async function playJoinAndMerge(w: JoinWorld): Promise<void> {
  const { bot } = w;
  const store = bot.app.store;
  const cardsOf = (user: TeamsUser) => bot.connector.cards(personalConversationId(user));
  const lastCard = (user: TeamsUser) => cardsOf(user).at(-1);

  // Everyone in the story has the app (the bot can reach them); Allan's company is unknown.
  for (const user of [REVIEWER, christie, lidia, adele]) await bot.install({ user });
  await bot.install({ user: allan });
  const welcome = lastCard(allan);
  assert.ok(commandsOf(welcome).includes('register'), 'the welcome card offers Register your company');
  assert.ok(!commandsOf(welcome).includes('start merge'), 'no merge flows for an unknown company');
  await bot.message('start merge', { user: allan });
  assert.match(cardText(lastCard(allan)), /I don't know your company yet/);
  assert.deepEqual(commandsOf(lastCard(allan)), ['register']);

  // The form: Teams said who Allan is, so it does not ask for his address.
  await bot.message('register', { user: allan });
  const form = lastCard(allan);
  assert.match(cardText(form), /Register your company/);
  assert.match(cardText(form), /Requested by Allan Deyoung \(allan\.deyoung@litware\.com\)/);
  assert.deepEqual(
    executeActions(form).map((a) => a.verb),
    ['registration.submit'],
  );

  // Bad input: each answer says why, and nothing is written.
  const before = await storeState(store);
  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ ...LITWARE_FORM, domains: 'gmail.com' }, /gmail\.com is a personal mailbox domain/],
    [{ ...LITWARE_FORM, domains: 'litware.com, contoso.com' }, /contoso\.com belongs to another organization/],
    [{ ...LITWARE_FORM, globalMpnId: '1111111' }, /Partner ID 1111111 already belongs to an account here/],
    [{ ...LITWARE_FORM, locations: '2222222 Seattle' }, /Partner ID 2222222 already belongs to an account here/],
    [{ ...LITWARE_FORM, globalMpnId: 'abc', companyName: '' }, /not a valid Partner ID|abc/],
  ];
  for (const [data, why] of bad) {
    const answer = await bot.cardAction('registration.submit', data, { user: allan });
    const text = cardText(cardOf(answer));
    assert.match(text, /Please fix this first/, JSON.stringify(data));
    assert.match(text, why);
    assert.equal(await storeState(store), before, `nothing written for ${JSON.stringify(data)}`);
  }

  // The registration goes to the reviewer.
  const sent = await bot.cardAction('registration.submit', LITWARE_FORM, { user: allan });
  assert.match(cardText(cardOf(sent)), /Registration sent: Litware, Inc\.\nWaiting for review/);
  const [registration] = await store.registrations.listPending();
  assert.ok(registration);
  assert.equal(registration.requester.upn, 'allan.deyoung@litware.com');
  assert.deepEqual(registration.checks.domains, [{ domain: 'litware.com', proof: 'graph' }]);
  const again = await bot.cardAction(
    'registration.submit',
    { ...LITWARE_FORM, companyName: 'Litware again' },
    { user: allan },
  );
  assert.match(cardText(cardOf(again)), /waiting for review since/);
  assert.equal(
    (await store.registrations.listForTenant(DEMO.litware.tenantId)).length,
    1,
    'one open registration per tenant',
  );
  await bot.settle();
  const review = lastCard(REVIEWER);
  assert.ok(review, 'the reviewer got the review card');
  const reviewText = cardText(review);
  assert.match(reviewText, /Registration: Litware, Inc\./);
  assert.match(reviewText, /litware\.com belongs to the requester's tenant \(Microsoft Graph\)/);
  assert.match(reviewText, /check in Partner Center that Allan Deyoung is the Account admin of 6666666/);
  assert.deepEqual(
    executeActions(review)
      .map((a) => a.verb)
      .sort(),
    ['registration.approve', 'registration.reject'],
  );

  // A forged click by the requester changes nothing and says only that it is not theirs.
  const unchanged = await storeState(store);
  const forged = await bot.cardAction('registration.approve', { registrationId: registration.id }, { user: allan });
  assert.equal(errorOf(forged).statusCode, 403);
  assert.equal(await storeState(store), unchanged);

  // The reviewer approves; a second click says it is decided already.
  const approved = await bot.cardAction(
    'registration.approve',
    { registrationId: registration.id },
    { user: REVIEWER },
  );
  assert.match(
    cardText(cardOf(approved)),
    /Approved: Litware, Inc\. now exists with Allan Deyoung as its Account admin/,
  );
  assert.deepEqual(executeActions(cardOf(approved)), [], 'no decision buttons once decided');
  const account = await store.accounts.get('6666666');
  assert.ok(account);
  assert.deepEqual(
    account.users.map((u) => [u.displayName, u.upn, u.roles]),
    [['Allan Deyoung', 'allan.deyoung@litware.com', [{ role: 'account-admin' }]]],
  );
  assert.deepEqual(account.tenants, [{ tenantId: DEMO.litware.tenantId, domains: ['litware.com'] }]);
  assert.deepEqual(
    account.locations.map((l) => [l.mpnId, l.name]),
    [['6666667', 'Litware Utrecht']],
  );
  assert.deepEqual(
    account.audit?.map((e) => [e.action, e.actor.displayName]),
    [['registered', 'Rhea Reviewer']],
  );
  const decided = await storeState(store);
  const second = await bot.cardAction('registration.approve', { registrationId: registration.id }, { user: REVIEWER });
  assert.match(cardText(cardOf(second)), /already approved \(by Rhea Reviewer/);
  assert.equal(await storeState(store), decided);
  await bot.settle();
  const decision = lastCard(allan);
  assert.match(cardText(decision), /Litware, Inc\. is registered\nApproved/);
  assert.deepEqual(commandsOf(decision), ['people', 'start merge']);

  // Allan adds Christie as Incentives admin (typed address) and Lidia as a manager.
  await bot.message('people', { user: allan });
  const people = lastCard(allan);
  assert.match(cardText(people), /People and locations/);
  const added = await bot.cardAction(
    'people.add',
    { accountMpnId: '6666666', address: DEMO.litware.incentivesAdmin.upn, addRoles: 'incentives-admin' },
    { user: allan },
  );
  assert.match(cardText(cardOf(added)), /Added: Christie Cline/);
  const manager = await bot.cardAction(
    'watchers.add',
    { accountMpnId: '6666666', address: DEMO.litware.manager.upn },
    { user: allan },
  );
  assert.match(cardText(cardOf(manager)), /Lidia Holloway/);
  const withPeople = await store.accounts.get('6666666');
  assert.deepEqual(
    withPeople?.users.map((u) => [u.displayName, u.roles.map((r) => r.role)]),
    [
      ['Allan Deyoung', ['account-admin']],
      ['Christie Cline', ['incentives-admin']],
    ],
  );
  assert.deepEqual(
    withPeople?.audit?.map((e) => e.action),
    ['registered', 'user-added', 'watcher-added'],
  );
  await bot.settle();
  assert.match(cardText(lastCard(christie)), /You're a user of Litware, Inc\./);
  assert.match(cardText(lastCard(christie)), /Incentives admin/);
  assert.match(cardText(lastCard(lidia)), /You'll hear about merges of Litware, Inc\./);

  // Allan merges with Contoso (1111111 invited); Contoso's admin approves; Allan confirms.
  await bot.message('start merge', { user: allan });
  await bot.message('1111111', { user: allan });
  await bot.message('yes', { user: allan, extra: { value: { choice: 'confirm' } } });
  await bot.settle();
  const open = await store.merges.findOpenForAccount('6666666');
  assert.ok(open && open.status === 'invited' && open.invitedMpnId === '1111111');
  const approve = await bot.cardAction('merge.accept', { mergeId: open.id }, { user: adele });
  assert.equal((approve.json as { statusCode: number }).statusCode, 200);
  await bot.settle();
  const confirm = await bot.cardAction('merge.confirm', { mergeId: open.id, acknowledge: 'true' }, { user: allan });
  assert.match(cardText(cardOf(confirm)), /bank and tax/i);
  assert.equal((await store.merges.get(open.id))?.status, 'completed');
  await bot.settle();
  const pga = await store.accounts.get('6666666');
  assert.deepEqual(pga?.locations.map((l) => l.mpnId).sort(), ['1111111', '2222222', '6666667']);
  assert.equal((await store.accounts.get('1111111'))?.status, 'merged');
  // The manager heard of every step; Christie (a user with a role) sees the merge in the history.
  const lidiaCards = cardsOf(lidia).map(cardText).join('\n');
  for (const step of [/invited/i, /accepted|approved/i, /completed|merged/i]) assert.match(lidiaCards, step);
  await bot.message('history', { user: christie });
  assert.match(cardText(lastCard(christie)), /Contoso/);

  // The export carries what was registered, and reads back into a new store as it was.
  const exported = await exportAccounts(store);
  const copy = createMemoryStore();
  const imported = await importAccounts(copy, exported);
  assert.ok(imported.ok, JSON.stringify(imported));
  const back = await copy.accounts.get('6666666');
  assert.deepEqual(back?.audit, pga?.audit);
  assert.deepEqual(back?.users, pga?.users);
  assert.deepEqual(bot.errorLogs(), []);
}
