/**
 * The check-domain dialog with botbuilder-testing's DialogTestClient, Teams-shaped
 * activities, and the real work-account service against the loopback emulators.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { CheckDomainDialog, type CheckDomainDialogOptions } from '../../dialogs/checkDomainDialog.js';
import type { WorkAccountReport } from '../../services/workAccount/report.js';
import { validateCard } from '../cards/validate.js';
import { CONTOSO_TENANT, GLOBAL_ADMIN, PLAIN_USER, startWorld, type World } from './fixtures.js';

interface Who {
  /** `undefined`: the message carries none. */
  readonly aadObjectId?: string | undefined;
  readonly tenantId?: string | undefined;
  readonly locale?: string;
}

/** A Teams personal-chat message (Entra ids on `from` and `conversation`). */
function teams(text: string | undefined, who: Who = {}): Partial<Activity> {
  const aadObjectId = 'aadObjectId' in who ? who.aadObjectId : GLOBAL_ADMIN;
  const tenantId = 'tenantId' in who ? who.tenantId : CONTOSO_TENANT;
  return {
    type: 'message',
    channelId: 'msteams',
    ...(text !== undefined ? { text } : {}),
    locale: who.locale ?? 'en-US',
    from: { id: `29:${aadObjectId ?? 'anonymous'}`, name: 'Admin', ...(aadObjectId ? { aadObjectId } : {}) },
    conversation: {
      id: 'a:personal',
      isGroup: false,
      conversationType: 'personal',
      name: 'personal',
      ...(tenantId ? { tenantId } : {}),
    },
  };
}

/** Everything the bot sent for one user message, typing indicators left out. */
async function say(client: DialogTestClient, activity: Partial<Activity>): Promise<Array<Partial<Activity>>> {
  const replies: Array<Partial<Activity>> = [];
  for (
    let reply = (await client.sendActivity(activity)) as Partial<Activity> | undefined;
    reply;
    reply = client.getNextReply()
  ) {
    if (reply.type !== 'typing') replies.push(reply);
  }
  return replies;
}

function cardOf(reply: Partial<Activity> | undefined): AdaptiveCardJson {
  const content = reply?.attachments?.[0]?.content as AdaptiveCardJson | undefined;
  assert.ok(content, `expected a card, got ${JSON.stringify(reply?.text)}`);
  assert.deepEqual(validateCard(content), []);
  return content;
}

/** The card's visible text, markdown escapes removed. */
const visible = (card: AdaptiveCardJson): string => JSON.stringify(card).replace(/\\\\/g, '');

describe('check-domain dialog', () => {
  let world: World;

  function client(options: CheckDomainDialogOptions = {}): DialogTestClient {
    return new DialogTestClient(
      'msteams',
      new CheckDomainDialog({ workAccount: world.service(), logger: world.logger }),
      options,
    );
  }

  function finished(c: DialogTestClient): WorkAccountReport | undefined {
    assert.equal(c.dialogTurnResult.status, DialogTurnStatus.complete);
    return c.dialogTurnResult.result as WorkAccountReport | undefined;
  }

  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.close());

  it('refuses a personal address given with the command', async () => {
    const c = client({ initialInput: 'someone@gmail.com' });
    const [reply, ...rest] = await say(c, teams('check someone@gmail.com'));
    assert.equal(rest.length, 0);
    const card = cardOf(reply);
    assert.match(visible(card), /"text":"Personal mailboxes can't be used"/);
    assert.match(visible(card), /"title":"Mail provider","value":"Gmail"/);
    assert.match(visible(card), /Partner Center needs the work address your company gave you/);
    assert.match(
      visible(card),
      /"title":"How to create a work account","url":"https:\/\/learn\.microsoft\.com\/partner-center\/enroll\/create-work-account"/,
    );
    assert.equal(finished(c)?.verdict, 'not-allowed');
  });

  it('asks for the address, then reports a business domain with a tenant as ready', async () => {
    const c = client();
    const [prompt] = await say(c, teams('check domain'));
    assert.equal(
      prompt?.text,
      'Which work e-mail address or domain should I check? For example **you@contoso.com** or **contoso.com**. (Type **cancel** to stop.)',
    );
    assert.equal(c.dialogTurnResult.status, DialogTurnStatus.waiting);

    const [reply] = await say(c, teams('jane@contoso.com'));
    const card = cardOf(reply);
    assert.match(visible(card), /"text":"contoso\.com can be linked"/);
    assert.match(visible(card), /"title":"Organization","value":"Contoso Ltd"/);
    assert.match(
      visible(card),
      /Only if many of its users don't need Partner Center: then create a separate work account/,
    );
    assert.equal(finished(c)?.verdict, 'ready');
    const auth = world.graph.requests[0]?.authorization ?? '';
    assert.match(auth, /^Bearer ey/, 'Graph was called with the app-only token');
  });

  it('reads the mailto link Teams makes of a typed address', async () => {
    const c = client();
    await say(c, teams('check domain'));
    const [reply] = await say(c, teams('<a href="mailto:jane@contoso.com">jane@contoso.com</a>'));
    assert.match(visible(cardOf(reply)), /Ready/);
  });

  it('says there is no work account yet for a domain without a tenant', async () => {
    const c = client({ initialInput: 'nowhere.example' });
    const [reply] = await say(c, teams('check nowhere.example'));
    const card = cardOf(reply);
    assert.match(visible(card), /"text":"No work account yet"/);
    assert.match(visible(card), /You can create a work account during Partner Center enrollment/);
    assert.equal(finished(c)?.verdict, 'no-work-account');
  });

  it('suggests the headquarters domain for a regional one', async () => {
    const c = client({ initialInput: 'jane@contoso.co.uk' });
    const [reply] = await say(c, teams('check jane@contoso.co.uk'));
    const card = cardOf(reply);
    assert.match(visible(card), /"text":"Use your headquarters domain"/);
    assert.match(visible(card), /"title":"You checked","value":"contoso\.co\.uk"/);
    assert.match(visible(card), /"title":"Headquarters domain","value":"contoso.com"/);
    assert.match(
      visible(card),
      /"title":"Check contoso\.com instead","style":"positive","data":\{"command":"check contoso\.com"\}/,
    );
    assert.equal(finished(c)?.verdict, 'needs-different-domain');
  });

  it('tells an admin without Global or User Administrator that the role is needed', async () => {
    const c = client({ initialInput: 'contoso.com' });
    const [reply] = await say(c, teams('check contoso.com', { aadObjectId: PLAIN_USER }));
    const card = cardOf(reply);
    assert.match(visible(card), /"text":"Ask a Global administrator"/);
    assert.match(visible(card), /"title":"Needed","value":"Global administrator or User administrator"/);
    assert.equal(finished(c)?.verdict, 'needs-admin-role');
  });

  it('does not hang when Graph is down, and the card says what could not be checked', async () => {
    for (const route of ['findTenantByDomain', 'domains', 'directoryRoles'] as const)
      world.graph.fault(route, { delayMs: 30_000 });
    world.authority.fault({ status: 503 });
    const dialog = new CheckDomainDialog({
      workAccount: world.service({ graph: { ...world.config, timeoutMs: 300 } }),
      logger: world.logger,
    });
    const c = new DialogTestClient('msteams', dialog, { initialInput: 'contoso.com' });
    const [reply] = await say(c, teams('check contoso.com'));
    const card = cardOf(reply);
    assert.match(visible(card), /"text":"I couldn't check contoso\.com just now"/);
    assert.match(visible(card), /Could not be checked: Microsoft Graph did not answer in time/);
    assert.match(visible(card), /Try again in a few minutes/);
    assert.match(visible(card), /"title":"Check again","style":"positive","data":\{"command":"check contoso\.com"\}/);
    assert.equal(finished(c)?.verdict, 'cannot-check');
  });

  it('with only Graph down, still finds the tenant and lists the checks it could not make', async () => {
    for (const route of ['findTenantByDomain', 'domains', 'directoryRoles'] as const)
      world.graph.fault(route, { status: 500 });
    const c = client({ initialInput: 'contoso.com' });
    const card = cardOf((await say(c, teams('check contoso.com')))[0]);
    assert.match(visible(card), /"text":"contoso\.com has a work account"/);
    assert.match(
      visible(card),
      /"text":"Could not be checked: Microsoft Graph reported an error\. Try again in a few minutes\."/,
    );
    assert.match(visible(card), /❔ Your admin role: not checked \(no answer just now\)/);
    assert.match(visible(card), /Public sign-in metadata/);
  });

  it('reports unchecked identity when the message carries no Entra ids', async () => {
    const c = client({ initialInput: 'contoso.com' });
    const card = cardOf((await say(c, teams('check contoso.com', { aadObjectId: undefined, tenantId: undefined })))[0]);
    assert.match(visible(card), /Not checked: your message did not say who you are or which tenant you are in/);
    assert.match(visible(card), /not checked \(Teams did not say who you are\)/);
    assert.equal(finished(c)?.verdict, 'unconfirmed');
  });

  describe("cancel (the main dialog's interruption, as in the app)", () => {
    const mainClient = (): DialogTestClient =>
      new DialogTestClient(
        'msteams',
        new MainDialog({
          checkDomain: {
            dialog: new CheckDomainDialog({ workAccount: world.service(), logger: world.logger }),
            options: (intent) => (intent.input ? { initialInput: intent.input } : {}),
          },
        }),
      );

    it('cancels at the prompt, before anything is checked', async () => {
      const c = mainClient();
      await say(c, teams('check domain'));
      const replies = await say(c, teams('cancel'));
      assert.deepEqual(
        replies.map((r) => r.text),
        ['Cancelled. Nothing was changed.'],
      );
      assert.equal(finished(c), undefined);
      assert.equal(world.graph.requests.length + world.authority.requests.length, 0);
    });

    it('cancels after an invalid answer, in Dutch too', async () => {
      const c = mainClient();
      await say(c, teams('domein controleren', { locale: 'nl-NL' }));
      await say(c, teams('blabla', { locale: 'nl-NL' }));
      const replies = await say(c, teams('annuleren', { locale: 'nl-NL' }));
      assert.deepEqual(
        replies.map((r) => r.text),
        ['Geannuleerd. Er is niets gewijzigd.'],
      );
      finished(c);
    });
  });

  describe('garbage input', () => {
    it('re-prompts with a specific hint each time and stops politely after three tries', async () => {
      const c = client();
      await say(c, teams('check domain'));
      const first = await say(c, teams('###'));
      assert.deepEqual(
        first.map((r) => r.text),
        [
          "The domain isn't a valid domain name. Please type a work e-mail address such as you@contoso.com, or a domain such as contoso.com.",
        ],
      );
      const second = await say(c, teams('jane@@contoso.com'));
      assert.deepEqual(
        second.map((r) => r.text),
        [
          'An e-mail address has exactly one @. Please type a work e-mail address such as you@contoso.com, or a domain such as contoso.com.',
        ],
      );
      assert.equal(c.dialogTurnResult.status, DialogTurnStatus.waiting);
      const third = await say(c, teams('contoso'));
      assert.deepEqual(
        third.map((r) => r.text),
        ["I still couldn't read an e-mail address or domain, so I stopped. Type **check domain** to try again."],
      );
      assert.equal(finished(c), undefined);
      assert.equal(world.graph.requests.length + world.authority.requests.length, 0);
    });

    it('counts an invalid address given with the command as the first try, and recovers on a valid one', async () => {
      const c = client({ initialInput: 'you@localhost' });
      const [hint] = await say(c, teams('check you@localhost'));
      assert.equal(
        hint?.text,
        'A domain has at least one dot, like contoso.com. Please type a work e-mail address such as you@contoso.com, or a domain such as contoso.com.',
      );
      const [again] = await say(c, teams('10.0.0.1'));
      assert.match(again?.text ?? '', /^That is an IP address; I need a domain name\./);
      const [reply] = await say(c, teams('contoso.com'));
      assert.match(visible(cardOf(reply)), /Ready/);
    });

    it("stops after the command's input and two more invalid answers", async () => {
      const c = client({ initialInput: '@@@' });
      await say(c, teams('check @@@'));
      await say(c, teams('a b c'));
      const [last] = await say(c, teams('still wrong'));
      assert.match(last?.text ?? '', /I still couldn't read/);
      finished(c);
    });

    it('asks for text when the message has none (e.g. only an attachment)', async () => {
      const c = client();
      await say(c, teams('check domain'));
      const replies = await say(c, {
        ...teams(undefined),
        attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/x.png' }],
      });
      assert.deepEqual(
        replies.map((r) => r.text),
        ['Please type the address or domain as text.'],
      );
      assert.equal(c.dialogTurnResult.status, DialogTurnStatus.waiting);
    });

    it('prompts and hints in Dutch for a Dutch client', async () => {
      const c = client();
      const [prompt] = await say(c, teams('domein controleren', { locale: 'nl-NL' }));
      assert.match(prompt?.text ?? '', /^Welk werk-e-mailadres of domein moet ik controleren\?/);
      const [hint] = await say(c, teams('geen adres', { locale: 'nl-NL' }));
      assert.match(hint?.text ?? '', /^Het domein is geen geldige domeinnaam\. Typ een werk-e-mailadres/);
    });
  });
});
