/**
 * A whole conversation in Dutch (Teams locale nl-NL) over real HTTP: help, both
 * work-account checks, start merge with a refused and an accepted MPN ID, the preview,
 * the invitation, approve, confirm, history and the audit trail, cancel and an unknown
 * command. Everything the two people see (messages, cards sent, cards updated in place,
 * card-click answers) must be Dutch: no text of the English catalog may appear in it.
 */
import assert from 'node:assert/strict';
import { TestBot, cardText, personalConversationId, type TeamsUser } from '../harness/index.js';
import { DEMO } from '../../services/demo/demoData.js';
import { catalogKeys, t, type MessageKey } from '../../services/i18n/index.js';
import { startWorld, type World } from '../workAccount/fixtures.js';

const NL = 'nl-NL';
const asUser = (p: { aadObjectId: string; tenantId: string; displayName: string }): TeamsUser => ({
  aadObjectId: p.aadObjectId,
  tenantId: p.tenantId,
  name: p.displayName,
});
const adele = asUser(DEMO.contoso.admin);
const nestor = asUser(DEMO.fabricam.admin);

/**
 * Pieces of English catalog text long enough to be recognizable (placeholders and
 * markdown split them), leaving out those that occur in Dutch text too (product names
 * such as "Partner Center" or "Microsoft Entra").
 */
export function englishFragments(): Array<{ readonly key: string; readonly fragment: string }> {
  const keys = catalogKeys().en as MessageKey[];
  const dutch = keys.map((key) => t('nl', key)).join('\n');
  const out: Array<{ key: string; fragment: string }> = [];
  for (const key of keys) {
    const english = t('en', key);
    if (english === t('nl', key)) continue;
    for (const piece of english.split(/\{\w+\}|\*\*|\n/)) {
      const fragment = piece.trim().replace(/^[\s.,:;!?()–-]+|[\s.,:;!?()–-]+$/g, '');
      if (fragment.length >= 12 && fragment.includes(' ') && !dutch.includes(fragment)) out.push({ key, fragment });
    }
  }
  return out;
}

/** Everything shown to `user`: message texts, cards sent and cards updated in place. */
function seenBy(bot: TestBot, user: TeamsUser): string[] {
  const conversation = personalConversationId(user);
  const sent = bot.connector
    .sent(conversation)
    .map((a) => [typeof a.text === 'string' ? a.text : '', cardText(a.attachments ?? [])].join('\n'));
  const updated = bot.connector
    .updates(conversation)
    .map((c) => cardText((c.body as { attachments?: unknown }).attachments ?? []));
  return [...sent, ...updated];
}

describe('a Dutch conversation (locale nl-NL)', () => {
  let world: World;
  let bot: TestBot;
  const answers: string[] = [];

  before(async () => {
    world = await startWorld();
    bot = await TestBot.start({ deps: () => ({ workAccount: world.service() }) });
  });
  after(async () => {
    await bot.stop();
    await world.close();
  });

  const say = async (user: TeamsUser, text: string, extra?: Record<string, unknown>): Promise<void> => {
    const res = await bot.message(text, { user, locale: NL, ...(extra ? { extra } : {}) });
    assert.equal(res.status, 200, `"${text}" was accepted`);
  };
  const click = async (user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<void> => {
    const res = await bot.cardAction(verb, data, { user, locale: NL });
    const body = res.json as { statusCode?: number; value?: unknown };
    assert.equal(body.statusCode, 200, `${verb} answered with a card`);
    answers.push(cardText(body.value));
    await bot.settle();
  };

  it('is Dutch everywhere, from help to the audit trail', async () => {
    await bot.install({ user: nestor, locale: NL });
    await bot.install({ user: adele, locale: NL });
    await say(adele, 'hulp');
    await say(adele, 'domein controleren');
    await say(adele, 'iemand@gmail.com');
    await say(adele, 'controleer jane@contoso.com');
    await say(adele, 'controleer ???');
    await say(adele, 'annuleren');
    await say(adele, 'annuleren');

    await say(adele, 'samenvoegen');
    await say(adele, '1234');
    await say(adele, '3333333');
    await say(adele, 'ja', { value: { choice: 'confirm' } });
    await bot.settle();
    const merge = await bot.app.store.merges.findOpenForAccount(DEMO.contoso.globalMpnId);
    assert.ok(merge, 'the invitation was created');

    await click(nestor, 'merge.reject', { mergeId: merge.id, reason: ' ' });
    await click(nestor, 'merge.accept', { mergeId: merge.id });
    await click(adele, 'merge.confirm', { mergeId: merge.id, acknowledge: 'true' });
    assert.equal((await bot.app.store.merges.get(merge.id))?.status, 'completed');

    await say(adele, 'geschiedenis');
    await say(adele, `geschiedenis ${merge.id}`);
    await say(nestor, 'geschiedenis');
    await say(adele, 'wat kun je');

    const seen = [...seenBy(bot, adele), ...seenBy(bot, nestor), ...answers].join('\n');
    // The conversation really happened, in Dutch.
    for (const key of [
      'core.help.title',
      'core.cancelled',
      'core.nothingToCancel',
      'core.notUnderstood',
      'mergeCards.previewCard.send',
    ] as const) {
      assert.ok(seen.includes(t('nl', key)), `Dutch text of ${key} was shown`);
    }
    assert.match(seen, /Nestor Wilke/);
    const english = englishFragments().filter(({ fragment }) => seen.includes(fragment));
    assert.deepEqual(english, [], 'English catalog text in a Dutch conversation');
    assert.deepEqual(bot.errorLogs(), []);
    assert.ok(
      world.graph.requests.length > 0 || world.authority.requests.length > 0,
      'the business domain was looked up',
    );
  });

  it('finds English text when there is some (the check itself works)', () => {
    const fragments = englishFragments();
    assert.ok(fragments.length > 50, `${fragments.length} English fragments to look for`);
    const sample = `${t('en', 'core.help.intro')}\n${t('en', 'core.nothingToCancel')}`;
    assert.ok(fragments.some(({ fragment }) => sample.includes(fragment)));
  });
});
