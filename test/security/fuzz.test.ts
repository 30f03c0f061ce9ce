/**
 * Hostile input over real HTTP: thousands of malformed and adversarial activities and
 * invoke payloads (wrong types, huge and odd unicode strings, `__proto__`/`constructor`
 * keys, template expressions, markdown and HTML, missing fields, unknown verbs and invoke
 * names, corrupted JSON) from identities that may not act. Whatever arrives: no 5xx, no
 * unhandled error, the server keeps answering, the merge data is unchanged,
 * `Object.prototype` stays clean and memory stays bounded.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { DEMO } from '../../services/demo/demoData.js';
import type { Store } from '../../services/store/types.js';
import { MERGE_VERBS } from '../../cards/mergeRequest.js';
import { GUEST_USER, TestBot, teamsActivity, type TeamsUser } from '../harness/index.js';
import { asUser, seedInvitation } from './support.js';

const BATCHES = 5;
const RUNS_PER_BATCH = 400;
/** Heap growth allowed from the first batch to the last, after a full GC. */
const MAX_HEAP_GROWTH_BYTES = 48 * 1024 * 1024;

/** People who may not decide the seeded merge, nor start another one that could succeed. */
const IDENTITIES: readonly TeamsUser[] = [
  GUEST_USER,
  asUser(DEMO.contoso.user),
  asUser(DEMO.fabricam.user),
  asUser(DEMO.fabricam.incentivesAdmin),
  asUser(DEMO.northwind.admin),
  {
    aadObjectId: '0f0f0f0f-0000-4000-8000-00000000dead',
    tenantId: DEMO.fabricam.tenantId,
    name: DEMO.fabricam.admin.displayName,
  },
];
const CONVERSATIONS = ['a:fuzz-1', 'a:fuzz-2', '__proto__', 'constructor', `a:${'x'.repeat(1000)}`];

const HOSTILE_TEXT = [
  '__proto__',
  'constructor',
  'prototype',
  '${merge.id}',
  '${$root.secret}',
  "${if(true, 'a', 'b')}",
  '${json(\'{"a":1}\')}',
  '{{x}}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '**bold** [click](javascript:alert(1))',
  '![x](https://attacker.example/x.png)',
  '\u202Eevil\u202C',
  '\u0000\u0001\u001f',
  '\uFEFF\u200B',
  '\uD800',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦',
  'ﷺ'.repeat(50),
  '%s%s%n',
  '../../etc/passwd',
  'help',
  'start merge',
  'history',
  'history 1111111',
  'cancel',
  'check domain',
  'check x@contoso.com',
  'samenvoegen',
  '1111111',
  '3333333',
  '7777777',
  'yes',
  'no',
  '',
  ' ',
  'null',
  'NaN',
  '1e309',
];
const KNOWN_VERBS = Object.values(MERGE_VERBS);
const INVOKE_NAMES = [
  'adaptiveCard/action',
  'composeExtension/query',
  'task/fetch',
  'signin/verifyState',
  'application/search',
  'fileConsent/invoke',
  'healthCheck',
  'config/fetch',
  'message/submitAction',
];
const ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'typing',
  'event',
  'endOfConversation',
  'invokeResponse',
  'trace',
  'handoff',
];
const FIELDS = [
  'type',
  'id',
  'serviceUrl',
  'channelId',
  'from',
  'recipient',
  'conversation',
  'text',
  'textFormat',
  'locale',
  'value',
  'name',
  'channelData',
  'attachments',
  'entities',
  'membersAdded',
  'replyToId',
  'timestamp',
];

const hostileText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom(...HOSTILE_TEXT))
      .map(([a, b]) => `${a} ${b}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => '👩‍👩‍👧‍👦'.repeat(n)) },
);
const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'mergeId',
    'reason',
    'verb',
    'action',
    'data',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'id',
    'type',
    'tenant',
  ),
  fc.string({ maxLength: 12 }),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
  ),
}));
const hostileObject = fc.dictionary(hostileKey, hostileValue, { maxKeys: 6 });

interface FuzzCase {
  readonly label: string;
  readonly body: string;
}

function fuzzCases(serviceUrl: string, mergeId: string): fc.Arbitrary<FuzzCase> {
  const identity = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...IDENTITIES).map((user) => ({ user })) },
    // The identity without an Entra object id, or with a hostile name.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...IDENTITIES)
        .map((user) => ({ user, from: { id: `29:${user.aadObjectId}`, name: user.name } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...IDENTITIES), hostileText)
        .map(([user, name]) => ({ user, from: { id: `29:${user.aadObjectId}`, name, aadObjectId: user.aadObjectId } })),
    },
  );
  const envelope = fc.record({
    who: identity,
    conversationId: fc.constantFrom(...CONVERSATIONS),
    locale: fc.oneof(
      fc.constantFrom('en-US', 'nl-NL', 'nl', '', '__proto__', 'constructor', 'x'.repeat(64)),
      hostileText.filter((s) => s.length <= 64),
    ),
  });
  const activity = (
    type: string,
    env: { who: { user: TeamsUser; from?: unknown }; conversationId: string; locale: string },
    extra: Record<string, unknown>,
  ): Record<string, unknown> =>
    teamsActivity(serviceUrl, type, {
      user: env.who.user,
      conversationId: env.conversationId,
      locale: env.locale,
      extra: { ...(env.who.from ? { from: env.who.from } : {}), ...extra },
    });
  const json =
    (label: string) =>
    (value: unknown): FuzzCase => ({ label, body: JSON.stringify(value) });

  const message = fc
    .tuple(envelope, hostileText, fc.option(hostileValue), fc.option(fc.array(hostileObject, { maxLength: 3 })))
    .map(([env, text, value, attachments]) =>
      activity('message', env, { text, ...(value === null ? {} : { value }), ...(attachments ? { attachments } : {}) }),
    )
    .map(json('message'));
  const cardData = fc
    .tuple(fc.oneof(fc.constant(mergeId), hostileText), hostileText, hostileObject)
    .map(([id, reason, rest]) => ({ ...rest, mergeId: id, reason }));
  const cardAction = fc
    .tuple(
      envelope,
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.record({
            action: fc.record({
              type: fc.oneof(fc.constant('Action.Execute'), hostileText),
              verb: fc.oneof(fc.constantFrom(...KNOWN_VERBS), hostileText),
              data: fc.oneof(cardData, hostileValue),
            }),
            trigger: fc.oneof(fc.constantFrom('manual', 'automatic'), hostileText),
          }),
        },
        { weight: 1, arbitrary: hostileValue },
      ),
      fc.option(hostileText),
    )
    .map(([env, value, replyToId]) =>
      activity('invoke', env, { name: 'adaptiveCard/action', value, ...(replyToId === null ? {} : { replyToId }) }),
    )
    .map(json('card action'));
  const otherInvoke = fc
    .tuple(envelope, fc.oneof(fc.constantFrom(...INVOKE_NAMES), hostileText), fc.option(hostileValue))
    .map(([env, name, value]) => activity('invoke', env, { name, ...(value === null ? {} : { value }) }))
    .map(json('invoke'));
  const otherType = fc
    .tuple(
      envelope,
      fc.oneof(
        fc.constantFrom(...ACTIVITY_TYPES),
        hostileText.filter((s) => s.length > 0 && s.length <= 64),
      ),
      hostileObject,
      fc.option(fc.array(fc.record({ id: hostileText, name: hostileText }), { maxLength: 3 })),
    )
    .map(([env, type, extra, members]) =>
      activity(type, env, { ...extra, ...(members ? { membersAdded: members } : {}) }),
    )
    .map(json('other type'));
  const mutated = fc
    .tuple(envelope, fc.constantFrom(...FIELDS), fc.oneof(hostileValue, fc.constant(undefined)))
    .map(([env, field, value]) => ({ ...activity('message', env, { text: 'help' }), [field]: value }))
    .map(json('mutated field'));
  const corrupted = fc
    .tuple(
      message,
      fc.nat(),
      fc.oneof(
        fc.constant(''),
        hostileText.filter((s) => s.length < 100),
      ),
    )
    .map(([c, at, junk]) => ({ label: 'corrupted JSON', body: c.body.slice(0, at % (c.body.length + 1)) + junk }));
  const pollution = fc
    .tuple(
      envelope,
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.constantFrom('top', 'value', 'data', 'channelData', 'from'),
    )
    .map(([env, key, where]) => {
      const poison =
        key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes","toString":"x","isAdmin":true}';
      const base = activity('invoke', env, {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: MERGE_VERBS.accept, data: { mergeId } } },
      });
      const raw = JSON.stringify(base);
      const body =
        where === 'top'
          ? `{"${key}":${poison},${raw.slice(1)}`
          : where === 'data'
            ? raw.replace('"data":{', `"data":{"${key}":${poison},`)
            : where === 'value'
              ? raw.replace('"value":{', `"value":{"${key}":${poison},`)
              : where === 'from'
                ? raw.replace('"from":{', `"from":{"${key}":${poison},`)
                : raw.replace('"channelData":{', `"channelData":{"${key}":${poison},`);
      return { label: `pollution ${key} in ${where}`, body };
    });

  return fc.oneof(
    { weight: 4, arbitrary: message },
    { weight: 4, arbitrary: cardAction },
    { weight: 2, arbitrary: otherInvoke },
    { weight: 2, arbitrary: otherType },
    { weight: 2, arbitrary: mutated },
    { weight: 1, arbitrary: corrupted },
    { weight: 2, arbitrary: pollution },
  );
}

/** The merge data an unauthorized request must never change. */
async function mergeData(store: Store): Promise<string> {
  const merges = await Promise.all(
    [DEMO.contoso.globalMpnId, DEMO.fabricam.globalMpnId, DEMO.northwind.globalMpnId].map((id) =>
      store.merges.listByAccount(id),
    ),
  );
  return JSON.stringify({
    accounts: await store.accounts.list(),
    merges,
    mergeCount: await store.merges.count(),
    sentCards: await store.sentCards.count(),
  });
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('security: hostile input (fuzz over HTTP)', function () {
  this.timeout(120_000);
  let bot: TestBot;
  let mergeId: string;
  before(async () => {
    bot = await TestBot.start({ env: { LOG_LEVEL: 'warn' } });
    // The invitation's own deliveries are done before the snapshot.
    mergeId = await seedInvitation(bot);
  });
  after(async () => {
    await bot.stop();
  });

  it('survives thousands of adversarial requests: no 5xx, no unhandled error, no state change, bounded memory', async () => {
    const gc = exposeGc();
    const before = await mergeData(bot.app.store);
    const statuses = new Map<number, number>();
    const labels = new Map<string, number>();
    const errors: string[] = [];
    const heap: number[] = [];
    let cases = 0;
    let withProtoKey = 0;
    let hiddenCards = 0;
    const seeded = await bot.app.store.merges.get(mergeId);
    assert.ok(seeded);
    /** Whether the activity's sender (object id + tenant, as the bot reads them) may see the seeded merge. */
    const mayView = async (body: string): Promise<boolean> => {
      try {
        const activity = JSON.parse(body) as {
          from?: { aadObjectId?: unknown };
          conversation?: { tenantId?: unknown };
          channelData?: { tenant?: { id?: unknown } };
        };
        const aadObjectId = activity.from?.aadObjectId;
        const tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
        if (typeof aadObjectId !== 'string' || typeof tenantId !== 'string') return false;
        return await bot.app.merges.canView(seeded, { aadObjectId, tenantId });
      } catch {
        return false;
      }
    };
    const started = Date.now();

    for (let batch = 0; batch < BATCHES; batch++) {
      await fc.assert(
        fc.asyncProperty(fuzzCases(bot.connector.url, mergeId), async (c) => {
          cases++;
          if (c.body.includes('"__proto__"')) withProtoKey++;
          const kind = c.label.split(' ')[0] ?? c.label;
          labels.set(kind, (labels.get(kind) ?? 0) + 1);
          const callsBefore = bot.connector.calls.length;
          const res = await bot.post(c.body);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          // The view rule: no answer names the seeded merge to someone who may not see it.
          if (!(await mayView(c.body))) {
            const shown = [
              res.text,
              ...bot.connector.calls.slice(callsBefore).map((call) => JSON.stringify(call.body ?? '')),
            ].join('\n');
            assert.ok(
              !shown.includes(mergeId) && !shown.includes('Fabricam'),
              `${c.label}: the merge was shown to someone outside it: ${c.body.slice(0, 300)}`,
            );
            if (shown.includes('not available to you')) hiddenCards++;
          }
          assert.ok(res.status < 500, `${c.label}: status ${res.status} for ${c.body.slice(0, 300)}`);
          assert.ok(!/\.[cm]?[jt]s:\d+:\d+|node_modules/.test(res.text), 'no stack trace in a response');
        }),
        { numRuns: RUNS_PER_BATCH, seed: 0x5ec0 + batch, endOnFailure: true },
      );
      errors.push(...bot.errorLogs().map((l) => `${String(l.msg)}: ${JSON.stringify(l.err ?? '').slice(0, 200)}`));
      bot.logs.length = 0;
      bot.connector.clear();
      gc();
      heap.push(process.memoryUsage().heapUsed);
    }
    const seconds = (Date.now() - started) / 1000;
    const growth = (heap.at(-1) ?? 0) - (heap[0] ?? 0);
    console.log(
      `      fuzz: ${cases} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `kinds ${JSON.stringify(Object.fromEntries(labels))}; minimal cards for outsiders ${hiddenCards}; heap after GC ${heap.map((h) => (h / 2 ** 20).toFixed(1)).join(' → ')} MB`,
    );

    assert.equal(cases, BATCHES * RUNS_PER_BATCH);
    assert.ok(hiddenCards > 20, `outsiders were given the minimal card (${hiddenCards} times)`);
    assert.ok(withProtoKey > 100, `"__proto__" keys were sent (${withProtoKey})`);
    assert.deepEqual(errors, [], 'no unhandled error in any turn');
    assert.equal((await bot.get('/healthz')).status, 200, 'still healthy');
    assert.equal((await bot.message('help')).status, 200, 'still serving');
    assert.equal(await mergeData(bot.app.store), before, 'accounts, merges and delivered cards unchanged');
    assert.equal(
      (await bot.app.store.merges.get(mergeId))?.audit.length,
      1,
      'the seeded merge has only its invitation in the audit trail',
    );
    assert.deepEqual(Object.keys(Object.prototype), [], 'Object.prototype is not polluted');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(growth < MAX_HEAP_GROWTH_BYTES, `heap grew ${(growth / 2 ** 20).toFixed(1)} MB across batches`);
  });

  it('refuses bodies over the size limit, with or without a Content-Length, and keeps serving', async () => {
    const big = JSON.stringify(bot.activity('message', { extra: { text: 'x'.repeat(300 * 1024) } }));
    assert.equal((await bot.post(big)).status, 413);
    // Chunked: no Content-Length, the limit applies while reading.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const piece = new TextEncoder().encode(big.slice(0, 64 * 1024));
        for (let i = 0; i < 8; i++) controller.enqueue(piece);
        controller.close();
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    };
    const res = await fetch(`${bot.url}/api/messages`, init);
    assert.equal(res.status, 413);
    assert.equal((await bot.message('help')).status, 200);
  });
});
